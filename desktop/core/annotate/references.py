"""Descriptions that refer back to a person: "the president", "The head of state", "the minister".

A pass after the actor tagger (:mod:`desktop.core.annotate.actor_tagger`): it finds definite
descriptions built on the office classes of ``corpus/lexicons/references.yaml`` and resolves each
to the most recent person named before it whose office fits (at the article's date), or else to
the one holder of a fitting office of the country the article is about. Descriptions followed by
"of …", by a name in apposition, or inside a mention already found are left to the tagger.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from desktop.core.annotate.records import VIA_DEMONYM, VIA_ROLE, ActorMention
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
        head = len(re.split(r"\s+of\s+", title, maxsplit=1, flags=re.IGNORECASE)[0])
        in_head = any(m.start() < head for t in self.titles for m in _word_matches(t, title))
        return in_head and not any(m.start() < head for t in self.except_ for m in _word_matches(t, title))


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
    country_words: list[str] = field(default_factory=list)
    kinship: Kinship | None = None


# A demonym of a state outside the actor list: "the Pakistani prime minister" (capitalised).
_UNLISTED_DEMONYM = r"(?P<other>[A-Z][a-z]+(?:i|ian|ean|ese|ish|an))\s+"


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


@dataclass(frozen=True, slots=True)
class _Who:
    actor: str | None
    name: str
    side: str
    role: str
    how: str


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    office: OfficeClass | None  # None for a relative ("his wife")
    adjective: str = ""  # a demonym restricting the country, or ""
    of_country: bool = False  # "the country's …"
    kin: str = ""  # the relation kind of a relative: spouse, child, predecessor…
    named: ActorMention | None = None  # the person named right after, in apposition
    of: ActorMention | None = None  # a relative's person: "the husband of X"


class ReferenceResolver:
    """Adds the descriptions that refer back to the actor mentions of one text."""

    def __init__(self, gazetteer, words: ReferenceWords | None = None) -> None:
        self.gazetteer = gazetteer
        self.words = words or load_reference_words()
        self._by_head = {" ".join(h.lower().split()): c for c in self.words.classes for h in c.heads}
        self._adjectives = _adjective_map(gazetteer)
        self.pattern = self._compile()
        # The words of the offices' titles and heads, determiners and modifiers: what a title is made of.
        phrases = [w for c in self.words.classes for w in (*c.titles, *c.heads)] + list(self.words.modifiers)
        self._tails = frozenset(w.lower() for p in phrases for w in p.split()) | {"the", "a", "an", "deputy", "first"}
        adjectives = _alternation(self._adjectives)
        self.counterpart = re.compile(
            rf"(?<![\w-])(?:his|her|their|its)\s+(?:(?P<adj>{adjectives})\s+)?counterparts?(?![\w-])"
        )
        self.kin = KinResolver(gazetteer, self.words.kinship) if self.words.kinship else None

    def _compile(self) -> re.Pattern[str]:
        country = _alternation(self.words.country_words)
        det = rf"(?P<det>(?:the\s+)?(?P<country>{country})|the)" if country else r"(?P<det>the)"
        mods = _alternation(self.words.modifiers)
        adjectives = _alternation(self._adjectives)
        mod_part = rf"(?:(?:{mods})\s+)*" if mods else ""
        adj_part = rf"(?:(?P<adj>{adjectives})\s+|{_UNLISTED_DEMONYM})?" if adjectives else ""
        return re.compile(
            rf"(?<![\w-]){det}\s+{mod_part}{adj_part}(?P<head>{_alternation(self._by_head)})(?![\w-])",
            re.IGNORECASE,
        )

    # -- finding
    def _descriptions(self, text: str, mentions: Sequence[ActorMention]) -> list[_Found]:
        taken = sorted((m.start, m.end) for m in mentions if m.via != VIA_DEMONYM)  # "the [Lithuanian] minister"
        found = []
        for m in self.pattern.finditer(text):
            adjective = m.group("adj") or m.group("other") or ""
            if adjective and adjective not in self._adjectives and not adjective[0].isupper():
                continue  # case matters: "US", not "us"; "Pakistani", not "pakistani"
            if _inside(m.start(), m.end(), taken) or re.match(r"\s+of\b", text[m.end() : m.end() + 8]):
                continue
            office = self._by_head[" ".join(m.group("head").lower().split())]
            named = _named_after(text, m.end(), mentions) or _named_before(text, m.start(), m.end(), mentions)
            found.append(_Found(m.start(), m.end(), office, adjective, bool(m.group("country")), named=named))
        if self.kin is not None:
            found += self.kin.find(text, taken, mentions)
        found += self._counterparts(text, taken, mentions)
        return sorted(found, key=lambda f: f.start)

    def _counterparts(self, text: str, taken, mentions: Sequence[ActorMention]) -> list[_Found]:
        """ "his Belarusian counterpart", "their counterparts"."""
        found = []
        for m in self.counterpart.finditer(text):
            if not _inside(m.start(), m.end(), taken):
                named = _named_after(text, m.end(), mentions)
                found.append(_Found(m.start(), m.end(), None, m.group("adj") or "", kin=COUNTERPART, named=named))
        return found

    # -- resolving
    def resolve(self, text: str, anchor: dt.date | None, mentions: Sequence[ActorMention]) -> list[ActorMention]:
        """``mentions`` with the resolved descriptions added, in text order."""
        found = self._descriptions(text, mentions)
        if not found:
            return list(mentions)
        country = self._country(mentions)
        merged = sorted(mentions, key=lambda m: (m.start, m.end))
        written = _written_titles(text, merged, self._tails)
        for item in found:  # in text order: a resolved description counts for the next ones
            persons = [m for m in merged if m.kind == "person" and m.end <= item.start]
            people = _possessor_first(text, item.start, persons) if item.kin else persons
            who = self._who(item, people, anchor, country, (written, text))
            if who is not None:
                merged = [m for m in merged if not (item.start <= m.start and m.end <= item.end)]
                merged.append(_mention(item, who, text))
                merged.sort(key=lambda m: (m.start, m.end))
        return merged

    def _who(
        self, item: _Found, persons: Sequence[ActorMention], anchor, country: str | None, call=({}, "")
    ) -> _Who | None:
        """Who a description means; ``call`` is the article's written titles and its text."""
        written = call[0]
        if item.named is not None:
            m = item.named
            return _Who(m.actor, m.name, m.side, m.role, "named beside it, in apposition")
        if item.kin == COUNTERPART:
            return self._counterpart(item, persons, anchor, country, written)
        if item.office is None and self.kin is not None:
            return self.kin.relative(item.kin, [item.of] if item.of else persons, anchor)
        if item.office is None:
            return None
        return self._earlier(item, persons, anchor, country, call) or self._holder(item, country, anchor)

    def _title(self, mention: ActorMention, anchor: dt.date | None, written=None) -> tuple[str, str | None]:
        """The person's title at the date and the state or body it belongs to."""
        actor = self.gazetteer.actor(mention.actor) if mention.actor else None
        if actor is None:  # the titles written with the name or beside it, in apposition
            return " / ".join((written or {}).get(mention.name, [mention.text])), None
        tenure = actor.tenure_at(anchor) if anchor else actor.tenure_at(None)
        if tenure is None:  # no office known at the date: the title written with the name
            return mention.text, None
        role = self.gazetteer.role(tenure.role)
        return tenure.title, role.of if role else None

    def _allowed(self, item: _Found, side: str, of: str | None, country: str | None, title: str = "") -> bool:
        wanted = self._adjectives.get(item.adjective) if item.adjective else None
        if item.of_country:
            wanted = country
        if item.adjective and wanted is None and not item.of_country:  # a state not in the list
            return of is None and re.search(rf"(?<!\w){re.escape(item.adjective)}(?!\w)", title) is not None
        if wanted is None:
            return True
        state = self.gazetteer.actor(wanted)
        if of is None and state is not None and _names_state(title, state):
            return True  # "Pakistani Prime Minister Shehbaz Sharif" for "the Pakistani prime minister"
        return of == wanted or (of is None and state is not None and side == state.side)

    def _earlier(self, item: _Found, persons: Sequence[ActorMention], anchor, country: str | None, call) -> _Who | None:
        """The fitting person named last if that was in the same sentence ("Orbán met Prime Minister
        X; it was the first meeting of the head of government"), else the most salient fitting
        person named before: the most often named, then one of the article's country, then the
        first named (the one the article introduced first)."""
        written, text = call
        fitting: dict[str, list] = {}
        for order, mention in enumerate(persons):
            if mention.end > item.start:
                break
            title, of = self._title(mention, anchor, written)
            fits = any(item.office.fits(t) for t in title.split(" / "))
            if fits and self._allowed(item, mention.side, of, country, title):
                key = mention.actor or mention.name
                entry = fitting.setdefault(key, [0, False, -order, mention])
                entry[0] += 1
                entry[1] = entry[1] or (of is not None and of == country)
                last = mention
        if not fitting:
            return None
        if _same_sentence(text, last.end, item.start) and _not_subject(text, last, persons):
            return _Who(last.actor, last.name, last.side, last.role, _HOW_RECENT)
        mention = max(fitting.values(), key=lambda e: (e[0], e[2], e[1]))[3]
        return _Who(mention.actor, mention.name, mention.side, mention.role, _HOW_BEFORE)

    def _counterpart(self, item: _Found, persons, anchor, country: str | None, written) -> _Who | None:
        """ "his Belarusian counterpart": the holder, in that state (else the article's country), of
        the office of the person whose counterpart is meant (the subject of the sentence)."""
        if not persons:
            return None
        title, of = self._title(persons[0], anchor, written)
        office = next((c for c in self.words.classes if any(c.fits(t) for t in title.split(" / "))), None)
        where = self._adjectives.get(item.adjective) if item.adjective else country
        if office is None or where is None or where == of:
            return None
        return self._holder(_Found(item.start, item.end, office, item.adjective), where, anchor)

    def _holder(self, item: _Found, country: str | None, anchor) -> _Who | None:
        where = self._adjectives.get(item.adjective) if item.adjective else country
        if where is None:
            return None
        holders = {}
        for role in self.gazetteer.roles.values():
            if role.of == where and item.office.fits(role.title):
                actor = self.gazetteer.holder_at(role.id, anchor)
                if actor is not None:
                    holders[actor.id] = actor
        if len(holders) != 1:
            return None
        actor = next(iter(holders.values()))
        return _Who(actor.id, actor.name, actor.side, actor.role_at(anchor), "the holder of the office at the date")

    def _country(self, mentions: Sequence[ActorMention]) -> str | None:
        """The state the article names most, itself or through the offices of its people (ties: the
        first named)."""
        counts: Counter[str] = Counter()
        for m in mentions:
            actor = self.gazetteer.actor(m.actor) if m.actor else None
            if actor is not None and actor.kind == "state":
                counts[actor.id] += 1
            elif actor is not None and actor.is_person:
                tenure = actor.tenure_at(None)
                role = self.gazetteer.role(tenure.role) if tenure else None
                if role is not None and role.of in self.gazetteer:
                    counts[role.of] += 1
        return counts.most_common(1)[0][0] if counts else None


