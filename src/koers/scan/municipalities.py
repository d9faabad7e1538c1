"""Dutch municipalities (CBS list, 1 January 2024) and the size classes of the study table.

The list ships as package data (``koers/data/nl_municipalities.csv``, see its README.md) and is
read once. Look-ups accept a CBS code (``GM0363``, ``0363``, ``363``) or a name; names are
compared without case, accents or punctuation, so ``sudwest fryslan`` finds ``Súdwest-Fryslân``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from gettext import gettext as _
from importlib import resources

DEFAULT_BOUNDS: tuple[int, ...] = (50_000, 100_000)

# Common names people use for municipalities whose CBS name differs.
_ALIASES = {
    "den haag": "GM0518",
    "the hague": "GM0518",
    "s gravenhage": "GM0518",
    "den bosch": "GM0796",
    "s hertogenbosch": "GM0796",
    "nuenen": "GM0820",
}

_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # GM followed by four digits
    name: str  # CBS spelling
    province: str
    population: int


class MunicipalityError(LookupError):
    """A name or code that matches no municipality, or more than one."""


def normalise_name(name: str) -> str:
    """Lowercase, without accents, punctuation or repeated spaces: the key names are compared on."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """All municipalities in the shipped list, sorted by code."""
    text = (resources.files("koers") / "data" / "nl_municipalities.csv").read_text(encoding="utf-8")
    return tuple(
        Municipality(row["code"], row["name"], row["province"], int(row["population"]))
        for row in csv.DictReader(io.StringIO(text))
    )


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, Municipality], dict[str, list[Municipality]]]:
    by_code = {m.code: m for m in municipalities()}
    by_name: dict[str, list[Municipality]] = {}
    for m in municipalities():
        keys = {normalise_name(m.name), normalise_name(_SUFFIX.sub("", m.name))}
        for key in keys:
            by_name.setdefault(key, []).append(m)
    for alias, code in _ALIASES.items():
        by_name.setdefault(alias, [by_code[code]])
    return by_code, by_name


def by_code(code: str) -> Municipality | None:
    """``GM0363``, ``gm0363``, ``0363`` and ``363`` all find Amsterdam."""
    match = _CODE.match(code.strip())
    if not match:
        return None
    return _indexes()[0].get(f"GM{int(match.group(1)):04d}")


def find(value: str) -> Municipality:
    """The municipality a code or name stands for; raises MunicipalityError with a Dutch message."""
    found = by_code(value)
    if found is not None:
        return found
    candidates = _indexes()[1].get(normalise_name(value), [])
    exact = [m for m in candidates if normalise_name(m.name) == normalise_name(value)]
    if len(exact) == 1 or len(candidates) == 1:
        return (exact or candidates)[0]
    if candidates:
        names = ", ".join(m.name for m in candidates)
        raise MunicipalityError(_("'{value}' is niet eenduidig; bedoelt u een van: {names}?")
                                .format(value=value, names=names))
    raise MunicipalityError(_("'{value}' is geen Nederlandse gemeente (CBS-lijst 2024)").format(value=value))


def lookup(value: str) -> Municipality | None:
    """Like ``find`` but returns None when nothing (or more than one) matches."""
    try:
        return find(value)
    except MunicipalityError:
        return None


def parse_bounds(text: str) -> tuple[int, ...]:
    """``"50000,100000"`` (dots or spaces as thousands separators allowed) → (50000, 100000)."""
    try:
        bounds = tuple(int(part.strip().replace(".", "").replace("_", "").replace(" ", ""))
                       for part in text.split(","))
    except ValueError:
        raise ValueError(_("grenzen moeten gehele getallen zijn, gescheiden door komma's, "
                           "bijvoorbeeld 50000,100000")) from None
    if not bounds or any(b <= 0 for b in bounds) or list(bounds) != sorted(set(bounds)):
        raise ValueError(_("grenzen moeten positief en oplopend zijn, bijvoorbeeld 50000,100000"))
    return bounds


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def class_labels(bounds: tuple[int, ...] = DEFAULT_BOUNDS) -> tuple[str, ...]:
    """Labels of the size classes, smallest first: ``< 50.000``, ``50.000–100.000``, ``> 100.000``."""
    labels = [f"< {_thousands(bounds[0])}"]
    labels += [f"{_thousands(low)}–{_thousands(high)}" for low, high in zip(bounds, bounds[1:])]
    labels.append(f"> {_thousands(bounds[-1])}")
    return tuple(labels)


def size_class_index(population: int, bounds: tuple[int, ...] = DEFAULT_BOUNDS) -> int:
    """Index into ``class_labels``: below the first bound is 0, a bound itself belongs to the middle."""
    if population < bounds[0]:
        return 0
    for index, high in enumerate(bounds[1:], start=1):
        if population <= high:
            return index
    return len(bounds)


def size_class(population: int | None, bounds: tuple[int, ...] = DEFAULT_BOUNDS) -> str | None:
    """The size-class label of a population, or None when the population is unknown."""
    if population is None:
        return None
    return class_labels(bounds)[size_class_index(population, bounds)]
