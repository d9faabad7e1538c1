"""Scan benchmark: how fast and how lean is ``koers scan`` on one core? (``make bench``)

Builds a 300-page Dutch PDF from the example documents and measures, in pages per second:

- ``koers scan FILE --format csv --out /dev/null --jobs 1`` end to end as a subprocess,
  and ``koers.scan.scan_file`` in-process;
- the naive baseline a user would otherwise write: pdfminer.six page by page plus one
  case-insensitive ``re.finditer`` per codebook term;
- raw pypdfium2 text extraction, the floor for any PDFium-based scanner, with the same
  calls the engine makes.

Each speed case runs ``REPEATS`` rounds, interleaved with the others, and the fastest round
counts: load from other processes only ever slows a round down.

Then the peak memory (RSS) of a scan of a 100-page and a 1,000-page PDF, each in a fresh
process. Prints a table and writes ``benchmarks/out/scan.json``. Not a test: figures vary
with the machine and its load; targets are printed beside them, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pypdfium2

from machine import cpu_model, package_version

ROOT = Path(__file__).resolve().parents[1]
OUT_FILE = ROOT / "benchmarks" / "out" / "scan.json"
sys.path.insert(0, str(ROOT / "examples"))
from make_pdf import read_source, render_pdf, split_blocks  # noqa: E402

PAGES, NAIVE_PAGES, MEMORY_PAGES = 300, 60, (100, 1000)
WORDS_PER_PAGE = 470  # aimed-for density; the real figure is measured and reported
TARGET_PAGES_PER_S, TARGET_VS_NAIVE, TARGET_VS_RAW = 200.0, 10.0, 0.6
REPEATS = 5  # rounds per speed case; the fastest counts (load on a shared machine only slows)


# --- building the benchmark PDFs -------------------------------------------------------------

def example_documents() -> list[list[str]]:
    """Blocks (headings, paragraphs, list items) of each example document."""
    folder = ROOT / "examples" / "documents"
    return [split_blocks(read_source(path)) for path in sorted(folder.rglob("*.*"))]


def varied_blocks(documents: list[list[str]], words: int, seed: int = 2026) -> list[str]:
    """Cycle through the documents, shuffling their sections and shifting years each round."""
    rng = random.Random(seed)
    blocks: list[str] = []
    count, round_number = 0, 0
    while count < words:
        shift = round_number % 4
        for document in documents:
            sections: list[list[str]] = []
            for block in document[1:]:  # the title only once, at the very start
                if block.startswith("#") or not sections:
                    sections.append([])
                sections[-1].append(block)
            rng.shuffle(sections)
            for section in sections:
                for block in section:
                    block = re.sub(r"\b20(2\d)\b", lambda m: str(2000 + int(m.group(1)) + shift), block)
                    blocks.append(block)
                    count += len(block.split())
        round_number += 1
    return [documents[0][0]] + blocks


def copy_pages(source: Path, count: int, out: Path) -> Path:
    """A PDF of exactly ``count`` pages, taking the source's pages in order, cyclically."""
    src = pypdfium2.PdfDocument(str(source))
    dest = pypdfium2.PdfDocument.new()
    try:
        total = len(src)
        while len(dest) < count:
            take = min(total, count - len(dest))
            dest.import_pages(src, pages=list(range(take)))
        dest.save(str(out))
    finally:
        dest.close()
        src.close()
    return out


def build_pdfs(folder: Path) -> dict[int, Path]:
    base = folder / "base.pdf"
    words = int(PAGES * WORDS_PER_PAGE * 1.1)
    render_pdf(varied_blocks(example_documents(), words), base, "Gemeentelijke begrotingsstukken (benchmark)")
    sizes = sorted({PAGES, NAIVE_PAGES, *MEMORY_PAGES})
    return {n: copy_pages(base, n, folder / f"scan-{n}.pdf") for n in sizes}


# --- the measurements -----------------------------------------------------------------------

def raw_extract(path: Path) -> int:
    """PDFium text extraction alone, with exactly the calls the engine makes (``extract/pdf.py``):
    open, per page ``get_page``, ``get_textpage().get_text_range()``, close both, close.
    Returns the number of characters: counting words here would slow the floor down."""
    document = pypdfium2.PdfDocument(str(path))
    chars = 0
    try:
        for index in range(len(document)):
            page = document.get_page(index)
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return chars


