"""Loading the small data files under ``corpus/lexicons`` (furniture lines, triggers, motifs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


class DataFileError(ValueError):
    """A data file under ``corpus/`` is malformed; the message names the file and the entry."""


def load_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    return parse_yaml(text, path.name)


#: Limits on what a data file may expand to: YAML aliases can make a small file describe a huge
#: tree ("billion laughs"); nothing we read needs more than this.
MAX_NODES = 200_000
MAX_DEPTH = 40


def check_shape(data: Any, name: str, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a parsed document that expands to more than ``max_nodes`` values or nests too deep.

    Shared subtrees (YAML aliases) are counted every time they occur, as anything that walks the
    data would see them, so an alias bomb is refused after ``max_nodes`` steps, in milliseconds.
    """
    count = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if count > max_nodes:
            raise DataFileError(f"{name}: too large once expanded (more than {max_nodes:,} values; YAML aliases?)")
        if depth > max_depth:
            raise DataFileError(f"{name}: nested more than {max_depth} levels deep")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, list | tuple):
            stack.extend((item, depth + 1) for item in value)


def parse_yaml(text: str, name: str, max_nodes: int = MAX_NODES) -> Any:
    """YAML with ``safe_load`` (the C loader when present); errors name ``name`` and the line.

    Object tags are refused by the safe loader; documents that expand beyond ``max_nodes`` values
    or nest deeper than :data:`MAX_DEPTH` are refused by :func:`check_shape`.
    """
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{name}: bad YAML{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise DataFileError(f"{name}: a value is not valid: {exc}") from None
    check_shape(data, name, max_nodes)
    return data


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """``corpus/lexicons/<name>.yaml`` as a mapping."""
    from desktop.core.files import paths

    path = paths.corpus_dir() / "lexicons" / f"{name}.yaml"
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path.name}: expected a mapping at the top level")
    return data