def _names_state(title: str, state) -> bool:
    """Does a written title name the state ("Pakistani Prime Minister", "Prime Minister of Pakistan")?"""
    forms = (state.name, *state.aliases, *state.demonyms)
    return any(re.search(rf"(?<!\w){re.escape(f)}(?:['’]s)?(?!\w)", title) for f in forms if f)


_WORD_BEFORE = re.compile(r"([A-Z][\w’'-]+) $")
_APPOSITION_BEFORE = re.compile(r"(?:^|[,;:(\n]|\.\s)\s*([^,;:()\n]{3,80}), $")
_APPOSITION_AFTER = re.compile(r", ((?:the|a|an|[\w.-]+['’]s) [^,;:()\n]{3,80}?)(?=[,;:)]|\.(?:\s|$))")


def _written_titles(text: str, mentions: Sequence[ActorMention], tails: frozenset[str]) -> dict[str, list[str]]:
    """For each person outside the actor list, by name: the titles the text gives them.

    The title written with the name ("Prime Minister Shehbaz Sharif") and an apposition on
    either side of any of their mentions ("Pakistan's prime minister, Shehbaz Sharif, ...",
    "Shehbaz Sharif, the Prime Minister of Pakistan, ..."): what the office classes are fitted to.
    """
    titles: dict[str, list[str]] = {}
    for m in mentions:
        if m.actor is not None or m.kind != "person":
            continue
        found = titles.setdefault(m.name, [])
        found.append(m.text)
        word = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
        if word is not None:  # a demonym or a possessive: "Pakistani Prime Minister Shehbaz Sharif"
            found.append(f"{word.group(1)} {m.text}")
        before = _APPOSITION_BEFORE.search(text, max(0, m.start - 90), m.start)
        if before is not None and _ends_with_office(before.group(1), tails):
            found.append(before.group(1))
        after = _APPOSITION_AFTER.match(text, m.end)
        if after is not None and _ends_with_office(after.group(1), tails):
            found.append(after.group(1))
    return titles


