"""Scanning many documents: expand folders, run ``scan_file`` (in parallel), keep input order.

The work per document is the pure function ``koers.scan.scan_file``; this module only decides
which files to scan and where. A task queue can call ``scan_file`` directly instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from gettext import gettext as _
from pathlib import Path

from koers.scan.codebook import Codebook
from koers.scan.engine import scan_file
from koers.scan.extract import DEFAULT_MAX_BYTES, SUPPORTED_EXTENSIONS
from koers.scan.model import DocumentResult

OnResult = Callable[[DocumentResult], None]


@dataclass(frozen=True, slots=True)
class Target:
    """One document to scan: ``document`` is the name reports show, ``error`` a reason to skip it."""

    document: str
    path: str
    error: str | None = None


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _folder_targets(folder: str) -> list[Target]:
    found: list[tuple[tuple[str, ...], Target]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        for name in files:
            if _hidden(name) or Path(name).suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            full = os.path.join(root, name)
            relative = os.path.relpath(full, folder)
            found.append((Path(relative).parts, Target(os.path.join(folder, relative), full)))
    if not found:
        return [Target(folder, folder, _("map bevat geen ondersteunde documenten ({extensions})")
                       .format(extensions=", ".join(sorted(SUPPORTED_EXTENSIONS))))]
    return [target for _parts, target in sorted(found, key=lambda item: item[0])]


def expand_paths(paths: Iterable[str | os.PathLike]) -> list[Target]:
    """Files as given, folders recursively (supported extensions only, hidden entries skipped)."""
    targets: list[Target] = []
    for given in paths:
        given = os.fspath(given)
        if os.path.isdir(given):
            targets.extend(_folder_targets(given))
        elif not os.path.exists(given):
            targets.append(Target(given, given, _("bestand of map bestaat niet")))
        elif Path(given).suffix.lower() not in SUPPORTED_EXTENSIONS:
            targets.append(Target(given, given, _("bestandstype '{extension}' wordt niet ondersteund "
                                                  "(wel: {extensions})").format(
                extension=Path(given).suffix or _("zonder extensie"),
                extensions=", ".join(sorted(SUPPORTED_EXTENSIONS)))))
        else:
            targets.append(Target(given, given))
    return targets


# Each worker process receives the codebook once (initializer), not once per document.
_worker_codebook: Codebook | None = None
_worker_max_bytes: int = DEFAULT_MAX_BYTES
_worker_model: dict | None = None


def _init_worker(codebook: Codebook, max_bytes: int, setup: Callable[[], None] | None,
                 model: dict | None = None) -> None:
    global _worker_codebook, _worker_max_bytes, _worker_model
    _worker_codebook, _worker_max_bytes, _worker_model = codebook, max_bytes, model
    if setup is not None:
        setup()


def _scan_in_worker(path: str, document: str) -> DocumentResult:
    return scan_file(path, _worker_codebook, document=document, max_bytes=_worker_max_bytes, model=_worker_model)


def _failed(target: Target, exc: BaseException) -> DocumentResult:
    reason = _("interne fout bij het scannen ({kind})").format(kind=exc.__class__.__name__)
    return DocumentResult(document=target.document, error=reason)


def scan_paths(paths: Iterable[str | os.PathLike], codebook: Codebook, *, jobs: int = 1,
               on_result: OnResult | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
               worker_setup: Callable[[], None] | None = None) -> list[DocumentResult]:
    """Scan files and folders; one result per document in input order, errors included.

    ``jobs`` > 1 uses that many worker processes (0 means one per CPU). ``on_result`` is called
    once per finished document, in completion order, for progress reporting. ``worker_setup``
    (picklable, e.g. logging configuration) runs once in each worker process.
    """
    return scan_targets(expand_paths(paths), codebook, jobs=jobs, on_result=on_result, max_bytes=max_bytes,
                        worker_setup=worker_setup)


def scan_targets(targets: list[Target], codebook: Codebook, *, jobs: int = 1,
                 on_result: OnResult | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 worker_setup: Callable[[], None] | None = None, model: dict | None = None) -> list[DocumentResult]:
    """Like ``scan_paths`` for targets already expanded (a target with ``error`` is not opened);
    ``model`` is an optional passage model (see ``scan_file``)."""
    notify = on_result or (lambda result: None)
    results: list[DocumentResult | None] = [None] * len(targets)
    pending = []
    for index, target in enumerate(targets):
        if target.error:
            results[index] = DocumentResult(document=target.document, error=target.error)
            notify(results[index])
        else:
            pending.append(index)
    workers = min(jobs if jobs > 0 else (os.cpu_count() or 1), len(pending))
    if workers <= 1:
        for index in pending:
            target = targets[index]
            results[index] = scan_file(target.path, codebook, document=target.document, max_bytes=max_bytes,
                                       model=model)
            notify(results[index])
    else:
        initargs = (codebook, max_bytes, worker_setup, model)
        _scan_parallel(targets, pending, results, workers, notify, initargs)
    return results  # type: ignore[return-value]  # every slot is filled above


def _pool_context():
    # Forking a process that runs threads (a progress bar, a web server) can deadlock the child:
    # start workers from a clean server process where the platform has one.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else None)


def _scan_parallel(targets, pending, results, workers, notify, initargs) -> None:
    with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_init_worker,
                             initargs=initargs) as pool:
        futures: dict[Future, int] = {
            pool.submit(_scan_in_worker, targets[index].path, targets[index].document): index
            for index in pending
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # a crashed worker must not lose the other documents
                results[index] = _failed(targets[index], exc)
            notify(results[index])

