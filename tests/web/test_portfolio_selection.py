"""The selection service end to end on a small portfolio: the stored run equals koers.optimise."""

import dataclasses

import pytest

from koers.apps.portfolio import selection
from koers.apps.portfolio.models import SelectionRun
from koers.optimise import Capacity, Effort, Initiative, Instance, solve

from portfolio_helpers import SMALL, make_portfolio


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
