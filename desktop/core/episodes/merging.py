"""Which events tell of one happening: the rules that group events within and across articles.

Events join one group when the text links them (a definite "the meeting", the same sentence and date, a shared
participant that carries the date over), and across articles only when their dates agree at their precision (the
windows of ``corpus/episodes.yaml``; a year alone never merges), their families agree and they share a participant
(a person or an organisation, not "Belarus"). A merged episode never grows past the span its precision allows.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable

from desktop.core.episodes.curation import MergeWindows, load_curation
from desktop.core.episodes.event_records import Event, Participant


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


_DAYS = {n: dt.timedelta(days=n) for n in range(3)}


def _overlap(a_first, a_last, b_first, b_last, slack: int = 1) -> bool:
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return False
    days = _DAYS[slack] if slack in _DAYS else dt.timedelta(days=slack)
    return a_first <= b_last + days and b_first <= a_last + days


def dated_events(events: list[Event]) -> list[Event]:
    """The dated events that are not mere reports of another; failing that, every dated event."""
    return [e for e in events if e.first and not e.reporting] or [e for e in events if e.first]


def _cluster_bounds(events: list[Event]) -> tuple[dt.date | None, dt.date | None]:
    dated = dated_events(events)
    if not dated:
        return None, None
    return min(e.first for e in dated), max(e.last for e in dated)


# 1. What the text links: anaphora, carried dates, shared sentences.


def _dates_conflict(a: Event, b: Event) -> bool:
    """Both are dated and their dates do not meet: a link between them is not one happening."""
    return a.first is not None and b.first is not None and not _overlap(a.first, a.last, b.first, b.last, 0)


def _link_by_text(events: list[Event], union: _Union, specific: dict[str, set[str]]) -> None:
    by_id = {e.id: e for e in events}
    for e in events:
        target = by_id.get(e.link) if e.link else None
        if target is not None and (e.stage or not _dates_conflict(e, target)):
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


#: Days beyond which a date is coarse ("this year", "spring"): it overlaps a June and a September
#: event alike, so overlapping it links nothing by date alone.
_COARSE_DAYS = 31


def _coarse_mix(a: Event, b: Event) -> bool:
    """One date a year or season, the other a month or finer: agreeing by overlap says nothing."""
    spans = sorted((e.last - e.first).days for e in (a, b))
    return spans[1] > _COARSE_DAYS >= spans[0]


def _same_article_link(a: Event, b: Event, specific: dict[str, set[str]]) -> bool:
    if not a.value or not _overlap(a.first, a.last, b.first, b.last, 0) or _coarse_mix(a, b):
        return False
    near = a.value == b.value and abs(b.sentence_index - a.sentence_index) <= 2
    shared = specific[a.id] & specific[b.id]
    return bool((a.family == b.family or near) and shared)


def _link_in_articles(events: list[Event], union: _Union, specific: dict[str, set[str]]) -> None:
    by_article: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        by_article[e.article].append(e)
    for group in by_article.values():
        for i, a in enumerate(group):
            for b in group[i + 1 : i + 40]:
                if _same_article_link(a, b, specific):
                    union.union(a.id, b.id)


def _within_articles(events: list[Event]) -> list[list[Event]]:
    union = _Union(e.id for e in events)
    specific = {e.id: {p.key for p in e.participants if _specific(p)} for e in events}
    _link_by_text(events, union, specific)
    _link_in_articles(events, union, specific)
    clusters: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        clusters[union.find(e.id)].append(e)
    return list(clusters.values())


# 2b. A cluster in which nobody takes part ("The visit continues on Saturday") joins the nearest cluster of its
#     article with the same family and agreeing dates; one that finds none is left on its own (no episode).


def _unpeopled(group: list[Event]) -> bool:
    return not any(e.participants for e in group)


def _fits(group: list[Event], other: list[Event], dates: dict[int, tuple | None], windows: MergeWindows) -> bool:
    """``other`` (of ``group``'s article) has people, the same family and dates that agree."""
    if _unpeopled(other) or dates[id(other)] is None:
        return False
    if not {e.family for e in group} & {e.family for e in other}:
        return False
    return windows.agree(dates[id(group)], dates[id(other)])


def _attach_unpeopled(clusters: list[list[Event]], windows: MergeWindows) -> list[list[Event]]:
    dates = {id(g): _ranked_bounds(g, windows) for g in clusters}
    by_article: dict[str, list[list[Event]]] = defaultdict(list)
    for group in clusters:
        by_article[group[0].article].append(group)
    for group in clusters:
        if not _unpeopled(group) or dates[id(group)] is None:
            continue
        where = min(e.sentence_index for e in group)
        fits = [g for g in by_article[group[0].article] if g is not group and g and _fits(group, g, dates, windows)]
        if fits:
            min(fits, key=lambda g: min(abs(e.sentence_index - where) for e in g)).extend(group)
            group.clear()
    return [g for g in clusters if g]


def _ranked_bounds(group: list[Event], windows: MergeWindows) -> tuple[dt.date, dt.date, int] | None:
    first, last = _agreed_bounds(group)
    if first is None or last is None:
        return None
    rank = windows.rank(first, last)
    return None if rank is None else (first, last, rank)


# 3. Across articles: dates that agree at their precision (windows in corpus/episodes.yaml), a shared family and a
#    shared specific participant. One sweep per participant over its clusters in date order; only clusters whose
#    dates are near meet, and each merge is checked against the merged episode's span, so merges never chain.


def _agreed_bounds(group: list[Event]) -> tuple[dt.date | None, dt.date | None]:
    """Where the cluster's dates agree, their intersection (a day inside "2018"); else their span."""
    dated = dated_events(group)
    if not dated:
        return None, None
    lo, hi = max(e.first for e in dated), min(e.last for e in dated)
    return (lo, hi) if lo <= hi else _cluster_bounds(group)


def _info(group: list[Event], windows: MergeWindows) -> list | None:
    """[first, last, precision rank, families, specific keys, articles, only planned] of a cluster; None if it
    cannot merge."""
    first, last = _agreed_bounds(group)
    if first is None or last is None:
        return None
    rank = windows.rank(first, last)
    if rank is None:
        return None  # a year, a season: never merges by date alone
    return [
        first,
        last,
        rank,
        {e.family for e in group if not e.reporting},
        {p.key for e in group for p in e.participants if _specific(p)},
        {e.article for e in group},
        all(e.planned for e in group if not e.reporting),
    ]


class _Sweep:
    """Merges clusters of different articles that tell of the same happening.

    A merge needs a shared participant, so each participant's clusters are swept in date order, comparing the
    merged episode a cluster belongs to with those still open on that participant's timeline (few at any time)
    rather than with every cluster (quadratic on large corpora).
    """

    def __init__(self, groups: list[list[Event]], windows: MergeWindows) -> None:
        self.groups = groups
        self.windows = windows
        self.slack = dt.timedelta(days=windows.slack)
        self.infos = [_info(group, windows) for group in groups]
        self.merge = _Union(str(i) for i in range(len(groups)))
        self.merged_info: dict[str, list] = {}  # root -> its info, the union of its clusters'

    def info_of(self, root: str) -> list:
        info = self.merged_info.get(root)
        if info is None:
            first, last, rank, families, keys, articles, planned = self.infos[int(root)]
            info = self.merged_info[root] = [first, last, rank, set(families), set(keys), set(articles), planned]
        return info

    def _meets(self, a: list, b: list) -> bool:
        if a[3].isdisjoint(b[3]) or not a[5].isdisjoint(b[5]) or a[4].isdisjoint(b[4]):
            return False  # an article's own clusters were decided in step 2
        if a[6] != b[6] and max(a[2], b[2]) > 0:
            return False  # a plan for "September" is not what was done on 11 September (days may meet)
        return self.windows.agree((a[0], a[1], a[2]), (b[0], b[1], b[2]))

    def _join(self, root: str, root_i: str) -> str:
        a, b = self.info_of(root), self.info_of(root_i)
        self.merge.union(root, root_i)
        new_root = self.merge.find(root)
        self.merged_info[new_root] = [
            min(a[0], b[0]),
            max(a[1], b[1]),
            max(a[2], b[2]),
            a[3] | b[3],
            a[4] | b[4],
            a[5] | b[5],
            a[6] and b[6],
        ]
        return new_root

    def _visit(self, i: int, open_roots: list[tuple[str, list]]) -> list[tuple[str, list]]:
        """Cluster ``i``'s episode meets the episodes still open on a timeline; those open after it.

        ``open_roots`` are distinct roots with their infos (only this timeline's joins change roots
        and infos while it is swept, and a join absorbs ``root_i``, whose entry goes to the end with
        its new info), so none is looked up again. One pass drops the episodes that ended before
        cluster ``i`` begins and compares the others."""
        limit = self.infos[i][0] - self.slack
        root_i = start = self.merge.find(str(i))
        absorbed = set()
        mine = self.info_of(root_i)
        families = mine[3]
        kept = []
        for entry in open_roots:
            theirs = entry[1]
            if theirs[1] < limit:
                continue  # ended before this cluster begins
            kept.append(entry)
            if families.isdisjoint(theirs[3]) or entry[0] == root_i:
                continue  # no family in common: the cheapest test first
            if self._meets(mine, theirs):
                absorbed.add(root_i)
                root_i = self._join(entry[0], root_i)
                mine = self.merged_info[root_i]
                families = mine[3]
        if absorbed or any(entry[0] == start for entry in kept):
            kept = [e for e in kept if e[0] != root_i and e[0] not in absorbed]
        kept.append((root_i, mine))
        return kept

    def run(self) -> list[list[Event]]:
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, info in enumerate(self.infos):
            if info is not None:
                for key in info[4]:
                    by_key[key].append(i)
        for key in sorted(by_key):
            open_roots: list[tuple[str, list]] = []
            for i in sorted(by_key[key], key=lambda i: self.infos[i][0]):
                open_roots = self._visit(i, open_roots)
        merged: dict[str, list[Event]] = defaultdict(list)
        for i, group in enumerate(self.groups):
            merged[self.merge.find(str(i))].extend(group)
        return list(merged.values())


def group_events(events: list[Event], windows: MergeWindows | None = None) -> list[list[Event]]:
    """Events that tell of one happening, grouped (within and across articles)."""
    windows = windows or load_curation().merge
    return _Sweep(_attach_unpeopled(_within_articles(events), windows), windows).run()
