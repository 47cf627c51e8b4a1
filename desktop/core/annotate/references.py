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
from collections.abc import Sequence

from desktop.core.annotate.records import VIA_DEMONYM, VIA_ROLE, ActorMention
from desktop.core.annotate.reference_context import (
    _adjective_map,
    _ends_with_office,
    _Found,
    _inside,
    _mention,
    _named_after,
    _named_before,
    _names_state,
    _not_subject,
    _possessor_first,
    _same_sentence,
    _Who,
    _written_titles,
)
from desktop.core.annotate.reference_kin import KinResolver
from desktop.core.annotate.reference_states import state_descriptions, state_pattern, travels_to
from desktop.core.annotate.reference_words import (
    Kinship,
    OfficeClass,
    ReferenceWords,
    _alternation,
    load_reference_words,
)

__all__ = ["Kinship", "OfficeClass", "ReferenceResolver", "ReferenceWords", "_ends_with_office", "load_reference_words"]


# A demonym of a state outside the actor list: "the Pakistani prime minister" (capitalised).
_UNLISTED_DEMONYM = r"(?P<other>[A-Z][a-z]+(?:i|ian|ean|ese|ish|an))\s+"


_POSSESSIVE = re.compile(r"['’]s ")
#: "…," Mr. X said, referring to President Trump: whom a description in the quote means.
_REFERRING = re.compile(
    r"(?:[^.!?\n]|(?<=\bM[rs])\.|(?<=\bDr)\.|(?<=\bMrs)\.|(?<=\b[A-Z])\.){0,160}?\breferring\s+to\s+"
)


