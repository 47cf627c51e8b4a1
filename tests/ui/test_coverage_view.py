"""The Coverage view in the window: the dev set's Coale articles, loaded as the user's articles.

One episode told by several outlets (state media, the president's press service, an exiled
outlet): the view shows a column per source with its outlet and kind, and a click on a
sentence opens the article at it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from desktop.core.compare.coverage import HAPPENED
from desktop.core.files import paths

DEVSET = Path(__file__).resolve().parents[1] / "devset"
COALE = sorted((DEVSET / "articles").glob("dev-coale-*.md"))


@pytest.fixture
def window(make_window, qtbot):
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    for path in COALE:
        shutil.copy(path, folder / path.name)
    outlets = paths.data_dir() / "outlets.yaml"
    outlets.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEVSET / "outlets.yaml", outlets)
    window = make_window()
    ids = {p.stem for p in COALE}

    def ready() -> bool:
        analysed = {a.article.id for a in window.workspace.analyses()}
        return window.workspace.episodes is not None and ids <= analysed and not window.workspace.busy()

    qtbot.waitUntil(ready, timeout=60000)
    return window


def _episodes_by_sources(window) -> list[str]:
    control = window.episode_control
    return sorted((e.id for e in window.workspace.episodes.episodes), key=control.sources)


def test_coverage_action_follows_the_selected_episode(window):
    control, action = window.episode_control, window.actions["episodes.coverage"]
    ordered = _episodes_by_sources(window)
    control.select(ordered[0])
    assert control.sources(ordered[0]) < 2 and not action.isEnabled()
    control.select(ordered[-1])
    assert control.sources(ordered[-1]) >= 3 and action.isEnabled()
    assert action in window.episodes.tree.actions()


def test_coverage_view_shows_a_column_per_source_and_opens_the_sentence(window, qtbot):
    episode_id = _episodes_by_sources(window)[-1]
    window.episode_control.select(episode_id)
    window.actions["episodes.coverage"].trigger()
    view = window.coverage
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.coverage is not None and not view.building(), timeout=30000)
    assert view.episode_id == episode_id and view.export.isEnabled()
    text = view.browser.toPlainText()
    kinds = set()
    for column in view.coverage.columns:
        assert column.outlet in text and column.kind != "unknown"
        kinds.add(column.kind)
        assert column.kind in text
    assert len(kinds) >= 3
    for words in ("What it says happened", "What it leaves out", "Aligned sentences"):
        assert words in text

    happened = view.coverage.row(HAPPENED)
    column = next(c for c in view.coverage.columns if happened.cells[c.index].items)
    item = happened.cells[column.index].items[0]
    start, end = item.spans[0]
    href = f"sentence:{column.article}:{start}:{end}"
    assert href in view.browser.toHtml()
    view.browser.anchorClicked.emit(QUrl(href))
    QApplication.processEvents()
    assert window.tabs.currentIndex() == 0
    pane = window.reader.current_pane()
    assert pane is not None and pane.article_id == column.article
    assert " ".join(item.text.split())[:30] in " ".join(pane.browser.toPlainText().split())


def test_comparison_links_to_the_coverage_of_an_episode_with_sources(window, qtbot):
    ordered = _episodes_by_sources(window)
    window.comparison_control.compare([ordered[-1], ordered[0]])
    view = window.comparison
    qtbot.waitUntil(lambda: view.comparison is not None and not view.building(), timeout=30000)
    links = window.coverage_links
    qtbot.waitUntil(links.isVisible)
    assert f"coverage:{ordered[-1]}" in links.text() and f"coverage:{ordered[0]}" not in links.text()
    links.linkActivated.emit(f"coverage:{ordered[-1]}")
    assert window.tabs.currentWidget() is window.coverage
    qtbot.waitUntil(lambda: window.coverage.coverage is not None, timeout=30000)


def test_export_coverage_from_the_window_writes_the_pdf(window, qtbot, tmp_path):
    episode_id = _episodes_by_sources(window)[-1]
    window.coverage_control.show(episode_id)
    qtbot.waitUntil(lambda: window.coverage.coverage is not None, timeout=30000)
    target = tmp_path / "coverage.pdf"
    assert window.coverage_control.export(str(target)) == str(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert window.actions["file.export_coverage"] in window.menuBar().actions()[0].menu().actions()


def test_a_coverage_slide_paints_its_columns_in_large_type(window):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    from desktop.core.present.deck import build_deck
    from desktop.core.present.lessons import lesson_from_data
    from desktop.ui.present.painter import SlidePainter

    episode_id = _episodes_by_sources(window)[-1]
    lesson, _problems = lesson_from_data({"title": "One visit", "slides": [{"kind": "coverage", "ref": episode_id}]})
    analyses = {a.article.id: a for a in window.workspace.analyses()}
    deck = build_deck(lesson, window.workspace.episodes, analyses, window.workspace.analyzer.gazetteer)
    slide = deck.slides[0]
    assert slide.kind == "coverage" and len(slide.columns) >= 3
    image = QImage(960, 540, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    SlidePainter("light").paint(painter, QRectF(0, 0, 960, 540), slide, slide.last_step(), 1, 1)
    painter.end()
    assert len({image.pixel(x, 300) for x in range(0, 960, 4)}) > 2  # the table was drawn
