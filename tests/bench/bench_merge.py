"""Merge benchmark: the cross-article merge against per-article event extraction, and the largest episode.

Run: python tests/bench/bench_merge.py [ARTICLES ...]        (default: 1000 10000)

For each size it generates that many short articles (3 to 8 paragraphs of the bundled articles, shuffled, each
published on a random day of 2012-2025, so that relative dates land on many days), annotates them (not timed), then
times on one core, in the same process:
  1. event extraction, article by article (the sum);
  2. the grouping of those events into episodes, within and across articles (``group_events``);
and prints the merge's time as a ratio of 1, and the largest episode's size in articles and its date span.
The same seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from generated import corpus_paragraphs  # noqa: E402

from desktop.core.annotate.analysis import Analyzer  # noqa: E402
from desktop.core.episodes.events import EventExtractor  # noqa: E402
from desktop.core.episodes.merging import group_events  # noqa: E402
from desktop.core.text.articles import Article  # noqa: E402

FIRST_DAY = dt.date(2012, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days


def generated_articles(count: int, seed: int = 0) -> list[Article]:
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    articles = []
    for i in range(count):
        body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(3, 8)))
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        articles.append(Article(id=f"g{i}", title="generated", body=body, published=published))
    return articles


def run(count: int, analyzer: Analyzer, extractor: EventExtractor) -> None:
    articles = generated_articles(count)
    analyses = [analyzer.analyze_text(a.body, a.published, a) for a in articles]
    t0 = time.process_time()
    events = [event for analysis in analyses for event in extractor.extract(analysis)]
    extract = time.process_time() - t0
    t0 = time.process_time()
    groups = group_events(events)
    merge = time.process_time() - t0
    largest = max(groups, key=lambda g: len({e.article for e in g}))
    size = len({e.article for e in largest})
    dated = [e for e in largest if e.first]
    span = f"{min(e.first for e in dated)}..{max(e.last for e in dated)}" if dated else "undated"
    multi = sum(1 for g in groups if len({e.article for e in g}) >= 2)
    print(
        f"{count:>6} articles: {len(events)} events -> {len(groups)} groups ({multi} from several articles); "
        f"extraction {extract:6.2f} s, merge {merge:6.2f} s CPU = {merge / max(extract, 1e-9):4.2f} x extraction; "
        f"largest episode {size} articles ({size / count:.1%}), {span}"
    )


def main(sizes: list[int]) -> None:
    analyzer = Analyzer()
    analyzer.analyze_text("warm up: Minsk, 12 April 2022.", dt.date(2022, 4, 18))
    extractor = EventExtractor()
    for count in sizes:
        run(count, analyzer, extractor)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
