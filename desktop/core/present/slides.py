"""The deck: a lesson turned into slides with their content and build steps (no Qt).

:func:`build_deck` reads what the app already knows — episodes, their evidence sentences,
the messengers of :mod:`messengers`, the comparison and its motifs — and makes one
:class:`Slide` per lesson slide. A view paints a slide at a *step*: ``Slide.steps`` names
what each press of "next" adds. An episode slide builds as

``base`` (date, title, messenger, outlets, timeline) → ``quote`` → ``highlights`` (actors
and dates coloured in the quote) → ``counterpart`` → ``verdict`` (how the source assesses
it: an extract of the comparison's assessment row),

leaving out the steps it has nothing for; a comparison slide reveals its diff ``markers``
after the rows; a motifs slide reveals the motifs ``new`` to one episode after the ones
that recur. Nothing here is about a particular episode: every word on a slide is taken
from the articles or the data files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import SideInfo
from desktop.core.annotate.records import VIA_DEMONYM
from desktop.core.episodes.grouping import Episode, EpisodeSet
from desktop.core.episodes.timeline import TimelineItem
from desktop.core.present.lessons import Lesson, LessonSlide, slide_problems
from desktop.core.text.articles import format_published

BASE, QUOTE, HIGHLIGHTS, COUNTERPART, VERDICT = "base", "quote", "highlights", "counterpart", "verdict"
MARKERS, NEW = "markers", "new"
#: The facet of ``facets.yaml`` whose extracts are a source's verdict on an episode.
VERDICT_FACET = "assessment"
QUOTE_BUDGET = 330  # characters of quotes on one slide (one or two sentences)
LONG_SENTENCE = 300  # a verdict sentence longer than this is shown as its extract
MAX_CHIPS = 3
MAX_TERMS = 3


@dataclass(frozen=True, slots=True)
class Chip:
    """A person or party, shown in its side's colour with the side's code."""

    name: str
    detail: str  # the role on the date, or how the text names the party
    side: str
    code: str
    side_label: str


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
        chips = lambda cs: ", ".join(f"{c.name} [{c.code}]" + (f" ({c.detail})" if c.detail else "") for c in cs)  # noqa: E731
        lines = [self.kicker, self.title, self.subtitle, self.year, self.date_words, self.place]
        if self.messengers:
            lines.append("Messenger: " + chips(self.messengers))
        if self.counterparts and self.shows(COUNTERPART, step):
            lines.append("Counterpart: " + chips(self.counterparts))
        if self.shows(QUOTE, step):
            lines += [f"{q.text} — {q.source}" for q in self.quotes]
        if self.verdict is not None and self.shows(VERDICT, step):
            lines.append(f"{self.verdict_label}: {self.verdict.text} — {self.verdict.source}")
        lines += list(self.outlets)
        lines += [f"{year} {label}".strip() for year, label in self.agenda]
        if self.columns:
            lines.append(" | ".join(c.label for c in self.columns))
        for row in self.rows:
            marker = f"{row.symbol} " if self.shows(MARKERS, step) else ""
            lines.append(f"{marker}{row.label}: " + " | ".join(c.text for c in row.cells))
        if self.shows(NEW, step) or NEW not in self.steps:
            lines += [f"{head}: {text}" for head, text in self.extras]
        return "\n".join(line for line in lines if line)


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


# --------------------------------------------------------------------------- pieces


class _Context:
    """What every slide draws on: analyses, sides, the comparisons and the timeline."""

    def __init__(self, lesson, episode_set, analyses, gazetteer) -> None:
        from desktop.core.compare.comparison import load_facet_lexicon
        from desktop.core.episodes.messengers import messenger_kinds
        from desktop.core.episodes.timeline_items import timeline_items

        self.lesson = lesson
        self.episode_set: EpisodeSet = episode_set
        self.analyses: Mapping[str, ArticleAnalysis] = analyses
        self.gazetteer = gazetteer
        self.sides: dict[str, SideInfo] = (
            {s.id: SideInfo(s.label, s.code) for s in gazetteer.sides.values()} if gazetteer is not None else {}
        )
        self.followed, _kinds = messenger_kinds()
        lexicon = load_facet_lexicon()
        self.side_words = dict(lexicon.side_words)
        groups = [lexicon.sides.get(f.sides, frozenset()) for f in lexicon.facets if f.kind == "actors"]
        self.counterpart_sides = next((g for g in groups if g and self.followed not in g), frozenset())
        self.items = tuple(timeline_items(episode_set, gazetteer)[0]) if gazetteer is not None else ()
        self.lesson_ids = frozenset(e.id for s in lesson.slides if s.kind == "episode" for e in self.episodes(s.ref))

    def episodes(self, ref: str) -> list[Episode]:
        groups, _unknown = self.episode_set.resolve([ref])
        return groups[0][1] if groups else []

    def side(self, side: str) -> SideInfo:
        from desktop.core.annotate.document import side_info

        return side_info(self.sides, side)

    def source(self, article_id: str) -> str:
        analysis = self.analyses.get(article_id)
        if analysis is None:
            return article_id
        article = analysis.article
        return f"{article.outlet or 'Outlet not stated'} · {format_published(article)}"

    def quote(self, article_id: str, start: int, end: int, before: bool = False, after: bool = False) -> Quote:
        """A quote of ``text[start:end]`` with its actors and dates as spans."""
        analysis = self.analyses[article_id]
        shift = 2 if before else 0
        text = ("… " if before else "") + analysis.text[start:end] + (" …" if after else "")
        spans = []
        for m in analysis.actors:
            if start <= m.start and m.end <= end:
                info = self.side(m.side)
                kind = "demonym" if m.via == VIA_DEMONYM else "actor"
                spans.append(Span(m.start - start + shift, m.end - start + shift, kind, m.side, info.code, m.name))
        from desktop.core.annotate.timex import describe_value

        for d in analysis.dates:
            if start <= d.start and d.end <= end:
                words = describe_value(d.value)
                spans.append(Span(d.start - start + shift, d.end - start + shift, "date", label=words))
        spans.sort(key=lambda s: (s.start, -s.end))
        return Quote(text, tuple(spans), article_id, self.source(article_id))


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _pick_quotes(ctx: _Context, episodes: Sequence[Episode]) -> tuple[Quote, ...]:
    """One or two primary evidence sentences: those naming the most participants, short."""
    keys = {p.key for e in episodes for p in e.participants if p.kind in ("person", "organisation")}
    scored = []
    seen = set()
    for order, ev in enumerate(ev for e in episodes for ev in (e.primary_evidence or e.evidence)):
        if (ev.article, ev.start) in seen or ev.article not in ctx.analyses:
            continue
        seen.add((ev.article, ev.start))
        analysis = ctx.analyses[ev.article]
        text = analysis.text[ev.start : ev.end]
        named = {m.actor for m in analysis.actors if ev.start <= m.start < ev.end and m.actor in keys}
        dated = any(ev.start <= d.start < ev.end and d.value[:1].isdigit() for d in analysis.dates)
        score = 2 * len(named) + dated - 3 * (len(text) > 240) - 2 * (not _balanced(text))
        scored.append((-score, order, ev, len(text)))
    chosen, used = [], 0
    for score, order, ev, length in sorted(scored, key=lambda s: (s[0], s[1])):
        if chosen and (used + length > QUOTE_BUDGET or -score < 2):
            continue  # a second quote must fit and name someone of the episode
        chosen.append((order, ev))
        used += length
        if len(chosen) == 2:
            break
    return tuple(ctx.quote(ev.article, ev.start, ev.end) for _order, ev in sorted(chosen, key=lambda c: c[0]))


def _messenger_chips(ctx: _Context, episodes: Sequence[Episode]) -> tuple[Chip, ...]:
    from desktop.core.episodes.messengers import messengers

    short = {p.key: p.short for e in episodes for p in e.participants}
    chips: dict[str, Chip] = {}
    for episode in episodes:
        for m in messengers(episode, ctx.gazetteer):
            info = ctx.side(ctx.followed)
            chips.setdefault(m.key, Chip(short.get(m.key) or m.name, m.role, ctx.followed, info.code, info.label))
    return tuple(chips.values())[:MAX_CHIPS]


def _counterpart_chips(ctx: _Context, episodes: Sequence[Episode], quotes: Sequence[Quote]) -> tuple[Chip, ...]:
    """Parties of the other camp: participants (people first), else those the quotes name."""
    order = {"person": 0, "organisation": 1, "state": 2, "bloc": 3}
    found = {}
    for episode in episodes:
        for p in episode.participants:
            if p.side in ctx.counterpart_sides and not p.key.startswith("unlinked:"):
                found.setdefault(p.key, p)
    people = sorted(found.values(), key=lambda p: order.get(p.kind, 4))
    sides_with_agents = {p.side for p in people if p.kind in ("person", "organisation")}
    chips = []
    for p in people:
        if p.kind in ("state", "bloc") and p.side in sides_with_agents:
            continue  # "United States" beside the US envoy says nothing more
        actor = ctx.gazetteer.actor(p.key) if ctx.gazetteer is not None else None
        tenure = actor.tenure_at(episodes[0].first) if actor is not None and p.kind == "person" else None
        info = ctx.side(p.side)
        name = p.short if p.kind == "person" and p.short else p.name
        chips.append(Chip(name, tenure.title if tenure else "", p.side, info.code, info.label))
    if not chips:
        for quote in quotes:
            for span in quote.spans:
                if span.kind in ("actor", "demonym") and span.side in ctx.counterpart_sides:
                    info = ctx.side(span.side)
                    words = quote.text[span.start : span.end]
                    name = span.label if span.kind == "actor" else ctx.side_words.get(span.side, info.label)
                    detail = "" if span.kind == "actor" else f"named as “{words}”"
                    if all(c.name != name for c in chips):
                        chips.append(Chip(name, detail, span.side, info.code, info.label))
    return tuple(chips[:MAX_CHIPS])


def _year(episodes: Sequence[Episode]) -> str:
    first, last = min(e.first for e in episodes).year, max(e.last for e in episodes).year
    return str(first) if first == last else f"{first}–{last}"


def _verdicts(ctx: _Context, comparisons: Sequence) -> dict[frozenset[str], tuple[str, object]]:
    """Episode-id sets -> (row label, extracts) of the verdict row, from every comparison."""
    out = {}
    for comparison in comparisons:
        row = comparison.facet(VERDICT_FACET)
        if row is None:
            continue
        for subject, cell in zip(comparison.subjects, row.cells, strict=True):
            out.setdefault(frozenset(subject.episodes), (row.label, cell.extracts))
    return out


def _verdict(ctx: _Context, extracts, quotes: Sequence[Quote], episodes) -> Quote | None:
    quoted = {(q.article, q.text) for q in quotes}
    # The source's own voice first: a sentence opening with a quotation is someone else's.
    voiced = sorted(extracts, key=lambda x: x.text.lstrip()[:1] in '“"«')
    for x in voiced:
        sentence = ctx.analyses[x.article].text[x.sentence_start : x.sentence_end]
        if (x.article, sentence) in quoted:
            continue
        if len(sentence) <= LONG_SENTENCE:
            return ctx.quote(x.article, x.sentence_start, x.sentence_end)
        return ctx.quote(x.article, x.start, x.end, x.clipped_before, x.clipped_after)
    return None


def _extra_comparisons(ctx: _Context, refs: Sequence[str], covered: set[frozenset[str]]) -> list:
    """Comparisons (two to four at a time) of the lesson's episodes the others leave out."""
    from desktop.core.compare.comparison import compare

    groups = [(ref, ctx.episodes(ref)) for ref in refs]
    groups = [(r, g) for r, g in groups if g]
    todo = [(r, g) for r, g in groups if frozenset(e.id for e in g) not in covered]
    out = []
    for start in range(0, len(todo), 4):
        chunk = todo[start : start + 4]
        if len(chunk) == 1:
            partner = next(((r, g) for r, g in groups if (r, g) != chunk[0]), None)
            if partner is None:
                break
            chunk.append(partner)
        out.append(compare([(r, g) for r, g in chunk], ctx.analyses, all_episodes=ctx.episode_set.episodes))
    return out


