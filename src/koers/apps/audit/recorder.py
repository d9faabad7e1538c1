"""Records an AuditEntry for every create, change and delete of the registered domain models.

pre_save remembers the stored values, post_save compares and records, post_delete records the
last values. Each registered model has a method ``audit_organisation()`` naming its tenant.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.db.models.fields.files import FieldFile

from koers.apps.audit.context import current_actor
from koers.apps.audit.models import AuditEntry

# app_label.Model -> fields left out of the trail (bookkeeping that changes on every scan)
DOMAIN_MODELS: dict[str, set[str]] = {
    "organisations.Organisation": set(),
    "organisations.Membership": set(),
    "agenda.ScanDocument": {"task_id", "queued_at", "started_at", "finished_at", "worker", "pages", "words"},
    "agenda.OrganisationCodebook": {"updated_at"},
    "agenda.VerdictReview": {"reviewed_at"},
    "agenda.OrganisationModel": {"model", "trained_at"},
    "agenda.ModelTraining": {"requested_at", "finished_at"},
}
_registered: dict[type, set[str]] = {}


def register(model: type[models.Model], exclude: set[str] | None = None) -> None:
    uid = f"audit-{model._meta.label}"
    _registered[model] = set(exclude or ()) | {"id"}
    pre_save.connect(_remember_old_values, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_record_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid + "-delete")


def register_domain_models() -> None:
    for label, exclude in DOMAIN_MODELS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        register(model, exclude)


def snapshot(instance: models.Model) -> dict:
    """JSON-ready values of the audited fields (foreign keys as their id)."""
    skipped = _registered.get(type(instance), {"id"})
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in skipped:
            continue
        values[field.name] = _plain(getattr(instance, field.attname))
    return values


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def _remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_old = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_old = snapshot(old) if old is not None else None


def _record_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    new = snapshot(instance)
    old = getattr(instance, "_audit_old", None)
    if created or old is None:
        changes = {name: [None, value] for name, value in new.items()}
        action = AuditEntry.Action.CREATE
    else:
        changes = {name: [old.get(name), value] for name, value in new.items() if old.get(name) != value}
        if not changes:
            return
        action = AuditEntry.Action.UPDATE
    instance._audit_old = new
    write(instance, action, changes)


def _record_delete(sender, instance, **kwargs):
    changes = {name: [value, None] for name, value in snapshot(instance).items()}
    write(instance, AuditEntry.Action.DELETE, changes)


def write(instance, action: str, changes: dict) -> AuditEntry:
    user, name = current_actor()
    organisation = instance.audit_organisation()
    return AuditEntry.objects.create(
        organisation_id=organisation.pk if organisation is not None else None,
        actor_id=user.pk if user is not None else None,
        actor_name=name[:150],
        action=action,
        model=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
    )
