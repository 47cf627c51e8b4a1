"""What a slide is: its content, the build steps that reveal it, and the deck of them (no Qt).

A view paints a :class:`Slide` at a *step*: ``Slide.steps`` names what each press of "next"
adds. An episode slide builds as

``base`` (date, title, messenger, outlets, timeline) → ``quote`` → ``highlights`` (actors
and dates coloured in the quote) → ``counterpart`` → ``verdict`` (how the source assesses
it: an extract of the comparison's assessment row) → ``note`` (the reader's own notes on the
episode, from the Notes of issue 13, in large type where the timeline strip was),

leaving out the steps it has nothing for; a comparison slide reveals its diff ``markers``
after the rows; a motifs slide reveals the motifs ``new`` to one episode after the ones
that recur. :func:`desktop.core.present.deck.build_deck` makes the slides of a lesson.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.episodes.timeline import TimelineItem

BASE, QUOTE, HIGHLIGHTS, COUNTERPART, VERDICT = "base", "quote", "highlights", "counterpart", "verdict"
MARKERS, NEW = "markers", "new"
NOTE = "note"
#: How the reader's notes are introduced on a slide.
NOTE_LABEL = "Note"


@dataclass(frozen=True, slots=True)
class Chip:
    """A person or party, shown in its side's colour with the side's code."""

    name: str
    detail: str  # the role on the date, or how the text names the party
    side: str
    code: str


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a quote to highlight; offsets are in ``Quote.text``."""

    start: int
    end: int
    kind: str  # actor | demonym | date
    side: str = ""
    code: str = ""
    label: str = ""  # the actor's name or the date in words


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence (or clause) of a source, exactly as written, "…" where it was clipped."""

    text: str
    spans: tuple[Span, ...]
    article: str
    source: str  # "Belarus in focus · c. 5 November 2018"


@dataclass(frozen=True, slots=True)
class Strip:
    """A timeline strip: every episode, the slide's own highlighted, the lesson's marked."""

    items: tuple[TimelineItem, ...]
    current: frozenset[str]
    lesson: frozenset[str]


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    date_words: str


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    emphasis: tuple[str, ...] = ()  # words of the text that differ from the other cells
    empty: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    marker: str  # same | changed | partial | none, or all | some | one
    symbol: str
    word: str
    cells: tuple[Cell, ...]


@dataclass
class Slide:
    """One slide's content; ``steps`` name what each press of "next" reveals."""

    kind: str
    ref: str
    title: str
    notes: str = ""
    kicker: str = ""  # the small line above the title
    subtitle: str = ""
    year: str = ""  # the date in large type
    date_words: str = ""
    place: str = ""
    messengers: tuple[Chip, ...] = ()
    counterparts: tuple[Chip, ...] = ()
    quotes: tuple[Quote, ...] = ()
    verdict: Quote | None = None
    verdict_label: str = ""
    reader_note: str = ""  # the reader's notes on the episode, as plain lines (see ``NOTE``)
    outlets: tuple[str, ...] = ()
    strip: Strip | None = None
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    extras: tuple[tuple[str, str], ...] = ()  # (heading, text) lines under a table
    agenda: tuple[tuple[str, str], ...] = ()  # (year, label) on the title slide
    steps: tuple[str, ...] = (BASE,)

    def shows(self, part: str, step: int) -> bool:
        """Whether ``part`` is visible at build step ``step`` (0 = the slide as it opens)."""
        return part in self.steps[: max(0, step) + 1]

    def last_step(self) -> int:
        return len(self.steps) - 1

    def plain_text(self, step: int | None = None) -> str:
        """The words visible at ``step`` (the fully built slide by default), line by line."""
        step = self.last_step() if step is None else step
        lines = [self.kicker, self.title, self.subtitle, self.year, self.date_words, self.place]
        lines += self._people_lines(step)
        lines += self._quote_lines(step)
        lines += list(self.outlets)
        lines += [f"{year} {label}".strip() for year, label in self.agenda]
        lines += self._table_lines(step)
        return "\n".join(line for line in lines if line)

    def _people_lines(self, step: int) -> list[str]:
        lines = []
        if self.messengers:
            lines.append("Messenger: " + _chip_words(self.messengers))
        if self.counterparts and self.shows(COUNTERPART, step):
            lines.append("Counterpart: " + _chip_words(self.counterparts))
        return lines

    def _quote_lines(self, step: int) -> list[str]:
        lines = [f"{q.text} — {q.source}" for q in self.quotes] if self.shows(QUOTE, step) else []
        if self.verdict is not None and self.shows(VERDICT, step):
            lines.append(f"{self.verdict_label}: {self.verdict.text} — {self.verdict.source}")
        if self.reader_note and self.shows(NOTE, step):
            lines.append(f"{NOTE_LABEL}: " + self.reader_note.replace("\n", " / "))
        return lines

    def _table_lines(self, step: int) -> list[str]:
        lines = [" | ".join(c.label for c in self.columns)] if self.columns else []
        marked = self.shows(MARKERS, step)
        for row in self.rows:
            marker = f"{row.symbol} " if marked else ""
            lines.append(f"{marker}{row.label}: " + " | ".join(c.text for c in row.cells))
        if self.shows(NEW, step) or NEW not in self.steps:
            lines += [f"{head}: {text}" for head, text in self.extras]
        return lines


def _chip_words(chips: tuple[Chip, ...]) -> str:
    return ", ".join(f"{c.name} [{c.code}]" + (f" ({c.detail})" if c.detail else "") for c in chips)


@dataclass
class Deck:
    title: str
    slides: list[Slide] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.slides)

    def __getitem__(self, index: int) -> Slide:
        return self.slides[index]


def notes_html(markdown_text: str) -> str:
    """The teacher's notes (Markdown) as HTML for a rich-text view."""
    import markdown

    return markdown.markdown(markdown_text or "", extensions=["sane_lists", "smarty"])


__all__ = [
    "BASE",
    "COUNTERPART",
    "HIGHLIGHTS",
    "MARKERS",
    "NEW",
    "NOTE",
    "NOTE_LABEL",
    "QUOTE",
    "VERDICT",
    "Cell",
    "Chip",
    "Column",
    "Deck",
    "Quote",
    "Row",
    "Slide",
    "Span",
    "Strip",
    "notes_html",
]
