"""Export of an organisation's portfolio as a CSV or XLSX table."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.utils import timezone

from koers.apps.portfolio.models import Initiative
from koers.apps.portfolio.transfer.columns import (BOOL_FIELDS, DECIMAL_FIELDS, FIXED_COLUMNS, LIST_SEPARATOR,
                                                   SHEET_TITLE, effort_column, score_column)
from koers.csvsafe import safe_cell
from koers.web.numbers import input_value

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")
CSV_DELIMITER = ";"  # the list separator of Dutch Excel, which also reads a decimal comma


def export_table(organisation) -> tuple[list[str], list[list]]:
    """The header and one row of typed values (str, int, float, Decimal or None) per initiative."""
    initiatives = list(
        Initiative.objects.filter(organisation=organisation).order_by("reference", "id")
        .prefetch_related("goals", "requires", "effort__team", "scores__criterion__framework"))
    effort_keys = sorted({(row.team.code, row.quarter) for item in initiatives for row in item.effort.all()})
    criteria = {score.criterion for item in initiatives for score in item.scores.all()}
    criteria = sorted(criteria, key=lambda c: (c.framework.name, c.framework.version, c.order, c.code))
    header = [column for column, _field in FIXED_COLUMNS]
    header += [effort_column(team, quarter) for team, quarter in effort_keys]
    header += [score_column(c.framework.name, c.framework.version, c.code) for c in criteria]

    rows = []
    for item in initiatives:
        row = [_export_value(item, field_name) for _column, field_name in FIXED_COLUMNS]
        hours = {(e.team.code, e.quarter): e.hours for e in item.effort.all()}
        row += [_plain_number(hours.get(key)) for key in effort_keys]
        scores = {s.criterion_id: s.value for s in item.scores.all()}
        row += [_plain_number(scores.get(c.pk)) for c in criteria]
        rows.append(row)
    return header, rows


def _export_value(item: Initiative, field_name: str):
    if field_name == "themes":
        return LIST_SEPARATOR.join(str(theme) for theme in (item.themes or []))
    if field_name == "goals":
        return LIST_SEPARATOR.join(sorted(goal.code for goal in item.goals.all()))
    if field_name == "requires":
        return LIST_SEPARATOR.join(sorted(other.reference for other in item.requires.all()))
    value = getattr(item, field_name)
    if field_name in BOOL_FIELDS:
        return 1 if value else 0
    if field_name in DECIMAL_FIELDS:
        return Decimal(value).quantize(Decimal("0.01"))
    return value


def _plain_number(value):
    """An int for a whole float (so 40.0 is written as 40), the float otherwise, None for none."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def _csv_text(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, (int, float)):
        return input_value(value)  # decimal comma, no grouping: 1,125 reads back as itself
    return safe_cell(value)  # text guarded against formulas; the import (read_table) undoes it


def export_csv(organisation) -> bytes:
    """The portfolio as CSV the way Dutch Excel opens it: UTF-8 with BOM (so accents survive),
    ``;``-separated, numbers with a decimal comma and no thousands grouping."""
    header, rows = export_table(organisation)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([_csv_text(name) for name in header])
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(organisation) -> bytes:
    """The portfolio as an Excel workbook with one sheet, the same columns as the CSV."""
    from openpyxl import Workbook

    header, rows = export_table(organisation)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for row_index, values in enumerate([header, *rows], start=1):
        for column_index, value in enumerate(values, start=1):
            if isinstance(value, str):
                value = _ILLEGAL_XML.sub("", value)
            cell = sheet.cell(row=row_index, column=column_index, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a text cell of a workbook is never run as a formula, so no guard
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(organisation, kind: str) -> str:
    return f"portefeuille-{organisation.slug}-{timezone.localdate():%Y%m%d}.{kind}"