def count_words(path: Path) -> int:
    """Words in the PDF's text layer, to describe the benchmark document (not timed)."""
    document = pypdfium2.PdfDocument(str(path))
    words = 0
    try:
        for index in range(len(document)):
            page = document.get_page(index)
            textpage = page.get_textpage()
            words += len(textpage.get_text_range().split())
            textpage.close()
            page.close()
    finally:
        document.close()
    return words


def term_patterns(codebook) -> list[re.Pattern]:
    """Each codebook term as a case-insensitive regex: words escaped, ``*`` becomes ``\\w*``."""
    patterns = []
    for theme in codebook.themes:
        for term in theme.terms:
            text = term[0] if isinstance(term, tuple) else term  # (pattern, weight) or plain string
            words = [re.escape(word).replace(r"\*", r"\w*") for word in text.split()]
            patterns.append(re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE))
    return patterns


def naive_scan(path: Path, patterns: list[re.Pattern]) -> int:
    """What a user would write: pdfminer.six page by page, then every regex. Returns hits."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    hits = 0
    for layout in extract_pages(str(path)):
        text = "".join(element.get_text() for element in layout if isinstance(element, LTTextContainer))
        for pattern in patterns:
            hits += sum(1 for _ in pattern.finditer(text))
    return hits


def koers_command() -> list[str]:
    script = Path(sys.executable).with_name("koers")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                 "import sys; from koers.cli import main; sys.exit(main())"]


def cli_scan(path: Path) -> None:
    command = koers_command() + ["scan", str(path), "--format", "csv", "--out", os.devnull, "--jobs", "1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["geen melding"])[-1]
        raise RuntimeError(f"koers scan stopte met code {done.returncode}: {last}")


def startup() -> None:
    """`koers --help`: interpreter start, imports and parser, the fixed cost of every CLI run."""
    done = subprocess.run(koers_command() + ["--help"], capture_output=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"koers --help stopte met code {done.returncode}")


def koers_extract(path: Path) -> int:
    """The engine's own extraction and cleaning (iter_pages) without detection. Returns the
    number of characters (a word count would add detection's own bookkeeping)."""
    from koers.scan.extract import iter_pages

    return sum(len(page.text) for page in iter_pages(path))


def inprocess_scan(path: Path) -> dict:
    from koers.scan import default_codebook, scan_file

    result = scan_file(path, default_codebook())
    if result.error:
        raise RuntimeError(f"scan_file gaf een fout: {result.error}")
    return {"pages": result.pages, "attention": [t.theme for t in result.themes if t.attention]}


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds (own process plus finished children) of one call."""
    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    wall, cpu, child = time.perf_counter(), time.process_time(), children_cpu()
    value = run()
    return (time.perf_counter() - wall, time.process_time() - cpu + children_cpu() - child, value)


def measure_rounds(cases: dict[str, tuple[int, Callable[[], object]]], rounds: int,
                   notes: list[str]) -> dict[str, dict]:
    """Best of ``rounds`` for each case, interleaved so that load from other processes on the
    shared core hits every case alike. A failing case is recorded once and skipped after."""
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    results: dict[str, dict] = {}
    for _ in range(rounds):
        for name, (pages, run) in cases.items():
            if "error" in results.get(name, {}):
                continue
            try:
                wall, cpu, value = timed(run)
            except Exception as exc:  # the engine may still be unfinished: report and go on
                notes.append(f"{name}: {exc.__class__.__name__}: {exc}")
                results[name] = {"pages": pages, "error": f"{exc.__class__.__name__}: {exc}"}
                continue
            walls[name].append(wall)
            cpus[name].append(cpu)
            results[name] = {"pages": pages, "runs": len(walls[name]), "detail": value,
                             "seconds": round(min(walls[name]), 4), "cpu_seconds": round(min(cpus[name]), 4),
                             "pages_per_s": round(pages / min(walls[name]), 1),
                             "pages_per_cpu_s": round(pages / max(min(cpus[name]), 1e-9), 1)}
    return results


# --- peak memory in a fresh process ---------------------------------------------------------

# Runs in a fresh interpreter (inheriting the one-core affinity): `koers scan` in-process, then
# the peak RSS as JSON. Only koers is imported, so the figure is the scanner's own footprint.
# VmHWM is the high-water mark of this process image; ru_maxrss would also carry the parent's
# size across fork/exec on Linux, so it is only the fallback.
_PEAK_RSS_CHILD = """
import json, os, resource, sys

def high_water_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

start = high_water_mb()
from koers.cli import main
code = main(["scan", sys.argv[1], "--format", "csv", "--out", os.devnull, "--jobs", "1"])
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"exit_code": code, "start_rss_mb": round(start, 1),
                  "peak_rss_mb": round(max(high_water_mb(), children), 1)}))
