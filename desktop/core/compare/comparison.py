"""The comparison engine: two to four episodes side by side, as a diff and a collation.

:func:`compare` takes groups of episodes (``EpisodeSet.resolve`` makes them) and the
analyses of their articles, and returns a :class:`Comparison`:

* **subjects** — one per group: label, dates in words, titles, source articles;
* **facets** — rows (``corpus/lexicons/facets.yaml``) such as the messenger, what Minsk
  offered and asked for, Moscow's position, the West's response; each cell holds short
  extracts of real sentences with their offsets and a numbered citation, and key terms
  (roles, sides, cue ids) that decide the row's diff marker — ``same``, ``changed`` (with
  the differing terms named), ``partial`` or ``none``;
* **cast** — the actors by group, grouped by side;
* **motifs** — recurring rhetoric (``corpus/lexicons/motifs.yaml``) and the sentences that
  carry it in each group;
* **aligned** sentences across groups with word diffs (:mod:`desktop.core.compare.alignment`,
  over the evidence, its neighbours and what the rows show: ``pools.alignment_pools``),
  **unique** substantive sentences, and the **differences** in order for next/previous;
* **citations** — each source article once, numbered.

Which sentences a group may draw on (its *pool*): the evidence sentences of its episodes,
primary first, then the other sentences of their articles that are not evidence of an
episode outside the group. When nothing of the pool fits a cues cell or a motif, the group's
*asides* are searched — the sentences of the same articles that are evidence of another
episode — and an extract from them names that episode (``Extract.about``). A cell never holds
text the sources do not, and says ``Not stated in the sources`` only when no sentence of its
sources fits. The dates of the episodes ("when") are no difference: each has its own.

Each sentence is shown in full in the row it fits best (most cue hits, earliest in its cell,
facets before motifs); elsewhere it is a reference to that row (``Extract.see``), and a
sentence of one episode only that a row shows is named, not repeated (``shown_in``). The
``summary`` (:mod:`summary`) is written from the facet rows. Everything here is pure Python and
data-driven; no fact about a particular article is written in code.

The parts: :mod:`lexicon` (the data files), :mod:`pools`, :mod:`extracts`, :mod:`facets`
(with :mod:`parties` for the actors kind), :mod:`cast`, :mod:`motifs`, :mod:`aligned`, and the
records in :mod:`records`; this module puts them together.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.compare.aligned import AlignedKeys, aligned_groups
from desktop.core.compare.cast import cast_rows
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.facet_context import FacetContext
from desktop.core.compare.facets import fill_cell, finish_row
from desktop.core.compare.lexicon import FacetLexicon, MotifSpec, load_facet_lexicon, load_motif_lexicon
from desktop.core.compare.motifs import Carriers, motif_rows
from desktop.core.compare.pools import (
    OTHER,
    ArticleTexts,
    Groups,
    Pool,
    alignment_pools,
    build_asides,
    build_pools,
    episodes_of,
    ranked,
)
from desktop.core.compare.records import (
    CHANGED,
    PARTIAL,
    AlignedGroup,
    Citation,
    Comparison,
    Difference,
    Extract,
    FacetRow,
    MotifRow,
    Subject,
    UniqueSentence,
)
from desktop.core.compare.summary import summarise
from desktop.core.episodes.grouping import Episode
from desktop.core.text.articles import format_published

MIN_GROUPS, MAX_GROUPS = 2, 4


def _citations(
    groups: Groups, pools: Sequence[Pool], texts: ArticleTexts
) -> tuple[tuple[Citation, ...], dict[str, int]]:
    """Each source article once, numbered in the order the groups draw on them; and the numbers."""
    numbers: dict[str, int] = {}
    citations = []
    for (_label, episodes), pool in zip(groups, pools, strict=True):
        articles = [s.article for s in ranked(pool)] + [a for e in episodes for a in e.articles]
        for article_id in dict.fromkeys(articles):
            analysis = texts.analyses.get(article_id)
            if article_id in numbers or analysis is None:
                continue
            numbers[article_id] = len(numbers) + 1
            article = analysis.article
            citations.append(
                Citation(
                    number=numbers[article_id],
                    article=article_id,
                    outlet=article.outlet or "Outlet unknown",
                    title=article.title,
                    url=article.url or "",
                    published=format_published(article),
                    approximate=article.published_precision != "day",
                    date=article.published,
                )
            )
    return tuple(citations), numbers


def _sources(episodes: Sequence[Episode], pool: Pool, numbers: Mapping[str, int]):
    """The group's articles (those it draws on first), their citations and evidence sentences."""
    articles = tuple(dict.fromkeys([s.article for s in ranked(pool)] + [a for e in episodes for a in e.articles]))
    weight = Counter(s.article for s in pool if s.rank != OTHER)
    cited = [a for a in articles if a in numbers]
    return articles, tuple(numbers[a] for a in cited), tuple(weight[a] for a in cited)


