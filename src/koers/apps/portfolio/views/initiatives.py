"""Initiatives: list, intake, the assessment board, editing, effort, status moves, scores, principle checks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio import dependencies, editing, effort, gates, workflow
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.forms import (
    ComplianceForm,
    EffortForm,
    InitiativeEditForm,
    IntakeForm,
    ScoreForm,
    TransitionForm,
    effort_text,
)
from koers.apps.portfolio.models import (
    CriteriaFramework,
    Initiative,
    Principle,
    PrincipleCheck,
    Score,
    Team,
)
from koers.apps.portfolio.views.common import ensure_defaults, latest_run, theme_choices
from koers.web.numbers import parse_number


PER_PAGE = 50
_STATUS_ORDER = {value: position for position, value in enumerate(Initiative.Status.values)}
# Sortable columns of the list: the query value and the key it sorts on (the workflow order for status).
SORT_KEYS = {
    "kenmerk": lambda item: item.reference.casefold(),
    "titel": lambda item: item.title.casefold(),
    "afdeling": lambda item: item.department.casefold(),
    "status": lambda item: _STATUS_ORDER.get(item.status, len(_STATUS_ORDER)),
    "waarde": lambda item: -1.0 if item.value is None else item.value,
    "kosten": lambda item: item.total_cost,
}


def _with_figures(organisation, items: list[Initiative]):
    """Give each item its weighted value under the current framework, its total cost and whether the latest
    finished run selected it (None: not part of that run). A fixed number of queries for any list."""
    framework = frameworks.current_framework(organisation)
    values = frameworks.values_for(framework, [item.pk for item in items]) if framework else {}
    run = latest_run(organisation)
    in_run = set(run.selected) | set(run.values) | set(run.explanation) if run else set()
    for item in items:
        item.value = values.get(item.pk)
        item.total_cost = item.cost_once + item.cost_yearly
        item.in_selection = item.engine_id in run.selected if item.engine_id in in_run else None
    return framework, run


def _headers(query, sort: str, run) -> list[dict]:
    """The list's column headers; a sortable one (with its sort key) links to sorting on it (again: the other
    way round) and the sorted one carries its aria-sort. The search form offers the same keys in a select,
    as a phone hides the header row."""
    columns = [("kenmerk", _("Kenmerk")), ("titel", _("Titel")), ("afdeling", _("Afdeling")), (None, _("Eigenaar")),
               ("status", _("Status")), ("waarde", _("Waarde")), ("kosten", _("Kosten")),
               (None, _("In de selectie van ‘%(run)s’") % {"run": run.name} if run else _("In de selectie"))]
    query, headers = query.copy(), []
    for key, label in columns:
        header = {"label": label, "href": None, "aria_sort": None, "key": key}
        if key:
            current = sort.lstrip("-") == key
            query["sorteer"] = f"-{key}" if current and not sort.startswith("-") else key
            header["href"] = "?" + query.urlencode()
            if current:
                header["aria_sort"] = "descending" if sort.startswith("-") else "ascending"
        headers.append(header)
    return headers


@requires_role(Role.VIEWER)
def initiative_list(request, organisation):
    """Searchable, filterable and sortable list with value, cost and the latest selection (GET parameters
    zoek, status, sorteer with a leading '-' for descending, pagina)."""
    items = Initiative.objects.filter(organisation=organisation).order_by("reference", "id")
    search = request.GET.get("zoek", "").strip()
    if search:
        items = items.filter(Q(reference__icontains=search) | Q(title__icontains=search)
                             | Q(department__icontains=search) | Q(owner__icontains=search))
    status = request.GET.get("status", "")
    if status in Initiative.Status.values:
        items = items.filter(status=status)
    items = list(items)
    framework, run = _with_figures(organisation, items)
    sort = request.GET.get("sorteer", "kenmerk")
    if sort.lstrip("-") not in SORT_KEYS:
        sort = "kenmerk"
    items.sort(key=SORT_KEYS[sort.lstrip("-")], reverse=sort.startswith("-"))
    query = request.GET.copy()
    query.pop("pagina", None)
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "portfolio/initiative_list.html", {
        "organisation": organisation, "page": page, "initiatives": page.object_list, "search": search,
        "status": status, "statuses": Initiative.Status.choices, "framework": framework, "run": run,
        "query": query.urlencode(), "headers": _headers(query, sort, run), "sort": sort})


PREFILLED = ("title", "problem", "intended_effect")  # intake fields a GET parameter may fill in


@requires_role(Role.CONTRIBUTOR)
def submit(request, organisation):
    themes = theme_choices(organisation)
    if request.method == "POST":
        form = IntakeForm(request.POST, organisation=organisation, theme_choices=themes)
        if form.is_valid():
            with transaction.atomic():
                initiative = form.save(commit=False)
                initiative.organisation = organisation
                workflow.submit(initiative, request.user)
                initiative.goals.set(form.cleaned_data["goals"])
                dependencies.set_requires(initiative, form.cleaned_data["requires"])
                effort.replace_effort(initiative, form.cleaned_data["effort"])
            messages.success(request, _("Uw aanvraag %(ref)s is ingediend.") % {"ref": initiative.reference})
            return redirect("portfolio:initiative", slug=organisation.slug, initiative_id=initiative.pk)
        status = 400
    else:
        # another module may propose an initiative with a link that fills in its text (e.g. the readiness scan)
        prefill = {name: request.GET[name][:2000] for name in PREFILLED if request.GET.get(name)}
        form = IntakeForm(organisation=organisation, theme_choices=themes, initial=prefill)
        status = 200
    return render(request, "portfolio/submit.html", {"organisation": organisation, "form": form}, status=status)


def _initiative(organisation, initiative_id):
    return get_object_or_404(Initiative, pk=initiative_id, organisation=organisation)


@requires_role(Role.VIEWER)
def initiative_detail(request, organisation, initiative_id):
    ensure_defaults(organisation)
    initiative = _initiative(organisation, initiative_id)
    framework = frameworks.current_framework(organisation)
    criteria = list(framework.criteria.all()) if framework else []
    scores = {s.criterion_id: s for s in Score.objects.filter(initiative=initiative, framework=framework)}
    value = frameworks.values_for(framework, [initiative.pk])[initiative.pk] if framework else None
    checks = {c.principle_id: c for c in initiative.principle_checks.all()}
    principle_rows = [(p, checks.get(p.pk)) for p in
                      Principle.objects.filter(organisation=organisation, active=True)]
    moves = [(target, gates.status_label(target), blocked) for target, blocked in workflow.possible_moves(initiative)]
    themes = dict(theme_choices(organisation))
    return render(request, "portfolio/initiative_detail.html", {
        "organisation": organisation, "initiative": initiative, "framework": framework,
        "score_rows": [(c, scores.get(c.pk)) for c in criteria], "value": value,
        "score_form": ScoreForm(criteria=criteria, scores={pk: row.value for pk, row in scores.items()}),
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


def _stale(form, stale: editing.StaleVersion) -> None:
    """Show the form again with the user's input, the other person's changes named, and the current
    version, so saving once more (having seen them) goes through."""
    form.data = form.data.copy()
    form.data["version"] = str(stale.current.version)
    form.add_error(None, stale.message)


@requires_role(Role.CONTRIBUTOR)
def initiative_edit(request, organisation, initiative_id):
    """Edit the intake fields of an initiative through ``editing.update`` (audited, versioned: a save
    from an older version is refused and the other changes named). The status is not a field here:
    it changes only through ``move`` with its rules of play."""
    initiative = _editable_initiative(request, organisation, initiative_id)
    themes = theme_choices(organisation)
    if request.method == "POST":
        # A separate instance: a rejected form must not change what the page heading shows.
        form = InitiativeEditForm(request.POST, instance=_initiative(organisation, initiative.pk),
                                  organisation=organisation, theme_choices=themes)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            fields = {name: data[name] for name in form._meta.fields if name not in {"goals", "requires"}}
            try:
                initiative = editing.update(initiative, fields, goals=data["goals"], requires=data["requires"],
                                            expected_version=data["version"])
            except editing.StaleVersion as stale:
                initiative, status = stale.current, 409
                _stale(form, stale)
            except dependencies.DependencyError as exc:  # a dependency stored meanwhile closes a cycle
                form.add_error("requires", exc)
            else:
                messages.success(request, _("De wijzigingen in %(ref)s zijn opgeslagen.") % {
                    "ref": initiative.reference})
                return _back_to(initiative)
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
        status = 400
        if form.is_valid():
            try:
                editing.update(initiative, effort_rows=form.cleaned_data["effort"],
                               expected_version=form.cleaned_data["version"])
            except editing.StaleVersion as stale:
                initiative, status = stale.current, 409
                _stale(form, stale)
            else:
                messages.success(request, _("De geschatte inzet is opgeslagen."))
                return _back_to(initiative)
    else:
        form = EffortForm(organisation=organisation, initial={
            "effort": effort_text(initiative.effort.select_related("team").order_by("quarter", "team__code")),
            "version": initiative.version})
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
        raw = (request.POST.get(f"score_{criterion.pk}") or "").strip()
        if not raw:
            continue
        try:
            frameworks.score(initiative, criterion, parse_number(raw), request.user,
                             note=request.POST.get(f"note_{criterion.pk}", ""))
        except (ValueError, frameworks.FrameworkError) as exc:  # both carry a Dutch message
            errors += 1
            messages.error(request, str(exc))
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
    if not form.is_valid():
        messages.error(request, _("Controleer de ingevulde gegevens."))
        return _back_to(initiative)
    try:
        editing.update(initiative, {name: form.cleaned_data[name] for name in form._meta.fields},
                       expected_version=form.cleaned_data["version"])
    except editing.StaleVersion as stale:
        messages.error(request, stale.message)
    else:
        messages.success(request, _("De gegevens voor de spelregels zijn opgeslagen."))
    return _back_to(initiative)
