from django import forms
from django.utils.translation import gettext_lazy as _

from koers.apps.organisations.models import ApiToken, Role


class InviteForm(forms.Form):
    email = forms.CharField(label=_("E-mailadres"), max_length=254, widget=forms.EmailInput)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.VIEWER)


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100,
                           help_text=_("Waarvoor gebruikt u de sleutel? Bijvoorbeeld ‘koppeling zaaksysteem’."))
    days = forms.TypedChoiceField(label=_("Geldig"), coerce=int, choices=ApiToken.Lifetime.choices,
                                  initial=ApiToken.Lifetime.DAYS_90)
