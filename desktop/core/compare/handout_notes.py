"""The reader's notes as the last section of a comparison handout ("Include notes").

The notes that belong to the comparison: on a compared episode, on one of its cells, and on a
passage of one of its sources. Each says where it sits (the episode, the cell's facet, or the
article and the quoted words) above its Markdown, rendered as Qt rich text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping

import markdown

from desktop.core.annotations.records import Annotation
from desktop.core.compare.records import Comparison

HEADING = "Your notes"
ANCHOR = "notes"


def _markdown(body: str) -> str:
    """The note's Markdown as HTML; raw HTML in it is shown as text, never obeyed."""
    return markdown.markdown(body.replace("&", "&amp;").replace("<", "&lt;"))


def handout_notes(comparison: Comparison, annotations: Iterable[Annotation]) -> list[Annotation]:
    """The notes of ``annotations`` that belong to the compared episodes or their sources, in order."""
    episodes = {e for s in comparison.subjects for e in s.episodes}
    articles = {a for s in comparison.subjects for a in s.articles}
    chosen = []
    for note in annotations:
        if not note.is_note:
            continue
        if (note.article and note.article in articles) or (not note.article and note.episode in episodes):
            chosen.append(note)
    return chosen


def _place(note: Annotation, comparison: Comparison, article_titles: Mapping[str, str]) -> str:
    labels = {e: s.label for s in comparison.subjects for e in s.episodes}
    if note.article:
        title = html.escape(article_titles.get(note.article, note.article))
        quote = html.escape(note.quote.exact) if note.quote else ""
        return f"<b>{title}</b>" + (f": <i>“{quote}”</i>" if quote else "")
    episode = html.escape(labels.get(note.episode, note.episode))
    if note.cell:
        facet = comparison.facet(note.cell.removeprefix("facet:"))
        name = html.escape(facet.label if facet is not None else note.cell)
        return f"<b>{episode}</b> · {name}"
    return f"<b>{episode}</b>"


def notes_section(comparison: Comparison, annotations: Iterable[Annotation], article_titles: Mapping[str, str]) -> str:
    """The notes section's HTML ("" when no note belongs to the comparison)."""
    notes = handout_notes(comparison, annotations)
    if not notes:
        return ""
    items = [
        f'<p class="note-place" style="margin-bottom:2px">{n}. {_place(note, comparison, article_titles)}</p>'
        f'<div style="margin-left:18px; margin-bottom:10px">{_markdown(note.body)}</div>'
        for n, note in enumerate(notes, 1)
    ]
    return f'<h3><a name="{ANCHOR}"></a>{HEADING}</h3>' + "".join(items)
