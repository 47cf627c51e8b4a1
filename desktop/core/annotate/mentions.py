"""Who is mentioned where: every mention of every actor across the analysed articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import VIA_DEMONYM


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention, with the sentence around it for a list of hits."""

    article_id: str
    article_title: str
    start: int
    end: int
    text: str
    via: str
    snippet: str  # the sentence, trimmed around the mention
    snippet_start: int  # where the mention starts inside the snippet


@dataclass(frozen=True, slots=True)
class ActorEntry:
    key: str  # actor id, or "unlinked:Name"
    name: str
    kind: str
    side: str
    linked: bool
    count: int
    articles: int


def actor_key(actor: str | None, name: str) -> str:
    return actor if actor is not None else f"unlinked:{name}"


def _snippet(text: str, sentence: tuple[int, int] | None, start: int, end: int, width: int = 160) -> tuple[str, int]:
    a, b = sentence if sentence else (max(0, start - width // 2), min(len(text), end + width // 2))
    if b - a > width:
        a = max(a, start - width // 2)
        b = min(b, a + width)
    prefix = "…" if sentence and a > sentence[0] else ""
    suffix = "…" if sentence and b < sentence[1] else ""
    snippet = prefix + text[a:b].replace("\n", " ") + suffix
    return snippet, start - a + len(prefix)


class MentionIndex:
    """Mentions by actor key, built from analyses (demonyms are left out: they name sides)."""

    def __init__(self, analyses: Iterable[ArticleAnalysis] = ()) -> None:
        self._mentions: dict[str, list[Mention]] = defaultdict(list)
        self._meta: dict[str, tuple[str, str, str, bool]] = {}
        self.side_counts: Counter[str] = Counter()
        self.kind_counts: Counter[str] = Counter()
        for analysis in analyses:
            self.add(analysis)

    def add(self, analysis: ArticleAnalysis) -> None:
        article = analysis.article
        for m in analysis.actors:
            self.side_counts[m.side] += 1
            self.kind_counts["demonym" if m.via == VIA_DEMONYM else m.kind] += 1
            if m.via == VIA_DEMONYM:
                continue
            key = actor_key(m.actor, m.name)
            snippet, offset = _snippet(analysis.text, analysis.sentence_at(m.start), m.start, m.end)
            self._mentions[key].append(
                Mention(article.id, article.title, m.start, m.end, m.text, m.via, snippet, offset)
            )
            self._meta.setdefault(key, (m.name, m.kind, m.side, m.actor is not None))
        self.kind_counts["date"] += len(analysis.dates)

    def mentions(self, key: str) -> list[Mention]:
        return list(self._mentions.get(key, ()))

    def entries(self) -> list[ActorEntry]:
        """Every actor mentioned, most mentioned first."""
        out = []
        for key, mentions in self._mentions.items():
            name, kind, side, linked = self._meta[key]
            out.append(ActorEntry(key, name, kind, side, linked, len(mentions), len({m.article_id for m in mentions})))
        out.sort(key=lambda e: (-e.count, e.name))
        return out

    def entry(self, key: str) -> ActorEntry | None:
        return next((e for e in self.entries() if e.key == key), None)
