"""``overtures import`` and ``overtures search`` in a subprocess, in a temporary user folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.core.text.articles import load_article

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "library"


def run(tmp_path, *args):
    env = {**os.environ, "OVERTURES_BASEDIR": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_search_lukashenka_finds_the_articles_saying_lukashenko(tmp_path):
    result = run(tmp_path, "search", "Lukashenka", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    ids = {h["article_id"] for h in hits}
    articles = [load_article(p) for p in (ROOT / "corpus" / "articles").glob("*.md")]
    saying = {a.id for a in articles if "Lukashenko" in a.body}
    assert saying and saying <= ids
    assert all({"title", "outlet", "date", "snippet", "offset"} <= set(h) for h in hits)


def test_import_reports_what_was_imported_and_why_not(tmp_path):
    result = run(tmp_path, "import", str(DATA / "news-page.html"), str(DATA / "paywall.html"), "--json")
    assert result.returncode == 1
    outcomes = json.loads(result.stdout)
    good, bad = outcomes
    assert good["imported"] and good["outlet"] == "Eastern Ledger"
    assert (good["date"], good["date_found_by"]) == ("2025-03-14", "metadata")
    assert not bad["imported"] and "paywall" in bad["problem"]
    found = json.loads(run(tmp_path, "search", "freight queues", "--json").stdout)
    assert [h["article_id"] for h in found] == [good["id"]]
    text = run(tmp_path, "import", str(DATA / "notes.txt"))
    assert text.returncode == 0 and "imported" in text.stdout
