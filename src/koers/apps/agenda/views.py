"""Pages of the agenda scan: dashboard, documents, upload, results, retry, codebook."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from koers.apps.agenda import reviews, training
from koers.apps.agenda.dashboard import cached_overview
from koers.apps.agenda.forms import CodebookForm, Rejected, UploadForm, check_upload
from koers.apps.agenda.models import (
    DocType, EvidencePassage, OrganisationCodebook, ModelTraining, OrganisationModel, ScanDocument, Status, ThemeResult,
)
from koers.apps.agenda.reference import STUDY_LABEL
from koers.apps.agenda.scanning import codebook_for, outdated_documents, queue_scan
from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import SIZE_CLASS_LABELS, Role

DOCUMENTS_PER_PAGE = 25


def _theme_order(organisation) -> list[tuple[str, str]]:
    """(id, label) of the themes in the organisation's codebook; empty if it cannot be read."""
    try:
        return [(theme.id, theme.label) for theme in codebook_for(organisation).themes]
    except Exception:  # noqa: BLE001 - the dashboard still shows stored results
        return []


@requires_role(Role.VIEWER)
def dashboard(request, organisation):
    # The codebook is read and parsed only when the figures are not cached.
    data = cached_overview(organisation, lambda: _theme_order(organisation))
    return render(request, "agenda/dashboard.html", {
        "organisation": organisation, "overview": data, "study_label": STUDY_LABEL,
        "size_class_label": SIZE_CLASS_LABELS.get(data.size_class),
    })


def _documents(organisation):
    # A correlated subquery, not Count() over a join: the database walks the
    # (organisation, -created_at, -id) index and counts themes only for the rows shown,
    # instead of grouping every document of the organisation first. Without GROUP BY the
    # model's ordering (newest first) applies again: Django ignores Meta.ordering in GROUP BY
    # queries, so the Count() version listed the oldest 200 documents.
    def count(condition):
        return Coalesce(Subquery(ThemeResult.objects.filter(condition, document=OuterRef("pk")).order_by()
                                 .values("document").annotate(count=Count("id")).values("count")), 0)

    # No uploader and no scan details: the table does not show them, and reading them (a user
    # joined per row) took as long as the rest of the query.
    return (ScanDocument.objects.filter(organisation=organisation)
            .annotate(attention_count=count(reviews.effective_attention()), uncertain_count=count(reviews.open_doubt()))
            .defer("uploaded_by", "file", "pages", "words", "attempts", "task_id", "created_at",
                   "finished_at"))


def _document_url(name: str, slug: str):
    """A function pk -> URL of ``name``: reverse() once, then only string joins.

    reverse() or {% url %} for every row was a large part of the document list's time.
    """
    prefix, suffix = reverse(name, kwargs={"slug": slug, "document_id": 0}).rsplit("/0/", 1)
    return lambda pk: f"{prefix}/{pk}/{suffix}"


def _table_rows(request, organisation, documents) -> list[dict]:
    """What the table shows per document, worked out once in Python.

    Plain dicts: the template engine looks up dict keys first, and an attribute of a model
    instance only after a failed subscript.
    """
    detail_url = _document_url("agenda:document", organisation.slug)
    retry_url = _document_url("agenda:retry", organisation.slug)
    may_retry = can(request, Role.CONTRIBUTOR)
    # Not get_doc_type_display(): it hashes every choice, lazy labels included, for each row.
    doc_types = dict(DocType.choices)
    return [{
        "document": document, "name": document.original_name, "url": detail_url(document.pk),
        "doc_type": doc_types.get(document.doc_type, document.doc_type), "year": document.year,
        "done": document.status == Status.DONE, "attention": document.attention_count,
        "uncertain": document.uncertain_count,
        "retry_url": retry_url(document.pk) if may_retry and document.can_retry else None,
    } for document in documents]


