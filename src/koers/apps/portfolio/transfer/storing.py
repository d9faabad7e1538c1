"""Storing a checked import, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _, ngettext

from koers.apps.portfolio import dependencies, effort
from koers.apps.portfolio.models import CriteriaFramework, Goal, Initiative, Score, Team, Transition
from koers.apps.portfolio.transfer.checking import _Row, check_table
from koers.apps.portfolio.transfer.columns import _STORED_FIELDS, SCORE_PREFIX
from koers.apps.portfolio.transfer.reading import read_table


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int
    teams_created: tuple[str, ...] = ()
    goals_created: tuple[str, ...] = ()

    def summary(self) -> str:
        counts = {"rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        rows = ngettext("%(rows)d rij gelezen", "%(rows)d rijen gelezen", self.rows) % counts
        created = ngettext("%(created)d initiatief nieuw", "%(created)d initiatieven nieuw", self.created) % counts
        return _("%(rows)s: %(created)s, %(updated)d bijgewerkt, %(unchanged)d ongewijzigd.") % {
            **counts, "rows": rows, "created": created}



def import_portfolio(organisation, data: bytes, filename: str = "", user=None) -> ImportResult:
    """Read a CSV or XLSX file in the export layout and store it, all or nothing.

    Raises PortfolioImportError (Dutch messages with row and column) without storing anything.
    """
    from contextlib import nullcontext

    from koers.apps.audit.context import acting_as

    table = read_table(data, filename)
    # The audit trail names the importing user, also outside a request (a command, a task).
    with acting_as(user) if user is not None else nullcontext(), transaction.atomic():
        # The atomic block also undoes a default framework created for the check.
        _provide_default_framework(organisation, table[0] if table else [], user)
        rows = check_table(organisation, table)
        return _store(organisation, rows, filename, user)


def _provide_default_framework(organisation, header: list[str], user) -> None:
    """Koers's default framework (a known definition) is created when a score column names it.

    Only the default framework, version 1, in an organisation that has no framework of that name:
    its criteria, scales and weights are defined by Koers, so nothing is guessed. Any other
    framework must exist before its scores can be imported.
    """
    from koers.apps.portfolio import framework as frameworks
    from koers.apps.portfolio.models import Criterion

    wanted = f"{SCORE_PREFIX}{frameworks.DEFAULT_NAME}:v1:"
    if not any(str(name).strip().startswith(wanted) for name in header):
        return
    if CriteriaFramework.objects.filter(organisation=organisation, name=frameworks.DEFAULT_NAME).exists():
        return
    created = CriteriaFramework.objects.create(organisation=organisation, name=frameworks.DEFAULT_NAME, version=1,
                                               created_by=user if getattr(user, "is_authenticated", False) else None)
    for order, (code, name, description, weight) in enumerate(frameworks.DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(framework=created, code=code, name=name, description=description,
                                 scale_min=1, scale_max=5, weight=weight, order=order)
    frameworks.publish(created, user)


def _store(organisation, rows: list[_Row], filename: str, user) -> ImportResult:
    teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
    goals = {goal.code: goal for goal in Goal.objects.filter(organisation=organisation)}
    teams_created, goals_created = [], []
    for code in sorted({team for row in rows for team, _quarter in row.effort}):
        if code not in teams:
            teams[code] = Team.objects.create(organisation=organisation, code=code, name=code)
            teams_created.append(code)
    for code in sorted({code for row in rows for code in (row.goals or [])}):
        if code not in goals:
            goals[code] = Goal.objects.create(organisation=organisation, code=code, title=code)
            goals_created.append(code)

    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    reason = (_("Geïmporteerd uit %(file)s") % {"file": filename}) if filename else _("Geïmporteerd")
    created = updated = 0
    by_reference: dict[str, Initiative] = {}
    reserved = {row.reference for row in rows if row.reference}
    for row in rows:
        instance = row.instance
        changed = bumped = False
        if row.is_new:
            instance.reference = row.reference or _free_reference(organisation, reserved)
            reserved.add(instance.reference)
            instance.submitted_by = actor
            instance.save()
            Transition.objects.create(initiative=instance, from_status="", to_status=instance.status, actor=actor,
                                      actor_name=actor.get_username() if actor else "", reason=reason)
            created += 1
        elif any(row.stored[name] != getattr(instance, name) for name in _STORED_FIELDS):
            instance.version += 1  # as ``editing.update`` does for every other route
            instance.save()
            changed = bumped = True
        by_reference[instance.reference] = instance
        if row.goals is not None:
            wanted = {goals[code].pk for code in row.goals}
            if wanted != set(instance.goals.values_list("pk", flat=True)):
                instance.goals.set(wanted)
                changed = True
        changed |= effort.update_effort(instance, {(teams[team], quarter): hours
                                                   for (team, quarter), hours in row.effort.items()})
        changed |= _store_scores(instance, row.scores, actor)
        row.changed, row.bumped = changed, bumped
    known = {item.reference: item for item in Initiative.objects.filter(organisation=organisation)}
    known.update(by_reference)
    # All at once: a file may turn a dependency around, which is a cycle only halfway.
    moved = dependencies.set_many({row.instance: [known[reference] for reference in row.requires]
                                   for row in rows if row.requires is not None})
    for row in rows:
        row.changed |= row.instance.pk in moved
    for row in rows:
        if not row.is_new and row.changed:
            updated += 1
            if not row.bumped:  # only goals, effort, scores or dependencies changed
                row.instance.version += 1
                row.instance.save(update_fields=["version", "updated_at"])
    return ImportResult(rows=len(rows), created=created, updated=updated,
                        unchanged=len(rows) - created - updated,
                        teams_created=tuple(teams_created), goals_created=tuple(goals_created))


def _free_reference(organisation, reserved: set[str]) -> str:
    """The next kenmerk I-001, I-002, ... not used in the organisation nor elsewhere in the file."""
    from koers.apps.portfolio.workflow import next_reference

    reference = next_reference(organisation)
    number = int(reference[2:]) if reference[2:].isdigit() else 1
    while reference in reserved or Initiative.objects.filter(organisation=organisation, reference=reference).exists():
        number += 1
        reference = f"I-{number:03d}"
    return reference


def _store_scores(initiative: Initiative, scores: dict, actor) -> bool:
    if not scores:
        return False
    changed = False
    stored = {s.criterion_id: s for s in Score.objects.filter(initiative=initiative, criterion_id__in=list(scores))}
    criteria = {}
    if any(pk not in stored for pk, value in scores.items() if value is not None):
        from koers.apps.portfolio.models import Criterion

        criteria = {c.pk: c for c in Criterion.objects.filter(pk__in=list(scores))}
    for criterion_id, value in scores.items():
        row = stored.get(criterion_id)
        if value is None:
            if row is not None:
                row.delete()
                changed = True
        elif row is None:
            criterion = criteria[criterion_id]
            Score.objects.create(initiative=initiative, framework_id=criterion.framework_id, criterion=criterion,
                                 value=value, scored_by=actor)
            changed = True
        elif row.value != value:
            row.value, row.scored_by = value, actor
            row.save(update_fields=["value", "scored_by", "updated_at"])
            changed = True
    return changed
