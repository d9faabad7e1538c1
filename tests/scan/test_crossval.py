"""Grouped cross-validation, forecast scores and the probability curve, on texts written for these tests."""

import pytest

from koers.scan import default_codebook, scan_text
from koers.scan.calibration import calibration_for, confidence, fingerprint
from koers.scan.codebook import Rule, parse_codebook
from koers.scan.errors import CodebookError
from koers.scan.crossval import CodebookLayer, GroupError, cross_validate, grouped_folds, load_groups
from koers.scan.evaluate import evaluate, parse_labels
from koers.scan.model import DocumentResult, ThemeResult
from koers.scan.train import fit_curve, model_json, train_model

CODEBOOK = parse_codebook("""
[[themes]]
id = "a"
label = "Thema A"
terms = ["alfa"]
""", "proef.toml")

# Twelve documents of five organisations (sizes 4, 3, 2, 2, 1).
GROUPS = {"01.txt": "Aa", "02.txt": "Aa", "03.txt": "Aa", "04.txt": "Aa", "05.txt": "Bee", "06.txt": "Bee",
          "07.txt": "Bee", "08.txt": "Cee", "09.txt": "Cee", "10.txt": "Dee", "11.txt": "Dee", "12.txt": "Eee"}


def verdict(name, attention, score=1.0, probability=None):
    return DocumentResult(name, pages=1, themes=(
        ThemeResult("a", "Thema A", attention, score, int(attention), probability=probability),))


def test_folds_never_split_an_organisation_and_hold_every_document_once():
    folds = grouped_folds(sorted(GROUPS), GROUPS, 3)
    assert sorted(name for fold in folds for name in fold) == sorted(GROUPS)
    for organisation in set(GROUPS.values()):
        holding = [i for i, fold in enumerate(folds) if any(GROUPS[name] == organisation for name in fold)]
        assert len(holding) == 1, organisation
    assert sorted(len(fold) for fold in folds) == [4, 4, 4]  # balanced: 4 | 3+1 | 2+2
    assert folds == grouped_folds(sorted(GROUPS), GROUPS, 3)  # the same on every run


def test_a_document_without_an_organisation_is_its_own_group():
    folds = grouped_folds(["x.txt", "y.txt", "01.txt"], {"01.txt": "Aa"}, 3)
    assert sorted(len(fold) for fold in folds) == [1, 1, 1]


@pytest.mark.parametrize("k", [1, 6])
def test_the_number_of_folds_must_fit_the_organisations(k):
    with pytest.raises(GroupError, match=r"tussen 2 en het aantal organisaties \(5\)"):
        grouped_folds(sorted(GROUPS), GROUPS, k)


class RecordingLayer:
    """Remembers what each fit saw; its predictor marks the fit that scored a document."""

    def __init__(self):
        self.fits = []

    def fit(self, train):
        self.fits.append({result.document for result, _gold in train})
        number = len(self.fits)
        return lambda result: DocumentResult(result.document, pages=number, themes=result.themes)


def test_every_document_is_predicted_once_by_a_layer_that_never_saw_it():
    labels = parse_labels("document,a\n" + "".join(f"{name},0\n" for name in GROUPS), "labels.csv", CODEBOOK)
    results = [verdict(name, False) for name in GROUPS] + [DocumentResult("kapot.txt", error="leeg")]
    folds = grouped_folds(sorted(GROUPS), GROUPS, 4)
    layer = RecordingLayer()
    predicted = cross_validate(results, labels, layer, folds)
    assert [r.document for r in predicted] == [r.document for r in results]
    assert len(layer.fits) == 4
    for number, fold in enumerate(folds, start=1):
        assert layer.fits[number - 1] == set(GROUPS) - set(fold)  # trained on the other folds only
        assert {r.document for r in predicted if r.pages == number} == set(fold)
    assert predicted[-1].error == "leeg"  # unreadable: passed through, never trained on


