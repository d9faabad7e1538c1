"""The API of the organisation's own scan model: label export, training requests, versions, switching
back to the shipped model; the same rules as the model page (managers only, audited)."""

import csv
import io

import pytest

from koers.apps.agenda.models import ModelTraining, OrganisationModel, ScanDocument
from koers.apps.agenda.scanning import run_scan
from koers.apps.audit.models import AuditEntry
from koers.scan.calibration import model_version
from koers.scan.codebook import default_codebook
from test_agenda_model import reviewed, small_minimum  # noqa: F401 - the same reviewed documents
from test_api_support import API, api_for, assert_problem, conforms  # noqa: F401

BASE = f"{API}/organisations/proefstad"


@pytest.fixture
def documents(reviewed, make_document):
    """The model page's four fully reviewed documents, and one document not reviewed."""
    make_document(name="ongelezen.txt")
    return reviewed


def test_the_labels_are_the_reviewed_verdicts_of_fully_reviewed_documents(api_for, documents):
    client = api_for("manager")
    response = client.get(f"{BASE}/labels")
    assert response.status_code == 200, response.content
    conforms(response)
    body = response.json()
    assert body["themes"] == list(default_codebook().theme_ids)
    rows = {row["document"]: row["labels"] for row in body["documents"]}
    assert sorted(rows) == [f"nota-{n}.txt" for n in range(4)]  # the unreviewed document is left out
    assert rows["nota-0.txt"]["smart-city"] == 1  # the overturned verdict, not the scan's
    assert documents[0].themes.get(theme="smart-city").attention is False


def test_the_csv_labels_are_what_koers_eval_reads(api_for, documents):
    from koers.scan.evaluate import parse_labels

    response = api_for("manager").get(f"{BASE}/labels", {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="labels-proefstad.csv"' in response["Content-Disposition"]
    text = response.content.decode()
    labels = parse_labels(text, "labels.csv", default_codebook())
    assert sorted(labels.documents) == [f"nota-{n}.txt" for n in range(4)]
    assert labels.documents["nota-0.txt"]["smart-city"] is True
    assert next(csv.reader(io.StringIO(text)))[0] == "document"


def test_train_list_switch_to_shipped_and_reactivate(api_for, documents):
    client = api_for("manager")
    response = client.post(f"{BASE}/scan-model-trainings")
    assert response.status_code == 202, response.content
    conforms(response)
    assert response.json()["outcome"] == "done" and response.json()["result"] == 1  # eager worker in tests
    assert response.json()["requested_by"] == "manager"
    first = OrganisationModel.objects.get()
    run_scan(documents[0].pk)

    listed = client.get(f"{BASE}/scan-models")
    conforms(listed)
    [row] = listed.json()
    assert row["version"] == 1 and row["active"] and row["documents"] == 4 and row["results"] == 1
    assert row["model_version"] == model_version(first.model) == ScanDocument.objects.get(pk=documents[0].pk).model_version

    response = client.post(f"{BASE}/scan-models/use-shipped")
    assert response.status_code == 204
    assert not OrganisationModel.objects.filter(active=True).exists()
    run_scan(documents[0].pk)
    assert ScanDocument.objects.get(pk=documents[0].pk).organisation_model is None

    response = client.post(f"{BASE}/scan-models/1/activate")
    assert response.status_code == 200 and response.json()["active"] is True
    conforms(response)
    actions = AuditEntry.objects.filter(model="agenda.organisationmodel").values_list("action", "actor_name")
    assert ("create", "manager") in actions and list(actions).count(("update", "manager")) >= 2
    trainings = client.get(f"{BASE}/scan-model-trainings")
    conforms(trainings)
    assert [t["result"] for t in trainings.json()["results"]] == [1]


def test_too_few_reviewed_documents_is_a_409_in_dutch(api_for, make_document):
    make_document()
    body = assert_problem(api_for("manager").post(f"{BASE}/scan-model-trainings"), 409)
    assert "minstens 3 nodig" in body["detail"]
    assert not ModelTraining.objects.exists() and not OrganisationModel.objects.exists()


def test_an_unknown_version_is_404(api_for, documents):
    assert_problem(api_for("manager").post(f"{BASE}/scan-models/7/activate"), 404)


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_managers_see_labels_train_or_switch(api_for, documents, role):
    client = api_for(role)
    for response in (client.get(f"{BASE}/labels"), client.get(f"{BASE}/scan-models"),
                     client.post(f"{BASE}/scan-model-trainings"), client.post(f"{BASE}/scan-models/use-shipped")):
        assert_problem(response, 403)
    assert not OrganisationModel.objects.exists()


def test_an_outsider_does_not_learn_the_organisation_exists(api_for, documents):
    assert_problem(api_for("outsider").get(f"{BASE}/labels"), 404)
    assert_problem(api_for("outsider").post(f"{BASE}/scan-model-trainings"), 404)
