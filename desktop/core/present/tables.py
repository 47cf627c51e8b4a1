"""The table slides: a comparison's facet rows and the recurring motifs, one column per episode.

Both are made from a :class:`~desktop.core.compare.comparison.Comparison`; their markers
(same, changed, … or all, some, one) are revealed at a later step.
"""

from __future__ import annotations

from desktop.core.present.lessons import LessonSlide
from desktop.core.present.slides import BASE, MARKERS, NEW, Cell, Column, Row, Slide

#: A coverage cell names this many items, then "and N others: …" names the rest.
MAX_TERMS = 3


def written_out(labels: list[str]) -> str:
    """Every label, as a reader would write them: "a", "a and b", "a, b and c" (nothing hidden)."""
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def and_others(labels: list[str], shown: int, sep: str = ", ") -> str:
    """The first ``shown`` labels, then "and N others: …" with the rest written out."""
    if len(labels) <= shown + 1:
        return written_out(labels)
    rest = labels[shown:]
    return sep.join(labels[:shown]) + f"{sep}and {len(rest)} others: " + written_out(rest)


def _columns(comparison) -> tuple[Column, ...]:
    return tuple(Column(s.label, s.date_words) for s in comparison.subjects)


def _facet_cell(cell, empty_text: str) -> Cell:
    """A comparison cell: all its terms written out, the shared first, the ones only it has marked."""
    if cell.empty or not cell.terms:
        return Cell(cell.summary or empty_text, empty=not cell.summary)
    distinct = {t.label for t in cell.terms if t.key in cell.distinct}
    # What the cell shares with the others first: the differences are what gets marked.
    labels = sorted(dict.fromkeys(t.label for t in cell.terms), key=lambda label: label in distinct)
    return Cell(written_out(labels), tuple(x for x in labels if x in distinct))


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


#: What a coverage slide shows: the most widely named actors, a word group, quotes, what is left out.
COVERAGE_NAMES, COVERAGE_WORDS, COVERAGE_OUTLET = 2, 1, 28


def _short(text: str, limit: int) -> str:
    """``text`` cut at a word before ``limit`` characters, with "…" (a column head in large type)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _coverage_cell(row, cell, shared: frozenset[str]) -> Cell:
    from desktop.core.compare.coverage import LEAVES_OUT

    if not cell.items:
        return Cell("nothing left out" if row.kind == LEAVES_OUT else "not stated", empty=True)
    labels = list(dict.fromkeys(i.label for i in cell.items))
    text = and_others(labels, MAX_TERMS, " · ")
    distinct = {i.label for i in cell.items if i.key not in shared} if row.kind != LEAVES_OUT else set()
    return Cell(text, tuple(x for x in labels if x in distinct))


def _coverage_rows(coverage) -> list:
    from desktop.core.compare import coverage as cov

    names = [r for r in coverage.rows_of(cov.NAMES) if r.differs][:COVERAGE_NAMES]
    words = [r for r in coverage.rows_of(cov.WORDS) if any(c.items for c in r.cells)][:COVERAGE_WORDS]
    chosen = [*names, *words, *coverage.rows_of(cov.QUOTES), *coverage.rows_of(cov.LEAVES_OUT)]
    return [r for r in chosen if any(c.items for c in r.cells)]


def coverage_slide(slide: LessonSlide, coverage) -> Slide:
    """One episode as its sources tell it: a column per source (outlet, kind, date), a few rows."""
    from desktop.core.compare.coverage import NAMES

    rows = []
    for row in _coverage_rows(coverage):
        filled = [c.keys for c in row.cells if c.items]
        shared = frozenset.intersection(*filled) if len(filled) == len(row.cells) else frozenset()
        marker, symbol, word = ("changed", "≠", "differs") if row.differs else ("same", "=", "same in all")
        label = f"Names for {row.label}" if row.kind == NAMES else row.label
        rows.append(Row(label, marker, symbol, word, tuple(_coverage_cell(row, c, shared) for c in row.cells)))
    columns = tuple(Column(_short(c.outlet, COVERAGE_OUTLET), f"{c.kind} · {c.published}") for c in coverage.columns)
    return Slide(
        kind="coverage",
        ref=slide.ref,
        title=coverage.title,
        notes=slide.notes,
        kicker="Coverage",
        subtitle=f"One episode, {len(columns)} sources: who names whom, in what words — and what each leaves out",
        columns=columns,
        rows=tuple(rows),
        steps=(BASE, MARKERS),
    )


__all__ = ["MAX_TERMS", "and_others", "comparison_slide", "coverage_slide", "motifs_slide", "written_out"]
