"""The audit trail: an append-only record of who created, changed or deleted what, and when.

Append-only three times over: the ORM refuses updates and deletes, on PostgreSQL a trigger refuses
them too (migration 0002), and a hash chain (``chain``) shows any change made around both.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.apps.audit import chain


class AuditTrailReadOnly(PermissionDenied):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditTrailReadOnly("de audittrail kan niet worden gewijzigd")

    def delete(self):
        raise AuditTrailReadOnly("de audittrail kan niet worden verwijderd")

    def bulk_create(self, objs, *args, **kwargs):
        """One at a time, so each entry is linked into the hash chain."""
        objs = list(objs)
        with transaction.atomic():
            for entry in objs:
                entry.save()
        return objs


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("aangemaakt")
        UPDATE = "update", _("gewijzigd")
        DELETE = "delete", _("verwijderd")

    # No database constraints: entries outlive the organisation, user or object they describe.
    organisation = models.ForeignKey("organisations.Organisation", null=True, blank=True,
                                     on_delete=models.DO_NOTHING, db_constraint=False,
                                     related_name="+", verbose_name=_("organisatie"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.DO_NOTHING, db_constraint=False,
                              related_name="+", verbose_name=_("door"))
    actor_name = models.CharField(_("door"), max_length=150)
    action = models.CharField(_("actie"), max_length=10, choices=Action.choices)
    model = models.CharField(_("soort gegeven"), max_length=100)  # app_label.model
    object_id = models.CharField(_("id"), max_length=64)
    object_repr = models.CharField(_("omschrijving"), max_length=300)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)  # {field: [old, new]}
    # Set in save(), before the hash is computed (auto_now_add would set it only after).
    created_at = models.DateTimeField(_("tijdstip"), editable=False, db_index=True)
    previous_hash = models.CharField(_("vorige hash"), max_length=64, blank=True, default="", editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, default="", editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.model} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailReadOnly("een auditregel kan niet worden gewijzigd")
        if self.created_at is None:
            self.created_at = timezone.now()
        with transaction.atomic():
            chain.link(self)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailReadOnly("een auditregel kan niet worden verwijderd")
