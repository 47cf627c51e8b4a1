"""The comparison of the default trio says only what is true (issue 14).

No cell says "not stated" while a sentence of the subject's sources carries the facet or
motif; the dates of the episodes are no difference and are said once per cell; a sentence
is shown in full in one row only; the summary's sentences come from cells of the table.
"""

from __future__ import annotations

import re

import pytest

from desktop.core.compare.comparison import compare
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.facet_context import FacetContext
from desktop.core.compare.facets import cue_candidates
from desktop.core.compare.html import comparison_html
from desktop.core.compare.lexicon import load_facet_lexicon, load_motif_lexicon
from desktop.core.compare.pools import OTHER, ArticleTexts, PoolSentence
from desktop.core.compare.records import NONE

from .test_comparison import world  # noqa: F401  (the module fixture: analyses, episodes, groups)


@pytest.fixture(scope="module")
def trio(world):  # noqa: F811
    return compare(world["groups"], world["analyses"], all_episodes=world["episodes"].episodes)


def _every_sentence(subject, articles, analyses) -> list[PoolSentence]:
    """Every sentence of the subject's source articles, whatever episode it is evidence of."""
    out = []
    for article in articles:
        analysis = analyses[article]
        for start, end in analysis.sentences:
            out.append(PoolSentence(subject, article, start, end, OTHER, len(out), analysis.text[start:end]))
    return out


def test_no_false_not_stated_in_facets(trio, world):  # noqa: F811
    analyses = world["analyses"]
    lex = load_facet_lexicon()
    texts = ArticleTexts(analyses)
    everything = [_every_sentence(s.index, s.articles, analyses) for s in trio.subjects]
    ctx = FacetContext(lex, texts, Extractor(texts, {}, lex.extract_chars), world["groups"], everything)
    specs = {spec.id: spec for spec in lex.facets}
    checked = 0
    for row in trio.facets:
        spec = specs[row.id]
        for cell in row.cells:
            if cell.empty and spec.kind == "cues":
                checked += 1
                found = cue_candidates(ctx, spec, everything[cell.subject])
                assert not found, (row.id, cell.subject, [c[0].text[:80] for c in found])
    assert checked  # the trio has empty cells: each was checked against every sentence


def test_no_false_not_stated_in_motifs(trio, world):  # noqa: F811
    analyses = world["analyses"]
    motifs = {m.id: m for m in load_motif_lexicon()}
    for row in trio.motifs:
        pattern = motifs[row.id].cues.pattern
        for subject, cell in zip(trio.subjects, row.cells, strict=True):
            if cell:
                continue
            for article in subject.articles:
                hits = [m.group() for m in pattern.finditer(analyses[article].text) if m.group()]
                assert not hits, (row.id, subject.label, article, hits)


def test_the_mediation_offer_of_2018_is_found(trio):
    row = trio.motif("mediation")
    assert row.marker != NONE and row.cells[0]
    aside = [e for e in row.cells[0] if e.about]
    assert aside and all(e.evidence == "aside" for e in aside)  # named as about another episode


def test_years_in_when_are_no_difference(trio):
    when = [i for i, row in enumerate(trio.facets) if row.kind == "when"]
    assert when
    for index in when:
        assert trio.difference_anchor("facet", index) == ""
        assert "not counted" in trio.facets[index].note
    assert all(d.kind != "facet" or trio.facets[d.index].kind != "when" for d in trio.differences)


def _when_row_html(html: str) -> str:
    start = html.index('name="facet-when"')
    end = html.index('name="facet-', start + 10)
    return html[start:end]


@pytest.mark.parametrize("for_print", [False, True])
def test_the_date_appears_once_per_cell(trio, world, for_print):  # noqa: F811
    html = comparison_html(trio, world["analyses"], for_print=for_print)
    row = _when_row_html(html)
    assert 'class="terms"' not in row  # no list of years besides the dates in words
    cells = trio.facet("when").cells
    for cell in cells:
        assert cell.summary
        assert row.count(f'<p class="summary">{cell.summary}</p>') == 1


