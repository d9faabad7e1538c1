"""`koers eval --cv` and `koers train` end to end, on documents written for these tests."""

import csv
import io
import json

import pytest

from cli_helpers import run


@pytest.fixture
def labelled(tmp_path, texts):
    """Eight documents of four organisations, two each; docs.csv beside labels.csv."""
    docs = tmp_path / "set"
    docs.mkdir()
    plan = [("v1", texts.SECURITY, 1), ("v2", texts.SECURITY, 1), ("v3", texts.SECURITY, 0), ("v4", texts.SECURITY, 1),
            ("n1", texts.NEUTRAL, 0), ("n2", texts.NEUTRAL, 1), ("n3", texts.NEUTRAL, 0), ("n4", texts.GREEN, 0)]
    for name, text, _label in plan:
        (docs / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "labels.csv").write_text("document,veiligheid\n" + "".join(
        f"{name}.txt,{label}\n" for name, _text, label in plan), encoding="utf-8")
    organisations = ["Aa", "Aa", "Bee", "Bee", "Cee", "Cee", "Dee", "Dee"]
    (tmp_path / "docs.csv").write_text("document,municipality\n" + "".join(
        f"{name}.txt,{org}\n" for (name, _t, _l), org in zip(plan, organisations, strict=True)), encoding="utf-8")
    return tmp_path


def test_eval_with_cv_prints_the_plain_and_the_grouped_figure(capsys, labelled, codebook_file):
    code, out, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv",
                         "--codebook", str(codebook_file), "--cv", "2", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    # veiligheid: v1 v2 v4 TP, v3 FP, n2 FN: F1 = 6 / (6 + 1 + 1)
    assert data["dev"]["macro_f1"] == data["cross_validation"]["macro_f1"] == 0.75
    assert sum(data["cross_validation"]["folds"]) == 8 and len(data["cross_validation"]["folds"]) == 2
    assert data["cross_validation"]["documents"] == 8
    # The test codebook has no shipped curve; within the folds one is fitted: probabilities and a Brier score.
    assert data["dev"]["brier"] is None
    assert 0 <= data["cross_validation"]["brier"] <= 1
    assert sum(row["count"] for row in data["cross_validation"]["reliability"]) == 8


def test_eval_with_cv_as_a_table(capsys, labelled, codebook_file):
    code, out, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv",
                         "--codebook", str(codebook_file), "--cv", "2")
    assert code == 0, err
    assert out.count("macro-F1: 0.75 over 8 documenten") == 2
    assert "Gegroepeerde kruisvalidatie: 2 delen" in out
    assert "Brier-score:" in out and "werkelijk" in out


@pytest.mark.parametrize("extra, problem", [
    (["--cv", "5"], "--cv moet tussen 2 en het aantal organisaties (4) liggen"),
    (["--cv", "2", "--groups", "weg.csv"], "weg.csv: bestand met organisaties niet gevonden"),
])
def test_eval_cv_problems_are_one_dutch_line(capsys, labelled, codebook_file, extra, problem):
    code, _, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv", "--codebook", str(codebook_file),
                       *extra)
    assert code == 1
    assert problem in err and "Traceback" not in err


def test_train_writes_the_same_model_twice(capsys, labelled, codebook_file):
    for out in ("een.json", "twee.json"):
        code, _, err = run(capsys, "train", "--docs", "set", "--labels", "labels.csv",
                           "--codebook", str(codebook_file), "--out", out)
        assert code == 0, err
    first = (labelled / "een.json").read_bytes()
    assert first == (labelled / "twee.json").read_bytes()
    model = json.loads(first)
    assert model["documents"] == 8 and set(model["calibration"]) == {"veiligheid"}


def test_scan_csv_has_probability_and_confidence_with_the_default_codebook(capsys, tmp_path, texts):
    (tmp_path / "veilig.txt").write_text(texts.SECURITY, encoding="utf-8")
    code, out, err = run(capsys, "scan", "veilig.txt", "--format", "csv")
    assert code == 0, err
    first = next(csv.DictReader(io.StringIO(out)))
    assert (first["theme"], first["attention"], first["confidence"]) == ("informatieveiligheid-privacy", "1", "duidelijk")
    assert float(first["probability"]) > 0.65


@pytest.fixture
def evidence(labelled):
    (labelled / "evidence.csv").write_text(
        "document,theme,quote\n" + "".join(
            f"{name},veiligheid,De gemeente versterkt dit jaar de informatiebeveiliging en houdt zich aan de AVG.\n"
            for name in ("v1.txt", "v2.txt", "v4.txt")) + "n2.txt,veiligheid,Een zin zonder term.\n",
        encoding="utf-8")
    return labelled


def test_passage_model_trained_reproducibly_and_used_by_scan_and_eval(capsys, evidence, codebook_file):
    for out in ("een.json", "twee.json"):
        code, _, err = run(capsys, "train", "--docs", "set", "--labels", "labels.csv", "--evidence", "evidence.csv",
                           "--codebook", str(codebook_file), "--out", out)
        assert code == 0, err
    assert (evidence / "een.json").read_bytes() == (evidence / "twee.json").read_bytes()
    curve = json.loads((evidence / "een.json").read_text(encoding="utf-8"))["passages"]["veiligheid"]
    assert {"intercept", "weights", "base_rate"} <= set(curve)
    code, out, err = run(capsys, "scan", "set/v1.txt", "--codebook", str(codebook_file), "--model", "een.json",
                         "--format", "json")
    assert code == 0, err
    veiligheid = json.loads(out)["documents"][0]["themes"][0]
    assert veiligheid["probability"] is not None and veiligheid["confidence"] in ("duidelijk", "twijfel")
    code, out, err = run(capsys, "eval", "--docs", "set", "--labels", "labels.csv", "--codebook", str(codebook_file),
                         "--model", "een.json", "--cv", "2", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["cross_validation"]["documents"] == 8


@pytest.mark.parametrize("model, problem", [
    ("weg.json", "weg.json: modelbestand niet gevonden"),
    ("kapot.json", "kapot.json: geen bruikbaar modelbestand"),
    ("shipped", "shipped: het model is geleerd met een ander codeboek (Koers standaard"),
])
def test_unusable_model_is_one_dutch_line(capsys, labelled, codebook_file, model, problem):
    (labelled / "kapot.json").write_text("{niet", encoding="utf-8")
    code, _, err = run(capsys, "scan", "set", "--codebook", str(codebook_file), "--model", model)
    assert code == 1
    assert problem in err and "Traceback" not in err


def test_the_shipped_passage_model_fits_the_default_codebook(capsys, tmp_path, texts):
    (tmp_path / "veilig.txt").write_text(texts.SECURITY, encoding="utf-8")
    code, out, err = run(capsys, "scan", "veilig.txt", "--model", "shipped", "--format", "json")
    assert code == 0, err
    themes = {t["theme"]: t for t in json.loads(out)["documents"][0]["themes"]}
    assert themes["informatieveiligheid-privacy"]["probability"] > themes["smart-city"]["probability"]
