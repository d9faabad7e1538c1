"""The ``koers`` command line: ``koers scan``, ``koers summary`` and ``koers eval``.

Subcommands register themselves through ``subcommand``; the optimiser's ``koers portfolio`` comes
from ``koers.optimise.cli``. Exit codes: 0 all went well, 1 usage error (bad option or input file), 2 some
documents could not be read (each is named on stderr, the others are still reported).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from gettext import gettext as _
from gettext import ngettext
from pathlib import Path

from koers import __version__
from koers.optimise import cli as optimise_cli

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2

Registrar = Callable[["argparse._SubParsersAction"], None]
_REGISTRARS: list[Registrar] = []

# argparse's own messages, in Dutch (argparse looks them up through its module-level gettext).
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht ten minste één waarde",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """Translate argparse's built-in texts while our parser is built and used, then restore."""
    original = argparse._

    def translate(message: str) -> str:
        return _ARGPARSE_DUTCH.get(message) or original(message)

    argparse._ = translate
    try:
        yield
    finally:
        argparse._ = original


class KoersArgumentParser(argparse.ArgumentParser):
    """Usage errors exit with code 1 (argparse's default 2 means "unreadable documents" here)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: fout: {message}\n").format(prog=self.prog, message=message))


class _BriefFormatter(logging.Formatter):
    """One line per log record, the exception named but no traceback (``--debug`` shows it)."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"koers: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" ({type(error).__name__}: {error}; " + _("details met --debug") + ")"
        return text


_log_handler: logging.Handler | None = None


def configure_logging(debug: bool = False) -> None:
    """Log the ``koers`` package's warnings to stderr: brief, or in full with ``--debug``."""
    global _log_handler
    logger = logging.getLogger("koers")
    if _log_handler is not None:
        logger.removeHandler(_log_handler)
    _log_handler = logging.StreamHandler(sys.stderr)
    _log_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s") if debug
                              else _BriefFormatter())
    logger.addHandler(_log_handler)
    logger.setLevel(logging.DEBUG if debug else logging.NOTSET)
    logger.propagate = False  # the command owns stderr: a root handler (Django's, say) adds no traceback


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand accepts (use as ``parents=[common_options()]``)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true",
                        help=_("toon volledige foutmeldingen (voor het melden van een fout)"))
    return common


def subcommand(registrar: Registrar) -> Registrar:
    _REGISTRARS.append(registrar)
    return registrar


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is geen geheel getal").format(text=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("moet 0 of meer zijn"))
    return value


def build_parser() -> KoersArgumentParser:
    parser = KoersArgumentParser(
        prog="koers",
        description=_("Koers: sturen op de digitale transformatie van Nederlandse gemeenten."),
    )
    parser.add_argument("--version", action="version", version=f"koers {__version__}",
                        help=_("toon het versienummer en stop"))
    subparsers = parser.add_subparsers(dest="command", title=_("opdrachten"), metavar=_("OPDRACHT"))
    for registrar in _REGISTRARS:
        registrar(subparsers)
    optimise_cli.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``koers`` script; returns the exit code instead of exiting."""
    with _dutch_argparse():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version or a usage error
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    configure_logging(getattr(args, "debug", False))
    try:
        return handler(args)
    except KeyboardInterrupt:
        print(_("koers: afgebroken"), file=sys.stderr)
        return 130


def fail(message: str) -> int:
    """Print a usage-level error (one line, no traceback) and return its exit code."""
    print(_("koers: fout: {message}").format(message=message), file=sys.stderr)
    return EXIT_USAGE


def write_output(text: str, out: str | None) -> None:
    """Write to ``--out`` (UTF-8, folders created) or stdout; raises OSError when it cannot be written."""
    if out is None or out == "-":
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (`koers scan ... | head`): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def _emit(text: str, out: str | None) -> int:
    try:
        write_output(text, out)
    except OSError as exc:
        return fail(_("{file}: kan niet schrijven ({reason})").format(
            file=out, reason=exc.strerror or exc.__class__.__name__))
    return EXIT_OK


def progress(total: int, description: str):
    """A tqdm bar on stderr, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(total=total, desc=description, unit="doc", file=sys.stderr,
                disable=not sys.stderr.isatty(), leave=False)


