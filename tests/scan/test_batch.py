"""Expanding folders and scanning many documents, serially and in worker processes."""

import os

import pytest

from koers.scan.batch import expand_paths, scan_paths
from koers.scan.codebook import parse_codebook

CODEBOOK = parse_codebook("""
[[themes]]
id = "veiligheid"
label = "Veiligheid"
terms = ["informatiebeveiliging*", "AVG"]
""", "test.toml")

# Written for these tests.
ABOUT_SECURITY = "Het college investeert in informatiebeveiliging en volgt de AVG nauwgezet.\n"
UNRELATED = "De speeltuin aan de Dorpsstraat krijgt nieuwe banken en een zandbak.\n"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map" / "b" / ".git").mkdir(parents=True)
    (tmp_path / "map" / "a.txt").write_text(ABOUT_SECURITY, encoding="utf-8")
    (tmp_path / "map" / "b" / "c.md").write_text(UNRELATED, encoding="utf-8")
    (tmp_path / "map" / "B.HTML").write_text(f"<p>{ABOUT_SECURITY}</p>", encoding="utf-8")
    (tmp_path / "map" / "b" / ".git" / "d.txt").write_text(ABOUT_SECURITY, encoding="utf-8")
    (tmp_path / "map" / ".e.txt").write_text(ABOUT_SECURITY, encoding="utf-8")
    (tmp_path / "map" / "f.csv").write_text("a,b\n", encoding="utf-8")
    return tmp_path


def test_folders_are_expanded_in_sorted_order_with_the_folder_as_given(tree):
    targets = expand_paths(["map/"])
    assert [t.document for t in targets] == ["map/B.HTML", "map/a.txt", "map/b/c.md"]
    assert all(t.error is None for t in targets)
    assert [t.document for t in expand_paths([str(tree / "map")])][0] == os.path.join(str(tree), "map", "B.HTML")


def test_explicit_files_missing_paths_and_empty_folders(tree):
    (tree / "leeg").mkdir()
    targets = expand_paths(["map/f.csv", "weg.txt", "leeg", "map/a.txt"])
    assert [t.document for t in targets] == ["map/f.csv", "weg.txt", "leeg", "map/a.txt"]
    assert "'.csv' wordt niet ondersteund" in targets[0].error
    assert targets[1].error == "bestand of map bestaat niet"
    assert "geen ondersteunde documenten" in targets[2].error
    assert targets[3].error is None


def test_scan_paths_keeps_input_order_and_turns_problems_into_results(tree):
    seen = []
    results = scan_paths(["weg.txt", "map"], CODEBOOK, on_result=lambda r: seen.append(r.document))
    assert [r.document for r in results] == ["weg.txt", "map/B.HTML", "map/a.txt", "map/b/c.md"]
    assert results[0].error and not results[0].themes
    assert [r.themes[0].attention for r in results[1:]] == [True, True, False]
    assert sorted(seen) == sorted(r.document for r in results)


def test_two_workers_give_the_same_results_as_one(tree):
    for index in range(6):
        (tree / "map" / f"extra{index}.txt").write_text(ABOUT_SECURITY * index or UNRELATED, encoding="utf-8")
    calls = []
    serial = scan_paths(["map", "weg.pdf"], CODEBOOK, jobs=1)
    parallel = scan_paths(["map", "weg.pdf"], CODEBOOK, jobs=2, on_result=calls.append)
    assert parallel == serial
    assert len(calls) == len(serial) == 10
    assert [r.themes[0].passages for r in parallel if r.document.startswith("map/extra")] == [0, 1, 2, 3, 4, 5]
