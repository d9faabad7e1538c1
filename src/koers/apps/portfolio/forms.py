"""Forms of the portfolio pages (Dutch labels; the intake form is what contributors fill in)."""

from __future__ import annotations

import re
from itertools import combinations

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.portfolio import dependencies, effort
from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.models import (
    QUARTER_RE, Criterion, CriteriaFramework, Goal, Initiative, Principle, PrincipleCheck, Team,
)
from koers.web.numbers import DutchDecimalField, DutchFloatField, format_number, input_value, parse_number

_EFFORT_LINE = re.compile(r"^\s*(?P<team>[\w-]+)\s*[,;]\s*(?P<quarter>\d{4}-Q[1-4])\s*[,;]\s*(?P<hours>-?\d[\d.,]*)\s*$")


def parse_effort(text: str, organisation) -> list[tuple[Team, str, float]]:
    """Lines ``team-code, 2026-Q1, 120`` into (team, quarter, hours), checked by ``effort.check_rows``;
    raise ValidationError (Dutch) naming the line."""
    rows, numbers = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _EFFORT_LINE.match(line)
        if not match:
            raise forms.ValidationError(_("Regel %(n)d: schrijf teamcode, kwartaal, uren, bijvoorbeeld "
                                          "‘ontwikkeling, 2026-Q1, 120’.") % {"n": number})
        try:
            hours = parse_number(match["hours"])
        except ValueError as exc:
            raise forms.ValidationError(_("Regel %(n)d: %(problem)s") % {"n": number, "problem": exc}) from None
        rows.append((match["team"], match["quarter"], hours))
        numbers.append(number)
    try:
        return effort.check_rows(organisation, rows)
    except effort.EffortError as exc:
        raise forms.ValidationError(_("Regel %(n)d: %(problem)s.") % {
            "n": numbers[exc.index], "problem": exc.reason}) from None


def effort_text(rows) -> str:
    """EffortEstimate rows as the lines ``parse_effort`` reads back (``team-code, 2026-Q1, 120``)."""
    return "\n".join(f"{row.team.code}, {row.quarter}, {input_value(row.hours)}" for row in rows)


