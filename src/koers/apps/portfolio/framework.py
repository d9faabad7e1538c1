"""The weighing framework: versions, weights (direct or AHP), scores and weighted values.

A published version is immutable (the models refuse changes); ``new_version`` copies it into a
draft. Scores always name the framework version they were given under, so the value of an
initiative under an old version is reproduced exactly by ``values_for(old_version, ...)``.

Weighted value = Σ_c weight_c × normalised score_ic, with the weights summing to 1 (``publish``
normalises them) and the score normalised to 0..1 on the criterion's scale. A missing score
counts as the bottom of the scale.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from koers.apps.portfolio.models import CriteriaFramework, Criterion, FrameworkLocked, Score
from koers.web.numbers import format_number, input_value, parse_number

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


# Saaty's verbal scale: how much more important the first criterion of a pair is (a_ij).
VERBAL_SCALE = ((9, N_("extreem veel belangrijker")), (7, N_("veel belangrijker")), (5, N_("belangrijker")),
                (3, N_("iets belangrijker")))


def pairwise_matrix(size: int, judgements: dict[tuple[int, int], float]) -> list[list[float]]:
    """The reciprocal matrix from the judgements a_ij for i < j; a missing pair counts as equally important."""
    matrix = [[1.0] * size for _row in range(size)]
    for (i, j), value in judgements.items():
        matrix[i][j], matrix[j][i] = float(value), 1.0 / float(value)
    return matrix


def judgement_text(first: str, second: str, value: float) -> str:
    """A judgement a_ij in words: 'A is veel belangrijker dan B'; off the scale as 'x keer zo belangrijk'."""
    if math.isclose(value, 1.0):
        return _("%(a)s en %(b)s zijn gelijk belangrijk") % {"a": first, "b": second}
    if value < 1:
        first, second, value = second, first, 1 / value
    for number, words in VERBAL_SCALE:
        if math.isclose(value, number):
            return _("%(a)s is %(how)s dan %(b)s") % {"a": first, "how": _(words), "b": second}
    return _("%(a)s is %(times)s keer zo belangrijk als %(b)s") % {
        "a": first, "times": format_number(round(value, 2)), "b": second}


def _scale() -> list[tuple[str, float]]:
    """(key, a_ij) from 'first extremely more important' (9) over 'equally important' (1) to 1/9."""
    return ([(str(n), float(n)) for n, _w in VERBAL_SCALE] + [("1", 1.0)]
            + [(f"1/{n}", 1 / n) for n, _w in reversed(VERBAL_SCALE)])


def judgement_key(value: float) -> str:
    """The option key of a_ij: '7', '1/7', or the exact number for a judgement off the verbal scale."""
    for key, number in _scale():
        if math.isclose(value, number):
            return key
    return input_value(value)


def judgement_value(key: str) -> float:
    top, _slash, bottom = key.partition("/")
    return parse_number(top) / parse_number(bottom) if bottom else parse_number(top)


def judgement_choices(first: str, second: str, current: float = 1.0) -> list[tuple[str, str]]:
    """(key, words) per option for one pair; a current judgement off the scale (the API takes any
    number) is kept in its place so that saving the form does not change it unasked."""
    options = _scale()
    if judgement_key(current) not in dict(options):
        options = sorted(options + [(judgement_key(current), current)], key=lambda option: -option[1])
    return [(key, judgement_text(first, second, value)) for key, value in options]


def worst_judgements(matrix: Sequence[Sequence[float]], weights: Sequence[float], count: int = 3
                     ) -> list[tuple[int, int, float]]:
    """The pairs (i, j, a_ij the weights imply) whose judgement strays furthest from the derived weights:
    the first ones to reconsider when the consistency ratio is too high."""
    strays = sorted(((abs(math.log(matrix[i][j] * weights[j] / weights[i])), i, j)
                     for i, j in combinations(range(len(weights)), 2)), reverse=True)
    return [(i, j, weights[i] / weights[j]) for _stray, i, j in strays[:count]]


def inconsistency(framework: CriteriaFramework, criteria: Sequence[Criterion]) -> list[tuple[str, str]]:
    """For a stored pairwise comparison above ``CR_LIMIT``: for the most inconsistent pairs the judgement
    given and the one that fits the derived weights better, in words. Empty when there is nothing to advise."""
    from koers.optimise import OptimiseInputError, ahp_weights

    matrix, names = framework.pairwise, [c.name for c in criteria]
    if framework.consistency_ratio is None or framework.consistency_ratio <= CR_LIMIT or not matrix \
            or len(matrix) != len(names):
        return []
    try:
        weights = ahp_weights(matrix)[0]
    except OptimiseInputError:
        return []
    scale = [value for _key, value in _scale()]
    advice = []
    for i, j, implied in worst_judgements(matrix, weights):
        nearest = min(scale, key=lambda value: abs(math.log(value / implied)))
        if judgement_key(nearest) != judgement_key(matrix[i][j]):
            advice.append((judgement_text(names[i], names[j], matrix[i][j]),
                           judgement_text(names[i], names[j], nearest)))
    return advice


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


SCALE_WORDS = (N_("zeer laag"), N_("laag"), N_("gemiddeld"), N_("hoog"), N_("zeer hoog"))
MAX_SCALE_POINTS = 11  # a longer scale (say 0 to 100) is typed rather than picked


def scale_points(criterion: Criterion) -> list[tuple[float, str]] | None:
    """The points of a short whole-number scale with their labels ('4 = hoog'): a word for every point of a
    five-point scale, for the ends only otherwise. None when the score is better typed."""
    low, high = criterion.scale_min, criterion.scale_max
    if not (float(low).is_integer() and float(high).is_integer() and 0 < high - low < MAX_SCALE_POINTS):
        return None
    points = range(int(low), int(high) + 1)
    words = ([_(w) for w in SCALE_WORDS] if len(points) == len(SCALE_WORDS)
             else [_("zeer laag")] + [""] * (len(points) - 2) + [_("zeer hoog")])
    return [(float(point), f"{point} = {word}" if word else str(point)) for point, word in zip(points, words)]


def scale_hint(criterion: Criterion) -> str:
    """The ends of a typed scale in words."""
    return _("Van %(low)s (zeer laag) tot %(high)s (zeer hoog); een getal met decimalen mag.") % {
        "low": format_number(criterion.scale_min), "high": format_number(criterion.scale_max)}


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
