"""Web benchmark: how fast are the busiest pages with 2,000 scanned documents? (``make bench``)

For each database (SQLite and PostgreSQL) in a fresh process:

1. a fresh database in a temporary folder (SQLite file; PostgreSQL through
   ``tools/with-postgres.sh``, a throwaway cluster), migrated, static files collected;
2. one organisation with N scanned documents (default 2,000), five theme results each and
   evidence passages, stored with ``bulk_create``, and a manager;
3. the SQL query count of the dashboard and the document list, in-process with the test
   client, at 10 documents and at N documents: it must not grow with the number of documents;
4. a real server, ``gunicorn koers.web.wsgi -w 3`` (sync workers, as in docs/deploy.md) (debug off, static files by
   WhiteNoise), and a pure-Python load generator in this process: 20 clients (threads with a
   keep-alive ``http.client`` connection), each logged in once through the login form, request
   the page as fast as they can for a fixed time after a warm-up; p50/p95 latency, requests
   per second and errors (any status other than 200) per page.

Prints a table and writes ``benchmarks/out/web.json``. Not a test: figures vary with the
machine and its load; the target (p95 < 150 ms) is printed beside them, never asserted. The
load generator runs on the same cores as the server and takes part of their time.

    python benchmarks/bench_web.py                      # SQLite, then PostgreSQL
    python benchmarks/bench_web.py --database sqlite --seconds 5
    tools/with-postgres.sh python benchmarks/bench_web.py --database postgres
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from machine import cpu_model, package_version

ROOT = Path(__file__).resolve().parents[1]
OUT_FILE = ROOT / "benchmarks" / "out" / "web.json"
WITH_POSTGRES = ROOT / "tools" / "with-postgres.sh"

TARGET_P95_MS = 150.0
SMALL = 10  # documents for the first query count
SLUG = "benchmarkstad"
USERNAME = "beheerder"
PAGES = {  # name: (label, path under the organisation)
    "dashboard": ("dashboard (overzicht)", ""),
    "documents": ("documentenlijst", "agenda/"),
}
WORKERS, THREADS = 3, 1  # sync workers as in docs/deploy.md; CPU-bound pages gain nothing from threads


def log(message: str) -> None:
    print(f"[bench_web] {message}", file=sys.stderr, flush=True)


# --- the database and its contents ------------------------------------------------------------

def configure_django(tmp: Path, database: str) -> dict[str, str]:
    """Environment for this process and the server; then django.setup(). Returns the server env."""
    if database == "sqlite":
        url = f"sqlite:///{tmp / 'koers.sqlite3'}"
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            raise SystemExit("bench_web: --database postgres heeft DATABASE_URL nodig (tools/with-postgres.sh)")
    server_env = {
        "DJANGO_SETTINGS_MODULE": "koers.web.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "false",  # plain http on 127.0.0.1
        "DATABASE_URL": url,
        "KOERS_VAR_DIR": str(tmp / "var"),
        "KOERS_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "KOERS_LOG_LEVEL": "WARNING",
    }
    os.environ.update(server_env)
    import django

    django.setup()
    return server_env


def prepare_database() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def create_organisation(password: str):
    from django.contrib.auth import get_user_model

    from koers.apps.audit.context import acting_as
    from koers.apps.organisations.models import Membership, Organisation, Role

    with acting_as("bench_web"):
        organisation = Organisation.objects.create(name="Gemeente Benchmarkstad", slug=SLUG, population=64_000)
        user = get_user_model().objects.create_user(USERNAME, f"{USERNAME}@benchmarkstad.example", password)
        Membership.objects.create(user=user, organisation=organisation, role=Role.MANAGER)
    return organisation, user


SENTENCES = [
    "De gemeente investeert de komende jaren in {term} om de dienstverlening aan inwoners te verbeteren.",
    "In het coalitieakkoord is afgesproken dat {term} een vast onderdeel wordt van de begroting.",
    "Het college stelt voor om voor {term} structureel middelen vrij te maken vanaf het volgende jaar.",
    "Met de regio werken we samen aan {term}, zodat kleine gemeenten niet achterblijven.",
    "De raad wordt twee keer per jaar geïnformeerd over de voortgang van {term} en de risico's.",
]
TERMS = {
    "informatieveiligheid-privacy": ["informatieveiligheid", "AVG", "privacy", "BIO"],
    "digitale-dienstverlening": ["digitale dienstverlening", "DigiD", "online loket"],
    "datagedreven-werken": ["datagedreven werken", "data-analyse", "dashboards"],
    "smart-city": ["smart city", "sensoren", "slimme verlichting"],
    "digitale-transformatie": ["digitale transformatie", "digitalisering", "i-visie"],
}


def seed_documents(organisation, user, count: int, years: int, rng: random.Random) -> None:
    """``count`` more scanned documents with five theme results each and their evidence."""
    from django.conf import settings
    from django.db import transaction

    from koers.apps.agenda.models import DocType, EvidencePassage, ScanDocument, Status, ThemeResult
    from koers.scan import default_codebook

    themes = [(theme.id, theme.label) for theme in default_codebook().themes]
    likely = {theme: 0.25 + 0.5 * index / max(len(themes) - 1, 1) for index, (theme, _) in enumerate(themes)}
    last_year = datetime.now().year
    kinds = [kind for kind, _ in DocType.choices]
    keep = settings.KOERS_EVIDENCE_PER_THEME
    now = datetime.now(timezone.utc)
    first = ScanDocument.objects.filter(organisation=organisation).count()
    with transaction.atomic():
        documents = []
        for number in range(first, first + count):
            kind, year = rng.choice(kinds), last_year - rng.randrange(years)
            failed = rng.random() < 0.01
            pages = rng.randint(8, 400)
            finished = now - timedelta(minutes=rng.randint(5, 60 * 24 * 365))
            documents.append(ScanDocument(
                organisation=organisation, uploaded_by=user, original_name=f"{kind}-{year}-{number:05d}.pdf",
                file=f"agenda/{organisation.pk}/{secrets.token_hex(16)}.pdf", doc_type=kind, year=year,
                status=Status.FAILED if failed else Status.DONE,
                error="Het PDF-bestand is beschadigd en kan niet worden gelezen." if failed else "",
                pages=0 if failed else pages, words=0 if failed else pages * rng.randint(300, 520),
                attempts=1, task_id=secrets.token_hex(16),
                started_at=finished - timedelta(seconds=rng.randint(1, 30)), finished_at=finished))
        documents = ScanDocument.objects.bulk_create(documents, batch_size=500)
        results = []
        for document in documents:
            if document.status != Status.DONE:
                continue
            for theme, label in themes:
                attention = rng.random() < likely[theme]
                passages = rng.randint(2, 14) if attention else rng.randint(0, 2)
                results.append(ThemeResult(document=document, theme=theme, label=label, attention=attention,
                                           score=round(passages * rng.uniform(1.5, 3.5), 2), passages=passages))
        results = ThemeResult.objects.bulk_create(results, batch_size=1000)
        evidence = []
        for result in results:
            for rank in range(1, min(result.passages, keep) + 1):
                term = rng.choice(TERMS.get(result.theme, ["digitalisering"]))
                text = " ".join(rng.choice(SENTENCES).format(term=term) for _ in range(rng.randint(1, 3)))
                at = text.index(term)
                page = rng.randint(1, 400)
                evidence.append(EvidencePassage(theme_result=result, rank=rank, page=page, start=page * 2500,
                                                end=page * 2500 + len(text), text=text, terms=[term],
                                                highlights=[[at, at + len(term)]]))
        EvidencePassage.objects.bulk_create(evidence, batch_size=1000)


def analyse_postgres() -> None:
    """Fresh statistics, as autovacuum would gather them shortly after a bulk load."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def table_counts() -> dict[str, int]:
    from koers.apps.agenda.models import EvidencePassage, ScanDocument, ThemeResult

    return {"documents": ScanDocument.objects.count(), "theme_results": ThemeResult.objects.count(),
            "evidence_passages": EvidencePassage.objects.count()}


