"""A short summary of a comparison, written from its facet table only.

A few sentences: what recurs in every episode (the terms a row shares), what changed (the
terms only some cells have, by episode), and who carried the message each time (the
parties of the first ``actors`` row). Each sentence names the cells it comes from, as
``(facet id, subject)`` pairs, and the source numbers of their extracts: nothing is said
that a cell of the table does not say.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.compare.records import CHANGED, NONE, PARTIAL, FacetCell, FacetRow, Subject, SummarySentence

#: How many rows the "what changed" part names (the first that differ, in table order).
CHANGED_ROWS = 3


def _citations(cells: Sequence[FacetCell], subjects: Sequence[Subject]) -> tuple[int, ...]:
    """The sources of the cells' extracts (a cell without extracts: its subject's sources)."""
    numbers: list[int] = []
    for cell in cells:
        numbers += [e.citation for e in cell.extracts if e.citation] or list(subjects[cell.subject].citations)
    return tuple(sorted(set(numbers)))


def _recurs(rows: Sequence[FacetRow], subjects: Sequence[Subject]) -> SummarySentence | None:
    """What every episode shares: the rows whose filled cells all have some term in common."""
    shared = [r for r in rows if r.kind != "when" and r.common and all(not c.empty for c in r.cells)]
    if not shared:
        return None
    parts = [f"{r.label}: {', '.join(t.label for t in r.common)}" for r in shared]
    cells = [c for r in shared for c in r.cells]
    count = "both" if len(subjects) == 2 else f"all {len(subjects)}"
    return SummarySentence(
        "recurs",
        f"In {count} episodes — {'; '.join(parts)}.",
        tuple((r.id, c.subject) for r in shared for c in r.cells),
        _citations(cells, subjects),
    )


def _own(cell: FacetCell) -> list[str]:
    return [t.label for t in cell.terms if t.key in cell.distinct]


def _changed(row: FacetRow, subjects: Sequence[Subject]) -> SummarySentence | None:
    """What one row has in some episodes only, episode by episode (and where it is not stated)."""
    cells = [c for c in row.cells if not c.empty and _own(c)]
    missing = [subjects[c.subject].label for c in row.cells if c.empty]
    if not cells and not missing:
        return None
    parts = [f"{subjects[c.subject].label}: {', '.join(_own(c))}" for c in cells]
    if missing:
        parts.append(f"not stated for {', '.join(missing)}")
    return SummarySentence(
        "changed",
        f"{row.label} changed — {'; '.join(parts)}.",
        tuple((row.id, c.subject) for c in [*cells, *(c for c in row.cells if c.empty)]),
        _citations(cells, subjects),
    )


def _written_out(labels: Sequence[str]) -> str:
    return ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else "".join(labels)


def _carried(rows: Sequence[FacetRow], subjects: Sequence[Subject]) -> SummarySentence | None:
    """Who carried the message each time: the parties of the first row of actors.

    Only the row's own parties (those on its sides, as the gazetteer gives them: Minsk's
    messengers), never the people the cell's summary says met them.
    """
    row = next((r for r in rows if r.kind == "actors" and r.marker != NONE), None)
    if row is None:
        return None
    cells = [c for c in row.cells if c.parties]
    if not cells:
        return None
    parts = [f"{subjects[c.subject].label}: {_written_out(c.parties)}" for c in cells]
    return SummarySentence(
        "carried",
        f"Who carried the message each time — {'; '.join(parts)}.",
        tuple((row.id, c.subject) for c in cells),
        _citations(cells, subjects),
    )


def summarise(rows: Sequence[FacetRow], subjects: Sequence[Subject]) -> tuple[SummarySentence, ...]:
    """The summary's sentences: what recurs, what changed (a few rows), who carried the message."""
    carrier = next((r.id for r in rows if r.kind == "actors" and r.marker != NONE), "")
    differing = [r for r in rows if r.marker in (CHANGED, PARTIAL) and r.kind != "when" and r.id != carrier]
    found = [_recurs(rows, subjects)]
    found += [s for s in (_changed(r, subjects) for r in differing) if s is not None][:CHANGED_ROWS]
    found.append(_carried(rows, subjects))
    return tuple(s for s in found if s is not None)


__all__ = ["CHANGED_ROWS", "summarise"]
