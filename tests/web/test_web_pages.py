"""Login, language, members and the accessible page structure."""

from koers.apps.organisations.models import Membership, Role
from web_helpers import PASSWORD, make_user


def test_login_page_is_dutch_and_labelled(client, db):
    page = client.get("/inloggen/").content.decode()
    assert '<html lang="nl">' in page
    assert 'for="id_username"' in page and 'for="id_password"' in page
    assert 'href="#inhoud"' in page and '<main id="inhoud"' in page


def test_wrong_password_gives_a_dutch_error_summary(client, users):
    response = client.post("/inloggen/", {"username": "viewer", "password": "fout"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in page and 'href="#id_username"' in page


def test_login_takes_a_single_member_to_the_dashboard(client, own, users):
    response = client.post("/inloggen/", {"username": "viewer", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == f"/organisaties/{own.slug}/"
    assert "Gemeente Proefstad" in response.content.decode()


def test_english_is_available_through_the_language_switch(client_for, own):
    client = client_for("viewer")
    client.post("/taal/", {"language": "en", "next": "/"})
    page = client.get(f"/organisaties/{own.slug}/agenda/").content.decode()
    assert '<html lang="en">' in page
    assert "Documents" in page and "Log out" in page


def test_admin_changes_and_removes_a_member(client_for, own):
    client = client_for("admin")
    membership = Membership.objects.create(user=make_user("nieuwkomer"), organisation=own, role=Role.VIEWER)
    url = f"/organisaties/{own.slug}/leden/"
    client.post(f"{url}{membership.pk}/rol/", {"role": "manager"})
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER
    client.post(f"{url}{membership.pk}/verwijderen/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_an_invalid_address_is_refused_with_a_linked_error(client_for, own):
    response = client_for("admin").post(f"/organisaties/{own.slug}/leden/", {"email": "niemand", "role": "viewer"})
    page = response.content.decode()
    assert "Vul een geldig e-mailadres in" in page and 'href="#id_email"' in page


def test_the_last_admin_cannot_be_demoted_or_removed(client_for, own, users):
    client = client_for("admin")
    membership = users["admin"].memberships.get()
    client.post(f"/organisaties/{own.slug}/leden/{membership.pk}/rol/", {"role": "viewer"})
    client.post(f"/organisaties/{own.slug}/leden/{membership.pk}/verwijderen/")
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_navigation_shows_only_what_the_role_may_use(client_for, own):
    viewer_page = client_for("viewer").get(f"/organisaties/{own.slug}/").content.decode()
    assert "Audittrail" not in viewer_page and "Codeboek" not in viewer_page
    assert 'aria-current="page"' in viewer_page
    manager_page = client_for("manager").get(f"/organisaties/{own.slug}/").content.decode()
    assert "Audittrail" in manager_page and "Leden" not in manager_page


def test_document_rows_link_and_offer_a_retry_only_where_it_applies(client_for, own, make_document):
    from koers.apps.agenda.models import ScanDocument

    done = make_document(name="klaar.txt")
    failed = make_document(name="kapot.txt")
    ScanDocument.objects.filter(pk=failed.pk).update(status="failed", error="Het bestand is beschadigd.")
    running = make_document(name="bezig.txt", scan=False, status="running")
    retry_url = f"/organisaties/{own.slug}/agenda/documenten/{failed.pk}/opnieuw/"

    page = client_for("contributor").get(f"/organisaties/{own.slug}/agenda/").content.decode()
    for document in (done, failed, running):
        link = f'<a href="/organisaties/{own.slug}/agenda/documenten/{document.pk}/">{document.original_name}</a>'
        assert link in page
    assert page.count("/opnieuw/") == 1 and f'action="{retry_url}"' in page
    assert '<span class="koers-visually-hidden">: kapot.txt</span>' in page
    assert '<p class="koers-field-error">Het bestand is beschadigd.</p>' in page
    assert 'max="100" aria-label="Voortgang van bezig.txt"' in page
    assert '<span class="koers-status koers-status--done">Klaar</span>' in page

    viewer_page = client_for("viewer").get(f"/organisaties/{own.slug}/agenda/").content.decode()
    assert "/opnieuw/" not in viewer_page and "Het bestand is beschadigd." in viewer_page