# --------------------------------------------------------------------------- slides


def _episode_slide(ctx: _Context, slide: LessonSlide, verdicts) -> Slide:
    episodes = ctx.episodes(slide.ref)
    rule = ctx.episode_set.curation.rule(slide.ref)
    quotes = _pick_quotes(ctx, episodes)
    counterparts = _counterpart_chips(ctx, episodes, quotes)
    label, extracts = verdicts.get(frozenset(e.id for e in episodes), ("", ()))
    verdict = _verdict(ctx, extracts, quotes, episodes)
    articles = list(dict.fromkeys(a for e in episodes for a in e.articles))
    steps = [BASE]
    if quotes:
        steps.append(QUOTE)
        if any(q.spans for q in quotes):
            steps.append(HIGHLIGHTS)
    if counterparts:
        steps.append(COUNTERPART)
    if verdict is not None:
        steps.append(VERDICT)
    return Slide(
        kind="episode",
        ref=slide.ref,
        title="\n".join(e.title for e in episodes),
        notes=slide.notes,
        kicker=rule.label if rule is not None else episodes[0].type_label,
        year=_year(episodes),
        date_words="; ".join(dict.fromkeys(e.date_words() for e in episodes)),
        place=" · ".join(dict.fromkeys(e.place for e in episodes if e.place)),
        messengers=_messenger_chips(ctx, episodes),
        counterparts=counterparts,
        quotes=quotes,
        verdict=verdict,
        verdict_label=label,
        outlets=tuple(ctx.source(a) for a in articles),
        strip=Strip(ctx.items, frozenset(e.id for e in episodes), ctx.lesson_ids) if ctx.items else None,
        steps=tuple(steps),
    )


