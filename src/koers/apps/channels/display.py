"""What the Kanalen page shows: charts through ``koers.web.charts`` and the same figures as tables."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from koers.effects.channels import CHANNELS, SEED_DIGITAL_SHARE, ChannelPeriod, share_series
from koers.web import charts
from koers.web.charts.render import DASHES, SHAPES

def percent_points(points):
    return [(period, 100 * share) for period, share in points]


def overall_chart(series):
    points = percent_points(series.get("", []))
    lines = [charts.Series(_("Digitaal aandeel, alle diensten"), points)]
    if points:
        reference = [(period, 100 * SEED_DIGITAL_SHARE) for period, _share in points]
        lines.append(charts.Series(_("Referentie: 53 % digitaal (2016)"), reference, dash="dashed"))
    return charts.time_series(lines, title=_("Digitaal aandeel van de contacten"), y_label=_("aandeel"), unit="%",
                              decimals=1, description=_("Het aandeel digitale contacten (e-mail, webformulier, "
                                                        "chat en app) per periode, over alle diensten, naast "
                                                        "de referentie uit 2016."))


def group_chart(series):
    """One line per group, each with its own dash and point shape; None when there are too many to tell apart."""
    if not series or len(series) > len(SHAPES):
        return None
    dashes = list(DASHES)
    lines = [charts.Series(group or _("alle inwoners"), percent_points(points), dash=dashes[i % len(dashes)])
             for i, (group, points) in enumerate(series.items())]
    return charts.time_series(lines, title=_("Digitaal aandeel per groep"), y_label=_("aandeel"), unit="%",
                              decimals=1, description=_("Het aandeel digitale contacten per periode voor elke "
                                                        "groep, over alle diensten."))


def channel_chart(rows: list[ChannelPeriod]):
    """Per period the contacts of all residents per channel, as parts of 100 %."""
    totals = defaultdict(lambda: defaultdict(float))
    with_total = {(r.period, r.service) for r in rows if r.group == ""}
    for r in rows:
        if r.group == "" or (r.period, r.service) not in with_total:
            totals[r.period][str(_(CHANNELS[r.channel]))] += r.contacts
    ordered = [str(_(label)) for label in CHANNELS.values()]
    periods = [(period, {name: totals[period].get(name, 0.0) for name in ordered}) for period in sorted(totals)]
    return charts.stacked_shares(periods, title=_("Contacten per kanaal"), y_label=_("aandeel van de contacten"),
                                 description=_("Per periode het deel van alle contacten dat via elk kanaal liep."))


def matrix(series: dict) -> tuple[list[str], list[tuple]]:
    """(keys, rows of (period, share or None per key)) for a table with a column per service or group."""
    keys = list(series)
    by_key = {key: dict(points) for key, points in series.items()}
    periods = sorted({period for points in series.values() for period, _share in points})
    return keys, [(period, [by_key[key].get(period) for key in keys]) for period in periods]


def latest_by_group(series: dict) -> list[tuple[str, object, float]]:
    """(group, period, share) of each group's latest period."""
    return [(group, points[-1][0], points[-1][1]) for group, points in series.items() if points]


def figures(rows: list[ChannelPeriod]) -> dict:
    overall, by_service, by_group = (share_series(rows, by) for by in (None, "service", "group"))
    return {
        "overall_chart": overall_chart(overall), "channel_chart": channel_chart(rows),
        "group_chart": group_chart(by_group),
        "by_service": matrix(by_service), "by_group": matrix(by_group), "latest_groups": latest_by_group(by_group),
    }
