"""A :class:`~desktop.core.compare.coverage.Coverage` as Qt rich text, for the view and the PDF.

The same rules as :mod:`desktop.core.compare.html` (tables with attributes, spans with classes,
no scripts or positioning) and the same style sheet (:func:`~desktop.core.compare.style.comparison_css`).
One column per source, headed by its outlet, kind of outlet and date; a row per question of
the coverage (what happened, names, words, quotes, dates, what it leaves out), then the
sources' sentences aligned across columns with word diffs.

Links a view can use: ``sentence:ARTICLE:START:END`` (a sentence or a span of a source's
article) and ``cite:N`` (the Nth column's source). Anchors: ``rows``, ``aligned``, ``sources``,
``row-ID``, ``aligned-N``, ``cite-N``.

:func:`episode_coverage` resolves an episode id to its coverage for the window, the PDF and
the command line; it raises :class:`~desktop.core.compare.handout.UnknownEpisodes` or
:class:`TooFewSources`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from desktop.core.compare import coverage as cov
from desktop.core.compare.alignment import EQUAL
from desktop.core.compare.handout import UnknownEpisodes
from desktop.core.compare.html import DIFF_WORDS, render_spans
from desktop.core.compare.html_text import cell_name
from desktop.core.compare.records import AlignedGroup, Extract
from desktop.core.compare.style import comparison_css
from desktop.core.text.markup import Mark

#: How many items a cell lists on screen and on paper; the rest are named in a closing line.
SCREEN_ITEMS, PRINT_ITEMS = 12, 8


class TooFewSources(ValueError):
    """The episode has fewer than two analysed source articles: there is nothing to set side by side."""

    def __init__(self, episode_id: str, count: int) -> None:
        self.episode_id = episode_id
        self.count = count
        super().__init__(
            f"episode {episode_id} has {count} source article{'s' if count != 1 else ''}; "
            f"coverage needs at least {cov.MIN_SOURCES}"
        )


def source_count(episode, analyses: Mapping) -> int:
    """How many analysed source articles ``episode`` has."""
    return len(set(episode.articles) & set(analyses))


def episode_coverage(episode_set, analyses: Mapping, episode_id: str, *, outlets=None) -> cov.Coverage:
    """The coverage of the episode ``episode_id``; raises UnknownEpisodes or TooFewSources."""
    episode = episode_set.get(episode_id)
    if episode is None:
        raise UnknownEpisodes([episode_id], [e.id for e in episode_set.episodes])
    result = cov.coverage(episode, analyses, outlets=outlets)
    if result is None:
        raise TooFewSources(episode_id, source_count(episode, analyses))
    return result


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def column_heading(column: cov.Column) -> tuple[str, str, str]:
    """(outlet, kind, date) of a column, as shown above it."""
    return column.outlet, column.kind, column.published


class _Renderer:
    def __init__(self, coverage: cov.Coverage, for_print: bool) -> None:
        self.c = coverage
        self.print = for_print
        self.n = len(coverage.columns)
        self.per_cell = PRINT_ITEMS if for_print else SCREEN_ITEMS

    # ------------------------------------------------------------- pieces

    def link(self, article: str, span: tuple[int, int], body: str) -> str:
        if self.print:
            return body
        start, end = span
        return f'<a href="sentence:{_attr(article)}:{start}:{end}" title="Show it in the article">{body}</a>'

    def widths(self) -> list[str]:
        width = max(10, (100 - 16) // self.n)
        return ["28", "16%", *([f"{width}%"] * self.n)]

    def header(self, first: str) -> str:
        width = self.widths()[2]
        cells = []
        for column in self.c.columns:
            outlet, kind, date = column_heading(column)
            cells.append(
                f'<th width="{width}" align="left">[{column.index + 1}] {_esc(outlet)}<br>'
                f'<span class="note">{_esc(kind)} · {_esc(date)}</span></th>'
            )
        return f'<tr><th width="28"></th><th width="16%" align="left">{_esc(first)}</th>{"".join(cells)}</tr>'

    def grid(self, rows: Sequence[Sequence[str]], first: str = "Question") -> str:
        """Rows of cells (gutter, label, one per column); on paper, each row a table of its own."""
        table = '<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
        if not self.print:
            body = "".join(f"<tr>{''.join(cells)}</tr>" for cells in rows)
            return f"{table}<thead>{self.header(first)}</thead>{body}</table>"
        widths = self.widths()
        out = [f"{table}{self.header(first)}</table>"]
        for cells in rows:
            fixed = [
                cell.replace("<td", f'<td width="{widths[i]}"', 1) if i < len(widths) else cell
                for i, cell in enumerate(cells)
            ]
            out.append(f"{table}<tr>{''.join(fixed)}</tr></table>")
        return "".join(out)

    def gutter(self, differs: bool, anchor: str) -> str:
        symbol, word, css = ("≠", "differs", "changed") if differs else ("=", "same in all", "same")
        return f'<td class="gutter m-{css}" width="28" title="{word}"><a name="{_attr(anchor)}">{symbol}</a></td>'

    # ------------------------------------------------------------- items

    def sentence(self, row: cov.Row, column: cov.Column, item: cov.Item) -> str:
        """What happened or who is quoted: the sentence itself, linked to the article."""
        body = _esc(" ".join(item.text.split()))
        if item.spans:
            body = self.link(column.article, item.spans[0], body)
        note = item.label if row.kind == cov.QUOTES else item.detail
        if row.kind == cov.QUOTES and item.detail:
            note = f"{note}: {item.detail}"
        return f'<p class="extract">{body} <span class="note">— {_esc(note)}</span></p>'

    def term(self, row: cov.Row, column: cov.Column, item: cov.Item, shared: frozenset[str]) -> str:
        """A word, name or date the source uses, marked when not every source uses it."""
        css = "term" if item.key in shared or row.kind == cov.LEAVES_OUT else "term-changed"
        label = f'<span class="{css}">{_esc(item.label)}</span>'
        if item.spans:
            label = self.link(column.article, item.spans[0], label)
        if row.kind == cov.LEAVES_OUT:
            by = ", ".join(f"[{i + 1}]" for i in item.by)
            return f'{label} <span class="note">{by}</span>'
        return f'{label} <span class="note">×{item.count}</span>' if item.count > 1 else label

    def cell(self, row: cov.Row, cell: cov.Cell, shared: frozenset[str]) -> str:
        column = self.c.columns[cell.column]
        head = cell_name(f"[{column.index + 1}] {_esc(column.outlet)}") if self.print else ""
        if not cell.items:
            empty = "nothing left out" if row.kind == cov.LEAVES_OUT else "not stated"
            return f'<td>{head}<span class="empty">{empty}</span></td>'
        shown = cell.items[: self.per_cell]
        rest = cell.items[len(shown) :]
        more = ""
        if rest:
            names = "; ".join(i.label for i in rest)
            others = "other" if len(rest) == 1 else "others"
            more = f'<span class="more">and {len(rest)} {others}: {_esc(names)}</span>'
        if row.kind in (cov.HAPPENED, cov.QUOTES) and all(i.text for i in shown):
            parts = "".join(self.sentence(row, column, item) for item in shown)
            return f"<td>{head}{parts}{f'<p class=terms>{more}</p>' if more else ''}</td>"
        terms = " · ".join(self.term(row, column, item, shared) for item in shown)
        return f'<td>{head}<p class="terms">{terms}{" · " + more if more else ""}</p></td>'

    def question_row(self, row: cov.Row) -> list[str]:
        filled = [c.keys for c in row.cells if c.items]
        shared = frozenset.intersection(*filled) if len(filled) == self.n else frozenset()
        if row.kind == cov.LEAVES_OUT:
            shared = frozenset()
        hint = {
            cov.NAMES: "the words for this actor",
            cov.WORDS: "the words it uses",
            cov.LEAVES_OUT: "stated by the sources [n] only",
        }.get(row.kind, "")
        note = f'<br><span class="note">{_esc(hint)}</span>' if hint else ""
        label = f'<td class="facet">{_esc(row.label)}{note}</td>'
        cells = [self.cell(row, cell, shared) for cell in row.cells]
        return [self.gutter(row.differs, f"row-{row.id}"), label, *cells]

    # ------------------------------------------------------------- aligned

    def extract(self, e: Extract, tokens) -> str:
        marks = []
        for t in tokens or ():
            lead = len(t.text) - len(t.text.lstrip())
            if t.kind != EQUAL and t.end > t.start + lead:
                marks.append(Mark(t.start + lead, t.end, classes=f"d-{t.kind}", title=DIFF_WORDS.get(t.kind, "")))
        body = render_spans(e.text, marks)
        return self.link(e.article, e.sentence, body) if not self.print else body

    def aligned_row(self, group: AlignedGroup) -> list[str]:
        cells = []
        for column, member, tokens in zip(self.c.columns, group.members, group.tokens, strict=True):
            head = cell_name(f"[{column.index + 1}] {_esc(column.outlet)}") if self.print else ""
            if member is None:
                cells.append(f'<td>{head}<span class="empty">— no similar sentence</span></td>')
                continue
            cells.append(f'<td>{head}<p class="extract">{self.extract(member, tokens)}</p></td>')
        how = f"word overlap {round(group.ratio * 100)}%" if group.diffable else "whole sentences compared"
        label = f'<td class="facet">Aligned {group.index + 1}<br><span class="note">{_esc(how)}</span></td>'
        return [self.gutter(group.changed, f"aligned-{group.index}"), label, *cells]

    # ------------------------------------------------------------- sections

    def sources(self) -> str:
        rows = []
        for column in self.c.columns:
            number = column.index + 1
            url = ""
            if column.url:
                url = _esc(column.url) if self.print else f'<a href="{_attr(column.url)}">{_esc(column.url)}</a>'
                url = f'<br><span class="note">{url}</span>'
            rows.append(
                f'<tr><td><a name="cite-{number}"></a>[{number}]</td><td><b>{_esc(column.outlet)}</b></td>'
                f"<td>{_esc(column.kind)}</td><td>{_esc(column.published)}</td>"
                f"<td>{_esc(column.title)}{url}</td></tr>"
            )
        return (
            '<h3><a name="sources"></a>Sources</h3>'
            '<table class="grid" width="100%" border="1" cellspacing="0" cellpadding="4">'
            "<thead><tr><th></th><th>Outlet</th><th>Kind of outlet</th><th>Date</th><th>Article</th></tr></thead>"
            + "".join(rows)
            + "</table>"
        )

    def body(self) -> list[str]:
        differs = sum(1 for r in self.c.rows if r.differs)
        intro = (
            f'<p class="note">{_plural(self.n, "source")} of one episode, side by side: '
            f"{differs} of {len(self.c.rows)} questions answered differently. "
            '<span class="term-changed">A term that not every source uses</span> is marked; '
            'aligned sentences show word diffs: <span class="d-inserted">inserted</span> '
            '<span class="d-deleted">deleted</span> <span class="d-changed">changed</span>.</p>'
        )
        parts = [intro, self.sources(), '<h3><a name="rows"></a>How each source tells it</h3>']
        parts.append(self.grid([self.question_row(r) for r in self.c.rows]))
        parts.append('<h3><a name="aligned"></a>Aligned sentences</h3>')
        if self.c.aligned:
            parts.append(self.grid([self.aligned_row(g) for g in self.c.aligned], "Sentences"))
        else:
            parts.append('<p class="empty">No sentences are similar enough to align.</p>')
        return parts


def coverage_html(coverage: cov.Coverage, theme: str = "light", *, for_print: bool = False, title: str = "") -> str:
    """The coverage as one HTML document for ``QTextDocument`` (view and PDF)."""
    r = _Renderer(coverage, for_print)
    heading = title or f"Coverage: {coverage.title}"
    return (
        '<html><head><meta charset="utf-8"><style type="text/css">'
        + comparison_css(theme, for_print)
        + "</style></head><body>"
        + f"<h2>{_esc(heading)}</h2>"
        + "".join(r.body())
        + "</body></html>"
    )


def coverage_subjects(coverage: cov.Coverage) -> str:
    """The sources in one line (a running header): "BelNews Agency · Nasha Volya · …"."""
    return " · ".join(c.outlet for c in coverage.columns)


__all__ = [
    "PRINT_ITEMS",
    "SCREEN_ITEMS",
    "TooFewSources",
    "column_heading",
    "coverage_html",
    "coverage_subjects",
    "episode_coverage",
    "source_count",
]