def _columns(comparison) -> tuple[Column, ...]:
    return tuple(Column(s.label, s.date_words) for s in comparison.subjects)


def _comparison_slide(slide: LessonSlide, comparison) -> Slide:
    from desktop.core.compare.html import FACET_MARKERS

    rows = []
    for row in comparison.facets:
        if row.kind == "when":
            continue  # the dates head the columns
        cells = []
        for cell in row.cells:
            if cell.empty or not cell.terms:
                text = cell.summary or comparison.empty_text
                cells.append(Cell(text, empty=not cell.summary))
                continue
            distinct = {t.label for t in cell.terms if t.key in cell.distinct}
            # What the cell shares with the others first: the differences are what gets marked.
            labels = sorted(dict.fromkeys(t.label for t in cell.terms), key=lambda label: label in distinct)
            shown = labels[:MAX_TERMS]
            more = f" +{len(labels) - len(shown)} more" if len(labels) > len(shown) else ""
            cells.append(Cell(", ".join(shown) + more, tuple(x for x in shown if x in distinct)))
        symbol, word = FACET_MARKERS.get(row.marker, ("", row.marker))
        rows.append(Row(row.label, row.marker, symbol, word, tuple(cells)))
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


def _motifs_slide(slide: LessonSlide, comparison) -> Slide:
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