# --- koers scan -------------------------------------------------------------------------------

_SCAN_HELP = _("""Scan documenten (PDF, DOCX, ODT, HTML, TXT, Markdown) op expliciete aandacht voor de
thema's van het codeboek. Een map wordt doorzocht met alle submappen (alleen ondersteunde
bestanden, verborgen bestanden overgeslagen).

Uitvoer: 'table' (standaard, naar het scherm), 'csv' (één regel per document en thema; een
document dat niet gelezen kon worden krijgt één regel met een leeg thema en de reden in 'error'),
'json' (alles, met de onderbouwende passages) of 'html' (een toegankelijk rapport).
Zonder --format volgt het formaat uit de extensie van --out (.csv, .json, .html).

Afsluitcode: 0 alles gelezen, 2 sommige documenten niet leesbaar (genoemd op stderr),
1 verkeerd gebruik (onbekende optie, codeboek of manifest onbruikbaar).""")


def _add_codebook_option(parser) -> None:
    parser.add_argument("--codebook", metavar=_("BESTAND"),
                        help=_("codeboek (TOML) met thema's en termen; standaard het meegeleverde codeboek"))


def _add_model_option(parser) -> None:
    parser.add_argument("--model", metavar=_("PAD"),
                        help=_("laat een geleerd passagemodel (van 'koers train --evidence') beslissen over "
                               "aandacht; 'shipped' is het meegeleverde model (proef: standaard beslist het codeboek)"))


def _passage_model(path: str | None, codebook):
    from koers.scan.passages import load_passage_model

    return load_passage_model(path, codebook) if path else None


def _add_jobs_option(parser) -> None:
    parser.add_argument("--jobs", type=_positive_int, default=1, metavar="N",
                        help=_("aantal processen dat tegelijk scant (0 = één per processorkern; standaard 1)"))


@subcommand
def _register_scan(subparsers) -> None:
    from koers.scan.report import FORMATS

    parser = subparsers.add_parser(
        "scan", help=_("documenten scannen op digitale thema's"), description=_SCAN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common_options()])
    parser.add_argument("paths", nargs="+", metavar=_("PAD"), help=_("document of map"))
    parser.add_argument("--manifest", metavar=_("BESTAND"),
                        help=_("CSV met path,municipality,doc_type,year (optioneel population) per document"))
    _add_codebook_option(parser)
    parser.add_argument("--format", choices=FORMATS, help=_("uitvoerformaat (standaard: table)"))
    parser.add_argument("--out", metavar=_("BESTAND"), help=_("schrijf de uitvoer naar dit bestand"))
    _add_jobs_option(parser)
    _add_model_option(parser)
    parser.set_defaults(handler=run_scan)


def _codebook(path: str | None):
    from koers.scan import default_codebook, load_codebook

    return load_codebook(path) if path else default_codebook()


def _output_format(fmt: str | None, out: str | None, formats) -> str:
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    return suffix if suffix in formats and suffix != "table" else "table"


def _scan_with_progress(targets, codebook, args, model=None):
    from koers.scan.batch import scan_targets

    with progress(len(targets), _("scannen")) as bar:
        return scan_targets(targets, codebook, jobs=args.jobs, on_result=lambda result: bar.update(),
                            worker_setup=partial(configure_logging, args.debug), model=model)


def _report_unreadable(results) -> int:
    failed = [r for r in results if r.error is not None]
    for result in failed:
        print(_("KAN NIET LEZEN: {document}: {reason}").format(document=result.document, reason=result.error),
              file=sys.stderr)
    if failed:
        print(ngettext("{failed} van de {total} documenten kon niet worden gelezen.",
                       "{failed} van de {total} documenten konden niet worden gelezen.", len(failed))
              .format(failed=len(failed), total=len(results)), file=sys.stderr)
    return EXIT_UNREADABLE if failed else EXIT_OK


