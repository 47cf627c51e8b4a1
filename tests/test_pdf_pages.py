"""Full pages (issue 14): the trio's handout packs its pages; a row that crosses a page goes on
under its repeated label; a heading keeps with what follows.

The fill of a page is measured two ways: from the laid-out document (the lowest line laid out
on the page, as :class:`~desktop.ui.compare.pdf.HandoutPainter` paginates it) and from the
written PDF (the lowest line of text on the page, tests/test_pdf_truth.py).
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextCursor, QTextTable

from desktop.ui.compare.paginate import CONTINUED, paginate
from desktop.ui.shell.offline import OfflineDocument
from tests.test_cli import run
from tests.test_pdf_truth import _fill

PAGE = 600.0  # the body height of the synthetic documents below, in 96-dpi pixels
WORDS = "the delegation met the minister and spoke of sanctions relief and normalised relations"


def _blocks(doc):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def layout_fills(doc, page_height: float) -> list[float]:
    """Per page, how far down the body the laid-out lines go (0 empty, 1 full)."""
    layout = doc.documentLayout()
    lowest: dict[int, float] = {}
    for block in _blocks(doc):
        if not block.text().strip():
            continue
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for n in range(lines.lineCount()):
            bottom = top + lines.lineAt(n).y() + lines.lineAt(n).height()
            page = int((bottom - 0.5) // page_height)
            lowest[page] = max(lowest.get(page, 0.0), bottom - page * page_height)
    return [lowest.get(page, 0.0) / page_height for page in range(doc.pageCount())]


@pytest.fixture(scope="module")
def trio_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    target = folder / "handout.pdf"
    out = run("export", "-o", str(target), cwd=folder)
    assert out.returncode == 0, out.stderr
    return PdfReader(str(target))


def test_the_trio_handout_is_at_most_ten_full_pages(trio_pdf):
    pages = trio_pdf.pages
    assert len(pages) <= 10
    fills = [_fill(page) for page in pages[:-1]]
    assert sum(fills) / len(fills) >= 0.70, fills
    assert min(fills) >= 0.5, fills  # no half-empty page before the last


def test_a_row_that_goes_on_repeats_its_label(trio_pdf):
    texts = [" ".join(page.extract_text().split()) for page in trio_pdf.pages]
    continued = [t for t in texts if CONTINUED.strip() in t]
    assert continued  # the trio has rows longer than the room left on their page
    whole = " ".join(texts)
    for label in re.findall(r"([A-Z][\w' ]+?\(?\w*\)?) \(continued\)", whole):
        assert whole.count(label.strip()) >= 2, label  # the label appears where the row begins too


def test_the_laid_out_trio_fills_its_pages(qapp, tmp_path):
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.text.articles import load_default_corpus
    from desktop.ui.compare.pdf import HandoutPainter, comparison_handout

    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    handout = comparison_handout(
        build_episodes(list(analyses.values())), analyses, gazetteer=analyzer.gazetteer, sides=dict(analyzer.sides())
    )
    job = HandoutPainter(tmp_path / "handout.pdf", handout)
    try:
        fills = layout_fills(job.doc, job.body.height())
    finally:
        job.close()
    assert job.pages <= 10
    assert sum(fills[:-1]) / (len(fills) - 1) >= 0.70, fills


def _fonts(page) -> dict[str, bool]:
    """The page's fonts by name: whether each is embedded (a font file in its descriptor)."""
    fonts = {}
    for ref in page["/Resources"]["/Font"].values():
        font = ref.get_object()
        descriptors = [d.get_object()["/FontDescriptor"].get_object() for d in font.get("/DescendantFonts", [])]
        if "/FontDescriptor" in font:
            descriptors.append(font["/FontDescriptor"].get_object())
        fonts[str(font["/BaseFont"])] = any(k.startswith("/FontFile") for d in descriptors for k in d)
    return fonts


def test_every_page_has_the_running_header_searchable_text_and_embedded_fonts(trio_pdf):
    total = len(trio_pdf.pages)
    for number, page in enumerate(trio_pdf.pages, 1):
        text = " ".join(page.extract_text().split())
        assert "Overtures · Comparison of episodes" in text, number
        assert "2018 Mitchell visit · 2022 Makei letter · 2024 Ryzhankou push" in text, number
        assert f"Page {number} of {total}" in text, number
        assert len(text) > 400, number  # the body is text, not a picture of text
        fonts = _fonts(page)
        assert fonts and all(fonts.values()), fonts


def test_every_shortened_list_says_how_many_and_which(trio_pdf):
    text = " ".join(" ".join(page.extract_text() for page in trio_pdf.pages).split())
    assert not re.search(r"\+\s?\d+ more", text)
    for match in re.finditer(r"\band (\d+) (others?)\b(.?)", text):
        count, word, after = match.groups()
        assert after == ":", match.group(0)  # "and N others: …", the others listed
        assert (word == "other") == (count == "1"), match.group(0)


# --------------------------------------------------------------------------- synthetic pages


