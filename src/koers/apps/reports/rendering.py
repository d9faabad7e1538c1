"""A report as one self-contained Dutch HTML document, and the tagged PDF WeasyPrint makes of it.

The HTML carries its own print styles and inline SVG charts, so a stored copy needs nothing else. The
PDF is PDF/UA-1 (tagged, with the language and title), with bookmarks from the headings and page
numbers; WeasyPrint may read ``data:`` URLs only, never the network or the file system.
"""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint.urls import URLFetcher

from koers.apps.reports import content
from koers.apps.reports.models import SECTION_CHOICES


def html(report, generated_at=None) -> str:
    """The report in Dutch as it reads from the data now."""
    labels = dict(SECTION_CHOICES)
    with translation.override("nl"):
        return render_to_string("reports/document.html", {
            "report": report, "organisation": report.organisation, "generated_at": generated_at or timezone.now(),
            "sections": [(code, labels[code], data) for code, data in content.sections(report).items()],
        })


def pdf(document: str) -> bytes:
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return weasyprint.HTML(string=document, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
