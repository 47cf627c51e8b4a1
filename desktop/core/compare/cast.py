"""The cast matrix: every actor named in the compared groups, with mentions counted per group.

Counts are of the group's pool sentences; ``outside`` counts the rest of its source articles.
Rows are grouped by side (``cast.side_order`` in ``facets.yaml``), most mentioned first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from desktop.core.annotate.records import VIA_DEMONYM, ActorMention
from desktop.core.compare.facet_context import role_words
from desktop.core.compare.parties import actor_key
from desktop.core.compare.pools import ArticleTexts, Pool
from desktop.core.compare.records import CastRow, presence_marker


class _Tally:
    """Mentions per actor and group, and what the cast row shows of each actor."""

    def __init__(self, groups: int) -> None:
        self.groups = groups
        self.counts: dict[str, list[int]] = defaultdict(lambda: [0] * groups)
        self.outside: dict[str, list[int]] = defaultdict(lambda: [0] * groups)
        self.info: dict[str, ActorMention] = {}  # the mention that names the actor best
        self.roles: dict[str, str] = {}

    def count(self, table: dict[str, list[int]], group: int, m: ActorMention) -> None:
        key = actor_key(m)
        table[key][group] += 1
        if key not in self.info or (self.info[key].via == VIA_DEMONYM and m.via != VIA_DEMONYM):
            self.info[key] = m
        if m.role and key not in self.roles:
            self.roles[key] = role_words(m.role)

    def add_pool(self, group: int, pool: Pool, texts: ArticleTexts) -> None:
        inside: set[tuple[str, int]] = set()
        for sentence in pool:
            for m in texts.actors(sentence.article, sentence.start, sentence.end):
                self.count(self.counts, group, m)
                inside.add((sentence.article, m.start))
        for article in dict.fromkeys(s.article for s in pool):
            for m in texts.actors(article, 0, len(texts.text(article))):
                if (article, m.start) not in inside:
                    self.count(self.outside, group, m)

    def row(self, key: str, m: ActorMention) -> CastRow:
        none = (0,) * self.groups
        c = tuple(self.counts[key]) if key in self.counts else none
        o = tuple(self.outside[key]) if key in self.outside else none
        present = [a > 0 or b > 0 for a, b in zip(c, o, strict=True)]
        return CastRow(key, m.name, m.kind, m.side, self.roles.get(key, ""), c, o, presence_marker(present))


def cast_rows(pools: Sequence[Pool], texts: ArticleTexts, side_order: Sequence[str]) -> tuple[CastRow, ...]:
    """The cast, by side in ``side_order`` (unknown sides last), then by mentions and name."""
    tally = _Tally(len(pools))
    for group, pool in enumerate(pools):
        tally.add_pool(group, pool, texts)
    order = {side: i for i, side in enumerate(side_order)}
    rows = [tally.row(key, m) for key, m in tally.info.items()]
    rows.sort(key=lambda r: (order.get(r.side, len(order)), -sum(r.counts), -sum(r.outside), r.name))
    return tuple(rows)


__all__ = ["cast_rows"]
