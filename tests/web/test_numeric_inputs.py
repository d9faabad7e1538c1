"""A probe of every numeric input: on each page of the demo organisation, every form field a user
types a number into and every numeric query parameter in the page's links gets ``nan``, ``inf``,
``1e400``, a number beyond every database's integer range and ``-1``. None may give a server error,
and a value that is not a finite number must be refused with a message on the page. The fields and
parameters come from the rendered pages, so a new form is probed without being listed here."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html
import pytest

from demo_pages import page_urls
from shared_demo import load_demo

NOT_FINITE = ("nan", "inf", "-inf", "1e400", "1" + "0" * 400)
BAD = (*NOT_FINITE, "99999999999999999999", "-1")
# What a page shows when it refuses input: the error summary, a field error or an error/warning message.
REFUSED = ("koers-error-summary", "koers-field-error", "koers-alert--error", "koers-alert--warning")


@pytest.fixture
def demo(transactional_db, tmp_path_factory, settings):
    return load_demo(tmp_path_factory, settings)  # built once per run (shared_demo): a transactional test


def _numeric(element) -> bool:
    return element.tag == "input" and (element.get("type") == "number"
                                       or element.get("inputmode") in ("decimal", "numeric"))


def numeric_forms(path: str, html: str):
    """(method, action, values, numeric field names) of every form on the page with a numeric input."""
    for form in lxml.html.fromstring(html).forms:
        names = [e.name for e in form.inputs if e.name and _numeric(e)]
        if names:
            yield (form.method or "GET").lower(), urljoin(path, form.action or path), form.form_values(), names


def numeric_query_parameters(path: str, html: str):
    """(url path, parameter, other parameters) for every link of the page with a numeric parameter."""
    for link in lxml.html.fromstring(html).xpath("//a[@href]"):
        url = urlsplit(urljoin(path, link.get("href")))
        if url.netloc or not url.query:
            continue
        pairs = parse_qsl(url.query)
        for name, value in pairs:
            if value.isdigit():
                yield url.path, name, [(k, v) for k, v in pairs if k != name]


def _send(client, method, url, pairs):
    data = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    try:
        return getattr(client, method)(url, data, follow=True), None
    except Exception as exc:  # the test client re-raises what would be a 500
        return None, f"{type(exc).__name__}: {exc}"


def _problem(response, error, value) -> str | None:
    if error:
        return error
    if response.status_code >= 500:
        return f"status {response.status_code}"
    body = response.content.decode()
    if value in NOT_FINITE and response.status_code == 200 and not any(marker in body for marker in REFUSED):
        return "accepted without a message"
    if b"Enter a" in response.content or b"Ensure this" in response.content:
        return "English message"
    return None


def test_every_numeric_input_refuses_bad_numbers_without_a_server_error(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    problems, probed, seen = [], set(), set()
    for name, path in page_urls(demo):
        page, error = _send(client, "get", path, [])
        if error or page.status_code >= 500:  # a bad number stored by an earlier probe breaks the page
            problems.append(f"{name}: GET {path}: {error or page.status_code}")
            continue
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        html = page.content.decode()
        for method, action, values, fields in numeric_forms(path, html):
            for field in fields:
                if (action, re.sub(r"\d+", "#", field)) in seen:  # one cap_<team>_<quarter> is enough
                    continue
                seen.add((action, re.sub(r"\d+", "#", field)))
                for value in BAD:
                    pairs = [(k, value if k == field else v) for k, v in values]
                    response, error = _send(client, method, action, pairs)
                    if problem := _problem(response, error, value):
                        problems.append(f"{name}: {method.upper()} {action} {field}={value}: {problem}")
                probed.add(f"{name}:{field}")
        for url, parameter, others in numeric_query_parameters(path, html):
            if (url, parameter) in seen:
                continue
            seen.add((url, parameter))
            for value in BAD:
                response, error = _send(client, "get", url, [*others, (parameter, value)])
                if problem := (error or (f"status {response.status_code}" if response.status_code >= 500 else None)):
                    problems.append(f"{name}: GET {url}?{parameter}={value}: {problem}")
            probed.add(f"{url}?{parameter}")
    assert len(probed) > 10, sorted(probed)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
