"""A :class:`~desktop.core.compare.records.Comparison` as Qt rich text, for the view and the PDF.

Only what ``QTextDocument`` understands: tables with ``border``/``cellpadding`` attributes,
``<thead>`` (repeated on every PDF page), spans with classes, ``<a name>`` anchors and
``<a href>`` links, ``<sup>``; CSS limited to colours, fonts, text decoration, margins and
padding. No JavaScript, no flexbox, no positioning.

Anchors and links a view can use:

* ``<a name="diff-N">`` on the Nth difference (``Comparison.differences[N]``) — a facet row
  that is not the same everywhere, an aligned group with changes, a sentence found in one
  subject only; ``facet-ID``, ``motif-ID``, ``aligned-N``, ``cite-N`` and the section names
  ``facets``, ``cast``, ``motifs``, ``aligned``, ``sources`` are anchors too;
* ``cite:N`` (the numbered source), ``sentence:ARTICLE:START:END`` (the sentence an extract
  comes from), and inside extracts the ``actor:`` and ``date:`` links of
  :func:`desktop.core.annotate.document.annotation_marks`.

Colour is never the only cue: every marker has a symbol and a word, diffs are underlined
(inserted), struck through (deleted) or wavy-underlined (changed) as well as coloured.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping, Sequence

from desktop.core.annotate import palette, timex
from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import Annotated, SideInfo, ViewOptions, annotation_marks, side_info
from desktop.core.compare import records as cmp
from desktop.core.compare.alignment import CHANGED, DELETED, EQUAL, INSERTED
from desktop.core.compare.style import comparison_css
from desktop.core.text.markup import Mark

SECTIONS = ("facets", "cast", "motifs", "aligned")

#: Facet markers as a diff gutter shows them: symbol and word (colour comes from the CSS).
FACET_MARKERS: dict[str, tuple[str, str]] = {
    cmp.SAME: ("=", "same in all"),
    cmp.CHANGED: ("≠", "changed"),
    cmp.PARTIAL: ("◐", "in some only"),
    cmp.NONE: ("∅", "nowhere"),
}
#: Presence markers of cast and motif rows.
PRESENCE_MARKERS: dict[str, tuple[str, str]] = {
    cmp.IN_ALL: ("=", "in all"),
    cmp.IN_SOME: ("◐", "in some"),
    cmp.IN_ONE: ("◔", "in one only"),
    cmp.NOWHERE: ("∅", "nowhere"),
}
#: Which facet-marker colour a presence marker borrows.
_PRESENCE_CLASS = {cmp.IN_ALL: "same", cmp.IN_SOME: "partial", cmp.IN_ONE: "partial", cmp.NOWHERE: "none"}
DIFF_WORDS = {INSERTED: "inserted", DELETED: "deleted", CHANGED: "changed"}

#: How many extracts a cell shows (the rest is counted); print keeps rows short.
SCREEN_EXTRACTS, PRINT_EXTRACTS = 3, 2


# --------------------------------------------------------------------------- spans


def _term_class(term: cmp.Term, cell: cmp.FacetCell) -> str:
    return "term-changed" if term.key in cell.distinct else "term"


def _dash(note: str) -> str:
    return f" — {_esc(note)}" if note else ""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _open(mark: Mark) -> tuple[str, str]:
    attrs = []
    if mark.classes:
        attrs.append(f' class="{_attr(mark.classes)}"')
    if mark.style:
        attrs.append(f' style="{_attr(mark.style)}"')
    if mark.title:
        attrs.append(f' title="{_attr(mark.title)}"')
    if mark.href:
        return f'<a href="{_attr(mark.href)}"{"".join(attrs)}>', "</a>"
    return f"<span{''.join(attrs)}>", "</span>"


def render_spans(text: str, marks: Sequence[Mark]) -> str:
    """Plain ``text`` as HTML with ``marks`` (offsets into ``text``) as nested spans/links.

    Marks may overlap: the text is cut at every boundary and each piece is wrapped in the
    marks covering it, the longest outermost (the way :mod:`desktop.core.text.markup` does it).
    Links never nest: inside a link, a further link is drawn as a span.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not marks:
        return _esc(text)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = sorted(
            (m for m in marks if m.start <= a and m.end >= b), key=lambda m: (-(m.end - m.start), m.start)
        )
        closes = []
        linked = False
        for mark in covering:
            if mark.href and linked:
                mark = Mark(mark.start, mark.end, mark.classes, mark.style, mark.title)
            linked = linked or bool(mark.href)
            opening, closing = _open(mark)
            out.append(opening)
            closes.append(closing)
        out.append(_esc(text[a:b]))
        out.extend(reversed(closes))
    return "".join(out)


