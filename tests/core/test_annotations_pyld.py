"""The JSON-LD export read by a second library, pyld (issue 13): the W3C model, and a round trip.

pyld expands our export against the W3C Web Annotation context and compacts it back; the
annotations read from what it gives are the ones exported. The context
(http://www.w3.org/ns/anno.jsonld) is served from tests/data/jsonld/anno.jsonld, a copy of the
one the W3C Web Annotation Vocabulary publishes: the test never uses the network.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.annotations.jsonld import CONTEXT, W3C_CONTEXT, export_document, read_document
from desktop.core.annotations.records import Annotation, Quote

jsonld = pytest.importorskip("pyld.jsonld")

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent.parent / "docs" / "examples" / "annotations.jsonld"
ANNO_CONTEXT = json.loads((HERE.parent / "data" / "jsonld" / "anno.jsonld").read_text(encoding="utf-8"))
OA = "http://www.w3.org/ns/oa#"
ASKED: list[str] = []


def local_loader(url: str, options=None) -> dict:
    """pyld's document loader: the W3C context from the local copy, anything else refused."""
    ASKED.append(url)
    if url.rstrip("/") not in (W3C_CONTEXT, W3C_CONTEXT.replace("http:", "https:")):
        raise AssertionError(f"the test asked for {url}: it must not use the network")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": ANNO_CONTEXT}


OPTIONS = {"documentLoader": local_loader}


def _quote(exact: str, prefix: str = "", suffix: str = "", start: int = -1) -> Quote:
    return Quote(exact, prefix, suffix, start)


#: One of each shape the app writes, beside the shipped example.
SHAPES = [
    Annotation("n1", "note", "art-1", _quote("the envoy", "met ", " of Sylvania", 12), body="*Who* sent him?"),
    Annotation("n2", "note", episode="ep-1", body="Ask the class:\n\n- why now?\n- why **here**?"),
    Annotation("n3", "note", episode="ep-1", cell="facet:venue", body="Same venue as in 2018"),
    Annotation("c1", "not-actor", "art-1", _quote("Monday", "on ", ".")),  # no position hint
    Annotation("c2", "not-side", "art-1", _quote("Freedonia", "minister of ", " met", 20), side="sylvania"),
    Annotation(
        "c3", "mark-actor", "art-2", _quote("the envoy"), actor="", name="An envoy", actor_kind="person", side="x"
    ),
    Annotation("e1", "episode-rename", episode="ep-1", title="The talks in spring"),
    Annotation("e2", "episode-date", episode="ep-1", value="2020-03", date_type="DATE"),
    Annotation(
        "e3",
        "episode-move-event",
        "art-1",
        _quote("The envoy said the talks would go on", "Monday. ", " in spring", 63),
        episode="ep-1",
        other="ep-2",
        other_article="art-2",
        other_quote=_quote("Later the minister thanked", "spring. ", " the envoy", 110),
    ),
    Annotation(
        "e4",
        "episode-add-event",
        "art-1",
        _quote("met the envoy"),
        episode="ep-1",
        event_type="visit",
        actors=("envoy-a", "freedonia"),
    ),
    Annotation("e5", "episode-add-event", "art-1", _quote("thanked"), episode="ep-2", event_type="talk", actors=("a",)),
]


def _exported() -> list[dict]:
    annotations, problems = read_document(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert problems == [] and len(annotations) == 3
    return export_document(annotations + SHAPES)


def _by_id(expanded: list[dict]) -> dict[str, dict]:
    return {node["@id"].removeprefix("urn:uuid:"): node for node in expanded}


def test_pyld_reads_our_export_as_w3c_annotations_with_text_quote_selectors():
    ASKED.clear()
    expanded = jsonld.expand(_exported(), OPTIONS)
    assert ASKED and all(url == W3C_CONTEXT for url in ASKED)  # the context our files name, served locally
    nodes = _by_id(expanded)
    assert len(nodes) == 3 + len(SHAPES)
    for node in nodes.values():
        assert node["@type"] == [OA + "Annotation"]
        assert [m["@id"] for m in node[OA + "motivatedBy"]] in ([OA + "editing"], [OA + "commenting"])
        (target,) = node[OA + "hasTarget"]
        assert target[OA + "hasSource"][0]["@id"].startswith("urn:x-overtures:")
    identity = nodes["6f0c2a4e-8d1b-4c3a-9e57-1b2f3a4c5d60"]
    (target,) = identity[OA + "hasTarget"]
    assert target[OA + "hasSource"] == [{"@id": "urn:x-overtures:article:power-play-2024"}]
    selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
    quote = selectors[OA + "TextQuoteSelector"]
    assert quote[OA + "exact"] == [{"@value": "Minsk"}]
    assert quote[OA + "prefix"] == [{"@value": " countries to attend.\n\nOfficial "}]
    assert quote[OA + "suffix"] == [{"@value": " specifically hopes to see a Pol"}]
    position = selectors[OA + "TextPositionSelector"]
    assert position[OA + "start"][0]["@value"] == 627 and position[OA + "end"][0]["@value"] == 632
    (body,) = identity[OA + "hasBody"]
    assert body["@type"] == ["urn:x-overtures:ns:Correction"]
    assert body["urn:x-overtures:ns:actor"] == [{"@value": "belarus-foreign-ministry"}]
    (note,) = nodes["n2"][OA + "hasBody"]
    assert note["@type"] == [OA + "TextualBody"]
    assert note["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"] == [{"@value": SHAPES[1].body}]
    assert note["http://purl.org/dc/elements/1.1/format"] == [{"@value": "text/markdown"}]


def test_pyld_compacted_export_reads_back_as_the_same_annotations():
    exported = _exported()
    expected, problems = read_document(exported)
    assert problems == []
    compacted = jsonld.compact(jsonld.expand(exported, OPTIONS), CONTEXT, OPTIONS)
    assert "@graph" in compacted and compacted["@context"] == CONTEXT  # pyld's shape, not ours
    back, problems = read_document(compacted)
    assert problems == []
    assert back == expected  # every field: body, target source, TextQuoteSelector exact, prefix, suffix, …
    by_id = {a.id: a for a in back}
    identity = by_id["6f0c2a4e-8d1b-4c3a-9e57-1b2f3a4c5d60"]
    assert (identity.article, identity.quote.exact, identity.quote.prefix, identity.quote.suffix) == (
        "power-play-2024",
        "Minsk",
        " countries to attend.\n\nOfficial ",
        " specifically hopes to see a Pol",
    )
    assert by_id["e5"].actors == ("a",)  # one actor: pyld compacts the list away; it is read back as one
    assert by_id["c1"].quote.start == -1  # one selector: pyld compacts the list away


def test_pyld_sees_the_same_graph_in_our_export_and_in_what_it_compacted():
    exported = _exported()
    compacted = jsonld.compact(jsonld.expand(exported, OPTIONS), CONTEXT, OPTIONS)
    again = export_document(read_document(compacted)[0])
    canonical = {"algorithm": "URDNA2015", "format": "application/n-quads", **OPTIONS}
    ours = jsonld.normalize(exported, canonical)
    assert ours == jsonld.normalize(again, canonical)
    assert "<http://www.w3.org/ns/oa#TextQuoteSelector>" in ours
