"""A council report: a draft a manager edits and previews, then issues once.

Issuing stores the HTML as it was rendered that moment and the PDF made from it, with a version per
organisation and the PDF's SHA-256; after that nothing changes except ``published``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.apps.portfolio.models import OrganisationOwned

SECTION_CHOICES = [
    ("agenda", _("Agendascan")),
    ("portfolio", _("Portefeuille")),
    ("indicators", _("Effectindicatoren")),
    ("channels", _("Kanalen en inclusie")),
    ("readiness", _("Zelfscan")),
]
SECTIONS = [code for code, _label in SECTION_CHOICES]


def pdf_upload_path(report: "Report", filename: str) -> str:
    return f"reports/{report.organisation_id}/{filename}"


class Report(OrganisationOwned):
    class State(models.TextChoices):
        DRAFT = "draft", _("Concept")
        ISSUED = "issued", _("Uitgebracht")

    title = models.CharField(_("titel"), max_length=200)
    period_start = models.DateField(_("begin van de periode"))
    period_end = models.DateField(_("einde van de periode"))
    sections = models.JSONField(_("onderdelen"), default=list)  # codes of SECTION_CHOICES, in that order
    foreword = models.TextField(_("voorwoord"), blank=True)
    request_to_council = models.TextField(_("wat het college van de raad vraagt"), blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(_("versie"), null=True, blank=True)  # set when issued
    issued_at = models.DateTimeField(_("uitgebracht op"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("uitgebracht door"))
    html = models.TextField(_("HTML zoals uitgebracht"), blank=True)
    pdf = models.FileField(_("pdf"), upload_to=pdf_upload_path, max_length=255, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 van de pdf"), max_length=64, blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="unique_report_version")]

    def __str__(self) -> str:
        return self.title

    @property
    def issued(self) -> bool:
        return self.state == self.State.ISSUED

    @property
    def section_labels(self) -> list:
        labels = dict(SECTION_CHOICES)
        return [labels[code] for code in self.sections if code in labels]


def published_reports(organisation):
    """The issued reports a manager published, newest version first (for the public pages)."""
    return Report.objects.filter(organisation=organisation, published=True,
                                 state=Report.State.ISSUED).order_by("-version")
