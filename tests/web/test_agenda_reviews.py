"""Reviewer verdicts: the page and API routes, who may review, the audit trail, the effective
verdict everywhere (list, dashboard, comparison, API), and the label export for koers eval."""

import pytest

from koers.apps.agenda.models import ThemeResult, VerdictReview
from koers.apps.agenda.scanning import run_scan
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Organisation
from koers.scan.codebook import default_codebook
from koers.scan.evaluate import load_labels
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401
from web_helpers import PLAIN_TEXT

PRIVACY = "informatieveiligheid-privacy"
SMART = "smart-city"


def post(client, document, **data):
    return client.post(f"/organisaties/{document.organisation.slug}/agenda/documenten/{document.pk}/beoordelen/",
                       data)


def detail(client, document):
    return client.get(f"/organisaties/{document.organisation.slug}/agenda/documenten/{document.pk}/")


def dashboard_rows(client, organisation):
    response = client.get(f"/organisaties/{organisation.slug}/")
    return {row.theme: row for row in response.context["overview"].rows}, response


def test_a_manager_overturns_a_verdict_and_every_page_follows(client_for, own, make_document):
    document = make_document()
    client = client_for("manager")
    rows, _ = dashboard_rows(client, own)  # cached now: the review must invalidate it
    assert rows[PRIVACY].attention is True and rows[PRIVACY].documents == 1
    response = post(client, document, theme=PRIVACY, attention="0", reason="Alleen de titel van een landelijk plan.")
    assert response.status_code == 302 and response["Location"].endswith(f"#thema-{PRIVACY}")
    html = detail(client, document).content.decode()
    assert "Beoordeeld: geen expliciete aandacht" in html and "de scan zei anders" in html
    assert "Alleen de titel van een landelijk plan." in html and "manager" in html
    listing = client.get(f"/organisaties/{own.slug}/agenda/")
    assert listing.context["rows"][0]["attention"] == 1  # only digitale dienstverlening remains
    rows, _ = dashboard_rows(client, own)
    assert rows[PRIVACY].attention is False and rows[PRIVACY].documents == 0


def test_a_review_survives_a_rescan(client_for, make_document):
    document = make_document()
    post(client_for("manager"), document, theme=SMART, attention="1", reason="Sensoren in de openbare ruimte.")
    assert run_scan(document.pk) == "done"
    theme = ThemeResult.objects.get(document=document, theme=SMART)
    assert theme.attention is False  # the scan's own verdict is kept as it is
    rows = dashboard_rows(client_for("viewer"), document.organisation)[0]
    assert rows[SMART].attention is True


@pytest.mark.parametrize("reason, message", [
    ("", "Geef een korte reden voor uw oordeel."),
    ("x" * 501, "De reden is 501 tekens lang; houd het bij hoogstens 500."),
])
def test_a_review_needs_a_short_reason(client_for, make_document, reason, message):
    document = make_document()
    response = post(client_for("manager"), document, theme=PRIVACY, attention="0", reason=reason)
    assert response.status_code == 400 and message in response.content.decode()
    assert not VerdictReview.objects.exists()


def test_an_unknown_theme_or_missing_verdict_is_refused_in_dutch(client_for, make_document):
    document = make_document()
    client = client_for("manager")
    response = post(client, document, theme="zwemmen", attention="1", reason="Staat erin.")
    assert response.status_code == 400 and "staat niet in de resultaten" in response.content.decode()
    response = post(client, document, theme=PRIVACY, reason="Staat erin.")
    assert response.status_code == 400 and "Kies of het document" in response.content.decode()


def test_undo_and_confirm_the_rest(client_for, own, make_document):
    document = make_document()
    client = client_for("manager")
    post(client, document, theme=PRIVACY, attention="0", reason="Alleen achtergrond.")
    post(client, document, theme=PRIVACY, action="withdraw")
    assert not VerdictReview.objects.exists()
    assert dashboard_rows(client, own)[0][PRIVACY].attention is True
    post(client, document, theme=SMART, attention="1", reason="Slimme lantaarnpalen.")
    assert post(client, document, action="confirm_rest", reason="Gelezen, klopt.").status_code == 302
    verdicts = dict(VerdictReview.objects.values_list("theme", "attention"))
    assert verdicts == {PRIVACY: True, "digitale-dienstverlening": True, "datagedreven-werken": False,
                        SMART: True, "digitale-transformatie": False}
    page = client.get(f"/organisaties/{own.slug}/agenda/").content.decode()
    assert "1 document is volledig beoordeeld" in page


