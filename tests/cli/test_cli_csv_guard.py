"""`koers scan --format csv` and `koers summary --format csv` guard their text cells against
formulas (koers.csvsafe), and `koers summary` reads the guarded names back as they were."""

import json

from csv_checks import formula_cells

from cli_helpers import run

LINK = "=HYPERLINK(1)"
SPLIT = "x;=1+1"


def test_scan_csv_neutralises_document_names_and_errors(capsys, tmp_path, texts, codebook_file):
    (tmp_path / f"{LINK}.txt").write_text(texts.SECURITY, encoding="utf-8")
    (tmp_path / f"{SPLIT}.txt").write_text(texts.GREEN, encoding="utf-8")
    (tmp_path / "-leeg.txt").write_bytes(b"")  # unreadable: its row carries the error
    code, out, err = run(capsys, "scan", "--codebook", str(codebook_file), "--format", "csv",
                         "--", f"{LINK}.txt", f"{SPLIT}.txt", "-leeg.txt")
    assert code == 2, err
    assert formula_cells(out) == []
    assert "'=HYPERLINK(1).txt" in out and "x;'=1+1.txt" in out and "'-leeg.txt" in out


def test_summary_reads_the_guarded_scan_csv_and_guards_its_own(capsys, tmp_path, texts, codebook_file):
    (tmp_path / f"{SPLIT}.txt").write_text(texts.SECURITY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(f'path,municipality\n"{SPLIT}.txt",Utrecht\n', encoding="utf-8")
    (tmp_path / "codeboek.toml").write_text(
        codebook_file.read_text(encoding="utf-8").replace('label = "Groen"', 'label = "Groen, -beheer"'),
        encoding="utf-8")
    code, _, err = run(capsys, "scan", f"{SPLIT}.txt", "--codebook", "codeboek.toml", "--out", "uit.csv")
    assert code == 0, err
    code, out, err = run(capsys, "summary", "uit.csv", "--manifest", "manifest.csv", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["total_n"] == 1  # the document name matched the manifest
    code, out, err = run(capsys, "summary", "uit.csv", "--manifest", "manifest.csv", "--format", "csv")
    assert code == 0, err
    assert formula_cells(out) == [] and "Groen,' -beheer" in out
