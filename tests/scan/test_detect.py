"""Term matching and the attention rule, on sentences written for these tests."""

from koers.scan import scan_text
from koers.scan.codebook import parse_codebook
from koers.scan.matcher import TermMatcher

CODEBOOK = parse_codebook("""
[[themes]]
id = "veiligheid"
label = "Informatieveiligheid"
terms = ["informatiebeveiliging*", "*privacy*", "AVG", "security by design"]
weak_terms = ["beveiliging*", "veilig*"]
context_terms = ["systemen"]
exclude = ["privacyverklaring op de website"]

[[themes]]
id = "stad"
label = "Slimme stad"
terms = ["*sensor*"]
""", "test.toml")


def matched(text):
    return sorted((hit.term, text[hit.start:hit.end]) for hit in TermMatcher(CODEBOOK).find(text))


def theme(result, theme_id):
    return next(t for t in result.themes if t.theme == theme_id)


def test_wildcards_match_dutch_compounds_and_whole_words_only():
    assert matched("Het informatiebeveiligingsbeleid en gegevensprivacy.") == [
        ("*privacy*", "gegevensprivacy"), ("informatiebeveiliging*", "informatiebeveiligingsbeleid")]
    assert matched("geluidssensoren in de wijk") == [("*sensor*", "geluidssensoren")]
    assert matched("een security by\ndesign aanpak") == [("security by design", "security by\ndesign")]


def test_capitals_only_terms_are_case_sensitive():
    assert matched("De AVG geldt.") == [("AVG", "AVG")]
    assert matched("De avg geldt, net als de AVG-regels.") == [("AVG", "AVG")]
    assert matched("Wij zagen een Avg.") == []


def test_exclusion_cancels_a_term_inside_it():
    assert matched("Lees de privacyverklaring op de website.") == []
    assert matched("Lees de privacyverklaring.") == [("*privacy*", "privacyverklaring")]


def test_a_passing_weak_word_is_not_attention_but_two_weak_words_are():
    passing = scan_text("De fietsenstalling is goed beveiligd met een slot.", CODEBOOK)
    assert theme(passing, "veiligheid").attention is False
    paired = scan_text("De beveiliging van onze veilige omgeving krijgt aandacht.", CODEBOOK)
    assert theme(paired, "veiligheid").attention is True


def test_context_terms_count_only_beside_a_term():
    alone = scan_text("De systemen worden vervangen.", CODEBOOK)
    assert theme(alone, "veiligheid").score == 0
    beside = scan_text("De beveiliging van de systemen wordt verbeterd.", CODEBOOK)
    assert theme(beside, "veiligheid").score == 1.0


def test_evidence_has_page_offsets_and_highlights():
    text = "Inleiding over groen.\fWij nemen de AVG serieus. De sensoren in de straat meten fijnstof."
    result = scan_text(text, CODEBOOK)
    security = theme(result, "veiligheid")
    assert (security.attention, security.passages) == (True, 1)
    [evidence] = security.evidence
    page_two = text.split("\f")[1]
    assert evidence.page == 2
    assert page_two[evidence.start:evidence.end] == "Wij nemen de AVG serieus."
    assert [evidence.text[s:e] for s, e in evidence.highlights] == ["AVG"]
    assert result.pages == 2


def test_top_evidence_is_limited_and_ranked_by_score():
    sentences = ["Zin over privacy nummer %d." % i for i in range(8)]
    sentences.append("De AVG en informatiebeveiliging en privacy horen samen.")
    result = scan_text(" ".join(sentences), CODEBOOK)
    security = theme(result, "veiligheid")
    assert security.passages == 9
    assert len(security.evidence) == 5
    assert security.evidence[0].text.startswith("De AVG")
    assert security.evidence[0].score == 3.0


def test_attention_rule_from_the_codebook_is_applied():
    strict = parse_codebook("""
[rule]
min_passages = 2
[[themes]]
id = "veiligheid"
label = "Informatieveiligheid"
terms = ["privacy*"]
""", "strikt.toml")
    once = scan_text("Wij letten op privacy. Verder niets.", strict)
    twice = scan_text("Wij letten op privacy. Ook het privacybeleid is vernieuwd.", strict)
    assert once.themes[0].attention is False and once.themes[0].passages == 1
    assert twice.themes[0].attention is True


def test_a_term_found_twice_in_one_word_is_one_hit():
    # The automaton finds "sensor" twice in the word; the pattern is tried once per word start.
    assert matched("sensorsensoren in de wijk") == [("*sensor*", "sensorsensoren")]
    assert matched("privacyprivacy en security by security by design") == [
        ("*privacy*", "privacyprivacy"), ("security by design", "security by design")]
