"""Coverage of one episode (desktop.core.compare.coverage) and the kinds of outlets (outlets.py).

Run on the dev set's four-outlet episode (tests/devset/articles/dev-coale-*.md: Coale in Minsk,
told by state media, the president's press service, an exiled outlet and a Western paper). The
dev-set outlets are invented and are given here as a user outlets file, never bundled.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.compare.coverage import HAPPENED, LEAVES_OUT, NAMES, WORDS, coverage, coverage_json
from desktop.core.compare.coverage_lexicon import load_coverage_lexicon, parse_coverage_lexicon
from desktop.core.compare.outlets import (
    KINDS,
    Outlets,
    bundled_outlets_file,
    load_outlets,
    read_outlets_file,
    user_outlets_file,
)
from desktop.core.episodes.grouping import build_episodes
from desktop.core.files.lexicons import DataFileError
from desktop.core.text.articles import Article, load_corpus

DEVSET = Path(__file__).resolve().parents[1] / "devset"
COALE = sorted((DEVSET / "articles").glob("dev-coale-*.md"))
DEV_OUTLETS = DEVSET / "outlets.yaml"


@pytest.fixture(scope="module")
def coale(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coale")
    for path in COALE:
        shutil.copy(path, folder / path.name)
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_corpus(folder)}
    return folder, analyses, build_episodes(list(analyses.values()))


def _dev_kinds() -> dict[str, str]:
    return {e.name: e.kind for e in read_outlets_file(DEV_OUTLETS)}


def _main_episode(coale):
    """The episode of the Coale visit: the one that most of the four articles are sources of."""
    _folder, analyses, episodes = coale
    return max(episodes.episodes, key=lambda e: (len(set(e.articles) & analyses.keys()), e.last))


@pytest.fixture(scope="module")
def cov(coale):
    _folder, analyses, _episodes = coale
    result = coverage(_main_episode(coale), analyses, outlets=Outlets(read_outlets_file(DEV_OUTLETS)))
    assert result is not None
    return result


# --------------------------------------------------------------------------- columns


def test_each_source_column_has_its_outlet_and_kind(coale, cov):
    _folder, analyses, _episodes = coale
    kinds = _dev_kinds()
    assert len(cov.columns) >= 3
    for column in cov.columns:
        article = analyses[column.article].article
        assert column.outlet == article.outlet
        assert column.kind == kinds[article.outlet] != "unknown"
        assert column.title == article.title and isinstance(column.date, dt.date)
    assert len({c.kind for c in cov.columns}) >= 3  # outlets of different kinds
    assert [c.index for c in cov.columns] == list(range(len(cov.columns)))


def test_the_four_outlets_are_one_episode(cov):
    assert {c.article for c in cov.columns} == {p.stem for p in COALE}


def test_every_row_has_one_cell_per_column(cov):
    for row in cov.rows:
        assert [c.column for c in row.cells] == list(range(len(cov.columns)))
    assert cov.row(HAPPENED) is not None and cov.row(LEAVES_OUT) is not None


def test_the_happened_row_holds_the_sources_event_sentences(coale, cov):
    _folder, analyses, _episodes = coale
    row = cov.row(HAPPENED)
    assert all(cell.items for cell in row.cells)
    for cell in row.cells:
        text = analyses[cov.columns[cell.column].article].text
        for item in cell.items:
            ((start, end),) = item.spans
            assert item.text == text[start:end] and item.key


# --------------------------------------------------------------------------- names and words


def test_the_same_person_is_named_in_different_words_across_outlets(coale, cov):
    _folder, analyses, _episodes = coale
    row = cov.row(f"{NAMES}:lukashenko")
    assert row is not None and row.differs
    forms = [{i.label for i in cell.items} for cell in row.cells]
    assert len({frozenset(f) for f in forms}) > 1
    spelled = [" ".join(f) for f in forms]
    assert any("Lukashenka" in s for s in spelled) and any("Lukashenko" in s for s in spelled)
    for cell in row.cells:  # every form is the article's own words at its offsets
        text = analyses[cov.columns[cell.column].article].text
        for item in cell.items:
            assert item.count == len(item.spans)
            assert all(" ".join(text[s:e].split()) == item.label for s, e in item.spans)


def test_the_words_for_the_state_and_the_freed_differ_across_outlets(cov):
    rows = {r.id: r for r in cov.rows_of(WORDS)}
    assert {f"{WORDS}:{g.id}" for g in load_coverage_lexicon().designations} == set(rows)
    assert any(r.differs for r in rows.values())
    state = rows[f"{WORDS}:state"]
    by_kind = {cov.columns[c.column].kind: c.keys for c in state.cells}
    assert "regime" in by_kind["exiled"] and "regime" not in by_kind.get("official", frozenset())


def test_quotes_name_speakers_and_verbs(cov):
    quotes = cov.row("quotes")
    assert any(cell.items for cell in quotes.cells)
    keys = {i.key for cell in quotes.cells for i in cell.items}
    assert "coale" in keys
    assert all(i.detail for cell in quotes.cells for i in cell.items)


def test_dates_carry_their_values(cov):
    dates = cov.row("dates")
    assert all(cell.items for cell in dates.cells)
    assert any(i.key == "2025-09-11" for cell in dates.cells for i in cell.items)


# --------------------------------------------------------------------------- leaves out


def test_leaves_out_names_only_what_other_sources_state(cov):
    row = cov.row(LEAVES_OUT)
    assert any(cell.items for cell in row.cells)
    happened = cov.row(HAPPENED)
    names = cov.rows_of(NAMES)

    def states(column: int, key: str) -> bool:
        kind, _, value = key.partition(":")
        if kind == "event":
            return any(value in i.key.split("+") for i in happened.cells[column].items)
        row = next((r for r in names if r.id == f"{NAMES}:{value}"), None)
        return row is not None and bool(row.cells[column].items)

    for cell in row.cells:
        for item in cell.items:
            assert item.key.split(":")[0] in ("event", "actor")
            assert not states(cell.column, item.key)  # this source does not state it
            assert item.by and cell.column not in item.by
            assert all(states(other, item.key) for other in item.by)  # the others do
            assert item.count == len(item.by)


# --------------------------------------------------------------------------- aligned


def test_sentences_align_across_sources_with_word_diffs(coale, cov):
    _folder, analyses, _episodes = coale
    assert cov.aligned
    assert any(sum(m is not None for m in g.members) >= 2 for g in cov.aligned)
    for group in cov.aligned:
        assert len(group.members) == len(cov.columns)
        for index, member in enumerate(group.members):
            if member is None:
                continue
            assert member.subject == index
            assert member.article == cov.columns[index].article
            assert analyses[member.article].text[member.start : member.end] == member.text
            assert "".join(t.text for t in group.tokens[index]) == member.text


# --------------------------------------------------------------------------- one source, JSON


def test_an_episode_with_one_source_has_no_coverage(coale):
    _folder, analyses, episodes = coale
    single = [e for e in episodes.episodes if len(set(e.articles) & analyses.keys()) == 1]
    assert single
    assert all(coverage(e, analyses, outlets=Outlets()) is None for e in single)
    several = [e for e in episodes.episodes if len(set(e.articles) & analyses.keys()) > 1]
    only_one = {a: analyses[a] for a in list(several[0].articles)[:1]}
    assert coverage(several[0], only_one, outlets=Outlets()) is None


def test_coverage_json_has_the_columns_and_rows(cov):
    data = json.loads(json.dumps(coverage_json(cov)))
    assert [c["kind"] for c in data["columns"]] == [c.kind for c in cov.columns]
    assert {"article", "title", "outlet", "kind", "date"} <= set(data["columns"][0])
    assert [r["id"] for r in data["rows"]] == [r.id for r in cov.rows]
    assert all(len(r["cells"]) == len(cov.columns) for r in data["rows"])
    assert all(len(g["members"]) == len(cov.columns) for g in data["aligned"])


def test_analyze_json_gains_coverage_from_the_user_outlets_file(coale, fresh_user_dirs):
    from desktop.__main__ import main

    folder, analyses, episodes = coale
    user_outlets_file().parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEV_OUTLETS, user_outlets_file())
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["analyze", "--json", str(folder)]) == 0
    document = json.loads(out.getvalue())
    kinds = _dev_kinds()
    for entry in document["episodes"]:
        episode = episodes.get(entry["id"])
        if len(set(episode.articles) & analyses.keys()) > 1:
            assert [c["kind"] for c in entry["coverage"]["columns"]] == [
                kinds[c["outlet"]] for c in entry["coverage"]["columns"]
            ]
        else:
            assert "coverage" not in entry


# --------------------------------------------------------------------------- outlets files


def test_bundled_outlets_are_valid_and_hold_no_dev_set_outlet():
    entries = read_outlets_file(bundled_outlets_file())
    assert len(entries) > 30 and {e.kind for e in entries} <= set(KINDS)
    names = {e.name for e in entries} | {a for e in entries for a in e.aliases}
    assert not {n.casefold() for n in names} & {n.casefold() for n in _dev_kinds()}
    for outlet in ("BelTA", "Nasha Niva", "Zerkalo", "RFE/RL", "Reuters", "TASS", "OSW", "iSANS"):
        assert Outlets(entries).find(outlet) is not None, outlet


def _article(**kw) -> Article:
    return Article(id="x", title="x", body="x", **kw)


def test_kind_from_front_matter_name_or_domain(fresh_user_dirs):
    outlets = load_outlets()
    assert outlets.kind_of(_article(outlet="BelTA")) == "state media"
    assert outlets.kind_of(_article(outlet="the guardian")) == "foreign press"
    assert outlets.kind_of(_article(url="https://www.eng.belta.by/news/1")) == "state media"
    assert outlets.kind_of(_article(outlet="Nowhere Gazette", url="https://nowhere.example/")) == "unknown"
    assert outlets.kind_of(_article(outlet="BelTA", meta={"outlet_kind": "exiled"})) == "exiled"
    assert outlets.kind_of(_article(outlet="BelTA", meta={"outlet_kind": "gossip"})) == "state media"


def test_the_user_file_adds_and_overrides_outlets(fresh_user_dirs):
    path = user_outlets_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "outlets:\n  - {name: BelTA, kind: think tank}\n  - {name: Nowhere Gazette, kind: independent}\n",
        encoding="utf-8",
    )
    outlets = load_outlets()
    assert outlets.kind_of(_article(outlet="BelTA")) == "think tank"
    assert outlets.kind_of(_article(outlet="Nowhere Gazette")) == "independent"
    assert outlets.kind_of(_article(outlet="Reuters")) == "foreign press"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("outlets:\n  - {name: BelTA, kind: blog}\n", "outlets[0].kind: expected one of 'state media'"),
        ("outlets:\n  - {kind: official}\n", "outlets[0]: missing field 'name'"),
        ("outlets:\n  - {name: X, kind: official, domains: ['https://x.org']}\n", "is not a domain name"),
        ("outlets:\n  - {name: X, kind: official, colour: red}\n", "unknown field 'colour'"),
        ("outlets: {name: X}\n", "outlets: expected a list"),
        ("outlets:\n  - {name: X, kind: official\n", "bad YAML at line"),
    ],
)
def test_a_malformed_outlets_file_gives_a_clear_error(fresh_user_dirs, text, problem):
    path = user_outlets_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"outlets\.yaml") as info:
        load_outlets()
    assert problem in str(info.value)


def test_analyze_says_a_malformed_outlets_file_and_goes_on(coale, fresh_user_dirs, capsys):
    from desktop.__main__ import main

    folder, _analyses, _episodes = coale
    user_outlets_file().parent.mkdir(parents=True, exist_ok=True)
    user_outlets_file().write_text("outlets:\n  - {name: BelTA, kind: blog}\n", encoding="utf-8")
    assert main(["analyze", "--json", str(folder)]) == 0
    captured = capsys.readouterr()
    assert "outlets.yaml" in captured.err and "kind: expected one of" in captured.err
    kinds = {c["kind"] for e in json.loads(captured.out)["episodes"] for c in e.get("coverage", {}).get("columns", [])}
    assert kinds == {"unknown"}


def test_a_malformed_coverage_lexicon_names_the_entry():
    with pytest.raises(
        DataFileError,
        match=r"coverage\.yaml: designations\[0\] \(id 's'\): terms\[0\] \(id 't'\): words: needs at least one word",
    ):
        parse_coverage_lexicon({"designations": [{"id": "s", "label": "S", "terms": [{"id": "t", "words": []}]}]})
