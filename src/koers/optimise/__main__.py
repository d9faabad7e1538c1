"""``python -m koers.optimise portfolio optimise ...``: the command without the rest of ``koers``."""

from __future__ import annotations

import argparse
import sys
from gettext import gettext as _

from koers.optimise.cli import EXIT_INPUT, register


class _Parser(argparse.ArgumentParser):
    """Usage errors exit with 1, like every input error of this command."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, _("{prog}: fout: {message}\n").format(prog=self.prog, message=message))


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m koers.optimise",
                     description=_("Portefeuille-optimalisatie van Koers."))
    register(parser.add_subparsers(dest="command", title=_("opdrachten"), metavar=_("OPDRACHT"),
                                   parser_class=_Parser))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help or a usage error
        return exc.code if isinstance(exc.code, int) else EXIT_INPUT
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    return func(args)


if __name__ == "__main__":
    sys.exit(main())
