"""The StatLine connector against answers written in the shape of CBS's OData v3 API (no network)."""

import io
import json
import urllib.error
import urllib.parse

import pytest

from koers.connectors.statline import (
    BASE_URL, ConnectorError, ContextFigure, StatLineClient, filter_expression, internet_use_by_age,
)

TABLE = "83429NED"
ROOT = f"{BASE_URL}/{TABLE}"


def feed(name, rows, next_link=None):
    page = {"odata.metadata": f"{ROOT}/$metadata#Cbs.OData.WebAPI.{name}", "value": rows}
    if next_link:
        page["odata.nextLink"] = next_link
    return page


class Opener:
    """Answers by feed name (and $skip for paging); records every request it gets."""

    def __init__(self, pages):
        self.pages = pages
        self.requests = []

    def open(self, request, timeout=None):
        self.requests.append((request, timeout))
        url = urllib.parse.urlsplit(request.full_url)
        name = url.path.rsplit("/", 1)[-1]
        skip = urllib.parse.parse_qs(url.query).get("$skip")
        answer = self.pages.get((name, skip[0]) if skip else name)
        if answer is None:
            raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)
        if isinstance(answer, Exception):
            raise answer
        return io.BytesIO(answer if isinstance(answer, bytes) else json.dumps(answer).encode())

    def queries(self):
        return [urllib.parse.parse_qs(urllib.parse.urlsplit(r.full_url).query) for r, _timeout in self.requests]


PROPERTIES = feed("DataProperties", [
    {"odata.type": "Cbs.OData.Dimension", "ID": 0, "Position": 0, "ParentID": None, "Type": "Dimension",
     "Key": "Marges", "Title": "Marges", "Description": None},
    {"odata.type": "Cbs.OData.Dimension", "ID": 1, "Position": 1, "ParentID": None, "Type": "Dimension",
     "Key": "KenmerkenPersonen", "Title": "Kenmerken personen", "Description": None},
    {"odata.type": "Cbs.OData.TimeDimension", "ID": 2, "Position": 2, "ParentID": None, "Type": "TimeDimension",
     "Key": "Perioden", "Title": "Perioden", "Description": None},
    {"odata.type": "Cbs.OData.Topic", "ID": 3, "Position": 3, "ParentID": None, "Type": "Topic",
     "Key": "InternetGebruikt_1", "Title": "Internet gebruikt in de afgelopen 3 maanden", "Unit": "%",
     "Decimals": 1, "Datatype": "Double"},
    {"odata.type": "Cbs.OData.Topic", "ID": 4, "Position": 4, "ParentID": None, "Type": "Topic",
     "Key": "BijnaElkeDag_2", "Title": "(Bijna) elke dag", "Unit": "%", "Decimals": 1, "Datatype": "Double"},
])
PERSONS = feed("KenmerkenPersonen", [
    {"Key": "T009002", "Title": "Totaal personen", "Description": None, "CategoryGroupID": 1},
    {"Key": "53925   ", "Title": "65 tot 75 jaar", "Description": None, "CategoryGroupID": 3},
    {"Key": "21600   ", "Title": "75 jaar of ouder", "Description": None, "CategoryGroupID": 3},
    {"Key": "3000795 ", "Title": "Werkloos", "Description": None, "CategoryGroupID": 4},
])
GROUPS = feed("CategoryGroups", [
    {"ID": 1, "DimensionKey": "KenmerkenPersonen", "Title": "Totaal", "Description": None, "ParentID": None},
    {"ID": 3, "DimensionKey": "KenmerkenPersonen", "Title": "Leeftijd", "Description": None, "ParentID": None},
    {"ID": 4, "DimensionKey": "KenmerkenPersonen", "Title": "Arbeidspositie", "Description": None, "ParentID": None},
])
PERIODS = feed("Perioden", [{"Key": "2018JJ00", "Title": "2018", "Description": None, "Status": "Definitief"},
                            {"Key": "2019JJ00", "Title": "2019", "Description": None, "Status": "Definitief"}])
DATA = feed("TypedDataSet", [
    {"KenmerkenPersonen": "53925   ", "Perioden": "2019JJ00", "InternetGebruikt_1": 91.3},
    {"KenmerkenPersonen": "21600   ", "Perioden": "2019JJ00", "InternetGebruikt_1": 63.0},
])
INFO = feed("TableInfos", [{"ID": 0, "Title": "Internet; toegang, gebruik en faciliteiten", "Identifier": TABLE,
                            "Period": "2012-2019", "Frequency": "Perjaar", "Language": "nl"}])
PAGES = {"DataProperties": PROPERTIES, "KenmerkenPersonen": PERSONS, "CategoryGroups": GROUPS,
         "Perioden": PERIODS, "TypedDataSet": DATA, "TableInfos": INFO}


def client(pages=PAGES, **kwargs):
    opener = Opener(pages)
    return StatLineClient(opener=opener, **kwargs), opener


def test_table_info_and_dimension():
    statline, opener = client()
    assert statline.table_info(TABLE)["Title"] == "Internet; toegang, gebruik en faciliteiten"
    assert [row["Title"] for row in statline.dimension(TABLE, "Perioden")] == ["2018", "2019"]
    request, timeout = opener.requests[0]
    assert request.full_url.startswith(f"{ROOT}/TableInfos?")
    assert request.get_header("Accept").startswith("application/json")
    assert timeout == 30


