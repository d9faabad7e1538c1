"""The passage model: features, labelled passages and a length-proof document verdict (own texts)."""

from koers.scan import scan_text
from koers.scan.codebook import parse_codebook
from koers.scan.matcher import Hit
from koers.scan.passages import passage_features
from koers.scan.train import overlaps, passage_examples

CODEBOOK = parse_codebook("""
[[themes]]
id = "a"
label = "Thema A"
terms = ["alfa"]
weak_terms = ["beta"]
""", "proef.toml")

HIT = [Hit(0, "alfa", 1.0, 0, 4)]


def features(text):
    return passage_features(text, HIT, 1.0)


def test_features_say_where_the_words_stand():
    assert features("Alfa en de stad")["heading"] == 1.0
    assert features("- alfa voor iedereen")["item"] == 1.0
    assert features("3.2 Alfa in de organisatie ........ 14")["toc"] == 1.0
    assert features("3.2 Alfa in de organisatie ........ 14")["heading"] == 0.0
    running = features("De buurt praat over alfa, zoals elk jaar.")
    assert (running["heading"], running["item"], running["toc"]) == (0.0, 0.0, 0.0)


def test_features_tell_an_own_aim_from_background():
    assert features("Wij zetten alfa in voor alle wijken.")["we"] == 1.0
    assert features("De gemeente gaat in 2026 alfa invoeren.")["own_action"] == 1.0
    background = features("Het landelijke programma over alfa volgt een trend.")
    assert (background["background"], background["we"], background["own_action"]) == (1.0, 0.0, 0.0)
    assert features("Wij publiceren open data over alfa.")["open_data"] == 1.0
    assert features("Alfa.")["term:alfa"] == 1.0


def test_a_long_document_of_negative_passages_stays_negative():
    # Each passage alone gets about 0.27 (intercept -1); 300 pages of them must not add up.
    model = {"passages": {"a": {"intercept": -1.0, "weights": {}, "base_rate": 0.01}}}
    page = "De buurt noemt alfa in het voorbijgaan.\n\nHet weer is goed en alfa ook.\n"
    short = scan_text(page, CODEBOOK, model=model).themes[0]
    long = scan_text("\f".join([page] * 300), CODEBOOK, model=model).themes[0]
    assert short.attention is False and long.attention is False
    assert long.probability == short.probability < 0.5
    assert long.confidence == "duidelijk"


def test_one_convincing_passage_is_enough_and_no_candidate_gives_the_base_rate():
    model = {"passages": {"a": {"intercept": -1.0, "weights": {"we": 3.0}, "base_rate": 0.02}}}
    theme = scan_text("Het weer en alfa.\f" * 5 + "Wij maken van alfa ons doel.", CODEBOOK, model=model).themes[0]
    assert theme.attention and theme.probability > 0.8
    assert "Wij maken" in theme.evidence[0].text  # evidence ranked by what drove the verdict
    quiet = scan_text("Niets over dit thema.", CODEBOOK, model=model).themes[0]
    assert (quiet.attention, quiet.probability) == (False, 0.02)


def test_quotes_label_passages_and_documents_labelled_zero_give_hard_negatives():
    assert overlaps("Wij maken van alfa ons doel.", "Zo staat het er: wij maken van alfa ons doel.")
    assert not overlaps("Het weer en alfa.", "Wij maken van alfa ons doel.")
    candidates = [("a", "Wij maken van alfa ons doel.", {"x": 1.0}), ("a", "Het weer en alfa.", {"x": 0.0})]
    quotes = {("pos.txt", "a"): ["Wij maken van alfa ons doel."]}
    assert [label for _t, _f, label in passage_examples(candidates, {"a": True}, quotes, "pos.txt")] == [True]
    assert [label for _t, _f, label in passage_examples(candidates, {"a": False}, quotes, "neg.txt")] == [False, False]
