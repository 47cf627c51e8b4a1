"""Where a description that refers back stands: the names beside it (apposition, "of X"), its
sentence and its subject, the titles the text writes for people outside the actor list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.annotate.records import VIA_ROLE, ActorMention
from desktop.core.annotate.reference_words import OfficeClass


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
