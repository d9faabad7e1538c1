"""The demo report: seeded once, issued and published, and a second run writes nothing."""

from __future__ import annotations

from koers.apps.audit.models import AuditEntry
from koers.apps.reports import demo
from koers.apps.reports.models import Report


def test_the_demo_issues_and_publishes_one_report_once(own):
    report = demo.seed(own)
    assert report.issued and report.published and report.version == 1 and len(report.pdf_sha256) == 64
    assert "Wat het college van de raad vraagt" in report.html
    entries = AuditEntry.objects.count()
    assert demo.seed(own).pk == report.pk
    assert Report.objects.filter(organisation=own).count() == 1 and AuditEntry.objects.count() == entries
