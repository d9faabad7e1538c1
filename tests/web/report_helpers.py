"""A council report over a small data set: a decided portfolio, one indicator, channel data."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium

from koers.apps.portfolio import decisions, selection
from koers.apps.reports import issuing

from channel_helpers import make_channels
from indicator_helpers import make_effects
from portfolio_helpers import make_portfolio

PERIOD = (dt.date(2025, 1, 1), dt.date(2026, 12, 31))


def make_report_data(organisation, secret="eigen"):
    fw, items = make_portfolio(organisation)
    run = selection.queue(selection.create_run(organisation, fw, name=f"{secret} scenario"))
    decision = decisions.decide(organisation, title=f"{secret} portefeuillebesluit", reasoning="Waarde telt.",
                                run=run, meeting_date=dt.date(2026, 3, 1))
    effects = make_effects(organisation, secret)
    channels = make_channels(organisation, secret)
    return {"run": run, "decision": decision, **effects, **channels, "items": items}


def draft(organisation, sections=("agenda", "portfolio", "indicators", "channels"), **values):
    return issuing.save_draft(organisation, {
        "title": values.pop("title", "Voortgang digitale transformatie"), "period_start": PERIOD[0],
        "period_end": PERIOD[1], "sections": list(sections),
        "foreword": values.pop("foreword", "Een woord vooraf."),
        "request_to_council": values.pop("request_to_council", "Het college vraagt de raad om kennis te nemen."),
        **values})


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in document)
    finally:
        document.close()


def reports_of(organisation, secret):
    """An issued report and a draft, their titles carrying ``secret``."""
    issued = issuing.issue(draft(organisation, sections=["indicators"], title=f"{secret} uitgebracht"), None)
    return {"issued": issued, "draft": draft(organisation, sections=["indicators"], title=f"{secret} concept")}
