"""``overtures annotations import|export`` and ``analyze --json`` with corrections, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "annotations.jsonld"


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OVERTURES_BASEDIR": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def _example() -> list[dict]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _by_kind(kind: str) -> dict:
    return next(a for a in _example() if a.get("body", {}).get("overtures:kind") == kind)


def _article(annotation: dict) -> str:
    return annotation["target"]["source"].rsplit(":", 1)[-1]


def _exact(annotation: dict) -> str:
    return next(s for s in annotation["target"]["selector"] if s["type"] == "TextQuoteSelector")["exact"]


def test_the_example_has_an_identity_a_date_and_a_note():
    kinds = sorted(a["body"].get("overtures:kind", a["motivation"]) for a in _example())
    assert kinds == ["actor-is", "commenting", "date-is"]


def test_import_analyze_export_round_trip(tmp_path):
    home = tmp_path / "home"
    first = run(home, "annotations", "import", str(EXAMPLE))
    assert first.returncode == 0, first.stderr
    assert "imported 3 annotation(s)" in first.stdout
    stored = (home / "data" / "annotations.json").read_bytes()
    again = run(home, "annotations", "import", str(EXAMPLE))
    assert again.returncode == 0 and "imported 0 annotation(s)" in again.stdout and "3 already there" in again.stdout
    assert (home / "data" / "annotations.json").read_bytes() == stored  # importing twice adds nothing

    analysed = run(home, "analyze", "--json")
    assert analysed.returncode == 0, analysed.stderr
    articles = {a["id"]: a for a in json.loads(analysed.stdout)["articles"]}
    corrected = [(a["id"], m) for a in articles.values() for m in a["actors"] + a["dates"] if m.get("corrected")]
    assert len(corrected) == 2
    identity, date = _by_kind("actor-is"), _by_kind("date-is")
    actor = next(m for aid, m in corrected if "actor" in m)
    assert actor["actor"] == identity["body"]["overtures:actor"] and actor["text"] == _exact(identity)
    assert actor["via"] == "user"
    when = next(m for aid, m in corrected if "value" in m)
    assert when["value"] == date["body"]["overtures:value"] and when["text"] == _exact(date)
    for annotation in (identity, date):
        listed = articles[_article(annotation)]["corrections"]
        assert [c["status"] for c in listed] == ["applied"]
    note = next(a for a in _example() if a["motivation"] == "commenting")
    (placed,) = articles[_article(note)]["notes"]
    assert not placed["orphaned"] and articles[_article(note)]["text"][placed["start"] : placed["end"]] == _exact(note)

    out = tmp_path / "exported.jsonld"
    exported = run(home, "annotations", "export", str(out))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == _example()


def test_analyze_without_annotations_has_no_correction_fields(tmp_path):
    analysed = run(tmp_path / "home", "analyze", "--json")
    document = json.loads(analysed.stdout)
    assert "episode_corrections" not in document
    for article in document["articles"]:
        assert "corrections" not in article and "notes" not in article
        assert not any("corrected" in m for m in article["actors"] + article["dates"])


def test_a_partly_bad_file_imports_the_good_part_and_lists_the_rest(tmp_path):
    good = _example()
    unknown = json.loads(json.dumps(good[0]))
    unknown["id"] = "urn:uuid:unknown-article"
    unknown["target"]["source"] = "urn:x-overtures:article:no-such-article"
    moved = json.loads(json.dumps(good[1]))
    moved["id"] = "urn:uuid:words-gone"
    moved["target"]["selector"][0].update(exact="words that are nowhere in the article", prefix="x", suffix="y")
    path = tmp_path / "mixed.jsonld"
    path.write_text(json.dumps([good[0], {"type": "Annotation"}, unknown, moved]), encoding="utf-8")
    result = run(tmp_path / "home", "annotations", "import", str(path))
    assert result.returncode == 1
    assert "imported 2 annotation(s)" in result.stdout
    assert "annotation 2" in result.stderr and "@context" in result.stderr
    assert "no-such-article" in result.stderr and "words-gone" in result.stderr and "orphaned" in result.stderr
    analysed = run(tmp_path / "home", "analyze", "--json")
    statuses = {c["id"]: c["status"] for a in json.loads(analysed.stdout)["articles"] for c in a.get("corrections", [])}
    assert statuses == {good[0]["id"].removeprefix("urn:uuid:"): "applied", "words-gone": "orphaned"}
    assert "words-gone" in analysed.stderr


def test_a_file_that_is_not_json_is_refused_clearly(tmp_path):
    path = tmp_path / "broken.jsonld"
    path.write_text("[{", encoding="utf-8")
    result = run(tmp_path / "home", "annotations", "import", str(path))
    assert result.returncode == 1 and "is not JSON" in result.stderr
    assert not (tmp_path / "home" / "data" / "annotations.json").exists()


def test_an_episode_rename_is_applied_and_marked(tmp_path):
    home = tmp_path / "home"
    first = json.loads(run(home, "analyze", "--json").stdout)["episodes"][0]
    rename = {
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"overtures": "urn:x-overtures:ns:"}],
        "id": "urn:uuid:rename-1",
        "type": "Annotation",
        "motivation": "editing",
        "body": {"type": "overtures:Correction", "overtures:kind": "episode-rename", "overtures:title": "Mine"},
        "target": {"source": "urn:x-overtures:episode:" + first["id"]},
    }
    path = tmp_path / "rename.jsonld"
    path.write_text(json.dumps([rename]), encoding="utf-8")
    assert run(home, "annotations", "import", str(path)).returncode == 0
    document = json.loads(run(home, "analyze", "--json").stdout)
    episode = next(e for e in document["episodes"] if e["id"] == first["id"])
    assert episode["title"] == "Mine" and episode["corrected"] is True
    assert document["episode_corrections"] == [{"id": "rename-1", "kind": "episode-rename", "status": "applied"}]


def test_export_notes_puts_the_readers_notes_at_the_end_of_the_handout(tmp_path):
    from pypdf import PdfReader

    from desktop.core.annotations import jsonld
    from desktop.core.annotations import notes as core
    from desktop.core.text.articles import load_article

    home = tmp_path / "home"
    article = load_article(ROOT / "corpus" / "articles" / "reliable-partner-2018.md", bundled=True)
    from desktop.core.text.markup import plain_text

    text = plain_text(article.body)
    at = text.index("Mitchell")
    note = core.passage_note(article.id, text, at, at + len("Mitchell"), "Compare **his** words with 2022.")
    path = tmp_path / "note.jsonld"
    path.write_text(json.dumps(jsonld.export_document([note])), encoding="utf-8")
    assert run(home, "annotations", "import", str(path)).returncode == 0

    def pdf_text(*extra: str) -> str:
        target = tmp_path / f"handout{len(extra)}.pdf"
        result = run(home, "export", "-o", str(target), *extra)
        assert result.returncode == 0, result.stderr
        return " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())

    with_notes = pdf_text("--notes")
    assert "Compare his words with 2022." in with_notes
    squeezed = with_notes.replace(" ", "")  # the PDF's text may split "Your" at its kerning
    assert squeezed.rindex("Yournotes") > squeezed.rindex("Sources")  # a section at the end
    assert "Compare his words" not in pdf_text()
