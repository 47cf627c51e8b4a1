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
                    _apply_marks(self.walk, self.marks, self.md.htmlStash.store)

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


def _escapes():
    """python-markdown's own escaping of text and of attribute values (imported with the engine),
    so that a marked slot reads exactly as the serializer would have written its elements."""
    from markdown.serializers import _escape_attrib_html, _escape_cdata

    return _escape_cdata, _escape_attrib_html


def _open_tag(mark: Mark, attrib) -> str:
    """The start tag of a mark's element, its attributes in the serializer's (lexical) order."""
    items = (("class", mark.classes), ("href", mark.href), ("style", mark.style), ("title", mark.title))
    attrs = "".join(f' {k}="{attrib(v)}"' for k, v in items if v)
    return f"<a{attrs}>" if mark.href else f"<span{attrs}>"


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


def _marked_html(pieces: list[tuple[str, list[Mark]]], slot_start: int) -> str:
    """A slot's text with its marks as HTML: for each piece the named anchors of the marks it begins,
    one element per covering mark (the widest outermost) around its text, and the ``<sup>``
    suffixes of the marks it ends (innermost first); what the serializer would write for the
    elements, made as one string (a paragraph of 10,000 dates makes 40,000 elements)."""
    cdata, attrib = _escapes()
    out: list[str] = []
    pos = slot_start
    for text, covering in pieces:
        end = pos + len(text)
        if covering:
            out.extend(f'<a name="{attrib(m.anchor)}"></a>' for m in covering if m.anchor and m.start == pos)
            out.extend(_open_tag(m, attrib) for m in covering)
            out.append(cdata(text))
            out.extend("</a>" if m.href else "</span>" for m in reversed(covering))
            for m in reversed(covering):
                if m.suffix and m.end == end:
                    opening = f'<sup class="{attrib(m.suffix_class)}">' if m.suffix_class else "<sup>"
                    out.append(f"{opening}{cdata(m.suffix)}</sup>")
        else:
            out.append(cdata(text))
        pos = end
    return "".join(out)


def _apply_marks(walk: _Walk, marks: Sequence[Mark], stash) -> None:
    """Each slot that marks cover becomes a placeholder of python-markdown's raw-HTML stash
    (``stash``: ``md.htmlStash.store``) holding its marked HTML, which the stash's postprocessor
    puts back in place of the placeholder after serializing: no element per mark in the tree."""
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
        placeholder = stash(_marked_html(pieces, slot.start))
        if slot.is_tail:
            slot.elem.tail = placeholder
        else:
            slot.elem.text = placeholder