def _with_manifest(results, manifest):
    """Attach the manifest row's metadata to each result; name the documents without a row."""
    matched, missing = [], []
    for result in results:
        entry = manifest.match(result.document)
        if entry is None:
            if result.error is None:  # an unreadable document is reported on its own already
                missing.append(result.document)
            matched.append(result)
        else:
            matched.append(replace(result, metadata={**result.metadata, **entry.metadata()}))
    if missing:
        shown = ", ".join(missing[:5])
        if len(missing) > 5:
            shown += _(" en {more} meer").format(more=len(missing) - 5)
        print(ngettext("let op: {count} document staat niet in het manifest: {names}",
                       "let op: {count} documenten staan niet in het manifest: {names}", len(missing))
              .format(count=len(missing), names=shown), file=sys.stderr)
    return matched


def run_scan(args) -> int:
    from koers.scan import ScanError
    from koers.scan.batch import expand_paths
    from koers.scan.manifest import load_manifest
    from koers.scan.report import FORMATS, render

    try:
        codebook = _codebook(args.codebook)
        manifest = load_manifest(args.manifest) if args.manifest else None
        model = _passage_model(args.model, codebook)
    except ScanError as exc:
        return fail(str(exc))
    for problem in manifest.errors if manifest else []:
        print(_("let op, manifest: {problem}").format(problem=problem), file=sys.stderr)
    results = _scan_with_progress(expand_paths(args.paths), codebook, args, model)
    if manifest is not None:
        results = _with_manifest(results, manifest)
    written = _emit(render(_output_format(args.format, args.out, FORMATS), results, codebook), args.out)
    return written if written != EXIT_OK else _report_unreadable(results)


# --- koers summary ----------------------------------------------------------------------------

_SUMMARY_HELP = _("""Vat de uitvoer van 'koers scan' (CSV of JSON) samen per gemeente: per thema het
percentage gemeenten met expliciete aandacht, per grootteklasse (inwonertal) en in totaal, met
het aantal gemeenten (n) per klasse. Een gemeente heeft aandacht voor een thema als ten minste
één van haar documenten (na de filters) die aandacht heeft. Documenten worden aan het manifest
gekoppeld via hun pad (zoals bij het scannen opgegeven, vanuit dezelfde map), anders via een
unieke bestandsnaam. Fouten in het manifest gelden hier als verkeerd gebruik (afsluitcode 1).""")


@subcommand
def _register_summary(subparsers) -> None:
    from koers.scan.summary import SUMMARY_FORMATS

    parser = subparsers.add_parser(
        "summary", help=_("resultaten samenvatten per gemeente en grootteklasse"),
        description=_SUMMARY_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options()])
    parser.add_argument("results", metavar=_("RESULTATEN"), help=_("CSV- of JSON-uitvoer van 'koers scan'"))
    parser.add_argument("--manifest", required=True, metavar=_("BESTAND"),
                        help=_("manifest dat documenten aan gemeenten koppelt"))
    parser.add_argument("--size-bounds", default="50000,100000", metavar=_("GRENZEN"),
                        help=_("grenzen van de grootteklassen in inwoners (standaard 50000,100000)"))
    parser.add_argument("--format", choices=SUMMARY_FORMATS, default="table",
                        help=_("uitvoerformaat (standaard: table)"))
    parser.add_argument("--doc-type", metavar=_("SOORT"), help=_("alleen documenten van deze soort (doc_type)"))
    parser.add_argument("--year", type=int, metavar=_("JAAR"), help=_("alleen documenten uit dit jaar"))
    parser.add_argument("--out", metavar=_("BESTAND"), help=_("schrijf de uitvoer naar dit bestand"))
    parser.set_defaults(handler=run_summary)


