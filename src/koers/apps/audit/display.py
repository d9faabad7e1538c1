"""The audit trail as people read it: field labels, choice labels and related objects instead of
stored names and ids.

The stored entry keeps the raw names and values (that is the record); this only translates them
for the page, as text: yes/no for booleans, lists joined, "–" for nothing, numbers with the
reader's separators and stored timestamps (UTC) in the local time zone and the reader's format. A model or field that no longer exists is shown as stored. A foreign key (or a list
of many-to-many ids) is shown as the related object's name while that object exists, and as the
stored id marked "(verwijderd)" once it is gone. ``annotate`` looks the related objects up with one
query per related model for a whole page of entries, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.web.numbers import format_number

NOTHING = "–"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _target(field):
    """(related model, field the stored value refers to) of a forward relation, else None."""
    if field is None or not getattr(field, "is_relation", False) or field.related_model is None:
        return None
    if getattr(field, "concrete", False) and (field.many_to_one or field.one_to_one):
        return field.related_model, field.target_field
    if field.many_to_many and not field.auto_created:
        return field.related_model, field.related_model._meta.pk
    return None


def _ids(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _key(target_field, raw):
    """The stored value as the target field's Python value (hashable), or None if it cannot be one."""
    if isinstance(raw, (dict, list, bool)):
        return None
    try:
        return target_field.to_python(raw)
    except (ValidationError, TypeError, ValueError):
        return None


def _related_names(entries) -> dict:
    """{(related model, target attname): {key: str(object)}} for every related id on these entries,
    with one query per related model and target field."""
    wanted: dict[tuple, tuple] = {}
    for entry in entries:
        model = _model(entry.model)
        for name, pair in (entry.changes or {}).items():
            target = _target(_field(model, name))
            if target is None or not isinstance(pair, (list, tuple)):
                continue
            related, target_field = target
            group = wanted.setdefault((related, target_field.attname), (target_field, set()))
            for value in pair:
                for raw in _ids(value):
                    key = _key(target_field, raw)
                    if key is not None:
                        group[1].add(key)
    names: dict = defaultdict(dict)
    for (related, attname), (_target_field, keys) in wanted.items():
        if not keys:
            continue
        for obj in related._base_manager.filter(**{f"{attname}__in": keys}):
            names[(related, attname)][getattr(obj, attname)] = str(obj)
    return names


def _related_value(target, value, names):
    related, target_field = target
    found = names.get((related, target_field.attname), {})

    def one(raw):
        key = _key(target_field, raw)
        if key is not None and key in found:
            return found[key]
        return _("%(id)s (verwijderd)") % {"id": raw}

    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return ", ".join(one(raw) for raw in value) or None
    return one(value)


def _value(field, value, names):
    if value is None or field is None:
        return value
    target = _target(field)
    if target is not None and names is not None:
        return _related_value(target, value, names)
    if not field.choices:
        return value
    return dict(field.flatchoices).get(value, value)


def _stored_text(field, value: str) -> str:
    """A value stored as text by the recorder (timestamps, dates, amounts) as the reader writes it."""
    if isinstance(field, models.DateTimeField) and (moment := parse_datetime(value)):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        return date_format(moment, "DATETIME_FORMAT")
    if isinstance(field, models.DateField) and (day := parse_date(value)):
        return date_format(day, "DATE_FORMAT")
    if isinstance(field, models.DecimalField):
        try:
            return format_number(Decimal(value))
        except (InvalidOperation, ValueError):
            return value
    return value


def text(field, value) -> str:
    """``value`` (as stored, or a label or name from ``_value``) as text for the page: never a raw
    ``False``, ``[]`` or ``None``."""
    if value is None or value == "" or value == [] or value == {}:
        return NOTHING
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int):
        return str(value)  # ids, years and counts as stored: a year is never "2.026"
    if isinstance(value, float):
        return format_number(round(value, 6))
    if isinstance(value, (list, tuple)):
        parts = [text(None, item) for item in value]
        # numbers with a decimal comma would run together with ", "
        return ("; " if any(isinstance(item, (float, list)) for item in value) else ", ").join(parts)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {text(None, item)}" for key, item in value.items())
    return _stored_text(field, value) if isinstance(value, str) else str(value)


def kind(entry) -> str:
    """What kind of thing changed, e.g. "document" for agenda.scandocument."""
    model = _model(entry.model)
    return str(model._meta.verbose_name) if model is not None else entry.model


def changes(entry, names: dict | None = None) -> list[Change]:
    """The readable changes of one entry. Related objects are named only with ``names`` (from
    ``annotate``); without them a relation shows its stored id."""
    model = _model(entry.model)
    rows = []
    for name, (old, new) in entry.changes.items():
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", "") or name)
        rows.append(Change(label, text(field, _value(field, old, names)), text(field, _value(field, new, names))))
    return rows


def annotate(entries) -> list:
    """Set ``kind`` and ``readable_changes`` on each entry (one page of them), naming related
    objects with one query per related model."""
    entries = list(entries)
    names = _related_names(entries)
    for entry in entries:
        entry.kind, entry.readable_changes = kind(entry), changes(entry, names)
    return entries
