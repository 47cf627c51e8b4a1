"""Cues that make capitalised words not in the gazetteer a person's name.

Pure functions over the scan's text (:class:`desktop.core.annotate.actor_tagger._Scan`), used by
:meth:`desktop.core.annotate.actor_context._Context._unknown` for a name of two words or more
that no descriptor precedes and no apposition follows:

- a byline or a credit: "By Anna Nowak in Warsaw and Jan Kowalski", "Photo by ...",
  "reported by ...", "Credit: Anna Nowak/Pool";
- a role noun before a comma: "The commission's chairwoman, Anna Nowak, said", "ambassador to
  Poland, Jan Kowalski." (the heads are the gazetteer's appositive heads and descriptors);
- a reporting verb right after: "Anna Nowak said" (the verbs of the date lexicon's tense cues).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from desktop.core.annotate.date_lexicon import REPORTING

# The text from the start of the line to a name in a byline: "By ", "By Anna Nowak in Warsaw and ".
_BYLINE = re.compile(
    r"[ \t>*_#]*(?:(?:Text|Words|Photos?|Reporting|Report|Interview|Story)[ \t]+)?[Bb]y[ \t]+"
    r"(?:[^\n.;:]*?(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*))?"
)
# Before a name in running text: "photo by ", "reported by ", "written by ".
_CREDIT_BY = re.compile(
    r"(?:photo|photos|photograph|picture|reported|reporting|written|compiled|edited)[ \t]+by[ \t]+$"
)
# A credit line: "Credit: ", "Photo: " at the line start; the name ends the line or a "/".
_CREDIT = re.compile(
    r"(?:^|[.!?)][ \t]+)[ \t]*(?:Credit|Credits|Photo|Photos|Photograph|Picture|Image|Source)[ \t]*:[ \t]*$"
)
_CREDIT_END = re.compile(r"[ \t]*(?:/|\n|$|\||,)")
# What closes an apposition before a name: "chairwoman, Anna Nowak, said" or "... Anna Nowak."
_CLOSES = re.compile(r"[,.;:)]")
# A copula after a name, before a role as its predicate: "Anna Nowak is a columnist".
_PREDICATE = re.compile(r" (?:is|was|has been|had been) ")
_SIGNATURE_WORDS = 8  # the longest rest of a signature line, in words
_BYLINE_REACH = 120  # how far back a byline's "By" may be on its line
_APPOSITION_WORDS = 10  # how many words before the comma may hold the role noun


def unknown_cue(scan: Any, start: int, name_end: int) -> str | None:
    """The cue around the name at ``start``..``name_end`` that makes it a person, or None."""
    text = scan.text
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - _BYLINE_REACH) : start]
    if _BYLINE.fullmatch(before) or _CREDIT_BY.search(before.lower()):
        return "byline + name"
    if _CREDIT.search(before) and _CREDIT_END.match(text, name_end):
        return "credit + name"
    if role_before_comma(scan, start, name_end):
        return "role, name"
    if _reporting_after(text, name_end):
        return "name + reporting verb"
    if _predicate_after(scan, name_end):
        return "name + is a role"
    if _signature(text, line_start, start, name_end):
        return "signature line"
    return None


def _predicate_after(scan: Any, name_end: int) -> bool:
    """ "Anna Nowak is a columnist ...", "Jan Kowalski was the chief negotiator": a role as the predicate."""
    verb = _PREDICATE.match(scan.text, name_end)
    pattern = scan.m.appositive
    if verb is None or pattern is None:
        return False
    return pattern.match(scan.text[verb.end() : verb.end() + 100].lower()) is not None


def _signature(text: str, line_start: int, start: int, name_end: int) -> bool:
    """A name opening a short line of capitalised words: "Anna Nowak, Senior Fellow, Europe Programme"."""
    if start != line_start or not text.startswith(", ", name_end):
        return False
    line_end = text.find("\n", name_end)
    rest = text[name_end + 2 : len(text) if line_end < 0 else line_end].strip()
    words = re.findall(r"[^\s,]+", rest)
    return 0 < len(words) <= _SIGNATURE_WORDS and all(w[0].isupper() or w in ("of", "for", "and") for w in words)


def role_before_comma(scan: Any, start: int, name_end: int) -> bool:
    """A role noun ends, a few words before, the clause that a comma closes before the name."""
    text = scan.text
    if start < 3 or text[start - 2 : start] != ", " or _CLOSES.match(text, name_end) is None:
        return False
    if not scan._same_sentence(start - 2, start):
        return False
    clause = text[max(0, start - 120, scan._sentence_start(start)) : start - 2]
    clause = clause[max(clause.rfind(","), clause.rfind("\n")) + 1 :]
    heads = _role_nouns(scan.gazetteer.cues.appositive_heads, scan.m.descriptor_tails)
    words = [w.strip("'’\"").lower() for w in clause.split()[-_APPOSITION_WORDS:]]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    return heads.search(" ".join(words)) is not None


@functools.lru_cache(maxsize=8)
def _role_nouns(heads: tuple[str, ...], descriptor_tails: frozenset[str]) -> re.Pattern[str]:
    """The role nouns of the gazetteer's cues (appositive heads, descriptors' last words) as a pattern."""
    words = sorted({h.lower() for h in heads} | descriptor_tails, key=len, reverse=True)
    return re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, words))})s?(?![\w'’-])")


def _reporting_after(text: str, name_end: int) -> bool:
    """Does a reporting verb follow the name ("Anna Nowak said", "Anna Nowak told reporters")?"""
    if not text.startswith(" ", name_end):
        return False
    word = re.match(r"[a-z]+", text[name_end + 1 : name_end + 16])
    return word is not None and word.group() in REPORTING
