"""Reviewer verdicts: the one service that writes them, the effective verdict, and the label export.

The effective verdict of a theme is the review when there is one, else the scan's. Pages, API,
dashboard and exports all read it through :func:`effective_attention` (in SQL) or
:func:`attach` (on loaded results), so they cannot disagree.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from koers.apps.agenda.models import Confidence, ScanDocument, ThemeResult, VerdictReview
from koers.csvsafe import safe_row

REASON_MAX = VerdictReview._meta.get_field("reason").max_length


class ReviewError(ValueError):
    """A review cannot be stored; the message says why in Dutch, ``field`` which input is wrong."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def _reviews_of_theme():
    # For a query over ThemeResult: the reviews of the same document and theme.
    return VerdictReview.objects.filter(document=OuterRef("document"), theme=OuterRef("theme"))


def effective_attention() -> Q:
    """For ThemeResult queries: the effective verdict is "attention"."""
    reviews = _reviews_of_theme()
    return Q(Exists(reviews.filter(attention=True))) | (Q(attention=True) & ~Q(Exists(reviews)))


def open_doubt() -> Q:
    """For ThemeResult queries: marked "twijfel" by the scan and not yet reviewed."""
    return Q(confidence=Confidence.UNCERTAIN) & ~Q(Exists(_reviews_of_theme()))


def attach(document: ScanDocument) -> list[ThemeResult]:
    """The document's theme results, each with ``review`` set (None when not reviewed)."""
    reviews = {r.theme: r for r in document.reviews.select_related("reviewed_by")}
    themes = list(document.themes.all())
    for theme in themes:
        theme.review = reviews.get(theme.theme)
    return themes


def _checked_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(_("Geef een korte reden voor uw oordeel."), "reason")
    if len(reason) > REASON_MAX:
        raise ReviewError(_("De reden is %(length)d tekens lang; houd het bij hoogstens %(max)d.")
                          % {"length": len(reason), "max": REASON_MAX}, "reason")
    return reason


def review(document: ScanDocument, theme: str, attention: bool, reason: str, user) -> VerdictReview:
    """Confirm or overturn the verdict on ``theme``; a second review of the same theme replaces the first."""
    reason = _checked_reason(reason)
    if not ThemeResult.objects.filter(document=document, theme=theme).exists():
        raise ReviewError(_("Het thema ‘%(theme)s’ staat niet in de resultaten van dit document.") % {"theme": theme},
                          "theme")
    stored, _created = VerdictReview.objects.update_or_create(
        document=document, theme=theme,
        defaults={"attention": bool(attention), "reason": reason, "reviewed_by": user})
    return stored


def withdraw(document: ScanDocument, theme: str) -> None:
    """Undo the review of ``theme``: the scan's verdict counts again."""
    stored = VerdictReview.objects.filter(document=document, theme=theme).first()
    if stored is None:
        raise ReviewError(_("Het thema ‘%(theme)s’ is in dit document niet beoordeeld.") % {"theme": theme}, "theme")
    stored.delete()


def confirm_rest(document: ScanDocument, reason: str, user) -> int:
    """Confirm the scan's verdict on every theme not yet reviewed, with one reason; returns how many."""
    reason = _checked_reason(reason)
    reviewed = set(document.reviews.values_list("theme", flat=True))
    open_themes = [t for t in document.themes.all() if t.theme not in reviewed]
    with transaction.atomic():
        for theme in open_themes:
            review(document, theme.theme, theme.attention, reason, user)
    return len(open_themes)


def labelled_documents(organisation, theme_ids: list[str]) -> list[tuple[ScanDocument, dict[str, bool]]]:
    """Documents with a review of every theme in ``theme_ids`` and those reviews, newest first.

    One document per file name: a label file names documents by file name, and ``koers eval``
    refuses a name twice, so an older upload of the same name gives way to the newest.
    """
    labels: dict[int, dict[str, bool]] = defaultdict(dict)
    for document_id, theme, attention in (VerdictReview.objects
                                          .filter(document__organisation=organisation, theme__in=theme_ids)
                                          .values_list("document_id", "theme", "attention")):
        labels[document_id][theme] = attention
    complete = [pk for pk, verdicts in labels.items() if len(verdicts) == len(theme_ids)]
    seen, result = set(), []
    for document in ScanDocument.objects.filter(pk__in=complete):
        if document.original_name not in seen:
            seen.add(document.original_name)
            result.append((document, labels[document.pk]))
    return result


def labels_csv(organisation, theme_ids: list[str]) -> str:
    """The reviewed verdicts in the label format of ``koers eval --labels``: document,<theme ids>."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["document", *theme_ids])
    for document, verdicts in labelled_documents(organisation, theme_ids):
        writer.writerow(safe_row([document.original_name, *(int(verdicts[t]) for t in theme_ids)]))
    return out.getvalue()
