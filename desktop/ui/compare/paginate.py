"""Pages that are full: a handout's document broken into pages the way a typesetter would.

The printed comparison is a sequence of one-row tables (:meth:`desktop.core.compare.html.
_Renderer.grid`), lists and headings. Qt's own pagination would cut a row anywhere and leave
its label on the page before; moving every row that crosses a page whole to the next page
leaves pages half empty. Here, in document order, until nothing needs fixing:

* a row that crosses the foot of a page is split there, between lines: what fits stays, the
  rest goes into a continuation row on the next page that repeats the row's marker, its label
  ("… (continued)") and in each column the episode it belongs to;
* a short row, or one with hardly any room left under it, goes whole to the next page, with
  the column header and the heading right above it (a heading keeps with what follows);
* a heading in the last lines of a page goes to the next page.

Tables of several rows (the cast) are left to Qt, which repeats their ``<thead>``.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat, QTextTable

from desktop.core.compare.html_text import CELL_NAME_LEVEL

#: Less room than this (96-dpi pixels) at the foot of a page: the row starts on the next page.
MOVE_ROOM = 64.0
#: A row shorter than this is never split: it moves whole.
SHORT_ROW = 110.0
#: A heading with less room than this under it goes to the next page.
HEADING_ROOM = 70.0
#: A short table under a heading, right above a row that moves (the column names), moves with it.
HEADER_TABLE = 0.15
CONTINUED = " (continued)"
BREAK = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
MAX_PASSES = 300


def paginate(doc: QTextDocument, page_height: float) -> None:
    """Fix the first thing that needs fixing, lay out again, until the pages are settled."""
    for _ in range(MAX_PASSES):
        if not _fix_first(doc, page_height):
            return


def _top_level(doc: QTextDocument) -> list:
    """The root frame's blocks and tables, in document order."""
    items: list = []
    it = doc.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        items.append(frame if frame is not None else it.currentBlock())
        it += 1
    return items


def _fix_first(doc: QTextDocument, page_height: float) -> bool:
    """Fix the first heading or table, in document order, that sits badly on its page."""
    items = _top_level(doc)
    for index, item in enumerate(items):
        if isinstance(item, QTextBlock):
            if _heading_at_foot(doc, item, page_height):
                return _break_before_block(item)
        elif isinstance(item, QTextTable) and _fix_table(doc, items, index, page_height):
            return True
    return False


