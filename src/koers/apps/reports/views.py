"""Report pages. Viewers read issued reports; managers write drafts, preview, issue and publish them.
Drafts are a manager's work in progress: other roles do not find them. Writes go through ``issuing``."""

from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.apps.organisations.access import can, requires_role
from koers.apps.organisations.models import Organisation, Role
from koers.apps.reports import issuing, rendering
from koers.apps.reports.forms import ReportForm
from koers.apps.reports.issuing import FIELDS, ReportError
from koers.apps.reports.models import Report, published_reports


def visible(request, organisation):
    reports = Report.objects.filter(organisation=organisation)
    return reports if can(request, Role.MANAGER) else reports.filter(state=Report.State.ISSUED)


# The report document is one self-contained file (its styles inside, as in the pdf and the stored copy), so
# it may use inline styles; it has no scripts, and the site's policy stays strict everywhere else.
own_styles = csp_update({"style-src": [UNSAFE_INLINE]})


def _report(request, organisation, report_id) -> Report:
    return get_object_or_404(visible(request, organisation), pk=report_id)


def _detail(report):
    return redirect("reports:detail", slug=report.organisation.slug, report_id=report.pk)


@requires_role(Role.VIEWER)
def report_list(request, organisation):
    return render(request, "reports/list.html", {"organisation": organisation,
                                                 "reports": visible(request, organisation)})


def _form_page(request, organisation, report=None):
    initial = {name: getattr(report, name) for name in FIELDS} if report else {}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = issuing.save_draft(organisation, form.cleaned_data, report)
        except ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return _detail(report)
    return render(request, "reports/edit.html", {"organisation": organisation, "form": form, "report": report},
                  status=400 if request.method == "POST" else 200)


@requires_role(Role.MANAGER)
def report_create(request, organisation):
    return _form_page(request, organisation)


@requires_role(Role.MANAGER)
def report_edit(request, organisation, report_id):
    report = _report(request, organisation, report_id)
    if report.issued:
        messages.error(request, _("Een uitgebrachte rapportage kan niet meer worden gewijzigd; maak een nieuw concept."))
        return _detail(report)
    return _form_page(request, organisation, report)


@requires_role(Role.VIEWER)
def report_detail(request, organisation, report_id):
    return render(request, "reports/detail.html", {"organisation": organisation,
                                                   "report": _report(request, organisation, report_id)})


@requires_role(Role.VIEWER)
@own_styles
def report_document(request, organisation, report_id):
    """The report as one HTML document: as issued, or for a draft generated from today's data."""
    report = _report(request, organisation, report_id)
    return HttpResponse(report.html if report.issued else rendering.html(report))


def _pdf_response(report):
    if not report.issued or not report.pdf:
        raise Http404("geen pdf")
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                        filename=f"{report.organisation.slug}-rapportage-v{report.version}.pdf")


@requires_role(Role.VIEWER)
def report_pdf(request, organisation, report_id):
    return _pdf_response(_report(request, organisation, report_id))


def _action(request, report, action, done: str):
    try:
        action()
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _detail(report)


@requires_role(Role.MANAGER)
@require_POST
def report_issue(request, organisation, report_id):
    report = _report(request, organisation, report_id)
    return _action(request, report, lambda: issuing.issue(report, request.user),
                   _("De rapportage is uitgebracht; html en pdf liggen nu vast."))


@requires_role(Role.MANAGER)
@require_POST
def report_publish(request, organisation, report_id):
    report = _report(request, organisation, report_id)
    publish = request.POST.get("published", "1") == "1"
    return _action(request, report, lambda: issuing.set_published(report, publish),
                   _("De rapportage staat op de openbare pagina.") if publish
                   else _("De rapportage is van de openbare pagina gehaald."))


@requires_role(Role.MANAGER)
@require_POST
def report_copy(request, organisation, report_id):
    copy = issuing.copy_as_draft(_report(request, organisation, report_id))
    messages.success(request, _("Er is een nieuw concept gemaakt met dezelfde onderdelen en teksten."))
    return _detail(copy)


def _published(slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    return organisation, published_reports(organisation)


def public_list(request, slug):
    """Login-free: the reports a manager published."""
    organisation, reports = _published(slug)
    if not reports.exists():
        raise Http404("niets gepubliceerd")
    return render(request, "reports/public.html", {"public_organisation": organisation, "reports": reports})


@own_styles
def public_document(request, slug, report_id):
    return HttpResponse(get_object_or_404(_published(slug)[1], pk=report_id).html)


def public_pdf(request, slug, report_id):
    return _pdf_response(get_object_or_404(_published(slug)[1], pk=report_id))
