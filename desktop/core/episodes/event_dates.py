"""Pass 2 of event extraction: an event without a date of its own takes one from its context.

The rules are tried in order, most specific first (``CONTEXT_RULES``): a definite phrase
pointing back ("during the meeting" → that meeting), the same people doing the same kind of
thing, another run of the sentence, the nearest date of the paragraph, the nearest dated
event sharing an actor, the article's first date of the same family, the first date of the lede.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.core.annotate import timex
from desktop.core.episodes.event_context import after_publication
from desktop.core.episodes.event_lexicon import EventLexicon
from desktop.core.episodes.event_records import PERSON, Event, Window, copy_date, set_date
from desktop.core.episodes.event_runs import Run
from desktop.core.episodes.event_stages import date_borne_later

# Dates an event can be pointed back to: its own, or one it was firmly tied to.
FIRM = ("sentence", "dated", "sentence-run", "anaphora", "same-participants", "paragraph")
#: How far back (in events) an anaphor or a shared actor is looked for.
_LOOK_BACK = 60
#: Sentences within which a shared person makes a re-mention, and paragraphs beyond which nothing is shared.
_CLOSE_SENTENCES = 8
_FAR_PARAGRAPHS = 2


@dataclass
class Context:
    """What pass 2 consults to date an event: the article's events, dates and paragraphs."""

    events: list[Event]
    by_sentence: dict[tuple[int, int], list[Event]]
    dates: Window
    paragraphs: Sequence[tuple[int, int]]
    paragraph_of: Callable[[int], int]
    lede: list[Event]
    runs: dict[str, Run]
    text: str = ""  # the article's text
    dated: tuple[str, ...] = ()  # cues of the date a document bears ("dated")
    published: dt.date | None = None  # known to the day
    anchor: dt.date | None = None  # the publication date, however precise

    def before(self, index: int) -> list[Event]:
        return self.events[max(0, index - _LOOK_BACK) : index]

    def paragraph_dates(self, offset: int) -> list:
        """The usable dates of the paragraph holding ``offset``."""
        return self.dates.between(*self.paragraphs[self.paragraph_of(offset)]) if self.paragraphs else []


def _differs(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def _paragraph_disagrees(event: Event, target: Event, context: Context) -> bool:
    """A date in the event's paragraph, up to its sentence, that does not overlap the target's dates
    (a date after it tells of what follows)."""
    for d in context.paragraph_dates(event.sentence[0]):
        if d.start >= event.sentence[1]:
            continue
        bounds = timex.bounds(d.value)
        if bounds and target.first and not (bounds[0] <= target.last and target.first <= bounds[1]):
            return True
    return False


def same_happening(event: Event, target: Event, context: Context, definite_only: bool) -> bool:
    """May "the session" here be the session told of before? Not if place or date disagree."""
    if event.value:
        return bool(event.first and target.first and event.first <= target.last and target.first <= event.last)
    if not definite_only:
        return True  # "during the meeting": an explicit pointer back
    if _differs(event.place, target.place) or _differs(event.organisation, target.organisation):
        return False
    return not _paragraph_disagrees(event, target, context)


def _anaphor_target(lexicon: EventLexicon, run: Run, before: list[Event]) -> Event | None:
    """The firmly dated event a pointing-back run names: same trigger word, then type, then family."""
    family = lexicon.types[run.anaphor_type].family
    firm = [e for e in reversed(before) if e.value and e.date_source in FIRM]
    head = run.triggers[-1][2].lower()
    return (
        next((e for e in firm if head in e.trigger.lower().split(" … ")), None)
        or next((e for e in firm if e.type == run.anaphor_type), None)
        or next((e for e in firm if e.family == family), None)
    )


def _point_back(lexicon: EventLexicon, event: Event, run: Run, index: int, context: Context) -> bool:
    """Link an anaphoric run to its event (and take its date); without one it is a first mention."""
    target = _anaphor_target(lexicon, run, context.before(index))
    if target is not None and not same_happening(event, target, context, run.definite_only):
        target = None
    if target is None:
        event.anaphoric = False
        run.anaphor_type = ""
        return False
    event.link = target.id
    event.anaphoric = True
    if not event.value:
        copy_date(event, target, "anaphora")
    return True


def _keys(event: Event) -> set[str]:
    """The event's participants other than states."""
    return {p.key for p in event.participants if p.kind != "state"}


def _same_participants(event: Event, index: int, context: Context) -> bool:
    """The same people doing the same kind of thing: a re-mention ("Lukashenko’s meeting
    with the KGB Chairman" after "a meeting with KGB Chairman Vakulchik")."""
    people = {p.key for p in event.participants if p.kind == PERSON}
    if len(people) < 2:
        return False
    for previous in reversed(context.events[:index]):
        if previous.value and previous.family == event.family and people <= {p.key for p in previous.participants}:
            event.link = previous.id
            event.anaphoric = True
            copy_date(event, previous, "same-participants")
            return True
    return False


#: A trigger noun right after a trigger verb is its object: "announced the pardon on Monday".
_VERB_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|its|their)\s+(?:[a-z][\w-]*\s+)?")