def _fix_table(doc: QTextDocument, items: list, index: int, page_height: float) -> bool:
    """Split or move the table ``items[index]`` if it crosses the foot of its page."""
    table = items[index]
    rect = doc.documentLayout().frameBoundingRect(table)
    foot = (int(rect.top() // page_height) + 1) * page_height
    if rect.bottom() <= foot:
        return False
    if table.rows() > 1 and rect.height() > page_height * HEADER_TABLE:
        return False  # a table of many rows: Qt splits it and repeats its header
    room = foot - rect.top()
    splittable = rect.height() >= SHORT_ROW and room >= MOVE_ROOM and table.rows() == 1 and table.columns() > 2
    if splittable and _split_row(doc, table, foot - _foot_room(doc, table, rect.bottom())):
        return True
    return _move(doc, items, index, page_height)


def _heading_at_foot(doc: QTextDocument, block: QTextBlock, page_height: float) -> bool:
    if not block.blockFormat().headingLevel() or block.blockFormat().pageBreakPolicy() & BREAK:
        return False
    rect = doc.documentLayout().blockBoundingRect(block)
    room = page_height - (rect.bottom() % page_height)
    return 0 < room < HEADING_ROOM


def _move(doc: QTextDocument, items: list, index: int, page_height: float) -> bool:
    """Send ``items[index]`` (a table) to the next page with what keeps with it above."""
    layout = doc.documentLayout()
    target = index
    previous = _previous_table(items, index)
    if previous is not None and _heading_above(items, previous) is not None:  # a section's column names
        above = layout.frameBoundingRect(items[previous])
        here = layout.frameBoundingRect(items[index])
        if above.height() < HEADER_TABLE * page_height and here.top() - above.bottom() < 30:
            target = previous
    heading = _heading_above(items, target)
    if heading is not None:
        return _break_before_block(heading)
    return _break_before_frame(items[target])


def _previous_table(items: list, index: int) -> int | None:
    """The table right before ``items[index]``, across the empty blocks Qt puts between tables."""
    for back in range(index - 1, max(-1, index - 3), -1):
        item = items[back]
        if isinstance(item, QTextTable):
            return back
        if not isinstance(item, QTextBlock) or item.text().strip():
            return None
    return None


def _heading_above(items: list, index: int) -> QTextBlock | None:
    for back in range(index - 1, max(-1, index - 4), -1):
        item = items[back]
        if not isinstance(item, QTextBlock):
            return None
        if item.blockFormat().headingLevel():
            return item
        if item.text().strip():
            return None
    return None


def _break_before_block(block: QTextBlock) -> bool:
    fmt = block.blockFormat()
    if fmt.pageBreakPolicy() & BREAK:
        return False
    fmt.setPageBreakPolicy(BREAK)
    QTextCursor(block).setBlockFormat(fmt)
    return True


def _break_before_frame(frame) -> bool:
    fmt = frame.format()
    if fmt.pageBreakPolicy() & BREAK:
        return False
    fmt.setPageBreakPolicy(BREAK)
    frame.setFormat(fmt)
    return True


# --------------------------------------------------------------------------- splitting a row


def _cell_blocks(doc: QTextDocument, table: QTextTable, column: int) -> list[QTextBlock]:
    cell = table.cellAt(0, column)
    block = doc.findBlock(cell.firstPosition())
    out = []
    while block.isValid() and block.position() <= cell.lastPosition():
        out.append(block)
        block = block.next()
    return out


def _foot_room(doc: QTextDocument, table: QTextTable, bottom: float) -> float:
    """How far the table's bottom lies below its lowest line: its padding, border and margins."""
    layout = doc.documentLayout()
    lowest = max(
        (layout.blockBoundingRect(b).bottom() for c in range(table.columns()) for b in _cell_blocks(doc, table, c)),
        default=bottom,
    )
    return max(0.0, bottom - lowest) + 1.0


def _cut(doc: QTextDocument, blocks: list[QTextBlock], limit: float) -> int | None:
    """The position where a cell's content stops fitting above ``limit``: a line's start (no
    paragraph leaves a single line alone at the foot of the page or at the top of the next,
    unless the cell would keep nothing at all on the page)."""
    start = _first_content(blocks)
    layout = doc.documentLayout()
    for block in blocks:
        rect = layout.blockBoundingRect(block)
        if rect.bottom() <= limit:
            continue
        lines = block.layout()
        count = lines.lineCount()
        n = next(
            (n for n in range(count) if rect.top() + lines.lineAt(n).y() + lines.lineAt(n).height() > limit),
            None,
        )
        if n is None:
            continue  # only the paragraph's bottom margin crosses: the next paragraph goes
        if count - n == 1 and n >= 2:
            n -= 1  # a widow: take a second line along
        if n == 1 and block.position() > start:
            n = 0  # an orphan: the whole paragraph goes
        return block.position() + lines.lineAt(n).textStart()
    return None


def _split_row(doc: QTextDocument, table: QTextTable, limit: float) -> bool:
    """Cut the one-row ``table`` at ``limit``: the lines below go to a continuation row after it."""
    columns = table.columns()
    cuts = {}
    for column in range(2, columns):
        blocks = _cell_blocks(doc, table, column)
        cut = _cut(doc, blocks, limit)
        if cut is not None:
            if cut <= _first_content(blocks):
                return False  # a column would keep nothing but its episode's name: move the row
            cuts[column] = cut
    if not cuts:
        return False
    moved = {}
    for column, cut in cuts.items():
        cursor = QTextCursor(doc)
        cursor.setPosition(cut)
        cursor.setPosition(table.cellAt(0, column).lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        moved[column] = (QTextCursor(doc.findBlock(cut)).blockFormat(), cursor.selection(), cut)
    edit = QTextCursor(doc)
    edit.beginEditBlock()  # one layout for the whole move, not one per edit
    try:
        _continuation(doc, table, moved)
        for column in sorted(moved, reverse=True):
            _, _, cut = moved[column]
            cursor = QTextCursor(doc)
            first = table.cellAt(0, column).firstPosition()
            start = cut - 1 if doc.findBlock(cut).position() == cut and cut > first else cut
            cursor.setPosition(start)
            cursor.setPosition(table.cellAt(0, column).lastPosition(), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
    finally:
        edit.endEditBlock()
    return True


def _named(block: QTextBlock) -> bool:
    """Whether ``block`` is the line naming a printed cell's episode or source."""
    return block.blockFormat().headingLevel() == CELL_NAME_LEVEL


def _first_content(blocks: list[QTextBlock]) -> int:
    """Where a cell's content starts: after the line naming its episode, if any."""
    if _named(blocks[0]):
        return blocks[1].position() if len(blocks) > 1 else blocks[0].position() + blocks[0].length()
    return blocks[0].position()


def _continuation(doc: QTextDocument, table: QTextTable, moved: dict) -> None:
    """A one-row table right after ``table``: marker, label (continued), cell names, the moved lines."""
    fmt = table.format()
    fmt.setPageBreakPolicy(BREAK)
    cursor = QTextCursor(doc)
    cursor.setPosition(table.lastPosition() + 1)
    new = cursor.insertTable(1, table.columns(), fmt)
    for column in range(table.columns()):
        old = table.cellAt(0, column)
        cell = new.cellAt(0, column)
        cell.setFormat(old.format())
        cursor = cell.firstCursorPosition()
        first = doc.findBlock(old.firstPosition())
        started = _repeat_head(cursor, first, column)
        if column in moved:
            block_format, fragment, _ = moved[column]
            if started:
                cursor.insertBlock(block_format)
            else:
                cursor.setBlockFormat(block_format)
            cursor.insertFragment(fragment)


def _repeat_head(cursor: QTextCursor, first: QTextBlock, column: int) -> bool:
    """Repeat a cell's head at ``cursor``: the marker, the row's label (continued) or the cell's
    name; return whether anything was written."""
    if column >= 2 and not _named(first):
        return False
    text = first.text().split("\u2028", 1)[0]
    if not text.strip():
        return False
    probe = QTextCursor(first)
    probe.setPosition(first.position() + 1)
    if column >= 2:
        cursor.setBlockFormat(first.blockFormat())
    if column == 1 and not text.endswith(CONTINUED):
        text += CONTINUED
    cursor.insertText(text, probe.charFormat())
    return True


__all__ = ["MOVE_ROOM", "paginate"]
