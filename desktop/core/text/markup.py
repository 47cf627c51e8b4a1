"""Markdown bodies as plain text and as HTML with marked spans, from one parse.

The plain text of an article is what its rendered blocks say, block after block
(``"\\n\\n"`` between blocks, ``"\\n"`` between items of one list). Analysis offsets
index that text; :func:`render_html` walks the same tree in the same order and wraps
the marked ranges in ``<span>`` elements (a python-markdown tree-processor over text
nodes, the way ReText's ``mdx_posmap`` maps positions), so highlighting always lands
on the characters the engine found.

Raw HTML and entities in articles are shown as text: an article is prose, not markup.
"""

from __future__ import annotations

import itertools
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

_CONTAINERS = {"ul", "ol", "blockquote", "div", "dl", "table", "thead", "tbody", "tr"}
_LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "li", "dt", "dd", "td", "th"}
_BLOCKS = _CONTAINERS | _LEAVES | {"hr"}


@dataclass(frozen=True, slots=True)
class Mark:
    """A range of the plain text to wrap in a span.

    ``classes`` become the span's class (styled by the document style sheet), ``style``
    an inline style, ``title`` its tooltip, ``href`` makes it a link, ``anchor`` puts a
    named anchor at its start (for ``scrollToAnchor``). Marks may overlap; the longer one
    is the outer span.
    """

    start: int
    end: int
    classes: str = ""
    style: str = ""
    title: str = ""
    href: str = ""
    anchor: str = ""
    suffix: str = ""  # small text after the span (a side code, a citation number)
    suffix_class: str = ""


@dataclass(slots=True)
class _Slot:
    """A piece of text in the tree: ``elem.text`` or ``elem.tail``."""

    elem: ET.Element
    parent: ET.Element | None
    is_tail: bool
    start: int
    end: int


@dataclass(slots=True)
class _Walk:
    text_parts: list[str] = field(default_factory=list)
    slots: list[_Slot] = field(default_factory=list)
    pos: int = 0
    blocks: list[tuple[int, int]] = field(default_factory=list)

    def add(self, s: str) -> None:
        self.text_parts.append(s)
        self.pos += len(s)


def _leaf_blocks(elem: ET.Element) -> Iterator[tuple[ET.Element, str]]:
    """Yield the leaf blocks of a tree with the separator that goes before each."""
    for child in elem:
        tag = child.tag
        if tag in _CONTAINERS or (tag == "li" and any(c.tag in _BLOCKS for c in child)):
            if tag == "li" and (child.text or "").strip():
                yield child, "\n"  # a loose item's own text, before its nested blocks
            yield from _leaf_blocks(child)
        elif tag in _LEAVES:
            yield child, "\n" if tag in ("li", "dd", "td", "th") else "\n\n"


def _walk_inline(elem: ET.Element, parent: ET.Element | None, walk: _Walk) -> None:
    if elem.text:
        walk.slots.append(_Slot(elem, parent, False, walk.pos, walk.pos + len(elem.text)))
        walk.add(elem.text)
    for child in elem:
        if child.tag in _BLOCKS:
            continue  # nested blocks are visited as leaf blocks of their own
        _walk_inline(child, elem, walk)
        if child.tail:
            walk.slots.append(_Slot(child, elem, True, walk.pos, walk.pos + len(child.tail)))
            walk.add(child.tail)


def _walk_tree(root: ET.Element) -> _Walk:
    walk = _Walk()
    previous_tag = None
    for block, sep in _leaf_blocks(root):
        if walk.text_parts:
            walk.add("\n" if sep == "\n" and previous_tag == block.tag else "\n\n")
        start = walk.pos
        _walk_inline(block, None, walk)
        walk.blocks.append((start, walk.pos))
        previous_tag = block.tag
    return walk


_local = threading.local()


def _engine():
    """A python-markdown instance per thread (imported on first use, not at start-up)."""
    engine = getattr(_local, "engine", None)
    if engine is None:
        import markdown
        from markdown.treeprocessors import Treeprocessor

        class _Capture(Treeprocessor):
            """Runs last: records the finished tree and applies the marks asked for."""

            marks: Sequence[Mark] = ()
            walk: _Walk | None = None

            def run(self, root: ET.Element) -> None:
                self.walk = _walk_tree(root)
                if self.marks:
                    _apply_marks(self.walk, self.marks)

        md = markdown.Markdown(extensions=[], output_format="html")
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")
        capture = _Capture(md)
        md.treeprocessors.register(capture, "overtures-capture", -100)
        engine = _local.engine = (md, capture)
    return engine


