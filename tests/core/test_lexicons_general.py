"""The lexicons describe ideas, not the five bundled texts (issue 10, "Lexicons are general").

A cue of three or more words that occurs verbatim in exactly one bundled article is, in all
likelihood, a quotation of that article: it makes the comparison look better on the five than it
will on anything else. Cues are read through the app's own loaders and matched with the app's own
cue patterns (inflections included), on text folded for case, apostrophes and white space.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.core.compare.cues import compile_cues
from desktop.core.compare.lexicon import load_facet_lexicon, load_motif_lexicon
from desktop.core.episodes.event_lexicon import load_event_lexicon

ARTICLES = Path(__file__).resolve().parents[2] / "corpus" / "articles"
_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


def _cues() -> list[tuple[str, str]]:
    """(where, phrase) for every facet, motif and event-trigger cue."""
    out = []
    for facet in load_facet_lexicon().facets:
        for group in facet.cues:
            out += [(f"facets.yaml {facet.id}/{group.id}", p) for p in group.phrases]
    for motif in load_motif_lexicon():
        out += [(f"motifs.yaml {motif.id}", p) for p in motif.cues.phrases]
    for event_type in load_event_lexicon().types.values():
        out += [(f"events.yaml {event_type.id}", p) for p in event_type.triggers]
    return out


def _verbatim_chunks(phrase: str) -> list[str]:
    """The runs of three or more words of a phrase ("…" separates runs: a gap is not a quotation)."""
    chunks = [c for c in _GAP.split(phrase.lstrip("=")) if c.strip()]
    return [c for c in chunks if len(c.split()) >= 3]


def quoted_cues(articles: dict[str, str], cues: list[tuple[str, str]]) -> list[str]:
    """Cues with a run of ≥ 3 words found in exactly one of ``articles`` (folded texts by name)."""
    flagged = []
    for where, phrase in cues:
        for chunk in _verbatim_chunks(phrase):
            pattern = compile_cues([chunk])
            hits = [name for name, text in articles.items() if pattern.search(text)]
            if len(hits) == 1:
                flagged.append(f"{where}: {phrase!r} occurs only in {hits[0]}")
    return flagged


@pytest.fixture(scope="module")
def bundled() -> dict[str, str]:
    texts = {p.stem: _fold(p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.md"))}
    assert len(texts) == 5
    return texts


def test_no_cue_quotes_a_single_bundled_article(bundled):
    flagged = quoted_cues(bundled, _cues())
    assert not flagged, "cues that quote one bundled article:\n" + "\n".join(flagged)


def test_the_check_finds_a_quotation(bundled):
    """The checker works: six words of one article, planted as a cue, are flagged; a gapped cue is not."""
    name, text = next(iter(bundled.items()))
    sentence = next(s for s in re.split(r"[.!?] ", text) if len(re.findall(r"[a-z]{6,}", s)) >= 6)
    quote = " ".join(sentence.split()[:6])
    flagged = quoted_cues(bundled, [("planted", quote), ("planted", "sanctions … relief")])
    assert len(flagged) == 1 and name in flagged[0] and quote in flagged[0]


def test_gaps_split_a_cue_into_runs():
    assert _verbatim_chunks("ease … sanctions") == []
    assert _verbatim_chunks("no intention of getting involved") == ["no intention of getting involved"]
    assert _verbatim_chunks("=first time … since the war began") == ["since the war began"]


def test_every_motif_and_cue_group_keeps_cues():
    assert all(m.cues.phrases for m in load_motif_lexicon())
    assert all(g.phrases for f in load_facet_lexicon().facets for g in f.cues)
