"""The filters of the national view, shared by the page, its CSV download and the API."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.apps.agenda.models import DocType

GROUP_CHOICES = [("size_class", _("Grootteklasse")), ("province", _("Provincie")), ("year", _("Jaar"))]


ALL_YEARS = "alle"


class FilterForm(forms.Form):
    """Grouping of the table (default size class), year, document type (blank: all).

    Without a year the latest year with data is shown, so a share by size class or province is a
    share of municipalities; ``alle`` pools the years, and then the unit is a municipality-year.
    Grouped by year, every year is shown anyway."""

    group = forms.ChoiceField(label=_("Indeling"), choices=GROUP_CHOICES, required=False)
    year = forms.CharField(label=_("Jaar"), required=False, max_length=4)
    doc_type = forms.ChoiceField(label=_("Soort document"), required=False,
                                 choices=[("", _("Alle soorten"))] + DocType.choices)

    def clean_group(self):
        return self.cleaned_data["group"] or "size_class"

    def clean_year(self):
        """None for all years, "" for the default (the latest year), else the year as a number."""
        text = self.cleaned_data["year"].strip().lower()
        if text in ("", ALL_YEARS):
            return None if text else ""
        if not text.isdigit() or not 1990 <= int(text) <= 2100:
            raise forms.ValidationError(_("Kies een jaar tussen 1990 en 2100, of alle jaren."))
        return int(text)

    def year_for(self, years: list[int]) -> int | None:
        """The year to show, given the years that have data."""
        year = self.cleaned_data["year"]
        if year != "":
            return year
        return years[-1] if years and self.cleaned_data["group"] != "year" else None

    def offer_years(self, years, shown: int | None) -> None:
        """Show the year as a list of the years that have data, with the year shown selected."""
        choices = [(ALL_YEARS, _("Alle jaren samen")), *((str(year), str(year)) for year in years)]
        self.fields["year"].widget = forms.Select(choices=choices)
        self.data = self.data.copy()
        self.data["year"] = str(shown) if shown else ALL_YEARS
