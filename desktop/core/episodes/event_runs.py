"""Runs: triggers of one family that follow each other in a sentence form one event.

"meetings … on the sidelines" is one run; a negated trigger ("did not meet") makes none; a
trigger inside a name ("General Assembly" in an organisation's name) is no trigger; an event
used as a time anchor ("after the meetings") is no new event; a definite noun phrase ("this
visit") may point back to an earlier event. Each date of the sentence goes to its nearest run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from desktop.core.annotate import timex
from desktop.core.annotate.records import ActorMention, DateMention
from desktop.core.episodes.event_context import context_ok, is_adjectival
from desktop.core.episodes.event_lexicon import EventLexicon, EventType, is_negated, load_event_lexicon
from desktop.core.episodes.event_records import PERSON, Match, Window

#: "after the meetings", "since Lukashenka's visit to Beijing": an event used as a time anchor.
_TIME_ANCHOR = re.compile(
    r"\b(?i:after|before|since|following|ahead\s+of)\s+"
    r"(?:(?i:the|these|those|this|that|his|her|their)|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s?)\s+(?:[\w’'-]+\s+){0,2}$"
)
#: "the mysterious meetings", "his first trip": a determiner or a possessive and at most two words
#: of its noun phrase (no verb: "that Sikorski should come to" is a clause).
_DEFINITE_BEFORE = re.compile(
    r"(?:\b(?:the|this|these|that|those)\s+"
    r"(?:(?!(?:to|should|would|will|could|can|may|might|must|had|has|have|was|were|is|are)\s)[\w’'-]+\s+){0,2}"
    r"|\b(?:his|her|their|its)\s+(?:(?:first|second|third|fourth|fifth|last|latest|recent|previous|own|official|state)\s+){0,2})$",
    re.I,
)
_THAT_CLAUSE = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}?that\b")
#: A relative clause about a person: from ", who" to the next comma or the sentence's end
#: (", which began on Tuesday" after "the visit" does date the visit).
_RELATIVE = re.compile(r",\s*(?:who|whose)\b[^,;—–]*")
#: A finite verb of being or having between two triggers starts a clause of its own ("the talks
#: were a continuation of the conversation held in June" tells of two happenings), and so does a
#: period ("visited Moscow many times since 1995 and last met Putin in 2019").
_FINITE_BETWEEN = re.compile(r"\b(?:is|are|was|were|has|have|had|since|until)\b", re.I)
#: Two triggers of one family at most this many characters apart are one run.
_RUN_GAP = 45
#: A trigger after "for" ("for two hours of talks") may stand so far from the run it tells the purpose of.
_PURPOSE_GAP = 120
_FOR_BEFORE = re.compile(r"\bfor\s+(?:[\w-]+\s+){0,4}$", re.I)


@dataclass
class Run:
    type: EventType
    start: int
    end: int
    triggers: list[tuple[int, int, str]]
    dates: list[DateMention] = field(default_factory=list)
    anaphor_type: str = ""  # the run points back to an earlier event of this type
    definite_only: bool = False  # only a definite article: a first mention if nothing came before
    sides: bool = False  # "the two sides agreed": two states named as its agents
    anchor: str = ""  # "since" or "anchor": an event used as a time anchor ("since his visit") holds its dates


@dataclass
class Sentence:
    """One sentence with its runs, as roles and descriptions see it."""

    text: str  # the article's whole text; offsets are the article's
    start: int
    end: int
    actors: list[ActorMention]
    runs: list[Run]
    negated: list[int]  # end offsets of negated triggers
    previous_people: list[ActorMention]  # people of the two sentences before
    dates: Window  # every date mention of the article
    places: Window
    speakers: list[ActorMention] | None = None  # people who only report, once computed
    pairs: re.Pattern[str] | None = None  # "the two leaders" before a trigger
    earlier_people: list[ActorMention] = field(default_factory=list)  # every person named before it

    def neighbours(self, run: Run) -> tuple[int, int]:
        """Where the run before this one ends and the run after it starts (or the sentence's bounds)."""
        index = self.runs.index(run)
        previous_end = self.runs[index - 1].end if index else self.start
        next_start = self.runs[index + 1].start if index + 1 < len(self.runs) else self.end
        return previous_end, next_start

    def gap(self, start: int, end: int) -> str:
        """The text between two points with dates taken out ("made at the [date] meeting")."""
        gap = self.text[start:end]
        for d in self.dates.between(start, end):
            gap = gap.replace(d.text, "x", 1)
        return gap

    def undated(self, phrase: str, start: int, end: int) -> str:
        """A phrase without the dates in it ("February 14th meeting of …" → "meeting of …")."""
        for d in self.dates.between(max(0, start - 40), end):
            phrase = phrase.replace(d.text, "")
        return " ".join(phrase.split())


def _in_name(m: Match, names: list[ActorMention]) -> bool:
    """ "enlargement negotiations" in a title, "General Assembly" in a name."""
    return any(n.start < m.end and m.start < n.end for n in names)


def _continues(runs: list[Run], event_type: EventType, m: Match, names: list[ActorMention], text: str) -> bool:
    """Does this trigger extend the last run (same family, close, no person between)? One after
    "for" tells what the run was for, across its counterpart ("met X in Geneva on Monday for
    eight hours of talks")."""
    if not (
        runs
        and runs[-1].type.family == event_type.family
        and runs[-1].type.stage == event_type.stage  # "published a letter": two events
        and not _FINITE_BETWEEN.search(text, runs[-1].end, m.start)
    ):
        return False
    if runs[-1].type.id == event_type.id and _FOR_BEFORE.search(text, max(runs[-1].end, m.start - 40), m.start):
        return m.start - runs[-1].end <= _PURPOSE_GAP  # not "met X to prepare for a visit": two events
    return m.start - runs[-1].end <= _RUN_GAP and not any(
        n.kind == PERSON and runs[-1].end <= n.start < m.start for n in names
    )


def _add_trigger(runs: list[Run], event_type: EventType, m: Match, names: list[ActorMention], text: str) -> None:
    if _continues(runs, event_type, m, names, text):
        run = runs[-1]
        run.end = m.end
        run.triggers.append((m.start, m.end, m.text))
        if event_type.priority > run.type.priority:
            run.type = event_type
    else:
        runs.append(Run(event_type, m.start, m.end, [(m.start, m.end, m.text)]))


_QUOTE_MARKS = re.compile(r'["“”]')
#: A quotation of fewer words is a term ("a \"working vacation\""), not what someone said.
_SPEECH_WORDS = 4


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of direct quotations reaching into ``start``..``end`` (the sentence so far),
    paired from the start of the paragraph: a sentence may begin inside a quotation."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    spans, opened = [], None
    for mark in _QUOTE_MARKS.finditer(text, line_start, len(text) if line_end < 0 else line_end):
        closing = mark.group() == "”" or (mark.group() == '"' and opened is not None)
        if closing and opened is not None:
            if mark.end() > start and len(text[opened : mark.end()].split()) >= _SPEECH_WORDS:
                spans.append((opened, mark.end()))  # not a term in scare quotes: a "working vacation"
            opened = None
        elif not closing:
            opened = mark.start()
    return spans


def _trigger_runs(
    lex: EventLexicon, text: str, start: int, names: list[ActorMention], found: list[Match]
) -> tuple[list[Run], list[int]]:
    """The runs of the triggers, and the end offsets of the negated triggers."""
    runs: list[Run] = []
    negated: list[int] = []
    quoted = _quotations(text, start, found[-1].end) if found else []
    for m in found:
        if _in_name(m, names) or any(a < m.start and m.end < b for a, b in quoted):
            continue  # a trigger in a quotation is what was said ("'he has appointed himself,' she said")
        type_id = lex.trigger_type.get(" ".join(m.text.lower().split()))
        if type_id is None or not context_ok(lex.types[type_id], text, m, start, names) or is_adjectival(lex, text, m):
            continue
        if is_negated(text, m.start, lex.negations):
            negated.append(m.end)
            continue
        _add_trigger(runs, lex.types[type_id], m, names, text)
    return runs, negated


#: The words between a framing trigger and the trigger it frames ("decided to [immediately] pardon").
_FRAMED = re.compile(r"\s+(?:[a-z][\w’'-]*\s+)?$")


def _unwrap(lex: EventLexicon, text: str, runs: list[Run]) -> list[Run]:
    """A framing run ("decided to") just before another trigger is no event of its own."""
    if not lex.wrappers:
        return runs
    starts = [r.start for r in runs]
    kept = []
    for run in runs:
        key = " ".join(run.triggers[-1][2].lower().split())
        framed = key in lex.wrappers and any(
            run.end < st and _FRAMED.fullmatch(text, run.end, st) for st in starts if st - run.end <= 30
        )
        if not (framed and len(run.triggers) == 1):
            kept.append(run)
    return kept


def _mark_anaphors(lex: EventLexicon, runs: list[Run], anaphors: list[Match]) -> None:
    for m in anaphors:
        type_id = lex.anaphor_type.get(" ".join(m.text.lower().split()), "")
        for run in runs:
            if run.start <= m.end and m.start <= run.end and run.type.family == lex.types[type_id].family:
                run.anaphor_type = type_id


def _mark_definite(text: str, start: int, runs: list[Run], names: list[ActorMention]) -> None:
    """ "the mysterious meetings", "this visit": a definite noun phrase may point back ("The
    Belarusian president held talks" is a subject, named, before a verb)."""
    for run in runs:
        if run.anaphor_type or run.type.reporting:
            continue
        found = _DEFINITE_BEFORE.search(text, max(start, run.start - 40), run.start)
        if found and not any(found.start() <= n.start and n.end <= run.start for n in names):
            run.anaphor_type = run.type.id
            run.definite_only = True


def find_runs(
    lex: EventLexicon, text: str, start: int, names: list[ActorMention], found: list[Match], anaphors: list[Match]
) -> tuple[list[Run], list[int]]:
    """The runs of one sentence (from ``start``) and the end offsets of its negated triggers."""
    runs, negated = _trigger_runs(lex, text, start, names, found)
    runs = _unwrap(lex, text, runs)
    _mark_anaphors(lex, runs, anaphors)
    # "After the meetings, X travelled…": an event used as a time anchor is no new event.
    # It keeps the dates near it ("since X's visit to Beijing in March 2023") until they are given out.
    # "since X's visit" starts a period: background, never an event; "after the visit of X in
    # October 2018" tells of that visit when it carries a date of its own.
    for r in runs:
        found = _TIME_ANCHOR.search(text, max(start, r.start - 50), r.start)
        r.anchor = "since" if found and found.group().lower().startswith("since") else ("anchor" if found else "")
    _mark_definite(text, start, runs, names)
    return runs, negated


def _reported(text: str, run: Run, d: DateMention) -> bool:
    """A date in the clause a reporting word introduces ("said that 3,000 people had been
    detained on Sunday") dates what is reported, not the saying."""
    return bool(text) and d.start > run.end and bool(_THAT_CLAUSE.match(text, run.end, d.start))


def _reported_elsewhere(text: str, run: Run, d: DateMention) -> bool:
    """A date a report does not give its saying: one in what is reported, or one in a clause of its
    own before the report ("The two countries agreed in September …, and the secretary said")."""
    return _reported(text, run, d) or bool(
        text and run.start >= d.end and _CLAUSE_AFTER_DATE.match(text, d.end, run.start)
    )


def _relative_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _RELATIVE.finditer(text, start, end)]


