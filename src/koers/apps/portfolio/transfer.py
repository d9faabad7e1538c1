"""Import and export of an organisation's portfolio as one table, in CSV or XLSX.

The layout (documented for users in docs/api.md, "Portefeuille importeren en exporteren"): one
row per initiative, a header row with the column names below, then

* the fixed columns ``FIXED_COLUMNS`` (``kenmerk`` ... ``status``): the initiative's own fields;
  lists (``themas``, ``doelen``, ``afhankelijk_van``) are separated by ``;``, yes/no columns are
  ``1``/``0``, amounts in euro with a decimal point, quarters as ``JJJJ-Qn``, the choice columns
  hold the codes (``persoonsgegevens``: none/low/high, ...);
* one column ``inzet:<team>:<kwartaal>`` per team and quarter with effort: the hours;
* one column ``score:<kader>:v<versie>:<criterium>`` per scored criterion: the score.

Import reads the same table back. Rows are matched on ``kenmerk``: a known kenmerk updates that
initiative, an unknown or empty one creates a new initiative (an empty kenmerk gets the next free
one). A column that is absent leaves that field alone; in an ``inzet``/``score`` column an empty
cell removes the estimate or score. Teams and goals that do not exist yet are created (code as
name); the framework version of a ``score`` column must exist and be published (Koers's default
framework, version 1, is created when named: its definition is known). The status of an
existing initiative cannot change through an import (that is what the rules of play are for); a
new initiative gets the status of its row. Every row is checked before anything is stored and the
whole import is one transaction: a single bad row stores nothing, and the Dutch message names the
row (header = rij 1, as in a spreadsheet) and the column.

Functions for pages and the API: :func:`export_csv`, :func:`export_xlsx`, :func:`export_filename`,
:func:`import_portfolio` (raises :class:`PortfolioImportError`).
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.apps.portfolio.models import (QUARTER_RE, CriteriaFramework, EffortEstimate, Goal, Initiative,
                                         Score, Team, Transition)

log = logging.getLogger(__name__)

# (column, model field) in the order of the export.
FIXED_COLUMNS: list[tuple[str, str]] = [
    ("kenmerk", "reference"),
    ("titel", "title"),
    ("probleem", "problem"),
    ("beoogd_effect", "intended_effect"),
    ("afdeling", "department"),
    ("themas", "themes"),
    ("doelen", "goals"),
    ("persoonsgegevens", "personal_data"),
    ("algoritme", "algorithm"),
    ("eigenaar", "owner"),
    ("eenmalige_kosten", "cost_once"),
    ("jaarlijkse_kosten", "cost_yearly"),
    ("gewenste_start", "desired_start"),
    ("gewenst_einde", "desired_end"),
    ("afhankelijk_van", "requires"),
    ("groep_alternatieven", "exclusive_group"),
    ("verplicht", "mandatory"),
    ("loopt_al", "already_running"),
    ("dpia_afgerond", "dpia_done"),
    ("iama_afgerond", "iama_done"),
    ("algoritmeregister", "algorithm_registered"),
    ("status", "status"),
]
FIELD_OF = dict(FIXED_COLUMNS)
_STORED_FIELDS = [name for _column, name in FIXED_COLUMNS if name not in {"goals", "requires"}]
COLUMN_OF = {field_name: column for column, field_name in FIXED_COLUMNS}
REQUIRED_COLUMNS = ("kenmerk", "titel", "probleem", "afdeling")
TEXT_FIELDS = {"reference", "title", "problem", "intended_effect", "department", "owner", "exclusive_group"}
BOOL_FIELDS = {"mandatory", "already_running", "dpia_done", "iama_done", "algorithm_registered"}
DECIMAL_FIELDS = {"cost_once", "cost_yearly"}
QUARTER_FIELDS = {"desired_start", "desired_end"}
CHOICE_FIELDS = {"personal_data": Initiative.PersonalData, "algorithm": Initiative.Algorithm,
                 "status": Initiative.Status}
EFFORT_PREFIX = "inzet:"
SCORE_PREFIX = "score:"
LIST_SEPARATOR = ";"

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 1_000
MAX_REPORTED = 50  # problems listed in one error

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
SHEET_TITLE = "Initiatieven"

_TRUE = {"1", "ja", "j", "true", "waar", "yes", "y", "x"}
_FALSE = {"", "0", "nee", "n", "false", "onwaar", "no"}
_ILLEGAL_XML = re.compile(r"[\000-\010\013\014\016-\037]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- export -------------------------------------------------------------------------------------

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


def effort_column(team: str, quarter: str) -> str:
    return f"{EFFORT_PREFIX}{team}:{quarter}"


def score_column(framework_name: str, version: int, criterion_code: str) -> str:
    return f"{SCORE_PREFIX}{framework_name}:v{version}:{criterion_code}"


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
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection);
    # the import strips the quote again.
    return "'" + text if text[:1] in _FORMULA_START else text


def export_csv(organisation) -> bytes:
    """The portfolio as CSV: UTF-8 with BOM (spreadsheets then read it as UTF-8), comma-separated."""
    header, rows = export_table(organisation)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
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
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(organisation, kind: str) -> str:
    return f"portefeuille-{organisation.slug}-{timezone.localdate():%Y%m%d}.{kind}"


# --- problems -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportProblem:
    row: int  # 0: the file as a whole; 1: the header
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("rij %(row)d, kolom ‘%(column)s’: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message}
        if self.row:
            return _("rij %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class PortfolioImportError(ValueError):
    """The file cannot be imported; nothing was stored. ``problems`` lists every problem found."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems[:MAX_REPORTED]
        text = "; ".join(str(p) for p in self.problems[:5])
        if len(problems) > 5:
            text += " " + _("(en nog %(count)d problemen)") % {"count": len(problems) - 5}
        super().__init__(text)

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def _file_error(message: str) -> PortfolioImportError:
    return PortfolioImportError([ImportProblem(0, "", message)])


