"""Small sample documents for tests, written into a folder you give (usually ``tmp_path``).

Every writer returns the path of the file it wrote. Documents are described as a list of
pages; a page is a list of blocks, and a block is a string:

- ``"# Titel"`` is a heading, ``"- punt"`` a list item, anything else a paragraph.

PDFs use fpdf2's core Helvetica font, so their text must be latin-1. Import with
``from fixtures import write_pdf`` when ``tests/`` is on ``sys.path``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

Pages = Sequence[Sequence[str]]


def _kind(block: str) -> tuple[str, str]:
    if block.startswith("# "):
        return "heading", block[2:]
    if block.startswith("- "):
        return "item", block[2:]
    return "paragraph", block


def write_pdf(folder: Path, name: str, pages: Pages, *, header: str | None = None,
              footer: str | None = None, password: str | None = None) -> Path:
    """A text PDF, one PDF page per page. ``footer`` may contain ``{page}`` and ``{pages}``.

    With ``password`` the PDF is encrypted and needs that password to open.
    """
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    if password is not None:
        pdf.set_encryption(owner_password=password + "-eigenaar", user_password=password)
    for number, blocks in enumerate(pages, start=1):
        pdf.add_page()
        if header is not None:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(20, 10)
            pdf.cell(text=header)
        pdf.set_xy(20, 25)
        for block in blocks:
            kind, text = _kind(block)
            pdf.set_font("Helvetica", style="B" if kind == "heading" else "", size=11)
            pdf.set_x(20)
            pdf.multi_cell(170, 6, ("- " if kind == "item" else "") + text)
            pdf.ln(4)
        if footer is not None:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(20, 280)
            pdf.cell(text=footer.format(page=number, pages=len(pages)))
    path = Path(folder) / name
    pdf.output(str(path))
    return path


def write_drawing_pdf(folder: Path, name: str, pages: int = 1) -> Path:
    """A PDF whose pages only hold a drawn rectangle: no text layer, like a scan."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(30, 30, 100, 60, style="F")
    path = Path(folder) / name
    pdf.output(str(path))
    return path


def write_docx(folder: Path, name: str, pages: Pages) -> Path:
    """A DOCX made with python-docx, with an explicit page break between pages."""
    import docx

    document = docx.Document()
    for index, blocks in enumerate(pages):
        if index:
            document.add_page_break()
        for block in blocks:
            kind, text = _kind(block)
            if kind == "heading":
                document.add_heading(text, level=1)
            elif kind == "item":
                document.add_paragraph(text, style="List Bullet")
            else:
                document.add_paragraph(text)
    path = Path(folder) / name
    document.save(str(path))
    return path


_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
_ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_odt(folder: Path, name: str, pages: Pages) -> Path:
    """A hand-built ODT; pages are separated by ``text:soft-page-break``."""
    body = []
    for index, blocks in enumerate(pages):
        if index:
            body.append("<text:soft-page-break/>")
        for block in blocks:
            kind, text = _kind(block)
            if kind == "heading":
                body.append(f'<text:h text:outline-level="1">{escape(text)}</text:h>')
            elif kind == "item":
                body.append(f"<text:list><text:list-item><text:p>{escape(text)}</text:p>"
                            "</text:list-item></text:list>")
            else:
                body.append(f"<text:p>{escape(text)}</text:p>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODT_NS} '
               'office:version="1.2"><office:body><office:text>'
               + "".join(body) + "</office:text></office:body></office:document-content>")
    return write_odt_parts(folder, name, {"content.xml": content})


def write_odt_parts(folder: Path, name: str, parts: dict[str, str]) -> Path:
    """An ODT zip with ``mimetype`` first (stored), a manifest, and the given parts."""
    path = Path(folder) / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        for part, text in parts.items():
            archive.writestr(part, text, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_html(folder: Path, name: str, body: str, *, title: str = "Voorbeeld") -> Path:
    """An HTML5 page with ``body`` (markup) inside <body>."""
    markup = (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
              f"<title>{escape(title)}</title></head>\n<body>\n{body}\n</body></html>\n")
    return write_bytes(folder, name, markup.encode("utf-8"))


def write_text(folder: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    """A text or Markdown file; use ``\\f`` in ``text`` for page breaks."""
    return write_bytes(folder, name, text.encode(encoding))


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    """Any file with exactly these bytes (for corrupt, binary and empty inputs)."""
    path = Path(folder) / name
    path.write_bytes(data)
    return path


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BOMB_SENTENCE = "De gemeente versterkt de informatiebeveiliging van haar diensten. "


def docx_bomb(pages: Sequence[int]) -> bytes:
    """A small DOCX whose document.xml inflates hugely: per page about that many characters of
    one repeated sentence (deflate shrinks it about a thousandfold), pages split by page breaks."""
    paragraph = f"<w:p><w:r><w:t>{_BOMB_SENTENCE * 15}</w:t></w:r></w:p>"
    page_break = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
    body = page_break.join(paragraph * max(1, size // (len(_BOMB_SENTENCE) * 15)) for size in pages)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()
