"""The selection run: build a ``koers.optimise.Instance`` from the database, solve, explain, store.

Who takes part: initiatives in assessment, prioritised or in progress. Forced (mandatory in the
engine): a legal obligation, work already running, or status in progress. A dependency on an
initiative that is done counts as met; one on an initiative outside the run stays, so the
dependant cannot be chosen. Value: the weighted score under the run's framework version. Cost
against the budget: one-off cost plus one year of running cost. Capacity: the teams' hours per
quarter times the run's capacity factor.

The rules of play: a run decides what work starts, so an initiative that may not start yet (a
step or rule on its way to in progress blocks, ``gates.start_blockers``) is left out of the
engine's instance and explained as ``OUT_GATE`` with the blocking messages. A forced initiative
stays in (the law or running work forces it) but its explanation carries the blocking messages.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.models import (
    EffortEstimate, Initiative, PortfolioSettings, SelectionRun, TeamCapacity,
)
from koers.web.numbers import format_number

log = logging.getLogger(__name__)

CANDIDATE_STATUSES = (Initiative.Status.ASSESSMENT, Initiative.Status.PRIORITISED, Initiative.Status.IN_PROGRESS)
SENSITIVITY_TIME_LIMIT = 0.05  # per draw, from the best selection so far (docs/optimiser.md)

# Explanation codes stored per initiative in SelectionRun.explanation: {"code": ..., **details}
IN_MANDATORY = "mandatory"  # forced: legal obligation, already running
IN_REQUIRED = "required_by_mandatory"  # needed by a forced initiative
IN_VALUE = "value"  # chosen for its value within capacity
OUT_DEPENDENCY = "dependency"  # needs an initiative that is not selected
OUT_GROUP = "group"  # an alternative in its group was chosen
OUT_CAPACITY = "capacity"  # does not fit in what is left of a team-quarter
OUT_BUDGET = "budget"  # does not fit in what is left of the budget
OUT_NO_VALUE = "no_value"  # zero value: never chosen
OUT_TRADE_OFF = "trade_off"  # would fit alone, but the chosen set is worth more (rare)
OUT_GATE = "gate"  # may not start yet: {"rules": [Dutch messages]}; forced entries may carry "blocked"


@dataclass
class Built:
    instance: object  # koers.optimise.Instance
    initiatives: dict[str, Initiative]  # engine id -> initiative
    weights: list[float]
    scores: dict[str, list[float]]  # engine id -> normalised score per criterion
    values: dict[str, float]
    blocked: dict[str, list[str]]  # engine id -> messages of what keeps it from starting


def candidates(organisation):
    return (Initiative.objects.filter(organisation=organisation, status__in=CANDIDATE_STATUSES)
            .prefetch_related("requires").order_by("reference", "id"))


def default_budget(organisation):
    settings = PortfolioSettings.objects.filter(organisation=organisation).first()
    return settings.budget if settings else None


def build(organisation, framework, *, capacity_factor: float = 1.0, budget=None) -> Built:
    from koers.optimise import Capacity, Effort, Instance
    from koers.optimise import Initiative as EngineInitiative
    from koers.optimise.checks import forced_set

    items = list(candidates(organisation))
    by_id = {item.engine_id: item for item in items}
    criteria, matrix = frameworks.normalised_scores(framework, [item.pk for item in items])
    weights = [c.weight for c in criteria]
    scores = {item.engine_id: matrix[item.pk] for item in items}
    values = {ident: frameworks.weighted_value(weights, row) for ident, row in scores.items()}
    engine_items = []
    for item in items:
        requires = tuple(str(dep.pk) for dep in item.requires.all() if dep.status != Initiative.Status.DONE)
        engine_items.append(EngineInitiative(
            id=item.engine_id, value=values[item.engine_id],
            cost=float(item.cost_once + item.cost_yearly),
            mandatory=item.forced or item.status == Initiative.Status.IN_PROGRESS,
            requires=requires, group=item.exclusive_group.strip(), name=str(item)))
    blocked = _start_blockers(organisation, items)
    # forced (and what they require) stay in even when blocked; every other blocked one is left out
    forced, _problem = forced_set(Instance(tuple(engine_items)))
    left_out = set(blocked) - set(forced)
    engine_items = [item for item in engine_items if item.id not in left_out]
    effort = [Effort(str(row.initiative_id), row.team.code, row.quarter, row.hours)
              for row in EffortEstimate.objects.filter(initiative__in=items).select_related("team")
              if str(row.initiative_id) not in left_out]
    capacity = [Capacity(row.team.code, row.quarter, row.hours * capacity_factor)
                for row in TeamCapacity.objects.filter(team__organisation=organisation).select_related("team")]
    instance = Instance(tuple(engine_items), tuple(effort), tuple(capacity),
                        budget=float(budget) if budget is not None else None)
    return Built(instance, by_id, weights, scores, values, blocked)


def _start_blockers(organisation, items) -> dict[str, list[str]]:
    from koers.apps.portfolio import gates, workflow

    facts = workflow.facts_by_initiative(organisation, items)
    rules = workflow.enabled_rules(organisation)
    found = {item.engine_id: [b.message for b in gates.start_blockers(facts[item.pk], item.status, rules)]
             for item in items}
    return {ident: messages for ident, messages in found.items() if messages}


def explain(instance, selected, blocked: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """Why each initiative is in or out: a code plus the details a Dutch sentence needs.

    ``blocked`` (``Built.blocked``) names what keeps an initiative from starting: those left out
    of the instance get ``OUT_GATE``, forced ones that are chosen anyway carry the messages along.
    """
    from koers.optimise.checks import forced_set, usage_by_initiative

    blocked = blocked or {}
    chosen = set(selected)
    forced, _problem = forced_set(instance)
    mandatory = {item.id for item in instance.initiatives if item.mandatory}
    usage = usage_by_initiative(instance)
    capacity = instance.capacity_map()
    used: dict[tuple[str, str], float] = defaultdict(float)
    for ident in chosen:
        for key, hours in usage.get(ident, {}).items():
            used[key] += hours
    by_id = {item.id: item for item in instance.initiatives}
    spent = sum(by_id[ident].cost for ident in chosen if ident in by_id)
    groups_taken = {by_id[ident].group: ident for ident in chosen if ident in by_id and by_id[ident].group}
    out: dict[str, dict] = {}
    for item in instance.initiatives:
        if item.id in chosen:
            if item.id in mandatory:
                out[item.id] = {"code": IN_MANDATORY}
            elif item.id in forced:
                out[item.id] = {"code": IN_REQUIRED}
            else:
                out[item.id] = {"code": IN_VALUE}
            if item.id in blocked:
                out[item.id]["blocked"] = blocked[item.id]
            continue
        missing = [dep for dep in item.requires if dep not in chosen]
        if missing:
            out[item.id] = {"code": OUT_DEPENDENCY, "requires": missing}
        elif item.group and item.group in groups_taken:
            out[item.id] = {"code": OUT_GROUP, "group": item.group, "chosen": groups_taken[item.group]}
        elif item.value <= 0:
            out[item.id] = {"code": OUT_NO_VALUE}
        else:
            short = [(team, quarter, round(hours, 1), round(max(0.0, capacity.get((team, quarter), 0.0)
                                                                - used[(team, quarter)]), 1))
                     for (team, quarter), hours in sorted(usage.get(item.id, {}).items())
                     if used[(team, quarter)] + hours > capacity.get((team, quarter), 0.0) + 1e-9]
            if short:
                team, quarter, needed, left = short[0]
                out[item.id] = {"code": OUT_CAPACITY, "team": team, "quarter": quarter,
                                "needed": needed, "left": left, "more": len(short) - 1}
            elif instance.budget is not None and spent + item.cost > instance.budget + 1e-6:
                out[item.id] = {"code": OUT_BUDGET, "cost": item.cost,
                                "left": max(0.0, instance.budget - spent)}
            else:
                out[item.id] = {"code": OUT_TRADE_OFF}
    for ident, messages in blocked.items():
        if ident not in by_id:
            out[ident] = {"code": OUT_GATE, "rules": messages}
    return out


def create_run(organisation, framework, *, name: str, user=None, capacity_factor: float = 1.0,
               budget=None, sensitivity_draws: int = 0, time_limit: float = 10.0) -> SelectionRun:
    """A queued scenario; ``execute`` (directly or in the Celery task) computes it."""
    if framework.organisation_id != organisation.pk or not framework.is_published:
        raise ValueError(_("Kies een vastgesteld afwegingskader van deze organisatie."))
    return SelectionRun.objects.create(
        organisation=organisation, framework=framework, name=name, capacity_factor=capacity_factor,
        budget=budget, sensitivity_draws=sensitivity_draws, time_limit=time_limit, created_by=user)


def execute(run: SelectionRun, *, task_id: str | None = None,
            sensitivity_time_limit: float = SENSITIVITY_TIME_LIMIT) -> SelectionRun:
    """Build, solve, explain and optionally run the sensitivity analysis; store everything.

    ``task_id`` is the Celery task's id: a run retried since (new task id) or deleted is left alone.
    """
    from koers.optimise import OptimiseInputError

    if not _start(run, task_id):
        return run
    try:
        _compute(run, sensitivity_time_limit)
        run.state = SelectionRun.State.DONE
    except OptimiseInputError as exc:
        run.state, run.error = SelectionRun.State.FAILED, str(exc)
    except Exception as exc:  # noqa: BLE001 - stored for the user, logged for the operator
        log.exception("selection run %s failed", run.pk)
        run.state, run.error = SelectionRun.State.FAILED, _("De berekening is mislukt: %(error)s") % {"error": exc}
    run.finished_at = timezone.now()
    with transaction.atomic():
        if _current(run, task_id):
            run.save()
    return run


def _compute(run: SelectionRun, sensitivity_time_limit: float) -> None:
    from koers.optimise import sensitivity, solve

    built = build(run.organisation, run.framework, capacity_factor=run.capacity_factor, budget=run.budget)
    solution = solve(built.instance, time_limit=run.time_limit)
    run.solver_status = solution.status
    run.reason = solution.reason or ""
    run.objective, run.gap, run.bound = solution.objective, _finite(solution.gap), solution.bound
    run.seconds = solution.seconds
    run.selected = list(solution.selected)
    run.ranked_cutoff_objective = solution.ranked_cutoff_objective
    run.ranked_cutoff_selected = list(solution.ranked_cutoff_selected)
    run.value_gained = solution.value_gained
    run.values = built.values
    run.explanation = (explain(built.instance, solution.selected, built.blocked)
                       if solution.status != "infeasible" else {})
    run.frequency, run.sensitivity_not_proven = {}, 0
    if run.sensitivity_draws and solution.status != "infeasible" and built.instance.initiatives \
            and sum(built.weights) > 0:
        result = sensitivity(built.instance, built.weights, built.scores, draws=run.sensitivity_draws,
                             time_limit=sensitivity_time_limit, base_time_limit=run.time_limit)
        run.frequency, run.sensitivity_not_proven = result.frequency, result.not_optimal


def _start(run: SelectionRun, task_id: str | None) -> bool:
    with transaction.atomic():
        if not _current(run, task_id):
            return False
        run.state, run.error = SelectionRun.State.RUNNING, ""
        run.started_at, run.finished_at = timezone.now(), None
        run.save(update_fields=["state", "error", "started_at", "finished_at"])
    return True


def _current(run: SelectionRun, task_id: str | None) -> bool:
    """Whether the run still exists and this task is still the one meant to compute it (row locked
    for the caller's transaction): a retry gives the run a new task id, so a late or duplicate
    message of the old one must not write."""
    stored = SelectionRun.objects.select_for_update().filter(pk=run.pk).values_list("task_id", flat=True).first()
    return stored is not None and not (task_id and stored and stored != task_id)


def _finite(number):
    import math

    return number if number is None or math.isfinite(number) else None


def queue(run: SelectionRun) -> SelectionRun:
    """Send the run to the worker (runs at once when Celery is eager, as in tests and the demo).

    Also the retry of a failed or stuck run: the new task id makes the old task skip it."""
    from koers.apps.portfolio.tasks import run_selection

    run.state, run.error, run.task_id = SelectionRun.State.QUEUED, "", uuid.uuid4().hex
    run.queued_at, run.started_at, run.finished_at = timezone.now(), None, None
    run.save(update_fields=["state", "error", "task_id", "queued_at", "started_at", "finished_at"])
    run_selection.apply_async(args=[run.pk], task_id=run.task_id)
    run.refresh_from_db()
    return run


class RunRefused(Exception):
    """A retry or delete that the run's state does not allow; the message is Dutch, for the user."""


def retry(run: SelectionRun) -> SelectionRun:
    if not run.can_retry:
        raise RunRefused(_("Het scenario ‘%(name)s’ kan nu niet opnieuw worden berekend: het is klaar of "
                           "wordt nog berekend.") % {"name": run.name})
    return queue(run)


def delete_run(run: SelectionRun) -> None:
    """Delete a finished, failed or stuck run, unless a decision refers to it (the audit trail records it)."""
    if run.is_pending:
        raise RunRefused(_("Het scenario ‘%(name)s’ wordt nog berekend; verwijderen kan zodra het klaar, "
                           "mislukt of vastgelopen is.") % {"name": run.name})
    decision = run.decisions.order_by("decided_at", "id").first()
    if decision is not None:
        raise RunRefused(_("Het scenario ‘%(name)s’ kan niet worden verwijderd: besluit ‘%(decision)s’ "
                           "verwijst ernaar.") % {"name": run.name, "decision": decision.title})
    run.delete()


# --- reading a stored run -------------------------------------------------------------------------

def explanation_text(entry: dict, names: dict[str, str]) -> str:
    """The Dutch sentence for an explanation entry; ``names`` maps engine ids to labels."""
    text = _reason(entry, names)
    if entry.get("blocked"):
        text += " " + _("Let op: mag volgens de spelregels nog niet starten: %(rules)s") % {
            "rules": " ".join(entry["blocked"])}
    return text


def _reason(entry: dict, names: dict[str, str]) -> str:
    code = entry.get("code")
    if code == IN_MANDATORY:
        return _("Gekozen: verplicht of loopt al.")
    if code == IN_REQUIRED:
        return _("Gekozen: een verplicht initiatief heeft dit nodig.")
    if code == IN_VALUE:
        return _("Gekozen: levert binnen de capaciteit de meeste waarde op.")
    if code == OUT_GATE:
        return _("Niet gekozen: mag nog niet starten: %(rules)s") % {"rules": " ".join(entry.get("rules", []))}
    if code == OUT_DEPENDENCY:
        return _("Niet gekozen: heeft %(what)s nodig, en dat is niet gekozen.") % {
            "what": ", ".join(names.get(i, i) for i in entry.get("requires", []))}
    if code == OUT_GROUP:
        return _("Niet gekozen: alternatief %(chosen)s uit groep ‘%(group)s’ is gekozen.") % {
            "chosen": names.get(entry.get("chosen"), entry.get("chosen")), "group": entry.get("group")}
    if code == OUT_CAPACITY:
        return _("Niet gekozen: team %(team)s heeft in %(quarter)s nog %(left)s uur, dit vraagt "
                 "%(needed)s uur.") % {"team": entry.get("team"), "quarter": entry.get("quarter"),
                                       "left": format_number(entry.get("left", 0)),
                                       "needed": format_number(entry.get("needed", 0))}
    if code == OUT_BUDGET:
        return _("Niet gekozen: past niet in het resterende budget (€ %(left)s).") % {
            "left": format_number(entry.get("left", 0), 0)}
    if code == OUT_NO_VALUE:
        return _("Niet gekozen: heeft geen waarde volgens het afwegingskader (nog niet gescoord?).")
    if code == OUT_TRADE_OFF:
        return _("Niet gekozen: een andere combinatie levert meer waarde op.")
    return ""


def demand_and_capacity(organisation, run: SelectionRun | None = None):
    """Per team and quarter: capacity, demand of all candidates and of the selection (hours)."""
    capacity = {(row.team.name, row.quarter): row.hours * (run.capacity_factor if run else 1.0)
                for row in TeamCapacity.objects.filter(team__organisation=organisation).select_related("team")}
    selected = set(run.selected) if run else set()
    demand: dict[tuple[str, str], float] = defaultdict(float)
    chosen: dict[tuple[str, str], float] = defaultdict(float)
    rows = EffortEstimate.objects.filter(initiative__organisation=organisation,
                                         initiative__status__in=CANDIDATE_STATUSES).select_related("team")
    for row in rows:
        key = (row.team.name, row.quarter)
        demand[key] += row.hours
        if str(row.initiative_id) in selected:
            chosen[key] += row.hours
    keys = sorted(set(capacity) | set(demand), key=lambda k: (k[0], k[1]))
    return [{"team": team, "quarter": quarter, "capacity": capacity.get((team, quarter), 0.0),
             "demand": demand.get((team, quarter), 0.0), "selected": chosen.get((team, quarter), 0.0)}
            for team, quarter in keys]
