"""The actor tagger against the hand-annotated gold set of person mentions (tests/gold/persons).

Run with ``-s`` to see the scores. A gold mention is found when a predicted person mention
overlaps it with the same actor id (None for an unlinked person); each prediction counts once.
Precision counts every predicted person mention, linked or not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from desktop.core.annotate.actor_tagger import ActorTagger
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.text.articles import load_default_corpus
from desktop.core.text.markup import plain_text
from desktop.core.text.sentences import sentence_spans

GOLD_DIR = Path(__file__).resolve().parents[1] / "gold" / "persons"
GOLD_FILES = sorted(GOLD_DIR.glob("*.yaml"))
NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")
TARGET = 0.98


def load_gold(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def texts() -> dict[str, tuple[str, dt.date | None]]:
    return {a.id: (plain_text(a.body), a.published) for a in load_default_corpus()}


@pytest.fixture(scope="module")
def tagger() -> ActorTagger:
    return ActorTagger(load_gazetteer(user_path=NO_USER_FILE, cache=False))


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def __iadd__(self, other: Score) -> Score:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        return self


def test_gold_files_cover_the_corpus(texts):
    assert {p.stem for p in GOLD_FILES} == set(texts)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_spans_are_consistent_with_the_corpus(path, texts, tagger):
    gold = load_gold(path)
    assert gold["article"] == path.stem
    text, published = texts[gold["article"]]
    assert dt.date.fromisoformat(gold["anchor"]) == published
    previous_end = 0
    for entry in gold["persons"]:
        assert text[entry["start"] : entry["end"]] == entry["text"], entry
        assert entry["start"] >= previous_end, f"gold entries overlap or are unsorted: {entry}"
        previous_end = entry["end"]
        actor = entry["actor"]
        assert actor is None or tagger.gazetteer.actor(actor).kind == "person", entry


def score_article(gold: dict, text: str, published: dt.date | None, tagger: ActorTagger) -> tuple[Score, list[str]]:
    mentions, _ = tagger.tag(text, published, list(sentence_spans(text)))
    predicted = [m for m in mentions if m.kind == "person"]
    score = Score(gold=len(gold["persons"]), predicted=len(predicted))
    used: set[int] = set()
    problems = []
    for entry in gold["persons"]:
        hit = next(
            (
                i
                for i, m in enumerate(predicted)
                if i not in used and m.start < entry["end"] and entry["start"] < m.end and m.actor == entry["actor"]
            ),
            None,
        )
        if hit is None:
            problems.append(f"missed {entry['text']!r} ({entry['actor']}) at {entry['start']}")
        else:
            used.add(hit)
            score.matched += 1
    for i, m in enumerate(predicted):
        if i not in used:
            problems.append(f"spurious {m.text!r} ({m.actor}, via {m.via}) at {m.start}")
    return score, problems


def test_person_mentions_against_gold(texts, tagger):
    total = Score()
    report, all_problems = [], []
    for path in GOLD_FILES:
        gold = load_gold(path)
        text, published = texts[gold["article"]]
        score, problems = score_article(gold, text, published, tagger)
        total += score
        report.append(
            f"{gold['article']:26} gold {score.gold:3}  predicted {score.predicted:3}  "
            f"P {score.precision:.3f}  R {score.recall:.3f}"
        )
        all_problems += [f"{gold['article']}: {p}" for p in problems]
    report.append(
        f"{'overall':26} gold {total.gold:3}  predicted {total.predicted:3}  "
        f"P {total.precision:.3f}  R {total.recall:.3f}"
    )
    print("\nPerson mentions against tests/gold/persons:\n" + "\n".join(report))
    if all_problems:
        print("\n".join(all_problems))
    assert total.precision >= TARGET, all_problems
    assert total.recall >= TARGET, all_problems


def test_every_article_meets_the_target_on_its_own(texts, tagger):
    for path in GOLD_FILES:
        gold = load_gold(path)
        text, published = texts[gold["article"]]
        score, problems = score_article(gold, text, published, tagger)
        assert score.precision >= TARGET and score.recall >= TARGET, (gold["article"], problems)


def test_every_person_mention_of_the_corpus_has_its_role_or_none(texts, tagger):
    """Tooltips: every linked person whose tenure covers the article's date says it in words."""
    for text, published in texts.values():
        for mention in tagger.tag(text, published)[0]:
            if mention.kind == "person" and mention.actor:
                expected = tagger.gazetteer.actor(mention.actor).role_at(published)
                assert mention.role == expected