def run_summary(args) -> int:
    from koers.scan import ScanError
    from koers.scan.manifest import load_manifest
    from koers.scan.municipalities import parse_bounds
    from koers.scan.summary import load_results, render_summary, summarise

    try:
        bounds = parse_bounds(args.size_bounds)
    except ValueError as exc:
        return fail(_("--size-bounds: {problem}").format(problem=exc))
    try:
        manifest = load_manifest(args.manifest)
        records = load_results(args.results)
    except ScanError as exc:
        return fail(str(exc))
    if manifest.errors:
        for problem in manifest.errors:
            print(_("FOUT IN MANIFEST: {problem}").format(problem=problem), file=sys.stderr)
        return fail(ngettext("{count} fout in het manifest; verbeter die en probeer opnieuw",
                             "{count} fouten in het manifest; verbeter ze en probeer opnieuw", len(manifest.errors))
                    .format(count=len(manifest.errors)))
    summary = summarise(records, manifest, bounds=bounds, doc_type=args.doc_type, year=args.year)
    for note in summary.notes:
        print(_("let op: {note}").format(note=note), file=sys.stderr)
    return _emit(render_summary(summary, args.format), args.out)


# --- koers eval -------------------------------------------------------------------------------

_EVAL_HELP = _("""Meet hoe goed de scan werkt tegen handmatige labels: precisie, recall en F1 per
thema en de macro-F1, en voor oordelen met een kans de Brier-score en een betrouwbaarheidstabel
(voorspelde kans tegen het werkelijke aandeel). Het labelbestand is een CSV met een kolom
'document' (bestandsnaam in de map) en per thema-id een kolom met 0 of 1. Thema's van het codeboek
zonder labelkolom worden overgeslagen; een labelkolom die geen thema van het codeboek is, is een fout.

Met --cv K volgt daarna een gegroepeerde kruisvalidatie: de documenten worden per organisatie
(kolom 'municipality' van --groups) over K delen verdeeld; wat geleerd wordt (de kanscurve) wordt
steeds op de andere delen geleerd en op het achtergehouden deel gemeten. Dat cijfer voorspelt
het best hoe de scan het doet op documenten van organisaties die hij nooit zag.""")


@subcommand
def _register_eval(subparsers) -> None:
    from koers.scan.evaluate import EVAL_FORMATS

    parser = subparsers.add_parser(
        "eval", help=_("de scan meten tegen gelabelde documenten"), description=_EVAL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common_options()])
    parser.add_argument("--docs", required=True, metavar=_("MAP"), help=_("map met de gelabelde documenten"))
    parser.add_argument("--labels", required=True, metavar=_("BESTAND"), help=_("CSV met de labels"))
    _add_codebook_option(parser)
    _add_jobs_option(parser)
    parser.add_argument("--format", choices=EVAL_FORMATS, default="table",
                        help=_("uitvoerformaat (standaard: table)"))
    parser.add_argument("--verbose", "-v", action="store_true",
                        help=_("noem per thema de fout-positieve en fout-negatieve documenten"))
    parser.add_argument("--cv", type=_positive_int, metavar="K",
                        help=_("ook gegroepeerde kruisvalidatie met K delen (bijvoorbeeld 5)"))
    parser.add_argument("--groups", metavar=_("BESTAND"),
                        help=_("CSV met document en municipality per document; standaard docs.csv "
                               "naast het labelbestand"))
    _add_model_option(parser)
    parser.add_argument("--evidence", metavar=_("BESTAND"),
                        help=_("met --model en --cv: CSV met document,theme,quote om het passagemodel per deel "
                               "te leren; standaard evidence.csv naast het labelbestand"))
    parser.set_defaults(handler=run_eval)


