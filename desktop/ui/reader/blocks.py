"""Very long paragraphs cut into blocks Qt can lay out a piece at a time.

Qt lays a text document out lazily, a few blocks per turn of the event loop, but one block (one
HTML paragraph) always in one go: the hostile corpus's 10,000 dates in one paragraph (317,000
characters) take a quarter of a second to lay out, on the UI thread, each time the pane takes the
document. :func:`split_long_paragraphs` cuts a plain ``<p>`` longer than :data:`BLOCK_CHARS`
characters of text after a full stop, where no element is open: the space after the stop becomes
the break between two blocks, so every position in the document (marks, anchors, find, the
reader's selections) stays where it was, and the pieces have no margin between them, so the
paragraph reads on (a line ends early at each cut). Paragraphs of ordinary length (a bundled
article's longest is under 3,000 characters) are never touched.
"""

from __future__ import annotations

import re

#: A paragraph with more characters of text than this is cut into blocks; a cut comes after at
#: least :data:`BLOCK_HTML` characters of its HTML (a block of 4,000 characters of text at most).
LONG_PARAGRAPH = 8_000
BLOCK_HTML = 4_000

_TAG = re.compile(r"<[^>]*>")
#: The HTML measured at a time for the length of a paragraph's text (each call into the regular
#: expression engine holds Python's interpreter lock, which the window's thread needs too).
_MEASURE = 65_536
_VOID = re.compile(r"<(?:br|img|hr|wbr|input)\b", re.IGNORECASE)
_FIRST = "<p style='margin-bottom:0px'>"
_MIDDLE = "</p><p style='margin-top:0px; margin-bottom:0px'>"
_LAST = "</p><p style='margin-top:0px'>"


def _closed(segment: str) -> bool:
    """No element of ``segment`` (HTML from a cut, or the paragraph's start) is left open, and the
    end of it is not inside a tag."""
    if segment.rfind("<") > segment.rfind(">"):
        return False
    opened = segment.count("<") - segment.count("</")
    closed = segment.count("</") + segment.count("/>") + len(_VOID.findall(segment))
    return opened == closed


def _cuts(inner: str, step: int) -> list[int]:
    """Offsets in ``inner`` of the spaces after a full stop, outside every element, where a cut
    goes: the first such space at least ``step`` characters after the last cut."""
    cuts, last = [], 0
    at = inner.find(". ", step)
    while at >= 0:
        if _closed(inner[last : at + 1]):
            cuts.append(at + 1)
            last = at + 2
            at = inner.find(". ", last + step)
        else:
            at = inner.find(". ", at + 2)
    return cuts


def _split(inner: str, step: int) -> str | None:
    cuts = _cuts(inner, step)
    if not cuts:
        return None
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(inner[start:cut])
        start = cut + 1  # the space: the block break takes its place
    last = inner[start:]
    return _FIRST + pieces[0] + "".join(_MIDDLE + p for p in pieces[1:]) + _LAST + last + "</p>"


def _text_longer(inner: str, long: int) -> bool:
    """The paragraph's text (its HTML without tags) is longer than ``long``, measured a piece at a
    time (a tag cut at a piece's edge counts as text: a few characters)."""
    text = 0
    for start in range(0, len(inner), _MEASURE):
        text += len(_TAG.sub("", inner[start : start + _MEASURE]))
        if text > long:
            return True
    return False


def split_long_paragraphs(html: str, long: int = LONG_PARAGRAPH, step: int = BLOCK_HTML) -> str:
    """``html`` with each plain ``<p>`` of more than ``long`` characters of text cut into blocks
    (see the module's docstring); a paragraph's HTML is at least as long as its text, so a short
    one is passed by at once."""
    out, at = [], 0
    while (start := html.find("<p>", at)) >= 0:
        end = html.find("</p>", start + 3)
        if end < 0:
            break
        inner = html[start + 3 : end]
        if len(inner) > long and _text_longer(inner, long) and (cut := _split(inner, step)) is not None:
            out += [html[at:start], cut]
            at = end + 4
        else:
            out.append(html[at : end + 4])
            at = end + 4
    if not out:
        return html
    out.append(html[at:])
    return "".join(out)


#: The HTML parsed in one call when a long document is built in pieces (about 5 ms of parsing).
CHUNK_HTML = 12_000
_TOP = re.compile(r"<(/?)(p|h[1-6]|ul|ol|blockquote|pre|table|div|dl)\b[^>]*>")


def html_chunks(html: str, size: int = CHUNK_HTML) -> list[str]:
    """``html`` in pieces of about ``size`` characters, each cut where a paragraph (``<p>``) begins
    outside every other block: Qt takes such pieces one after another into the same document
    exactly as it takes the whole (see :func:`desktop.ui.reader.building.parse_in_pieces`)."""
    pieces, depth, start = [], 0, 0
    for m in _TOP.finditer(html):
        depth = max(0, depth + (-1 if m.group(1) else 1))
        if depth == 0 and m.end() - start >= size and html.startswith(("<p>", "<p "), m.end()):
            pieces.append(html[start : m.end()])
            start = m.end()
    pieces.append(html[start:])
    return [p for p in pieces if p]
