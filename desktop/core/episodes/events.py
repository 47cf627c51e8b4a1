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
"""

from __future__ import annotations

import re

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention
from desktop.core.episodes.event_dates import Context, confidence, date_from_context
from desktop.core.episodes.event_lexicon import EventLexicon, is_planned, load_event_lexicon
from desktop.core.episodes.event_records import (
    PERSON,
    Event,
    Evidence,
    Match,
    Participant,
    Window,
    date_usable,
    paragraph_index,
    paragraph_spans,
    participant,
    possessive,
    set_date,
    specific_kind,
    unique_participants,
)
from desktop.core.episodes.event_runs import Run, assign_dates, find_runs

# grouping.py still imports these from here; they live in event_records and event_lexicon.
__all__ = ["Event", "EventExtractor", "EventLexicon", "Evidence", "Participant", "load_event_lexicon"]

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


def _name_phrase(text: str, start: int, end: int, limit: int) -> str:
    """The noun phrase a trigger heads: "international conference on combating illegal migration"."""
    left = _NAME_LEFT.search(text, max(0, start - 40), start)
    words_left = left.group(1).strip() if left else ""
    if words_left.lower().split()[-1:] and words_left.lower().split()[-1] in _NAME_STOP:
        words_left = ""
    tail: list[str] = []
    for word in text[end:limit].split()[:10]:
        bare = word.strip(',.;:()“”"')
        if not bare or bare.lower() in _NAME_STOP or bare in ("–", "—", "-"):
            break
        tail.append(bare)
        if word[-1:] in ",.;:)":
            break
    while tail and tail[-1].lower() in ("of", "the", "on", "for", "about", "against", "a", "an"):
        tail.pop()
    return " ".join(x for x in (words_left, text[start:end], " ".join(tail)) if x)


def _clause(text: str, end: int, limit: int) -> str:
    """What a statement says: the words after "that" (or after the verb), up to 14 words."""
    m = re.compile(r"\s+(?:that\s+)?").match(text, end, limit)
    rest = text[m.end() if m else end : limit].strip()
    words = rest.split()
    if not words or not words[0][:1].isalpha():
        return ""
    clause = " ".join(words[:14])
    clause = re.split(r"[;:]|\s[–—]\s", clause)[0].rstrip(" ,.")
    return clause + ("…" if len(words) > 14 else "")


# --------------------------------------------------------------------------- extraction


class EventExtractor:
    """Finds events in one analysed article."""

    def __init__(self, lexicon: EventLexicon | None = None) -> None:
        self.lexicon = lexicon or load_event_lexicon()
        self._previous_people: list[ActorMention] | None = None
        self._dates_window: Window | None = None
        self._negated: list[int] = []
        self._speaker_cache: tuple[int, list[ActorMention]] = (-1, [])

    def extract(self, analysis: ArticleAnalysis) -> list[Event]:
        self._speaker_cache = (-1, [])
        text = analysis.text
        article = analysis.article.id
        actors = [m for m in analysis.actors if m.via != VIA_DEMONYM]
        dates = [d for d in analysis.dates if date_usable(d)]
        paragraphs = paragraph_spans(text)
        paragraph_of = paragraph_index(paragraphs)
        in_actors, in_dates = Window(actors), Window(dates)
        self._dates_window = Window(list(analysis.dates))
        names = Window(list(analysis.actors))  # triggers inside a name are not triggers
        self._places = Window(list(analysis.places))
        events: list[Event] = []
        runs_of: dict[str, Run] = {}
        last_event: Event | None = None

        last_index = -99
        people_window: list[list[ActorMention]] = []
        lex = self.lexicon
        triggers = Window([Match(m.start(), m.end(), m.group()) for m in lex.trigger_re.finditer(text)])
        anaphors = Window([Match(m.start(), m.end(), m.group()) for m in lex.anaphor_re.finditer(text)])
        # Pass 1: events and the dates their own sentence gives them.
        for s_index, (s_start, s_end) in enumerate(analysis.sentences):
            s_actors = in_actors.between(s_start, s_end)
            self._previous_people = [m for ms in people_window[-2:] for m in ms]
            people_window.append([m for m in s_actors if m.kind == PERSON])
            paragraph = paragraph_of(s_start)
            recent = last_event is not None and (
                paragraph - paragraph_of(last_event.sentence[0]) <= 1 or s_index - last_index <= 5
            )
            found = triggers.between(s_start, s_end)
            if found:
                runs, self._negated = find_runs(
                    lex, text, s_start, names.between(s_start, s_end), found, anaphors.between(s_start, s_end)
                )
            else:
                runs = []
            if not runs:
                # No trigger: context of the event before it in the paragraph, if it shares an actor.
                if last_event is not None and paragraph_of(last_event.sentence[0]) == paragraph:
                    keys = {participant(m).key for m in s_actors}
                    if not s_actors or keys & {p.key for p in last_event.participants}:
                        last_event.evidence.append(Evidence(article, s_start, s_end, primary=False))
                continue
            s_dates = in_dates.between(s_start, s_end)
            assign_dates(runs, s_dates)
            # Reporting runs ("said") beside a real event are evidence of it, not events; with
            # only reporting words, an event only if one of them carries its own date.
            chosen = [run for run in runs if not run.type.reporting] or [run for run in runs if run.dates]
            if not chosen:
                if recent:
                    last_event.evidence.append(Evidence(article, s_start, s_end, primary=False))
                continue
            real = [(run, self._event(analysis, run, runs, s_actors, s_start, s_end)) for run in chosen]
            # An event needs a person or an organisation (not only states and blocs), a date
            # of its own, or words pointing back to an event; intentions without a date of
            # their own ("aims to meet") and anything else are commentary: context.
            kept = [
                (run, event)
                for run, event in real
                if event.value
                or (run.anaphor_type and not run.definite_only)
                or (not event.planned and any(specific_kind(p) for p in event.participants))
                or (run.definite_only and any(specific_kind(p) for p in event.participants))
            ]
            if not kept:
                if recent:
                    last_event.evidence.append(Evidence(article, s_start, s_end, primary=False))
                continue
            for run, event in kept:
                self._describe(text, event, run, runs, s_actors)
                event.id = f"{article}#{len(events)}"
                event.anaphoric = bool(run.anaphor_type)
                event.sentence_index = s_index
                runs_of[event.id] = run
                events.append(event)
                last_event = event
                last_index = s_index

        # Pass 2: events without a date of their own take one from their context.
        lede_end = paragraphs[0][1] if paragraphs else 0
        lede = [e for e in events if e.sentence[0] <= lede_end and e.value]
        by_sentence: dict[tuple[int, int], list[Event]] = {}
        for event in events:
            by_sentence.setdefault(event.sentence, []).append(event)
        context = Context(events, by_sentence, in_dates, paragraphs, paragraph_of, lede, runs_of)
        for index, event in enumerate(events):
            date_from_context(self.lexicon, event, runs_of[event.id], index, context)
        # A sentence that points back at an event is about that event: all its runs join it.
        for group in by_sentence.values():
            target = next((e.link for e in group if e.link and runs_of[e.id].anaphor_type), None)
            for event in group:
                if target and event.link is None and event.id != target and event.date_source != "sentence":
                    event.link = target
        for event in events:
            event.confidence = confidence(event)
        return [e for e in events if e.value]

    # -- pieces
    def _undated(self, phrase: str, start: int, end: int) -> str:
        """A name phrase without the dates in it ("February 14th meeting of …" → "meeting of …")."""
        for d in self._dates_window.between(max(0, start - 40), end) if self._dates_window else []:
            phrase = phrase.replace(d.text, "")
        return " ".join(phrase.split())

    def _gap(self, text: str, start: int, end: int) -> str:
        """The text between two points with dates taken out ("made at the [date] meeting")."""
        gap = text[start:end]
        for d in self._dates_window.between(start, end) if self._dates_window else []:
            gap = gap.replace(d.text, "x", 1)
        return gap

    def _sentence_speakers(
        self, text: str, runs: list[Run], s_actors: list[ActorMention], s_start: int
    ) -> list[ActorMention]:
        """People who only report in this sentence (the subjects of "said"…), computed once."""
        if self._speaker_cache[0] == s_start:
            return self._speaker_cache[1]
        speakers = _speakers(text, runs, s_actors)
        for other in runs:
            if other.type.reporting:
                speakers += [
                    m
                    for m in s_actors
                    if m.kind == PERSON
                    and other.start - 90 <= m.end <= other.start
                    and _SUBJECT_LINK.match(self._gap(text, m.end, other.start))
                ]
        self._speaker_cache = (s_start, speakers)
        return speakers

    def _roles(
        self, text: str, run: Run, runs: list[Run], s_actors: list[ActorMention], s_start: int, s_end: int
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """Who acts (sources) and who is acted on (targets) for one run of a sentence."""
        index = runs.index(run)
        previous_end = runs[index - 1].end if index else s_start
        next_start = runs[index + 1].start if index + 1 < len(runs) else s_end
        sources = [
            m
            for m in s_actors
            if previous_end <= m.start
            and run.start - 90 <= m.end <= run.start  # a subject stands within a few words
            and _SUBJECT_LINK.match(self._gap(text, m.end, run.start))
        ]
        first_end = run.triggers[0][1]
        if not sources:
            # "the visit of X", "a letter … from X": the agent follows the trigger.
            agent = _AGENT.match(text, first_end, next_start)
            if agent:
                sources = [m for m in s_actors if m.kind == PERSON and agent.end() - 1 <= m.start < next_start][:1]
        if not sources and self._previous_people is not None:
            pronoun = _PRONOUN_SUBJECT.search(text, max(previous_end, run.start - 40), run.start)
            if pronoun:
                before_pronoun = [m for m in s_actors if m.kind == PERSON and m.end <= pronoun.start()]
                candidates = before_pronoun or self._previous_people
                if candidates:
                    sources = [candidates[-1]]
        if not sources:
            first_real = next((r.start for r in runs if not r.anaphor_type and not r.type.reporting), run.start)
            subject = [m for m in s_actors if m.kind == PERSON and m.end <= first_real and not possessive(text, m.end)]
            if subject:
                sources = subject[:1]
        speakers = self._sentence_speakers(text, runs, s_actors, s_start)
        negated_objects = (
            [m for m in s_actors if any(0 <= m.start - n <= 40 and "," not in text[n : m.start] for n in self._negated)]
            if self._negated
            else []
        )
        after = [
            m
            for m in s_actors
            if first_end <= m.start < next_start and m not in sources and m not in speakers and m not in negated_objects
        ]
        if not sources and run.type.family == "contact":
            # "during his meeting with Putin, Lukashenka made…": the person not met is the agent.
            with_ = [m for m in after if _WITH_BEFORE.search(text, max(s_start, m.start - 12), m.start)]
            others = [m for m in s_actors if m.kind == PERSON and m not in with_ and run.end <= m.start < next_start]
            if with_ and others:
                sources = others[:1]
        targets = [
            m
            for m in after
            if m not in sources and not possessive(text, m.end)  # "Ryzhankou’s deputy": a modifier
        ]
        return sources, targets

    def _event(
        self,
        analysis: ArticleAnalysis,
        run: Run,
        runs: list[Run],
        s_actors: list[ActorMention],
        s_start: int,
        s_end: int,
    ) -> Event:
        """The event of a run: what decides whether it is kept (roles, date, modality)."""
        text = analysis.text
        sources, targets = self._roles(text, run, runs, s_actors, s_start, s_end)
        event = Event(
            id="",
            article=analysis.article.id,
            type=run.type.id,
            family=run.type.family,
            trigger=" … ".join(t[2] for t in run.triggers),
            trigger_span=(run.start, run.end),
            sentence=(s_start, s_end),
            sources=unique_participants(sources),
            targets=unique_participants(targets),
            evidence=[Evidence(analysis.article.id, s_start, s_end)],
            planned=is_planned(text, s_start, run.start, self.lexicon.planned),
            reporting=run.type.reporting,
            priority=run.type.priority,
        )
        if run.dates:
            set_date(event, run.dates, "sentence")
        return event

    def _describe(self, text: str, event: Event, run: Run, runs: list[Run], s_actors: list[ActorMention]) -> None:
        """Place, organisation, phrases and summary: only for events that are kept."""
        s_start, s_end = event.sentence
        index = runs.index(run)
        next_start = runs[index + 1].start if index + 1 < len(runs) else s_end
        previous_end = runs[index - 1].end if index else s_start
        places = self._places.between(previous_end, next_start)
        place = min(places, key=lambda p: abs(p.start - run.start)).name if places else None
        if place is None and run.type.id == "visit":
            for m in s_actors:
                if (
                    m.kind == "state"
                    and run.start <= m.start < next_start
                    and _TO_OR_IN.search(text[max(s_start, m.start - 8) : m.start])
                ):
                    place = m.name
                    break
        organisation = next(
            (m.name for m in s_actors if m.kind == "organisation" and run.start <= m.start < next_start), ""
        )
        organisation = organisation or next(
            (
                m.name
                for m in s_actors
                if m.kind == "organisation"
                and previous_end <= m.start < run.start
                and len(text[m.end : run.start].split()) <= 1
            ),
            "",
        )
        sentence_text = text[s_start:s_end]
        event.place = place
        event.organisation = organisation
        event.object_phrase = _object_phrase(text, run.triggers[0][1], next_start)
        event.name_phrase = self._undated(
            _name_phrase(text, run.triggers[0][0], run.end, next_start), run.start, next_start
        )
        event.clause = _clause(text, run.end, s_end) if run.type.reporting and _SAYS_THAT.match(text, run.end) else ""
        event.summary = sentence_text if len(sentence_text) <= 180 else sentence_text[:177].rsplit(" ", 1)[0] + "…"


# Between a subject and its verb: "Makei disclosed", "Lukashenko has", "X, who met", "Putin’s statement".
_SUBJECT_LINK = re.compile(
    r"(?:’s|'s|’)?(?:\s*,\s*(?:who|which)\b)?(?:\s+[a-z][\w’'-]*){0,4}\s*$|(?:’s|'s|’)?\s+$|(?:’s|'s|’)$"
)
_AGENT = re.compile(r"[^.;]{0,140}?\b(?:of|from|by)\s")
_WITH_BEFORE = re.compile(r"\b(?:with|and)\s+$")
_TO_OR_IN = re.compile(r"\b(?:to|in|into)\s+$")


_SAID_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:[\w’'-]+\s+){0,1}(?:said|says|told|added|noted|stated|wrote|explained|argued)\b"
)
_SAID_AFTER_APPOSITION = re.compile(r"\s*,[^,;]{0,80},\s*(?:said|says|told|added)\b")
_ACCORDING_BEFORE = re.compile(r"\b(?:according\s+to|said|told)\s+$")


def _speakers(text: str, runs: list[Run], s_actors: list[ActorMention]) -> list[ActorMention]:
    """People who only report ("…, Yalowitz told The Daily Beast"): not participants."""
    out = []
    for m in s_actors:
        if m.kind != PERSON:
            continue
        tail = text[m.end : m.end + 120]
        if (
            _SAID_AFTER.match(tail)
            or _SAID_AFTER_APPOSITION.match(tail)
            or _ACCORDING_BEFORE.search(text, max(0, m.start - 16), m.start)
        ):
            out.append(m)
    return out


_SAYS_THAT = re.compile(r"\s+(?:that\b|[“\"])|:\s")
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they)\s+(?:[“\"‘']?[a-z][\w’'-]*[”\"’']?\s+){0,4}[“\"‘']?$", re.I)
