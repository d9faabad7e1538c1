"""One read model for a selection run: the rows the run page and the API both show.

A stored run keeps what it decided (values, selection, ranked cut-off, explanation, sensitivity)
per initiative id, so its rows come from the run itself, never from today's candidates: an
initiative that moved on or was deleted after the run still shows as the run saw it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.apps.portfolio import selection
from koers.apps.portfolio.models import Initiative, SelectionRun


def rows(run: SelectionRun) -> list[dict]:
    """Per initiative in the run: id, initiative (None when deleted since), name, reference, title, value,
    selected, ranked_cutoff, reason_code, reason (Dutch), frequency, deleted; chosen first, by value."""
    ids = {str(ident) for ident in (*run.values, *run.selected, *run.ranked_cutoff_selected, *run.explanation,
                                    *run.frequency)}
    items = {str(item.pk): item for item in Initiative.objects.filter(
        organisation_id=run.organisation_id, pk__in=[int(ident) for ident in ids if ident.isdigit()])}
    names = {ident: str(item) for ident, item in items.items()}
    selected, cutoff = set(run.selected), set(run.ranked_cutoff_selected)
    result = []
    for ident in ids:
        item = items.get(ident)
        entry = run.explanation.get(ident) or {}
        result.append({
            "id": int(ident) if ident.isdigit() else None, "initiative": item,
            "name": str(item) if item else _("initiatief %(id)s (verwijderd)") % {"id": ident},
            "reference": item.reference if item else "", "title": item.title if item else "",
            "value": run.values.get(ident), "selected": ident in selected, "ranked_cutoff": ident in cutoff,
            "reason_code": entry.get("code", ""),
            "reason": selection.explanation_text(entry, names) if entry else "",
            "frequency": run.frequency.get(ident), "deleted": item is None,
        })
    return sorted(result, key=_order)


def candidate_rows(organisation) -> list[dict]:
    """The same rows for today's candidates when there is no run yet: nothing valued or chosen."""
    return sorted(({"id": item.pk, "initiative": item, "name": str(item), "reference": item.reference, "title": item.title,
                    "value": None, "selected": False, "ranked_cutoff": False, "reason_code": "", "reason": "",
                    "frequency": None, "deleted": False} for item in selection.candidates(organisation)), key=_order)


def _order(row: dict):
    return not row["selected"], -(row["value"] or 0), row["reference"], row["id"] or 0