"""


def peak_rss(path: Path, notes: list[str]) -> dict:
    command = [sys.executable, "-c", _PEAK_RSS_CHILD, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        last = (done.stderr.strip().splitlines() or ["geen uitvoer"])[-1]
        notes.append(f"geheugen {path.name}: {last}")
        return {"error": last}
    if report["exit_code"] != 0:
        notes.append(f"geheugen {path.name}: koers scan stopte met code {report['exit_code']}")
    return report


# --- running and reporting ------------------------------------------------------------------

def idlest_cpu(allowed: set[int], interval: float = 0.5) -> int:
    """The allowed CPU with the most idle time over ``interval`` (the machine is shared)."""
    def idle_ticks() -> dict[int, int]:
        ticks = {}
        for line in Path("/proc/stat").read_text().splitlines():
            name, *fields = line.split()
            if name.startswith("cpu") and name[3:].isdigit():
                ticks[int(name[3:])] = int(fields[3]) + int(fields[4])  # idle + iowait
        return ticks

    try:
        before = idle_ticks()
        time.sleep(interval)
        after = idle_ticks()
        return max(sorted(allowed), key=lambda cpu: after.get(cpu, 0) - before.get(cpu, 0))
    except (OSError, ValueError, IndexError):
        return min(allowed)


def pin_to_one_core(cpu: int | None = None) -> int | None:
    """Run on a single CPU so the figures read as 'on one core'; children inherit it."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    if cpu is None:
        chosen = os.environ.get("KOERS_BENCH_CPU")
        cpu = int(chosen) if chosen else idlest_cpu(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def ratio(numerator: dict, denominator: dict, key: str = "pages_per_s") -> float | None:
    if key not in numerator or key not in denominator:
        return None
    return round(numerator[key] / denominator[key], 2)


def ratios(speed: dict, key: str) -> dict:
    naive, raw = speed["naive_pdfminer_regex"], speed["raw_pypdfium2"]
    return {"cli_vs_naive": ratio(speed["koers_cli"], naive, key),
            "cli_vs_raw": ratio(speed["koers_cli"], raw, key),
            "scan_file_vs_naive": ratio(speed["koers_scan_file"], naive, key),
            "scan_file_vs_raw": ratio(speed["koers_scan_file"], raw, key)}


def run_benchmark() -> dict:
    cpu = pin_to_one_core()
    notes: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="koers-bench-") as tmp:
        pdfs = build_pdfs(Path(tmp))
        main_pdf = pdfs[PAGES]
        words = count_words(main_pdf)
        patterns = []
        try:
            from koers.scan import default_codebook

            patterns = term_patterns(default_codebook())
        except Exception as exc:
            notes.append(f"codeboek: {exc.__class__.__name__}: {exc}")
        # All cases in the same interleaved rounds, the naive baseline too: its ratio is
        # only fair when both sides saw the same load.
        speed = measure_rounds({
            "raw_pypdfium2": (PAGES, lambda: raw_extract(main_pdf)),
            "koers_extract": (PAGES, lambda: koers_extract(main_pdf)),
            "koers_scan_file": (PAGES, lambda: inprocess_scan(main_pdf)),
            "koers_cli": (PAGES, lambda: cli_scan(main_pdf)),
            "koers_startup": (1, startup),
            "naive_pdfminer_regex": (NAIVE_PAGES, lambda: naive_scan(pdfs[NAIVE_PAGES], patterns)),
        }, REPEATS, notes)
        speed["naive_pdfminer_regex"]["terms"] = len(patterns)
        memory = {str(n): peak_rss(pdfs[n], notes) for n in MEMORY_PAGES}
    small, large = (memory[str(n)].get("peak_rss_mb") for n in MEMORY_PAGES)
    return {
        "preliminary": bool(notes),
        "notes": notes,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpu": cpu_model(), "pinned_cpu": cpu, "python": platform.python_version(),
                    **{name: package_version(name) for name in ("koers", "pypdfium2", "pdfminer.six")}},
        "document": {"pages": PAGES, "words": words, "words_per_page": round(words / PAGES)},
        "speed": speed,
        "ratios": ratios(speed, "pages_per_s"),
        "ratios_cpu_time": ratios(speed, "pages_per_cpu_s"),
        "memory": {**memory, "ratio_1000_vs_100": round(large / small, 2) if small and large else None},
        "targets": {"pages_per_s": TARGET_PAGES_PER_S, "vs_naive": TARGET_VS_NAIVE, "vs_raw": TARGET_VS_RAW},
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }


def _mark(value: float | None, target: float) -> str:
    if value is None:
        return "-"
    return "ja" if value >= target else "nee"


def _number(value: float | None) -> str:
    return f"{value:,.1f}".replace(",", " ") if value is not None else "fout"


def _times(value: float | None) -> str:
    return f"{value:.2f}×" if value is not None else "-"


def format_report(report: dict) -> str:
    speed, wall_ratios, memory = report["speed"], report["ratios"], report["memory"]
    doc = report["document"]
    lines = []
    if report["preliminary"]:
        lines.append("VOORLOPIG: niet alle metingen zijn gelukt (zie opmerkingen onderaan).")
    lines.append(f"Benchmark agendascan: {doc['pages']} pagina's, ~{doc['words_per_page']} woorden per "
                 f"pagina, één kern (CPU {report['machine']['pinned_cpu']}), {report['machine']['cpu']}")
    lines.append("")
    lines.append(f"Snelheid: de snelste van {REPEATS} rondes per meting, de metingen afwisselend.")
    lines.append(f"{'Meting':<44}{'pag./s':>10}{'doel':>10}{'gehaald':>9}{'pag./CPU-s':>12}")
    rows = [("koers scan (CLI, incl. opstarten)", speed["koers_cli"], TARGET_PAGES_PER_S),
            ("koers.scan.scan_file (in-process)", speed["koers_scan_file"], TARGET_PAGES_PER_S),
            ("  waarvan extractie (iter_pages)", speed["koers_extract"], None),
            (f"naïef: pdfminer.six + re ({NAIVE_PAGES} pag.)", speed["naive_pdfminer_regex"], None),
            ("alleen pypdfium2-tekstextractie", speed["raw_pypdfium2"], None)]
    for label, figures, target in rows:
        value, cpu_value = figures.get("pages_per_s"), figures.get("pages_per_cpu_s")
        lines.append(f"{label:<44}{_number(value):>10}{(f'≥ {target:.0f}' if target else ''):>10}"
                     f"{(_mark(value, target) if target else ''):>9}{_number(cpu_value):>12}")
    started = speed["koers_startup"].get("seconds")
    if started is not None:
        lines.append(f"{'opstarttijd koers (koers --help)':<44}{f'{started:.2f} s':>10}")
    lines.append("")
    for label, key, target in (("koers CLI / naïef", "cli_vs_naive", TARGET_VS_NAIVE),
                               ("koers CLI / pypdfium2", "cli_vs_raw", TARGET_VS_RAW),
                               ("scan_file / naïef", "scan_file_vs_naive", TARGET_VS_NAIVE),
                               ("scan_file / pypdfium2", "scan_file_vs_raw", TARGET_VS_RAW)):
        value, cpu_value = wall_ratios[key], report["ratios_cpu_time"][key]
        lines.append(f"{label:<44}{_times(value):>10}{f'≥ {target:g}×':>10}{_mark(value, target):>9}"
                     f"{_times(cpu_value):>12}")
    lines.append("")
    for pages in MEMORY_PAGES:
        figures = memory[str(pages)]
        peak = figures.get("peak_rss_mb")
        label = f"piekgeheugen koers scan, {pages} pagina's"
        shown = f"{peak:.0f} MB" if peak else "fout"
        after_import = f"(bij start {figures['start_rss_mb']:.0f} MB)" if peak else ""
        lines.append(f"{label:<44}{shown:>10}  {after_import}")
    flat = memory.get("ratio_1000_vs_100")
    label = "verhouding 1.000 / 100 pagina's"
    lines.append(f"{label:<44}{(f'{flat:.2f}' if flat else '-'):>10}  ≈ 1 is vlak")
    lines.append("")
    lines.append(f"Duur benchmark: {report['benchmark_seconds']:.0f} s. Resultaat: {OUT_FILE.relative_to(ROOT)}")
    for note in report["notes"]:
        lines.append(f"opmerking: {note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description="Meet snelheid en geheugen van koers scan op één kern; "
                            f"schrijft {OUT_FILE.relative_to(ROOT)}.").parse_args(argv)
    report = run_benchmark()
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
