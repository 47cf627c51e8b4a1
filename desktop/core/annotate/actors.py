"""The compiled gazetteer the actor tagger matches against: phrase keys, a token trie, word sets.

Every name, office, title and word list comes from the gazetteer (``corpus/actors.yaml``); this
module turns them into the :class:`_Matcher` the scan consults, built once per gazetteer and
kept in memory only. The tagging itself is in :mod:`actor_tagger` (the scan),
:mod:`actor_context` (what the text around a phrase decides) and :mod:`actor_linking`
(whom shared surnames and short forms mean).

**The trie.** Keyed by lower-cased tokens, it holds every phrase of the gazetteer; a node keeps
the phrases ending there under ``_TERMINAL``. **Speed.** Most mentions are one word that means
the same anywhere ("Russia", "Putin", "Belarusian"): ``single`` maps the exact word to the
finished mention's fields, ``pairs`` does the same for two-word names, and ``continuations``
says cheaply whether the next word could continue a longer phrase.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from typing import Any, NamedTuple

from desktop.core.annotate.gazetteer import Gazetteer
from desktop.core.annotate.gazetteer_records import Actor, Cues, Place, strip_article
from desktop.core.annotate.records import VIA_ALIAS, VIA_DEMONYM, VIA_NAME, VIA_SURNAME

# What a trie key is, in order of precedence when one phrase means several things.
K_NAME, K_ALIAS, K_ROLE, K_SHORT, K_PLACE, K_DEMONYM, K_SURNAME, K_TITLE, K_GIVEN = range(9)
# What the scan found (the code of a raw match).
R_ACTOR, R_ROLE, R_SURNAME, R_SHORT, R_PATTERN, R_PLACE = range(6)

_TERMINAL = ""  # the trie key under which a node keeps the phrases ending there (never a token)
_APOSTROPHES = frozenset("’‘`ʼ")
_HYPHENS = frozenset("-‐‑–")
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper()) + "А-ЯЁЎІЇЄҐ"
# A capitalised word, with inner dots kept together ("U.S", "U.N"): where a phrase may start.
_CANDIDATE = re.compile(rf"[{_UPPER}]\w*(?:\.\w+)*")
# The next token after a separator: spaces (with at most one line break) or a hyphen in a compound.
_NEXT = re.compile(r"(?:[ \t\xa0]+\n?[ \t\xa0]*|\n[ \t\xa0]*|[-‐‑–](?=\w))?(\w+(?:\.\w+)*|[^\w\s])")
_TOKEN = re.compile(r"\w+(?:\.\w+)*|[^\w\s]")
_VIA_OF_KIND = {K_NAME: VIA_NAME, K_ALIAS: VIA_ALIAS, K_DEMONYM: VIA_DEMONYM}


def _lexicon_words(key: str) -> tuple[str, ...]:
    """A list of ``corpus/lexicons/names.yaml``: ``titles`` for people outside the actor list,
    ``not_names`` (capitalised words that are no part of a name)."""
    from desktop.core.files.lexicons import load_lexicon

    return tuple(load_lexicon("names").get(key) or ())


class _Key(NamedTuple):
    """One phrase of the gazetteer in the trie (a tuple: it unpickles fast at start-up)."""

    kind: int  # K_*
    target: Any  # actor id, role id, place id, or a tuple of candidate actor ids
    tokens: tuple[str, ...]  # the phrase's tokens as written
    strict: bool  # exact case (names) or free first letters (descriptions, titles)
    label: str  # the phrase as written: the ``matched`` of a mention
    person: bool = False  # a name or alias of a person
    folded: tuple[str, ...] = ()  # tokens with their first letter lowered (the case rule of descriptions)


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Tokens of a phrase as the scan sees text: hyphens in compounds are spaces, "U.S." is one."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(phrase):
        token = match.group()
        a, b = match.start(), match.end()
        if token in _HYPHENS and a > 0 and b < len(phrase) and phrase[a - 1].isalnum() and phrase[b].isalnum():
            continue
        if token == "." and tokens and "." in tokens[-1] and len(tokens[-1]) > 1 and phrase[a - 1] != " ":
            continue  # the final dot of "U.S." belongs to the token
        tokens.append("'" if token in _APOSTROPHES else token)
    return tuple(tokens)


class _Matcher:
    """The compiled gazetteer: a token trie and the word sets the scan consults. Picklable."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.root: dict[str, Any] = {}
        self.starters: set[str] = set()  # lower-case first words of descriptions (after "the")
        self._add_phrases(gazetteer)
        self._sort(self.root)
        self.single = self._single_token_outcomes(gazetteer)
        self.pairs = self._two_token_outcomes(gazetteer)
        self.continuations = self._continuations()
        self.starter_initials = frozenset(w[:1] for w in self.starters)
        self.actor_fields = {
            a.id: (a.name, a.kind, a.side, a.is_person, a.kind in _TRACKED_KINDS) for a in gazetteer.actors.values()
        }
        self._index_words(gazetteer)
        self._compile_patterns(gazetteer.cues)
        self.first_names = {
            actor.id: frozenset(n.split()[0] for n in actor.names() if " " in n)
            for actor in gazetteer.actors.values()
            if actor.is_person
        }
        self.capital_labels = {
            place.id: _capital_label(place, gazetteer) for place in gazetteer.places.values() if place.stands_for
        }

    def _add_phrases(self, gazetteer: Gazetteer) -> None:
        """Every phrase of the gazetteer into the trie: names, roles, places, titles, given names, surnames."""
        cues = gazetteer.cues
        for actor in gazetteer.actors.values():
            self._add_actor(actor)
        for role in gazetteer.roles.values():
            for phrase in role.phrases:
                self._add(phrase, K_ROLE, role.id, strict=False)
        for place in gazetteer.places.values():
            for form in (place.name, *place.aliases):
                self._add(form, K_PLACE, place.id, strict=True)
        for title in (*cues.titles, *_lexicon_words("titles")):
            self._add(title, K_TITLE, None, strict=False)
        for given in cues.given_names:
            self._add(given, K_GIVEN, None, strict=True)
        self._add_surnames(gazetteer)

    def _continuations(self) -> dict[str, frozenset[str]]:
        """First characters (either case) of the words that can continue a phrase, per first word.

        Most words after "Belarus" or "Russian" cannot, and a set look-up says so cheaply.
        """
        return {
            lowered: frozenset(c for child in node if child != _TERMINAL for c in {child[:1], child[:1].upper()})
            | (frozenset(_APOSTROPHES) if "'" in node else frozenset())
            for lowered, node in self.root.items()
        }

    def _index_words(self, gazetteer: Gazetteer) -> None:
        """The word sets of the context rules: stop words, gazetteer words, descriptors, blockers, place cues."""
        cues = gazetteer.cues
        self.stopwords = frozenset(cues.name_stopwords) | frozenset(_lexicon_words("not_names"))
        self.gazetteer_words = frozenset(
            strip_article(form)
            for actor in gazetteer.actors.values()
            for form in (actor.name, *actor.aliases, *actor.demonyms)
            if " " not in strip_article(form)
        ) | frozenset(form for place in gazetteer.places.values() for form in (place.name, *place.aliases))
        self.descriptors = frozenset(d.lower() for d in cues.descriptors)
        self.descriptor_tails = frozenset(d.split()[-1] for d in self.descriptors)
        # One-word office nouns that stand before a name ("former prime minister Nawaz Sharif").
        self.role_heads = frozenset(h.lower() for h in cues.appositive_heads if " " not in h)
        self.blockers = frozenset(w.lower() for w in cues.role_blockers)
        self.place_before = frozenset(w.lower() for w in cues.place_before)
        self.place_after = frozenset(w.lower() for w in cues.place_after)

    def _compile_patterns(self, cues: Cues) -> None:
        """The apposition after a name (", a former minister") and the lower-case descriptions after "the"."""
        heads = "|".join(sorted((re.escape(h) for h in cues.appositive_heads), key=len, reverse=True))
        self.appositive = (
            re.compile(rf"(?:an?|the|former|ex-|[\w.-]+['’]s)[ \t]+(?:[\w.’']+(?:[ \t]+|-)){{0,6}}?(?:{heads})s?\b")
            if heads
            else None
        )
        starters = "|".join(sorted(map(re.escape, self.starters), key=len, reverse=True))
        # Lower-case "the" only: a literal prefix scans fast; "The" is caught by the capitalised scan.
        self.the_scan = re.compile(rf"the[ \t]+(?=(?:{starters})\b)") if starters else None

    def _add_actor(self, actor: Actor) -> None:
        person = actor.is_person
        self._add(strip_article(actor.name), K_NAME, actor.id, strict=True, person=person)
        for alias in actor.aliases:
            self._add(strip_article(alias), K_ALIAS, actor.id, strict=True, person=person)
        for demonym in actor.demonyms:
            self._add(demonym, K_DEMONYM, actor.id, strict=True)

    def _add_surnames(self, gazetteer: Gazetteer) -> None:
        """Surnames and short forms may be shared: each phrase maps to all its candidates."""
        owners: dict[tuple[int, str], list[str]] = {}
        for actor in gazetteer.actors.values():
            for surname in actor.surnames:
                owners.setdefault((K_SURNAME, surname), []).append(actor.id)
            for short in actor.short_forms:
                owners.setdefault((K_SHORT, strip_article(short)), []).append(actor.id)
        for (kind, phrase), ids in owners.items():
            self._add(phrase, kind, tuple(ids), strict=True, person=kind == K_SURNAME)

    def _add(self, phrase: str, kind: int, target: Any, *, strict: bool, person: bool = False) -> None:
        tokens = phrase_tokens(phrase)
        if not tokens:
            return
        node = self.root
        for token in tokens:
            node = node.setdefault(token.lower(), {})
        folded = () if strict else tuple(_fold(t) for t in tokens)
        node.setdefault(_TERMINAL, []).append(_Key(kind, target, tokens, strict, phrase, person, folded))
        if not strict and tokens[0][:1].islower():
            self.starters.add(tokens[0].lower())

    def _single_token_outcomes(self, gazetteer: Gazetteer) -> dict[str, tuple[_Key, tuple | None]]:
        """Exact token -> its first matching one-word phrase and, if context-free, the mention's fields.

        The scan's fast path: "Russia", "Putin", "Belarusian" become mentions with one dictionary
        look-up instead of a trie walk, unless the next word continues a longer phrase; "Minsk"
        or "President" go straight to the check of their context.
        """
        outcomes: dict[str, tuple[_Key, tuple | None]] = {}
        for lowered, node in self.root.items():
            keys = node.get(_TERMINAL, ())
            forms = {k.tokens[0] for k in keys if len(k.tokens) == 1}
            forms |= {lowered[:1].upper() + k.tokens[0][1:] for k in keys if len(k.tokens) == 1 and not k.strict}
            for form in forms:
                key = next((k for k in keys if len(k.tokens) == 1 and _case_ok(k, [form], 1)), None)
                if key is not None:
                    outcomes[form] = (key, _fields(key, gazetteer))
        return outcomes

    def _two_token_outcomes(self, gazetteer: Gazetteer) -> dict[tuple[str, str], tuple]:
        """(first, second) exact tokens -> (mention fields, node) of a two-word fixed-meaning phrase.

        "Vladimir Putin", "United States": the scan emits them without the general walk unless a
        third word continues a longer phrase.
        """
        pairs: dict[tuple[str, str], tuple] = {}
        for node in self.root.values():
            for lowered, child in node.items():
                if lowered == _TERMINAL:
                    continue
                keys = child.get(_TERMINAL, ())
                for key in keys:
                    if len(key.tokens) != 2 or not key.strict:
                        continue
                    first = next((k for k in keys if _case_ok(k, list(key.tokens), 2)), None)
                    fields = _fields(first, gazetteer) if first is not None else None
                    if fields is not None:
                        pairs.setdefault(key.tokens, (fields, child))
        return pairs

    def _sort(self, node: dict[str, Any]) -> None:
        for key, value in node.items():
            if key == _TERMINAL:
                value.sort(key=lambda k: k.kind)
                node[key] = tuple(value)
            else:
                self._sort(value)