# --- reading the file ---------------------------------------------------------------------------

def read_table(data: bytes, filename: str = "") -> list[list[str]]:
    """The rows of a CSV or XLSX file as text (header first); PortfolioImportError when unreadable."""
    name = (filename or "").lower()
    if not data:
        raise _file_error(_("Het bestand is leeg."))
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(_("Het bestand is groter dan %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    if data[:4] == b"\xd0\xcf\x11\xe0" or name.endswith(".xls"):
        raise _file_error(_("Oude Excel-bestanden (.xls) worden niet ondersteund; sla het bestand op als "
                            "Excel-werkmap (.xlsx) of als CSV."))
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_("Het bestand is geen CSV-tekst in UTF-8. Sla het op als ‘CSV UTF-8’ of als "
                            "Excel-werkmap (.xlsx).")) from None
    if "\x00" in text:
        raise _file_error(_("Het bestand is geen CSV-tekst (het bevat binaire gegevens)."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            rows.append([_unguard(cell) for cell in row])
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
    except csv.Error as exc:
        raise _file_error(_("Rij %(row)d is geen geldige CSV (%(error)s).") % {
            "row": len(rows) + 1, "error": exc}) from None
    return rows


def _unguard(cell: str) -> str:
    # Undo the export's formula guard: '=..., '+..., '-..., '@...
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_START else cell


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    not_xlsx = _("Het bestand is geen geldige Excel-werkmap (.xlsx).")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        log.info("unreadable xlsx upload: %r", exc)
        raise _file_error(not_xlsx) from None
    except Exception as exc:  # openpyxl raises its own InvalidFileException and others
        log.info("unreadable xlsx upload: %r", exc)
        raise _file_error(not_xlsx) from None
    try:
        names = workbook.sheetnames
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                raise _file_error(_("Het bestand heeft meer dan %(max)d rijen.") % {"max": MAX_ROWS})
    except PortfolioImportError:
        raise
    except Exception as exc:
        log.info("unreadable xlsx sheet: %r", exc)
        raise _file_error(not_xlsx) from None
    finally:
        workbook.close()
    for row in rows:  # a read-only sheet pads rows to its width; drop the empty tail
        while row and row[-1] == "":
            row.pop()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- checking -----------------------------------------------------------------------------------

@dataclass
class _Column:
    index: int
    name: str
    kind: str  # "field" | "effort" | "score"
    field: str = ""
    team: str = ""
    quarter: str = ""
    criterion: object = None


@dataclass
class _Row:
    number: int
    reference: str
    instance: Initiative
    is_new: bool
    goals: list[str] | None = None
    requires: list[str] | None = None
    effort: dict[tuple[str, str], float | None] = field(default_factory=dict)
    scores: dict[int, float | None] = field(default_factory=dict)  # criterion id -> value
    changed: bool = False
    stored: dict = field(default_factory=dict)  # the field values before the file's were applied


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    updated: int
    unchanged: int
    teams_created: tuple[str, ...] = ()
    goals_created: tuple[str, ...] = ()

    def summary(self) -> str:
        return _("%(rows)d rijen gelezen: %(created)d initiatieven nieuw, %(updated)d bijgewerkt, "
                 "%(unchanged)d ongewijzigd.") % {"rows": self.rows, "created": self.created,
                                                   "updated": self.updated, "unchanged": self.unchanged}


class _Checker:
    def __init__(self, organisation):
        self.organisation = organisation
        self.problems: list[ImportProblem] = []
        self.known = {}
        duplicates = set()
        for item in Initiative.objects.filter(organisation=organisation).prefetch_related("requires"):
            if not item.reference:
                continue  # cannot be named in a file
            if item.reference in self.known:
                duplicates.add(item.reference)
            self.known[item.reference] = item
        self.ambiguous = duplicates
        self.teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
        self.goals = {goal.code: goal for goal in Goal.objects.filter(organisation=organisation)}

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(ImportProblem(row, column, message))

    # header

    def columns(self, header: list[str], rows: list[list[str]]) -> list[_Column]:
        header = [name.strip() for name in header]
        if len(header) > MAX_COLUMNS:
            self.problem(1, "", _("het bestand heeft meer dan %(max)d kolommen") % {"max": MAX_COLUMNS})
            return []
        columns, seen = [], set()
        for index, name in enumerate(header):
            if not name:
                if any(index < len(row) and row[index].strip() for row in rows):
                    self.problem(1, "", _("kolom %(n)d heeft geen naam") % {"n": index + 1})
                continue
            if name in seen:
                self.problem(1, name, _("deze kolom komt twee keer voor"))
                continue
            seen.add(name)
            column = self.column(index, name)
            if column is not None:
                columns.append(column)
        for name in REQUIRED_COLUMNS:
            if name not in seen:
                self.problem(1, name, _("deze kolom ontbreekt"))
        return columns

    def column(self, index: int, name: str) -> _Column | None:
        if name in FIELD_OF:
            return _Column(index, name, "field", field=FIELD_OF[name])
        if name.startswith(EFFORT_PREFIX):
            parts = name[len(EFFORT_PREFIX):].split(":")
            if len(parts) != 2 or not _is_slug(parts[0]) or len(parts[0]) > 40 or not QUARTER_RE.match(parts[1]):
                self.problem(1, name, _("schrijf een inzetkolom als inzet:<teamcode>:<JJJJ-Qn>, "
                                        "bijvoorbeeld inzet:ict:2026-Q1"))
                return None
            return _Column(index, name, "effort", team=parts[0], quarter=parts[1])
        if name.startswith(SCORE_PREFIX):
            return self.score_column(index, name)
        self.problem(1, name, _("onbekende kolom; zie de beschrijving van de kolommen in de documentatie"))
        return None

    def score_column(self, index: int, name: str) -> _Column | None:
        parts = name[len(SCORE_PREFIX):].rsplit(":", 2)
        if len(parts) != 3 or not re.fullmatch(r"v\d+", parts[1]) or not parts[0] or not parts[2]:
            self.problem(1, name, _("schrijf een scorekolom als score:<afwegingskader>:v<versie>:<criterium>"))
            return None
        framework_name, version, code = parts[0], int(parts[1][1:]), parts[2]
        framework = (CriteriaFramework.objects.filter(organisation=self.organisation, name=framework_name,
                                                      version=version).first())
        if framework is None:
            self.problem(1, name, _("afwegingskader ‘%(name)s’ versie %(version)d bestaat niet in deze "
                                    "organisatie; maak het eerst aan of laat de kolom weg") % {
                "name": framework_name, "version": version})
            return None
        if not framework.is_published:
            self.problem(1, name, _("afwegingskader ‘%(name)s’ versie %(version)d is nog een concept; "
                                    "scoren kan alleen met een vastgesteld kader") % {
                "name": framework_name, "version": version})
            return None
        criterion = framework.criteria.filter(code=code).first()
        if criterion is None:
            self.problem(1, name, _("criterium ‘%(code)s’ hoort niet bij dit afwegingskader") % {"code": code})
            return None
        return _Column(index, name, "score", criterion=criterion)

    # rows

    def row(self, number: int, cells: list[str], columns: list[_Column], width: int) -> _Row | None:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            self.problem(number, "", _("deze rij heeft meer velden dan er kolommen zijn"))
            return None
        value = {column.index: (cells[column.index] if column.index < len(cells) else "") for column in columns}
        by_field = {column.field: column for column in columns if column.kind == "field"}
        reference = value[by_field["reference"].index].strip()
        existing = self.known.get(reference) if reference else None
        if reference in self.ambiguous:
            self.problem(number, "kenmerk", _("kenmerk %(ref)s komt in deze organisatie meer dan eens voor; "
                                              "het initiatief is niet eenduidig") % {"ref": reference})
            return None
        instance = existing if existing is not None else Initiative(organisation=self.organisation)
        parsed = _Row(number, reference, instance, existing is None)
        parsed.stored = {name: getattr(instance, name) for name in _STORED_FIELDS}
        before = len(self.problems)
        for column in columns:
            text = value[column.index]
            if column.kind == "effort":
                hours = self.number(number, column.name, text)
                parsed.effort[(column.team, column.quarter)] = hours
            elif column.kind == "score":
                self.score(parsed, column, text)
            else:
                self.field(parsed, column, text)
        if len(self.problems) == before:
            self.model_checks(parsed, by_field)
        return parsed

    def field(self, parsed: _Row, column: _Column, text: str) -> None:
        name, number, instance = column.field, parsed.number, parsed.instance
        stripped = text.strip()
        if name == "themes":
            instance.themes = _split(stripped)
        elif name == "goals":
            codes = _split(stripped)
            for code in codes:
                if len(code) > 20:
                    self.problem(number, column.name, _("doelcode ‘%(code)s’ is langer dan 20 tekens") % {"code": code})
            parsed.goals = codes
        elif name == "requires":
            parsed.requires = _split(stripped)
        elif name in BOOL_FIELDS:
            if stripped.lower() in _TRUE:
                setattr(instance, name, True)
            elif stripped.lower() in _FALSE:
                setattr(instance, name, False)
            else:
                self.problem(number, column.name, _("‘%(value)s’ is geen 1 of 0 (ja of nee)") % {"value": stripped})
        elif name in DECIMAL_FIELDS:
            amount = self.amount(number, column.name, stripped)
            if amount is not None:
                setattr(instance, name, amount)
        elif name in CHOICE_FIELDS:
            self.choice(parsed, column, stripped)
        elif name in QUARTER_FIELDS:
            if stripped and not QUARTER_RE.match(stripped):
                self.problem(number, column.name, _("‘%(value)s’ is geen kwartaal; schrijf JJJJ-Qn, bijvoorbeeld "
                                                    "2026-Q1") % {"value": stripped})
            setattr(instance, name, stripped)
        elif name in TEXT_FIELDS:
            setattr(instance, name, stripped)

    def choice(self, parsed: _Row, column: _Column, text: str) -> None:
        choices = CHOICE_FIELDS[column.field]
        lookup = {value: value for value in choices.values}
        lookup.update({str(label).lower(): value for value, label in choices.choices})
        if not text:
            return  # a new initiative gets the default, an existing one keeps its value
        code = lookup.get(text) or lookup.get(text.lower())
        if code is None:
            self.problem(parsed.number, column.name, _("onbekende waarde ‘%(value)s’; kies uit %(allowed)s") % {
                "value": text, "allowed": ", ".join(choices.values)})
            return
        if column.field == "status" and not parsed.is_new and code != parsed.instance.status:
            self.problem(parsed.number, column.name, _(
                "de status van een bestaand initiatief verandert niet met een import (nu ‘%(now)s’, in het "
                "bestand ‘%(new)s’); gebruik de statuswijziging, die de spelregels toetst") % {
                "now": parsed.instance.status, "new": code})
            return
        setattr(parsed.instance, column.field, code)

    def number(self, row: int, column: str, text: str) -> float | None:
        text = text.strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            self.problem(row, column, _("‘%(value)s’ is geen getal") % {"value": text})
            return None
        if not math.isfinite(number) or number < 0:
            self.problem(row, column, _("‘%(value)s’ moet een getal van 0 of meer zijn") % {"value": text})
            return None
        return number

    def amount(self, row: int, column: str, text: str) -> Decimal | None:
        text = text.replace("\u00a0", "").replace(" ", "").removeprefix("€")
        if not text:
            return Decimal("0.00")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            self.problem(row, column, _("‘%(value)s’ is geen bedrag; schrijf bijvoorbeeld 12500.00") % {"value": text})
            return None
        if not amount.is_finite() or amount < 0:
            self.problem(row, column, _("‘%(value)s’ moet een bedrag van 0 of meer zijn") % {"value": text})
            return None
        if amount != amount.quantize(Decimal("0.01")):
            self.problem(row, column, _("‘%(value)s’ heeft meer dan twee decimalen") % {"value": text})
            return None
        if amount >= Decimal("1e10"):
            self.problem(row, column, _("‘%(value)s’ is te groot") % {"value": text})
            return None
        return amount.quantize(Decimal("0.01"))

    def score(self, parsed: _Row, column: _Column, text: str) -> None:
        criterion = column.criterion
        if not text.strip():
            parsed.scores[criterion.pk] = None
            return
        text = text.strip().replace(",", ".") if "." not in text else text.strip()
        try:
            value = float(text)
        except ValueError:
            self.problem(parsed.number, column.name, _("‘%(value)s’ is geen getal") % {"value": text})
            return
        if not math.isfinite(value) or not criterion.scale_min <= value <= criterion.scale_max:
            self.problem(parsed.number, column.name, _("de score %(value)s ligt niet tussen %(low)g en %(high)g") % {
                "value": text, "low": criterion.scale_min, "high": criterion.scale_max})
            return
        parsed.scores[criterion.pk] = value

    def model_checks(self, parsed: _Row, by_field: dict[str, _Column]) -> None:
        """The model's own validation (lengths, required texts) on the assembled initiative."""
        try:
            parsed.instance.full_clean(exclude=["organisation", "submitted_by", "reference"], validate_unique=False)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = COLUMN_OF.get(field_name, field_name)
                for message in messages:
                    self.problem(parsed.number, column, message)
        if len(parsed.reference) > 20:
            self.problem(parsed.number, "kenmerk", _("het kenmerk is langer dan 20 tekens"))

    # across rows

    def relations(self, rows: list[_Row]) -> None:
        in_file: dict[str, _Row] = {}
        for parsed in rows:
            if not parsed.reference:
                continue
            if parsed.reference in in_file:
                self.problem(parsed.number, "kenmerk", _("kenmerk %(ref)s staat ook al in rij %(other)d") % {
                    "ref": parsed.reference, "other": in_file[parsed.reference].number})
            else:
                in_file[parsed.reference] = parsed
        graph: dict[str, tuple[str, ...]] = {}
        for reference, item in self.known.items():
            if reference and reference not in in_file:
                graph[reference] = tuple(other.reference for other in item.requires.all())
        for parsed in rows:
            if parsed.requires is None:
                if parsed.reference and not parsed.is_new:
                    graph[parsed.reference] = tuple(o.reference for o in self.known[parsed.reference].requires.all())
                continue
            for reference in parsed.requires:
                if reference == parsed.reference:
                    self.problem(parsed.number, "afhankelijk_van", _("een initiatief kan niet van zichzelf afhangen"))
                elif reference not in in_file and reference not in self.known:
                    self.problem(parsed.number, "afhankelijk_van", _(
                        "kenmerk %(ref)s bestaat niet, niet in het bestand en niet in de organisatie") % {"ref": reference})
            if parsed.reference:
                graph[parsed.reference] = tuple(parsed.requires)
        from koers.optimise.model import find_cycle

        cycle = find_cycle(graph)
        if cycle:
            row = next((p.number for p in rows if p.reference in cycle), 0)
            self.problem(row, "afhankelijk_van", _("de afhankelijkheden vormen een kring: %(cycle)s") % {
                "cycle": " → ".join(cycle)})


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _is_slug(text: str) -> bool:
    try:
        validate_slug(text)
    except ValidationError:
        return False
    return True


def check_table(organisation, table: list[list[str]]) -> list[_Row]:
    """Every row parsed and checked; PortfolioImportError listing all problems when any."""
    if not table or not any(cell.strip() for cell in table[0]):
        raise _file_error(_("Het bestand heeft geen kopregel met kolomnamen."))
    checker = _Checker(organisation)
    header, body = table[0], table[1:]
    header = [header[0].lstrip("\ufeff"), *header[1:]]
    columns = checker.columns(header, body)
    if checker.problems:
        raise PortfolioImportError(checker.problems)
    rows = []
    for number, cells in enumerate(body, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        parsed = checker.row(number, cells, columns, len(header))
        if parsed is not None:
            rows.append(parsed)
    if not rows and not checker.problems:
        raise _file_error(_("Het bestand bevat geen initiatieven, alleen een kopregel."))
    checker.relations(rows)
    if checker.problems:
        raise PortfolioImportError(sorted(checker.problems, key=lambda p: p.row))
    return rows


# --- storing ------------------------------------------------------------------------------------

def import_portfolio(organisation, data: bytes, filename: str = "", user=None) -> ImportResult:
    """Read a CSV or XLSX file in the export layout and store it, all or nothing.

    Raises PortfolioImportError (Dutch messages with row and column) without storing anything.
    """
    from contextlib import nullcontext

    from koers.apps.audit.context import acting_as

    table = read_table(data, filename)
    # The audit trail names the importing user, also outside a request (a command, a task).
    with acting_as(user) if user is not None else nullcontext(), transaction.atomic():
        # The atomic block also undoes a default framework created for the check.
        _provide_default_framework(organisation, table[0] if table else [], user)
        rows = check_table(organisation, table)
        return _store(organisation, rows, filename, user)


def _provide_default_framework(organisation, header: list[str], user) -> None:
    """Koers's default framework (a known definition) is created when a score column names it.

    Only the default framework, version 1, in an organisation that has no framework of that name:
    its criteria, scales and weights are defined by Koers, so nothing is guessed. Any other
    framework must exist before its scores can be imported.
    """
    from koers.apps.portfolio import framework as frameworks
    from koers.apps.portfolio.models import Criterion

    wanted = f"{SCORE_PREFIX}{frameworks.DEFAULT_NAME}:v1:"
    if not any(str(name).strip().startswith(wanted) for name in header):
        return
    if CriteriaFramework.objects.filter(organisation=organisation, name=frameworks.DEFAULT_NAME).exists():
        return
    created = CriteriaFramework.objects.create(organisation=organisation, name=frameworks.DEFAULT_NAME, version=1,
                                               created_by=user if getattr(user, "is_authenticated", False) else None)
    for order, (code, name, description, weight) in enumerate(frameworks.DEFAULT_CRITERIA, start=1):
        Criterion.objects.create(framework=created, code=code, name=name, description=description,
                                 scale_min=1, scale_max=5, weight=weight, order=order)
    frameworks.publish(created, user)


def _store(organisation, rows: list[_Row], filename: str, user) -> ImportResult:
    teams = {team.code: team for team in Team.objects.filter(organisation=organisation)}
    goals = {goal.code: goal for goal in Goal.objects.filter(organisation=organisation)}
    teams_created, goals_created = [], []
    for code in sorted({team for row in rows for team, _quarter in row.effort}):
        if code not in teams:
            teams[code] = Team.objects.create(organisation=organisation, code=code, name=code)
            teams_created.append(code)
    for code in sorted({code for row in rows for code in (row.goals or [])}):
        if code not in goals:
            goals[code] = Goal.objects.create(organisation=organisation, code=code, title=code)
            goals_created.append(code)

    actor = user if user is not None and getattr(user, "is_authenticated", False) else None
    reason = (_("Geïmporteerd uit %(file)s") % {"file": filename}) if filename else _("Geïmporteerd")
    created = updated = 0
    by_reference: dict[str, Initiative] = {}
    reserved = {row.reference for row in rows if row.reference}
    for row in rows:
        instance = row.instance
        changed = False
        if row.is_new:
            instance.reference = row.reference or _free_reference(organisation, reserved)
            reserved.add(instance.reference)
            instance.submitted_by = actor
            instance.save()
            Transition.objects.create(initiative=instance, from_status="", to_status=instance.status, actor=actor,
                                      actor_name=actor.get_username() if actor else "", reason=reason)
            created += 1
        elif any(row.stored[name] != getattr(instance, name) for name in _STORED_FIELDS):
            instance.save()
            changed = True
        by_reference[instance.reference] = instance
        if row.goals is not None:
            wanted = {goals[code].pk for code in row.goals}
            if wanted != set(instance.goals.values_list("pk", flat=True)):
                instance.goals.set(wanted)
                changed = True
        changed |= _store_effort(instance, row.effort, teams)
        changed |= _store_scores(instance, row.scores, actor)
        row.changed = changed
    known = {item.reference: item for item in Initiative.objects.filter(organisation=organisation)}
    known.update(by_reference)
    for row in rows:
        if row.requires is None:
            continue
        wanted = {known[reference].pk for reference in row.requires}
        if wanted != set(row.instance.requires.values_list("pk", flat=True)):
            row.instance.requires.set(wanted)
            row.changed = True
    for row in rows:
        if not row.is_new and row.changed:
            updated += 1
    return ImportResult(rows=len(rows), created=created, updated=updated,
                        unchanged=len(rows) - created - updated,
                        teams_created=tuple(teams_created), goals_created=tuple(goals_created))


def _free_reference(organisation, reserved: set[str]) -> str:
    """The next kenmerk I-001, I-002, ... not used in the organisation nor elsewhere in the file."""
    from koers.apps.portfolio.workflow import next_reference

    reference = next_reference(organisation)
    number = int(reference[2:]) if reference[2:].isdigit() else 1
    while reference in reserved or Initiative.objects.filter(organisation=organisation, reference=reference).exists():
        number += 1
        reference = f"I-{number:03d}"
    return reference


def _store_effort(initiative: Initiative, effort: dict, teams: dict) -> bool:
    if not effort:
        return False
    changed = False
    stored = {(e.team.code, e.quarter): e for e in EffortEstimate.objects.filter(initiative=initiative)
              .select_related("team")}
    for (team, quarter), hours in effort.items():
        row = stored.get((team, quarter))
        if hours is None:
            if row is not None:
                row.delete()
                changed = True
        elif row is None:
            EffortEstimate.objects.create(initiative=initiative, team=teams[team], quarter=quarter, hours=hours)
            changed = True
        elif row.hours != hours:
            row.hours = hours
            row.save(update_fields=["hours"])
            changed = True
    return changed


def _store_scores(initiative: Initiative, scores: dict, actor) -> bool:
    if not scores:
        return False
    changed = False
    stored = {s.criterion_id: s for s in Score.objects.filter(initiative=initiative, criterion_id__in=list(scores))}
    criteria = {}
    if any(pk not in stored for pk, value in scores.items() if value is not None):
        from koers.apps.portfolio.models import Criterion

        criteria = {c.pk: c for c in Criterion.objects.filter(pk__in=list(scores))}
    for criterion_id, value in scores.items():
        row = stored.get(criterion_id)
        if value is None:
            if row is not None:
                row.delete()
                changed = True
        elif row is None:
            criterion = criteria[criterion_id]
            Score.objects.create(initiative=initiative, framework_id=criterion.framework_id, criterion=criterion,
                                 value=value, scored_by=actor)
            changed = True
        elif row.value != value:
            row.value, row.scored_by = value, actor
            row.save(update_fields=["value", "scored_by", "updated_at"])
            changed = True
    return changed
