"""Precision, recall and F1 against labels, on results built by hand."""

import pytest

from koers.scan.codebook import parse_codebook
from koers.scan.evaluate import LabelError, evaluate, parse_labels, render_evaluation
from koers.scan.model import DocumentResult, ThemeResult

CODEBOOK = parse_codebook("""
[[themes]]
id = "a"
label = "Thema A"
terms = ["alfa"]

[[themes]]
id = "b"
label = "Thema B"
terms = ["beta"]

[[themes]]
id = "c"
label = "Thema C"
terms = ["gamma"]
""", "proef.toml")


def result(name, a, b, c=False):
    return DocumentResult(name, pages=1, themes=(
        ThemeResult("a", "Thema A", a, 1.0, 1), ThemeResult("b", "Thema B", b, 0.0, 0),
        ThemeResult("c", "Thema C", c, 0.0, 0)))


LABELS = "document,a,b\n1.txt,1,0\n2.txt,1,0\n3.txt,0,0\n4.txt,1,0\n5.txt,0,0\n"


def test_scores_per_theme_and_macro_f1():
    labels = parse_labels(LABELS, "labels.csv", CODEBOOK)
    assert labels.themes == ("a", "b") and labels.ignored_themes == ("c",)
    results = [result("1.txt", True, False), result("2.txt", True, False), result("3.txt", True, False),
               result("4.txt", False, False), result("5.txt", False, False),
               DocumentResult("6.txt", error="kapot")]  # not labelled: ignored
    evaluation = evaluate(results, labels, CODEBOOK)
    a, b = evaluation.themes
    # a: TP 1.txt 2.txt, FP 3.txt, FN 4.txt, TN 5.txt
    assert (a.tp, a.fp, a.fn, a.tn) == (2, 1, 1, 1)
    assert a.precision == pytest.approx(2 / 3) and a.recall == pytest.approx(2 / 3)
    assert a.f1 == pytest.approx(2 / 3)
    assert a.false_positives == ["3.txt"] and a.false_negatives == ["4.txt"]
    # b: no positive label and no positive verdict: undefined, left out of the macro average
    assert (b.precision, b.recall, b.f1) == (None, None, None)
    assert evaluation.macro_f1 == pytest.approx(2 / 3)
    assert evaluation.documents == 5
    assert "c" in evaluation.notes[0]
    assert "F1" in render_evaluation(evaluation) and "–" in render_evaluation(evaluation)


def test_unreadable_labelled_documents_are_reported_not_scored():
    labels = parse_labels(LABELS, "labels.csv", CODEBOOK)
    evaluation = evaluate([result("1.txt", False, True), DocumentResult("2.txt", error="leeg")], labels, CODEBOOK)
    a, b = evaluation.themes
    assert (a.tp, a.fn, b.fp) == (0, 1, 1)
    assert a.f1 == 0.0 and b.precision == 0.0 and b.recall is None
    assert evaluation.unreadable == [("2.txt", "leeg")]


@pytest.mark.parametrize("text, problem", [
    ("naam,a\n1.txt,1\n", "regel 1: kolom 'document' ontbreekt"),
    ("document,a,z\n1.txt,1,0\n", "kolom\\(men\\) z zijn geen thema's"),
    ("document,a\n1.txt,ja\n", "regel 2: 'a' moet 0 of 1 zijn"),
    ("document,a\n1.txt,1\n1.txt,0\n", "regel 3: '1.txt' staat er twee keer in"),
    ("document,a\n,1\n", "regel 2: 'document' is leeg"),
    ("document,a\n", "geen gelabelde documenten"),
])
def test_label_file_errors(text, problem):
    with pytest.raises(LabelError, match=problem):
        parse_labels(text, "labels.csv", CODEBOOK)
