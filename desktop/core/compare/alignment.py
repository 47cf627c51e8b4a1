"""Sentence alignment across texts and word-level diffs, for the comparison of episodes.

Sentences of several subjects (one pool of sentences per subject) are paired by similarity,
the way collation tools for news texts do it (LERA; Nelken & Shieber's alignment of
comparable news): each sentence becomes two TF-IDF vectors, one of its content words
(lowercased, a light stop-word list removed) and one of its character trigrams (robust to
inflection and transliteration: Lukashenko/Lukashenka); their cosine similarities are
averaged. Pairs above a threshold are then merged greedily, best first, into aligned groups
that hold at most one sentence per subject.

An aligned group is shown as a diff: :func:`word_diff` compares word tokens with
:class:`difflib.SequenceMatcher` and keeps every character (white space and punctuation
ride with the token they precede), so the pieces of either side join back into the exact
sentence. Pure Python, no Qt.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Function words left out of the word vectors (and never inflected in cue phrases).
STOP_WORDS = frozenset(
    """a an and are as at be been being but by can could did do does for from had has have he her
    his i if in into is it its itself may might more most must no nor not of on or our out over
    own she should so such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would
    you your also only just about after before during against between both each few other some
    any all s t said says""".split()
)

#: Above this combined cosine two sentences of different subjects may align.
ALIGN_THRESHOLD = 0.28
#: Below this word-diff ratio an aligned group is coloured as whole sentences.
DIFF_THRESHOLD = 0.3
#: Weight of the word vector in the combined similarity (the rest: character trigrams).
WORD_WEIGHT = 0.5

_TOKEN = re.compile(r"\s*(?:\w+(?:[’'\-.]\w+)*|[^\w\s])", re.UNICODE)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark with the white space before it; ``start``/``end`` index the text."""

    text: str  # with leading white space: joining all tokens gives the text back
    start: int
    end: int

    @property
    def key(self) -> str:
        """What comparison looks at: the word itself, lowercased, quotes and dashes unified."""
        return self.text.strip().lower().translate(_QUOTES)


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into tokens that cover it completely (trailing space joins the last token)."""
    tokens: list[Token] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() != pos:  # cannot happen with this pattern, but never lose a character
            tokens.append(Token(text[pos : match.start()], pos, match.start()))
        tokens.append(Token(match.group(), match.start(), match.end()))
        pos = match.end()
    if pos < len(text):
        if tokens:
            last = tokens.pop()
            tokens.append(Token(text[last.start :], last.start, len(text)))
        else:
            tokens.append(Token(text[pos:], pos, len(text)))
    return tokens


def content_words(text: str) -> list[str]:
    """Lowercased words of ``text`` without stop words and one-letter words."""
    words = (w.lower().translate(_QUOTES).strip("'") for w in _WORD.findall(text))
    return [w for w in words if len(w) > 1 and w not in STOP_WORDS and not w.isdigit()]


def char_trigrams(text: str) -> list[str]:
    """Character trigrams of the lowercased text, words separated by one space, padded."""
    norm = " " + " ".join(w.lower().translate(_QUOTES) for w in _WORD.findall(text)) + " "
    return [norm[i : i + 3] for i in range(len(norm) - 2)]


# --------------------------------------------------------------------------- similarity


def _tfidf(docs: Sequence[Sequence[str]], weights: Sequence[int] | None = None) -> list[dict[str, float]]:
    """L2-normalised TF-IDF vectors (smoothed idf) of tokenised documents; ``weights``: how many
    times each document occurs (a repeated sentence counts as often as it occurs)."""
    weights = weights if weights is not None else [1] * len(docs)
    df: Counter[str] = Counter()
    for doc, weight in zip(docs, weights, strict=True):
        for term in set(doc):
            df[term] += weight
    n = sum(weights)
    vectors = []
    for doc in docs:
        tf = Counter(doc)
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


class SimilarityModel:
    """TF-IDF vectors of a set of sentences; :meth:`similarity` compares two of them."""

    def __init__(
        self, texts: Sequence[str], word_weight: float = WORD_WEIGHT, weights: Sequence[int] | None = None
    ) -> None:
        self.texts = list(texts)
        self.word_weight = word_weight
        self.words = [content_words(t) for t in self.texts]
        self._words = _tfidf(self.words, weights)
        self._chars = _tfidf([char_trigrams(t) for t in self.texts], weights)
        self.scored = 0  # how many pairs :meth:`similarity` has scored

    def similarity(self, i: int, j: int) -> float:
        """Combined cosine of sentences ``i`` and ``j`` (0 … 1)."""
        self.scored += 1
        w = _cosine(self._words[i], self._words[j])
        c = _cosine(self._chars[i], self._chars[j])
        return self.word_weight * w + (1 - self.word_weight) * c


def similarity(a: str, b: str) -> float:
    """Similarity of two sentences on their own (idf from just the two)."""
    return SimilarityModel([a, b]).similarity(0, 1)


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True)
class Alignment:
    """One aligned group: ``members[s]`` is the index of subject ``s``'s sentence, or None."""

    members: tuple[int | None, ...]
    score: float  # mean similarity over the pairs of members


