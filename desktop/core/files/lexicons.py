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


def parse_yaml(text: str, name: str) -> Any:
    """YAML with ``safe_load`` (the C loader when present); errors name ``name`` and the line."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(f"{name}: bad YAML{where}: {problem}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise DataFileError(f"{name}: a value is not valid: {exc}") from None


@cache
def load_lexicon(name: str) -> dict[str, Any]:
    """``corpus/lexicons/<name>.yaml`` as a mapping."""
    from desktop.core.files import paths

    path = paths.corpus_dir() / "lexicons" / f"{name}.yaml"
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path.name}: expected a mapping at the top level")
    return data
