"""Inhabitants per municipality and year (CBS StatLine OData), mergers by CBS code, and the Iv3
overhead per inhabitant, against a local server answering in the shape of CBS's OData v3 feeds."""

import pytest

from connectors.local_server import Reply, serve
from koers.connectors import iv3, population
from koers.connectors.http import Fetcher, SourceError
from koers.connectors.statline import StatLineClient


def feed(rows, next_link=None):
    page = {"odata.metadata": "https://opendata.cbs.nl/ODataApi/odata/70072NED/$metadata#Cbs.OData.WebAPI.x",
            "value": rows}
    if next_link:
        page["odata.nextLink"] = next_link
    return page


def client(server, **fetcher):
    settings = {"min_interval": 0, "sleep": lambda _seconds: None, **fetcher}
    return StatLineClient(base_url=server.url + "/odata", fetcher=Fetcher(**settings))


def row(region, year, inhabitants):
    return {"ID": 0, "RegioS": region, "Perioden": f"{year}JJ00", "TotaleBevolking_1": inhabitants}


ROWS_2022 = [row("NL01  ", 2022, 17_590_672), row("PV28  ", 2022, 3_804_906),
             row("GM0501", 2022, 17_300), row("GM0530", 2022, 40_100), row("GM0614", 2022, 14_800),
             row("GM0363", 2022, 882_600), row("GM0457", 2022, 20_900), row("GM0005", 2022, 10_000)]
ROWS_2023 = [row("GM1992", 2023, 72_600), row("GM0363", 2023, 918_100), row("GM0772", 2023, None)]
DATA = "/odata/70072NED/TypedDataSet"


def test_population_per_year_follows_the_next_link_and_keeps_only_municipalities():
    with serve({DATA: [Reply(json=feed(ROWS_2022, next_link="/odata/70072NED/TypedDataSet?$skip=8")),
                       Reply(json=feed(ROWS_2023))]}) as server:
        figures = population.population_by_year(client(server), [2023, 2022])
        first, second = server.requests
    assert figures[("GM0501", 2022)] == 17_300 and figures[("GM1992", 2023)] == 72_600
    assert ("NL01", 2022) not in figures and ("PV28", 2022) not in figures
    assert ("GM0772", 2023) not in figures  # no figure published: left out, not zero
    assert first.query["$filter"] == ["(Perioden eq '2022JJ00' or Perioden eq '2023JJ00')"]
    assert first.query["$select"] == ["RegioS,Perioden,TotaleBevolking_1"]
    assert second.query["$skip"] == ["8"]


def test_a_merged_municipality_before_its_merger_is_the_sum_of_its_predecessors():
    raw = {(code.strip(), int(period[:4])): value for code, period, value in
           ((r["RegioS"], r["Perioden"], r["TotaleBevolking_1"]) for r in ROWS_2022 + ROWS_2023)
           if code.startswith("GM") and value is not None}
    regrouped = population.by_current_code(raw)
    assert regrouped.figures[("GM1992", 2022)] == 17_300 + 40_100 + 14_800  # Voorne aan Zee before 2023
    assert regrouped.figures[("GM1992", 2023)] == 72_600
    assert regrouped.figures[("GM0363", 2022)] == 882_600 + 20_900        # Amsterdam with Weesp
    assert regrouped.figures[("GM0363", 2023)] == 918_100
    assert regrouped.unknown == ["GM0005"]  # not current and not in the merger list: reported


def test_successor_and_current_code_follow_the_merger_list():
    assert population.successor("GM0501", 2022) == "GM0501"
    assert population.successor("GM0501", 2023) == "GM1992"
    assert population.successor("gm0457", 2022) == "GM0457"
    assert population.current_code("GM0457") == "GM0363"
    assert population.current_code("0363") == "GM0363"
    assert population.current_code("GM1982") == "GM1982"
    with pytest.raises(SourceError, match="Gemeentecode GM9999 is onbekend"):
        population.current_code("GM9999")


def test_the_merger_list_maps_to_current_municipalities_only():
    from koers.scan.municipalities import by_code
    for merger in population.mergers():
        assert by_code(merger.new_code) is not None, merger
        assert by_code(merger.old_code) is None, merger


@pytest.mark.parametrize(("reply", "fragment"), [
    (Reply(body="<html>Onderhoud</html>"), "geen geldige JSON"),
    (Reply(json={"odata.metadata": "x", "error": "?"}), "geen lijst 'value'"),
    (Reply(404, "niet gevonden"), "HTTP 404"),
    (Reply(503, "druk"), "HTTP 503"),
])
def test_problems_with_statline_are_dutch_errors(reply, fragment):
    with serve({DATA: reply}) as server, pytest.raises(SourceError, match=fragment):
        population.population_by_year(client(server, retries=1), [2023])


