"""Framework versions: published is immutable, new versions copy, old scores reproduce old values;
weights from pairwise judgements on Saaty's verbal scale."""

import re

import pytest

from koers.apps.portfolio import framework
from koers.apps.portfolio.models import CriteriaFramework, Criterion, FrameworkLocked, Initiative, Score
from koers.apps.portfolio import workflow


@pytest.fixture
def published(own):
    return framework.ensure_default_framework(own)


@pytest.fixture
def initiative(own):
    return workflow.submit(Initiative(organisation=own, title="Digitale subsidie", problem="p", department="EZ"), None)


def test_default_framework_is_published_with_weights_summing_to_one(published):
    assert published.is_published
    assert sum(c.weight for c in published.criteria.all()) == pytest.approx(1.0)


def test_published_version_cannot_change(published):
    criterion = published.criteria.first()
    criterion.weight = 0.9
    with pytest.raises(FrameworkLocked):
        criterion.save()
    with pytest.raises(FrameworkLocked):
        Criterion.objects.create(framework=published, code="nieuw", name="Nieuw")
    published.name = "Anders"
    with pytest.raises(FrameworkLocked):
        published.save()
    with pytest.raises(FrameworkLocked):
        framework.set_weights(published, {criterion.pk: 1})


def test_old_scores_reproduce_the_old_value(published, initiative):
    for criterion, value in zip(published.criteria.all(), [5, 1, 1, 1]):
        framework.score(initiative, criterion, value)
    old_value = framework.values_for(published, [initiative.pk])[initiative.pk]
    assert old_value == pytest.approx(0.35)  # only the first criterion (weight 0.35) at the top

    draft = framework.new_version(published)
    assert (draft.version, draft.state, draft.criteria.count()) == (2, "draft", 4)
    first = draft.criteria.get(code="maatschappelijke-waarde")
    framework.set_weights(draft, {c.pk: (3 if c.pk == first.pk else 1) for c in draft.criteria.all()})
    framework.publish(draft)
    assert draft.criteria.get(pk=first.pk).weight == pytest.approx(0.5)
    # scores carried to the new version; the old version's value is unchanged
    assert framework.values_for(draft, [initiative.pk])[initiative.pk] == pytest.approx(0.5)
    assert framework.values_for(published, [initiative.pk])[initiative.pk] == pytest.approx(old_value)
    assert Score.objects.filter(initiative=initiative, framework=published).count() == 4


