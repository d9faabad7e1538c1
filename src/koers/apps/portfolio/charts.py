"""The portfolio's two charts, drawn by ``koers.web.charts``: value against effort per initiative, and
demand against capacity per team and quarter. Only the portfolio's own labels and data live here."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.web import charts


def value_against_effort(rows: list[dict]) -> charts.Chart:
    """``rows`` as ``runs.rows`` gives them, with ``hours`` added."""
    points = [charts.Point(r["hours"], r["value"] or 0.0, r["name"], r["selected"]) for r in rows]
    return charts.scatter(
        points, title=_("Waarde tegen inzet"),
        description=_("Elke stip is een initiatief: rechts meer uren, hoger meer waarde. De tabel "
                      "hieronder bevat dezelfde gegevens."),
        x_label=_("Inzet (uren)"), y_label=_("Gewogen waarde"), selected_label=_("Gekozen"),
        other_label=_("Niet gekozen"), name_label=_("Initiatief"), group_label=_("Keuze"),
        x_decimals=0, y_decimals=3)


def demand_against_capacity(capacity_rows: list[dict]) -> charts.Chart:
    """``capacity_rows`` as ``selection.demand_and_capacity`` gives them."""
    bar_rows = [charts.BarRow(f'{r["team"]} {r["quarter"]}', r["demand"], r["selected"], r["capacity"])
                for r in capacity_rows]
    return charts.bars(
        bar_rows, title=_("Vraag tegen capaciteit"),
        description=_("Per team en kwartaal: de vraag van alle initiatieven, die van de selectie en "
                      "de beschikbare capaciteit. De tabel bevat dezelfde gegevens."),
        category_label=_("Team en kwartaal"), total_label=_("Vraag (alle)"), part_label=_("Vraag (selectie)"),
        limit_label=_("Capaciteit"), x_label=_("Uren"))
