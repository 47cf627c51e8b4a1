"""Coverage of one episode: how each of its sources tells it, side by side.

:func:`coverage` takes an :class:`~desktop.core.episodes.grouping.Episode` with two or more
source articles (``episode.articles``) and the analyses of those articles, and returns a
frozen :class:`Coverage` (``None`` for an episode with fewer than two analysed sources):

* ``columns`` — one :class:`Column` per source, in the episode's order: article id, title,
  outlet ("Outlet unknown" when not stated), its ``kind`` (:mod:`desktop.core.compare.outlets`:
  state media, official, independent, exiled, foreign press, think tank, or unknown), date;
* ``rows`` — :class:`Row` records, each with one :class:`Cell` per column (``cells[i]`` is
  column ``i``); a cell holds :class:`Item` records whose ``key`` is what is compared across
  columns and whose ``spans`` are offsets in that column's article text. Row kinds, in order:

  - ``happened`` (one row): the source's event sentences for the episode; an item per sentence,
    ``key`` the event types ("meeting+visit"), ``label`` their labels, ``text`` the sentence;
  - ``names`` (a row per canonical actor, id ``names:<actor id>``): the words the source uses
    for that actor ("Lukashenka", "Mr. Lukashenko", "the President of Belarus"); an item per
    surface form, with its count (demonyms such as "American" are not names);
  - ``words`` (a row per designation group of ``corpus/lexicons/coverage.yaml``, id
    ``words:<group id>``): "regime" against "authorities" against "government", epithets; an
    item per term used, ``label`` the forms found;
  - ``quotes`` (one row): whom the source quotes or reports (sentences with a reporting verb:
    the event lexicon's reporting types plus the coverage lexicon's; the speaker is the person
    or organisation named nearest the verb, after it for "according to"); an item per speaker
    (``key`` an actor id, ``unlinked:Name`` or ``unnamed``), ``detail`` the verbs (and
    :data:`QUOTED` when the sentence has quotation marks);
  - ``dates`` (one row): the dates it gives; an item per TIMEX3 value, ``label`` the words (the
    page's stamps and bylines, "Updated 3 hours ago", are no dates it gives: :mod:`page_stamps`);
  - ``leaves-out`` (one row): what other sources of the episode state and this one does not:
    facts (``key`` ``event:<type>``, events of the episode by type) and actors (``key``
    ``actor:<id>``), ``by`` the columns that do state them.

  Names, words, quotes and dates are read from the whole article (how the source tells it);
  what happened and the facts of ``leaves-out`` from the episode's events in it.
* ``aligned`` — the sources' evidence sentences aligned across columns with word diffs, the
  :class:`~desktop.core.compare.records.AlignedGroup` of the comparison (``members[i]`` is
  column ``i``'s sentence or None; ``subject`` of an extract is the column index).

:func:`coverage_json` is the ``coverage`` object of ``analyze --json`` (same shape, offsets only).
Pure Python; every word compared comes from ``corpus/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention
from desktop.core.compare.aligned import aligned_groups
from desktop.core.compare.coverage_lexicon import CoverageLexicon, load_coverage_lexicon
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.outlets import Outlets, load_outlets
from desktop.core.compare.page_stamps import is_page_stamp
from desktop.core.compare.pools import CONTEXT, PRIMARY, ArticleTexts, PoolSentence
from desktop.core.compare.records import AlignedGroup
from desktop.core.episodes.event_lexicon import EventLexicon, load_event_lexicon
from desktop.core.episodes.grouping import Episode
from desktop.core.text.articles import format_published

HAPPENED, NAMES, WORDS, QUOTES, DATES, LEAVES_OUT = "happened", "names", "words", "quotes", "dates", "leaves-out"
MIN_SOURCES = 2
UNNAMED = "unnamed"
QUOTED = "in quotation marks"  # in an item's detail: the source quotes the speaker's words
_SPEAKERS = ("person", "organisation")
_QUOTE_MARKS = '"“”«»„'

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Column:
    """One source of the episode."""

    index: int
    article: str
    title: str
    outlet: str
    kind: str
    date: dt.date | None
    published: str  # the date in words ("12 September 2025", "c. …", "date unknown")
    url: str


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a source says: ``key`` is compared across columns, ``label`` is shown."""

    key: str
    label: str
    count: int = 1
    spans: tuple[Span, ...] = ()  # offsets in the column's article text
    text: str = ""  # the sentence (happened, quotes)
    detail: str = ""  # type labels, reporting verbs, a date value
    by: tuple[int, ...] = ()  # leaves-out: the columns that state it


