"""Applying the reader's episode edits to the episode set, after grouping.

An edit names its episode by id; when a re-analysis changed the ids, the edit's quote
(a sentence of the episode's evidence) finds the episode again. Implemented: rename,
change the date, remove an event, move an event to another episode, merge two episodes,
split one before a quoted event. An edit whose episode (or event) cannot be found is
orphaned: reported, never dropped. Edited episodes are listed in ``corrected``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from desktop.core.annotate import timex
from desktop.core.annotations.anchoring import anchor
from desktop.core.annotations.records import Annotation
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.episodes.grouping import Episode, EpisodeSet, build_episode


@dataclass
class EpisodeOutcome:
    applied: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)
    corrected: set[str] = field(default_factory=set)  # ids of episodes the reader changed


def _span(note: Annotation, texts: Mapping[str, str]) -> tuple[int, int] | None:
    text = texts.get(note.article)
    if text is None or note.quote is None:
        return None
    return anchor(text, note.quote)


def _holds(episode: Episode, article: str, span: tuple[int, int]) -> bool:
    return any(e.article == article and e.start <= span[0] and span[1] <= e.end for e in episode.evidence)


def _find(episodes: list[Episode], episode_id: str, note: Annotation, texts: Mapping[str, str]) -> Episode | None:
    found = next((e for e in episodes if e.id == episode_id), None)
    if found is not None or not episode_id:
        return found
    span = _span(note, texts)
    if span is None:
        return None
    return next((e for e in episodes if _holds(e, note.article, span)), None)


def _event_at(episode: Episode, note: Annotation, texts: Mapping[str, str]):
    span = _span(note, texts)
    if span is None:
        return None
    return next(
        (e for e in episode.events if e.article == note.article and e.sentence[0] <= span[0] < e.sentence[1]), None
    )


def _rebuilt(episode: Episode, events: list, lexicon) -> Episode | None:
    if not events:
        return None
    built = build_episode(events, lexicon)
    if built is None:  # no dated event left to date it by: the episode keeps its date
        evidence = list(dict.fromkeys(x for e in events for x in e.evidence))
        return dataclasses.replace(episode, events=list(events), evidence=evidence or episode.evidence)
    return dataclasses.replace(built, id=episode.id, named=episode.named, named_label=episode.named_label)


class _Editor:
    def __init__(self, episodes: list[Episode], texts: Mapping[str, str]) -> None:
        self.episodes = list(episodes)
        self.texts = texts
        self._lexicon = None

    @property
    def lexicon(self):
        if self._lexicon is None:
            self._lexicon = load_event_lexicon()
        return self._lexicon

    def put(self, old: Episode, new: Episode | None) -> None:
        at = self.episodes.index(old)
        if new is None:
            del self.episodes[at]
        else:
            self.episodes[at] = new

    def edit(self, note: Annotation) -> str | None:
        """Apply one edit; the id of the episode it changed, or None when it found nothing."""
        episode = _find(self.episodes, note.episode, note, self.texts)
        if episode is None:
            return None
        handler = getattr(self, "_" + note.kind.removeprefix("episode-").replace("-", "_"), None)
        return handler(episode, note) if handler else None

    def _rename(self, episode: Episode, note: Annotation) -> str | None:
        if not note.title:
            return None
        self.put(episode, dataclasses.replace(episode, title=note.title))
        return episode.id

    def _date(self, episode: Episode, note: Annotation) -> str | None:
        span = timex.bounds(note.value)
        if span is None:
            return None
        self.put(episode, dataclasses.replace(episode, value=note.value, first=span[0], last=span[1]))
        return episode.id

    def _remove_event(self, episode: Episode, note: Annotation) -> str | None:
        event = _event_at(episode, note, self.texts)
        if event is None:
            return None
        self.put(episode, _rebuilt(episode, [e for e in episode.events if e is not event], self.lexicon))
        return episode.id

    def _move_event(self, episode: Episode, note: Annotation) -> str | None:
        event = _event_at(episode, note, self.texts)
        target = next((e for e in self.episodes if e.id == note.other and e is not episode), None)
        if event is None or target is None:
            return None
        self.put(target, _rebuilt(target, [*target.events, event], self.lexicon))
        self.put(episode, _rebuilt(episode, [e for e in episode.events if e is not event], self.lexicon))
        return episode.id

    def _split(self, episode: Episode, note: Annotation) -> str | None:
        """The quoted event and every later one (in the episode's order) become an episode of their own."""
        event = _event_at(episode, note, self.texts)
        if event is None or episode.events.index(event) == 0:
            return None
        at = episode.events.index(event)
        first, rest = episode.events[:at], episode.events[at:]
        part = _rebuilt(
            dataclasses.replace(episode, id=f"{episode.id}-split", named=None, named_label=None), rest, self.lexicon
        )
        self.put(episode, _rebuilt(episode, first, self.lexicon))
        if part is not None:
            self.episodes.append(part)
        return episode.id

    def _merge(self, episode: Episode, note: Annotation) -> str | None:
        other = next((e for e in self.episodes if e.id == note.other and e is not episode), None)
        if other is None:
            return None
        self.put(other, None)
        self.put(episode, _rebuilt(episode, [*episode.events, *other.events], self.lexicon))
        return episode.id


def apply_episode_edits(
    episode_set: EpisodeSet, annotations: Iterable[Annotation], texts: Mapping[str, str]
) -> tuple[EpisodeSet, EpisodeOutcome]:
    """The episode set with the reader's episode edits applied, in the order given.

    ``texts`` maps article ids to their plain text (to find an edit's sentence). The input
    set is not changed; with no edit the same set is returned.
    """
    outcome = EpisodeOutcome()
    editor = _Editor(episode_set.episodes, texts)
    for note in annotations:
        if not note.is_episode_edit:
            continue
        changed = editor.edit(note)
        if changed is None:
            outcome.orphaned.append(note)
        else:
            outcome.applied.append(note)
            outcome.corrected.add(changed)
    if not outcome.applied:
        return episode_set, outcome
    edited = [dataclasses.replace(e, edited=True) if e.id in outcome.corrected else e for e in editor.episodes]
    ids = {e.id for e in edited}
    matches = {k: [i for i in v if i in ids] for k, v in episode_set.matches.items()}
    return EpisodeSet(edited, episode_set.curation, matches), outcome