def _same_clause(clauses: list[tuple[int, int]], d: DateMention, run: Run) -> bool:
    """A date in a relative clause ("who took office on Thursday") dates only a run inside it."""
    inside = next((c for c in clauses if c[0] <= d.start < c[1]), None)
    return inside is None or inside[0] <= run.start < inside[1]


@cache
def _dated_before() -> re.Pattern[str]:
    """ "dated " just before a date (the ``dated`` cues of events.yaml): the date a document bears."""
    cues = "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(load_event_lexicon().dated, key=len, reverse=True)
    )
    return re.compile(rf"(?<![\w-])(?:{cues})\s+$" if cues else r"(?!)", re.IGNORECASE)


def _distance(text: str, run: Run, d: DateMention) -> int:
    """How far a date is from a run, in characters, with what makes it belong elsewhere added."""
    distance = max(0, run.start - d.end, d.start - run.end)
    if text and run.start >= d.end and _dated_before().search(text, max(0, d.start - 16), d.start):
        distance += _CLAUSE_PENALTY  # "a message from X dated 27 October, wishing the forum success"
    if text and run.start >= d.end and _CLAUSE_AFTER_DATE.match(text, d.end, run.start):
        distance += _CLAUSE_PENALTY  # "met X last week to discuss a visit": the date ends its clause
    elif text and run.start >= d.end and _PHRASE_AFTER_DATE.match(text, d.end, run.start):
        distance += _PHRASE_PENALTY  # "met at X on Monday for the first talks": the date is the verb's
    if run.type.reporting:
        distance += 3  # "said on Monday" is close; a real event as close wins
    return distance


