"""Tiny Dutch documents and a two-theme codebook written into tmp_path for the CLI tests."""

from types import SimpleNamespace

import pytest

CODEBOOK = """\
[codebook]
name = "Testcodeboek"
version = "1"

[[themes]]
id = "veiligheid"
label = "Informatieveiligheid & privacy"
terms = ["informatiebeveiliging*", "AVG", "privacy*"]

[[themes]]
id = "groen"
label = "Groen"
terms = ["groenonderhoud*", "bomenplan"]
"""

# Written for these tests.
SECURITY = "De gemeente versterkt dit jaar de informatiebeveiliging en houdt zich aan de AVG.\n"
GREEN = "Het groenonderhoud in de wijken wordt volgend jaar opnieuw aanbesteed.\n"
NEUTRAL = "Het college vergadert op dinsdagmiddag in het gemeentehuis.\n"
NEUTRAL_TEXT = "De raad bespreekt de jaarrekening en het sportbeleid.\n"


@pytest.fixture
def texts():
    """The sample sentences, for tests that write their own documents."""
    return SimpleNamespace(SECURITY=SECURITY, GREEN=GREEN, NEUTRAL=NEUTRAL, NEUTRAL_TEXT=NEUTRAL_TEXT)


@pytest.fixture
def codebook_file(tmp_path):
    path = tmp_path / "codeboek.toml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path):
    """docs/veilig.txt (veiligheid), docs/sub/groen.html (groen), docs/neutraal.md (neither)."""
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "veilig.txt").write_text(SECURITY + NEUTRAL, encoding="utf-8")
    (folder / "sub" / "groen.html").write_text(
        f"<html><body><h1>Buitenruimte</h1><p>{GREEN}</p></body></html>", encoding="utf-8")
    (folder / "neutraal.md").write_text(NEUTRAL, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Every CLI test runs in its own temporary folder, so relative output paths stay there."""
    monkeypatch.chdir(tmp_path)