def _governs(event: Event, other: Event, context: Context) -> bool:
    """Does the date of ``other`` govern ``event`` too: it stands before the event's trigger, or
    ``other`` is the object of the event's verb ("announced the pardon on Monday")?"""
    run = context.runs[other.id]
    if run.dates[0].start < event.trigger_span[0]:
        return True
    between = (event.trigger_span[1], other.trigger_span[0])
    return bool(context.text) and _VERB_OBJECT.fullmatch(context.text, *between) is not None


def _sentence_run(event: Event, index: int, context: Context) -> bool:
    """A date before a run governs it ("last week were X and Y"); one after another run does not,
    unless that run is the object of this one's verb."""
    sibling = next(
        (
            e
            for e in context.by_sentence[event.sentence]
            if e is not event
            and e.date_source == "sentence"
            and context.runs[e.id].dates
            and not (context.runs[e.id].type.stage and not context.runs[event.id].type.stage)
            and _governs(event, e, context)
        ),
        None,
    )
    if sibling is None:
        return False
    copy_date(event, sibling, "sentence-run")
    return True


def _ahead(d, anchor: dt.date | None) -> bool:
    """A date later in the paragraph dates an event only if it looks ahead from the publication."""
    bounds = timex.bounds(d.value)
    return anchor is not None and bounds is not None and bounds[0] > anchor  # the day itself is not ahead


def _paragraph(event: Event, index: int, context: Context) -> bool:
    """The paragraph's date nearest to the trigger, outside the event's own sentence: one before it
    (a narrative's date governs what follows), or one after it that looks ahead."""
    in_paragraph = [
        d
        for d in context.paragraph_dates(event.sentence[0])
        if (d.start < event.sentence[0] or (d.start >= event.sentence[1] and _ahead(d, context.anchor)))
        and (event.planned or not after_publication(d, context.published))
    ]
    if not in_paragraph:
        return False
    nearest = min(in_paragraph, key=lambda d: abs(d.start - event.trigger_span[0]))
    set_date(event, [nearest], "paragraph")
    return True


def _links_to(event: Event, previous: Event, shared: set[str], distance: int) -> bool:
    """Is an event dated by a shared actor also part of that event?"""
    close = distance <= _CLOSE_SENTENCES
    people = any(p.kind == PERSON for p in event.participants if p.key in shared)
    return previous.family == event.family or (close and people and not previous.reporting)


def _flashback(previous: Event, event: Event, context: Context) -> bool:
    """An event of another paragraph dated before the lede's first event ("the talks continued
    those held in June"): the narrative has gone back to the lede's time since, so it dates
    nothing after it."""
    lede = [e.first for e in context.lede if e.first]
    return bool(
        lede
        and previous.last is not None
        and previous.last < lede[0]
        and context.paragraph_of(previous.sentence[0]) != context.paragraph_of(event.sentence[0])
    )


def _same_agent(event: Event, previous: Event) -> bool:
    """Far back, only the same person doing the same kind of thing ("Orbán flew to Minsk" … "The
    Hungarian leader met only the president") carries a date over."""
    people = {p.key for p in event.sources if p.kind == PERSON}
    return bool(
        previous.value
        and previous.date_source in FIRM
        and previous.family == event.family
        and people & {p.key for p in previous.sources}
    )


def _shared_actor(event: Event, index: int, context: Context) -> bool:
    """The nearest dated event before it, not too far, that shares an actor."""
    paragraph = context.paragraph_of(event.sentence[0])
    keys = _keys(event)
    far = False
    for previous in reversed(context.before(index)):
        distance = event.sentence_index - previous.sentence_index
        far = far or (
            paragraph - context.paragraph_of(previous.sentence[0]) > _FAR_PARAGRAPHS and distance > _CLOSE_SENTENCES
        )
        if far:
            if _same_agent(event, previous):
                copy_date(event, previous, "shared-actor")
                event.link = previous.id
                return True
            continue
        shared = keys & {p.key for p in previous.participants}
        if previous.reporting and not event.reporting:
            continue  # a report's date is when it was said, not when what it tells happened
        if previous.value and shared and not _flashback(previous, event, context):
            copy_date(event, previous, "shared-actor")
            if _links_to(event, previous, shared, distance):
                event.link = previous.id
            return True
    return False


