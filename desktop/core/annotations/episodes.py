"""Applying the reader's episode edits to the episode set, after grouping.

An edit names its episode by id; when a re-analysis changed the ids, the edit's quote
(a sentence of the episode's evidence) finds the episode again. Implemented: rename,
change the date, remove an event, move an event to another episode, merge two episodes,
split one before a quoted event, and add an event the reader made from a sentence (to an
episode, or as an episode of its own when ``episode`` is empty). An edit whose episode (or event) cannot be found is
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
from desktop.core.episodes.event_records import Event, Evidence, Participant
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


def _find(
    episodes: list[Episode], episode_id: str, note: Annotation, texts: Mapping[str, str], other: bool = False
) -> Episode | None:
    """The episode of ``episode_id``, else the one holding the edit's sentence (``other``: the
    sentence quoted of the other episode of a merge or a move)."""
    found = next((e for e in episodes if e.id == episode_id), None)
    if found is not None or not episode_id:
        return found
    article, quote = (note.other_article, note.other_quote) if other else (note.article, note.quote)
    text = texts.get(article)
    span = anchor(text, quote) if text is not None and quote is not None else None
    if span is None:
        return None
    return next((e for e in episodes if _holds(e, article, span)), None)


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


def _unique(episodes: list[Episode], wanted: str) -> str:
    ids, n, found = {e.id for e in episodes}, 1, wanted
    while found in ids:
        n += 1
        found = f"{wanted}-{n}"
    return found


def _participant(key: str, known: Mapping[str, Participant], gazetteer) -> Participant:
    """The participant ``key`` names: as an episode has it, else as the gazetteer knows it."""
    if key in known:
        return known[key]
    actor = gazetteer.actor(key) if gazetteer is not None else None
    if actor is not None:
        short = actor.name.split()[-1] if actor.kind == "person" and " " in actor.name else actor.name
        return Participant(actor.id, actor.name, short, actor.kind, actor.side)
    name = key.removeprefix("unlinked:")
    return Participant(key, name, name.split()[-1] if name else key, "person", "other")


def user_event(note: Annotation, span: tuple[int, int], lexicon, participants: list[Participant]) -> Event | None:
    """The event the reader made from the sentence at ``span`` (None for an unknown event type)."""
    kind = lexicon.types.get(note.event_type)
    if kind is None:
        return None
    dates = timex.bounds(note.value) if note.value else None
    return Event(
        id=f"user-{note.id}",
        article=note.article,
        type=kind.id,
        family=kind.family,
        trigger=note.quote.exact if note.quote else "",
        trigger_span=span,
        sentence=span,
        value=note.value if dates else "",
        first=dates[0] if dates else None,
        last=dates[1] if dates else None,
        date_source="user" if dates else "none",
        date_text=note.value if dates else "",
        sources=participants[:1],
        targets=participants[1:],
        summary=note.quote.exact if note.quote else "",
        evidence=[Evidence(note.article, *span)],
        reporting=kind.reporting,
        priority=kind.priority,
        confidence=1.0,
    )


class _Editor:
    def __init__(self, episodes: list[Episode], texts: Mapping[str, str], gazetteer=None) -> None:
        self.episodes = list(episodes)
        self.texts = texts
        self.gazetteer = gazetteer
        self._lexicon = None
        self.kept: dict[str, dict] = {}  # episode id -> the fields the reader set (a title, a date)

    @property
    def lexicon(self):
        if self._lexicon is None:
            self._lexicon = load_event_lexicon()
        return self._lexicon

    def put(self, old: Episode, new: Episode | None) -> None:
        at = self.episodes.index(old)
        if new is None:
            del self.episodes[at]
        else:  # an episode rebuilt from its events keeps the title and date the reader gave it
            self.episodes[at] = dataclasses.replace(new, **self.kept.get(new.id, {}))

    def edit(self, note: Annotation) -> str | None:
        """Apply one edit; the id of the episode it changed, or None when it found nothing."""
        if note.kind == "episode-add-event":
            return self._add_event(note)
        episode = _find(self.episodes, note.episode, note, self.texts)
        if episode is None:
            return None
        handler = getattr(self, "_" + note.kind.removeprefix("episode-").replace("-", "_"), None)
        return handler(episode, note) if handler else None

    def _rename(self, episode: Episode, note: Annotation) -> str | None:
        if not note.title:
            return None
        self.kept.setdefault(episode.id, {})["title"] = note.title
        self.put(episode, episode)
        return episode.id

    def _date(self, episode: Episode, note: Annotation) -> str | None:
        span = timex.bounds(note.value)
        if span is None:
            return None
        self.kept.setdefault(episode.id, {}).update(value=note.value, first=span[0], last=span[1])
        self.put(episode, episode)
        return episode.id

    def _remove_event(self, episode: Episode, note: Annotation) -> str | None:
        event = _event_at(episode, note, self.texts)
        if event is None:
            return None
        self.put(episode, _rebuilt(episode, [e for e in episode.events if e is not event], self.lexicon))
        return episode.id

    def _move_event(self, episode: Episode, note: Annotation) -> str | None:
        event = _event_at(episode, note, self.texts)
        target = _find(self.episodes, note.other, note, self.texts, other=True)
        if event is None or target is None or target is episode:
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
            dataclasses.replace(
                episode, id=_unique(self.episodes, f"{episode.id}-split"), named=None, named_label=None
            ),
            rest,
            self.lexicon,
        )
        self.put(episode, _rebuilt(episode, first, self.lexicon))
        if part is not None:
            self.episodes.append(part)
        return episode.id

    def _add_event(self, note: Annotation) -> str | None:
        span = _span(note, self.texts)
        if span is None:
            return None
        known = {p.key: p for e in self.episodes for p in e.participants}
        people = [_participant(key, known, self.gazetteer) for key in note.actors]
        event = user_event(note, span, self.lexicon, people)
        if event is None:
            return None
        if note.episode:  # into an episode the reader chose
            target = next((e for e in self.episodes if e.id == note.episode), None)
            if target is None:
                return None
            self.put(target, _rebuilt(target, [*target.events, event], self.lexicon))
            return target.id
        built = build_episode([event], self.lexicon)  # an episode of its own: it needs a date
        if built is None:
            return None
        built = dataclasses.replace(built, id=_unique(self.episodes, built.id))
        self.episodes.append(built)
        return built.id

    def _merge(self, episode: Episode, note: Annotation) -> str | None:
        other = _find(self.episodes, note.other, note, self.texts, other=True)
        if other is None or other is episode:
            return None
        self.put(other, None)
        self.put(episode, _rebuilt(episode, [*episode.events, *other.events], self.lexicon))
        return episode.id


def apply_episode_edits(
    episode_set: EpisodeSet, annotations: Iterable[Annotation], texts: Mapping[str, str], gazetteer=None
) -> tuple[EpisodeSet, EpisodeOutcome]:
    """The episode set with the reader's episode edits applied, in the order given.

    ``texts`` maps article ids to their plain text (to find an edit's sentence); ``gazetteer``
    (optional) names the actors of a made event that no episode has. The input set is not
    changed; with no edit the same set is returned.
    """
    outcome = EpisodeOutcome()
    editor = _Editor(episode_set.episodes, texts, gazetteer)
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
    edited.sort(key=lambda e: (e.first, e.last))  # a split or a made episode takes its place by date
    ids = {e.id for e in edited}
    matches = {k: [i for i in v if i in ids] for k, v in episode_set.matches.items()}
    return EpisodeSet(edited, episode_set.curation, matches), outcome
