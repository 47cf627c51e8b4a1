"""Sentence alignment and word diffs (desktop.core.compare.alignment): pure Python, no corpus needed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.compare.alignment import (
    CHANGED,
    DELETED,
    EQUAL,
    INSERTED,
    align,
    char_trigrams,
    content_words,
    similarity,
    tokenize,
    word_diff,
)

RESET_2022 = (
    "The Belarusian regime is trying to take advantage of the current security crisis and resume "
    "dialogue with the West, but this is unrealistic."
)
RESET_2024 = "The Belarusian regime is trying to reset relations with the West, but on its terms."
UNRELATED = "Against this backdrop, there were 130 attempts daily to cross the border, compared to 50-70."


# --------------------------------------------------------------------------- tokens and features


def test_tokens_cover_the_text_exactly():
    text = "  “Those were meetings,” Makei said —  in New York…  "
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert [t.key for t in tokens][:3] == ['"', "those", "were"]


def test_content_words_drop_stop_words_and_fold_case():
    assert content_words("The West disagrees with the Kremlin.") == ["west", "disagrees", "kremlin"]


def test_char_trigrams_are_padded_and_lowercased():
    grams = char_trigrams("Minsk")
    assert grams[0] == " mi" and grams[-1] == "sk "


# --------------------------------------------------------------------------- similarity and alignment


def test_identical_sentences_align_with_ratio_one():
    assert similarity(RESET_2024, RESET_2024) > 0.99
    groups = align([[RESET_2024], [RESET_2024]])
    assert len(groups) == 1
    assert groups[0].members == (0, 0)
    assert word_diff(RESET_2024, RESET_2024).ratio == 1.0


def test_unrelated_sentences_do_not_align():
    assert similarity(RESET_2024, UNRELATED) < 0.2
    assert align([[RESET_2024], [UNRELATED]]) == []


def test_similar_sentences_of_different_subjects_align():
    groups = align([[UNRELATED, RESET_2022], [RESET_2024]])
    assert [g.members for g in groups] == [(1, 0)]
    assert 0 < groups[0].score <= 1


def test_a_subject_gives_at_most_one_sentence_to_a_group():
    # Two near-copies in subject 0 both resemble subject 1's sentence: only the better one joins.
    pools = [[RESET_2024, RESET_2024.replace("terms", "own terms")], [RESET_2024]]
    groups = align(pools)
    assert len(groups) == 1
    assert groups[0].members == (0, 0)


def test_greedy_matching_never_uses_a_sentence_twice():
    a = [RESET_2022, RESET_2024, "Makei wrote a letter to European leaders in April."]
    b = [RESET_2024, "Makei wrote to the European leaders.", RESET_2022]
    c = [RESET_2024 + " Again.", "A letter from Makei to European leaders was published."]
    groups = align([a, b, c])
    used = [(s, i) for g in groups for s, i in enumerate(g.members) if i is not None]
    assert len(used) == len(set(used))
    assert all(sum(i is not None for i in g.members) >= 2 for g in groups)


def test_alignment_of_fewer_than_two_pools_is_empty():
    assert align([[RESET_2024]]) == []
    assert align([[], []]) == []


# --------------------------------------------------------------------------- word diff


def test_word_diff_marks_changes_and_round_trips():
    diff = word_diff(RESET_2022, RESET_2024)
    assert diff.a_text() == RESET_2022
    assert diff.b_text() == RESET_2024
    kinds = [op.kind for op in diff.ops]
    assert kinds[0] == EQUAL and CHANGED in kinds
    changed = [op for op in diff.ops if op.kind == CHANGED]
    assert "reset relations" in changed[0].b_text
    assert 0.3 < diff.ratio < 1


def test_word_diff_insertions_and_deletions():
    diff = word_diff("Minsk invited Sikorski.", "Minsk officially invited Sikorski.")
    assert [op.kind for op in diff.ops] == [EQUAL, INSERTED, EQUAL]
    back = word_diff("Minsk officially invited Sikorski.", "Minsk invited Sikorski.")
    assert [op.kind for op in back.ops] == [EQUAL, DELETED, EQUAL]
    for d, a, b in ((diff, "Minsk invited Sikorski.", "Minsk officially invited Sikorski."),):
        assert all(a[op.a_start : op.a_end] == op.a_text for op in d.ops)
        assert all(b[op.b_start : op.b_end] == op.b_text for op in d.ops)


def test_word_diff_ignores_case_and_quote_style():
    diff = word_diff("He said “yes”.", 'he said "yes".')
    assert [op.kind for op in diff.ops] == [EQUAL]


def test_word_diff_of_empty_text():
    assert word_diff("", "").ratio == 1.0
    assert word_diff("", "Minsk.").b_text() == "Minsk."


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_round_trips_any_text(a, b):
    diff = word_diff(a, b)
    assert diff.a_text() == a
    assert diff.b_text() == b
    assert "".join(t.text for t in tokenize(a)) == a
