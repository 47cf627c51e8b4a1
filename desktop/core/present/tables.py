"""The table slides: a comparison's facet rows and the recurring motifs, one column per episode.

Both are made from a :class:`~desktop.core.compare.comparison.Comparison`; their markers
(same, changed, … or all, some, one) are revealed at a later step.
"""

from __future__ import annotations

from desktop.core.present.lessons import LessonSlide
from desktop.core.present.slides import BASE, MARKERS, NEW, Cell, Column, Row, Slide

MAX_TERMS = 3


def _columns(comparison) -> tuple[Column, ...]:
    return tuple(Column(s.label, s.date_words) for s in comparison.subjects)


def _facet_cell(cell, empty_text: str) -> Cell:
    """A comparison cell: its terms, the shared first, the ones only it has marked."""
    if cell.empty or not cell.terms:
        return Cell(cell.summary or empty_text, empty=not cell.summary)
    distinct = {t.label for t in cell.terms if t.key in cell.distinct}
    # What the cell shares with the others first: the differences are what gets marked.
    labels = sorted(dict.fromkeys(t.label for t in cell.terms), key=lambda label: label in distinct)
    shown = labels[:MAX_TERMS]
    more = f" +{len(labels) - len(shown)} more" if len(labels) > len(shown) else ""
    return Cell(", ".join(shown) + more, tuple(x for x in shown if x in distinct))


def comparison_slide(slide: LessonSlide, comparison) -> Slide:
    from desktop.core.compare.html import FACET_MARKERS

    rows = []
    for row in comparison.facets:
        if row.kind == "when":
            continue  # the dates head the columns
        cells = tuple(_facet_cell(cell, comparison.empty_text) for cell in row.cells)
        symbol, word = FACET_MARKERS.get(row.marker, ("", row.marker))
        rows.append(Row(row.label, row.marker, symbol, word, cells))
    n = len(comparison.subjects)
    return Slide(
        kind="comparison",
        ref=slide.ref,
        title="Side by side",
        notes=slide.notes,
        kicker="Comparison",
        subtitle=f"{n} episodes, {len(rows)} questions: what changed, what stayed the same?",
        columns=_columns(comparison),
        rows=tuple(rows),
        steps=(BASE, MARKERS),
    )


def motifs_slide(slide: LessonSlide, comparison) -> Slide:
    from desktop.core.compare.html import PRESENCE_MARKERS

    recurring = sorted((m for m in comparison.motifs if m.recurs), key=lambda m: (-m.count, m.label))
    rows = []
    for motif in recurring:
        cells = tuple(
            Cell(f"{len(c)} sentence{'s' if len(c) != 1 else ''}" if c else "—", empty=not c) for c in motif.cells
        )
        symbol, word = PRESENCE_MARKERS.get(motif.marker, ("", motif.marker))
        rows.append(Row(motif.label, motif.marker, symbol, word, cells))
    extras = []
    for index, subject in enumerate(comparison.subjects):
        only = [m.label for m in comparison.motifs if m.count == 1 and m.cells[index]]
        if only:
            extras.append((f"Only in {subject.label}", " · ".join(only)))
    steps = (BASE, NEW) if extras else (BASE,)
    return Slide(
        kind="motifs",
        ref=slide.ref,
        title="Recurring motifs",
        notes=slide.notes,
        kicker="Motifs",
        subtitle="What the sources say again and again — and what is new",
        columns=_columns(comparison),
        rows=tuple(rows),
        extras=tuple(extras),
        steps=steps,
    )


__all__ = ["MAX_TERMS", "comparison_slide", "motifs_slide"]
