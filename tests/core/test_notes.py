"""Notes (issue 13): made, found again, grouped, searched, exported, and turned into a handout section."""

from __future__ import annotations

import json

from desktop.core.annotate.document import article_html
from desktop.core.annotations import jsonld
from desktop.core.annotations import notes as core
from desktop.core.annotations.records import Annotation, Quote
from desktop.core.annotations.store import parse_store, save_annotations
from desktop.core.compare.handout_notes import handout_notes, notes_section
from desktop.core.compare.records import Comparison
from desktop.core.text.markup import block_spans, plain_text

BODY = "# A headline\n\nThe minister flew to Vienna. The minister came back.\n\n- one item\n- another item\n"


class _Analysis:  # the two fields place_notes reads
    def __init__(self, text: str, article_id: str = "a1") -> None:
        self.text, self.article_id = text, article_id


def test_a_selection_in_the_shown_text_maps_to_plain_offsets_past_inserted_glyphs():
    text = plain_text(BODY)
    spans = block_spans(BODY)
    shown = ["A headline", "The minister BY flew to Vienna.✎ The minister came back.", "one item", "another item"]
    block, at = 1, shown[1].index("The minister came")
    start = core.plain_offset(shown, text, spans, block, at)
    end = core.plain_offset(shown, text, spans, block, at + len("The minister came"))
    assert text[start:end] == "The minister came"
    assert text[core.plain_offset(shown, text, spans, 3, 0) :].startswith("another item")
    assert core.plain_offset(shown, text, spans, 9, 0) is None


def test_a_passage_note_is_found_again_after_a_small_edit_and_drawn_with_its_glyph():
    text = plain_text(BODY)
    at = text.index("came back")
    note = core.passage_note("a1", text, at, at + len("came back"), "Did he *really*?")
    edited = _Analysis("Foreword.\n\n" + text)
    [mark] = core.note_highlights(edited, [note])
    assert edited.text[mark.start : mark.end] == "came back" and mark.title == "Did he really?"
    html = article_html(BODY, None, highlights=[mark])
    assert 'class="note-passage"' in html and "✎" in html and 'title="Did he really?"' in html
    assert core.note_highlights(_Analysis("Something else entirely."), [note]) == []  # orphaned: no mark


def test_notes_group_by_article_then_episode_and_search_their_words_quotes_and_places():
    text = plain_text(BODY)
    on_passage = core.passage_note("a1", text, 4, 12, "Which minister?")
    on_episode = core.episode_note("ep-1", "Ask the class who wrote first")
    on_cell = core.cell_note("tone", "ep-1", "Warmer than in 2018")
    correction = Annotation("c", "not-actor", "a1", Quote("x"))
    everything = [on_passage, on_episode, on_cell, correction]
    groups = core.group_notes(everything, {"a1": "The article"}, {"ep-1": "The visit"})
    assert [(g.label, len(g.notes)) for g in groups] == [("The article", 1), ("The visit", 2)]
    assert on_cell.cell == "facet:tone"
    assert [n.id for g in core.group_notes(everything, {}, {}, "class") for n in g.notes] == [on_episode.id]
    assert [g.label for g in core.group_notes(everything, {"a1": "The article"}, {}, "minister")] == ["The article"]
    assert [g.label for g in core.group_notes(everything, {}, {"ep-1": "The visit"}, "visit")] == ["The visit"]
    assert core.episode_notes(everything, ["ep-1"]) == [on_episode]


def test_the_three_kinds_of_note_round_trip_through_json_ld_and_the_store(tmp_path):
    text = plain_text(BODY)
    made = [
        core.passage_note("a1", text, 4, 12, "Which minister?"),
        core.episode_note("ep-1", "Ask the class"),
        core.cell_note("tone", "ep-1", "Warmer"),
    ]
    exported = json.loads(json.dumps(jsonld.export_document(made)))
    assert all(a["motivation"] == "commenting" and a["body"]["format"] == "text/markdown" for a in exported)
    assert exported[0]["target"]["selector"][0]["type"] == "TextQuoteSelector"
    assert exported[2]["target"]["overtures:cell"] == "facet:tone"
    assert exported[2]["target"]["overtures:episode"] == "ep-1"
    back, problems = jsonld.read_document(exported)
    assert problems == [] and back == made
    path = tmp_path / "annotations.json"
    save_annotations(made, path)
    assert parse_store(path.read_text(encoding="utf-8")) == made


def _comparison() -> Comparison:
    from desktop.core.compare.records import FacetRow, Subject

    subject = Subject(1, "The 2018 visit", "May 2018", (), ("ep-1",), ("a1",), (), None, None, True)
    facet = FacetRow("tone", "Tone", "", "text", "same", ())
    return Comparison((subject,), (facet,), (), (), (), (), (), ())


def test_the_handout_notes_section_holds_the_notes_of_the_compared_episodes_and_sources():
    text = plain_text(BODY)
    ours = [
        core.passage_note("a1", text, 4, 12, "Which **minister**? <script>x</script>"),
        core.episode_note("ep-1", "Ask the class"),
        core.cell_note("tone", "ep-1", "Warmer"),
    ]
    others = [core.episode_note("ep-9", "Not compared"), core.passage_note("zz", text, 4, 12, "Other source")]
    comparison = _comparison()
    assert handout_notes(comparison, [*ours, *others]) == ours
    section = notes_section(comparison, [*ours, *others], {"a1": "The article"})
    assert "Your notes" in section and "<strong>minister</strong>" in section and "<script>" not in section
    assert "The article" in section and "The 2018 visit</b> · Tone" in section and "Not compared" not in section
    assert notes_section(comparison, others, {}) == ""
