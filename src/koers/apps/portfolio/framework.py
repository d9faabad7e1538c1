"""The weighing framework: versions, weights (direct or AHP), scores and weighted values.

A published version is immutable (the models refuse changes); ``new_version`` copies it into a
draft. Scores always name the framework version they were given under, so the value of an
initiative under an old version is reproduced exactly by ``values_for(old_version, ...)``.

Weighted value = Σ_c weight_c × normalised score_ic, with the weights summing to 1 (``publish``
normalises them) and the score normalised to 0..1 on the criterion's scale. A missing score
counts as the bottom of the scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from koers.apps.portfolio.models import CriteriaFramework, Criterion, FrameworkLocked, Score

CR_LIMIT = 0.1  # consistency ratio above which the pairwise judgements should be revisited

DEFAULT_NAME = N_("Afwegingskader digitale agenda")
# (code, name, description, weight) on a 1-5 scale
DEFAULT_CRITERIA = [
    ("maatschappelijke-waarde", N_("Maatschappelijke waarde"),
     N_("Hoeveel merken inwoners en ondernemers ervan, en hoeveel mensen bereikt het?"), 0.35),
    ("bijdrage-doelen", N_("Bijdrage aan de digitale agenda"),
     N_("Hoe direct helpt het de doelen van de digitale agenda vooruit?"), 0.25),
    ("risicoreductie", N_("Risico's verkleinen"),
     N_("Verkleint het risico's voor informatieveiligheid, continuïteit of rechtmatigheid?"), 0.2),
    ("efficiency", N_("Efficiëntere uitvoering"),
     N_("Bespaart het tijd of geld in de uitvoering op de langere termijn?"), 0.2),
]


class FrameworkError(ValueError):
    """A Dutch message about a framework that cannot be published or used."""


def editable(framework: CriteriaFramework) -> None:
    if framework.is_published:
        raise FrameworkLocked()


def next_version(organisation, name: str) -> int:
    latest = (CriteriaFramework.objects.filter(organisation=organisation, name=name)
              .aggregate(Max("version"))["version__max"])
    return (latest or 0) + 1


@transaction.atomic
def new_version(framework: CriteriaFramework, user=None) -> CriteriaFramework:
    """A draft copy of ``framework`` (criteria, weights, pairwise matrix) with the next version."""
    copy = CriteriaFramework.objects.create(
        organisation=framework.organisation, name=framework.name,
        version=next_version(framework.organisation, framework.name),
        weight_method=framework.weight_method, pairwise=framework.pairwise,
        consistency_ratio=framework.consistency_ratio, based_on=framework, created_by=user)
    for criterion in framework.criteria.all():
        Criterion.objects.create(framework=copy, code=criterion.code, name=criterion.name,
                                 description=criterion.description, scale_min=criterion.scale_min,
                                 scale_max=criterion.scale_max, weight=criterion.weight, order=criterion.order)
    return copy


@dataclass(frozen=True)
class AhpResult:
    weights: tuple[float, ...]
    consistency_ratio: float
    consistent: bool


def set_pairwise(framework: CriteriaFramework, matrix: Sequence[Sequence[float]]) -> AhpResult:
    """Derive the weights of a draft from a pairwise comparison matrix (criteria in their order)."""
    from koers.optimise import OptimiseInputError, ahp_weights

    editable(framework)
    criteria = list(framework.criteria.all())
    if len(matrix) != len(criteria):
        raise FrameworkError(_("De matrix moet %(n)d rijen hebben, één per criterium.") % {"n": len(criteria)})
    try:
        weights, _ci, cr, consistent = ahp_weights(matrix)
    except OptimiseInputError as exc:
        raise FrameworkError(str(exc)) from exc
    with transaction.atomic():
        for criterion, weight in zip(criteria, weights):
            criterion.weight = float(weight)
            criterion.save(update_fields=["weight"])
        framework.pairwise = [[float(v) for v in row] for row in matrix]
        framework.consistency_ratio = float(cr)
        framework.weight_method = CriteriaFramework.WeightMethod.PAIRWISE
        framework.save(update_fields=["pairwise", "consistency_ratio", "weight_method"])
    return AhpResult(tuple(float(w) for w in weights), float(cr), bool(consistent))


def set_weights(framework: CriteriaFramework, weights: dict[int, float]) -> None:
    """Set the weights of a draft directly (criterion id -> weight); publish normalises them."""
    editable(framework)
    with transaction.atomic():
        for criterion in framework.criteria.all():
            if criterion.pk in weights:
                criterion.weight = float(weights[criterion.pk])
                criterion.save(update_fields=["weight"])
        framework.weight_method = CriteriaFramework.WeightMethod.DIRECT
        framework.pairwise, framework.consistency_ratio = None, None
        framework.save(update_fields=["weight_method", "pairwise", "consistency_ratio"])


@transaction.atomic
def publish(framework: CriteriaFramework, user=None) -> CriteriaFramework:
    """Normalise the weights to sum 1 and lock the version; carry over unchanged criteria's scores."""
    editable(framework)
    criteria = list(framework.criteria.all())
    if not criteria:
        raise FrameworkError(_("Een afwegingskader zonder criteria kan niet worden vastgesteld."))
    if any(c.scale_max <= c.scale_min for c in criteria):
        raise FrameworkError(_("Bij elk criterium moet de bovenkant van de schaal hoger zijn dan de onderkant."))
    total = sum(c.weight for c in criteria)
    if total <= 0:
        raise FrameworkError(_("Geef minstens één criterium een gewicht groter dan nul."))
    for criterion in criteria:
        criterion.weight = criterion.weight / total
        criterion.save(update_fields=["weight"])
    framework.state = CriteriaFramework.State.PUBLISHED
    framework.published_at = timezone.now()
    framework.save()
    if framework.based_on_id:
        _carry_scores(framework.based_on, framework, criteria)
    return framework


