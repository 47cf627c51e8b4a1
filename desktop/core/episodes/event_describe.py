"""What a kept event is told with: place, organisation, object and name phrases, clause, summary."""

from __future__ import annotations

import re

from desktop.core.episodes.event_records import Event
from desktop.core.episodes.event_runs import Run, Sentence

_OBJECT = re.compile(r"\b(?:with|to)\s+((?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:and\s+)?[\w’'-]+){0,3})")
_STOP = {
    "on",
    "in",
    "at",
    "of",
    "for",
    "from",
    "during",
    "that",
    "who",
    "which",
    "as",
    "by",
    "to",
    "should",
    "would",
    "will",
    "was",
    "were",
    "is",
}
_NAME_LEFT = re.compile(r"\b(?:an?|the)\s+((?:[\w’'-]+\s+){0,3})$", re.I)
_NAME_STOP = {
    "in",
    "at",
    "will",
    "would",
    "was",
    "were",
    "is",
    "are",
    "held",
    "which",
    "that",
    "to",
    "with",
    "by",
    "and",
    "as",
    "from",
    "during",
    "be",
}
_NAME_TAIL_DROP = ("of", "the", "on", "for", "about", "against", "a", "an", "in", "at", "and", "to", "from", "with")
_TO_OR_IN = re.compile(r"\b(?:to|in|into)\s+$")
_SAYS_THAT = re.compile(r"\s+(?:that\b|[“\"])|:\s")
_CLAUSE_WORDS = 14
_SUMMARY_CHARS = 180


def _object_phrase(text: str, end: int, limit: int) -> str:
    """Whom an event is with or to, as the text says it: "European and American leaders"."""
    m = _OBJECT.search(text, end, limit)
    if not m:
        return ""
    words = []
    for word in m.group(1).split():
        if word.lower() in _STOP:
            break
        words.append(word)
    return " ".join(words).strip(" ,.;:")


def _name_left(text: str, start: int) -> str:
    """The words between an article and the trigger ("an international conference")."""
    left = _NAME_LEFT.search(text, max(0, start - 40), start)
    words_left = left.group(1).strip() if left else ""
    if words_left.lower().split()[-1:] and words_left.lower().split()[-1] in _NAME_STOP:
        return ""
    return words_left


def _name_tail(text: str, end: int, limit: int) -> list[str]:
    """Up to ten words after the trigger, to the first stop word or punctuation."""
    tail: list[str] = []
    for word in text[end:limit].split()[:10]:
        bare = word.strip(',.;:()“”"')
        if not bare or bare.lower() in _NAME_STOP or bare in ("–", "—", "-"):
            break
        tail.append(bare)
        if word[-1:] in ",.;:)":
            break
    while tail and (tail[-1].lower() in _NAME_TAIL_DROP or tail[-1].isdigit()):
        tail.pop()
    return tail


def _name_phrase(text: str, start: int, end: int, limit: int) -> str:
    """The noun phrase a trigger heads: "international conference on combating illegal migration"."""
    words_left = _name_left(text, start)
    tail = _name_tail(text, end, limit)
    return " ".join(x for x in (words_left, text[start:end], " ".join(tail)) if x)


def _clause(text: str, end: int, limit: int) -> str:
    """What a statement says: the words after "that" (or after the verb), up to 14 words."""
    m = re.compile(r"\s+(?:that\s+)?").match(text, end, limit)
    rest = text[m.end() if m else end : limit].strip()
    words = rest.split()
    if not words or not words[0][:1].isalpha():
        return ""
    clause = " ".join(words[:_CLAUSE_WORDS])
    clause = re.split(r"[;:]|\s[–—]\s", clause)[0].rstrip(" ,.")
    return clause + ("…" if len(words) > _CLAUSE_WORDS else "")


def _visited_state(s: Sentence, run: Run, next_start: int) -> str | None:
    """ "visited to/in Poland": a state after a visit trigger is its place."""
    for m in s.actors:
        if (
            m.kind == "state"
            and run.start <= m.start < next_start
            and _TO_OR_IN.search(s.text[max(s.start, m.start - 8) : m.start])
        ):
            return m.name
    return None


def _place(s: Sentence, run: Run, previous_end: int, next_start: int) -> str | None:
    places = s.places.between(previous_end, next_start)
    place = min(places, key=lambda p: abs(p.start - run.start)).name if places else None
    if place is None and run.type.id == "visit":
        place = _visited_state(s, run, next_start)
    return place


def _organisation(s: Sentence, run: Run, previous_end: int, next_start: int) -> str:
    """An organisation after the trigger, or one just before it ("OSCE conference")."""
    after = next((m.name for m in s.actors if m.kind == "organisation" and run.start <= m.start < next_start), "")
    return after or next(
        (
            m.name
            for m in s.actors
            if m.kind == "organisation"
            and previous_end <= m.start < run.start
            and len(s.text[m.end : run.start].split()) <= 1
        ),
        "",
    )


def _summary(sentence_text: str) -> str:
    if len(sentence_text) <= _SUMMARY_CHARS:
        return sentence_text
    return sentence_text[: _SUMMARY_CHARS - 3].rsplit(" ", 1)[0] + "…"


def describe(s: Sentence, event: Event, run: Run) -> None:
    """Place, organisation, phrases and summary: only for events that are kept."""
    text = s.text
    previous_end, next_start = s.neighbours(run)
    event.place = _place(s, run, previous_end, next_start)
    event.organisation = _organisation(s, run, previous_end, next_start)
    event.object_phrase = _object_phrase(text, run.triggers[0][1], next_start)
    # the name stops before a date ("summit on 1 and 2 October" is the summit)
    name_end = min([d.start for d in s.dates.between(run.end, next_start) if d.start >= run.end] + [next_start])
    event.name_phrase = s.undated(_name_phrase(text, run.triggers[0][0], run.end, name_end), run.start, name_end)
    event.clause = _clause(text, run.end, s.end) if run.type.reporting and _SAYS_THAT.match(text, run.end) else ""
    event.summary = _summary(text[s.start : s.end])