def _subject(index: int, label: str, episodes: Sequence[Episode], pool: Pool, numbers: Mapping[str, int]) -> Subject:
    """One group as a subject: its label, dates in words, titles, articles and their citations."""
    articles, citations, evidence = _sources(episodes, pool, numbers)
    return Subject(
        index=index,
        label=str(label),
        date_words="; ".join(dict.fromkeys(e.date_words() for e in episodes)) or "date unknown",
        titles=tuple(dict.fromkeys(e.title for e in episodes)),
        episodes=tuple(e.id for e in episodes),
        articles=articles,
        citations=citations,
        first=min((e.first for e in episodes), default=None),
        last=max((e.last for e in episodes), default=None),
        has_evidence=bool(pool),
        corrected=any(e.edited for e in episodes),
        evidence=evidence,
    )


def _subjects(groups: Groups, pools: Sequence[Pool], numbers: Mapping[str, int]) -> tuple[Subject, ...]:
    """One subject per group (:func:`_subject`)."""
    return tuple(
        _subject(index, label, episodes, pool, numbers)
        for index, ((label, episodes), pool) in enumerate(zip(groups, pools, strict=True))
    )


def _unique(
    pools: Sequence[Pool],
    used: Mapping[tuple[str, int], set[str]],
    carriers: Carriers,
    aligned_keys: AlignedKeys,
    extractor: Extractor,
) -> tuple[UniqueSentence, ...]:
    """Substantive sentences (evidence, a facet's extract, a motif's carrier) that align with nothing."""
    unique: list[UniqueSentence] = []
    for pool in pools:
        for sentence in pool:
            key = (sentence.article, sentence.start)
            reasons = ["evidence"] if sentence.rank != OTHER else []
            reasons += [f"facet:{f}" for f in sorted(used.get(key, ()))]
            reasons += [f"motif:{m}" for m in sorted(carriers.get(key, ()))]
            if reasons and (sentence.subject, sentence.article, sentence.start) not in aligned_keys:
                unique.append(UniqueSentence(len(unique), extractor.make(sentence, whole=True), tuple(reasons)))
    return tuple(unique)


def _differences(
    rows: Sequence[FacetRow],
    aligned: Sequence[AlignedGroup],
    unique: Sequence[UniqueSentence],
    subjects: Sequence[Subject],
) -> tuple[Difference, ...]:
    """The stops for next/previous: facet rows that differ (dates are no difference: each episode
    has its own), changed aligned groups, unique sentences not already shown in a row."""
    stops = [
        ("facet", i, row.label) for i, row in enumerate(rows) if row.marker in (CHANGED, PARTIAL) and row.kind != "when"
    ]
    stops += [("aligned", g.index, f"Aligned sentences {g.index + 1}") for g in aligned if g.changed]
    stops += [("unique", u.index, f"Only in {subjects[u.extract.subject].label}") for u in unique if not u.shown_in]
    return tuple(Difference(kind, index, f"diff-{n}", label) for n, (kind, index, label) in enumerate(stops))


_Place = tuple[str, int, int, int]  # kind ("facet" | "motif"), row, subject, position in the cell


def _fit(extract: Extract, place: _Place) -> tuple:
    """How well a sentence fits where it is: more cue hits, earlier in its cell, facets first, row order."""
    kind, row, _subject, position = place
    return (-len(extract.hits), position, kind != "facet", row)


def _best_places(rows: Sequence[FacetRow], motifs: Sequence[MotifRow]) -> dict[tuple[str, int], _Place]:
    """Where each sentence shown in a facet or motif cell fits best."""
    best: dict[tuple[str, int], tuple[tuple, _Place]] = {}
    cells = [("facet", r, c.subject, c.extracts) for r, row in enumerate(rows) for c in row.cells]
    cells += [("motif", r, s, cell) for r, row in enumerate(motifs) for s, cell in enumerate(row.cells)]
    for kind, row, subject, extracts in cells:
        for position, extract in enumerate(extracts):
            place = (kind, row, subject, position)
            fit = _fit(extract, place)
            if extract.key not in best or fit < best[extract.key][0]:
                best[extract.key] = (fit, place)
    return {key: place for key, (_fit_, place) in best.items()}


