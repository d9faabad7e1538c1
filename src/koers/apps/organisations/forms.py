from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.apps.organisations.models import Membership, Role


class AddMemberForm(forms.Form):
    user = forms.CharField(label=_("Gebruikersnaam of e-mailadres"), max_length=254)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices, initial=Role.VIEWER)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_user(self):
        value = self.cleaned_data["user"].strip()
        users = get_user_model().objects.filter(Q(username__iexact=value) | Q(email__iexact=value),
                                                is_active=True)
        matches = list(users[:2])
        if not matches:
            raise forms.ValidationError(_("Er is geen actieve gebruiker met deze gebruikersnaam of dit e-mailadres."))
        if len(matches) > 1:
            raise forms.ValidationError(_("Dit e-mailadres hoort bij meer gebruikers; gebruik de gebruikersnaam."))
        user = matches[0]
        if Membership.objects.filter(user=user, organisation=self.organisation).exists():
            raise forms.ValidationError(_("Deze gebruiker is al lid van de organisatie."))
        return user


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
