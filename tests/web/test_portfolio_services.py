"""One service per write: effort estimates and dependencies are checked, written and audited the same
way whether they come from a page, the API or an import (``effort.py``, ``dependencies.py``)."""

from __future__ import annotations

import html

import pytest

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import dependencies, effort, transfer
from koers.apps.portfolio.models import EffortEstimate, Team

from portfolio_helpers import make_portfolio
from test_api_support import API, api_for  # noqa: F401
from test_portfolio_editing import _edit_url, _effort_url, _fields


def _stored_effort(item) -> list:
    return sorted(EffortEstimate.objects.filter(initiative=item).values_list("team__code", "quarter", "hours"))


def _import(organisation, user, text: str):
    return transfer.import_portfolio(organisation, text.encode(), "wijziging.csv", user)


def test_every_route_refuses_a_cycle_with_the_same_message(client_for, api_for, own, users):
    _, items = make_portfolio(own)
    first, second = items["Chatbot"], items["Sensoren"]
    dependencies.set_requires(second, [first])
    a, b = sorted([first.reference, second.reference])
    expected = f"Deze afhankelijkheden vormen een kringloop: {a} → {b} → {a}."

    page = client_for("manager").post(_edit_url(first), _fields(first, requires=[second.pk]))
    assert page.status_code == 400 and expected in html.unescape(page.content.decode())

    api = api_for("manager").patch(f"{API}/organisations/{own.slug}/initiatives/{first.pk}",
                                   {"requires": [second.pk]}, format="json")
    assert api.status_code == 400 and api.json()["detail"] == expected

    with pytest.raises(transfer.PortfolioImportError) as refused:
        _import(own, users["manager"], "kenmerk,titel,probleem,afdeling,afhankelijk_van\n"
                                       f"{first.reference},Chatbot,Een probleem.,ICT,{second.reference}\n")
    assert expected in str(refused.value)
    assert not first.requires.exists()


def test_dependency_changes_are_audited_whatever_the_route(api_for, own, users):
    _, items = make_portfolio(own)
    first, second = items["Chatbot"], items["Sensoren"]
    api = api_for("manager").patch(f"{API}/organisations/{own.slug}/initiatives/{first.pk}",
                                   {"requires": [second.pk]}, format="json")
    assert api.status_code == 200
    # The file turns the dependency around: a cycle only halfway, so it is checked as a whole.
    _import(own, users["manager"], "kenmerk,titel,probleem,afdeling,afhankelijk_van\n"
                                   f"{first.reference},Chatbot,Een probleem.,ICT,\n"
                                   f"{second.reference},Sensoren,Een probleem.,ICT,{first.reference}\n")
    assert list(second.requires.all()) == [first] and not first.requires.exists()
    changes = [(entry.object_id, entry.changes["requires"]) for entry in AuditEntry.objects.filter(
        model="portfolio.initiative", actor_id=users["manager"].pk, changes__has_key="requires").order_by("id")]
    assert changes == [(str(first.pk), [[], [second.pk]]), (str(first.pk), [[second.pk], []]),
                       (str(second.pk), [[], [first.pk]])]


def test_another_organisations_initiative_is_refused(own, foreign):
    _, items = make_portfolio(own)
    _, elsewhere = make_portfolio(foreign)
    with pytest.raises(dependencies.DependencyError, match="eigen organisatie"):
        dependencies.set_requires(items["Chatbot"], [elsewhere["Chatbot"]])
    assert not items["Chatbot"].requires.exists()


@pytest.mark.parametrize("lines, rows, reason", [
    ("x, 2026-Q1, 10", [{"team": "x", "quarter": "2026-Q1", "hours": 10}], "onbekend team ‘x’"),
    ("a, 2026-Q1, -5", [{"team": "a", "quarter": "2026-Q1", "hours": -5}], "het aantal uren kan niet negatief zijn"),
    ("a, 2026-Q1, 5\na, 2026-Q1, 6", [{"team": "a", "quarter": "2026-Q1", "hours": 5},
                                      {"team": "a", "quarter": "2026-Q1", "hours": 6}],
     "dit team en kwartaal staan er al"),
])
def test_page_and_api_check_effort_the_same_way(client_for, api_for, own, lines, rows, reason):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    before = _stored_effort(item)
    page = client_for("manager").post(_effort_url(item), {"effort": lines})
    assert page.status_code == 400 and reason in html.unescape(page.content.decode())
    api = api_for("manager").patch(f"{API}/organisations/{own.slug}/initiatives/{item.pk}", {"effort": rows},
                                   format="json")
    assert api.status_code == 400 and reason in api.json()["detail"]
    assert _stored_effort(item) == before


def test_the_service_refuses_a_team_of_another_organisation(own, foreign):
    _, items = make_portfolio(own)
    stranger = Team.objects.create(organisation=foreign, code="a", name="Team A elders")
    with pytest.raises(effort.EffortError, match="onbekend team ‘a’"):
        effort.replace_effort(items["Chatbot"], [(stranger, "2026-Q1", 5)])
    with pytest.raises(effort.EffortError, match="geen kwartaal"):
        effort.replace_effort(items["Chatbot"], [("a", "2026-Q5", 5)])


def test_an_update_keeps_the_rows_it_does_not_name(own):
    _, items = make_portfolio(own)
    item = items["Chatbot"]  # a: 40, b: 40 in 2026-Q1
    assert effort.update_effort(item, {("a", "2026-Q1"): None, ("b", "2026-Q2"): 8})
    assert _stored_effort(item) == [("b", "2026-Q1", 40.0), ("b", "2026-Q2", 8.0)]
    assert not effort.update_effort(item, {("b", "2026-Q2"): 8})
