"""Read a portfolio from three CSV files (UTF-8, optional BOM, comma-separated).

initiatives: id,value,cost,mandatory,requires,group   (+ optional name; other columns ignored)
effort:      initiative,team,quarter,hours
capacity:    team,quarter,hours

Everything is checked before an ``Instance`` is returned: the first problem raises
``OptimiseInputError`` naming the file, the row (as a spreadsheet numbers it, header = row 1) and
the problem, so nothing is ever half read.
"""

from __future__ import annotations

import csv
import io
import math
import os
from collections.abc import Iterator
from gettext import gettext as _
from pathlib import Path

from koers.optimise.errors import OptimiseInputError
from koers.optimise.model import Capacity, Effort, Initiative, Instance, find_cycle

INITIATIVE_COLUMNS = ("id", "value", "cost", "mandatory", "requires", "group")
EFFORT_COLUMNS = ("initiative", "team", "quarter", "hours")
CAPACITY_COLUMNS = ("team", "quarter", "hours")


class _Rows:
    """The rows of one CSV file as dicts, with errors that name the file and row."""

    def __init__(self, path: str | os.PathLike, columns: tuple[str, ...]):
        self.name = Path(path).name
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise OptimiseInputError(_("{file}: bestand niet gevonden").format(file=path)) from None
        except UnicodeDecodeError:
            raise OptimiseInputError(_("{file}: geen geldige UTF-8-tekst").format(
                file=self.name)) from None
        except OSError as exc:
            raise OptimiseInputError(_("{file}: kan het bestand niet lezen ({error})").format(
                file=path, error=exc.strerror)) from None
        self.reader = csv.reader(io.StringIO(text, newline=""))
        header = next(self.reader, None)
        if header is None:
            self.fail(1, _("het bestand is leeg (de kopregel ontbreekt)"))
        self.header = [cell.strip().lower() for cell in header]
        missing = [column for column in columns if column not in self.header]
        if missing:
            self.fail(1, _("kolom {column!r} ontbreekt in de kopregel").format(column=missing[0]))

    def fail(self, row: int, problem: str):
        raise OptimiseInputError(_("{file}, regel {row}: {problem}").format(
            file=self.name, row=row, problem=problem))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        for cells in self.reader:
            row = self.reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are harmless
            if len(cells) > len(self.header):
                self.fail(row, _("meer velden ({got}) dan kolommen ({want})").format(
                    got=len(cells), want=len(self.header)))
            cells = [cell.strip() for cell in cells] + [""] * (len(self.header) - len(cells))
            yield row, dict(zip(self.header, cells))

    def number(self, row: int, record: dict[str, str], column: str, *, empty: float | None = None,
               negative: bool = False) -> float:
        text = record[column]
        if text == "" and empty is not None:
            return empty
        try:
            value = float(text)
        except ValueError:
            self.fail(row, _("{column} is geen getal: {text!r}").format(column=column, text=text))
        if not math.isfinite(value):
            self.fail(row, _("{column} is geen eindig getal: {text!r}").format(
                column=column, text=text))
        if value < 0 and not negative:
            self.fail(row, _("{column} mag niet negatief zijn: {text}").format(
                column=column, text=text))
        return value

    def text(self, row: int, record: dict[str, str], column: str) -> str:
        if not record[column]:
            self.fail(row, _("{column} is leeg").format(column=column))
        return record[column]


def read_initiatives(path: str | os.PathLike) -> list[Initiative]:
    rows = _Rows(path, INITIATIVE_COLUMNS)
    items: list[Initiative] = []
    where: dict[str, int] = {}
    for row, record in rows:
        ident = rows.text(row, record, "id")
        if ident in where:
            rows.fail(row, _("id {id} komt al voor op regel {first}").format(
                id=ident, first=where[ident]))
        where[ident] = row
        mandatory = record["mandatory"] or "0"
        if mandatory not in ("0", "1"):
            rows.fail(row, _("mandatory moet 0 of 1 zijn, niet {text!r}").format(text=mandatory))
        requires = tuple(part.strip() for part in record["requires"].split(";") if part.strip())
        if ident in requires:
            rows.fail(row, _("initiatief {id} heeft zichzelf nodig").format(id=ident))
        items.append(Initiative(
            id=ident, value=rows.number(row, record, "value", negative=True),
            cost=rows.number(row, record, "cost", empty=0.0), mandatory=mandatory == "1",
            requires=requires, group=record["group"], name=record.get("name", "")))
    for item in items:
        for required in item.requires:
            if required not in where:
                rows.fail(where[item.id], _("requires noemt onbekend initiatief {id}").format(
                    id=required))
    cycle = find_cycle({item.id: item.requires for item in items})
    if cycle:
        rows.fail(where[cycle[0]], _("afhankelijkheden vormen een kring: {cycle}").format(
            cycle=" → ".join(cycle)))
    return items


def read_effort(path: str | os.PathLike, known: set[str]) -> list[Effort]:
    rows = _Rows(path, EFFORT_COLUMNS)
    out: list[Effort] = []
    where: dict[tuple[str, str, str], int] = {}
    for row, record in rows:
        ident = rows.text(row, record, "initiative")
        if ident not in known:
            rows.fail(row, _("onbekend initiatief {id}").format(id=ident))
        key = (ident, rows.text(row, record, "team"), rows.text(row, record, "quarter"))
        if key in where:
            rows.fail(row, _("{id} bij team {team} in {quarter} staat al op regel {first}").format(
                id=key[0], team=key[1], quarter=key[2], first=where[key]))
        where[key] = row
        out.append(Effort(*key, hours=rows.number(row, record, "hours")))
    return out


def read_capacity(path: str | os.PathLike) -> list[Capacity]:
    rows = _Rows(path, CAPACITY_COLUMNS)
    out: list[Capacity] = []
    where: dict[tuple[str, str], int] = {}
    for row, record in rows:
        key = (rows.text(row, record, "team"), rows.text(row, record, "quarter"))
        if key in where:
            rows.fail(row, _("team {team} in {quarter} staat al op regel {first}").format(
                team=key[0], quarter=key[1], first=where[key]))
        where[key] = row
        out.append(Capacity(*key, hours=rows.number(row, record, "hours")))
    return out


def load_instance(initiatives: str | os.PathLike, effort: str | os.PathLike,
                  capacity: str | os.PathLike, *, budget: float | None = None) -> Instance:
    """All three files checked and combined; raises ``OptimiseInputError`` on the first problem."""
    items = read_initiatives(initiatives)
    rows = read_effort(effort, {item.id for item in items})
    limits = read_capacity(capacity)
    if budget is not None and (not math.isfinite(budget) or budget < 0):
        raise OptimiseInputError(_("het budget moet een niet-negatief getal zijn"))
    return Instance(tuple(items), tuple(rows), tuple(limits), budget)
