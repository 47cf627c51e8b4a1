"""Candidate pairs for the sentence alignment: an inverted index, never all pairs.

Scoring every pair of sentences is quadratic (a named episode of a large library holds
tens of thousands of sentences). Instead:

* a sentence repeated verbatim (wire copy, republished readouts) is scored once, as one
  distinct text, its idf still counting every occurrence;
* each distinct text is scored only against texts that share a content-word stem with it
  (the first :data:`STEM` letters: "Lukashenko" and "Lukashenka" share one), found in an
  inverted index; of a stem's posting list it takes at most :data:`MAX_POSTINGS` texts, the
  ones nearest it (so a common word costs a constant, not the whole list);
* a pair of distinct texts that reaches the threshold stands for the pairs of their
  occurrences in different subjects: all of them while they are few
  (:data:`FULL_EXPANSION`), else each occurrence paired once with one of each other subject.

The cost is linear in the sentences: at most ``stems × MAX_POSTINGS`` scorings per distinct
text. Two sentences that share no word stem score 0 on words and could only reach the
threshold on character trigrams alone; they are not proposed.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

#: Letters of a content word that make its stem in the index.
STEM = 5
#: Texts taken from one stem's posting list for one text: the nearest ones, at most this many.
MAX_POSTINGS = 48
#: Occurrence pairs of one pair of distinct texts expanded in full up to this many.
FULL_EXPANSION = 256

Pair = tuple[float, int, int]


def _distinct(texts: Sequence[str]) -> tuple[list[str], list[list[int]]]:
    """The distinct texts in order of first occurrence, and the positions of each."""
    index_of: dict[str, int] = {}
    occurrences: list[list[int]] = []
    for position, text in enumerate(texts):
        d = index_of.setdefault(text, len(occurrences))
        if d == len(occurrences):
            occurrences.append([])
        occurrences[d].append(position)
    return list(index_of), occurrences


def _near(stems: Sequence[set[str]]) -> list[set[int]]:
    """For each text, the later texts (and itself) that share a stem, at most MAX_POSTINGS per stem."""
    postings: dict[str, list[int]] = {}
    for d, own in enumerate(stems):
        for stem in own:
            postings.setdefault(stem, []).append(d)
    near: list[set[int]] = []
    for d, own in enumerate(stems):
        found = {d}
        for stem in own:
            ids = postings[stem]
            at = bisect.bisect_left(ids, d)
            found.update(ids[at : at + MAX_POSTINGS])  # the nearest later texts
        near.append(found)
    return near


def _expand(score: float, mine: list[int], theirs: list[int], subjects: Sequence[int], same: bool) -> list[Pair]:
    """The occurrence pairs (of different subjects) that a scored pair of distinct texts stands for."""
    if len(mine) * len(theirs) <= FULL_EXPANSION:
        pairs = {(min(a, b), max(a, b)) for a in mine for b in theirs if subjects[a] != subjects[b]}
        return [(score, a, b) for a, b in pairs]
    by_subject: dict[int, list[int]] = {}
    for a in mine:
        by_subject.setdefault(subjects[a], []).append(a)
    other: dict[int, list[int]] = {}
    for b in theirs:
        other.setdefault(subjects[b], []).append(b)
    out: set[tuple[int, int]] = set()
    for s, xs in by_subject.items():
        for t, ys in other.items():
            if s == t or (same and t < s):
                continue
            out.update((min(a, b), max(a, b)) for a, b in zip(xs, ys, strict=False))
    return [(score, a, b) for a, b in out]


def candidate_pairs(texts: Sequence[str], subjects: Sequence[int], threshold: float) -> tuple[list[Pair], int]:
    """Pairs ``(score, a, b)`` (``a < b``, different subjects) at or above ``threshold``, best first
    (ties by position); and how many pairs of distinct texts were scored."""
    from desktop.core.compare.alignment import SimilarityModel

    distinct, occurrences = _distinct(texts)
    model = SimilarityModel(distinct, weights=[len(o) for o in occurrences])
    stems = [{w[:STEM] for w in words} for words in model.words]
    kinds = [{subjects[p] for p in o} for o in occurrences]
    pairs: list[Pair] = []
    for d, near in enumerate(_near(stems)):
        for e in sorted(near):
            if (d == e and len(kinds[d]) < 2) or (len(kinds[d] | kinds[e]) < 2):
                continue  # one subject only: nothing to align
            score = model.similarity(d, e)
            if score >= threshold:
                pairs.extend(_expand(score, occurrences[d], occurrences[e], subjects, d == e))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    return pairs, model.scored


__all__ = ["FULL_EXPANSION", "MAX_POSTINGS", "STEM", "candidate_pairs"]
