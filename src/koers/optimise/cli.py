"""``koers portfolio optimise``: the best selection of initiatives from three CSV files.

Exit codes: 0 a selection was found (optimal or feasible within the time limit), 1 input error
(message on stderr), 3 the portfolio is infeasible (the reason on stderr and in the output).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from gettext import gettext as _

from koers.optimise.errors import OptimiseInputError
from koers.optimise.io import load_instance
from koers.optimise.model import DEFAULT_TIME_LIMIT, Instance, Solution

EXIT_OK, EXIT_INPUT, EXIT_INFEASIBLE = 0, 1, 3
STATUS_DUTCH = {"optimal": _("optimaal"), "feasible": _("toegestaan, niet bewezen optimaal"),
                "infeasible": _("onhaalbaar")}


def _non_negative_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("geen getal: {text!r}").format(text=text)) from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(_("moet een getal van 0 of meer zijn: {text!r}").format(
            text=text))
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``portfolio`` with its ``optimise`` command to the top-level ``koers`` subparsers."""
    portfolio = subparsers.add_parser(
        "portfolio", help=_("portefeuillebeheer: kies de beste set initiatieven"),
        description=_("Portefeuillebeheer voor de digitale transformatie."))
    commands = portfolio.add_subparsers(dest="portfolio_command", title=_("opdrachten"),
                                        metavar=_("OPDRACHT"))
    portfolio.set_defaults(func=_missing_command(portfolio), handler=_missing_command(portfolio))
    optimise = commands.add_parser(
        "optimise", help=_("kies de initiatieven met de meeste waarde binnen capaciteit en budget"),
        description=_(
            "Kiest de initiatieven met de hoogste totale waarde die passen binnen de capaciteit "
            "van elk team in elk kwartaal en binnen het budget, met afhankelijkheden, elkaar "
            "uitsluitende alternatieven en verplichte initiatieven. Ter vergelijking staat ernaast "
            "wat de spreadsheetmethode (op waarde sorteren en afkappen) oplevert. "
            "Afsluitcodes: 0 selectie gevonden, 1 fout in de invoer, 3 onhaalbaar."))
    optimise.add_argument("--initiatives", required=True, metavar=_("BESTAND"),
                          help=_("CSV met id,value,cost,mandatory,requires,group"))
    optimise.add_argument("--effort", required=True, metavar=_("BESTAND"),
                          help=_("CSV met initiative,team,quarter,hours (benodigde uren)"))
    optimise.add_argument("--capacity", required=True, metavar=_("BESTAND"),
                          help=_("CSV met team,quarter,hours (beschikbare uren)"))
    optimise.add_argument("--budget", type=_non_negative_number, metavar="N",
                          help=_("totaal budget (zonder deze optie geen budgetgrens)"))
    optimise.add_argument("--format", choices=("table", "json"), default="table",
                          help=_("uitvoer als tabel (standaard) of als JSON"))
    optimise.add_argument("--time-limit", type=_non_negative_number, default=DEFAULT_TIME_LIMIT,
                          metavar="S", help=_("maximale rekentijd in seconden (standaard %(default)s)"))
    optimise.set_defaults(func=run, handler=run)


def _missing_command(parser: argparse.ArgumentParser):
    def show_help(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    return show_help


def run(args: argparse.Namespace) -> int:
    try:
        instance = load_instance(args.initiatives, args.effort, args.capacity, budget=args.budget)
    except OptimiseInputError as exc:
        print(_("koers portfolio optimise: fout: {error}").format(error=exc), file=sys.stderr)
        return EXIT_INPUT
    from koers.optimise.solver import solve  # numpy/scipy only when actually solving

    solution = solve(instance, time_limit=args.time_limit)
    if args.format == "json":
        print(json.dumps(_json_ready(solution.to_dict()), ensure_ascii=False, indent=2))
    else:
        print(render_table(instance, solution))
    if solution.status == "infeasible":
        print(_("koers portfolio optimise: onhaalbaar: {reason}").format(reason=solution.reason),
              file=sys.stderr)
        return EXIT_INFEASIBLE
    return EXIT_OK


def _json_ready(data: dict) -> dict:
    """JSON has no infinity: an unbounded relative gap becomes null."""
    return {key: None if isinstance(value, float) and not math.isfinite(value) else value
            for key, value in data.items()}


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")  # Dutch: thin space thousands, comma


def render_table(instance: Instance, solution: Solution) -> str:
    lines = [_("Status: {status}").format(status=STATUS_DUTCH[solution.status])]
    if solution.status == "infeasible":
        lines.append(_("Reden: {reason}").format(reason=solution.reason))
        return "\n".join(lines)
    gap = "-" if solution.gap is None else f"{100 * solution.gap:.3f} %".replace(".", ",")
    lines += [
        _("Totale waarde: {value} (bovengrens {bound}, marge {gap})").format(
            value=_number(solution.objective), bound=_number(solution.bound), gap=gap),
        _("Spreadsheetmethode (sorteren op waarde, afkappen): {value}").format(
            value=_number(solution.ranked_cutoff_objective)),
        _("Winst ten opzichte van de spreadsheetmethode: {value}").format(
            value=_number(solution.value_gained)),
        _("Rekentijd: {seconds:.2f} s").format(seconds=solution.seconds).replace(".", ","),
        "",
    ]
    chosen, baseline = set(solution.selected), set(solution.ranked_cutoff_selected)
    header = (_("id"), _("waarde"), _("kosten"), _("verplicht"), _("gekozen"), _("spreadsheet"))
    rows = [header] + [
        (item.id, _number(item.value), _number(item.cost), _("ja") if item.mandatory else "",
         _("ja") if item.id in chosen else _("nee"), _("ja") if item.id in baseline else _("nee"))
        for item in sorted(instance.initiatives, key=lambda item: (item.id not in chosen, -item.value))]
    widths = [max(len(row[k]) for row in rows) for k in range(len(header))]
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
              for row in rows]
    return "\n".join(lines)
