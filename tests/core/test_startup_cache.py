"""No start-up cache: the gazetteer and the matcher are built from the files, and a planted pickle
in the old cache folder is never read (issue 15: a cache must not be able to run code)."""

from __future__ import annotations

import datetime as dt
import os
import pickle

from desktop.core.annotate import actors
from desktop.core.annotate.actor_tagger import ActorTagger
from desktop.core.annotate.gazetteer import load_gazetteer

TEXT = "Russian President Vladimir Putin met the Belarusian leader in Minsk."
DAY = dt.date(2022, 6, 1)


def test_the_gazetteer_is_read_from_the_files_and_fingerprinted(fresh_user_dirs):
    first = load_gazetteer()
    assert first.fingerprint and load_gazetteer().fingerprint == first.fingerprint
    assert load_gazetteer(cache=False).fingerprint is None
    assert not [p for p in fresh_user_dirs.rglob("*") if p.suffix == ".pickle"]


class _Gadget:
    """A pickle that would create a folder when loaded by an ordinary unpickler."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __reduce__(self):
        return (os.mkdir, (self.folder,))


def test_files_in_the_old_cache_folder_are_never_loaded(fresh_user_dirs, tmp_path):
    folder = tmp_path / "made-by-the-cache"
    old = fresh_user_dirs / "cache" / "actors"
    old.mkdir(parents=True)
    gazetteer = load_gazetteer()
    for name in (f"matcher-{gazetteer.fingerprint}.pickle", f"gazetteer-{gazetteer.fingerprint}.pickle"):
        (old / name).write_bytes(pickle.dumps(_Gadget(str(folder))))
    actors._MATCHERS.clear()  # as in a new process
    mentions, _places = ActorTagger(load_gazetteer()).tag(TEXT, DAY)
    assert {m.actor for m in mentions} >= {"putin", "lukashenko"}
    assert not folder.exists()
