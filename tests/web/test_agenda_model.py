"""The organisation's own model: trained from fully reviewed documents, versioned, used by scans
while its codebook holds, switched back to the shipped model, and audited."""

import importlib.util

import pytest

from koers.apps.agenda import training
from koers.apps.agenda.models import OrganisationCodebook, OrganisationModel, ScanDocument
from koers.apps.agenda.reviews import confirm_rest, review
from koers.apps.agenda.scanning import run_scan
from koers.apps.audit.models import AuditEntry
from koers.scan.calibration import fingerprint, model_version
from koers.scan.codebook import DEFAULT_CODEBOOK_PATH, default_codebook
from web_helpers import DIGITAL_TEXT, PLAIN_TEXT

MODEL_PAGE = "/organisaties/proefstad/agenda/model/"


@pytest.fixture(autouse=True)
def small_minimum(monkeypatch):
    monkeypatch.setattr(training, "MIN_DOCUMENTS", 3)


@pytest.fixture
def reviewed(make_document, users):
    """Four fully reviewed documents; the reviewer overturns one verdict."""
    documents = [make_document(name=f"nota-{n}.txt", text=PLAIN_TEXT if n % 2 else DIGITAL_TEXT) for n in range(4)]
    review(documents[0], "smart-city", True, "Slimme verlichting.", users["manager"])
    for document in documents:
        confirm_rest(document, "Gelezen.", users["manager"])
    return documents


def change(client, **data):
    return client.post("/organisaties/proefstad/agenda/model/wijzigen/", data)


def test_too_few_reviewed_documents_is_said_plainly(client_for, make_document):
    make_document()
    response = change(client_for("manager"), action="train")
    page = client_for("manager").get(response["Location"]).content.decode()
    assert "Er zijn 0 volledig beoordeelde documenten; voor een eigen model zijn er minstens 3 nodig." in page
    assert not OrganisationModel.objects.exists()


def test_without_scikit_learn_the_page_says_what_is_missing(client_for, reviewed, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sklearn" else real(name, *a))
    client = client_for("manager")
    page = client.get(change(client, action="train")["Location"]).content.decode()
    assert "scikit-learn" in page and "koers[train]" in page
    assert not OrganisationModel.objects.exists()


def test_train_use_switch_back_and_reactivate(client_for, own, reviewed):
    client = client_for("manager")
    assert change(client, action="train").status_code == 302
    first = OrganisationModel.objects.get()
    assert first.active and first.version == 1 and first.documents == 4
    assert first.codebook_fingerprint == fingerprint(default_codebook()) == first.model["codebook"]
    document = reviewed[0]
    assert run_scan(document.pk) == "done"
    document.refresh_from_db()
    assert document.organisation_model == first and document.model_version == model_version(first.model)
    detail = client.get(f"/organisaties/proefstad/agenda/documenten/{document.pk}/").content.decode()
    assert "eigen model, versie 1" in detail

    change(client, action="train")
    second = OrganisationModel.objects.get(version=2)
    first.refresh_from_db()
    assert second.active and not first.active

    change(client, action="default")
    assert not OrganisationModel.objects.filter(active=True).exists()
    run_scan(document.pk)
    document.refresh_from_db()
    assert document.organisation_model is None
    page = client.get(MODEL_PAGE).content.decode()
    assert "Eigen model, versie 1" in page and "Eigen model, versie 2" in page and "Weer in gebruik nemen" in page

    change(client, action="activate", version="1")
    first.refresh_from_db()
    assert first.active
    run_scan(reviewed[1].pk)
    page = client.get(MODEL_PAGE)  # which model made each document's current results
    assert {v.version: v.result_count for v in page.context["versions"]} == {1: 1, 2: 0}
    assert page.context["default_results"] == 3

    actions = list(AuditEntry.objects.filter(model="agenda.organisationmodel").values_list("action", "actor_name"))
    assert actions.count(("create", "manager")) == 2 and ("update", "manager") in actions


def test_a_changed_codebook_sets_the_model_aside_with_a_warning(client_for, reviewed):
    client = client_for("manager")
    change(client, action="train")
    text = DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8") + (
        '\n[[themes]]\nid = "zwemmen"\nlabel = "Zwemmen"\nterms = ["zwembad*"]\n')
    OrganisationCodebook.objects.create(organisation=reviewed[0].organisation, text=text)
    run_scan(reviewed[0].pk)
    assert ScanDocument.objects.get(pk=reviewed[0].pk).organisation_model is None
    for url in (MODEL_PAGE, "/organisaties/proefstad/agenda/"):
        assert "Het codeboek is gewijzigd sinds eigen model 1 werd geleerd" in client.get(url).content.decode()


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_managers_train_or_switch(client_for, reviewed, role):
    assert change(client_for(role), action="train").status_code == 403
    assert client_for(role).get(MODEL_PAGE).status_code == 403
    assert not OrganisationModel.objects.exists()


def test_an_unknown_version_is_refused_in_dutch(client_for, reviewed):
    client = client_for("manager")
    page = client.get(change(client, action="activate", version="7")["Location"]).content.decode()
    assert "Er is geen eigen model met versie 7." in page


def test_the_page_says_how_the_last_training_ended(client_for, reviewed):
    from koers.apps.agenda.models import ModelTraining

    client = client_for("manager")
    change(client, action="train")  # eager in tests: done at once
    page = client.get(MODEL_PAGE).content.decode()
    assert "Het leren is klaar sinds" in page and "eigen model, versie 1" in page
    for document in reviewed[1:]:  # files gone after the request was accepted: the worker cannot read them
        document.file.delete(save=False)
    change(client, action="train")
    last = ModelTraining.objects.first()
    assert last.outcome == "failed" and last.result is None
    page = client.get(MODEL_PAGE).content.decode()
    assert "Het leren is mislukt:" in page and "Van de beoordeelde documenten zijn er maar 1 te lezen" in page
    assert OrganisationModel.objects.count() == 1


def test_a_crash_during_training_ends_as_failed_not_as_running(client_for, reviewed, monkeypatch):
    from koers.apps.agenda.models import ModelTraining

    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("koers.scan.train.train_model", broken)
    change(client_for("manager"), action="train")
    last = ModelTraining.objects.get()
    assert last.outcome == "failed" and "Interne fout" in last.message and last.finished_at
