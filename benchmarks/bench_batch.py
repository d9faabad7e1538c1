"""National batch benchmark: how fast do real Celery workers scan a large harvested corpus? (``make bench``)

1. A generated corpus, cached under ``var/bench/`` so reruns reuse it: ``--documents`` (500) PDFs of
   ``--pages`` (100) short Dutch A4 pages each (fpdf2), 50,000 pages in all, and a manifest in the
   harvest's format spread over the CBS municipalities. The documents share their pages; each has a
   unique trailing PDF comment, so every file has its own SHA-256 and none is reused.
2. The baseline, in this process: ``scan_file`` on a sample of the corpus (pages per second).
3. Per case, in a fresh interpreter (Django is configured once per process): an empty database, the
   documents registered, N worker processes started with
   ``celery -A koers.web.celery:app worker --pool solo --concurrency 1`` (one process each), then
   ``start_batch`` and the wall time until every item is done. Cases: one and two worker processes.
   Reported per case: pages per second, the scaling ratio against one worker, the ratio against the
   in-process baseline, and the peak memory (RSS, sampled with psutil) of each worker process.

The services: Redis (``redis-server`` on a free port) and PostgreSQL (``tools/with-postgres.sh``)
when installed, else the embedded defaults (SQLite under a temporary folder and the filesystem
broker); the output says which. Not a test: figures depend on the machine and its load.

    .venv/bin/python benchmarks/bench_batch.py                              # the full run
    .venv/bin/python benchmarks/bench_batch.py --documents 20 --pages 10    # a quick check
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from machine import cpu_model, package_version

ROOT = Path(__file__).resolve().parents[1]
OUT_FILE = ROOT / "benchmarks" / "out" / "batch.json"
CACHE = ROOT / "var" / "bench"
WITH_POSTGRES = ROOT / "tools" / "with-postgres.sh"
DOC_TYPES = ("begroting", "kadernota", "voorjaarsnota", "coalitieakkoord")
SAMPLE = 5  # documents in the in-process baseline
PAGE_TEXT = [
    "De gemeente werkt aan een betere dienstverlening aan inwoners en ondernemers. Aanvragen kunnen "
    "online via het digitaal loket met DigiD worden gedaan.",
    "Informatiebeveiliging krijgt aandacht: de gemeente voldoet aan de BIO en beschermt persoonsgegevens "
    "volgens de AVG. Medewerkers volgen een training over phishing.",
    "Het zwembad krijgt een nieuw dak en de bibliotheek blijft op zaterdag open. De begroting voor sport "
    "en cultuur stijgt met twee procent.",
    "Met datagedreven werken wil de gemeente beleid beter onderbouwen. Een dashboard laat de voortgang "
    "van de wijkaanpak zien.",
    "Het onderhoud van wegen, bruggen en groen loopt volgens plan. De reserves blijven op peil.",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- the corpus --------------------------------------------------------------------------------

def build_corpus(documents: int, pages: int) -> Path:
    """The corpus folder with its manifest; built once per size and reused."""
    folder = CACHE / f"batch-{documents}x{pages}"
    manifest = folder / "manifest.csv"
    if manifest.exists():
        return manifest
    from fpdf import FPDF

    from koers.scan.municipalities import municipalities

    log(f"corpus maken: {documents} documenten van {pages} pagina's in {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Hoofdstuk {number + 1}\n\n" + PAGE_TEXT[number % len(PAGE_TEXT)])
    base = bytes(pdf.output())
    towns = municipalities()
    rows = []
    for index in range(documents):
        town, doc_type = towns[index % len(towns)], DOC_TYPES[(index // len(towns)) % len(DOC_TYPES)]
        name = f"{town.code}_{doc_type}_{2025 - index // (len(towns) * len(DOC_TYPES))}_{index}.pdf"
        (folder / name).write_bytes(base + f"%koers-bench {index}\n".encode())
        rows.append([name, town.code, doc_type, 2025 - index // (len(towns) * len(DOC_TYPES)), "bench", "", "", "",
                     ""])
    with (folder / "partial.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["path", "municipality", "doc_type", "year", "source", "source_url", "retrieved_at",
                         "sha256", "licence"])
        writer.writerows(rows)
    (folder / "partial.csv").rename(manifest)  # only a finished corpus has a manifest
    return manifest


def baseline(manifest: Path) -> dict:
    """In-process scan_file on a sample: the rate one process reaches without the queue."""
    from koers.scan import default_codebook, scan_file

    codebook = default_codebook()
    files = sorted(manifest.parent.glob("*.pdf"))[:SAMPLE]
    scan_file(files[0], codebook)  # warm up: imports, codebook automaton
    started, pages = time.perf_counter(), 0
    for path in files:
        pages += scan_file(path, codebook).pages
    seconds = time.perf_counter() - started
    return {"documents": len(files), "pages": pages, "seconds": round(seconds, 3),
            "pages_per_second": round(pages / seconds, 1)}


# --- one case, in a child process ---------------------------------------------------------------

def run_case(manifest: Path, workers: int) -> dict:
    """Register the corpus in an empty database, start the workers, run one batch to its end."""
    import django

    django.setup()
    import psutil
    from django.core.management import call_command

    from koers.apps.national import batches
    from koers.apps.national.models import Batch, ScanOutcome, SourceDocument

    call_command("migrate", verbosity=0)
    for model in (Batch, ScanOutcome, SourceDocument):
        model.objects.all().delete()
    documents, problems = batches.register_manifest(manifest)
    if problems:
        raise SystemExit(f"manifest: {problems[0]}")
    logs = Path(tempfile.mkdtemp(prefix="koers-bench-batch-"))
    processes = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "koers.web.celery:app", "worker",
                                   "--pool", "solo", "--concurrency", "1", "--loglevel", "INFO",
                                   "--hostname", f"bench{n}@%h"],
                                  stdout=(logs / f"worker{n}.log").open("w"), stderr=subprocess.STDOUT)
                 for n in range(workers)]
    try:
        _wait_until_ready(logs, workers)
        watched = [psutil.Process(process.pid) for process in processes]
        peaks = [0] * workers
        started = time.perf_counter()
        batch = batches.start_batch(documents, label=f"bench {workers}")
        while True:
            state = batches.progress(batch)
            for index, process in enumerate(watched):
                peaks[index] = max(peaks[index], process.memory_info().rss)
            if state.finished:
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    from django.db import connection

    return {"workers": workers, "documents": state.total, "pages": state.pages, "seconds": round(seconds, 2),
            "pages_per_second": round(state.pages / seconds, 1), "failed": state.counts["failed"],
            "peak_rss_mb": [round(peak / 2**20, 1) for peak in peaks], "database": connection.vendor}


def _wait_until_ready(logs: Path, workers: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all("ready." in (logs / f"worker{n}.log").read_text(errors="replace") for n in range(workers)):
            return
        time.sleep(0.2)
    raise SystemExit(f"de werkers werden niet gereed; zie {logs}")


# --- orchestration ------------------------------------------------------------------------------

def services(var_dir: Path) -> tuple[dict, list, str]:
    """(environment for the cases, processes to stop, description). Redis and PostgreSQL when
    installed, else SQLite and the filesystem broker."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"}}
    env.update(KOERS_VAR_DIR=str(var_dir), DJANGO_SECRET_KEY="koers-bench-batch", KOERS_LOG_LEVEL="WARNING",
               PYTHONPATH=os.pathsep.join([str(ROOT / "benchmarks"), env.get("PYTHONPATH", "")]))
    stop, described = [], []
    server = shutil.which("redis-server")
    if server:
        port = free_port()
        stop.append(subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL))
        env["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
        time.sleep(0.5)
        described.append(f"Redis op poort {port}")
    else:
        described.append("filesysteem-broker (geen redis-server gevonden)")
    return env, stop, ", ".join(described)


def run_cases(args, manifest: Path, env: dict) -> list[dict]:
    command = [sys.executable, str(Path(__file__).resolve()), "--documents", str(args.documents),
               "--pages", str(args.pages)]
    use_postgres = args.database != "sqlite" and os.access(WITH_POSTGRES, os.X_OK) and \
        subprocess.run([str(WITH_POSTGRES), "true"], env=env, capture_output=True).returncode == 0
    if args.database == "postgres" and not use_postgres:
        raise SystemExit("bench_batch: PostgreSQL niet beschikbaar (tools/with-postgres.sh)")
    results = []
    for workers in (1, 2):
        case = command + ["--case", str(workers), "--manifest", str(manifest)]
        if use_postgres:
            env = {**env, "KOERS_PG_PORT": str(free_port())}
            case = [str(WITH_POSTGRES)] + case
        log(f"{workers} werker(s) ...")
        done = subprocess.run(case, env=env, cwd=ROOT, capture_output=True, text=True, timeout=6 * 3600)
        line = (done.stdout.strip().splitlines() or [""])[-1]
        if done.returncode != 0 or not line.startswith("{"):
            results.append({"workers": workers, "error": (done.stderr.strip().splitlines() or ["?"])[-1]})
        else:
            results.append(json.loads(line))
    return results


def format_report(report: dict) -> str:
    base = report["baseline"]["pages_per_second"]
    one = next((r for r in report["cases"] if r["workers"] == 1 and "error" not in r), None)
    lines = [f"Batchbenchmark {report['date']} op {report['machine']['cpu']} ({report['machine']['cpus']} kernen)",
             f"Corpus: {report['documents']} documenten x {report['pages']} pagina's; diensten: {report['services']}",
             f"Basislijn scan_file in dit proces: {base} pagina's/s ({report['baseline']['pages']} pagina's)",
             "werkers  database    pagina's/s  schaal  t.o.v. basislijn  piek-RSS per werker (MB)  mislukt"]
    for case in report["cases"]:
        if "error" in case:
            lines.append(f"{case['workers']:>7}  FOUT: {case['error']}")
            continue
        scale = f"{case['pages_per_second'] / one['pages_per_second']:.2f}x" if one else "-"
        lines.append(f"{case['workers']:>7}  {case['database']:<10} {case['pages_per_second']:>10}  {scale:>6}  "
                     f"{case['pages_per_second'] / base:>15.2f}x  {', '.join(map(str, case['peak_rss_mb'])):>24}  "
                     f"{case['failed']:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet hoe snel Celery-werkers een landelijk corpus scannen; "
                                     f"schrijft {OUT_FILE.relative_to(ROOT)}.")
    parser.add_argument("--documents", type=int, default=500, help="aantal documenten (standaard 500)")
    parser.add_argument("--pages", type=int, default=100, help="pagina's per document (standaard 100)")
    parser.add_argument("--database", choices=("auto", "postgres", "sqlite"), default="auto",
                        help="auto: PostgreSQL als tools/with-postgres.sh werkt, anders SQLite")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)  # internal: one case in this process
    parser.add_argument("--manifest", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
        print(json.dumps(run_case(args.manifest, args.case)))
        return 0

    sys.path.insert(0, str(ROOT / "src"))
    manifest = build_corpus(args.documents, args.pages)
    report = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "machine": {"cpu": cpu_model(), "cpus": len(os.sched_getaffinity(0)), "python": platform.python_version(),
                          **{name: package_version(name) for name in ("koers", "celery", "redis", "psycopg")}},
              "documents": args.documents, "pages": args.pages, "baseline": baseline(manifest),
              "worker_setup": "N worker processes, each --pool solo --concurrency 1"}
    with tempfile.TemporaryDirectory(prefix="koers-bench-batch-var-") as var_dir:
        env, stop, described = services(Path(var_dir))
        try:
            report["cases"] = run_cases(args, manifest, env)
        finally:
            for process in stop:
                process.terminate()
                process.wait(timeout=30)
    databases = {case.get("database") for case in report["cases"]} - {None}
    report["services"] = described + "; database " + (", ".join(sorted(databases)) or "?")
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_report(report))
    return 1 if any("error" in case for case in report["cases"]) else 0


if __name__ == "__main__":
    sys.exit(main())
