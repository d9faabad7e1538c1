"""Records an AuditEntry for every create, change and delete of the registered domain models.

pre_save remembers the stored values, post_save compares and records, post_delete records the
last values. Many-to-many fields of a registered model are recorded too (m2m_changed), from either
side of the relation, so no page, API or import can change one unaudited. Each registered model has a
method ``audit_organisation()`` naming its tenant.
"""

from __future__ import annotations

import datetime
import decimal
import uuid

from django.apps import apps
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
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
    for field in model._meta.local_many_to_many:
        if field.name not in _registered[model]:
            m2m_changed.connect(_record_m2m, sender=field.remote_field.through, dispatch_uid=f"{uid}-{field.name}")


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


def _m2m_field(through, owner_model):
    return next(field for field in owner_model._meta.local_many_to_many if field.remote_field.through is through)


def _related_ids(owner, field) -> list:
    return sorted(getattr(owner, field.name).values_list("pk", flat=True))


def _record_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    """One UPDATE entry per owning object whose ids changed, {field: [ids before, ids after]}; ``set()``
    removes and then adds, so it may give two. From the other side (``goal.initiatives.add``) the
    owners are the objects named in ``pk_set``."""
    owner_model = model if reverse else type(instance)
    field = _m2m_field(sender, owner_model)
    if action.startswith("pre_"):
        if not reverse:
            owners = [instance]
        elif pk_set is None:  # clear(): every owner related now
            owners = list(owner_model._default_manager.filter(**{field.name: instance}))
        else:
            owners = list(owner_model._default_manager.filter(pk__in=pk_set))
        instance._audit_m2m = [(owner, _related_ids(owner, field)) for owner in owners]
    elif action.startswith("post_"):
        for owner, before in getattr(instance, "_audit_m2m", ()):
            after = _related_ids(owner, field)
            if after != before:
                write(owner, AuditEntry.Action.UPDATE, {field.name: [before, after]})
        instance._audit_m2m = []


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