def count_queries(user) -> dict[str, dict]:
    """Queries per page with the test client in-process (second request; the first warms up)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    if not getattr(count_queries, "ready", False):
        setup_test_environment()  # response.context, and "testserver" as an allowed host
        count_queries.ready = True
    client = Client()
    client.force_login(user)
    counts = {}
    for name, (_, path) in PAGES.items():
        url = f"/organisaties/{SLUG}/{path}"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} gaf status {response.status_code} in-process")
        counts[name] = {"queries": len(captured.captured_queries),
                        "sql": [query["sql"][:300] for query in captured.captured_queries]}
        if name == "documents":
            counts[name].update(list_shape(response))
    return counts


def list_shape(response) -> dict:
    """How many documents the first page of the list shows and whether there is a next page."""
    body = response.content.decode()
    rows = len(re.findall(rf'href="/organisaties/{SLUG}/agenda/documenten/\d+/"', body))
    context = response.context or {}
    paginated = any(key in context for key in ("page_obj", "paginator", "is_paginated")) \
        or bool(re.search(r'href="[^"]*[?&](page|pagina)=', body))
    return {"rows_shown": rows, "paginated": paginated}


# --- the server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(env: dict[str, str], port: int, logfile: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "koers.web.wsgi", "-w", str(WORKERS), "--threads", str(THREADS),
               "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    with logfile.open("wb") as out:
        server = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopte met code {server.returncode}: {tail(logfile)}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/inloggen/")
            if connection.getresponse().status == 200:
                connection.close()
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"gunicorn antwoordde niet binnen 60 s: {tail(logfile)}")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # the master and its workers, started by us
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def tail(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "geen log"
    return " | ".join(lines[-5:]) or "geen log"


# --- the load generator ----------------------------------------------------------------------

class WebClient:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.reconnects = 0

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "koers-bench-web"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionError, http.client.BadStatusLine):
                # the server closed an idle keep-alive connection: reconnect once
                self.connection.close()
                self.reconnects += 1
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content

    def login(self, password: str) -> None:
        status, page = self.request("GET", "/inloggen/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not token:
            raise RuntimeError(f"loginpagina: status {status}, geen CSRF-token")
        form = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": USERNAME,
                          "password": password, "next": ""})
        status, _ = self.request("POST", "/inloggen/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"inloggen mislukt: status {status}")

    def close(self) -> None:
        self.connection.close()


def hammer(clients: list[WebClient], path: str, warmup: float, seconds: float, server_pid: int) -> dict:
    """Every client requests ``path`` back to back: ``warmup`` seconds unrecorded, then ``seconds``."""
    latencies: list[list[float]] = [[] for _ in clients]
    statuses: list[dict[int, int]] = [{} for _ in clients]
    failures: list[list[str]] = [[] for _ in clients]
    barrier = threading.Barrier(len(clients) + 1)
    times: dict[str, float] = {}

    def run(index: int, client: WebClient) -> None:
        barrier.wait()
        while True:
            now = time.perf_counter()
            if now >= times["end"]:
                return
            try:
                status, _ = client.request("GET", path)
            except OSError as exc:
                failures[index].append(f"{exc.__class__.__name__}: {exc}")
                client.connection.close()
                continue
            took = time.perf_counter() - now
            if now >= times["start"]:  # only requests started inside the measured window
                latencies[index].append(took)
                statuses[index][status] = statuses[index].get(status, 0) + 1

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    begin = time.perf_counter()
    times["start"], times["end"] = begin + warmup, begin + warmup + seconds
    barrier.wait()
    time.sleep(warmup)
    cpu_at_start, server_at_start, busy_at_start = time.process_time(), process_ticks(server_pid), busy_ticks()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    for thread in threads:
        thread.join()
    ended = time.perf_counter()
    window = ended - times["start"]  # includes the tail of requests started before the end
    generator_cpu = time.process_time() - cpu_at_start
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    server_cpu = (process_ticks(server_pid) - server_at_start) / tick
    other_cpu = max(0.0, (busy_ticks() - busy_at_start) / tick - server_cpu - generator_cpu)
    samples = sorted(took for client_samples in latencies for took in client_samples)
    status_total: dict[int, int] = {}
    for client_statuses in statuses:
        for status, number in client_statuses.items():
            status_total[status] = status_total.get(status, 0) + number
    errors = sum(n for status, n in status_total.items() if status != 200) + sum(len(f) for f in failures)
    return {
        "requests": len(samples), "seconds": round(window, 2),
        "rps": round(len(samples) / window, 1) if window else None,
        "p50_ms": round(percentile(samples, 50) * 1000, 1) if samples else None,
        "p95_ms": round(percentile(samples, 95) * 1000, 1) if samples else None,
        "p99_ms": round(percentile(samples, 99) * 1000, 1) if samples else None,
        "max_ms": round(samples[-1] * 1000, 1) if samples else None,
        "errors": errors, "statuses": {str(k): v for k, v in sorted(status_total.items())},
        "failures": sorted({f for client_failures in failures for f in client_failures})[:5],
        "load_generator_cpu_share": round(generator_cpu / window, 2) if window else None,
        "server_cpu_share": round(server_cpu / window, 2) if window else None,
        "server_cpu_ms_per_request": round(1000 * server_cpu / len(samples), 1) if samples else None,
        "other_processes_cpu_share": round(other_cpu / window, 2) if window else None,
        "load_average_1min": round(load, 2) if load is not None else None,
    }


def single_client(client: WebClient, path: str, requests: int = 30) -> float:
    """Median latency (ms) of one client alone: the page's own cost without queueing."""
    samples = []
    for _ in range(requests):
        started = time.perf_counter()
        client.request("GET", path)
        samples.append(time.perf_counter() - started)
    return round(percentile(sorted(samples), 50) * 1000, 1)


