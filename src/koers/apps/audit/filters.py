"""Filtering the audit trail of one organisation (shared by the page and the CSV export)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.apps.audit.models import AuditEntry

MODEL_CHOICES = [
    ("", _("Alle soorten")),
    ("organisations.organisation", _("Organisatie")),
    ("organisations.membership", _("Lidmaatschap")),
    ("agenda.scandocument", _("Document")),
    ("agenda.organisationcodebook", _("Codeboek")),
]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Actie"), required=False,
                               choices=[("", _("Alle acties")), *AuditEntry.Action.choices])
    model = forms.ChoiceField(label=_("Soort gegeven"), required=False, choices=MODEL_CHOICES)
    actor = forms.CharField(label=_("Door (gebruikersnaam)"), required=False, max_length=150)
    since = forms.DateField(label=_("Vanaf datum"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Tot en met datum"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("De einddatum ligt voor de begindatum."))
        return data


def filtered_entries(organisation, form: AuditFilterForm):
    entries = AuditEntry.objects.filter(organisation_id=organisation.pk)
    if not form.is_valid():
        return entries
    data = form.cleaned_data
    if data["action"]:
        entries = entries.filter(action=data["action"])
    if data["model"]:
        entries = entries.filter(model=data["model"])
    if data["actor"]:
        entries = entries.filter(actor_name__icontains=data["actor"].strip())
    if data["since"]:
        entries = entries.filter(created_at__date__gte=data["since"])
    if data["until"]:
        entries = entries.filter(created_at__date__lte=data["until"])
    return entries
