"""Making the reader's episode edits: each an annotation anchored by a sentence of the episode.

An edit names its episode by id and quotes one of the episode's sentences (the event it is
about, or the episode's first event), so that :mod:`.episodes` finds the episode again after a
re-analysis that changed its id. :func:`prefill` reads what the analysis says about a sentence
the reader wants to make an event of: the event type its trigger words suggest, its actors and
its date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.core.annotate import timex
from desktop.core.annotations.anchoring import quote_at
from desktop.core.annotations.records import Annotation
from desktop.core.episodes.event_records import Event
from desktop.core.episodes.grouping import Episode


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _edit(kind: str, episode_id: str, event: Event | None, texts: Mapping[str, str], **values) -> Annotation:
    article, quote = "", None
    text = texts.get(event.article) if event is not None else None
    if event is not None and text is not None and event.sentence[0] < event.sentence[1] <= len(text):
        article, quote = event.article, quote_at(text, *event.sentence)
    return Annotation(uuid.uuid4().hex, kind, article, quote, episode=episode_id, created=_now(), **values)


def _first(episode: Episode) -> Event | None:
    return episode.events[0] if episode.events else None


def rename(episode: Episode, title: str, texts: Mapping[str, str]) -> Annotation:
    return _edit("episode-rename", episode.id, _first(episode), texts, title=title.strip())


def redate(episode: Episode, value: str, texts: Mapping[str, str]) -> Annotation:
    if timex.bounds(value) is None:
        raise ValueError(f"{value!r} is not a date (a day, month, year, week or range)")
    return _edit("episode-date", episode.id, _first(episode), texts, value=value)


def remove_event(episode: Episode, event: Event, texts: Mapping[str, str]) -> Annotation:
    return _edit("episode-remove-event", episode.id, event, texts)


def _other(episode: Episode, texts: Mapping[str, str]) -> dict:
    """The other episode of a merge or a move: its id, and a sentence of it to find it by."""
    event = _first(episode)
    text = texts.get(event.article) if event is not None else None
    if event is None or text is None or not event.sentence[0] < event.sentence[1] <= len(text):
        return {"other": episode.id}
    return {"other": episode.id, "other_article": event.article, "other_quote": quote_at(text, *event.sentence)}


def move_event(episode: Episode, event: Event, target: Episode, texts: Mapping[str, str]) -> Annotation:
    return _edit("episode-move-event", episode.id, event, texts, **_other(target, texts))


def merge(episode: Episode, other: Episode, texts: Mapping[str, str]) -> Annotation:
    """``other`` joins ``episode`` (which keeps its id)."""
    return _edit("episode-merge", episode.id, _first(episode), texts, **_other(other, texts))


def split(episode: Episode, event: Event, texts: Mapping[str, str]) -> Annotation:
    """``event`` and every later event of ``episode`` become an episode of their own."""
    if not episode.events or event is episode.events[0]:
        raise ValueError("an episode is split before one of its later events, not its first")
    return _edit("episode-split", episode.id, event, texts)


def add_event(
    article: str,
    text: str,
    span: tuple[int, int],
    event_type: str,
    actors: tuple[str, ...],
    value: str = "",
    episode_id: str = "",
) -> Annotation:
    """An event the reader made from ``text[span]`` of ``article``: into ``episode_id``, or an
    episode of its own (then ``value`` must be a date)."""
    if value and timex.bounds(value) is None:
        raise ValueError(f"{value!r} is not a date (a day, month, year, week or range)")
    if not episode_id and not value:
        raise ValueError("an event that makes an episode of its own needs a date")
    quote = quote_at(text, *span)
    return Annotation(
        uuid.uuid4().hex,
        "episode-add-event",
        article,
        quote,
        episode=episode_id,
        event_type=event_type,
        actors=tuple(actors),
        value=value,
        created=_now(),
    )


def event_words(event: Event, texts: Mapping[str, str], most: int = 70) -> str:
    """The event's sentence, shortened, for a menu or a list."""
    text = texts.get(event.article, "")
    words = " ".join(text[event.sentence[0] : event.sentence[1]].split()) or event.summary or event.type
    return words if len(words) <= most else words[: most - 1] + "…"


# --------------------------------------------------------------------------- a sentence made an event


@dataclass(frozen=True, slots=True)
class Prefill:
    """What the analysis says about a sentence the reader makes an event of."""

    span: tuple[int, int]  # the whole sentence(s) around the selection
    event_type: str  # "" when no trigger word of the lexicon is in it
    actors: tuple[tuple[str, str], ...]  # (key, name), in text order, once each
    value: str  # the first usable date in the sentence, else the article's anchor date


def sentence_span(analysis, start: int, end: int) -> tuple[int, int]:
    """The sentences ``start``..``end`` touch (the selection itself when none is known)."""
    first = analysis.sentence_at(start)
    last = analysis.sentence_at(max(start, end - 1))
    return (first[0] if first else start, last[1] if last else end)


def _event_type(text: str, lexicon) -> str:
    for m in lexicon.trigger_re.finditer(text):
        found = lexicon.trigger_type.get(" ".join(m.group(0).lower().split()))
        if found:
            return found
    return ""


def prefill(analysis, start: int, end: int, lexicon) -> Prefill:
    span = sentence_span(analysis, start, end)
    inside = [m for m in analysis.actors if span[0] <= m.start and m.end <= span[1]]
    actors: dict[str, str] = {}
    for m in inside:
        actors.setdefault(m.actor if m.actor is not None else f"unlinked:{m.name}", m.name)
    dates = [d.value for d in analysis.dates if span[0] <= d.start and d.end <= span[1] and timex.bounds(d.value)]
    anchor = analysis.anchor.isoformat() if analysis.anchor else ""
    return Prefill(
        span, _event_type(analysis.text[span[0] : span[1]], lexicon), tuple(actors.items()), (dates or [anchor])[0]
    )
