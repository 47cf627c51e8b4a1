"""Aligned sentences across groups (:mod:`alignment`), as extracts with word-diff tokens."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from desktop.core.compare import alignment
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.pools import Pool
from desktop.core.compare.records import AlignedGroup, DiffToken, Extract

#: (subject, article, sentence start) of every aligned sentence.
AlignedKeys = set[tuple[int, str, int]]

_PRIORITY = {alignment.EQUAL: 0, alignment.DELETED: 1, alignment.CHANGED: 2}


def _tokens(
    members: Sequence[Extract | None], base: int, diffs: dict[int, alignment.WordDiff], diffable: bool
) -> tuple[tuple[DiffToken, ...] | None, ...]:
    """Each member as diff tokens: the base cut where others differ, the others as their diff."""
    tokens: list[tuple[DiffToken, ...] | None] = []
    for s, m in enumerate(members):
        if m is None:
            tokens.append(None)
        elif not diffable:
            tokens.append((DiffToken(m.text, alignment.CHANGED, 0, len(m.text)),))
        elif s == base:
            tokens.append(_base_tokens(m.text, list(diffs.values())))
        else:
            tokens.append(
                tuple(DiffToken(op.b_text, op.kind, op.b_start, op.b_end) for op in diffs[s].ops if op.b_text)
            )
    return tuple(tokens)


def _group(index: int, found: alignment.Alignment, pools: Sequence[Pool], extractor: Extractor) -> AlignedGroup:
    members = [extractor.make(pools[s][i], whole=True) if i is not None else None for s, i in enumerate(found.members)]
    base = next(s for s, m in enumerate(members) if m is not None)
    base_text = members[base].text
    diffs = {s: alignment.word_diff(base_text, m.text) for s, m in enumerate(members) if m is not None and s != base}
    ratio = min((d.ratio for d in diffs.values()), default=1.0)
    diffable = ratio >= alignment.DIFF_THRESHOLD
    tokens = _tokens(members, base, diffs, diffable)
    return AlignedGroup(index, tuple(members), base, round(found.score, 4), round(ratio, 4), diffable, tokens)


def aligned_groups(pools: Sequence[Pool], extractor: Extractor) -> tuple[tuple[AlignedGroup, ...], AlignedKeys]:
    """The aligned groups of the pools' sentences, and the keys of the sentences they hold."""
    found = alignment.align([[s.text for s in pool] for pool in pools])
    groups = tuple(_group(index, f, pools, extractor) for index, f in enumerate(found))
    keys = {
        (s, pools[s][i].article, pools[s][i].start) for f in found for s, i in enumerate(f.members) if i is not None
    }
    return groups, keys


def _kind_at(diffs: Sequence[alignment.WordDiff], a: int, b: int) -> str:
    """What the base's stretch [a, b) is in the diffs: changed beats deleted beats equal."""
    kind = alignment.EQUAL
    for diff in diffs:
        for op in diff.ops:
            covers = op.a_start <= a and b <= op.a_end and op.a_end > op.a_start
            if covers and _PRIORITY.get(op.kind, 0) > _PRIORITY[kind]:
                kind = op.kind
    return kind


def _base_tokens(text: str, diffs: Sequence[alignment.WordDiff]) -> tuple[DiffToken, ...]:
    """The base sentence cut where any other member differs: changed beats deleted beats equal."""
    cuts = {0, len(text)}
    for diff in diffs:
        for op in diff.ops:
            cuts.update((op.a_start, op.a_end))
    pieces: list[DiffToken] = []
    for a, b in itertools.pairwise(sorted(cuts)):
        if a >= b:
            continue
        kind = _kind_at(diffs, a, b)
        if pieces and pieces[-1].kind == kind:
            last = pieces.pop()
            pieces.append(DiffToken(last.text + text[a:b], kind, last.start, b))
        else:
            pieces.append(DiffToken(text[a:b], kind, a, b))
    return tuple(pieces)


__all__ = ["AlignedKeys", "aligned_groups"]
