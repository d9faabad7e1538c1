"""Forms of the Kanalen pages; numbers are typed the Dutch way (``koers.web.numbers``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.channels.importing import FIELDS, REQUIRED
from koers.apps.channels.models import CHANNEL_CHOICES
from koers.apps.indicators import forms as indicator_forms
from koers.apps.portfolio.forms import AccessibleErrorsMixin
from koers.effects.channels import DIGITAL
from koers.web.numbers import DutchFloatField


class SupplyForm(AccessibleErrorsMixin, forms.Form):
    period = forms.DateField(label=_lazy("Vanaf periode"), widget=forms.DateInput(attrs={"type": "date"}),
                             help_text=_lazy("De eerste dag van de maand of het kwartaal; het aanbod geldt tot u "
                                             "een nieuwe periode invult."))
    service = forms.CharField(label=_lazy("Dienst"), max_length=120, required=False,
                              help_text=_lazy("Leeg voor alle diensten."))
    channel = forms.ChoiceField(label=_lazy("Kanaal"),
                                choices=[(key, label) for key, label in CHANNEL_CHOICES if key not in DIGITAL])
    capacity = DutchFloatField(label=_lazy("Capaciteit"), required=False, min_value=0,
                               help_text=_lazy("Bijvoorbeeld uren bezetting of aantal balies per week."))
    opening_hours = DutchFloatField(label=_lazy("Openingsuren per week"), required=False, min_value=0,
                                    max_value=168)

    def clean(self):
        data = super().clean()
        if data.get("capacity") is None and data.get("opening_hours") is None and not self.errors:
            raise forms.ValidationError(_("Vul de capaciteit, de openingsuren of allebei in."))
        return data


class ThresholdForm(AccessibleErrorsMixin, forms.Form):
    threshold = DutchFloatField(label=_lazy("Drempel (aandeel van de contacten van een groep)"), min_value=0,
                                max_value=1, help_text=_lazy("0,2 betekent: een groep die nog minstens 20 % van "
                                                             "haar contacten via een kanaal heeft, wordt genoemd "
                                                             "als dat kanaal krimpt."))


class UploadForm(AccessibleErrorsMixin, forms.Form):
    file = forms.FileField(label=_lazy("Bestand (CSV of Excel)"),
                           help_text=_lazy("Eén rij per periode, dienst, kanaal en groep, met een kopregel. In de "
                                           "volgende stap kiest u welke kolom wat bevat."))


class MappingForm(indicator_forms.MappingForm):
    """Which of the file's columns holds the period, service, channel, group and number of contacts."""

    FIELDS, REQUIRED = FIELDS, REQUIRED
