"""W3C Web Annotation JSON-LD: exporting and importing the reader's corrections and notes.

Each annotation is a W3C ``Annotation`` (``@context`` http://www.w3.org/ns/anno.jsonld):
``motivation`` ``editing`` for a correction and ``commenting`` for a note; a note's ``body``
is a ``TextualBody`` in Markdown, a correction's body an ``overtures:Correction`` whose
``overtures:`` terms say the new value; the ``target`` is the article (``source``) with a
``TextQuoteSelector`` and a ``TextPositionSelector``. A file is a JSON list of annotations
(an ``AnnotationCollection``, a JSON-LD ``@graph`` of them or a single annotation is read too).
"""

from __future__ import annotations

from typing import Any

from desktop.core.annotations.records import KINDS, NOTE, Annotation, Quote

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:x-overtures:ns:"
CONTEXT = [W3C_CONTEXT, {"overtures": NAMESPACE}]
ARTICLE = "urn:x-overtures:article:"
EPISODE = "urn:x-overtures:episode:"
CELL = "urn:x-overtures:cell:"

#: Annotation field -> its term in a correction's body.
_BODY_TERMS = {
    "kind": "overtures:kind",
    "actor": "overtures:actor",
    "name": "overtures:name",
    "actor_kind": "overtures:actorKind",
    "side": "overtures:side",
    "value": "overtures:value",
    "date_type": "overtures:dateType",
    "title": "overtures:title",
    "other": "overtures:otherEpisode",
    "event_type": "overtures:eventType",
    "actors": "overtures:actors",
}


class AnnotationFormatError(ValueError):
    """One annotation of a JSON-LD file cannot be read; the message says why."""


# --------------------------------------------------------------------------- export


