"""The Open Raadsinformatie connector against a local server answering in ORI's shape."""

import contextlib

import pytest
from connectors.local_server import Reply, serve
from connectors.ori_fake import OriFake, document

from koers.connectors import ori
from koers.connectors.http import Fetcher
from koers.scan.municipalities import find as municipality

UTRECHT = municipality("Utrecht")


@contextlib.contextmanager
def ori_server(documents, **options):
    fake = OriFake(documents, **options)
    with serve(fake) as server:
        fake.base = server.url
        yield server


def fetcher(**options):
    return Fetcher(**{"min_interval": 0, "backoff": 0, "timeout": 5, **options})


def search(documents, town=UTRECHT, doc_type="begroting", year=2025, **options):
    with ori_server(documents, **options) as server:
        finding = ori.find(fetcher(), town, doc_type, year, base_url=server.url)
    return finding, server


def test_the_main_document_is_found_among_attachments_and_other_years():
    finding, server = search({"ori_utrecht": [
        document("Bijlage 2 bij de programmabegroting 2025", "/b2.pdf"),
        document("Raadsvoorstel Programmabegroting 2025", "/rv.pdf"),
        document("1e begrotingswijziging 2025", "/bw.pdf"),
        document("Programmabegroting 2025", "/pb2025.pdf", size=4_000_000),
        document("Programmabegroting 2024", "/pb2024.pdf"),
    ]})
    assert finding.status == "found", finding.reason
    (chosen,) = finding.candidates
    assert chosen.title == "Programmabegroting 2025"
    assert chosen.url == server.url + "/pb2025.pdf"
    assert (chosen.extension, chosen.content_type, chosen.size, chosen.date) == \
        ("pdf", "application/pdf", 4_000_000, "2024-11-07")
    search_request = server.requests[-1]
    assert search_request.method == "POST" and search_request.path == "/ori_utrecht/_search"
    query = search_request.json()["query"]["simple_query_string"]
    assert "programmabegroting" in query["query"] and query["fields"] == ["name", "file_name"]


def test_the_index_is_found_for_irregular_slugs_and_read_once():
    documents = {"ori_den_haag": [document("Coalitieakkoord 2022-2026", "/ca.pdf")],
                 "ori_hofvantwente": [document("Coalitieakkoord Hof van Twente 2022 - 2026", "/hvt.pdf")]}
    with ori_server(documents) as server:
        shared = fetcher()
        the_hague = ori.find(shared, municipality("'s-Gravenhage"), "coalitieakkoord", 2025, base_url=server.url)
        twente = ori.find(shared, municipality("Hof van Twente"), "coalitieakkoord", 2023, base_url=server.url)
        vaals = ori.find(shared, municipality("Vaals"), "coalitieakkoord", 2023, base_url=server.url)
    assert the_hague.status == "found" and twente.status == "found", (the_hague, twente)
    assert vaals.status == "not_found" and "geen index" in vaals.reason and "Vaals" in vaals.reason
    assert server.count("/_aliases") == 1


def test_a_coalition_agreement_covers_its_term_and_no_other():
    documents = {"ori_utrecht": [document("Coalitieakkoord 2018-2022", "/old.pdf"),
                                 document("Coalitieakkoord 2022-2026: Utrecht voor iedereen", "/new.pdf")]}
    assert search(documents, doc_type="coalitieakkoord", year=2024)[0].candidates[0].url.endswith("/new.pdf")
    assert search(documents, doc_type="coalitieakkoord", year=2020)[0].candidates[0].url.endswith("/old.pdf")
    assert search(documents, doc_type="coalitieakkoord", year=2027)[0].status == "not_found"


def test_two_different_equally_good_documents_are_ambiguous():
    finding, _server = search({"ori_utrecht": [document("Programmabegroting 2025", "/a.pdf", size=1000),
                                               document("Begroting 2025", "/b.pdf", size=2000)]})
    assert finding.status == "ambiguous"
    assert sorted(c.url.rsplit("/", 1)[1] for c in finding.candidates) == ["a.pdf", "b.pdf"]
    assert "kies zelf" in finding.reason


