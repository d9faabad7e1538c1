"""The portfolio's charts through koers.web.charts: value against effort and demand against capacity
keep their title, description and table alternative, show the right values, keep the legend out of
the plot and stay readable without colour."""

import re
import xml.etree.ElementTree as ET

from django.utils import translation

from koers.apps.portfolio import charts

from portfolio_helpers import make_portfolio

SVG = "{http://www.w3.org/2000/svg}"


def _row(name, value, hours, selected):
    return {"name": name, "value": value, "hours": hours, "selected": selected}


def _svgs(body):
    return [ET.fromstring(m) for m in re.findall(r'<svg [^>]*class="koers-chart".*?</svg>', body, re.S)]


def test_value_against_effort_shows_every_initiative_with_its_choice():
    with translation.override("nl"):
        chart = charts.value_against_effort([_row("Zaaksysteem", 0.8125, 1200.0, True), _row("Chatbot", None, 40.0, False)])
    assert chart.headers == ("Initiatief", "Inzet (uren)", "Gewogen waarde", "Keuze")
    assert chart.rows == (("Zaaksysteem", "1.200", "0,812", "Gekozen"), ("Chatbot", "40", "0,000", "Niet gekozen"))
    svg = str(chart.svg)
    # chosen: filled circles; not chosen: open squares; the legend shows both (no colour needed)
    marks = re.search(r'<g class="mark-symbol role-mark[^>]*>(.*?)</g>', svg).group(1)
    chosen, other = re.findall(r"<path [^>]*>", marks)
    assert " d=\"M" in chosen and "A" in re.search(r' d="([^"]*)"', chosen).group(1)
    assert 'fill="#ffffff"' in other and "A" not in re.search(r' d="([^"]*)"', other).group(1)
    assert ">Gekozen</text>" in svg and ">Niet gekozen</text>" in svg


def test_the_legend_lies_outside_the_plot():
    chart = charts.value_against_effort([_row("hoog en weinig", 1.0, 0.0, True), _row("rechtsonder", 0.0, 100.0, False)])
    svg = str(chart.svg)
    plot_height = float(re.search(r'class="background"[^>]*d="M0,0h[\d.]+v([\d.]+)', svg).group(1))
    legend_y = float(re.search(r'role-legend" [^>]*><g transform="translate\([\d.]+,([\d.]+)\)', svg).group(1))
    assert legend_y > plot_height


def test_demand_against_capacity_shows_the_hours_per_team_and_quarter():
    with translation.override("nl"):
        chart = charts.demand_against_capacity([{"team": "ICT", "quarter": "2026-Q1", "demand": 1250.0,
                                                 "selected": 800.0, "capacity": 1000.0}])
    assert chart.rows == (("ICT 2026-Q1", "1.000", "1.250", "800"),)
    svg = str(chart.svg)
    assert "<pattern" in svg and ">ICT 2026-Q1</text>" in svg and ">Capaciteit</text>" in svg


def test_the_overview_charts_keep_title_description_and_tables(client_for, own):
    make_portfolio(own)
    body = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    scatter, bars = _svgs(body)
    for svg, title in ((scatter, "Waarde tegen inzet"), (bars, "Vraag tegen capaciteit")):
        title_id, desc_id = svg.attrib["aria-labelledby"].split()
        assert svg.attrib["role"] == "img" and svg.find(f"{SVG}title").text == title
        assert svg.find(f"{SVG}title").attrib["id"] == title_id and svg.find(f"{SVG}desc").attrib["id"] == desc_id
        assert svg.find(f"{SVG}desc").text
    assert "Initiatieven met waarde, inzet, keuze en uitleg" in body  # the scatter's table alternative
    assert "<caption>Vraag tegen capaciteit</caption>" in body  # the bars' own table
    assert len(set(re.findall(r'<title id="([^"]+)"', body))) == 2  # ids stay unique on the page
