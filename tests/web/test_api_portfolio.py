"""Behaviour of the portfolio API: the rules of play on transitions, selection runs, frameworks,
scores, principle checks, teams, and the audit trail of every change made through the API."""

from __future__ import annotations

import pytest

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio import workflow
from koers.apps.portfolio.models import (CriteriaFramework, EffortEstimate, GateRule, Initiative, Principle,
                                         PrincipleCheck, SelectionRun, Team, TeamCapacity, Transition)
from test_api_portfolio_support import conforms, make_initiative, portfolio  # noqa: F401
from test_api_support import API, api_for, assert_problem  # noqa: F401

BASE = f"{API}/organisations/proefstad"


def _move(client, initiative_id, to_status, reason="Volgende stap"):
    return client.post(f"{BASE}/initiatives/{initiative_id}/transitions",
                       {"to_status": to_status, "reason": reason}, format="json")


# --- transitions and the rules of play -----------------------------------------------------------

def test_transition_blocked_by_a_rule_names_the_rule(api_for, own, portfolio):
    item = make_initiative(own, "Zonder eigenaar", owner="", intended_effect="")
    response = _move(api_for("manager"), item.pk, "assessment")
    body = assert_problem(response, 409)
    assert body["type"] == "urn:koers:problem:transition-blocked"
    assert "Geen beoordeling zonder beoogd effect en eigenaar" in body["detail"]
    assert "het beoogde effect en een eigenaar" in body["detail"]
    assert body["blocked-by"] == [{"rule": "effect_and_owner", "reason": body["detail"]}]
    conforms(response)
    item.refresh_from_db()
    assert item.status == "intake" and item.transitions.count() == 1


def test_start_is_blocked_by_every_rule_that_applies(api_for, own, portfolio):
    item = make_initiative(own, "Algoritme", personal_data="high", algorithm="affects_residents")
    for criterion in CriteriaFramework.objects.get(pk=portfolio["proefstad"]["framework"]).criteria.all():
        frameworks.score(item, criterion, 3)  # prioritising needs every criterion scored
    workflow.move(item, "assessment", None, "x")
    workflow.move(item, "prioritised", None, "x")
    response = _move(api_for("manager"), item.pk, "in_progress")
    body = assert_problem(response, 409)
    assert [rule["rule"] for rule in body["blocked-by"]] == ["principles_checked", "dpia", "algorithm"]
    assert "Geen start zonder volledige principetoets" in body["detail"]
    assert "Hoog privacyrisico vraagt een afgeronde DPIA" in body["detail"]


def test_a_switched_off_rule_no_longer_blocks(api_for, own, portfolio):
    GateRule.objects.filter(organisation=own, code="effect_and_owner").update(enabled=False)
    item = make_initiative(own, "Zonder eigenaar", owner="")
    response = _move(api_for("manager"), item.pk, "assessment")
    assert response.status_code == 201, response.content


def test_life_cycle_move_that_does_not_exist_is_a_conflict(api_for, portfolio):
    response = _move(api_for("admin"), portfolio["proefstad"]["initiative"], "done")
    body = assert_problem(response, 409)
    assert body["blocked-by"][0]["rule"] == "lifecycle"
    assert "Van status ‘Intake’ kan een initiatief niet naar ‘Afgerond’" in body["detail"]


def test_transition_needs_a_reason_and_a_known_status(api_for, portfolio):
    client = api_for("manager")
    ident = portfolio["proefstad"]["initiative"]
    assert assert_problem(_move(client, ident, "assessment", reason="   "), 400)["invalid-params"][0]["name"] == "reason"
    assert assert_problem(_move(client, ident, "klaar"), 400)["invalid-params"][0]["name"] == "to_status"


