"""A small channel-mix set-up: two quarters of counts for one service with two age groups, and a
balie whose opening hours shrink while the oldest group still uses it for half of its contacts."""

from __future__ import annotations

import datetime as dt

from koers.apps.channels import recording

Q1, Q2 = dt.date(2025, 1, 1), dt.date(2025, 4, 1)


def make_channels(organisation, secret="eigen", shrink=True):
    service = f"{secret} paspoort"
    counts = []
    for period in (Q1, Q2):
        counts += [recording.Count(period, service, "balie", 50, "75+"),
                   recording.Count(period, service, "webformulier", 50, "75+"),
                   recording.Count(period, service, "balie", 10, "18-40"),
                   recording.Count(period, service, "webformulier", 90, "18-40")]
    recording.record_counts(organisation, counts)
    supply = recording.set_supply(organisation, Q1, service, "balie", capacity=None, opening_hours=40)
    if shrink:
        recording.set_supply(organisation, Q2, service, "balie", capacity=None, opening_hours=20)
    return {"service": service, "supply": supply}
