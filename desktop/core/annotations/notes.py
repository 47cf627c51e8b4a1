"""The reader's notes (issue 13): on a passage, on an episode, on a comparison cell.

A note is an :class:`~desktop.core.annotations.records.Annotation` of kind ``note`` with a
Markdown ``body``. Its place is one of: ``article`` and ``quote`` (a passage, anchored like a
correction), ``episode`` alone (an episode), or ``cell`` (a facet id) with ``episode`` (one cell
of the comparison). This module makes them, finds them again, groups and searches them, and
turns a selection in the shown text back into plain-text offsets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop.core.annotate.document import Highlight
from desktop.core.annotations.anchoring import quote_at
from desktop.core.annotations.apply import place_notes
from desktop.core.annotations.records import NOTE, Annotation

#: The glyph after a passage that has a note (the reader and the PDF).
GLYPH = "✎"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def passage_note(article: str, text: str, start: int, end: int, body: str) -> Annotation:
    """A note on ``text[start:end]`` of ``article``, anchored by quote."""
    return Annotation(uuid.uuid4().hex, NOTE, article, quote_at(text, start, end), body=body, created=_now())


def episode_note(episode: str, body: str) -> Annotation:
    return Annotation(uuid.uuid4().hex, NOTE, episode=episode, body=body, created=_now())


def cell_note(facet: str, episode: str, body: str) -> Annotation:
    """A note on the comparison cell of ``facet`` (row) and ``episode`` (column): ``cell`` is "facet:ID"."""
    return Annotation(uuid.uuid4().hex, NOTE, episode=episode, cell=f"facet:{facet}", body=body, created=_now())


def with_body(note: Annotation, body: str) -> Annotation:
    return dataclasses.replace(note, body=body)


def notes_of(annotations: Iterable[Annotation]) -> list[Annotation]:
    return [a for a in annotations if a.is_note]


def plain(body: str) -> str:
    """A note's Markdown as one line of plain words (lists, tooltips, slide feet)."""
    text = re.sub(r"[*_`#>]+", "", body)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def readable(body: str) -> str:
    """A note's Markdown as plain lines to read aloud (a slide): one line per paragraph, heading
    or list item, list items with a bullet, emphasis and links reduced to their words."""
    lines: list[str] = []
    joinable = False  # whether the next line of text continues the last one (a wrapped paragraph)
    for line in body.splitlines():
        item = re.match(r"\s*(?:[-*+]|\d+[.)])\s+(.*)", line)
        heading = line.lstrip().startswith("#")
        words = plain(item.group(1) if item else line)
        if not words:
            joinable = False
        elif joinable and not item and not heading:
            lines[-1] += " " + words
        else:
            lines.append("• " + words if item else words)
            joinable = not item and not heading
    return "\n".join(lines)


def matches(note: Annotation, query: str, place: str = "") -> bool:
    """Whether every word of ``query`` is in the note's text, its quote or the name of its place."""
    words = query.casefold().split()
    haystack = " ".join((note.body, note.quote.exact if note.quote else "", place, note.cell)).casefold()
    return all(w in haystack for w in words)


@dataclass(frozen=True, slots=True)
class NoteGroup:
    """The notes of one article or one episode, as the Notes panel lists them."""

    key: str  # "article:ID" or "episode:ID"
    label: str
    notes: tuple[Annotation, ...]


def group_key(note: Annotation) -> str:
    return f"article:{note.article}" if note.article else f"episode:{note.episode}"


def group_notes(
    annotations: Iterable[Annotation],
    article_titles: Mapping[str, str],
    episode_titles: Mapping[str, str],
    query: str = "",
) -> list[NoteGroup]:
    """The notes grouped by article or episode (articles first, each by title), filtered by ``query``."""
    groups: dict[str, list[Annotation]] = {}
    labels: dict[str, str] = {}
    for note in notes_of(annotations):
        key = group_key(note)
        if note.article:
            label = article_titles.get(note.article, note.article)
        else:
            label = episode_titles.get(note.episode, note.episode)
        if not matches(note, query, label):
            continue
        groups.setdefault(key, []).append(note)
        labels[key] = label
    order = sorted(groups, key=lambda k: (not k.startswith("article:"), labels[k].casefold()))
    return [NoteGroup(k, labels[k], tuple(groups[k])) for k in order]


def episode_notes(annotations: Iterable[Annotation], episode_ids: Sequence[str]) -> list[Annotation]:
    """Notes on one of these episodes themselves (not on a cell of theirs)."""
    wanted = set(episode_ids)
    return [a for a in notes_of(annotations) if not a.article and not a.cell and a.episode in wanted]


def note_anchor(note: Annotation) -> str:
    """The named anchor at the start of a note's passage in the reader."""
    return f"note-{note.id}"


def note_highlights(analysis, annotations: Iterable[Annotation]) -> list[Highlight]:
    """The note marks of one article (passages found again; orphaned notes have none)."""
    marks = []
    for placed in place_notes(analysis, annotations):
        if not placed.orphaned:
            title = plain(placed.note.body) or "(an empty note)"
            marks.append(Highlight(placed.start, placed.end, "note", note_anchor(placed.note), title))
    return marks


# --------------------------------------------------------------------------- selections


def _block_pairs(shown_blocks: Sequence[str], spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Shown block index -> plain-text block index, in order; empty shown blocks have none."""
    pairs, j = {}, 0
    for i, block in enumerate(shown_blocks):
        if not block.strip():
            continue
        if j >= len(spans):
            break
        pairs[i] = j
        j += 1
    return pairs


def _within(shown: str, plain_block: str, position: int) -> int:
    """The offset in ``plain_block`` of ``position`` in ``shown`` (the same text plus inserted glyphs)."""
    best = 0
    for a, b, size in SequenceMatcher(None, shown, plain_block, autojunk=False).get_matching_blocks():
        if position < a:
            break
        best = b + min(position - a, size)
    return min(best, len(plain_block))


def plain_offset(
    shown_blocks: Sequence[str], plain: str, spans: Sequence[tuple[int, int]], block: int, position: int
) -> int | None:
    """Where ``position`` of shown block ``block`` is in the plain text, or None.

    The shown text (a reader pane's blocks) is the plain text laid out in blocks, with side codes
    and note glyphs inserted; ``spans`` are the plain text's blocks (:func:`markup.block_spans`).
    """
    pairs = _block_pairs(shown_blocks, spans)
    if block not in pairs:
        return None
    start, end = spans[pairs[block]]
    return start + _within(shown_blocks[block], plain[start:end], position)
