"""koers harvest against a local Open Raadsinformatie: files, manifest, completeness, reruns."""

import contextlib
import csv
import hashlib

import pytest
from cli_helpers import run
from connectors.local_server import Reply, serve
from connectors.ori_fake import OriFake, document
from fixtures import write_pdf

from koers.connectors import harvest as harvest_module


@pytest.fixture
def pdf_bytes(tmp_path, texts):
    folder = tmp_path / "bron"
    folder.mkdir()
    return write_pdf(folder, "pb.pdf", [["# Programmabegroting 2025", texts.SECURITY]]).read_bytes()


@contextlib.contextmanager
def ori(pdf_bytes, *, files=None, fail=None):
    """Utrecht and Hof van Twente have their begroting 2025, Amersfoort only a letter about it."""
    fake = OriFake({"ori_utrecht": [document("Programmabegroting 2025", "/utrecht.pdf"),
                                    document("Bijlage bij de programmabegroting 2025", "/bijlage.pdf")],
                    "ori_hofvantwente": [document("Begroting 2025 Hof van Twente", "/hvt.pdf")],
                    "ori_amersfoort": [document("Aanbiedingsbrief begroting 2025", "/brief.pdf")]},
                   files={"/utrecht.pdf": Reply(body=pdf_bytes), "/hvt.pdf": Reply(body=pdf_bytes),
                          **(files or {})}, fail=fail)
    with serve(fake) as server:
        fake.base = server.url
        yield server


def harvest(capsys, server, *extra):
    return run(capsys, "harvest", "--source", "ori", "--doc-type", "begroting", "--year", "2025",
               "--municipalities", "gemeenten.txt", "--out", "oogst", "--base-url", server.url,
               "--delay", "0", "--backoff", "0", *extra)


@pytest.fixture
def towns(tmp_path):
    (tmp_path / "gemeenten.txt").write_text("code\nGM0344\nHof van Twente\nAmersfoort\nAtlantis\n", encoding="utf-8")


def rows(path):
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_harvest_writes_files_manifest_and_completeness(capsys, tmp_path, towns, pdf_bytes):
    with ori(pdf_bytes) as server:
        code, out, err = harvest(capsys, server)
    assert code == 0, err
    assert "Atlantis" in err  # an unknown name is reported, not fatal
    out_dir = tmp_path / "oogst"
    assert (out_dir / "GM0344_begroting_2025.pdf").read_bytes() == pdf_bytes
    manifest = rows(out_dir / "manifest.csv")
    assert [(r["path"], r["municipality"], r["doc_type"], r["year"]) for r in manifest] == [
        ("GM0344_begroting_2025.pdf", "GM0344", "begroting", "2025"),
        ("GM1735_begroting_2025.pdf", "GM1735", "begroting", "2025")]
    assert manifest[0]["sha256"] == hashlib.sha256(pdf_bytes).hexdigest()
    assert manifest[0]["source"] == "ori" and manifest[0]["source_url"] == server.url + "/utrecht.pdf"
    assert manifest[0]["retrieved_at"] and "CC BY 4.0" in manifest[0]["licence"]
    report = {r["code"]: r for r in rows(out_dir / "completeness.csv")}
    assert [report[c]["status"] for c in ("GM0344", "GM1735", "GM0307")] == ["found", "found", "not_found"]
    assert "niet het document zelf" in report["GM0307"]["reason"]
    assert "Aanbiedingsbrief" in report["GM0307"]["candidates"]
    assert "Amersfoort" in out and "niet gevonden" in out
    assert "gevonden: 2, niet gevonden: 1, meerdere kandidaten: 0, fout: 0 (van 3 gemeenten)" in out


def test_the_harvested_manifest_is_read_by_koers_scan(capsys, tmp_path, towns, pdf_bytes):
    with ori(pdf_bytes) as server:
        assert harvest(capsys, server)[0] == 0
    code, out, err = run(capsys, "scan", "oogst", "--manifest", "oogst/manifest.csv", "--format", "csv")
    assert code == 0, err
    assert "manifest" not in err
    scanned = {r["document"]: r for r in csv.DictReader(out.splitlines()) if r["code"]}
    assert {r["code"] for r in scanned.values()} == {"GM0344", "GM1735"}
    assert {(r["doc_type"], r["year"]) for r in scanned.values()} == {("begroting", "2025")}


def test_a_rerun_downloads_nothing_twice(capsys, tmp_path, towns, pdf_bytes):
    with ori(pdf_bytes) as server:
        assert harvest(capsys, server)[0] == 0
        before = server.count()
        code, out, err = harvest(capsys, server)
        assert code == 0, err
        assert server.count("/utrecht.pdf") == server.count("/hvt.pdf") == 1
        searches = [r.path for r in server.requests[before:]]
    assert searches == ["/_aliases", "/ori_amersfoort/_search"]  # only the one not found is asked again
    assert out.count("al eerder opgehaald") == 2
    assert len(rows(tmp_path / "oogst" / "manifest.csv")) == 2


def test_a_changed_file_is_fetched_again(capsys, tmp_path, towns, pdf_bytes):
    with ori(pdf_bytes) as server:
        harvest(capsys, server)
        (tmp_path / "oogst" / "GM0344_begroting_2025.pdf").write_bytes(b"%PDF-1.4 beschadigd")
        assert harvest(capsys, server)[0] == 0
        assert server.count("/utrecht.pdf") == 2 and server.count("/hvt.pdf") == 1
    assert (tmp_path / "oogst" / "GM0344_begroting_2025.pdf").read_bytes() == pdf_bytes


