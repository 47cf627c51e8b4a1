"""Episodes: events grouped across sentences and articles, titled, dated and named.

Which events tell of one happening is decided in :mod:`~desktop.core.episodes.merging`, how an episode is called in
:mod:`~desktop.core.episodes.titles`, and the named episodes (``corpus/episodes.yaml``, rules that label what the
extraction found) are read in :mod:`~desktop.core.episodes.curation`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.annotate import timex
from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.episodes.curation import Curation, NamedRule, load_curation
from desktop.core.episodes.event_lexicon import EventLexicon, load_event_lexicon
from desktop.core.episodes.event_records import Event, Evidence, Participant
from desktop.core.episodes.events import EventExtractor
from desktop.core.episodes.merging import dated_events, group_events
from desktop.core.episodes.titles import episode_title, rank_events


@dataclass
class Episode:
    id: str
    title: str
    type: str
    type_label: str
    family: str
    value: str
    first: dt.date
    last: dt.date
    events: list[Event]
    participants: list[Participant]
    sources: list[Participant]
    targets: list[Participant]
    place: str | None
    articles: list[str]
    evidence: list[Evidence]
    summary: str
    confidence: float
    planned: bool
    named: str | None = None
    named_label: str | None = None
    edited: bool = False  # the reader renamed, re-dated, merged, split or moved events of it

    @property
    def primary_evidence(self) -> list[Evidence]:
        return [e for e in self.evidence if e.primary]

    @property
    def actor_ids(self) -> list[str]:
        return [p.key for p in self.participants if not p.key.startswith("unlinked:")]

    def date_words(self) -> str:
        return timex.describe_value(self.value) if self.value else "date unknown"


@dataclass
class EpisodeSet:
    """Every episode of a corpus, with the named rules and what they matched."""

    episodes: list[Episode]
    curation: Curation
    matches: dict[str, list[str]] = field(default_factory=dict)  # named id -> episode ids

    def get(self, episode_id: str) -> Episode | None:
        return next((e for e in self.episodes if e.id == episode_id), None)

    def named(self, named_id: str) -> list[Episode]:
        return [e for e in self.episodes if e.id in self.matches.get(named_id, ())]

    def unmatched(self) -> list[NamedRule]:
        return [r for r in self.curation.named if not self.matches.get(r.id)]

    def resolve(self, ids: Sequence[str]) -> tuple[list[tuple[str, list[Episode]]], list[str]]:
        """Episode or named ids -> (label, episodes) groups, and the ids that matched nothing."""
        groups, unknown = [], []
        for wanted in ids:
            rule = self.curation.rule(wanted)
            if rule is not None and self.named(wanted):
                groups.append((rule.label, self.named(wanted)))
                continue
            episode = self.get(wanted)
            if episode is not None:
                groups.append((episode.title, [episode]))
            else:
                unknown.append(wanted)
        return groups, unknown

    def valid_ids(self) -> list[str]:
        return [r.id for r in self.curation.named if self.matches.get(r.id)] + [e.id for e in self.episodes]


def _matches(rule: NamedRule, episode: Episode) -> bool:
    """The episode lies inside the rule's window, has an event of its types and its actors."""
    if not rule.covers(episode.first, episode.last):
        return False  # outside the window, whatever its words
    if not {e.type for e in episode.events} & set(rule.types):
        return False
    keys = {p.key for p in episode.participants}
    if rule.actors and not set(rule.actors) <= keys:
        return False
    return not (rule.any_actors and not set(rule.any_actors) & keys)


# --------------------------------------------------------------------------- episodes


def _intersection_value(dated: list[Event], lo: dt.date, hi: dt.date) -> str:
    """The most precise value that describes the intersection ``lo``..``hi``."""
    for e in sorted(dated, key=lambda e: e.last - e.first):
        if e.first == lo and e.last == hi:
            return e.value
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"


def _episode_dates(events: list[Event]) -> tuple[str, dt.date, dt.date] | None:
    """Where the events agree, their intersection; where they do not, their span. A later stage
    (a letter's publication) does not date its episode: the document does ("dated April 6")."""
    dated = dated_events(events)
    dated = [e for e in dated if not e.stage] or dated
    if not dated:
        return None
    lo = max(e.first for e in dated)
    hi = min(e.last for e in dated)
    if lo <= hi:
        return _intersection_value(dated, lo, hi), lo, hi
    spans = set((e.first, e.last) for e in dated)  # events of one span are alike here: each span once
    finest = [s for s in spans if not any(_inside(o, s) for o in spans)]  # a coarser restatement adds nothing
    lo = min(first for first, _last in finest)
    hi = max(last for _first, last in finest)
    return f"{lo.isoformat()}/{hi.isoformat()}", lo, hi


def _inside(inner: tuple[dt.date, dt.date], outer: tuple[dt.date, dt.date]) -> bool:
    """The span ``inner`` lies strictly inside ``outer`` ("June 21" in "summer")."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].rstrip("-")


def _in_text_order(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.article, e.sentence))


@dataclass
class _Cast:
    """The participants of a group of events: who they are, how often, who speaks and who is spoken to."""

    by_key: dict[str, Participant] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    source_keys: list[str] = field(default_factory=list)
    target_keys: list[str] = field(default_factory=list)

    def add(self, people: Sequence[Participant], weight: int, keys: list[str]) -> None:
        for p in people:
            self.by_key.setdefault(p.key, p)
            self.counts[p.key] += weight
            if p.key not in keys:
                keys.append(p.key)

    def people_first(self) -> list[Participant]:
        return sorted(self.by_key.values(), key=lambda p: (p.kind != "person", -self.counts[p.key]))

    def sources(self, main: Event) -> list[Participant]:
        """The main event's own source leads; then the other sources, people first."""
        main_keys = {p.key for p in main.sources}
        ordered = [p.key for p in main.sources] + [k for k in self.source_keys if k not in main_keys]
        return [self.by_key[k] for k in ordered if self.by_key[k].kind == "person"] or [self.by_key[k] for k in ordered]

    def targets(self, sources: list[Participant]) -> list[Participant]:
        lead = {p.key for p in sources[:1]}
        targets = self._people(self.target_keys, lead)
        return targets or self._people(self.source_keys, lead)

    def _people(self, keys: list[str], lead: set[str]) -> list[Participant]:
        return [self.by_key[k] for k in keys if k not in lead and self.by_key[k].kind == "person"]


