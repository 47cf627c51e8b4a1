"""An episode the reader edited is marked "corrected by you" at the head of its column, in the
comparison and in its PDF handout (issue 13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotations import episode_edits as make
from desktop.core.annotations.episodes import apply_episode_edits
from desktop.core.compare.handout import build_comparison, default_ids
from desktop.core.compare.html import comparison_html
from desktop.core.compare.html_text import CORRECTED_MARK, CORRECTED_TIP, CORRECTED_WORDS, attr
from desktop.core.compare.summary_page import summary_page_html
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import load_default_corpus

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trio():
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    episode_set = build_episodes(list(analyses.values()))
    texts = {key: a.text for key, a in analyses.items()}
    groups, _unknown = episode_set.resolve(default_ids(episode_set)[1:2])  # the second of the trio
    episode = groups[0][1][0]
    edited, outcome = apply_episode_edits(episode_set, [make.rename(episode, "Renamed by me", texts)], texts)
    assert outcome.corrected == {episode.id}
    return analyses, episode_set, edited


def _heads(html: str) -> list[str]:
    """The column heads of the side-by-side table (its first ``<thead>`` row after "Facet")."""
    row = html.split(">Facet</th>", 1)[1].split("</tr>", 1)[0]
    return row.split("</th>")[:-1]


def test_only_the_edited_episodes_column_head_says_corrected_by_you(trio):
    analyses, plain, edited = trio
    comparison = build_comparison(edited, analyses)
    assert [s.corrected for s in comparison.subjects] == [False, True, False]
    for for_print in (False, True):
        heads = _heads(comparison_html(comparison, analyses, for_print=for_print))
        assert len(heads) == 3
        marked = [f"{CORRECTED_MARK} {CORRECTED_WORDS}" in h for h in heads]
        assert marked == [False, True, False]
        assert f'title="{attr(CORRECTED_TIP)}"' in heads[1]  # a tooltip on screen says what it means
    untouched = build_comparison(plain, analyses)
    assert not any(s.corrected for s in untouched.subjects)
    assert CORRECTED_WORDS not in comparison_html(untouched, analyses)
    page = summary_page_html(comparison, analyses)
    assert page.count(CORRECTED_MARK) == 2  # the episodes' line (with its words) and the table's head
    assert CORRECTED_WORDS not in summary_page_html(untouched, analyses)


def _run(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OVERTURES_BASEDIR": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_the_pdf_marks_the_episode_renamed_in_the_data_folder(tmp_path, trio):
    from pypdf import PdfReader

    _analyses, plain, _edited = trio
    home = tmp_path / "home"
    groups, _unknown = plain.resolve(default_ids(plain)[:1])
    rename = {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"overtures": "urn:x-overtures:ns:"}],
        "id": "urn:uuid:rename-head",
        "type": "Annotation",
        "motivation": "editing",
        "body": {"type": "overtures:Correction", "overtures:kind": "episode-rename", "overtures:title": "Mine"},
        "target": {"source": "urn:x-overtures:episode:" + groups[0][1][0].id},
    }
    path = tmp_path / "rename.jsonld"
    path.write_text(json.dumps([rename]), encoding="utf-8")

    def pages(name: str) -> list[str]:
        target = tmp_path / name
        result = _run(home, "export", "-o", str(target))
        assert result.returncode == 0, result.stderr
        texts = [p.extract_text() for p in PdfReader(str(target)).pages]
        return ["".join(unicodedata.normalize("NFKC", t).split()) for t in texts]

    assert not any("correctedbyyou" in page for page in pages("before.pdf"))
    assert _run(home, "annotations", "import", str(path)).returncode == 0
    after = pages("after.pdf")
    assert "2018Mitchellvisit" + CORRECTED_MARK + "correctedbyyou" in after[0]  # the episodes' table
    # and the column head of every table of the episodes side by side (facets, motifs, aligned)
    assert "".join(after).count("correctedbyyou") >= 3
