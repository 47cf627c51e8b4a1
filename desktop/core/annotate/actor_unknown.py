"""Cues that make capitalised words not in the gazetteer a person's name.

Pure functions over the scan's text (:class:`desktop.core.annotate.actor_tagger._Scan`), used by
:meth:`desktop.core.annotate.actor_context._Context._unknown` for a name of two words or more
that no descriptor precedes and no apposition follows:

- a byline or a credit: "By Anna Nowak in Warsaw and Jan Kowalski", "Photo by ...",
  "reported by ...", "Credit: Anna Nowak/Pool";
- a role noun before a comma: "The commission's chairwoman, Anna Nowak, said", "ambassador to
  Poland, Jan Kowalski." (the heads are the gazetteer's appositive heads and descriptors);
- a reporting verb right after: "Anna Nowak said" (the verbs of the date lexicon's tense cues),
  or a verb of what people do ("Ebrahim Raisi arrived", "Ishaq Dar met": ``human_verbs`` of
  ``corpus/lexicons/names.yaml``), perhaps after an adverb ("Anna Nowak also met"), or a
  relative "who" ("Anna Nowak, who arrived on Monday");
- a verb before it whose object is a person, the name ending the clause: "Lukashenko thanked
  Anna Nowak", "he received Anna Nowak in Minsk" (``object_verbs``);
- a person beside it in a pair: "Lukashenko and Anna Nowak", "Anna Nowak and Lukashenko".
"""

from __future__ import annotations

import functools
import re
from typing import Any

from desktop.core.annotate.date_lexicon import REPORTING
from desktop.core.annotate.records import VIA_DEMONYM
from desktop.core.files.lexicons import load_lexicon