def _cast(events: list[Event]) -> _Cast:
    cast = _Cast()
    for e in _in_text_order(events):
        cast.add(e.sources, 2, cast.source_keys)
        cast.add(e.targets, 1, cast.target_keys)
    return cast


def _place(events: list[Event], main: Event) -> str | None:
    """The main event's own place, else the commonest place of the fresh, held events."""
    if main.place and not main.anaphoric:
        return main.place
    fresh = [e for e in events if not e.anaphoric and not e.planned] or events
    places = Counter(e.place for e in fresh if e.place)
    return places.most_common(1)[0][0] if places else None


def _evidence(events: list[Event]) -> list[Evidence]:
    """Each piece of evidence once, in text order; a sentence that is primary evidence anywhere is primary."""
    evidence: list[Evidence] = []
    seen = set()
    for e in _in_text_order(events):
        for ev in e.evidence:
            key = (ev.article, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                evidence.append(ev)
    primary = {(ev.article, ev.start) for ev in evidence if ev.primary}
    return [Evidence(ev.article, ev.start, ev.end, (ev.article, ev.start) in primary) for ev in evidence]


def build_episode(events: list[Event], lexicon: EventLexicon) -> Episode | None:
    dates = _episode_dates(events)
    if dates is None:
        return None
    value, first, last = dates
    main = rank_events(events)[0]
    cast = _cast(events)
    sources = cast.sources(main)
    targets = cast.targets(sources)
    place = _place(events, main)
    title = episode_title(events, lexicon, sources, targets, place)
    happenings = [e for e in events if not e.reporting] or events
    return Episode(
        id=f"{first.isoformat()}-{_slug(title)}",
        title=title,
        type=main.type,
        type_label=lexicon.types[main.type].label,
        family=main.family,
        value=value,
        first=first,
        last=last,
        events=sorted(events, key=lambda e: (e.first or dt.date.max, e.article, e.sentence)),
        participants=cast.people_first(),
        sources=sources,
        targets=targets,
        place=place,
        articles=list(dict.fromkeys(e.article for e in events)),
        evidence=_evidence(events),
        summary=main.summary,
        confidence=max(e.confidence for e in events),
        planned=all(e.planned for e in happenings),
    )


def _name(episodes: list[Episode], curation: Curation) -> dict[str, list[str]]:
    """Each named rule's matching episode ids; an episode carries the first rule that matches it."""
    matches: dict[str, list[str]] = {}
    for rule in curation.named:
        found = [e for e in episodes if _matches(rule, e)]
        matches[rule.id] = [e.id for e in found]
        for e in found:
            if e.named is None:
                e.named, e.named_label = rule.id, rule.label
    return matches


def article_events(
    analyses: Sequence[ArticleAnalysis], extractor: EventExtractor, known: Mapping[str, list[Event]] | None = None
) -> list[Event]:
    """Every article's events in the order of ``analyses``: those ``known`` (extracted before from
    the same analysis, e.g. kept in the analysis cache) as they are, the others extracted now."""
    known = known or {}
    events: list[Event] = []
    for analysis in analyses:
        found = known.get(analysis.article.id)
        events += found if found is not None else extractor.extract(analysis)
    return events


def build_episodes(
    analyses: Sequence[ArticleAnalysis],
    extractor: EventExtractor | None = None,
    curation: Curation | None = None,
    events: Mapping[str, list[Event]] | None = None,
) -> EpisodeSet:
    """Extract events from every article, group them into episodes and name them.

    ``events`` (article id → events) holds the events already extracted from some of the analyses
    as they are given (never from another version of the article or of its corrections)."""
    extractor = extractor or EventExtractor()
    lexicon = extractor.lexicon
    curation = curation or load_curation()
    extracted = article_events(analyses, extractor, events)
    episodes = []
    for group in group_events(extracted, curation.merge):
        episode = build_episode(group, lexicon)
        if episode is not None and episode.participants:  # nobody takes part: no episode to tell
            episodes.append(episode)
    episodes.sort(key=lambda e: (e.first, e.last, e.title))
    used: Counter[str] = Counter()
    for episode in episodes:
        used[episode.id] += 1
        if used[episode.id] > 1:
            episode.id = f"{episode.id}-{used[episode.id]}"
    matches = _name(episodes, curation)
    return EpisodeSet(episodes, curation, matches)


def episode_json(episode: Episode) -> dict:
    """One episode in the ``analyze --json`` contract."""
    return {
        "id": episode.id,
        "title": episode.title,
        "start": episode.first.isoformat(),
        "end": episode.last.isoformat(),
        "value": episode.value,
        "type": episode.type,
        "actors": episode.actor_ids,
        "place": episode.place,
        "named": episode.named,
        "evidence": [{"article": e.article, "start": e.start, "end": e.end} for e in episode.primary_evidence],
    }


__all__ = ["Episode", "EpisodeSet", "build_episodes", "episode_json", "load_event_lexicon"]
