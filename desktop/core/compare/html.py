"""A :class:`~desktop.core.compare.records.Comparison` as Qt rich text, for the view and the PDF.

Only what ``QTextDocument`` understands: tables with ``border``/``cellpadding`` attributes,
``<thead>`` (repeated on every PDF page), spans with classes, ``<a name>`` anchors and
``<a href>`` links, ``<sup>``; CSS limited to colours, fonts, text decoration, margins and
padding. No JavaScript, no flexbox, no positioning.

Anchors and links a view can use:

* ``<a name="diff-N">`` on the Nth difference (``Comparison.differences[N]``) — a facet row
  that is not the same everywhere, an aligned group with changes, a sentence found in one
  subject only; ``facet-ID``, ``motif-ID``, ``aligned-N``, ``cite-N`` and the section names
  ``facets``, ``cast``, ``motifs``, ``aligned``, ``sources`` are anchors too, and
  ``cell-FACET-S`` at the start of each facet cell;
* ``cells:FACET:S,S`` (in the summary: the cells of a row it is written from), ``cite:N``
  (the numbered source), ``sentence:ARTICLE:START:END`` (the sentence an extract comes from),
  and inside extracts the ``actor:`` and ``date:`` links of
  :func:`desktop.core.annotate.document.annotation_marks`.

Colour is never the only cue: every marker has a symbol and a word, diffs are underlined
(inserted), struck through (deleted) or wavy-underlined (changed) as well as coloured.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.annotate import timex
from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import Annotated, SideInfo, ViewOptions, annotation_marks
from desktop.core.compare import records as cmp
from desktop.core.compare.alignment import EQUAL
from desktop.core.compare.html_caps import OPENINGS_LISTED, by_outlet, subject_sources
from desktop.core.compare.html_sections import Sections
from desktop.core.compare.html_text import (
    DIFF_WORDS,
    FACET_MARKERS,
    PRESENCE_CLASS,
    PRESENCE_MARKERS,
    attr,
    cell_anchor,
    cell_name,
    corrected_mark,
    dash,
    esc,
    opening,
    render_spans,
    term_class,
)
from desktop.core.compare.style import comparison_css
from desktop.core.text.markup import Mark

SECTIONS = ("summary", "facets", "cast", "motifs", "aligned")

#: The gutter of the "when" row: each episode has its own dates, which is no difference.
WHEN_MARKER = ("·", "not compared", "none")
#: How many words of a sentence a reference to another row shows.
REFERENCE_WORDS = 4
#: How many extracts a cell shows in full (the others are listed by their first words).
SCREEN_EXTRACTS, PRINT_EXTRACTS = 3, 2


class _Renderer(Sections):
    def __init__(
        self,
        comparison: cmp.Comparison,
        analyses: Mapping[str, ArticleAnalysis],
        theme: str,
        for_print: bool,
        sides: Mapping[str, SideInfo] | None,
    ) -> None:
        self.c = comparison
        self.analyses = analyses
        self.theme = theme
        self.print = for_print
        self.sides = dict(sides or {})
        self.options = ViewOptions(theme=theme, links=not for_print, tooltips=not for_print)
        self.per_cell = PRINT_EXTRACTS if for_print else SCREEN_EXTRACTS
        self.cited: set[int] = set()  # the citations the handout shows, for a capped sources list
        self.n = len(comparison.subjects)
        self._marks: dict[str, tuple[Mark, ...]] = {}

    # ------------------------------------------------------------- marks

    def _article_marks(self, article: str) -> tuple[Mark, ...]:
        if article not in self._marks:
            analysis = self.analyses.get(article)
            marks: tuple[Mark, ...] = ()
            if analysis is not None:
                words = {d.value: timex.describe_value(d.value) for d in analysis.dates}
                annotated = Annotated(analysis.actors, analysis.dates, self.sides, words)
                marks = tuple(sorted(annotation_marks(annotated, self.options, article), key=lambda m: m.start))
            self._marks[article] = marks
        return self._marks[article]

    def _marks_in(self, article: str, start: int, end: int) -> list[Mark]:
        """The article's actor and date marks inside [start, end), shifted to the extract."""
        out = []
        for m in self._article_marks(article):
            if m.start >= end:
                break
            if m.end <= start:
                continue
            out.append(Mark(max(m.start, start) - start, min(m.end, end) - start, m.classes, m.style, m.title, m.href))
        return out

    def cite(self, e: cmp.Extract) -> str:
        """The extract's citation (a link on screen, with a link to the sentence in its article)."""
        self.cited.add(e.citation)
        if self.print:
            return f'<sup class="cite">[{e.citation}]</sup>'
        cite = f'<sup class="cite"><a class="cite" href="{e.cite_href}">[{e.citation}]</a></sup>'
        return cite + f' <a class="goto" href="{attr(e.href)}" title="Show the sentence in its article">↗</a>'

    def reference(self, e: cmp.Extract, row: str) -> str:
        """A sentence shown in full in another row: its first words and where to find it."""
        return f'<span class="ref">“{esc(opening(e.text))}” — see {esc(row)}</span>{self.cite(e)}'

    def extract(self, e: cmp.Extract, distinct: Sequence[str] = (), tokens=None, whole_class: str = "") -> str:
        """An extract with its annotations, cue hits, diff tokens, citation and sentence link.

        A reference (``e.see``) is only its first words and the row that shows it; an aside
        (``e.about``) says which other episode of the same article the sentence is about.
        """
        if e.see:
            return self.reference(e, e.see)
        marks = self._marks_in(e.article, e.start, e.end)
        for hit in e.hits:
            cls = "cue-changed" if hit.key in distinct else "cue"
            marks.append(Mark(hit.start - e.start, hit.end - e.start, classes=cls))
        if tokens:
            for t in tokens:
                lead = len(t.text) - len(t.text.lstrip())  # the space before a token is not part of the change
                if t.kind != EQUAL and t.end > t.start + lead:
                    marks.append(Mark(t.start + lead, t.end, classes=f"d-{t.kind}", title=DIFF_WORDS.get(t.kind, "")))
        body = render_spans(e.text, marks)
        if whole_class:
            body = f'<span class="{whole_class}">{body}</span>'
        before = "…" if e.clipped_before else ""
        after = "…" if e.clipped_after else ""
        about = f' <span class="note">(same article, about {esc(e.about)})</span>' if e.about else ""
        return f"{before}{body}{after}{self.cite(e)}{about}"

    # ------------------------------------------------------------- pieces

    def marker_cell(self, symbol: str, word: str, css: str, anchor: str, extra_anchor: str = "") -> str:
        name = f'<a name="{anchor}">{symbol}</a>' if anchor else symbol
        pre = f'<a name="{extra_anchor}"></a>' if extra_anchor else ""
        return f'<td class="gutter m-{css}" width="28" title="{attr(word)}">{pre}{name}</td>'

    def header_row(self, first: str) -> str:
        width = self.widths()[2]
        cells = "".join(
            f'<th width="{width}" align="left">{esc(s.label)}<br><span class="note">{esc(s.date_words)}</span>'
            + (f"<br>{corrected_mark(s)}" if s.corrected else "")
            + "</th>"
            for s in self.c.subjects
        )
        return f'<thead><tr><th width="28"></th><th width="16%">{esc(first)}</th>{cells}</tr></thead>'

    def widths(self) -> list[str]:
        """Column widths (gutter, label, one per subject): the same in every table of a section."""
        width = max(10, (100 - 18) // self.n)
        return ["28", "16%", *([f"{width}%"] * self.n)]

    def grid(self, first: str, rows: Sequence[Sequence[str]], padding: int = 4, labels: bool = True) -> str:
        """A table of rows (each a list of ``<td…>`` cells: gutter, label, one per subject).

        On screen: one table whose ``<thead>`` repeats. For print: the header, then every row as
        a table of its own with the same column widths, so that a PDF exporter can split a row
        that crosses a page under its repeated label, or move it whole to the next page
        (:mod:`desktop.ui.compare.paginate`). Each printed cell then names its subject in a
        :func:`~desktop.core.compare.html_text.cell_name` line.
        """
        table = f'<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="{padding}">'
        if not self.print:
            body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
            return f"{table}{self.header_row(first)}{body}</table>"
        widths = self.widths()
        out = [table + self.header_row(first).replace("<thead>", "").replace("</thead>", "") + "</table>"]
        for cells in rows:
            fixed = []
            for index, cell in enumerate(cells):
                if "colspan" not in cell and "width=" not in cell.split(">", 1)[0] and index < len(widths):
                    cell = cell.replace("<td", f'<td width="{widths[index]}"', 1)
                if labels and index >= 2 and index - 2 < self.n and "colspan" not in cell:
                    head, _, rest = cell.partition(">")
                    label = esc(self.c.subjects[index - 2].label)
                    cell = f"{head}>{cell_name(label)}{rest}"
                fixed.append(cell)
            out.append(f"{table}<tr>{''.join(fixed)}</tr></table>")
        return "".join(out)

    def legend(self) -> str:
        cells = "".join(
            f'<td class="m-{key}" align="center"><b>{symbol}</b></td><td>{esc(word)}&nbsp;&nbsp;</td>'
            for key, (symbol, word) in FACET_MARKERS.items()
        )
        diff = (
            '<td>&nbsp;Word diffs:&nbsp;<span class="d-inserted">inserted</span> '
            '<span class="d-deleted">deleted</span> <span class="d-changed">changed</span> · '
            '<span class="term-changed">a term that differs</span> · '
            '<span class="outside">(n)</span> mentioned only outside the episode\'s sentences</td>'
        )
        return f'<table class="legend" cellspacing="2" cellpadding="3"><tr>{cells}{diff}</tr></table>'

    def subjects(self) -> str:
        rows = []
        by_number = {c.number: c for c in self.c.citations}
        for s in self.c.subjects:
            cites = subject_sources(s, by_number)
            titles = "; ".join(s.titles) or self.c.empty_text
            mark = f" {corrected_mark(s)}" if s.corrected else ""
            rows.append(
                f"<tr><td><b>{esc(s.label)}</b>{mark}</td><td>{esc(s.date_words)}</td>"
                f"<td>{esc(titles)}</td><td>{cites}</td></tr>"
            )
        return (
            '<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
            "<thead><tr><th>Episode</th><th>When</th><th>As extracted</th><th>Sources</th></tr></thead>"
            + "".join(rows)
            + "</table>"
        )

    def openings(self, extracts: Sequence[cmp.Extract], show) -> str:
        """The first OPENINGS_LISTED extracts as ``show`` writes them; the others by outlet."""
        listed = "; ".join(show(e) for e in extracts[:OPENINGS_LISTED])
        if len(extracts) > OPENINGS_LISTED:
            outlets = by_outlet(self.outlet_of(e.citation) for e in extracts[OPENINGS_LISTED:])
            listed += f"; and {len(extracts) - OPENINGS_LISTED:,} more from {outlets}"
        return listed

    def extracts(
        self, extracts: Sequence[cmp.Extract], distinct: Sequence[str] = (), per_cell: int | None = None
    ) -> str:
        """The first extracts in full, the others by their first words, then one line of references
        to the sentences that other rows show in full."""
        per_cell = self.per_cell if per_cell is None else per_cell
        full = [e for e in extracts if not e.see]
        parts = [f'<p class="extract">{self.extract(e, distinct)}</p>' for e in full[:per_cell]]
        rest = full[per_cell:]
        if rest:
            listed = self.openings(rest, lambda e: f"“{esc(opening(e.text))}”{self.cite(e)}")
            others = "other" if len(rest) == 1 else "others"
            parts.append(f'<p class="extract"><span class="more">and {len(rest):,} {others}: {listed}</span></p>')
        refs = [e for e in extracts if e.see]
        if refs:
            listed = self.openings(
                refs, lambda e: f"“{esc(opening(e.text, REFERENCE_WORDS))}” in {esc(e.see)}{self.cite(e)}"
            )
            parts.append(f'<p class="extract"><span class="ref">Also: {listed}</span></p>')
        return "".join(parts)

    # ------------------------------------------------------------- sections

    def facet_cell(self, row: cmp.FacetRow, cell: cmp.FacetCell) -> str:
        """A cell: its key terms (unless its summary says them), its summary, its extracts."""
        anchor = f'<a name="{cell_anchor(row.id, cell.subject)}"></a>'
        if cell.empty:
            return f'<td>{anchor}<span class="empty">{esc(self.c.empty_text)}</span></td>'
        parts = [anchor]
        summary = cell.summary.lower()
        said = all(t.label.lower() in summary for t in cell.terms)
        if cell.terms and row.kind != "when" and not said:  # the date once: the summary says it
            terms = ", ".join(f'<span class="{term_class(t, cell)}">{esc(t.label)}</span>' for t in cell.terms)
            parts.append(f'<p class="terms">{terms}</p>')
        if cell.summary:
            parts.append(f'<p class="summary">{esc(cell.summary)}</p>')
        parts.append(self.extracts(cell.extracts, cell.distinct))
        return f"<td>{''.join(parts)}</td>"

    def facets(self) -> str:
        rows = []
        for index, row in enumerate(self.c.facets):
            symbol, word = FACET_MARKERS[row.marker]
            css = row.marker
            if row.kind == "when" and row.marker != cmp.NONE:  # dates differ by nature: no difference
                symbol, word, css = WHEN_MARKER
            anchor = self.c.difference_anchor("facet", index)
            note = "" if self.print else dash(row.note)  # on paper the cells mark what differs
            label = f'<td class="facet">{esc(row.label)}<br><span class="note">{symbol} {esc(word)}{note}</span></td>'
            gutter = self.marker_cell(
                symbol, word, css, anchor or f"facet-{row.id}", f"facet-{row.id}" if anchor else ""
            )
            rows.append([gutter, label, *(self.facet_cell(row, cell) for cell in row.cells)])
        return '<h3><a name="facets"></a>Side by side</h3>' + self.grid("Facet", rows)

    def motif_single(self, row: cmp.MotifRow) -> str:
        """A motif of one episode only: a line across the page, not a row of empty columns."""
        subject = next(s for s, cell in enumerate(row.cells) if cell)
        label = esc(self.c.subjects[subject].label)
        body = self.extracts(row.cells[subject]).replace('<p class="extract">', "").replace("</p>", " ")
        body = body.replace('<span class="ref">Also: ', '<span class="ref">', 1) if body.startswith("<span") else body
        return f'<li><p class="extract"><b>{esc(row.label)}</b> <span class="note">({label})</span>: {body}</p></li>'

    def motifs(self) -> str:
        rows, single, absent = [], [], []
        for row in self.c.motifs:
            if row.marker == cmp.NOWHERE:
                absent.append(row.label)
                continue
            if row.marker == cmp.IN_ONE:
                single.append(f'<a name="motif-{row.id}"></a>{self.motif_single(row)}')
                continue
            symbol, word = PRESENCE_MARKERS[row.marker]
            gutter = self.marker_cell(symbol, word, PRESENCE_CLASS[row.marker], f"motif-{row.id}")
            label = (
                f'<td class="facet" title="{attr(row.description)}">{esc(row.label)}<br>'
                f'<span class="note">{symbol} {esc(word)}</span></td>'
            )
            cells = [
                f"<td>{self.extracts(cell, per_cell=1 if self.print else None)}</td>"
                if cell
                else f'<td><span class="empty">{esc(self.c.empty_text)}</span></td>'
                for cell in row.cells
            ]
            rows.append([gutter, label, *cells])
        table = self.grid("Motif", rows) if rows else f'<p class="empty">{esc(self.c.empty_text)}</p>'
        if single:
            table += '<h4 class="unique-head">In one episode only</h4><ul>' + "".join(single) + "</ul>"
        if absent:
            table += f'<p class="note">Not found in any sentence of the sources: {esc(", ".join(absent))}.</p>'
        return '<h3><a name="motifs"></a>Recurring motifs</h3>' + table


def comparison_html(
    comparison: cmp.Comparison,
    analyses: Mapping[str, ArticleAnalysis],
    theme: str = "light",
    *,
    for_print: bool = False,
    sections: Sequence[str] = SECTIONS,
    sides: Mapping[str, SideInfo] | None = None,
    title: str = "Comparison",
) -> str:
    """The comparison as one HTML document for ``QTextDocument`` (view and PDF).

    ``sides`` (``Analyzer.sides()``) gives side names for tooltips and the cast; without
    it the short words of ``facets.yaml`` are used. Unknown section names are ignored.
    """
    r = _Renderer(comparison, analyses, theme, for_print, sides)
    body = [f"<h2>{esc(title)}</h2>", r.legend(), r.subjects()]
    for section in sections:
        if section in SECTIONS:
            body.append(getattr(r, section)())
    body.append(r.sources())
    return (
        '<html><head><meta charset="utf-8"><style type="text/css">'
        + comparison_css(theme, for_print)
        + "</style></head><body>"
        + "".join(body)
        + "</body></html>"
    )


__all__ = ["FACET_MARKERS", "PRESENCE_MARKERS", "SECTIONS", "comparison_html"]
