"""Episode titles: filled from the templates of the main event's type, plus a second substantive phrase."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.episodes.event_lexicon import EventLexicon
from desktop.core.episodes.event_records import Event, Participant
from desktop.core.text.clip import whole_words


def _names(people: Sequence[Participant], limit: int = 2) -> str:
    names = [p.short for p in people]
    if not names:
        return ""
    if len(names) > limit:
        names = [*names[:limit], "others"]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _fill(templates: Sequence[str], slots: dict[str, str]) -> str:
    for template in templates:
        needed = re.findall(r"{(\w+)}", template)
        if all(slots.get(k) for k in needed):
            return template.format(**{k: slots[k] for k in needed})
    return ""


SUBSTANTIVE = ("contact", "letter", "conference", "prisoners", "pressure")


def rank_events(events: list[Event]) -> list[Event]:
    """Events by how well they stand for the episode: fresh, done (not only planned), substantive,
    with an actor."""
    return sorted(
        [e for e in events if not e.reporting] or events,
        key=lambda e: (e.anaphoric, e.planned, -e.priority, not e.sources, -e.confidence),
    )


def _slots(main: Event, fresh: list[Event], sources, targets, place) -> dict[str, str]:
    main_keys = {p.key for p in main.participants}
    return {
        "source": _names(sources[:1]),
        "targets": _names([t for t in targets if t.key in main_keys]) or _names(targets),
        "object": main.object_phrase,
        "place": place or "",
        "organisation": main.organisation or next((e.organisation for e in fresh if e.organisation), ""),
        "name": main.name_phrase[:1].upper() + main.name_phrase[1:] if main.name_phrase else "",
        "clause": main.clause,
    }


def _second(main: Event, fresh: list[Event]) -> Event | None:
    """Another substantive event of the episode, of another type than the main one."""
    return next((e for e in fresh if e.type != main.type and e.family in SUBSTANTIVE and not e.reporting), None)


def _with_second(title: str, second: Event | None, slots: dict[str, str], lexicon: EventLexicon) -> str:
    """A second substantive family adds its verb phrase: "…; meets Lukashenko and Makei"."""
    source = slots["source"]
    if second is None or not source or (second.family == "conference" and slots["organisation"] in title):
        return title
    others = [t for t in second.targets if t.short != source]  # "Lukashenko visits …; meets Lukashenko": no
    name = second.name_phrase[:1].upper() + second.name_phrase[1:] if second.name_phrase else ""
    extra = _fill(
        lexicon.types[second.type].titles,
        {**slots, "targets": _names(others) or second.object_phrase, "name": name, "object": second.object_phrase},
    )
    if extra.startswith(source + " ") and title.startswith(source):
        extra = extra[len(source) + 1 :]
    if extra and extra.lower() not in title.lower():
        return f"{title}; {extra}"
    return title


def episode_title(events: list[Event], lexicon: EventLexicon, sources, targets, place) -> str:
    ranked = rank_events(events)
    main = ranked[0]
    main_type = lexicon.types[main.type]
    fresh = [e for e in ranked if not e.anaphoric]
    slots = _slots(main, fresh, sources, targets, place)
    title = _fill(main_type.titles, slots) or f"{main_type.label}: {whole_words(main.summary, 60)}"
    title = _with_second(title, _second(main, fresh), slots, lexicon)
    return title[:1].upper() + title[1:]
