"""Finding actors in text: names, aliases, surnames, role descriptions, demonyms and places.

The tagger holds mechanisms only; every name, office, title and word list comes from the
gazetteer (``corpus/actors.yaml``).

**The scan.** A trie keyed by lower-cased tokens holds every phrase of the gazetteer. Candidate
starts are capitalised words (one C-level regex scan) and, for descriptions that start in lower
case ("the foreign minister of Belarus"), the word after a "the". From each start the longest
phrase whose case rule and context accept it wins, and mentions never overlap. Context decides:
a role description is kept when someone held the role on the article's date or a name follows it
("KGB Chairman Vladimir Vakulchik" becomes one mention); a capital after "in" or "to" is a place,
elsewhere its government ("Minsk seeks"); a title, given name, descriptor or apposition around an
unknown capitalised name makes an unlinked person.

**Speed.** Most mentions are one word that means the same anywhere ("Russia", "Putin",
"Belarusian"): a dictionary from the exact word to the finished mention's fields handles them,
after a cheap check that the next word does not continue a longer phrase; two-word names have a
table of their own; only the rest walks the trie. Mentions are created as the scan goes.

**Linking.** Shared surnames ("Clinton") and short forms ("the Foreign Ministry") wait for the
end of the scan, when every full naming in the article is known; then they are linked to the
actor the article names, or by the gazetteer and the date. Each person gets the role held on the
article's date, in words.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from desktop.core.annotate.gazetteer import (
    FALLBACK_SIDE,
    Actor,
    Gazetteer,
    read_cache,
    strip_article,
    write_cache,
)
from desktop.core.annotate.records import (
    VIA_ALIAS,
    VIA_DEMONYM,
    VIA_NAME,
    VIA_PATTERN,
    VIA_ROLE,
    VIA_SURNAME,
    ActorMention,
    PlaceMention,
)

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
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PARTICLE = re.compile(r"(?:von|van|der|den|de|da|di|du|dos|del|la|le|bin|ibn|al)[ \t]+(?=[^\W\d_])")
_GAP = re.compile(r"[ \t\xa0]+\n?[ \t\xa0]*|\n[ \t\xa0]*")
_SPACES = frozenset(" \t\xa0\n")
_LIST_CONJUNCTIONS = (" and ", ", and ", " or ", ", or ", " & ")
_MONTHS = frozenset(calendar.month_name[1:]) | frozenset(calendar.month_abbr[1:])
_VIA_OF_KIND = {K_NAME: VIA_NAME, K_ALIAS: VIA_ALIAS, K_DEMONYM: VIA_DEMONYM}


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
        cues = gazetteer.cues
        for actor in gazetteer.actors.values():
            self._add_actor(actor)
        for role in gazetteer.roles.values():
            for phrase in role.phrases:
                self._add(phrase, K_ROLE, role.id, strict=False)
        for place in gazetteer.places.values():
            for form in (place.name, *place.aliases):
                self._add(form, K_PLACE, place.id, strict=True)
        for title in cues.titles:
            self._add(title, K_TITLE, None, strict=False)
        for given in cues.given_names:
            self._add(given, K_GIVEN, None, strict=True)
        self._add_surnames(gazetteer)
        self._sort(self.root)
        self.single = self._single_token_outcomes(gazetteer)
        self.pairs = self._two_token_outcomes(gazetteer)
        # First characters (lower case) of the words that can continue a phrase, per first word:
        # most words after "Belarus" or "Russian" cannot, and a set look-up says so cheaply.
        self.continuations = {
            lowered: frozenset(c for child in node if child != _TERMINAL for c in {child[:1], child[:1].upper()})
            | (frozenset(_APOSTROPHES) if "'" in node else frozenset())
            for lowered, node in self.root.items()
        }
        self.starter_initials = frozenset(w[:1] for w in self.starters)
        self.actor_fields = {
            a.id: (a.name, a.kind, a.side, a.is_person, a.kind in _TRACKED_KINDS) for a in gazetteer.actors.values()
        }
        self.stopwords = frozenset(cues.name_stopwords)
        self.gazetteer_words = frozenset(
            strip_article(form)
            for actor in gazetteer.actors.values()
            for form in (actor.name, *actor.aliases, *actor.demonyms)
            if " " not in strip_article(form)
        ) | frozenset(form for place in gazetteer.places.values() for form in (place.name, *place.aliases))
        self.descriptors = frozenset(d.lower() for d in cues.descriptors)
        self.descriptor_tails = frozenset(d.split()[-1] for d in self.descriptors)
        self.blockers = frozenset(w.lower() for w in cues.role_blockers)
        self.place_before = frozenset(w.lower() for w in cues.place_before)
        self.place_after = frozenset(w.lower() for w in cues.place_after)
        heads = "|".join(sorted((re.escape(h) for h in cues.appositive_heads), key=len, reverse=True))
        self.appositive = (
            re.compile(rf"(?:an?|the|former|ex-)[ \t]+(?:[\w.’'-]+[ \t]+){{0,5}}?(?:{heads})s?\b") if heads else None
        )
        starters = "|".join(sorted(map(re.escape, self.starters), key=len, reverse=True))
        # Lower-case "the" only: a literal prefix scans fast; "The" is caught by the capitalised scan.
        self.the_scan = re.compile(rf"the[ \t]+(?=(?:{starters})\b)") if starters else None
        self.first_names = {
            actor.id: frozenset(n.split()[0] for n in actor.names() if " " in n)
            for actor in gazetteer.actors.values()
            if actor.is_person
        }
        self.capital_labels = {
            place.id: (
                f"{place.name} (capital for its government)"
                if (gazetteer.actor(place.stands_for) or _NO_ACTOR).capital in (place.name, *place.aliases)
                else f"{place.name} (for {(gazetteer.actor(place.stands_for) or _NO_ACTOR).name})"
            )
            for place in gazetteer.places.values()
            if place.stands_for
        }

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


def _fast_constructor(cls: type) -> Any:
    """A positional constructor for a frozen, slotted dataclass that sets its slots directly.

    A frozen dataclass's ``__init__`` goes through ``object.__setattr__`` field by field; at tens
    of thousands of mentions per second that is a third of the tagging time. The result is an
    ordinary instance of ``cls``, equal to ``cls(*args)`` (tests check it). The function is
    generated, as ``dataclasses`` generates ``__init__``. Falls back to ``cls`` if the class is
    not slotted or has a ``__post_init__``.
    """
    import dataclasses

    names = [f.name for f in dataclasses.fields(cls)]
    descriptors = [cls.__dict__.get(name) for name in names]
    if hasattr(cls, "__post_init__") or not all(hasattr(d, "__set__") for d in descriptors):
        return cls
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update({f"set_{name}": d.__set__ for name, d in zip(names, descriptors, strict=True)})
    body = "".join(f"    set_{name}(instance, {name})\n" for name in names)
    source = f"def construct({', '.join(names)}):\n    instance = new(cls)\n{body}    return instance\n"
    exec(source, namespace)
    return namespace["construct"]


_new_actor_mention = _fast_constructor(ActorMention)
_MATCHERS: weakref.WeakKeyDictionary[Gazetteer, _Matcher] = weakref.WeakKeyDictionary()


def _matcher_for(gazetteer: Gazetteer) -> _Matcher:
    """The compiled matcher of a gazetteer: from memory, the start-up cache, or built."""
    matcher = _MATCHERS.get(gazetteer)
    if matcher is not None:
        return matcher
    key = gazetteer.fingerprint
    cached = read_cache("matcher", key) if key else None
    matcher = cached if isinstance(cached, _Matcher) else _Matcher(gazetteer)
    if key and cached is None:
        write_cache("matcher", key, matcher)
    _MATCHERS[gazetteer] = matcher
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


class ActorTagger:
    """Tags actor and place mentions in plain text against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._m = _matcher_for(gazetteer)

    def tag(
        self,
        text: str,
        anchor: dt.date | None,
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> tuple[list[ActorMention], list[PlaceMention]]:
        """Actor and place mentions of ``text``, in order; ``anchor`` is the article's date.

        Without an anchor, descriptions resolve to the current office holders. ``sentences``
        (from :func:`desktop.core.text.sentences.sentence_spans`), if given, keep a title and the name
        after it, or an apposition, inside one sentence.
        """
        if not text:
            return [], []
        return _Scan(self, text, anchor, sentences).run()


class _Scan:
    """One tagging run over one text: scans, creates mentions as it goes, then links the rest."""

    def __init__(
        self,
        tagger: ActorTagger,
        text: str,
        anchor: dt.date | None,
        sentences: Sequence[tuple[int, int]] | None,
    ) -> None:
        self.m = tagger._m
        self.gazetteer = tagger.gazetteer
        self.text = text
        self.anchor = anchor
        self.sentence_starts = sorted(a for a, _ in sentences) if sentences else None
        self.holders: dict[str, str | None] = {}
        self.roles: dict[str, str] = {}  # actor id -> role held on the anchor date, in words
        self.named: defaultdict[str, list[int]] = defaultdict(list)  # actor id -> where it is named in full
        self.mentions: list[ActorMention | None] = []
        self.places: list[PlaceMention] = []
        self.deferred: list[tuple[int, tuple]] = []  # (index in mentions, raw) to link after the scan
        self.last_end = 0

    # ───────────────────────────────────────── the scan

    def run(self) -> tuple[list[ActorMention], list[PlaceMention]]:
        text, m = self.text, self.m
        root, single, stopwords, follow = m.root, m.single, m.stopwords, _NEXT.match
        continuations, pairs = m.continuations, m.pairs
        mentions, named, roles = self.mentions, self.named, self.roles
        add, new_mention = mentions.append, _new_actor_mention
        the_starts = self._the_starts()
        the_starts.append(len(text) + 1)  # a sentinel
        next_the = 0
        for match in _CANDIDATE.finditer(text):
            start = match.start()
            while the_starts[next_the] < start:
                if the_starts[next_the] >= self.last_end:
                    self._try_lower(the_starts[next_the])
                next_the += 1
            if start < self.last_end:
                continue
            token = match.group()
            lowered = token.lower()
            node = root.get(lowered)
            if node is None:
                if token == "The":
                    self._after_the(match.end())
                elif token not in stopwords and not _mid_word(text, start):
                    self._unknown(start, token, match.end())
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a word: "iPhone"
            end = match.end()
            if "." in token and text.startswith(".", end):
                end += 1
            fast = single.get(token)
            if len(node) > 1:  # could a longer phrase start here?
                after = text[end : end + 1]
                if after == " " or after in _HYPHENS:
                    after = text[end + 1 : end + 2]
                if after in continuations[lowered] or after.isspace():
                    nxt = follow(text, end)
                    following = nxt.group(1) if nxt is not None else ""
                    child = node.get("'" if following in _APOSTROPHES else following.lower())
                    if child is not None:
                        fast = None
                        pair = pairs.get((token, following))
                        if pair is not None and (len(pair[1]) == 1 or not self._continues(nxt.end(), pair[1])):
                            pair_end = nxt.end()
                            if "." in following and text.startswith(".", pair_end):
                                pair_end += 1
                            self._add(start, pair_end, pair[0][0], pair[0][4], pair[0][5])
                            self.last_end = pair_end
                            continue
            if fast is not None:
                fields = fast[1]
                if fields is not None:  # the fast path: a word that means the same anywhere
                    actor_id, name, kind, side, via, label, person, in_full = fields
                    role = ""
                    if person:
                        role = roles.get(actor_id)
                        if role is None:
                            role = self._role_text(actor_id)
                    if in_full:
                        named[actor_id].append(start)
                    add(new_mention(start, end, text[start:end], actor_id, name, kind, side, via, label, role))
                    self.last_end = end
                    continue
                raw = self._accept(fast[0], start, end)
                if raw is not None:
                    self._emit(raw)
                    continue
            if not self._try(start, token, end, node) and token not in stopwords:
                self._unknown(start, token, end)
        for position in the_starts[next_the:-1]:
            if position >= self.last_end:
                self._try_lower(position)
        return self._finish()

    def _continues(self, end: int, node: dict[str, Any]) -> bool:
        """Does the token after ``end`` continue a phrase from ``node``?"""
        nxt = _NEXT.match(self.text, end)
        if nxt is None:
            return False
        token = nxt.group(1)
        return ("'" if token in _APOSTROPHES else token.lower()) in node

    def _the_starts(self) -> list[int]:
        """Where a description starting in lower case may begin: the word after "the"."""
        scan = self.m.the_scan
        if scan is None:
            return []
        text = self.text
        return [hit.end() for hit in scan.finditer(text) if not _mid_word(text, hit.start())]

    def _after_the(self, end: int) -> None:
        """A sentence-initial "The" before a lower-case description ("The foreign minister of ...")."""
        if self.text[end + 1 : end + 2] not in self.m.starter_initials or not self.text.startswith(" ", end):
            return
        word = _TOKEN.match(self.text, end + 1)
        if word is not None and word.group() in self.m.starters:
            self._try_lower(word.start())

    def _try_lower(self, position: int) -> None:
        token = _TOKEN.match(self.text, position)
        if token is None:
            return
        node = self.m.root.get(token.group().lower())
        if node is not None:
            self._try(position, token.group(), token.end(), node)

    def _walk(self, token: str, end: int, node: dict[str, Any]):
        """Follow the trie from ``token``: the tokens seen, their ends and the phrases ending there."""
        text = self.text
        tokens, ends = [token], [end]
        found: list[tuple[int, tuple[_Key, ...]]] = []
        if _TERMINAL in node:
            found.append((1, node[_TERMINAL]))
        position = end
        follow = _NEXT.match
        while len(node) > (_TERMINAL in node):  # the node has children
            nxt = follow(text, position)
            if nxt is None:
                break
            token = nxt.group(1)
            child = node.get("'" if token in _APOSTROPHES else token.lower())
            if child is None:
                break
            position = nxt.end()
            if "." in token and len(token) > 1 and text.startswith(".", position):
                position += 1
            node = child
            tokens.append("'" if token in _APOSTROPHES else token)
            ends.append(position)
            if _TERMINAL in node:
                found.append((len(tokens), node[_TERMINAL]))
        return tokens, ends, found

    def _try(self, start: int, token: str, end: int, node: dict[str, Any]) -> bool:
        """Match the longest acceptable phrase at ``start``; record it and say whether one was."""
        raw = self._match(start, token, end, node)
        if raw is None:
            return False
        code = raw[2]
        if code in (R_ACTOR, R_ROLE):  # the common cases, without _emit
            self.last_end = raw[1]
            via = raw[4] if code == R_ACTOR else VIA_ROLE
            self._add(raw[0], raw[1], raw[3], via, f"{raw[6]} + {raw[5]}" if raw[6] else raw[5])
        else:
            self._emit(raw)
        return True

    def _match(self, start: int, token: str, end: int, node: dict[str, Any]) -> tuple | None:
        """Walk the trie token by token; the longest phrase along the way that its context accepts."""
        tokens, ends, found = self._walk(token, end, node)
        walked = len(tokens)
        for count, keys in reversed(found):
            stop = ends[count - 1]
            exact = tuple(tokens) if count == walked else tuple(tokens[:count])
            for key in keys:
                if key.tokens == exact or (not key.strict and _case_ok(key, tokens, count)):
                    raw = self._accept(key, start, stop)
                    if raw is not None:
                        return raw
        return None

    def _accept(self, key: _Key, start: int, end: int) -> tuple | None:
        """The raw match a phrase makes here, or None if its context rejects it."""
        kind = key.kind
        if kind <= K_ALIAS or kind == K_DEMONYM:
            return (start, end, R_ACTOR, key.target, _VIA_OF_KIND[kind], key.label, "")
        if kind == K_SURNAME:
            return (start, end, R_SURNAME, key.target, None, key.label, "", VIA_SURNAME)
        if kind == K_SHORT:
            return (start, end, R_SHORT, key.target, None, key.label, "")
        if kind == K_PLACE:
            return self._place(key, start, end)
        if kind == K_ROLE:
            return self._role(key, start, end)
        if kind == K_TITLE:
            return self._title(key, start, end)
        return self._given(start, end)

    def _emit(self, raw: tuple) -> None:
        """Turn a raw match into a mention now, or keep its place if it must wait for the whole text."""
        start, end, code = raw[0], raw[1], raw[2]
        self.last_end = end
        text = self.text
        matched = f"{raw[6]} + {raw[5]}" if raw[6] else raw[5]
        if code in (R_ACTOR, R_ROLE):
            self._add(start, end, raw[3], raw[4] if code == R_ACTOR else VIA_ROLE, matched)
        elif code == R_PLACE:
            place = self.gazetteer.place(raw[3])
            assert place is not None
            self.places.append(PlaceMention(start, end, text[start:end], place.id, place.name, place.country))
        elif code == R_PATTERN:
            self.mentions.append(
                _new_actor_mention(
                    start,
                    end,
                    text[start:end],
                    None,
                    raw[3],
                    "person",
                    FALLBACK_SIDE,
                    VIA_PATTERN,
                    matched,
                    "",
                )
            )
        elif code == R_SURNAME and len(raw[3]) == 1 and raw[7] == VIA_SURNAME:
            self._add(start, end, raw[3][0], VIA_SURNAME, matched)
        else:  # a shared surname or a short form: linked once the whole text is known
            self.deferred.append((len(self.mentions), raw))
            self.mentions.append(None)

    def _add(self, start: int, end: int, actor_id: str, via: str, matched: str) -> None:
        name, kind, side, person, tracked = self.m.actor_fields[actor_id]
        role = (self.roles.get(actor_id) or self._role_text(actor_id)) if person else ""
        if tracked and via != VIA_SURNAME:
            self.named[actor_id].append(start)
        self.mentions.append(
            _new_actor_mention(start, end, self.text[start:end], actor_id, name, kind, side, via, matched, role)
        )

    def _role_text(self, actor_id: str) -> str:
        actor = self.gazetteer.actor(actor_id)
        self.roles[actor_id] = text = actor.role_at(self.anchor) if actor else ""
        return text

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
        if gap is None or not self._same_sentence(start, gap):
            return None
        person = self._person_at(gap, allow_given=True)
        if person is not None:
            return self._merge(person, start, key, role=None)
        name_end, _ = self._read_name(gap)
        if name_end > gap:
            return (start, name_end, R_PATTERN, self.text[gap:name_end], None, f"{key.label} + name", "")
        return None

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
            return None
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
            if (
                not value[0].isupper()
                or value in m.stopwords
                or value in m.gazetteer_words
                or (len(value) > 1 and value.isupper())
            ):
                break
            end, count = word.end(), count + 1
            if not text.startswith(" ", end):
                break
            position = end + 1
            particle = _PARTICLE.match(text, position)
            if particle is not None:
                position = particle.end()
        return end, count

    def _unknown(self, start: int, token: str, end: int) -> None:
        """An unmatched capitalised word: a person if a descriptor precedes or an apposition follows."""
        m, text = self.m, self.text
        if len(token) < 2 or token.isupper() or token in m.stopwords or token in m.gazetteer_words:
            return
        described = start >= 2 and text[start - 1] == " " and text[start - 2].islower() and self._described(start)
        appositive = not described and text.startswith(" ", end) and end + 1 < len(text) and text[end + 1].isupper()
        if not (described or appositive):
            return
        name_end, count = self._read_name(start)
        if count == 0:
            return
        if described:
            rule = "descriptor + name"
        elif count >= 2 and self._appositive(name_end) and self._same_sentence(start, name_end + 2):
            rule = "name, apposition"
        else:
            return
        self._emit((start, name_end, R_PATTERN, text[start:name_end], None, rule, ""))

    def _described(self, start: int) -> bool:
        """Does a descriptor ("journalist", "former political prisoner") end just before ``start``?"""
        text = self.text
        space = text.rfind(" ", max(0, start - 40), start - 1)
        if text[space + 1 : start - 1].lower() not in self.m.descriptor_tails:
            return False
        words = text[max(0, start - 60) : start].lower().split()[-3:]
        return any(" ".join(words[-n:]) in self.m.descriptors for n in range(1, len(words) + 1))

    def _appositive(self, name_end: int) -> bool:
        pattern = self.m.appositive
        return (
            pattern is not None
            and self.text.startswith(", ", name_end)
            and pattern.match(self.text, name_end + 2) is not None
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

    # ───────────────────────────────────────── linking what had to wait

    def _finish(self) -> tuple[list[ActorMention], list[PlaceMention]]:
        """Link shared surnames and short forms now that every full naming in the text is known."""
        mentions = self.mentions
        for index, raw in self.deferred:
            start, end, code = raw[0], raw[1], raw[2]
            matched = f"{raw[6]} + {raw[5]}" if raw[6] else raw[5]
            if code == R_SURNAME:
                actor_id = self._resolve_surname(raw[3], raw[4], start, self.named)
                mention = self._linked(start, end, actor_id, raw[7], matched) if actor_id else None
                if mention is None:
                    span = self.text[start:end]
                    mention = _new_actor_mention(
                        start, end, span, None, span, "person", FALLBACK_SIDE, raw[7], matched, ""
                    )
            else:
                actor_id = self._resolve_short(raw[3], start, self.named)
                mention = self._linked(start, end, actor_id, VIA_ALIAS, f"{matched} (short form)") if actor_id else None
            mentions[index] = mention
        if self.deferred:
            return [m for m in mentions if m is not None], self.places
        return mentions, self.places  # type: ignore[return-value]

    def _linked(self, start: int, end: int, actor_id: str, via: str, matched: str) -> ActorMention:
        name, kind, side, person, _ = self.m.actor_fields[actor_id]
        role = (self.roles.get(actor_id) or self._role_text(actor_id)) if person else ""
        return _new_actor_mention(start, end, self.text[start:end], actor_id, name, kind, side, via, matched, role)

    def _resolve_surname(
        self, candidates: tuple[str, ...], role: str | None, position: int, named: dict[str, list[int]]
    ) -> str | None:
        """Whom a surname means: the description before it, the article, the gazetteer, the date."""
        gazetteer = self.gazetteer
        if role is not None and len(candidates) > 1:
            held = [c for c in candidates if any(t.role == role for t in gazetteer._actors[c].roles)]
            if len(held) == 1:
                return held[0]
        if len(candidates) == 1:
            return candidates[0]
        before = [
            (max(p for p in named[c] if p < position), c)
            for c in candidates
            if any(p < position for p in named.get(c, ()))
        ]
        if before:
            return max(before)[1]
        after = [(min(named[c]), c) for c in candidates if named.get(c)]
        if after:
            return min(after)[1]
        if self.anchor is None:
            return None
        distances = sorted(
            (min((t.distance(self.anchor) for t in gazetteer._actors[c].roles), default=10**9), c) for c in candidates
        )
        if distances[0][0] < 10**9 and (len(distances) == 1 or distances[0][0] < distances[1][0]):
            return distances[0][1]
        return None

    @staticmethod
    def _resolve_short(candidates: tuple[str, ...], position: int, named: dict[str, list[int]]) -> str | None:
        """A short form ("the Foreign Ministry") means the candidate named in full most recently before it."""
        before = [
            (max(p for p in named[c] if p < position), c)
            for c in candidates
            if any(p < position for p in named.get(c, ()))
        ]
        return max(before)[1] if before else None