def _progress_context(request, organisation) -> dict:
    """One page of the document list plus the progress of all the organisation's documents."""
    counts = ScanDocument.objects.filter(organisation=organisation).aggregate(
        total=Count("id"), finished=Count("id", filter=Q(status__in=(Status.DONE, Status.FAILED))))
    paginator = Paginator(_documents(organisation), DOCUMENTS_PER_PAGE)
    paginator.count = counts["total"]  # the same number: spares the paginator its COUNT query
    page = paginator.get_page(request.GET.get("pagina"))
    documents = list(page.object_list)
    return {
        "organisation": organisation, "documents": documents, "page": page,
        "rows": _table_rows(request, organisation, documents),
        "pending": counts["finished"] < counts["total"] and _any_pending(organisation),
        "finished": counts["finished"], "total": counts["total"],
    }


def _any_pending(organisation) -> bool:
    """Queued or running and not yet stuck, anywhere in the list (not only on this page)."""
    since = timezone.now() - timedelta(minutes=settings.KOERS_STUCK_AFTER_MINUTES)
    recent = ScanDocument.objects.filter(organisation=organisation).filter(
        Q(status=Status.QUEUED, queued_at__gt=since) | Q(status=Status.QUEUED, queued_at=None)
        | Q(status=Status.RUNNING, started_at__gt=since) | Q(status=Status.RUNNING, started_at=None)
    ).order_by("status").only("status", "worker")  # "queued" first: one of those settles it
    # Whether a running scan's worker died is only known in Python.
    return any(not document.is_interrupted for document in recent.iterator())


@requires_role(Role.VIEWER)
def document_list(request, organisation):
    context = _list_context(request, organisation)
    context["form"] = UploadForm()
    return render(request, "agenda/document_list.html", context)


def _list_context(request, organisation) -> dict:
    """The progress context plus review and model facts (the page, not the polled part)."""
    return {**_progress_context(request, organisation), "fully_reviewed": _fully_reviewed(organisation),
            "model_warning": _model_warning(organisation), "outdated": outdated_documents(organisation).count()}


def _model_warning(organisation) -> str:
    from koers.scan import CodebookError

    try:
        return training.active_model(organisation, codebook_for(organisation))[1]
    except CodebookError:
        return ""


@requires_role(Role.MANAGER)
def scan_model(request, organisation):
    """The organisation's own models: versions, which results each produced, train, switch."""
    versions = (OrganisationModel.objects.filter(organisation=organisation).select_related("trained_by")
                .annotate(result_count=Count("results")).defer("model"))
    return render(request, "agenda/model.html", {
        "organisation": organisation, "versions": versions, "warning": _model_warning(organisation),
        "default_results": ScanDocument.objects.filter(organisation=organisation, status=Status.DONE,
                                                       organisation_model=None).count(),
        "fully_reviewed": _fully_reviewed(organisation), "minimum": training.MIN_DOCUMENTS,
        "any_active": any(version.active for version in versions),
        "last_training": ModelTraining.objects.filter(organisation=organisation).select_related("result").first(),
    })


def _theme_ids(organisation) -> list[str]:
    return [theme for theme, _label in _theme_order(organisation)]


def _fully_reviewed(organisation) -> int:
    theme_ids = _theme_ids(organisation)
    return len(reviews.labelled_documents(organisation, theme_ids)) if theme_ids else 0


@requires_role(Role.MANAGER)
@require_POST
def scan_model_change(request, organisation):
    """Train a new model (in the background), go back to the shipped model, or reactivate a version."""
    action = request.POST.get("action")
    try:
        if action == "train":
            training.request_training(organisation, request.user)
            messages.success(request, _("Het eigen model wordt geleerd. Zodra het klaar is, staat het hieronder en "
                                        "gebruiken nieuwe scans het."))
        elif action == "default":
            training.use_default(organisation)
            messages.success(request, _("Nieuwe scans gebruiken weer het standaardmodel."))
        elif action == "activate":
            version = training.activate(organisation, _version(request.POST.get("version")))
            messages.success(request, _("Nieuwe scans gebruiken eigen model %(version)d.") % {"version": version.version})
        else:
            raise training.TrainingError(_("Onbekende handeling."))
    except training.TrainingError as exc:
        messages.error(request, str(exc))
    return redirect("agenda:model", slug=organisation.slug)


