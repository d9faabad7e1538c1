"""The connectors' HTTP core against a real local server: retries, rate limit, cache, downloads."""

import hashlib

import pytest
from connectors.local_server import Reply, serve

from koers.connectors.http import Fetcher, SourceError


class FakeTime:
    """A clock that only moves when slept on; records every sleep."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time():
    return FakeTime()


def fetcher(fake_time, **options):
    options = {"min_interval": 0, "timeout": 5, **options}
    return Fetcher(sleep=fake_time.sleep, clock=fake_time.clock, **options)


def test_retries_with_exponential_backoff_then_succeeds(fake_time):
    with serve({"/a": [Reply(503), Reply(500), Reply(json={"ok": True})]}) as server:
        answer = fetcher(fake_time, backoff=2).get_json(server.url + "/a")
    assert answer == {"ok": True}
    assert server.count("/a") == 3
    assert fake_time.sleeps == [2, 4]


def test_server_error_forever_gives_up_after_the_retries(fake_time):
    with serve({"/a": Reply(500)}) as server, pytest.raises(SourceError) as error:
        fetcher(fake_time, retries=2).get_json(server.url + "/a")
    assert server.count("/a") == 3
    assert "na 3 pogingen" in str(error.value) and "HTTP 500" in str(error.value)


def test_too_many_requests_honours_retry_after_capped(fake_time):
    replies = [Reply(429, headers={"Retry-After": "7"}), Reply(429, headers={"Retry-After": "9999"}),
               Reply(json=[1])]
    with serve({"/a": replies}) as server:
        assert fetcher(fake_time, max_retry_after=60).get_json(server.url + "/a") == [1]
    assert fake_time.sleeps == [7, 60]


def test_not_found_is_not_retried(fake_time):
    with serve({}) as server, pytest.raises(SourceError, match="HTTP 404"):
        fetcher(fake_time).get_json(server.url + "/missing")
    assert server.count() == 1
    assert fake_time.sleeps == []


def test_a_slow_answer_times_out_and_is_retried(fake_time):
    with serve({"/slow": Reply(json={}, delay=0.5)}) as server, pytest.raises(SourceError, match="pogingen"):
        fetcher(fake_time, timeout=0.05, retries=1).get_json(server.url + "/slow")
    assert server.count("/slow") == 2


def test_malformed_json_names_the_url(fake_time):
    with serve({"/bad": Reply(body="{niet: json")}) as server, pytest.raises(SourceError) as error:
        fetcher(fake_time).get_json(server.url + "/bad")
    assert server.url + "/bad" in str(error.value) and "geen geldige JSON" in str(error.value)


def test_the_cache_answers_without_a_request_and_keys_on_the_body(fake_time, tmp_path):
    with serve({"/q": Reply(json={"hits": 1}), "/t": Reply(body="<xml/>")}) as server:
        first = fetcher(fake_time, cache_dir=tmp_path)
        assert first.post_json(server.url + "/q", {"a": 1}) == {"hits": 1}
        assert first.get_json(server.url + "/q", {"page": 2}) == {"hits": 1}
        assert first.get_text(server.url + "/t") == "<xml/>"
        again = fetcher(fake_time, cache_dir=tmp_path)  # a new run, same cache folder
        assert again.post_json(server.url + "/q", {"a": 1}) == {"hits": 1}
        assert again.get_json(server.url + "/q", {"page": 2}) == {"hits": 1}
        assert again.get_text(server.url + "/t") == "<xml/>"
        assert server.count() == 3
        again.post_json(server.url + "/q", {"a": 2})  # another body is another question
        assert server.count() == 4
        assert server.requests[-1].json() == {"a": 2}


def test_a_damaged_cache_file_is_fetched_again(fake_time, tmp_path):
    with serve({"/q": Reply(json={"hits": 1})}) as server:
        fetcher(fake_time, cache_dir=tmp_path).get_json(server.url + "/q")
        (cached,) = tmp_path.rglob("*.cache")
        cached.write_text("{kapot")
        assert fetcher(fake_time, cache_dir=tmp_path).get_json(server.url + "/q") == {"hits": 1}
        assert server.count() == 2


def test_requests_to_one_host_are_spaced_by_the_minimum_interval(fake_time):
    with serve({"/a": Reply(json=1)}) as server:
        polite = fetcher(fake_time, min_interval=1.5)
        for _ in range(3):
            polite.get_json(server.url + "/a")
    assert fake_time.sleeps == [1.5, 1.5]


def test_download_hashes_the_file_and_records_provenance(fake_time, tmp_path):
    content = b"%PDF-1.4 een klein document"
    with serve({"/doc.pdf": Reply(body=content)}) as server:
        dest = tmp_path / "out" / "doc.pdf"
        provenance = fetcher(fake_time).download(server.url + "/doc.pdf", dest, source="ori", licence="CC0")
    assert dest.read_bytes() == content
    assert provenance.sha256 == hashlib.sha256(content).hexdigest()
    assert (provenance.size, provenance.source, provenance.licence) == (len(content), "ori", "CC0")
    assert provenance.url == server.url + "/doc.pdf" and provenance.retrieved_at.endswith("+00:00")
    assert list(tmp_path.rglob("*.part")) == []


def test_a_broken_download_is_retried_and_leaves_no_part_file(fake_time, tmp_path):
    content = b"x" * 100_000
    with serve({"/doc.pdf": [Reply(body=content, truncate=1000), Reply(body=content)]}) as server:
        dest = tmp_path / "doc.pdf"
        provenance = fetcher(fake_time).download(server.url + "/doc.pdf", dest, source="ori", licence="CC0")
    assert server.count() == 2 and provenance.size == len(content) and dest.read_bytes() == content
    with serve({"/doc.pdf": Reply(body=content, truncate=1000)}) as server, pytest.raises(SourceError):
        fetcher(fake_time, retries=1).download(server.url + "/doc.pdf", tmp_path / "b.pdf", source="ori", licence="")
    assert not (tmp_path / "b.pdf").exists() and list(tmp_path.rglob("*.part")) == []


def test_a_download_over_the_size_cap_is_refused(fake_time, tmp_path):
    with serve({"/big.pdf": Reply(body=b"y" * 5000)}) as server, pytest.raises(SourceError, match="groter dan"):
        fetcher(fake_time, max_download=1000).download(server.url + "/big.pdf", tmp_path / "big.pdf",
                                                        source="ori", licence="")
    assert list(tmp_path.iterdir()) == []


def test_only_http_addresses_are_fetched(fake_time, tmp_path):
    with pytest.raises(SourceError, match="geen http"):
        fetcher(fake_time).download("file:///etc/passwd", tmp_path / "x", source="ori", licence="")
