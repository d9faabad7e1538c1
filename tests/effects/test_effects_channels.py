"""Channel mix: digital share, share series for charts, and the inclusion warning."""

import datetime as dt

import pytest

from koers.effects.channels import (
    CHANNELS, DIGITAL, SEED_DIGITAL_SHARE, ChannelPeriod, InclusionWarning, digital_share, inclusion_warnings,
    share_series,
)
from koers.effects.errors import EffectsError

Q1, Q2 = dt.date(2025, 1, 1), dt.date(2025, 4, 1)


def row(period, channel, contacts, service="paspoort", group="", **facilities):
    return ChannelPeriod(period, service, channel, group, contacts, **facilities)


def test_channels_in_order_with_dutch_labels():
    assert list(CHANNELS) == ["balie", "telefoon", "post", "e-mail", "webformulier", "chat", "app"]
    assert CHANNELS["post"] == "Post en papier"
    assert DIGITAL == {"e-mail", "webformulier", "chat", "app"}
    assert SEED_DIGITAL_SHARE == 0.53


def test_digital_share():
    assert digital_share({"balie": 30, "telefoon": 17, "webformulier": 40, "app": 13}) == pytest.approx(0.53)
    assert digital_share({"balie": 10}) == 0.0
    assert digital_share({}) is None
    assert digital_share({"balie": 0, "app": 0}) is None


@pytest.mark.parametrize(("counts", "fragment"), [
    ({"fax": 3}, "Onbekend kanaal 'fax'"),
    ({"balie": -1}, "negatief"),
    ({"balie": float("nan")}, "geen eindig getal"),
    ([("balie", 3)], "geen tabel"),
])
def test_digital_share_bad_input(counts, fragment):
    with pytest.raises(EffectsError, match=fragment):
        digital_share(counts)


SHRINKING_DESK = [
    row(Q1, "balie", 60, capacity=40, opening_hours=30),
    row(Q1, "webformulier", 40),
    row(Q2, "balie", 30, capacity=20, opening_hours=30),
    row(Q2, "webformulier", 70),
    row(Q1, "balie", 50, group="75+"),
    row(Q1, "app", 10, group="75+"),
    row(Q2, "balie", 45, group="75+"),
    row(Q2, "app", 15, group="75+"),
    row(Q2, "balie", 2, group="18-34"),
    row(Q2, "app", 98, group="18-34"),
]


def test_warning_names_group_and_service_when_a_channel_they_use_shrinks():
    warnings = inclusion_warnings(SHRINKING_DESK, threshold=0.25)
    assert warnings == [
        InclusionWarning("paspoort", "", "balie", Q2, 0.3, 40, 20, 30, 30),
        InclusionWarning("paspoort", "75+", "balie", Q2, 0.75, 40, 20, 30, 30),
    ]


def test_threshold_decides_which_groups_are_named():
    assert [w.group for w in inclusion_warnings(SHRINKING_DESK, threshold=0.5)] == ["75+"]
    assert [w.group for w in inclusion_warnings(SHRINKING_DESK, threshold=0.01)] == ["", "18-34", "75+"]


def test_shorter_opening_hours_warn_too():
    rows = [row(Q1, "telefoon", 50, opening_hours=40), row(Q1, "chat", 50),
            row(Q2, "telefoon", 50, opening_hours=20), row(Q2, "chat", 50)]
    [warning] = inclusion_warnings(rows)
    assert (warning.channel, warning.opening_before, warning.opening_after) == ("telefoon", 40, 20)
    assert warning.capacity_before is None


def test_no_warning_without_a_cut_or_for_digital_channels():
    steady = [row(Q1, "balie", 60, capacity=40), row(Q2, "balie", 60, capacity=40)]
    assert inclusion_warnings(steady) == []
    grown = [row(Q1, "balie", 60, capacity=20), row(Q2, "balie", 60, capacity=40)]
    assert inclusion_warnings(grown) == []
    unknown_before = [row(Q1, "balie", 60), row(Q2, "balie", 60, capacity=10)]
    assert inclusion_warnings(unknown_before) == []
    digital_cut = [row(Q1, "chat", 60, capacity=40), row(Q2, "chat", 60, capacity=10)]
    assert inclusion_warnings(digital_cut) == []
    assert inclusion_warnings([row(Q2, "balie", 60, capacity=10)]) == []  # one period only


def test_only_the_latest_two_periods_of_each_service_count():
    older = dt.date(2024, 10, 1)
    rows = [row(older, "balie", 60, capacity=80), row(Q1, "balie", 60, capacity=40),
            row(Q2, "balie", 60, capacity=40)]
    assert inclusion_warnings(rows) == []


def test_capacity_repeated_on_group_rows_must_agree():
    rows = [row(Q1, "balie", 5, group="75+", capacity=40), row(Q1, "balie", 5, group="18-34", capacity=40),
            row(Q2, "balie", 5, group="75+", capacity=20), row(Q2, "balie", 5, group="18-34", capacity=30)]
    with pytest.raises(EffectsError, match="Verschillende capaciteit voor balie bij paspoort"):
        inclusion_warnings(rows)


@pytest.mark.parametrize(("rows", "threshold", "fragment"), [
    ([row(Q1, "fax", 3)], 0.2, "Onbekend kanaal 'fax'"),
    ([row(Q1, "balie", -3)], 0.2, "Kanaalgegevens regel 1: -3 is negatief"),
    ([row("2025-01-01", "balie", 3)], 0.2, "geen datum"),
    ([row(Q1, "balie", 3, capacity=float("inf"))], 0.2, "geen eindig getal"),
    ([("2025-01-01", "balie")], 0.2, "geen kanaalperiode"),
    ([], 1.5, "tussen 0 en 1"),
])
def test_inclusion_warning_bad_input(rows, threshold, fragment):
    with pytest.raises(EffectsError, match=fragment):
        inclusion_warnings(rows, threshold=threshold)


def test_share_series_overall_per_service_and_per_group():
    rows = [*SHRINKING_DESK, row(Q2, "balie", 0, service="parkeren"), row(Q2, "e-mail", 10, service="parkeren")]
    # Overall: paspoort's "" rows are its total (the group rows are not added again).
    assert share_series(rows) == {"": [(Q1, 0.4), (Q2, pytest.approx(80 / 110))]}
    assert share_series(rows, by="service") == {
        "parkeren": [(Q2, 1.0)], "paspoort": [(Q1, 0.4), (Q2, 0.7)]}
    by_group = share_series(rows, by="group")
    assert by_group["75+"] == [(Q1, pytest.approx(10 / 60)), (Q2, 0.25)]
    assert by_group["18-34"] == [(Q2, 0.98)]


def test_share_series_adds_groups_up_without_a_total_and_skips_empty_periods():
    rows = [row(Q1, "balie", 30, group="75+"), row(Q1, "app", 10, group="18-34"),
            row(Q2, "balie", 0, group="75+")]
    assert share_series(rows, by="service") == {"paspoort": [(Q1, 0.25)]}
    with pytest.raises(EffectsError, match="Onbekende indeling 'district'"):
        share_series(rows, by="district")