def _version(text) -> int:
    if not (text or "").isdigit():
        raise training.TrainingError(_("Kies een versie van het eigen model."))
    return int(text)


@requires_role(Role.MANAGER)
def labels(request, organisation):
    """The reviewed verdicts as a label file for ``koers eval --labels``."""
    response = HttpResponse(reviews.labels_csv(organisation, _theme_ids(organisation)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="labels-{organisation.slug}.csv"'
    return response


@requires_role(Role.VIEWER)
def progress(request, organisation):
    """The polled fragment: the document table and batch progress."""
    return render(request, "agenda/_documents.html", _progress_context(request, organisation))


@requires_role(Role.CONTRIBUTOR)
def upload(request, organisation):
    if request.method != "POST":
        return redirect("agenda:documents", slug=organisation.slug)
    form = UploadForm(request.POST, request.FILES)
    accepted, rejected = [], []
    if form.is_valid():
        for upload_file in request.FILES.getlist("files"):
            reason = check_upload(upload_file)
            if reason:
                rejected.append(Rejected(upload_file.name, reason))
                continue
            document = ScanDocument.objects.create(
                organisation=organisation, uploaded_by=request.user, file=upload_file,
                original_name=upload_file.name[:255], doc_type=form.cleaned_data["doc_type"],
                year=form.cleaned_data["year"],
            )
            queue_scan(document)
            accepted.append(document)
    if accepted:
        messages.success(request, ngettext("%(count)d document ontvangen en in de wachtrij gezet.",
                                           "%(count)d documenten ontvangen en in de wachtrij gezet.",
                                           len(accepted)) % {"count": len(accepted)})
    if form.is_valid() and not rejected:
        return redirect("agenda:documents", slug=organisation.slug)
    context = _list_context(request, organisation)
    context.update(form=form if not form.is_valid() else UploadForm(initial=form.cleaned_data),
                   rejected=rejected)
    return render(request, "agenda/document_list.html", context, status=200 if accepted else 400)


@requires_role(Role.VIEWER)
def document_detail(request, organisation, document_id):
    return _detail(request, organisation, document_id)


def _detail(request, organisation, document_id, *, status=200, review_error=None):
    """The document page; ``review_error`` ({theme, message, reason}) shows a refused review at its form."""
    evidence = Prefetch("evidence", queryset=EvidencePassage.objects.order_by("rank"))
    themes = Prefetch("themes", queryset=ThemeResult.objects.order_by("id").prefetch_related(evidence))
    document = get_object_or_404(
        ScanDocument.objects.select_related("uploaded_by", "organisation_model").prefetch_related(themes),
        pk=document_id, organisation=organisation,
    )
    results = reviews.attach(document)
    return render(request, "agenda/document_detail.html", {
        "organisation": organisation, "document": document, "themes": results,
        "open_themes": sum(1 for theme in results if theme.review is None),
        "open_doubts": sum(1 for theme in results if theme.review is None and theme.confidence == "twijfel"),
        "review_error": review_error or {}, "reason_max": reviews.REASON_MAX,
        "outdated": outdated_documents(organisation).filter(pk=document.pk).exists(),
    }, status=status)


@requires_role(Role.MANAGER)
@require_POST
def review(request, organisation, document_id):
    """Confirm or overturn one theme's verdict, undo a review, or confirm all verdicts not yet reviewed."""
    document = get_object_or_404(ScanDocument, pk=document_id, organisation=organisation)
    action, theme = request.POST.get("action", "review"), request.POST.get("theme", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "withdraw":
            reviews.withdraw(document, theme)
            messages.success(request, _("De beoordeling is ingetrokken; het oordeel van de scan telt weer."))
        elif action == "confirm_rest":
            count = reviews.confirm_rest(document, reason, request.user)
            messages.success(request, ngettext("%(count)d oordeel bevestigd.", "%(count)d oordelen bevestigd.",
                                               count) % {"count": count})
        else:
            attention = request.POST.get("attention")
            if attention not in ("1", "0"):
                raise reviews.ReviewError(_("Kies of het document expliciete aandacht aan het thema geeft."),
                                          "attention")
            reviews.review(document, theme, attention == "1", reason, request.user)
            messages.success(request, _("Uw oordeel is vastgelegd."))
    except reviews.ReviewError as exc:
        return _detail(request, organisation, document_id, status=400,
                       review_error={"theme": theme if action == "review" else action, "message": str(exc),
                                     "reason": reason})
    anchor = f"#thema-{theme}" if action != "confirm_rest" and theme else ""
    return redirect(document_detail_url(document) + anchor)


@requires_role(Role.CONTRIBUTOR)
@require_POST
def retry(request, organisation, document_id):
    document = get_object_or_404(ScanDocument, pk=document_id, organisation=organisation)
    if document.can_retry:
        queue_scan(document)
        messages.success(request, _("%(name)s wordt opnieuw gescand.") % {"name": document.original_name})
    else:
        messages.error(request, _("%(name)s kan nu niet opnieuw worden gescand: de scan is klaar of loopt nog.")
                       % {"name": document.original_name})
    return _back(request, document)


def document_detail_url(document) -> str:
    from django.urls import reverse

    return reverse("agenda:document", kwargs={"slug": document.organisation.slug, "document_id": document.pk})


def _back(request, document):
    if request.POST.get("next") == "detail":
        return redirect(document_detail_url(document))
    return redirect("agenda:documents", slug=document.organisation.slug)


@requires_role(Role.MANAGER)
@require_POST
def rescan_all(request, organisation):
    documents = [d for d in ScanDocument.objects.filter(organisation=organisation) if not d.is_pending]
    for document in documents:
        queue_scan(document)
    messages.success(request, ngettext("%(count)d document wordt opnieuw gescand.",
                                       "%(count)d documenten worden opnieuw gescand.",
                                       len(documents)) % {"count": len(documents)})
    return redirect("agenda:documents", slug=organisation.slug)


_LINE = re.compile(r"regel (\d+)")


@requires_role(Role.MANAGER)
def codebook(request, organisation):
    stored = OrganisationCodebook.objects.filter(organisation=organisation).first()
    text = stored.text if stored else _default_codebook_text()
    if request.method == "GET" and request.GET.get("format") == "toml":
        response = HttpResponse(text, content_type="application/toml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="codeboek-{organisation.slug}.toml"'
        return response
    if request.method == "POST":
        form = CodebookForm(request.POST)
        if form.is_valid():
            if stored is None:
                stored = OrganisationCodebook(organisation=organisation)
            stored.text, stored.updated_by = form.cleaned_data["text"], request.user
            stored.save()
            messages.success(request, _("Het codeboek is opgeslagen. Scan de documenten opnieuw om het toe te passen."))
            return redirect("agenda:codebook", slug=organisation.slug)
        status = 400
    else:
        form = CodebookForm(initial={"text": text})
        status = 200
    error_line = None
    if form.errors.get("text"):
        match = _LINE.search(form.errors["text"][0])
        error_line = int(match.group(1)) if match else None
    return render(request, "agenda/codebook.html", {
        "organisation": organisation, "form": form, "stored": stored, "error_line": error_line,
        **_codebook_in_words(text),
    }, status=status)


def _codebook_in_words(text: str) -> dict:
    """The saved codebook per theme in plain Dutch; a text the engine no longer accepts gives its error."""
    from koers.apps.agenda import codebook_text
    from koers.scan import CodebookError
    from koers.scan.codebook import parse_codebook

    try:
        parsed = parse_codebook(text, _("het codeboek"))
    except CodebookError as exc:
        return {"codebook": None, "themes": [], "codebook_error": str(exc)}
    return {"codebook": parsed, "themes": codebook_text.describe(parsed), "codebook_error": ""}


def _default_codebook_text() -> str:
    from koers.scan.codebook import DEFAULT_CODEBOOK_PATH

    return DEFAULT_CODEBOOK_PATH.read_text(encoding="utf-8")
