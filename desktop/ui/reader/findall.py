"""Find in every open pane: counts per pane, and stepping through the matches across panes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QTextCursor, QTextDocument

from desktop.ui.reader.panes import ReaderPane

#: Titles longer than this are cut with "…" in the find bar's summary (the tooltip has them whole).
TITLE_CHARS = 32


def _flags(backward: bool, case: bool) -> QTextDocument.FindFlag:
    flags = QTextDocument.FindFlag(0)
    if backward:
        flags |= QTextDocument.FindFlag.FindBackward
    if case:
        flags |= QTextDocument.FindFlag.FindCaseSensitively
    return flags


def _find_from_edge(pane: ReaderPane, text: str, backward: bool, case: bool) -> bool:
    """The first match of ``pane`` (the last one going backward)."""
    cursor = pane.browser.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
    pane.browser.setTextCursor(cursor)
    return pane.browser.find(text, _flags(backward, case))


def rewind(pane: ReaderPane) -> None:
    """Put the cursor at the start of the current match, so that a find starts there."""
    cursor = pane.browser.textCursor()
    cursor.setPosition(cursor.selectionStart())
    pane.browser.setTextCursor(cursor)


def step(
    panes: Sequence[ReaderPane], current: ReaderPane | None, text: str, backward: bool, case: bool
) -> ReaderPane | None:
    """Select the next match after the cursor of ``current`` (the previous one if ``backward``);
    past its last match, the first match of the next pane that has one, round to ``current``'s
    first match. Returns the pane now showing the match, or None if no pane has one."""
    panes = [p for p in panes if p.article_id]
    if not panes:
        return None
    start = panes.index(current) if current in panes else 0
    if current in panes and current.browser.find(text, _flags(backward, case)):
        return current
    direction = -1 if backward else 1
    for offset in range(1, len(panes) + 1):
        pane = panes[(start + direction * offset) % len(panes)]
        if pane.count(text, case) and _find_from_edge(pane, text, backward, case):
            return pane
    return None


def _short(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def summary(counts: Sequence[tuple[str, int]], short: bool = True) -> str:
    """ "7 matches: 2 in “Title A”, 5 in “Title B”" for the panes with a match (titles, counts)."""
    found = [(title, n) for title, n in counts if n]
    total = sum(n for _title, n in found)
    if not total:
        return "Not found in any pane"
    cut = _short if short else str
    parts = ", ".join(f"{n} in “{cut(title)}”" for title, n in found)
    return f"{total} match{'es' if total != 1 else ''}: {parts}"
