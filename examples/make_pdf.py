"""Render example documents (Markdown, text or HTML) to a multi-page A4 PDF with fpdf2.

Every page gets a running header (the document title) and a footer ("Pagina N"), like a
real municipal budget, so the scan engine's header/footer removal is exercised. The PDF
uses the core Helvetica font, which only knows latin-1: other characters are transliterated.

    python examples/make_pdf.py SRC.md [SRC2.txt ...] OUT.pdf

Generated PDFs belong under ``var/`` or a temporary folder, never in git.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF

FONT = "Helvetica"
BODY_SIZE = 10.5
LINE_HEIGHT = 5.2  # mm; with 10.5 pt text a page of budget prose holds roughly 450 words

# Common typographic characters outside latin-1, spelled as a Dutch reader would expect.
_TRANSLITERATIONS = str.maketrans({
    "€": "EUR", "–": "-", "—": "-", "‑": "-", "‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"',
    "„": '"', "…": "...", "•": "-", "→": "->", "≥": ">=", "≤": "<=", "\u00a0": " ", "\u202f": " ",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i",  # letters NFKD does not decompose
})
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*([-*+•]|\d+[.)]|[a-z][.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_EMPHASIS = re.compile(r"(?<![\w*])\*(\S(?:[^*]*\S)?)\*(?![\w*])")  # Markdown *italic*
_COLUMN_GAP = re.compile(r"(?<=\S)\s{3,}(?=\S)")  # plain-text tables line up columns with spaces


def to_latin1(text: str) -> str:
    """Keep latin-1 characters, transliterate the rest (accents dropped, unknown -> '?')."""
    text = text.translate(_TRANSLITERATIONS)
    if all(ord(char) < 256 for char in text):
        return text
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        decomposed = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
        out.append(decomposed or "?")
    return "".join(out)


class _Document(FPDF):
    """FPDF with the running header and page-number footer."""

    def __init__(self, title: str):
        super().__init__(format="A4", unit="mm")
        self.running_title = to_latin1(title)
        self.set_margins(22, 24, 22)
        self.set_auto_page_break(True, margin=22)
        self.set_title(self.running_title)
        self.set_creator("Koers examples/make_pdf.py")

    def header(self):
        self.set_font(FONT, "I", 8)
        self.set_y(10)
        self.cell(0, 5, self.running_title, align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_y(24)

    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, "", 8)
        self.cell(0, 5, f"Pagina {self.page_no()}", align="C")


def split_blocks(text: str) -> list[str]:
    """Blank lines separate blocks; a heading, list item or table row is a block of its own.

    An indented line right after a list item continues that item (wrapped plain text).
    """
    blocks: list[str] = []
    current: list[str] = []
    in_item = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _TABLE_RULE.match(line):
            if current:
                blocks.append(" ".join(current))
                current = []
            in_item = False
            continue
        if _COLUMN_GAP.search(line) and not line.startswith("|"):
            line = "| " + " | ".join(_COLUMN_GAP.split(line)) + " |"
        if _HEADING.match(line) or _BULLET.match(line) or line.startswith("|"):
            if current:
                blocks.append(" ".join(current))
                current = []
            blocks.append(line)
            in_item = bool(_BULLET.match(line))
        elif in_item and raw[:1].isspace():
            blocks[-1] += " " + line
        else:
            current.append(line)
            in_item = False
    if current:
        blocks.append(" ".join(current))
    return blocks


def _wrap(pdf: _Document, text: str, width: float) -> list[str]:
    """Greedy line breaking on word widths (fpdf2's multi_cell is quadratic in paragraph length)."""
    space = pdf.get_string_width(" ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        word_width = pdf.get_string_width(word)
        if line and used + space + word_width > width:
            lines.append(" ".join(line))
            line, used = [word], word_width
        else:
            used += (space if line else 0.0) + word_width
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def _write_lines(pdf: _Document, text: str, indent: float = 0.0) -> None:
    width = pdf.w - pdf.l_margin - pdf.r_margin - indent
    for line in _wrap(pdf, text, width):
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(width, LINE_HEIGHT, line, new_x="LMARGIN", new_y="NEXT")


def _write_row(pdf: _Document, cells: list[str]) -> None:
    """A table row: a wide first column, the figures right-aligned in equal columns."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    first = width * 0.46 if len(cells) > 1 else width
    rest = (width - first) / max(len(cells) - 1, 1)
    fits = pdf.get_string_width(cells[0]) < first - 1 and all(
        pdf.get_string_width(cell) < rest - 1 for cell in cells[1:])
    if not fits:  # too wide for columns: keep the text, drop the layout
        _write_lines(pdf, "  ".join(cells))
        return
    pdf.cell(first, LINE_HEIGHT, cells[0])
    for cell in cells[1:]:
        pdf.cell(rest, LINE_HEIGHT, cell, align="R")
    pdf.ln(LINE_HEIGHT)


def _write_block(pdf: _Document, block: str) -> None:
    block = to_latin1(_EMPHASIS.sub(r"\1", block.replace("**", "").replace("`", "")))
    heading = _HEADING.match(block)
    if heading:
        pdf.ln(2)
        pdf.set_font(FONT, "B", {1: 16, 2: 13}.get(len(heading.group(1)), 11))
        _write_lines(pdf, heading.group(2))
        pdf.ln(1.5)
        return
    pdf.set_font(FONT, "", BODY_SIZE)
    if block.startswith("|"):
        _write_row(pdf, [cell.strip() for cell in block.strip("|").split("|")])
        return
    bullet = _BULLET.match(block)
    if bullet:
        marker = bullet.group(1)
        pdf.cell(7, LINE_HEIGHT, "-" if marker in "-*+•" else marker)
        _write_lines(pdf, bullet.group(2), indent=7)
        return
    _write_lines(pdf, block)
    pdf.ln(2)


def render_pdf(paragraphs_or_text: str | Iterable[str], out_path: str | Path, title: str) -> int:
    """Write the text (or a sequence of blocks) to ``out_path`` as a PDF; returns the page count.

    A string is split into blocks on blank lines; ``# `` lines become headings and ``- ``
    or ``1. `` lines list items. A block equal to ``"\\f"`` starts a new page.
    """
    blocks = split_blocks(paragraphs_or_text) if isinstance(paragraphs_or_text, str) else paragraphs_or_text
    pdf = _Document(title)
    pdf.add_page()
    in_table = False
    for block in blocks:
        if block == "\f":
            pdf.add_page()
        elif block.strip():
            if in_table and not block.startswith("|"):
                pdf.ln(2)  # white space below a table
            in_table = block.startswith("|")
            _write_block(pdf, block)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out_path))
    return pdf.page_no()


def read_source(path: str | Path) -> str:
    """The readable text of an example document; HTML loses its nav, script and footer."""
    path = Path(path)
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() not in (".html", ".htm"):
        return text
    import lxml.html

    root = lxml.html.fromstring(text)
    for element in root.xpath("//script|//style|//nav|//header|//footer|//form"):
        element.drop_tree()
    lines = []
    for element in root.iter("h1", "h2", "h3", "h4", "p", "li", "tr"):
        content = " ".join(element.text_content().split())
        if not content:
            continue
        if element.tag.startswith("h"):
            lines.append("#" * int(element.tag[1]) + " " + content)
        elif element.tag == "li":
            lines.append("- " + content)
        elif element.tag == "tr":
            lines.append("| " + " | ".join(" ".join(c.text_content().split()) for c in element) + " |")
        else:
            lines.append(content)
        lines.append("")
    return "\n".join(lines)


def title_of(text: str, fallback: str) -> str:
    """The first Markdown heading, else the first line of plain text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            return heading.group(2).replace("**", "").strip()
    return lines[0] if lines else fallback


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2 or any(arg in ("-h", "--help") for arg in args):
        print("Gebruik: python examples/make_pdf.py BRON.md [BRON2.txt ...] UIT.pdf\n"
              "Zet een of meer voorbeelddocumenten (.md, .txt, .html) om naar één PDF.", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 1
    *sources, out = args
    texts = []
    for source in sources:
        try:
            texts.append(read_source(source))
        except FileNotFoundError:
            print(f"make_pdf: bestand niet gevonden: {source}", file=sys.stderr)
            return 1
        except (OSError, UnicodeDecodeError) as exc:
            print(f"make_pdf: kan {source} niet lezen ({exc.__class__.__name__})", file=sys.stderr)
            return 1
    title = title_of(texts[0], Path(sources[0]).stem)
    blocks: list[str] = []
    for number, text in enumerate(texts):
        blocks += (["\f"] if number else []) + split_blocks(text)
    try:
        pages = render_pdf(blocks, out, title)
    except OSError as exc:
        print(f"make_pdf: kan {out} niet schrijven ({exc.strerror or exc.__class__.__name__})", file=sys.stderr)
        return 1
    print(f"{out}: {pages} pagina's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