def _effort_field() -> forms.CharField:
    return forms.CharField(
        label=_lazy("Geschatte inzet per team per kwartaal"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("Eén regel per team en kwartaal: teamcode, kwartaal, uren. Bijvoorbeeld: "
                        "ontwikkeling, 2026-Q1, 120"))


def _with_team_codes(field: forms.Field, teams: dict[str, Team]) -> None:
    if teams:
        field.help_text = "%s %s" % (field.help_text, _("Teamcodes: %(codes)s.") % {"codes": ", ".join(sorted(teams))})


class AccessibleErrorsMixin:
    """After validation, point each invalid input at its error text (``koers/_field.html`` renders it
    with id ``<input id>_error``) and mark it ``aria-invalid``, next to the hint it already describes."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None or isinstance(field.widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            attrs = field.widget.attrs
            error_id = f"{self[name].auto_id}_error"
            described = [part for part in attrs.get("aria-describedby", "").split() if part != error_id]
            attrs["aria-describedby"] = " ".join(described + [error_id])
            attrs["aria-invalid"] = "true"


def version_field() -> forms.IntegerField:
    """The initiative's version the form was filled in from (hidden); ``editing.update`` refuses a save
    of an older one. Left out (an old page), the save is not checked."""
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class VersionedMixin:
    """A hidden ``version`` filled in from the form's initiative (``instance``)."""

    def _add_version(self) -> None:
        self.fields["version"] = version_field()
        self.fields["version"].initial = self.instance.version


class IntakeForm(AccessibleErrorsMixin, forms.ModelForm):
    themes = forms.MultipleChoiceField(label=_lazy("Thema's"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_lazy("De thema's uit het codeboek van uw organisatie."))
    effort = _effort_field()

    class Meta:
        model = Initiative
        fields = ["title", "problem", "intended_effect", "department", "themes", "goals", "personal_data",
                  "algorithm", "owner", "cost_once", "cost_yearly", "desired_start", "desired_end",
                  "requires", "exclusive_group", "mandatory", "already_running"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "intended_effect": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.CheckboxSelectMultiple,
            "requires": forms.SelectMultiple(attrs={"size": 6}),
            "desired_start": forms.TextInput(attrs={"placeholder": "2026-Q1"}),
            "desired_end": forms.TextInput(attrs={"placeholder": "2026-Q4"}),
        }
        field_classes = {"cost_once": DutchDecimalField, "cost_yearly": DutchDecimalField}
        help_texts = {
            "intended_effect": _lazy("Wat merken inwoners of ondernemers ervan als het klaar is?"),
            "owner": _lazy("Wie is verantwoordelijk voor het resultaat?"),
            "desired_start": _lazy("Als JJJJ-Qn, bijvoorbeeld 2026-Q1."),
            "exclusive_group": _lazy("Initiatieven met dezelfde groepsnaam zijn alternatieven: hoogstens één gaat door."),
            "mandatory": _lazy("Alleen bij een wettelijke verplichting."),
        }

    def __init__(self, *args, organisation, theme_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["themes"].choices = list(theme_choices)
        self.fields["goals"].queryset = Goal.objects.filter(organisation=organisation)
        others = Initiative.objects.filter(organisation=organisation)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["requires"].queryset = others
        self.teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
        _with_team_codes(self.fields["effort"], self.teams)
        for name, field in self.fields.items():
            if field.help_text and not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")

    def clean_effort(self):
        return parse_effort(self.cleaned_data.get("effort", ""), self.organisation)

    def clean(self):
        data = super().clean()
        start, end = data.get("desired_start"), data.get("desired_end")
        if start and end and end < start:
            self.add_error("desired_end", _("Het eindkwartaal ligt voor het startkwartaal."))
        return data


class InitiativeEditForm(VersionedMixin, IntakeForm):
    """The intake form on an existing initiative: the same fields, without effort (its own page) and
    never the status (that changes only through ``workflow.move`` and its rules of play)."""

    def __init__(self, *args, organisation, theme_choices=(), **kwargs):
        instance = kwargs.get("instance")
        choices = list(theme_choices)
        known = {value for value, _label in choices}
        # Keep themes stored earlier (an import, an older codebook) instead of silently dropping them.
        choices += [(theme, theme) for theme in (instance.themes if instance is not None else []) or []
                    if theme not in known]
        super().__init__(*args, organisation=organisation, theme_choices=choices, **kwargs)
        del self.fields["effort"]
        self._add_version()

    def clean_requires(self):
        chosen = self.cleaned_data.get("requires")
        if chosen and self.instance.pk:
            dependencies.check({self.instance: chosen})
        return chosen


class EffortForm(AccessibleErrorsMixin, forms.Form):
    """The effort of one initiative per team and quarter, in the lines the intake form uses."""

    effort = _effort_field()
    version = version_field()

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
        _with_team_codes(self.fields["effort"], self.teams)
        self.fields["effort"].widget.attrs.update({"rows": 8, "aria-describedby": "id_effort_helptext"})

    def clean_effort(self):
        return parse_effort(self.cleaned_data.get("effort", ""), self.organisation)


def goal_subtree(goal) -> set[int]:
    """The ids of ``goal`` and every goal below it."""
    found, frontier = {goal.pk}, [goal.pk]
    while frontier:
        frontier = list(Goal.objects.filter(parent_id__in=frontier).exclude(pk__in=found).values_list("pk", flat=True))
        found.update(frontier)
    return found


class GoalForm(AccessibleErrorsMixin, forms.ModelForm):
    """A goal of the digital agenda; pass ``instance=Goal(organisation=...)`` for a new one."""

    class Meta:
        model = Goal
        fields = ["code", "title", "description", "parent", "owner", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _lazy("Kort en uniek binnen uw organisatie, bijvoorbeeld D1."),
                      "parent": _lazy("Leeg voor een hoofddoel."),
                      "order": _lazy("Doelen met hetzelfde bovenliggende doel staan op volgorde van dit getal.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.setdefault("aria-describedby", f"{self['code'].auto_id}_helptext")
        others = Goal.objects.filter(organisation=self.instance.organisation)
        if self.instance.pk:
            others = others.exclude(pk__in=goal_subtree(self.instance))
        self.fields["parent"].queryset = others
        self.fields["order"].required = False

    def clean_order(self):
        return self.cleaned_data.get("order") or 0

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.pk in goal_subtree(self.instance):
            raise forms.ValidationError(_("Een doel kan niet onder zichzelf of een van zijn subdoelen vallen."))
        return parent

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code:
            raise forms.ValidationError(_("Geef het doel een code."))
        taken = Goal.objects.filter(organisation=self.instance.organisation, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Er is al een doel met de code ‘%(code)s’.") % {"code": code})
        return code


class PrincipleForm(AccessibleErrorsMixin, forms.ModelForm):
    """A principle of the organisation; the kind is chosen when it is added and stays after that."""

    class Meta:
        model = Principle
        fields = ["kind", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"description": _lazy("Wat betekent dit principe in de praktijk? De beoordelaars toetsen "
                                           "elk initiatief hieraan.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["kind"]
        self.fields["description"].widget.attrs.setdefault(
            "aria-describedby", f"{self['description'].auto_id}_helptext")

    def save(self, commit=True):
        principle = super().save(commit=False)
        if not principle.pk:
            organisation = principle.organisation
            base = slugify(principle.title)[:34] or "principe"
            code, number = base, 1
            while Principle.objects.filter(organisation=organisation, code=code).exists():
                number += 1
                code = f"{base}-{number}"
            principle.code = code
            last = Principle.objects.filter(organisation=organisation, kind=principle.kind).order_by("-order").first()
            principle.order = (last.order + 1) if last else 1
        if commit:
            principle.save()
        return principle


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_lazy("Nieuwe status"), choices=Initiative.Status.choices)
    reason = forms.CharField(label=_lazy("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplianceForm(VersionedMixin, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["owner", "intended_effect", "personal_data", "algorithm", "dpia_done", "iama_done",
                  "algorithm_registered", "mandatory", "already_running"]
        widgets = {"intended_effect": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_version()


class ScoreForm(forms.Form):
    """A score per criterion (``score_<criterion id>``, posted to ``views.initiatives.score``): a labelled
    radio scale for a short whole-number scale, a typed number otherwise. A stored score between the points
    (3,5 from an import or the API) is offered as an extra option, so saving the form keeps it."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            name, current = f"score_{criterion.pk}", (scores or {}).get(criterion.pk)
            points = frameworks.scale_points(criterion)
            weight = format_number(round(criterion.weight, 3))
            hint = [criterion.description, _("Gewicht: %(weight)s.") % {"weight": weight}]
            if points is None:
                field = DutchFloatField(required=False)
                hint.append(frameworks.scale_hint(criterion))
            else:
                if current is not None and current not in dict(points):
                    extra = _("%(value)s (huidige score)") % {"value": format_number(current)}
                    points = sorted(points + [(current, extra)])
                field = DutchFloatField(required=False, widget=forms.RadioSelect(
                    choices=[(input_value(value), label) for value, label in points]))
                current = input_value(current) if current is not None else None
            field.label, field.help_text = criterion.name, " ".join(part for part in hint if part)
            self.fields[name], self.initial[name] = field, current


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["code", "name", "description", "scale_min", "scale_max", "weight", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"scale_min": DutchFloatField, "scale_max": DutchFloatField, "weight": DutchFloatField}

    def clean(self):
        data = super().clean()
        if data.get("scale_min") is not None and data.get("scale_max") is not None \
                and data["scale_max"] <= data["scale_min"]:
            self.add_error("scale_max", _("De bovenkant van de schaal moet hoger zijn dan de onderkant."))
        return data


class FrameworkCreateForm(forms.ModelForm):
    class Meta:
        model = CriteriaFramework
        fields = ["name"]


class PairwiseForm(forms.Form):
    """One judgement per pair of criteria (``pair_<i>_<j>``, i < j in the criteria's order) on Saaty's
    verbal scale, in words; ``matrix()`` gives the reciprocal comparison matrix."""

    def __init__(self, *args, criteria, matrix=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.size = len(criteria)
        stored = matrix if matrix and len(matrix) == self.size else None
        for i, j in combinations(range(self.size), 2):
            first, second = criteria[i].name, criteria[j].name
            current = stored[i][j] if stored else 1.0
            name = f"pair_{i}_{j}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("%(a)s tegenover %(b)s") % {"a": first, "b": second},
                choices=frameworks.judgement_choices(first, second, current), coerce=frameworks.judgement_value)
            self.initial[name] = frameworks.judgement_key(current)

    def matrix(self) -> list[list[float]]:
        return frameworks.pairwise_matrix(self.size, {
            (i, j): self.cleaned_data[f"pair_{i}_{j}"] for i, j in combinations(range(self.size), 2)})


class RunForm(forms.Form):
    name = forms.CharField(label=_lazy("Naam van het scenario"), max_length=120)
    framework = forms.ModelChoiceField(label=_lazy("Afwegingskader"), queryset=CriteriaFramework.objects.none())
    capacity_percent = forms.IntegerField(label=_lazy("Capaciteit (procent van de ingevoerde uren)"),
                                          min_value=0, max_value=500, initial=100)
    budget = DutchDecimalField(label=_lazy("Budget (euro)"), required=False, min_value=0, max_digits=14,
                                decimal_places=2, help_text=_lazy("Leeg laten: zonder budgetgrens."))
    sensitivity_draws = forms.IntegerField(label=_lazy("Trekkingen voor de gevoeligheidsanalyse"), min_value=0,
                                           max_value=500, initial=0,
                                           help_text=_lazy("0 = geen gevoeligheidsanalyse. Meer trekkingen duren langer."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = CriteriaFramework.objects.filter(
            organisation=organisation, state=CriteriaFramework.State.PUBLISHED)


class DecisionForm(forms.Form):
    title = forms.CharField(label=_lazy("Titel van het besluit"), max_length=200)
    meeting_date = forms.DateField(label=_lazy("Datum van het overleg"),
                                   widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    body = forms.CharField(label=_lazy("Besloten door"), max_length=120,
                           help_text=_lazy("Bijvoorbeeld het portefeuilleoverleg of het college van B&W."))
    document_url = forms.URLField(label=_lazy("Link naar het vergaderstuk"), max_length=500, required=False,
                                  assume_scheme="https",
                                  help_text=_lazy("Optioneel: de notulen of het besluitenlijstje."))
    reasoning = forms.CharField(label=_lazy("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 6}))
    run = forms.ModelChoiceField(label=_lazy("Scenario"), queryset=None, required=False, error_messages={
        "invalid_choice": _lazy("Kies een scenario dat klaar is met rekenen.")})

    def __init__(self, *args, organisation, **kwargs):
        from django.utils import timezone

        from koers.apps.portfolio.models import DEFAULT_BODY, SelectionRun

        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = SelectionRun.objects.filter(organisation=organisation,
                                                                  state=SelectionRun.State.DONE)
        self.fields["meeting_date"].initial = timezone.localdate()
        self.fields["body"].initial = DEFAULT_BODY

    def clean_run(self):
        from koers.apps.portfolio.decisions import run_problem

        run = self.cleaned_data["run"]
        problem = run_problem(run) if run is not None else None
        if problem:
            raise forms.ValidationError(problem)
        return run


class PublishForm(forms.Form):
    """Publishing is deliberate: the manager ticks that this may become public (no JavaScript needed)."""

    confirm = forms.BooleanField(label=_lazy("Ik bevestig dat dit besluit met de gekozen en niet gekozen "
                                             "initiatieven, de criteria en de gewichten openbaar wordt."),
                                 error_messages={"required": _lazy("Vink eerst aan dat het besluit openbaar mag.")})


def is_quarter(value: str) -> bool:
    return bool(QUARTER_RE.match(value))


ANSWER_CHOICES = [("", _lazy("Nog niet getoetst"))] + list(PrincipleCheck.Answer.choices)
