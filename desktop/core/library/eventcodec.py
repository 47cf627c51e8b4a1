"""A compact, plain-data form of one article's events, kept in the analysis cache.

Extracting events is most of the cost of building episodes; an article whose analysis is cached
keeps its events beside it, so a library opened again groups events it already has. The form
is JSON (nothing read from the cache can run code): the participants of the article once, then
one row per event of its fields in the order of :class:`Event` (the field names are stored too:
a row written by another version of the record is not read, and the events are extracted again).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from sys import intern

from desktop.core.episodes.event_records import Event, Evidence, Participant

_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
_PEOPLE = frozenset({"sources", "targets", "deliverers"})
_DATES = frozenset({"first", "last"})
_SPANS = frozenset({"trigger_span", "sentence"})


class CodecError(ValueError):
    """The stored events are damaged or of another form: extract them again."""


def encode_events(article_id: str, events: Sequence[Event]) -> str:
    """The events of one article (all of ``article_id``) as a JSON string."""
    people: dict[Participant, int] = {}

    def person(p: Participant) -> int:
        return people.setdefault(p, len(people))

    rows = []
    for event in events:
        if event.article != article_id:
            raise CodecError(f"event {event.id} is of {event.article}, not {article_id}")
        row = []
        for name in _FIELDS:
            value = getattr(event, name)
            if name in _PEOPLE:
                value = [person(p) for p in value]
            elif name in _DATES:
                value = value.toordinal() if value is not None else None
            elif name == "evidence":
                value = [_evidence(ev, article_id) for ev in value]
            elif name == "article":
                value = None  # the article's own id, given when read
            row.append(value)
        rows.append(row)
    data = {"f": _FIELDS, "p": [dataclasses.astuple(p) for p in people], "e": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _evidence(ev: Evidence, article_id: str) -> list:
    if ev.article != article_id:
        raise CodecError(f"evidence of {ev.article} in an event of {article_id}")
    return [ev.start, ev.end, ev.primary]


def decode_events(article_id: str, data: str | bytes) -> list[Event]:
    """The events stored by :func:`encode_events`; :class:`CodecError` when they cannot be used."""
    try:
        parts = json.loads(data)
        if tuple(parts["f"]) != _FIELDS:
            raise CodecError("the events were stored by another version")
        people = [Participant(*(intern(str(v)) for v in row)) for row in parts["p"]]
        return [_event(article_id, row, people) for row in parts["e"]]
    except (KeyError, TypeError, IndexError, ValueError) as exc:
        raise CodecError(str(exc)) from exc


_AT = {name: i for i, name in enumerate(_FIELDS)}
_PEOPLE_AT = tuple(_AT[name] for name in _FIELDS if name in _PEOPLE)
_DATES_AT = tuple(_AT[name] for name in _FIELDS if name in _DATES)
_SPANS_AT = tuple(_AT[name] for name in _FIELDS if name in _SPANS)
_EVIDENCE_AT, _ARTICLE_AT = _AT["evidence"], _AT["article"]
_from_ordinal = dt.date.fromordinal


def _event(article_id: str, row: list, people: list[Participant]) -> Event:
    """One event from its row: only the fields that are no plain JSON value are converted (by
    position, in the order of :class:`Event`), a few per event, so a library's events read fast."""
    if len(row) != len(_FIELDS):
        raise CodecError("an event of another form")
    for i, value in enumerate(row):
        if type(value) is str:  # types, families, triggers and words repeat across a library: shared
            row[i] = intern(value)
    for i in _PEOPLE_AT:
        row[i] = [people[j] for j in row[i]]
    for i in _DATES_AT:
        if row[i] is not None:
            row[i] = _from_ordinal(row[i])
    for i in _SPANS_AT:
        row[i] = (row[i][0], row[i][1])
    row[_EVIDENCE_AT] = [Evidence(article_id, s, e, p) for s, e, p in row[_EVIDENCE_AT]]
    row[_ARTICLE_AT] = article_id
    return Event(*row)