def _selectors(q: Quote) -> list[dict]:
    found = [{"type": "TextQuoteSelector", "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix}]
    if q.start >= 0:
        found.append({"type": "TextPositionSelector", "start": q.start, "end": q.start + len(q.exact)})
    return found


def _body(note: Annotation) -> dict:
    if note.kind == NOTE:
        return {"type": "TextualBody", "value": note.body, "format": "text/markdown", "purpose": "commenting"}
    body: dict[str, Any] = {"type": "overtures:Correction"}
    for name, term in _BODY_TERMS.items():
        value = getattr(note, name)
        if value:
            body[term] = list(value) if isinstance(value, tuple) else value
    if note.other_quote is not None:  # a sentence of the other episode, to find it by
        body["overtures:otherTarget"] = {
            "source": ARTICLE + note.other_article,
            "selector": _selectors(note.other_quote),
        }
    return body


def _target(note: Annotation) -> dict:
    if note.article:
        target: dict[str, Any] = {"source": ARTICLE + note.article}
    elif note.cell:
        target = {"source": CELL + note.cell}
    else:
        target = {"source": EPISODE + note.episode}
    if note.quote is not None:
        target["selector"] = _selectors(note.quote)
    if note.episode and note.article:
        target["overtures:episode"] = note.episode
    if note.cell:
        target["overtures:cell"] = note.cell
        if note.episode:
            target["overtures:episode"] = note.episode
    return target


def to_jsonld(note: Annotation) -> dict:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": "urn:uuid:" + note.id,
        "type": "Annotation",
        "motivation": "commenting" if note.kind == NOTE else "editing",
    }
    if note.created:
        data["created"] = note.created
    data["body"] = _body(note)
    data["target"] = _target(note)
    return data


def export_document(annotations: list[Annotation]) -> list[dict]:
    return [to_jsonld(a) for a in annotations]


# --------------------------------------------------------------------------- import


def _text(data: dict, key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise AnnotationFormatError(f"{key} should be a text, got {value!r}")
    return value


def _one(value: Any, what: str) -> dict:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, dict):
        raise AnnotationFormatError(f"{what} should be one object")
    return value


def _quote(target: dict) -> Quote | None:
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    tqs = by_type.get("TextQuoteSelector")
    if tqs is None:
        return None
    exact = _text(tqs, "exact")
    if not exact:
        raise AnnotationFormatError("the TextQuoteSelector has no exact text")
    start = by_type.get("TextPositionSelector", {}).get("start", -1)
    if not isinstance(start, int) or isinstance(start, bool):
        raise AnnotationFormatError(f"the TextPositionSelector start should be a whole number, got {start!r}")
    return Quote(exact, _text(tqs, "prefix"), _text(tqs, "suffix"), start)


def _place(target: dict) -> dict:
    source = _text(target, "source")
    place = {"episode": _text(target, "overtures:episode"), "cell": _text(target, "overtures:cell")}
    for prefix, name in ((ARTICLE, "article"), (EPISODE, "episode"), (CELL, "cell")):
        if source.startswith(prefix):
            place[name] = source.removeprefix(prefix)
            return place
    raise AnnotationFormatError(f"the target source {source!r} is not an Overtures article, episode or cell")


def _actors(actors: Any) -> tuple[str, ...]:
    if isinstance(actors, str):  # one actor: a JSON-LD processor's compaction drops the list
        actors = [actors]
    if not isinstance(actors, list) or not all(isinstance(a, str) for a in actors):
        raise AnnotationFormatError(f"overtures:actors should be a list of texts, got {actors!r}")
    return tuple(actors)


def _fields(body: dict, motivation: str) -> dict:
    if motivation == "commenting":
        if body.get("type") != "TextualBody":
            raise AnnotationFormatError("a note's body should be a TextualBody")
        return {"kind": NOTE, "body": _text(body, "value")}
    if motivation != "editing":
        raise AnnotationFormatError(f"motivation should be 'editing' or 'commenting', got {motivation!r}")
    fields = {name: _text(body, term) for name, term in _BODY_TERMS.items() if term in body and name != "actors"}
    if "overtures:actors" in body:
        fields["actors"] = _actors(body["overtures:actors"])
    other = body.get("overtures:otherTarget")
    if other is not None:
        other = _one(other, "overtures:otherTarget")
        fields["other_article"] = _text(other, "source").removeprefix(ARTICLE)
        fields["other_quote"] = _quote(other)
    if fields.get("kind") not in KINDS or fields.get("kind") == NOTE:
        raise AnnotationFormatError(f"unknown correction kind {fields.get('kind')!r}")
    return fields


def from_jsonld(data: Any) -> Annotation:
    """One W3C annotation as an :class:`Annotation`; :class:`AnnotationFormatError` says why not."""
    if not isinstance(data, dict):
        raise AnnotationFormatError("an annotation should be a JSON object")
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if W3C_CONTEXT not in contexts:
        raise AnnotationFormatError(f"@context should include {W3C_CONTEXT}")
    if data.get("type") != "Annotation":
        raise AnnotationFormatError(f"type should be 'Annotation', got {data.get('type')!r}")
    ident = _text(data, "id").removeprefix("urn:uuid:")
    if not ident:
        raise AnnotationFormatError("the annotation has no id")
    fields = _fields(_one(data.get("body"), "body"), _text(data, "motivation"))
    target = _one(data.get("target"), "target")
    quote = _quote(target)
    if fields["kind"] != NOTE and not fields["kind"].startswith("episode-") and quote is None:
        raise AnnotationFormatError("a correction of the text needs a TextQuoteSelector")
    return Annotation(id=ident, quote=quote, created=_text(data, "created"), **_place(target), **fields)


def _graph(data: dict) -> list:
    """The annotations of a JSON-LD ``@graph`` (what a JSON-LD processor's compaction of several
    gives): each takes the document's ``@context`` unless it has its own."""
    context = data.get("@context")
    items = data["@graph"]
    return [
        {"@context": context, **item} if isinstance(item, dict) and "@context" not in item else item for item in items
    ]


def _items(data: Any) -> list:
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return _graph(data)
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        first = data.get("first", {})
        return first.get("items", []) if isinstance(first, dict) else []
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"]
    return [data]


def _label(index: int, item: Any) -> str:
    ident = item.get("id") if isinstance(item, dict) else None
    return f"annotation {index + 1}" + (f" ({ident})" if isinstance(ident, str) else "")


def read_document(data: Any) -> tuple[list[Annotation], list[str]]:
    """Every annotation that can be read, and one problem line for each one that cannot."""
    found, problems = [], []
    for index, item in enumerate(_items(data)):
        try:
            found.append(from_jsonld(item))
        except AnnotationFormatError as exc:
            problems.append(f"{_label(index, item)}: {exc}")
    return found, problems
