"""Tense around a date expression: does the clause point to the past or to the future?

Resolution (:mod:`desktop.core.annotate.date_resolve`) asks this when the text leaves the
direction open: the year of "February 21st", the day of "on Monday", the weekend of "over the
weekend". The words around the date are tried outwards from it, nearest first, within its
sentence; each is looked up in the tense words of ``corpus/lexicons/dates.yaml`` ("will",
"plans to", "has met", "said", past forms in -ed) and the nearest cue wins.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.annotate.date_lexicon import (
    CLAUSE_CONJUNCTIONS,
    FINITE_LEFT,
    FUTURE_BEFORE_FOR,
    FUTURE_BEFORE_TO,
    FUTURE_IN_PAST,
    FUTURE_UNLESS_OF,
    FUTURE_WORDS,
    INVITING,
    NOT_INFINITIVE,
    NOT_PAST,
    NOT_PRESENT_LEFT,
    PARTICIPLE_LEFT,
    PARTICIPLES,
    PAST_WORDS,
    PLAIN_PAST,
    PROSPECTIVE,
    PROSPECTIVE_PARTICIPLES,
    RELATIVE_PREPOSITIONS,
    REPORTING,
    SCHEDULED_PRESENT,
)

_CUE_WORDS = (
    FUTURE_WORDS | FUTURE_BEFORE_TO | FUTURE_BEFORE_FOR | FUTURE_IN_PAST | PAST_WORDS | SCHEDULED_PRESENT
    | PROSPECTIVE_PARTICIPLES | {"has", "have", "later", "is", "are", "due"}
)  # fmt: skip
#: The cue words as they may be written between spaces ("said," "will"), and endings.
_CUE_FORMS = frozenset(
    q + w + p for w in _CUE_WORDS for q in ("", "“", "‘", '"', "(")
    for p in ("", ",", ".", ";", ":", "”", "’", '"', ")")
)  # fmt: skip
_CUE_ENDINGS = tuple(e + p for e in ("ed", "ll") for p in ("", ",", ".", ";", ":", "”", "’", '"'))
_CUE_REACH = 110  # characters each side of a mention that tense cues are looked for in
_CUE_WORDS_REACH = 16  # and at most so many words
_NAME_REACH = 3  # names and titles ("President of Ukraine Volodymyr Zelensky") widen the reach so far
_PUNCTUATION = ".,;:!?\"“”‘’'()[]"
_GOVERNOR_REACH = 4  # words before a "to" that may govern it ("invited his Polish counterpart to")
#: Words after a date that open what was said or asked: the tense after them is not the date's.
_COMPLEMENTISERS = frozenset({"that", "whether"})
_SENTENCE_END_CHARS = frozenset(".!?\"”’')")


def ends_sentence(word: str) -> bool:
    """Does this word end a sentence ("said.", "leak.”")? Not "U.S." or "Mr."."""
    last = word.rstrip("\"”’')")
    if not last or last[-1] not in ".!?":
        return False
    # "U.S.", "Mr.", "A.": an abbreviation or an initial does not end the sentence
    return not (last[-1] == "." and ("." in last[:-1] or (len(last) <= 4 and last[0].isupper())))


def _closing_report(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the verb of a reporting clause that closes the sentence ("...,
    the organisers said." / "..., said Makei.")?"""
    if plain(words[i]) not in REPORTING:
        return False
    return ends_sentence(words[i]) or (i + 1 < len(words) and ends_sentence(words[i + 1]))


