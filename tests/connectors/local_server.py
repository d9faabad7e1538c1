"""A real HTTP server on 127.0.0.1 (port 0) for the connector tests: it answers from written
replies and records every request, so tests can count what a connector sent.

    with serve({"/a.json": Reply(json={"ok": 1})}) as server:     # or serve(route_function)
        fetcher.get_json(server.url + "/a.json")
        assert server.count("/a.json") == 1

A route is a dict from path (without the query) to a ``Reply`` or a list of replies (one per
call, the last repeated), or a function ``route(request) -> Reply``. An unknown path gets 404.
Import with ``from connectors.local_server import Reply, serve`` (``tests/`` is on ``sys.path``).
"""

from __future__ import annotations

import contextlib
import json as jsonlib
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    json: object = None  # encoded as the body when given
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (for timeouts)
    truncate: int | None = None  # send only this many bytes of the body, then drop the connection

    def payload(self) -> bytes:
        if self.json is not None:
            return jsonlib.dumps(self.json).encode()
        return self.body.encode() if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict  # name -> list of values
    body: bytes
    headers: dict

    def json(self):
        return jsonlib.loads(self.body)


class LocalServer:
    def __init__(self, route):
        self.route = route
        self.requests: list[Request] = []
        self._calls: dict[str, int] = {}
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def count(self, path: str | None = None) -> int:
        return sum(1 for request in self.requests if path is None or request.path == path)

    def answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            call = self._calls.get(request.path, 0)
            self._calls[request.path] = call + 1
        if callable(self.route):
            return self.route(request)
        reply = self.route.get(request.path)
        if isinstance(reply, list):
            reply = reply[min(call, len(reply) - 1)]
        return reply or Reply(404, "niet gevonden")


def _handler(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(self.command, urllib.parse.unquote(parts.path), urllib.parse.parse_qs(parts.query),
                              self.rfile.read(length) if length else b"", dict(self.headers))
            reply = server.answer(request)
            time.sleep(reply.delay)
            body = reply.payload()
            try:
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json" if reply.json is not None else "application/octet-stream",
                           "Content-Length": str(len(body)), **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body if reply.truncate is None else body[:reply.truncate])
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass
            if reply.truncate is not None:
                self.close_connection = True

        do_GET = do_POST = _serve

        def log_message(self, *args):  # keep the test output clean
            pass

    return Handler


@contextlib.contextmanager
def serve(route):
    server = LocalServer(route)
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()
