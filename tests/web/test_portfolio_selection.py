"""The selection service end to end on a small portfolio: the stored run equals koers.optimise."""

import dataclasses

import pytest

from koers.apps.portfolio import selection
from koers.apps.portfolio.models import Initiative as Stored
from koers.apps.portfolio.models import Score, SelectionRun
from koers.optimise import Capacity, Effort, Initiative, Instance, solve

from portfolio_helpers import SMALL, make_portfolio
from test_api_support import API, api_for  # noqa: F401


def test_build_matches_the_database(own):
    fw, items = make_portfolio(own)
    built = selection.build(own, fw)
    ids = {item.engine_id for item in items.values()}
    assert set(built.instance.ids) == ids
    mandatory = {i.id for i in built.instance.initiatives if i.mandatory}
    assert mandatory == {items["Wettelijke archiefplicht"].engine_id}
    assert built.values[items["Zaaksysteem vervangen"].engine_id] == pytest.approx(1.0)
    assert built.instance.capacity_map() == {("a", "2026-Q1"): 100, ("b", "2026-Q1"): 50}


def test_run_equals_the_engine_and_includes_mandatory(own, users):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis", user=users["manager"]))
    assert run.state == SelectionRun.State.DONE and run.solver_status == "optimal"
    key = {title: item.engine_id for title, item in items.items()}
    # the same portfolio written by hand for the engine
    value = {title: (score - 1) / 4 for title, (_, _, score, _) in
             SMALL.items()}
    instance = Instance(
        tuple(Initiative(key[t], value[t], mandatory=t == "Wettelijke archiefplicht") for t in key),
        tuple(Effort(key[t], team, "2026-Q1", h) for t, (a, b, _, _) in SMALL.items()
              for team, h in (("a", a), ("b", b)) if h),
        (Capacity("a", "2026-Q1", 100), Capacity("b", "2026-Q1", 50)))
    expected = solve(instance)
    assert sorted(run.selected) == sorted(expected.selected)
    assert run.objective == pytest.approx(expected.objective)
    assert run.ranked_cutoff_objective == pytest.approx(expected.ranked_cutoff_objective)
    assert run.value_gained == pytest.approx(expected.value_gained)
    assert key["Wettelijke archiefplicht"] in run.selected
    assert run.explanation[key["Wettelijke archiefplicht"]]["code"] == "mandatory"
    out = [ident for ident in key.values() if ident not in run.selected]
    assert out and all(run.explanation[i]["code"] in ("capacity", "trade_off", "no_value") for i in out)


def test_capacity_scenario_and_sensitivity(own):
    fw, items = make_portfolio(own)
    base = selection.queue(selection.create_run(own, fw, name="Basis"))
    more = selection.queue(selection.create_run(own, fw, name="+100 %", capacity_factor=2.0, sensitivity_draws=5))
    assert more.objective >= base.objective
    assert len(more.frequency) == len(items)
    assert more.frequency[items["Wettelijke archiefplicht"].engine_id] == 1.0


def test_draws_not_proven_are_counted_and_shown(own, client_for, monkeypatch):
    import koers.optimise
    real = koers.optimise.sensitivity

    def stopped_early(*args, **kwargs):  # as on a portfolio too large to prove within 0.05 s
        return dataclasses.replace(real(*args, **kwargs), not_optimal=3)

    fw, items = make_portfolio(own)
    proven = selection.queue(selection.create_run(own, fw, name="Klein", sensitivity_draws=5))
    assert proven.sensitivity_not_proven == 0
    page = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    assert "Gevoeligheid:" in page and "niet bewezen optimaal" not in page
    monkeypatch.setattr(koers.optimise, "sensitivity", stopped_early)
    run = selection.queue(selection.create_run(own, fw, name="Krap", sensitivity_draws=5))
    assert SelectionRun.objects.get(pk=run.pk).sensitivity_not_proven == 3
    page = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    assert "3 van de 5 trekkingen zijn binnen de rekentijd niet bewezen optimaal" in page
    english = client_for("viewer")
    assert english.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    page = english.get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    assert "3 of the 5 draws were not proven optimal within their time limit" in page
    again = selection.queue(selection.create_run(own, fw, name="Zonder analyse"))
    assert again.sensitivity_not_proven == 0


