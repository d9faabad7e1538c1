"""Forms of the portfolio pages (Dutch labels; the intake form is what contributors fill in)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.portfolio.models import (
    QUARTER_RE, Criterion, CriteriaFramework, Goal, Initiative, PrincipleCheck, Team,
)

_EFFORT_LINE = re.compile(r"^\s*(?P<team>[\w-]+)\s*[,;]\s*(?P<quarter>\d{4}-Q[1-4])\s*[,;]\s*(?P<hours>\d+(?:[.,]\d+)?)\s*$")


def parse_effort(text: str, teams: dict[str, Team]) -> list[tuple[Team, str, float]]:
    """Lines ``team-code, 2026-Q1, 120`` into (team, quarter, hours); raise ValidationError (Dutch)."""
    rows, seen = [], set()
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _EFFORT_LINE.match(line)
        if not match:
            raise forms.ValidationError(_("Regel %(n)d: schrijf teamcode, kwartaal, uren, bijvoorbeeld "
                                          "‘ontwikkeling, 2026-Q1, 120’.") % {"n": number})
        team = teams.get(match["team"])
        if team is None:
            raise forms.ValidationError(_("Regel %(n)d: onbekend team ‘%(team)s’.") % {"n": number, "team": match["team"]})
        key = (team.pk, match["quarter"])
        if key in seen:
            raise forms.ValidationError(_("Regel %(n)d: dit team en kwartaal staan er al.") % {"n": number})
        seen.add(key)
        rows.append((team, match["quarter"], float(match["hours"].replace(",", "."))))
    return rows


class IntakeForm(forms.ModelForm):
    themes = forms.MultipleChoiceField(label=_lazy("Thema's"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_lazy("De thema's uit het codeboek van uw organisatie."))
    effort = forms.CharField(
        label=_lazy("Geschatte inzet per team per kwartaal"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_lazy("Eén regel per team en kwartaal: teamcode, kwartaal, uren. Bijvoorbeeld: "
                        "ontwikkeling, 2026-Q1, 120"))

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
        help_texts = {
            "intended_effect": _lazy("Wat merken inwoners of ondernemers ervan als het klaar is?"),
            "owner": _lazy("Wie is verantwoordelijk voor het resultaat?"),
            "desired_start": _lazy("Als JJJJ-Kn, bijvoorbeeld 2026-Q1."),
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
        if self.teams:
            self.fields["effort"].help_text = "%s %s" % (self.fields["effort"].help_text, _("Teamcodes: %(codes)s.") % {
                "codes": ", ".join(sorted(self.teams))})
        for name, field in self.fields.items():
            if field.help_text and not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("aria-describedby", f"id_{name}_helptext")

    def clean_effort(self):
        return parse_effort(self.cleaned_data.get("effort", ""), self.teams)

    def clean(self):
        data = super().clean()
        start, end = data.get("desired_start"), data.get("desired_end")
        if start and end and end < start:
            self.add_error("desired_end", _("Het eindkwartaal ligt voor het startkwartaal."))
        return data


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_lazy("Nieuwe status"), choices=Initiative.Status.choices)
    reason = forms.CharField(label=_lazy("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplianceForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["owner", "intended_effect", "personal_data", "algorithm", "dpia_done", "iama_done",
                  "algorithm_registered", "mandatory", "already_running"]
        widgets = {"intended_effect": forms.Textarea(attrs={"rows": 2})}


def score_fields(criteria: list[Criterion], existing: dict[int, float]) -> list[tuple[Criterion, str, float | None]]:
    return [(c, f"score_{c.pk}", existing.get(c.pk)) for c in criteria]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["code", "name", "description", "scale_min", "scale_max", "weight", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

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


class RunForm(forms.Form):
    name = forms.CharField(label=_lazy("Naam van het scenario"), max_length=120)
    framework = forms.ModelChoiceField(label=_lazy("Afwegingskader"), queryset=CriteriaFramework.objects.none())
    capacity_percent = forms.IntegerField(label=_lazy("Capaciteit (procent van de ingevoerde uren)"),
                                          min_value=0, max_value=500, initial=100)
    budget = forms.DecimalField(label=_lazy("Budget (euro)"), required=False, min_value=0, max_digits=14,
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
    reasoning = forms.CharField(label=_lazy("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 6}))
    run = forms.ModelChoiceField(label=_lazy("Scenario"), queryset=None, required=False)

    def __init__(self, *args, organisation, **kwargs):
        from koers.apps.portfolio.models import SelectionRun

        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = SelectionRun.objects.filter(organisation=organisation,
                                                                  state=SelectionRun.State.DONE)


def is_quarter(value: str) -> bool:
    return bool(QUARTER_RE.match(value))


ANSWER_CHOICES = [("", _lazy("Nog niet getoetst"))] + list(PrincipleCheck.Answer.choices)
