"""Analysis benchmark: annotation throughput, and episode extraction against annotation alone.

Run: python tests/bench/bench_analysis.py [MEGABYTES]

On the generated corpus (the bundled articles' paragraphs repeated and shuffled, 5 MB by
default) it times, on one core and side by side in the same run:
  1. annotation alone (sentences, actors, places, dates) -> MB/s (target >= 2 MB/s);
  2. event and episode extraction on those analyses -> its time as a multiple of 1
     (target: at most twice the time of annotation alone), and the two together.
Each is the best of three runs, to keep the machine's noise out of the figures.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from generated import generated_corpus  # noqa: E402

from desktop.core.annotate.analysis import Analyzer  # noqa: E402
from desktop.core.episodes.grouping import build_episodes  # noqa: E402
from desktop.core.text.articles import Article  # noqa: E402


def main(megabytes: float = 5.0) -> None:
    texts = generated_corpus(int(megabytes * 1_000_000), seed=0)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    analyzer = Analyzer()
    analyzer.analyze_text("warm up: Minsk, 12 April 2022.", dt.date(2022, 4, 18))
    articles = [
        Article(id=f"g{i}", title="generated", body=t, published=dt.date(2022, 4, 18)) for i, t in enumerate(texts)
    ]

    def annotate():
        return [analyzer.analyze_text(a.body, a.published, a) for a in articles]

    best_annotate = best_extract = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        analyses = annotate()
        best_annotate = min(best_annotate, time.process_time() - t0)
        t0 = time.process_time()
        episodes = build_episodes(analyses)  # events, grouping, titles, names: on the same analyses
        best_extract = min(best_extract, time.process_time() - t0)
    mentions = sum(len(a.actors) + len(a.dates) for a in analyses)
    print(
        f"corpus: {size:.2f} MB in {len(texts)} texts; {mentions} actor and date mentions; "
        f"{len(episodes.episodes)} episodes"
    )
    print(f"annotation alone        : {best_annotate:6.2f} s CPU -> {size / best_annotate:5.2f} MB/s (target >= 2.0)")
    print(
        f"episode extraction      : {best_extract:6.2f} s CPU -> {best_extract / best_annotate:4.2f} x annotation "
        "(target: within twice annotation alone)"
    )
    print(
        f"annotation + extraction : {best_annotate + best_extract:6.2f} s CPU -> "
        f"{(best_annotate + best_extract) / best_annotate:4.2f} x annotation alone"
    )


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 5.0)
