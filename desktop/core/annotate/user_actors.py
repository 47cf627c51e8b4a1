"""The user's own actors file: read with the bundled gazetteer, written when the reader adds an actor.

Same schema as ``corpus/actors.yaml``, simpler entries allowed: a name alone makes a person of
side ``other``. The file is a mapping with ``actors:`` (and optionally ``sides:``, sides of the
user's own, see :mod:`desktop.core.annotate.sides`) or a bare list; an empty file is fine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.core.annotate.gazetteer_loader import read_mapping
from desktop.core.annotate.gazetteer_records import FALLBACK_SIDE, GazetteerError, Side, unique_slug
from desktop.core.annotate.records import KINDS
from desktop.core.annotate.sides import bundled_sides, extra_sides, merge_sides
from desktop.core.files.lexicons import DataFileError, load_yaml

_HEADER = "# Actors added in Overtures (promoted from unlinked mentions). Same schema as corpus/actors.yaml.\n"


def bundled_actors_file() -> Path:
    from desktop.core.files import paths

    return paths.corpus_dir() / "actors.yaml"


def read_user_data(path: Path) -> tuple[Any, list[Mapping[str, Any]]]:
    """The user's ``sides:`` list as written (None if none) and actor entries."""
    try:
        data = load_yaml(path)
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    if data is None:
        return None, []
    sides = None
    if isinstance(data, dict):
        sides = data.get("sides")
        data = data.get("actors") or []
    if not isinstance(data, list):
        raise GazetteerError(f"{path.name}: expected a list of actors (or a mapping with 'actors:')")
    return sides, data


def add_user_actor(
    name: str,
    kind: str = "person",
    side: str = FALLBACK_SIDE,
    aliases: Sequence[str] = (),
    path: Path | None = None,
) -> str:
    """Add an actor to the user's actors file and return its id (written atomically).

    Used when the reader promotes an unlinked person to an actor. If the file already has an
    actor of that name, its id is returned and nothing is written. Reload the gazetteer after.
    """
    from desktop.core.files import paths

    name = " ".join(str(name).split())
    path = path or paths.user_actors_file()
    sides, entries = read_user_data(path) if path.is_file() else (None, [])
    entries = list(entries)
    _check_new_actor(name, kind, side, extra_sides(sides, path.name))
    clean_aliases = [" ".join(str(a).split()) for a in aliases if str(a).strip()]
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name") == name and entry.get("id"):
            return str(entry["id"])
    taken = {str(e.get("id")) for e in entries if isinstance(e, dict) and e.get("id")}
    taken |= set(_bundled_ids())
    actor_id = unique_slug(name, taken)
    entry: dict[str, Any] = {"id": actor_id, "name": name, "kind": kind, "side": side}
    if clean_aliases:
        entry["aliases"] = clean_aliases
    entries.append(entry)
    _keep_hand_edits(path, entries[:-1], sides)
    _write_user_file(path, entries, sides)
    return actor_id


def _as_written(entries: list[Any], sides: Any) -> str:
    import yaml

    data = {"actors": entries} if sides is None else {"sides": sides, "actors": entries}
    return _HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _keep_hand_edits(path: Path, entries: list[Any], sides: Any) -> None:
    """Before the first rewrite of a file edited by hand (comments, an entry the gazetteer left
    out, its own layout), keep a copy as ``actors.yaml.broken-…``: the rewrite keeps the entries
    as data but would lose the rest."""
    from desktop.core.files.fileio import keep_copy

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return
    if text.strip() and text != _as_written(entries, sides):
        keep_copy(path)


def _check_new_actor(name: str, kind: str, side: str, user_sides: Sequence[Side]) -> None:
    if not name or not (name[0].isupper() or name[0].isdigit()):
        raise GazetteerError(f"cannot add actor {name!r}: a name must start with a capital letter")
    if kind not in KINDS:
        raise GazetteerError(f"cannot add actor {name!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    side_ids = [s.id for s in merge_sides(bundled_sides(), user_sides)]
    if side not in side_ids:
        raise GazetteerError(f"cannot add actor {name!r}: side {side!r} is not one of {', '.join(side_ids)}")


def _write_user_file(path: Path, entries: list[Any], sides: Any) -> None:
    from desktop.core.files.fileio import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, _as_written(entries, sides))


def _bundled_ids() -> list[str]:
    raw = read_mapping(bundled_actors_file()).get("actors") or []
    return [str(e["id"]) for e in raw if isinstance(e, dict) and e.get("id")]
