import pytest
from django.core.exceptions import PermissionDenied

from koers.apps.agenda.models import OrganisationCodebook
from koers.apps.audit.context import acting_as
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Membership, Organisation, Role
from web_helpers import make_user


def entries(model):
    return list(AuditEntry.objects.filter(model=model).order_by("id"))


def test_create_update_delete_are_recorded_with_old_and_new_values(db):
    actor = make_user("auditor")
    with acting_as(actor):
        organisation = Organisation.objects.create(name="Gemeente Oud", slug="oud", population=1000)
        organisation.name = "Gemeente Nieuw"
        organisation.save()
        organisation_id = organisation.pk
        organisation.delete()
    created, updated, deleted = entries("organisations.organisation")
    assert created.action == "create" and created.changes["name"] == [None, "Gemeente Oud"]
    assert updated.action == "update" and updated.changes == {"name": ["Gemeente Oud", "Gemeente Nieuw"]}
    assert deleted.action == "delete" and deleted.changes["name"] == ["Gemeente Nieuw", None]
    assert {e.actor_name for e in (created, updated, deleted)} == {"auditor"}
    assert {e.actor_id for e in (created, updated, deleted)} == {actor.pk}
    assert {e.object_id for e in (created, updated, deleted)} == {str(organisation_id)}


def test_saving_without_a_change_records_nothing(own):
    before = AuditEntry.objects.count()
    own.save()
    assert AuditEntry.objects.count() == before


def test_without_an_actor_the_system_is_recorded(own):
    assert entries("organisations.organisation")[0].actor_name == "systeem"


def test_membership_and_codebook_changes_belong_to_their_organisation(own):
    user = make_user("lid")
    membership = Membership.objects.create(user=user, organisation=own, role=Role.VIEWER)
    membership.role = Role.MANAGER
    membership.save()
    OrganisationCodebook.objects.create(organisation=own, text="[codebook]")
    update = entries("organisations.membership")[-1]
    assert update.changes == {"role": ["viewer", "manager"]}
    assert update.organisation_id == own.pk
    assert entries("agenda.organisationcodebook")[0].organisation_id == own.pk


def test_document_upload_and_scan_are_recorded(make_document, own):
    document = make_document()
    trail = entries("agenda.scandocument")
    assert trail[0].action == "create" and trail[0].object_repr == document.original_name
    assert any(e.changes.get("status") == ["running", "done"] for e in trail)


def test_entries_cannot_be_changed_or_deleted(own):
    entry = AuditEntry.objects.first()
    entry.actor_name = "iemand anders"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="x")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.actor_name == "systeem"


def test_the_request_user_is_the_actor(client_for, own, users):
    client = client_for("admin")
    membership = users["viewer"].memberships.get()
    response = client.post(f"/organisaties/{own.slug}/leden/{membership.pk}/rol/", {"role": "contributor"})
    assert response.status_code == 302
    entry = entries("organisations.membership")[-1]
    assert entry.action == "update"
    assert entry.actor_name == "admin" and entry.actor_id == users["admin"].pk
    assert entry.changes == {"role": ["viewer", "contributor"]}


