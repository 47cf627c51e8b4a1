"""Exporting and importing the reader's annotations as a file: what the CLI and the window share.

``overtures annotations export|import FILE`` and File → Export/Import Annotations… both call
:func:`export_text` and :func:`plan_import`: the same JSON-LD, the same checks, the same report.
An import keeps what it can: a malformed annotation, one for an article the library does not
have, is listed and left out; one whose words are no longer in its article is imported and
listed as orphaned (kept, never applied to other words); one already there adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.annotations.anchoring import anchor
from desktop.core.annotations.jsonld import export_document, read_document
from desktop.core.annotations.records import Annotation
from desktop.core.annotations.store import merge_new

#: What the window's save and open dialogs offer.
FILE_FILTER = "Web Annotation JSON-LD (*.jsonld *.json)"
DEFAULT_NAME = "overtures-annotations.jsonld"


def export_text(annotations: list[Annotation]) -> str:
    """The annotations as a W3C Web Annotation JSON-LD file's text."""
    return json.dumps(export_document(annotations), ensure_ascii=False, indent=1) + "\n"


def read_file(path: str | Path) -> object:
    """The JSON of an annotation file; :class:`ValueError` says clearly why it cannot be read."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path} is not a UTF-8 text file") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not JSON (line {exc.lineno}: {exc.msg})") from None


def known_texts(articles: Iterable) -> dict[str, str]:
    """Article id -> its plain text (what annotations are anchored in), for every article given."""
    from desktop.core.text.markup import plain_text

    return {a.id: plain_text(a.body) for a in articles}


@dataclass
class ImportReport:
    """What an import did: ``merged`` is the store after it (``existing`` plus ``added``)."""

    merged: list[Annotation] = field(default_factory=list)
    added: list[Annotation] = field(default_factory=list)
    already: list[Annotation] = field(default_factory=list)  # the same id or the same content
    refused: list[Annotation] = field(default_factory=list)  # for articles the library does not have
    orphaned: list[Annotation] = field(default_factory=list)  # kept, but their words are no longer there
    malformed: list[str] = field(default_factory=list)  # one line each: what could not be read, and why

    @property
    def problems(self) -> bool:
        """Whether part of the file was left out (malformed, or for unknown articles)."""
        return bool(self.refused or self.malformed)


def refused_line(note: Annotation) -> str:
    return f"{note.id}: the library has no article {note.article!r}"


def orphaned_line(note: Annotation) -> str:
    return f"{note.id}: {note.quote.exact!r} is no longer in {note.article} (kept as orphaned)"


def _sort_known(found: list[Annotation], texts: Mapping[str, str]) -> tuple[list, list, list]:
    """The annotations to keep, those refused (unknown articles) and those kept whose words are gone."""
    keep, refused, orphaned = [], [], []
    for note in found:
        if note.article and note.article not in texts:
            refused.append(note)
            continue
        keep.append(note)
        if note.article and note.quote is not None and anchor(texts[note.article], note.quote) is None:
            orphaned.append(note)
    return keep, refused, orphaned


def plan_import(data: object, existing: list[Annotation], texts: Mapping[str, str]) -> ImportReport:
    """What importing the JSON-LD ``data`` into ``existing`` gives; ``texts`` are the library's articles."""
    found, malformed = read_document(data)
    keep, refused, orphaned = _sort_known(found, texts)
    merged, added = merge_new(existing, keep)
    new = {a.id for a in added}
    already = [a for a in keep if a.id not in new]
    return ImportReport(merged, added, already, refused, orphaned, malformed)
