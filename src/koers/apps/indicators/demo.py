"""Demo effect steering for Gemeente Voorbeeld (used by ``koers_demo``): sub-goals under the portfolio
demo's goals, and ten indicators with two years of monthly measurements up to today, target paths and
links to the demo initiatives. Seven come out "op koers", one "let op", one "uit koers" and one has
too few measurements. Idempotent: an existing goal or indicator is left alone.

The values are the target path plus a planned distance from it and a little seeded noise, so the
statuses do not depend on the date the demo is made (``today`` only sets where the series ends).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from koers.apps.indicators import defaults, measuring
from koers.apps.indicators.models import Indicator
from koers.apps.portfolio import demo as portfolio_demo
from koers.apps.portfolio.models import Goal, Initiative
from koers.effects.targets import target_at

MONTHS = 24
# Target points in months from the latest measurement: a baseline where the series starts, one a
# year later, and the next one a year ahead (the forecast runs to it).
TARGET_MONTHS = (-23, -11, 13)

ROOT_OWNERS = {"D1": "Manager Dienstverlening", "D2": "Chief Data Officer", "D3": "CISO",
               "D4": "Manager Bedrijfsvoering", "D5": "Regiocoördinator"}
# (code, parent, title, owner, description)
SUB_GOALS = [
    ("D1.1", "D1", "Digitaal waar het kan", "Teamleider Klantcontact",
     "Inwoners en ondernemers regelen hun zaken online, op een moment dat hun uitkomt."),
    ("D1.2", "D1", "Persoonlijke hulp voor wie dat nodig heeft", "Teamleider Klantcontact",
     "Wie het digitaal niet alleen kan, krijgt hulp aan de balie, in de bibliotheek of thuis."),
    ("D1.3", "D1", "Toegankelijk voor iedereen", "Webredactie",
     "Websites en apps zijn te gebruiken door iedereen, ook met een beperking."),
    ("D3.1", "D3", "Datalekken voorkomen", "Functionaris gegevensbescherming",
     "Minder datalekken, en wat er gebeurt wordt gemeld en geleerd."),
    ("D4.1", "D4", "Aanvragen sneller en in één keer goed", "Manager Vergunningen",
     "Een aanvraag is snel en zonder herstel afgehandeld."),
    ("D4.2", "D4", "Lagere kosten per aanvraag", "Controller",
     "Digitaal werken maakt elke afhandeling goedkoper."),
]


@dataclass(frozen=True)
class Plan:
    """One demo indicator: its target path (first, middle, next), where it ends against the path
    (``gap`` at the start and at the end, a share of the target on the good side; negative is
    behind) and the noise, also a share of the target."""

    name: str  # a default's key, or the name of an own indicator
    targets: tuple[float, float, float]
    gap: tuple[float, float] = (0.02, 0.03)
    noise: float = 0.008
    decimals: int = 1
    goals: tuple[str, ...] = ()
    initiatives: tuple[int, ...] = ()  # positions in the portfolio demo's INITIATIVES
    yearly: bool = False  # measured once a year: the demo's indicator with too few measurements


OWN = {  # the demo's one indicator that is not a shipped default
    "meldingen-opgelost": dict(
        name="Meldingen openbare ruimte binnen vijf werkdagen opgelost",
        meaning="Het deel van de meldingen over de openbare ruimte dat binnen vijf werkdagen is opgelost: "
                "merken melders dat hun melding iets uithaalt?",
        unit="%", source="Meldingensysteem openbare ruimte", data_lag="een maand"),
}
PLANS = [
    Plan("digitaal-aandeel", (48, 55, 66), goals=("D1.1",), initiatives=(7, 18, 19)),
    Plan("voltooiing-formulieren", (70, 76, 86), gap=(0.02, -0.025), goals=("D1.1",), initiatives=(4, 8, 28)),
    Plan("in-een-keer-goed", (74, 79, 88), goals=("D4.1",), initiatives=(3, 5)),
    Plan("doorlooptijd-vergunning", (42, 37, 28), gap=(0.0, -0.2), noise=0.02, decimals=0, goals=("D4.1",),
         initiatives=(5, 36)),
    Plan("tevredenheid-digitaal", (6.8, 7.0, 7.5), gap=(0.01, 0.02), noise=0.005, goals=("D1.1",),
         initiatives=(7, 35)),
    Plan("kosten-per-transactie", (14.5, 13.5, 11.5), gap=(0.01, 0.04), noise=0.01, decimals=2,
         goals=("D4.2",), initiatives=(3, 18)),
    Plan("digitale-hulp", (2.0, 2.4, 3.2), gap=(0.02, 0.06), noise=0.01, goals=("D1.2",), initiatives=(25,)),
    Plan("datalekken", (8, 6.5, 5), gap=(0.1, 0.2), noise=0.05, decimals=0, goals=("D3.1",), initiatives=(10, 23)),
    Plan("toegankelijkheid", (40, 60, 100), gap=(0.0, 0.0), decimals=0, goals=("D1.3",), initiatives=(34,),
         yearly=True),
    Plan("meldingen-opgelost", (61, 68, 80), gap=(0.01, 0.03), goals=("D4",), initiatives=(9,)),
]


def seed(organisation, today: dt.date | None = None) -> None:
    """Create the demo goals and indicators once, with series ending in the month of ``today``."""
    today = today or timezone.localdate()
    goals = _goals(organisation)
    for plan in PLANS:
        _indicator(organisation, plan, goals, today)


def _goals(organisation) -> dict[str, Goal]:
    goals = {}
    for order, (code, title) in enumerate(portfolio_demo.GOALS, start=1):
        goals[code], _created = Goal.objects.get_or_create(
            organisation=organisation, code=code, defaults={"title": title, "order": order})
        if not goals[code].owner and code in ROOT_OWNERS:
            goals[code].owner = ROOT_OWNERS[code]
            goals[code].save(update_fields=["owner"])
    for order, (code, parent, title, owner, description) in enumerate(SUB_GOALS, start=1):
        goals[code], _created = Goal.objects.get_or_create(
            organisation=organisation, code=code,
            defaults={"title": title, "parent": goals[parent], "owner": owner, "description": description,
                      "order": order})
    return goals


def _month(today: dt.date, offset: int) -> dt.date:
    """The first day of the month ``offset`` months from ``today``'s month."""
    index = today.year * 12 + today.month - 1 + offset
    return dt.date(index // 12, index % 12 + 1, 1)


def _indicator(organisation, plan: Plan, goals: dict[str, Goal], today: dt.date) -> None:
    fields = OWN.get(plan.name) or {"name": defaults.BY_KEY[plan.name].name}
    if Indicator.objects.filter(organisation=organisation, name=fields["name"]).exists():
        return
    if plan.name in OWN:
        indicator = Indicator.objects.create(organisation=organisation, **fields)
    else:
        indicator = defaults.add(organisation, plan.name)
    path = [(_month(today, months), value) for months, value in zip(TARGET_MONTHS, plan.targets)]
    indicator.owner = goals[plan.goals[0]].owner if plan.goals else ""
    indicator.baseline_date, indicator.baseline_value = path[0]
    indicator.frequency = Indicator.Frequency.YEARLY if plan.yearly else Indicator.Frequency.MONTHLY
    indicator.save()
    indicator.goals.set([goals[code] for code in plan.goals])
    indicator.initiatives.set(Initiative.objects.filter(
        organisation=organisation, reference__in=[f"V-{p + 1:03d}" for p in plan.initiatives]))
    for day, value in path:
        measuring.set_target(indicator, day, value)
    measuring.record(indicator, _series(plan, path, indicator.direction, indicator.source, today))


def _series(plan: Plan, path, direction: str, source: str, today: dt.date) -> list[measuring.Row]:
    rng = random.Random(plan.name)  # the same values on every run
    side = 1 if direction == Indicator.Direction.HIGHER else -1
    months = range(1 - MONTHS, 1, 12) if plan.yearly else range(1 - MONTHS, 1)
    rows = []
    for step, offset in enumerate(months):
        day = _month(today, offset)
        target = target_at(path, day)
        gap = plan.gap[0] + (plan.gap[1] - plan.gap[0]) * step / max(len(months) - 1, 1)
        value = target * (1 + side * gap + rng.uniform(-plan.noise, plan.noise))
        rows.append(measuring.Row(day, round(value, plan.decimals), source=source))
        if plan.name == "digitaal-aandeel":  # the digital share per age band, as context
            rows += [measuring.Row(day, round(min(value + shift, 100), 1), group=group, source=source)
                     for group, shift in (("18 tot 35 jaar", 12), ("35 tot 65 jaar", 3), ("65 jaar en ouder", -19))]
    return rows
