"""Episodes: events grouped across sentences and articles, titled, dated and named.

Events join one episode when the text links them (a definite "the meeting", the same sentence and date, a shared
participant that carries the date over), and across articles when their dates overlap, their families agree and they
share a participant that is rare enough to mean something (a person or an organisation, not "Belarus"). Named episodes
(``corpus/episodes.yaml``) are rules that label what the extraction found.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from desktop.core.annotate import timex
from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.episodes.events import Event, EventExtractor, EventLexicon, Evidence, Participant, load_event_lexicon
from desktop.core.files.lexicons import DataFileError, load_yaml
from desktop.core.text.clip import whole_words

WESTERN_SIDES = ("us", "eu", "poland", "west", "ukraine", "international")


@dataclass(frozen=True, slots=True)
class NamedRule:
    id: str
    label: str
    description: str
    actors: tuple[str, ...] = ()
    any_actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True)
class Curation:
    named: tuple[NamedRule, ...]
    compare: tuple[str, ...]

    def rule(self, named_id: str) -> NamedRule | None:
        return next((r for r in self.named if r.id == named_id), None)


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


# --------------------------------------------------------------------------- curation


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"episodes.yaml: {where}: not a date (YYYY-MM-DD): {value!r}") from None


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"episodes.yaml: {where}: expected a list of ids")
    return tuple(value)


@cache
def load_curation() -> Curation:
    """``corpus/episodes.yaml``, validated; an error names the entry and the field."""
    from desktop.core.files import paths

    data = load_yaml(paths.corpus_dir() / "episodes.yaml") or {}
    if not isinstance(data, dict):
        raise DataFileError("episodes.yaml: expected a mapping with 'named' and 'compare'")
    rules = []
    for index, entry in enumerate(data.get("named") or []):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise DataFileError(f"episodes.yaml: named entry #{index + 1} needs an 'id' and a 'label'")
        where = f"named episode '{entry['id']}'"
        rule = entry.get("rule") or {}
        if not isinstance(rule, dict):
            raise DataFileError(f"episodes.yaml: {where}: 'rule' must be a mapping")
        unknown = set(rule) - {"actors", "any_actors", "types", "from", "to"}
        if unknown:
            raise DataFileError(f"episodes.yaml: {where}: unknown rule field(s) {', '.join(sorted(unknown))}")
        rules.append(
            NamedRule(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=str(entry.get("description", "")).strip(),
                actors=_strings(rule.get("actors"), f"{where}, actors"),
                any_actors=_strings(rule.get("any_actors"), f"{where}, any_actors"),
                types=_strings(rule.get("types"), f"{where}, types"),
                first=_date(rule.get("from"), f"{where}, from"),
                last=_date(rule.get("to"), f"{where}, to"),
            )
        )
    ids = {r.id for r in rules}
    compare = _strings(data.get("compare"), "compare")
    missing = [c for c in compare if c not in ids]
    if missing:
        raise DataFileError(f"episodes.yaml: compare names unknown episode(s): {', '.join(missing)}")
    return Curation(tuple(rules), compare)


def _matches(rule: NamedRule, episode: Episode) -> bool:
    keys = {p.key for p in episode.participants}
    if rule.actors and not set(rule.actors) <= keys:
        return False
    if rule.any_actors and not set(rule.any_actors) & keys:
        return False
    if rule.types and not {e.type for e in episode.events} & set(rule.types):
        return False
    if rule.first and episode.last < rule.first:
        return False
    return not (rule.last and episode.first > rule.last)


# --------------------------------------------------------------------------- grouping


class _Union:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def _specific(p: Participant) -> bool:
    return p.kind in ("person", "organisation") or p.key.startswith("unlinked:")


def _overlap(a_first, a_last, b_first, b_last, slack: int = 1) -> bool:
    if None in (a_first, a_last, b_first, b_last):
        return False
    return a_first <= b_last + dt.timedelta(days=slack) and b_first <= a_last + dt.timedelta(days=slack)


def _cluster_bounds(events: list[Event]) -> tuple[dt.date | None, dt.date | None]:
    dated = [e for e in events if e.first and not e.reporting] or [e for e in events if e.first]
    if not dated:
        return None, None
    return min(e.first for e in dated), max(e.last for e in dated)


def group_events(events: list[Event]) -> list[list[Event]]:
    """Events that tell of one happening, grouped (within and across articles)."""
    by_id = {e.id: e for e in events}
    union = _Union(by_id)
    specific = {e.id: {p.key for p in e.participants if _specific(p)} for e in events}
    # 1. What the text links: anaphora, carried dates, shared sentences.
    for e in events:
        if e.link and e.link in by_id:
            union.union(e.link, e.id)
    by_sentence: dict[tuple[str, tuple[int, int]], list[Event]] = defaultdict(list)
    for e in events:
        by_sentence[(e.article, e.sentence)].append(e)
    for group in by_sentence.values():
        for a, b in itertools.pairwise(group):
            a_keys, b_keys = specific[a.id], specific[b.id]
            if a.value == b.value and (a_keys & b_keys or not a_keys or not b_keys):
                union.union(a.id, b.id)
    # 2. Same article, overlapping dates and a shared specific participant: the same family,
    #    or neighbouring sentences with the same date ("…will be held in November. He invited…").
    by_article: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_article[e.article].append(e)
    for group in by_article.values():
        for i, a in enumerate(group):
            for b in group[i + 1 : i + 40]:
                if not a.value or not _overlap(a.first, a.last, b.first, b.last, 0):
                    continue
                near = a.value == b.value and abs(b.sentence_index - a.sentence_index) <= 2
                shared = specific[a.id] & specific[b.id]
                if (a.family == b.family or near) and shared:
                    union.union(a.id, b.id)
    clusters: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        clusters[union.find(e.id)].append(e)
    groups = list(clusters.values())
    # 3. Across articles: overlapping dates, a shared family, a rare shared participant.
    #    One sweep over the clusters in date order; only clusters whose dates overlap meet.
    infos = []
    for group in groups:
        first, last = _cluster_bounds(group)
        infos.append(
            (
                first,
                last,
                {e.family for e in group if not e.reporting},
                {p.key for e in group for p in e.participants if _specific(p)},
                {e.article for e in group},
            )
        )
    df: Counter[str] = Counter()
    for group in groups:
        df.update({p.key for e in group for p in e.participants})
    n = max(1, len(groups))
    threshold = math.log(1 + n / max(1, n * 0.34))
    # A merge needs a shared participant, so sweep each participant's clusters in date order,
    # comparing a cluster with the merged episodes still open on that participant's timeline
    # (few at any time) rather than with every cluster (quadratic on large corpora).
    merge = _Union(str(i) for i in range(len(groups)))
    slack = dt.timedelta(days=1)
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, info in enumerate(infos):
        if info[0] is not None:
            for key in info[3]:
                by_key[key].append(i)
    merged_info: dict[str, list] = {}  # root -> [first, last, families, keys, articles]

    def info_of(root: str) -> list:
        info = merged_info.get(root)
        if info is None:
            first, last, families, keys, articles = infos[int(root)]
            info = merged_info[root] = [first, last, set(families), set(keys), set(articles)]
        return info

    for key in sorted(by_key):
        open_roots: list[str] = []
        for i in sorted(by_key[key], key=lambda i: infos[i][0]):
            first_i, last_i, families_i, keys_i, articles_i = infos[i]
            root_i = merge.find(str(i))
            open_roots = [
                r for r in dict.fromkeys(merge.find(r) for r in open_roots) if info_of(r)[1] + slack >= first_i
            ]
            for root in open_roots:
                if root == root_i:
                    continue
                first_r, last_r, families_r, keys_r, articles_r = info_of(root)
                if articles_i <= articles_r and articles_r <= articles_i:
                    continue  # same articles: step 2 already decided
                if not _overlap(first_i, last_i, first_r, last_r) or not families_i & families_r:
                    continue
                shared = keys_i & keys_r
                if sum(math.log(1 + n / df[k]) for k in shared) >= threshold:
                    a, b = info_of(root), info_of(root_i)
                    merge.union(root, root_i)
                    new_root = merge.find(root)
                    merged_info[new_root] = [
                        min(a[0], b[0]),
                        max(a[1], b[1]),
                        a[2] | b[2],
                        a[3] | b[3],
                        a[4] | b[4],
                    ]
                    root_i = new_root
            open_roots.append(root_i)
    merged: dict[str, list[Event]] = defaultdict(list)
    for i, group in enumerate(groups):
        merged[merge.find(str(i))].extend(group)
    return list(merged.values())


# --------------------------------------------------------------------------- episodes


def _episode_dates(events: list[Event]) -> tuple[str, dt.date, dt.date] | None:
    """Where the events agree, their intersection; where they do not, their span."""
    dated = [e for e in events if e.first and not e.reporting] or [e for e in events if e.first]
    if not dated:
        return None
    lo = max(e.first for e in dated)
    hi = min(e.last for e in dated)
    if lo <= hi:
        # the most precise value that describes the intersection
        for e in sorted(dated, key=lambda e: e.last - e.first):
            if e.first == lo and e.last == hi:
                return e.value, lo, hi
        value = lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"
        return value, lo, hi
    lo = min(e.first for e in dated)
    hi = max(e.last for e in dated)
    return f"{lo.isoformat()}/{hi.isoformat()}", lo, hi


def _names(people: Sequence[Participant], limit: int = 2) -> str:
    names = [p.short for p in people]
    if not names:
        return ""
    if len(names) > limit:
        names = [*names[:limit], "others"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fill(templates: Sequence[str], slots: dict[str, str]) -> str:
    for template in templates:
        needed = re.findall(r"{(\w+)}", template)
        if all(slots.get(k) for k in needed):
            return template.format(**{k: slots[k] for k in needed})
    return ""


SUBSTANTIVE = ("contact", "letter", "conference", "prisoners", "pressure")


def _rank(events: list[Event]) -> list[Event]:
    """Events by how well they stand for the episode: fresh, substantive, with an actor."""
    return sorted(
        [e for e in events if not e.reporting] or events,
        key=lambda e: (e.anaphoric, e.planned and not e.value, -e.priority, not e.sources, -e.confidence),
    )


def _title(events: list[Event], lexicon: EventLexicon, sources, targets, place) -> str:
    ranked = _rank(events)
    main = ranked[0]
    main_type = lexicon.types[main.type]
    fresh = [e for e in ranked if not e.anaphoric]
    slots = {
        "source": _names(sources[:1]),
        "targets": _names([t for t in targets if t.key in {p.key for p in main.participants}]) or _names(targets),
        "object": main.object_phrase,
        "place": place or "",
        "organisation": main.organisation or next((e.organisation for e in fresh if e.organisation), ""),
        "name": main.name_phrase[:1].upper() + main.name_phrase[1:] if main.name_phrase else "",
        "clause": main.clause,
    }
    title = _fill(main_type.titles, slots) or f"{main_type.label}: {whole_words(main.summary, 60)}"
    # A second substantive family adds its verb phrase: "…; meets Lukashenko and Makei".
    second = next((e for e in fresh if e.type != main.type and e.family in SUBSTANTIVE and not e.reporting), None)
    if (
        second is not None
        and slots["source"]
        and not (second.family == "conference" and slots["organisation"] in title)
    ):
        extra = _fill(
            lexicon.types[second.type].titles,
            {**slots, "targets": _names(second.targets) or second.object_phrase},
        )
        if extra.startswith(slots["source"] + " ") and title.startswith(slots["source"]):
            extra = extra[len(slots["source"]) + 1 :]
        if extra and extra.lower() not in title.lower():
            title = f"{title}; {extra}"
    return title[:1].upper() + title[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].rstrip("-")


def build_episode(events: list[Event], lexicon: EventLexicon) -> Episode | None:
    dates = _episode_dates(events)
    if dates is None:
        return None
    value, first, last = dates
    ranked = _rank(events)
    main = ranked[0]
    counts: Counter[str] = Counter()
    by_key: dict[str, Participant] = {}
    source_keys: list[str] = []
    target_keys: list[str] = []
    for e in sorted(events, key=lambda e: (e.article, e.sentence)):
        for p in e.sources:
            by_key.setdefault(p.key, p)
            counts[p.key] += 2
            if p.key not in source_keys:
                source_keys.append(p.key)
        for p in e.targets:
            by_key.setdefault(p.key, p)
            counts[p.key] += 1
            if p.key not in target_keys:
                target_keys.append(p.key)
    people_first = sorted(by_key.values(), key=lambda p: (p.kind != "person", -counts[p.key]))
    # The main event's own source leads; then the other sources, people first.
    ordered = [p.key for p in main.sources] + [k for k in source_keys if k not in {p.key for p in main.sources}]
    sources = [by_key[k] for k in ordered if by_key[k].kind == "person"] or [by_key[k] for k in ordered]
    lead = {p.key for p in sources[:1]}
    targets = [by_key[k] for k in target_keys if k not in lead and by_key[k].kind == "person"]
    if not targets:
        targets = [by_key[k] for k in source_keys if k not in lead and by_key[k].kind == "person"]
    fresh = [e for e in events if not e.anaphoric and not e.planned] or events
    places = Counter(e.place for e in fresh if e.place)
    place = main.place if main.place and not main.anaphoric else (places.most_common(1)[0][0] if places else None)
    title = _title(events, lexicon, sources, targets, place)
    evidence: list[Evidence] = []
    seen = set()
    for e in sorted(events, key=lambda e: (e.article, e.sentence)):
        for ev in e.evidence:
            key = (ev.article, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                evidence.append(ev)
    # A sentence that is primary evidence anywhere is primary.
    primary = {(ev.article, ev.start) for ev in evidence if ev.primary}
    evidence = [Evidence(ev.article, ev.start, ev.end, (ev.article, ev.start) in primary) for ev in evidence]
    articles = list(dict.fromkeys(e.article for e in events))
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
        participants=people_first,
        sources=sources,
        targets=targets,
        place=place,
        articles=articles,
        evidence=evidence,
        summary=main.summary,
        confidence=max(e.confidence for e in events),
        planned=all(e.planned for e in ([e for e in events if not e.reporting] or events)),
    )


def build_episodes(
    analyses: Sequence[ArticleAnalysis],
    extractor: EventExtractor | None = None,
    curation: Curation | None = None,
) -> EpisodeSet:
    """Extract events from every article, group them into episodes and name them."""
    extractor = extractor or EventExtractor()
    lexicon = extractor.lexicon
    curation = curation or load_curation()
    events = [event for analysis in analyses for event in extractor.extract(analysis)]
    episodes = []
    for group in group_events(events):
        episode = build_episode(group, lexicon)
        if episode is not None:
            episodes.append(episode)
    episodes.sort(key=lambda e: (e.first, e.last, e.title))
    used: Counter[str] = Counter()
    for episode in episodes:
        used[episode.id] += 1
        if used[episode.id] > 1:
            episode.id = f"{episode.id}-{used[episode.id]}"
    matches: dict[str, list[str]] = {}
    for rule in curation.named:
        found = [e for e in episodes if _matches(rule, e)]
        matches[rule.id] = [e.id for e in found]
        for e in found:
            if e.named is None:
                e.named, e.named_label = rule.id, rule.label
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