def test_audit_page_lists_filters_and_exports(client_for, own, foreign):
    Membership.objects.create(user=make_user("x"), organisation=foreign, role=Role.VIEWER)
    client = client_for("manager")
    page = client.get(f"/organisaties/{own.slug}/audit/", {"model": "organisations.membership"})
    assert page.status_code == 200
    rows = page.context["page"].object_list
    assert rows and all(e.model == "organisations.membership" and e.organisation_id == own.pk for e in rows)
    export = client.get(f"/organisaties/{own.slug}/audit/export.csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0] == "tijdstip,door,actie,soort,id,omschrijving,wijzigingen"
    assert "Gemeente Proefstad" in body and "Gemeente Elders" not in body


def test_csv_export_neutralises_formulas(client_for, own):
    with acting_as("=HYPERLINK(1)"):
        own.name = "Gemeente Proefstad 2"
        own.save()
    body = b"".join(client_for("manager").get(f"/organisaties/{own.slug}/audit/export.csv")
                    .streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body


def test_no_edit_views_exist_for_the_trail(client_for, own):
    entry = AuditEntry.objects.first()
    for url in (f"/organisaties/{own.slug}/audit/{entry.pk}/", f"/organisaties/{own.slug}/audit/{entry.pk}/verwijderen/"):
        assert client_for("admin").post(url).status_code == 404


def test_audit_page_shows_field_and_choice_labels_not_stored_names(client_for, make_document, own):
    make_document()
    body = client_for("manager").get(f"/organisaties/{own.slug}/audit/", {"model": "agenda.scandocument"}
                                     ).content.decode()
    assert "status: Bezig → Klaar" in body and "(document " in body
    assert "running" not in body and "agenda.scandocument " not in body
    # the record itself keeps the stored values
    assert any(e.changes.get("status") == ["running", "done"] for e in entries("agenda.scandocument"))


# --- related objects by name on the audit page ----------------------------------------------------

def _audit_page(client, own, **params):
    return client.get(f"/organisaties/{own.slug}/audit/", params).content.decode()


def test_audit_page_names_a_related_object_instead_of_its_id(client_for, own):
    from koers.apps.portfolio.models import Team, TeamCapacity

    team = Team.objects.create(organisation=own, code="noordwacht", name="Team Noordwacht")
    TeamCapacity.objects.create(team=team, quarter="2027-Q1", hours=80)
    body = _audit_page(client_for("manager"), own)
    assert "team: – → Team Noordwacht" in body
    assert f"team: – → {team.pk}<" not in body and f"team: – → {team.pk} " not in body
    assert f"organisatie: – → {own.name}" in body  # the team's own organisation link
    # the record itself keeps the raw id
    assert entries("portfolio.teamcapacity")[-1].changes["team"] == [None, team.pk]


def test_audit_page_shows_the_id_of_a_deleted_related_object_as_deleted(client_for, own):
    from koers.apps.portfolio.models import Team, TeamCapacity

    team = Team.objects.create(organisation=own, code="opgeheven", name="Team Opgeheven")
    TeamCapacity.objects.create(team=team, quarter="2027-Q1", hours=80)
    team_id = team.pk
    team.delete()  # the capacity goes with it (cascade); both deletions are in the trail
    body = _audit_page(client_for("manager"), own)
    assert f"team: – → {team_id} (verwijderd)" in body  # the capacity's creation
    assert f"team: {team_id} (verwijderd) → –" in body  # and its deletion
    assert "team: – → Team Opgeheven" not in body
    assert entries("portfolio.teamcapacity")[-1].changes["team"] == [team_id, None]


def test_audit_page_names_many_to_many_ids(client_for, own):
    from koers.apps.audit import recorder
    from koers.apps.portfolio.models import Goal

    from portfolio_helpers import make_portfolio

    _, items = make_portfolio(own)
    kept = Goal.objects.create(organisation=own, code="D1", title="Dienstverlening op maat")
    gone = Goal.objects.create(organisation=own, code="D2", title="Weg")
    gone_id = gone.pk
    gone.delete()
    recorder.write(items["Chatbot"], AuditEntry.Action.UPDATE, {"goals": [[], [kept.pk, gone_id]]})
    body = _audit_page(client_for("manager"), own)
    assert f"doelen: – → D1 Dienstverlening op maat, {gone_id} (verwijderd)" in body


def test_audit_page_speaks_english_about_a_deleted_object(client_for, own):
    from koers.apps.portfolio.models import Team, TeamCapacity

    team = Team.objects.create(organisation=own, code="weg", name="Team Weg")
    TeamCapacity.objects.create(team=team, quarter="2027-Q1", hours=80)
    team_id = team.pk
    team.delete()
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    assert f"team: – → {team_id} (deleted)" in _audit_page(client, own)


def test_audit_page_looks_up_related_objects_per_model_not_per_row(client_for, own, django_assert_max_num_queries):
    from koers.apps.portfolio.models import Team, TeamCapacity

    def teams(start, count):
        for n in range(start, start + count):
            team = Team.objects.create(organisation=own, code=f"t{n}", name=f"Team {n}")
            TeamCapacity.objects.create(team=team, quarter="2027-Q1", hours=n)
        Membership.objects.create(user=make_user(f"lid{start}"), organisation=own, role=Role.VIEWER)

    client = client_for("manager")
    teams(0, 2)
    with django_assert_max_num_queries(15) as few:
        assert "team: – → Team 1" in _audit_page(client, own)
    teams(2, 20)  # 40 more rows, all on the first page
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = _audit_page(client, own)
    assert "team: – → Team 21" in body and "gebruiker: – → lid2" in body
