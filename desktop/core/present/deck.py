"""The deck: a lesson turned into slides, each with its content and build steps (no Qt).

:func:`build_deck` reads what the app already knows — episodes, their evidence sentences,
the messengers of :mod:`~desktop.core.episodes.messengers`, the comparison and its motifs —
and makes one :class:`~desktop.core.present.slides.Slide` per lesson slide. Nothing here is
about a particular episode: every word on a slide is taken from the articles or the data files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotations.records import Annotation
from desktop.core.episodes.grouping import Episode, EpisodeSet
from desktop.core.present.cast import counterpart_chips, messenger_chips
from desktop.core.present.lessons import Lesson, LessonSlide, slide_problems
from desktop.core.present.material import Material
from desktop.core.present.quotes import pick_quotes, verdict_quote
from desktop.core.present.slides import (
    BASE,
    COUNTERPART,
    HIGHLIGHTS,
    NOTE,
    QUOTE,
    VERDICT,
    Deck,
    Quote,
    Slide,
    Strip,
)
from desktop.core.present.tables import comparison_slide, coverage_slide, motifs_slide

#: The facet of ``facets.yaml`` whose extracts are a source's verdict on an episode.
VERDICT_FACET = "assessment"
TABLE_KINDS = ("comparison", "motifs")


# --------------------------------------------------------------------------- comparisons


class _Comparisons:
    """The comparisons the table slides show, each built once; one that fails is a problem."""

    def __init__(self, episode_set: EpisodeSet, analyses, given, problems: list[str]) -> None:
        self.episode_set = episode_set
        self.analyses = analyses
        self.given = given  # the default trio's comparison, if the caller has it
        self.problems = problems
        self._by_refs: dict[str, object] = {}

    def for_slide(self, slide: LessonSlide):
        """The comparison a table slide shows (a motifs slide always the default one), or None."""
        from desktop.core.compare.handout import UnknownEpisodes, build_comparison

        refs = slide.refs() if slide.kind == "comparison" else []
        key = ",".join(refs)
        if key not in self._by_refs:
            if not key and self.given is not None:
                self._by_refs[key] = self.given
            else:
                try:
                    self._by_refs[key] = build_comparison(self.episode_set, self.analyses, refs or None)
                except (UnknownEpisodes, ValueError) as exc:
                    self.problems.append(f"the comparison could not be built: {str(exc).splitlines()[0]}")
                    self._by_refs[key] = None
        return self._by_refs[key]

    def built(self) -> list:
        """Every comparison at hand: those built here and the one the caller gave."""
        built = [c for c in self._by_refs.values() if c is not None]
        if self.given is not None and self.given not in built:
            built.append(self.given)
        return built


def _verdicts(comparisons: Sequence) -> dict[frozenset[str], tuple[str, object]]:
    """Episode-id sets -> (row label, extracts) of the verdict row, from every comparison."""
    out = {}
    for comparison in comparisons:
        row = comparison.facet(VERDICT_FACET)
        if row is None:
            continue
        for subject, cell in zip(comparison.subjects, row.cells, strict=True):
            out.setdefault(frozenset(subject.episodes), (row.label, cell.extracts))
    return out


def _extra_comparisons(material: Material, refs: Sequence[str], covered: set[frozenset[str]]) -> list:
    """Comparisons (two to four at a time) of the lesson's episodes the others leave out."""
    from desktop.core.compare.comparison import compare

    groups = [(ref, material.episodes(ref)) for ref in refs]
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
        out.append(compare(list(chunk), material.analyses, all_episodes=material.episode_set.episodes))
    return out


def _gather_verdicts(material: Material, built: Sequence, wanted: Sequence[LessonSlide]) -> dict:
    """The verdict rows for every episode slide: from the table slides' comparisons, else made here."""
    covered = {frozenset(s.episodes) for c in built for s in c.subjects}
    refs = list(dict.fromkeys(s.ref for s in wanted if s.kind == "episode"))
    return _verdicts([*built, *_extra_comparisons(material, refs, covered)])


# --------------------------------------------------------------------------- slides


def _year(episodes: Sequence[Episode]) -> str:
    first, last = min(e.first for e in episodes).year, max(e.last for e in episodes).year
    return str(first) if first == last else f"{first}–{last}"


def _main_title(episodes: Sequence[Episode]) -> str:
    """One episode's title (of a named episode of several: the first, where its story begins),
    never two titles run together; the dates and places beside it still cover them all."""
    return min(episodes, key=lambda e: (e.first, e.last)).title


def _episode_steps(
    quotes: Sequence[Quote], counterparts: Sequence, verdict: Quote | None, note: str = ""
) -> tuple[str, ...]:
    """The build steps an episode slide has something for."""
    steps = [BASE]
    if quotes:
        steps.append(QUOTE)
        if any(q.spans for q in quotes):
            steps.append(HIGHLIGHTS)
    if counterparts:
        steps.append(COUNTERPART)
    if verdict is not None:
        steps.append(VERDICT)
    if note:
        steps.append(NOTE)
    return tuple(steps)


def reader_note(notes: Sequence[Annotation], episode_ids) -> str:
    """The reader's notes on these episodes (not on a comparison cell) as plain lines, one note after another."""
    from desktop.core.annotations.notes import episode_notes, readable

    return "\n".join(text for n in episode_notes(notes, list(episode_ids)) if (text := readable(n.body)))


