"""The demo's readiness rounds: two closed rounds of seven, better on two dimensions, one disagreement."""

from __future__ import annotations

from koers.apps.audit.models import AuditEntry
from koers.apps.readiness import demo, results
from koers.apps.readiness.models import Response, Round


def test_two_rounds_the_second_better_on_two_dimensions_with_one_disagreement(own):
    demo.seed(own)
    summary = results.latest_summary(own)
    assert summary.round_name == demo.REPEAT and summary.previous_name == demo.BASELINE
    assert summary.respondents == 7
    better = {d.code for d in summary.dimensions if d.change and d.change > 0}
    assert better == {"effecten", "samenwerking"}
    assert [d.code for d in summary.dimensions if d.disagreement] == ["angst"]
    assert all(Response.objects.filter(round=r).count() >= 5 for r in Round.objects.filter(organisation=own))
    assert results.evidence(Round.objects.get(organisation=own, name=demo.REPEAT))


def test_seeding_again_writes_nothing(own):
    demo.seed(own)
    before = (Round.objects.count(), Response.objects.count(), AuditEntry.objects.count())
    demo.seed(own)
    assert (Round.objects.count(), Response.objects.count(), AuditEntry.objects.count()) == before
