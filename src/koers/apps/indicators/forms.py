"""Forms of the indicator pages; numbers are typed the Dutch way (``koers.web.numbers``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.indicators.importing import FIELDS, REQUIRED
from koers.apps.indicators.models import Indicator
from koers.apps.portfolio.forms import AccessibleErrorsMixin
from koers.apps.portfolio.models import Goal, Initiative
from koers.web.numbers import DutchFloatField


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IndicatorForm(AccessibleErrorsMixin, forms.ModelForm):
    """An indicator's definition; pass ``instance=Indicator(organisation=...)`` for a new one."""

    baseline_value = DutchFloatField(label=_lazy("Nulmeting (waarde)"), required=False)
    tolerance = DutchFloatField(label=_lazy("Marge voor ‘let op’ (fractie)"), min_value=0, max_value=1,
                                initial=0.05, help_text=_lazy("0,05 betekent: tot 5 % aan de verkeerde kant van "
                                                              "de streefwaarde is ‘let op’, verder is ‘uit koers’."))

    class Meta:
        model = Indicator
        fields = ["name", "meaning", "unit", "direction", "source", "data_lag", "frequency", "owner",
                  "baseline_value", "baseline_date", "tolerance", "goals", "initiatives"]
        widgets = {"meaning": forms.Textarea(attrs={"rows": 3}), "baseline_date": _date_input(),
                   "goals": forms.CheckboxSelectMultiple, "initiatives": forms.CheckboxSelectMultiple}
        help_texts = {"data_lag": _lazy("Hoe lang het duurt voor een meting beschikbaar is, bijvoorbeeld "
                                        "‘een maand’.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = self.instance.organisation
        self.fields["goals"].queryset = Goal.objects.filter(organisation=organisation)
        self.fields["initiatives"].queryset = Initiative.objects.filter(organisation=organisation)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Indicator.objects.filter(organisation=self.instance.organisation, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een indicator met de naam ‘%(name)s’.") % {"name": name})
        return name


class TargetForm(AccessibleErrorsMixin, forms.Form):
    date = forms.DateField(label=_lazy("Datum"), widget=_date_input())
    value = DutchFloatField(label=_lazy("Streefwaarde"))


class MeasurementForm(AccessibleErrorsMixin, forms.Form):
    date = forms.DateField(label=_lazy("Datum"), widget=_date_input())
    value = DutchFloatField(label=_lazy("Waarde"))
    group = forms.CharField(label=_lazy("Groep"), max_length=120, required=False,
                            help_text=_lazy("Leeg voor iedereen; anders bijvoorbeeld een leeftijdsgroep, wijk of "
                                            "dienst."))
    source = forms.CharField(label=_lazy("Bron"), max_length=200, required=False)


class UploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(label=_lazy("Bestand (CSV of Excel)"),
                           help_text=_lazy("Eén rij per meting, met een kopregel. In de volgende stap kiest u "
                                           "welke kolom wat bevat."))


class MappingForm(AccessibleErrorsMixin, forms.Form):
    """Which of the file's columns holds the date, the value, the group and the source (another import
    subclasses it with its own ``FIELDS`` and ``REQUIRED``)."""

    FIELDS, REQUIRED = FIELDS, REQUIRED

    def __init__(self, header: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(column, column) for column in header if column]
        for field, label in self.FIELDS.items():
            required = field in self.REQUIRED
            self.fields[field] = forms.ChoiceField(
                label=str(label).capitalize(), required=required,
                choices=([] if required else [("", _("— geen —"))]) + choices)

    def mapping(self) -> dict[str, str]:
        return {field: value for field, value in self.cleaned_data.items() if value}
