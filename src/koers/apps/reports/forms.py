"""The form of a draft report; the checks themselves live in ``issuing``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.portfolio.forms import AccessibleErrorsMixin
from koers.apps.reports.models import SECTION_CHOICES


class ReportForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(label=_lazy("Titel"), max_length=200)
    period_start = forms.DateField(label=_lazy("Begin van de periode"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_lazy("Einde van de periode"), widget=forms.DateInput(attrs={"type": "date"}))
    sections = forms.MultipleChoiceField(label=_lazy("Onderdelen"), choices=SECTION_CHOICES,
                                         widget=forms.CheckboxSelectMultiple)
    foreword = forms.CharField(label=_lazy("Voorwoord"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    request_to_council = forms.CharField(label=_lazy("Wat het college van de raad vraagt"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 5}))