def test_pairwise_weights_and_consistency(own):
    draft = CriteriaFramework.objects.create(organisation=own, name="AHP", version=1)
    for i, code in enumerate(["a", "b", "c"]):
        Criterion.objects.create(framework=draft, code=code, name=code.upper(), order=i)
    result = framework.set_pairwise(draft, [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    assert result.consistent and result.consistency_ratio < 0.1
    assert sum(result.weights) == pytest.approx(1.0) and result.weights[0] > result.weights[1] > result.weights[2]
    bad = framework.set_pairwise(draft, [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    assert not bad.consistent and bad.consistency_ratio > 0.1
    draft.refresh_from_db()
    assert draft.weight_method == "pairwise" and draft.consistency_ratio == pytest.approx(bad.consistency_ratio)


def test_scores_only_under_a_published_framework_and_within_scale(own, published, initiative):
    draft = framework.new_version(published)
    with pytest.raises(framework.FrameworkError):
        framework.score(initiative, draft.criteria.first(), 3)
    with pytest.raises(framework.FrameworkError):
        framework.score(initiative, published.criteria.first(), 7)


def _ahp_draft(own, names=("A", "B", "C")):
    draft = CriteriaFramework.objects.create(organisation=own, name="AHP", version=1)
    for i, name in enumerate(names):
        Criterion.objects.create(framework=draft, code=name.lower(), name=name, order=i)
    return draft


def _option(body: str, field: str, words: str) -> str:
    """The value of the option with these words in the select ``field`` (as a user picks it)."""
    select = body[body.index(f'name="{field}"'):]
    select = select[:select.index("</select>")]
    return re.search(r'<option value="([^"]*)"[^>]*>' + re.escape(words) + "</option>", select)[1]


def test_pairwise_judgements_in_words_become_the_matrix(client_for, own):
    draft = _ahp_draft(own, names=("Waarde", "Risico"))
    client = client_for("manager")
    url = f"/organisaties/{own.slug}/portefeuille/afwegingskaders/{draft.pk}/"
    page = client.get(url).content.decode()
    assert "Waarde tegenover Risico" in page
    for words in ("Waarde is extreem veel belangrijker dan Risico", "Waarde en Risico zijn gelijk belangrijk",
                  "Risico is iets belangrijker dan Waarde"):
        assert words in page
    choice = _option(page, "pair_0_1", "Waarde is veel belangrijker dan Risico")
    response = client.post(url, {"action": "pairwise", "pair_0_1": choice}, follow=True)
    draft.refresh_from_db()
    assert draft.pairwise == [[1, 7], [pytest.approx(1 / 7), 1]]
    weights = [c.weight for c in draft.criteria.all()]
    assert weights == [pytest.approx(7 / 8), pytest.approx(1 / 8)]
    body = response.content.decode()
    assert "koers-alert--success" in body and "afgeleid uit de paarsgewijze vergelijking" in body
    # The form shows the stored judgement again.
    assert re.search(r'<option value="7" selected>Waarde is veel belangrijker dan Risico</option>', body)

    choice = _option(body, "pair_0_1", "Risico is belangrijker dan Waarde")
    client.post(url, {"action": "pairwise", "pair_0_1": choice})
    draft.refresh_from_db()
    assert draft.pairwise == [[1, pytest.approx(1 / 5)], [5, 1]]


def test_inconsistent_judgements_give_a_warning_never_a_success(client_for, own):
    draft = _ahp_draft(own)
    response = client_for("manager").post(
        f"/organisaties/{own.slug}/portefeuille/afwegingskaders/{draft.pk}/",
        {"action": "pairwise", "pair_0_1": "9", "pair_0_2": "1/9", "pair_1_2": "9"}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gelukt" not in body and "koers-alert--success" not in body
    messages = body[body.index('class="koers-messages"'):body.index("</div>", body.index('class="koers-messages"'))]
    assert "koers-alert--warning" in messages and "Let op:" in messages and "spreken elkaar tegen" in messages
    warning = body[body.index('<div class="koers-alert koers-alert--warning" id="consistentie">'):]
    warning = warning[:warning.index("</div>")]
    assert "consistentieratio" in warning and "Bekijk eerst deze vergelijkingen" in warning
    # A is extremely more important than B, B than C, yet C than A: a judgement to reconsider is named.
    assert "U koos: " in warning and "Bij uw andere oordelen past beter: " in warning


def test_consistent_judgements_show_the_ratio_without_a_warning(client_for, own):
    draft = _ahp_draft(own)
    framework.set_pairwise(draft, [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    url = f"/organisaties/{own.slug}/portefeuille/afwegingskaders/{draft.pk}/"
    body = client_for("manager").get(url).content.decode()
    assert "passen goed genoeg bij elkaar" in body and 'id="consistentie"' not in body


def test_a_judgement_off_the_verbal_scale_is_kept_and_a_bad_one_refused(client_for, own):
    draft = _ahp_draft(own, names=("Waarde", "Risico"))
    framework.set_pairwise(draft, [[1, 4], [1 / 4, 1]])  # as the API may store it
    client = client_for("manager")
    url = f"/organisaties/{own.slug}/portefeuille/afwegingskaders/{draft.pk}/"
    page = client.get(url).content.decode()
    assert re.search(r'<option value="4" selected>Waarde is 4 keer zo belangrijk als Risico</option>', page)
    assert client.post(url, {"action": "pairwise", "pair_0_1": "4"}).status_code == 302
    draft.refresh_from_db()
    assert draft.pairwise == [[1, 4], [0.25, 1]]

    response = client.post(url, {"action": "pairwise", "pair_0_1": "1/0"})
    assert response.status_code == 400
    assert "Kies bij elke vergelijking een van de oordelen." in response.content.decode()


def test_verbal_scale_and_the_most_inconsistent_judgement():
    from koers.optimise import ahp_weights

    assert [key for key, _words in framework.judgement_choices("A", "B")] == [
        "9", "7", "5", "3", "1", "1/3", "1/5", "1/7", "1/9"]
    assert framework.judgement_text("A", "B", 1 / 9) == "B is extreem veel belangrijker dan A"
    # A above B (3) and far above C (9) implies B above C; "C extremely above B" strays furthest.
    matrix = framework.pairwise_matrix(3, {(0, 1): 3, (0, 2): 9, (1, 2): 1 / 9})
    assert matrix[2][1] == 9 and matrix[1][0] == pytest.approx(1 / 3)
    assert framework.worst_judgements(matrix, ahp_weights(matrix)[0], count=1)[0][:2] == (1, 2)
