"""CVDR through KOOP's SRU search service, against a local server answering in the service's SRU
2.0 shape: query parts, paging on nextRecordPosition, diagnostics, malformed XML, errors, find."""

import pytest

from connectors.local_server import Reply, serve
from koers.connectors import cvdr
from koers.connectors.http import Fetcher, SourceError
from koers.scan.municipalities import find as municipality

PATH = "/sru/Search"


def record(number, title, creator="Utrecht", modified="2024-03-01", position=1):
    base = f"https://repository.officiele-overheidspublicaties.nl/cvdr/CVDR{number}/1"
    return f"""<sru:record><sru:recordSchema>http://standaarden.overheid.nl/sru/</sru:recordSchema>
      <sru:recordPacking>xml</sru:recordPacking><sru:recordData>
      <gzd:gzd xmlns:gzd="http://standaarden.overheid.nl/sru"><gzd:originalData>
        <overheidrg:meta xmlns:overheidrg="http://standaarden.overheid.nl/cvdr/terms/"
                         xmlns:dcterms="http://purl.org/dc/terms/">
          <overheidrg:owmskern>
            <dcterms:identifier>CVDR{number}_1</dcterms:identifier>
            <dcterms:title>{title}</dcterms:title>
            <dcterms:type scheme="overheid:Informatietype">regeling</dcterms:type>
            <dcterms:type scheme="overheidop:Rubriek">beleidsregel</dcterms:type>
            <dcterms:creator scheme="overheid:Gemeente">{creator}</dcterms:creator>
            <dcterms:modified>{modified}</dcterms:modified>
          </overheidrg:owmskern>
          <overheidrg:owmsmantel><dcterms:issued>2024-02-20</dcterms:issued></overheidrg:owmsmantel>
          <overheidrg:cvdripm><overheidrg:inwerkingtredingDatum>2024-03-01</overheidrg:inwerkingtredingDatum>
          </overheidrg:cvdripm>
        </overheidrg:meta></gzd:originalData>
        <gzd:enrichedData>
          <gzd:organisatietype>Gemeente</gzd:organisatietype>
          <gzd:publicatieurl_xhtml>{base}/html/CVDR{number}_1.html</gzd:publicatieurl_xhtml>
          <gzd:publicatieurl_xml>{base}/xml/CVDR{number}_1.xml</gzd:publicatieurl_xml>
          <gzd:preferred_url>https://lokaleregelgeving.overheid.nl/CVDR{number}/1</gzd:preferred_url>
        </gzd:enrichedData></gzd:gzd></sru:recordData>
      <sru:recordPosition>{position}</sru:recordPosition></sru:record>"""


def answer(total, records, next_position=None):
    following = f"<sru:nextRecordPosition>{next_position}</sru:nextRecordPosition>" if next_position else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse">
  <sru:version>2.0</sru:version><sru:numberOfRecords>{total}</sru:numberOfRecords>
  <sru:records>{"".join(records)}</sru:records>{following}
</sru:searchRetrieveResponse>"""


DIAGNOSTIC = """<?xml version="1.0" encoding="UTF-8"?>
<sru:searchRetrieveResponse xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse">
  <sru:version>2.0</sru:version><sru:numberOfRecords>0</sru:numberOfRecords>
  <sru:diagnostics><diag:diagnostic xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic">
    <diag:uri>info:srw/diagnostic/1/16</diag:uri><diag:details>dcterms.onbekend</diag:details>
    <diag:message>Unsupported index</diag:message></diag:diagnostic></sru:diagnostics>
