"""Pages of portfolio management: intake, assessment board, frameworks, rules, capacity, scenarios,
decisions, and the public (login-free) page with what a manager published.

Every organisation page goes through ``requires_role``; objects are always looked up within the
organisation, so another tenant's id gives 404. Changes go through the service modules.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.apps.audit import recorder
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Organisation, Role
from koers.apps.portfolio import (
    charts, decisions, framework as frameworks, gates, principles, selection, transfer, workflow,
)
from koers.apps.portfolio.forms import (
    ComplianceForm, CriterionForm, DecisionForm, EffortForm, FrameworkCreateForm, GoalForm, InitiativeEditForm,
    IntakeForm, PrincipleForm, RunForm, TransitionForm, effort_text, is_quarter, replace_effort,
)
from koers.apps.portfolio.models import (
    CriteriaFramework, Criterion, Decision, EffortEstimate, GateRule, Goal, Initiative, PortfolioSettings,
    Principle, PrincipleCheck, Score, SelectionRun, Team, TeamCapacity,
)


def _ensure_defaults(organisation) -> None:
    if not GateRule.objects.filter(organisation=organisation).exists():
        principles.ensure_defaults(organisation)


def _theme_choices(organisation) -> list[tuple[str, str]]:
    from koers.apps.agenda.scanning import codebook_for

    try:
        return [(theme.id, theme.label) for theme in codebook_for(organisation).themes]
    except Exception:  # noqa: BLE001 - a broken codebook must not block the intake form
        return []


def _latest_run(organisation, run_id=None):
    runs = SelectionRun.objects.filter(organisation=organisation, state=SelectionRun.State.DONE)
    if run_id:
        return get_object_or_404(runs, pk=run_id)
    return runs.order_by("-created_at", "-id").first()


# --- overview ------------------------------------------------------------------------------------

def _run_context(organisation, run):
    """Chart, table and explanation data of one run (or of the current candidates without a run)."""
    items = {item.engine_id: item for item in selection.candidates(organisation)}
    hours = {}
    for row in EffortEstimate.objects.filter(initiative__in=items.values()):
        hours[str(row.initiative_id)] = hours.get(str(row.initiative_id), 0.0) + row.hours
    values = run.values if run else {}
    selected = set(run.selected) if run else set()
    names = {ident: str(item) for ident, item in items.items()}
    rows = []
    for ident, item in items.items():
        entry = run.explanation.get(ident, {}) if run else {}
        rows.append({
            "initiative": item, "value": values.get(ident), "hours": hours.get(ident, 0.0),
            "selected": ident in selected, "why": selection.explanation_text(entry, names) if entry else "",
            "frequency": (run.frequency.get(ident) if run and run.frequency else None),
        })
    rows.sort(key=lambda r: (not r["selected"], -(r["value"] or 0)))
    points = [charts.Point(r["hours"], r["value"] or 0.0, f'{r["initiative"]}: {r["value"] or 0:.3f}',
                           r["selected"]) for r in rows]
    capacity_rows = selection.demand_and_capacity(organisation, run)
    return {
        "rows": rows, "capacity_rows": capacity_rows,
        "scatter": mark_safe(charts.scatter(  # noqa: S308 - built from escaped parts in charts.py
            points, title=_("Waarde tegen inzet"),
            description=_("Elke stip is een initiatief: rechts meer uren, hoger meer waarde. De tabel "
                          "hieronder bevat dezelfde gegevens."),
            x_label=_("Inzet (uren)"), y_label=_("Gewogen waarde"), selected_label=_("Gekozen"),
            other_label=_("Niet gekozen"))),
        "bars": mark_safe(charts.capacity_bars(  # noqa: S308
            capacity_rows, title=_("Vraag tegen capaciteit"),
            description=_("Per team en kwartaal: de vraag van alle initiatieven, die van de selectie en "
                          "de beschikbare capaciteit. De tabel bevat dezelfde gegevens."),
            demand_label=_("Vraag (alle)"), selected_label=_("Vraag (selectie)"),
            capacity_label=_("Capaciteit"))) if capacity_rows else "",
    }


def _overview_context(request, organisation):
    run = _latest_run(organisation, request.GET.get("scenario") if str(request.GET.get("scenario", "")).isdigit() else None)
    return {"organisation": organisation, "run": run, "max_import_mb": transfer.MAX_FILE_BYTES // (1024 * 1024),
            **_run_context(organisation, run)}


@requires_role(Role.VIEWER)
def overview(request, organisation):
    return render(request, "portfolio/overview.html", _overview_context(request, organisation))


# --- import and export (koers.apps.portfolio.transfer) ------------------------------------------

def _download(organisation, kind: str) -> HttpResponse:
    if kind == "csv":
        data, content_type = transfer.export_csv(organisation), transfer.CSV_CONTENT_TYPE
    else:
        data, content_type = transfer.export_xlsx(organisation), transfer.XLSX_CONTENT_TYPE
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{transfer.export_filename(organisation, kind)}"'
    return response


@requires_role(Role.VIEWER)
def export_csv(request, organisation):
    return _download(organisation, "csv")


@requires_role(Role.VIEWER)
def export_xlsx(request, organisation):
    return _download(organisation, "xlsx")


@requires_role(Role.MANAGER)
@require_POST
def import_file(request, organisation):
    """Upload a CSV or XLSX file in the export layout; all or nothing (see transfer.import_portfolio)."""
    upload = request.FILES.get("bestand")
    if upload is None:
        problems = [_("Kies een CSV- of Excel-bestand om te importeren.")]
    elif upload.size > transfer.MAX_FILE_BYTES:
        problems = [_("Het bestand is groter dan %(mb)d MB.") % {"mb": transfer.MAX_FILE_BYTES // (1024 * 1024)}]
    else:
        try:
            result = transfer.import_portfolio(organisation, upload.read(), upload.name, request.user)
        except transfer.PortfolioImportError as exc:
            problems = exc.messages
        else:
            messages.success(request, result.summary())
            return redirect("portfolio:overview", slug=organisation.slug)
    context = _overview_context(request, organisation)
    context.update(import_errors=problems, import_name=upload.name if upload is not None else "")
    return render(request, "portfolio/overview.html", context, status=400)


# --- initiatives -------------------------------------------------------------------------------

@requires_role(Role.VIEWER)
def initiative_list(request, organisation):
    items = Initiative.objects.filter(organisation=organisation).order_by("reference", "id")
    status = request.GET.get("status", "")
    if status in Initiative.Status.values:
        items = items.filter(status=status)
    return render(request, "portfolio/initiative_list.html", {
        "organisation": organisation, "initiatives": items, "status": status,
        "statuses": Initiative.Status.choices})


@requires_role(Role.CONTRIBUTOR)
def submit(request, organisation):
    themes = _theme_choices(organisation)
    if request.method == "POST":
        form = IntakeForm(request.POST, organisation=organisation, theme_choices=themes)
        if form.is_valid():
            with transaction.atomic():
                initiative = form.save(commit=False)
                initiative.organisation = organisation
                workflow.submit(initiative, request.user)
                form.save_m2m()
                for team, quarter, hours in form.cleaned_data["effort"]:
                    EffortEstimate.objects.create(initiative=initiative, team=team, quarter=quarter, hours=hours)
            messages.success(request, _("Uw aanvraag %(ref)s is ingediend.") % {"ref": initiative.reference})
            return redirect("portfolio:initiative", slug=organisation.slug, initiative_id=initiative.pk)
        status = 400
    else:
        form = IntakeForm(organisation=organisation, theme_choices=themes)
        status = 200
    return render(request, "portfolio/submit.html", {"organisation": organisation, "form": form}, status=status)


def _initiative(organisation, initiative_id):
    return get_object_or_404(Initiative, pk=initiative_id, organisation=organisation)


@requires_role(Role.VIEWER)
def initiative_detail(request, organisation, initiative_id):
    _ensure_defaults(organisation)
    initiative = _initiative(organisation, initiative_id)
    framework = frameworks.current_framework(organisation)
    criteria = list(framework.criteria.all()) if framework else []
    scores = {s.criterion_id: s for s in Score.objects.filter(initiative=initiative, framework=framework)}
    value = frameworks.values_for(framework, [initiative.pk])[initiative.pk] if framework else None
    checks = {c.principle_id: c for c in initiative.principle_checks.all()}
    principle_rows = [(p, checks.get(p.pk)) for p in
                      Principle.objects.filter(organisation=organisation, active=True)]
    moves = [(target, gates.status_label(target), blocked) for target, blocked in workflow.possible_moves(initiative)]
    themes = dict(_theme_choices(organisation))
    return render(request, "portfolio/initiative_detail.html", {
        "organisation": organisation, "initiative": initiative, "framework": framework,
        "score_rows": [(c, scores.get(c.pk)) for c in criteria], "value": value,
        "principle_rows": principle_rows, "answers": PrincipleCheck.Answer.choices, "moves": moves,
        "transitions": initiative.transitions.select_related("actor"),
        "effort": initiative.effort.select_related("team"),
        "theme_labels": [themes.get(t, t) for t in initiative.themes],
        "compliance_form": ComplianceForm(instance=initiative),
        "may_edit": _may_edit(request, initiative),
        "enabled_rules": [gates.rule_label(code) for code in sorted(workflow.enabled_rules(organisation))],
    })


def _back_to(initiative):
    return redirect("portfolio:initiative", slug=initiative.organisation.slug, initiative_id=initiative.pk)


def _may_edit(request, initiative) -> bool:
    """Managers and admins always; the contributor who submitted the request while it is in intake."""
    if can(request, Role.MANAGER):
        return True
    return (can(request, Role.CONTRIBUTOR) and initiative.submitted_by_id == request.user.pk
            and initiative.status == Initiative.Status.INTAKE)


def _editable_initiative(request, organisation, initiative_id):
    initiative = _initiative(organisation, initiative_id)  # another tenant's id: 404 before anything else
    if not _may_edit(request, initiative):
        raise PermissionDenied(_("Alleen beheerders, of de indiener zolang de aanvraag in intake is, "
                                 "mogen dit initiatief wijzigen."))
    return initiative


def _m2m_ids(initiative) -> dict[str, list[int]]:
    return {"goals": sorted(initiative.goals.values_list("pk", flat=True)),
            "requires": sorted(initiative.requires.values_list("pk", flat=True))}


@requires_role(Role.CONTRIBUTOR)
def initiative_edit(request, organisation, initiative_id):
    """Edit the intake fields of an initiative. The status is not a field here: it changes only through
    ``move`` with its rules of play. Field changes are audited by the recorder; goals and dependencies
    (many-to-many, which the recorder does not see) are written to the audit trail here."""
    initiative = _editable_initiative(request, organisation, initiative_id)
    themes = _theme_choices(organisation)
    if request.method == "POST":
        # A separate instance: a rejected form must not change what the page heading shows.
        form = InitiativeEditForm(request.POST, instance=_initiative(organisation, initiative.pk),
                                  organisation=organisation, theme_choices=themes)
        if form.is_valid():
            with transaction.atomic():
                before = _m2m_ids(initiative)
                initiative = form.save()
                after = _m2m_ids(initiative)
                changed = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
                if changed:
                    recorder.write(initiative, AuditEntry.Action.UPDATE, changed)
            messages.success(request, _("De wijzigingen in %(ref)s zijn opgeslagen.") % {"ref": initiative.reference})
            return _back_to(initiative)
        status = 400
    else:
        form = InitiativeEditForm(instance=initiative, organisation=organisation, theme_choices=themes)
        status = 200
    return render(request, "portfolio/initiative_edit.html", {
        "organisation": organisation, "initiative": initiative, "form": form}, status=status)


@requires_role(Role.CONTRIBUTOR)
def effort_edit(request, organisation, initiative_id):
    """Replace the effort per team and quarter (same lines as the intake form) in one transaction."""
    initiative = _editable_initiative(request, organisation, initiative_id)
    if request.method == "POST":
        form = EffortForm(request.POST, organisation=organisation)
        if form.is_valid():
            with transaction.atomic():
                replace_effort(initiative, form.cleaned_data["effort"])
            messages.success(request, _("De geschatte inzet is opgeslagen."))
            return _back_to(initiative)
        status = 400
    else:
        form = EffortForm(organisation=organisation, initial={
            "effort": effort_text(initiative.effort.select_related("team").order_by("quarter", "team__code"))})
        status = 200
    return render(request, "portfolio/effort_edit.html", {
        "organisation": organisation, "initiative": initiative, "form": form,
        "teams": Team.objects.filter(organisation=organisation)}, status=status)


@requires_role(Role.MANAGER)
@require_POST
def move(request, organisation, initiative_id):
    initiative = _initiative(organisation, initiative_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een nieuwe status en geef een reden."))
        return _back_to(initiative)
    try:
        workflow.move(initiative, form.cleaned_data["target"], request.user, form.cleaned_data["reason"])
    except workflow.TransitionBlocked as blocked:
        for message in blocked.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("De status is nu ‘%(status)s’.") % {
            "status": gates.status_label(form.cleaned_data["target"])})
    return _back_to(initiative)


@requires_role(Role.MANAGER)
@require_POST
def score(request, organisation, initiative_id):
    initiative = _initiative(organisation, initiative_id)
    framework_id = request.POST.get("framework", "")
    if framework_id.isdigit():
        framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation,
                                      state=CriteriaFramework.State.PUBLISHED)
    else:
        framework = frameworks.current_framework(organisation)
    if framework is None:
        messages.error(request, _("Er is nog geen vastgesteld afwegingskader."))
        return _back_to(initiative)
    errors = 0
    for criterion in framework.criteria.all():
        raw = (request.POST.get(f"score_{criterion.pk}") or "").strip().replace(",", ".")
        if not raw:
            continue
        try:
            frameworks.score(initiative, criterion, float(raw), request.user,
                             note=request.POST.get(f"note_{criterion.pk}", ""))
        except (ValueError, frameworks.FrameworkError) as exc:
            errors += 1
            messages.error(request, str(exc) if isinstance(exc, frameworks.FrameworkError)
                           else _("‘%(raw)s’ is geen getal.") % {"raw": raw})
    if not errors:
        messages.success(request, _("De scores zijn opgeslagen."))
    return _back_to(initiative)


@requires_role(Role.MANAGER)
@require_POST
def principle_checks(request, organisation, initiative_id):
    initiative = _initiative(organisation, initiative_id)
    for principle in Principle.objects.filter(organisation=organisation, active=True):
        answer = request.POST.get(f"answer_{principle.pk}", "")
        if not answer:
            continue
        try:
            workflow.check_principle(initiative, principle, answer,
                                     request.POST.get(f"justification_{principle.pk}", ""), request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
    messages.success(request, _("De principetoets is opgeslagen."))
    return _back_to(initiative)


@requires_role(Role.MANAGER)
@require_POST
def compliance(request, organisation, initiative_id):
    initiative = _initiative(organisation, initiative_id)
    form = ComplianceForm(request.POST, instance=initiative)
    if form.is_valid():
        form.save()
        messages.success(request, _("De gegevens voor de spelregels zijn opgeslagen."))
    else:
        messages.error(request, _("Controleer de ingevulde gegevens."))
    return _back_to(initiative)


# --- frameworks ------------------------------------------------------------------------------------

@requires_role(Role.MANAGER)
def framework_list(request, organisation):
    form = FrameworkCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"].strip()
        created = CriteriaFramework.objects.create(organisation=organisation, name=name,
                                                   version=frameworks.next_version(organisation, name),
                                                   created_by=request.user)
        return redirect("portfolio:framework", slug=organisation.slug, framework_id=created.pk)
    return render(request, "portfolio/framework_list.html", {
        "organisation": organisation, "form": form,
        "frameworks": CriteriaFramework.objects.filter(organisation=organisation)},
        status=400 if request.method == "POST" else 200)


def _pairwise_from_post(post, criteria) -> list[list[float]]:
    n = len(criteria)
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            raw = (post.get(f"pair_{i}_{j}") or "1").replace(",", ".")
            if "/" in raw:
                top, bottom = raw.split("/", 1)
                value = float(top) / float(bottom)
            else:
                value = float(raw)
            matrix[i][j], matrix[j][i] = value, 1.0 / value if value else 0.0
    return matrix


@requires_role(Role.MANAGER)
def framework_detail(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    criteria = list(framework.criteria.all())
    form = CriterionForm()
    ahp = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            frameworks.editable(framework)
            if action == "add":
                form = CriterionForm(request.POST, instance=Criterion(framework=framework))
                if form.is_valid():
                    form.save()
                    messages.success(request, _("Het criterium is toegevoegd."))
                    return redirect(request.path)
                status = 400
            elif action == "delete":
                get_object_or_404(Criterion, pk=request.POST.get("criterion") or 0, framework=framework).delete()
                return redirect(request.path)
            elif action == "weights":
                weights = {c.pk: float((request.POST.get(f"weight_{c.pk}") or "0").replace(",", ".")) for c in criteria}
                if any(w < 0 for w in weights.values()):
                    raise frameworks.FrameworkError(_("Gewichten mogen niet negatief zijn."))
                frameworks.set_weights(framework, weights)
                messages.success(request, _("De gewichten zijn opgeslagen."))
                return redirect(request.path)
            elif action == "pairwise":
                ahp = frameworks.set_pairwise(framework, _pairwise_from_post(request.POST, criteria))
                criteria = list(framework.criteria.all())
                messages.success(request, _("De gewichten zijn afgeleid uit de paarsgewijze vergelijking."))
        except (ValidationError, frameworks.FrameworkError, ValueError, ZeroDivisionError) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else (
                str(exc) if isinstance(exc, frameworks.FrameworkError) else _("Vul bij elke vergelijking een getal in."))
            messages.error(request, message)
            status = 400
    n = len(criteria)
    pairs = [(i, j, criteria[i], criteria[j],
              (framework.pairwise[i][j] if framework.pairwise and len(framework.pairwise) == n else 1))
             for i in range(n) for j in range(i + 1, n)]
    cr = ahp.consistency_ratio if ahp else framework.consistency_ratio
    return render(request, "portfolio/framework_detail.html", {
        "organisation": organisation, "framework": framework, "criteria": criteria, "form": form,
        "pairs": pairs, "consistency_ratio": cr,
        "inconsistent": cr is not None and cr > frameworks.CR_LIMIT, "cr_limit": frameworks.CR_LIMIT,
    }, status=status)


@requires_role(Role.MANAGER)
@require_POST
def framework_publish(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    try:
        frameworks.publish(framework, request.user)
        messages.success(request, _("Versie %(v)d is vastgesteld.") % {"v": framework.version})
    except (frameworks.FrameworkError, ValidationError) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
    return redirect("portfolio:framework", slug=organisation.slug, framework_id=framework.pk)


@requires_role(Role.MANAGER)
@require_POST
def framework_new_version(request, organisation, framework_id):
    framework = get_object_or_404(CriteriaFramework, pk=framework_id, organisation=organisation)
    copy = frameworks.new_version(framework, request.user)
    messages.success(request, _("Versie %(v)d is aangemaakt als concept.") % {"v": copy.version})
    return redirect("portfolio:framework", slug=organisation.slug, framework_id=copy.pk)


# --- rules, principles, capacity ------------------------------------------------------------------

@requires_role(Role.MANAGER)
def rules(request, organisation):
    _ensure_defaults(organisation)
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
    _ensure_defaults(organisation)
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
                errors.append(_("Schrijf een kwartaal als JJJJ-Kn, bijvoorbeeld 2026-Q1."))
            elif extra and extra not in quarters:
                quarters.append(extra)
            for team in teams:
                for quarter in quarters:
                    raw = (request.POST.get(f"cap_{team.pk}_{quarter}") or "").strip().replace(",", ".")
                    if not raw:
                        continue
                    try:
                        hours = float(raw)
                        if hours < 0:
                            raise ValueError
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
            budget = (request.POST.get("budget") or "").strip().replace(",", ".")
            try:
                new_budget = None if not budget else float(budget)
                if new_budget is not None and new_budget < 0:
                    raise ValueError
            except ValueError:
                errors.append(_("Het budget moet een niet-negatief bedrag zijn."))
            else:
                if (settings_row.budget is None) != (new_budget is None) or (
                        new_budget is not None and float(settings_row.budget) != new_budget):
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


# --- scenarios -----------------------------------------------------------------------------------

@requires_role(Role.VIEWER)
def run_list(request, organisation):
    runs = SelectionRun.objects.filter(organisation=organisation).select_related("framework")
    compare_ids = [int(i) for i in request.GET.getlist("vergelijk") if i.isdigit()][:4]
    compared = list(runs.filter(pk__in=compare_ids, state=SelectionRun.State.DONE))
    comparison = []
    if compared:
        ids = sorted({ident for run in compared for ident in run.selected} | set())
        items = {str(i.pk): i for i in Initiative.objects.filter(organisation=organisation, pk__in=[int(x) for x in ids])}
        comparison = [(items[ident], [ident in run.selected for run in compared])
                      for ident in ids if ident in items]
        comparison.sort(key=lambda row: str(row[0]))
    form = RunForm(organisation=organisation, initial={
        "framework": frameworks.current_framework(organisation), "budget": selection.default_budget(organisation)})
    return render(request, "portfolio/run_list.html", {
        "organisation": organisation, "runs": runs, "compared": compared, "comparison": comparison,
        "form": form})


@requires_role(Role.MANAGER)
@require_POST
def run_create(request, organisation):
    form = RunForm(request.POST, organisation=organisation)
    if not form.is_valid():
        runs = SelectionRun.objects.filter(organisation=organisation).select_related("framework")
        return render(request, "portfolio/run_list.html", {
            "organisation": organisation, "runs": runs, "form": form, "compared": [], "comparison": []}, status=400)
    data = form.cleaned_data
    run = selection.create_run(organisation, data["framework"], name=data["name"], user=request.user,
                               capacity_factor=data["capacity_percent"] / 100, budget=data["budget"],
                               sensitivity_draws=data["sensitivity_draws"])
    selection.queue(run)
    messages.success(request, _("Het scenario ‘%(name)s’ wordt berekend.") % {"name": run.name})
    return redirect("portfolio:run", slug=organisation.slug, run_id=run.pk)


@requires_role(Role.VIEWER)
def run_detail(request, organisation, run_id):
    run = get_object_or_404(SelectionRun.objects.select_related("framework"), pk=run_id, organisation=organisation)
    context = {"organisation": organisation, "run": run}
    if run.state == SelectionRun.State.DONE:
        context.update(_run_context(organisation, run))
    template = "portfolio/_run_state.html" if request.headers.get("HX-Request") else "portfolio/run_detail.html"
    return render(request, template, context)


# --- decisions and the public page ----------------------------------------------------------------

@requires_role(Role.VIEWER)
def decision_list(request, organisation):
    return render(request, "portfolio/decision_list.html", {
        "organisation": organisation,
        "decisions": Decision.objects.filter(organisation=organisation).select_related("run", "decided_by"),
        "form": DecisionForm(organisation=organisation, initial={"run": _latest_run(organisation)}),
        "public_url": reverse("portfolio_public:decisions", kwargs={"slug": organisation.slug}),
    })


@requires_role(Role.MANAGER)
@require_POST
def decide(request, organisation):
    form = DecisionForm(request.POST, organisation=organisation)
    if form.is_valid():
        decisions.decide(organisation, title=form.cleaned_data["title"], reasoning=form.cleaned_data["reasoning"],
                         run=form.cleaned_data["run"], user=request.user)
        messages.success(request, _("Het besluit is vastgelegd."))
        return redirect("portfolio:decisions", slug=organisation.slug)
    return render(request, "portfolio/decision_list.html", {
        "organisation": organisation, "form": form,
        "decisions": Decision.objects.filter(organisation=organisation),
        "public_url": reverse("portfolio_public:decisions", kwargs={"slug": organisation.slug}),
    }, status=400)


@requires_role(Role.MANAGER)
@require_POST
def decision_publish(request, organisation, decision_id):
    decision = get_object_or_404(Decision, pk=decision_id, organisation=organisation)
    if request.POST.get("action") == "withdraw":
        decisions.withdraw(decision, request.user)
        messages.success(request, _("Het besluit staat niet meer op de openbare pagina."))
    else:
        decisions.publish(decision, request.user)
        messages.success(request, _("Het besluit staat op de openbare pagina."))
    return redirect("portfolio:decisions", slug=organisation.slug)


def public_decisions(request, slug):
    """Login-free: only decisions a manager published, with what was frozen at publication."""
    organisation = get_object_or_404(Organisation, slug=slug)
    published = Decision.objects.filter(organisation=organisation, published=True).order_by("-published_at")
    if not published.exists():
        raise Http404("niets gepubliceerd")
    return render(request, "portfolio/public.html", {"public_organisation": organisation, "decisions": published})
