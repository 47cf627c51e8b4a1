"""Pieces of the comparison's Qt rich text: escaping, nested spans, markers in symbols and words.

Shared by :mod:`desktop.core.compare.html` and :mod:`desktop.core.compare.html_sections`.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence

from desktop.core.compare import records as cmp
from desktop.core.compare.alignment import CHANGED, DELETED, INSERTED
from desktop.core.text.markup import Mark

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
PRESENCE_CLASS = {cmp.IN_ALL: "same", cmp.IN_SOME: "partial", cmp.IN_ONE: "partial", cmp.NOWHERE: "none"}
DIFF_WORDS = {INSERTED: "inserted", DELETED: "deleted", CHANGED: "changed"}

#: Reasons a sentence counts that are no row, in the reader's words.
REASON_WORDS = {"evidence": "from the account of the episode"}
#: The mark of an episode the reader edited, its words, and what a tooltip says of it.
CORRECTED_MARK = "✎"
CORRECTED_WORDS = "corrected by you"
CORRECTED_TIP = "Corrected by you: you renamed, re-dated, merged or split this episode, or moved or made events of it"
#: How many words of a sentence a reference or a short list shows.
OPENING_WORDS = 7


# --------------------------------------------------------------------------- spans


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first words of a sentence, with "…" when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def term_class(term: cmp.Term, cell: cmp.FacetCell) -> str:
    return "term-changed" if term.key in cell.distinct else "term"


def cell_anchor(facet: str, subject: int) -> str:
    """The anchor of a facet cell: ``cell-FACET-S`` (what a summary's ``cells:`` link shows)."""
    return f"cell-{facet}-{subject}"


#: The heading level of the line that names a printed cell's episode or source: ``<h6>``, so
#: that a paginator finds it (and repeats it on a continuation) in Qt's document structure.
CELL_NAME_LEVEL = 6


def cell_name(label_html: str) -> str:
    """The first line of a printed cell: the episode (or source) the cell belongs to."""
    return f'<h{CELL_NAME_LEVEL} class="cell">{label_html}</h{CELL_NAME_LEVEL}>'


def corrected_mark(subject: cmp.Subject, caption: bool = True) -> str:
    """The mark of a subject the reader edited ("" for one as the analysis made it): the pencil,
    with its words when ``caption``, and a tooltip that says what it means."""
    if not subject.corrected:
        return ""
    words = f"{CORRECTED_MARK} {CORRECTED_WORDS}" if caption else CORRECTED_MARK
    return f'<span class="corrected" title="{attr(CORRECTED_TIP)}">{esc(words)}</span>'


def dash(note: str) -> str:
    return f" — {esc(note)}" if note else ""


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def _open(mark: Mark) -> tuple[str, str]:
    attrs = []
    if mark.classes:
        attrs.append(f' class="{attr(mark.classes)}"')
    if mark.style:
        attrs.append(f' style="{attr(mark.style)}"')
    if mark.title:
        attrs.append(f' title="{attr(mark.title)}"')
    if mark.href:
        return f'<a href="{attr(mark.href)}"{"".join(attrs)}>', "</a>"
    return f"<span{''.join(attrs)}>", "</span>"


def render_spans(text: str, marks: Sequence[Mark]) -> str:
    """Plain ``text`` as HTML with ``marks`` (offsets into ``text``) as nested spans/links.

    Marks may overlap: the text is cut at every boundary and each piece is wrapped in the
    marks covering it, the longest outermost (the way :mod:`desktop.core.text.markup` does it).
    Links never nest: inside a link, a further link is drawn as a span.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if not marks:
        return esc(text)
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
        out.append(esc(text[a:b]))
        out.extend(reversed(closes))
    return "".join(out)


__all__ = [
    "CELL_NAME_LEVEL",
    "CORRECTED_MARK",
    "CORRECTED_TIP",
    "CORRECTED_WORDS",
    "DIFF_WORDS",
    "FACET_MARKERS",
    "OPENING_WORDS",
    "PRESENCE_CLASS",
    "PRESENCE_MARKERS",
    "REASON_WORDS",
    "attr",
    "cell_anchor",
    "cell_name",
    "corrected_mark",
    "dash",
    "esc",
    "opening",
    "render_spans",
    "term_class",
]
