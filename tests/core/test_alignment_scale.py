"""The sentence alignment never scores all pairs (issue 11): counts, not times."""

from __future__ import annotations

import random

from desktop.core.compare import alignment
from desktop.core.compare.alignment import align
from desktop.core.compare.pools import OTHER, PRIMARY, PoolSentence, alignment_pools

COMMON = "Minsk Belarus Lukashenko minister talks sanctions relations Washington".split()


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    words = rng.sample(COMMON, 3) + rng.sample(vocabulary, 6)
    return " ".join(words).capitalize() + "."


def _pools(n: int, seed: int = 0) -> list[list[str]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i:04d}x" for i in range(3000)]
    sentences = [_sentence(rng, vocabulary) for _ in range(n)]
    return [sentences[: n // 2], sentences[n // 2 :]]


def test_two_thousand_sentences_are_scored_far_below_all_pairs():
    pools = _pools(2000)
    stats: dict = {}
    align(pools, stats=stats)
    n = stats["sentences"]
    assert n == 2000
    # Every sentence shares three common words with every other: all pairs would be n(n-1)/2.
    assert stats["scored"] < n * n / 20, stats


def test_scorings_grow_linearly_with_the_sentences():
    small, large = {}, {}
    align(_pools(1000, seed=1), stats=small)
    align(_pools(4000, seed=1), stats=large)
    assert large["scored"] < 6 * small["scored"], (small, large)  # 4x the sentences; quadratic would be 16x


def test_repeated_sentences_are_scored_once_and_still_align():
    text = "The envoy met the president in Minsk and discussed the release of prisoners."
    pools = [[text] * 500, [text] * 300, ["Nothing alike here at all."]]
    stats: dict = {}
    found = align(pools, stats=stats)
    assert stats["scored"] <= 3
    assert len(found) == 300  # one group per sentence of the smaller pool, never a sentence twice
    used = [(s, m) for g in found for s, m in enumerate(g.members) if m is not None]
    assert len(used) == len(set(used))


def test_small_pools_align_as_all_pairs_would():
    """Below the index's limits every pair sharing a word stem is scored: the same result as all pairs."""
    a = ["Lukashenko met the US envoy in Minsk on Tuesday.", "The weather was fine."]
    b = ["Lukashenka received the American envoy in Minsk.", "Prices rose sharply."]
    found = align([a, b])
    assert [g.members for g in found] == [(0, 0)]
    assert found[0].score >= alignment.ALIGN_THRESHOLD


def _sentence_at(subject: int, article: str, index: int, rank: int) -> PoolSentence:
    return PoolSentence(subject, article, index * 10, index * 10 + 9, rank, index, f"s{index}")


def test_alignment_pools_are_the_evidence_and_its_neighbours():
    pool = [_sentence_at(0, "a", i, PRIMARY if i == 50 else OTHER) for i in range(100)]
    pool += [_sentence_at(0, "b", i, OTHER) for i in range(100)]
    (kept,) = alignment_pools([pool], shown={("b", 200)})
    assert [(s.article, s.start) for s in kept] == [("a", 490), ("a", 500), ("a", 510), ("b", 200)]
