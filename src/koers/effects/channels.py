"""Channel mix: the digital share of contacts, and a warning before a channel people need closes.

Public API::

    CHANNELS                  channel id -> Dutch label, in the order pages show them
    DIGITAL                   the digital channel ids
    SEED_DIGITAL_SHARE        0.53, the reference figure (see below)
    digital_share(counts) -> float | None
    ChannelPeriod(period, service, channel, group, contacts, capacity=None, opening_hours=None)
    InclusionWarning(service, group, channel, period, share, capacity_before, capacity_after,
                     opening_before, opening_after)
    inclusion_warnings(rows, threshold=0.2) -> list[InclusionWarning]
    share_series(rows, by=None) -> {key: [(period, share), ...]}

A ``ChannelPeriod`` row counts the contacts of one group with one service through one channel in
one period (``period`` is the date the period starts). Group "" means all residents; other groups
(age bands, districts) are the organisation's own names. ``capacity`` (for example staffed hours
or desks) and ``opening_hours`` describe the channel at that service in that period, so they are
the same on every group's row: give them on one row or repeat them, different values on two rows
of one period, service and channel raise ``EffectsError``.

The inclusion warning: for every service and every channel that is not digital, compare the
service's latest period with the period before it. When the channel's capacity or its opening
hours went down, every group that in the latest period still makes at least ``threshold`` of its
contacts with the service through that channel gets a warning naming group and service.

``share_series`` gives the digital share per period, for all contacts (``by=None``, one key
""), per service (``by="service"``) or per group (``by="group"``; "" is the rows of all
residents). For a service and period with rows of group "" those rows are its total; without
them the groups' rows are added up, which assumes the groups do not overlap. A period without
contacts has no share and is left out.

``SEED_DIGITAL_SHARE``: the reference figure from issue 11: a national measurement of contacts
between residents and Dutch municipalities in 2016 found about 53 % of them digital.

Bad input (an unknown channel, a negative or non-finite number, a period that is not a date)
raises ``EffectsError`` with a Dutch message.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from gettext import gettext as _

from koers.effects.errors import EffectsError
from koers.effects.series import as_date, as_list, as_number

CHANNELS = {
    "balie": _("Balie"),
    "telefoon": _("Telefoon"),
    "post": _("Post en papier"),
    "e-mail": _("E-mail"),
    "webformulier": _("Webformulier"),
    "chat": _("Chat"),
    "app": _("App"),
}
DIGITAL = frozenset({"e-mail", "webformulier", "chat", "app"})
SEED_DIGITAL_SHARE = 0.53
BY = (None, "service", "group")


@dataclass(frozen=True)
class ChannelPeriod:
    period: dt.date
    service: str
    channel: str
    group: str
    contacts: float
    capacity: float | None = None
    opening_hours: float | None = None


@dataclass(frozen=True)
class InclusionWarning:
    service: str
    group: str
    channel: str
    period: dt.date
    share: float
    capacity_before: float | None
    capacity_after: float | None
    opening_before: float | None
    opening_after: float | None


def digital_share(counts: Mapping[str, float]) -> float | None:
    """The digital share of the contacts per channel; None when there are none."""
    if not isinstance(counts, Mapping):
        raise EffectsError(_("De contacten per kanaal zijn geen tabel van kanaal naar aantal."))
    checked = {_channel(channel): _amount(count, channel) for channel, count in counts.items()}
    total = sum(checked.values())
    return sum(checked[channel] for channel in DIGITAL & checked.keys()) / total if total else None


def inclusion_warnings(rows: Iterable[ChannelPeriod], threshold: float = 0.2) -> list[InclusionWarning]:
    rows = _checked(rows)
    threshold = as_number(threshold, _("Drempel"))
    if not 0 <= threshold <= 1:
        raise EffectsError(_("De drempel is een aandeel tussen 0 en 1, niet {threshold}.").format(threshold=threshold))
    warnings = []
    for service in sorted({row.service for row in rows}):
        service_rows = [row for row in rows if row.service == service]
        periods = sorted({row.period for row in service_rows})
        if len(periods) < 2:
            continue
        before, latest = periods[-2:]
        for channel in (channel for channel in CHANNELS if channel not in DIGITAL):
            capacity_before, opening_before = _facilities(service_rows, before, channel)
            capacity_after, opening_after = _facilities(service_rows, latest, channel)
            if not (_shrank(capacity_before, capacity_after) or _shrank(opening_before, opening_after)):
                continue
            for group, share in _channel_shares(service_rows, latest, channel):
                if share >= threshold:
                    warnings.append(InclusionWarning(service, group, channel, latest, share, capacity_before,
                                                     capacity_after, opening_before, opening_after))
    return warnings


def share_series(rows: Iterable[ChannelPeriod], by: str | None = None) -> dict[str, list[tuple[dt.date, float]]]:
    if by not in BY:
        raise EffectsError(_("Onbekende indeling {by!r}: kies service, group of geen.").format(by=by))
    rows = _checked(rows)
    if by != "group":
        rows = _totals(rows)
    counts: dict[str, dict[dt.date, dict[str, float]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for row in rows:
        counts[getattr(row, by) if by else ""][row.period][row.channel] += row.contacts
    series = {}
    for key in sorted(counts):
        shares = ((period, digital_share(counts[key][period])) for period in sorted(counts[key]))
        series[key] = [(period, share) for period, share in shares if share is not None]
    return series


def _totals(rows: list[ChannelPeriod]) -> list[ChannelPeriod]:
    """The rows that make up all residents' contacts: group "" where given, else every group."""
    with_total = {(row.period, row.service) for row in rows if row.group == ""}
    return [row for row in rows if row.group == "" or (row.period, row.service) not in with_total]


