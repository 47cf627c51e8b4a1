"""Keeping the reader's annotations: one JSON file per library, in the user's data folder.

``annotations.json`` (beside the library database) holds ``{"schema": 1, "annotations": [...]}``,
validated by :mod:`desktop.core.files.schema` and written atomically. A file that cannot be
read is moved aside (``annotations.json.broken-…``) and reported, never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from desktop.core.annotations.records import SCHEMA_VERSION, Annotation, StoreFile
from desktop.core.files import paths, schema
from desktop.core.files.fileio import keep_broken, write_text_atomic
from desktop.core.files.lexicons import DataFileError

FILE_NAME = "annotations.json"


def store_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _compact(note: Annotation) -> dict:
    """The annotation as JSON, without empty fields (readable files)."""
    data = {k: v for k, v in asdict(note).items() if v not in ("", (), None)}
    if note.actors:
        data["actors"] = list(note.actors)
    for name in ("quote", "other_quote"):
        quote = getattr(note, name)
        if quote is not None:
            data[name] = {k: v for k, v in asdict(quote).items() if v not in ("", None)}
    return data


def parse_store(text: str, source: str = FILE_NAME) -> list[Annotation]:
    """The annotations of a store file's text; :class:`DataFileError` names what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{source}: not JSON (line {exc.lineno}: {exc.msg})") from None
    loaded = schema.load(StoreFile, data, source)
    if loaded.schema > SCHEMA_VERSION:
        raise DataFileError(f"{source}: schema {loaded.schema} is newer than this Overtures reads ({SCHEMA_VERSION})")
    return list(loaded.annotations)


def load_annotations(path: Path | None = None) -> tuple[list[Annotation], list[str]]:
    """The stored annotations and the problems met (a broken file is moved aside and reported)."""
    path = path or store_file()
    if not path.exists():
        return [], []
    try:
        return parse_store(path.read_text(encoding="utf-8"), path.name), []
    except (OSError, UnicodeDecodeError, DataFileError) as exc:
        kept = keep_broken(path)
        where = f"it was kept as {kept}" if kept else "it could not be moved aside and was left as it is"
        return [], [
            f"Your corrections and notes in {path} could not be read ({exc}); {where}. Overtures goes on without them."
        ]


def save_annotations(annotations: list[Annotation], path: Path | None = None) -> None:
    path = path or store_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"schema": SCHEMA_VERSION, "annotations": [_compact(a) for a in annotations]}
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def merge_new(existing: list[Annotation], incoming: list[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """``existing`` plus the incoming annotations it does not have (by id or by content)."""
    ids = {a.id for a in existing}
    keys = {a.content_key() for a in existing}
    added = []
    for note in incoming:
        key = note.content_key()
        if note.id in ids or key in keys:
            continue
        ids.add(note.id)
        keys.add(key)
        added.append(note)
    return [*existing, *added], added