@dataclass(frozen=True, slots=True)
class Cell:
    column: int
    items: tuple[Item, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(i.key for i in self.items)


@dataclass(frozen=True, slots=True)
class Row:
    id: str
    kind: str  # HAPPENED | NAMES | WORDS | QUOTES | DATES | LEAVES_OUT
    label: str
    cells: tuple[Cell, ...]

    @property
    def differs(self) -> bool:
        """The columns do not all have the same keys (an empty cell counts)."""
        return len({c.keys for c in self.cells}) > 1


@dataclass(frozen=True)
class Coverage:
    episode: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    aligned: tuple[AlignedGroup, ...] = ()

    def row(self, row_id: str) -> Row | None:
        return next((r for r in self.rows if r.id == row_id), None)

    def rows_of(self, kind: str) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == kind)


# --------------------------------------------------------------------------- building


def _columns(sources: Sequence[ArticleAnalysis], outlets: Outlets) -> tuple[Column, ...]:
    columns = []
    for index, analysis in enumerate(sources):
        a = analysis.article
        columns.append(
            Column(
                index=index,
                article=a.id,
                title=a.title,
                outlet=a.outlet or "Outlet unknown",
                kind=outlets.kind_of(a),
                date=a.published,
                published=format_published(a),
                url=a.url or "",
            )
        )
    return tuple(columns)


def _happened(episode: Episode, analysis: ArticleAnalysis, lexicon: EventLexicon) -> tuple[Item, ...]:
    by_sentence: dict[Span, list[str]] = {}
    for event in episode.events:
        if event.article == analysis.article.id:
            types = by_sentence.setdefault(tuple(event.sentence), [])
            if event.type not in types:
                types.append(event.type)
    items = []
    for (start, end), types in sorted(by_sentence.items()):
        types = sorted(types)
        labels = ", ".join(lexicon.types[t].label if t in lexicon.types else t for t in types)
        text = analysis.text[start:end]
        items.append(Item("+".join(types), labels, 1, ((start, end),), text, labels))
    return tuple(items)


def _named(analysis: ArticleAnalysis) -> list[ActorMention]:
    return [m for m in analysis.actors if m.actor and m.via != VIA_DEMONYM]


def _name_rows(sources: Sequence[ArticleAnalysis]) -> tuple[Row, ...]:
    """A row per canonical actor: the surface forms each source uses, most widely named first."""
    forms: dict[str, list[dict[str, list[Span]]]] = {}
    names: dict[str, tuple[str, str]] = {}
    for column, analysis in enumerate(sources):
        for m in _named(analysis):
            per_column = forms.setdefault(m.actor, [{} for _ in sources])
            per_column[column].setdefault(" ".join(m.text.split()), []).append((m.start, m.end))
            names.setdefault(m.actor, (m.name or m.actor, m.kind))

    def order(actor: str) -> tuple[int, int, int]:
        cols = forms[actor]
        return (-sum(1 for c in cols if c), names[actor][1] != "person", -sum(len(s) for c in cols for s in c.values()))

    rows = []
    for actor in sorted(forms, key=order):
        cells = tuple(
            Cell(i, tuple(Item(form, form, len(spans), tuple(spans)) for form, spans in per.items()))
            for i, per in enumerate(forms[actor])
        )
        rows.append(Row(f"{NAMES}:{actor}", NAMES, names[actor][0], cells))
    return tuple(rows)


def _word_rows(sources: Sequence[ArticleAnalysis], lexicon: CoverageLexicon) -> tuple[Row, ...]:
    rows = []
    for group in lexicon.designations:
        cells = []
        for column, analysis in enumerate(sources):
            found: dict[str, list[Span]] = {}
            labels: dict[str, list[str]] = {}
            for term, start, end in lexicon.find(group.id, analysis.text):
                found.setdefault(term, []).append((start, end))
                form = analysis.text[start:end].lower()
                if form not in labels.setdefault(term, []):
                    labels[term].append(form)
            items = tuple(Item(t, ", ".join(labels[t]), len(s), tuple(s)) for t, s in found.items())
            cells.append(Cell(column, items))
        rows.append(Row(f"{WORDS}:{group.id}", WORDS, group.label, tuple(cells)))
    return tuple(rows)


