"""Forms of the readiness pages and the respondent's questionnaire."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.portfolio.forms import AccessibleErrorsMixin
from koers.apps.readiness.models import MAX_LEVEL, Answer, Dimension
from koers.apps.readiness.rounds import MAX_LINKS
from koers.web.templatetags.koers_text import translated


class RoundForm(AccessibleErrorsMixin, forms.Form):
    name = forms.CharField(label=_lazy("Naam van de ronde"), max_length=200)
    questionnaire = forms.ModelChoiceField(label=_lazy("Vragenlijst"), queryset=None, empty_label=None)
    min_respondents = forms.IntegerField(label=_lazy("Minimum aantal respondenten"), min_value=3, initial=5,
                                         help_text=_lazy("Uitkomsten verschijnen pas vanaf dit aantal, zodat "
                                                         "niemand herkenbaar is."))

    def __init__(self, *args, questionnaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = questionnaires


class LinksForm(AccessibleErrorsMixin, forms.Form):
    count = forms.IntegerField(label=_lazy("Aantal links"), min_value=1, max_value=MAX_LINKS, initial=10)


class DimensionForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["name", "description", "oecd"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ItemForm(AccessibleErrorsMixin, forms.Form):
    text = forms.CharField(label=_lazy("Vraag"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value in range(1, MAX_LEVEL + 1):
            self.fields[f"level_{value}"] = forms.CharField(
                label=_lazy("Niveau %(n)s") % {"n": value}, required=value <= 4,
                widget=forms.Textarea(attrs={"rows": 2}))

    def levels(self) -> list[str]:
        return [self.cleaned_data.get(f"level_{value}", "") for value in range(1, MAX_LEVEL + 1)]


class ResponseForm(forms.Form):
    """Per item a level (radio buttons with the described levels), evidence, a link and a confidence."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"level_{item.pk}"] = forms.TypedChoiceField(
                label=translated(item.text), coerce=int, widget=forms.RadioSelect,
                choices=[(level.value, f"{level.value}. {translated(level.description)}")
                         for level in item.levels.all()],
                error_messages={"required": _lazy("Kies een niveau bij deze vraag.")})
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=_lazy("Onderbouwing (niet verplicht)"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"link_{item.pk}"] = forms.URLField(label=_lazy("Link naar een bron (niet verplicht)"),
                                                            required=False, assume_scheme="https")
            self.fields[f"confidence_{item.pk}"] = forms.ChoiceField(
                label=_lazy("Hoe zeker bent u?"), choices=Answer.Confidence.choices,
                initial=Answer.Confidence.MEDIUM, widget=forms.RadioSelect)

    def rows(self):
        """Per item its four fields, for the template."""
        return [(item, [self[f"{name}_{item.pk}"] for name in ("level", "evidence", "link", "confidence")])
                for item in self.items]
