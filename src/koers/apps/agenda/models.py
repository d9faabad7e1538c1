"""Uploaded documents, their scan status, and the stored scan results."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.background import overdue, worker_gone


def document_upload_path(document: "ScanDocument", filename: str) -> str:
    # A random name: the user's file name is kept in original_name, never used as a path.
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"agenda/{document.organisation_id}/{uuid.uuid4().hex}{extension}"


class DocType(models.TextChoices):
    BEGROTING = "begroting", _("Begroting")
    KADERNOTA = "kadernota", _("Kadernota")
    VOORJAARSNOTA = "voorjaarsnota", _("Voorjaarsnota")
    COALITIEAKKOORD = "coalitieakkoord", _("Coalitieakkoord")
    JAARVERSLAG = "jaarverslag", _("Jaarverslag")
    OVERIG = "overig", _("Overig")


class Status(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ScanDocument(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="documents", verbose_name=_("organisatie"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("geüpload door"))
    file = models.FileField(_("bestand"), upload_to=document_upload_path, max_length=255)
    original_name = models.CharField(_("bestandsnaam"), max_length=255)
    doc_type = models.CharField(_("soort document"), max_length=20, choices=DocType.choices,
                                default=DocType.OVERIG)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("foutmelding"), blank=True)
    pages = models.PositiveIntegerField(_("pagina's"), default=0)
    words = models.PositiveIntegerField(_("woorden"), default=0)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    task_id = models.CharField(max_length=64, blank=True)
    queued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # The process that started the scan ("machine:pid"), to see at once when it died.
    worker = models.CharField(_("verwerkt door"), max_length=255, blank=True)
    # Provenance of the stored results; blank for scans made before it was recorded.
    codebook_version = models.CharField(_("codeboekversie"), max_length=200, blank=True)
    model_version = models.CharField(_("modelversie"), max_length=64, blank=True)
    organisation_model = models.ForeignKey("agenda.OrganisationModel", null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="results",
                                           verbose_name=_("eigen model"))  # None: the shipped model
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        indexes = [
            models.Index(fields=["organisation", "status"]),
            # the document list: newest first per organisation, read page by page
            models.Index(fields=["organisation", "-created_at", "-id"], name="agenda_doc_org_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def audit_organisation(self):
        return self.organisation

    @property
    def is_interrupted(self) -> bool:
        """Running, but the worker process that started the scan is known to be gone."""
        return self.status == Status.RUNNING and worker_gone(self.worker)

    @property
    def is_stuck(self) -> bool:
        return overdue(self.status, self.queued_at, self.started_at) or self.is_interrupted

    @property
    def is_pending(self) -> bool:
        return self.status in (Status.QUEUED, Status.RUNNING) and not self.is_stuck

    @property
    def can_retry(self) -> bool:
        return self.status == Status.FAILED or self.is_stuck

    @property
    def progress(self) -> int | None:
        """Percentage for a <progress> bar; None while running (indeterminate)."""
        return {Status.QUEUED: 0, Status.DONE: 100, Status.FAILED: 100}.get(self.status)


class Confidence(models.TextChoices):
    UNCERTAIN = "twijfel", _("twijfel")
    CLEAR = "duidelijk", _("duidelijk")


class ThemeResult(models.Model):
    document = models.ForeignKey(ScanDocument, on_delete=models.CASCADE, related_name="themes")
    theme = models.CharField(_("thema"), max_length=80)
    label = models.CharField(_("naam"), max_length=200)
    attention = models.BooleanField(_("aandacht"))
    score = models.FloatField(_("score"))
    passages = models.PositiveIntegerField(_("passages"))
    probability = models.FloatField(_("kans op aandacht"), null=True, blank=True)
    confidence = models.CharField(_("zekerheid"), max_length=10, choices=Confidence.choices, blank=True)

    class Meta:
        ordering = ["document", "id"]
        constraints = [models.UniqueConstraint(fields=["document", "theme"], name="unique_theme_result")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.theme}"

    @property
    def verdict(self) -> bool:
        """The effective verdict: the review's when reviews.attach() found one, else the scan's."""
        review = getattr(self, "review", None)
        return review.attention if review is not None else self.attention


class EvidencePassage(models.Model):
    theme_result = models.ForeignKey(ThemeResult, on_delete=models.CASCADE, related_name="evidence")
    rank = models.PositiveSmallIntegerField()
    page = models.PositiveIntegerField(_("pagina"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField(_("passage"))
    terms = models.JSONField(default=list)  # the codebook terms that matched
    highlights = models.JSONField(default=list)  # [[start, end], ...] relative to text

    class Meta:
        ordering = ["theme_result", "rank"]

    def __str__(self) -> str:
        return f"{self.theme_result_id}#{self.rank}"


class OrganisationCodebook(models.Model):
    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="codebook")
    text = models.TextField(_("codeboek (TOML)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("codeboek")
        verbose_name_plural = _("codeboeken")

    def __str__(self) -> str:
        return f"codeboek {self.organisation}"

    def audit_organisation(self):
        return self.organisation


class VerdictReview(models.Model):
    """A reviewer's verdict on one theme of a document; it outlives rescans, as it is about the text."""

    document = models.ForeignKey(ScanDocument, on_delete=models.CASCADE, related_name="reviews",
                                 verbose_name=_("document"))
    theme = models.CharField(_("thema"), max_length=80)
    attention = models.BooleanField(_("aandacht"))
    reason = models.CharField(_("reden"), max_length=500)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("beoordeeld door"))
    reviewed_at = models.DateTimeField(_("beoordeeld op"), auto_now=True)

    class Meta:
        ordering = ["document", "theme"]
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [models.UniqueConstraint(fields=["document", "theme"], name="unique_verdict_review")]

    def __str__(self) -> str:
        return f"{self.document}: {self.theme}"

    def audit_organisation(self):
        return self.document.organisation


class OrganisationModel(models.Model):
    """A decision model trained on the organisation's own reviewed documents; versions are kept."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="scan_models", verbose_name=_("organisatie"))
    version = models.PositiveIntegerField(_("versie"))
    model = models.JSONField(_("model"))
    documents = models.PositiveIntegerField(_("documenten"))
    codebook_fingerprint = models.CharField(_("vingerafdruk van het codeboek"), max_length=64)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("geleerd door"))
    trained_at = models.DateTimeField(_("geleerd op"), auto_now_add=True)
    active = models.BooleanField(_("in gebruik"), default=False)

    class Meta:
        ordering = ["organisation", "-version"]
        verbose_name = _("eigen model")
        verbose_name_plural = _("eigen modellen")
        constraints = [models.UniqueConstraint(fields=["organisation", "version"], name="unique_model_version")]

    def __str__(self) -> str:
        return f"model {self.version} van {self.organisation}"

    def audit_organisation(self):
        return self.organisation


class ModelTraining(models.Model):
    """One request to train an own model: what the manager sees after pressing the button, also when
    the training fails in the background (unreadable files, a crash)."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="scan_model_trainings", verbose_name=_("organisatie"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("gevraagd door"))
    requested_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.QUEUED)
    message = models.TextField(_("melding"), blank=True)
    result = models.ForeignKey(OrganisationModel, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("eigen model"))

    class Meta:
        ordering = ["organisation", "-requested_at", "-id"]
        verbose_name = _("leeropdracht")
        verbose_name_plural = _("leeropdrachten")

    def __str__(self) -> str:
        return f"leeropdracht {self.pk} van {self.organisation}"

    def audit_organisation(self):
        return self.organisation
