"""One identity per unlisted person in an article, and near-spellings of listed surnames.

Runs once the scan (:mod:`actor_tagger`) has found every mention of the article:

- **Near-spellings.** An unlisted name whose surname is within a small edit distance (rapidfuzz)
  of exactly one listed person's surname, no other listed surname being as close, is that
  person when the context agrees: the given name matches theirs, or (with no given name) the
  article names them elsewhere with the right spelling or names one of their roles. A different
  given name means a different person. The reason goes into the mention's ``matched``.
- **Surnames of unlisted people.** A later (or earlier) "Kowalczyk" or "Mr Kowalczyk" is the
  person the article names in full as "Anton Kowalczyk", when only one person of the article
  has that surname; two people sharing it ("Anna Nowak", "Jan Nowak") leave it as it is.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz.distance import JaroWinkler, Levenshtein

from desktop.core.annotate.gazetteer import FALLBACK_SIDE, Gazetteer
from desktop.core.annotate.records import VIA_ALIAS, VIA_NAME, VIA_PATTERN, VIA_SURNAME, ActorMention
from desktop.core.files.lexicons import load_lexicon

# Lower-case particles that belong to a surname ("van der Meulen", "de Saint-Aubin").
PARTICLES = frozenset("von van der den de da di du dos del della la le bin ibn al el ter ten".split())
_SHORTEST = 5  # shorter surnames are never matched by their spelling alone
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w-]*")
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*)[ \t]+$")

Link = Callable[[int, int, str, str, str], ActorMention]


def split_name(name: str) -> tuple[str, str]:
    """A name's given part and surname, the surname with its particles: ("Pieter", "van der Meulen")."""
    tokens = name.split()
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(tokens[:i]), " ".join(tokens[i:])


def unify_unlisted(
    text: str,
    mentions: list[ActorMention],
    covered: Sequence[tuple[int, int]],
    gazetteer: Gazetteer,
    first_names: dict[str, frozenset[str]],
    link: Link,
    stopwords: frozenset[str] | None = None,
) -> list[ActorMention]:
    """The article's mentions with near-spellings linked and unlisted surnames given one identity.

    ``stopwords``: capitalised words that are no part of a name ("But Kowalczyk said"); by
    default the gazetteer's."""
    if not any(m.actor is None and m.kind == "person" for m in mentions):
        return mentions
    listed = {m.actor for m in mentions if m.actor and m.via in (VIA_NAME, VIA_ALIAS)}
    context = _Article(text, gazetteer, first_names, listed)
    out, misspelt = _near_spellings(mentions, context, link)
    people = _principals(text, out, _people(out))
    out = [_renamed(m, people, misspelt, link) for m in out]
    spans = sorted([(m.start, m.end) for m in out] + list(covered))
    stopwords = stopwords if stopwords is not None else frozenset(gazetteer.cues.name_stopwords)
    out.extend(_bare_surnames(text, people, misspelt, spans, link, stopwords))
    out.sort(key=lambda m: m.start)
    return out


class _Article:
    """What the near-spelling rules read: the text, the gazetteer, the listed people it names."""

    def __init__(self, text: str, gazetteer: Gazetteer, first_names: dict[str, frozenset[str]], listed: set) -> None:
        self.text_lower = text.lower()
        self.gazetteer = gazetteer
        self.first_names = first_names
        self.listed = listed

    def agrees(self, actor_id: str, given: str) -> str | None:
        """Why the context makes an unlisted name this listed person, or None."""
        if given:
            first = given.split()[0]
            if any(_close(first, known) for known in self.first_names.get(actor_id, ())):
                return f"the given name {first} matches"
            return None  # another given name: another person
        if actor_id in self.listed:
            return "named in the article with that spelling"
        actor = self.gazetteer.actor(actor_id)
        for tenure in actor.roles if actor else ():
            role = self.gazetteer.roles.get(tenure.role)
            phrase = next((p for p in role.phrases if p.lower() in self.text_lower), None) if role else None
            if phrase is not None:
                return f"their role ({phrase}) is named in the article"
        return None


