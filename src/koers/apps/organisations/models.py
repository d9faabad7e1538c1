"""Organisations (tenants) and the memberships that give users a role in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.scan.municipalities import size_class_index

SIZE_BOUNDS = (50_000, 100_000)  # the size classes of the 2022 study: < 50k, 50k-100k, > 100k


class Role(models.TextChoices):
    VIEWER = "viewer", _("Lezer")
    CONTRIBUTOR = "contributor", _("Bijdrager")
    MANAGER = "manager", _("Beheerder")
    ADMIN = "admin", _("Organisatiebeheerder")


# Each role includes every right of the roles before it.
ROLE_ORDER = (Role.VIEWER, Role.CONTRIBUTOR, Role.MANAGER, Role.ADMIN)
ROLE_RANK = {role.value: rank for rank, role in enumerate(ROLE_ORDER)}


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        PROVINCIE = "provincie", _("Provincie")
        WATERSCHAP = "waterschap", _("Waterschap")
        SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, default=Kind.GEMEENTE)
    cbs_code = models.CharField(_("CBS-code"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("inwoners"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def size_class(self) -> str | None:
        """'<50k', '50k-100k' or '>100k'; None without a population."""
        return size_class(self.population)

    def audit_organisation(self):
        return self


def size_class(population: int | None) -> str | None:
    """Stable key of the size class: '<50k', '50k-100k' or '>100k' (a bound belongs to the middle)."""
    if population is None:
        return None
    return SIZE_CLASS_KEYS[size_class_index(population, SIZE_BOUNDS)]


SIZE_CLASS_KEYS = ("<50k", "50k-100k", ">100k")


SIZE_CLASS_LABELS = {
    "<50k": _("minder dan 50.000 inwoners"),
    "50k-100k": _("50.000 tot 100.000 inwoners"),
    ">100k": _("meer dan 100.000 inwoners"),
}


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("gebruiker"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="memberships", verbose_name=_("organisatie"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__username"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def audit_organisation(self):
        return self.organisation


def has_role(role: str | None, needed: str) -> bool:
    """True when ``role`` is ``needed`` or a higher role."""
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[needed]


class Invitation(models.Model):
    """An offer of membership sent to an e-mail address; it makes a member only once accepted.

    Only the SHA-256 of the link's token is stored. Withdrawing deletes the invitation.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations",
                                     verbose_name=_("organisatie"))
    email = models.EmailField(_("e-mailadres"), max_length=254)  # as the admin typed it
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    token_hash = models.CharField(_("controlewaarde"), max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("uitgenodigd door"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("geaccepteerd door"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"

    def audit_organisation(self):
        return self.organisation


class ApiToken(models.Model):
    """A user's named API key. Only its SHA-256 is stored; the first characters help recognise it."""

    class Lifetime(models.IntegerChoices):
        DAYS_30 = 30, _("30 dagen")
        DAYS_90 = 90, _("90 dagen")
        DAYS_365 = 365, _("een jaar")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("gebruiker"))
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin van de sleutel"), max_length=8, db_index=True)
    key_hash = models.CharField(_("controlewaarde"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