class _GroupMerger:
    """Merging of candidates into groups: best first, one sentence per subject, and a mean
    cross similarity that still reaches the threshold."""

    def __init__(self, flat: Sequence[tuple[int, int]], pairs: Sequence[tuple[float, int, int]], threshold: float):
        self.flat = flat
        self.threshold = threshold
        self.sims: dict[tuple[int, int], float] = {(a, b): s for s, a, b in pairs}
        self.group_of: dict[int, int] = {}
        self.groups: dict[int, list[int]] = {}

    def sim(self, a: int, b: int) -> float:
        return self.sims.get((min(a, b), max(a, b)), 0.0)

    def _members(self, group: int | None, sentence: int) -> list[int]:
        return self.groups[group] if group is not None else [sentence]

    def _compatible(self, members_a: list[int], members_b: list[int]) -> bool:
        if {self.flat[m][0] for m in members_a} & {self.flat[m][0] for m in members_b}:
            return False
        cross = [self.sim(x, y) for x in members_a for y in members_b]
        return sum(cross) / len(cross) >= self.threshold

    def offer(self, a: int, b: int) -> None:
        """Merge the groups of sentences ``a`` and ``b`` if they may be merged."""
        ga, gb = self.group_of.get(a), self.group_of.get(b)
        if ga is not None and ga == gb:
            return
        members_a, members_b = self._members(ga, a), self._members(gb, b)
        if not self._compatible(members_a, members_b):
            return
        merged = members_a + members_b
        key = ga if ga is not None else (gb if gb is not None else a)
        for old in (ga, gb):
            if old is not None and old != key:
                del self.groups[old]
        self.groups[key] = merged
        for m in merged:
            self.group_of[m] = key

    def alignments(self, n_pools: int) -> list[Alignment]:
        """The groups as :class:`Alignment`, in the order of their first member."""
        out = []
        for members in self.groups.values():
            slots: list[int | None] = [None] * n_pools
            for m in members:
                slots[self.flat[m][0]] = self.flat[m][1]
            scores = [self.sim(x, y) for i, x in enumerate(members) for y in members[i + 1 :]]
            out.append(Alignment(tuple(slots), sum(scores) / len(scores)))
        out.sort(key=lambda g: next((s, i) for s, i in enumerate(g.members) if i is not None))
        return out


def align(
    pools: Sequence[Sequence[str]], threshold: float = ALIGN_THRESHOLD, stats: dict | None = None
) -> list[Alignment]:
    """Greedy best-first alignment of sentences across subjects.

    The candidates are the pairs of sentences from different subjects whose similarity
    reaches ``threshold``, found through an inverted index of content-word stems
    (:mod:`candidates`): a sentence is scored only against sentences that share a word stem
    that is rare enough, and a sentence repeated verbatim is scored once — never all pairs.
    Candidates are taken best first, and two groups merge when they hold no subject in
    common and their mean cross similarity still reaches the threshold. A sentence is never
    used twice. Groups come back in the order of their first member (subject, then
    position). ``stats``, if given, receives ``scored`` (pairs scored) and ``sentences``.
    """
    from desktop.core.compare.candidates import candidate_pairs

    flat: list[tuple[int, int]] = [(s, i) for s, pool in enumerate(pools) for i in range(len(pool))]
    if len(pools) < 2 or not flat:
        return []
    pairs, scored = candidate_pairs([pools[s][i] for s, i in flat], [s for s, _i in flat], threshold)
    if stats is not None:
        stats.update(scored=scored, sentences=len(flat))
    merger = _GroupMerger(flat, pairs, threshold)
    for _score, a, b in pairs:
        merger.offer(a, b)
    return merger.alignments(len(pools))


# --------------------------------------------------------------------------- word diff

EQUAL, CHANGED, INSERTED, DELETED = "equal", "changed", "inserted", "deleted"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """A stretch of the diff: ``a_text`` from the first sentence, ``b_text`` from the second.

    ``kind`` is ``equal`` (same words), ``changed`` (replaced), ``inserted`` (only in b;
    ``a_text`` empty) or ``deleted`` (only in a; ``b_text`` empty). Offsets index each
    sentence.
    """

    kind: str
    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True, slots=True)
class WordDiff:
    ops: tuple[DiffOp, ...]
    ratio: float  # SequenceMatcher ratio over word tokens (1.0 for identical sentences)

    def a_text(self) -> str:
        return "".join(op.a_text for op in self.ops)

    def b_text(self) -> str:
        return "".join(op.b_text for op in self.ops)


_KIND = {"equal": EQUAL, "replace": CHANGED, "insert": INSERTED, "delete": DELETED}


def word_diff(a: str, b: str) -> WordDiff:
    """Word-level diff of ``a`` and ``b``; the ops' texts join back into ``a`` and ``b`` exactly."""
    ta, tb = tokenize(a), tokenize(b)
    matcher = SequenceMatcher(None, [t.key for t in ta], [t.key for t in tb], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_start = ta[i1].start if i1 < len(ta) else len(a)
        a_end = ta[i2 - 1].end if i2 > i1 else a_start
        b_start = tb[j1].start if j1 < len(tb) else len(b)
        b_end = tb[j2 - 1].end if j2 > j1 else b_start
        ops.append(DiffOp(_KIND[tag], a[a_start:a_end], b[b_start:b_end], a_start, a_end, b_start, b_end))
    ratio = matcher.ratio() if (ta or tb) else 1.0
    return WordDiff(tuple(ops), ratio)


__all__ = [
    "ALIGN_THRESHOLD",
    "CHANGED",
    "DELETED",
    "DIFF_THRESHOLD",
    "EQUAL",
    "INSERTED",
    "STOP_WORDS",
    "Alignment",
    "DiffOp",
    "SimilarityModel",
    "Token",
    "WordDiff",
    "align",
    "char_trigrams",
    "content_words",
    "similarity",
    "tokenize",
    "word_diff",
]