def _title_slide(ctx: _Context, slide: LessonSlide) -> Slide:
    agenda = []
    outlets = []
    for s in ctx.lesson.slides:
        episodes = ctx.episodes(s.ref) if s.kind == "episode" else []
        if episodes:
            rule = ctx.episode_set.curation.rule(s.ref)
            year = _year(episodes)
            label = rule.label if rule is not None else episodes[0].title
            agenda.append((year, label.removeprefix(f"{year} ")))
            for article in dict.fromkeys(a for e in episodes for a in e.articles):
                analysis = ctx.analyses.get(article)
                if analysis is not None and analysis.article.outlet:
                    outlets.append(analysis.article.outlet)
        elif s.kind == "comparison":
            agenda.append(("", "Side by side: what changed"))
        elif s.kind == "motifs":
            agenda.append(("", "Recurring motifs"))
    sources = " · ".join(dict.fromkeys(outlets))
    return Slide(
        kind="title",
        ref="",
        title=ctx.lesson.title,
        notes=slide.notes,
        kicker="Overtures · classroom",
        subtitle=ctx.lesson.subtitle,
        agenda=tuple(agenda),
        outlets=(f"Sources: {sources}",) if sources else (),
    )


def build_deck(
    lesson: Lesson,
    episode_set: EpisodeSet,
    analyses: Mapping[str, ArticleAnalysis] | Sequence[ArticleAnalysis],
    gazetteer,
    comparison=None,
) -> Deck:
    """The slides of ``lesson``; slides naming missing episodes are left out (see ``problems``).

    ``comparison`` (the default trio's, if the caller has it) is reused for comparison and
    motifs slides without a ref of their own; otherwise it is built here.
    """
    from desktop.core.compare.handout import UnknownEpisodes, build_comparison

    if not isinstance(analyses, Mapping):
        analyses = {a.article.id: a for a in analyses}
    ctx = _Context(lesson, episode_set, analyses, gazetteer)
    left_out = slide_problems(lesson, episode_set)
    problems = [message for _index, message in left_out]
    bad = {index for index, _message in left_out}
    comparisons: dict[str, object] = {}

    def comparison_for(slide: LessonSlide):
        key = ",".join(slide.refs())
        if key not in comparisons:
            if not key and comparison is not None:
                comparisons[key] = comparison
            else:
                try:
                    comparisons[key] = build_comparison(episode_set, analyses, slide.refs() or None)
                except (UnknownEpisodes, ValueError) as exc:
                    problems.append(f"the comparison could not be built: {str(exc).splitlines()[0]}")
                    comparisons[key] = None
        return comparisons[key]

    wanted = [s for n, s in enumerate(lesson.slides) if n not in bad]
    for s in wanted:
        if s.kind in ("comparison", "motifs"):
            comparison_for(LessonSlide(s.kind, s.ref if s.kind == "comparison" else ""))
    built = [c for c in comparisons.values() if c is not None]
    if comparison is not None and comparison not in built:
        built.append(comparison)
    covered = {frozenset(s.episodes) for c in built for s in c.subjects}
    refs = list(dict.fromkeys(s.ref for s in wanted if s.kind == "episode"))
    verdicts = _verdicts(ctx, [*built, *_extra_comparisons(ctx, refs, covered)])

    slides = []
    for s in wanted:
        if s.kind == "title":
            slides.append(_title_slide(ctx, s))
        elif s.kind == "episode":
            slides.append(_episode_slide(ctx, s, verdicts))
        else:
            c = comparison_for(LessonSlide(s.kind, s.ref if s.kind == "comparison" else ""))
            if c is not None:
                slides.append(_comparison_slide(s, c) if s.kind == "comparison" else _motifs_slide(s, c))
    return Deck(lesson.title, slides, problems)


__all__ = [
    "BASE",
    "COUNTERPART",
    "HIGHLIGHTS",
    "MARKERS",
    "NEW",
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
    "build_deck",
    "notes_html",
]