def _close(a: str, b: str) -> bool:
    """Two given names that agree: equal, the same initial, or one edit apart."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


@functools.lru_cache(maxsize=4)
def _listed_surnames(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Every listed person's surnames, each with the people who bear it."""
    owners: defaultdict[str, list[str]] = defaultdict(list)
    for actor in gazetteer.persons():
        for surname in actor.surnames:
            owners[surname].append(actor.id)
    return {s: tuple(ids) for s, ids in owners.items()}


def near_spelling(surname: str, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The one listed person whose surname is nearest ``surname`` (not equal), and that surname.

    Near: at most one edit (two for long surnames). Nearest: fewest edits, then the greater
    Jaro-Winkler similarity (a shared beginning counts more, "Mitchel" is nearer "Mitchell" than
    "Michel"); None when another listed person is as near by both.
    """
    if len(surname) < _SHORTEST or not surname[:1].isupper():
        return None
    limit = 1 if len(surname) < 9 else 2
    ranked = []
    for listed, ids in _listed_surnames(gazetteer).items():
        distance = Levenshtein.distance(surname, listed, score_cutoff=limit)
        if distance == 0:
            return None  # a listed surname itself: not a misspelling
        if distance <= limit:
            rank = (distance, -JaroWinkler.similarity(surname, listed))
            ranked.extend((rank, actor_id, listed) for actor_id in ids)
    ranked.sort()
    if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0] and ranked[1][1] != ranked[0][1]):
        return None  # nothing near, or another listed person as near
    return ranked[0][1], ranked[0][2]


def _near_spellings(
    mentions: list[ActorMention], context: _Article, link: Link
) -> tuple[list[ActorMention], dict[str, tuple[str, str]]]:
    """Unlisted names that are near-spellings of a listed person, linked; the misspelt surnames."""
    out, misspelt = [], {}
    for m in mentions:
        if m.actor is None and m.kind == "person":
            given, surname = split_name(m.name)
            near = near_spelling(surname, context.gazetteer)
            reason = context.agrees(near[0], given) if near else None
            if near and reason:
                matched = f"{m.matched}; near-spelling of {near[1]}: {reason}"
                m = link(m.start, m.end, near[0], VIA_ALIAS, matched)
                misspelt[surname] = (near[0], f"near-spelling of {near[1]}, as in {m.text!r}")
        out.append(m)
    return out, misspelt


def _people(mentions: Iterable[ActorMention]) -> dict[str, set[str]]:
    """The unlisted people named with a given name and a surname, by surname.

    A surname of several words may be written without the given name ("Bagheri Kani" of "Ali
    Bagheri Kani", "Ali Zardari" of "Asif Ali Zardari"): every ending of two words or more of a
    full name counts as a surname of that person too.
    """
    people: defaultdict[str, set[str]] = defaultdict(set)
    full_names = {m.name for m in mentions if m.actor is None and m.kind == "person" and m.via == VIA_PATTERN}
    short = _without_middle_names(full_names)
    for name in full_names:
        name = short.get(name, name)
        given, surname = split_name(name)
        if given:
            people[surname].add(name)
            words = name.split()
            for i in range(1, len(words) - 1):
                people[" ".join(words[i:])].add(name)
            if len(given.split()) > 1:  # "Tariq Abbasi" of "Tariq Mehmood Abbasi"
                people[f"{given.split()[0]} {surname}"].add(name)
    return people


@functools.cache
def _kin_before() -> re.Pattern[str]:
    """ "His father, ", "her late husband ", "whose son ": a relative is introduced just before."""
    nouns = "|".join(sorted(map(re.escape, load_lexicon("names").get("kin_nouns") or ["\x00"]), key=len, reverse=True))
    return re.compile(rf"\b(?:his|her|their|whose)\s+(?:[a-z]+\s+)?(?:{nouns}),?\s+$", re.IGNORECASE)


def _principals(text: str, mentions: list[ActorMention], people: dict[str, set[str]]) -> dict[str, set[str]]:
    """A surname borne by several unlisted people, all but one introduced as a relative ("His
    father, Dzmitry Nowak") after the article had used the surname alone for that one ("Nowak
    announced …"): the surname alone stays that one's."""
    first: dict[str, tuple[int, int]] = {}
    for m in mentions:
        if m.actor is None and m.kind == "person" and m.name not in first:
            first[m.name] = (m.start, m.end)
    out = dict(people)
    for surname, full in people.items():
        if len(full) < 2 or not all(n in first for n in full):
            continue
        left = [n for n in full if not _kin_before().search(text, max(0, first[n][0] - 40), first[n][0])]
        if len(left) != 1:
            continue
        relatives_from = min(first[n][0] for n in full if n != left[0])
        alone = re.compile(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])")
        if alone.search(text, first[left[0]][1], relatives_from):
            out[surname] = set(left)
    return out


def _without_middle_names(names: set[str]) -> dict[str, str]:
    """A name that is another's without its middle names ("Tariq Abbasi", "Tariq Mehmood Abbasi")
    -> that longer name, when just one longer name fits."""
    longer: defaultdict[str, set[str]] = defaultdict(set)
    for name in names:
        given, surname = split_name(name)
        if len(given.split()) > 1:
            longer[f"{given.split()[0]} {surname}"].add(name)
    return {n: next(iter(longer[n])) for n in names if len(longer.get(n, ())) == 1}


def _renamed(m: ActorMention, people: dict[str, set[str]], misspelt: dict, link: Link) -> ActorMention:
    """A surname alone ("Mr Kowalczyk") of the one unlisted person who bears it: that person."""
    if m.actor is not None or m.kind != "person":
        return m
    if m.name in misspelt:
        actor_id, reason = misspelt[m.name]
        return link(m.start, m.end, actor_id, VIA_ALIAS, f"{m.matched}; {reason}")
    full = people.get(m.name, ())
    if len(full) != 1:
        return m
    (name,) = full
    return dataclasses.replace(m, name=name, matched=f"{m.matched}; surname of {name}, named in the article")


def _bare_surnames(
    text: str,
    people: dict[str, set[str]],
    misspelt: dict,
    spans: list[tuple[int, int]],
    link: Link,
    stopwords: frozenset[str] = frozenset(),
) -> list[ActorMention]:
    """Mentions of a surname alone not yet found, for the surnames that mean one person."""
    found = []
    free = _Occurrences(text, spans, stopwords)
    for name in sorted({n for full in people.values() for n in full}, key=len, reverse=True):
        reason = "named in full elsewhere in the article"
        for start, end in free.take(name):
            found.append(ActorMention(start, end, name, None, name, "person", FALLBACK_SIDE, VIA_PATTERN, reason))
    for surname, full in sorted(people.items(), key=lambda item: -len(item[0])):  # "Bagheri Kani" before "Kani"
        if len(full) == 1:
            (name,) = full
            reason = f"surname of {name}, named in the article"
            for start, end in free.take(surname):
                span = text[start:end]
                found.append(ActorMention(start, end, span, None, name, "person", FALLBACK_SIDE, VIA_SURNAME, reason))
    for surname, (actor_id, reason) in misspelt.items():
        found.extend(link(s, e, actor_id, VIA_SURNAME, reason) for s, e in free.take(surname))
    return found


class _Occurrences:
    """Where a name stands alone in the text, outside every mention; each place is taken once.

    The capitalised words of the text are indexed once, so that looking up a name costs the
    number of its first word's occurrences, not a scan of the text.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]], stopwords: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.stopwords = stopwords  # capitalised words that are no part of a name: "But Kowalczyk said"
        self.spans = spans  # sorted, never overlapping
        self.starts: defaultdict[str, list[int]] = defaultdict(list)
        for word in _WORD.finditer(text):
            if word.group()[0].isupper():
                self.starts[word.group()].append(word.start())

    def take(self, name: str) -> list[tuple[int, int]]:
        """The free places of ``name`` (not inside a mention, not after a capitalised word), now taken."""
        text, spans = self.text, self.spans
        first = _WORD.match(name)
        hits = []
        for start in self.starts.get(first.group(), ()) if first else ():
            end = start + len(name)
            if not text.startswith(name, start) or (end < len(text) and (text[end].isalnum() or text[end] in "-_")):
                continue
            i = bisect.bisect_left(spans, (end, end))
            if i > 0 and spans[i - 1][1] > start:
                continue  # inside a mention
            before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
            if before is not None and before.group(1) not in self.stopwords:
                continue  # part of a longer name: "Jan Kowalczyk" of another person
            hits.append((start, end))
            spans.insert(i, (start, end))
        return hits