def test_no_sentence_is_shown_in_full_in_two_rows(trio):
    full: dict[tuple[str, int], list[str]] = {}
    for row in trio.facets:
        for cell in row.cells:
            for e in cell.extracts:
                if not e.see:
                    full.setdefault(e.key, []).append(row.id)
    for row in trio.motifs:
        for cell in row.cells:
            for e in cell:
                if not e.see:
                    full.setdefault(e.key, []).append(row.id)
    repeated = {k: v for k, v in full.items() if len(v) > 1}
    assert not repeated
    labels = {r.label for r in trio.facets} | {r.label for r in trio.motifs}
    refs = [e.see for r in trio.facets for c in r.cells for e in c.extracts if e.see]
    assert refs and set(refs) <= labels  # references name rows that exist
    for item in trio.unique:  # a one-episode sentence shown in a row is not shown again
        assert not item.shown_in or item.shown_in in labels
        assert bool(item.shown_in) == (item.extract.key in full)


def test_no_sentence_text_is_repeated_verbatim_in_the_html(trio, world):  # noqa: F811
    """Outside the word diffs of aligned sentences (which need the whole sentences), a sentence's
    text is written out once: in its row, or in the list of sentences of one episode."""
    html = comparison_html(trio, world["analyses"], for_print=True)
    html = html[: html.index('name="aligned"')] + html[html.index('name="unique"') :]
    plain = re.sub(r"<[^>]+>", "", html)
    for row in trio.facets:
        for cell in row.cells:
            for e in cell.extracts:
                if len(e.text) > 60:
                    assert plain.count(e.text) <= 1, e.text[:80]


def test_summary_sentences_cite_cells_that_exist(trio):
    assert len(trio.summary) >= 3
    kinds = {s.kind for s in trio.summary}
    assert {"recurs", "changed", "carried"} <= kinds
    for sentence in trio.summary:
        assert sentence.cells and sentence.citations
        cited = set()
        for facet_id, subject in sentence.cells:
            row = trio.facet(facet_id)
            assert row is not None and 0 <= subject < len(trio.subjects)
            cell = row.cells[subject]
            assert row.label in sentence.text or sentence.kind == "carried"  # its rendering names the row
            if cell.empty:
                assert "not stated" in sentence.text
                continue
            assert trio.subjects[subject].label in sentence.text or sentence.kind == "recurs"
            cited |= {e.citation for e in cell.extracts} or set(trio.subjects[subject].citations)
        assert set(sentence.citations) <= cited
    recurs = next(s for s in trio.summary if s.kind == "recurs")
    for facet_id in dict.fromkeys(f for f, _ in recurs.cells):
        for term in trio.facet(facet_id).common:
            assert term.label in recurs.text


def test_summary_is_rendered_first(trio, world):  # noqa: F811
    html = comparison_html(trio, world["analyses"])
    assert html.index('name="summary"') < html.index('name="facets"')
    for sentence in trio.summary:
        assert sentence.text.replace("&", "&amp;") in html
        for facet, subject in sentence.cells:  # each row it is written from: a link to its cells there
            assert f'href="cells:{facet}:' in html and f'name="cell-{facet}-{subject}"' in html


def test_no_internal_words_in_the_html(trio, world):  # noqa: F811
    for for_print in (False, True):
        plain = re.sub(r"<[^>]+>", "", comparison_html(trio, world["analyses"], for_print=for_print))
        assert not re.search(r"\+\d+ more|\bmotif: |\bevidence, |\bfacet:|\bcue:", plain)


def test_who_carried_the_message_names_minsk_s_messengers_only(trio, world):  # noqa: F811
    """The messengers of the summary are the parties on the messenger row's sides (the
    gazetteer's sides of each actor), never the visitor the cell says met them."""
    carried = next(s for s in trio.summary if s.kind == "carried")
    row = trio.facet(carried.cells[0][0])
    spec = next(f for f in load_facet_lexicon().facets if f.id == row.id)
    own = load_facet_lexicon().sides[spec.sides]
    sides: dict[str, set[str]] = {}
    for analysis in world["analyses"].values():
        for m in analysis.actors:
            if m.kind == "person":
                sides.setdefault(m.name.split()[-1], set()).add(m.side)
    said = carried.text
    for subject in trio.subjects:  # the episodes' labels ("2018 Mitchell visit") name no messenger
        said = said.replace(subject.label, "")
    named = [name for name in sides if re.search(rf"\b{re.escape(name)}\b", said)]
    assert named  # it names people
    for name in named:
        assert sides[name] & own, f"{name} ({sides[name]}) is not one of the row's sides {own}"
    first = trio.subjects[0].label
    said = carried.text.split(f"{first}: ", 1)[1].split(";")[0]
    assert said.startswith(row.cells[0].parties[0])  # the first messenger, not who met them
    html = comparison_html(trio, world["analyses"], for_print=True)
    assert f"(row: {row.label})" in html.replace("&#x27;", "'").replace("&#39;", "'")  # names its row on paper
