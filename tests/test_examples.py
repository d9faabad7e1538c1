"""The fictional example documents, their manifest and the PDF renderer in examples/."""

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MANIFEST = EXAMPLES / "manifest.csv"
CBS_LISTS = (ROOT / "src" / "koers" / "data" / "nl_municipalities.csv",
             ROOT.parent / "shared" / "data" / "nl_municipalities.csv")
BEGROTING = EXAMPLES / "documents" / "voorbeeld" / "begroting-2025.md"


def _load_make_pdf():
    spec = importlib.util.spec_from_file_location("examples_make_pdf", EXAMPLES / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_pdf = _load_make_pdf()


def manifest_rows() -> list[dict]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def pdf_page_texts(path: Path) -> list[str]:
    """Text per page as PDFium extracts it, with line breaks folded into single spaces."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def test_manifest_has_the_documented_columns():
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["path", "municipality", "doc_type", "year", "population"]


def test_manifest_rows_point_to_existing_documents():
    rows = manifest_rows()
    assert len(rows) >= 4
    for row in rows:
        assert (MANIFEST.parent / row["path"]).is_file(), row["path"]
        assert 2023 <= int(row["year"]) <= 2026


def test_every_example_document_is_in_the_manifest():
    listed = {(MANIFEST.parent / row["path"]).resolve() for row in manifest_rows()}
    on_disk = {path.resolve() for path in (EXAMPLES / "documents").rglob("*") if path.is_file()}
    assert on_disk == listed


def test_examples_mix_formats_and_document_types():
    rows = manifest_rows()
    assert {Path(row["path"]).suffix for row in rows} == {".md", ".txt", ".html"}
    assert {row["doc_type"] for row in rows} == {"begroting", "kadernota", "voorjaarsnota", "coalitieakkoord"}


def test_four_fictional_municipalities_including_the_demo_organisation():
    names = {row["municipality"] for row in manifest_rows()}
    assert len(names) == 4
    assert "Gemeente Voorbeeld" in names


def test_municipality_names_are_not_real_cbs_names():
    cbs_file = next((path for path in CBS_LISTS if path.is_file()), None)
    assert cbs_file is not None, "CBS-lijst met gemeenten niet gevonden"
    with cbs_file.open(encoding="utf-8", newline="") as handle:
        real = {row["name"].casefold() for row in csv.DictReader(handle)}
    assert len(real) > 300  # the full list, not an empty or truncated file
    for name in {row["municipality"] for row in manifest_rows()}:
        bare = name.removeprefix("Gemeente ").casefold()
        assert bare not in real and name.casefold() not in real, name


def test_populations_fall_into_all_three_size_classes():
    populations: dict[str, set[int]] = {}
    for row in manifest_rows():
        populations.setdefault(row["municipality"], set()).add(int(row["population"]))
    assert all(len(values) == 1 for values in populations.values()), "één inwonertal per gemeente"
    sizes = [values.pop() for values in populations.values()]
    classes = [sum(size < 50_000 for size in sizes),
               sum(50_000 <= size <= 100_000 for size in sizes),
               sum(size > 100_000 for size in sizes)]
    assert all(classes) and max(classes) >= 2


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda row: row["path"])
def test_documents_are_a_few_pages_long(row):
    words = len(make_pdf.read_source(MANIFEST.parent / row["path"]).split())
    assert 1_500 <= words <= 4_000


def test_html_example_has_site_chrome_that_reading_drops():
    html_file = next(EXAMPLES.glob("documents/*/*.html"))
    raw = html_file.read_text(encoding="utf-8")
    for tag in ("<nav", "<script", "<footer"):
        assert tag in raw
    text = make_pdf.read_source(html_file)
    assert "localStorage" not in text  # script
    assert "Kwetsbaarheid melden" not in text  # footer
    assert "Ondernemers" not in text.split()  # menu item
    assert "Kadernota 2026" in text


def test_examples_contain_digital_words_in_passing():
    text = " ".join(" ".join(path.read_text(encoding="utf-8").split())
                    for path in (EXAMPLES / "documents").rglob("*.*"))
    for phrase in ("digitaal beschikbaar", "glasvezel in het buitengebied", "op de website"):
        assert phrase in text


def test_make_pdf_cli_renders_a_multi_page_pdf_with_the_source_text(tmp_path):
    out = tmp_path / "begroting.pdf"
    done = subprocess.run([sys.executable, str(EXAMPLES / "make_pdf.py"), str(BEGROTING), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    pages = pdf_page_texts(out)
    assert len(pages) > 1
    text = " ".join(pages)
    for sentence in ("Het ziekteverzuim is gedaald naar 5,8 procent.",
                     "de bouwvergunningen van vóór 1980 worden gescand"):
        assert sentence in BEGROTING.read_text(encoding="utf-8")
        assert sentence in text


def test_every_page_has_the_running_header_and_page_footer(tmp_path):
    out = tmp_path / "begroting.pdf"
    make_pdf.render_pdf(BEGROTING.read_text(encoding="utf-8"), out, "Programmabegroting 2025")
    pages = pdf_page_texts(out)
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.startswith("Programmabegroting 2025")
        assert text.endswith(f"Pagina {number}")


def test_render_pdf_returns_page_count_and_honours_page_breaks(tmp_path):
    out = tmp_path / "blokken.pdf"
    count = make_pdf.render_pdf(["# Kop", "Eerste pagina.", "\f", "- Tweede pagina."], out, "Titel")
    pages = pdf_page_texts(out)
    assert count == len(pages) == 2
    assert "Eerste pagina." in pages[0] and "Tweede pagina." in pages[1]


def test_characters_outside_latin1_are_transliterated(tmp_path):
    assert make_pdf.to_latin1("€ 5 – ‘ja’ “nee” … café") == "EUR 5 - 'ja' \"nee\" ... café"
    assert make_pdf.to_latin1("Łódź 中") == "Lódz ?"  # ó is latin-1 and stays
    out = tmp_path / "tekens.pdf"
    make_pdf.render_pdf("Budget € 1.000 – inclusief btw.", out, "Łódź")
    text = pdf_page_texts(out)[0]
    assert "Budget EUR 1.000 - inclusief btw." in text
    assert text.startswith("Lódz")


def test_make_pdf_cli_reports_a_missing_source_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, str(EXAMPLES / "make_pdf.py"), str(tmp_path / "weg.md"),
                           str(tmp_path / "uit.pdf")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "niet gevonden" in done.stderr
    assert not (tmp_path / "uit.pdf").exists()


def test_split_blocks_keeps_headings_items_and_plain_text_tables_apart():
    text = ("# Begroting\n\nEen alinea over\ntwee regels.\n\n- Een punt dat\n  doorloopt.\n"
            "2. Genummerd punt\n\n  Saldo begroting      86.000\n  Nieuw saldo         145.000\n"
            "\n| Post | 2025 |\n|---|---|\n| Wegen | 2.140 |\n")
    assert make_pdf.split_blocks(text) == [
        "# Begroting", "Een alinea over twee regels.", "- Een punt dat doorloopt.", "2. Genummerd punt",
        "| Saldo begroting | 86.000 |", "| Nieuw saldo | 145.000 |", "| Post | 2025 |", "| Wegen | 2.140 |",
    ]


def test_plain_text_table_rows_stay_on_their_own_line_in_the_pdf(tmp_path):
    out = tmp_path / "tabel.pdf"
    make_pdf.render_pdf("Toelichting.\n\n  Saldo begroting 2024      86.000\n  Nieuw saldo 2024         145.000\n",
                        out, "Voorjaarsnota")
    document = pypdfium2.PdfDocument(str(out))
    lines = [line.split() for line in document[0].get_textpage().get_text_range().splitlines()]
    document.close()
    assert ["Saldo", "begroting", "2024", "86.000"] in lines
    assert ["Nieuw", "saldo", "2024", "145.000"] in lines