def test_every_review_change_is_in_the_audit_trail(client_for, make_document):
    document = make_document()
    client = client_for("manager")
    post(client, document, theme=PRIVACY, attention="0", reason="Eerste lezing.")
    post(client, document, theme=PRIVACY, attention="1", reason="Tweede lezing.")
    post(client, document, theme=PRIVACY, action="withdraw")
    entries = AuditEntry.objects.filter(model="agenda.verdictreview").order_by("id")
    assert [e.action for e in entries] == ["create", "update", "delete"]
    assert entries[1].changes["reason"] == ["Eerste lezing.", "Tweede lezing."]
    assert all(e.actor_name == "manager" and e.organisation_id == document.organisation_id for e in entries)


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_viewers_and_contributors_cannot_review(client_for, make_document, role):
    document = make_document()
    assert post(client_for(role), document, theme=PRIVACY, attention="0", reason="Nee.").status_code == 403
    assert "Oordeel vastleggen" not in detail(client_for(role), document).content.decode()
    assert not VerdictReview.objects.exists()


def test_the_size_class_comparison_uses_effective_verdicts(client_for, own, make_document):
    make_document()
    peers = []
    for number in range(5):
        peer = Organisation.objects.create(name=f"Peer {number}", slug=f"peer-{number}", population=70_000)
        peers.append(make_document(organisation=peer, name=f"peer-{number}.txt",
                                   text=PLAIN_TEXT))
    client = client_for("viewer")
    assert dashboard_rows(client, own)[0][PRIVACY].peers_share == 0
    from koers.apps.agenda.reviews import review

    review(peers[0], PRIVACY, True, "Wel degelijk.", None)
    assert dashboard_rows(client, own)[0][PRIVACY].peers_share == 20


# --- the label export --------------------------------------------------------------------------

def test_the_label_file_is_read_by_koers_eval(client_for, own, make_document, tmp_path):
    client = client_for("manager")
    first = make_document(name="begroting 2025.txt")
    second = make_document(name="sport.txt", text=PLAIN_TEXT)
    make_document(name="half.txt")  # partly reviewed: not exported
    old = make_document(name="sport.txt", text=PLAIN_TEXT)  # same name as a newer upload
    old.created_at = second.created_at.replace(year=2020)
    type(old).objects.filter(pk=old.pk).update(created_at=old.created_at)
    for document in (first, second, old):
        post(client, document, theme=SMART, attention="1", reason="Handmatig gelezen.")
        post(client, document, action="confirm_rest", reason="Klopt.")
    post(client, type(first).objects.get(original_name="half.txt"), theme=SMART, attention="0", reason="Nee.")
    response = client.get(f"/organisaties/{own.slug}/agenda/labels/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    path = tmp_path / "labels.csv"
    path.write_bytes(response.content)
    labels = load_labels(path, default_codebook())
    assert set(labels.documents) == {"begroting 2025.txt", "sport.txt"}
    assert labels.documents["begroting 2025.txt"][PRIVACY] is True
    assert labels.documents["sport.txt"] == {theme: theme == SMART for theme in labels.themes}
    header = response.content.decode().splitlines()[0]
    assert header == "document," + ",".join(default_codebook().theme_ids)
    page = client.get(f"/organisaties/{own.slug}/agenda/").content.decode()
    assert "2 documenten zijn volledig beoordeeld" in page and "labelbestand" in page


# --- the API -----------------------------------------------------------------------------------

def review_url(document, theme=PRIVACY):
    return f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}/reviews/{theme}"


def test_api_review_put_detail_and_delete(api_for, make_document):
    document = make_document()
    client = api_for("manager")
    response = client.put(review_url(document), {"attention": False, "reason": "Achtergrond."}, format="json")
    conforms(response)
    assert response.status_code == 200 and response.json()["reviewed_by"] == "manager"
    body = client.get(f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}")
    conforms(body)
    theme = next(t for t in body.json()["themes"] if t["theme"] == PRIVACY)
    assert theme["attention"] is False and theme["scan_attention"] is True
    assert theme["reviewed"] is True and theme["review_reason"] == "Achtergrond." and theme["reviewed_by"] == "manager"
    deleted = client.delete(review_url(document))
    assert deleted.status_code == 204
    assert_problem(client.delete(review_url(document)), 404)


def test_api_review_needs_a_reason_and_a_known_theme(api_for, make_document):
    document = make_document()
    client = api_for("admin")
    response = client.put(review_url(document), {"attention": True, "reason": " "}, format="json")
    body = assert_problem(response, 400)
    assert "reden" in str(body).lower()
    assert_problem(client.put(review_url(document, "zwemmen"), {"attention": True, "reason": "Ja."}, format="json"),
                   400)


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_api_review_is_for_managers(api_for, make_document, role):
    document = make_document()
    client = api_for(role)
    assert_problem(client.put(review_url(document), {"attention": False, "reason": "Nee."}, format="json"), 403)
    assert_problem(client.delete(review_url(document)), 403)


def test_api_review_of_another_organisation_is_not_found(api_for, foreign, make_document):
    document = make_document(organisation=foreign)
    assert_problem(api_for("manager").put(review_url(document), {"attention": False, "reason": "Nee."},
                                          format="json"), 404)
