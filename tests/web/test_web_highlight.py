from koers.apps.agenda.templatetags.koers_agenda import highlight


def test_spans_become_marks_and_the_rest_is_escaped():
    assert highlight("a <b> AVG & BIO", [[6, 9], [12, 15]]) == "a &lt;b&gt; <mark>AVG</mark> &amp; <mark>BIO</mark>"


def test_overlapping_and_invalid_spans_are_ignored():
    assert highlight("digitaal loket", [[0, 14], [9, 14], [20, 30], [5, 2], "x"]) == "<mark>digitaal loket</mark>"


def test_markup_inside_a_span_is_escaped():
    assert highlight("<i>", [[0, 3]]) == "<mark>&lt;i&gt;</mark>"
