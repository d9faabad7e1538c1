"""The two-step import page shared by measurements and channel counts: upload a table, then map its
columns to the fields Koers needs and store every row or none.

Between the steps the rows wait in the session, so the user uploads once and can correct the
mapping as often as needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from koers.apps.portfolio.transfer import PortfolioImportError


@dataclass(frozen=True)
class ColumnImport:
    session_key: str
    template: str
    context: dict
    upload_form: type
    mapping_form: type
    read: Callable[[bytes, str], list[list[str]]]  # file bytes and name -> rows, header first
    guess: Callable[[list[str]], dict]  # header -> initial mapping
    store: Callable[[list[list[str]], dict], tuple[int, int]]  # rows, mapping -> (added, replaced)
    stored_message: Callable[[int, int], str]
    done: Callable[[], object]  # the response after a successful import


def import_page(request, spec: ColumnImport):
    """Step 1 (upload) and step 2 (``step=map``) of an all-or-nothing import."""
    context = {**spec.context, "problems": []}
    if request.method == "POST" and request.POST.get("step") == "map":
        return _map(request, spec, context)
    upload = spec.upload_form(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        try:
            rows = spec.read(file.read(), file.name)
        except PortfolioImportError as exc:
            context["problems"] = exc.messages
        else:
            request.session[spec.session_key] = rows
            form = spec.mapping_form(rows[0], initial=spec.guess(rows[0]))
            return render(request, spec.template, {**context, **_mapping(rows, form)})
    return render(request, spec.template, {**context, "upload": upload},
                  status=400 if request.method == "POST" else 200)


def _map(request, spec: ColumnImport, context: dict):
    rows = request.session.get(spec.session_key)
    if not rows:
        messages.error(request, _("Het bestand is niet meer bewaard; upload het opnieuw."))
        return render(request, spec.template, {**context, "upload": spec.upload_form()}, status=400)
    form = spec.mapping_form(rows[0], request.POST)
    if form.is_valid():
        try:
            added, replaced = spec.store(rows, form.mapping())
        except PortfolioImportError as exc:
            context["problems"] = exc.messages
        else:
            del request.session[spec.session_key]
            messages.success(request, spec.stored_message(added, replaced))
            return spec.done()
    return render(request, spec.template, {**context, **_mapping(rows, form)}, status=400)


def _mapping(rows, form) -> dict:
    return {"mapping": form, "header": rows[0], "preview": rows[1:6], "count": len(rows) - 1}