def run_eval(args) -> int:
    from koers.scan import ScanError
    from koers.scan.batch import Target
    from koers.scan.evaluate import evaluate, load_labels, render_comparison, render_evaluation

    if not os.path.isdir(args.docs):
        return fail(_("{folder}: map niet gevonden").format(folder=args.docs))
    try:
        codebook = _codebook(args.codebook)
        labels = load_labels(args.labels, codebook)
        model = _passage_model(args.model, codebook)
    except ScanError as exc:
        return fail(str(exc))
    targets = [Target(name, os.path.join(args.docs, name)) for name in labels.documents]
    results = _scan_with_progress(targets, codebook, args, model)
    evaluation = evaluate(results, labels, codebook)
    for note in evaluation.notes:
        print(_("let op: {note}").format(note=note), file=sys.stderr)
    if args.cv is None:
        write_output(render_evaluation(evaluation, args.format, verbose=args.verbose), None)
        return _report_unreadable(results)
    try:
        crossed, folds = _cross_validate(args, targets, results, labels, codebook)
    except ScanError as exc:
        return fail(str(exc))
    write_output(render_comparison(evaluation, crossed, folds, args.format, verbose=args.verbose), None)
    return _report_unreadable(results)


def _cross_validate(args, targets, results, labels, codebook):
    from koers.scan.crossval import CodebookLayer, PassageLayer, cross_validate, grouped_folds, load_groups
    from koers.scan.evaluate import evaluate
    from koers.scan.train import collect_candidates, load_evidence

    groups = load_groups(args.groups or Path(args.labels).with_name("docs.csv"))
    folds = grouped_folds(list(labels.documents), groups, args.cv)
    layer = CodebookLayer(codebook)
    if args.model:  # the passage model is learned again inside every fold, from the same quotes
        quotes = load_evidence(args.evidence or Path(args.labels).with_name("evidence.csv"))
        layer = PassageLayer(codebook, collect_candidates(targets, codebook), quotes)
    predicted = cross_validate(results, labels, layer, folds)
    return evaluate(predicted, labels, codebook), folds


# --- koers train ------------------------------------------------------------------------------

_TRAIN_HELP = _("""Leer uit gelabelde documenten wat de scan zelf niet weet: per thema de kans dat een
oordeel klopt (een kanscurve over het oordeel en de score van het codeboek) en, met --evidence,
een passagemodel dat per gevonden passage inschat of die echt over het thema gaat (waar de woorden
staan, of de organisatie een eigen doel of actie noemt, welke termen). Het resultaat is een
klein JSON-bestand; dezelfde invoer geeft altijd precies hetzelfde bestand. Vraagt scikit-learn
(pip install 'koers[train]'); het scannen zelf heeft het niet nodig. Labels zoals bij 'koers eval'.""")


@subcommand
def _register_train(subparsers) -> None:
    parser = subparsers.add_parser(
        "train", help=_("een model leren uit gelabelde documenten"), description=_TRAIN_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common_options()])
    parser.add_argument("--docs", required=True, metavar=_("MAP"), help=_("map met de gelabelde documenten"))
    parser.add_argument("--labels", required=True, metavar=_("BESTAND"), help=_("CSV met de labels"))
    parser.add_argument("--evidence", metavar=_("BESTAND"),
                        help=_("CSV met document,theme,quote: leer ook het passagemodel (de citaten zijn de "
                               "positieve passages, passages in documenten met label 0 de negatieve)"))
    parser.add_argument("--out", required=True, metavar=_("BESTAND"), help=_("het modelbestand (JSON) dat ontstaat"))
    _add_codebook_option(parser)
    _add_jobs_option(parser)
    parser.set_defaults(handler=run_train)