#: A paragraph with more opening brackets than this is shown verbatim (as a code block):
#: python-markdown's link pattern rescans the rest of the paragraph for every '[', and its
#: escapes re-scan the paragraph too (both quadratic), so a hostile "[[[[…" of a few thousand
#: would freeze the reader for seconds. Its plain text stays the same.
MAX_BRACKETS_PER_PARAGRAPH = 64
#: Lists and quotes nested deeper than this on one line are read as text: python-markdown
#: recurses once per level and a line of "- - - - …" would exhaust Python's stack.
MAX_NESTED_MARKERS = 8
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t]*\n)")
_DEEP_LINE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+>]|\d{1,9}[.)])(?=(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+){"
    + str(MAX_NESTED_MARKERS)
    + "})",
    re.M,
)


def _escape_marker(match: re.Match[str]) -> str:
    marker = match["marker"]
    escaped = f"{marker[:-1]}\\{marker[-1]}" if marker[0].isdigit() else f"\\{marker}"
    return match["indent"] + escaped


def _verbatim(paragraph: str) -> str:
    return "\n".join("    " + line.strip() for line in paragraph.split("\n"))


def _defuse(body: str) -> str:
    """``body`` with what would freeze or crash python-markdown read as text: bracket-flooded
    paragraphs shown verbatim, the first marker of too deeply nested lines escaped."""
    if body.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
        body = "".join(
            _verbatim(part) if part.count("[") > MAX_BRACKETS_PER_PARAGRAPH else part
            for part in _PARAGRAPH_BREAK.split(body)
        )
    return _DEEP_LINE.sub(_escape_marker, body)


def _convert(body: str, marks: Sequence[Mark]) -> tuple[str, _Walk]:
    md, capture = _engine()
    capture.marks = marks
    try:
        html = md.reset().convert(_defuse(body))
    finally:
        capture.marks = ()
    assert capture.walk is not None
    return html, capture.walk


@lru_cache(maxsize=256)
def plain_text(body: str) -> str:
    """The plain text of a Markdown body: what analysis reads and offsets index."""
    return "".join(_convert(body, ())[1].text_parts)


@lru_cache(maxsize=256)
def block_spans(body: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each block (paragraph, heading, list item) in the plain text."""
    return tuple(_convert(body, ())[1].blocks)


def render_html(body: str, marks: Sequence[Mark] = ()) -> str:
    """The body as an HTML fragment, with ``marks`` (plain-text offsets) wrapped in spans."""
    return _convert(body, sorted(marks, key=lambda m: (m.start, -m.end)))[0]


# --------------------------------------------------------------------------- marking


def _span_for(mark: Mark) -> ET.Element:
    el = ET.Element("a", {"href": mark.href}) if mark.href else ET.Element("span")
    if mark.classes:
        el.set("class", mark.classes)
    if mark.style:
        el.set("style", mark.style)
    if mark.title:
        el.set("title", mark.title)
    return el


def _pieces(slot_text: str, start: int, marks: Sequence[Mark]) -> list[tuple[str, list[Mark]]]:
    """Cut a slot's text at every mark boundary; each piece carries the marks covering it."""
    end = start + len(slot_text)
    cuts = {start, end}
    active = [m for m in marks if m.start < end and m.end > start]
    if not active:
        return [(slot_text, [])]
    for m in active:
        cuts.add(min(max(m.start, start), end))
        cuts.add(min(max(m.end, start), end))
    points = sorted(cuts)
    # A sweep: the marks covering a piece are those begun by its start and not ended before its
    # end (every boundary is a cut, so a mark covers a piece whole or not at all). Linear in the
    # pieces, not pieces × marks: a paragraph of 10,000 dates has 20,000 pieces.
    by_start = sorted(active, key=lambda m: m.start)
    upcoming = 0
    running: list[Mark] = []
    pieces = []
    for a, b in itertools.pairwise(points):
        while upcoming < len(by_start) and by_start[upcoming].start <= a:
            running.append(by_start[upcoming])
            upcoming += 1
        running = [m for m in running if m.end >= b]
        covering = sorted(running, key=lambda m: (-(m.end - m.start), m.start))
        pieces.append((slot_text[a - start : b - start], covering))
    return pieces


def _nested_spans(covering: list[Mark], text: str) -> ET.Element:
    """One span per covering mark, the widest outermost; the innermost holds ``text``."""
    outer: ET.Element | None = None
    inner: ET.Element | None = None
    for mark in covering:
        el = _span_for(mark)
        if outer is None:
            outer = el
        else:
            assert inner is not None
            inner.append(el)
        inner = el
    assert outer is not None and inner is not None
    inner.text = text
    return outer


def _suffixes(covering: list[Mark], end: int) -> list[ET.Element]:
    """The ``<sup>`` suffixes of the marks that end at ``end``, innermost first."""
    sups = []
    for mark in reversed(covering):
        if mark.suffix and mark.end == end:
            sup = ET.Element("sup", {"class": mark.suffix_class} if mark.suffix_class else {})
            sup.text = mark.suffix
            sups.append(sup)
    return sups


def _build_nodes(pieces: list[tuple[str, list[Mark]]], slot_start: int) -> tuple[str, list[ET.Element]]:
    """Turn pieces into (leading text, [elements with tails])."""
    lead = ""
    nodes: list[ET.Element] = []
    pos = slot_start
    for text, covering in pieces:
        if not covering:
            if nodes:
                nodes[-1].tail = (nodes[-1].tail or "") + text
            else:
                lead += text
            pos += len(text)
            continue
        outer = _nested_spans(covering, text)
        # Anchors and suffixes belong to the first/last piece of their mark.
        nodes.extend(ET.Element("a", {"name": mark.anchor}) for mark in covering if mark.anchor and mark.start == pos)
        nodes.append(outer)
        nodes.extend(_suffixes(covering, pos + len(text)))
        pos += len(text)
    return lead, nodes


def _apply_marks(walk: _Walk, marks: Sequence[Mark]) -> None:
    # Marks are sorted by start; slots are in text order. Sweep both.
    index = 0
    open_marks: list[Mark] = []
    for slot in walk.slots:
        while index < len(marks) and marks[index].start < slot.end:
            open_marks.append(marks[index])
            index += 1
        open_marks = [m for m in open_marks if m.end > slot.start]
        if not open_marks:
            continue
        text = slot.elem.tail if slot.is_tail else slot.elem.text
        assert text is not None
        pieces = _pieces(text, slot.start, open_marks)
        if len(pieces) == 1 and not pieces[0][1]:
            continue
        lead, nodes = _build_nodes(pieces, slot.start)
        if slot.is_tail:
            slot.elem.tail = lead
            parent = slot.parent
            assert parent is not None
            at = list(parent).index(slot.elem) + 1
        else:
            slot.elem.text = lead
            parent = slot.elem
            at = 0
        parent[at:at] = nodes  # one splice, not one insert per node