def _carry_scores(old: CriteriaFramework, new: CriteriaFramework, criteria: list[Criterion]) -> None:
    """Copy scores of criteria whose code and scale did not change (for convenience; never moved)."""
    same = {c.code: c for c in criteria}
    for score in Score.objects.filter(framework=old).select_related("criterion"):
        target = same.get(score.criterion.code)
        if target is None or (target.scale_min, target.scale_max) != (score.criterion.scale_min,
                                                                      score.criterion.scale_max):
            continue
        Score.objects.get_or_create(initiative_id=score.initiative_id, criterion=target, defaults={
            "framework": new, "value": score.value, "note": score.note, "scored_by": score.scored_by})


def score(initiative, criterion: Criterion, value: float, user=None, note: str = "") -> Score:
    """Store (or change) one score; only under a published framework of the same organisation."""
    framework = criterion.framework
    if not framework.is_published:
        raise FrameworkError(_("Scoor alleen met een vastgesteld afwegingskader."))
    if framework.organisation_id != initiative.organisation_id:
        raise FrameworkError(_("Dit afwegingskader hoort niet bij de organisatie van het initiatief."))
    if not criterion.scale_min <= value <= criterion.scale_max:
        raise FrameworkError(_("De score voor ‘%(name)s’ moet tussen %(low)g en %(high)g liggen.") % {
            "name": criterion.name, "low": criterion.scale_min, "high": criterion.scale_max})
    stored, _created = Score.objects.update_or_create(
        initiative=initiative, criterion=criterion,
        defaults={"framework": framework, "value": float(value), "note": note, "scored_by": user})
    return stored


def normalised_scores(framework: CriteriaFramework, initiative_ids: Iterable[int]
                      ) -> tuple[list[Criterion], dict[int, list[float]]]:
    """The criteria (in order) and per initiative its normalised score per criterion (0..1)."""
    criteria = list(framework.criteria.all())
    ids = list(initiative_ids)
    position = {c.pk: i for i, c in enumerate(criteria)}
    matrix = {ident: [0.0] * len(criteria) for ident in ids}
    for row in Score.objects.filter(framework=framework, initiative_id__in=ids):
        if row.criterion_id in position:
            criterion = criteria[position[row.criterion_id]]
            matrix[row.initiative_id][position[row.criterion_id]] = criterion.normalise(row.value)
    return criteria, matrix


def weighted_value(weights: Sequence[float], normalised: Sequence[float]) -> float:
    return float(sum(w * s for w, s in zip(weights, normalised)))


def values_for(framework: CriteriaFramework, initiative_ids: Iterable[int]) -> dict[int, float]:
    """Weighted value of each initiative under this framework version (its own stored scores)."""
    criteria, matrix = normalised_scores(framework, initiative_ids)
    weights = [c.weight for c in criteria]
    return {ident: weighted_value(weights, row) for ident, row in matrix.items()}


def ensure_default_framework(organisation, user=None) -> CriteriaFramework:
    """The organisation's latest published framework, or a published default one."""
    latest = (CriteriaFramework.objects.filter(organisation=organisation, state=CriteriaFramework.State.PUBLISHED)
              .order_by("-published_at", "-id").first())
    if latest is not None:
        return latest
    framework = CriteriaFramework.objects.create(organisation=organisation, name=DEFAULT_NAME,
                                                 version=next_version(organisation, DEFAULT_NAME),
                                                 created_by=user)
    for order, (code, name, description, weight) in enumerate(DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(framework=framework, code=code, name=name, description=description,
                                 scale_min=1, scale_max=5, weight=weight, order=order)
    return publish(framework, user)


def current_framework(organisation) -> CriteriaFramework | None:
    """The most recently published version, used by default for scoring and selection."""
    return (CriteriaFramework.objects.filter(organisation=organisation, state=CriteriaFramework.State.PUBLISHED)
            .order_by("-published_at", "-id").first())
