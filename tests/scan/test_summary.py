"""Aggregating document verdicts to municipalities and size classes."""

import pytest

from koers.scan.manifest import load_manifest
from koers.scan.summary import ResultsError, ScanRecord, ScanRecords, load_results, summarise

# Vlieland 1,255 and Texel 13,643 (< 50.000), Den Helder 56,731 (50.000–100.000),
# 's-Gravenhage 566,221 (> 100.000); "Eiland Proef" is fictional with 40,000 inhabitants.
MANIFEST = """\
path,municipality,doc_type,year,population
v1.txt,Vlieland,begroting,2024,
v2.txt,Vlieland,kadernota,2024,
t1.txt,Texel,begroting,2024,
h1.txt,Den Helder,begroting,2023,
g1.txt,Den Haag,begroting,2024,
g2.txt,GM0518,begroting,2024,
p1.txt,Eiland Proef,begroting,2024,40000
"""

THEMES = [("a", "Thema A"), ("b", "Thema B")]


def record(document, a=False, b=False, error=None):
    return ScanRecord(document, error, {} if error else {"a": a, "b": b})


@pytest.fixture
def manifest(tmp_path):
    path = tmp_path / "manifest.csv"
    path.write_text(MANIFEST, encoding="utf-8")
    return load_manifest(path)


@pytest.fixture
def scan():
    return ScanRecords(THEMES, [
        record("v1.txt", a=True), record("v2.txt", b=True),  # Vlieland: A and B via different documents
        record("t1.txt"),  # Texel: nothing
        record("h1.txt", a=True, b=True),  # Den Helder
        record("g1.txt", error="het bestand is leeg"), record("g2.txt", b=True),  # Den Haag: B
        record("p1.txt", a=True),  # Eiland Proef (< 50.000)
        record("los.txt", a=True),  # not in the manifest
    ])


def test_a_municipality_has_attention_when_any_of_its_documents_has(manifest, scan, tmp_path):
    summary = summarise(scan, manifest, base=tmp_path)
    assert summary.classes == ("< 50.000", "50.000–100.000", "> 100.000")
    assert summary.n == [3, 1, 1]
    a, b = summary.themes
    assert (a.counts, a.total) == ([2, 1, 0], 3)  # Vlieland, Eiland Proef; Den Helder
    assert (b.counts, b.total) == ([1, 1, 1], 3)  # Vlieland; Den Helder; Den Haag
    assert a.shares(summary.n) == [66.7, 100.0, 0.0]
    assert any("los.txt" in note for note in summary.notes)
    assert any("g1.txt" in note for note in summary.notes)


def test_filters_and_municipalities_without_readable_documents(manifest, scan, tmp_path):
    summary = summarise(scan, manifest, base=tmp_path, doc_type="Begroting", year=2024)
    # v2 (kadernota) and h1 (2023) are filtered out: Den Helder drops from n.
    assert summary.n == [3, 0, 1]
    a, b = summary.themes
    assert a.counts == [2, 0, 0] and b.counts == [0, 0, 1]
    assert a.shares(summary.n)[1] is None


def test_load_results_from_csv_with_error_rows(tmp_path):
    path = tmp_path / "uit.csv"
    path.write_text("document,theme,label,attention,score,passages,pages,municipality,code,doc_type,year,error\n"
                    "x.pdf,a,Thema A,1,2.00,2,3,,,,,\n"
                    "x.pdf,b,Thema B,0,0.00,0,3,,,,,\n"
                    "y.pdf,,,,,,0,,,,,kapot\n", encoding="utf-8")
    scan = load_results(path)
    assert scan.themes == THEMES
    assert [(r.document, r.error, r.attention) for r in scan.records] == [
        ("x.pdf", None, {"a": True, "b": False}), ("y.pdf", "kapot", {})]


def test_load_results_detects_json_by_content(tmp_path):
    path = tmp_path / "uitvoer"
    path.write_text('{"codebook": {"themes": [{"id": "a", "label": "Thema A"}]}, "documents": ['
                    '{"document": "x.pdf", "error": null, "themes": [{"theme": "a", "attention": true}]}]}',
                    encoding="utf-8")
    scan = load_results(path)
    assert scan.themes == [("a", "Thema A")]
    assert scan.records[0].attention == {"a": True}


@pytest.mark.parametrize("name, text, problem", [
    ("uit.json", '{"documents": []}', "'codebook' ontbreekt"),
    ("uit.json", "{kapot", "geen geldige JSON-uitvoer"),
    ("uit.csv", "document,theme,attention\nx.pdf,a,ja\n", "regel 2: attention moet 0 of 1 zijn"),
])
def test_unusable_results_files(tmp_path, name, text, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResultsError, match=problem):
        load_results(path)
