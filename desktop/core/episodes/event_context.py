"""What the words around a trigger or a date say about an event (rules read from events.yaml).

- A *background* date ("since 2009", "until 2020", "every February") never dates an event.
- A trigger in a *habitual* frame ("have been held since", "has met … every year") in a
  sentence whose only dates are background makes no event.
- A trigger with *needs* counts only with its context words near it ("exchange" is a prisoner
  exchange only with prisoner words; "released" needs a person or prisoner words).
- A planned event or an invitation given only a month looks forward from the publication
  date ("a conference in October" in a June article is the coming October).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from functools import cache

from desktop.core.annotate import timex
from desktop.core.annotate.date_lexicon import WEEKDAYS
from desktop.core.annotate.records import ActorMention, DateMention
from desktop.core.episodes.event_lexicon import EventLexicon, EventType, Need
from desktop.core.episodes.event_records import PERSON, Match

#: Characters before a date looked at for a background cue ("ever since the", "held every").
_BACKGROUND_REACH = 48
_WORD = re.compile(r"[\w’'-]+")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _alternation(cues: tuple[str, ...]) -> str:
    return "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True))


@cache
def _background_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """A cue, then at most four words of the same phrase ("since his disputed re-election in August")."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(cues)})\s+(?:[\w’'-]+\s+){{0,4}}$", re.IGNORECASE)


def is_background(text: str, d: DateMention, cues: tuple[str, ...]) -> bool:
    """A period or habit a date is part of, not when something happened: "since 2009", "every July"."""
    if d.type in ("SET", "DURATION"):
        return True
    if not cues:
        return False
    return bool(_background_pattern(cues).search(text, max(0, d.start - _BACKGROUND_REACH), d.start))


@cache
def _habitual_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(cues)})(?![\w-])", re.IGNORECASE)


#: How far from its trigger a habitual frame stands ("meetings have been held", "has met").
_FRAME_REACH = 30
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:who|which|that|when)\b")


def is_habitual(lex: EventLexicon, text: str, sentence: tuple[int, int], trigger: tuple[int, int]) -> bool:
    """A habitual or perfect frame of the trigger, in its clause ("have been held", "has met")."""
    if not lex.habitual:
        return False
    lo, hi = max(sentence[0], trigger[0] - _FRAME_REACH), min(sentence[1], trigger[1] + _FRAME_REACH)
    for cue in _habitual_pattern(lex.habitual).finditer(text, lo, hi):
        between = text[cue.end() : trigger[0]] if cue.end() <= trigger[0] else text[trigger[1] : cue.start()]
        if not _CLAUSE_BREAK.search(between):
            return True
    return False


def _word_window(text: str, m: Match, within: int, start: int) -> tuple[int, int]:
    """Offsets ``within`` words before and after a trigger, not before the sentence's start."""
    before = [w.start() for w in _WORD.finditer(text, max(start, m.start - 12 * within), m.start)]
    lo = before[-within] if len(before) >= within else (before[0] if before else m.start)
    after = [w.end() for w in _WORD.finditer(text, m.end, m.end + 12 * within)]
    hi = after[within - 1] if len(after) >= within else (after[-1] if after else m.end)
    return lo, hi


def _need_met(need: Need, text: str, m: Match, start: int, names: list[ActorMention]) -> bool:
    lo, hi = _word_window(text, m, need.within, start)
    if need.unless is not None and need.unless.search(text, lo, hi):
        return False
    if need.words is None and not need.person:
        return True
    if need.words is not None and (need.words.search(text[lo : m.start]) or need.words.search(text[m.end : hi])):
        return True
    # a person's mention reaching into the window counts ("President … Lukashenko on Thursday received")
    return need.person and any(n.kind == PERSON and n.start < hi and lo < n.end for n in names)


def context_ok(event_type: EventType, text: str, m: Match, start: int, names: list[ActorMention]) -> bool:
    """Does a trigger have the context its type needs for it (if any)?"""
    key = " ".join(m.text.lower().split())
    return all(_need_met(need, text, m, start, names) for need in event_type.needs if key in need.triggers)


