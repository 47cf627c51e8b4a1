"""Finding actors in text: names, aliases, surnames, role descriptions, demonyms and places.

The tagger holds mechanisms only; every name, office, title and word list comes from the
gazetteer (``corpus/actors.yaml``), compiled into a matcher by :mod:`actors`.

**The scan.** A trie keyed by lower-cased tokens holds every phrase of the gazetteer. Candidate
starts are capitalised words (one C-level regex scan) and, for descriptions that start in lower
case ("the foreign minister of Belarus"), the word after a "the". From each start the longest
phrase whose case rule and context accept it wins, and mentions never overlap. Context decides
(:mod:`actor_context`): a role description is kept when someone held the role on the article's
date or a name follows it ("KGB Chairman Vladimir Vakulchik" becomes one mention); a capital
after "in" or "to" is a place, elsewhere its government ("Minsk seeks"); a title, given name,
descriptor or apposition around an unknown capitalised name makes an unlinked person.

**Speed.** Most mentions are one word that means the same anywhere ("Russia", "Putin",
"Belarusian"): a dictionary from the exact word to the finished mention's fields handles them,
after a cheap check that the next word does not continue a longer phrase; two-word names have a
table of their own; only the rest walks the trie. Mentions are created as the scan goes.

**Linking.** Shared surnames ("Clinton") and short forms ("the Foreign Ministry") wait for the
end of the scan, when every full naming in the article is known; then they are linked
(:mod:`actor_linking`) to the actor the article names, or by the gazetteer and the date. Each
person gets the role held on the article's date, in words. Then unlisted people get one
identity each ("Mr Kowalczyk" is the "Anton Kowalczyk" named earlier) and near-spellings of
listed surnames are linked when the context agrees (:mod:`actor_unlisted`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from desktop.core.annotate.actor_context import _Context
from desktop.core.annotate.actor_linking import resolve_short, resolve_surname, short_by_state
from desktop.core.annotate.actor_unlisted import unify_unlisted
from desktop.core.annotate.actors import (
    _APOSTROPHES,
    _CANDIDATE,
    _HYPHENS,
    _NEXT,
    _TERMINAL,
    _TOKEN,
    _VIA_OF_KIND,
    K_ALIAS,
    K_DEMONYM,
    K_PLACE,
    K_ROLE,
    K_SHORT,
    K_SURNAME,
    K_TITLE,
    R_ACTOR,
    R_PATTERN,
    R_PLACE,
    R_ROLE,
    R_SHORT,
    R_SURNAME,
    _case_ok,
    _Key,
    _matcher_for,
    _mid_word,
)
from desktop.core.annotate.gazetteer import FALLBACK_SIDE, Gazetteer
from desktop.core.annotate.records import (
    VIA_ALIAS,
    VIA_PATTERN,
    VIA_ROLE,
    VIA_SURNAME,
    ActorMention,
    PlaceMention,
)

# What :meth:`_Scan._longer` found after a word: nothing longer, a longer phrase, or a two-word name added.
_NO, _LONGER, _PAIR = range(3)


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


class _Scan(_Context):
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
        text, candidate = self.text, self._candidate
        the_starts = self._the_starts()
        the_starts.append(len(text) + 1)  # a sentinel
        next_the = 0
        for match in _CANDIDATE.finditer(text):
            start = match.start()
            if the_starts[next_the] < start:
                next_the = self._lower_starts_before(the_starts, next_the, start)
            if start >= self.last_end:
                candidate(match, start)
        for position in the_starts[next_the:-1]:
            if position >= self.last_end:
                self._try_lower(position)
        return self._finish()

    def _lower_starts_before(self, the_starts: list[int], index: int, start: int) -> int:
        """Try the lower-case descriptions that begin before ``start``; the index of the next one."""
        while the_starts[index] < start:
            if the_starts[index] >= self.last_end:
                self._try_lower(the_starts[index])
            index += 1
        return index

    def _candidate(self, match: re.Match[str], start: int) -> None:
        """A capitalised word past the last mention: the phrase starting there, or an unknown name."""
        text, m = self.text, self.m
        token = match.group()
        lowered = token.lower()
        node = m.root.get(lowered)
        if node is None:
            self._no_phrase(start, token, match.end())
            return
        if _mid_word(text, start):
            return  # inside a word: "iPhone"
        end = match.end()
        if "." in token and text.startswith(".", end):
            end += 1
        fast = m.single.get(token)
        if len(node) > 1:  # could a longer phrase start here?
            longer = self._longer(start, token, lowered, end, node)
            if longer == _PAIR:
                return
            if longer == _LONGER:
                fast = None
        if fast is not None and self._fast(fast, start, end):
            return
        if not self._try(start, token, end, node) and token not in m.stopwords:
            self._unknown(start, token, end)

    def _no_phrase(self, start: int, token: str, end: int) -> None:
        """A capitalised word no phrase starts with: "The" before a description, or an unknown name."""
        if token == "The":
            self._after_the(end)
        elif token not in self.m.stopwords and not _mid_word(self.text, start):
            self._unknown(start, token, end)

    def _longer(self, start: int, token: str, lowered: str, end: int, node: dict[str, Any]) -> int:
        """Does the next word continue a phrase? ``_NO``, ``_LONGER``, or ``_PAIR`` if a two-word name was added."""
        text, m = self.text, self.m
        after = text[end : end + 1]
        if after == " " or after in _HYPHENS:
            after = text[end + 1 : end + 2]
        if not (after in m.continuations[lowered] or after.isspace()):
            return _NO
        nxt = _NEXT.match(text, end)
        following = nxt.group(1) if nxt is not None else ""
        if node.get("'" if following in _APOSTROPHES else following.lower()) is None:
            return _NO
        pair = m.pairs.get((token, following))
        if pair is None or (len(pair[1]) != 1 and self._continues(nxt.end(), pair[1])):
            return _LONGER
        pair_end = nxt.end()
        if "." in following and text.startswith(".", pair_end):
            pair_end += 1
        self._add(start, pair_end, pair[0][0], pair[0][4], pair[0][5])
        self.last_end = pair_end
        return _PAIR

    def _fast(self, fast: tuple, start: int, end: int) -> bool:
        """The one-word fast path: a mention made from the word's fields, or its context checked."""
        fields = fast[1]
        if fields is None:
            raw = self._accept(fast[0], start, end)
            if raw is None:
                return False
            self._emit(raw)
            return True
        actor_id, name, kind, side, via, label, person, in_full = fields  # a word that means the same anywhere
        role = ""
        if person:
            role = self.roles.get(actor_id)
            if role is None:
                role = self._role_text(actor_id)
        if in_full:
            self.named[actor_id].append(start)
        self.mentions.append(
            _new_actor_mention(start, end, self.text[start:end], actor_id, name, kind, side, via, label, role)
        )
        self.last_end = end
        return True

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

    # ───────────────────────────────────────── linking what had to wait

    def _finish(self) -> tuple[list[ActorMention], list[PlaceMention]]:
        """Link shared surnames and short forms now that every full naming in the text is known."""
        mentions = self.mentions
        for index, raw in self.deferred:
            start, end, code = raw[0], raw[1], raw[2]
            matched = f"{raw[6]} + {raw[5]}" if raw[6] else raw[5]
            if code == R_SURNAME:
                actor_id = resolve_surname(self.gazetteer, self.anchor, raw[3], raw[4], start, self.named)
                mention = self._linked(start, end, actor_id, raw[7], matched) if actor_id else None
                if mention is None:
                    span = self.text[start:end]
                    mention = _new_actor_mention(
                        start, end, span, None, span, "person", FALLBACK_SIDE, raw[7], matched, ""
                    )
            else:
                actor_id = resolve_short(raw[3], start, self.named) or short_by_state(
                    self.gazetteer, raw[3], start, mentions[:index]
                )
                mention = self._linked(start, end, actor_id, VIA_ALIAS, f"{matched} (short form)") if actor_id else None
            mentions[index] = mention
        found = [m for m in mentions if m is not None] if self.deferred else mentions
        places = [(p.start, p.end) for p in self.places]
        m = self.m
        unified = unify_unlisted(self.text, found, places, self.gazetteer, m.first_names, self._linked, m.stopwords)  # type: ignore[arg-type]
        return unified, self.places

    def _linked(self, start: int, end: int, actor_id: str, via: str, matched: str) -> ActorMention:
        name, kind, side, person, _ = self.m.actor_fields[actor_id]
        role = (self.roles.get(actor_id) or self._role_text(actor_id)) if person else ""
        return _new_actor_mention(start, end, self.text[start:end], actor_id, name, kind, side, via, matched, role)