def _nearest(runs: list[Run], d: DateMention, text: str, clauses: list[tuple[int, int]]) -> Run | None:
    """The run of the date's clause nearest to it (the first of equals)."""
    best, best_distance = None, None
    for run in runs:
        if not _same_clause(clauses, d, run):
            continue
        distance = _distance(text, run, d)
        if best_distance is None or distance < best_distance:
            best, best_distance = run, distance
    return best


def assign_dates(runs: list[Run], dates: list[DateMention], text: str = "", span: tuple[int, int] = (0, 0)) -> None:
    """Each date goes to the nearest run of its clause; reporting runs lose ties to real ones."""
    clauses = _relative_clauses(text, *span) if text else []
    for d in dates:
        if text and _POSSESSIVE_DATE.match(text, d.end):
            continue  # "Sunday's vote", "last year's election": the date of another noun
        best = _nearest(runs, d, text, clauses)
        if best is not None and not (best.type.reporting and _reported_elsewhere(text, best, d)):
            best.dates.append(d)
    for run in runs:
        run.dates = _own_clause(text, run)
        run.dates = _one_happening(run)
    runs[:] = [run for run in runs if not run.anchor or (run.anchor == "anchor" and _dated_after(run))]


def _own_clause(text: str, run: Run) -> list[DateMention]:
    """Of several dates, those in the run's own clause ("On 10 June X adopted …, and on 12 June it
    decided to widen sanctions": the 12th)."""
    own = [
        d for d in run.dates if not (text and d.end <= run.start and _CLAUSE_AFTER_DATE.match(text, d.end, run.start))
    ]
    return own or run.dates


