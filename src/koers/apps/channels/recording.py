"""The one way channel data is written (pages, API, import and demo all call these).

``record_counts`` stores a batch of contact counts all or nothing: every row is checked first and a
bad row raises :class:`CountError` naming the row and field. A count for a period, service, channel
and group that already has one replaces it, so a corrected file can be imported again.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from koers.apps.channels.models import ChannelCount, ChannelSupply, InclusionSettings
from koers.effects.channels import CHANNELS

TEXT_MAX = ChannelCount._meta.get_field("service").max_length
# Channel names as people write them -> channel id (compared in lower case, without spaces around).
SPELLINGS = {**{key: key for key in CHANNELS}, "email": "e-mail", "mail": "e-mail", "post/papier": "post",
             "papier": "post", "post en papier": "post", "brief": "post", "web": "webformulier",
             "web formulier": "webformulier", "online formulier": "webformulier", "formulier": "webformulier",
             "loket": "balie", "telefonisch": "telefoon", "whatsapp": "chat", "livechat": "chat"}


@dataclass(frozen=True)
class Problem:
    index: int  # position of the row in the batch, from 0
    field: str  # period, service, channel, group or contacts
    message: str


class CountError(ValueError):
    """A batch that cannot be stored; ``problems`` names every bad row and field."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems[:5]))


@dataclass(frozen=True)
class Count:
    period: dt.date
    service: str
    channel: str
    contacts: float
    group: str = ""


def channel_id(name: str) -> str:
    """The channel id for a name as people write it (Balie, E-mail, email, post/papier); ValueError if unknown."""
    key = SPELLINGS.get(" ".join(str(name).lower().split()))
    if key is None:
        raise ValueError(_("‘%(name)s’ is geen bekend kanaal; kies uit balie, telefoon, post/papier, e-mail, "
                           "webformulier, chat of app.") % {"name": name})
    return key


def period_start(date: dt.date) -> dt.date:
    """Periods are kept as the first day of their month."""
    return date.replace(day=1)


def check(rows: list[Count]) -> list[Problem]:
    problems, seen = [], {}
    for index, row in enumerate(rows):
        if not isinstance(row.period, dt.date):
            problems.append(Problem(index, "period", _("De periode ontbreekt.")))
        if not row.service.strip():
            problems.append(Problem(index, "service", _("De dienst ontbreekt.")))
        for field in ("service", "group"):
            if len(getattr(row, field)) > TEXT_MAX:
                problems.append(Problem(index, field, _("Deze tekst is langer dan %(n)d tekens.") % {"n": TEXT_MAX}))
        if row.channel not in CHANNELS:
            problems.append(Problem(index, "channel", _("Onbekend kanaal ‘%(name)s’.") % {"name": row.channel}))
        if not isinstance(row.contacts, (int, float)) or not math.isfinite(row.contacts) or row.contacts < 0:
            problems.append(Problem(index, "contacts", _("Het aantal contacten is geen getal van 0 of meer.")))
        period = period_start(row.period) if isinstance(row.period, dt.date) else None
        key = (period, row.service.strip(), row.channel, row.group.strip())
        if key in seen:
            problems.append(Problem(index, "period", _(
                "Deze periode, dienst, kanaal en groep komen al voor in rij %(n)d.") % {"n": seen[key] + 1}))
        seen.setdefault(key, index)
    return problems


@transaction.atomic
def record_counts(organisation, rows: list[Count]) -> tuple[int, int]:
    """Store ``rows``; returns (added, replaced). Nothing is stored on a problem."""
    problems = check(rows)
    if problems:
        raise CountError(problems)
    existing = {(c.period, c.service, c.channel, c.group): c for c in ChannelCount.objects.select_for_update().filter(
        organisation=organisation, period__in={period_start(row.period) for row in rows})}
    added = replaced = 0
    for row in rows:
        key = (period_start(row.period), row.service.strip(), row.channel, row.group.strip())
        current = existing.get(key)
        if current is None:
            existing[key] = ChannelCount.objects.create(organisation=organisation, period=key[0], service=key[1],
                                                        channel=key[2], group=key[3], contacts=float(row.contacts))
            added += 1
        elif current.contacts != float(row.contacts):
            current.contacts = float(row.contacts)
            current.save(update_fields=["contacts"])
            replaced += 1
    return added, replaced


def _amount(value, name: str, maximum: float | None = None) -> float | None:
    if value is None:
        return None
    if not math.isfinite(value) or value < 0 or (maximum is not None and value > maximum):
        raise ValueError(_("%(name)s is geen getal tussen 0 en %(max)s.") % {
            "name": name, "max": maximum if maximum is not None else "…"})
    return float(value)


@transaction.atomic
def set_supply(organisation, period: dt.date, service: str, channel: str, capacity: float | None,
               opening_hours: float | None) -> ChannelSupply:
    """The channel's capacity and opening hours from ``period`` on (service "" = every service)."""
    if channel not in CHANNELS:
        raise ValueError(_("Onbekend kanaal ‘%(name)s’.") % {"name": channel})
    if capacity is None and opening_hours is None:
        raise ValueError(_("Vul de capaciteit, de openingsuren of allebei in."))
    values = {"capacity": _amount(capacity, _("De capaciteit")),
              "opening_hours": _amount(opening_hours, _("Het aantal openingsuren per week"), 168)}
    supply, _created = ChannelSupply.objects.update_or_create(
        organisation=organisation, period=period_start(period), service=service.strip(), channel=channel,
        defaults=values)
    return supply


def threshold_of(organisation) -> float:
    settings = InclusionSettings.objects.filter(organisation=organisation).first()
    return settings.threshold if settings else InclusionSettings._meta.get_field("threshold").default


def set_threshold(organisation, threshold: float) -> InclusionSettings:
    if not math.isfinite(threshold) or not 0 <= threshold <= 1:
        raise ValueError(_("De drempel is een aandeel tussen 0 en 1 (bijvoorbeeld 0,2 voor 20 %)."))
    settings, _created = InclusionSettings.objects.update_or_create(organisation=organisation,
                                                                    defaults={"threshold": threshold})
    return settings