def _ends_with_office(clause: str, words: frozenset[str]) -> bool:
    """Is an apposition a title ("Pakistan's prime minister", "the President of Pakistan"), not any
    clause ("He spoke with the president")? Its head, before any "of" or "to", ends with an office word, and
    its other lower-case words are words of titles, determiners or modifiers."""
    head = re.split(r"\s+(?:of|to|in|at|for)\s+", clause, maxsplit=1)[0].split()  # "ambassador to China"
    if not head or head[-1].lower() not in words:
        return False
    return all(w[:1].isupper() or w.endswith(("'s", "’s")) or w in words for w in head)


def _mention(item: _Found, who: _Who, text: str) -> ActorMention:
    return ActorMention(
        start=item.start,
        end=item.end,
        text=text[item.start : item.end],
        actor=who.actor,
        name=who.name,
        kind="person",
        side=who.side,
        via=VIA_ROLE,
        matched=f"refers back to {who.name}, {who.how}",
        role=who.role,
    )


COUNTERPART = "counterpart"
_HOW_RECENT = "the person with that office named last, just before"


def _same_sentence(text: str, end: int, start: int) -> bool:
    """Does no sentence end between ``end`` and ``start``?"""
    return _SENTENCE_END.search(text, end, start) is None


def _not_subject(text: str, mention: ActorMention, persons: Sequence[ActorMention]) -> bool:
    """Does another person come before ``mention`` in its sentence? The first is its subject, and a
    description later in the sentence is seldom the subject again ("Putin told the president")."""
    window = max(0, mention.start - 400)
    ends = list(_SENTENCE_END.finditer(text, window, mention.start))
    start = ends[-1].end() if ends else window
    return any(start <= p.start and p.end <= mention.start for p in persons)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s|\n")


