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