</sru:searchRetrieveResponse>"""


def fetcher(**settings):
    return Fetcher(**{"min_interval": 0, "sleep": lambda _seconds: None, "retries": 1, **settings})


def pages(request):
    start = int(request.query["startRecord"][0])
    if start == 1:
        return Reply(body=answer(3, [record(101, "Verordening één", position=1),
                                     record(102, "Verordening twee", position=2)], next_position=3))
    return Reply(body=answer(3, [record(103, "Verordening drie", position=3)]))


def test_search_follows_next_record_position_and_reads_the_records():
    with serve(pages) as server:
        records = cvdr.search(fetcher(), creator="Utrecht", title="verordening", year=2024,
                              base_url=server.url + PATH)
        first, second = server.requests
    assert [r.identifier for r in records] == ["CVDR101_1", "CVDR102_1", "CVDR103_1"]
    one = records[0]
    assert (one.title, one.creator, one.modified, one.issued, one.in_force) == (
        "Verordening één", "Utrecht", "2024-03-01", "2024-02-20", "2024-03-01")
    assert one.types == ("regeling", "beleidsregel")
    assert one.html_url.endswith("/cvdr/CVDR101/1/html/CVDR101_1.html")
    assert one.xml_url.endswith("/cvdr/CVDR101/1/xml/CVDR101_1.xml")
    assert one.url == "https://lokaleregelgeving.overheid.nl/CVDR101/1"
    assert first.query == {
        "x-connection": ["cvdr"], "operation": ["searchRetrieve"], "version": ["2.0"],
        "query": ['dcterms.creator="Utrecht" and organisatietype="Gemeente" and dcterms.title any "verordening" '
                  "and dcterms.modified>=2024-01-01 and dcterms.modified<=2024-12-31"],
        "startRecord": ["1"], "maximumRecords": ["100"]}
    assert second.query["startRecord"] == ["3"]


def test_search_stops_at_max_records():
    with serve(pages) as server:
        records = cvdr.search(fetcher(), creator="Utrecht", max_records=2, base_url=server.url + PATH)
        assert server.count() == 1 and server.requests[0].query["maximumRecords"] == ["2"]
    assert len(records) == 2


def test_quotes_in_query_values_are_escaped():
    assert cvdr.cql(creator='Foo"Bar', organisation_type=None) == 'dcterms.creator="Foo\\"Bar"'
    with pytest.raises(SourceError, match="minstens één voorwaarde"):
        cvdr.cql(organisation_type=None)


@pytest.mark.parametrize(("reply", "fragment"), [
    (Reply(body=DIAGNOSTIC), r"CVDR weigerde de zoekvraag: Unsupported index \(dcterms.onbekend\)"),
    (Reply(body="<sru:searchRetrieveResponse><kapot"), "geen leesbare XML"),
    (Reply(body="<html><body>Onderhoud</body></html>"), "geen numberOfRecords"),
    (Reply(500, "fout"), "HTTP 500"),
    (Reply(400, "fout"), "HTTP 400"),
])
def test_problems_become_dutch_source_errors(reply, fragment):
    with serve({PATH: reply}) as server, pytest.raises(SourceError, match=fragment):
        cvdr.search(fetcher(), creator="Utrecht", base_url=server.url + PATH)


def test_a_slow_service_times_out():
    with serve({PATH: Reply(body=answer(0, []), delay=1.0)}) as server, \
            pytest.raises(SourceError, match="geen bruikbaar antwoord"):
        cvdr.search(fetcher(timeout=0.2, retries=0), creator="Utrecht", base_url=server.url + PATH)


def test_find_gives_a_finding_per_outcome():
    one = answer(1, [record(201, "Beleidsregel informatiebeveiliging", creator="Bergen", modified="2024-05-02Z")])
    routes = {PATH: [Reply(body=one), Reply(body=answer(0, [])), Reply(body=DIAGNOSTIC)]}
    bergen = municipality("Bergen (NH.)")
    with serve(routes) as server:
        url = server.url + PATH
        found = cvdr.find(fetcher(), bergen, "beleidsregel:informatiebeveiliging", 2024, base_url=url)
        missing = cvdr.find(fetcher(), bergen, "verordening", 2024, base_url=url)
        failed = cvdr.find(fetcher(), bergen, "regeling", 2024, base_url=url)
        query = server.requests[0].query["query"][0]
    assert found.status == "found"
    [candidate] = found.candidates
    assert candidate.url.endswith("CVDR201_1.html") and candidate.extension == "html"
    assert candidate.date == "2024-05-02"
    assert 'dcterms.creator="Bergen"' in query and 'dcterms.title any "beleidsregel informatiebeveiliging"' in query
    assert missing.status == "not_found" and "geen verordening van Bergen uit 2024" in missing.reason
    assert failed.status == "error" and "Unsupported index" in failed.reason


def test_find_with_several_matches_is_ambiguous_and_an_unknown_type_an_error():
    with serve(pages) as server:
        several = cvdr.find(fetcher(), municipality("Utrecht"), "regeling", 2024, base_url=server.url + PATH)
    assert several.status == "ambiguous" and len(several.candidates) == 3
    unknown = cvdr.find(fetcher(), municipality("Utrecht"), "begroting", 2024)
    assert unknown.status == "error" and "documenttype 'begroting'" in unknown.reason


def test_koers_harvest_takes_cvdr_as_a_source(tmp_path):
    from koers.connectors.harvest import SOURCES, harvest

    def route(request):
        if request.path == PATH:
            body = answer(1, [record(301, "Beleidsregel informatiebeveiliging")])
            return Reply(body=body.replace("https://repository.officiele-overheidspublicaties.nl", server.url))
        return Reply(body="<html><body><p>Artikel 1. Informatiebeveiliging.</p></body></html>")

    assert SOURCES["cvdr"] is cvdr.find
    with serve(route) as server:
        [outcome] = harvest("cvdr", "beleidsregel", 2024, [municipality("Utrecht")], tmp_path, fetcher(),
                            base_url=server.url + PATH)
    assert outcome.status == "found" and outcome.path
    assert "Informatiebeveiliging" in (tmp_path / outcome.path).read_text()
