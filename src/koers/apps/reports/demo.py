"""Demo council report for Gemeente Voorbeeld: one report over the past twelve months with every section
this installation has, issued and published. ``seed(organisation)`` does nothing when the organisation
already has an issued report, so a second ``make run`` writes nothing. The demo command calls it last,
after the data the report reads."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from koers.apps.reports import content, issuing
from koers.apps.reports.models import SECTIONS, Report

FOREWORD = ("Deze rapportage laat zien waar de gemeente staat met haar digitale plannen: wat de "
            "begrotingsstukken erover zeggen, welke initiatieven zijn gekozen, of de beoogde effecten "
            "zichtbaar worden en wie de kanalen nog nodig heeft.")
REQUEST = ("Het college vraagt de raad kennis te nemen van de voortgang en in te stemmen met het "
           "behoud van de balie voor paspoorten zolang oudere inwoners daar afhankelijk van zijn.")


@transaction.atomic
def seed(organisation, today: dt.date | None = None) -> Report:
    existing = Report.objects.filter(organisation=organisation, state=Report.State.ISSUED).first()
    if existing:
        return existing
    today = today or dt.date.today()
    sections = [code for code in SECTIONS if code != "readiness" or content.readiness_available()]
    draft = issuing.save_draft(organisation, {
        "title": "Voortgang digitale transformatie", "period_start": today.replace(year=today.year - 1),
        "period_end": today, "sections": sections, "foreword": FOREWORD, "request_to_council": REQUEST})
    return issuing.set_published(issuing.issue(draft, None), True)
