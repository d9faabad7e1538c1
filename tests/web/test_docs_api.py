"""docs/api.md works as printed: its commands exist, its example requests succeed against the demo
data, and every resource in its table is an API view that accepts the documented methods."""

from __future__ import annotations

import re
import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.urls import resolve

from koers.web.management.commands.koers_demo import DEMO_SLUG
from shared_demo import load_demo

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
REPO = DOC.parents[1]
BASE = "http://127.0.0.1:8000"
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def doc_lines() -> list[str]:
    """The documentation's lines, with shell continuation lines joined."""
    return DOC.read_text(encoding="utf-8").replace("\\\n", " ").splitlines()


def curl_commands() -> list[list[str]]:
    return [shlex.split(line.strip()) for line in doc_lines() if line.strip().startswith("curl ")]


def test_the_documented_commands_exist():
    commands = set(re.findall(r"python -m koers\.web (\w+)", DOC.read_text(encoding="utf-8")))
    assert "create_api_token" in commands
    assert commands <= set(get_commands())


def test_the_token_page_named_in_the_docs_exists():
    assert "/account/api-sleutel/" in DOC.read_text(encoding="utf-8")
    assert resolve("/account/api-sleutel/").url_name == "api_token"


@pytest.fixture
def demo(transactional_db, tmp_path_factory, settings):
    load_demo(tmp_path_factory, settings)  # the examples' manifest; built once per run (shared_demo)


def demo_token() -> str:
    """The token the docs' first step gets: the command's whole output (the key alone)."""
    step = next(line for line in doc_lines() if line.strip().startswith("TOKEN=$("))
    name, username = re.search(r"python -m koers\.web (\w+) (\w+)\)", step).groups()
    out = StringIO()
    call_command(name, username, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def run_curl(client, args: list[str], token: str, folder: Path):
    """Send one documented curl command through the test client (the options the docs use)."""
    headers, fields, files, output, url = {}, {}, [], None, None
    words = iter(args[1:])
    for word in words:
        if word == "-H":
            name, value = next(words).replace("$TOKEN", token).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "-F":
            name, value = next(words).split("=", 1)
            if value.startswith("@"):
                path = folder / value[1:] if (folder / value[1:]).exists() else REPO / value[1:]
                files.append((name, path))
            else:
                fields[name] = value
        elif word == "-o":
            output = folder / next(words)
        elif word.startswith(BASE):
            url = word[len(BASE):]
        else:
            pytest.fail(f"docs/api.md: curl option {word!r} is not understood by this test")
    assert url, args
    if files or fields:
        handles = [(name, path.open("rb")) for name, path in files]
        try:
            for name, handle in handles:
                fields.setdefault(name, []).append(handle)
            response = client.post(url, fields, headers=headers)
        finally:
            for _name, handle in handles:
                handle.close()
    else:
        response = client.get(url, headers=headers)
    if output is not None:
        output.write_bytes(response.content)
    return url, response


@pytest.mark.django_db(transaction=True)  # a copy of the shared demo replaces the database
def test_every_curl_example_works_against_the_demo(demo, client, tmp_path):
    token = demo_token()
    commands = curl_commands()
    assert len(commands) >= 6
    for args in commands:
        url, response = run_curl(client, args, token, tmp_path)
        assert response.status_code in (200, 201), (url, response.status_code, response.content[:300])
        assert response["API-Version"]


@pytest.mark.parametrize("path", sorted(set(re.findall(r'"/api/v1(/[^"]+)"', DOC.read_text(encoding="utf-8")))))
def test_paths_in_the_examples_use_the_demo_slug_and_resolve(path):
    assert f"/organisations/{DEMO_SLUG}/" in path
    assert hasattr(resolve(f"/api/v1{path}").func, "cls")


def table_rows() -> list[tuple[str, set[str]]]:
    """(path, methods) of the resource table: | `/organisations/...` | GET / POST ... | role |."""
    rows = []
    for line in doc_lines():
        match = re.match(r"\| `(/organisations[^`]*)`[^|]*\| ([^|]+)\|", line)
        if match:
            rows.append((match.group(1), set(re.findall(r"[A-Z]+", match.group(2))) & METHODS))
    return rows


def test_the_resource_table_is_read():
    assert len(table_rows()) >= 25


@pytest.mark.parametrize(("path", "methods"), table_rows())
def test_every_documented_resource_is_an_api_view_with_those_methods(path, methods):
    examples = {"slug": DEMO_SLUG, "code": "dpia"}  # a rule of play's code; ids are numbers
    concrete = re.sub(r"\{([a-z_]+)\}", lambda m: examples.get(m.group(1), "1"), path)
    view = resolve(f"/api/v1{concrete}").func
    assert hasattr(view, "cls"), path  # a REST framework view, not a page
    allowed = {m.upper() for m in view.actions} if getattr(view, "actions", None) else {
        m.upper() for m in view.cls.http_method_names if hasattr(view.cls, m)}
    assert methods and methods <= allowed, (path, methods, allowed)
