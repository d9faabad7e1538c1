"""The rules of play (stage gates) as pure functions over plain facts, so they are unit-testable.

``check(facts, target, enabled)`` returns the Dutch messages of every enabled rule that blocks
moving the initiative to ``target``, plus the required steps that cannot be switched off (being
scored before prioritising); an empty list means the move is allowed. Which status changes exist
at all is ``ALLOWED``; ``blocked_by`` adds the life-cycle check to the rules. ``start_blockers``
is what keeps an initiative from starting work (used by the selection).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Status values (as Initiative.Status) kept as plain strings: no Django model needed here.
INTAKE, ASSESSMENT, PRIORITISED = "intake", "assessment", "prioritised"
IN_PROGRESS, DONE, REJECTED, PARKED = "in_progress", "done", "rejected", "parked"

ALLOWED: dict[str, tuple[str, ...]] = {
    INTAKE: (ASSESSMENT, REJECTED, PARKED),
    ASSESSMENT: (PRIORITISED, INTAKE, REJECTED, PARKED),
    PRIORITISED: (IN_PROGRESS, ASSESSMENT, REJECTED, PARKED),
    IN_PROGRESS: (DONE, PARKED),
    DONE: (),
    REJECTED: (INTAKE,),
    PARKED: (INTAKE, ASSESSMENT),  # back through assessment: no skipping the weighing
}

# Rule codes (as GateRule.Code)
EFFECT_AND_OWNER = "effect_and_owner"
PRINCIPLES_CHECKED = "principles_checked"
DPIA = "dpia"
ALGORITHM = "algorithm"
RULES = (EFFECT_AND_OWNER, PRINCIPLES_CHECKED, DPIA, ALGORITHM)
SCORED = "scored"  # a required step, always on: weighed on every criterion before prioritising

# The statuses from which a rule starts to apply: reaching them or anything after them.
_FROM_ASSESSMENT = {ASSESSMENT, PRIORITISED, IN_PROGRESS, DONE}
_FROM_START = {IN_PROGRESS, DONE}


@dataclass(frozen=True)
class Facts:
    """What the gates need to know about an initiative."""

    intended_effect: str = ""
    owner: str = ""
    personal_data: str = "none"  # none | low | high
    algorithm: str = "none"  # none | affects_residents
    dpia_done: bool = False
    iama_done: bool = False
    algorithm_registered: bool = False
    # principle code -> (answer, justification); answer None = not answered yet
    principle_answers: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    framework: str | None = ""  # label of the current published framework; None: none published
    unscored: int = 0  # criteria of that framework without a score


@dataclass(frozen=True)
class Blocked:
    rule: str  # the rule code, or "lifecycle"
    message: str  # Dutch


def rule_label(code: str) -> str:
    return {
        EFFECT_AND_OWNER: _("Geen beoordeling zonder beoogd effect en eigenaar"),
        PRINCIPLES_CHECKED: _("Geen start zonder volledige principetoets"),
        DPIA: _("Hoog privacyrisico vraagt een afgeronde DPIA"),
        ALGORITHM: _("Algoritme met effect op inwoners vraagt een IAMA en registratie"),
    }.get(code, code)


def effect_and_owner(facts: Facts, target: str) -> str | None:
    if target not in _FROM_ASSESSMENT:
        return None
    missing = []
    if not facts.intended_effect.strip():
        missing.append(_("het beoogde effect"))
    if not facts.owner.strip():
        missing.append(_("een eigenaar"))
    if not missing:
        return None
    return _("Spelregel ‘%(rule)s’: vul eerst %(missing)s in.") % {
        "rule": rule_label(EFFECT_AND_OWNER), "missing": _(" en ").join(missing)}


def principles_checked(facts: Facts, target: str) -> str | None:
    if target not in _FROM_START:
        return None
    unanswered = [code for code, (answer, _just) in facts.principle_answers.items() if not answer]
    unjustified = [code for code, (answer, justification) in facts.principle_answers.items()
                   if answer == "deviates" and not justification.strip()]
    problems = []
    if unanswered:
        problems.append(ngettext("%(count)d principe is nog niet getoetst", "%(count)d principes zijn nog niet getoetst",
                                 len(unanswered)) % {"count": len(unanswered)})
    if unjustified:
        problems.append(ngettext("%(count)d afwijking heeft geen onderbouwing", "%(count)d afwijkingen hebben geen "
                                 "onderbouwing", len(unjustified)) % {"count": len(unjustified)})
    if not problems:
        return None
    return _("Spelregel ‘%(rule)s’: %(problems)s.") % {
        "rule": rule_label(PRINCIPLES_CHECKED), "problems": "; ".join(problems)}


def dpia(facts: Facts, target: str) -> str | None:
    if target not in _FROM_START or facts.personal_data != "high" or facts.dpia_done:
        return None
    return _("Spelregel ‘%(rule)s’: markeer de DPIA eerst als afgerond.") % {"rule": rule_label(DPIA)}


def algorithm(facts: Facts, target: str) -> str | None:
    if target not in _FROM_START or facts.algorithm != "affects_residents":
        return None
    missing = []
    if not facts.iama_done:
        missing.append(_("de IAMA (mensenrechten- en algoritme-effectbeoordeling) afronden"))
    if not facts.algorithm_registered:
        missing.append(_("het algoritme opnemen in het algoritmeregister"))
    if not missing:
        return None
    return _("Spelregel ‘%(rule)s’: eerst %(missing)s.") % {
        "rule": rule_label(ALGORITHM), "missing": _(" en ").join(missing)}


def scored(facts: Facts, target: str) -> str | None:
    if target != PRIORITISED:
        return None
    if facts.framework is None:
        return _("Stel eerst een afwegingskader vast en scoor het initiatief daarmee.")
    if not facts.unscored:
        return None
    return ngettext("Nog niet gescoord op %(count)d criterium van ‘%(framework)s’: scoor eerst alle criteria.",
                    "Nog niet gescoord op %(count)d criteria van ‘%(framework)s’: scoor eerst alle criteria.",
                    facts.unscored) % {"count": facts.unscored, "framework": facts.framework}


CHECKS = {EFFECT_AND_OWNER: effect_and_owner, PRINCIPLES_CHECKED: principles_checked, DPIA: dpia,
          ALGORITHM: algorithm}


def check(facts: Facts, target: str, enabled: Iterable[str] = RULES) -> list[Blocked]:
    """The enabled rules and required steps that block a move to ``target`` (empty: allowed)."""
    enabled = set(enabled)
    blocked = []
    step = scored(facts, target)
    if step:
        blocked.append(Blocked(SCORED, step))
    for code in RULES:
        if code in enabled:
            message = CHECKS[code](facts, target)
            if message:
                blocked.append(Blocked(code, message))
    return blocked


# The steps still ahead before work starts; a running initiative is checked as if it started now.
_TO_START = {ASSESSMENT: (PRIORITISED, IN_PROGRESS), PRIORITISED: (IN_PROGRESS,), IN_PROGRESS: (IN_PROGRESS,)}


def start_blockers(facts: Facts, current: str, enabled: Iterable[str] = RULES) -> list[Blocked]:
    """What keeps the initiative from starting work: the checks of every step from ``current``."""
    enabled = set(enabled)
    found: dict[str, Blocked] = {}
    for target in _TO_START.get(current, (IN_PROGRESS,)):
        for item in check(facts, target, enabled):
            found.setdefault(item.rule, item)
    return list(found.values())


def blocked_by(facts: Facts, current: str, target: str, enabled: Iterable[str] = RULES) -> list[Blocked]:
    """Life cycle first (is this move possible at all?), then the enabled rules."""
    if target not in ALLOWED.get(current, ()):
        return [Blocked("lifecycle", _("Van status ‘%(current)s’ kan een initiatief niet naar ‘%(target)s’.")
                        % {"current": status_label(current), "target": status_label(target)})]
    return check(facts, target, enabled)


def status_label(status: str) -> str:
    from koers.apps.portfolio.models import Initiative

    return str(Initiative.Status(status).label) if status in Initiative.Status.values else status
