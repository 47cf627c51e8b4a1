"""The engine on the dev set of unseen articles (tests/devset): today's figures, printed.

Run with ``-s`` to see the table. The dev set's gold was written by hand before the engine ever
ran on these articles; the engine is to be improved against it, so nothing here asserts a score:
only that the scorer runs on every article and that every figure is a number in [0, 1]. An
engine that fails on an article is scored as finding nothing there (and named in the output).
"""

from __future__ import annotations

import math

from tests.devset import check_gold, score


def test_the_devset_gold_is_consistent(capsys):
    assert check_gold.main([]) == 0, capsys.readouterr().out


def test_the_scorer_runs_on_every_article_and_prints_the_figures():
    rows, total = score.score_all()
    print()
    for row in rows:
        for error in row.errors:
            print(f"ENGINE ERROR {row.article}: {error}")
    print(score.table(rows, total))
    articles = {p.stem for p in score.ARTICLES.glob("*.md")}
    assert {r.article for r in rows} == articles == {p.stem for p in score.gold_files()}
    assert not total.problems, total.problems  # every gold mention located in the plain text
    for row in [*rows, total]:
        for name, value in row.figures().items():
            assert isinstance(value, float) and not math.isnan(value), (row.article, name)
            assert 0.0 <= value <= 1.0, (row.article, name, value)
