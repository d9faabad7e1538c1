"""Reading the manifest CSV and matching scanned documents to its rows."""

import pytest

from koers.scan.manifest import ManifestError, load_manifest


def write(tmp_path, text, name="manifest.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def test_rows_by_code_name_and_alias_with_paths_relative_to_the_manifest(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    absolute = tmp_path / "elders" / "c.pdf"
    manifest = load_manifest(write(folder, (
        "path,municipality,doc_type,year\n"
        "docs/a.pdf,GM0014,begroting,2024\n"
        "b.pdf,Súdwest-Fryslân,kadernota,\n"
        f"{absolute},Den Haag,,2023\n")))
    assert manifest.errors == []
    a, b, c = manifest.entries
    assert (a.municipality, a.code, a.population, a.doc_type, a.year) == ("Groningen", "GM0014", 243_768,
                                                                          "begroting", 2024)
    assert a.resolved == (folder / "docs" / "a.pdf").resolve()
    assert (b.code, b.year) == ("GM1900", None)
    assert (c.municipality, c.resolved) == ("'s-Gravenhage", absolute.resolve())
    assert a.line == 2 and c.line == 4


def test_bom_and_semicolons_are_accepted(tmp_path):
    path = write(tmp_path, "\ufeffpath;municipality;doc_type;year\na.txt;Utrecht;begroting;2024\n")
    [entry] = load_manifest(path).entries
    assert (entry.path, entry.code) == ("a.txt", "GM0344")


def test_an_organisation_outside_the_cbs_list_needs_a_population(tmp_path):
    manifest = load_manifest(write(tmp_path, (
        "path,municipality,doc_type,year,population\n"
        "a.txt,Gemeente Proefstad,begroting,2024,61.500\n"
        "b.txt,Waterschap Natte Voeten,begroting,2024,\n"
        "c.txt,Utrecht,begroting,2024,5\n")))
    proefstad, utrecht = manifest.entries
    assert (proefstad.municipality, proefstad.code, proefstad.population) == ("Gemeente Proefstad", "", 61_500)
    assert utrecht.population == 374_238  # the CBS figure, not the one typed in the manifest
    [error] = manifest.errors
    assert error.startswith(f"{tmp_path / 'manifest.csv'}, regel 3: 'Waterschap Natte Voeten' is geen")
    assert "population" in error


def test_bad_rows_are_collected_and_the_good_ones_kept(tmp_path):
    manifest = load_manifest(write(tmp_path, (
        "path,municipality,doc_type,year\n"
        ",Utrecht,begroting,2024\n"
        "a.txt,,begroting,2024\n"
        "b.txt,Utrecht,begroting,volgend jaar\n"
        "c.txt,Bergen,begroting,2024\n"
        "\n"
        "d.txt,Utrecht,begroting,2024\n"
        "d.txt,Utrecht,kadernota,2024\n")))
    assert [entry.path for entry in manifest.entries] == ["d.txt"]
    problems = [error.split(", regel ")[1] for error in manifest.errors]
    assert problems[0] == "2: 'path' is leeg"
    assert problems[1] == "3: 'municipality' is leeg"
    assert problems[2].startswith("4: 'year' moet een geheel getal zijn")
    assert problems[3].startswith("5: 'Bergen' is niet eenduidig")
    assert problems[4] == "8: 'd.txt' staat al op regel 7"


@pytest.mark.parametrize("text, problem", [
    ("bestand,gemeente\na.txt,Utrecht\n", "regel 1: kolom 'path' ontbreekt"),
    ("", "regel 1: kolom 'path' ontbreekt"),
])
def test_unusable_manifests_raise(tmp_path, text, problem):
    with pytest.raises(ManifestError, match=problem):
        load_manifest(write(tmp_path, text))


def test_missing_and_non_utf8_manifests_raise(tmp_path):
    with pytest.raises(ManifestError, match="manifest niet gevonden"):
        load_manifest(tmp_path / "weg.csv")
    with pytest.raises(ManifestError, match="UTF-8"):
        load_manifest(write(tmp_path, "path,municipality\nÿ.txt,Utrecht\n", encoding="latin-1"))


def test_match_by_resolved_path_then_by_unique_file_name(tmp_path, monkeypatch):
    (tmp_path / "set").mkdir()
    manifest = load_manifest(write(tmp_path / "set", (
        "path,municipality\n"
        "docs/a.txt,Utrecht\n"
        "docs/2023/dubbel.txt,Vlieland\n"
        "docs/2024/dubbel.txt,Schiermonnikoog\n")))
    monkeypatch.chdir(tmp_path)
    assert manifest.match("set/docs/a.txt").code == "GM0344"
    assert manifest.match(str(tmp_path / "set" / "docs" / "../docs/a.txt")).code == "GM0344"
    assert manifest.match("ergens/anders/a.txt").code == "GM0344"  # unique file name
    assert manifest.match("set/docs/2024/dubbel.txt").municipality == "Schiermonnikoog"
    assert manifest.match("ergens/dubbel.txt") is None  # the file name is not unique
    assert manifest.match("set/docs/b.txt") is None
