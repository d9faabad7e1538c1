"""Framework versions: published is immutable, new versions copy, old scores reproduce old values."""

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


def test_inconsistent_matrix_is_flagged_on_the_page(client_for, own):
    draft = CriteriaFramework.objects.create(organisation=own, name="AHP", version=1)
    for i, code in enumerate(["a", "b", "c"]):
        Criterion.objects.create(framework=draft, code=code, name=code.upper(), order=i)
    response = client_for("manager").post(
        f"/organisaties/{own.slug}/portefeuille/afwegingskaders/{draft.pk}/",
        {"action": "pairwise", "pair_0_1": "9", "pair_0_2": "1/9", "pair_1_2": "9"})
    assert response.status_code == 200
    assert "spreken elkaar te veel tegen" in response.content.decode()
