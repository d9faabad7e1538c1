"""The problems an import can report: ImportProblem and PortfolioImportError."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _, ngettext

from koers.apps.portfolio.transfer.columns import MAX_REPORTED


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
            more = len(problems) - 5
            text += " " + ngettext("(en nog %(count)d probleem)", "(en nog %(count)d problemen)", more) % {"count": more}
        super().__init__(text)

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def _file_error(message: str) -> PortfolioImportError:
    return PortfolioImportError([ImportProblem(0, "", message)])
