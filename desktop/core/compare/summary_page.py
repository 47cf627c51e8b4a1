"""The one-page summary of a comparison (issue 14): the handout's first page, or a handout alone.

What a reader takes away in a minute: the episodes (when, which sources), the "In brief"
sentences with their citations and the rows they are written from, a compact table of the
facets (one line per facet: its marker and each episode's key terms) and the sources. Qt rich
text like :mod:`desktop.core.compare.html`, with the same style sheet; a PDF exporter fits it
to one page (:class:`desktop.ui.compare.pdf.HandoutPainter`).
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import SideInfo
from desktop.core.compare import records as cmp
from desktop.core.compare.html import WHEN_MARKER, _Renderer
from desktop.core.compare.html_text import FACET_MARKERS, corrected_mark, esc, term_class
from desktop.core.compare.style import comparison_css

#: The summary page's own rules, after the comparison's style sheet.
RULES = (
    "table.brief td, table.brief th { padding: 2px; }",
    "h2.brief { margin-top: 0; }",
    "p.episodes { margin-top: 0; margin-bottom: 0.3em; }",
)
#: What a summary without sentences says (the episodes share too little to write one).
NO_SUMMARY = "No summary: the table below has too few filled cells to write one from."


def _marker(row: cmp.FacetRow) -> tuple[str, str, str]:
    """The row's gutter: symbol, word, colour class (the "when" row: not compared)."""
    if row.kind == "when" and row.marker != cmp.NONE:
        return WHEN_MARKER
    symbol, word = FACET_MARKERS[row.marker]
    return symbol, word, row.marker


def _cell(row: cmp.FacetRow, cell: cmp.FacetCell, empty: str) -> str:
    """One episode's key terms in a row (the dates in the "when" row), on one line if they fit."""
    if cell.empty:
        return f'<td><span class="empty">{esc(empty)}</span></td>'
    if row.kind == "when" and cell.summary:
        return f"<td>{esc(cell.summary)}</td>"
    terms = ", ".join(f'<span class="{term_class(t, cell)}">{esc(t.label)}</span>' for t in cell.terms)
    return f"<td>{terms or esc(cell.summary)}</td>"


def facet_table(comparison: cmp.Comparison) -> str:
    """The facets at a glance: marker, facet, each episode's key terms."""
    n = len(comparison.subjects)
    width = max(10, (100 - 22) // n)
    heads = "".join(
        f'<th width="{width}%" align="left">{esc(s.label)} {corrected_mark(s, caption=False)}</th>'
        for s in comparison.subjects
    )
    rows = []
    for row in comparison.facets:
        symbol, word, css = _marker(row)
        cells = "".join(_cell(row, cell, comparison.empty_text) for cell in row.cells)
        rows.append(
            f'<tr><td class="gutter m-{css}" width="22" title="{esc(word)}">{symbol}</td>'
            f'<td class="facet">{esc(row.label)} <span class="note">{esc(word)}</span></td>{cells}</tr>'
        )
    return (
        '<h3><a name="glance"></a>The facets at a glance</h3>'
        '<p class="note">Each episode\'s key terms; <span class="term-changed">underlined</span>: '
        "a term that not every episode has.</p>"
        '<table class="grid brief" width="100%" border="1" cellspacing="0" cellpadding="2">'
        f'<thead><tr><th width="22"></th><th width="20%" align="left">Facet</th>{heads}</tr></thead>'
        + "".join(rows)
        + "</table>"
    )


def _episodes(comparison: cmp.Comparison) -> str:
    """The episodes in one paragraph: label, dates, sources."""
    parts = []
    for s in comparison.subjects:
        cites = "".join(f"[{n}]" for n in s.citations)
        mark = f" {corrected_mark(s)}" if s.corrected else ""
        parts.append(f"<b>{esc(s.label)}</b>{mark} ({esc(s.date_words)}) {cites}")
    return f'<p class="episodes">{" · ".join(parts)}</p>'


def summary_page_html(
    comparison: cmp.Comparison,
    analyses: Mapping[str, ArticleAnalysis],
    *,
    sides: Mapping[str, SideInfo] | None = None,
    title: str = "Comparison of episodes",
    intro: str = "",
) -> str:
    """The summary page as one HTML document for ``QTextDocument`` (printing: light theme).

    ``intro`` (HTML) goes under the heading: the export's date and what the page is.
    """
    r = _Renderer(comparison, analyses, "light", True, sides)
    brief = r.summary() or f'<h3>In brief</h3><p class="empty">{esc(NO_SUMMARY)}</p>'
    body = [
        f'<h2 class="brief">{esc(title)}: in brief</h2>',
        intro,
        _episodes(comparison),
        brief,
        facet_table(comparison),
        r.sources(),
    ]
    css = comparison_css("light", True) + "\n" + "\n".join(RULES)
    return (
        f'<html><head><meta charset="utf-8"><style type="text/css">{css}</style></head><body>'
        + "".join(body)
        + "</body></html>"
    )


__all__ = ["NO_SUMMARY", "facet_table", "summary_page_html"]