def _family_lede(event: Event, index: int, context: Context) -> bool:
    """The lede's first dated event of the same family (a lede's "last week" dates what follows)."""
    same_family = [e for e in context.lede if e.family == event.family]
    if not same_family:
        return False
    copy_date(event, same_family[0], "family-lede")
    if _keys(event) & {p.key for p in same_family[0].participants}:
        event.link = same_family[0].id
    return True


def _lede(event: Event, index: int, context: Context) -> bool:
    """The lede's date, for an event that shares an actor with the lede's events."""
    keys = {p.key for p in event.participants}
    shared = next((e for e in context.lede if keys & {p.key for p in e.participants}), None)
    if shared is None:
        return False
    copy_date(event, shared, "lede")
    return True


#: The rules that date an event from the article's lede rather than from what is near it.
LEDE_RULES = (_family_lede, _lede)
#: After pointing back, the rules that date an event from its context, most specific first.
CONTEXT_RULES: tuple[Callable[[Event, int, Context], bool], ...] = (
    date_borne_later,
    _same_participants,
    _sentence_run,
    _paragraph,
    _shared_actor,
    _family_lede,
    _lede,
)


def date_from_context(lexicon: EventLexicon, event: Event, run: Run, index: int, context: Context) -> None:
    """Fill an event's date (and link) from what surrounds it, most specific first."""
    if run.anaphor_type and _point_back(lexicon, event, run, index, context):
        return
    if event.value:
        return
    near = lexicon.types[event.type].near_dates
    for rule in CONTEXT_RULES:
        if near and rule in LEDE_RULES:
            break  # what is said is dated by what is near it, not by the lede
        if near and rule is _paragraph:
            continue  # nor by another sentence's date that shares none of its people
        if rule(event, index, context):
            return


_DATE_CONFIDENCE = {
    "sentence": 0.3,
    "publication": 0.2,
    "dated": 0.3,
    "anaphora": 0.25,
    "sentence-run": 0.2,
    "paragraph": 0.15,
    "shared-actor": 0.12,
    "family-lede": 0.1,
    "lede": 0.05,
}


def confidence(event: Event) -> float:
    score = 0.45
    score += _DATE_CONFIDENCE.get(event.date_source, 0.0)
    if any(p.kind == PERSON for p in event.participants):
        score += 0.15
    if event.planned:
        score -= 0.1
    if event.reporting:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 2)


_SAME_DAY = re.compile(r"(?:on\s+)?(?:the\s+same|that\s+same|that)\s+day", re.IGNORECASE)


def _single_day(e: Event) -> bool:
    return e.first is not None and e.first == e.last


def _after_a_report(events: list[Event], index: int) -> bool:
    """Did the narrative last move to a day through what someone said (a briefing)?"""
    event = events[index]
    moved = [
        e for e in events[:index] if e.date_source == "sentence" and e.sentence != event.sentence and _single_day(e)
    ]
    return bool(moved) and moved[-1].reporting


def _same_kind_before(events: list[Event], index: int) -> Event | None:
    """The last event of the same type before, dated on a single day by its own words, done."""
    event = events[index]
    earlier = [
        e
        for e in events[:index]
        if e.type == event.type
        and e.sentence != event.sentence
        and e.date_source in ("sentence", "dated")
        and _single_day(e)
        and not e.planned
    ]
    return earlier[-1] if earlier else None


def same_day_as_its_kind(events: list[Event]) -> None:
    """ "X congratulated him on Monday … a spokesman told a briefing on Tuesday … Y sent his
    congratulations the same day": when the narrative last moved to what someone said (a report),
    "the same day" is the day of the event of that kind told before, if the article tells of one
    on a single day ("On Wednesday he flew to Beijing. The same day …": that Wednesday)."""
    for index, event in enumerate(events):
        if event.date_source != "sentence" or not _SAME_DAY.search(event.date_text):
            continue
        if not _after_a_report(events, index):
            continue
        earlier = _same_kind_before(events, index)
        if earlier is not None and earlier.first != event.first:
            copy_date(event, earlier, "same-kind")
