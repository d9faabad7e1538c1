"""The one CSV formula guard: every trigger at the start of a cell or of a part after a separator is
neutralised, numbers are left alone and our own imports get the original text back."""

import re
from decimal import Decimal

import pytest
from csv_checks import TRIGGERS, formula_cells
from hypothesis import given
from hypothesis import strategies as st

from koers.csvsafe import safe_cell, safe_row, unguard

SEPARATORS = (";", ",", "\t")
# Text built mostly from the characters that matter, with any other character mixed in.
texts = st.text(st.one_of(st.sampled_from([*TRIGGERS, *SEPARATORS, "'", '"', " ", "a", "1"]), st.characters()))


def _parts(cell: str) -> list[str]:
    return re.split("[;,\t]", cell)


@given(texts)
def test_no_part_of_a_guarded_cell_starts_a_formula(text):
    for part in _parts(safe_cell(text)):
        assert part.lstrip(' "')[:1] not in TRIGGERS


@given(texts)
def test_unguard_gives_back_the_original_text(text):
    assert unguard(safe_cell(text)) == text


@given(st.text(st.characters(blacklist_characters="".join(TRIGGERS))))
def test_text_without_a_trigger_is_unchanged(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("trigger", TRIGGERS)
@pytest.mark.parametrize("separator", SEPARATORS)
def test_every_trigger_after_every_separator(trigger, separator):
    assert safe_cell(f"{trigger}1+1") == f"'{trigger}1+1"
    assert safe_cell(f"x{separator}{trigger}1+1") == f"x{separator}'{trigger}1+1"
    assert safe_cell(f'x{separator} "{trigger}1+1"') == f"x{separator}' \"{trigger}1+1\""


def test_examples_from_the_issue():
    assert safe_cell("=HYPERLINK(\"http://x\";\"klik\")") == "'=HYPERLINK(\"http://x\";\"klik\")"
    assert safe_cell("x;=1+1") == "x;'=1+1"
    assert formula_cells(",".join(safe_row(["x;=1+1", "=HYPERLINK(1)", "a,@SUM(1)"]))) == []


@pytest.mark.parametrize("number", [-5, -2.5, Decimal("-12.50"), 0, 3])
def test_numbers_are_written_as_numbers(number):
    assert safe_cell(number) == number


def test_none_is_an_empty_cell_and_an_existing_guard_is_escaped():
    assert safe_cell(None) == ""
    assert safe_cell("'=1") == "''=1" and unguard("''=1") == "'=1"
    assert safe_cell("'s-Hertogenbosch") == "'s-Hertogenbosch"