def test_transition_is_recorded_with_actor_and_audited(api_for, users, portfolio):
    ident = portfolio["proefstad"]["initiative"]
    response = _move(api_for("manager"), ident, "assessment", "Compleet aangeleverd")
    assert response.status_code == 201
    conforms(response)
    assert response.json()["from_status"] == "intake" and response.json()["actor_name"] == "manager"
    history = api_for("viewer").get(f"{BASE}/initiatives/{ident}/transitions").json()["results"]
    assert [(row["from_status"], row["to_status"]) for row in history] == [("", "intake"), ("intake", "assessment")]
    entry = AuditEntry.objects.filter(model="portfolio.initiative", object_id=str(ident), action="update").first()
    assert entry.actor_name == "manager" and entry.changes["status"] == ["intake", "assessment"]
    assert AuditEntry.objects.filter(model="portfolio.transition", actor_name="manager").exists()


def test_status_cannot_be_patched_directly(api_for, portfolio):
    ident = portfolio["proefstad"]["initiative"]
    response = api_for("manager").patch(f"{BASE}/initiatives/{ident}", {"status": "done"}, format="json")
    assert response.status_code == 200
    assert Initiative.objects.get(pk=ident).status == "intake"


# --- initiatives -----------------------------------------------------------------------------------

def test_contributor_submits_an_initiative_with_effort_and_it_is_audited(api_for, own, portfolio):
    response = api_for("contributor").post(f"{BASE}/initiatives", {
        "title": "Chatbot", "problem": "Veel telefoontjes", "department": "KCC", "themes": ["dienstverlening"],
        "dpia_done": True, "requires": [portfolio["proefstad"]["assessed"]], "cost_once": "2500.00",
        "effort": [{"team": "ict", "quarter": "2026-Q2", "hours": 24}]}, format="json")
    assert response.status_code == 201, response.content
    conforms(response)
    body = response.json()
    assert body["status"] == "intake" and body["reference"].startswith("I-") and body["submitted_by"] == "contributor"
    assert body["dpia_done"] is False  # set by a manager during assessment, not by the submitter
    assert body["effort"] == [{"team": "ict", "quarter": "2026-Q2", "hours": 24.0}]
    assert body["requires"] == [portfolio["proefstad"]["assessed"]]
    entry = AuditEntry.objects.get(model="portfolio.initiative", object_id=str(body["id"]), action="create")
    assert entry.actor_name == "contributor" and entry.organisation_id == own.pk
    assert AuditEntry.objects.filter(model="portfolio.effortestimate", actor_name="contributor").exists()


@pytest.mark.parametrize(("payload", "field"), [
    ({"effort": [{"team": "onbekend", "quarter": "2026-Q1", "hours": 1}]}, "effort"),
    ({"effort": [{"team": "ict", "quarter": "2026-5", "hours": 1}]}, "effort.0.quarter"),
    ({"effort": [{"team": "ict", "quarter": "2026-Q1", "hours": -1}]}, "effort.0.hours"),
    ({"desired_start": "2026-Q3", "desired_end": "2026-Q1"}, "desired_end"),
    ({"personal_data": "veel"}, "personal_data"),
])
def test_invalid_initiative_is_a_problem_naming_the_field(api_for, portfolio, payload, field):
    body = {"title": "T", "problem": "P", "department": "A", **payload}
    response = api_for("contributor").post(f"{BASE}/initiatives", body, format="json")
    problem = assert_problem(response, 400)
    assert field in [p["name"] for p in problem["invalid-params"]]
    conforms(response)


def test_requires_of_another_organisation_is_refused(api_for, portfolio):
    response = api_for("contributor").post(f"{BASE}/initiatives", {
        "title": "T", "problem": "P", "department": "A", "requires": [portfolio["elders"]["assessed"]]}, format="json")
    assert assert_problem(response, 400)["invalid-params"][0]["name"] == "requires"