def _channel_shares(rows: list[ChannelPeriod], period: dt.date, channel: str) -> list[tuple[str, float]]:
    """(group, share of the group's contacts through ``channel``) in ``period``, per group."""
    totals: dict[str, float] = defaultdict(float)
    through: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.period == period:
            totals[row.group] += row.contacts
            through[row.group] += row.contacts if row.channel == channel else 0
    return [(group, through[group] / totals[group]) for group in sorted(totals) if totals[group]]


def _facilities(rows: list[ChannelPeriod], period: dt.date, channel: str) -> tuple[float | None, float | None]:
    """The channel's (capacity, opening hours) in ``period``, each None when not given."""
    found = [row for row in rows if row.period == period and row.channel == channel]
    return _one(found, "capacity", _("capaciteit")), _one(found, "opening_hours", _("openingsuren"))


def _one(rows: list[ChannelPeriod], field: str, name: str) -> float | None:
    values = {getattr(row, field) for row in rows} - {None}
    if len(values) > 1:
        row = rows[0]
        raise EffectsError(_("Verschillende {name} voor {channel} bij {service} in de periode van {period}.").format(
            name=name, channel=row.channel, service=row.service, period=row.period.isoformat()))
    return values.pop() if values else None


def _shrank(before: float | None, after: float | None) -> bool:
    return before is not None and after is not None and after < before


def _checked(rows: Iterable[ChannelPeriod]) -> list[ChannelPeriod]:
    checked = []
    for index, row in enumerate(as_list(rows, _("De kanaalgegevens")), start=1):
        if not isinstance(row, ChannelPeriod):
            raise EffectsError(_("Regel {index} van de kanaalgegevens is geen kanaalperiode.").format(index=index))
        what = _("Kanaalgegevens regel {index}").format(index=index)
        checked.append(ChannelPeriod(
            as_date(row.period, what), str(row.service), _channel(row.channel), str(row.group or ""),
            _amount(row.contacts, what), _optional(row.capacity, what), _optional(row.opening_hours, what)))
    return checked


def _channel(channel) -> str:
    if not isinstance(channel, str) or channel not in CHANNELS:
        raise EffectsError(_("Onbekend kanaal {channel!r}; bekend zijn: {known}.").format(
            channel=channel, known=", ".join(CHANNELS)))
    return channel


def _amount(value, what) -> float:
    number = as_number(value, what)
    if number < 0:
        raise EffectsError(_("{what}: {value} is negatief.").format(what=what, value=value))
    return number


def _optional(value, what) -> float | None:
    return None if value is None else _amount(value, what)
