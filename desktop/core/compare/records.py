"""The records of a comparison: subjects, facet rows, cast, motifs, aligned sentences, citations.

Frozen dataclasses only, with the diff and presence markers they carry; :mod:`comparison` makes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.compare import alignment

# Diff markers of facet rows.
SAME, CHANGED, PARTIAL, NONE = "same", "changed", "partial", "none"
# Presence markers of cast and motif rows.
IN_ALL, IN_SOME, IN_ONE, NOWHERE = "all", "some", "one", "none"


@dataclass(frozen=True, slots=True)
class Term:
    """A key term of a cell: ``key`` is compared across cells, ``label`` is shown."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Hit:
    """A stretch of an extract that stands for a key term (a cue phrase, an actor's name)."""

    start: int  # offsets in the article text
    end: int
    key: str  # the Term key it stands for


@dataclass(frozen=True, slots=True)
class Extract:
    """A sentence or clause of a source, exactly as in the article text.

    ``text == analyses[article].text[start:end]``; ``sentence_start``/``sentence_end`` is
    the whole sentence it comes from (what a ``sentence:`` link opens). ``clipped_*`` say
    the extract was trimmed from a longer sentence (a view adds "…").
    """

    subject: int
    article: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    text: str
    citation: int
    evidence: str = ""  # "primary" | "context" | "" (another sentence of the article) | "aside"
    clipped_before: bool = False
    clipped_after: bool = False
    hits: tuple[Hit, ...] = ()
    about: str = ""  # an aside: the title of the other episode the sentence is evidence of
    see: str = ""  # shown in full in another row: that row's label (this one is a reference)

    @property
    def key(self) -> tuple[str, int]:
        """The sentence it comes from, as (article, sentence start)."""
        return self.article, self.sentence_start

    @property
    def sentence(self) -> tuple[int, int]:
        return self.sentence_start, self.sentence_end

    @property
    def href(self) -> str:
        return f"sentence:{self.article}:{self.sentence_start}:{self.sentence_end}"

    @property
    def cite_href(self) -> str:
        return f"cite:{self.citation}"


@dataclass(frozen=True, slots=True)
class FacetCell:
    """One subject's cell of a facet row."""

    subject: int
    summary: str = ""  # derived words (names and roles, dates, kinds of event); never free text
    terms: tuple[Term, ...] = ()
    extracts: tuple[Extract, ...] = ()
    distinct: tuple[str, ...] = ()  # term keys this cell has and not every filled cell has
    #: (``actors`` rows) the parties on the row's sides, with their role: "Makei (foreign minister)"
    parties: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.extracts and not self.summary


@dataclass(frozen=True, slots=True)
class FacetRow:
    id: str
    label: str
    description: str
    kind: str
    marker: str  # same | changed | partial | none
    cells: tuple[FacetCell, ...]
    common: tuple[Term, ...] = ()  # terms in every cell
    differing: tuple[Term, ...] = ()  # terms in some cells only (the ones to highlight)
    note: str = ""  # the marker in words: what differs, or where it is missing


@dataclass(frozen=True, slots=True)
class CastRow:
    actor: str  # actor id, or "unlinked:Name"
    name: str
    kind: str
    side: str
    role: str
    counts: tuple[int, ...]  # mentions in each group's pool
    outside: tuple[int, ...]  # mentions elsewhere in the group's source articles
    marker: str  # all | some | one

    @property
    def present(self) -> tuple[bool, ...]:
        return tuple(c > 0 or o > 0 for c, o in zip(self.counts, self.outside, strict=True))

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class MotifRow:
    id: str
    label: str
    description: str
    marker: str  # all | some | one | none
    cells: tuple[tuple[Extract, ...], ...]  # per subject, the carrying sentences

    @property
    def count(self) -> int:
        return sum(1 for c in self.cells if c)

    @property
    def recurs(self) -> bool:
        return self.count >= 2


