"""The comparison engine (desktop.core.compare.comparison) and its HTML (desktop.core.compare.html).

The corpus tests run on the bundled articles with the default trio of named episodes; they
check what the comparison must surface, not sentence offsets (episode extraction may move).
"""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.compare import records as cmp
from desktop.core.compare.comparison import compare
from desktop.core.compare.cues import compile_cues
from desktop.core.compare.html import comparison_html
from desktop.core.compare.html_text import render_spans
from desktop.core.compare.lexicon import parse_facet_lexicon, parse_motif_lexicon
from desktop.core.compare.records import (
    CHANGED,
    IN_ALL,
    IN_ONE,
    IN_SOME,
    NONE,
    NOWHERE,
    PARTIAL,
    SAME,
    FacetCell,
    Term,
    facet_marker,
    presence_marker,
)
from desktop.core.compare.style import comparison_css
from desktop.core.files.lexicons import DataFileError, load_lexicon
from desktop.core.text.markup import Mark

EMPTY = "Not stated in the sources"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Analyses, episodes and the default trio, built once (with a private user folder)."""
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.files import paths
    from desktop.core.text.articles import load_default_corpus

    paths.set_base_dir(tmp_path_factory.mktemp("home"))
    try:
        analyzer = Analyzer()
        analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
        episodes = build_episodes(list(analyses.values()))
        groups, unknown = episodes.resolve(episodes.curation.compare)
        sides = analyzer.sides()
    finally:
        paths.set_base_dir(None)
    assert not unknown
    return {
        "analyses": analyses,
        "episodes": episodes,
        "groups": groups,
        "sides": sides,
        "analyzer": analyzer,
    }


@pytest.fixture(scope="module")
def trio(world):
    return compare(world["groups"], world["analyses"], all_episodes=world["episodes"].episodes)


def all_extracts(c: cmp.Comparison):
    for row in c.facets:
        for cell in row.cells:
            yield from cell.extracts
    for motif in c.motifs:
        for cell in motif.cells:
            yield from cell
    for group in c.aligned:
        yield from (m for m in group.members if m is not None)
    for item in c.unique:
        yield item.extract


# =========================================================================== the default trio


def test_subjects_are_the_three_named_episodes(trio):
    labels = [s.label for s in trio.subjects]
    assert len(labels) == 3
    assert [s.first.year for s in trio.subjects] == [2018, 2022, 2024]
    assert all(s.titles and s.articles and s.citations and s.has_evidence for s in trio.subjects)


def test_messenger_row_shows_president_and_foreign_ministers(trio):
    row = trio.facet("messenger")
    assert row.marker == CHANGED
    roles = [{t.label for t in cell.terms} for cell in row.cells]
    assert roles[0] >= {"president", "foreign minister"}
    assert "foreign minister" in roles[1] and "president" not in roles[1]
    assert "foreign minister" in roles[2] and "president" not in roles[2]
    assert "president" in {t.label for t in row.differing}
    assert "foreign minister" in {t.label for t in row.common}
    assert "role:president" in row.cells[0].distinct
    assert "president" in row.note
    assert "Lukashenko (president)" in row.cells[0].summary
    assert "Makei (foreign minister)" in row.cells[0].summary
    assert "Mitchell" in row.cells[0].summary  # who met them


def test_counterparts_are_mitchell_then_european_leaders(trio):
    row = trio.facet("counterpart")
    assert "Mitchell" in row.cells[0].summary
    assert "European" in row.cells[1].summary
    assert {t.key for t in row.cells[0].terms} == {"side:us"}
    assert "side:eu" in {t.key for t in row.cells[1].terms}
    assert row.marker in (CHANGED, PARTIAL)


def test_offers_and_asks_are_real_sentences(trio, world):
    analyses = world["analyses"]
    for facet_id in ("offered", "asked"):
        row = trio.facet(facet_id)
        assert row.marker != NONE
        for cell in row.cells:
            assert cell.extracts, (facet_id, cell.subject)
            for e in cell.extracts:
                text = analyses[e.article].text
                assert text[e.start : e.end] == e.text
                assert e.sentence_start <= e.start < e.end <= e.sentence_end
                assert len(e.text) <= 260
    offered = " ".join(e.text for cell in trio.facet("offered").cells for e in cell.extracts)
    assert "reliable" in offered and "assurances" in offered
    asked = trio.facet("asked")
    assert "cue:normalisation" in {t.key for t in asked.common}  # what Minsk repeats


def test_every_extract_is_at_its_offsets_and_cites_its_article(trio, world):
    analyses = world["analyses"]
    extracts = list(all_extracts(trio))
    assert extracts
    for e in extracts:
        assert analyses[e.article].text[e.start : e.end] == e.text
        citation = trio.citation(e.citation)
        assert citation is not None and citation.article == e.article
        assert e.href == f"sentence:{e.article}:{e.sentence_start}:{e.sentence_end}"
        for hit in e.hits:
            assert e.start <= hit.start < hit.end <= e.end


def test_citations_list_each_article_once(trio):
    numbers = [c.number for c in trio.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len({c.article for c in trio.citations}) == len(numbers)
    for c in trio.citations:
        assert c.title and c.outlet and c.published
        assert c.approximate == c.published.startswith("c. ")


def test_empty_cells_say_so_and_invent_nothing(trio):
    assert trio.empty_text == EMPTY
    for row in trio.facets:
        for cell in row.cells:
            if cell.empty:
                assert not cell.terms and not cell.extracts


def test_cast_has_lukashenko_in_all_three(trio):
    row = next(r for r in trio.cast if r.actor == "lukashenko")
    assert row.marker == IN_ALL
    assert all(row.present)
    sides = [r.side for r in trio.cast]
    assert sides[0] == "belarus"
    # grouped by side: each side's rows are contiguous
    seen = []
    for side in sides:
        if not seen or seen[-1] != side:
            assert side not in seen
            seen.append(side)


def test_motifs_recur(trio):
    recurring = {m.id for m in trio.motifs if m.recurs}
    assert len(recurring) >= 3
    assert {"normalisation", "sanctions"} <= recurring
    for motif in trio.motifs:
        assert motif.marker == presence_marker([bool(c) for c in motif.cells])


def test_aligned_groups_diff_back_into_their_sentences(trio):
    assert trio.aligned
    for group in trio.aligned:
        present = [m for m in group.members if m is not None]
        assert len(present) >= 2
        assert len({m.subject for m in present}) == len(present)
        assert group.members[group.base] is not None
        for member, tokens in zip(group.members, group.tokens, strict=True):
            if member is None:
                assert tokens is None
                continue
            assert "".join(t.text for t in tokens) == member.text
            assert all(member.text[t.start : t.end] == t.text for t in tokens)
        if not group.diffable:
            assert all(len(t) == 1 for t in group.tokens if t is not None)


def test_unique_sentences_are_substantive_and_unaligned(trio):
    aligned = {(m.subject, m.article, m.start) for g in trio.aligned for m in g.members if m}
    for item in trio.unique:
        e = item.extract
        assert item.reasons
        assert (e.subject, e.article, e.start) not in aligned


def test_differences_in_order(trio):
    anchors = [d.anchor for d in trio.differences]
    assert anchors == [f"diff-{i}" for i in range(len(anchors))]
    kinds = [d.kind for d in trio.differences]
    assert kinds == sorted(kinds, key=["facet", "aligned", "unique"].index)
    for d in trio.differences:
        if d.kind == "facet":
            assert trio.facets[d.index].marker in (CHANGED, PARTIAL)
        elif d.kind == "aligned":
            assert trio.aligned[d.index].changed
    # The dates of the episodes differ by nature: the When row is no stop (issue 14).
    assert trio.difference_anchor("facet", 0) == ""
    assert trio.difference_anchor("facet", 1) == "diff-0"  # the messenger row


def test_compare_is_fast(world):
    groups, analyses = world["groups"], world["analyses"]
    compare(groups, analyses)  # lexicons loaded, regexes compiled
    times = []
    for _ in range(3):
        start = time.perf_counter()
        compare(groups, analyses)
        times.append(time.perf_counter() - start)
    assert sorted(times)[1] < 0.5  # measured ≈ 0.05 s; the budget is 0.2 s


def test_compare_without_all_episodes_matches(world, trio):
    assert compare(world["groups"], world["analyses"]) == trio


# =========================================================================== other groups


def test_two_and_four_groups(world):
    episodes, analyses = world["episodes"], world["analyses"]
    two, _ = episodes.resolve(["makei-letter-2022", "ryzhankou-push-2024"])
    c2 = compare(two, analyses)
    assert len(c2.subjects) == 2 and all(len(r.cells) == 2 for r in c2.facets)
    assert all(len(r.counts) == 2 for r in c2.cast)
    four, unknown = episodes.resolve([*episodes.curation.compare, "makei-un-2022"])
    assert not unknown and len(four) == 4
    c4 = compare(four, analyses)
    assert len(c4.subjects) == 4 and all(len(r.cells) == 4 for r in c4.facets)
    assert all(len(g.members) == 4 for g in c4.aligned)
    html = comparison_html(c4, analyses)
    assert html.count("<th width=") >= 6


@pytest.mark.parametrize("count", [0, 1, 5])
def test_wrong_number_of_groups_is_refused(world, count):
    groups = (world["groups"] * 2)[:count]
    with pytest.raises(ValueError, match="2 to 4"):
        compare(groups, world["analyses"])


def test_a_group_without_evidence_says_so(world):
    label, episodes = world["groups"][1]
    bare = [dataclasses.replace(e, evidence=[]) for e in episodes]
    groups = [world["groups"][0], (label, bare)]
    c = compare(groups, world["analyses"])
    assert not c.subjects[1].has_evidence
    for row in c.facets:
        assert row.cells[1].empty
        assert row.marker in (PARTIAL, NONE)
    html = comparison_html(c, world["analyses"])
    assert EMPTY in html


def test_odd_input_does_not_raise(world):
    groups = world["groups"]
    # An analysis missing, an episode without articles: the comparison still comes back.
    analyses = {k: v for k, v in world["analyses"].items() if k != "power-play-2024"}
    c = compare(groups, analyses)
    assert not c.subjects[2].has_evidence
    comparison_html(c, analyses)
    empty = [("nothing", []), ("nothing either", [])]
    c = compare(empty, world["analyses"])
    assert all(row.marker == NONE for row in c.facets)
    assert not c.aligned and not c.differences


def test_identical_groups_align_everything_unchanged(world):
    group = world["groups"][1]
    c = compare([group, group], world["analyses"])
    assert all(r.marker in (SAME, NONE) for r in c.facets)
    assert c.aligned and not any(g.changed for g in c.aligned)
    assert all(g.ratio == 1.0 for g in c.aligned)
    assert not c.unique and not c.differences


# =========================================================================== markers


def cell(subject: int, *keys: str, empty: bool = False) -> FacetCell:
    if empty:
        return FacetCell(subject)
    return FacetCell(subject, "x", tuple(Term(k, k) for k in keys))


def test_facet_markers():
    assert facet_marker([cell(0, "a"), cell(1, "a")]) == SAME
    assert facet_marker([cell(0, "a", "b"), cell(1, "a")]) == CHANGED
    assert facet_marker([cell(0, "a"), cell(1, empty=True)]) == PARTIAL
    assert facet_marker([cell(0, empty=True), cell(1, empty=True)]) == NONE


def test_presence_markers():
    assert presence_marker([True, True, True]) == IN_ALL
    assert presence_marker([True, True, False]) == IN_SOME
    assert presence_marker([False, True, False]) == IN_ONE
    assert presence_marker([False, False]) == NOWHERE


# =========================================================================== lexicons and cues


def test_bundled_lexicons_are_valid():
    facets = parse_facet_lexicon(load_lexicon("facets"))
    ids = [f.id for f in facets.facets]
    assert ids == [
        "when",
        "messenger",
        "counterpart",
        "venue",
        "offered",
        "asked",
        "moscow",
        "response",
        "assessment",
    ]
    motifs = parse_motif_lexicon(load_lexicon("motifs"))
    assert len(motifs) >= 11
    assert {
        "normalisation",
        "sanctions",
        "independence",
        "mediation",
        "assurances",
        "migration",
        "prisoners",
        "global-south",
        "confidential",
        "reliability",
        "regional-security",
    } <= {m.id for m in motifs}


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"facets": [{"id": "offered", "label": "Offered", "kind": "cues"}]}, "facet 'offered'"),
        ({"facets": [{"id": "x", "label": "X", "kind": "magic"}]}, "facet 'x'"),
        ({"facets": [{"id": "x", "label": "X", "cues": [{"id": "a", "phrases": []}]}]}, "cue 'a'"),
        ({"facets": [{"id": "x", "label": "X", "cues": [{"phrases": ["p"]}]}]}, "facet 'x'"),
        ({"facets": [{"label": "no id"}]}, "facet #1"),
        ({"facets": [{"id": "m", "label": "M", "kind": "actors", "sides": "nowhere"}]}, "facet 'm'"),
        ({"facets": "not a list"}, "'facets'"),
        (["not", "a", "mapping"], "top level"),
    ],
)
def test_malformed_facets_name_the_entry(data, names):
    with pytest.raises(DataFileError, match=re.escape(names)) as info:
        parse_facet_lexicon(data)
    assert "facets.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("data", "names"),
    [
        ({"motifs": [{"id": "sanctions", "label": "Sanctions"}]}, "motif 'sanctions'"),
        ({"motifs": [{"id": "s", "label": "S", "cues": [3]}]}, "motif 's'"),
        (
            {"motifs": [{"id": "s", "label": "S", "cues": ["a"]}, {"id": "s", "label": "T", "cues": ["b"]}]},
            "motif 's'",
        ),
        ({"motifs": [{"label": "no id", "cues": ["a"]}]}, "motif #1"),
        ({}, "'motifs'"),
    ],
)
def test_malformed_motifs_name_the_entry(data, names):
    with pytest.raises(DataFileError, match=re.escape(names)) as info:
        parse_motif_lexicon(data)
    assert "motifs.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("normalise", "to normalize relations", True),
        ("normalise", "relations were normalised", True),
        ("normalise", "the normalisation of ties", True),
        ("sanctions", "firms sanctioned by the EU", True),
        ("sanctions", "a sanction", True),
        ("ease … sanctions", "and ease international sanctions.", True),
        ("ease … sanctions", "ease sanctions", True),
        ("reliable … partners", "“most reliable, honest and sincere partners”", True),
        ("likely", "is unlikely to", False),
        ("offered", "He also offers to", True),
        ("calls to", "There are CALLS TO find ways", True),
        ("noted", "sanctions are not working", False),
        ("=ease", "eased", False),
        ("Putin's pocket", "in Putin’s pocket", True),
    ],
)
def test_cue_phrases_inflect_on_word_boundaries(phrase, text, matches):
    assert bool(compile_cues([phrase]).search(text)) is matches


# =========================================================================== HTML


def test_html_has_labels_markers_anchors_and_links(trio, world):
    html = comparison_html(trio, world["analyses"], sides=world["sides"])
    for row in trio.facets:
        assert row.label in html
    for word in ("same in all", "changed", "in some only", "nowhere"):
        assert word in html
    for symbol in ("=", "≠", "◐", "∅"):
        assert symbol in html
    for d in trio.differences:
        assert f'<a name="{d.anchor}">' in html
    assert '<a name="diff-0">' in html
    assert 'href="cite:1"' in html
    assert re.search(r'href="sentence:[\w.-]+:\d+:\d+"', html)
    assert 'class="actor-belarus"' in html and 'class="date"' in html
    assert 'class="term-changed"' in html
    assert "d-changed" in html or "d-whole" in html
    for c in trio.citations:
        assert f'<a name="cite-{c.number}">' in html


def test_html_is_qt_rich_text(trio, world):
    for theme in ("light", "dark"):
        for for_print in (False, True):
            html = comparison_html(trio, world["analyses"], theme, for_print=for_print)
            lowered = html.lower()
            for forbidden in ("<script", "display:", "flex", "grid-template", "position:", "float:", "<div"):
                assert forbidden not in lowered, forbidden
            assert lowered.count("<table") == lowered.count("</table>")
            assert lowered.count("<tr>") + lowered.count("<tr ") == lowered.count("</tr>")
            assert lowered.count("<a ") == lowered.count("</a>")


def test_print_html_has_no_view_links(trio, world):
    html = comparison_html(trio, world["analyses"], for_print=True)
    assert "sentence:" not in html and "actor:" not in html and "cite:" not in html
    assert "text-decoration: line-through" in html  # deleted words are struck through on paper too


def test_print_html_puts_each_row_in_a_table_of_its_own(trio, world):
    """So that a PDF exporter can move a whole row to the next page (Qt splits rows otherwise)."""
    screen = comparison_html(trio, world["analyses"])
    paper = comparison_html(trio, world["analyses"], for_print=True)
    rows = len(trio.facets) + len(trio.aligned)  # the cast is one compact table of one-line rows (issue 14)
    assert paper.count("<table") > screen.count("<table") + rows - 10
    # sentences found in one episode only are a list per episode, not a sparse grid; those
    # already shown in a row are named in one line (issue 14)
    assert paper.count("<li") >= len([u for u in trio.unique if not u.shown_in])
    assert screen.count("<thead>") > 1 and paper.count("<thead>") == 2  # the episodes and the cast
    for row in re.findall(r"<table[^>]*><tr>(.*?)</tr></table>", paper):
        assert row.count("<tr") == 0  # one row per table


def test_sections_can_be_left_out(trio, world):
    html = comparison_html(trio, world["analyses"], sections=("facets",))
    assert '<a name="facets">' in html and '<a name="cast">' not in html and '<a name="aligned">' not in html
    assert '<a name="sources">' in html


def test_css_follows_the_theme():
    light, dark = comparison_css("light"), comparison_css("dark")
    assert light != dark
    assert ".m-changed" in light and ".actor-belarus" in light
    assert comparison_css("dark", for_print=True) == comparison_css("light", for_print=True)


def test_render_spans_nests_marks_and_never_nests_links():
    text = "Wess Mitchell met Makei."
    marks = [
        Mark(0, 13, classes="actor-us", href="actor:mitchell"),
        Mark(5, 17, classes="cue"),
        Mark(5, 13, classes="x", href="actor:other"),
    ]
    out = render_spans(text, marks)
    assert re.sub(r"<[^>]+>", "", out) == text
    depth = 0
    for tag in re.findall(r"</?a\b", out):
        depth += 1 if tag == "<a" else -1
        assert depth <= 1
    assert render_spans("a < b & c", []) == "a &lt; b &amp; c"


# =========================================================================== odd texts

_WORDS = st.sampled_from(
    [
        "Minsk",
        "Lukashenko",
        "the",
        "West",
        "sanctions",
        "normalise",
        "relations",
        "offered",
        "Kremlin",
        "“quoted”",
        "…",
        "—",
        "U.S.",
        "2022",
        "on",
        "April 14th",
        "reliable",
        "partners",
        ",",
        "Ryzhankou",
        "é",
        "\u00a0",
    ]
)
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=40).map(lambda ws: " ".join(ws) + ".")


def _episode(analysis, label: str):
    import datetime as dt

    from desktop.core.episodes.event_records import Evidence
    from desktop.core.episodes.grouping import Episode

    evidence = [Evidence(analysis.article.id, s, e, i == 0) for i, (s, e) in enumerate(analysis.sentences)]
    day = dt.date(2022, 4, 6)
    return Episode(
        id=label, title=label, type="letter", type_label="Letter", family="letter", value="2022-04-06",
        first=day, last=day, events=[], participants=[], sources=[], targets=[], place=None,
        articles=[analysis.article.id], evidence=evidence, summary="", confidence=0.5, planned=False,
    )  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_SENTENCE, min_size=1, max_size=6), st.lists(_SENTENCE, min_size=1, max_size=6))
def test_odd_texts_never_raise(world, first, second):
    from desktop.core.text.articles import Article

    analyzer = world["analyzer"]
    analyses = {}
    groups = []
    for name, sentences in (("odd-a", first), ("odd-b", second)):
        text = " ".join(sentences)
        article = Article(id=name, title=name, body=text)
        analysis = analyzer.analyze(article)
        analyses[name] = analysis
        groups.append((name, [_episode(analysis, name)]))
    c = compare(groups, analyses)
    for e in all_extracts(c):
        assert analyses[e.article].text[e.start : e.end] == e.text
    for group in c.aligned:
        for member, tokens in zip(group.members, group.tokens, strict=True):
            if member is not None:
                assert "".join(t.text for t in tokens) == member.text
    comparison_html(c, analyses, for_print=True)
