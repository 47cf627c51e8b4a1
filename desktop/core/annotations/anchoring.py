"""Finding an annotation's words again in the current plain text of its article.

The W3C Web Annotation model's way: the exact quote at its position hint if it is still
there; otherwise the one occurrence of the quote whose prefix and suffix agree best with
the recorded context; otherwise nothing, and the annotation is *orphaned* (listed, never
applied to the wrong words, never dropped).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from desktop.core.annotations.records import CONTEXT, Quote

#: The least agreement (0..1) of the context for an occurrence away from the hint to count.
MIN_AGREEMENT = 0.5
#: How much better the best occurrence must agree than the second best.
MARGIN = 0.1


def quote_at(text: str, start: int, end: int) -> Quote:
    """The selector for ``text[start:end]``."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}..{end} (the text has {len(text)} characters)")
    return Quote(text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT], start)


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _agreement(text: str, quote: Quote, start: int) -> float:
    end = start + len(quote.exact)
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return (_similarity(quote.prefix, before) + _similarity(quote.suffix, after)) / 2


def _occurrences(text: str, exact: str) -> list[int]:
    found, at = [], text.find(exact)
    while at >= 0:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def anchor(text: str, quote: Quote) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` now, as (start, end), or None (orphaned)."""
    exact = quote.exact
    if not exact:
        return None
    hint = quote.start
    if hint >= 0 and text[hint : hint + len(exact)] == exact and _agreement(text, quote, hint) >= MIN_AGREEMENT:
        return hint, hint + len(exact)
    scored = sorted(((_agreement(text, quote, at), at) for at in _occurrences(text, exact)), reverse=True)
    if not scored or scored[0][0] < MIN_AGREEMENT:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < MARGIN:
        return None  # two places fit as well: never guess
    at = scored[0][1]
    return at, at + len(exact)
