"""Precision, recall and F1 of the scan against hand labels, per theme and macro-averaged.

The label file is a CSV with a ``document`` column (a file name inside the documents folder) and
one 0/1 column per theme id. F1 is 2·TP / (2·TP + FP + FN); it is undefined (shown as "–" and
left out of the macro average) for a theme with no positive label and no positive verdict.
Precision and recall are likewise undefined when their denominator is zero.

Verdicts that carry a probability are also scored as forecasts: the Brier score (mean squared
difference between probability and label, 0 is perfect) and a reliability table (per band of
predicted probability: how many verdicts, their mean probability and the share truly positive).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from gettext import gettext as _
from pathlib import Path

from koers.csvsafe import unguard
from koers.scan.codebook import Codebook
from koers.scan.errors import ScanError
from koers.scan.model import DocumentResult
from koers.scan.report.table_report import format_table

EVAL_FORMATS = ("table", "json")
RELIABILITY_BINS = 10


class LabelError(ScanError):
    """The label file cannot be used; the message names the file, row and problem."""


@dataclass
class LabelSet:
    source: str
    themes: tuple[str, ...]  # evaluated theme ids, in codebook order
    documents: dict[str, dict[str, bool]]  # file name → theme → label
    ignored_themes: tuple[str, ...] = ()  # codebook themes without a label column


def load_labels(path: str | os.PathLike, codebook: Codebook) -> LabelSet:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LabelError(_("{file}: labelbestand niet gevonden").format(file=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(_("{file}: labelbestand kan niet worden gelezen ({kind})")
                         .format(file=path, kind=exc.__class__.__name__)) from None
    return parse_labels(text, str(path), codebook)


def parse_labels(text: str, source: str, codebook: Codebook) -> LabelSet:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = columns
    if "document" not in columns:
        raise LabelError(_("{file}, regel 1: kolom 'document' ontbreekt").format(file=source))
    label_columns = [c for c in columns if c != "document"]
    unknown = [c for c in label_columns if c not in codebook.theme_ids]
    if unknown:
        raise LabelError(_("{file}, regel 1: kolom(men) {columns} zijn geen thema's van het codeboek "
                           "(wel: {known})").format(file=source, columns=", ".join(unknown),
                                                    known=", ".join(codebook.theme_ids)))
    themes = tuple(t for t in codebook.theme_ids if t in label_columns)
    documents: dict[str, dict[str, bool]] = {}
    problems = []
    for row in reader:
        line = reader.line_num
        name = unguard(row.get("document") or "").strip()  # the web's label export guards formulas
        bad = [t for t in themes if (row.get(t) or "").strip() not in ("0", "1")]
        if not name:
            problems.append(_("regel {line}: 'document' is leeg").format(line=line))
        elif name in documents:
            problems.append(_("regel {line}: '{name}' staat er twee keer in").format(line=line, name=name))
        elif bad:
            problems.append(_("regel {line}: '{theme}' moet 0 of 1 zijn").format(line=line, theme=bad[0]))
        else:
            documents[name] = {t: row[t].strip() == "1" for t in themes}
    if problems:
        raise LabelError(f"{source}: " + "; ".join(problems))
    if not documents:
        raise LabelError(_("{file}: geen gelabelde documenten").format(file=source))
    ignored = tuple(t for t in codebook.theme_ids if t not in label_columns)
    return LabelSet(source, themes, documents, ignored)


@dataclass
class ThemeScore:
    theme: str
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        wrong_or_right = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / wrong_or_right if wrong_or_right else None


@dataclass
class Evaluation:
    themes: list[ThemeScore]
    documents: int  # documents scored
    unreadable: list[tuple[str, str]]  # (document, reason)
    notes: list[str] = field(default_factory=list)
    forecasts: list[tuple[float, bool]] = field(default_factory=list)  # (probability, label)

    @property
    def macro_f1(self) -> float | None:
        scores = [t.f1 for t in self.themes if t.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def brier(self) -> float | None:
        if not self.forecasts:
            return None
        return sum((p - actual) ** 2 for p, actual in self.forecasts) / len(self.forecasts)

    def reliability(self, bins: int = RELIABILITY_BINS) -> list[dict]:
        """The non-empty bands of predicted probability with count, mean predicted and observed share."""
        grouped: dict[int, list[tuple[float, bool]]] = {}
        for p, actual in self.forecasts:
            grouped.setdefault(min(int(p * bins), bins - 1), []).append((p, actual))
        return [{"from": index / bins, "to": (index + 1) / bins, "count": len(items),
                 "predicted": sum(p for p, _a in items) / len(items),
                 "observed": sum(a for _p, a in items) / len(items)}
                for index, items in sorted(grouped.items())]


def evaluate(results: Sequence[DocumentResult], labels: LabelSet, codebook: Codebook) -> Evaluation:
    """Compare each readable result (``document`` = the label file's name) with its labels."""
    scores = {t: ThemeScore(t, codebook.theme(t).label) for t in labels.themes}
    unreadable, scored, forecasts = [], 0, []
    for result in results:
        gold = labels.documents.get(result.document)
        if gold is None:
            continue
        if result.error is not None:
            unreadable.append((result.document, result.error))
            continue
        scored += 1
        verdicts = {theme.theme: theme for theme in result.themes}
        for theme_id, score in scores.items():
            verdict = verdicts.get(theme_id)
            _count(score, result.document, verdict is not None and verdict.attention, gold[theme_id])
            if verdict is not None and verdict.probability is not None:
                forecasts.append((verdict.probability, gold[theme_id]))
    notes = []
    if labels.ignored_themes:
        notes.append(_("thema's zonder labelkolom, niet geëvalueerd: {themes}")
                     .format(themes=", ".join(labels.ignored_themes)))
    return Evaluation(list(scores.values()), scored, unreadable, notes, forecasts)


def _count(score: ThemeScore, document: str, predicted: bool, actual: bool) -> None:
    if predicted and actual:
        score.tp += 1
    elif predicted:
        score.fp += 1
        score.false_positives.append(document)
    elif actual:
        score.fn += 1
        score.false_negatives.append(document)
    else:
        score.tn += 1


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def evaluation_data(evaluation: Evaluation) -> dict:
    return {
        "documents": evaluation.documents,
        "macro_f1": _rounded(evaluation.macro_f1),
        "themes": [{"theme": t.theme, "label": t.label, "tp": t.tp, "fp": t.fp, "fn": t.fn, "tn": t.tn,
                    "precision": _rounded(t.precision), "recall": _rounded(t.recall), "f1": _rounded(t.f1),
                    "false_positives": t.false_positives, "false_negatives": t.false_negatives}
                   for t in evaluation.themes],
        "brier": _rounded(evaluation.brier),
        "reliability": [{key: _rounded(value) if isinstance(value, float) else value for key, value in row.items()}
                        for row in evaluation.reliability()],
        "unreadable": [{"document": d, "error": e} for d, e in evaluation.unreadable],
        "notes": evaluation.notes,
    }


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _reliability_text(evaluation: Evaluation) -> str:
    text = _("Brier-score: {value} over {count} oordelen (0 is perfect)").format(
        value=f"{evaluation.brier:.3f}", count=len(evaluation.forecasts)) + "\n\n"
    header = [_("kans"), _("aantal"), _("voorspeld"), _("werkelijk")]
    rows = [[f"{row['from']:.1f}–{row['to']:.1f}", str(row["count"]), _fmt(row["predicted"]), _fmt(row["observed"])]
            for row in evaluation.reliability()]
    return text + format_table(header, rows)


def render_evaluation(evaluation: Evaluation, fmt: str = "table", *, verbose: bool = False) -> str:
    if fmt == "json":
        return json.dumps(evaluation_data(evaluation), ensure_ascii=False, indent=2) + "\n"
    header = [_("thema"), "TP", "FP", "FN", _("precisie"), "recall", "F1"]
    rows = [[t.theme, str(t.tp), str(t.fp), str(t.fn), _fmt(t.precision), _fmt(t.recall), _fmt(t.f1)]
            for t in evaluation.themes]
    text = format_table(header, rows)
    text += "\n" + _("macro-F1: {value} over {count} documenten").format(
        value=_fmt(evaluation.macro_f1), count=evaluation.documents) + "\n"
    if evaluation.forecasts:
        text += _reliability_text(evaluation)
    if verbose:
        for t in evaluation.themes:
            text += f"\n{t.theme}\n"
            text += "  " + _("fout-positief: {names}").format(names=", ".join(t.false_positives) or "–") + "\n"
            text += "  " + _("fout-negatief: {names}").format(names=", ".join(t.false_negatives) or "–") + "\n"
    return text


def render_comparison(plain: Evaluation, crossed: Evaluation, folds: Sequence[Sequence[str]],
                      fmt: str = "table", *, verbose: bool = False) -> str:
    """The figure on all labelled documents and the grouped cross-validation figure, one after the other."""
    if fmt == "json":
        data = {"dev": evaluation_data(plain),
                "cross_validation": {"folds": [len(fold) for fold in folds], **evaluation_data(crossed)}}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    title = _("Gegroepeerde kruisvalidatie: {k} delen, nooit één organisatie in twee delen; "
              "wat geleerd wordt, is geleerd zonder het gemeten deel").format(k=len(folds))
    return (_("Op alle gelabelde documenten") + "\n\n" + render_evaluation(plain, verbose=verbose)
            + "\n" + title + "\n\n" + render_evaluation(crossed, verbose=verbose))
