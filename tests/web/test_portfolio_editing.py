"""Editing after intake: the initiative's fields, its effort, the goals of the digital agenda and the
organisation's own principles. Who may edit what, and that every change lands in the audit trail."""

import re

import pytest

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import workflow
from koers.apps.portfolio.models import EffortEstimate, Goal, Initiative, Principle, Team

from portfolio_helpers import make_portfolio


def _base(organisation):
    return f"/organisaties/{organisation.slug}/portefeuille/"


def _edit_url(item):
    return f"{_base(item.organisation)}initiatieven/{item.pk}/bewerken/"


def _effort_url(item):
    return f"{_base(item.organisation)}initiatieven/{item.pk}/inzet/"


def _fields(item, **changes):
    """The edit form's POST data for ``item`` as stored, with ``changes`` applied."""
    data = {
        "title": item.title, "problem": item.problem, "intended_effect": item.intended_effect,
        "department": item.department, "personal_data": item.personal_data, "algorithm": item.algorithm,
        "owner": item.owner, "cost_once": str(item.cost_once), "cost_yearly": str(item.cost_yearly),
        "desired_start": item.desired_start, "desired_end": item.desired_end,
        "exclusive_group": item.exclusive_group,
        "goals": [g.pk for g in item.goals.all()], "requires": [r.pk for r in item.requires.all()],
    }
    if item.mandatory:
        data["mandatory"] = "on"
    if item.already_running:
        data["already_running"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _request_by(user, organisation, title="Mijn aanvraag"):
    return workflow.submit(Initiative(organisation=organisation, title=title, problem="Een probleem.",
                                      department="Burgerzaken", intended_effect="Inwoners merken het.",
                                      owner="Teamleider"), user)


# --- editing an initiative -----------------------------------------------------------------------

def test_a_manager_edits_an_initiative_and_the_change_is_audited(client_for, own, users):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    goal = Goal.objects.create(organisation=own, code="D1", title="Dienstverlening op maat")
    client = client_for("manager")
    page = client.get(_edit_url(item)).content.decode()
    assert 'value="Chatbot"' in page and "Wijzigingen opslaan" in page
    # Amounts are text inputs with a numeric keyboard: a browser empties type=number given "12.500,50".
    amounts = re.findall(r'<input[^>]*name="cost_(?:once|yearly)"[^>]*>', page)
    assert len(amounts) == 2 and all('type="text"' in tag and 'inputmode="decimal"' in tag for tag in amounts)

    response = client.post(_edit_url(item), _fields(
        item, title="Chatbot voor vergunningen", owner="Hoofd Dienstverlening", cost_once="12500.50",
        desired_start="2026-Q2", desired_end="2026-Q4", goals=[goal.pk],
        requires=[items["Open data portaal"].pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"/initiatieven/{item.pk}/")
    item.refresh_from_db()
    assert item.title == "Chatbot voor vergunningen" and item.owner == "Hoofd Dienstverlening"
    assert str(item.cost_once) == "12500.50" and item.desired_start == "2026-Q2"
    assert list(item.goals.all()) == [goal] and list(item.requires.all()) == [items["Open data portaal"]]
    again = client.get(_edit_url(item)).content.decode()
    assert re.search(r'<input type="text" name="cost_once" value="12500,50"', again)

    entries = AuditEntry.objects.filter(model="portfolio.initiative", object_id=str(item.pk),
                                        action="update", actor_id=users["manager"].pk)
    fields = {}
    for entry in entries:
        fields.update(entry.changes)
    assert fields["title"] == ["Chatbot", "Chatbot voor vergunningen"]
    assert fields["owner"] == ["Eigenaar", "Hoofd Dienstverlening"]
    assert fields["cost_once"] == ["0.00", "12500.50"]
    assert fields["goals"] == [[], [goal.pk]]
    assert fields["requires"] == [[], [items["Open data portaal"].pk]]
    assert "status" not in fields

    detail = client.get(f"{_base(own)}initiatieven/{item.pk}/").content.decode()
    assert "Chatbot voor vergunningen" in detail and "Dienstverlening op maat" in detail


def test_edit_errors_are_in_dutch_with_the_error_summary(client_for, own):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    response = client_for("manager").post(_edit_url(item), _fields(
        item, title="", desired_start="2026-Q3", desired_end="2026-Q1"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Er is een probleem" in body and 'role="alert"' in body
    assert 'href="#id_title"' in body and "Het eindkwartaal ligt voor het startkwartaal." in body
    # The invalid input points at its error text.
    title_input = re.search(r'<input[^>]*name="title"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in title_input and "id_title_error" in title_input
    assert 'id="id_title_error"' in body
    # The heading still shows the stored title, and nothing was stored.
    assert "<h1>I-004 Chatbot bewerken</h1>" in body
    item.refresh_from_db()
    assert item.title == "Chatbot" and item.desired_start == ""


def test_a_dependency_cycle_is_refused(client_for, own):
    _, items = make_portfolio(own)
    first, second = items["Chatbot"], items["Sensoren"]
    second.requires.add(first)
    response = client_for("manager").post(_edit_url(first), _fields(first, requires=[second.pk]))
    assert response.status_code == 400 and "kringloop" in response.content.decode()
    assert not first.requires.exists()


def test_the_status_cannot_be_changed_through_the_edit_form(client_for, own):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    transitions = item.transitions.count()
    response = client_for("admin").post(_edit_url(item), _fields(item, title="Andere titel", status="done"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Andere titel" and item.status == "assessment"
    assert item.transitions.count() == transitions
    page = client_for("admin").get(_edit_url(item)).content.decode()
    assert 'name="status"' not in page


def test_a_contributor_edits_their_own_request_while_in_intake(client_for, own, users):
    item = _request_by(users["contributor"], own)
    client = client_for("contributor")
    detail = client.get(f"{_base(own)}initiatieven/{item.pk}/").content.decode()
    assert _edit_url(item) in detail and _effort_url(item) in detail
    assert client.get(_edit_url(item)).status_code == 200
    response = client.post(_edit_url(item), _fields(item, intended_effect="Inwoners wachten korter."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.intended_effect == "Inwoners wachten korter."
    assert AuditEntry.objects.filter(model="portfolio.initiative", object_id=str(item.pk), action="update",
                                     actor_id=users["contributor"].pk).exists()


def test_a_contributor_may_not_edit_after_assessment_or_someone_elses_request(client_for, own, users):
    mine = _request_by(users["contributor"], own, "Mijn aanvraag")
    workflow.move(mine, "assessment", users["manager"], "in beoordeling")
    theirs = _request_by(users["manager"], own, "Aanvraag van een ander")
    client = client_for("contributor")
    for item in (mine, theirs):
        assert client.get(_edit_url(item)).status_code == 403
        assert client.post(_edit_url(item), _fields(item, title="Gewijzigd")).status_code == 403
        assert client.get(_effort_url(item)).status_code == 403
        assert client.post(_effort_url(item), {"effort": ""}).status_code == 403
        item.refresh_from_db()
        assert item.title != "Gewijzigd"
        detail = client.get(f"{_base(own)}initiatieven/{item.pk}/").content.decode()
        assert _edit_url(item) not in detail
    # A viewer never edits, not even a request that is in intake.
    assert client_for("viewer").get(_edit_url(theirs)).status_code == 403


# --- effort --------------------------------------------------------------------------------------

def test_effort_editing_replaces_the_rows(client_for, own, users):
    _, items = make_portfolio(own)
    item = items["Chatbot"]  # a: 40, b: 40 in 2026-Q1
    client = client_for("manager")
    page = client.get(_effort_url(item)).content.decode()
    assert "a, 2026-Q1, 40\nb, 2026-Q1, 40" in page and "Teamcodes: a, b." in page
    response = client.post(_effort_url(item), {"effort": "a, 2026-Q1, 45\n\na; 2026-Q2; 12,5\n"})
    assert response.status_code == 302
    rows = {(r.team.code, r.quarter): r.hours for r in EffortEstimate.objects.filter(initiative=item)}
    assert rows == {("a", "2026-Q1"): 45.0, ("a", "2026-Q2"): 12.5}
    audited = set(AuditEntry.objects.filter(model="portfolio.effortestimate", actor_id=users["manager"].pk)
                  .values_list("action", flat=True))
    assert audited == {"update", "delete", "create"}
    # An empty list clears the estimate.
    assert client.post(_effort_url(item), {"effort": ""}).status_code == 302
    assert not EffortEstimate.objects.filter(initiative=item).exists()


def test_effort_with_an_unknown_team_names_the_line_and_stores_nothing(client_for, own):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    before = sorted(EffortEstimate.objects.filter(initiative=item).values_list("team__code", "quarter", "hours"))
    response = client_for("manager").post(_effort_url(item), {"effort": "a, 2026-Q1, 10\nonbekend, 2026-Q2, 5"})
    body = response.content.decode()
    assert response.status_code == 400 and "Er is een probleem" in body
    assert "Regel 2: onbekend team ‘onbekend’." in body and 'href="#id_effort"' in body
    assert "a, 2026-Q1, 10" in body  # what was typed stays in the field
    after = sorted(EffortEstimate.objects.filter(initiative=item).values_list("team__code", "quarter", "hours"))
    assert after == before


# --- goals ---------------------------------------------------------------------------------------

def test_goals_are_added_renamed_and_removed(client_for, own, users):
    client = client_for("manager")
    base = _base(own) + "doelen/"
    assert client.post(base, {"nieuw-code": "D1", "nieuw-title": "Digitaal loket",
                              "nieuw-description": ""}).status_code == 302
    goal = Goal.objects.get(organisation=own, code="D1")
    duplicate = client.post(base, {"nieuw-code": "D1", "nieuw-title": "Nog een"})
    assert duplicate.status_code == 400 and "Er is al een doel met de code ‘D1’." in duplicate.content.decode()

    assert client.get(f"{base}{goal.pk}/").status_code == 200
    assert client.post(f"{base}{goal.pk}/", {"code": "D1", "title": "Digitaal loket voor iedereen"}).status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Digitaal loket voor iedereen"
    assert AuditEntry.objects.filter(model="portfolio.goal", object_id=str(goal.pk), action="update",
                                     changes__title=["Digitaal loket", "Digitaal loket voor iedereen"]).exists()

    assert client.post(f"{base}{goal.pk}/verwijderen/").status_code == 302
    assert not Goal.objects.filter(pk=goal.pk).exists()
    assert AuditEntry.objects.filter(model="portfolio.goal", object_id=str(goal.pk), action="delete").exists()


def test_a_goal_in_use_is_not_removed(client_for, own):
    _, items = make_portfolio(own)
    goal = Goal.objects.create(organisation=own, code="D2", title="Open overheid")
    items["Open data portaal"].goals.add(goal)
    client = client_for("manager")
    response = client.post(f"{_base(own)}doelen/{goal.pk}/verwijderen/", follow=True)
    body = response.content.decode()
    assert Goal.objects.filter(pk=goal.pk).exists()
    assert "is niet verwijderd: 1 initiatief draagt eraan bij" in body and "Open data portaal" in body
    items["Open data portaal"].goals.remove(goal)
    client.post(f"{_base(own)}doelen/{goal.pk}/verwijderen/")
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_the_goals_page_is_in_the_sub_navigation_for_managers_only(client_for, own):
    make_portfolio(own)
    goals_url = _base(own) + "doelen/"
    assert f'href="{goals_url}"' in client_for("manager").get(_base(own)).content.decode()
    assert f'href="{goals_url}"' not in client_for("contributor").get(_base(own)).content.decode()


# --- principles ----------------------------------------------------------------------------------

def test_a_new_principle_appears_in_the_principle_checks(client_for, own, users):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    client = client_for("manager")
    rules = client.get(_base(own) + "spelregels/").content.decode()
    assert f'href="{_base(own)}principes/"' in rules
    response = client.post(_base(own) + "principes/", {
        "nieuw-kind": "ethical", "nieuw-title": "Duurzaamheid",
        "nieuw-description": "We kiezen de oplossing met de kleinste ecologische voetafdruk."})
    assert response.status_code == 302
    principle = Principle.objects.get(organisation=own, title="Duurzaamheid")
    assert principle.active and principle.kind == "ethical" and principle.code == "duurzaamheid"
    assert AuditEntry.objects.filter(model="portfolio.principle", object_id=str(principle.pk), action="create").exists()

    detail = client.get(f"{_base(own)}initiatieven/{item.pk}/").content.decode()
    checks = detail[detail.index('id="principes-titel"'):detail.index('id="historie-titel"')]
    assert "Duurzaamheid" in checks and f'name="answer_{principle.pk}"' in checks
    # The rules of play count it: without an answer it blocks the start.
    assert "duurzaamheid" in workflow.facts_for(item).principle_answers


def test_a_principle_text_is_edited_but_not_its_kind(client_for, own):
    make_portfolio(own)
    principle = Principle.objects.get(organisation=own, code="privacy")
    client = client_for("manager")
    page = client.get(f"{_base(own)}principes/{principle.pk}/").content.decode()
    assert 'name="kind"' not in page and 'value="Privacy"' in page
    response = client.post(f"{_base(own)}principes/{principle.pk}/", {
        "title": "Privacy voorop", "description": "Alleen wat nodig is.", "kind": "architecture"})
    assert response.status_code == 302
    principle.refresh_from_db()
    assert (principle.title, principle.description, principle.kind) == ("Privacy voorop", "Alleen wat nodig is.",
                                                                        "ethical")
    assert AuditEntry.objects.filter(model="portfolio.principle", object_id=str(principle.pk), action="update",
                                     changes__title=["Privacy", "Privacy voorop"]).exists()
    empty = client.post(f"{_base(own)}principes/{principle.pk}/", {"title": "", "description": ""})
    assert empty.status_code == 400 and "Er is een probleem" in empty.content.decode()
    assert "Privacy voorop" in empty.content.decode()


def test_a_second_principle_with_the_same_title_gets_its_own_code(client_for, own):
    make_portfolio(own)
    client = client_for("admin")
    for _ in range(2):
        client.post(_base(own) + "principes/", {"nieuw-kind": "architecture", "nieuw-title": "Privacy",
                                                "nieuw-description": ""})
    codes = sorted(Principle.objects.filter(organisation=own, title="Privacy").values_list("code", flat=True))
    assert codes == ["privacy", "privacy-2", "privacy-3"]


@pytest.mark.parametrize("path", ["doelen/", "principes/"])
def test_contributors_do_not_manage_goals_or_principles(client_for, own, path):
    assert client_for("contributor").get(_base(own) + path).status_code == 403


def test_the_new_pages_render_for_a_manager(client_for, own):
    _, items = make_portfolio(own)
    goal = Goal.objects.create(organisation=own, code="D1", title="Doel")
    principle = Principle.objects.filter(organisation=own).first()
    Team.objects.create(organisation=own, code="c", name="Team C")
    client = client_for("manager")
    item = items["Chatbot"]
    for path in (f"initiatieven/{item.pk}/bewerken/", f"initiatieven/{item.pk}/inzet/", "doelen/",
                 f"doelen/{goal.pk}/", "principes/", f"principes/{principle.pk}/"):
        response = client.get(_base(own) + path)
        assert response.status_code == 200, path
        assert 'aria-current="page"' in response.content.decode(), path