def plain(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


def _marks_future(word: str, following: str) -> bool:
    if word in FUTURE_IN_PAST:
        return following != "have"  # "would visit"; "would have met" is a past
    if word in FUTURE_WORDS or word.endswith(("’ll", "'ll")):
        return not (word in FUTURE_UNLESS_OF and following == "of")
    if word in FUTURE_BEFORE_FOR and following == "for":
        return True  # "set for October"
    return (word in FUTURE_BEFORE_TO and following == "to") or (word == "later" and following == "this")


def _be_cue(words: list[str], i: int, word: str, following: str) -> int:
    """ "is to host", "is due to take place", "are meeting" (a futurate progressive); not "due
    to the war"."""
    before = plain(words[i - 1]) if i > 0 else ""
    if following == "to" and (word != "due" or before in ("is", "are", "was", "were", "be")):
        return 1
    return 1 if word != "due" and following.endswith("ing") and len(following) > 5 else 0


def _forward_form(words: list[str], i: int, word: str, following: str) -> int:
    """+1 for a scheduled present ("the ministers meet on Monday") or a participle that looks
    forward after a noun ("the meeting planned in October"), else 0."""
    before = plain(words[i - 1]) if i > 0 else ""
    if word in SCHEDULED_PRESENT:
        return 0 if before in NOT_PRESENT_LEFT or not before else 1
    if word in PROSPECTIVE_PARTICIPLES and following in RELATIVE_PREPOSITIONS:
        if before in ("is", "are", "be", "being"):
            return 1  # "the decision is expected in September"
        return 0 if before in FINITE_LEFT or before in NOT_PRESENT_LEFT or not before else 1
    return 0


def _perfect_cue(words: list[str], i: int, word: str, following: str) -> int:
    """ "has met", "have recently held": a perfect is the past."""
    if following.endswith("ly") and i + 2 < len(words):
        following = plain(words[i + 2])
    participle = following in PARTICIPLES or following.endswith(("ed", "en"))
    return -1 if participle else 0


#: Words whose cue depends on the words around them.
_AUXILIARIES: dict[str, Callable[[list[str], int, str, str], int]] = {
    "is": _be_cue, "are": _be_cue, "due": _be_cue, "has": _perfect_cue, "have": _perfect_cue,
}  # fmt: skip


def _past_cue(words: list[str], i: int, word: str, raw: str) -> int:
    """-1 for a past form ("met", "announced"), 0 for a participle or an adjective after a
    determiner or "be" ("will be held", "the unrecognized") and for words that only look past."""
    if word in PAST_WORDS or (word.endswith("ed") and len(word) > 4 and word not in NOT_PAST
                              and raw[:1].islower()):  # fmt: skip
        if word in PLAIN_PAST:
            return -1
        before = plain(words[i - 1]) if i > 0 else ""
        return 0 if before in PARTICIPLE_LEFT else -1
    return 0


def cue(words: list[str], i: int) -> int:
    """+1 if ``words[i]`` marks the future, -1 the past, 0 neither. ``words`` are the
    white-space-separated words around a date, in text order."""
    raw = words[i]
    if raw[-1] in _PUNCTUATION or raw[0] in _PUNCTUATION:
        raw = raw.strip(_PUNCTUATION)
    word = raw.lower()
    if word not in _CUE_WORDS and not (word.endswith("ed") or word.endswith("ll")):
        return 0  # most words: one set look-up
    following = plain(words[i + 1]) if i + 1 < len(words) else ""
    if _marks_future(word, following):
        return 1
    if (auxiliary := _AUXILIARIES.get(word)) is not None:
        return auxiliary(words, i, word, following)
    if word in SCHEDULED_PRESENT or word in PROSPECTIVE_PARTICIPLES:
        if forward := _forward_form(words, i, word, following):
            return forward
        if word in SCHEDULED_PRESENT:
            return 0
    return _past_cue(words, i, word, raw)


def _may_cue(word: str) -> bool:
    """A cheap test before :func:`cue`: is the word written like a cue word?"""
    lw = word.lower()
    return lw in _CUE_FORMS or lw.endswith(_CUE_ENDINGS)


def prospective_to(words: list[str], i: int) -> str:
    """The word that makes the "to" at ``words[i]`` look forward, or "": a prospective verb,
    noun or adjective just before it ("agreed to meet", "ready to sign"), or one a few words
    before with its object between ("invited his counterpart to Budapest", "urged them to
    vote"). A "to" before a determiner or a pronoun is a preposition ("agreed to the plan"),
    forward only after a word of inviting."""
    following = plain(words[i + 1]) if i + 1 < len(words) else ""
    infinitive = following not in NOT_INFINITIVE
    reach = _GOVERNOR_REACH
    for k in range(i - 1, max(-1, i - 1 - 3 * _GOVERNOR_REACH), -1):
        if words[k][:1].isupper() and (k < i - 1 or words[k].endswith(",")):
            continue  # a name between the verb and "to" ("invited Prime Minister X to") costs nothing
        reach -= 1
        if reach < 0:
            return ""
        w = plain(words[k])
        if w in INVITING or (infinitive and w in PROSPECTIVE and (k == i - 1 or w.endswith("ed"))):
            return w
        if _apposition_opens(words, k, i):
            continue  # "invited his counterpart, Maxim Ryzhenkov, to Budapest": the names cost nothing
        if words[k][-1:] in ",;:" or w in _CUE_WORDS:
            return ""  # another clause, or a verb of its own between them
    return ""


def _apposition_opens(words: list[str], k: int, i: int) -> bool:
    """Does ``words[k]`` end with the comma that opens a name in apposition before ``words[i]``
    ("counterpart, Maxim Ryzhenkov, to")? The name's words are capitalised and end with a comma."""
    if not words[k].endswith(",") or k + 1 >= i or not words[k + 1][:1].isupper():
        return False
    return words[i - 1].endswith(",") and all(w[:1].isupper() for w in words[k + 1 : i])


class _CueWalk:
    """The walk outwards from a date: a word before it, then one after it, and so on."""

    __slots__ = ("after", "before", "comma", "i", "j")

    def __init__(self, before: list[str], after: list[str], comma: bool) -> None:
        self.before, self.after = before, after
        self.comma = comma  # a comma between the date and a word after it
        self.i, self.j = len(before) - 1, 0

    def run(self) -> tuple[int, str]:
        if self.comma:  # "who arrived on Wednesday, is to speak": the date's clause ends at the comma
            while self.i >= 0 and not self.before[self.i].endswith(","):
                if found := self._back():
                    return found
            self.i = len(self.before) - 1
        while self.i >= 0 or self.j < len(self.after):
            if self.i >= 0 and (found := self._back()):
                return found
            if self.j < len(self.after) and (found := self._ahead()):
                return found
        return 0, ""

    def _back(self) -> tuple[int, str] | None:
        w = self.before[self.i]
        if w[-1] in _SENTENCE_END_CHARS and ends_sentence(w):
            self.i = -1  # the previous sentence
            return None
        if _may_cue(w) and (sign := cue(self.before, self.i)):
            return sign, plain(w)
        if w == "to" and (governor := prospective_to(self.before, self.i)):
            return 1, f"{governor} to"
        self.i -= 1
        return None

    def _ahead(self) -> tuple[int, str] | None:
        w, j = self.after[self.j], self.j
        if _may_cue(w) and (sign := cue(self.after, j)) and not (self.comma and _closing_report(self.after, j)):
            return sign, plain(w)
        if w.endswith(",") and j + 1 < len(self.after) and self.after[j + 1] in CLAUSE_CONJUNCTIONS:
            self.j = len(self.after)  # ", and ...": another clause
            return None
        if w in _COMPLEMENTISERS:
            self.j = len(
                self.after
            )  # "told him on 25 March that Russia would ...": what was said has a tense of its own
            return None
        self.comma = self.comma or w.endswith(",")
        self.j = len(self.after) if w[-1] in _SENTENCE_END_CHARS and ends_sentence(w) else j + 1
        return None


def future_in_past(cue: str) -> bool:
    """Is this cue word (as :func:`tense_around` gives it) a future seen from a past ("would",
    "agreed to", "invited to")?"""
    return cue in FUTURE_IN_PAST or cue.endswith(" to")


def _plain_words_back(words: list[str]) -> list[str]:
    """The words before a date, back to the _CUE_WORDS_REACH-th one that is not capitalised: the
    words of names and titles cost nothing ("was agreed in a call between President of Belarus
    Aleksandr Lukashenko and President of Ukraine Volodymyr Zelensky on Sunday")."""
    plain_count, k = 0, len(words)
    while k > 0 and plain_count < _CUE_WORDS_REACH:
        k -= 1
        if not words[k][:1].isupper():
            plain_count += 1
    return words[k:]


def tense_around(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, str]:
    """-1 if the words around ``text[start:end]`` point to the past, 1 to the future, 0 if
    they say neither; with the cue word. ``lo:hi`` is the sentence: the walk stops at its
    ends, at a line break, and a little way from the date."""
    lo, hi = max(lo, start - _NAME_REACH * _CUE_REACH), min(hi, end + _CUE_REACH)
    lo = max(lo, text.rfind("\n", lo, start) + 1)
    if (newline := text.find("\n", end, hi)) >= 0:
        hi = newline
    before = _plain_words_back(text[lo:start].split())
    after = text[end:hi].split()[:_CUE_WORDS_REACH]
    return _CueWalk(before, after, text[end : end + 1] == ",").run()
