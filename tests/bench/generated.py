"""A generated corpus for benchmarks: the bundled articles' paragraphs, repeated and shuffled.

``generated_corpus(min_bytes=5_000_000, seed=0)`` returns a list of article-sized texts
(each about as long as a real article, 5 to 40 paragraphs) whose total UTF-8 size is at
least ``min_bytes``. The same seed always gives the same corpus, so timings can be compared
between runs. Used by ``bench_dates.py`` and by other benchmarks of the analysis pipeline.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def corpus_paragraphs() -> list[str]:
    """Every non-empty paragraph of the bundled articles' plain text."""
    from desktop.core.text.articles import load_default_corpus
    from desktop.core.text.markup import plain_text

    paragraphs: list[str] = []
    for article in load_default_corpus():
        paragraphs += [p.strip() for p in plain_text(article.body).split("\n\n") if p.strip()]
    return paragraphs


def generated_corpus(min_bytes: int = 5_000_000, seed: int = 0) -> list[str]:
    """Article-sized texts built from shuffled corpus paragraphs, ``min_bytes`` in all."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs()
    texts: list[str] = []
    total = 0
    while total < min_bytes:
        count = rng.randint(5, 40)
        text = "\n\n".join(rng.choice(paragraphs) for _ in range(count))
        texts.append(text)
        total += len(text.encode("utf-8"))
    return texts


if __name__ == "__main__":
    corpus = generated_corpus()
    size = sum(len(t.encode("utf-8")) for t in corpus)
    print(f"{len(corpus)} texts, {size / 1e6:.2f} MB")
