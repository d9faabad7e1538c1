"""The four report formats, on results built by hand."""

import csv
import io
import json
from html.parser import HTMLParser

from koers.scan.codebook import parse_codebook
from koers.scan.model import DocumentResult, Evidence, ThemeResult
from koers.scan.report import CSV_COLUMNS, render

CODEBOOK = parse_codebook("""
[codebook]
name = "Proef"
version = "3"

[[themes]]
id = "privacy"
label = "Privacy <en> veiligheid"
terms = ["AVG"]

[[themes]]
id = "data"
label = "Datagedreven werken"
terms = ["dashboard*"]
""", "proef.toml")

PASSAGE = "Wij passen de AVG toe op <script>alert('x')</script> formulieren."
RESULTS = [
    DocumentResult(
        document="map/begroting & plan.pdf", pages=12, words=3400,
        metadata={"municipality": "Utrecht", "code": "GM0344", "doc_type": "begroting", "year": 2025},
        codebook_version="Proef 3 (abc)", model_version="0123456789ab",
        themes=(
            ThemeResult("privacy", "Privacy <en> veiligheid", True, 2.456, 2, (
                Evidence(page=7, start=100, end=100 + len(PASSAGE), text=PASSAGE, score=1.0,
                         terms=("AVG",), highlights=((14, 17),)),), probability=0.52, confidence="twijfel"),
            ThemeResult("data", "Datagedreven werken", False, 0.0, 0, probability=0.031, confidence="duidelijk"),
        )),
    DocumentResult(document="map/kapot.docx", error="het bestand is beschadigd"),
]


def test_csv_rows_and_the_single_error_row():
    rows = list(csv.DictReader(io.StringIO(render("csv", RESULTS, CODEBOOK))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0] == {"document": "map/begroting & plan.pdf", "theme": "privacy",
                       "label": "Privacy <en> veiligheid", "attention": "1", "probability": "0.52",
                       "confidence": "twijfel", "score": "2.46",
                       "passages": "2", "pages": "12", "municipality": "Utrecht", "code": "GM0344",
                       "doc_type": "begroting", "year": "2025", "codebook_version": "Proef 3 (abc)",
                       "model_version": "0123456789ab", "error": ""}
    assert (rows[1]["theme"], rows[1]["attention"], rows[1]["score"]) == ("data", "0", "0.00")
    assert (rows[1]["probability"], rows[1]["confidence"]) == ("0.03", "duidelijk")
    assert rows[2]["document"] == "map/kapot.docx"
    assert (rows[2]["theme"], rows[2]["attention"], rows[2]["error"]) == ("", "", "het bestand is beschadigd")
    assert len(rows) == 3


def test_json_keeps_evidence_and_errors():
    data = json.loads(render("json", RESULTS, CODEBOOK))
    assert data["codebook"]["name"] == "Proef"
    assert [t["id"] for t in data["codebook"]["themes"]] == ["privacy", "data"]
    first, second = data["documents"]
    assert (first["themes"][0]["probability"], first["themes"][0]["confidence"]) == (0.52, "twijfel")
    evidence = first["themes"][0]["evidence"][0]
    assert (evidence["page"], evidence["start"], evidence["highlights"]) == (7, 100, [[14, 17]])
    assert first["metadata"]["year"] == 2025
    assert (first["codebook_version"], first["model_version"]) == ("Proef 3 (abc)", "0123456789ab")
    assert second == {"document": "map/kapot.docx", "pages": 0, "words": 0, "themes": [],
                      "error": "het bestand is beschadigd", "metadata": {},
                      "codebook_version": "", "model_version": ""}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.marked, self._in_mark = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag):
        self._in_mark = False if tag == "mark" else self._in_mark

    def handle_data(self, data):
        if self._in_mark:
            self.marked.append(data)


def test_html_is_dutch_accessible_escaped_and_self_contained():
    html = render("html", RESULTS, CODEBOOK)
    parsed = _Collector()
    parsed.feed(html)
    tags = [tag for tag, _ in parsed.tags]
    assert ("html", {"lang": "nl"}) in parsed.tags
    assert "caption" in tags
    assert {"scope": "col"} in [attrs for tag, attrs in parsed.tags if tag == "th"]
    assert {"scope": "row"} in [attrs for tag, attrs in parsed.tags if tag == "th"]
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "AVG" in parsed.marked
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Privacy &lt;en&gt; veiligheid" in html
    assert "map/begroting &amp; plan.pdf" in html
    assert "Pagina 7:" in html
    assert 'ja (2) <span class="twijfel">twijfel</span>' in html
    assert "kans 52% (twijfel)" in html
    assert "het bestand is beschadigd" in html


def test_table_names_unreadable_documents():
    lines = render("table", RESULTS, CODEBOOK).splitlines()
    assert lines[0].split() == ["document", "pagina's", "privacy", "data"]
    assert lines[2].split() == ["map/begroting", "&", "plan.pdf", "12", "ja", "(2)", "twijfel", "nee"]
    assert lines[3].split(None, 1) == ["map/kapot.docx", "KAN NIET LEZEN: het bestand is beschadigd"]
    assert "1 van 2 documenten gelezen." in lines
