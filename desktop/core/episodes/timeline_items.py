"""Episodes as timeline items: one row per kind of messenger, coloured by the counterpart's side."""

from __future__ import annotations

from desktop.core.episodes.grouping import EpisodeSet
from desktop.core.episodes.messengers import messenger_kind, messenger_kinds
from desktop.core.episodes.timeline import TimelineItem


def timeline_items(episode_set: EpisodeSet, gazetteer) -> tuple[list[TimelineItem], list[tuple[str, str]]]:
    side, kinds = messenger_kinds()
    items = []
    for e in episode_set.episodes:
        # Colour by the other party: the first participant not of the followed side.
        other = next((p.side for p in e.participants if p.side != side and p.kind == "person"), None)
        other = other or next((p.side for p in e.participants if p.side != side), side)
        items.append(
            TimelineItem(
                id=e.id,
                title=e.title,
                first=e.first,
                last=e.last,
                row=messenger_kind(e, gazetteer),
                side=other,
                summary=e.summary,
                date_words=e.date_words(),
                sources=len(e.articles),
                named_label=e.named_label,
                planned=e.planned,
            )
        )
    used = {i.row for i in items}
    rows = [(k.id, k.label) for k in kinds if k.id in used]
    return items, rows
