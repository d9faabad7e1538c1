"""The readiness scan's questionnaire, rounds, invitation links and anonymous responses.

Anonymity: a :class:`Response` has no link to its :class:`Invitation` or to a user. Its key is a
random UUID and it keeps only the day it arrived (as the invitation keeps only the day it was used),
so neither the order of keys nor a timestamp ties an answer to a link.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.apps.portfolio.models import OrganisationOwned
from koers.web.templatetags.koers_text import translated

MAX_LEVEL = 5


class Questionnaire(models.Model):
    """``organisation`` empty: the shipped default (published, shared by every organisation)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("organisatie"))
    name = models.CharField(_("naam"), max_length=200)
    version = models.PositiveIntegerField(_("versie"), default=1)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name", "-version", "id"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")

    def __str__(self) -> str:
        return f"{translated(self.name)} (v{self.version})"

    def audit_organisation(self):
        return self.organisation

    @property
    def editable(self) -> bool:
        return self.state == self.State.DRAFT and self.organisation_id is not None


class Dimension(models.Model):
    class Oecd(models.TextChoices):
        DIGITAL_BY_DESIGN = "digital_by_design", _("Digitaal ontworpen")
        DATA_DRIVEN = "data_driven", _("Datagedreven")
        PLATFORM = "government_as_a_platform", _("Overheid als platform")
        OPEN = "open_by_default", _("Standaard open")
        USER_DRIVEN = "user_driven", _("Gebruikersgericht")
        PROACTIVE = "proactive", _("Proactief")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="dimensions",
                                      verbose_name=_("vragenlijst"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    oecd = models.CharField(_("OESO-dimensie"), max_length=30, choices=Oecd.choices)
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["questionnaire", "order", "id"]
        verbose_name = _("dimensie")
        verbose_name_plural = _("dimensies")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="unique_dimension_code")]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self):
        return self.questionnaire.organisation


class Item(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items",
                                  verbose_name=_("dimensie"))
    text = models.TextField(_("vraag"))
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["dimension", "order", "id"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.text[:80]

    def audit_organisation(self):
        return self.dimension.questionnaire.organisation


class Level(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="levels", verbose_name=_("vraag"))
    value = models.PositiveSmallIntegerField(_("niveau"), validators=[MinValueValidator(1),
                                                                      MaxValueValidator(MAX_LEVEL)])
    description = models.TextField(_("beschrijving"))

    class Meta:
        ordering = ["item", "value"]
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaus")
        constraints = [models.UniqueConstraint(fields=["item", "value"], name="unique_level_value")]

    def __str__(self) -> str:
        return f"{self.value}: {self.description[:60]}"

    def audit_organisation(self):
        return self.item.dimension.questionnaire.organisation


class Round(OrganisationOwned):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="rounds",
                                      verbose_name=_("vragenlijst"))
    name = models.CharField(_("naam"), max_length=200)
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    min_respondents = models.PositiveSmallIntegerField(_("minimum aantal respondenten"), default=5,
                                                       validators=[MinValueValidator(3)])

    class Meta:
        ordering = ["organisation", "-opened_at", "id"]
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")

    def __str__(self) -> str:
        return self.name

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opened_at <= now and (self.closed_at is None or self.closed_at > now)


class Invitation(models.Model):
    """A respondent's link; only the SHA-256 of its token is stored, the link is shown once."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("ronde"))
    token_hash = models.CharField(_("controlewaarde"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    used_on = models.DateField(_("gebruikt op"), null=True, blank=True)  # a day only: see the module's note
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        ordering = ["round", "created_at", "id"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return _("Uitnodiging %(id)s") % {"id": self.pk}

    def audit_organisation(self):
        return self.round.organisation


class Response(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses", verbose_name=_("ronde"))
    submitted_on = models.DateField(_("ingevuld op"), default=timezone.localdate)

    class Meta:
        ordering = ["round", "submitted_on"]
        verbose_name = _("antwoordenset")
        verbose_name_plural = _("antwoordensets")

    def __str__(self) -> str:
        return _("Antwoorden in %(round)s") % {"round": self.round}

    def audit_organisation(self):
        return self.round.organisation


class Answer(models.Model):
    class Confidence(models.TextChoices):
        LOW = "low", _("Laag")
        MEDIUM = "medium", _("Gemiddeld")
        HIGH = "high", _("Hoog")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 verbose_name=_("antwoordenset"))
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers", verbose_name=_("vraag"))
    level = models.PositiveSmallIntegerField(_("niveau"), validators=[MinValueValidator(1),
                                                                      MaxValueValidator(MAX_LEVEL)])
    evidence = models.TextField(_("onderbouwing"), blank=True)
    evidence_link = models.URLField(_("link naar onderbouwing"), blank=True)
    confidence = models.CharField(_("zekerheid"), max_length=10, choices=Confidence.choices,
                                  default=Confidence.MEDIUM)

    class Meta:
        ordering = ["response", "item"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.level}"

    def audit_organisation(self):
        return self.response.round.organisation
