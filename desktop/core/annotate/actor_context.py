"""What the text around a phrase decides: places or governments, descriptions, titles, unknown names.

A mixin of the scan (:class:`desktop.core.annotate.actor_tagger._Scan`): its methods read the
scan's text and state and return raw matches (tuples whose third item is an ``R_*`` code), or
emit an unlinked person. A capital after "in" or "to" is a place, elsewhere its government
("Minsk seeks"); a role description is kept when someone held the role on the article's date or
a name follows it ("KGB Chairman Vladimir Vakulchik" becomes one mention); a title, given name,
descriptor or apposition around an unknown capitalised name makes an unlinked person, as do
the cues of :mod:`actor_unknown` (bylines, a role before a comma, a reporting verb after).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from typing import Any

from desktop.core.annotate.actor_unknown import role_before_comma, unknown_cue
from desktop.core.annotate.actor_unlisted import PARTICLES
from desktop.core.annotate.actors import (
    _HYPHENS,
    _TOKEN,
    _VIA_OF_KIND,
    K_ALIAS,
    K_GIVEN,
    K_NAME,
    K_SURNAME,
    R_ACTOR,
    R_PATTERN,
    R_PLACE,
    R_ROLE,
    R_SURNAME,
    _case_ok,
    _Key,
    _Matcher,
)
from desktop.core.annotate.gazetteer import Gazetteer
from desktop.core.annotate.records import VIA_ALIAS, VIA_SURNAME, PlaceMention

_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PARTICLE = re.compile(rf"(?:(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})[ \t]+)+(?=[^\W\d_])")
_GAP = re.compile(r"[ \t\xa0]+\n?[ \t\xa0]*|\n[ \t\xa0]*")
_SPACES = frozenset(" \t\xa0\n")
_LIST_CONJUNCTIONS = (" and ", ", and ", " or ", ", or ", " & ")
# " of Iran ", " of the Islamic Republic of Iran ", " of the Kingdom of Norway ": a state after a title,
# perhaps after a second portfolio (" and International Trade of Zimbabwe ").
_OF_STATE = re.compile(
    r"(?: and (?:[A-Z][\w'’-]+ ){0,2}[A-Z][\w'’-]+)?"
    r" of (?:the )?(?:(?:[A-Z][\w'’-]+ ){0,3}(?:Republic|Kingdom|Federation|Emirates|Sultanate|Principality"
    r"|Commonwealth|Confederation|State) of (?:the )?)?([A-Z][\w'’-]+) (?=[A-Z])"
)
_POSSESSIVE = ("'s", "’s")
_MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])
# The rules that make an unknown capitalised name a person (the ``matched`` of its mention).
_DESCRIBED = "descriptor + name"
_APPOSITION = "name, apposition"


def _initial(text: str, end: int) -> bool:
    """Is the capital ending at ``end`` an initial ("S." before "K. Menon")?"""
    return end - 1 >= 0 and text[end - 1].isupper() and text.startswith(". ", end) and text[end + 2 : end + 3].isupper()


def _name_like(value: str, m: _Matcher, dot_after: bool) -> bool:
    """May this capitalised word be part of a name (not a stop word, a listed name, an acronym)?"""
    if not value[0].isupper() or value in m.stopwords or value in m.gazetteer_words:
        return False
    if len(value) == 1:
        return dot_after
    return not value.isupper()


class _Context:
    """The context rules of the scan; the state they read is set by the scan's ``__init__``."""

    m: _Matcher
    gazetteer: Gazetteer
    text: str
    anchor: dt.date | None
    sentence_starts: list[int] | None
    holders: dict[str, str | None]
    places: list[PlaceMention]
    last_end: int

    def _emit(self, raw: tuple) -> None:
        """Record a raw match as a mention (the scan's)."""
        raise NotImplementedError

    def _walk(self, token: str, end: int, node: dict[str, Any]) -> tuple:
        """Follow the trie from ``token``: tokens, their ends, the phrases ending there (the scan's)."""
        raise NotImplementedError

    # -- places and capitals

    def _place(self, key: _Key, start: int, end: int) -> tuple:
        place = self.gazetteer.place(key.target)
        assert place is not None
        if place.stands_for and not self._place_context(start, end):
            return (start, end, R_ACTOR, place.stands_for, VIA_ALIAS, self.m.capital_labels[place.id], "")
        return (start, end, R_PLACE, place.id, None, key.label, "")

    def _place_context(self, start: int, end: int) -> bool:
        """Does the text around a capital make it a place ("held in Minsk", "the Minsk talks")?"""
        text = self.text
        if self._word_before(start) in self.m.place_before:
            return True
        if self.places and self._in_list_of_places(start, end):
            return True
        after = _NAME_WORD.match(text, end + 1) if end < len(text) and text[end] in " -" else None
        if after and after.group().lower() in self.m.place_after:
            return True
        if text.startswith(", ", end):  # a dateline: "(Dublin, December 2012)"
            word = _NAME_WORD.match(text, end + 2)
            return bool(word and word.group() in _MONTHS) or text[end + 2 : end + 3].isdigit()
        return False

    def _in_list_of_places(self, start: int, end: int) -> bool:
        """Is this the next item of a list that began with a place ("to New York, Sochi and Kiev")?

        A conjunction joins it to the place before; a bare comma only if the list goes on after
        it ("from Moscow, Minsk hopes" is two clauses, not a list).
        """
        text = self.text
        join = text[self.places[-1].end : start]
        if join in _LIST_CONJUNCTIONS:
            return True
        return join == ", " and any(text.startswith(j, end) for j in (", ", *_LIST_CONJUNCTIONS))

    def _word_before(self, start: int) -> str:
        """The word before ``start`` if only white space separates them, lower-cased ("" if none)."""
        text = self.text
        end = start - 1
        if end < 1 or text[end] not in _SPACES:
            return ""
        if text[end - 1] in _SPACES:
            end -= 1  # two spaces, or a space and a line break
        word = text[text.rfind(" ", max(0, end - 24), end) + 1 : end]
        if "\n" in word:
            word = word[word.rfind("\n") + 1 :]
        return word.lower() if word.replace("-", "").replace("'", "").isalpha() else ""

    # -- descriptions, titles and names after them

    def _role(self, key: _Key, start: int, end: int) -> tuple | None:
        text = self.text
        with_the = (
            start >= 4 + self.last_end
            and (text.startswith("the ", start - 4) or text.startswith("The ", start - 4))
            and (start == 4 or not text[start - 5].isalnum())
        )
        first = start - 4 if with_the else start
        blocked = self._blocked(first)
        holder = None if blocked else self._holder(key.target)
        gap = self._gap(end, comma=not with_the)
        if gap is not None and self._same_sentence(first, gap):
            person = self._person_at(gap, allow_given=True)
            if person is not None:
                return self._merge(person, first, key, role=key.target)
            name_end, _ = self._read_name(gap)
            if name_end > gap:
                return (first, name_end, R_PATTERN, text[gap:name_end], None, f"{key.label} + name", "")
        if holder is not None:
            return (first, end, R_ROLE, holder, key.target, key.label, "")
        return None

    def _title(self, key: _Key, start: int, end: int) -> tuple | None:
        gap = self._gap(end, comma=False)
        if gap is None:
            gap = self._after_of_state(end)
        if gap is None or not self._same_sentence(start, gap):
            return None
        person = self._person_at(gap, allow_given=True)
        if person is not None:
            return self._merge(person, start, key, role=None)
        name_end, _ = self._read_name(gap)
        if name_end > gap:
            return (start, name_end, R_PATTERN, self.text[gap:name_end], None, f"{key.label} + name", "")
        return None

    def _after_of_state(self, end: int) -> int | None:
        """Where a name starts after "of" and a state's name ("President of Iran Dariush Farahmand"),
        or after a word outside the list and before a name of two words ("Minister of Energy Anna Nowak")."""
        found = _OF_STATE.match(self.text, end)
        if found is None:
            return None
        fast = self.m.single.get(found.group(1))
        fields = fast[1] if fast is not None else None
        if fields is not None:
            return found.end() if fields[2] == "state" else None
        if found.group(1) in self.m.gazetteer_words or not _name_like(found.group(1), self.m, False):
            return None
        # a word outside the list, then a name of two words or more: "Minister of Energy Anna Nowak"
        return found.end() if self._read_name(found.end())[1] >= 2 else None

    def _merge(self, person: tuple, start: int, key: _Key, role: str | None) -> tuple:
        """A title or description and the name after it: one mention of that person."""
        merged = list(person)
        merged[0] = start
        merged[6] = key.label
        if merged[2] == R_SURNAME:
            merged[4] = role
        return tuple(merged)

    def _given(self, start: int, end: int) -> tuple | None:
        """A given name and a capitalised word: a known person by another spelling, or unlinked."""
        text = self.text
        if not text.startswith(" ", end) or not self._same_sentence(start, end + 1):
            return self._given_alone(start, end)
        after = self._person_at(end + 1, allow_given=False)
        given = text[start:end]
        if after is not None:
            if after[2] != R_SURNAME:
                return None  # a full name starts at the next word: let it be found there
            linked = tuple(a for a in after[3] if given in self.m.first_names.get(a, ()))
            if linked:
                return (start, after[1], R_SURNAME, linked, None, f"{given} + {after[5]}", "", VIA_ALIAS)
            return (start, after[1], R_PATTERN, text[start : after[1]], None, "given name + surname", "")
        name_end, _ = self._read_name(end + 1)
        if name_end > end + 1:
            return (start, name_end, R_PATTERN, text[start:name_end], None, "given name + name", "")
        return self._given_alone(start, end)

    def _given_alone(self, start: int, end: int) -> tuple | None:
        """A given name alone after a role noun and a comma ("his youngest son, Ivan, ...")."""
        if role_before_comma(self, start, end):
            return (start, end, R_PATTERN, self.text[start:end], None, "role, given name", "")
        return None

    def _person_at(self, position: int, *, allow_given: bool) -> tuple | None:
        """A known person's name or surname (or a given name and name) starting at ``position``."""
        text = self.text
        token = _TOKEN.match(text, position)
        if token is None or not token.group()[0].isupper():
            return None
        node = self.m.root.get(token.group().lower())
        if node is None:
            return None
        end = token.end()
        if "." in token.group() and text.startswith(".", end):
            end += 1
        tokens, ends, found = self._walk(token.group(), end, node)
        for count, keys in reversed(found):
            stop = ends[count - 1]
            for key in keys:
                if not _case_ok(key, tokens, count):
                    continue
                if key.person and key.kind in (K_NAME, K_ALIAS):
                    return (position, stop, R_ACTOR, key.target, _VIA_OF_KIND[key.kind], key.label, "")
                if key.kind == K_SURNAME:
                    return (position, stop, R_SURNAME, key.target, None, key.label, "", VIA_SURNAME)
                if key.kind == K_GIVEN and allow_given:
                    given = self._given(position, stop)
                    if given is not None:
                        return given
        return None

    def _gap(self, end: int, *, comma: bool) -> int | None:
        """Where a name right after ``end`` would start (after spaces, or ", " if allowed)."""
        text = self.text
        if text[end : end + 1] == " " and text[end + 1 : end + 2] != " ":
            position = end + 1
        elif (gap := _GAP.match(text, end)) is not None:
            position = gap.end()
        elif comma and text.startswith(", ", end):
            position = end + 2
        else:
            return None
        return position if position < len(text) and text[position].isupper() else None

    def _read_name(self, position: int, limit: int = 3) -> tuple[int, int]:
        """Capitalised words from ``position`` that may be a name: (end, number of words)."""
        text, m = self.text, self.m
        end, count = position, 0
        while count < limit:
            word = _NAME_WORD.match(text, position)
            if word is None:
                break
            value = word.group()
            if not _name_like(value, m, text.startswith(".", word.end())):
                break
            end, count = word.end(), count + 1
            if value.endswith(_POSSESSIVE) and len(value) > 3:
                return end - 2, count  # "Ebrahim Raisi's visit": the name is "Ebrahim Raisi"
            if len(value) == 1 and text.startswith(".", end):
                end += 1  # an initial: "S. K. Menon", "Dana L. Whitcombe"
            if not text.startswith(" ", end):
                break
            position = end + 1
            particle = _PARTICLE.match(text, position)
            if particle is not None:
                position = particle.end()
        return end, count

    def _unknown(self, start: int, token: str, end: int) -> None:
        """An unmatched capitalised word: a person if a person cue agrees (see :mod:`actor_unknown`)."""
        m = self.m
        if token in m.stopwords or token in m.gazetteer_words or (token.isupper() and not _initial(self.text, end)):
            return
        if len(token) < 2 and not _initial(self.text, end):
            return
        name_end, count = self._read_name(start, limit=4)
        if count == 0:
            return
        rule = self._person_cue(start, name_end, count)
        if rule is not None:
            self._emit((start, name_end, R_PATTERN, self.text[start:name_end], None, rule, ""))

    def _person_cue(self, start: int, name_end: int, count: int) -> str | None:
        """The cue that makes the capitalised words at ``start`` a person's name, if any."""
        if self._after_descriptor(start):
            return _DESCRIBED
        if count < 2 or self._listed_inside(start, name_end):
            return None  # "Later Bush said": a listed name starts inside, the first word is not a name
        if self._apposition_after(start, name_end, count):
            return _APPOSITION
        return unknown_cue(self, start, name_end)

    def _listed_inside(self, start: int, name_end: int) -> bool:
        """Does a word after the first of ``start``..``name_end`` start a phrase of the gazetteer?"""
        root = self.m.root
        words = _NAME_WORD.findall(self.text, start, name_end)
        return any(w[0].isupper() and w.lower() in root for w in words[1:])

    def _after_descriptor(self, start: int) -> bool:
        """Does a lower-case descriptor end one space before ``start`` ("journalist Ales ...")?"""
        text = self.text
        return start >= 2 and text[start - 1] == " " and text[start - 2].islower() and self._described(start)

    def _apposition_after(self, start: int, name_end: int, count: int) -> bool:
        """A name of two words or more followed, in the same sentence, by ", a former minister"."""
        return count >= 2 and self._appositive(name_end) and self._same_sentence(start, name_end + 2)

    def _described(self, start: int) -> bool:
        """Does a descriptor ("journalist", "former political prisoner") end just before ``start``?"""
        text = self.text
        space = text.rfind(" ", max(0, start - 40), start - 1)
        tail = text[space + 1 : start - 1]
        if tail in self.m.role_heads:  # lower case: "former prime minister Nawaz Sharif"
            return True
        if tail.lower() not in self.m.descriptor_tails:
            return False
        words = text[max(0, start - 60) : start].lower().split()[-3:]
        return any(" ".join(words[-n:]) in self.m.descriptors for n in range(1, len(words) + 1))

    def _appositive(self, name_end: int) -> bool:
        pattern = self.m.appositive
        return (
            pattern is not None
            and self.text.startswith(", ", name_end)
            and pattern.match(self.text[name_end + 2 : name_end + 120].lower()) is not None
        )

    def _blocked(self, start: int) -> bool:
        """Is a description preceded by "former", "ex-", "then"...? Then it is not today's holder."""
        text = self.text
        if start and text[start - 1] in _HYPHENS:
            word = _NAME_WORD.match(text[max(0, start - 12) : start - 1][::-1])
            return bool(word) and word.group()[::-1].lower() in self.m.blockers
        return self._word_before(start) in self.m.blockers

    def _holder(self, role_id: str) -> str | None:
        if role_id not in self.holders:
            actor = self.gazetteer.holder_at(role_id, self.anchor)
            self.holders[role_id] = actor.id if actor else None
        return self.holders[role_id]

    def _same_sentence(self, a: int, b: int) -> bool:
        starts = self.sentence_starts
        if starts is None:
            return True
        return bisect.bisect_right(starts, a) == bisect.bisect_right(starts, b)

    def _sentence_start(self, position: int) -> int:
        """Where the sentence holding ``position`` starts (after the last ". " if sentences are unknown)."""
        starts = self.sentence_starts
        if starts is None:
            return self.text.rfind(". ", 0, position) + 1
        i = bisect.bisect_right(starts, position)
        return starts[i - 1] if i else 0
