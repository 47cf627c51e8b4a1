"""A document and its stages: a letter "dated April 6" and its publication on the 19th.

The letter told of in a sentence ("published a letter from X to Y") takes the date the
document bears when the next sentences give it ("The letter, dated April 6, …"); its
publication is a second event of the same episode (a *stage*, ``stage: true`` in events.yaml):
the episode runs from the letter's date to its publication.
"""

from __future__ import annotations

import re
from functools import cache

from desktop.core.episodes.event_records import Event, copy_date
from desktop.core.episodes.event_runs import Run

#: Sentences after a document's mention within which the date it bears is looked for.
_DATED_REACH = 3


@cache
def dated_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})\s+$" if body else r"(?!)", re.IGNORECASE)


def bears_date(text: str, run: Run, cues: tuple[str, ...]) -> bool:
    """Is the run's first date the one a document bears ("dated April 6")?"""
    if not run.dates or not cues:
        return False
    d = run.dates[0]
    return bool(dated_pattern(cues).search(text, max(0, d.start - 16), d.start))


def is_stage(runs: dict[str, Run], event: Event) -> bool:
    return runs[event.id].type.stage


def date_borne_later(event: Event, index: int, context) -> bool:
    """An undated document takes the date a document of its family bears in the next sentences."""
    if is_stage(context.runs, event):
        return False
    for later in context.events[index + 1 :]:
        if later.sentence_index - event.sentence_index > _DATED_REACH:
            break
        run = context.runs[later.id]
        if later.family == event.family and not run.type.stage and bears_date(context.text, run, context.dated):
            copy_date(event, later, "dated")
            later.link = later.link or event.id
            return True
    return False


def link_stages(events: list[Event], runs: dict[str, Run]) -> None:
    """A stage (a publication) joins the document of its family in its sentence, or the one just before."""
    for index, event in enumerate(events):
        if event.link or not is_stage(runs, event):
            continue
        candidates = [
            e
            for e in events[max(0, index - 6) : index + 3]
            if e.family == event.family
            and not is_stage(runs, e)
            and (
                e.sentence == event.sentence
                or (e.sentence < event.sentence and event.sentence_index - e.sentence_index <= _DATED_REACH)
            )
        ]
        same = [e for e in candidates if e.sentence == event.sentence]
        target = (same or candidates[-1:] or [None])[0]
        if target is not None:
            event.link = target.id
            event.anaphoric = True  # about the document already told of, not a new happening
            event.stage = True  # merging keeps this link although the dates differ
