"""``overtures present --pdf`` with the reader's annotations: corrections applied and a note on an
episode on its slide, as in the window (issue 13: "they apply everywhere … slides")."""

from __future__ import annotations

import json
import unicodedata

from pypdf import PdfReader

from .test_annotations_cli import run

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"overtures": "urn:x-overtures:ns:"}]


def _episode(ident: str, episode: str, motivation: str, body: dict) -> dict:
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{ident}",
        "type": "Annotation",
        "motivation": motivation,
        "body": body,
        "target": {"source": "urn:x-overtures:episode:" + episode},
    }


def test_the_handout_shows_a_renamed_episode_and_the_readers_note_on_its_slide(tmp_path):
    home = tmp_path / "home"
    episodes = json.loads(run(home, "analyze", "--json").stdout)["episodes"]
    mitchell = next(e for e in episodes if e["title"].startswith("Mitchell visits Minsk"))["id"]
    rename = {
        "type": "overtures:Correction",
        "overtures:kind": "episode-rename",
        "overtures:title": "Mitchell in Minsk",
    }
    note = {"type": "TextualBody", "value": "Ask: why a *first* visit in ten years?", "format": "text/markdown"}
    path = tmp_path / "lesson-notes.jsonld"
    path.write_text(
        json.dumps([_episode("r1", mitchell, "editing", rename), _episode("n1", mitchell, "commenting", note)]),
        encoding="utf-8",
    )
    assert run(home, "annotations", "import", str(path)).returncode == 0
    target = tmp_path / "lesson.pdf"
    made = run(home, "present", "--pdf", str(target))
    assert made.returncode == 0, made.stderr
    pages = [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in PdfReader(str(target)).pages]
    slide = next(p for p in pages if "Mitchell in Minsk" in p)
    assert "Ask: why a first visit in ten years?" in slide
    assert not any("Mitchell visits Minsk; meets" in p for p in pages[1:])  # the rename applies on the slides