def test_pooled_metrics_brier_and_reliability_by_hand():
    labels = parse_labels("document,a\n1.txt,1\n2.txt,1\n3.txt,0\n4.txt,0\n5.txt,1\n", "labels.csv", CODEBOOK)
    results = [verdict("1.txt", True, probability=0.9), verdict("2.txt", True, probability=0.5),
               verdict("3.txt", True, probability=0.5), verdict("4.txt", False, probability=0.05),
               verdict("5.txt", False, probability=0.2)]
    evaluation = evaluate(results, labels, CODEBOOK)
    (a,) = evaluation.themes
    assert (a.tp, a.fp, a.fn, a.tn) == (2, 1, 1, 1)
    assert a.f1 == pytest.approx(2 * 2 / (2 * 2 + 1 + 1))
    # (0.1² + 0.5² + 0.5² + 0.05² + 0.8²) / 5
    assert evaluation.brier == pytest.approx((0.01 + 0.25 + 0.25 + 0.0025 + 0.64) / 5)
    bins = [(row["from"], row["count"], row["predicted"], row["observed"]) for row in evaluation.reliability()]
    assert bins == [(0.0, 1, 0.05, 0.0), (0.2, 1, 0.2, 1.0), (0.5, 2, 0.5, 0.5), (0.9, 1, 0.9, 1.0)]


def test_codebook_layer_keeps_the_verdicts_and_learns_probabilities_from_the_training_folds():
    names = sorted(GROUPS)
    positives = set(names[::2])
    labels = parse_labels("document,a\n" + "".join(f"{n},{int(n in positives)}\n" for n in names),
                          "labels.csv", CODEBOOK)
    results = [verdict(n, n in positives, score=2.0 if n in positives else 0.0) for n in names]
    predicted = cross_validate(results, labels, CodebookLayer(CODEBOOK), grouped_folds(names, GROUPS, 3))
    assert [r.themes[0].attention for r in predicted] == [r.themes[0].attention for r in results]
    for result in predicted:
        theme = result.themes[0]
        assert (theme.probability > 0.5) == theme.attention
        assert theme.confidence in ("duidelijk", "twijfel")
    assert evaluate(predicted, labels, CODEBOOK).macro_f1 == evaluate(results, labels, CODEBOOK).macro_f1


def test_training_gives_the_same_bytes_twice_and_a_flat_curve_for_one_class():
    examples = [(verdict(f"{i}.txt", i % 3 == 0, score=float(i % 4)), {"a": i % 2 == 0}) for i in range(30)]
    assert model_json(train_model(examples, CODEBOOK)) == model_json(train_model(examples, CODEBOOK))
    flat = fit_curve([(0.0, 0.0), (1.0, 0.7)], [False, False])
    assert flat["weights"] == [0.0, 0.0] and flat["intercept"] < 0


def test_the_uncertain_band_comes_from_the_rule():
    rule = Rule(uncertain_from=0.3, uncertain_to=0.6)
    assert [confidence(p, rule) for p in (0.29, 0.3, 0.6, 0.61, None)] == \
        ["duidelijk", "twijfel", "twijfel", "duidelijk", ""]


def test_the_default_codebook_gives_each_verdict_a_probability():
    result = scan_text("De gemeente versterkt de informatiebeveiliging en houdt zich aan de AVG.",
                       default_codebook())
    themes = {t.theme: t for t in result.themes}
    security = themes["informatieveiligheid-privacy"]
    assert security.attention and security.probability > 0.5 and security.confidence
    assert themes["smart-city"].probability < 0.5


def test_a_changed_codebook_gets_no_probability_rather_than_a_wrong_one():
    assert fingerprint(CODEBOOK) != fingerprint(default_codebook())
    assert calibration_for(CODEBOOK) is None
    (theme,) = scan_text("Het alfa-plan.", CODEBOOK).themes
    assert (theme.probability, theme.confidence) == (None, "")


def test_organisation_file_problems_are_dutch_messages(tmp_path):
    with pytest.raises(GroupError, match="bestand met organisaties niet gevonden"):
        load_groups(tmp_path / "docs.csv")
    (tmp_path / "docs.csv").write_text("document,url\n1.txt,x\n", encoding="utf-8")
    with pytest.raises(GroupError, match="'document' en 'municipality' ontbreken"):
        load_groups(tmp_path / "docs.csv")


@pytest.mark.parametrize("rule, problem", [
    ("uncertain_from = 1.5", "'uncertain_from' is een kans"),
    ("uncertain_from = 0.7\nuncertain_to = 0.6", "'uncertain_from' mag niet groter zijn dan 'uncertain_to'"),
])
def test_the_uncertain_band_is_checked(rule, problem):
    with pytest.raises(CodebookError, match=problem):
        parse_codebook(f"[rule]\n{rule}\n\n[[themes]]\nid = \"a\"\nlabel = \"A\"\nterms = [\"alfa\"]\n")