@dataclass(frozen=True, slots=True)
class DiffToken:
    """A piece of an aligned sentence; offsets are relative to the sentence."""

    text: str
    kind: str  # equal | changed | inserted | deleted
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Similar sentences of different subjects, with a word diff against the base.

    ``members[s]`` is subject ``s``'s sentence or None. ``tokens[s]`` covers that sentence
    exactly; for the base (the first subject present) a token is ``changed``/``deleted``
    where some other member differs. When ``diffable`` is False the sentences share too
    little for a word diff and each member is one ``changed`` token (colour it whole).
    """

    index: int
    members: tuple[Extract | None, ...]
    base: int
    similarity: float
    ratio: float  # lowest word-diff ratio against the base
    diffable: bool
    tokens: tuple[tuple[DiffToken, ...] | None, ...]

    @property
    def changed(self) -> bool:
        if any(m is None for m in self.members):
            return True
        return any(t.kind != alignment.EQUAL for toks in self.tokens if toks for t in toks)


@dataclass(frozen=True, slots=True)
class UniqueSentence:
    """A substantive sentence of one subject that aligns with nothing in the others."""

    index: int
    extract: Extract
    reasons: tuple[str, ...]  # "evidence", "facet:offered", "motif:sanctions"
    shown_in: str = ""  # the label of the facet or motif row that shows it in full, if any


@dataclass(frozen=True, slots=True)
class Difference:
    """A stop for next/previous: ``kind`` facet | aligned | unique, ``index`` into that list."""

    kind: str
    index: int
    anchor: str  # "diff-N"
    label: str


@dataclass(frozen=True, slots=True)
class Citation:
    number: int
    article: str
    outlet: str
    title: str
    url: str
    published: str  # in words: "c. 5 November 2018", "date unknown"
    approximate: bool
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Subject:
    index: int
    label: str
    date_words: str
    titles: tuple[str, ...]
    episodes: tuple[str, ...]
    articles: tuple[str, ...]
    citations: tuple[int, ...]
    first: dt.date | None
    last: dt.date | None
    has_evidence: bool
    corrected: bool = False  # the reader edited an episode of it (renamed, re-dated, merged, …)
    evidence: tuple[int, ...] = ()  # evidence sentences of each of ``citations``, in that order


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the summary (:mod:`desktop.core.compare.summary`), the cells it is written
    from as ``(facet id, subject index)`` and the sources of their extracts."""

    kind: str  # recurs | changed | carried
    text: str
    cells: tuple[tuple[str, int], ...]
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    subjects: tuple[Subject, ...]
    facets: tuple[FacetRow, ...]
    cast: tuple[CastRow, ...]
    motifs: tuple[MotifRow, ...]
    aligned: tuple[AlignedGroup, ...]
    unique: tuple[UniqueSentence, ...]
    differences: tuple[Difference, ...]
    citations: tuple[Citation, ...]
    empty_text: str = "Not stated in the sources"
    side_words: Mapping[str, str] = field(default_factory=dict)
    summary: tuple[SummarySentence, ...] = ()

    def facet(self, facet_id: str) -> FacetRow | None:
        return next((r for r in self.facets if r.id == facet_id), None)

    def motif(self, motif_id: str) -> MotifRow | None:
        return next((r for r in self.motifs if r.id == motif_id), None)

    def citation(self, number: int) -> Citation | None:
        return next((c for c in self.citations if c.number == number), None)

    def difference_anchor(self, kind: str, index: int) -> str:
        """The ``diff-N`` anchor of a facet row, aligned group or unique sentence ("" if none)."""
        return next((d.anchor for d in self.differences if d.kind == kind and d.index == index), "")


def facet_marker(cells: Sequence[FacetCell]) -> str:
    """``none`` (all empty), ``partial`` (some empty), ``same`` (equal key terms), else ``changed``."""
    filled = [c for c in cells if not c.empty]
    if not filled:
        return NONE
    if len(filled) < len(cells):
        return PARTIAL
    keys = [frozenset(t.key for t in c.terms) for c in filled]
    return SAME if all(k == keys[0] for k in keys) else CHANGED


def presence_marker(present: Sequence[bool]) -> str:
    """``all``, ``some`` (two or more, not all), ``one`` or ``none``."""
    n = sum(1 for p in present if p)
    if n == 0:
        return NOWHERE
    if n == len(present):
        return IN_ALL
    return IN_ONE if n == 1 else IN_SOME


__all__ = [
    "CHANGED",
    "IN_ALL",
    "IN_ONE",
    "IN_SOME",
    "NONE",
    "NOWHERE",
    "PARTIAL",
    "SAME",
    "AlignedGroup",
    "CastRow",
    "Citation",
    "Comparison",
    "DiffToken",
    "Difference",
    "Extract",
    "FacetCell",
    "FacetRow",
    "Hit",
    "MotifRow",
    "Subject",
    "SummarySentence",
    "Term",
    "UniqueSentence",
    "facet_marker",
    "presence_marker",
]