def test_an_interrupted_download_is_started_again(capsys, tmp_path, towns, pdf_bytes):
    out_dir = tmp_path / "oogst"
    out_dir.mkdir()
    (out_dir / "GM0344_begroting_2025.pdf.part").write_bytes(pdf_bytes[:100])  # left by a killed run
    cut = Reply(body=pdf_bytes, truncate=200)
    with ori(pdf_bytes, fail={"/utrecht.pdf": [cut]}) as server:
        code, out, err = harvest(capsys, server, "--retries", "0")
        assert code == 2
        assert not (out_dir / "GM0344_begroting_2025.pdf").exists()
        assert list(out_dir.glob("*.part")) == []
        assert {r["code"]: r["status"] for r in rows(out_dir / "completeness.csv")}["GM0344"] == "error"
        assert harvest(capsys, server, "--retries", "0")[0] == 0
    assert (out_dir / "GM0344_begroting_2025.pdf").read_bytes() == pdf_bytes
    assert [r["municipality"] for r in rows(out_dir / "manifest.csv")] == ["GM1735", "GM0344"]


def test_ctrl_c_leaves_a_consistent_folder_and_the_rerun_finishes(capsys, tmp_path, towns, pdf_bytes, monkeypatch):
    real = harvest_module.SOURCES["ori"]

    def interrupted(fetcher, town, *args, **kwargs):
        if town.code == "GM1735":
            raise KeyboardInterrupt
        return real(fetcher, town, *args, **kwargs)

    with ori(pdf_bytes) as server:
        monkeypatch.setitem(harvest_module.SOURCES, "ori", interrupted)
        code, _out, err = harvest(capsys, server)
        assert code == 130 and "afgebroken" in err
        assert [r["code"] for r in rows(tmp_path / "oogst" / "completeness.csv")] == ["GM0344"]
        assert [r["municipality"] for r in rows(tmp_path / "oogst" / "manifest.csv")] == ["GM0344"]
        monkeypatch.setitem(harvest_module.SOURCES, "ori", real)
        assert harvest(capsys, server)[0] == 0
        assert server.count("/utrecht.pdf") == 1
    assert len(rows(tmp_path / "oogst" / "manifest.csv")) == 2


def test_an_error_page_instead_of_a_pdf_is_not_kept(capsys, tmp_path, towns, pdf_bytes):
    page = Reply(body="<html><body>Document niet beschikbaar</body></html>", headers={"Content-Type": "text/html"})
    with ori(pdf_bytes, files={"/utrecht.pdf": page}) as server:
        code, out, _err = harvest(capsys, server)
    assert code == 2
    report = {r["code"]: r for r in rows(tmp_path / "oogst" / "completeness.csv")}
    assert report["GM0344"]["status"] == "error" and "geen PDF" in report["GM0344"]["reason"]
    assert not (tmp_path / "oogst" / "GM0344_begroting_2025.pdf").exists()


def test_a_source_that_times_out_is_an_error_per_municipality(capsys, tmp_path, towns, pdf_bytes):
    slow = [Reply(json={}, delay=0.5)] * 3
    with ori(pdf_bytes, fail={"/ori_utrecht/_search": slow}) as server:
        code, out, _err = harvest(capsys, server, "--timeout", "0.05", "--retries", "0")
    assert code == 2
    report = {r["code"]: r for r in rows(tmp_path / "oogst" / "completeness.csv")}
    assert report["GM0344"]["status"] == "error" and report["GM1735"]["status"] == "found"
    assert "fout: 1" in out


def test_usage_errors_are_dutch(capsys, tmp_path, towns):
    code, _out, err = run(capsys, "harvest", "--source", "ori", "--doc-type", "jaarrekening", "--year", "2025",
                          "--municipalities", "gemeenten.txt", "--out", "oogst", "--base-url", "http://127.0.0.1:9")
    assert code == 1 and "jaarrekening" in err and "begroting" in err
    (tmp_path / "niemand.txt").write_text("Atlantis\n", encoding="utf-8")
    code, _out, err = run(capsys, "harvest", "--source", "ori", "--doc-type", "begroting", "--year", "2025",
                          "--municipalities", "niemand.txt", "--out", "oogst")
    assert code == 1 and "geen enkele bekende gemeente" in err
    code, _out, err = run(capsys, "harvest", "--source", "ori", "--doc-type", "begroting", "--year", "2025",
                          "--municipalities", "ontbreekt.txt", "--out", "oogst")
    assert code == 1 and "ontbreekt.txt" in err and "Traceback" not in err


def test_titles_from_the_source_cannot_run_as_formulas(capsys, tmp_path, pdf_bytes):
    from csv_checks import formula_cells

    (tmp_path / "gemeenten.txt").write_text("code\nGM0307\n", encoding="utf-8")
    fake = OriFake({"ori_amersfoort": [document("=HYPERLINK(\"x\");-1+1 begroting 2025 bijlage", "/b.pdf")]})
    with serve(fake) as server:
        fake.base = server.url
        code, _out, err = harvest(capsys, server)
    assert code == 0, err
    report = (tmp_path / "oogst" / "completeness.csv").read_text(encoding="utf-8")
    assert "HYPERLINK" in report and formula_cells(report) == []


def test_a_source_that_is_down_stops_the_run_after_five_errors_in_a_row(capsys, tmp_path):
    names = ["Utrecht", "Amersfoort", "Hof van Twente", "Groningen", "Almere", "Zwolle", "Leiden"]
    (tmp_path / "gemeenten.txt").write_text("\n".join(["naam", *names]) + "\n", encoding="utf-8")
    with serve(lambda request: Reply(status=503, body=b"onderhoud")) as server:
        code, out, err = harvest(capsys, server, "--retries", "0")
    assert code == 2
    assert "5 keer op rij een fout" in err and "opnieuw" in err
    assert len(rows(tmp_path / "oogst" / "completeness.csv")) == 5  # the last two were not tried
    assert "fout: 5" in out
