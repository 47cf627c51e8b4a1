"""The words the coverage compares (``corpus/lexicons/coverage.yaml``), validated and compiled.

Designation groups (the state, titles and epithets, the opposition, …) each hold terms, and each
term its word forms; :meth:`CoverageLexicon.find` finds them in a text as whole words, case
aside, the longest form first. Reporting verbs are the event lexicon's reporting types
(``reporting: true`` in ``events.yaml``) plus this file's ``reporting`` list, matched as written
(a sentence's first letter aside).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property

from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.files import schema
from desktop.core.files.lexicons import load_lexicon


def _words_check(value: list[str]) -> list[str]:
    if not value or not all(w.strip() for w in value):
        raise ValueError("needs at least one word, and no empty word")
    return value


@dataclass(frozen=True, slots=True)
class TermSpec:
    id: str
    words: list[str] = field(metadata={"check": _words_check})


@dataclass(frozen=True, slots=True)
class DesignationSpec:
    id: str
    label: str
    terms: list[TermSpec]


@dataclass(frozen=True, slots=True)
class PageStampWords:
    """What marks a date as a page's stamp or byline (``page_stamps`` in coverage.yaml)."""

    bylines: list[str] = field(default_factory=list)
    clock_units: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _CoverageFile:
    designations: list[DesignationSpec]
    reporting: list[str] = field(default_factory=list)
    page_stamps: PageStampWords = field(default_factory=PageStampWords)


def _alternation(words: list[str]) -> str:
    forms = sorted({w.strip() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in forms)


@dataclass(frozen=True)
class CoverageLexicon:
    designations: tuple[DesignationSpec, ...]
    reporting: tuple[str, ...]
    page_stamps: PageStampWords = PageStampWords()

    @cached_property
    def _patterns(self) -> dict[str, tuple[re.Pattern[str], dict[str, str]]]:
        out = {}
        for group in self.designations:
            term_of = {w.strip().casefold(): t.id for t in group.terms for w in t.words}
            words = [w for t in group.terms for w in t.words]
            out[group.id] = (re.compile(rf"(?<![\w-])(?:{_alternation(words)})(?![\w-])", re.IGNORECASE), term_of)
        return out

    def find(self, group: str, text: str) -> Iterator[tuple[str, int, int]]:
        """``(term id, start, end)`` of every word form of ``group`` in ``text``."""
        pattern, term_of = self._patterns[group]
        for match in pattern.finditer(text):
            key = " ".join(match.group().casefold().split())
            if key in term_of:
                yield term_of[key], match.start(), match.end()

    @cached_property
    def reporting_re(self) -> re.Pattern[str]:
        """The reporting verbs as written (case counts: "states" is no verb in "United States")."""
        return re.compile(rf"(?<![\w-])(?:{_alternation(list(self.reporting))})(?![\w-])")


def parse_coverage_lexicon(data: object, source: str = "coverage.yaml") -> CoverageLexicon:
    """A parsed coverage lexicon, with the event lexicon's reporting verbs added."""
    spec = schema.load(_CoverageFile, data, source)
    reporting = [
        t for event_type in load_event_lexicon().types.values() if event_type.reporting for t in event_type.triggers
    ]
    return CoverageLexicon(
        tuple(spec.designations), tuple(dict.fromkeys([*reporting, *spec.reporting])), spec.page_stamps
    )


@cache
def load_coverage_lexicon() -> CoverageLexicon:
    return parse_coverage_lexicon(load_lexicon("coverage"))


__all__ = [
    "CoverageLexicon",
    "DesignationSpec",
    "PageStampWords",
    "TermSpec",
    "load_coverage_lexicon",
    "parse_coverage_lexicon",
]
