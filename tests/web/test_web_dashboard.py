"""Dashboard figures and the constant number of queries of the busiest pages."""

import pytest
import time_machine
from django.utils import timezone

from koers.apps.agenda.models import ScanDocument, ThemeResult
from koers.apps.organisations.models import Organisation
from web_helpers import PLAIN_TEXT


def dashboard(client, organisation):
    response = client.get(f"/organisaties/{organisation.slug}/")
    assert response.status_code == 200
    return response


def rows(response):
    return {row.theme: row for row in response.context["overview"].rows}


def test_latest_year_decides_attention(client_for, own, make_document):
    make_document(name="oud.txt", year=2023)  # digital themes, but an older year
    make_document(name="nieuw.txt", text=PLAIN_TEXT, year=2025)
    response = dashboard(client_for("viewer"), own)
    assert response.context["overview"].year == 2025
    assert rows(response)["informatieveiligheid-privacy"].attention is False


def test_study_reference_figures_are_shown_for_the_size_class(client_for, own, make_document):
    make_document()
    response = dashboard(client_for("viewer"), own)
    datagedreven = rows(response)["datagedreven-werken"]
    assert (datagedreven.study_total, datagedreven.study_class) == (54, 35)  # 64,000: 50k-100k
    assert rows(response)["informatieveiligheid-privacy"].study_total == 86
    assert rows(response)["informatieveiligheid-privacy"].attention is True
    assert "Handmatig gelezen onderzoek 2022" in response.content.decode()


@pytest.fixture
def make_peer_document(make_document):
    def make(organisation, name, text, year):
        return make_document(organisation=organisation, name=name, year=year,
                             **({"text": text} if text else {}))
    return make


def test_peers_are_compared_only_from_five_on_and_never_named(client_for, own, make_peer_document):
    def peers(count, start=0):
        for number in range(start, start + count):
            peer = Organisation.objects.create(name=f"Gemeente Peer {number}", slug=f"peer-{number}",
                                               population=70_000)
            make_peer_document(peer, f"peer-{number}.txt", None if number == 0 else PLAIN_TEXT, 2024)

    Organisation.objects.create(name="Gemeente Groot", slug="groot", population=500_000)
    peers(4)
    client = client_for("viewer")
    four = dashboard(client, own)
    assert four.context["overview"].peers_shown is False
    assert rows(four)["informatieveiligheid-privacy"].peers_share is None
    peers(1, start=4)
    five = dashboard(client, own)
    assert five.context["overview"].peers == 5
    assert rows(five)["informatieveiligheid-privacy"].peers_share == 20  # 1 of 5
    assert "Peer" not in five.content.decode() and "Groot" not in five.content.decode()


def make_many(own, count):
    documents = ScanDocument.objects.bulk_create(
        ScanDocument(organisation=own, original_name=f"doc-{n}.txt", file=f"agenda/x/{n}.txt",
                     status="done", year=2025) for n in range(count))
    ThemeResult.objects.bulk_create(
        ThemeResult(document=d, theme="smart-city", label="Smart city", attention=True, score=1, passages=1)
        for d in documents)


@pytest.mark.parametrize("page", ["", "agenda/", "agenda/voortgang/"])
def test_pages_use_a_constant_number_of_queries(client_for, own, page, django_assert_max_num_queries):
    client = client_for("viewer")
    make_many(own, 5)
    # the agenda overview plus the inclusion warning of the channel data (three queries), on the
    # organisation's overview one or two queries per other module (tests/web/test_overview.py), and
    # the session's renewal (three queries, at most once a minute: the clock stands still here)
    with time_machine.travel(timezone.now(), tick=False):
        with django_assert_max_num_queries(23) as five:
            assert client.get(f"/organisaties/{own.slug}/{page}").status_code == 200
        make_many(own, 45)
        with django_assert_max_num_queries(len(five.captured_queries)):
            assert client.get(f"/organisaties/{own.slug}/{page}").status_code == 200


def test_document_list_pages_through_all_documents_newest_first(client_for, own):
    make_many(own, 30)
    client = client_for("viewer")
    first = client.get(f"/organisaties/{own.slug}/agenda/")
    names = [d.original_name.removesuffix(".txt") for d in first.context["documents"]]
    assert names[0] == "doc-29" and len(names) == 25  # bulk_create order = creation order
    assert first.context["total"] == 30 and "Pagina 1 van 2" in first.content.decode()
    second = client.get(f"/organisaties/{own.slug}/agenda/?pagina=2")
    rest = [d.original_name.removesuffix(".txt") for d in second.context["documents"]]
    assert set(names) | set(rest) == {f"doc-{n}" for n in range(30)} and rest[-1] == "doc-0"


# The figures are cached per process under a stamp read from the database (dashboard.py): the
# scans finish in the worker, another process, so no signal could clear this process's cache.

def test_a_scan_that_finishes_shows_at_once(client_for, own, make_document):
    from koers.apps.agenda.scanning import run_scan

    client = client_for("viewer")
    make_document(name="sport.txt", text=PLAIN_TEXT)
    before = dashboard(client, own)
    assert before.context["overview"].scanned == 1
    assert rows(before)["informatieveiligheid-privacy"].attention is False
    waiting = make_document(name="begroting.txt", scan=False)
    assert dashboard(client, own).context["overview"].scanned == 1  # queued: not counted yet
    run_scan(waiting.pk)  # what the worker does
    after = dashboard(client, own)
    assert after.context["overview"].scanned == 2
    assert rows(after)["informatieveiligheid-privacy"].attention is True
    assert "Gebaseerd op 2 gescande documenten" in after.content.decode()


def test_a_document_queued_for_a_rescan_leaves_the_figures(client_for, own, make_document):
    from django.utils import timezone

    client = client_for("viewer")
    document = make_document()
    assert dashboard(client, own).context["overview"].scanned == 1
    # update(): no model signal, like a change made by another process
    ScanDocument.objects.filter(pk=document.pk).update(status="queued", queued_at=timezone.now())
    assert dashboard(client, own).context["overview"].scanned == 0


def test_unchanged_data_is_served_from_the_cache(client_for, own, make_document, monkeypatch):
    from koers.apps.agenda import dashboard as module

    calls = []
    real = module.overview
    monkeypatch.setattr(module, "overview", lambda *args: calls.append(1) or real(*args))
    client = client_for("viewer")
    make_document()
    dashboard(client, own)
    dashboard(client, own)
    assert len(calls) == 1
    make_document(name="tweede.txt")
    dashboard(client, own)
    assert len(calls) == 2


def test_peer_and_codebook_changes_show_at_once(client_for, own, make_document):
    client = client_for("viewer")
    make_document()
    for number in range(5):
        peer = Organisation.objects.create(name=f"Gemeente Peer {number}", slug=f"peer-{number}",
                                           population=70_000)
        make_document(organisation=peer, name=f"peer-{number}.txt")
    assert dashboard(client, own).context["overview"].peers_shown is True
    Organisation.objects.filter(slug="peer-0").update(population=500_000)  # another size class
    assert dashboard(client, own).context["overview"].peers_shown is False

    from koers.apps.agenda.models import OrganisationCodebook

    OrganisationCodebook.objects.create(organisation=own, text=SWIMMING_CODEBOOK)
    assert rows(dashboard(client, own))["zwemmen"].label == "Zwemmen"


SWIMMING_CODEBOOK = """[codebook]
name = "Proefstad"

[[themes]]
id = "zwemmen"
label = "Zwemmen"
terms = ["zwembad*"]
"""
