"""The audit trail as people read it: field labels and choice labels instead of stored names.

The stored entry keeps the raw names and values (that is the record); this only translates them
for the page. A model or field that no longer exists is shown as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist


@dataclass(frozen=True)
class Change:
    label: str
    old: object
    new: object


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _value(field, value):
    if value is None or field is None or not field.choices:
        return value
    return dict(field.flatchoices).get(value, value)


def kind(entry) -> str:
    """What kind of thing changed, e.g. "document" for agenda.scandocument."""
    model = _model(entry.model)
    return str(model._meta.verbose_name) if model is not None else entry.model


def changes(entry) -> list[Change]:
    model = _model(entry.model)
    rows = []
    for name, (old, new) in entry.changes.items():
        try:
            field = model._meta.get_field(name) if model is not None else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", "") or name)
        rows.append(Change(label, _value(field, old), _value(field, new)))
    return rows
