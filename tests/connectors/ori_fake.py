"""A small Open Raadsinformatie for the tests: answers written in the shape of its Elasticsearch 7
API (``GET /_aliases``, ``POST /{index}/_search`` paged with ``search_after``) plus the files the
hits point to. Use as the route of ``connectors.local_server.serve``."""

from __future__ import annotations

from connectors.local_server import Reply

ALIASES = {  # concrete index -> its alias, as ORI lists them (irregular slugs on purpose)
    "ori_utrecht_20240301101500": "ori_utrecht",
    "ori_utrecht_20230101090000": None,  # an older copy without alias
    "ori_den_haag_20240212083000": "ori_den_haag",
    "ori_hofvantwente_20231120140000": "ori_hofvantwente",
    "ori_amersfoort_20240105120000": "ori_amersfoort",
    "osi_provincie-utrecht_20240101000000": "osi_provincie-utrecht",
}


def document(name, path=None, *, content_type="application/pdf", size=1000, date="2024-11-07T19:30:00+01:00",
             url=True, original_url=None, kind="MediaObject", file_name=None):
    """The ``_source`` of a MediaObject hit; ``path`` is the file's path on the test server."""
    source = {"@type": kind, "name": name, "content_type": content_type, "size_in_bytes": size,
              "last_discussed_at": date, "file_name": file_name or f"{name}.pdf"}
    if url is True and path:
        source["url"] = f"{{base}}{path}"
    if original_url:
        source["original_url"] = original_url
    return source


class OriFake:
    """``documents`` maps an alias to the ``_source`` of its hits, in score order."""

    def __init__(self, documents: dict, files: dict | None = None, *, fail: dict | None = None):
        self.documents = documents
        self.files = files or {}
        self.fail = fail or {}  # path -> list of replies given before the real answer
        self.base = ""

    def __call__(self, request) -> Reply:
        failures = self.fail.get(request.path)
        if failures:
            return failures.pop(0)
        if request.path == "/_aliases":
            return Reply(json={index: {"aliases": {alias: {}} if alias else {}} for index, alias in ALIASES.items()})
        if request.path.endswith("/_search") and request.method == "POST":
            return self._search(request.path.strip("/").split("/")[0], request.json())
        return self.files.get(request.path) or Reply(404, "niet gevonden")

    def _search(self, index: str, body: dict) -> Reply:
        if index not in self.documents:
            return Reply(404, json={"error": {"type": "index_not_found_exception"}, "status": 404})
        hits = [{"_index": f"{index}_20240301101500", "_type": "_doc", "_id": str(1000 + number), "_score": 10.0,
                 "_source": {key: value.replace("{base}", self.base) if isinstance(value, str) else value
                             for key, value in source.items()},
                 "sort": [10.0, str(1000 + number)]}
                for number, source in enumerate(self.documents[index])]
        after = body.get("search_after")
        start = next((i + 1 for i, hit in enumerate(hits) if hit["sort"] == after), 0) if after else 0
        page = hits[start:start + body.get("size", 10)]
        return Reply(json={"took": 4, "timed_out": False,
                           "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                           "hits": {"total": {"value": len(hits), "relation": "eq"}, "max_score": 10.0,
                                    "hits": page}})
