"""The date tagger against the hand-annotated gold set (tests/gold/dates/*.yaml).

Run with ``-s`` to see the scores. Every date expression of the five bundled articles must
be found with its exact span and value, and nothing else may be tagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from desktop.core.annotate.dates import DateTagger
from desktop.core.text.articles import load_default_corpus
from desktop.core.text.markup import plain_text

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold" / "dates"
GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))


def load_gold(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, dt.date | None]]:
    return {a.id: (plain_text(a.body), a.published) for a in load_default_corpus()}


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    span_matches: int = 0
    value_matches: int = 0
    full_matches: int = 0  # value, type, mod and anchor

    @property
    def precision(self) -> float:
        return self.span_matches / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.span_matches / self.gold if self.gold else 1.0

    @property
    def value_accuracy(self) -> float:
        return self.value_matches / self.gold if self.gold else 1.0


def test_gold_files_cover_the_corpus(texts):
    assert {p.stem for p in GOLD_FILES} == set(texts)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_spans_are_consistent_with_the_corpus(path, texts):
    gold = load_gold(path)
    text, published = texts[gold["article"]]
    assert dt.date.fromisoformat(gold["anchor"]) == published
    previous_end = 0
    for entry in gold["dates"]:
        assert text[entry["start"] : entry["end"]] == entry["text"], entry
        assert entry["start"] >= previous_end, f"gold entries overlap or are unsorted: {entry}"
        previous_end = entry["end"]
        assert entry["type"] in ("DATE", "TIME", "DURATION", "SET")


def score_article(gold: dict, text: str, published: dt.date | None) -> tuple[Score, list[str]]:
    mentions = DateTagger().tag(text, published)
    by_span = {(m.start, m.end): m for m in mentions}
    score, problems = Score(gold=len(gold["dates"]), predicted=len(mentions)), []
    gold_spans = set()
    for entry in gold["dates"]:
        span = (entry["start"], entry["end"])
        gold_spans.add(span)
        mention = by_span.get(span)
        if mention is None:
            problems.append(f"missed {entry['text']!r} at {span} ({entry['value']})")
            continue
        score.span_matches += 1
        if mention.value == entry["value"]:
            score.value_matches += 1
        got = (mention.value, mention.type, mention.mod, mention.anchor)
        want = (entry["value"], entry["type"], entry.get("mod", ""), entry["anchor"])
        if got == want:
            score.full_matches += 1
        else:
            problems.append(f"{entry['text']!r}: got {got}, want {want}")
    for mention in mentions:
        if (mention.start, mention.end) not in gold_spans:
            problems.append(f"spurious {mention.text!r} at {mention.start} ({mention.value})")
    return score, problems


def test_tagger_matches_the_gold_set(texts):
    total, all_problems = Score(), []
    print()
    for path in GOLD_FILES:
        gold = load_gold(path)
        text, published = texts[gold["article"]]
        score, problems = score_article(gold, text, published)
        print(
            f"{path.stem:26} gold {score.gold:2}  found {score.predicted:2}  "
            f"P {score.precision:.3f}  R {score.recall:.3f}  value acc {score.value_accuracy:.3f}"
        )
        for field in ("gold", "predicted", "span_matches", "value_matches", "full_matches"):
            setattr(total, field, getattr(total, field) + getattr(score, field))
        all_problems += [f"{path.stem}: {p}" for p in problems]
    print(
        f"{'ALL':26} gold {total.gold:2}  found {total.predicted:2}  P {total.precision:.3f}  "
        f"R {total.recall:.3f}  value acc {total.value_accuracy:.3f}  "
        f"(value+type+mod+anchor: {total.full_matches}/{total.gold})"
    )
    for problem in all_problems:
        print("  ", problem)
    assert total.precision == 1.0
    assert total.recall == 1.0
    assert total.value_accuracy == 1.0
    assert total.full_matches == total.gold, all_problems
