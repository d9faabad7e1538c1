"""Harvested public documents, their scans (one per file content and engine version), batches of
scan work, and the open context figures (inhabitants and overhead costs per municipality and year).

A scan is identified by what determines its outcome: the file's SHA-256 and the codebook and
model versions. The same file harvested twice, or listed in two batches, is scanned once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.apps.agenda.models import DocType


class SourceDocument(models.Model):
    """One public document of one municipality, as harvested (or listed in a manifest)."""

    municipality_code = models.CharField(_("CBS-code"), max_length=10)  # GM.... at the time of the document
    municipality = models.CharField(_("gemeente"), max_length=200)
    province = models.CharField(_("provincie"), max_length=100, blank=True)
    doc_type = models.CharField(_("soort document"), max_length=20, choices=DocType.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    path = models.CharField(_("bestand"), max_length=1000)  # on the server, where the workers can read it
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    source = models.CharField(_("bron"), max_length=20)  # "ori", "cvdr", "manifest"
    source_url = models.URLField(_("bronadres"), max_length=2000, blank=True)
    retrieved_at = models.DateTimeField(_("opgehaald op"), null=True, blank=True)
    licence = models.CharField(_("licentie"), max_length=200, blank=True)
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        ordering = ["municipality_code", "year", "doc_type"]
        verbose_name = _("openbaar document")
        verbose_name_plural = _("openbare documenten")
        constraints = [models.UniqueConstraint(fields=["municipality_code", "doc_type", "year", "sha256"],
                                               name="unique_source_document")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.doc_type} {self.year}"


class ScanOutcome(models.Model):
    """The scan of one file content by one codebook and model version: the unit of idempotency."""

    class Status(models.TextChoices):
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    sha256 = models.CharField(_("SHA-256"), max_length=64)
    codebook_version = models.CharField(_("codeboekversie"), max_length=200)
    model_version = models.CharField(_("modelversie"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    error = models.TextField(_("foutmelding"), blank=True)
    pages = models.PositiveIntegerField(_("pagina's"), default=0)
    words = models.PositiveIntegerField(_("woorden"), default=0)
    worker = models.CharField(_("verwerkt door"), max_length=255, blank=True)
    scanned_at = models.DateTimeField(_("gescand op"), auto_now_add=True)

    class Meta:
        ordering = ["-scanned_at", "-id"]
        verbose_name = _("scanuitkomst")
        verbose_name_plural = _("scanuitkomsten")
        constraints = [models.UniqueConstraint(fields=["sha256", "codebook_version", "model_version"],
                                               name="unique_scan_outcome")]

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.codebook_version})"


class OutcomeTheme(models.Model):
    """One theme's verdict in a scan outcome, with its best evidence (page and passage)."""

    outcome = models.ForeignKey(ScanOutcome, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("thema"), max_length=80)
    label = models.CharField(_("naam"), max_length=200)
    attention = models.BooleanField(_("aandacht"))
    probability = models.FloatField(_("kans op aandacht"), null=True, blank=True)
    confidence = models.CharField(_("zekerheid"), max_length=10, blank=True)
    evidence = models.JSONField(default=list)  # [{"page": int, "text": str}, ...], the top passages

    class Meta:
        ordering = ["outcome", "id"]
        constraints = [models.UniqueConstraint(fields=["outcome", "theme"], name="unique_outcome_theme")]

    def __str__(self) -> str:
        return f"{self.outcome_id}:{self.theme}"


class Batch(models.Model):
    """A request to scan a set of source documents on the workers."""

    label = models.CharField(_("omschrijving"), max_length=200, blank=True)
    codebook_version = models.CharField(_("codeboekversie"), max_length=200)
    model_version = models.CharField(_("modelversie"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("gestart door"))
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("scanopdracht")
        verbose_name_plural = _("scanopdrachten")
        permissions = [("run_batch", _("Mag landelijke scanopdrachten starten"))]

    def __str__(self) -> str:
        return self.label or f"scanopdracht {self.pk}"


class BatchItem(models.Model):
    """One document of a batch: its own task, status and attempts."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        REUSED = "reused", _("Al gescand")
        FAILED = "failed", _("Mislukt")

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(SourceDocument, on_delete=models.CASCADE, related_name="batch_items")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    outcome = models.ForeignKey(ScanOutcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    worker = models.CharField(_("verwerkt door"), max_length=255, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "document"], name="unique_batch_document")]
        indexes = [models.Index(fields=["batch", "status"])]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.document_id}"


class ContextFigure(models.Model):
    """An open figure per municipality and year from CBS: inhabitants, or overhead costs per inhabitant."""

    class Kind(models.TextChoices):
        POPULATION = "population", _("Inwoners")
        OVERHEAD = "overhead", _("Overheadkosten per inwoner (euro)")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    municipality_code = models.CharField(_("CBS-code"), max_length=10)
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.FloatField(_("waarde"))
    source = models.CharField(_("bron"), max_length=200)  # e.g. "CBS StatLine 70072NED"
    fetched_at = models.DateTimeField(_("opgehaald op"), auto_now=True)

    class Meta:
        ordering = ["kind", "municipality_code", "year"]
        verbose_name = _("landelijk contextcijfer")
        verbose_name_plural = _("landelijke contextcijfers")
        constraints = [models.UniqueConstraint(fields=["kind", "municipality_code", "year"],
                                               name="unique_national_context")]

    def __str__(self) -> str:
        return f"{self.kind} {self.municipality_code} {self.year}"


class NationalOptIn(models.Model):
    """An organisation that lets its own (reviewed) scan results count in the national view.
    Without this row none of its data appears there."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="national_opt_in", verbose_name=_("organisatie"))
    opted_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("ingeschakeld door"))
    opted_in_at = models.DateTimeField(_("ingeschakeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("deelname aan het landelijk beeld")
        verbose_name_plural = _("deelnames aan het landelijk beeld")

    def __str__(self) -> str:
        return str(self.organisation)

    def audit_organisation(self):
        return self.organisation
