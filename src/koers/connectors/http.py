"""HTTP for the connectors: timeouts, retries with backoff, a polite rate limit, a disk cache and
downloads with provenance. Standard library only.

Public API::

    SourceError                      (ValueError) the source could not give what was asked; Dutch message
    Provenance(source, url, retrieved_at, sha256, licence, size)         (frozen)
    Fetcher(cache_dir=None, *, timeout=30, retries=3, backoff=1.0, min_interval=1.0,
            user_agent=USER_AGENT, sleep=time.sleep, clock=time.monotonic,
            max_retry_after=60, max_download=MAX_DOWNLOAD, opener=None)
        .get_json(url, params=None) -> dict | list     cached
        .post_json(url, body) -> dict | list           cached (keyed by method, URL and body)
        .get_text(url, params=None) -> str             cached (for example SRU XML)
        .download(url, dest, *, source, licence) -> Provenance      never cached

A request is retried ``retries`` times on a lost connection, a timeout, HTTP 429 and 5xx, waiting
``backoff * 2**attempt`` seconds (or the server's ``Retry-After`` in seconds, capped at
``max_retry_after``); any other 4xx fails at once. Two requests to the same host are at least
``min_interval`` seconds apart. ``sleep`` and ``clock`` are injected so tests run instantly.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from gettext import gettext as _
from gettext import ngettext
from pathlib import Path

from koers import __version__

USER_AGENT = f"Koers/{__version__} (+https://github.com/koers)"
MAX_DOWNLOAD = 200_000_000  # bytes; a council document is rarely over 50 MB
CHUNK = 64 * 1024
_NETWORK_ERRORS = (urllib.error.URLError, TimeoutError, ConnectionError, http.client.HTTPException, OSError)


class SourceError(ValueError):
    """The source could not give what was asked; the message says why, in Dutch."""


@dataclass(frozen=True)
class Provenance:
    source: str
    url: str
    retrieved_at: str  # ISO 8601, UTC
    sha256: str
    licence: str
    size: int


class Fetcher:
    def __init__(self, cache_dir: str | os.PathLike | None = None, *, timeout: float = 30, retries: int = 3,
                 backoff: float = 1.0, min_interval: float = 1.0, user_agent: str = USER_AGENT,
                 sleep=time.sleep, clock=time.monotonic, max_retry_after: float = 60,
                 max_download: int = MAX_DOWNLOAD, opener=None):
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.min_interval, self.user_agent = min_interval, user_agent
        self.sleep, self.clock = sleep, clock
        self.max_retry_after, self.max_download = max_retry_after, max_download
        self.opener = opener or urllib.request.build_opener()
        self._last: dict[str, float] = {}  # host -> clock reading of its last request

    def get_json(self, url: str, params: dict | None = None) -> dict | list:
        url = with_params(url, params)
        return self._cached("GET", url, None, lambda data: _json(data, url))

    def post_json(self, url: str, body: dict) -> dict | list:
        data = json.dumps(body, sort_keys=True).encode()
        return self._cached("POST", url, data, lambda answer: _json(answer, url))

    def get_text(self, url: str, params: dict | None = None) -> str:
        url = with_params(url, params)
        return self._cached("GET", url, None, lambda data: _text(data, url))

    def download(self, url: str, dest: Path, *, source: str, licence: str) -> Provenance:
        """Stream ``url`` to ``dest`` through ``dest.part``, hashing while writing; no cache."""
        dest = Path(dest)
        part = dest.with_suffix(dest.suffix + ".part")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            digest, size = self._request("GET", url, None, lambda response: self._save(response, part, url))
            os.replace(part, dest)
        except OSError as error:
            raise SourceError(_("{file} kan niet worden geschreven: {reason}.").format(
                file=dest, reason=error.strerror or error)) from None
        finally:
            part.unlink(missing_ok=True)  # a failed or interrupted download leaves no half file
        return Provenance(source, url, utc_now(), digest, licence, size)

    # -- internals ---------------------------------------------------------------------------

    def _cached(self, method: str, url: str, body: bytes | None, parse):
        """``parse(bytes)`` of the answer, from the cache when a readable copy is there."""
        path = self._cache_path(method, url, body)
        if path is not None and path.is_file():
            try:
                return parse(path.read_bytes())
            except (SourceError, OSError):
                pass  # a damaged copy: fetch again
        data = self._request(method, url, body, lambda response: response.read())
        value = parse(data)  # only a valid answer is cached
        if path is not None:
            _disk(lambda: _write_atomically(path, data), path)
        return value

    def _cache_path(self, method: str, url: str, body: bytes | None) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(method.encode() + b"\n" + url.encode() + b"\n" + (body or b"")).hexdigest()
        return self.cache_dir / key[:2] / f"{key}.cache"

    def _request(self, method: str, url: str, body: bytes | None, handle):
        """``handle(response)`` of the first good answer, retrying what may pass."""
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise SourceError(_("{url} is geen http- of https-adres.").format(url=url))
        headers = {"User-Agent": self.user_agent, "Accept": "application/json, */*;q=0.5"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        problem = ""
        for attempt in range(self.retries + 1):
            delay = self.backoff * 2 ** attempt
            self._wait_turn(url)
            request = urllib.request.Request(url, data=body, headers=headers, method=method)
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    return handle(response)
            except urllib.error.HTTPError as error:
                if error.code != 429 and error.code < 500:
                    raise SourceError(_("{url} antwoordde met HTTP {code}.").format(url=url, code=error.code)) from None
                problem = _("HTTP {code}").format(code=error.code)
                delay = self._retry_after(error.headers, delay)
            except _NETWORK_ERRORS as error:
                problem = str(getattr(error, "reason", None) or error) or error.__class__.__name__
            if attempt < self.retries:
                self.sleep(delay)
        raise SourceError(ngettext("{url} gaf na {tries} poging geen bruikbaar antwoord ({problem}).",
                                   "{url} gaf na {tries} pogingen geen bruikbaar antwoord ({problem}).",
                                   self.retries + 1).format(url=url, tries=self.retries + 1, problem=problem))

    def _retry_after(self, headers, default: float) -> float:
        try:
            seconds = float((headers or {}).get("Retry-After", ""))
        except ValueError:  # absent, or an HTTP date: keep the backoff
            return default
        return min(max(seconds, 0.0), self.max_retry_after)

    def _wait_turn(self, url: str) -> None:
        host = urllib.parse.urlsplit(url).netloc
        last = self._last.get(host)
        if last is not None:
            wait = self.min_interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _save(self, response, part: Path, url: str) -> tuple[str, int]:
        announced = response.headers.get("Content-Length")
        if announced and announced.isdigit() and int(announced) > self.max_download:
            raise self._too_large(url)
        digest, size = hashlib.sha256(), 0
        out = _disk(lambda: open(part, "wb"), part)
        with out:
            while chunk := response.read(CHUNK):  # a network error here is retried, a disk error not
                size += len(chunk)
                if size > self.max_download:
                    raise self._too_large(url)
                digest.update(chunk)
                _disk(lambda: out.write(chunk), part)
        if announced and announced.isdigit() and size < int(announced):  # read(n) does not notice a cut
            raise http.client.IncompleteRead(b"", int(announced) - size)
        return digest.hexdigest(), size

    def _too_large(self, url: str) -> SourceError:
        return SourceError(_("{url} is groter dan {limit} MB; niet gedownload.").format(
            url=url, limit=f"{self.max_download / 1e6:g}"))


def with_params(url: str, params: dict | None) -> str:
    if not params:
        return url
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _disk(action, path: Path):
    try:
        return action()
    except OSError as error:
        raise SourceError(_("{file} kan niet worden geschreven: {reason}.").format(
            file=path, reason=error.strerror or error)) from None


def _json(data: bytes, url: str):
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SourceError(_("{url} gaf geen geldige JSON terug.").format(url=url)) from None


def _text(data: bytes, url: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError(_("{url} gaf geen UTF-8-tekst terug.").format(url=url)) from None
