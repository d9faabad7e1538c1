"""The demo portfolio: about 40 initiatives, demand about three times capacity, idempotent."""

from django.core.management import call_command

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import selection
from koers.apps.portfolio.models import (
    CriteriaFramework, Decision, EffortEstimate, Initiative, Principle, Score, SelectionRun, TeamCapacity,
)


def counts():
    return tuple(model.objects.count() for model in (
        Initiative, EffortEstimate, TeamCapacity, Score, Principle, CriteriaFramework, SelectionRun, Decision,
        AuditEntry))


def test_demo_portfolio_once(db, tmp_path, client):
    call_command("koers_demo", manifest=tmp_path / "geen.csv")
    first = counts()
    call_command("koers_demo", manifest=tmp_path / "geen.csv")
    assert counts() == first
    assert Initiative.objects.count() == 40
    assert TeamCapacity.objects.count() == 4 * 8
    rows = selection.demand_and_capacity(Initiative.objects.first().organisation)
    demand, capacity = sum(r["demand"] for r in rows), sum(r["capacity"] for r in rows)
    assert 2.5 <= demand / capacity <= 3.5
    run = SelectionRun.objects.get()
    assert run.state == "done" and run.selected and run.frequency
    assert CriteriaFramework.objects.get().is_published
    decision = Decision.objects.get()
    assert decision.published and len(decision.published_items) == len(run.selected)
    public = client.get(f"/openbaar/{decision.organisation.slug}/portefeuille/")
    assert public.status_code == 200 and decision.title in public.content.decode()
