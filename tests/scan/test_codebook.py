"""Codebook loading and validation: a broken codebook names file, line and problem."""

import pytest

from koers.scan.codebook import DEFAULT_CODEBOOK_PATH, default_codebook, load_codebook, parse_codebook
from koers.scan.errors import CodebookError

THEME = """
[[themes]]
id = "digitale-inclusie"
label = "Digitale inclusie"
definition = "Iedereen kan digitaal meedoen."
terms = ["digitale inclusie", "digitaal meedoen"]
weak_terms = ["digihulp*"]
"""


def test_default_codebook_has_exactly_the_five_study_themes():
    codebook = default_codebook()
    assert codebook.theme_ids == (
        "informatieveiligheid-privacy", "digitale-dienstverlening", "datagedreven-werken",
        "smart-city", "digitale-transformatie",
    )
    for theme in codebook.themes:
        assert theme.label and theme.definition and theme.terms


def test_user_codebook_with_extra_theme_and_weights():
    codebook = parse_codebook(THEME + '[themes.weights]\n"digihulp*" = 0.25\n', "mijn.toml")
    theme = codebook.theme("digitale-inclusie")
    assert dict(theme.terms) == {"digitale inclusie": 1.0, "digitaal meedoen": 1.0, "digihulp*": 0.25}
    assert theme.rule.passage_threshold == 1.0


def test_rule_can_be_set_globally_and_per_theme():
    text = "[rule]\nmin_passages = 3\n" + THEME + "[themes.attention]\nmin_score = 4\n"
    rule = parse_codebook(text, "x.toml").themes[0].rule
    assert (rule.min_passages, rule.min_score) == (3, 4)


@pytest.mark.parametrize("text, line, words", [
    ('[codebook\nname = "x"\n', 1, "ongeldige TOML"),
    (THEME.replace('id = "digitale-inclusie"', 'id = "Digitale Inclusie"'), 3, "thema-id"),
    (THEME.replace("terms = [", "termen = ["), 6, "onbekende sleutel 'termen'"),
    (THEME.replace('"digitaal meedoen"', '"digi*taal"'), 6, "ongeldige term"),
    (THEME.replace('label = "Digitale inclusie"\n', ""), 2, "'label' ontbreekt"),
    (THEME + THEME, 10, "komt twee keer voor"),
    (THEME + '[themes.weights]\n"onbekend" = 1\n', 8, "onbekende term"),
    (THEME + "[themes.attention]\nmin_passages = 0\n", 9, "min_passages"),
])
def test_broken_codebook_names_file_line_and_problem(text, line, words):
    with pytest.raises(CodebookError) as error:
        parse_codebook(text, "kapot.toml")
    message = str(error.value)
    assert message.startswith(f"kapot.toml, regel {line}:") or message.startswith(f"kapot.toml: ongeldige TOML: regel {line}")
    assert words in message


def test_codebook_without_themes_and_missing_file(tmp_path):
    with pytest.raises(CodebookError, match="geen thema's"):
        parse_codebook('[codebook]\nname = "leeg"\n', "leeg.toml")
    with pytest.raises(CodebookError, match="niet gevonden"):
        load_codebook(tmp_path / "bestaat-niet.toml")


def test_default_codebook_file_is_shipped_and_parses():
    assert DEFAULT_CODEBOOK_PATH.is_file()
    assert load_codebook(DEFAULT_CODEBOOK_PATH).theme_ids == default_codebook().theme_ids
