"""Municipality look-ups by CBS code and name, and the size classes."""

import pytest

from koers.scan.municipalities import (
    MunicipalityError, by_code, class_labels, find, lookup, municipalities, parse_bounds, size_class,
)


def test_the_list_has_the_342_municipalities_of_2024():
    everything = municipalities()
    assert len(everything) == 342
    assert len({m.code for m in everything}) == 342
    # National total on 1 January 2024 according to CBS (see koers/data/README.md).
    assert sum(m.population for m in everything) == 17_942_942


def test_size_class_counts_match_the_data_readme():
    counts = {label: 0 for label in class_labels()}
    for m in municipalities():
        counts[size_class(m.population)] += 1
    assert counts == {"< 50.000": 247, "50.000–100.000": 63, "> 100.000": 32}


@pytest.mark.parametrize("code", ["GM0363", "gm0363", "0363", "363", " GM0363 "])
def test_lookup_by_code(code):
    amsterdam = find(code)
    assert (amsterdam.code, amsterdam.name, amsterdam.population) == ("GM0363", "Amsterdam", 931_298)
    assert by_code(code) == amsterdam


@pytest.mark.parametrize("name, code", [
    ("Amsterdam", "GM0363"),
    ("AMSTERDAM", "GM0363"),
    ("Den Haag", "GM0518"),
    ("the hague", "GM0518"),
    ("'s-Gravenhage", "GM0518"),
    ("s-Gravenhage", "GM0518"),
    ("Súdwest-Fryslân", "GM1900"),
    ("sudwest fryslan", "GM1900"),
    ("Bergen (NH.)", "GM0373"),
    ("bergen (nh.)", "GM0373"),
    ("Hengelo", "GM0164"),  # the only municipality called Hengelo is Hengelo (O.)
    ("Nuenen, Gerwen en Nederwetten", "GM0820"),
])
def test_lookup_by_name_ignores_case_accents_and_punctuation(name, code):
    assert find(name).code == code


def test_an_ambiguous_name_lists_the_candidates():
    with pytest.raises(MunicipalityError, match=r"niet eenduidig.*Bergen \(NH\.\).*Bergen \(L\.\)"):
        find("Bergen")
    assert lookup("Bergen") is None
    assert find("Bergen (L.)").province == "Limburg"


@pytest.mark.parametrize("value", ["Atlantis", "GM9999", "Provincie Utrecht", ""])
def test_unknown_values(value):
    assert lookup(value) is None
    with pytest.raises(MunicipalityError):
        find(value)


@pytest.mark.parametrize("population, label", [
    (972, "< 50.000"), (49_999, "< 50.000"), (50_000, "50.000–100.000"), (100_000, "50.000–100.000"),
    (100_001, "> 100.000"), (931_298, "> 100.000"),
])
def test_size_class_with_default_bounds(population, label):
    assert size_class(population) == label


def test_size_class_with_other_bounds_and_unknown_population():
    bounds = (10_000, 20_000, 40_000)
    assert class_labels(bounds) == ("< 10.000", "10.000–20.000", "20.000–40.000", "> 40.000")
    assert size_class(25_000, bounds) == "20.000–40.000"
    assert size_class(None) is None


def test_parse_bounds():
    assert parse_bounds("50000,100000") == (50_000, 100_000)
    assert parse_bounds("50.000, 100.000") == (50_000, 100_000)
    for wrong in ("100000,50000", "veel", "0,10", "5,5"):
        with pytest.raises(ValueError):
            parse_bounds(wrong)
