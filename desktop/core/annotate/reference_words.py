"""The words of descriptions that refer back (``corpus/lexicons/references.yaml``): office classes,
kinship words, and the regular-expression alternations built from them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from desktop.core.files import schema
from desktop.core.files.lexicons import load_lexicon


@dataclass(frozen=True)
class OfficeClass:
    """Nouns of a description and the titles of the offices they fit."""

    heads: list[str]
    titles: list[str]
    except_: list[str] = field(default_factory=list)  # "except" in the file

    def fits(self, title: str) -> bool:
        """Whether a person with this title (in any case) may be meant: the office is the title's
        head ("Special Envoy of the President" is an envoy, not a president), or the title starts
        with it ("Minister of Foreign Affairs of Belarus")."""
        if not title:
            return False
        key = (id(self), title)
        if key not in _FITS:
            head = len(re.split(r"\s+of\s+", title, maxsplit=1, flags=re.IGNORECASE)[0])
            in_head = any(m.start() < head for t in self.titles for m in _word_matches(t, title))
            _FITS[key] = in_head and not any(m.start() < head for t in self.except_ for m in _word_matches(t, title))
        return _FITS[key]


#: (office class, title) -> whether it fits: the same titles come back in every article.
_FITS: dict[tuple[int, str], bool] = {}


@dataclass(frozen=True)
class Kinship:
    """Words for a person's relatives ("his wife") and for who held an office before or after."""

    determiners: list[str]
    modifiers: list[str] = field(default_factory=list)
    nouns: dict[str, list[str]] = field(default_factory=dict)  # relation kind -> nouns


@dataclass(frozen=True)
class ReferenceWords:
    """The shape of ``corpus/lexicons/references.yaml``."""

    classes: list[OfficeClass]
    modifiers: list[str] = field(default_factory=list)
    marked: list[str] = field(default_factory=list)  # heads kept for one person ("the dictator")
    state_words: list[str] = field(default_factory=list)  # "the regime": the article's state
    country_words: list[str] = field(default_factory=list)
    kinship: Kinship | None = None


def _word_matches(phrase: str, text: str):
    return re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)


@cache
def load_reference_words() -> ReferenceWords:
    """``corpus/lexicons/references.yaml``, validated."""
    data = load_lexicon("references")
    if isinstance(data, dict) and "classes" in data:  # "except" is a Python keyword
        data = {**data, "classes": [_rename_except(c) for c in data["classes"] or []]}
    return schema.load(ReferenceWords, data, "references.yaml")


def _rename_except(entry):
    return {("except_" if k == "except" else k): v for k, v in entry.items()} if isinstance(entry, dict) else entry


def _alternation(words: Iterable[str]) -> str:
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]") for p in parts)
