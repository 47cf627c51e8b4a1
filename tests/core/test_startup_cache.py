"""The start-up cache: no gazetteer pickle; the matcher's cache cannot run code, and damage is logged."""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle

from desktop.core.annotate import actors
from desktop.core.annotate.actor_tagger import ActorTagger
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.annotate.startup_cache import cache_file, read_cache, write_cache

TEXT = "Russian President Vladimir Putin met the Belarusian leader in Minsk."
DAY = dt.date(2022, 6, 1)


def test_the_gazetteer_is_read_from_the_files_not_a_cache(fresh_user_dirs):
    stale = fresh_user_dirs / "cache" / "actors" / "gazetteer-0123456789abcdef0123.pickle"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"not a pickle")
    first = load_gazetteer()
    assert first.fingerprint and load_gazetteer().fingerprint == first.fingerprint
    assert not [p for p in stale.parent.iterdir() if p.name.startswith("gazetteer-") and p != stale]
    assert load_gazetteer(cache=False).fingerprint is None


def test_a_corrupted_cache_file_is_ignored_logged_and_rebuilt(fresh_user_dirs, caplog):
    write_cache("probe", "k1", {"words": ("a", "b")})
    target = cache_file("probe", "k1")
    target.write_bytes(b"\x80\x05garbage")
    with caplog.at_level(logging.WARNING, logger="overtures"):
        assert read_cache("probe", "k1") is None
    assert any("damaged start-up cache" in r.getMessage() and r.name == "overtures.cache" for r in caplog.records)
    write_cache("probe", "k1", {"words": ("a", "b")})
    assert read_cache("probe", "k1") == {"words": ("a", "b")}


def test_a_corrupted_matcher_cache_is_rebuilt(fresh_user_dirs, caplog):
    gazetteer = load_gazetteer()
    expected = ActorTagger(gazetteer).tag(TEXT, DAY)
    (cached,) = (fresh_user_dirs / "cache" / "actors").glob("matcher-*.pickle")
    cached.write_bytes(cached.read_bytes()[:1000])  # cut short
    actors._MATCHERS.clear()  # as in a new process
    with caplog.at_level(logging.WARNING, logger="overtures"):
        again = ActorTagger(load_gazetteer()).tag(TEXT, DAY)
    assert again == expected
    assert any("damaged start-up cache" in r.getMessage() for r in caplog.records)
    assert isinstance(read_cache("matcher", gazetteer.fingerprint or ""), actors._Matcher)  # written again


class _Gadget:
    """A pickle that would create a folder when loaded by an ordinary unpickler."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __reduce__(self):
        return (os.mkdir, (self.folder,))


def test_a_cache_file_cannot_run_code(fresh_user_dirs, tmp_path, caplog):
    folder = tmp_path / "made-by-the-cache"
    target = cache_file("probe", "k2")
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(_Gadget(str(folder))))
    with caplog.at_level(logging.WARNING, logger="overtures"):
        assert read_cache("probe", "k2") is None
    assert not folder.exists()
    assert any("refused global" in r.getMessage() for r in caplog.records)


def test_an_unstorable_value_is_logged_not_raised(fresh_user_dirs, caplog):
    with caplog.at_level(logging.WARNING, logger="overtures"):
        write_cache("probe", "k3", lambda: None)
    assert not cache_file("probe", "k3").exists()
    assert any("cannot store probe" in r.getMessage() for r in caplog.records)
