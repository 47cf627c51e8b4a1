"""Every start removes temporary files a killed write left behind, and keeps a log."""

from __future__ import annotations

import json
import os
import time

from tests.test_cli import ROOT, run


def test_a_start_removes_stale_temporaries_and_keeps_young_ones(tmp_path):
    base = tmp_path / "home"
    config = base / "config"
    config.mkdir(parents=True)
    stale = config / ".settings.json.k3j2h1ab.part"
    stale.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    young = config / ".settings.json.a9b8c7de.part"  # another instance writing right now
    young.write_text("in progress", encoding="utf-8")
    icons = base / "cache" / "icons" / "dark"
    icons.mkdir(parents=True)
    icon = icons / ".close.svg.x1y2z3w4.part"  # a killed write of a recoloured icon
    icon.write_text("<svg", encoding="utf-8")
    os.utime(icon, (old, old))
    exports = base / "exports"  # where the window last exported to
    exports.mkdir()
    export = exports / ".comparison.pdf.q1w2e3r4.part"
    export.write_text("%PDF-1.4", encoding="utf-8")
    os.utime(export, (old, old))
    (config / "settings.json").write_text(json.dumps({"last_export_dir": str(exports)}), encoding="utf-8")
    stranger = config / "notes.part"  # not of our naming: never touched
    stranger.write_text("the user's", encoding="utf-8")
    os.utime(stranger, (old, old))

    out = run("analyze", str(ROOT / "corpus" / "articles"), "--json", env_extra={"OVERTURES_BASEDIR": str(base)})

    assert out.returncode == 0, out.stderr
    assert not stale.exists() and not icon.exists() and not export.exists()
    assert young.exists() and stranger.exists()
    logs = list(base.rglob("overtures.log"))
    assert logs and "interrupted write" in logs[0].read_text(encoding="utf-8")
