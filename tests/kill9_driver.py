"""Driver of the kill -9 test: ``python -m tests.kill9_driver OP SEED`` writes with the app's own
write functions in a loop until it is killed, so that a kill at a random moment lands inside a write.

The user folders are those of ``OVERTURES_BASEDIR``. It prints ``ready`` once everything is
imported, just before the first write (the killer starts its clock there). OP is one of :data:`OPS`.
"""

from __future__ import annotations

import random
import sys
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARY_FIXTURES = ("dispatch.md", "news-page.html")


def ready() -> None:
    """Everything is imported: the writes start now."""
    print("ready", flush=True)


def settings_loop(rng: random.Random) -> None:
    from desktop.core.files.settings import load_settings

    ready()
    for n in count():
        settings = load_settings()
        settings["zoom"] = n % 10
        settings["open_panes"] = [f"article-{rng.randrange(10**6)}" for _ in range(rng.randrange(200, 2000))]
        settings.save()


def lesson_loop(rng: random.Random) -> None:
    from desktop.core.files import paths
    from desktop.core.present.lessons import default_lesson, save_lesson

    folder = paths.lessons_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lesson = default_lesson()
    ready()
    for n in count():
        lesson.title = f"Lesson {n} " + "x" * rng.randrange(5000)
        save_lesson(lesson, folder / ("kill.json" if n % 3 == 0 else "kill.lesson"))


def actor_loop(rng: random.Random) -> None:
    from desktop.core.annotate.user_actors import add_user_actor

    tag = rng.randrange(10**9)
    ready()
    for n in count():
        add_user_actor(f"Person {tag} {n}", aliases=[f"P{tag}x{n}"])


def import_loop(rng: random.Random) -> None:
    from desktop.core.library.importing import import_one

    ready()
    for n in count():
        source = ROOT / "tests" / "data" / "library" / LIBRARY_FIXTURES[n % len(LIBRARY_FIXTURES)]
        outcome = import_one(str(source), on_duplicate="replace")
        if outcome.path is None:
            raise SystemExit(f"import failed: {outcome.problem}")


def cache_loop(rng: random.Random) -> None:
    """The library database (articles, full-text index, analyses, mentions) and the JSON caches."""
    from desktop.core.annotate.rendercache import RenderCache
    from desktop.core.library.analysiscache import AnalysisCache
    from desktop.core.library.db import Library
    from desktop.core.library.drafts import text_hash
    from desktop.core.library.refresh import refresh
    from desktop.core.text.articles import load_default_corpus

    analyses = _analysis_cache_rows()
    ready()
    load_default_corpus()  # the corpus index (cache/corpus-index.json)
    analysis_cache = AnalysisCache()  # the window's (cache/analyses.sqlite3): analyses and events
    with Library() as library:
        refresh(library)
        for n in count():
            text = " ".join(f"word{rng.randrange(5000)}" for _ in range(rng.randrange(50, 3000)))
            row = {"id": f"kill-{n % 7}", "title": f"Kill {n}", "text": text, "text_hash": text_hash(text)}
            rid = library.upsert({**row, "bundled": 0})
            actors = [{"actor": f"a{i}", "side": "other", "start": i, "end": i + 1} for i in range(rng.randrange(500))]
            library.store_analysis(rid, row["text_hash"], "kill-engine", {"actors": actors})
            if n % 5 == 4:
                library.remove([f"kill-{rng.randrange(7)}"])
            cache = RenderCache(fingerprint="kill")
            cache.put(f"k{n % 50}", text)
            cache.save()
            rows = [(f"kill-{n % 11}-{key}", data) for key, data in analyses]
            analysis_cache.store_encoded(rows[:1], rows[1:])


def _analysis_cache_rows() -> list[tuple[str, str]]:
    """An analysis and its events as the analysis cache keeps them (JSON), made once: what the cache
    loop writes again and again (as the window does after analysing an article)."""
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.episodes.events import EventExtractor
    from desktop.core.library.analysiscache import analysis_json
    from desktop.core.library.eventcodec import encode_events
    from desktop.core.text.articles import load_article

    article = load_article(ROOT / "corpus" / "articles" / "reliable-partner-2018.md")
    analysis = Analyzer().analyze(article)
    events = encode_events(article.id, EventExtractor().extract(analysis))
    return [("analysis", analysis_json(analysis)), ("events", events)]


OPS = {
    "settings": settings_loop,
    "lesson": lesson_loop,
    "actor": actor_loop,
    "import": import_loop,
    "cache": cache_loop,
}


def main(argv: list[str]) -> int:
    op, seed = argv[0], int(argv[1])
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    loop = OPS[op]
    rng = random.Random(seed)
    loop(rng)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