def test_one_document_on_several_agendas_and_a_pdf_beside_a_word_file_are_one_choice():
    finding, _server = search({"ori_utrecht": [
        document("Programmabegroting 2025", "/commissie.pdf", size=1234),
        document("Programmabegroting 2025", "/raad.pdf", size=1234),
        document("Programmabegroting 2025", "/pb.docx", size=999, file_name="pb.docx",
                 content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]})
    assert finding.status == "found", finding.reason
    assert finding.candidates[0].extension == "pdf"


def test_only_attachments_is_not_found_with_the_reason_and_what_there_is():
    finding, _server = search({"ori_utrecht": [document("Aanbiedingsbrief programmabegroting 2025", "/ab.pdf"),
                                               document("Motie 12 over de begroting 2025", "/m.pdf")]})
    assert finding.status == "not_found"
    assert "niet het document zelf" in finding.reason
    assert len(finding.candidates) == 2


def test_nothing_for_the_year_names_the_years_there_are():
    finding, _server = search({"ori_utrecht": [document("Kadernota 2023", "/k23.pdf"),
                                               document("Kadernota 2024", "/k24.pdf")]}, doc_type="kadernota")
    assert finding.status == "not_found"
    assert "Geen kadernota 2025" in finding.reason and "2023, 2024" in finding.reason


def test_hits_are_followed_page_after_page(monkeypatch):
    monkeypatch.setattr(ori, "PAGE_SIZE", 2)
    documents = [document(f"Begroting {year}", f"/b{year}.pdf") for year in (2019, 2020, 2021, 2022)]
    documents.append(document("Programmabegroting 2025", "/pb.pdf"))
    finding, server = search({"ori_utrecht": documents})
    assert finding.status == "found" and finding.candidates[0].url.endswith("/pb.pdf")
    bodies = [r.json() for r in server.requests if r.path.endswith("/_search")]
    assert len(bodies) == 3
    assert "search_after" not in bodies[0] and bodies[2]["search_after"] == [10.0, "1003"]


def test_a_server_error_is_retried_and_then_answered():
    finding, server = search({"ori_utrecht": [document("Programmabegroting 2025", "/pb.pdf")]},
                             fail={"/ori_utrecht/_search": [Reply(502), Reply(503)]})
    assert finding.status == "found"
    assert server.count("/ori_utrecht/_search") == 3


def test_a_search_that_keeps_failing_is_an_error_finding():
    finding, _server = search({"ori_utrecht": []}, fail={"/ori_utrecht/_search": [Reply(500)] * 10})
    assert finding.status == "error" and "HTTP 500" in finding.reason


def test_a_slow_search_times_out_into_an_error_finding():
    with ori_server({"ori_utrecht": []}, fail={"/ori_utrecht/_search": [Reply(json={}, delay=0.5)] * 2}) as server:
        finding = ori.find(fetcher(retries=1, timeout=0.05), UTRECHT, "begroting", 2025, base_url=server.url)
    assert finding.status == "error" and "pogingen" in finding.reason


@pytest.mark.parametrize("answer", [Reply(body="<html>Bad gateway</html>"), Reply(json={"took": 1}),
                                    Reply(json={"hits": []}), Reply(json=["geen", "object"])])
def test_a_malformed_answer_is_an_error_finding_not_a_crash(answer):
    finding, _server = search({"ori_utrecht": []}, fail={"/ori_utrecht/_search": [answer]})
    assert finding.status == "error"
    assert "ori_utrecht/_search" in finding.reason


def test_malformed_hits_and_hits_without_an_address_are_skipped_with_a_reason():
    odd = {"ori_utrecht": [document("Programmabegroting 2025", None, url=False),
                           document("Programmabegroting 2025", None, url=False, original_url="javascript:alert(1)"),
                           document("Vergadering", "/v", kind="Meeting"),
                           document("Programmabegroting 2025", "/pb.pdf", size=77)]}
    finding, _server = search(odd)
    assert finding.status == "found" and finding.candidates[0].url.endswith("/pb.pdf")
    assert "2 resultaten zonder bruikbaar adres overgeslagen" in finding.reason


def test_the_original_address_is_used_when_ori_gives_no_resolver_link():
    finding, _server = search({"ori_utrecht": [
        document("Programmabegroting 2025", None, url=False, original_url="https://ris.example.nl/doc/1")]})
    assert finding.status == "found" and finding.candidates[0].url == "https://ris.example.nl/doc/1"


def test_an_unknown_doc_type_is_an_error_finding():
    finding = ori.find(fetcher(), UTRECHT, "jaarrekening", 2025, base_url="http://127.0.0.1:9")
    assert finding.status == "error" and "begroting" in finding.reason


@pytest.mark.parametrize("aliases", [["ori_utrecht"], {"ori_utrecht_20240301101500": {"aliases": [{"ori_utrecht": {}}]}}])
def test_a_malformed_index_list_is_no_crash(aliases):
    with serve({"/_aliases": Reply(json=aliases)}) as server:
        finding = ori.find(fetcher(), UTRECHT, "begroting", 2025, base_url=server.url)
    assert finding.status in ("error", "not_found") and finding.reason
