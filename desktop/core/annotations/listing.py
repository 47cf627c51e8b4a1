"""Every correction and episode edit as the Corrections panel lists it: where, what, and its state.

A mention correction is *applied* when its quote is found again in its article's current text,
*orphaned* when it is not, and *waiting* while the article is not analysed; an episode edit is
applied or orphaned as the last application of the edits found it (:mod:`.episodes`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from desktop.core.annotations.anchoring import anchor
from desktop.core.annotations.records import Annotation

APPLIED, ORPHANED, WAITING = "applied", "orphaned", "waiting for the analysis"


@dataclass(frozen=True, slots=True)
class Row:
    note: Annotation
    where: str  # the article's title, or the episode's
    what: str
    state: str


def _quoted(note: Annotation, most: int = 50) -> str:
    words = " ".join(note.quote.exact.split()) if note.quote else ""
    return f"“{words if len(words) <= most else words[: most - 1] + '…'}”"


def _episode(note: Annotation, episodes: Mapping[str, str], episode_id: str = "") -> str:
    episode_id = episode_id or note.episode
    return f"“{episodes.get(episode_id, episode_id)}”"


_TEXTS: dict[str, Callable[[Annotation, Mapping[str, str]], str]] = {
    "actor-is": lambda n, _e: f"{_quoted(n)} is {n.name or n.actor}",
    "mark-actor": lambda n, _e: f"{_quoted(n)} marked as {n.name or n.actor}",
    "not-actor": lambda n, _e: f"{_quoted(n)} is not an actor",
    "not-side": lambda n, _e: f"{_quoted(n)} stands for the side {n.side}",
    "date-is": lambda n, _e: f"{_quoted(n)} is dated {n.value}",
    "mark-date": lambda n, _e: f"{_quoted(n)} marked as the date {n.value}",
    "episode-rename": lambda n, e: f"Episode renamed “{n.title}”",
    "episode-date": lambda n, e: f"Episode dated {n.value}",
    "episode-remove-event": lambda n, e: f"Event {_quoted(n)} taken out of the episode",
    "episode-move-event": lambda n, e: f"Event {_quoted(n)} moved to {_episode(n, e, n.other)}",
    "episode-merge": lambda n, e: f"Episode {_episode(n, e, n.other)} merged into it",
    "episode-split": lambda n, e: f"Episode split before {_quoted(n)}",
    "episode-add-event": lambda n, e: (
        f"Event made of {_quoted(n)}" + (f" added to {_episode(n, e)}" if n.episode else " as an episode of its own")
    ),
}


def describe(note: Annotation, episodes: Mapping[str, str] | None = None) -> str:
    """What the correction changes, in a few words."""
    text = _TEXTS.get(note.kind)
    return text(note, episodes or {}) if text else note.kind


def _mention_state(note: Annotation, texts: Mapping[str, str]) -> str:
    text = texts.get(note.article)
    if text is None:
        return WAITING
    return APPLIED if note.quote is not None and anchor(text, note.quote) is not None else ORPHANED


def _where(note: Annotation, articles: Mapping[str, str], episodes: Mapping[str, str]) -> str:
    if (note.is_episode_edit and note.kind != "episode-add-event") or not note.article:
        return episodes.get(note.episode, note.episode or "(a new episode)")
    return articles.get(note.article, note.article)


def rows(
    annotations: Iterable[Annotation],
    texts: Mapping[str, str],
    articles: Mapping[str, str],
    episodes: Mapping[str, str],
    orphaned_edits: Iterable[str] = (),
    edits_applied: bool = True,
) -> list[Row]:
    """One row per correction and episode edit (notes are the Notes panel's), in the order made.

    ``texts`` are the current plain texts of the analysed articles, ``articles`` and
    ``episodes`` titles by id, ``orphaned_edits`` the ids of the episode edits that found
    nothing; ``edits_applied`` is False while there are no episodes yet.
    """
    orphaned = set(orphaned_edits)
    out = []
    for note in annotations:
        if note.is_note:
            continue
        if note.is_episode_edit:
            state = (ORPHANED if note.id in orphaned else APPLIED) if edits_applied else WAITING
        else:
            state = _mention_state(note, texts)
        out.append(Row(note, _where(note, articles, episodes), describe(note, episodes), state))
    return out