def run_train(args) -> int:
    from koers.scan import ScanError
    from koers.scan.batch import Target
    from koers.scan.evaluate import load_labels
    from koers.scan.train import collect_candidates, load_evidence, model_json, train_model

    if not os.path.isdir(args.docs):
        return fail(_("{folder}: map niet gevonden").format(folder=args.docs))
    try:
        codebook = _codebook(args.codebook)
        labels = load_labels(args.labels, codebook)
        targets = [Target(name, os.path.join(args.docs, name)) for name in labels.documents]
        results = _scan_with_progress(targets, codebook, args)
        examples = [(r, labels.documents[r.document]) for r in results if r.error is None]
        quotes = load_evidence(args.evidence) if args.evidence else None
        candidates = collect_candidates(targets, codebook) if quotes is not None else None
        model = train_model(examples, codebook, candidates, quotes)
    except ScanError as exc:
        return fail(str(exc))
    written = _emit(model_json(model), args.out)
    return written if written != EXIT_OK else _report_unreadable(results)



# --- koers harvest ----------------------------------------------------------------------------

_HARVEST_HELP = _("""Haal per gemeente één document op uit een open bron (nu: Open Raadsinformatie, 'ori'):
de begroting, kadernota, voorjaarsnota of het coalitieakkoord van een jaar. In MAP komen de
bestanden (CBS-code_soort_jaar.pdf), manifest.csv (voor 'koers scan --manifest', met bron, adres,
tijdstip, SHA-256 en licentie per bestand) en completeness.csv: per gemeente gevonden, niet
gevonden, meerdere kandidaten of fout, met de reden. Opnieuw draaien gaat verder waar het stopte:
een bestand dat er al is met dezelfde SHA-256 wordt niet opnieuw gedownload.

Afsluitcode: 0 klaar (ook als niet alles gevonden is), 2 de bron gaf voor sommige gemeenten een
fout, 1 verkeerd gebruik.""")


def _non_negative_float(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is geen getal").format(text=text)) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(_("moet 0 of meer zijn"))
    return value


@subcommand
def _register_harvest(subparsers) -> None:
    from koers.connectors.harvest import SOURCES

    parser = subparsers.add_parser(
        "harvest", help=_("documenten van gemeenten ophalen uit open bronnen"), description=_HARVEST_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common_options()])
    parser.add_argument("--source", required=True, choices=sorted(SOURCES), help=_("de bron"))
    parser.add_argument("--doc-type", required=True, metavar=_("SOORT"),
                        help=_("begroting, kadernota, voorjaarsnota of coalitieakkoord"))
    parser.add_argument("--year", required=True, type=int, metavar=_("JAAR"), help=_("het jaar van het document"))
    parser.add_argument("--municipalities", metavar=_("BESTAND"),
                        help=_("CSV of tekst met CBS-codes of namen (eerste kolom); standaard alle gemeenten"))
    parser.add_argument("--out", required=True, metavar=_("MAP"), help=_("map voor bestanden en rapporten"))
    parser.add_argument("--cache", metavar=_("MAP"), help=_("bewaar de antwoorden van de bron hier en hergebruik ze"))
    parser.add_argument("--base-url", metavar="URL", help=_("ander adres van de bron (bijvoorbeeld een testserver)"))
    parser.add_argument("--delay", type=_non_negative_float, default=1.0, metavar=_("SECONDEN"),
                        help=_("minimale tijd tussen twee verzoeken aan dezelfde server (standaard 1)"))
    parser.add_argument("--timeout", type=_non_negative_float, default=30.0, metavar=_("SECONDEN"),
                        help=_("wachttijd per verzoek (standaard 30; 0 = geen grens)"))
    parser.add_argument("--retries", type=_positive_int, default=3, metavar="N",
                        help=_("aantal herhalingen na een fout van de server of het netwerk (standaard 3)"))
    parser.add_argument("--backoff", type=_non_negative_float, default=1.0, metavar=_("SECONDEN"),
                        help=_("wachttijd vóór de eerste herhaling, daarna steeds het dubbele (standaard 1)"))
    parser.set_defaults(handler=run_harvest)


