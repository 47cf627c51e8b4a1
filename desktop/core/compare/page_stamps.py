"""Dates that say when a page was put up, or who wrote it, rather than when anything happened.

"2 minutes ago", "Updated 3 hours ago", "By Jane Doe, 5 hours ago", "Published 12 September
2025, 10:15": a news page's stamps and bylines come along with its text. They are dates the
page gives about itself, not dates the outlet gives about the episode, so the coverage leaves
them out of "The dates it gives" (:mod:`desktop.core.compare.coverage`). A date is a stamp:

* when the date tagger says so (a stamp label on its line: ``stamp_words`` of dates.yaml, see
  :func:`desktop.core.annotate.date_resolve.role_of`);
* when it is alone on its line (punctuation aside);
* on a short line that is no sentence (no final ``.``, ``!`` or ``?``): a byline that begins with
  one of the ``page_stamps.bylines`` of coverage.yaml and names someone before the date, or a
  date counted in ``page_stamps.clock_units`` ("Jane Doe · 3 hours ago").
"""

from __future__ import annotations

import re

from desktop.core.annotate.date_resolve import role_of
from desktop.core.annotate.date_scan import ROLE_STAMP
from desktop.core.compare.coverage_lexicon import PageStampWords

#: A line of at most this many words may be a byline or a stamp; a longer one is prose.
SHORT_LINE = 12
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*\Z")
_WORD = re.compile(r"\w+")


def _line(text: str, start: int, end: int) -> tuple[int, int]:
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return first, len(text) if last < 0 else last


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _byline(before: str, words: PageStampWords) -> bool:
    """``before`` (the line up to the date) opens with a byline word and names someone after it."""
    said = _words(before)
    for byline in words.bylines:
        lead = _words(byline)
        if lead and said[: len(lead)] == lead and len(said) > len(lead):
            return True
    return False


def is_page_stamp(text: str, start: int, end: int, words: PageStampWords) -> bool:
    """Whether the date at ``text[start:end]`` is a page's stamp or byline (see the module)."""
    if role_of(text, start, end) == ROLE_STAMP:
        return True
    first, last = _line(text, start, end)
    before, after = text[first:start], text[end:last]
    if not _WORD.search(before + after):
        return True  # the date alone on its line
    line = text[first:last]
    if len(_words(line)) > SHORT_LINE or _SENTENCE_END.search(line):
        return False
    units = {u.casefold() for u in words.clock_units}
    return _byline(before, words) or not units.isdisjoint(_words(text[start:end]))


__all__ = ["SHORT_LINE", "is_page_stamp"]