def busy_ticks() -> int:
    """CPU ticks spent by the whole machine (all processes) so far, idle and iowait excluded."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return 0
    return sum(fields) - fields[3] - fields[4]


def process_ticks(pid: int) -> int:
    """CPU ticks (user + system) of the gunicorn master and its workers."""
    total = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for each in [pid, *map(int, children)]:
        try:
            stat = Path(f"/proc/{each}/stat").read_text()
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total


def percentile(ordered: list[float], pct: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, min(len(ordered), -(-len(ordered) * pct // 100)))
    return ordered[int(rank) - 1]


# --- one database in this process ------------------------------------------------------------

def run_one(args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="koers-bench-web-"))
    server = None
    try:
        env = configure_django(tmp, args.database)
        from django.db import connection, connections

        started = time.perf_counter()
        log(f"{args.database}: migreren en statische bestanden verzamelen in {tmp}")
        prepare_database()
        password = secrets.token_urlsafe(16)
        organisation, user = create_organisation(password)
        rng = random.Random(2026)
        seed_documents(organisation, user, SMALL, args.years, rng)
        analyse_postgres()
        small = count_queries(user)
        log(f"{args.database}: {args.documents} documenten met resultaten vullen")
        seeded = time.perf_counter()
        seed_documents(organisation, user, args.documents - SMALL, args.years, rng)
        analyse_postgres()
        seed_seconds = time.perf_counter() - seeded
        large = count_queries(user)
        counts = table_counts()
        if connection.vendor == "postgresql":
            number = connection.cursor().connection.info.server_version  # e.g. 150018
            server_version = f"PostgreSQL {number // 10000}.{number % 10000}"
        else:
            server_version = f"SQLite {__import__('sqlite3').sqlite_version}"
        connections.close_all()

        port = free_port()
        log(f"{args.database}: gunicorn -w {WORKERS} --threads {THREADS} op 127.0.0.1:{port}, "
            f"{args.clients} clients loggen in")
        server = start_server(env, port, tmp / "gunicorn.log")
        clients = [WebClient(port) for _ in range(args.clients)]
        login_errors = []
        logins = [threading.Thread(target=lambda c=c: _login(c, password, login_errors)) for c in clients]
        for thread in logins:
            thread.start()
        for thread in logins:
            thread.join()
        if login_errors:
            raise RuntimeError(f"inloggen: {login_errors[0]}")
        pages = {}
        for name, (_, path) in PAGES.items():
            url = f"/organisaties/{SLUG}/{path}"
            status, body = clients[0].request("GET", url)
            if status != 200:
                raise RuntimeError(f"{url} gaf status {status} via gunicorn")
            alone = single_client(clients[0], url)
            log(f"{args.database}: {name} met {args.clients} clients, {args.warmup:g} s opwarmen + "
                f"{args.seconds:g} s meten")
            for client in clients:
                client.connection.close()  # fresh keep-alive connections for every page
            pages[name] = {"path": url, "bytes": len(body), "single_client_p50_ms": alone,
                           **hammer(clients, url, args.warmup, args.seconds, server.pid)}
        reconnects = sum(c.reconnects for c in clients)
        for client in clients:
            client.close()
        return {
            "database": args.database, "server_version": server_version, "tables": counts,
            "seed_seconds": round(seed_seconds, 1),
            "queries": {name: {"at_small": small[name]["queries"], "at_large": large[name]["queries"],
                               "grows": large[name]["queries"] > small[name]["queries"]} for name in PAGES},
            "query_sql_at_large": {name: large[name]["sql"] for name in PAGES},
            "document_list": {"rows_shown": large["documents"]["rows_shown"],
                              "paginated": large["documents"]["paginated"]},
            "pages": pages, "reconnects": reconnects,
            "seconds": round(time.perf_counter() - started, 1),
        }
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)


def _login(client: WebClient, password: str, errors: list[str]) -> None:
    try:
        client.login(password)
    except Exception as exc:  # noqa: BLE001 - reported by the caller
        errors.append(f"{exc.__class__.__name__}: {exc}")


# --- orchestration: one child process per database -------------------------------------------

def run_database(database: str, args) -> dict:
    """Run one database in a fresh interpreter (Django is configured once per process)."""
    env = dict(os.environ)
    command = [sys.executable, str(Path(__file__).resolve()), "--database", database,
               "--documents", str(args.documents), "--clients", str(args.clients),
               "--seconds", str(args.seconds), "--warmup", str(args.warmup), "--years", str(args.years)]
    if database == "sqlite":
        env.pop("DATABASE_URL", None)
    elif not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        env.pop("DATABASE_URL", None)
        env.setdefault("KOERS_PG_PORT", str(free_port()))  # other runs may hold the default port
        command = [str(WITH_POSTGRES)] + command
    with tempfile.NamedTemporaryFile(prefix="koers-bench-web-", suffix=".json", delete=False) as part:
        part_path = Path(part.name)
    try:
        done = subprocess.run(command + ["--part-out", str(part_path)], env=env, cwd=ROOT,
                              stdout=subprocess.PIPE, text=True, timeout=1800)
        for line in done.stdout.splitlines():  # with-postgres.sh says which server it started
            log(line)
        if done.returncode != 0 or not part_path.stat().st_size:
            return {"database": database, "error": f"stopte met code {done.returncode} (zie meldingen hierboven)"}
        return json.loads(part_path.read_text(encoding="utf-8"))
    finally:
        part_path.unlink(missing_ok=True)


def format_report(report: dict) -> str:
    machine = report["machine"]
    documents = format(report["documents"], ",").replace(",", ".")
    lines = [f"Webbenchmark: {documents} documenten, {report['clients']} gelijktijdige clients, "
             f"{report['seconds']:g} s per pagina na {report['warmup']:g} s opwarmen",
             f"Server: gunicorn -w {WORKERS} --threads {THREADS}, DEBUG uit, WhiteNoise; {machine['cpus']} CPU's, "
             f"{machine['cpu']}",
             "De load generator (Python-threads in dit proces) deelt dezelfde cores met de server "
             "(the load generator competes for the same cores).", ""]
    header = (f"{'database':<12}{'pagina':<24}{'requests':>9}{'RPS':>8}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'errors':>8}{'p95<150':>9}{'1 client':>10}{'CPU/req':>9}{'CPU srv/gen/rest':>18}")
    lines += [header, "-" * len(header)]
    for result in report["results"]:
        name = result["database"]
        if "error" in result:
            lines.append(f"{name:<12}FOUT: {result['error']}")
            continue
        for page, (label, _) in PAGES.items():
            figures = result["pages"][page]
            met = figures["p95_ms"] is not None and figures["p95_ms"] < TARGET_P95_MS and not figures["errors"]
            lines.append(f"{name:<12}{label:<24}{figures['requests']:>9}{figures['rps']:>8.1f}"
                         f"{figures['p50_ms']:>9.1f}{figures['p95_ms']:>9.1f}{figures['errors']:>8}"
                         f"{('ja' if met else 'nee'):>9}{figures['single_client_p50_ms']:>8.1f}ms"
                         f"{figures['server_cpu_ms_per_request']:>7.1f}ms{cpu_shares(figures):>18}")
    lines += ["", "'1 client': p50 van één client alleen (de kosten van de pagina zelf, zonder wachtrij); "
              "'CPU/req': CPU-tijd van de server per request.",
              "'CPU srv/gen/rest': cores in gebruik tijdens de meting door de server (gunicorn), de load generator "
              "en alle andere processen op de machine;",
              "een hoge 'rest' betekent dat andere processen de server CPU-tijd afnamen (other processes competed).",
              ""]
    header = f"{'database':<12}{'pagina':<24}{'SQL-queries bij ' + str(SMALL):>22}{'bij ' + documents:>12}{'groeit':>8}"
    lines += [header, "-" * len(header)]
    for result in report["results"]:
        if "error" in result:
            continue
        for page, (label, _) in PAGES.items():
            queries = result["queries"][page]
            lines.append(f"{result['database']:<12}{label:<24}{queries['at_small']:>22}{queries['at_large']:>12}"
                         f"{('ja' if queries['grows'] else 'nee'):>8}")
    lines.append("")
    for result in report["results"]:
        if "error" in result:
            continue
        shape, tables = result["document_list"], result["tables"]
        lines.append(f"{result['server_version']}: {tables['documents']} documenten, "
                     f"{tables['theme_results']} themaresultaten, {tables['evidence_passages']} passages "
                     f"(gevuld in {result['seed_seconds']:.1f} s); documentenlijst toont {shape['rows_shown']} "
                     f"rijen{'' if shape['paginated'] else ', ZONDER paginering (geen link naar de rest)'}.")
    lines.append(f"\nDuur benchmark: {report['benchmark_seconds']:.0f} s. Resultaat: {OUT_FILE.relative_to(ROOT)}")
    return "\n".join(lines)


def cpu_shares(figures: dict) -> str:
    shares = [figures.get(key) for key in ("server_cpu_share", "load_generator_cpu_share", "other_processes_cpu_share")]
    return "/".join("-" if share is None else f"{share:.2f}" for share in shares)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Meet latency en doorvoer van het dashboard en de documentenlijst "
                                     f"onder gelijktijdige belasting; schrijft {OUT_FILE.relative_to(ROOT)}.")
    parser.add_argument("--documents", type=int, default=2000, help="aantal gescande documenten (standaard 2000)")
    parser.add_argument("--clients", type=int, default=20, help="gelijktijdige clients (standaard 20)")
    parser.add_argument("--seconds", type=float, default=10.0, help="meetduur per pagina (standaard 10 s)")
    parser.add_argument("--warmup", type=float, default=3.0, help="opwarmen per pagina, niet gemeten (standaard 3 s)")
    parser.add_argument("--years", type=int, default=5,
                        help="documenten verdeeld over zoveel jaren (standaard 5; 1 = alles in het "
                             "laatste jaar, het zwaarste dashboard)")
    parser.add_argument("--database", choices=("sqlite", "postgres", "both"), default="both",
                        help="sqlite, postgres (via DATABASE_URL of anders tools/with-postgres.sh) of both")
    parser.add_argument("--part-out", type=Path, help=argparse.SUPPRESS)  # internal: one database
    args = parser.parse_args(argv)
    if args.documents < SMALL:
        parser.error(f"--documents moet ten minste {SMALL} zijn")

    if args.part_out:
        result = run_one(args)
        args.part_out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        return 0

    started = time.perf_counter()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    results = [run_database(database, args) for database in databases]
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpu": cpu_model(), "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                    else os.cpu_count(), "python": platform.python_version(),
                    **{name: package_version(name) for name in ("koers", "django", "gunicorn", "psycopg")}},
        "documents": args.documents, "clients": args.clients, "seconds": args.seconds, "warmup": args.warmup,
        "years": args.years, "server": {"workers": WORKERS, "threads": THREADS},
        "target_p95_ms": TARGET_P95_MS,
        "results": results,
        "benchmark_seconds": round(time.perf_counter() - started, 1),
    }
    OUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUT_FILE.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_report(report))
    return 1 if any("error" in result for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