def _dated_after(run: Run) -> bool:
    """An anchor ("after the visit of X in October 2018") with a date of its own, after its trigger."""
    return any(d.start > run.start for d in run.dates)


#: Between a date and a later run, the start of another clause ("…on Monday and expressed",
#: "…last week to discuss a visit"): the date belongs to what comes before it, if anything does
#: (a bare comma does not: "On Monday, X said", "in January, when he told").
_CLAUSE_AFTER_DATE = re.compile(r"[^,;]*?(?:,\s*(?:and|but)\b|;|\b(?:and|but)\b|\bto\s+(?!the\b|a\b|an\b)[a-z]+\b)")
_CLAUSE_PENALTY = 60
#: A preposition after a date opens a phrase of its own: a run inside it is farther than it looks.
_PHRASE_AFTER_DATE = re.compile(r"\s*(?:for|of|in|at|with|about|over)\s")
_PHRASE_PENALTY = 20
_POSSESSIVE_DATE = re.compile(r"['’]s?\s")
#: Dates of one run further apart than this are of different happenings ("who ran in 2020, was
#: released on Saturday"): the run keeps the date nearest its trigger and those close to it.
_HAPPENING_DAYS = 31


def _one_happening(run: Run) -> list[DateMention]:
    if len(run.dates) < 2:
        return run.dates
    dated = [(d, timex.bounds(d.value)) for d in run.dates]
    dated = [(d, b) for d, b in dated if b is not None]
    if len(dated) < 2:
        return run.dates
    nearest, (lo, hi) = min(dated, key=lambda x: max(0, run.start - x[0].end, x[0].start - run.end))
    near = dt.timedelta(days=_HAPPENING_DAYS)
    return [d for d, (first, last) in dated if d is nearest or (lo - near <= first and last <= hi + near)]
