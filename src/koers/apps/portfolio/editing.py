"""Changing an existing initiative: the one place that stores its fields, goals, dependencies and
effort and raises its ``version``.

The edit page, the compliance form, the effort page and the API all write through ``update``. An
editor who started from version n passes it as ``expected_version``; if someone else saved the
initiative since, nothing is stored and ``StaleVersion`` says who changed which fields (read from
the audit trail), so the pages and the API can tell the user instead of silently undoing that change.
The row is locked while it is checked and written (``select_for_update`` on PostgreSQL; SQLite
takes its write lock when the transaction begins), so two saves of one version cannot both pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from koers.apps.audit import display
from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import dependencies, effort
from koers.apps.portfolio.models import Initiative

BOOKKEEPING = {"version", "updated_at"}  # changed by every save: never worth naming


@dataclass(frozen=True)
class OtherChange:
    field: str   # the model field's name
    label: str   # its Dutch label
    value: str   # the value stored now, as text
    actor: str   # who changed it last


class StaleVersion(Exception):
    """The initiative was saved by someone else after ``expected``; ``current`` is as stored now."""

    def __init__(self, current: Initiative, expected: int):
        self.current, self.expected = current, expected
        self.changes = changes_since(current, expected)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if not self.changes:
            return _("Iemand anders heeft dit initiatief intussen gewijzigd (nu versie %(version)d); niets is "
                     "opgeslagen.") % {"version": self.current.version}
        return _("Iemand anders heeft dit initiatief intussen gewijzigd (nu versie %(version)d); niets is "
                 "opgeslagen. Gewijzigd: %(changes)s.") % {
            "version": self.current.version,
            "changes": "; ".join(_("%(label)s door %(actor)s, nu ‘%(value)s’") % {
                "label": change.label, "actor": change.actor or _("onbekend"), "value": change.value}
                for change in self.changes)}


def changes_since(initiative: Initiative, version: int) -> list[OtherChange]:
    """The fields changed after ``version`` of ``initiative`` with their current value (as text), from the
    audit trail: every entry after the one that made ``version`` (the recorder notes each version)."""
    entries = AuditEntry.objects.filter(model=Initiative._meta.label_lower, object_id=str(initiative.pk))
    anchor = entries.filter(changes__version__1=version).order_by("-id").first()
    if anchor is None:
        return []
    found: dict[str, OtherChange] = {}
    for entry in display.annotate(entries.filter(id__gt=anchor.id).order_by("id")):
        for name, readable in zip(entry.changes, entry.readable_changes):
            if name not in BOOKKEEPING:
                found.pop(name, None)  # keep the order of the latest change
                found[name] = OtherChange(name, readable.label, readable.new, entry.actor_name)
    return list(found.values())


def update(initiative: Initiative, fields: Mapping | None = None, *, goals: Iterable | None = None,
           requires: Iterable[Initiative] | None = None, effort_rows: Iterable | None = None,
           expected_version: int | None = None) -> Initiative:
    """Store the given changes (None: leave as is) and raise the version if anything changed; returns the
    initiative as stored. Raises StaleVersion, or the services' own errors (DependencyError, EffortError)."""
    with transaction.atomic():
        current = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(current, expected_version)
        changed = [name for name, value in (fields or {}).items() if getattr(current, name) != value]
        for name in changed:
            setattr(current, name, fields[name])
        touched = bool(changed)
        if goals is not None:
            wanted = sorted({goal.pk for goal in goals})
            if wanted != sorted(current.goals.values_list("pk", flat=True)):
                current.goals.set(wanted)
                touched = True
        if requires is not None:
            touched |= dependencies.set_requires(current, requires)
        if effort_rows is not None:
            touched |= effort.replace_effort(current, effort_rows)
        if touched:
            current.version += 1
            current.save(update_fields=[*changed, "version", "updated_at"])
    return current
