"""The two-step import shared by measurements and channel counts: upload a table, then map its
columns to the fields Koers needs and store every row or none (the page and the row parser).

Between the steps the rows wait in the session, so the user uploads once and can correct the
mapping as often as needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from koers.apps.portfolio.transfer import ImportProblem, PortfolioImportError
from koers.web.uploads import too_large


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
            if problem := too_large(file):  # arrives empty (web/uploads.py): say why, not "empty"
                raise PortfolioImportError([ImportProblem(0, "", problem)])
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


def parse_rows(rows: list[list[str]], mapping: dict[str, str], labels: dict, parsers: dict,
               error: type[PortfolioImportError]) -> list[dict]:
    """Each data row as {field: value}: the required fields (the keys of ``parsers``) parsed, the
    other mapped fields as text; ``error`` naming every problem by row and column when any is wrong."""
    header = [cell.strip() for cell in rows[0]]
    problems = [ImportProblem(1, "", _("Kies een kolom voor de %(field)s.") % {"field": labels[f]})
                for f in parsers if not mapping.get(f)]
    problems += [ImportProblem(1, column, _("Deze kolom staat niet in het bestand."))
                 for column in mapping.values() if column and column not in header]
    if problems:
        raise error(problems)
    position = {field: header.index(column) for field, column in mapping.items() if column}
    parsed = []
    for number, cells in enumerate(rows[1:], start=2):
        cell = {field: (cells[i] if i < len(cells) else "").strip() for field, i in position.items()}
        values = {field: text for field, text in cell.items() if field not in parsers}
        for field, parse in parsers.items():
            if not cell[field]:
                problems.append(ImportProblem(number, mapping[field], _("Deze cel is leeg.")))
                continue
            try:
                values[field] = parse(cell[field])
            except ValueError as exc:
                problems.append(ImportProblem(number, mapping[field], str(exc)))
        parsed.append(values)
    if problems:
        raise error(problems)
    return parsed