def _speaker(analysis: ArticleAnalysis, start: int, end: int, verb: Span) -> tuple[str, str]:
    """The person or organisation mentioned nearest the reporting verb in the sentence: (key, name)."""
    people = [m for m in analysis.actors if m.kind in _SPEAKERS and start <= m.start and m.end <= end]
    if analysis.text[verb[0] : verb[1]].lower().startswith("according"):
        people = [m for m in people if m.start >= verb[1]]  # "according to X": the source follows
    if not people:
        return UNNAMED, "unnamed source"
    m = min(people, key=lambda p: min(abs(p.end - verb[0]), abs(p.start - verb[1])))
    if m.actor:
        return m.actor, m.name or m.text
    return f"unlinked:{m.text}", m.text


def _quotes(analysis: ArticleAnalysis, lexicon: CoverageLexicon) -> tuple[Item, ...]:
    speakers: dict[str, dict] = {}
    for start, end in analysis.sentences:
        sentence = analysis.text[start:end]
        match = lexicon.reporting_re.search(sentence[:1].lower() + sentence[1:])
        if match is None:
            continue
        key, name = _speaker(analysis, start, end, (start + match.start(), start + match.end()))
        entry = speakers.setdefault(key, {"name": name, "spans": [], "verbs": [], "text": sentence})
        entry["spans"].append((start, end))
        verb = match.group().lower()
        if verb not in entry["verbs"]:
            entry["verbs"].append(verb)
        if any(q in sentence for q in _QUOTE_MARKS) and QUOTED not in entry["verbs"]:
            entry["verbs"].append(QUOTED)
    return tuple(
        Item(key, e["name"], len(e["spans"]), tuple(e["spans"]), e["text"], ", ".join(e["verbs"]))
        for key, e in speakers.items()
    )


def _dates(analysis: ArticleAnalysis, lexicon: CoverageLexicon) -> tuple[Item, ...]:
    """The dates the source gives, by value; its page's stamps and bylines left out."""
    by_value: dict[str, dict] = {}
    for d in sorted(analysis.dates, key=lambda d: d.start):
        if is_page_stamp(analysis.text, d.start, d.end, lexicon.page_stamps):
            continue
        entry = by_value.setdefault(d.value, {"labels": [], "spans": []})
        entry["spans"].append((d.start, d.end))
        if d.text not in entry["labels"]:
            entry["labels"].append(d.text)
    return tuple(
        Item(value, "; ".join(e["labels"]), len(e["spans"]), tuple(e["spans"]), "", value)
        for value, e in by_value.items()
    )


def _stated(rows: Sequence[Row], happened: Row) -> list[dict[str, str]]:
    """Per column: key -> label of every fact (event type) and actor it states."""
    stated: list[dict[str, str]] = [{} for _ in happened.cells]
    for cell in happened.cells:
        for item in cell.items:
            for t, label in zip(item.key.split("+"), item.label.split(", "), strict=False):
                stated[cell.column].setdefault(f"event:{t}", label)
    for row in rows:
        for cell in row.cells:
            if cell.items:
                stated[cell.column][f"actor:{row.id.partition(':')[2]}"] = row.label
    return stated


def _leaves_out(name_rows: Sequence[Row], happened: Row) -> Row:
    stated = _stated(name_rows, happened)
    cells = []
    for column, own in enumerate(stated):
        missing: dict[str, Item] = {}
        for other, theirs in enumerate(stated):
            for key, label in theirs.items():
                if other == column or key in own:
                    continue
                item = missing.get(key) or Item(key, label)
                missing[key] = Item(key, label, item.count, by=(*item.by, other))
        ordered = sorted(missing.values(), key=lambda i: (not i.key.startswith("event:"), -len(i.by)))
        cells.append(Cell(column, tuple(Item(i.key, i.label, len(i.by), by=i.by) for i in ordered)))
    return Row(LEAVES_OUT, LEAVES_OUT, "What it leaves out", tuple(cells))


