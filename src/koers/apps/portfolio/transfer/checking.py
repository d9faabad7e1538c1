"""Checking the rows of an import table before anything is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils import translation
from django.utils.translation import gettext as _

from koers.apps.portfolio.models import QUARTER_RE, CriteriaFramework, Goal, Initiative, Team
from koers.apps.portfolio.transfer.columns import (_STORED_FIELDS, BOOL_FIELDS, CHOICE_FIELDS, COLUMN_OF,
                                                   DECIMAL_FIELDS, EFFORT_PREFIX, FIELD_OF, LIST_SEPARATOR,
                                                   MAX_COLUMNS, QUARTER_FIELDS, REQUIRED_COLUMNS, SCORE_PREFIX,
                                                   TEXT_FIELDS)
from koers.apps.portfolio.transfer.problems import ImportProblem, PortfolioImportError, _file_error
from koers.apps.portfolio.transfer.reading import CellNumber
from koers.web.numbers import parse_decimal

_TRUE = {"1", "ja", "j", "true", "waar", "yes", "y", "x"}
_FALSE = {"", "0", "nee", "n", "false", "onwaar", "no"}
# Short Dutch words people type for a code, besides the codes and the labels in both languages.
_CHOICE_WORDS = {
    "personal_data": {"geen": "none", "nee": "none", "laag": "low", "hoog": "high"},
    "algorithm": {"geen": "none", "nee": "none", "ja": "affects_residents"},
}


def _decimal(text: str) -> Decimal:
    """A cell as a number: Dutch text (12.500,00, € 12.500, 3,5) or a workbook's number cell."""
    return Decimal(text) if isinstance(text, CellNumber) else parse_decimal(text)


def _choice_lookup(field_name: str) -> dict[str, str]:
    """Lowercased code, label (Dutch and English) and short Dutch word -> code."""
    choices = CHOICE_FIELDS[field_name]
    lookup = {value.lower(): value for value in choices.values}
    for language in ("en", "nl"):
        with translation.override(language):
            lookup.update({str(label).lower(): value for value, label in choices.choices})
    lookup.update(_CHOICE_WORDS.get(field_name, {}))
    return lookup



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
    bumped: bool = False  # the version was raised with the row's field changes
    stored: dict = field(default_factory=dict)  # the field values before the file's were applied



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
            amount = self.amount(number, column.name, text)
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
        if not text:
            return  # a new initiative gets the default, an existing one keeps its value
        code = _choice_lookup(column.field).get(text.lower())
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
        if not text.strip():
            return None
        try:
            number = float(_decimal(text))
        except ValueError as exc:
            self.problem(row, column, str(exc))
            return None
        if number < 0:
            self.problem(row, column, _("‘%(value)s’ moet een getal van 0 of meer zijn") % {"value": text.strip()})
            return None
        return number

    def amount(self, row: int, column: str, text: str) -> Decimal | None:
        if not text.strip():
            return Decimal("0.00")
        try:
            amount = _decimal(text)
        except ValueError:
            self.problem(row, column, _("‘%(value)s’ is geen bedrag; schrijf bijvoorbeeld 12.500,00") % {
                "value": text.strip()})
            return None
        text = text.strip()
        if amount < 0:
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
        try:
            value = float(_decimal(text))
        except ValueError as exc:
            self.problem(parsed.number, column.name, str(exc))
            return
        text = text.strip()
        if not criterion.scale_min <= value <= criterion.scale_max:
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
        from koers.apps.portfolio import dependencies

        try:
            dependencies.check_graph(graph)
        except dependencies.DependencyError as exc:
            row = next((p.number for p in rows if p.reference in exc.cycle), 0)
            self.problem(row, "afhankelijk_van", exc.message)


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