def forward_value(value: str, published: dt.date | None) -> str:
    """A month-only value before the publication month, moved to the next such month after it."""
    match = _MONTH.match(value)
    if not match or published is None:
        return value
    year, month = int(match.group(1)), int(match.group(2))
    if (year, month) >= (published.year, published.month):
        return value
    year = published.year if month >= published.month else published.year + 1
    return f"{year:04d}-{month:02d}"


def after_publication(d: DateMention, published: dt.date | None) -> bool:
    """A date wholly after the publication: it cannot date what the article reports as done."""
    bounds = timex.bounds(d.value)
    return published is not None and bounds is not None and bounds[0] > published


_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(T[A-Z]{2})?$")


def past_weekday(d: DateMention, published: dt.date | None) -> DateMention:
    """A weekday named for what is done ("Lavrov, who arrived in Minsk on Wednesday") but read as
    the coming one is the last such day up to the publication: a week earlier."""
    words = d.text.lower().split()
    match = _DAY.match(d.value)
    if published is None or not match or not words or words[0] not in WEEKDAYS or not after_publication(d, published):
        return d
    day = dt.date.fromisoformat(match.group(1)) - dt.timedelta(days=7)
    if day > published:
        return d
    return dataclasses.replace(d, value=day.isoformat() + (match.group(2) or ""))


def earlier_year(d: DateMention, published: dt.date | None) -> bool:
    """A bare year before the publication's ("when X visited Minsk in 2019"): a reference to the
    past, not an event the article reports; the year before told relative to the publication
    ("late last year") belongs to the article's own narrative ("four years ago" does not)."""
    return (
        published is not None
        and timex.granularity(d.value) == "year"
        and d.value[:4] < f"{published.year:04d}"
        and (re.search(r"\d{4}", d.text) is not None or d.value[:4] < f"{published.year - 1:04d}")
    )


#: "since December, when X demanded …": the date starts a period and dates the when-clause.
_WHEN_AFTER = re.compile(r",?\s+when\b")
_JOINED = re.compile(r"\s*(?:of|,)?\s*")


@cache
def _deadline_pattern(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile(rf"(?<![\w-])(?:{_alternation(cues)})\s+$", re.IGNORECASE) if cues else None


def is_deadline(text: str, d: DateMention, cues: tuple[str, ...]) -> bool:
    """A limit right before a date ("by Friday", "by the end of the month"): what is to be done by
    then, never when anything was said or done."""
    pattern = _deadline_pattern(cues)
    return pattern is not None and pattern.search(text, max(0, d.start - _BACKGROUND_REACH), d.start) is not None


def background_dates(
    text: str, dates: list[DateMention], cues: tuple[str, ...], deadlines: tuple[str, ...] = ()
) -> list[DateMention]:
    """The background dates of an article; a date joined to one ("August of last year") is too,
    and one followed by a when-clause ("since December, when …") is not; so are deadlines."""
    out: list[DateMention] = []
    for d in dates:
        joined = bool(out) and _JOINED.fullmatch(text, out[-1].end, d.start) is not None
        period = (joined or is_background(text, d, cues)) and not _WHEN_AFTER.match(text, d.end)
        if period or is_deadline(text, d, deadlines):
            out.append(d)
    return out


@cache
def _adjectival_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(cues)})\s+$", re.IGNORECASE)


def is_adjectival(lex: EventLexicon, text: str, m: Match) -> bool:
    """A participle used as an adjective: "the freed prisoners", "the newly appointed minister"."""
    if not lex.adjectival or not m.text.lower().endswith("ed") or " " in m.text:
        return False
    follows_noun = re.match(r"\s+[A-Za-z][\w’'-]*", text[m.end : m.end + 30])  # "newly appointed Prime Minister"
    if not follows_noun or follows_noun.group().strip() in ("by", "to", "in", "on", "at", "from", "with", "for", "and"):
        return False
    return bool(_adjectival_pattern(lex.adjectival).search(text, max(0, m.start - 20), m.start))


@cache
def _generic_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternation(cues)})\s+(?:[\w’'-]+\s+)?$", re.IGNORECASE)


def is_generic(lex: EventLexicon, text: str, start: int) -> bool:
    """A quantified plural ("many official visits", "several meetings"): a kind of event, not one."""
    return bool(lex.generic) and bool(_generic_pattern(lex.generic).search(text, max(0, start - 30), start))