_HOW_BEFORE = "the person with that office most often named before"


def _inside(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def _named_after(text: str, end: int, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The person named right after a description, in apposition ("the minister, X"), if any."""
    gap = re.match(r",?\s+", text[end : end + 4])
    nxt = end + (gap.end() if gap else 0)
    return next((m for m in mentions if m.start == nxt and m.kind == "person"), None)


def _possessor_first(text: str, start: int, persons: Sequence[ActorMention]) -> list[ActorMention]:
    """Whose relative "his X" is: the first person of its sentence (its subject), if the sentence
    names one before it, else the last person named before."""
    sentence = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    own = [m for m in persons if m.start >= sentence]
    return own[:1] if own else list(persons[-1:])


def _possessor_after(text: str, end: int, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The person after "of" within a few words ("the husband of exiled opposition leader X")."""
    of = re.match(r"\s+of\s+", text[end : end + 6])
    if of is None:
        return None
    start = end + of.end()
    return next((m for m in mentions if m.kind == "person" and start <= m.start <= start + 40), None)


def _named_before(text: str, start: int, end: int, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The person a description stands in apposition to ("X, the husband of Y"), if any; not for
    a possessive ("X, the dictator's spokeswoman")."""
    if re.match(r"['’]s\b", text[end : end + 2]):
        return None
    window = max(0, start - 3)
    gap = re.search(r",\s*$", text[window:start])
    if gap is None:
        return None
    end = window + gap.start()
    return next((m for m in mentions if m.end == end and m.kind == "person"), None)


def _adjective_map(gazetteer) -> dict[str, str]:
    """Adjectives and acronyms of states and bodies ("Lithuanian", "US", "EU") → their ids."""
    out: dict[str, str] = {}
    for actor in gazetteer.actors.values():
        if actor.kind != "person":
            for adjective in actor.adjectives():
                out.setdefault(adjective, actor.id)
    return out


class KinResolver:
    """ "His wife", "her husband", "his predecessor": through the relations and tenures of the list."""

    def __init__(self, gazetteer, words: Kinship) -> None:
        self.gazetteer = gazetteer
        self._kind = {" ".join(n.lower().split()): kind for kind, nouns in words.nouns.items() for n in nouns}
        mods = _alternation(words.modifiers)
        mod_part = rf"(?:(?:{mods})\s+)*" if mods else ""
        self.pattern = re.compile(
            rf"(?<![\w-])(?:{_alternation(words.determiners)})\s+{mod_part}(?P<noun>{_alternation(self._kind)})(?![\w-])",
            re.IGNORECASE,
        )
        self._related = _relation_index(gazetteer)

    def find(self, text: str, taken: Sequence[tuple[int, int]], mentions: Sequence[ActorMention]) -> list[_Found]:
        found = []
        for m in self.pattern.finditer(text):
            if _inside(m.start(), m.end(), taken):
                continue
            kind = self._kind[" ".join(m.group("noun").lower().split())]
            named = _named_after(text, m.end(), mentions) or _named_before(text, m.start(), m.end(), mentions)
            of = _possessor_after(text, m.end(), mentions)  # "the husband of [exiled leader] X"
            found.append(_Found(m.start(), m.end(), None, kin=kind, named=named, of=of))
        return found

    def relative(self, kind: str, persons: Sequence[ActorMention], anchor) -> _Who | None:
        """The relative of that kind (exactly one) of the last person named before ("his" is theirs)."""
        for mention in reversed(persons[-1:]):
            actor = self.gazetteer.actor(mention.actor) if mention.actor else None
            if actor is None:
                continue
            if kind in _OFFICE_KIN:
                found = self._office_neighbour(actor, kind, anchor)
            else:
                found = self._related.get((actor.id, kind), set())
            if len(found) == 1:
                other = self.gazetteer.actor(next(iter(found)))
                how = f"the {kind} of {actor.name}"
                return _Who(other.id, other.name, other.side, other.role_at(anchor), how)
        return None

    def _office_neighbour(self, actor, kind: str, anchor) -> set[str]:
        """Who held the person's office (at the date) just before or just after them."""
        tenure = actor.tenure_at(anchor) if anchor else actor.tenure_at(None)
        if tenure is None:
            return set()
        ordered = sorted(self.gazetteer.holders(tenure.role), key=lambda pair: pair[1].start)
        index = next((i for i, (a, t) in enumerate(ordered) if a.id == actor.id and t == tenure), None)
        if index is None:
            return set()
        step = -1 if kind == "predecessor" else 1
        other = index + step
        return {ordered[other][0].id} if 0 <= other < len(ordered) else set()


_OFFICE_KIN = ("predecessor", "successor")
_INVERSE = {"spouse": "spouse", "sibling": "sibling", "partner": "partner", "child": "parent", "parent": "child"}


def _relation_index(gazetteer) -> dict[tuple[str, str], set[str]]:
    """(actor id, kind) -> the ids related so, both ways ("A's child B" is also "B's parent A")."""
    index: dict[tuple[str, str], set[str]] = {}
    for actor in gazetteer.actors.values():
        for kind, target in actor.relations:
            index.setdefault((actor.id, kind), set()).add(target)
            index.setdefault((target, _INVERSE[kind]), set()).add(actor.id)
    return index
