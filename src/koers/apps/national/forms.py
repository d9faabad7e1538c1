"""The filters of the national view, shared by the page, its CSV download and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.apps.agenda.models import DocType

GROUP_CHOICES = [("size_class", _("Grootteklasse")), ("province", _("Provincie")), ("year", _("Jaar"))]


class FilterForm(forms.Form):
    """Grouping of the table (default size class), year (blank: all years), document type (blank: all)."""

    group = forms.ChoiceField(label=_("Indeling"), choices=GROUP_CHOICES, required=False)
    year = forms.IntegerField(label=_("Jaar"), required=False, min_value=1990, max_value=2100)
    doc_type = forms.ChoiceField(label=_("Soort document"), required=False,
                                 choices=[("", _("Alle soorten"))] + DocType.choices)

    def clean_group(self):
        return self.cleaned_data["group"] or "size_class"

    def offer_years(self, years) -> None:
        """Show the year as a list of the years that have data (the check stays a plain year)."""
        choices = [("", _("Alle jaren")), *((str(year), str(year)) for year in years)]
        self.fields["year"].widget = forms.Select(choices=choices)
        self.fields["year"].label = _("Jaar")