def test_a_slow_answer_times_out_with_a_dutch_error():
    with serve({DATA: Reply(json=feed(ROWS_2023), delay=1.0)}) as server, \
            pytest.raises(SourceError, match="niet bereikbaar"):
        population.population_by_year(client(server, timeout=0.2, retries=0), [2023])


def test_statline_retries_a_passing_server_error_and_caches_answers(tmp_path):
    with serve({DATA: [Reply(503, "druk"), Reply(json=feed(ROWS_2023))]}) as server:
        figures = population.population_by_year(client(server, cache_dir=tmp_path), [2023])
        again = population.population_by_year(client(server, cache_dir=tmp_path), [2023])
        assert server.count(DATA) == 2  # the failure and the answer; the second run read the cache
    assert figures == again and figures[("GM0363", 2023)] == 918_100


def test_a_bad_year_is_named():
    with pytest.raises(SourceError, match="'twintig' is geen jaartal"):
        population.population_by_year(None, ["twintig"])


# -- Iv3 --------------------------------------------------------------------------------------

IV3 = "/odata/45067NED"
FIELDS = feed([{"Key": "0.1   ", "Title": "Bestuur", "CategoryGroupID": 1},
               {"Key": "0.4   ", "Title": "Overhead", "CategoryGroupID": 1}])
KINDS = feed([{"Key": "2024X000", "Title": "Begroting 2024"}, {"Key": "2024X005", "Title": "Jaarrekening 2024"}])


def amount(code, category, value):
    return {"ID": 0, "TaakveldBalanspost": "0.4   ", "Categorie": category, "Gemeenten": code,
            "Verslagsoort": "2024X000", "k_1ePlaatsing_1": value, "k_2ePlaatsing_2": value}


def iv3_routes(*pages):
    return {f"{IV3}/TaakveldBalanspost": Reply(json=FIELDS), f"{IV3}/Verslagsoort": Reply(json=KINDS),
            f"{IV3}/TypedDataSet": [Reply(json=page) for page in pages]}


def test_overhead_per_inhabitant_sums_the_expenses_of_task_field_overhead():
    first = feed([amount("GM0363   ", "L1.1    ", 90_000.0), amount("GM0363   ", "L3.1    ", 30_000.0),
                  amount("GM0363   ", "B3.1    ", 5_000.0)],  # income (baten), not a cost
                 next_link=f"{IV3}/TypedDataSet?$skip=3")
    second = feed([amount("GM1992   ", "L1.1    ", 7_260.0), amount("GM1992   ", "L4.3.1  ", None),
                   amount("GM0014   ", "L1.1    ", 1_000.0)])
    inhabitants = {("GM0363", 2024): 931_298, ("GM1992", 2024): 72_600}
    with serve(iv3_routes(first, second)) as server:
        figures = iv3.overhead_per_inhabitant(client(server), [2024], inhabitants)
        query = server.requests[2].query
    assert figures == {("GM0363", 2024): round(120_000_000 / 931_298, 2), ("GM1992", 2024): 100.0}
    # the keys as CBS writes them, padded with spaces
    assert query["$filter"] == ["Verslagsoort eq '2024X000' and TaakveldBalanspost eq '0.4   '"]
    assert query["$select"] == ["Gemeenten,Categorie,k_1ePlaatsing_1"]


def test_overhead_costs_of_the_accounts_are_asked_with_their_report_key():
    with serve(iv3_routes(feed([amount("GM0363   ", "L1.1    ", 1.5)]))) as server:
        costs = iv3.overhead_costs(client(server), [2024], report="jaarrekening")
        assert "Verslagsoort eq '2024X005'" in server.requests[2].query["$filter"][0]
    assert costs == {("GM0363", 2024): 1500.0}


def test_iv3_problems_are_named():
    routes = iv3_routes(feed([]))
    routes[f"{IV3}/Verslagsoort"] = Reply(json=feed([{"Key": "2024X005", "Title": "Jaarrekening 2024"}]))
    with serve(routes) as server:
        with pytest.raises(SourceError, match="Geen Iv3-tabel bekend voor 2019"):
            iv3.overhead_costs(client(server), [2019])
        with pytest.raises(SourceError, match="verslag 'raming'"):
            iv3.overhead_costs(client(server), [2024], report="raming")
        with pytest.raises(SourceError, match="Tabel 45067NED heeft geen '2024X000' in Verslagsoort"):
            iv3.overhead_costs(client(server), [2024])
