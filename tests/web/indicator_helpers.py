"""A small effect-steering set-up for the indicator tests: a goal tree, an initiative, an indicator."""

from __future__ import annotations

import datetime as dt

from koers.apps.indicators import measuring
from koers.apps.indicators.models import Indicator
from koers.apps.portfolio import workflow
from koers.apps.portfolio.models import Goal, Initiative


def make_effects(organisation, secret="eigen", measurements=5):
    """Goals (a root with a sub-goal), an initiative serving the sub-goal, and an indicator on both with a
    rising monthly series and a target path from 50 to 80."""
    root = Goal.objects.create(organisation=organisation, code="D1", title=f"{secret} dienstverlening")
    sub = Goal.objects.create(organisation=organisation, code="D1.1", title=f"{secret} digitaal loket",
                              parent=root, owner="Teamleider KCC")
    initiative = workflow.submit(Initiative(organisation=organisation, title=f"{secret} e-formulieren",
                                            problem="Papieren formulieren.", department="KCC"), None)
    initiative.goals.set([sub])
    indicator = Indicator.objects.create(organisation=organisation, name=f"{secret} digitaal aandeel", unit="%")
    indicator.goals.set([sub])
    indicator.initiatives.set([initiative])
    measuring.set_target(indicator, dt.date(2025, 1, 1), 50)
    measuring.set_target(indicator, dt.date(2026, 12, 1), 80)
    measuring.record(indicator, [measuring.Row(dt.date(2025, month, 1), 50 + 2 * month)
                                 for month in range(1, measurements + 1)])
    return {"goal": root, "sub": sub, "initiative": initiative, "indicator": indicator}
