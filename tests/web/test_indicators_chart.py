"""The chart on the indicator page: measured values, the target path and the forecast with its 80 %
interval, drawn as SVG with a title and description and the same data as a table in Dutch format."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from koers.apps.indicators import measuring
from koers.apps.indicators.models import Indicator

from indicator_helpers import make_effects


def _page(client, organisation, indicator) -> str:
    response = client.get(reverse("indicators:indicator",
                                  kwargs={"slug": organisation.slug, "indicator_id": indicator.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    return body[body.index('<section id="verloop"'):body.index('<section id="definitie"')]


def _rows(section: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', section)
    return {day: re.findall(r"<td>([^<]*)</td>", cells) for day, cells in rows}


def test_the_chart_has_a_title_a_description_and_its_data_as_a_table(client_for, own):
    indicator = make_effects(own)["indicator"]
    measuring.record(indicator, [measuring.Row(dt.date(2025, 6, 1), 1234.56)])
    section = _page(client_for("viewer"), own, indicator)
    assert re.search(r'<svg [^>]*role="img"', section)
    assert 'role="graphics-symbol"' not in section  # marks inside the image carry no role of their own (axe)
    assert re.search(r"<title [^>]*>eigen digitaal aandeel</title>", section)
    assert re.search(r"<desc [^>]*>Metingen van ‘eigen digitaal aandeel’ voor iedereen, het streefpad", section)
    headers = re.findall(r'<th scope="col">([^<]+)</th>', section)
    assert headers == ["Datum", "Gemeten", "Streefpad", "Verwacht", "80 %-interval, ondergrens",
                       "80 %-interval, bovengrens"]
    rows = _rows(section)
    assert rows["1 januari 2025"][:2] == ["52\u00a0%", "50\u00a0%"]  # measured, and the first target
    assert rows["1 juni 2025"][0] == "1.234,56\u00a0%"  # Dutch separators
    forecast = rows["1 december 2026"]  # the next target date: the target, the forecast and its interval
    assert forecast[0] == "–" and forecast[1] == "80\u00a0%"
    low, value, high = (float(cell.removesuffix("\u00a0%").replace(".", "").replace(",", "."))
                        for cell in (forecast[3], forecast[2], forecast[4]))
    assert low < value < high


def test_without_measurements_the_chart_says_there_is_nothing_to_draw(client_for, own):
    indicator = Indicator.objects.create(organisation=own, name="Nog leeg", unit="%")
    section = _page(client_for("viewer"), own, indicator)
    assert "<svg" not in section
    assert "Er zijn (nog) geen gegevens om deze grafiek te tekenen." in section
