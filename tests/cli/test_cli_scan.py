"""`koers scan` end to end through main(argv), and once through the installed script."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from koers.cli import main



def scan(capsys, *argv):
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_document_and_theme(capsys, docs, codebook_file):
    code, out, err = scan(capsys, "docs", "--codebook", str(codebook_file), "--format", "csv")
    assert code == 0, err
    rows = {(r["document"], r["theme"]): r for r in csv_rows(out)}
    assert set(rows) == {(doc, theme) for doc in ("docs/neutraal.md", "docs/sub/groen.html", "docs/veilig.txt")
                         for theme in ("veiligheid", "groen")}
    assert rows["docs/veilig.txt", "veiligheid"]["attention"] == "1"
    assert rows["docs/veilig.txt", "veiligheid"]["passages"] == "1"
    assert rows["docs/veilig.txt", "groen"]["attention"] == "0"
    assert rows["docs/sub/groen.html", "groen"]["attention"] == "1"
    assert rows["docs/neutraal.md", "veiligheid"]["attention"] == "0"
    assert rows["docs/veilig.txt", "veiligheid"]["label"] == "Informatieveiligheid & privacy"
    assert rows["docs/veilig.txt", "groen"]["score"] == "0.00"
    assert all(r["error"] == "" for r in rows.values())


def test_folder_recursion_skips_hidden_and_unsupported_files(texts, capsys, docs, codebook_file):
    (docs / ".verborgen").mkdir()
    (docs / ".verborgen" / "geheim.txt").write_text(texts.SECURITY, encoding="utf-8")
    (docs / ".kladje.txt").write_text(texts.SECURITY, encoding="utf-8")
    (docs / "foto.jpg").write_bytes(b"\xff\xd8\xff")
    code, out, err = scan(capsys, "docs", "--codebook", str(codebook_file), "--format", "csv")
    assert code == 0, err
    documents = [r["document"] for r in csv_rows(out)]
    assert sorted(set(documents)) == ["docs/neutraal.md", "docs/sub/groen.html", "docs/veilig.txt"]


def test_json_contains_codebook_documents_and_evidence(texts, capsys, docs, codebook_file):
    code, out, err = scan(capsys, "docs/veilig.txt", "--codebook", str(codebook_file), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["codebook"]["themes"] == [
        {"id": "veiligheid", "label": "Informatieveiligheid & privacy", "definition": ""},
        {"id": "groen", "label": "Groen", "definition": ""}]
    [document] = data["documents"]
    assert document["document"] == "docs/veilig.txt"
    assert document["pages"] == 1 and document["error"] is None
    security = document["themes"][0]
    assert security["attention"] is True
    [evidence] = security["evidence"]
    assert evidence["page"] == 1
    assert evidence["text"] == texts.SECURITY.strip()
    assert sorted(evidence["terms"]) == ["AVG", "informatiebeveiliging*"]
    marked = [evidence["text"][start:end] for start, end in evidence["highlights"]]
    assert marked == ["informatiebeveiliging", "AVG"]


def test_html_report_marks_terms_and_escapes_document_text(capsys, tmp_path, codebook_file):
    page = tmp_path / "pagina.html"
    page.write_text("<p>Wij melden &lt;script&gt;alert(1)&lt;/script&gt; direct; de AVG geldt.</p>",
                    encoding="utf-8")
    out_file = tmp_path / "rapport.html"
    code, out, err = scan(capsys, str(page), "--codebook", str(codebook_file), "--out", str(out_file))
    assert code == 0, err
    assert out == ""  # the report went to --out; its format followed from the extension
    html = out_file.read_text(encoding="utf-8")
    assert '<html lang="nl">' in html
    assert "<mark>AVG</mark>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>" not in html
    assert "<caption>" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert "http://" not in html and "https://" not in html  # no external assets


def test_table_is_the_default_format(capsys, docs, codebook_file):
    code, out, err = scan(capsys, "docs/veilig.txt", "docs/neutraal.md", "--codebook", str(codebook_file))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["document", "pagina's", "veiligheid", "groen"]
    assert lines[2].split() == ["docs/veilig.txt", "1", "ja", "(1)", "nee"]
    assert lines[3].split() == ["docs/neutraal.md", "1", "nee", "nee"]


def test_unreadable_documents_give_exit_2_and_the_rest_is_still_reported(texts, capsys, docs, codebook_file):
    (docs / "leeg.txt").write_bytes(b"")
    (docs / "notitie.xyz").write_text(texts.SECURITY, encoding="utf-8")
    code, out, err = scan(capsys, "docs/veilig.txt", "docs/leeg.txt", "docs/notitie.xyz", "docs/weg.pdf",
                          "--codebook", str(codebook_file), "--format", "csv")
    assert code == 2
    rows = csv_rows(out)
    assert [(r["document"], r["theme"]) for r in rows] == [
        ("docs/veilig.txt", "veiligheid"), ("docs/veilig.txt", "groen"),
        ("docs/leeg.txt", ""), ("docs/notitie.xyz", ""), ("docs/weg.pdf", "")]
    assert rows[0]["attention"] == "1"
    assert all(r["error"] for r in rows[2:])
    for name in ("docs/leeg.txt", "docs/notitie.xyz", "docs/weg.pdf"):
        assert f"KAN NIET LEZEN: {name}: " in err
    assert "docs/veilig.txt" not in err
    assert "Traceback" not in err


def test_jobs_2_gives_the_same_results_as_jobs_1(texts, capsys, docs, codebook_file):
    for index in range(4):
        text = texts.SECURITY if index % 2 else texts.NEUTRAL_TEXT
        (docs / f"extra{index}.txt").write_text(text, encoding="utf-8")
    (docs / "leeg.txt").write_bytes(b"")
    one = scan(capsys, "docs", "--codebook", str(codebook_file), "--format", "json", "--jobs", "1")
    two = scan(capsys, "docs", "--codebook", str(codebook_file), "--format", "json", "--jobs", "2")
    assert one[0] == two[0] == 2
    assert json.loads(one[1]) == json.loads(two[1])
    assert len(json.loads(two[1])["documents"]) == 8



def test_manifest_metadata_lands_in_the_csv(capsys, docs, codebook_file, tmp_path):
    (tmp_path / "manifest.csv").write_text(
        "\ufeffpath;municipality;doc_type;year\n"
        "docs/veilig.txt;GM0363;begroting;2024\n"
        "docs/sub/groen.html;Den Haag;kadernota;2023\n", encoding="utf-8")
    code, out, err = scan(capsys, "docs/veilig.txt", "docs/sub/groen.html", "--codebook", str(codebook_file),
                          "--manifest", "manifest.csv", "--format", "csv")
    assert code == 0, err
    first, _, third, _ = csv_rows(out)
    assert (first["municipality"], first["code"], first["doc_type"], first["year"]) == \
        ("Amsterdam", "GM0363", "begroting", "2024")
    assert (third["municipality"], third["code"], third["year"]) == ("'s-Gravenhage", "GM0518", "2023")


def test_a_bad_manifest_row_is_reported_and_the_scan_goes_on(capsys, docs, codebook_file, tmp_path):
    (tmp_path / "manifest.csv").write_text(
        "path,municipality,doc_type,year\n"
        "docs/veilig.txt,Atlantis,begroting,2024\n"
        "docs/neutraal.md,Utrecht,begroting,2024\n", encoding="utf-8")
    code, out, err = scan(capsys, "docs/veilig.txt", "docs/neutraal.md", "--codebook", str(codebook_file),
                          "--manifest", "manifest.csv", "--format", "csv")
    assert code == 0
    assert "manifest.csv, regel 2" in err and "Atlantis" in err
    rows = csv_rows(out)
    assert rows[0]["municipality"] == ""
    assert rows[2]["municipality"] == "Utrecht"


@pytest.mark.parametrize("argv, expected", [
    (["--codebook", "bestaat-niet.toml"], "bestaat-niet.toml: codeboek niet gevonden"),
    (["--manifest", "geen-manifest.csv"], "geen-manifest.csv: manifest niet gevonden"),
    (["--jobs", "veel"], "'veel' is geen geheel getal"),
    (["--format", "pdf"], "ongeldige keuze"),
    (["--onbekend"], "onbekende argumenten"),
])
def test_usage_errors_exit_1_with_a_dutch_message(capsys, docs, argv, expected):
    code, out, err = scan(capsys, "docs", *argv)
    assert code == 1
    assert expected in err
    assert "Traceback" not in err


def test_a_broken_codebook_names_file_and_line(capsys, docs, tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text('[[themes]]\nid = "x"\nlabel = "X"\nterms = ["a**b"]\n', encoding="utf-8")
    code, out, err = scan(capsys, "docs", "--codebook", str(broken))
    assert code == 1
    assert f"koers: fout: {broken}, regel 4" in err
    assert out == ""


def test_a_broken_manifest_header_is_a_usage_error(capsys, docs, codebook_file, tmp_path):
    (tmp_path / "manifest.csv").write_text("bestand,gemeente\nveilig.txt,Utrecht\n", encoding="utf-8")
    code, out, err = scan(capsys, "docs", "--codebook", str(codebook_file), "--manifest", "manifest.csv")
    assert code == 1
    assert "manifest.csv, regel 1: kolom 'path' ontbreekt" in err


def test_help_is_dutch(capsys):
    assert main(["scan", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: koers scan")
    assert "toon deze hulp en stop" in out
    assert "Afsluitcode" in out


def test_no_subcommand_shows_help_and_exits_1(capsys):
    assert main([]) == 1
    assert "opdrachten" in capsys.readouterr().err


def test_installed_script(tmp_path, docs, codebook_file):
    script = Path(sys.executable).with_name("koers")
    if not script.exists():  # installed outside a virtualenv
        script = Path(shutil.which("koers") or "koers")
    (docs / "leeg.txt").write_bytes(b"")
    done = subprocess.run([str(script), "scan", "docs", "--codebook", str(codebook_file), "--format", "csv"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "KAN NIET LEZEN: docs/leeg.txt" in done.stderr
    assert "\x1b" not in done.stderr  # no progress bar when stderr is not a terminal
    rows = csv_rows(done.stdout)
    assert {r["document"] for r in rows} == {"docs/leeg.txt", "docs/neutraal.md", "docs/sub/groen.html",
                                              "docs/veilig.txt"}


def test_the_portfolio_commands_are_part_of_koers(capsys):
    assert main(["portfolio", "--help"]) == 0
    assert "optimise" in capsys.readouterr().out


def test_an_unwritable_out_file_is_a_usage_error(capsys, docs, codebook_file):
    code, out, err = scan(capsys, "docs", "--codebook", str(codebook_file), "--out", "docs")  # a folder
    assert code == 1
    assert "docs: kan niet schrijven" in err


def test_out_creates_missing_folders(capsys, docs, codebook_file, tmp_path):
    code, out, err = scan(capsys, "docs", "--codebook", str(codebook_file), "--out", "var/rapport/uit.json")
    assert code == 0, err
    assert len(json.loads((tmp_path / "var" / "rapport" / "uit.json").read_text("utf-8"))["documents"]) == 3


def test_an_internal_error_is_one_line_unless_debug(capsys, docs, codebook_file, monkeypatch):
    import koers.scan.engine

    def broken(path, **kwargs):
        raise RuntimeError("kapotte lezer")

    monkeypatch.setattr(koers.scan.engine, "iter_pages", broken)
    code, out, err = scan(capsys, "docs/veilig.txt", "--codebook", str(codebook_file), "--format", "csv")
    assert code == 2
    assert "KAN NIET LEZEN: docs/veilig.txt: " in err
    assert "RuntimeError: kapotte lezer" in err
    assert "Traceback" not in err
    code, out, err = scan(capsys, "docs/veilig.txt", "--codebook", str(codebook_file), "--debug")
    assert code == 2
    assert "Traceback" in err


def test_the_command_line_does_not_need_django():
    code = ("import sys; from koers.cli import build_parser, main; build_parser(); "
            "assert main(['scan', '--help']) == 0; assert 'django' not in sys.modules, 'django imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