def _episode_slide(material: Material, slide: LessonSlide, verdicts) -> Slide:
    episodes = material.episodes(slide.ref)
    ids = frozenset(e.id for e in episodes)
    rule = material.episode_set.curation.rule(slide.ref)
    quotes = pick_quotes(material, episodes)
    counterparts = counterpart_chips(material, episodes, quotes)
    label, extracts = verdicts.get(ids, ("", ()))
    verdict = verdict_quote(material, extracts, quotes)
    note = reader_note(material.notes, sorted(ids))
    articles = list(dict.fromkeys(a for e in episodes for a in e.articles))
    return Slide(
        kind="episode",
        ref=slide.ref,
        title=_main_title(episodes),
        notes=slide.notes,
        kicker=rule.label if rule is not None else episodes[0].type_label,
        year=_year(episodes),
        date_words="; ".join(dict.fromkeys(e.date_words() for e in episodes)),
        place=" · ".join(dict.fromkeys(e.place for e in episodes if e.place)),
        messengers=messenger_chips(material, episodes),
        counterparts=counterparts,
        quotes=quotes,
        verdict=verdict,
        verdict_label=label,
        reader_note=note,
        outlets=tuple(material.source(a) for a in articles),
        strip=Strip(material.items, ids, material.lesson_ids) if material.items else None,
        steps=_episode_steps(quotes, counterparts, verdict, note),
    )


def _agenda_entry(material: Material, slide: LessonSlide, outlets: list[str]) -> tuple[str, str] | None:
    """A lesson slide as a line of the title slide's agenda; an episode's outlets go to ``outlets``."""
    episodes = material.episodes(slide.ref) if slide.kind == "episode" else []
    if episodes:
        rule = material.episode_set.curation.rule(slide.ref)
        year = _year(episodes)
        label = rule.label if rule is not None else episodes[0].title
        for article in dict.fromkeys(a for e in episodes for a in e.articles):
            analysis = material.analyses.get(article)
            if analysis is not None and analysis.article.outlet:
                outlets.append(analysis.article.outlet)
        return year, label.removeprefix(f"{year} ")
    if slide.kind == "comparison":
        return "", "Side by side: what changed"
    if slide.kind == "motifs":
        return "", "Recurring motifs"
    if slide.kind == "coverage":
        return "", "One episode, several sources"
    return None


def _title_slide(material: Material, slide: LessonSlide) -> Slide:
    outlets: list[str] = []
    entries = (_agenda_entry(material, s, outlets) for s in material.lesson.slides)
    agenda = tuple(entry for entry in entries if entry is not None)
    sources = " · ".join(dict.fromkeys(outlets))
    return Slide(
        kind="title",
        ref="",
        title=material.lesson.title,
        notes=slide.notes,
        kicker="Overtures · classroom",
        subtitle=material.lesson.subtitle,
        agenda=agenda,
        outlets=(f"Sources: {sources}",) if sources else (),
    )


def _coverage(material: Material, slide: LessonSlide, problems: list[str]) -> Slide | None:
    """The coverage slide of the episode ``slide.ref`` names (its best-sourced match), or None."""
    from desktop.core.compare.coverage import coverage
    from desktop.core.compare.coverage_html import TooFewSources, source_count
    from desktop.core.files.lexicons import DataFileError

    episodes = sorted(material.episodes(slide.ref), key=lambda e: -source_count(e, material.analyses))
    try:
        found = coverage(episodes[0], material.analyses) if episodes else None
    except DataFileError as exc:
        problems.append(f"the coverage of {slide.ref} could not be built: {exc}")
        return None
    if found is None:
        count = source_count(episodes[0], material.analyses) if episodes else 0
        problems.append(f"coverage slide: {TooFewSources(slide.ref, count)}; the slide is left out")
        return None
    return coverage_slide(slide, found)


def _slide(material: Material, slide: LessonSlide, verdicts, tables: _Comparisons) -> Slide | None:
    if slide.kind == "title":
        return _title_slide(material, slide)
    if slide.kind == "episode":
        return _episode_slide(material, slide, verdicts)
    if slide.kind == "coverage":
        return _coverage(material, slide, tables.problems)
    comparison = tables.for_slide(slide)
    if comparison is None:
        return None
    return comparison_slide(slide, comparison) if slide.kind == "comparison" else motifs_slide(slide, comparison)


def build_deck(
    lesson: Lesson,
    episode_set: EpisodeSet,
    analyses: Mapping[str, ArticleAnalysis] | Sequence[ArticleAnalysis],
    gazetteer,
    comparison=None,
    notes: Sequence[Annotation] = (),
) -> Deck:
    """The slides of ``lesson``; slides naming missing episodes are left out (see ``problems``).

    ``comparison`` (the default trio's, if the caller has it) is reused for comparison and
    motifs slides without a ref of their own; otherwise it is built here. ``notes`` are the
    reader's annotations: a note on an episode is shown on its slide (none given: none shown).
    """
    if not isinstance(analyses, Mapping):
        analyses = {a.article.id: a for a in analyses}
    material = Material(lesson, episode_set, analyses, gazetteer)
    material.notes = list(notes)
    left_out = slide_problems(lesson, episode_set)
    problems = [message for _index, message in left_out]
    bad = {index for index, _message in left_out}
    wanted = [s for n, s in enumerate(lesson.slides) if n not in bad]
    tables = _Comparisons(episode_set, analyses, comparison, problems)
    for s in wanted:
        if s.kind in TABLE_KINDS:
            tables.for_slide(s)
    verdicts = _gather_verdicts(material, tables.built(), wanted)
    slides = [made for s in wanted if (made := _slide(material, s, verdicts, tables)) is not None]
    return Deck(lesson.title, slides, problems)


__all__ = ["VERDICT_FACET", "build_deck", "reader_note"]