# The text from the start of the line to a name in a byline: "By ", "By Anna Nowak in Warsaw and ".
_BYLINE = re.compile(
    r"[ \t>*_#]*(?:(?:Text|Words|Photos?|Reporting|Report|Interview|Story|Analysis|Commentary|Comment|Opinion"
    r"|Essay|Review|Column|Feature|Investigation)[ \t]+)?[Bb]y[ \t]+"
    r"(?:[^\n.;:]*?(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]*&[ \t]*))?"
)
# Before a name in running text: "photo by ", "reported by ", "written by ".
_CREDIT_BY = re.compile(
    r"(?:photo|photos|photograph|picture|reported|reporting|written|compiled|edited|editing|translated|"
    r"translation|interviewed|produced|filmed|video|graphics|illustration)[ \t]+by[ \t]+$"
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
_NAMES = load_lexicon("names")
_HUMAN_VERBS = frozenset(_NAMES.get("human_verbs") or ())
# A noun only a person is, as the predicate: "Anna Nowak was a man sentenced …", "… is a mother of three".
_PERSON_NOUNS = sorted(map(re.escape, _NAMES.get("person_nouns") or ["\x00"]), key=len, reverse=True)
_PERSON_PREDICATE = re.compile(rf"(?:an?|the|[a-z]+['’]s)(?: [a-z][\w-]*){{0,2}} (?:{'|'.join(_PERSON_NOUNS)})\b")
_OBJECT_VERBS = sorted(map(re.escape, _NAMES.get("object_verbs") or ["\x00"]), key=len, reverse=True)
_OBJECT_VERB = re.compile(rf"(?<![\w'’-])(?:{'|'.join(_OBJECT_VERBS)}) $")
# What may stand between a name and its verb: "Anna Nowak also met", "Anna Nowak, who arrived".
_VERB_AFTER = re.compile(r"(?: (?:also|later|then|first|again|personally|herself|himself|[a-z]+ly))? ([a-z]+)")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*[ \t]$")
# What may follow a person who is the object of a verb: the end of the clause, a preposition.
_CLAUSE_ENDS = re.compile(
    r"[,.;:!?)]|$| (?:in|on|at|and|to|for|that|during|after|before|with|as|who|from|last|yesterday|today)\b"
)
_WHO_AFTER = re.compile(r",? who(?:m|se)? ")
_PAIR = (" and ", ", ", " & ")
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
    if _role_noun_before(scan, start, name_end):
        return "role + name"
    rule = _clause_cue(scan, start, name_end)
    if rule is not None:
        return rule
    if _predicate_after(scan, name_end):
        return "name + is a role"
    if _signature(text, line_start, start, name_end):
        return "signature line"
    return None


def _clause_cue(scan: Any, start: int, name_end: int) -> str | None:
    """A cue from the clause: a verb of people after or before the name, "who", a person beside it."""
    text = scan.text
    verb = _VERB_AFTER.match(text, name_end)
    if verb is not None and verb.group(1) in REPORTING:
        return "name + reporting verb"
    if verb is not None and verb.group(1) in _HUMAN_VERBS and not _inside_longer_name(scan, start):
        return "name + verb"
    if _OBJECT_VERB.search(text, max(0, start - 16), start) and _CLAUSE_ENDS.match(text, name_end):
        return "verb + name"
    if _WHO_AFTER.match(text, name_end):
        return "name, who"
    if _paired(scan, start, name_end):
        return "name and person"
    return None


def _predicate_after(scan: Any, name_end: int) -> bool:
    """ "Anna Nowak is a columnist ...", "Jan Kowalski was the chief negotiator", "… was a man
    sentenced to death": a role or a noun only a person is, as the predicate."""
    verb = _PREDICATE.match(scan.text, name_end)
    if verb is None:
        return False
    predicate = scan.text[verb.end() : verb.end() + 100]
    if _PERSON_PREDICATE.match(predicate):
        return True
    pattern = scan.m.appositive
    return pattern is not None and pattern.match(predicate.lower()) is not None


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


_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’-])([a-z][a-z'’-]+) $")


def _role_noun_before(scan: Any, start: int, name_end: int) -> bool:
    """A lower-case role noun right before the name, no comma: "his Latvian counterpart Anna Ozola",
    "the opposition leader Jan Kowalski" (the name must end its clause or stand before a verb)."""
    word = _LOWER_WORD_BEFORE.search(scan.text, max(0, start - 30), start)
    if word is None or not scan._same_sentence(word.start(1), start):
        return False
    heads = _role_nouns(scan.gazetteer.cues.appositive_heads, scan.m.descriptor_tails)
    if heads.fullmatch(word.group(1).lower()) is None and word.group(1).lower() not in _COUNTERPARTS:
        return False
    if _CLAUSE_ENDS.match(scan.text, name_end) is not None:
        return True
    verb = _VERB_AFTER.match(scan.text, name_end)
    return verb is not None and (verb.group(1) in _HUMAN_VERBS or verb.group(1) in REPORTING)


_COUNTERPARTS = frozenset({"counterpart", "counterparts", "colleague", "successor", "predecessor"})


@functools.lru_cache(maxsize=8)
def _role_nouns(heads: tuple[str, ...], descriptor_tails: frozenset[str]) -> re.Pattern[str]:
    """The role nouns of the gazetteer's cues (appositive heads, descriptors' last words) as a pattern."""
    words = sorted({h.lower() for h in heads} | descriptor_tails, key=len, reverse=True)
    return re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, words))})s?(?![\w'’-])")


def _inside_longer_name(scan: Any, start: int) -> bool:
    """Does a capitalised word end right before ``start`` ("the Minsk Tractor Works signed")?

    A demonym is no part of the name: "Iranian Ebrahim Raisi met".
    """
    if _CAPITALISED_BEFORE.search(scan.text, max(0, start - 40), start) is None:
        return False
    before = next((m for m in reversed(scan.mentions) if m is not None), None)
    return before is None or before.end != start - 1 or before.via != VIA_DEMONYM


def _paired(scan: Any, start: int, name_end: int) -> bool:
    """Is a person joined to the name by "and" ("Lukashenko and Anna Nowak", "Anna Nowak and Lukashenko")?"""
    text, mentions = scan.text, scan.mentions
    before = next((m for m in reversed(mentions) if m is not None), None)
    if before is not None and before.kind == "person" and text[before.end : start] in _PAIR[:1]:
        return True
    if not text.startswith(" and ", name_end):
        return False
    return scan._person_at(name_end + 5, allow_given=False) is not None
