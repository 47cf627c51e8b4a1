"""The command line as a user runs it: a real subprocess, no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT, env_extra: dict | None = None, timeout: int = 120):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("DISPLAY", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_help_explains_every_subcommand():
    out = run("--help")
    assert out.returncode == 0
    from desktop.__main__ import SUBCOMMANDS

    for name in SUBCOMMANDS:
        assert name in out.stdout
        sub = run(name, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_startup_probe_prints_ready_ms_and_exits_0(tmp_path):
    out = run("--basedir", str(tmp_path), "--startup-probe")
    assert out.returncode == 0, out.stderr
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert len(line) == 1
    ready = json.loads(line[0])["ready_ms"]
    assert isinstance(ready, int) and ready > 0
    # the probe finished the session like a user: the layout was saved
    settings = json.loads((tmp_path / "config" / "settings.json").read_text(encoding="utf-8"))
    assert settings["open_panes"] == ["reliable-partner-2018", "security-arbitrage-2022"]


def test_unknown_subcommand_is_a_clear_error():
    out = run("frobnicate")
    assert out.returncode == 2
    assert "invalid choice: 'frobnicate'" in out.stderr


def test_analyze_json_contract():
    out = run("analyze", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"articles", "episodes"}
    article = data["articles"][0]
    assert set(article) == {"id", "title", "published", "published_inferred", "text", "actors", "dates"}
    for a in data["articles"]:
        for m in a["actors"]:
            assert set(m) == {"start", "end", "text", "actor", "name", "kind", "side", "via"}
            assert a["text"][m["start"] : m["end"]] == m["text"]
        for d in a["dates"]:
            assert set(d) == {"start", "end", "text", "value", "type", "anchor"}
            assert a["text"][d["start"] : d["end"]] == d["text"]
    named = {e["named"] for e in data["episodes"]}
    assert {"mitchell-visit-2018", "makei-letter-2022", "ryzhankou-push-2024"} <= named


def test_analyze_a_folder_with_a_new_article(tmp_path):
    (tmp_path / "note.txt").write_text(
        "Vilnius talks\nOn 3 March 2021, Gabrielius Landsbergis met Sviatlana Tsikhanouskaya in Vilnius.\n",
        encoding="utf-8",
    )
    out = run("analyze", "--json", str(tmp_path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["articles"][0]["published"] == "2021-03-03" and data["articles"][0]["published_inferred"] is True
    assert any({"landsbergis", "tsikhanouskaya"} <= set(e["actors"]) for e in data["episodes"])


def test_export_writes_a_pdf_with_no_display(tmp_path):
    target = tmp_path / "handout.pdf"
    out = run("export", "-o", str(target), "--paper", "a4", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "pages" in out.stdout
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(target)).pages).split())
    for words in (
        "Minsk's messenger(s)",
        "What Minsk asked for",
        "Mitchell",
        "Makei",
        "Ryzhankou",
        "Sources",
    ):
        assert words in text


def test_export_unknown_episode_lists_valid_ids_and_writes_nothing(tmp_path):
    target = tmp_path / "x.pdf"
    out = run("export", "-o", str(target), "--episodes", "mitchell-visit-2018", "no-such-episode")
    assert out.returncode == 2
    assert "unknown episode id: no-such-episode" in out.stderr
    assert "mitchell-visit-2018" in out.stderr and "valid ids" in out.stderr
    assert not target.exists()


def test_export_to_an_unwritable_place_says_why(tmp_path):
    target = tmp_path / "missing" / "x.pdf"
    out = run("export", "-o", str(target))
    assert out.returncode == 1
    assert "does not exist" in out.stderr
    assert not (tmp_path / "missing").exists()


def test_analyze_in_the_terminal_marks_sides_without_colour():
    out = run("analyze", "--color", "never")
    assert out.returncode == 0, out.stderr
    assert "Alexander Lukashenka[BY]" in out.stdout
    assert "April 12th[2022-04-12]" in out.stdout
    assert "Episodes (" in out.stdout and "[2018 Mitchell visit]" in out.stdout
