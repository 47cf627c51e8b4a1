import json
import os

import pytest

from desktop.core.files import paths
from desktop.core.files.fileio import WriteError, atomic_open, write_text_atomic
from desktop.core.files.settings import DEFAULTS, load_settings


def test_settings_live_under_the_test_base_dir(fresh_user_dirs):
    s = load_settings()
    assert s.path == fresh_user_dirs / "config" / "settings.json"
    assert s.path.is_relative_to(fresh_user_dirs)
    assert paths.config_dir() == fresh_user_dirs / "config"


def test_round_trip_and_defaults():
    s = load_settings()
    assert s["theme"] == "system"
    s["zoom"] = 3
    s["open_panes"] = ["a", "b"]
    s.save()
    again = load_settings()
    assert again["zoom"] == 3 and again["open_panes"] == ["a", "b"]
    assert again["sync_scroll"] is DEFAULTS["sync_scroll"]


def test_corrupt_file_falls_back_to_defaults():
    path = paths.config_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{oops", encoding="utf-8")
    s = load_settings()
    assert s["zoom"] == 0 and "could not be read" in s.problem


def test_a_corrupt_file_is_kept_aside_not_overwritten():
    path = paths.config_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("[1, 2", encoding="utf-8")
    s = load_settings()
    kept = [p for p in path.parent.iterdir() if p.name.startswith("settings.json.broken-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "[1, 2"
    assert kept[0].name in s.problem
    s.save()  # the next save writes a fresh file and leaves the user's copy alone
    assert kept[0].read_text(encoding="utf-8") == "[1, 2" and path.exists()


def test_wrong_types_are_ignored_one_by_one():
    path = paths.config_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"zoom": "big", "theme": "purple", "sync_scroll": False}), encoding="utf-8")
    s = load_settings()
    assert s["zoom"] == 0 and s["theme"] == "system" and s["sync_scroll"] is False
    assert "theme" in s.problem and "zoom" in s.problem


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's 0600


def test_unwritable_folder_gives_a_clear_error(tmp_path):
    with pytest.raises(WriteError, match="does not exist"):
        write_text_atomic(tmp_path / "missing" / "x.txt", "x")


def test_a_partly_wrong_file_is_copied_aside_before_it_is_saved_over():
    """The values it ignored are the user's: the first save keeps a copy of the file as it was
    (the settings file itself is never missing, even for a moment), later saves keep no more."""
    path = paths.config_dir() / "settings.json"
    path.parent.mkdir(parents=True)
    original = json.dumps({"zoom": "big", "sync_scroll": False})
    path.write_text(original, encoding="utf-8")
    s = load_settings()
    assert "zoom" in s.problem and "settings.json.broken-" in s.problem
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # nothing done before a save
    s["zoom"] = 2
    s.save()
    kept = [p for p in path.parent.iterdir() if p.name.startswith("settings.json.broken-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == original
    assert json.loads(path.read_text(encoding="utf-8"))["zoom"] == 2
    s.save()
    load_settings().save()  # a clean file now: no more copies
    assert len([p for p in path.parent.iterdir() if p.name.startswith("settings.json.broken-")]) == 1
