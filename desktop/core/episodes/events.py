"""Events: who met, visited, wrote to, announced or threatened whom, when and where.

An event comes from a sentence that holds a trigger word (``corpus/lexicons/events.yaml``)
and at least one actor. Triggers of one family that follow each other in a sentence form a
*run* ("meetings … on the sidelines"); each run is one event. Dates in the sentence go to
the nearest run. A run without a date of its own takes one from context, in this order:
a definite phrase pointing back ("during the meeting" → that meeting), another run of the
sentence, the nearest dated event of the paragraph, the article's first date of the same
family (a lede's "last week" dates the paragraphs that follow), the first date of the lede.
Sentences that only report ("Makei said") and sentences without triggers that share an actor
with the event before them become its context evidence rather than events of their own.

The pieces: ``event_lexicon`` (events.yaml), ``event_records`` (what an event is),
``event_runs`` (runs of triggers), ``event_roles`` (sources and targets), ``event_describe``
(place, phrases, summary), ``event_dates`` (pass 2, dating from context). This module holds
the two passes over an article.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention, DateMention
from desktop.core.episodes.event_context import (
    after_publication,
    background_dates,
    earlier_year,
    forward_value,
    is_generic,
    is_habitual,
    past_weekday,
)
from desktop.core.episodes.event_dates import Context, confidence, date_from_context, same_day_as_its_kind
from desktop.core.episodes.event_describe import describe
from desktop.core.episodes.event_lexicon import EventLexicon, is_planned, load_event_lexicon
from desktop.core.episodes.event_records import (
    PERSON,
    Event,
    Evidence,
    Match,
    Window,
    date_usable,
    paragraph_index,
    paragraph_spans,
    participant,
    set_date,
    specific_kind,
    unique_participants,
)
from desktop.core.episodes.event_roles import message_roles, roles
from desktop.core.episodes.event_runs import Run, Sentence, assign_dates, find_runs
from desktop.core.episodes.event_series import borrow_addressees
from desktop.core.episodes.event_stages import link_stages

#: An event "recent" enough for a sentence to be its context: this close in paragraphs or sentences.
_RECENT_PARAGRAPHS = 1
_RECENT_SENTENCES = 5


def _is_event(run: Run, event: Event) -> bool:
    """An event needs an actor, and a person or an organisation (not only states and blocs), a
    date of its own, or words pointing back to an event; intentions without a date of their own ("aims to
    meet") and anything else are commentary: context."""
    specific = run.sides or any(specific_kind(p) for p in event.participants)
    if not event.participants and (not run.anaphor_type or run.definite_only):
        return False  # nobody acts: commentary ("the pressure was working")
    return bool(
        event.value
        or (run.anaphor_type and not run.definite_only)
        or (not event.planned and specific)
        or (run.definite_only and specific)
    )


def _stages_of(kept: list[tuple[Run, Event]], dropped: list[tuple[Run, Event]]) -> list[tuple[Run, Event]]:
    """A stage with nobody named ("the letter was published") stays beside its document's event."""
    families = {run.type.family for run, _ in kept if not run.type.stage}
    return [(run, e) for run, e in dropped if run.type.stage and run.type.family in families and not e.participants]


#: Trigger words in the past tense ("arrived", "met", "flew to"): what they tell is done.
_PAST_FORMS = frozenset(
    ["met", "came", "went", "flew", "spoke", "held", "took", "sent", "wrote", "told", "said", "gave"]
)


def _told_as_past(run: Run) -> bool:
    words = [w for t in run.triggers for w in t[2].lower().split()]
    return any(w.endswith("ed") or w in _PAST_FORMS for w in words)


def _chosen(runs: list[Run]) -> list[Run]:
    """Reporting runs ("said") beside a real event are evidence of it, not events; with only
    reporting words, an event only if one of them carries its own date. A report with its own
    date before everything it reports ("X said on Thursday that the inauguration…") is an event too."""
    real = [run for run in runs if not run.type.reporting]
    if not real:
        return [run for run in runs if run.dates]
    reports = [r for r in runs if r.type.reporting and r.dates and all(x.start > r.end for x in real)]
    return sorted(real + reports, key=lambda run: run.start)


@cache
def _cue_pattern(template: str, cues: tuple[str, ...]) -> re.Pattern[str] | None:
    if not cues:
        return None
    body = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True))
    return re.compile(template.format(body), re.IGNORECASE)


