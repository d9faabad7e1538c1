"""The one service that writes reports (pages, API and demo): drafts, issuing, publishing, copying.

Issuing renders the HTML once, makes the PDF from that HTML and stores both with the next version
number of the organisation and the PDF's SHA-256; an issued report is never edited again.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.reports import rendering
from koers.apps.reports.models import SECTIONS, Report

FIELDS = ("title", "period_start", "period_end", "sections", "foreword", "request_to_council")


class ReportError(ValueError):
    """A refused change, with a Dutch message for the user."""


def _check(values: dict) -> dict:
    if not str(values.get("title") or "").strip():
        raise ReportError(_("Geef de rapportage een titel."))
    if values["period_start"] > values["period_end"]:
        raise ReportError(_("Het begin van de periode ligt na het einde."))
    unknown = [code for code in values["sections"] if code not in SECTIONS]
    if unknown:
        raise ReportError(_("Onbekend onderdeel: %(codes)s.") % {"codes": ", ".join(map(str, unknown))})
    if not values["sections"]:
        raise ReportError(_("Kies ten minste één onderdeel."))
    return {**values, "sections": [code for code in SECTIONS if code in values["sections"]]}


def save_draft(organisation, values: dict, report: Report | None = None) -> Report:
    """Create a draft, or change one; ``values`` holds the keys of ``FIELDS``."""
    if report is not None and report.issued:
        raise ReportError(_("Een uitgebrachte rapportage kan niet meer worden gewijzigd; maak een nieuw concept."))
    values = _check({**({name: getattr(report, name) for name in FIELDS} if report else {}), **values})
    report = report or Report(organisation=organisation)
    for name in FIELDS:
        setattr(report, name, values.get(name, "") if name in ("foreword", "request_to_council") else values[name])
    report.save()
    return report


def copy_as_draft(report: Report) -> Report:
    """A new draft with the same title, period, sections and texts (to revise an issued report)."""
    return save_draft(report.organisation, {name: getattr(report, name) for name in FIELDS})


@transaction.atomic
def issue(report: Report, user) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.issued:
        raise ReportError(_("Deze rapportage is al uitgebracht."))
    latest = Report.objects.filter(organisation=report.organisation).aggregate(v=Max("version"))["v"]
    report.version, report.issued_at, report.issued_by = (latest or 0) + 1, timezone.now(), user
    report.state = Report.State.ISSUED
    report.html = rendering.html(report)
    document = rendering.pdf(report.html)
    report.pdf_sha256 = hashlib.sha256(document).hexdigest()
    report.pdf.save(f"rapportage-{report.organisation.slug}-v{report.version}.pdf", ContentFile(document), save=False)
    report.save()
    return report


def set_published(report: Report, published: bool) -> Report:
    if published and not report.issued:
        raise ReportError(_("Alleen een uitgebrachte rapportage kan worden gepubliceerd."))
    report.published = published
    report.save(update_fields=["published"])
    return report