def run_harvest(args) -> int:
    from koers.connectors.harvest import (SourceUnreachable, all_municipalities, harvest, read_municipalities,
                                          render_table)
    from koers.connectors.http import Fetcher, SourceError

    if not 1800 <= args.year <= 2200:
        return fail(_("{year} is geen jaartal").format(year=args.year))
    try:
        towns, problems = read_municipalities(args.municipalities) if args.municipalities \
            else (all_municipalities(), [])
    except SourceError as exc:
        return fail(str(exc))
    for problem in problems:
        print(_("let op: {problem}").format(problem=problem), file=sys.stderr)
    if not towns:
        return fail(_("geen enkele bekende gemeente in {file}").format(file=args.municipalities))
    fetcher = Fetcher(args.cache, timeout=args.timeout or None, retries=args.retries, backoff=args.backoff,
                      min_interval=args.delay)
    try:
        with progress(len(towns), _("ophalen")) as bar:
            outcomes = harvest(args.source, args.doc_type, args.year, towns, args.out, fetcher,
                               base_url=args.base_url, on_outcome=lambda outcome: bar.update())
    except SourceUnreachable as exc:
        write_output(render_table(exc.outcomes), None)
        print(str(exc), file=sys.stderr)
        return EXIT_UNREADABLE
    except SourceError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(_("{folder}: kan niet schrijven ({reason})").format(
            folder=args.out, reason=exc.strerror or exc.__class__.__name__))
    write_output(render_table(outcomes), None)
    return EXIT_UNREADABLE if any(outcome.status == "error" for outcome in outcomes) else EXIT_OK


# --- koers batch ------------------------------------------------------------------------------

_BATCH_HELP = _("""Scan de documenten van een manifest (bijvoorbeeld van 'koers harvest') op de werkers van
de webapplicatie: één taak per document. Een bestand dat al gescand is met hetzelfde codeboek en
model (zelfde SHA-256) wordt niet opnieuw gescand. Werkers starten met
'celery -A koers.web.celery:app worker', op elke machine met dezelfde DATABASE_URL en REDIS_URL en
de bestanden op hetzelfde pad. Zonder --no-wait toont 'koers batch' de voortgang tot alles klaar
is; Ctrl-C stopt alleen het wachten. 'koers batch --status ID' toont de voortgang van een opdracht.

Afsluitcode: 0 alles gescand, 2 sommige documenten mislukt (genoemd op stderr), 1 verkeerd gebruik.""")


@subcommand
def _register_batch(subparsers) -> None:
    parser = subparsers.add_parser(
        "batch", help=_("documenten van een manifest scannen op de werkers"), description=_BATCH_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter, parents=[common_options()])
    parser.add_argument("manifest", nargs="?", metavar="MANIFEST", help=_("manifest.csv van de documenten"))
    parser.add_argument("--label", default="", metavar=_("TEKST"), help=_("omschrijving van de opdracht"))
    parser.add_argument("--no-wait", action="store_true", help=_("start de opdracht en stop meteen"))
    parser.add_argument("--status", type=_positive_int, metavar="ID", help=_("toon de voortgang van een opdracht"))
    parser.set_defaults(handler=run_batch)


def run_batch(args) -> int:
    if (args.manifest is None) == (args.status is None):
        return fail(_("geef een manifest of --status ID"))
    problem = _setup_django("koers batch")
    if problem:
        return fail(problem)
    from koers.apps.national import batches
    from koers.apps.national.models import Batch
    from koers.scan import ScanError

    if args.status is not None:
        batch = Batch.objects.filter(pk=args.status).first()
        if batch is None:
            return fail(_("scanopdracht {id} bestaat niet").format(id=args.status))
        print(_batch_summary(batch, batches.progress(batch)), end="")
        return EXIT_OK
    try:
        documents, errors = batches.register_manifest(args.manifest)
        for error in errors:
            print(_("let op, manifest: {problem}").format(problem=error), file=sys.stderr)
        batch = batches.start_batch(documents, label=args.label)
    except (ScanError, ValueError) as exc:
        return fail(str(exc))
    if args.no_wait:
        print(_("Scanopdracht {id} gestart met {count} documenten; volg haar met 'koers batch --status {id}'.")
              .format(id=batch.pk, count=len(documents)))
        return EXIT_OK
    return _wait_for(batch, batches)


