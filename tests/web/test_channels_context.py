"""StatLine context figures: fetched through the connector (a fake opener answering in the real OData
shape, no network), stored, shown with source and date; a failed fetch keeps the earlier figures."""

from __future__ import annotations

import io
import urllib.error

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from koers.apps.channels import context
from koers.apps.channels.models import ContextFigure

from connectors.test_connectors_statline import PAGES, TABLE, Opener


class Unreachable:
    def open(self, request, timeout=None):
        raise urllib.error.URLError("geen netwerk")


def test_figures_are_fetched_and_stored_per_age_band(db):
    figures = context.refresh_statline_context(Opener(PAGES), table_id=TABLE)
    assert [(f.group, f.value, f.unit, f.period) for f in figures] == [
        ("65 tot 75 jaar", 91.3, "%", "2019JJ00"), ("75 jaar of ouder", 63.0, "%", "2019JJ00")]
    assert ContextFigure.objects.get(group="75 jaar of ouder").label == "Internet gebruikt in de afgelopen 3 maanden"


def test_the_page_shows_them_with_source_table_and_date(client_for, own):
    context.refresh_statline_context(Opener(PAGES), table_id=TABLE)
    text = client_for("viewer").get(reverse("channels:overview", kwargs={"slug": own.slug})).content.decode()
    assert "75 jaar of ouder" in text and "63&nbsp;%" in text
    assert "CBS StatLine" in text and f"tabel {TABLE}, periode 2019)" in text and "opgehaald op" in text


def test_a_failed_fetch_keeps_the_earlier_figures(client_for, own):
    context.refresh_statline_context(Opener(PAGES), table_id=TABLE)
    fetched = ContextFigure.objects.first().fetched_at
    with pytest.raises(context.ConnectorError, match="niet bereikbaar"):
        context.refresh_statline_context(Unreachable(), table_id=TABLE)
    assert ContextFigure.objects.count() == 2 and ContextFigure.objects.first().fetched_at == fetched
    response = client_for("viewer").get(reverse("channels:overview", kwargs={"slug": own.slug}))
    assert response.status_code == 200 and "opgehaald op" in response.content.decode()


def test_the_command_reports_a_failure_in_dutch_without_a_traceback(db, monkeypatch):
    real = context.StatLineClient
    monkeypatch.setattr(context, "StatLineClient", lambda opener=None: real(opener=Unreachable()))
    with pytest.raises(CommandError, match="niet bereikbaar.*eerder opgehaalde cijfers blijven staan"):
        call_command("refresh_statline_context", "--table", TABLE)


def test_the_command_stores_the_figures(db, monkeypatch):
    real = context.StatLineClient
    monkeypatch.setattr(context, "StatLineClient", lambda opener=None: real(opener=Opener(PAGES)))
    out = io.StringIO()
    call_command("refresh_statline_context", "--table", TABLE, stdout=out)
    assert "2 cijfers opgehaald" in out.getvalue()
    assert ContextFigure.objects.count() == 2


@pytest.mark.parametrize(("key", "label"), [("2019JJ00", "2019"), ("2023KW02", "2023 K2"), ("2023MM04", "2023-04"),
                                            ("2020X", "2020X")])
def test_statline_periods_read_as_people_write_them(key, label):
    assert context.period_label(key) == label