def _referred_to(text: str, end: int, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The person named after "referring to" later in the description's sentence, if any."""
    m = _REFERRING.match(text, end)
    if m is None:
        return None
    return next((p for p in mentions if p.kind == "person" and p.start == m.end()), None)


#: A description that names what someone is called, not who is meant: "called him 'the highly
#: respected President of Belarus'", "is often called Europe's last dictator", "dubbed the …".
_PREDICATE_LEFT = re.compile(
    r"\b(?:called|calls|call|dubbed|dubs|labelled|labeled|branded|nicknamed|hailed\s+as|described\s+as)"
    r"(?:\s+(?:him|her|them|it|himself|herself))?\s+[\"“‘']?(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _predicative_at(text: str, start: int) -> bool:
    return _PREDICATE_LEFT.search(text, max(0, start - 80), start) is not None


def _predicative(text: str, m: ActorMention) -> bool:
    """A description (never a name) in the predicate of a verb of calling."""
    return m.kind == "person" and m.via == VIA_ROLE and _predicative_at(text, m.start)


def _rank(office, title: str) -> int:
    """The place of the first of the office's titles found in ``title`` (its order is its rank)."""
    lowered = title.lower()
    return next((i for i, t in enumerate(office.titles) if t.lower() in lowered), len(office.titles))


def _demonym_in(adjective: str, title: str) -> bool:
    """Does a title name the state of an unlisted demonym ("Pakistani": "… of Pakistan X")?"""
    if re.search(rf"(?<!\w){re.escape(adjective)}(?!\w)", title):
        return True
    stem = re.sub(r"(?:ian|ean|ese|ish|an|i)$", "", adjective)
    return len(stem) >= 4 and re.search(rf"(?<!\w){re.escape(stem)}[a-z]*(?!\w)", title) is not None


class ReferenceResolver:
    """Adds the descriptions that refer back to the actor mentions of one text."""

    def __init__(self, gazetteer, words: ReferenceWords | None = None) -> None:
        self.gazetteer = gazetteer
        self.words = words or load_reference_words()
        self._by_head = {" ".join(h.lower().split()): c for c in self.words.classes for h in c.heads}
        self._adjectives = _adjective_map(gazetteer)
        self.pattern = self._compile()
        self.owned = self._compile_owned()
        # The words of the offices' titles and heads, determiners and modifiers: what a title is made of.
        phrases = [w for c in self.words.classes for w in (*c.titles, *c.heads)] + list(self.words.modifiers)
        self._tails = frozenset(w.lower() for p in phrases for w in p.split()) | {"the", "a", "an", "deputy", "first"}
        adjectives = _alternation(self._adjectives)
        self.counterpart = re.compile(
            rf"(?<![\w-])(?:his|her|their|its)\s+(?:(?P<adj>{adjectives})\s+|{_UNLISTED_DEMONYM})?counterparts?(?![\w-])"
        )
        self.kin = KinResolver(gazetteer, self.words.kinship) if self.words.kinship else None
        self._states = state_pattern(self.words.state_words)
        self._marked = tuple(" ".join(m.lower().split()) for m in self.words.marked)

    def _compile_owned(self) -> re.Pattern[str]:
        mods = _alternation(self.words.modifiers)
        mod_part = rf"(?:(?:{mods})\s+)*" if mods else ""
        return re.compile(rf"{mod_part}(?P<head>{_alternation(self._by_head)})(?![\w-])")

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
            named = (
                _named_after(text, m.end(), mentions)
                or _named_before(text, m.start(), m.end(), mentions)
                or _referred_to(text, m.end(), mentions)
            )
            found.append(_Found(m.start(), m.end(), office, adjective, bool(m.group("country")), named=named))
        found += self._owned(text, taken, mentions)
        if self.kin is not None:
            found += self.kin.find(text, taken, mentions)
        found += self._counterparts(text, taken, mentions)
        return sorted(found, key=lambda f: f.start)

    def _owned(self, text: str, taken, mentions: Sequence[ActorMention]) -> list[_Found]:
        """ "the European Union's foreign policy chief": an office after the possessive of a state or
        body (a person's possessive, "the dictator's spokeswoman", is that person's mention only)."""
        owners = {m.end: m for m in mentions if m.kind != "person"}
        found = []
        for possessive in _POSSESSIVE.finditer(text):
            m = self.owned.match(text, possessive.end()) if possessive.start() in owners else None
            if m is None or _inside(m.start(), m.end(), taken) or re.match(r"\s+of\b", text[m.end() : m.end() + 8]):
                continue
            office = self._by_head[" ".join(m.group("head").lower().split())]
            found.append(_Found(m.start(), m.end(), office, named=_named_after(text, m.end(), mentions)))
        return found

    def _counterparts(self, text: str, taken, mentions: Sequence[ActorMention]) -> list[_Found]:
        """ "his Belarusian counterpart", "their counterparts"."""
        found = []
        for m in self.counterpart.finditer(text):
            if not _inside(m.start(), m.end(), taken):
                named = _named_after(text, m.end(), mentions)
                adjective = m.group("adj") or m.group("other") or ""
                found.append(_Found(m.start(), m.end(), None, adjective, kin=COUNTERPART, named=named))
        return found

    # -- resolving
    def resolve(self, text: str, anchor: dt.date | None, mentions: Sequence[ActorMention]) -> list[ActorMention]:
        """``mentions`` with the resolved descriptions added, in text order."""
        mentions = [m for m in mentions if not _predicative(text, m)]
        found = [f for f in self._descriptions(text, mentions) if not _predicative_at(text, f.start)]
        mentions = self._with_states(text, anchor, mentions)
        if not found:
            return list(mentions)
        country = self._country(mentions)
        merged = sorted(mentions, key=lambda m: (m.start, m.end))
        written = _written_titles(text, merged, self._tails)
        marked: list[_Who] = []  # whom "the dictator" referred to: "the ruler" later is them too
        for item in found:  # in text order: a resolved description counts for the next ones
            persons = [m for m in merged if m.kind == "person" and m.end <= item.start]
            who = self._one(item, persons, anchor, country, (written, text, persons), marked)
            if who is None:
                continue
            merged = [m for m in merged if not (item.start <= m.start and m.end <= item.end)]
            merged.append(_mention(item, who, text))
            merged.sort(key=lambda m: (m.start, m.end))
        return merged

    def _one(self, item: _Found, persons, anchor, country, call, marked: list[_Who]) -> _Who | None:
        """Whom one description means; a marked head ("the ruler") keeps to whom the first meant."""
        text = call[1]
        people = _possessor_first(text, item.start, persons) if item.kin else persons
        is_marked = self._is_marked(text, item)
        if is_marked and marked and item.named is None:
            return marked[-1]
        who = self._who(item, people, anchor, country, call)
        if is_marked and who is not None:
            marked.append(who)
        return who

    def _with_states(self, text: str, anchor, mentions: Sequence[ActorMention]) -> Sequence[ActorMention]:
        """The mentions with "the regime", "the authorities" added as the article's state."""
        leaders = self.words.classes[0] if self.words.classes else None  # president, head of state
        states = state_descriptions(text, self._states, mentions, self.gazetteer, leaders, anchor)
        return sorted([*mentions, *states], key=lambda m: (m.start, m.end)) if states else mentions

    def _is_marked(self, text: str, item: _Found) -> bool:
        """Is the description's head one a writer keeps for one person ("the dictator")?"""
        words = " ".join(text[item.start : item.end].lower().split())
        return item.office is not None and any(words.endswith(" " + m) for m in self._marked)

    def _who(
        self, item: _Found, persons: Sequence[ActorMention], anchor, country: str | None, call=({}, "")
    ) -> _Who | None:
        """Who a description means; ``call`` is the article's written titles, its text and (for a
        counterpart) everyone named before."""
        if item.named is not None:
            m = item.named
            return _Who(m.actor, m.name, m.side, m.role, "named beside it, in apposition")
        if item.kin == COUNTERPART:
            return self._counterpart(item, persons, anchor, country, call)
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
            return of is None and _demonym_in(item.adjective, title)
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
        written, text = call[0], call[1]
        abroad = travels_to(text, item.end, self.gazetteer)  # "The head of state has visited China"
        fitting: dict[str, list] = {}
        for order, mention in enumerate(persons):
            if mention.end > item.start:
                break
            title, of = self._title(mention, anchor, written)
            fits = any(item.office.fits(t) for t in title.split(" / "))
            if fits and of not in abroad and self._allowed(item, mention.side, of, country, title):
                key = mention.actor or mention.name
                entry = fitting.setdefault(key, [0, False, -order, mention])
                entry[0] += 1
                entry[1] = entry[1] or (of is not None and of == country)
                last = mention
        if not fitting:
            return None
        newest = self._newest(item, text, [e[3] for e in fitting.values()], anchor, country)
        if newest is not None:  # "the new prime minister": the one who took office last, lately
            return newest
        if _same_sentence(text, last.end, item.start) and _not_subject(text, last, persons):
            return _Who(last.actor, last.name, last.side, last.role, _HOW_RECENT)
        mention = max(fitting.values(), key=lambda e: (e[0], e[2], e[1]))[3]
        return _Who(mention.actor, mention.name, mention.side, mention.role, _HOW_BEFORE)

    def _newest(self, item: _Found, text: str, candidates: list[ActorMention], anchor, country=None) -> _Who | None:
        """For "the new …", the fitting person named before (else the holder in the article's country)
        whose tenure at the date began latest, within a year."""
        words = text[item.start : item.end].lower().split()
        if anchor is None or not _NEW_WORDS & set(words):
            return None
        started = []
        for mention in candidates:
            if self._took_office_lately(mention.actor, anchor):
                started.append((self.gazetteer.actor(mention.actor).tenure_at(anchor).start, mention))
        if started:
            m = max(started, key=lambda pair: pair[0])[1]
            return _Who(m.actor, m.name, m.side, m.role, _HOW_NEW)
        holder = self._holder(item, country, anchor)
        return holder if holder is not None and self._took_office_lately(holder.actor, anchor) else None

    def _took_office_lately(self, actor_id: str | None, anchor: dt.date) -> bool:
        actor = self.gazetteer.actor(actor_id) if actor_id else None
        tenure = actor.tenure_at(anchor) if actor is not None else None
        return tenure is not None and (anchor - tenure.start).days <= _NEW_DAYS

    def _counterpart(self, item: _Found, persons, anchor, country: str | None, call) -> _Who | None:
        """ "his Belarusian counterpart": the holder, in that state (else the article's country), of
        the office of the person whose counterpart is meant (the subject of the sentence); for a
        holder outside the list, the person of that office and state named before ("President of
        the Islamic Republic of Iran X … his Iranian counterpart")."""
        if not persons:
            return None
        title, of = self._title(persons[0], anchor, call[0])
        office = next((c for c in self.words.classes if any(c.fits(t) for t in title.split(" / "))), None)
        where = self._adjectives.get(item.adjective) if item.adjective else country
        if office is None or (where is not None and where == of) or (where is None and not item.adjective):
            return None
        described = _Found(item.start, item.end, office, item.adjective)
        holder = self._holder(described, where, anchor) if where is not None else None
        if holder is not None or len(call) < 3 or not item.adjective:
            return holder
        return self._named_counterpart(described, persons[0], anchor, country, call)

    def _named_counterpart(self, described: _Found, subject: ActorMention, anchor, country, call) -> _Who | None:
        """The person of the counterpart's office and state named before, not the subject."""
        others = [m for m in call[2] if (m.actor or m.name) != (subject.actor or subject.name)]
        return self._earlier(described, others, anchor, country, call)

    def _holder(self, item: _Found, country: str | None, anchor) -> _Who | None:
        where = self._adjectives.get(item.adjective) if item.adjective else country
        if where is None:
            return None
        holders: dict[str, tuple[int, object]] = {}  # the office's rank: its first title that fits
        for role in self.gazetteer.roles.values():
            if role.of == where and item.office.fits(role.title):
                actor = self.gazetteer.holder_at(role.id, anchor)
                if actor is not None:
                    rank = _rank(item.office, role.title)
                    holders[actor.id] = min(holders.get(actor.id, (rank, actor)), (rank, actor), key=lambda h: h[0])
        first = min((rank for rank, _ in holders.values()), default=None)
        highest = [actor for rank, actor in holders.values() if rank == first]
        if len(highest) != 1:  # "the Belarusian leader": the president before the prime minister
            return None
        actor = highest[0]
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


COUNTERPART = "counterpart"


_HOW_RECENT = "the person with that office named last, just before"


_HOW_NEW = "the person with that office who took it last, in the year before"
_NEW_WORDS = frozenset({"new", "newly"})
_NEW_DAYS = 366
_HOW_BEFORE = "the person with that office most often named before"
