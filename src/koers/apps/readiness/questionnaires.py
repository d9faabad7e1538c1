"""The one service for questionnaires: the shipped default, copies, drafts and publishing.

A published questionnaire never changes (rounds and their results refer to it); editing one makes a
new draft version, which a manager publishes when it is ready.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koers.apps.readiness import questionnaire_default as shipped
from koers.apps.readiness.models import MAX_LEVEL, Dimension, Item, Level, Questionnaire

State = Questionnaire.State


@transaction.atomic
def default() -> Questionnaire:
    """The shipped questionnaire, created in the database on first use."""
    found = Questionnaire.objects.filter(organisation=None, name=shipped.NAME, version=shipped.VERSION).first()
    if found:
        return found
    questionnaire = Questionnaire.objects.create(organisation=None, name=shipped.NAME, version=shipped.VERSION,
                                                 state=State.PUBLISHED)
    for order, (code, name, description, oecd, items) in enumerate(shipped.DIMENSIONS):
        dimension = Dimension.objects.create(questionnaire=questionnaire, code=code, name=name,
                                             description=description, oecd=oecd, order=order)
        for item_order, (text, levels) in enumerate(items):
            item = Item.objects.create(dimension=dimension, text=text, order=item_order)
            Level.objects.bulk_create(Level(item=item, value=value, description=description)
                                      for value, description in enumerate(levels, start=1))
    return questionnaire


def available(organisation):
    """Questionnaires a round of ``organisation`` may use: published, its own or the shipped one."""
    default()
    return Questionnaire.objects.filter(state=State.PUBLISHED).filter(
        organisation__in=[organisation]) | Questionnaire.objects.filter(state=State.PUBLISHED, organisation=None)


def of(organisation):
    """The questionnaires a member of ``organisation`` sees: the shipped one and its own."""
    default()
    return (Questionnaire.objects.filter(organisation=organisation)
            | Questionnaire.objects.filter(organisation=None)).order_by("organisation", "name", "-version")


@transaction.atomic
def copy(source: Questionnaire, organisation, name: str | None = None) -> Questionnaire:
    """An editable draft of ``source`` for ``organisation``: a new version when it is the organisation's
    own questionnaire, else version 1 of a copy."""
    name = name or source.name
    latest = Questionnaire.objects.filter(organisation=organisation, name=name).aggregate(v=Max("version"))["v"]
    draft = Questionnaire.objects.create(organisation=organisation, name=name, version=(latest or 0) + 1)
    for dimension in source.dimensions.prefetch_related("items__levels"):
        items = list(dimension.items.all())
        dimension.pk, dimension.questionnaire = None, draft
        dimension.save()
        for item in items:
            levels = list(item.levels.all())
            item.pk, item.dimension = None, dimension
            item.save()
            Level.objects.bulk_create(Level(item=item, value=level.value, description=level.description)
                                      for level in levels)
    return draft


def _editable(questionnaire: Questionnaire) -> None:
    if not questionnaire.editable:
        raise ValidationError(_("Een gepubliceerde vragenlijst kan niet meer worden gewijzigd; maak een nieuwe "
                                "versie."))


def publish(questionnaire: Questionnaire) -> None:
    _editable(questionnaire)
    items = Item.objects.filter(dimension__questionnaire=questionnaire)
    if not items.exists():
        raise ValidationError(_("Een vragenlijst zonder vragen kan niet worden gepubliceerd."))
    if items.filter(levels=None).exists():
        raise ValidationError(_("Elke vraag heeft beschreven niveaus nodig voordat de vragenlijst wordt "
                                "gepubliceerd."))
    questionnaire.state = State.PUBLISHED
    questionnaire.save(update_fields=["state"])


@transaction.atomic
def update_dimension(dimension: Dimension, *, name: str, description: str, oecd: str) -> None:
    _editable(dimension.questionnaire)
    dimension.name, dimension.description, dimension.oecd = name, description, oecd
    dimension.full_clean()
    dimension.save()


@transaction.atomic
def add_item(dimension: Dimension, *, text: str, levels: list[str]) -> Item:
    """A new question at the end of ``dimension`` of a draft."""
    _editable(dimension.questionnaire)
    last = dimension.items.aggregate(last=Max("order"))["last"]
    item = Item(dimension=dimension, text=text.strip() or "-", order=(last or 0) + 1)
    item.save()
    update_item(item, text=text, levels=levels)
    return item


@transaction.atomic
def remove_item(item: Item) -> None:
    _editable(item.dimension.questionnaire)
    item.delete()


@transaction.atomic
def update_item(item: Item, *, text: str, levels: list[str]) -> None:
    """The item's text and its level descriptions (1 upwards; empty ones at the end are dropped)."""
    _editable(item.dimension.questionnaire)
    while levels and not levels[-1].strip():
        levels.pop()
    if not 4 <= len(levels) <= MAX_LEVEL or not all(text.strip() for text in levels):
        raise ValidationError(_("Beschrijf vier of vijf niveaus, zonder lege niveaus ertussen."))
    if not text.strip():
        raise ValidationError(_("De vraag mag niet leeg zijn."))
    item.text = text.strip()
    item.save()
    item.levels.all().delete()
    Level.objects.bulk_create(Level(item=item, value=value, description=description.strip())
                              for value, description in enumerate(levels, start=1))
