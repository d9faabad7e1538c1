"""Every scan result names the codebook and the model that produced it."""

from koers.scan.calibration import SHIPPED_MODEL, fingerprint, load_model, model_version
from koers.scan.codebook import default_codebook, parse_codebook
from koers.scan.engine import scan_text
from koers.scan.passages import load_passage_model

TEXT = "Wij versterken de informatiebeveiliging en voeren de AVG uit."
def test_every_result_records_the_codebook_and_model_that_produced_it():
    shipped = scan_text(TEXT)
    assert shipped.codebook_version.endswith(f"({fingerprint(default_codebook())})")
    assert shipped.model_version == model_version(load_model(SHIPPED_MODEL))
    own = parse_codebook('[codebook]\nname = "Eigen"\nversion = "7"\n[[themes]]\nid = "x"\nlabel = "X"\nterms = ["AVG"]\n', "eigen")
    other = scan_text(TEXT, own)
    assert other.codebook_version.startswith("Eigen 7 (")
    assert other.model_version == ""  # the shipped calibration does not fit this codebook


def test_a_passage_model_is_recorded_by_its_own_content_hash():
    model = load_passage_model("shipped", default_codebook())
    changed = {**model, "documents": model["documents"] + 1}
    assert scan_text(TEXT, model=model).model_version == model_version(model)
    assert model_version(changed) != model_version(model)


def _flat_model(intercept: float) -> dict:
    return {"calibration": {theme: {"intercept": intercept, "weights": [0.0, 0.0]}
                            for theme in default_codebook().theme_ids}}


def test_a_model_with_only_a_calibration_decides_attention_itself():
    sceptic, believer = _flat_model(-5.0), _flat_model(5.0)
    assert not any(t.attention for t in scan_text(TEXT, model=sceptic).themes)
    assert all(t.attention for t in scan_text("Niets over digitalisering.", model=believer).themes)
    assert scan_text(TEXT, model=sceptic).model_version == model_version(sceptic)