def _cell(name: str, paragraphs: int) -> str:
    body = "".join(f'<p class="extract">{n + 1}: {WORDS}.</p>' for n in range(paragraphs))
    return f'<td width="40%"><h6 class="cell">{name}</h6>{body}</td>'


def _row(label: str, paragraphs: int) -> str:
    return (
        '<table width="100%" border="1" cellspacing="0" cellpadding="4"><tr>'
        f'<td width="28">≠</td><td width="16%">{label}<br><span>≠ changed</span></td>'
        f"{_cell('First episode', paragraphs)}{_cell('Second episode', max(1, paragraphs // 2))}</tr></table>"
    )


def _document(html: str) -> OfflineDocument:
    doc = OfflineDocument()
    doc.setDocumentMargin(0)
    doc.setHtml(f"<html><body>{html}</body></html>")
    doc.setPageSize(QSizeF(700, PAGE))
    return doc


def _tables(doc):
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _cell_text(doc, table, column: int) -> str:
    cell = table.cellAt(0, column)
    cursor = QTextCursor(doc)
    cursor.setPosition(cell.firstPosition())
    cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", " ").replace("\u2028", " ")


def _content(doc, column: int) -> str:
    """All the text of one column across its tables, without the repeated cell names."""
    text = " ".join(_cell_text(doc, t, column) for t in _tables(doc))
    for name in ("First episode", "Second episode"):
        text = text.replace(name, "")
    return " ".join(text.split())


def test_a_long_row_splits_at_the_foot_of_the_page_under_its_label(qapp):
    doc = _document("<p>Intro</p>" * 12 + _row("What Minsk asked for", 30))
    before = [_content(doc, c) for c in (2, 3)]
    paginate(doc, PAGE)
    tables = _tables(doc)
    assert len(tables) >= 3  # the row goes on in continuations, over two more pages
    layout = doc.documentLayout()
    first, second = (layout.frameBoundingRect(t) for t in tables[:2])
    assert first.bottom() <= PAGE  # what stays fits on the first page
    assert first.bottom() > PAGE * 0.8  # and fills it
    assert second.top() >= PAGE  # the rest starts the next page
    for table in tables[1:]:  # a row longer than a page goes on more than once, "(continued)" once
        assert _cell_text(doc, table, 1).strip() == "What Minsk asked for" + CONTINUED
    assert _cell_text(doc, tables[1], 0).strip() == "≠"
    assert _cell_text(doc, tables[1], 2).startswith("First episode")
    assert [_content(doc, c) for c in (2, 3)] == before  # no line lost, none repeated
    for table in tables:
        rect = layout.frameBoundingRect(table)
        assert int(rect.top() // PAGE) == int((rect.bottom() - 1) // PAGE)  # no table crosses a page


def test_a_short_row_moves_whole_with_the_heading_above_it(qapp):
    doc = _document("<p>Intro</p>" * 34 + "<h3>Recurring motifs</h3>" + _row("Sanctions", 2))
    paginate(doc, PAGE)
    assert len(_tables(doc)) == 1  # not split
    layout = doc.documentLayout()
    heading = next(b for b in _blocks(doc) if b.text() == "Recurring motifs")
    assert layout.blockBoundingRect(heading).top() >= PAGE  # the heading went along
    assert layout.frameBoundingRect(_tables(doc)[0]).top() >= PAGE


def test_a_heading_at_the_foot_of_a_page_keeps_with_what_follows(qapp):
    def made(intro: int):
        html = "<p>Intro</p>" * intro + "<h3>Found in one episode only</h3>" + "<p>A sentence.</p>" * 5
        doc = _document(html)
        heading = next(b for b in _blocks(doc) if b.text() == "Found in one episode only")
        return doc, heading, doc.documentLayout().blockBoundingRect(heading)

    # the set-up: as many paragraphs as put the heading in the last lines of the first page
    made_ = (made(n) for n in range(1, 80))
    doc, heading, _rect = next(m for m in made_ if PAGE - 60 < m[2].bottom() < PAGE)
    paginate(doc, PAGE)
    assert doc.documentLayout().blockBoundingRect(heading).top() >= PAGE


def test_a_row_that_moves_leaves_the_short_row_above_it_in_place(qapp):
    def made(intro: int):
        doc = _document("<p>Intro</p>" * intro + _row("Belavia", 1) + _row("Sanctions", 1))
        first, second = (doc.documentLayout().frameBoundingRect(t) for t in _tables(doc))
        return doc, first, second

    # the set-up: the first row ends just above the foot of the page, the second crosses it
    doc, first, _second = next(
        m for m in (made(n) for n in range(1, 80)) if m[1].bottom() < PAGE < m[2].bottom() and m[2].top() < PAGE - 30
    )
    paginate(doc, PAGE)
    assert len(_tables(doc)) == 2  # a short row is not split
    first, second = (doc.documentLayout().frameBoundingRect(t) for t in _tables(doc))
    assert first.bottom() <= PAGE  # the row above stays
    assert second.top() >= PAGE  # the short row that crossed went whole to the next page
