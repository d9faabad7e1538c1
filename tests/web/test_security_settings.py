"""Production settings (docs/deploy.md, Beveiliging): check --deploy with the documented environment,
the Content-Security-Policy header and the session idle timeout."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import time_machine
from django.utils import timezone

REPO = Path(__file__).resolve().parents[2]


def documented_environment() -> dict[str, str]:
    """The variables of the `export` in the production example of docs/deploy.md."""
    text = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"^ {4}export (.*?)(?<!\\)\n", text, re.M | re.S)
    assert block, "no export in docs/deploy.md"
    words = shlex.split(block.group(1).replace("\\\n", " "))
    return dict(word.split("=", 1) for word in words)


def test_check_deploy_is_clean_with_the_documented_environment(tmp_path):
    documented = documented_environment()
    assert documented["DJANGO_SSL_REDIRECT"] == "true" and int(documented["DJANGO_HSTS_SECONDS"]) >= 31536000
    environment = {
        **documented,
        "DJANGO_SECRET_KEY": "t3Q!v9#Lm2@xR7$kP4^wZ8&cN1*bH6(yJ5)sD0_fG3+uE7-oA2=iK9",  # the placeholder's role
        "KOERS_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "KOERS_VAR_DIR": str(tmp_path / "var"),
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "koers.web", "check", "--deploy", "--fail-level", "DEBUG"],
        env=environment, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_pages_carry_a_strict_content_security_policy(client, db):
    policy = client.get("/inloggen/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_an_idle_session_is_logged_out(client_for, own):
    client = client_for("viewer")
    page = f"/organisaties/{own.slug}/"
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(3):  # each request renews the session: an hour of work in steps of 25 minutes
            traveller.shift(timedelta(minutes=25))
            assert client.get(page).status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get(page)
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")



def test_the_session_is_written_again_at_most_once_a_minute(client_for, own):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("viewer")
    page = f"/organisaties/{own.slug}/"

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in queries.captured_queries)

    with time_machine.travel(timezone.now(), tick=False) as traveller:
        session_writes()
        assert session_writes() == 0  # the same minute: nothing to renew
        traveller.shift(timedelta(minutes=2))
        assert session_writes() == 1
