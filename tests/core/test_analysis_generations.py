"""The analyzer's generations (issue 15): a reload never changes the engine under a running
analysis, and analyses say which engine made them. No Qt here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from desktop.core.annotate.analysis import Analyzer, _Engine, content_key
from desktop.core.text.articles import Article

TEXT = "The minister met the ambassador in Minsk on Monday. Talks resumed two weeks later."


class _HeldTagger:
    """Delegates to a date tagger, but its first ``tag`` waits until released."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.entered = threading.Event()
        self.release = threading.Event()

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def tag(self, *args, **kwargs):
        if not self.entered.is_set():
            self.entered.set()
            assert self.release.wait(30)
        return self._inner.tag(*args, **kwargs)


def test_reload_does_not_break_a_worker_mid_analysis():
    analyzer = Analyzer()
    engine = analyzer._ensure()
    held = _HeldTagger(engine.date_tagger)
    analyzer._engine = _Engine(engine.gazetteer, engine.actor_tagger, held, engine.generation)
    results, errors = [], []

    def work() -> None:
        try:
            results.append(analyzer.analyze_text(TEXT, dt.date(2024, 3, 4)))
        except Exception as exc:  # the test reports it
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    assert held.entered.wait(30)
    analyzer.reload()  # between the worker's taking of the engine and its taggers' work
    held.release.set()
    worker.join(30)
    assert not worker.is_alive()
    assert errors == []
    (old,) = results
    assert old.generation == engine.generation
    assert analyzer.generation == engine.generation + 1
    new = analyzer.analyze_text(TEXT, dt.date(2024, 3, 4))
    assert new.generation == analyzer.generation
    assert new.dates == old.dates and new.actors == old.actors


def test_reload_swaps_a_whole_engine_never_none():
    analyzer = Analyzer()
    before = analyzer._ensure()
    analyzer.reload()
    after = analyzer._engine
    assert after is not None and after is not before
    assert after.actor_tagger is not None and after.date_tagger is not None and after.gazetteer is not None


def test_content_key_ignores_identity_but_not_text_or_date():
    article = Article(id="a", title="A", body=TEXT, published=dt.date(2024, 3, 4))
    again = dataclasses.replace(article, title="Another title")
    assert again is not article
    assert content_key(again) == content_key(article)
    assert content_key(dataclasses.replace(article, body=TEXT + " More.")) != content_key(article)
    assert content_key(dataclasses.replace(article, published=None)) != content_key(article)
