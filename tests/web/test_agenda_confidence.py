"""Confidence and provenance of the stored scan results, and a rescan that keeps the old results."""

from unittest import mock

import pytest
from django.utils import timezone

from koers.apps.agenda.models import ScanDocument, ThemeResult
from koers.apps.agenda.scanning import run_scan
from koers.scan.calibration import codebook_version, model_version, load_model, SHIPPED_MODEL
from koers.scan.codebook import default_codebook
from test_api_support import API, api_for, conforms  # noqa: F401

PRIVACY = "informatieveiligheid-privacy"


def page(client, document):
    response = client.get(f"/organisaties/{document.organisation.slug}/agenda/documenten/{document.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_probability_confidence_and_versions_are_stored(make_document):
    document = make_document()
    theme = ThemeResult.objects.get(document=document, theme=PRIVACY)
    assert theme.attention and 0.5 < theme.probability <= 1 and theme.confidence == "duidelijk"
    assert document.codebook_version == codebook_version(default_codebook())
    assert document.model_version == model_version(load_model(SHIPPED_MODEL))


def test_document_page_shows_percentage_uncertainty_evidence_and_versions(client_for, make_document):
    document = make_document()
    ThemeResult.objects.filter(document=document, theme=PRIVACY).update(probability=0.5234, confidence="twijfel")
    html = page(client_for("viewer"), document)
    assert "52\u00a0%" in html
    assert "twijfel" in html and "Het oordeel over dit thema is onzeker" in html
    assert "informatiebeveiliging" in html  # the passage that drives the uncertain verdict
    assert document.codebook_version in html and document.model_version in html


def test_list_and_dashboard_count_uncertain_verdicts(client_for, own, make_document):
    document = make_document()
    ThemeResult.objects.filter(document=document, theme__in=[PRIVACY, "smart-city"]).update(confidence="twijfel")
    client = client_for("viewer")
    listing = client.get(f"/organisaties/{own.slug}/agenda/")
    assert listing.context["rows"][0]["uncertain"] == 2
    dashboard = client.get(f"/organisaties/{own.slug}/")
    assert dashboard.context["overview"].uncertain == 2
    assert "2 oordelen zijn onzeker (twijfel) en nog niet beoordeeld" in dashboard.content.decode()


def test_api_gives_probability_confidence_and_versions(api_for, make_document):
    document = make_document()
    response = api_for("viewer").get(f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}")
    conforms(response)
    body = response.json()
    assert body["codebook_version"] == document.codebook_version and body["model_version"]
    theme = next(t for t in body["themes"] if t["theme"] == PRIVACY)
    assert theme["confidence"] == "duidelijk" and theme["probability"] > 0.5


# --- a rescan keeps the old results until the new ones are complete ---------------------------

def old_results(document):
    return sorted(ThemeResult.objects.filter(document=document).values_list("theme", "attention", "probability"))


@pytest.mark.parametrize("status, note", [
    ("queued", "Er loopt een nieuwe scan"),
    ("running", "Er loopt een nieuwe scan"),
    ("failed", "De nieuwe scan is mislukt"),
])
def test_during_and_after_a_failed_rescan_the_previous_results_show(status, note, client_for, api_for,
                                                                    make_document):
    document = make_document()
    ScanDocument.objects.filter(pk=document.pk).update(status=status, queued_at=timezone.now(),
                                                       started_at=timezone.now(), error="kapot")
    html = page(client_for("viewer"), document)
    assert note in html and "informatiebeveiliging" in html and "97\u00a0%" in html
    body = api_for("viewer").get(f"{API}/organisations/{document.organisation.slug}/documents/{document.pk}").json()
    assert body["status"] == status
    assert {t["theme"]: t["attention"] for t in body["themes"]}[PRIVACY] is True


def test_a_failed_rescan_keeps_results_and_their_provenance(make_document):
    document = make_document()
    before = old_results(document)
    document.file.storage.delete(document.file.name)
    assert run_scan(document.pk) == "failed"
    document.refresh_from_db()
    assert old_results(document) == before and document.codebook_version and document.model_version


def test_new_results_replace_the_old_ones_in_one_transaction(make_document):
    document = make_document()
    before = old_results(document)
    ScanDocument.objects.filter(pk=document.pk).update(codebook_version="oud", model_version="oud")
    with mock.patch("koers.apps.agenda.scanning.EvidencePassage.objects.bulk_create",
                    side_effect=RuntimeError("database weg")):
        with pytest.raises(RuntimeError):
            run_scan(document.pk)
    document.refresh_from_db()
    assert old_results(document) == before and document.model_version == "oud"
    assert run_scan(document.pk) == "done"
    document.refresh_from_db()
    assert document.model_version != "oud" and old_results(document) == before