def _party_pattern(nouns: tuple[str, ...]) -> re.Pattern[str] | None:
    """A noun of people after a demonym ("European leaders"), or the capitalised name of an organ
    of the state ending in one of those nouns or an organ's head noun ("the Polish Border Guard",
    "the Chinese People's Liberation Army")."""
    if not nouns:
        return None
    body = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    organs = "|".join(_ORGAN_HEADS)
    return re.compile(rf"[\s-]+(?:(?i:{body})\b|(?:[A-Z][\w’'-]*\s+){{0,4}}(?:{organs})\b)")


#: The last word of the name of a state's organ: "Border Guard", "Liberation Army", "Foreign Ministry".
_ORGAN_HEADS = (
    "Army", "Navy", "Air Force", "Forces", "Guard", "Guards", "Police", "Ministry", "Committee", "Service",
    "Services", "Agency", "Council", "Parliament", "Government", "Embassy", "Consulate", "Customs",
)  # fmt: skip


def _names_party(text: str, mention: ActorMention, parties: re.Pattern[str] | None) -> bool:
    """A demonym before a noun of people ("European leaders", "Western diplomats") names a party."""
    return parties is not None and mention.actor is not None and bool(parties.match(text, mention.end))


class _FirstPass:
    """Pass 1 over an article: events and the dates their own sentence gives them."""

    def __init__(self, analysis: ArticleAnalysis, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon
        self.text = text = analysis.text
        self.article = analysis.article.id
        parties = _party_pattern(lexicon.parties)
        self.actors = Window([m for m in analysis.actors if m.via != VIA_DEMONYM or _names_party(text, m, parties)])
        self.published = analysis.article.published
        # only a publication known to the day bounds what is done ("c. September" may be later)
        self.published_day = self.published if analysis.article.published_precision == "day" else None
        background = background_dates(text, list(analysis.dates), lexicon.background, lexicon.deadlines)
        self.background = Window(background)  # "since 2009", "every February": they date nothing
        background_ids = {id(d) for d in background}
        self.dates = Window([d for d in analysis.dates if date_usable(d) and id(d) not in background_ids])
        self.paragraphs = paragraph_spans(text)
        self.paragraph_of = paragraph_index(self.paragraphs)
        self.all_dates = Window(list(analysis.dates))
        self.names = Window(list(analysis.actors))  # triggers inside a name are not triggers
        self.places = Window(list(analysis.places))
        self.triggers = Window([Match(m.start(), m.end(), m.group()) for m in lexicon.trigger_re.finditer(text)])
        self.anaphors = Window([Match(m.start(), m.end(), m.group()) for m in lexicon.anaphor_re.finditer(text)])
        self.events: list[Event] = []
        self.runs_of: dict[str, Run] = {}
        self.last_event: Event | None = None
        self.last_index = -99
        self.people_window: list[list[ActorMention]] = []
        self.states_window: list[list[ActorMention]] = []
        self.state_of = {m.actor: m for m in reversed(analysis.actors) if m.kind == "state" and m.actor}
        self.sides = _cue_pattern(r"\b(?:the|both)\s+(?:two\s+)?(?:{})\s+(?:[a-z][\w’'-]*\s+){{0,3}}$", lexicon.sides)
        self.pairs = _cue_pattern(
            r"\b(?P<det>the\s+two|both(?:\s+the)?|the)\s+(?:[a-z][\w-]*\s+)?(?:{})\s+(?:[a-z][\w’'-]*\s+){{0,3}}$",
            lexicon.pairs,
        )
        self.copular = _cue_pattern(r"\s*(?:{})\s+(?:[\w’'-]+\s+){{0,4}}", lexicon.copular)
        self.party_words = _cue_pattern(
            r"\b(?:the|his|her|their|its)\s+(?:[A-Z][\w’'-]*\s+)?(?:{})\b", lexicon.party_words
        )
        self.caption = _cue_pattern(r"\s*(?:{})\b[^:]{{0,60}}:", lexicon.captions)

    def _sentence(self, start: int, end: int, actors: list[ActorMention]) -> Sentence:
        previous_people = [m for ms in self.people_window[-2:] for m in ms]
        earlier_people = [m for ms in self.people_window for m in ms]
        self.people_window.append([m for m in actors if m.kind == PERSON])
        # the states of the sentence, and those its places lie in ("ambassadors to Minsk and Washington")
        places = [self.state_of[p.country] for p in self.places.between(start, end) if p.country in self.state_of]
        self.states_window.append([m for m in actors if m.kind == "state"] + places)
        found = self.triggers.between(start, end)
        runs, negated = [], []
        if found:
            names, anaphors = self.names.between(start, end), self.anaphors.between(start, end)
            runs, negated = find_runs(self.lexicon, self.text, start, names, found, anaphors)
        return Sentence(
            self.text,
            start,
            end,
            actors,
            runs,
            negated,
            previous_people,
            self.all_dates,
            self.places,
            None,
            self.pairs,
            earlier_people,
        )

    def _recent(self, paragraph: int, index: int) -> bool:
        last = self.last_event
        return last is not None and (
            paragraph - self.paragraph_of(last.sentence[0]) <= _RECENT_PARAGRAPHS
            or index - self.last_index <= _RECENT_SENTENCES
        )

    def _context(self, s: Sentence) -> None:
        """The sentence is context evidence of the event before it."""
        self.last_event.evidence.append(Evidence(self.article, s.start, s.end, primary=False))

    def _without_trigger(self, s: Sentence, paragraph: int, index: int) -> None:
        """No trigger: context of the event before it in the paragraph, if it shares an actor; a
        sentence that speaks of that event's guest, host or delegation ("X thanked the guest", "Y,
        who led the delegation") also brings its people to it."""
        last = self.last_event
        if last is None or self._joins_party(s, index, last):
            return
        if self.paragraph_of(last.sentence[0]) == paragraph:
            keys = {participant(m).key for m in s.actors}
            if not s.actors or keys & {p.key for p in last.participants}:
                self._context(s)

    def _joins_party(self, s: Sentence, index: int, last: Event) -> bool:
        """ "X thanked the guest": the sentence's people join the event just told as its parties."""
        near = index - self.last_index <= 2
        if self.party_words is None or not near or not self.party_words.search(self.text, s.start, s.end):
            return False
        people = unique_participants([m for m in s.actors if m.kind == PERSON])
        last.targets.extend(p for p in people if p.key not in {q.key for q in last.participants})
        if people:
            self._context(s)
        return bool(people)

    def _roles(self, s: Sentence, run: Run) -> tuple[list[ActorMention], ...]:
        """Sources, targets and deliverers of a run ("the two sides" when no one else acts)."""
        sources, targets, deliverers = message_roles(s, run, *roles(s, run))
        if not sources and (sides := self._sides(s, run)):
            sources, targets = sides, [m for m in targets if m.actor not in {x.actor for x in sides}]
        return sources, targets, deliverers

    def _event(self, s: Sentence, run: Run) -> Event:
        """The event of a run: what decides whether it is kept (roles, date, modality)."""
        sources, targets, deliverers = self._roles(s, run)
        event = Event(
            id="",
            article=self.article,
            type=run.type.id,
            family=run.type.family,
            trigger=" … ".join(t[2] for t in run.triggers),
            trigger_span=(run.start, run.end),
            sentence=(s.start, s.end),
            sources=unique_participants(sources),
            targets=unique_participants(targets),
            deliverers=unique_participants(deliverers),
            evidence=[Evidence(self.article, s.start, s.end)],
            planned=False,
            reporting=run.type.reporting,
            priority=run.type.priority,
        )
        if event.participants or (run.anaphor_type and not run.definite_only) or run.type.stage:
            self._date(s, run, event)  # (else no event whatever its date: _is_event, _stages_of)
        return event

    def _date(self, s: Sentence, run: Run, event: Event) -> None:
        """Whether the event is planned, and the date its own sentence gives it."""
        # a cue of intention, an invitation or a type that looks ahead moves a month forward; what
        # is only proposed ("proposed a visit in October") is planned but keeps its month
        forward = is_planned(self.text, s.start, run.start, self.lexicon.planned) or self._invited_to(s, run)
        event.planned = self._planned(s, run, forward)
        forward = forward and event.planned
        if not event.planned:  # what is done cannot be dated after the publication
            if _told_as_past(run):
                run.dates = [past_weekday(d, self.published_day) for d in run.dates]
            run.dates = [d for d in run.dates if not after_publication(d, self.published_day)]
        if run.dates:
            forward = forward or run.type.id in self.lexicon.forward
            set_date(event, [self._forward(d) for d in run.dates] if forward else run.dates, "sentence")
        elif self._performative(run, event):
            event.value = self.published_day.isoformat()
            event.first = event.last = self.published_day
            event.date_source = "publication"

    def _planned(self, s: Sentence, run: Run, forward: bool) -> bool:
        """A plan: a cue of intention, an invitation or proposal to it, or a schedule; a past report
        of a plan ("X is expected next week, the ministry said") is done: the plan is what is said."""
        if run.type.reporting and _told_as_past(run):
            return False
        return forward or self._invited_to(s, run, self.lexicon.intent) or self._scheduled(run)

    def _scheduled(self, run: Run) -> bool:
        """ "The ministers meet on Monday in Luxembourg": a trigger not in the past tense with only
        dates after the publication is a schedule, planned."""
        return bool(
            self.published_day
            and run.dates
            and not _told_as_past(run)
            and all(after_publication(d, self.published_day) for d in run.dates)
        )

    def _performative(self, run: Run, event: Event) -> bool:
        """ "Belarus suspends its participation": an undated present tense of an announcing type
        tells of the day of publication (known to the day)."""
        present = run.type.present
        return bool(
            present
            and self.published_day is not None
            and not event.planned
            and any(" ".join(t[2].lower().split()) in present for t in run.triggers)
        )

    def _sides(self, s: Sentence, run: Run) -> list[ActorMention]:
        """ "The sides agreed", "the two countries agreed": the two states of the sentence, or of one
        of the three before it; they act, and the event stands though no person is named."""
        if self.sides is None or not self.sides.search(self.text, max(s.start, run.start - 40), run.start):
            return []
        for window in reversed(self.states_window[-4:]):
            states = list({m.actor: m for m in window if m.actor}.values())
            if len(states) == 2:
                run.sides = True
                return states
        return []

    def _invited_to(self, s: Sentence, run: Run, types: tuple[str, ...] | None = None) -> bool:
        """What one is invited to (or, with ``types``, what is proposed) lies ahead: a run after an
        invitation's run in its sentence, or one whose own first trigger is an invitation ("an
        invitation to pay a return visit")."""
        types = self.lexicon.forward if types is None else types
        first = self.lexicon.trigger_type.get(" ".join(run.triggers[0][2].lower().split()))
        if len(run.triggers) > 1 and first in types and run.type.id not in types:
            return True
        return any(r.type.id in types and r.end <= run.start and r.type.id != run.type.id for r in s.runs)

    def _forward(self, d: DateMention) -> DateMention:
        """A plan's or an invitation's month looks forward from the publication date."""
        if not d.anchor.startswith("published"):
            return d
        return dataclasses.replace(d, value=forward_value(d.value, self.published))

    def _past_reference(self, run: Run, event: Event) -> bool:
        """Dated only by a bare earlier year ("when X visited Minsk in 2019"), a quantified kind of
        event without a date ("many official visits") or a plan whose time has passed: no event of
        the article."""
        if not run.dates:
            return is_generic(self.lexicon, self.text, run.start)
        if event.planned and self.published_day and event.last and event.last < self.published_day:
            return True  # a plan whose time is past and which the text does not report as done
        return not event.planned and all(earlier_year(d, self.published) for d in run.dates)

    def _habitual_runs(self, s: Sentence) -> None:
        """A run without a date of its own in a habitual frame, in a sentence with a background date
        ("have been held since 2015", "has visited China ten times since 1995"): no event."""
        if not self.background.between(s.start, s.end):
            return
        s.runs = [
            r for r in s.runs if r.dates or not is_habitual(self.lexicon, self.text, (s.start, s.end), (r.start, r.end))
        ]

    def _add(self, s: Sentence, run: Run, event: Event, index: int) -> None:
        describe(s, event, run)
        event.id = f"{self.article}#{len(self.events)}"
        event.anaphoric = bool(run.anaphor_type)
        event.sentence_index = index
        self.runs_of[event.id] = run
        self.events.append(event)
        self.last_event = event
        self.last_index = index

    def _dated_runs(self, s: Sentence, recent: bool) -> None:
        """The sentence's dates go to its runs; habits and characterisations make none."""
        assign_dates(s.runs, self.dates.between(s.start, s.end), self.text, (s.start, s.end))
        self._habitual_runs(s)
        if (
            recent
            and s.runs
            and self.copular is not None
            and self.copular.fullmatch(self.text, s.start, s.runs[0].start)
        ):
            s.runs = []  # "It was the first visit of …": the sentence tells more of the event before

    def _kept(self, s: Sentence) -> list[tuple[Run, Event]]:
        """The runs of a sentence that are events, in text order."""
        real = [(run, self._event(s, run)) for run in _chosen(s.runs)]
        # a report chosen for its own date that turned out unusable ("…tomorrow," he said) is no event
        real = [(run, e) for run, e in real if not (run.type.reporting and not run.dates and not run.anaphor_type)]
        kept = [(run, event) for run, event in real if _is_event(run, event) and not self._past_reference(run, event)]
        if self.caption is not None and self.caption.match(self.text, s.start):
            kept = [(run, event) for run, event in kept if event.value]  # a caption shows what the text tells
        kept += _stages_of(kept, [pair for pair in real if pair not in kept])
        kept.sort(key=lambda pair: pair[0].start)
        return kept

    def read(self, index: int, start: int, end: int) -> None:
        """One sentence: its events, or the context evidence it gives the event before it."""
        s = self._sentence(start, end, self.actors.between(start, end))
        paragraph = self.paragraph_of(start)
        recent = self._recent(paragraph, index)
        self._dated_runs(s, recent)
        if not s.runs:
            self._without_trigger(s, paragraph, index)
            return
        kept = self._kept(s)
        if not kept:
            if recent:
                self._context(s)
            return
        for run, event in kept:
            self._add(s, run, event, index)


def _join_pointing_sentences(by_sentence: dict[tuple[int, int], list[Event]], runs_of: dict[str, Run]) -> None:
    """A sentence that points back at an event is about that event: all its runs join it."""
    for group in by_sentence.values():
        target = next((e.link for e in group if e.link and runs_of[e.id].anaphor_type), None)
        for event in group:
            if target and event.link is None and event.id != target and event.date_source != "sentence":
                event.link = target


#: A paragraph shorter than this (in words) is a byline, a dateline or a stamp, not the lede.
_LEDE_WORDS = 12


def _lede(events: list[Event], text: str, paragraphs) -> list[Event]:
    """The dated events of the lede: the first paragraph of some length (a byline is no lede)."""
    span = next((p for p in paragraphs if len(text[p[0] : p[1]].split()) >= _LEDE_WORDS), None)
    if span is None:
        return []
    return [e for e in events if e.value and span[0] <= e.sentence[0] <= span[1]]


def _second_pass(lexicon: EventLexicon, first: _FirstPass) -> list[Event]:
    """Pass 2: events without a date of their own take one from their context."""
    events, runs_of, paragraphs = first.events, first.runs_of, first.paragraphs
    lede = _lede(events, first.text, paragraphs)
    by_sentence: dict[tuple[int, int], list[Event]] = {}
    for event in events:
        by_sentence.setdefault(event.sentence, []).append(event)
    context = Context(
        events,
        by_sentence,
        first.dates,
        paragraphs,
        first.paragraph_of,
        lede,
        runs_of,
        first.text,
        lexicon.dated,
        first.published_day,
        first.published,
    )
    same_day_as_its_kind(events)
    for index, event in enumerate(events):
        date_from_context(lexicon, event, runs_of[event.id], index, context)
    _join_pointing_sentences(by_sentence, runs_of)
    link_stages(events, runs_of)
    borrow_addressees(events)
    for event in events:
        event.confidence = confidence(event)
    return [e for e in events if e.value]


class EventExtractor:
    """Finds events in one analysed article."""

    def __init__(self, lexicon: EventLexicon | None = None) -> None:
        self.lexicon = lexicon or load_event_lexicon()

    def extract(self, analysis: ArticleAnalysis) -> list[Event]:
        first = _FirstPass(analysis, self.lexicon)
        for index, (start, end) in enumerate(analysis.sentences):
            first.read(index, start, end)
        return _second_pass(self.lexicon, first)