def test_budget_and_infeasible_mandatory(own):
    fw, items = make_portfolio(own, capacity=(10, 50))  # the mandatory item needs 30 h of team a
    run = selection.queue(selection.create_run(own, fw, name="Te krap"))
    assert run.state == "done" and run.solver_status == "infeasible"
    assert "a" in run.reason and "2026-Q1" in run.reason


def test_foreign_framework_is_refused(own, foreign):
    fw, _ = make_portfolio(foreign)
    with pytest.raises(ValueError):
        selection.create_run(own, fw, name="x")


def test_pages_show_the_selection(client_for, own):
    fw, items = make_portfolio(own)
    run = selection.queue(selection.create_run(own, fw, name="Basis"))
    page = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/").content.decode()
    assert "<svg" in page and "Zaaksysteem vervangen" in page and "verplicht" in page
    assert "<table" in page  # the text alternative
    compare = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/scenarios/?vergelijk={run.pk}")
    assert "Vergelijking" in compare.content.decode()


# --- the rules of play ------------------------------------------------------------------------------

def test_an_initiative_that_may_not_start_is_never_selected(own, client_for, api_for):
    fw, items = make_portfolio(own)
    risky = items["Zaaksysteem vervangen"]  # the most valuable one: chosen when the rules are ignored
    Stored.objects.filter(pk=risky.pk).update(personal_data="high", algorithm="affects_residents")
    run = selection.queue(selection.create_run(own, fw, name="Spelregels"))
    assert risky.engine_id not in run.selected and risky.engine_id in run.values  # shown, not chosen
    entry = run.explanation[risky.engine_id]
    assert entry["code"] == "gate" and len(entry["rules"]) == 2  # stored: an old run still explains itself
    assert "DPIA" in entry["rules"][0] and "IAMA" in entry["rules"][1]
    page = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/?scenario={run.pk}").content.decode()
    assert "Niet gekozen: mag nog niet starten: Spelregel" in page
    rows = api_for("viewer").get(f"{API}/organisations/proefstad/selection-runs/{run.pk}").json()["initiatives"]
    row = next(r for r in rows if r["id"] == risky.pk)
    assert row["reason_code"] == "gate" and "IAMA" in row["reason"]


def test_an_unscored_initiative_is_not_selected(own):
    fw, items = make_portfolio(own)
    unscored = items["Zaaksysteem vervangen"]
    Score.objects.filter(initiative=unscored, criterion__code="efficiency").delete()
    run = selection.queue(selection.create_run(own, fw, name="Zonder scores"))
    assert run.explanation[unscored.engine_id]["code"] == "gate"
    assert "Nog niet gescoord op 1 criterium" in run.explanation[unscored.engine_id]["rules"][0]


def test_a_forced_initiative_that_may_not_start_stays_in_but_is_flagged(own):
    fw, items = make_portfolio(own)
    duty = items["Wettelijke archiefplicht"]
    Stored.objects.filter(pk=duty.pk).update(personal_data="high")
    run = selection.queue(selection.create_run(own, fw, name="Plicht"))
    entry = run.explanation[duty.engine_id]
    assert duty.engine_id in run.selected and entry["code"] == "mandatory" and "DPIA" in entry["blocked"][0]
    text = selection.explanation_text(entry, {})
    assert text.startswith("Gekozen: verplicht") and "Let op: mag volgens de spelregels nog niet starten" in text


def test_gate_facts_are_built_in_bulk(own, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from koers.apps.portfolio import workflow

    make_portfolio(own)
    every = list(Stored.objects.filter(organisation=own))
    with CaptureQueriesContext(connection) as one:
        workflow.facts_by_initiative(own, every[:1])
    with django_assert_max_num_queries(len(one.captured_queries)):
        facts = workflow.facts_by_initiative(own, every)
    assert len(facts) == len(every) == 5
