"""`koers summary` and `koers eval` end to end, with hand-computed expected figures."""

import json

import pytest

from cli_helpers import run


# Utrecht (374,238 inhabitants) > 100.000; Vlieland (1,255) and Schiermonnikoog (972) < 50.000;
# the fictional "Gemeente Proefstad" is given 60,000 inhabitants: 50.000–100.000.
MANIFEST = """\
path,municipality,doc_type,year,population
docs/a1.txt,Utrecht,begroting,2024,
docs/a2.txt,GM0344,kadernota,2024,
docs/b1.txt,Vlieland,begroting,2024,
docs/c1.txt,Schiermonnikoog,begroting,2023,
docs/d1.txt,Gemeente Proefstad,begroting,2024,60000
docs/e1.txt,Amsterdam,begroting,2024,
"""


@pytest.fixture
def scanned(tmp_path, capsys, codebook_file, texts):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in [("a1", texts.SECURITY), ("a2", texts.GREEN), ("b1", texts.NEUTRAL), ("c1", texts.SECURITY),
                       ("d1", texts.GREEN)]:
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    (docs / "e1.txt").write_bytes(b"")  # unreadable: Amsterdam has no readable document
    (tmp_path / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    for fmt in ("csv", "json"):
        code, _, err = run(capsys, "scan", "docs", "--codebook", str(codebook_file), "--manifest",
                           "manifest.csv", "--out", f"resultaten.{fmt}")
        assert code == 2, err
    return tmp_path


def shares(out):
    data = json.loads(out)
    return ([c["n"] for c in data["classes"]], data["total_n"],
            {t["id"]: (t["shares"], t["total_share"]) for t in data["themes"]})


@pytest.mark.parametrize("results", ["resultaten.csv", "resultaten.json"])
def test_summary_shares_per_size_class(capsys, scanned, results):
    code, out, err = run(capsys, "summary", results, "--manifest", "manifest.csv", "--format", "json")
    assert code == 0, err
    n, total, themes = shares(out)
    assert n == [2, 1, 1] and total == 4
    assert themes["veiligheid"] == ([50.0, 0.0, 100.0], 50.0)
    assert themes["groen"] == ([0.0, 100.0, 100.0], 50.0)
    assert "e1.txt" in err  # the unreadable document is named as left out


def test_summary_filters_on_doc_type_and_year(capsys, scanned):
    code, out, _ = run(capsys, "summary", "resultaten.csv", "--manifest", "manifest.csv",
                       "--format", "json", "--doc-type", "begroting")
    assert code == 0
    n, total, themes = shares(out)
    assert n == [2, 1, 1]
    assert themes["groen"] == ([0.0, 100.0, 0.0], 25.0)
    code, out, _ = run(capsys, "summary", "resultaten.csv", "--manifest", "manifest.csv",
                       "--format", "json", "--year", "2024")
    n, total, themes = shares(out)
    assert n == [1, 1, 1]
    assert themes["veiligheid"] == ([0.0, 0.0, 100.0], 33.3)


def test_summary_with_other_size_bounds_and_table_output(capsys, scanned):
    code, out, _ = run(capsys, "summary", "resultaten.json", "--manifest", "manifest.csv",
                       "--format", "json", "--size-bounds", "1000,100000")
    n, total, themes = shares(out)
    assert n == [1, 2, 1]
    assert themes["groen"] == ([0.0, 50.0, 100.0], 50.0)
    code, out, _ = run(capsys, "summary", "resultaten.json", "--manifest", "manifest.csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["thema", "<", "50.000", "50.000–100.000", ">", "100.000", "totaal"]
    assert lines[4].split() == ["n=2", "n=1", "n=1", "n=4"]
    assert lines[5].split() == ["Informatieveiligheid", "&", "privacy", "50%", "0%", "100%", "50%"]


def test_summary_csv_output(capsys, scanned):
    code, out, _ = run(capsys, "summary", "resultaten.csv", "--manifest", "manifest.csv", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "theme,label,size_class,n,attention,share"
    assert "veiligheid,Informatieveiligheid & privacy,< 50.000,2,1,50.0" in lines
    assert "groen,Groen,totaal,4,2,50.0" in lines


def test_summary_reports_manifest_errors_as_usage_errors(capsys, scanned):
    (scanned / "manifest.csv").write_text(
        MANIFEST + "docs/f1.txt,Atlantis,begroting,2024,\ndocs/g1.txt,Utrecht,begroting,twintig,\n",
        encoding="utf-8")
    code, out, err = run(capsys, "summary", "resultaten.csv", "--manifest", "manifest.csv")
    assert code == 1
    assert out == ""
    assert "manifest.csv, regel 8" in err and "Atlantis" in err
    assert "manifest.csv, regel 9" in err and "twintig" in err


@pytest.mark.parametrize("argv, expected", [
    (["summary", "weg.csv", "--manifest", "manifest.csv"], "weg.csv: resultatenbestand niet gevonden"),
    (["summary", "resultaten.csv", "--manifest", "manifest.csv", "--size-bounds", "100000,50000"], "oplopend"),
    (["summary", "resultaten.csv"], "deze argumenten ontbreken: --manifest"),
    (["summary", "manifest.csv", "--manifest", "manifest.csv"],
     "geen geldige CSV-uitvoer van 'koers scan': kolom 'document' ontbreekt"),
])
def test_summary_usage_errors(capsys, scanned, argv, expected):
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert expected in err


@pytest.fixture
def labelled(tmp_path, texts):
    docs = tmp_path / "set"
    docs.mkdir()
    for name, text in [("p1", texts.SECURITY), ("p2", texts.SECURITY), ("p3", texts.NEUTRAL), ("p4", texts.GREEN)]:
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    # p2 is predicted positive for veiligheid but labelled 0 (FP); p3 labelled 1 but neutral (FN).
    (tmp_path / "labels.csv").write_text(
        "document,veiligheid,groen\np1.txt,1,0\np2.txt,0,0\np3.txt,1,0\np4.txt,0,1\n", encoding="utf-8")
    return tmp_path


def test_eval_precision_recall_f1(capsys, labelled, codebook_file):
    code, out, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv",
                         "--codebook", str(codebook_file), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    veiligheid, groen = data["themes"]
    assert (veiligheid["tp"], veiligheid["fp"], veiligheid["fn"], veiligheid["tn"]) == (1, 1, 1, 1)
    assert (veiligheid["precision"], veiligheid["recall"], veiligheid["f1"]) == (0.5, 0.5, 0.5)
    assert (groen["precision"], groen["recall"], groen["f1"]) == (1.0, 1.0, 1.0)
    assert data["macro_f1"] == 0.75
    assert data["documents"] == 4


def test_eval_table_lists_false_positives_and_negatives_when_verbose(capsys, labelled, codebook_file):
    code, out, _ = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv",
                       "--codebook", str(codebook_file), "--verbose", "--jobs", "2")
    assert code == 0
    assert "macro-F1: 0.75 over 4 documenten" in out
    assert "fout-positief: p2.txt" in out
    assert "fout-negatief: p3.txt" in out


def test_eval_unknown_label_column_is_an_error(capsys, labelled, codebook_file):
    (labelled / "labels.csv").write_text("document,veiligheid,onbekend\np1.txt,1,0\n", encoding="utf-8")
    code, _, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv", "--codebook", str(codebook_file))
    assert code == 1
    assert "labels.csv, regel 1: kolom(men) onbekend zijn geen thema's van het codeboek" in err


def test_eval_ignores_codebook_themes_without_labels_and_names_unreadable_documents(
        capsys, labelled, codebook_file):
    (labelled / "labels.csv").write_text("document,veiligheid\np1.txt,1\np2.txt,0\nweg.txt,1\n",
                                         encoding="utf-8")
    code, out, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv",
                         "--codebook", str(codebook_file), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert [t["theme"] for t in data["themes"]] == ["veiligheid"]
    assert (data["themes"][0]["tp"], data["themes"][0]["fp"]) == (1, 1)
    assert data["documents"] == 2
    assert "groen" in err and "KAN NIET LEZEN: weg.txt" in err