class _Renderer:
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

    def extract(self, e: cmp.Extract, distinct: Sequence[str] = (), tokens=None, whole_class: str = "") -> str:
        """An extract with its annotations, cue hits, diff tokens, citation and sentence link."""
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
        cite = f'<sup class="cite">[{e.citation}]</sup>'
        if not self.print:
            cite = f'<sup class="cite"><a class="cite" href="{e.cite_href}">[{e.citation}]</a></sup>'
            cite += f' <a class="goto" href="{_attr(e.href)}" title="Show the sentence in its article">↗</a>'
        return f"{before}{body}{after}{cite}"

    # ------------------------------------------------------------- pieces

    def marker_cell(self, symbol: str, word: str, css: str, anchor: str, extra_anchor: str = "") -> str:
        name = f'<a name="{anchor}">{symbol}</a>' if anchor else symbol
        pre = f'<a name="{extra_anchor}"></a>' if extra_anchor else ""
        return f'<td class="gutter m-{css}" width="28" title="{_attr(word)}">{pre}{name}</td>'

    def header_row(self, first: str) -> str:
        width = self.widths()[2]
        cells = "".join(
            f'<th width="{width}" align="left">{_esc(s.label)}<br><span class="note">{_esc(s.date_words)}</span></th>'
            for s in self.c.subjects
        )
        return f'<thead><tr><th width="28"></th><th width="16%">{_esc(first)}</th>{cells}</tr></thead>'

    def widths(self) -> list[str]:
        """Column widths (gutter, label, one per subject): the same in every table of a section."""
        width = max(10, (100 - 18) // self.n)
        return ["28", "16%", *([f"{width}%"] * self.n)]

    def grid(self, first: str, rows: Sequence[Sequence[str]], padding: int = 4, labels: bool = True) -> str:
        """A table of rows (each a list of ``<td…>`` cells: gutter, label, one per subject).

        On screen: one table whose ``<thead>`` repeats. For print: the header, then every row as
        a table of its own with the same column widths, so that a PDF exporter can move a row
        that would straddle a page to the next one (``page-break-before`` on that table; Qt
        splits table rows across pages otherwise). Each printed cell then names its subject.
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
                    label = _esc(self.c.subjects[index - 2].label)
                    cell = f'{head}><span class="note">{label}</span><br>{rest}'
                fixed.append(cell)
            out.append(f"{table}<tr>{''.join(fixed)}</tr></table>")
        return "".join(out)

    def legend(self) -> str:
        cells = "".join(
            f'<td class="m-{key}" align="center"><b>{symbol}</b></td><td>{_esc(word)}&nbsp;&nbsp;</td>'
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
        for s in self.c.subjects:
            cites = ", ".join(f"[{n}]" for n in s.citations) or "no source"
            titles = "; ".join(s.titles) or self.c.empty_text
            rows.append(
                f"<tr><td><b>{_esc(s.label)}</b></td><td>{_esc(s.date_words)}</td>"
                f"<td>{_esc(titles)}</td><td>{cites}</td></tr>"
            )
        return (
            '<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
            "<thead><tr><th>Episode</th><th>When</th><th>As extracted</th><th>Sources</th></tr></thead>"
            + "".join(rows)
            + "</table>"
        )

    def extracts(self, extracts: Sequence[cmp.Extract], distinct: Sequence[str] = ()) -> str:
        shown = extracts[: self.per_cell]
        parts = [f'<p class="extract">{self.extract(e, distinct)}</p>' for e in shown]
        if len(extracts) > len(shown):
            parts.append(f'<p class="extract"><span class="more">+{len(extracts) - len(shown)} more</span></p>')
        return "".join(parts)

    # ------------------------------------------------------------- sections

    def facets(self) -> str:
        rows = []
        for index, row in enumerate(self.c.facets):
            symbol, word = FACET_MARKERS[row.marker]
            anchor = self.c.difference_anchor("facet", index)
            cells = []
            for cell in row.cells:
                if cell.empty:
                    cells.append(f'<td><span class="empty">{_esc(self.c.empty_text)}</span></td>')
                    continue
                parts = []
                if cell.terms:
                    terms = ", ".join(
                        f'<span class="{_term_class(t, cell)}">{_esc(t.label)}</span>' for t in cell.terms
                    )
                    parts.append(f'<p class="terms">{terms}</p>')
                if cell.summary:
                    parts.append(f'<p class="summary">{_esc(cell.summary)}</p>')
                parts.append(self.extracts(cell.extracts, cell.distinct))
                cells.append(f"<td>{''.join(parts)}</td>")
            label = (
                f'<td class="facet">{_esc(row.label)}<br>'
                f'<span class="note">{symbol} {_esc(word)}{_dash(row.note)}</span></td>'
            )
            gutter = self.marker_cell(
                symbol, word, row.marker, anchor or f"facet-{row.id}", f"facet-{row.id}" if anchor else ""
            )
            rows.append([gutter, label, *cells])
        return '<h3><a name="facets"></a>Side by side</h3>' + self.grid("Facet", rows)

    def cast(self) -> str:
        rows = []
        side = None
        for row in self.c.cast:
            if row.side != side:
                side = row.side
                info = side_info(self.sides, side) if self.sides else None
                label = info.label if info else self.c.side_words.get(side, side)
                chip = palette.css_class(palette.side_token(side))
                rows.append([f'<td colspan="{self.n + 2}"><span class="{chip}">&nbsp;{_esc(label)}&nbsp;</span></td>'])
            symbol, word = PRESENCE_MARKERS[row.marker]
            gutter = self.marker_cell(symbol, word, _PRESENCE_CLASS[row.marker], "")
            role = f'<br><span class="note">{_esc(row.role)}</span>' if row.role else ""
            name = f"{_esc(row.name)}{role}"
            counts = []
            for inside, outside in zip(row.counts, row.outside, strict=True):
                if inside:
                    counts.append(f'<td align="center">{inside}</td>')
                elif outside:
                    counts.append(f'<td align="center"><span class="outside">({outside})</span></td>')
                else:
                    counts.append('<td align="center"><span class="empty">—</span></td>')
            rows.append([gutter, f"<td>{name}</td>", *counts])
        return (
            '<h3><a name="cast"></a>Cast</h3>'
            '<p class="note">Mentions in each episode\'s sentences; (n): mentioned only elsewhere in its '
            "source article; —: absent.</p>" + self.grid("Actor", rows, padding=3, labels=False)
        )

    def motifs(self) -> str:
        rows = []
        absent = []
        for row in self.c.motifs:
            if row.marker == cmp.NOWHERE:
                absent.append(row.label)
                continue
            symbol, word = PRESENCE_MARKERS[row.marker]
            gutter = self.marker_cell(symbol, word, _PRESENCE_CLASS[row.marker], f"motif-{row.id}")
            label = (
                f'<td class="facet" title="{_attr(row.description)}">{_esc(row.label)}<br>'
                f'<span class="note">{symbol} {_esc(word)}</span></td>'
            )
            cells = [
                f"<td>{self.extracts(cell)}</td>"
                if cell
                else f'<td><span class="empty">{_esc(self.c.empty_text)}</span></td>'
                for cell in row.cells
            ]
            rows.append([gutter, label, *cells])
        missing = f'<p class="note">Not found in any of the sources: {_esc(", ".join(absent))}.</p>' if absent else ""
        table = self.grid("Motif", rows) if rows else f'<p class="empty">{_esc(self.c.empty_text)}</p>'
        return '<h3><a name="motifs"></a>Recurring motifs</h3>' + table + missing

    def aligned_cell(self, group: cmp.AlignedGroup, member: cmp.Extract | None, tokens) -> str:
        """One subject's sentence of an aligned group: a word diff, or the whole sentence."""
        if member is None:
            return '<td><span class="empty">— no similar sentence</span></td>'
        if group.diffable:
            return f'<td><p class="extract">{self.extract(member, tokens=tokens)}</p></td>'
        return f'<td><p class="extract">{self.extract(member, whole_class="d-whole")}</p></td>'

    def aligned_row(self, group: cmp.AlignedGroup) -> list[str]:
        anchor = self.c.difference_anchor("aligned", group.index)
        marker = cmp.CHANGED if group.changed else cmp.SAME
        symbol, word = FACET_MARKERS[marker]
        how = (
            f"word overlap {round(group.ratio * 100)}%"
            if group.diffable
            else "too different for a word diff: whole sentences compared"
        )
        label = (
            f'<td class="facet">Aligned {group.index + 1}<br>'
            f'<span class="note">{symbol} {_esc(word)}'
            f"{_dash(f'similarity {group.similarity:.2f}; {how}')}</span></td>"
        )
        cells = [
            self.aligned_cell(group, member, tokens) for member, tokens in zip(group.members, group.tokens, strict=True)
        ]
        gutter = self.marker_cell(
            symbol,
            word,
            marker,
            anchor or f"aligned-{group.index}",
            f"aligned-{group.index}" if anchor else "",
        )
        return [gutter, label, *cells]

    def unique_row(self, item: cmp.UniqueSentence) -> list[str]:
        symbol, _word = FACET_MARKERS[cmp.PARTIAL]
        anchor = self.c.difference_anchor("unique", item.index)
        reasons = ", ".join(self.reason_words(r) for r in item.reasons)
        cells = [
            f'<td><p class="extract">{self.extract(item.extract)}</p></td>'
            if s == item.extract.subject
            else "<td></td>"
            for s in range(self.n)
        ]
        label = f'<td class="facet"><span class="note">{symbol} only here — {_esc(reasons)}</span></td>'
        gutter = self.marker_cell(symbol, "only in one", "partial", anchor)
        return [gutter, label, *cells]

    def unique_lists(self) -> list[str]:
        """On paper, a list per episode: the empty columns of the grid would waste pages."""
        parts = ['<h3><a name="unique"></a>Found in one episode only</h3>']
        for subject in range(self.n):
            items = [u for u in self.c.unique if u.extract.subject == subject]
            if not items:
                continue
            parts.append(f'<p class="unique-head"><b>{_esc(self.c.subjects[subject].label)}</b></p><ul>')
            for item in items:
                reasons = ", ".join(self.reason_words(r) for r in item.reasons)
                parts.append(
                    f'<li><p class="extract">{self.extract(item.extract)} '
                    f'<span class="note">— {_esc(reasons)}</span></p></li>'
                )
            parts.append("</ul>")
        return parts

    def aligned(self) -> str:
        rows = [self.aligned_row(group) for group in self.c.aligned]
        unique_rows = [self.unique_row(item) for item in self.c.unique]
        parts = ['<h3><a name="aligned"></a>Aligned sentences</h3>']
        if rows:
            parts.append(self.grid("Group", rows))
        else:
            parts.append('<p class="empty">No sentences are similar enough to align.</p>')
        if unique_rows and self.print:
            parts.extend(self.unique_lists())
        elif unique_rows:
            parts.append(
                '<h3><a name="unique"></a>Found in one episode only</h3>' + self.grid("Why it counts", unique_rows)
            )
        return "".join(parts)

    def reason_words(self, reason: str) -> str:
        kind, _, key = reason.partition(":")
        if kind == "facet":
            row = self.c.facet(key)
            return row.label if row else key
        if kind == "motif":
            row = self.c.motif(key)
            return f"motif: {row.label}" if row else key
        return reason

    def sources(self) -> str:
        items = []
        for c in self.c.citations:
            url = ""
            if c.url:
                url = f" {_esc(c.url)}" if self.print else f' <a href="{_attr(c.url)}">{_esc(c.url)}</a>'
            approx = " (date approximate)" if c.approximate else ""
            items.append(
                f'<p class="source"><a name="cite-{c.number}"></a>[{c.number}] {_esc(c.outlet)}, '
                f"“{_esc(c.title)}”, {_esc(c.published)}{approx}.{url}</p>"
            )
        return '<h3><a name="sources"></a>Sources</h3>' + "".join(items)


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
    body = [f"<h2>{_esc(title)}</h2>", r.legend(), r.subjects()]
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


__all__ = [
    "FACET_MARKERS",
    "PRESENCE_MARKERS",
    "SECTIONS",
    "comparison_html",
    "render_spans",
]
