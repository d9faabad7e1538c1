"""Titles of other documents and names of laws do not count as attention (koers.scan.background);
sentences written for these tests."""

import pytest

from koers.scan import scan_text
from koers.scan.codebook import parse_codebook

CODEBOOK = parse_codebook("""
[[themes]]
id = "stad"
label = "Slimme stad"
terms = ["slimme stad", "*sensor*"]

[[themes]]
id = "overheid"
label = "Digitale overheid"
terms = ["digitale overheid"]
""", "test.toml")


def attention(text: str, theme: str = "stad") -> bool:
    return next(t for t in scan_text(text, CODEBOOK).themes if t.theme == theme).attention


@pytest.mark.parametrize("text", [
    "Zie ook de eerdere nota 'Op weg naar een slimme stad' (2019).",
    "Het rapport “Slimme stad in de polder” gaf de aanleiding.",
    "Bijlage 3: ‘De slimme stad van morgen’",
])
def test_a_term_only_in_the_title_of_another_document_does_not_count(text):
    assert not attention(text)


@pytest.mark.parametrize("text", [
    "Met het programma ‘Slimme stad Veendijk’ werkt de gemeente aan sensoren in het park.",
    "In onze visie ‘Op weg naar een slimme stad’ kiezen we voor meetpunten in elke wijk.",
    "Wij bouwen aan een 'slimme' stad: de slimme stad begint bij de lantaarnpaal.",
    "De gemeente plaatst sensoren bij de 'groene' bruggen.",  # the term stands outside the quotes
    "We plaatsen 'sensoren' in de riolering.",  # one quoted word: emphasis, not a title
    "De thema's van dit jaar: de slimme stad en de auto's van morgen.",  # apostrophes open no quote
])
def test_quotes_that_are_no_title_of_another_document_still_count(text):
    assert attention(text)


def test_a_term_in_the_name_of_a_law_does_not_count():
    assert not attention("De Wet digitale overheid regelt het inloggen bij de overheid.", "overheid")
    assert not attention("Sinds de wet Digitale Overheid moet dat anders.", "overheid")
    assert attention("Wij werken aan een digitale overheid die iedereen helpt.", "overheid")