def _referenced(extracts: Sequence[Extract], here: _Place, best, labels: Mapping[tuple[str, int], str]):
    """The extracts of a cell; those that fit better elsewhere become references to that row."""
    out = []
    for e in extracts:
        place = best.get(e.key)
        elsewhere = place is not None and place[:3] != here[:3]
        out.append(dataclasses.replace(e, see=labels[place[:2]]) if elsewhere else e)
    return tuple(out)


def place_sentences(
    rows: Sequence[FacetRow], motifs: Sequence[MotifRow]
) -> tuple[tuple[FacetRow, ...], tuple[MotifRow, ...], dict[tuple[str, int], str]]:
    """Each sentence in full in the row it fits best; elsewhere a reference (``Extract.see``).

    Returns the rows, the motif rows and, for each placed sentence, the label of its row.
    """
    best = _best_places(rows, motifs)
    labels = {("facet", r): row.label for r, row in enumerate(rows)}
    labels |= {("motif", r): row.label for r, row in enumerate(motifs)}
    new_rows = tuple(
        dataclasses.replace(
            row,
            cells=tuple(
                dataclasses.replace(c, extracts=_referenced(c.extracts, ("facet", r, c.subject, 0), best, labels))
                for c in row.cells
            ),
        )
        for r, row in enumerate(rows)
    )
    new_motifs = tuple(
        dataclasses.replace(
            row,
            cells=tuple(_referenced(cell, ("motif", r, s, 0), best, labels) for s, cell in enumerate(row.cells)),
        )
        for r, row in enumerate(motifs)
    )
    return new_rows, new_motifs, {key: labels[place[:2]] for key, place in best.items()}


def compare(
    groups: Sequence[tuple[str, Sequence[Episode]]],
    analyses: Mapping[str, ArticleAnalysis],
    *,
    all_episodes: Sequence[Episode] | None = None,
    lexicon: FacetLexicon | None = None,
    motifs: Sequence[MotifSpec] | None = None,
) -> Comparison:
    """Compare 2 to 4 groups of episodes (``(label, episodes)``, as ``EpisodeSet.resolve`` gives).

    ``all_episodes`` (the whole EpisodeSet's episodes) lets a group's pool leave out the
    evidence of episodes outside the comparison; without it only the compared episodes are
    known. Raises ``ValueError`` for fewer than 2 or more than 4 groups; never on odd texts.
    """
    if not MIN_GROUPS <= len(groups) <= MAX_GROUPS:
        raise ValueError(
            f"a comparison needs {MIN_GROUPS} to {MAX_GROUPS} episodes or named episodes, got {len(groups)}"
        )
    groups = [(str(label), list(episodes)) for label, episodes in groups]
    lex = lexicon or load_facet_lexicon()
    motif_specs = tuple(motifs) if motifs is not None else load_motif_lexicon()
    texts = ArticleTexts(analyses)
    if all_episodes is None:
        all_episodes = episodes_of(groups, analyses)
    known = [*all_episodes, *(e for _, eps in groups for e in eps)]
    pools = build_pools(groups, texts, known)
    asides = build_asides(groups, pools, texts, known)
    citations, numbers = _citations(groups, pools, texts)
    subjects = _subjects(groups, pools, numbers)
    extractor = Extractor(texts, numbers, lex.extract_chars)

    ctx = FacetContext(lex, texts, extractor, groups, pools, asides)
    rows = tuple(
        finish_row(spec, [fill_cell(ctx, spec, s) for s in range(len(groups))], subjects) for spec in lex.facets
    )
    cast = cast_rows(pools, texts, lex.side_order)
    motif_table, carriers = motif_rows(motif_specs, pools, texts, extractor, asides)
    shown = set(ctx.used) | set(carriers)
    aligned, aligned_keys = aligned_groups(alignment_pools(pools, shown), extractor)
    unique = _unique(pools, ctx.used, carriers, aligned_keys, extractor)
    rows, motif_table, shown = place_sentences(rows, motif_table)
    unique = tuple(dataclasses.replace(u, shown_in=shown.get(u.extract.key, "")) for u in unique)

    return Comparison(
        subjects=subjects,
        facets=rows,
        cast=cast,
        motifs=motif_table,
        aligned=aligned,
        unique=unique,
        differences=_differences(rows, aligned, unique, subjects),
        citations=citations,
        empty_text=lex.empty,
        side_words=dict(lex.side_words),
        summary=summarise(rows, subjects),
    )


__all__ = ["MAX_GROUPS", "MIN_GROUPS", "compare"]
