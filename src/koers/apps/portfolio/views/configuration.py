"""The organisation's portfolio set-up: rules of play, principles, goals, teams, capacity and budget."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio.forms import GoalForm, PrincipleForm, is_quarter
from koers.apps.portfolio.models import GateRule, Goal, PortfolioSettings, Principle, Team, TeamCapacity
from koers.apps.portfolio.views.common import ensure_defaults
from koers.web.numbers import parse_for


@requires_role(Role.MANAGER)
def rules(request, organisation):
    ensure_defaults(organisation)
    stored = {rule.code: rule for rule in GateRule.objects.filter(organisation=organisation)}
    if request.method == "POST":
        for code in GateRule.Code.values:
            rule = stored.get(code) or GateRule(organisation=organisation, code=code)
            enabled = request.POST.get(f"rule_{code}") == "on"
            if rule.pk is None or rule.enabled != enabled:
                rule.enabled = enabled
                rule.save()
        for principle in Principle.objects.filter(organisation=organisation):
            active = request.POST.get(f"principle_{principle.pk}") == "on"
            if principle.active != active:
                principle.active = active
                principle.save(update_fields=["active"])
        messages.success(request, _("De spelregels en principes zijn opgeslagen."))
        return redirect("portfolio:rules", slug=organisation.slug)
    return render(request, "portfolio/rules.html", {
        "organisation": organisation,
        "rules": [(code, label, stored[code].enabled if code in stored else True)
                  for code, label in GateRule.Code.choices],
        "principles": Principle.objects.filter(organisation=organisation),
    })


@requires_role(Role.MANAGER)
def principle_list(request, organisation):
    """The organisation's principles: add your own (ethical or architecture), link to editing each.
    Switching principles on or off stays on the rules page."""
    ensure_defaults(organisation)
    form = PrincipleForm(request.POST or None, instance=Principle(organisation=organisation),
                         prefix="nieuw")
    if request.method == "POST":
        if form.is_valid():
            principle = form.save()
            messages.success(request, _("Het principe ‘%(title)s’ is toegevoegd en hoort nu bij de principetoets.")
                             % {"title": principle.title})
            return redirect("portfolio:principles", slug=organisation.slug)
    return render(request, "portfolio/principle_list.html", {
        "organisation": organisation, "form": form,
        "principles": Principle.objects.filter(organisation=organisation),
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
def principle_edit(request, organisation, principle_id):
    principle = get_object_or_404(Principle, pk=principle_id, organisation=organisation)
    form = PrincipleForm(request.POST or None, instance=Principle.objects.get(pk=principle.pk))
    if request.method == "POST":
        if form.is_valid():
            principle = form.save()
            messages.success(request, _("Het principe ‘%(title)s’ is opgeslagen.") % {"title": principle.title})
            return redirect("portfolio:principles", slug=organisation.slug)
    return render(request, "portfolio/principle_edit.html", {
        "organisation": organisation, "principle": principle, "form": form,
    }, status=400 if request.method == "POST" else 200)


# --- goals of the digital agenda -----------------------------------------------------------------

@requires_role(Role.MANAGER)
def goal_list(request, organisation):
    form = GoalForm(request.POST or None, instance=Goal(organisation=organisation), prefix="nieuw")
    if request.method == "POST":
        if form.is_valid():
            goal = form.save()
            messages.success(request, _("Het doel ‘%(goal)s’ is toegevoegd.") % {"goal": goal})
            return redirect("portfolio:goals", slug=organisation.slug)
    goals = Goal.objects.filter(organisation=organisation).prefetch_related("initiatives")
    return render(request, "portfolio/goal_list.html", {
        "organisation": organisation, "form": form, "goals": goals,
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
def goal_edit(request, organisation, goal_id):
    goal = get_object_or_404(Goal, pk=goal_id, organisation=organisation)
    form = GoalForm(request.POST or None, instance=Goal.objects.get(pk=goal.pk))
    if request.method == "POST":
        if form.is_valid():
            goal = form.save()
            messages.success(request, _("Het doel ‘%(goal)s’ is opgeslagen.") % {"goal": goal})
            return redirect("portfolio:goals", slug=organisation.slug)
    return render(request, "portfolio/goal_edit.html", {
        "organisation": organisation, "goal": goal, "form": form,
        "serving": goal.initiatives.order_by("reference", "id"),
    }, status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
@require_POST
def goal_delete(request, organisation, goal_id):
    """Remove a goal, but only when no initiative serves it (otherwise say which ones do)."""
    with transaction.atomic():
        goal = get_object_or_404(Goal.objects.select_for_update(), pk=goal_id, organisation=organisation)
        users = list(goal.initiatives.order_by("reference", "id"))
        if users:
            messages.error(request, ngettext(
                "Het doel ‘%(goal)s’ is niet verwijderd: %(n)d initiatief draagt eraan bij (%(refs)s). "
                "Haal het doel eerst bij dat initiatief weg.",
                "Het doel ‘%(goal)s’ is niet verwijderd: %(n)d initiatieven dragen eraan bij (%(refs)s). "
                "Haal het doel eerst bij die initiatieven weg.", len(users))
                % {"goal": goal, "n": len(users), "refs": "; ".join(str(i) for i in users)})
        else:
            goal.delete()
            messages.success(request, _("Het doel ‘%(goal)s’ is verwijderd.") % {"goal": goal})
    return redirect("portfolio:goals", slug=organisation.slug)


@requires_role(Role.MANAGER)
def capacity(request, organisation):
    teams = list(Team.objects.filter(organisation=organisation))
    rows = TeamCapacity.objects.filter(team__organisation=organisation)
    quarters = sorted({row.quarter for row in rows})
    settings_row, _created = PortfolioSettings.objects.get_or_create(organisation=organisation)
    errors = []
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "team":
            code, name = request.POST.get("code", "").strip(), request.POST.get("name", "").strip()
            from django.utils.text import slugify

            if not name or not slugify(code or name):
                errors.append(_("Geef het team een naam."))
            elif Team.objects.filter(organisation=organisation, code=slugify(code or name)).exists():
                errors.append(_("Er is al een team met deze code."))
            else:
                Team.objects.create(organisation=organisation, code=slugify(code or name), name=name)
        else:
            extra = request.POST.get("new_quarter", "").strip()
            if extra and not is_quarter(extra):
                errors.append(_("Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld 2026-Q1."))
            elif extra and extra not in quarters:
                quarters.append(extra)
            for team in teams:
                for quarter in quarters:
                    raw = (request.POST.get(f"cap_{team.pk}_{quarter}") or "").strip()
                    if not raw:
                        continue
                    try:
                        hours = float(parse_for(raw, TeamCapacity._meta.get_field("hours")))
                    except ValueError:
                        errors.append(_("%(team)s %(quarter)s: geef een niet-negatief aantal uren.") % {
                            "team": team.name, "quarter": quarter})
                        continue
                    current = TeamCapacity.objects.filter(team=team, quarter=quarter).first()
                    if current is None:
                        TeamCapacity.objects.create(team=team, quarter=quarter, hours=hours)
                    elif current.hours != hours:
                        current.hours = hours
                        current.save(update_fields=["hours"])
            budget = (request.POST.get("budget") or "").strip()
            try:
                new_budget = None if not budget else parse_for(budget, PortfolioSettings._meta.get_field("budget"))
            except ValueError as exc:  # not a number, negative or more digits than the column holds
                errors.append(_("Budget: %(problem)s") % {"problem": exc})
            else:
                if settings_row.budget != new_budget:
                    settings_row.budget = new_budget
                    settings_row.save()
        if not errors:
            messages.success(request, _("De capaciteit is opgeslagen."))
            return redirect("portfolio:capacity", slug=organisation.slug)
    grid = {(row.team_id, row.quarter): row.hours for row in rows}
    table = [(team, [(quarter, grid.get((team.pk, quarter))) for quarter in quarters]) for team in teams]
    return render(request, "portfolio/capacity.html", {
        "organisation": organisation, "table": table, "quarters": quarters, "budget": settings_row.budget,
        "extra_errors": [{"text": e} for e in errors],
    }, status=400 if errors else 200)
