"""The issued PDF: its text holds the chosen sections and figures that match the data, it is tagged
(PDF/UA-1) and declares Dutch, and issuing freezes HTML and PDF with the PDF's SHA-256."""

from __future__ import annotations

import ctypes
import datetime as dt
import hashlib
import io
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from koers.apps.indicators import measuring
from koers.apps.portfolio.models import Initiative
from koers.apps.reports import issuing
from koers.apps.reports.models import Report

from report_helpers import draft, make_report_data, pdf_text


@pytest.fixture
def issued(own, users, make_document):
    data = make_report_data(own)
    make_document()
    report = issuing.issue(draft(own), users["manager"])
    return report, data


def catalogue_language(data: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        size = pdfium_c.FPDFCatalog_GetLanguage(document.raw, None, 0)
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium_c.FPDFCatalog_GetLanguage(document.raw, buffer, size)
        return bytes(buffer)[:-2].decode("utf-16-le")
    finally:
        document.close()


def is_tagged(data: bytes) -> bool:
    """pdfium's check: a /StructTreeRoot and /MarkInfo << /Marked true >> in the catalogue."""
    document = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return bool(pdfium_c.FPDFCatalog_IsTagged(document.raw))
    finally:
        document.close()


def test_the_pdf_holds_the_chosen_sections_and_the_figures(issued, own):
    report, data = issued
    text = " ".join(pdf_text(report.pdf.read()).split())
    for heading in ("Voortgang digitale transformatie", "Voorwoord", "Agendascan", "Portefeuille",
                    "Effectindicatoren", "Kanalen en inclusie", "Wat het college van de raad vraagt"):
        assert heading in text, heading
    assert "Zelfscan" not in text  # not chosen
    attention = sum(1 for row in issuing.rendering.content.agenda(report).get("overview").rows if row.attention)
    assert attention > 0
    assert f"Expliciete aandacht voor {attention} van de" in text
    chosen = Initiative.objects.filter(organisation=own, status=Initiative.Status.PRIORITISED).count()
    assert chosen > 0
    assert re.search(rf"Geprioriteerd\s+{chosen}\b", text)
    assert "eigen portefeuillebesluit" in text
    assert "eigen digitaal aandeel" in text and "op koers" in text
    assert "eigen paspoort" in text and "pagina 1 van" in text


def test_the_pdf_is_tagged_and_dutch(issued):
    report, _data = issued
    content = report.pdf.read()
    assert is_tagged(content)
    assert catalogue_language(content) in ("nl", "nl-NL")


def test_issuing_freezes_html_and_pdf(issued, own):
    report, data = issued
    stored_pdf, stored_html = report.pdf.read(), report.html
    assert hashlib.sha256(stored_pdf).hexdigest() == report.pdf_sha256
    assert report.version == 1 and report.issued_at and report.state == Report.State.ISSUED
    data["indicator"].name = "hernoemde indicator"
    data["indicator"].save()
    Initiative.objects.filter(organisation=own).update(status=Initiative.Status.DONE)
    report.refresh_from_db()
    assert report.html == stored_html and "hernoemde indicator" not in report.html
    with report.pdf.open("rb") as handle:
        assert handle.read() == stored_pdf
    with pytest.raises(issuing.ReportError):
        issuing.save_draft(own, {"title": "Anders"}, report)
    with pytest.raises(issuing.ReportError):
        issuing.issue(report, None)


def test_versions_count_per_organisation(own, foreign, users):
    first = issuing.issue(draft(own, sections=["indicators"]), users["manager"])
    second = issuing.issue(issuing.copy_as_draft(first), users["manager"])
    other = issuing.issue(draft(foreign, sections=["indicators"]), None)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert second.title == first.title and second.sections == ["indicators"]


def test_a_draft_cannot_be_published(own):
    report = draft(own, sections=["indicators"])
    with pytest.raises(issuing.ReportError, match="Alleen een uitgebrachte"):
        issuing.set_published(report, True)
    report.refresh_from_db()
    assert not report.published


@pytest.mark.parametrize("values, message", [
    ({"title": " "}, "titel"),
    ({"sections": []}, "ten minste één onderdeel"),
    ({"sections": ["geheim"]}, "Onbekend onderdeel"),
])
def test_bad_drafts_are_refused_in_dutch(own, values, message):
    with pytest.raises(issuing.ReportError, match=message):
        draft(own, **values)


def test_indicator_status_counts_only_measurements_up_to_the_period_end(own):
    data = make_report_data(own)
    measuring.record(data["indicator"], [measuring.Row(dt.date(2027, 6, 1), 1)])
    html = issuing.rendering.html(draft(own, sections=["indicators"]))
    assert "op koers" in html and "1 juni 2027" not in html
