"""Extracts of pool sentences, exactly as in the article: long sentences trimmed to the clause(s) around a focus."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

from desktop.core.compare.pools import EVIDENCE_WORDS, ArticleTexts, PoolSentence
from desktop.core.compare.records import Extract, Hit

_CLAUSE_CUT = re.compile(r"[,;:–—]\s+|\s+(?=(?:and|but|while|whereas|which|who|because|as|amid)\s)")
_TRIM_END = " \t\n,;:–—"

_Piece = tuple[int, int]


def _clauses(text: str, start: int, end: int) -> list[_Piece]:
    cuts = sorted({start, end, *(m.end() for m in _CLAUSE_CUT.finditer(text, start, end))})
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def _grow(pieces: Sequence[_Piece], fs: int, fe: int, limit: int) -> _Piece:
    """The clauses from the focus's first to its last, grown by whole clauses while they fit."""
    i = next((k for k, p in enumerate(pieces) if p[1] > fs), 0)
    j = next((k for k in range(len(pieces) - 1, -1, -1) if pieces[k][0] < fe), len(pieces) - 1)
    j = max(i, j)
    a, b = pieces[i][0], pieces[j][1]
    grown = True
    while grown:
        grown = False
        if j + 1 < len(pieces) and pieces[j + 1][1] - a <= limit:
            j += 1
            b = pieces[j][1]
            grown = True
        if i > 0 and b - pieces[i - 1][0] <= limit:
            i -= 1
            a = pieces[i][0]
            grown = True
    return a, b


def _word_window(text: str, start: int, end: int, piece: _Piece, fs: int, fe: int, limit: int) -> _Piece:
    """One long clause: a window of whole words around the focus."""
    a, b = piece
    centre = (fs + fe) // 2
    a = max(a, min(centre - limit // 2, b - limit))
    b = min(b, a + limit)
    if a > start:
        space = text.find(" ", a, fs if fs > a else b)
        a = space + 1 if space != -1 else a
    if b < end:
        space = text.rfind(" ", fe if fe < b else a, b)
        b = space if space > a else b
    return a, b


def _trimmed(text: str, a: int, b: int) -> _Piece:
    while a < b and text[a] in _TRIM_END:
        a += 1
    while b > a and text[b - 1] in _TRIM_END:
        b -= 1
    return a, b


def clip(text: str, start: int, end: int, focus: _Piece | None, limit: int) -> _Piece:
    """The part of ``text[start:end]`` to show: all of it when it fits in ``limit`` characters."""
    if end - start <= limit:
        return start, end
    fs, fe = focus if focus else (start, start + 1)
    a, b = _grow(_clauses(text, start, end), fs, fe, limit)
    if b - a > limit:
        a, b = _word_window(text, start, end, (a, b), fs, fe, limit)
    a, b = _trimmed(text, a, b)
    if a >= b:
        return start, end
    return a, b


class Extractor:
    """Makes :class:`Extract` records: trims long sentences to the clause(s) around a focus."""

    def __init__(self, texts: ArticleTexts, citations: Mapping[str, int], limit: int) -> None:
        self.texts = texts
        self.citations = citations
        self.limit = limit

    def make(
        self,
        sentence: PoolSentence,
        focus: _Piece | None = None,
        hits: Sequence[Hit] = (),
        whole: bool = False,
    ) -> Extract:
        text = self.texts.text(sentence.article)
        if whole:
            a, b = sentence.start, sentence.end
        else:
            a, b = clip(text, sentence.start, sentence.end, focus, self.limit)
        return Extract(
            subject=sentence.subject,
            article=sentence.article,
            start=a,
            end=b,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            text=text[a:b],
            citation=self.citations.get(sentence.article, 0),
            evidence=EVIDENCE_WORDS[sentence.rank],
            clipped_before=a > sentence.start,
            clipped_after=b < sentence.end,
            hits=tuple(h for h in hits if a <= h.start and h.end <= b),
            about=sentence.about,
        )


__all__ = ["Extractor", "clip"]
