"""Every rule of play: blocked and allowed, as pure functions and through the workflow service."""

import pytest

from koers.apps.portfolio import gates, workflow
from koers.apps.portfolio.gates import Facts
from koers.apps.portfolio.models import GateRule, Initiative, Principle, Transition

COMPLETE = dict(intended_effect="Sneller antwoord", owner="Teamleider")


def test_no_assessment_without_effect_and_owner():
    blocked = gates.check(Facts(), "assessment")
    assert [b.rule for b in blocked] == ["effect_and_owner"]
    assert "beoogde effect" in blocked[0].message and "eigenaar" in blocked[0].message
    assert gates.check(Facts(**COMPLETE), "assessment") == []


def test_no_start_without_complete_principle_check():
    unanswered = Facts(**COMPLETE, principle_answers={"privacy": (None, ""), "api-eerst": ("complies", "")})
    assert [b.rule for b in gates.check(unanswered, "in_progress")] == ["principles_checked"]
    unjustified = Facts(**COMPLETE, principle_answers={"privacy": ("deviates", " ")})
    assert "onderbouwing" in gates.check(unjustified, "in_progress")[0].message
    done = Facts(**COMPLETE, principle_answers={"privacy": ("deviates", "Tijdelijk, tot de koppeling er is"),
                                                "api-eerst": ("not_applicable", "")})
    assert gates.check(done, "in_progress") == []
    assert gates.check(unanswered, "prioritised") == []  # the rule guards the start only


def test_high_privacy_risk_needs_dpia():
    risky = Facts(**COMPLETE, personal_data="high")
    assert [b.rule for b in gates.check(risky, "in_progress")] == ["dpia"]
    assert "DPIA" in gates.check(risky, "in_progress")[0].message
    assert gates.check(Facts(**COMPLETE, personal_data="high", dpia_done=True), "in_progress") == []
    assert gates.check(Facts(**COMPLETE, personal_data="low"), "in_progress") == []


def test_algorithm_affecting_residents_needs_iama_and_register():
    algo = Facts(**COMPLETE, algorithm="affects_residents")
    message = gates.check(algo, "in_progress")[0].message
    assert "IAMA" in message and "algoritmeregister" in message
    only_iama = Facts(**COMPLETE, algorithm="affects_residents", iama_done=True)
    assert "algoritmeregister" in gates.check(only_iama, "in_progress")[0].message
    assert gates.check(Facts(**COMPLETE, algorithm="affects_residents", iama_done=True,
                             algorithm_registered=True), "in_progress") == []


def test_disabled_rules_do_not_block():
    assert gates.check(Facts(personal_data="high"), "in_progress", enabled=set()) == []


def test_life_cycle_is_checked_first():
    blocked = gates.blocked_by(Facts(**COMPLETE), "intake", "done")
    assert blocked[0].rule == "lifecycle" and "Intake" in blocked[0].message


@pytest.fixture
def initiative(own):
    return workflow.submit(Initiative(organisation=own, title="Burgerportaal", problem="p", department="KCC"), None)


def test_workflow_blocks_and_records(own, users, initiative):
    with pytest.raises(workflow.TransitionBlocked) as blocked:
        workflow.move(initiative, "assessment", users["manager"], "beoordelen")
    assert "Spelregel" in blocked.value.messages[0]
    initiative.intended_effect, initiative.owner = "Minder wachten", "Hoofd KCC"
    initiative.save()
    transition = workflow.move(initiative, "assessment", users["manager"], "compleet")
    assert (transition.from_status, transition.to_status, transition.actor, transition.reason) == (
        "intake", "assessment", users["manager"], "compleet")
    assert Transition.objects.filter(initiative=initiative).count() == 2  # submission + move


def test_workflow_needs_a_reason(own, users, initiative):
    with pytest.raises(workflow.TransitionBlocked):
        workflow.move(initiative, "rejected", users["manager"], "  ")


def test_switching_a_rule_off_in_the_database(own, users, initiative):
    GateRule.objects.create(organisation=own, code="effect_and_owner", enabled=False)
    workflow.move(initiative, "assessment", users["manager"], "regel staat uit")
    assert Initiative.objects.get(pk=initiative.pk).status == "assessment"


def test_principle_check_through_the_service(own, users, initiative):
    principle = Principle.objects.create(organisation=own, kind="ethical", code="privacy", title="Privacy")
    with pytest.raises(ValueError):
        workflow.check_principle(initiative, principle, "deviates", "")
    workflow.check_principle(initiative, principle, "deviates", "Pilot met nepgegevens")
    assert workflow.facts_for(initiative).principle_answers == {"privacy": ("deviates", "Pilot met nepgegevens")}


def test_blocked_transition_via_the_page_names_the_rule(client_for, own, initiative):
    client = client_for("manager")
    response = client.post(f"/organisaties/{own.slug}/portefeuille/initiatieven/{initiative.pk}/status/",
                           {"target": "assessment", "reason": "verder"}, follow=True)
    assert "Geen beoordeling zonder beoogd effect en eigenaar" in response.content.decode()
    assert Initiative.objects.get(pk=initiative.pk).status == "intake"


def test_prioritising_needs_every_criterion_scored():
    three = gates.check(Facts(**COMPLETE, framework="Kader v2", unscored=3), "prioritised")
    assert [b.rule for b in three] == ["scored"]
    assert three[0].message.startswith("Nog niet gescoord op 3 criteria van ‘Kader v2’")
    assert "1 criterium van" in gates.check(Facts(**COMPLETE, framework="Kader v2", unscored=1), "prioritised")[0].message
    assert gates.check(Facts(**COMPLETE, framework=None), "prioritised")[0].rule == "scored"  # nothing to weigh with
    assert gates.check(Facts(**COMPLETE, framework="Kader v2", unscored=3), "prioritised", enabled=set()) != []
    assert gates.check(Facts(**COMPLETE, framework="Kader v2"), "prioritised") == []


def test_a_parked_initiative_returns_through_assessment():
    assert gates.blocked_by(Facts(**COMPLETE), "parked", "prioritised")[0].rule == "lifecycle"
    assert gates.blocked_by(Facts(**COMPLETE), "parked", "assessment") == []


def test_start_blockers_cover_every_step_still_ahead():
    facts = Facts(**COMPLETE, personal_data="high", framework="Kader v2", unscored=2)
    assert [b.rule for b in gates.start_blockers(facts, "assessment")] == ["scored", "dpia"]
    assert [b.rule for b in gates.start_blockers(facts, "prioritised")] == ["dpia"]
    assert [b.rule for b in gates.start_blockers(facts, "in_progress")] == ["dpia"]  # running without it
    assert gates.start_blockers(Facts(**COMPLETE, framework="Kader v2"), "assessment") == []


def test_an_unscored_initiative_cannot_be_prioritised(own, users, initiative):
    from koers.apps.portfolio import framework

    fw = framework.ensure_default_framework(own)
    initiative.intended_effect, initiative.owner = "Minder wachten", "Hoofd KCC"
    initiative.save()
    workflow.move(initiative, "assessment", users["manager"], "compleet")
    with pytest.raises(workflow.TransitionBlocked) as blocked:
        workflow.move(initiative, "prioritised", users["manager"], "snel door")
    assert blocked.value.messages == [f"Nog niet gescoord op 4 criteria van ‘{fw}’: scoor eerst alle criteria."]
    for criterion in fw.criteria.all():
        framework.score(initiative, criterion, 3)
    workflow.move(initiative, "prioritised", users["manager"], "gewogen")
    assert Initiative.objects.get(pk=initiative.pk).status == "prioritised"
