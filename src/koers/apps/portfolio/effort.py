"""Effort estimates of an initiative per team and quarter: the one place that checks and writes them.

The intake and effort pages, the API, the import and the demo all write through here, so the rules
(a team of the initiative's organisation, a quarter as JJJJ-Qn, hours a finite number of 0 or more,
each team and quarter once) hold whatever the route. Every row written is audited by the recorder.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.portfolio.models import QUARTER_RE, EffortEstimate, Initiative, Team

NEGATIVE_HOURS = _lazy("het aantal uren kan niet negatief zijn")

# (team or team code, quarter, hours)
Row = tuple[Team | str, str, float]


class EffortError(ValidationError):
    """A row that breaks a rule; ``index`` is its position in the rows given, so each route can name
    it its own way (a line on the page, a row in the API)."""

    def __init__(self, index: int, reason: str):
        super().__init__(reason, code="invalid")
        self.index, self.reason = index, str(reason)


def check_rows(organisation, rows: Iterable[Row]) -> list[tuple[Team, str, float]]:
    """The rows with their teams resolved; EffortError (Dutch) at the first row that breaks a rule."""
    teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
    checked, seen = [], set()
    for index, (team, quarter, hours) in enumerate(rows):
        code = team if isinstance(team, str) else team.code
        known = teams.get(code)
        if known is None or (not isinstance(team, str) and team.pk != known.pk):
            raise EffortError(index, _("onbekend team ‘%(team)s’") % {"team": code})
        if not QUARTER_RE.match(quarter or ""):
            raise EffortError(index, _("‘%(quarter)s’ is geen kwartaal; schrijf JJJJ-Qn, bijvoorbeeld 2026-Q1")
                              % {"quarter": quarter})
        if not math.isfinite(hours):
            raise EffortError(index, _("het aantal uren is geen getal"))
        if hours < 0:
            raise EffortError(index, NEGATIVE_HOURS)
        if (code, quarter) in seen:
            raise EffortError(index, _("dit team en kwartaal staan er al"))
        seen.add((code, quarter))
        checked.append((known, quarter, float(hours)))
    return checked


def replace_effort(initiative: Initiative, rows: Iterable[Row]) -> bool:
    """Make the initiative's effort exactly ``rows``; rows not named are deleted. True if anything changed."""
    return _write(initiative, check_rows(initiative.organisation, rows), drop=None)


def update_effort(initiative: Initiative, changes: Mapping[tuple[Team | str, str], float | None]) -> bool:
    """Set the rows named in ``changes`` (hours None deletes one) and keep the others, as an import
    column does. True if anything changed."""
    if not changes:
        return False
    keep = [(team, quarter, hours) for (team, quarter), hours in changes.items() if hours is not None]
    drop = {(team if isinstance(team, str) else team.code, quarter)
            for (team, quarter), hours in changes.items() if hours is None}
    return _write(initiative, check_rows(initiative.organisation, keep), drop=drop)


def _write(initiative: Initiative, rows: list[tuple[Team, str, float]], drop: set | None) -> bool:
    """Unchanged rows stay, changed hours are updated in place, the rest is created or deleted."""
    changed = False
    with transaction.atomic():
        stored = {(row.team.code, row.quarter): row
                  for row in EffortEstimate.objects.filter(initiative=initiative).select_related("team")}
        for team, quarter, hours in rows:
            row = stored.pop((team.code, quarter), None)
            if row is None:
                EffortEstimate.objects.create(initiative=initiative, team=team, quarter=quarter, hours=hours)
            elif row.hours != hours:
                row.hours = hours
                row.save(update_fields=["hours"])
            else:
                continue
            changed = True
        for key, row in stored.items():
            if drop is None or key in drop:
                row.delete()
                changed = True
    return changed
