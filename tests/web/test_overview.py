"""The organisation's overview (organisaties/<slug>/): one block per module, each linking in."""

import datetime as dt
import re

from django.utils import timezone

from koers.apps.indicators import measuring
from koers.apps.indicators.models import Indicator
from koers.apps.portfolio import decisions
from koers.apps.portfolio.models import Initiative
from koers.apps.reports.models import Report

from indicator_helpers import make_effects
from portfolio_helpers import make_portfolio
from readiness_helpers import make_round


def overview(client, organisation) -> str:
    response = client.get(f"/organisaties/{organisation.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def block(html: str, name: str) -> str:
    """The text of one block (its <li id="overzicht-...">), tags and spacing removed."""
    found = re.search(rf'<li class="koers-card" id="overzicht-{name}">(.*?)\n</li>', html, re.S)
    assert found, name
    return found.group(1)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def indicator(organisation, name, values):
    """An indicator with a target path from 50 to 80 over 2025 and one monthly value per entry of ``values``."""
    made = Indicator.objects.create(organisation=organisation, name=name, unit="%")
    measuring.set_target(made, dt.date(2025, 1, 1), 50)
    measuring.set_target(made, dt.date(2025, 12, 1), 80)
    measuring.record(made, [measuring.Row(dt.date(2025, month, 1), value) for month, value in enumerate(values, 1)])
    return made


def test_an_empty_organisation_says_per_module_that_there_is_nothing_yet(client_for, own):
    html = overview(client_for("viewer"), own)
    assert "Er zijn nog geen initiatieven." in block(html, "portefeuille")
    assert "Er zijn nog geen indicatoren." in block(html, "indicatoren")
    assert "Er is nog geen afgesloten ronde met genoeg antwoorden." in block(html, "zelfscan")
    assert "Er is nog geen rapportage uitgebracht." in block(html, "rapportage")
    assert f'href="/organisaties/{own.slug}/agenda/"' in html  # the agenda scan links in too


def test_portfolio_block_counts_initiatives_per_status_and_names_the_last_decision(client_for, own):
    make_portfolio(own)  # five initiatives in assessment
    Initiative.objects.filter(organisation=own).first().delete()
    decisions.decide(own, title="Besluit voorjaar", reasoning="Waarde telt.", run=None,
                     meeting_date=dt.date(2026, 3, 1))
    portfolio = block(overview(client_for("viewer"), own), "portefeuille")
    assert "4 initiatieven, naar status:" in text(portfolio) and "Beoordeling: 4" in text(portfolio)
    assert "Laatste besluit: Besluit voorjaar (1 maart 2026)" in text(portfolio)
    assert f'href="/organisaties/{own.slug}/portefeuille/"' in portfolio
    assert f'href="/organisaties/{own.slug}/portefeuille/besluiten/"' in portfolio


def test_indicator_block_counts_indicators_by_status_in_words(client_for, own):
    indicator(own, "Op schema", [50, 53, 56, 59, 62])
    indicator(own, "Ver achter", [50, 50, 49, 48, 47])
    indicator(own, "Te kort gemeten", [50, 53])
    indicators = block(overview(client_for("viewer"), own), "indicatoren")
    assert "Op koers: 1" in text(indicators) and "Onvoldoende gegevens: 1" in text(indicators)
    assert "Uit koers: 1" in text(indicators) and "Let op: 0" in text(indicators)
    assert f'href="/organisaties/{own.slug}/effecten/"' in indicators


def test_readiness_block_shows_the_median_per_dimension_against_the_previous_round(client_for, own):
    make_round(own, "Voorjaar", answers=[{"leiderschap": 2}] * 5, days_ago=60)
    latest = make_round(own, "Najaar", answers=[{"leiderschap": 4}] * 5)
    readiness = block(overview(client_for("viewer"), own), "zelfscan")
    assert "in ronde ‘Najaar’, naast ronde ‘Voorjaar’" in text(readiness)
    assert re.search(r"Leiderschap[^:]*: 4 \(hoger, was 2\)", text(readiness))
    assert f'href="/organisaties/{own.slug}/zelfscan/rondes/{latest.pk}/"' in readiness


def test_report_block_links_to_the_last_issued_report(client_for, own):
    for version, title in ((1, "Eerste rapportage"), (2, "Tweede rapportage")):
        Report.objects.create(organisation=own, title=title, period_start=dt.date(2025, 1, 1),
                              period_end=dt.date(2025, 12, 31), state=Report.State.ISSUED, version=version,
                              issued_at=timezone.make_aware(dt.datetime(2026, 2, version, 12)))
    Report.objects.create(organisation=own, title="Concept", period_start=dt.date(2026, 1, 1),
                          period_end=dt.date(2026, 12, 31))
    reports = block(overview(client_for("viewer"), own), "rapportage")
    assert "Laatst uitgebracht: Tweede rapportage (versie 2, uitgebracht op 2 februari 2026)" in text(reports)
    latest = Report.objects.get(version=2)
    assert f'href="/organisaties/{own.slug}/rapportages/{latest.pk}/"' in reports


def test_inclusion_warnings_appear_on_the_overview(client_for, own):
    from channel_helpers import make_channels

    make_channels(own)  # a shrinking counter the elderly still use
    assert "Inclusiewaarschuwing" in overview(client_for("viewer"), own)


def test_the_overview_uses_a_constant_number_of_queries(client_for, own, django_assert_max_num_queries):
    client = client_for("viewer")
    indicator(own, "Een", [50, 53, 56])
    make_round(own, "Voorjaar", answers=[{}] * 5)
    with django_assert_max_num_queries(40) as few:  # a cap against runaway growth; the real check follows
        overview(client, own)
    make_portfolio(own)
    make_effects(own)
    for name in ("Twee", "Drie", "Vier"):
        indicator(own, name, [50, 53, 56, 59])
    with django_assert_max_num_queries(len(few.captured_queries)):
        overview(client, own)
