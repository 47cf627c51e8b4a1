"""What every kind of facet cell draws on: the lexicon, the groups and their pools, the extractor.

It also records which facets used which sentence (a reason a unique sentence counts).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from desktop.core.annotate.records import VIA_DEMONYM
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.lexicon import FacetLexicon, FacetSpec
from desktop.core.compare.pools import ArticleTexts, Groups, Pool, PoolSentence
from desktop.core.compare.records import Extract

_PAREN = re.compile(r"\s*\([^)]*\)")


def role_words(role: str) -> str:
    """A role as held, without its dates: "Foreign Minister of Belarus (2012 – 2022)" → without "(…)"."""
    return " ".join(_PAREN.sub("", role).split())


@cache
def event_lexicon() -> Any:
    """The event lexicon (labels of event types), loaded once."""
    from desktop.core.episodes.event_lexicon import load_event_lexicon

    return load_event_lexicon()


def event_label(event_type: str) -> str:
    """The label of an event type (the type itself when the lexicon does not know it)."""
    types = event_lexicon().types
    return types[event_type].label if event_type in types else event_type


class FacetContext:
    """The sources of the facet cells of one comparison."""

    def __init__(
        self,
        lexicon: FacetLexicon,
        texts: ArticleTexts,
        extractor: Extractor,
        groups: Groups,
        pools: Sequence[Pool],
        asides: Sequence[Pool] = (),
    ) -> None:
        self.lex = lexicon
        self.texts = texts
        self.extractor = extractor
        self.groups = groups
        self.pools = pools
        self.asides = asides or [() for _ in pools]  # searched when a cell finds nothing in its pool
        self.used: dict[tuple[str, int], set[str]] = defaultdict(set)  # sentence -> facet ids
        states = {
            m.name
            for analysis in texts.analyses.values()
            for m in analysis.actors
            if m.kind == "state" and m.via != VIA_DEMONYM
        }
        names = "|".join(re.escape(s) for s in sorted(states, key=len, reverse=True))
        self._of_state = re.compile(rf"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?(?:{names})\b", re.I) if names else None

    def short_role(self, role: str) -> str:
        """A role without its dates and its state, lowercased: "foreign minister"."""
        words = role_words(role)
        if self._of_state is not None:
            words = self._of_state.sub("", words)
        return words.lower()

    def take(self, spec: FacetSpec, found: Sequence[tuple[PoolSentence, Extract]]) -> tuple[Extract, ...]:
        """The first extracts of different sentences, up to the lexicon's limit; marks them used."""
        out, seen = [], set()
        for sentence, extract in found:
            key = (extract.article, extract.sentence_start)
            if key in seen:
                continue
            seen.add(key)
            self.used[(sentence.article, sentence.start)].add(spec.id)
            out.append(extract)
            if len(out) >= self.lex.max_extracts:
                break
        return tuple(out)

    def sentence_of(self, subject: int, article: str, offset: int) -> PoolSentence | None:
        """The subject's pool sentence of ``article`` that holds ``offset``."""
        for s in self.pools[subject]:
            if s.article == article and s.start <= offset < s.end:
                return s
        return None


__all__ = ["FacetContext", "event_label", "event_lexicon", "role_words"]
