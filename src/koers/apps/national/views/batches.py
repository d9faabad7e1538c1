"""The batch page (``/landelijk/scanopdrachten/``) for users with the ``national.run_batch``
permission (researchers, granted in /beheer/): the batches with their progress, and a form that
starts one over the registered documents not yet scanned, or over a manifest under
KOERS_NATIONAL_ROOT (chosen from a list, never a path typed by the user)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.apps.national import batches
from koers.apps.national.models import Batch
from koers.scan import ScanError

NOT_SCANNED = "nog-niet-gescand"
SHOWN = 20  # the most recent batches on the page; older ones stay in /beheer/ and the API


def researchers_only(view):
    """Anonymous users go to the login page; signed-in users without the permission get 403."""
    return login_required(permission_required("national.run_batch", raise_exception=True)(view))


class StartBatchForm(forms.Form):
    source = forms.ChoiceField(label=_lazy("Welke documenten"))
    label = forms.CharField(label=_lazy("Omschrijving"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        waiting = batches.not_yet_scanned().count()
        self.fields["source"].choices = [
            (NOT_SCANNED, ngettext("Alle geregistreerde documenten die nog niet zijn gescand (%(count)d)",
                                   "Alle geregistreerde documenten die nog niet zijn gescand (%(count)d)",
                                   waiting) % {"count": waiting}),
            *((name, _("Manifest %(name)s") % {"name": name}) for name in batches.manifests_on_server()),
        ]


def _rows():
    return [{"batch": batch, "progress": batches.progress(batch)}
            for batch in Batch.objects.select_related("created_by")[:SHOWN]]


def _context(form):
    rows = _rows()
    return {"form": form, "rows": rows, "pending": any(not row["progress"].finished for row in rows),
            "root": settings.KOERS_NATIONAL_ROOT}


@researchers_only
def batch_list(request):
    form = StartBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = _start(request, form.cleaned_data)
        if batch is not None:
            messages.success(request, _("Scanopdracht %(id)d is gestart.") % {"id": batch.pk})
            return redirect("national_batches:list")
    return render(request, "national/batches.html", _context(form))


def _start(request, data) -> Batch | None:
    try:
        if data["source"] == NOT_SCANNED:
            documents = batches.not_yet_scanned()
        else:
            documents, problems = batches.register_manifest(Path(settings.KOERS_NATIONAL_ROOT) / data["source"])
            for problem in problems[:10]:
                messages.warning(request, problem)
            if len(problems) > 10:
                messages.warning(request, _("En nog %(count)d problemen in het manifest.") % {"count": len(problems) - 10})
        return batches.start_batch(documents, user=request.user, label=data["label"])
    except (ScanError, ValueError) as exc:
        messages.error(request, str(exc))
        return None


@researchers_only
def batch_progress(request):
    """The table alone, for the page's htmx polling while a batch runs."""
    return render(request, "national/_batches.html", _context(None))


@researchers_only
@require_POST
def requeue(request):
    """Queue again the items of a batch whose worker died or that run too long."""
    batch_id = request.POST.get("batch", "")
    if not batch_id.isdigit():
        raise Http404
    batch = get_object_or_404(Batch, pk=int(batch_id))
    count = batches.requeue_stalled(batch)
    messages.info(request, ngettext("%(count)d document staat weer in de wachtrij.",
                                    "%(count)d documenten staan weer in de wachtrij.", count) % {"count": count})
    return redirect("national_batches:list")
