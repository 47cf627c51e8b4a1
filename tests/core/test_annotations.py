"""The reader's corrections and notes: anchoring, applying, keeping, W3C JSON-LD (no Qt)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import ActorMention, DateMention
from desktop.core.annotations.anchoring import anchor, quote_at
from desktop.core.annotations.apply import ANCHOR_USER, VIA_USER, apply_corrections, is_corrected, place_notes
from desktop.core.annotations.jsonld import W3C_CONTEXT, export_document, read_document
from desktop.core.annotations.records import Annotation
from desktop.core.annotations.store import load_annotations, merge_new, save_annotations, store_file
from desktop.core.text.articles import Article

TEXT = (
    "The minister of Freedonia met the envoy of Sylvania on Monday. "
    "The envoy said the talks would go on in spring. "
    "Later the minister thanked the envoy for coming."
)


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return start, start + len(words)


def _analysis(text: str = TEXT) -> ArticleAnalysis:
    envoy = _span(text, "the envoy of Sylvania")
    monday = _span(text, "Monday")
    spring = _span(text, "spring")
    actors = (
        ActorMention(*envoy, text[slice(*envoy)], "envoy-a", "Envoy A", "person", "sylvania", "role"),
        ActorMention(*_span(text, "Freedonia"), "Freedonia", "freedonia", "Freedonia", "state", "freedonia", "name"),
    )
    dates = (
        DateMention(*monday, "Monday", "2020-01-06", "DATE", "published:2020-01-08"),
        DateMention(*spring, "spring", "2020-SP", "DATE", "published:2020-01-08"),
    )
    article = Article(id="art", title="Talks", body=text)
    return ArticleAnalysis(article, text, None, False, "", ((0, len(text)),), actors, (), dates)


def _correction(kind: str, words: str, text: str = TEXT, **values) -> Annotation:
    return Annotation(
        id=f"id-{kind}-{words}", kind=kind, article="art", quote=quote_at(text, *_span(text, words)), **values
    )


# --------------------------------------------------------------------------- anchoring


def test_anchoring_finds_the_quote_at_its_hint():
    quote = quote_at(TEXT, *_span(TEXT, "the envoy of Sylvania"))
    assert anchor(TEXT, quote) == _span(TEXT, "the envoy of Sylvania")


def test_anchoring_survives_a_small_edit_before_the_quote():
    quote = quote_at(TEXT, *_span(TEXT, "the envoy of Sylvania"))
    edited = "Reported: " + TEXT.replace("The minister of", "The foreign minister of")
    assert anchor(edited, quote) == _span(edited, "the envoy of Sylvania")


def test_anchoring_tells_repeated_words_apart_by_their_context():
    second = TEXT.index("the envoy", TEXT.index("thanked"))
    quote = quote_at(TEXT, second, second + len("the envoy"))
    edited = "Update. " + TEXT
    start = edited.index("the envoy", edited.index("thanked"))
    assert anchor(edited, quote) == (start, start + len("the envoy"))


def test_anchoring_orphans_a_quote_after_a_rewrite():
    quote = quote_at(TEXT, *_span(TEXT, "the envoy of Sylvania"))
    rewritten = "Talks between the two states were postponed; no date was given for the next round."
    assert anchor(rewritten, quote) is None


def test_anchoring_never_guesses_between_places_that_fit_equally():
    quote = dataclasses.replace(quote_at(TEXT, *_span(TEXT, "envoy")), prefix="", suffix="", start=-1)
    assert anchor(TEXT, quote) is None  # three envoys, no context to choose


# --------------------------------------------------------------------------- applying


def test_apply_changes_an_identity_and_marks_it():
    note = _correction("actor-is", "the envoy of Sylvania", actor="envoy-b", name="Envoy B", side="sylvania")
    corrected, outcome = apply_corrections(_analysis(), [note])
    mention = next(m for m in corrected.actors if m.text == "the envoy of Sylvania")
    assert (mention.actor, mention.name, mention.via) == ("envoy-b", "Envoy B", VIA_USER)
    assert is_corrected(mention) and outcome.applied == [note] and not outcome.orphaned
    assert not any(is_corrected(m) for m in corrected.actors if m is not mention)


def test_apply_changes_a_date_and_marks_it():
    note = _correction("date-is", "spring", value="2020-04", date_type="DATE")
    corrected, _ = apply_corrections(_analysis(), [note])
    date = next(d for d in corrected.dates if d.text == "spring")
    assert (date.value, date.anchor) == ("2020-04", ANCHOR_USER) and is_corrected(date)


def test_apply_removes_adds_and_resides():
    notes = [
        _correction("not-actor", "Freedonia"),
        _correction(
            "mark-actor", "minister", actor="minister-x", name="Minister X", actor_kind="person", side="freedonia"
        ),
        _correction("mark-date", "Later", value="2020-01-09"),
        _correction("not-side", "the envoy of Sylvania", side="freedonia"),
    ]
    corrected, outcome = apply_corrections(_analysis(), notes)
    assert len(outcome.applied) == 4
    texts = {m.text: m for m in corrected.actors}
    assert "Freedonia" not in texts and texts["minister"].actor == "minister-x"
    envoy = texts["the envoy of Sylvania"]
    assert (envoy.side, envoy.actor, envoy.via) == ("freedonia", "envoy-a", "role") and is_corrected(envoy)
    assert any(d.text == "Later" and d.value == "2020-01-09" for d in corrected.dates)
    assert [m.start for m in corrected.actors] == sorted(m.start for m in corrected.actors)


def test_an_orphaned_correction_changes_nothing_and_is_listed():
    note = _correction("actor-is", "the envoy of Sylvania", actor="envoy-b")
    rewritten = _analysis(TEXT.replace("met the envoy of Sylvania on", "talked to the envoy of Sylvania by phone on"))
    rewritten = dataclasses.replace(rewritten, text="Nothing of the kind was said. " * 3)
    corrected, outcome = apply_corrections(rewritten, [note])
    assert corrected is rewritten and outcome.orphaned == [note]


def test_no_correction_returns_the_same_analysis():
    analysis = _analysis()
    other = dataclasses.replace(_correction("not-actor", "Freedonia"), article="elsewhere")
    assert apply_corrections(analysis, [other])[0] is analysis


def test_notes_are_placed_on_their_passage():
    note = Annotation(id="n1", kind="note", article="art", quote=quote_at(TEXT, *_span(TEXT, "talks")), body="*why?*")
    (placed,) = place_notes(_analysis(), [note])
    assert (placed.start, placed.end) == _span(TEXT, "talks") and not placed.orphaned


# --------------------------------------------------------------------------- W3C JSON-LD


def _three() -> list[Annotation]:
    return [
        _correction("actor-is", "the envoy of Sylvania", actor="envoy-b", name="Envoy B"),
        _correction("date-is", "spring", value="2020-04"),
        Annotation(id="n1", kind="note", article="art", quote=quote_at(TEXT, *_span(TEXT, "talks")), body="**Why?**"),
    ]


def test_jsonld_has_the_w3c_shape():
    correction, _, note = export_document(_three())
    for item in (correction, note):
        assert W3C_CONTEXT in item["@context"] and item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        assert selectors["TextQuoteSelector"]["exact"] and "prefix" in selectors["TextQuoteSelector"]
        assert selectors["TextPositionSelector"]["end"] > selectors["TextPositionSelector"]["start"]
    assert correction["motivation"] == "editing" and correction["body"]["overtures:actor"] == "envoy-b"
    assert note["motivation"] == "commenting"
    assert note["body"] == {
        "type": "TextualBody",
        "value": "**Why?**",
        "format": "text/markdown",
        "purpose": "commenting",
    }
    assert "overtures" in correction["@context"][1]


def test_jsonld_round_trip():
    annotations = _three()
    text = json.dumps(export_document(annotations))
    back, problems = read_document(json.loads(text))
    assert back == annotations and not problems


def test_import_twice_adds_nothing():
    annotations = _three()
    once, added = merge_new([], annotations)
    twice, again = merge_new(once, read_document(export_document(annotations))[0])
    assert len(added) == 3 and not again and twice == once
    renamed = [dataclasses.replace(a, id=a.id + "-copy") for a in annotations]  # same content, other ids
    assert merge_new(once, renamed)[1] == []


def test_a_malformed_file_imports_its_valid_part_and_lists_the_rest():
    good = export_document(_three())
    bad_kind = json.loads(json.dumps(good[0]))
    bad_kind["id"] = "urn:uuid:bad-kind"
    bad_kind["body"]["overtures:kind"] = "make-it-so"
    no_quote = json.loads(json.dumps(good[1]))
    no_quote["target"]["selector"] = []
    found, problems = read_document([good[0], bad_kind, "not an annotation", no_quote, good[2]])
    assert [a.id for a in found] == [a.id for a in _three()[::2]]
    assert len(problems) == 3
    assert "annotation 2 (urn:uuid:bad-kind)" in problems[0] and "make-it-so" in problems[0]
    assert "JSON object" in problems[1] and "TextQuoteSelector" in problems[2]


def test_a_collection_and_a_single_annotation_are_read_too():
    items = export_document(_three())
    assert len(read_document({"type": "AnnotationCollection", "first": {"items": items}})[0]) == 3
    assert len(read_document(items[0])[0]) == 1


# --------------------------------------------------------------------------- the store


def test_store_round_trip_in_the_data_folder():
    save_annotations(_three())
    assert store_file().parent.name == "data"
    assert load_annotations() == (_three(), [])


def test_no_store_file_means_no_annotations():
    assert load_annotations() == ([], [])


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "not JSON"),
        ('{"schema": 1, "annotations": [{"id": "x", "kind": "bogus"}]}', "annotations[0] (id 'x'): kind"),
        ('{"schema": 99, "annotations": []}', "newer"),
    ],
)
def test_a_broken_store_is_kept_aside_and_reported(content, words):
    path = store_file()
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    annotations, problems = load_annotations()
    assert annotations == [] and len(problems) == 1 and words in problems[0]
    assert not path.exists()
    (kept,) = path.parent.glob("annotations.json.broken-*")
    assert kept.read_text(encoding="utf-8") == content and kept.name in problems[0]


def test_episode_edits_and_cell_notes_round_trip():
    annotations = [
        Annotation(id="e1", kind="episode-merge", episode="ep-a", other="ep-b"),
        Annotation(id="e2", kind="episode-rename", episode="ep-a", title="A better title"),
        Annotation(id="c1", kind="note", cell="facet:tone", episode="ep-a", body="Compare the tone."),
        Annotation(id="e3", kind="note", episode="ep-b", body="On the episode."),
    ]
    exported = export_document(annotations)
    assert exported[0]["target"] == {"source": "urn:x-overtures:episode:ep-a"}
    assert exported[0]["body"]["overtures:otherEpisode"] == "ep-b"
    assert exported[2]["target"]["overtures:cell"] == "facet:tone"
    assert read_document(exported) == (annotations, [])
