"""Addressees an event borrows from the one before it of its kind (pass 2).

A message whose sentence names its writer but no addressee, told within two sentences of a
message of its type to someone ("Putin congratulated Lukashenko on Monday … Xi Jinping sent a
congratulatory message the same day"), went to the same addressees.
"""

from __future__ import annotations

from desktop.core.episodes.event_records import Event

#: How many sentences back a like message may stand.
_MESSAGE_REACH = 2
#: The families whose events carry a message to someone.
_MESSAGES = ("letter",)


def _previous(events: list[Event], index: int, reach: int) -> list[Event]:
    """The events before ``index`` at most ``reach`` sentences back, nearest first."""
    here = events[index].sentence_index
    return [e for e in reversed(events[:index]) if here - e.sentence_index <= reach]


def borrow_addressees(events: list[Event]) -> None:
    """Messages without an addressee, after a like message to someone: to the same people."""
    for index, event in enumerate(events):
        if event.family not in _MESSAGES or not event.sources or event.targets:
            continue
        writers = {p.key for p in event.sources}
        like = next((e for e in _previous(events, index, _MESSAGE_REACH) if e.type == event.type and e.targets), None)
        if like is not None and not writers & {p.key for p in like.targets}:
            event.targets = [p for p in like.targets if p.key not in writers]