def test_manager_updates_fields_effort_and_dependencies(api_for, portfolio):
    ids = portfolio["proefstad"]
    client = api_for("manager")
    response = client.patch(f"{BASE}/initiatives/{ids['initiative']}", {
        "owner": "Nieuwe eigenaar", "requires": [ids["assessed"]],
        "effort": [{"team": "ict", "quarter": "2026-Q4", "hours": 8}]}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["effort"] == [{"team": "ict", "quarter": "2026-Q4", "hours": 8.0}]
    cycle = client.patch(f"{BASE}/initiatives/{ids['assessed']}", {"requires": [ids["initiative"]]}, format="json")
    assert "kring" in assert_problem(cycle, 400)["detail"]


def test_list_filters_on_status(api_for, portfolio):
    client = api_for("viewer")
    rows = client.get(f"{BASE}/initiatives?status=assessment").json()["results"]
    assert {row["status"] for row in rows} == {"assessment"} and len(rows) == 1  # the decided one is prioritised
    assert_problem(client.get(f"{BASE}/initiatives?status=klaar"), 400)


# --- scores and principle checks -------------------------------------------------------------------

def test_scores_are_checked_against_scale_and_framework_state(api_for, own, portfolio):
    ids = portfolio["proefstad"]
    client = api_for("manager")
    out_of_scale = client.put(f"{BASE}/initiatives/{ids['initiative']}/scores/{ids['criterion']}", {"value": 7},
                              format="json")
    assert "tussen 1 en 5" in assert_problem(out_of_scale, 400)["detail"]
    draft_criterion = CriteriaFramework.objects.get(pk=ids["draft"]).criteria.get().pk
    draft = client.put(f"{BASE}/initiatives/{ids['initiative']}/scores/{draft_criterion}", {"value": 3}, format="json")
    assert "vastgesteld afwegingskader" in assert_problem(draft, 409)["detail"]
    ok = client.put(f"{BASE}/initiatives/{ids['initiative']}/scores/{ids['criterion']}", {"value": 4.5}, format="json")
    assert ok.status_code == 200 and ok.json()["value"] == 4.5 and ok.json()["scored_by"] == "manager"
    scores = api_for("viewer").get(f"{BASE}/initiatives/{ids['initiative']}/scores").json()["results"]
    assert [(s["criterion"], s["value"]) for s in scores] == [(ids["criterion"], 4.5)]


def test_principle_check_deviation_needs_justification(api_for, portfolio):
    ids = portfolio["proefstad"]
    client = api_for("manager")
    url = f"{BASE}/initiatives/{ids['initiative']}/principle-checks/{ids['principle']}"
    assert "Onderbouw" in assert_problem(client.put(url, {"answer": "deviates"}, format="json"), 400)["detail"]
    response = client.put(url, {"answer": "deviates", "justification": "Tijdelijk, tot de koppeling er is."},
                          format="json")
    assert response.status_code == 200 and response.json()["answer"] == "deviates"
    rows = client.get(f"{BASE}/initiatives/{ids['initiative']}/principle-checks?pageSize=500").json()["results"]
    assert len(rows) == Principle.objects.filter(organisation__slug="proefstad", active=True).count()
    assert sum(1 for row in rows if row["answer"]) == 1
    assert PrincipleCheck.objects.get(initiative_id=ids["initiative"]).checked_by.username == "manager"


def test_all_principles_checked_lets_the_initiative_start(api_for, own, portfolio):
    ident = portfolio["proefstad"]["assessed"]  # prioritised by the fixture's decision
    client = api_for("manager")
    PrincipleCheck.objects.filter(initiative_id=ident).delete()
    assert _move(client, ident, "in_progress").status_code == 409
    for principle in Principle.objects.filter(organisation=own, active=True):
        client.put(f"{BASE}/initiatives/{ident}/principle-checks/{principle.pk}", {"answer": "complies"}, format="json")
    assert _move(client, ident, "in_progress").status_code == 201


# --- frameworks ------------------------------------------------------------------------------------

def test_new_framework_with_pairwise_weights_is_published(api_for, own, portfolio):
    response = api_for("manager").post(f"{BASE}/frameworks", {
        "name": "Kader 2027", "publish": True,
        "criteria": [{"code": "waarde", "name": "Waarde"}, {"code": "risico", "name": "Risico", "scale_max": 10}],
        "pairwise": [[1, 3], [1 / 3, 1]]}, format="json")
    assert response.status_code == 201, response.content
    conforms(response)
    body = response.json()
    assert body["state"] == "published" and body["version"] == 1 and body["weight_method"] == "pairwise"
    assert [round(c["weight"], 3) for c in body["criteria"]] == [0.75, 0.25]
    locked = api_for("manager").patch(f"{BASE}/frameworks/{body['id']}", {"state": "published"}, format="json")
    assert_problem(locked, 409)


def test_new_version_copies_the_criteria(api_for, portfolio):
    base = portfolio["proefstad"]["framework"]
    response = api_for("manager").post(f"{BASE}/frameworks", {"based_on": base}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 2 and body["state"] == "draft" and body["based_on"] == base
    assert len(body["criteria"]) == 4


def test_framework_that_cannot_be_published_stores_nothing(api_for, own, portfolio):
    before = CriteriaFramework.objects.count()
    response = api_for("manager").post(f"{BASE}/frameworks", {
        "name": "Leeg", "publish": True, "criteria": [{"code": "a", "name": "A", "weight": 0}]}, format="json")
    assert "gewicht groter dan nul" in assert_problem(response, 400)["detail"]
    assert CriteriaFramework.objects.count() == before


# --- teams ------------------------------------------------------------------------------------------

def test_team_capacity_is_replaced_and_audited(api_for, portfolio):
    team = portfolio["proefstad"]["team"]
    client = api_for("manager")
    response = client.patch(f"{BASE}/teams/{team}", {"capacity": [{"quarter": "2026-Q2", "hours": 90}]}, format="json")
    assert response.json()["capacity"] == [{"quarter": "2026-Q2", "hours": 90.0}]
    assert list(TeamCapacity.objects.filter(team_id=team).values_list("quarter", flat=True)) == ["2026-Q2"]
    assert AuditEntry.objects.filter(model="portfolio.teamcapacity", action="delete", actor_name="manager").exists()
    duplicate = client.post(f"{BASE}/teams", {"code": "ict", "name": "Nog een ICT"}, format="json")
    assert "al een team" in assert_problem(duplicate, 400)["detail"]


# --- selection runs ---------------------------------------------------------------------------------

def test_selection_run_through_the_api(api_for, own, portfolio):
    ids = portfolio["proefstad"]
    # 200 hours in 2026-Q1: the two assessed initiatives need 120 and 150, so only one fits.
    response = api_for("manager").post(f"{BASE}/selection-runs", {
        "name": "Scenario krap", "sensitivity_draws": 4, "time_limit": 5}, format="json")
    assert response.status_code == 201, response.content
    conforms(response)
    run = response.json()
    assert response["Location"].endswith(f"/selection-runs/{run['id']}")
    assert run["state"] == "done" and run["solver_status"] == "optimal"
    assert run["selected"] == [ids["assessed"]] and run["objective"] == pytest.approx(1.0)
    assert run["gap"] is not None and run["ranked_cutoff_selected"] == [ids["assessed"]]
    assert run["value_gained"] == pytest.approx(0.0) and run["framework"] == ids["framework"]
    by_id = {row["id"]: row for row in run["initiatives"]}
    assert by_id[ids["assessed"]]["selected"] and by_id[ids["assessed"]]["reason_code"] == "value"
    other = next(row for ident, row in by_id.items() if ident != ids["assessed"])
    assert not other["selected"] and other["reason_code"] == "capacity"
    assert other["reason"].startswith("Niet gekozen: team ict heeft in 2026-Q1 nog 80 uur")

    sensitivity = api_for("viewer").get(f"{BASE}/selection-runs/{run['id']}/sensitivity")
    conforms(sensitivity)
    assert sensitivity.json()["draws"] == 4 and sensitivity.json()["not_proven"] == 0
    assert {r["id"]: r["robust"] for r in sensitivity.json()["results"]}[ids["assessed"]] is True
    assert AuditEntry.objects.filter(model="portfolio.selectionrun", actor_name="manager", action="create").exists()


def test_run_with_more_capacity_selects_both(api_for, portfolio):
    run = api_for("manager").post(f"{BASE}/selection-runs", {"name": "Ruim", "capacity_factor": 2}, format="json").json()
    assert len(run["selected"]) == 2 and run["capacity_factor"] == 2


def test_run_needs_a_published_framework_of_the_organisation(api_for, portfolio):
    client = api_for("manager")
    for framework in (portfolio["proefstad"]["draft"], portfolio["elders"]["framework"]):
        response = client.post(f"{BASE}/selection-runs", {"name": "X", "framework": framework}, format="json")
        assert assert_problem(response, 400)["invalid-params"][0]["name"] == "framework"
    assert SelectionRun.objects.filter(name="X").count() == 0


def test_infeasible_run_is_reported_with_a_dutch_reason(api_for, own, portfolio):
    Initiative.objects.filter(pk=portfolio["proefstad"]["assessed"]).update(mandatory=True)
    EffortEstimate.objects.filter(initiative_id=portfolio["proefstad"]["assessed"]).update(hours=500)
    run = api_for("manager").post(f"{BASE}/selection-runs", {"name": "Te krap"}, format="json").json()
    assert run["state"] == "done" and run["solver_status"] == "infeasible"
    assert "ict" in run["reason"] and run["selected"] == []


def test_decisions_can_be_filtered_on_publication(api_for, portfolio):
    client = api_for("viewer")
    rows = client.get(f"{BASE}/decisions?published=true").json()["results"]
    assert [row["title"] for row in rows] == ["Portefeuille 2026"]
    assert rows[0]["published_items"][0]["why"].startswith("Gekozen")
    assert client.get(f"{BASE}/decisions?published=false").json()["results"] == []
    assert_problem(client.get(f"{BASE}/decisions?published=ja"), 400)


def test_team_and_transition_models_are_in_the_audit_trail(api_for, portfolio):
    api_for("manager").post(f"{BASE}/teams", {"code": "data", "name": "Data"}, format="json")
    entry = AuditEntry.objects.get(model="portfolio.team", action="create", actor_name="manager")
    assert entry.changes["code"] == [None, "data"]
    assert Team.objects.filter(code="data").count() == 1 and Transition.objects.exists()



def test_a_manager_records_and_publishes_a_decision_through_the_api(portfolio, api_for):
    manager = api_for("manager")
    run = SelectionRun.objects.get(pk=portfolio["proefstad"]["run"])
    made = manager.post(f"{BASE}/decisions", {"title": "Keuze voorjaar", "reasoning": "Meeste waarde.",
                                              "run": run.pk}, format="json")
    conforms(made)
    assert made.status_code == 201 and made.json()["published"] is False
    published = manager.patch(f"{BASE}/decisions/{made.json()['id']}", {"published": True}, format="json")
    conforms(published)
    assert published.json()["published"] is True
    assert len(published.json()["published_items"]) == len(run.selected) > 0
    withdrawn = manager.patch(f"{BASE}/decisions/{made.json()['id']}", {"published": False}, format="json")
    assert withdrawn.json()["published"] is False and withdrawn.json()["published_items"] == []


def test_a_decision_cannot_rest_on_another_organisations_run(portfolio, api_for):
    foreign_run = next(ids["run"] for slug, ids in portfolio.items() if slug != "proefstad")
    response = api_for("manager").post(f"{BASE}/decisions", {"title": "X", "reasoning": "Y",
                                                                     "run": foreign_run}, format="json")
    assert_problem(response, 400)


def test_switching_a_rule_off_is_stored_and_shown(portfolio, api_for):
    manager = api_for("manager")
    rules = manager.get(f"{BASE}/rules-of-play")
    conforms(rules)
    assert {row["code"]: row["enabled"] for row in rules.json()}["effect_and_owner"] is True
    switched = manager.patch(f"{BASE}/rules-of-play/effect_and_owner", {"enabled": False}, format="json")
    conforms(switched)
    assert switched.json()["enabled"] is False
    assert GateRule.objects.get(organisation__slug="proefstad", code="effect_and_owner").enabled is False
    assert manager.patch(f"{BASE}/rules-of-play/geen_regel", {"enabled": False}, format="json").status_code == 404
