"""Demo channel data for Gemeente Voorbeeld: five services, four age groups, eight quarters up to the
current one, and one active inclusion warning (the oldest group still goes to the passport desk, whose
desks and opening hours are cut in the latest quarter).

``seed(organisation)`` does nothing when the current quarter is already there (a second ``make run``
writes no audit entries); in a later quarter it replaces the counts and supply, so the picture stays
current. The demo command calls it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from koers.apps.channels import recording
from koers.apps.channels.models import ChannelCount, ChannelSupply

QUARTERS = 8
# contacts per quarter
SERVICES = {"Paspoort en identiteitskaart": 1200, "Rijbewijs": 800, "Melding openbare ruimte": 1500,
            "Parkeervergunning": 600, "Uittreksel basisregistratie": 500}
# group -> (share of the contacts, digital share in the first quarter); it rises 2 points a quarter
GROUPS = {"18 tot 35 jaar": (0.3, 0.75), "35 tot 65 jaar": (0.4, 0.62), "65 tot 75 jaar": (0.15, 0.45),
          "75 jaar of ouder": (0.15, 0.25)}
OFFLINE = {"balie": 0.4, "telefoon": 0.45, "post": 0.15}  # split of the contacts that are not digital
ONLINE = {"webformulier": 0.5, "e-mail": 0.2, "app": 0.2, "chat": 0.1}
CUT_SERVICE = "Paspoort en identiteitskaart"


def quarters(today: dt.date | None = None) -> list[dt.date]:
    """The first days of the last ``QUARTERS`` quarters, oldest first, ending with today's."""
    today = today or dt.date.today()
    index = today.year * 4 + (today.month - 1) // 3
    return [dt.date(i // 4, 3 * (i % 4) + 1, 1) for i in range(index - QUARTERS + 1, index + 1)]


def counts(periods: list[dt.date]) -> list[recording.Count]:
    rows = []
    for t, period in enumerate(periods):
        for service, volume in SERVICES.items():
            for group, (weight, digital) in GROUPS.items():
                share = min(digital + 0.02 * t, 0.95)
                parts = {**{c: (1 - share) * p for c, p in OFFLINE.items()},
                         **{c: share * p for c, p in ONLINE.items()}}
                rows += [recording.Count(period, service, channel, round(volume * weight * part), group)
                         for channel, part in parts.items()]
    return rows


@transaction.atomic
def seed(organisation, today: dt.date | None = None) -> None:
    periods = quarters(today)
    if ChannelCount.objects.filter(organisation=organisation, period=periods[-1]).exists():
        return
    ChannelCount.objects.filter(organisation=organisation).delete()
    ChannelSupply.objects.filter(organisation=organisation).delete()
    recording.record_counts(organisation, counts(periods))
    recording.set_supply(organisation, periods[0], "", "balie", capacity=6, opening_hours=32)
    recording.set_supply(organisation, periods[0], "", "telefoon", capacity=8, opening_hours=40)
    recording.set_supply(organisation, periods[-1], CUT_SERVICE, "balie", capacity=4, opening_hours=20)
