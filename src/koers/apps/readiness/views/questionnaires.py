"""A questionnaire's page; managers copy one into a draft, edit its dimensions and items, publish it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.readiness import questionnaires
from koers.apps.readiness.forms import DimensionForm, ItemForm
from koers.apps.readiness.models import Dimension, Item, Questionnaire


def questionnaire_of(organisation, questionnaire_id) -> Questionnaire:
    """The organisation's own questionnaire or the shipped one; another tenant's gives 404."""
    questionnaires.default()
    return get_object_or_404(Questionnaire.objects.filter(Q(organisation=organisation) | Q(organisation=None)),
                             pk=questionnaire_id)


def _back(questionnaire, organisation, anchor=""):
    response = redirect("readiness:questionnaire", slug=organisation.slug, questionnaire_id=questionnaire.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@requires_role(Role.VIEWER)
def questionnaire_detail(request, organisation, questionnaire_id):
    questionnaire = questionnaire_of(organisation, questionnaire_id)
    dimensions = questionnaire.dimensions.prefetch_related("items__levels")
    return render(request, "readiness/questionnaire.html", {
        "organisation": organisation, "questionnaire": questionnaire, "dimensions": dimensions})


@requires_role(Role.MANAGER)
@require_POST
def questionnaire_copy(request, organisation, questionnaire_id):
    draft = questionnaires.copy(questionnaire_of(organisation, questionnaire_id), organisation)
    messages.success(request, _("Er is een bewerkbaar concept gemaakt (versie %(version)s). Publiceer het als het "
                                "klaar is.") % {"version": draft.version})
    return _back(draft, organisation)


@requires_role(Role.MANAGER)
@require_POST
def questionnaire_publish(request, organisation, questionnaire_id):
    questionnaire = questionnaire_of(organisation, questionnaire_id)
    try:
        questionnaires.publish(questionnaire)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De vragenlijst is gepubliceerd en kan nu in een ronde worden gebruikt."))
    return _back(questionnaire, organisation)


def _draft_part(model, organisation, questionnaire_id, pk, path):
    questionnaire = questionnaire_of(organisation, questionnaire_id)
    part = get_object_or_404(model, pk=pk, **{path: questionnaire})
    return questionnaire, part


def _edit_page(request, organisation, questionnaire, form, heading):
    """The one edit page of a draft's parts; 400 when the form has errors."""
    return render(request, "readiness/edit.html", {
        "organisation": organisation, "questionnaire": questionnaire, "form": form, "heading": heading,
    }, status=400 if form.errors else 200)


def _refuse_published(request, questionnaire, organisation):
    messages.error(request, _("Een gepubliceerde vragenlijst kan niet meer worden gewijzigd; maak een nieuwe "
                              "versie."))
    return _back(questionnaire, organisation)


@requires_role(Role.MANAGER)
def dimension_edit(request, organisation, questionnaire_id, dimension_id):
    questionnaire, dimension = _draft_part(Dimension, organisation, questionnaire_id, dimension_id, "questionnaire")
    if not questionnaire.editable:
        return _refuse_published(request, questionnaire, organisation)
    form = DimensionForm(request.POST or None, instance=dimension)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        questionnaires.update_dimension(dimension, name=data["name"], description=data["description"],
                                        oecd=data["oecd"])
        messages.success(request, _("De dimensie is opgeslagen."))
        return _back(questionnaire, organisation, f"dimensie-{dimension.pk}")
    return _edit_page(request, organisation, questionnaire, form, _("Dimensie ‘%(name)s’ wijzigen") % {"name": dimension.name})


@requires_role(Role.MANAGER)
def item_edit(request, organisation, questionnaire_id, item_id):
    questionnaire, item = _draft_part(Item, organisation, questionnaire_id, item_id, "dimension__questionnaire")
    if not questionnaire.editable:
        return _refuse_published(request, questionnaire, organisation)
    initial = {"text": item.text, **{f"level_{level.value}": level.description for level in item.levels.all()}}
    form = ItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaires.update_item(item, text=form.cleaned_data["text"], levels=form.levels())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return _back(questionnaire, organisation, f"vraag-{item.pk}")
    return _edit_page(request, organisation, questionnaire, form, _("Vraag wijzigen"))


@requires_role(Role.MANAGER)
def item_add(request, organisation, questionnaire_id, dimension_id):
    questionnaire, dimension = _draft_part(Dimension, organisation, questionnaire_id, dimension_id, "questionnaire")
    if not questionnaire.editable:
        return _refuse_published(request, questionnaire, organisation)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = questionnaires.add_item(dimension, text=form.cleaned_data["text"], levels=form.levels())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De vraag is toegevoegd."))
            return _back(questionnaire, organisation, f"vraag-{item.pk}")
    return _edit_page(request, organisation, questionnaire, form, _("Vraag toevoegen aan ‘%(name)s’") % {"name": dimension.name})


@requires_role(Role.MANAGER)
@require_POST
def item_delete(request, organisation, questionnaire_id, item_id):
    questionnaire, item = _draft_part(Item, organisation, questionnaire_id, item_id, "dimension__questionnaire")
    if not questionnaire.editable:
        return _refuse_published(request, questionnaire, organisation)
    dimension = item.dimension
    questionnaires.remove_item(item)
    messages.success(request, _("De vraag is verwijderd."))
    return _back(questionnaire, organisation, f"dimensie-{dimension.pk}")