def _setup_django(command: str) -> str:
    """Configure Django for this command only (the other subcommands stay framework-free); returns a
    problem in Dutch, or "" when the database is ready."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    try:
        import django
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:
        return _("'{command}' heeft de webapplicatie nodig: pip install 'koers[web]'").format(command=command)
    try:
        django.setup()
        from django.db import DatabaseError, connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return _("de database is niet bijgewerkt; voer eerst 'python -m koers.web migrate' uit")
    except ImproperlyConfigured as exc:
        return str(exc)
    except DatabaseError as exc:
        return _("de database is niet bereikbaar ({reason})").format(reason=exc)
    return ""


def _wait_for(batch, batches) -> int:
    import time

    print(_("Scanopdracht {id}: wacht op de werkers (celery -A koers.web.celery:app worker).").format(id=batch.pk),
          file=sys.stderr)
    state = batches.progress(batch)
    with progress(state.total, _("scannen")) as bar:
        while not state.finished:
            time.sleep(1)
            batches.requeue_stalled(batch)  # items of a worker that died here start again
            state = batches.progress(batch)
            bar.update(state.completed - bar.n)
    print(_batch_summary(batch, state), end="")
    for item in batch.items.filter(status="failed").select_related("document"):
        print(_("MISLUKT: {document} ({path}): {reason}").format(document=item.document, path=item.document.path,
                                                                reason=item.error), file=sys.stderr)
    return EXIT_UNREADABLE if state.counts["failed"] else EXIT_OK


def _batch_summary(batch, state) -> str:
    counts = state.counts
    lines = [_("Scanopdracht {id}{label}: {done} van de {total} documenten klaar").format(
        id=batch.pk, label=f" ({batch.label})" if batch.label else "", done=state.completed, total=state.total),
        _("  gescand {done}, al eerder gescand {reused}, mislukt {failed}, bezig {running}, in de wachtrij {queued}")
        .format(**counts),
        ngettext("  {pages} pagina gelezen", "  {pages} pagina's gelezen", state.pages).format(pages=state.pages)]
    if not state.finished and state.eta is not None:
        lines.append(ngettext("  nog ongeveer {minutes} minuut", "  nog ongeveer {minutes} minuten",
                              state.eta_minutes).format(minutes=state.eta_minutes))
    return "\n".join(lines) + "\n"


# --- koers audit verify ------------------------------------------------------------------------

_AUDIT_HELP = _("""Controleer de hashketen van de audittrail: elke regel bevat de hash van haar inhoud en van
de regel ervoor, dus een achteraf gewijzigde of verwijderde regel valt op. Noteer het aantal regels
en de laatste hash buiten de database: telt een latere controle minder regels, dan zijn de nieuwste
regels weggehaald.

Afsluitcode: 0 keten intact, 2 keten verbroken (de eerste breuk staat op stderr), 1 verkeerd gebruik.""")


@subcommand
def _register_audit(subparsers) -> None:
    parser = subparsers.add_parser("audit", help=_("de audittrail controleren"), description=_AUDIT_HELP,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = parser.add_subparsers(dest="audit_command", title=_("opdrachten"), metavar=_("OPDRACHT"),
                                    required=True)
    verify = actions.add_parser("verify", help=_("controleer of geen regel gewijzigd of verwijderd is"),
                                description=_AUDIT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter,
                                parents=[common_options()])
    verify.set_defaults(handler=run_audit_verify)


def run_audit_verify(args) -> int:
    problem = _setup_django("koers audit verify")
    if problem:
        return fail(problem)
    from koers.apps.audit.chain import verify
    from koers.apps.audit.models import AuditEntry

    result = verify(AuditEntry.objects.all())
    print(result.message, file=sys.stderr if result.problem else sys.stdout)
    return EXIT_UNREADABLE if result.problem else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