def test_observations_send_filter_select_and_top_in_odata_syntax():
    statline, opener = client()
    rows = statline.observations(TABLE, {"KenmerkenPersonen": ["53925   ", "21600   "], "Perioden": "2019JJ00"},
                                 ["KenmerkenPersonen", "InternetGebruikt_1"], top=10)
    assert rows == DATA["value"]
    [query] = opener.queries()
    assert query["$filter"] == ["(KenmerkenPersonen eq '53925   ' or KenmerkenPersonen eq '21600   ') "
                                "and Perioden eq '2019JJ00'"]
    assert query["$select"] == ["KenmerkenPersonen,InternetGebruikt_1"]
    assert query["$top"] == ["10"]
    assert query["$format"] == ["json"]


def test_quotes_in_keys_are_doubled():
    assert filter_expression({"Regio": "'s-Gravenhage"}) == "Regio eq '''s-Gravenhage'"


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"filters": "Perioden eq '2019JJ00'"}, "Filters zijn een tabel"),
    ({"filters": {"Perioden": []}}, "Filter op Perioden zonder waarden"),
    ({"top": "tien"}, "heel getal"),
])
def test_bad_query_arguments_are_named(kwargs, fragment):
    statline, opener = client()
    with pytest.raises(ConnectorError, match=fragment):
        statline.observations(TABLE, **kwargs)
    assert opener.requests == []


def test_observations_follow_next_links_to_the_last_page():
    first = feed("TypedDataSet", [{"ID": 0}], next_link=f"{ROOT}/TypedDataSet?$format=json&$skip=1")
    second = feed("TypedDataSet", [{"ID": 1}], next_link=f"{ROOT}/TypedDataSet?$format=json&$skip=2")
    last = feed("TypedDataSet", [{"ID": 2}])
    statline, opener = client({"TypedDataSet": first, ("TypedDataSet", "1"): second, ("TypedDataSet", "2"): last})
    assert [row["ID"] for row in statline.observations(TABLE)] == [0, 1, 2]
    assert len(opener.requests) == 3


def test_a_next_link_back_to_the_same_page_stops_with_an_error():
    looping = feed("TypedDataSet", [{"ID": 0}], next_link=f"{ROOT}/TypedDataSet?$format=json&$skip=1")
    statline, _opener = client({"TypedDataSet": looping, ("TypedDataSet", "1"): looping})
    with pytest.raises(ConnectorError, match="steeds naar dezelfde pagina"):
        statline.observations(TABLE)


def test_internet_use_by_age_reads_the_age_bands_of_the_latest_period():
    statline, opener = client()
    figures = internet_use_by_age(statline, TABLE)
    assert figures == [
        ContextFigure("65 tot 75 jaar", "2019JJ00", 91.3, "%", "Internet gebruikt in de afgelopen 3 maanden", TABLE),
        ContextFigure("75 jaar of ouder", "2019JJ00", 63.0, "%", "Internet gebruikt in de afgelopen 3 maanden", TABLE),
    ]
    query = opener.queries()[-1]
    assert "Marges eq 'MW00000'" in query["$filter"][0]  # the estimate, not its margins
    assert "3000795" not in query["$filter"][0]          # only the age bands


def test_internet_use_by_age_with_a_chosen_topic_and_period():
    statline, opener = client()
    figures = internet_use_by_age(statline, TABLE, topic="BijnaElkeDag_2", period="2018JJ00")
    assert {figure.topic for figure in figures} == {"(Bijna) elke dag"}
    assert {figure.value for figure in figures} == {None}  # no rows answered for that topic: no value
    assert "Perioden eq '2018JJ00'" in opener.queries()[-1]["$filter"][0]
    with pytest.raises(ConnectorError, match="Onderwerp 'Onbekend_9' staat niet in tabel 83429NED"):
        internet_use_by_age(statline, TABLE, topic="Onbekend_9")
    with pytest.raises(ConnectorError, match="Periode '1990JJ00' staat niet in tabel"):
        internet_use_by_age(statline, TABLE, period="1990JJ00")


def test_a_table_without_age_bands_is_named():
    statline, _opener = client({**PAGES, "CategoryGroups": feed("CategoryGroups", [])})
    with pytest.raises(ConnectorError, match="geen leeftijdsgroepen"):
        internet_use_by_age(statline, TABLE)


@pytest.mark.parametrize(("answer", "fragment"), [
    (urllib.error.HTTPError(ROOT, 500, "Server Error", {}, None), "HTTP 500"),
    (urllib.error.URLError("Name or service not known"), "niet bereikbaar.*Name or service not known"),
    (TimeoutError("timed out"), "niet bereikbaar.*timed out"),
    (b"<html>Onderhoud</html>", "geen geldige JSON"),
    ({"odata.metadata": ROOT, "error": "?"}, "geen lijst 'value'"),
])
def test_problems_with_the_service_become_dutch_connector_errors(answer, fragment):
    statline, _opener = client({"TableInfos": answer})
    with pytest.raises(ConnectorError, match=fragment):
        statline.table_info(TABLE)


def test_an_unknown_table_is_named():
    statline, _opener = client({})
    with pytest.raises(ConnectorError, match="99999XYZ/TableInfos.* HTTP 404"):
        statline.table_info("99999XYZ")
    empty, _opener = client({"TableInfos": feed("TableInfos", [])})
    with pytest.raises(ConnectorError, match="Tabel 99999XYZ bestaat niet"):
        empty.table_info("99999XYZ")
    with pytest.raises(ConnectorError, match="geen tabelnummer"):
        statline.table_info("../83429NED")


def test_base_url_and_timeout_are_configurable():
    statline, opener = client(base_url="https://example.test/odata/", timeout=5)
    statline.table_info(TABLE)
    request, timeout = opener.requests[0]
    assert request.full_url.startswith(f"https://example.test/odata/{TABLE}/TableInfos?")
    assert timeout == 5
