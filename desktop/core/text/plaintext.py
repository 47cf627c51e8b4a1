"""Plain-text articles as Markdown: paragraphs, bullet lists, escaped syntax, no page furniture."""

from __future__ import annotations

import re
from collections.abc import Iterable

_MD_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|)([#>+*=|.)-])(?=\s|$)")
_MD_INLINE = re.compile(r"([\\`*_\[\]])")
_BULLET = re.compile(r"^\s*[•◦▪‣·]\s*")


def plain_text_to_markdown(text: str, furniture: Iterable[str] = ()) -> tuple[str, list[str]]:
    """Turn a plain-text article into Markdown that renders back to the same words.

    Every non-empty line is a paragraph, bullet characters become list items, Markdown
    syntax characters are escaped, and lines that are page furniture are dropped
    (returned as the second value).
    """
    furniture_set = {f.casefold() for f in furniture}
    removed: list[str] = []
    out: list[str] = []
    previous_was_item = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.casefold() in furniture_set:
            removed.append(stripped)
            continue
        is_item = bool(_BULLET.match(stripped))
        if is_item:
            stripped = _BULLET.sub("", stripped)
        stripped = _MD_INLINE.sub(r"\\\1", stripped)
        if not is_item:
            stripped = _MD_LINE_START.sub(r"\1\2\\\3", stripped)
        if out and not (is_item and previous_was_item):
            out.append("")
        out.append(f"- {stripped}" if is_item else stripped)
        previous_was_item = is_item
    return "\n".join(out) + "\n", removed
