"""Dutch segmentation: blocks, sentences and abbreviations."""

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.scan.segment import ABBREVIATIONS, segment, sentences

WORDS = ["gemeente", "raad", "college", "inwoners", "begroting", "wijk", "plan", "de", "het", "een",
         "werkt", "aan", "nieuwe", "regels", "voor", "groen", "zorg", "2026", "€ 1.000"]
ABBREVS = ["o.a.", "bijv.", "m.b.t.", "t.b.v.", "i.s.m.", "d.w.z.", "nr.", "ca."]


def texts(spans, text):
    return [text[start:end] for start, end in spans]


def test_abbreviations_do_not_end_a_sentence():
    text = ("De raad besluit o.a. over de begroting, bijv. de post groen. Dit gebeurt m.b.t. wonen "
            "en t.b.v. de wijk. Wij werken i.s.m. de regio.")
    assert texts(sentences(text), text) == [
        "De raad besluit o.a. over de begroting, bijv. de post groen.",
        "Dit gebeurt m.b.t. wonen en t.b.v. de wijk.",
        "Wij werken i.s.m. de regio.",
    ]


def test_initials_and_amounts_do_not_end_a_sentence_but_a_final_amount_does():
    text = "Wethouder J. de Vries kondigt het aan. Het kost € 1.000. Daarna volgt meer."
    assert texts(sentences(text), text) == [
        "Wethouder J. de Vries kondigt het aan.", "Het kost € 1.000.", "Daarna volgt meer."]


def test_headings_items_and_paragraphs():
    text = ("Informatieveiligheid\n\nDe gemeente werkt aan de\nBIO en de AVG. Dat is nodig.\n"
            "• eerste punt\n1. Genummerd punt\n\nFinanciën\nDe kosten stijgen.")
    kinds = [(block.kind, text[block.start:block.end]) for block in segment(text)]
    assert kinds == [
        ("heading", "Informatieveiligheid"),
        ("paragraph", "De gemeente werkt aan de\nBIO en de AVG. Dat is nodig."),
        ("item", "• eerste punt"),
        ("item", "1. Genummerd punt"),
        ("heading", "Financiën"),
        ("paragraph", "De kosten stijgen."),
    ]
    paragraph = segment(text)[1]
    assert texts(paragraph.sentences, text) == ["De gemeente werkt aan de\nBIO en de AVG.", "Dat is nodig."]


def test_a_line_ending_in_a_function_word_is_not_a_heading():
    text = "De raad stemt in.\nHet college wil de dienstverlening verbeteren door\nDigiD te gebruiken."
    assert [block.kind for block in segment(text)] == ["paragraph"]


sentence = st.builds(
    lambda first, rest, abbrev: " ".join([first.capitalize(), *rest[:1], abbrev, *rest[1:]]) + ".",
    st.sampled_from(WORDS[:7]), st.lists(st.sampled_from(WORDS), min_size=2, max_size=8),
    st.sampled_from(ABBREVS),
)


@given(st.lists(sentence, min_size=1, max_size=8))
def test_generated_sentences_with_abbreviations_come_back_exactly(generated):
    text = " ".join(generated)
    assert texts(sentences(text), text) == generated


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list("ab. \n•1A!?é,;:") + ["o.a.", "\n\n", "Het "]), max_size=80))
def test_sentences_are_ordered_disjoint_and_cover_all_text(pieces):
    text = "".join(pieces)
    spans = sentences(text)
    covered = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())


def test_abbreviation_list_contains_the_issue_examples():
    assert {"o.a", "bijv", "m.b.t", "t.b.v", "i.s.m"} <= ABBREVIATIONS


@settings(max_examples=300)
@given(st.lists(st.sampled_from(list("ab. \n•1A!?é,;:") + ["o.a.", "\n\n", "Het ", "De raad\n"]), max_size=80),
       st.data())
def test_sentences_near_offsets_are_the_same_spans_as_all_sentences(pieces, data):
    text = "".join(pieces)
    offsets = [i for i, char in enumerate(text) if not char.isspace()]
    near = sorted(data.draw(st.sets(st.sampled_from(offsets)) if offsets else st.just(set())))
    every = sentences(text)
    some = sentences(text, near)
    assert set(some) <= set(every) and some == sorted(some)
    for offset in near:
        assert [s for s in every if s[0] <= offset < s[1]] == [s for s in some if s[0] <= offset < s[1]]
