"""Cue phrases as regular expressions: words with their simple inflections, "…" for a gap.

Shared by the facet and motif lexicons (``corpus/lexicons/facets.yaml``, ``motifs.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.compare import alignment

_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_SUFFIXES = "(?:e|es|s|ed|d|ing|ion|ions|ation|ations)?"


@dataclass(frozen=True, slots=True)
class CueGroup:
    id: str
    label: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


def _exact_word(word: str) -> str:
    return re.escape(word.lower()).replace("'", "['’]")


def _word_pattern(word: str) -> str:
    """A word of a cue phrase with its simple inflections (see facets.yaml)."""
    w = word.lower()
    if len(w) < 4 or not w.isalpha() or w in alignment.STOP_WORDS:
        return _exact_word(w)
    stem = w
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            stem = w[: -len(suffix)]
            break
    pattern = re.escape(stem)
    if stem.endswith(("is", "iz")):
        pattern = pattern[:-1] + "[sz]"
    return pattern + _SUFFIXES


def phrase_pattern(phrase: str) -> str:
    """A regular expression (no flags) for one cue phrase: words, inflections and gaps."""
    exact = phrase.startswith("=")
    phrase = phrase[1:] if exact else phrase
    word = _exact_word if exact else _word_pattern
    parts = []
    for chunk in _GAP.split(phrase.strip()):
        words = chunk.split()
        if words:
            parts.append(r"\W+".join(word(w) for w in words))
    return r"(?:\W+\w+){0,4}?\W+".join(parts)


def compile_cues(phrases: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for phrases, longest first, on word boundaries."""
    ordered = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(phrase_pattern(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def cue_group(cue_id: str, label: str, phrases: tuple[str, ...]) -> CueGroup:
    """A cue group with its compiled pattern."""
    return CueGroup(cue_id, label, phrases, compile_cues(phrases))


#: Matches by pattern and sentence (with the one character before it, that the patterns' look-behind
#: reads): a sentence repeated across a large library's articles is searched once.
#: Keyed by the pattern's id (a pattern's own hash rehashes its whole source), the pattern kept alive.
_SEEN: dict[int, tuple[re.Pattern, dict[str, tuple[tuple[int, int], ...]]]] = {}
_SEEN_MAX = 200_000


#: The same for a sequence of cue groups (a facet's cues), keyed by its id, the sequence kept alive.
_HITS: dict[int, tuple[Sequence, dict[str, tuple]]] = {}


def pattern_spans(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty matches of ``pattern`` in ``text[start:end]`` (offsets in ``text``)."""
    base = max(0, start - 1)
    key = text[base:end]
    entry = _SEEN.get(id(pattern))
    if entry is None:
        entry = _SEEN[id(pattern)] = (pattern, {})
    seen = entry[1]
    spans = seen.get(key)
    if spans is None:
        if len(seen) > _SEEN_MAX:
            seen.clear()
        found = pattern.finditer(key, start - base)
        spans = seen[key] = tuple((m.start(), m.end()) for m in found if m.end() > m.start())
    return [(a + base, b + base) for a, b in spans]


def cue_hits(cues: Sequence[CueGroup], text: str, start: int, end: int) -> list[tuple[int, int, CueGroup]]:
    """Every non-empty match of the groups in ``text[start:end]``, in text order (longest first)."""
    base = max(0, start - 1)
    key = text[base:end]
    entry = _HITS.get(id(cues))
    if entry is None:
        entry = _HITS[id(cues)] = (cues, {})
    seen = entry[1]
    found = seen.get(key)
    if found is None:
        if len(seen) > _SEEN_MAX:
            seen.clear()
        hits = [
            (a - base, b - base, group) for group in cues for a, b in pattern_spans(group.pattern, text, start, end)
        ]
        hits.sort(key=lambda h: (h[0], -h[1]))
        found = seen[key] = tuple(hits)
    return [(a + base, b + base, group) for a, b, group in found]


__all__ = ["CueGroup", "compile_cues", "cue_group", "cue_hits", "pattern_spans", "phrase_pattern"]
