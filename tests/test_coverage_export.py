"""``overtures export --coverage EPISODE_ID -o FILE.pdf``: one episode told by several outlets.

Run as a user runs it (a subprocess, no display) on the dev set's Coale articles, with the
dev set's invented outlets given as the user's outlets file.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.compare.coverage_html import source_count
from desktop.core.episodes.grouping import build_episodes
from desktop.core.files import paths
from desktop.core.text.articles import load_corpus
from tests.test_cli import run

DEVSET = Path(__file__).resolve().parent / "devset"
COALE = sorted((DEVSET / "articles").glob("dev-coale-*.md"))


@pytest.fixture(scope="module")
def coale(tmp_path_factory):
    """The Coale articles in a folder, their analyses and the episodes."""
    folder = tmp_path_factory.mktemp("coale")
    for path in COALE:
        shutil.copy(path, folder / path.name)
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_corpus(folder)}
    return folder, analyses, build_episodes(list(analyses.values()))


@pytest.fixture
def outlets(fresh_user_dirs):
    """The dev set's outlets as the user's outlets file (the subprocess inherits the folder)."""
    target = paths.data_dir() / "outlets.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEVSET / "outlets.yaml", target)
    return target


def _episode(coale, most: bool = True):
    _folder, analyses, episodes = coale
    counted = sorted(episodes.episodes, key=lambda e: (source_count(e, analyses), e.id))
    return counted[-1] if most else counted[0]


def _text(path: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())  # ligatures ("ﬀ") as letters


def test_export_coverage_writes_a_pdf_with_a_column_per_source(coale, outlets, tmp_path):
    folder, analyses, _episodes = coale
    episode = _episode(coale)
    assert source_count(episode, analyses) >= 3
    target = tmp_path / "coverage.pdf"
    out = run("export", "--coverage", episode.id, "-o", str(target), str(folder), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pages" in out.stdout
    assert target.read_bytes().startswith(b"%PDF")
    text = _text(target)
    for article in (analyses[a].article for a in episode.articles if a in analyses):
        assert article.outlet in text
    for words in ("state media", "exiled", "official", "What it says happened", "What it leaves out"):
        assert words in text, words
    squeezed = text.replace(" ", "")  # pypdf may cut a heading's first letter off ("S ources")
    assert "Alignedsentences" in squeezed and "Sources" in squeezed
    assert "+1 more" not in text
    assert [p.name for p in tmp_path.glob("*.pdf*")] == [target.name]  # the temporary file was renamed


def test_export_coverage_of_an_unknown_episode_lists_the_ids_and_writes_nothing(coale, tmp_path):
    folder, _analyses, episodes = coale
    target = tmp_path / "x.pdf"
    out = run("export", "--coverage", "no-such-episode", "-o", str(target), str(folder), cwd=tmp_path)
    assert out.returncode == 2
    assert "unknown episode id: no-such-episode" in out.stderr and "valid ids" in out.stderr
    assert episodes.episodes[0].id in out.stderr
    assert not target.exists() and not list(tmp_path.glob("*.pdf*"))


def test_export_coverage_of_a_one_source_episode_says_so_and_writes_nothing(coale, tmp_path):
    folder, analyses, _episodes = coale
    episode = _episode(coale, most=False)
    assert source_count(episode, analyses) == 1
    target = tmp_path / "x.pdf"
    out = run("export", "--coverage", episode.id, "-o", str(target), str(folder), cwd=tmp_path)
    assert out.returncode == 2
    assert "1 source article" in out.stderr and "at least 2" in out.stderr
    assert not target.exists() and not list(tmp_path.glob("*.pdf*"))


def test_the_coverage_handout_opens_on_a_finished_first_page(coale, outlets, tmp_path):
    """Title, the episode, the sources with their kind and date, then the rows; a full page."""
    from pypdf import PdfReader

    from tests.test_pdf_truth import _fill

    folder, analyses, _episodes = coale
    episode = _episode(coale)
    target = tmp_path / "coverage.pdf"
    out = run("export", "--coverage", episode.id, "-o", str(target), str(folder), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    reader = PdfReader(str(target))
    first = " ".join(unicodedata.normalize("NFKC", reader.pages[0].extract_text()).split())
    squeezed = first.replace(" ", "")
    assert f"Coverage:{episode.title}".replace(" ", "") in squeezed
    assert f"Theepisode:{episode.title},{episode.date_words()}".replace(" ", "") in squeezed
    for kind in ("foreign press", "exiled", "official", "state media"):
        assert kind in first, kind
    for article in (analyses[a].article for a in episode.articles if a in analyses):
        assert article.outlet.split()[0] in first
    assert "What it says happened" in first  # the rows begin on the first page
    assert _fill(reader.pages[0]) >= 0.8  # and fill it
    fills = [_fill(page) for page in reader.pages[:-1]]
    assert sum(fills) / len(fills) >= 0.70, fills
    text = _text(target)
    assert " and 1 others" not in text
