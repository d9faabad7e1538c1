"""A self-contained, accessible Dutch HTML report (no external assets; everything escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from gettext import gettext as _
from gettext import ngettext
from html import escape
from importlib import resources
from string import Template

from koers.scan.calibration import UNCERTAIN
from koers.scan.codebook import Codebook
from koers.scan.model import DocumentResult, Evidence, ThemeResult


@lru_cache(maxsize=1)
def _template() -> Template:
    text = (resources.files("koers.scan.report") / "templates" / "report.html").read_text(encoding="utf-8")
    return Template(text)


def highlighted(evidence: Evidence) -> str:
    """The passage as HTML with each matched span in <mark>; all text escaped."""
    parts, position = [], 0
    for start, end in evidence.highlights:
        start, end = max(start, position), min(end, len(evidence.text))
        if start >= end:
            continue
        parts.append(escape(evidence.text[position:start]))
        parts.append(f"<mark>{escape(evidence.text[start:end])}</mark>")
        position = end
    parts.append(escape(evidence.text[position:]))
    return "".join(parts)


def _anchor(index: int, theme_id: str) -> str:
    return f"doc-{index}-{theme_id}"


def _overview(results: Sequence[DocumentResult], codebook: Codebook) -> str:
    head = "".join(f'<th scope="col">{escape(t.label)}</th>' for t in codebook.themes)
    rows = []
    for index, result in enumerate(results, start=1):
        cells = [f'<th scope="row">{escape(result.document)}</th>']
        if result.error is not None:
            reason = _("Kan niet lezen: {reason}").format(reason=result.error)
            cells.append(f'<td class="fout" colspan="{len(codebook.themes)}">{escape(reason)}</td>')
        else:
            by_id = {theme.theme: theme for theme in result.themes}
            cells += [_overview_cell(by_id.get(t.id), index) for t in codebook.themes]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = _("Expliciete aandacht per document en thema (tussen haakjes: aantal passages)")
    return (f"<table>\n<caption>{escape(caption)}</caption>\n"
            f'<thead><tr><th scope="col">{escape(_("Document"))}</th>{head}</tr></thead>\n'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def _overview_cell(theme: ThemeResult | None, index: int) -> str:
    if theme is None:
        return "<td></td>"
    verdict = escape(_("ja") if theme.attention else _("nee"))
    text = f"{verdict} ({theme.passages})" if theme.passages else verdict
    if theme.confidence == UNCERTAIN:
        text += f' <span class="twijfel">{escape(_("twijfel"))}</span>'
    if theme.evidence:
        text = f'<a href="#{_anchor(index, theme.theme)}">{text}</a>'
    return f'<td class="ja">{text}</td>' if theme.attention else f"<td>{text}</td>"


def _problems(results: Sequence[DocumentResult]) -> str:
    failed = [r for r in results if r.error is not None]
    if not failed:
        return ""
    items = "".join(f"<li><strong>{escape(r.document)}</strong>: {escape(r.error or '')}</li>" for r in failed)
    return f'<h2>{escape(_("Documenten die niet gelezen konden worden"))}</h2>\n<ul>{items}</ul>'


def _document_section(index: int, result: DocumentResult) -> str:
    meta = result.metadata or {}
    pages = ngettext("{pages} pagina", "{pages} pagina's", result.pages).format(pages=result.pages)
    words = ngettext("{words} woord", "{words} woorden", result.words).format(words=result.words)
    facts = [f"{pages}, {words}"]
    facts += [str(meta[key]) for key in ("municipality", "doc_type", "year") if meta.get(key)]
    parts = [f'<section class="document" aria-labelledby="doc-{index}">',
             f'<h3 id="doc-{index}">{escape(result.document)}</h3>',
             f'<p class="meta">{escape(" · ".join(facts))}</p>']
    quiet = []
    for theme in result.themes:
        if not theme.evidence:
            quiet.append(theme.label)
            continue
        verdict = _("expliciete aandacht") if theme.attention else _("geen expliciete aandacht")
        title = _("{label}: {verdict}, score {score}").format(label=theme.label, verdict=verdict,
                                                             score=f"{theme.score:.2f}")
        if theme.probability is not None:
            title += ", " + _("kans {percent}%").format(percent=round(100 * theme.probability))
        if theme.confidence == UNCERTAIN:
            title += " (" + _("twijfel") + ")"
        parts.append(f'<h4 id="{_anchor(index, theme.theme)}">{escape(title)}</h4>\n<ol>')
        for evidence in theme.evidence:
            page = _("Pagina {page}:").format(page=evidence.page)
            parts.append(f'<li><span class="pagina">{escape(page)}</span>{highlighted(evidence)}</li>')
        parts.append("</ol>")
    if quiet:
        none_found = _("Geen passages gevonden voor: {labels}.").format(labels=", ".join(quiet))
        parts.append(f"<p>{escape(none_found)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def render_html(results: Sequence[DocumentResult], codebook: Codebook) -> str:
    readable = [(i, r) for i, r in enumerate(results, start=1) if r.error is None]
    intro = ngettext("{readable} van {total} document gelezen met codeboek {name} {version}.",
                     "{readable} van {total} documenten gelezen met codeboek {name} {version}.", len(results)).format(
        readable=len(readable), total=len(results), name=codebook.name, version=codebook.version)
    return _template().substitute(
        title=escape(_("Agendascan: aandacht voor digitale thema's")),
        intro=escape(" ".join(intro.split())),
        overview=_overview(results, codebook),
        problems=_problems(results),
        details="\n".join(_document_section(i, r) for i, r in readable),
    )
