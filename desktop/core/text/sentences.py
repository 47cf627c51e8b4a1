"""Sentences of plain text: boundaries that survive abbreviations, initials and quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen col lt maj capt sgt adm gov sen rep st jr sr vs etc approx
    no nos fig vol ed eds pres dept univ assn inc ltd co corp jan feb mar apr jun jul aug
    sep sept oct nov dec mt ft rev hon amb rt""".split()
)

# A candidate boundary: terminal punctuation, closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)|\n+")
_NEXT_START = re.compile(r"\s*[\"“‘'(\[]*([A-Z0-9ÀÁÂÄĄĆČÉĘÍŁŃÓŚŠŹŻŽ])")
_WORD_BEFORE = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)\.?$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the full stop at ``dot`` end an abbreviation rather than a sentence?"""
    match = _WORD_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if not match:
        return False
    word = match.group(1)
    if "." in word:  # U.S. / e.g. / U.N.
        return True
    if len(word) == 1 and word.isupper():  # an initial: "A. Wess Mitchell"
        return True
    return word.lower() in _ABBREVIATIONS


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence in ``text[start:end]``, trimmed of white space."""
    end = len(text) if end is None else end
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group().startswith("\n"):
            cut = match.start()
        else:
            nxt = _NEXT_START.match(text, match.end(), end)
            if not nxt:
                continue
            punct_end = match.start() + len(match.group().rstrip("\"”’')]"))
            if text[punct_end - 1] == "." and _is_abbreviation(text, punct_end - 1):
                # "U.S. Assistant Secretary" must not end a sentence; "the U.S. They" is rare.
                continue
            cut = match.end()
        yield from _trimmed(text, sent_start, cut)
        sent_start = match.end()
    yield from _trimmed(text, sent_start, end)


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        yield a, b


def sentences(text: str) -> list[tuple[int, int]]:
    return list(sentence_spans(text))
