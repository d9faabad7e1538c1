"""Page cleaning: characters, hyphenation and running headers/footers."""

import pytest

from koers.scan.extract.clean import HEADER_WINDOW, clean_text, drop_repeated_edges


def test_ligatures_are_expanded():
    assert clean_text("\ufb00 \ufb01 \ufb02 \ufb03 \ufb04 \ufb05 \ufb06") == "ff fi fl ffi ffl st st"
    assert clean_text("de e\ufb03ci\u00ebntie van o\ufb00ici\u00eble pro\ufb01elen") == (
        "de efficiëntie van officiële profielen")


def test_odd_spaces_soft_hyphens_and_blank_lines():
    raw = "Een\u00a0zin\u2009met\tvreemde  \u202f spaties.  \r\ncom\u00admu\u00adni\u00adca\u00adtie\n\n\n\nEinde "
    assert clean_text(raw) == "Een zin met vreemde spaties.\ncommunicatie\n\nEinde"


def test_leading_and_trailing_blank_lines_are_trimmed():
    assert clean_text("\n\n  Tekst  \n\n") == "Tekst"


@pytest.mark.parametrize("raw, expected", [
    ("De informatie-\nbeveiliging is op orde.", "De informatiebeveiliging is op orde."),
    ("Nieuwe ICT-\nsystemen worden getest.", "Nieuwe ICT-systemen worden getest."),
    ("De 2025-\nbegroting volgt.", "De 2025-begroting volgt."),
    ("Provincie Noord-\nBrabant.", "Provincie Noord-Brabant."),
    # PDFium drops the line break and leaves U+FFFE (or U+0002) where the hyphen was.
    ("De informatie\ufffebeveiliging", "De informatiebeveiliging"),
    ("De ICT\ufffesystemen", "De ICT-systemen"),
    ("De informatie\x02\r\nbeveiliging", "De informatiebeveiliging"),
])
def test_hyphenation_at_line_ends(raw, expected):
    assert clean_text(raw) == expected


def test_hyphen_before_a_conjunction_is_an_elision_and_stays():
    assert clean_text("zorg-\nen welzijn") == "zorg-\nen welzijn"
    assert clean_text("informatie\ufffeof communicatie") == "informatie- of communicatie"


def test_dashes_that_are_not_hyphenation_stay():
    assert clean_text("Punten:\n- eerste\n- tweede") == "Punten:\n- eerste\n- tweede"
    assert clean_text("een streep -\nen verder") == "een streep -\nen verder"


def pages_with_edges(count, body=lambda n: [f"Onderwerp {chr(64 + n)} wordt besproken.",
                                            "Nog een regel tekst."]):
    return [(n, "\n".join(["Gemeente Voorbeeld", "Programmabegroting 2025", *body(n),
                           "vertrouwelijk", f"Pagina {n} van {count}"]))
            for n in range(1, count + 1)]


def test_running_headers_and_footers_are_dropped():
    pages = list(drop_repeated_edges(pages_with_edges(5)))
    assert [number for number, _ in pages] == [1, 2, 3, 4, 5]
    for number, text in pages:
        assert text == f"Onderwerp {chr(64 + number)} wordt besproken.\nNog een regel tekst."


def test_two_pages_lose_nothing():
    pages = pages_with_edges(2)
    assert list(drop_repeated_edges(pages)) == pages


def test_line_must_recur_within_the_window():
    # The same first line on pages 1, 9 and 17 is too far apart to be a running header.
    pages = [(n, ("Bijlage\n" if n in (1, 9, 17) else "") + f"Tekst over onderwerp {chr(64 + n)}.")
             for n in range(1, 18)]
    assert list(drop_repeated_edges(pages)) == pages


def test_line_in_the_middle_of_a_page_is_kept():
    pages = [(n, f"Kop {chr(64 + n)}\nRegel {chr(64 + n)}\nHerhaald midden\nSlot {chr(64 + n)}\n"
                 f"Einde {chr(64 + n)}") for n in range(1, 6)]
    assert list(drop_repeated_edges(pages)) == pages


def test_sentences_that_differ_in_a_number_are_not_headers():
    pages = [(n, f"Artikel {n} regelt de verdeling.\nDeze bepaling gaat over {chr(64 + n)}.")
             for n in range(1, 6)]
    assert list(drop_repeated_edges(pages)) == pages


def test_header_removal_streams_with_a_bounded_delay():
    consumed = []

    def source():
        for number, text in pages_with_edges(40):
            consumed.append(number)
            yield number, text

    stream = drop_repeated_edges(source())
    assert next(stream)[0] == 1
    assert len(consumed) == HEADER_WINDOW
    assert [number for number, _ in stream] == list(range(2, 41))