def _fields(key: _Key, gazetteer: Gazetteer) -> tuple | None:
    """A key's mention fields if its meaning needs no context, else None.

    (actor id, name, kind, side, via, matched, is a person, names the actor in full)
    """
    if key.kind == K_SURNAME and len(key.target) == 1:
        actor_id, via = key.target[0], VIA_SURNAME
    elif key.kind in _VIA_OF_KIND:
        actor_id, via = key.target, _VIA_OF_KIND[key.kind]
    else:
        return None
    actor = gazetteer.actor(actor_id)
    assert actor is not None
    in_full = via != VIA_DEMONYM and via != VIA_SURNAME and actor.kind in _TRACKED_KINDS
    return (actor_id, actor.name, actor.kind, actor.side, via, key.label, actor.is_person, in_full)


_TRACKED_KINDS = frozenset({"person", "organisation"})


@dataclass(frozen=True, slots=True)
class _Nobody:
    name: str = ""
    capital: str | None = None


_NO_ACTOR = _Nobody()


def _capital_label(place: Place, gazetteer: Gazetteer) -> str:
    """The ``matched`` of a capital standing for its government ("Minsk (capital for its government)")."""
    actor = gazetteer.actor(place.stands_for) or _NO_ACTOR
    if actor.capital in (place.name, *place.aliases):
        return f"{place.name} (capital for its government)"
    return f"{place.name} (for {actor.name})"


_MATCHERS: weakref.WeakKeyDictionary[Gazetteer, _Matcher] = weakref.WeakKeyDictionary()


def _matcher_for(gazetteer: Gazetteer) -> _Matcher:
    """The compiled matcher of a gazetteer, built once per gazetteer (about 18 ms; not kept on disk)."""
    matcher = _MATCHERS.get(gazetteer)
    if matcher is None:
        matcher = _MATCHERS[gazetteer] = _Matcher(gazetteer)
    return matcher


def _mid_word(text: str, start: int) -> bool:
    """Does ``start`` fall inside a word ("iPhone", "McCain")? Then no phrase starts there."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")


def _fold(token: str) -> str:
    """The first letter lowered: "President" and "president" agree, "US" and "us" do not."""
    return token[:1].lower() + token[1:]


def _case_ok(key: _Key, tokens: list[str], count: int) -> bool:
    """Names match exactly; descriptions with either case of each first letter (acronyms exactly)."""
    if key.strict:
        return key.tokens == tuple(tokens[:count])
    return key.folded == tuple(_fold(t) for t in tokens[:count])