def _pools(episode: Episode, sources: Sequence[ArticleAnalysis]) -> list[list[PoolSentence]]:
    """Each column's evidence sentences for the episode, in text order."""
    pools = []
    for column, analysis in enumerate(sources):
        article = analysis.article.id
        ranks: dict[Span, int] = {}
        for ev in episode.evidence:
            if ev.article == article and 0 <= ev.start < ev.end <= len(analysis.text):
                ranks[(ev.start, ev.end)] = min(
                    ranks.get((ev.start, ev.end), CONTEXT), PRIMARY if ev.primary else CONTEXT
                )
        pool = [
            PoolSentence(column, article, s, e, rank, order, analysis.text[s:e])
            for order, ((s, e), rank) in enumerate(sorted(ranks.items()))
        ]
        pools.append(pool)
    return pools


def coverage(
    episode: Episode,
    analyses: Mapping[str, ArticleAnalysis],
    *,
    outlets: Outlets | None = None,
    lexicon: CoverageLexicon | None = None,
    events: EventLexicon | None = None,
) -> Coverage | None:
    """How each source of ``episode`` tells it; None when fewer than two sources are analysed.

    ``outlets`` defaults to :func:`~desktop.core.compare.outlets.load_outlets` (bundled and user
    file), which raises :class:`~desktop.core.files.lexicons.DataFileError` on a malformed file.
    """
    sources = [analyses[a] for a in dict.fromkeys(episode.articles) if a in analyses]
    if len(sources) < MIN_SOURCES:
        return None
    outlets = outlets if outlets is not None else load_outlets()
    lexicon = lexicon or load_coverage_lexicon()
    events = events or load_event_lexicon()
    happened = Row(
        HAPPENED,
        HAPPENED,
        "What it says happened",
        tuple(Cell(i, _happened(episode, a, events)) for i, a in enumerate(sources)),
    )
    names = _name_rows(sources)
    words = _word_rows(sources, lexicon)
    quotes = Row(QUOTES, QUOTES, "Whom it quotes", tuple(Cell(i, _quotes(a, lexicon)) for i, a in enumerate(sources)))
    dates = Row(DATES, DATES, "The dates it gives", tuple(Cell(i, _dates(a, lexicon)) for i, a in enumerate(sources)))
    texts = ArticleTexts({a.article.id: a for a in sources})
    numbers = {a.article.id: i + 1 for i, a in enumerate(sources)}
    aligned, _keys = aligned_groups(_pools(episode, sources), Extractor(texts, numbers, 10_000))
    return Coverage(
        episode=episode.id,
        title=episode.title,
        columns=_columns(sources, outlets),
        rows=(happened, *names, *words, quotes, dates, _leaves_out(names, happened)),
        aligned=aligned,
    )


# --------------------------------------------------------------------------- JSON


def _item_json(item: Item) -> dict:
    return {
        "key": item.key,
        "label": item.label,
        "count": item.count,
        "spans": [list(s) for s in item.spans],
        "detail": item.detail,
        "by": list(item.by),
    }


def coverage_json(cov: Coverage) -> dict:
    """The ``coverage`` object of an episode in ``analyze --json``."""
    return {
        "columns": [
            {
                "article": c.article,
                "title": c.title,
                "outlet": c.outlet,
                "kind": c.kind,
                "date": c.date.isoformat() if c.date else None,
            }
            for c in cov.columns
        ],
        "rows": [
            {
                "id": r.id,
                "kind": r.kind,
                "label": r.label,
                "differs": r.differs,
                "cells": [[_item_json(i) for i in c.items] for c in r.cells],
            }
            for r in cov.rows
        ],
        "aligned": [
            {
                "members": [[m.start, m.end] if m is not None else None for m in g.members],
                "similarity": g.similarity,
                "ratio": g.ratio,
                "changed": g.changed,
            }
            for g in cov.aligned
        ],
    }


__all__ = [
    "DATES",
    "HAPPENED",
    "LEAVES_OUT",
    "NAMES",
    "QUOTED",
    "QUOTES",
    "UNNAMED",
    "WORDS",
    "Cell",
    "Column",
    "Coverage",
    "Item",
    "Row",
    "coverage",
    "coverage_json",
]
