"""File → Import…, Ctrl+V and drops on the library: the Import dialog shows what was extracted, the
user corrects it, it is saved as Markdown with front matter; duplicates offer Skip / Replace;
several files import in the background with progress, Cancel and a list of what failed."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
import shiboken6
import yaml
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from desktop.core.files import paths
from tests.core.test_library_import import PDF_LINES, minimal_pdf
from tests.ui.conftest import press

DATA = Path(__file__).resolve().parent.parent / "data" / "library"
PAGE_TITLE = "Minsk courts Warsaw over border crossings as freight queues grow"


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    _, meta, body = text.split("---\n", 2)
    return yaml.safe_load(meta), body


def saved_files() -> list[Path]:
    folder = paths.user_articles_dir()
    return sorted(folder.glob("*.md")) if folder.exists() else []


def answer_file_dialog(monkeypatch, files):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(f) for f in files], "")))


def open_import(window, qtbot, monkeypatch, files):
    """File → Import…, then Choose Files… in the dialog, as a user does."""
    answer_file_dialog(monkeypatch, files)
    window.actions["file.import_article"].trigger()
    dialog = window.library_control.last_dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.files_button, Qt.MouseButton.LeftButton)
    return dialog


def retype(qtbot, field, text):
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def click_save(qtbot, dialog):
    """Save to Library; the duplicate check runs in the background: wait for its answer."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: gone(dialog) or dialog.duplicate_bar.isVisible(), timeout=30000)


def gone(dialog) -> bool:
    """Closed (the dialog deletes itself once closed)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def list_titles(window) -> list[str]:
    proxy = window.library.proxy
    return [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]


def test_a_saved_page_imported_through_the_dialog_with_a_corrected_title(window, qtbot, monkeypatch):
    dialog = open_import(window, qtbot, monkeypatch, [DATA / "news-page.html"])
    assert dialog.title.text() == PAGE_TITLE
    assert dialog.outlet.text() == "Eastern Ledger"
    assert dialog.author.text() == "Daria Kowal"
    assert dialog.date.text() == "2025-03-14" and "metadata" in dialog.date_found.text()
    body = dialog.body.toPlainText()
    assert "freight queues on both sides" in body
    assert "ADVERTISEMENT" not in body and "Related stories" not in body

    retype(qtbot, dialog.title, "Minsk asks Warsaw to reopen border crossings")
    click_save(qtbot, dialog)

    (saved,) = saved_files()
    meta, text = front_matter(saved)
    assert meta["title"] == "Minsk asks Warsaw to reopen border crossings"
    assert (meta["outlet"], meta["published"], meta["date_found_by"]) == ("Eastern Ledger", "2025-03-14", "metadata")
    assert "freight queues on both sides" in text and "ADVERTISEMENT" not in text
    assert "Minsk asks Warsaw to reopen border crossings" in list_titles(window)
    assert gone(dialog)
    assert window.reader.current_pane().title.text().startswith("Minsk asks Warsaw")


def test_pdf_and_text_files_through_the_dialog(window, qtbot, monkeypatch, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(minimal_pdf(PDF_LINES))
    dialog = open_import(window, qtbot, monkeypatch, [pdf])
    assert dialog.title.text() == "Report on Belarus and the West"
    assert "not found" in dialog.date_found.text()
    qtbot.keyClicks(dialog.date, "2020-02-03")
    assert "entered by you" in dialog.date_found.text()
    click_save(qtbot, dialog)

    dialog = open_import(window, qtbot, monkeypatch, [DATA / "notes.txt"])
    assert dialog.title.text() == "Lithuania reviews transit rules for Belarusian potash"
    qtbot.keyClicks(dialog.outlet, "Baltic Notes")
    click_save(qtbot, dialog)

    metas = {front_matter(p)[0]["title"]: front_matter(p)[0] for p in saved_files()}
    assert metas["Report on Belarus and the West"]["published"] == "2020-02-03"
    assert metas["Report on Belarus and the West"]["date_found_by"] == "user"
    assert metas["Lithuania reviews transit rules for Belarusian potash"]["outlet"] == "Baltic Notes"
    assert {"Report on Belarus and the West", "Lithuania reviews transit rules for Belarusian potash"} <= set(
        list_titles(window)
    )


def test_a_bad_file_says_why_and_saves_nothing(window, qtbot, monkeypatch):
    dialog = open_import(window, qtbot, monkeypatch, [DATA / "paywall.html"])
    assert "paywall" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    assert saved_files() == []


def test_a_duplicate_offers_skip_and_replace(window, qtbot, monkeypatch):
    dialog = open_import(window, qtbot, monkeypatch, [DATA / "news-page.html"])
    click_save(qtbot, dialog)
    (first,) = saved_files()

    dialog = open_import(window, qtbot, monkeypatch, [DATA / "news-page.html"])
    click_save(qtbot, dialog)
    assert dialog.duplicate_bar.isVisible() and "same URL" in dialog.duplicate_bar.label.text()
    qtbot.mouseClick(dialog.duplicate_bar.skip, Qt.MouseButton.LeftButton)
    assert saved_files() == [first] and gone(dialog)

    dialog = open_import(window, qtbot, monkeypatch, [DATA / "news-page.html"])
    retype(qtbot, dialog.author, "D. Kowal")
    click_save(qtbot, dialog)
    qtbot.mouseClick(dialog.duplicate_bar.replace, Qt.MouseButton.LeftButton)
    assert saved_files() == [first]
    assert front_matter(first)[0]["author"] == "D. Kowal"


def test_several_files_import_in_the_background_and_failures_are_listed(window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    files = [DATA / "news-page.html", DATA / "paywall.html", DATA / "notes.txt", DATA / "empty.html"]
    dialog = open_import(window, qtbot, monkeypatch, files)
    assert gone(dialog)
    batch = window.library_control.last_batch
    assert batch.progress.maximum() == 4
    qtbot.waitUntil(lambda: batch.done, timeout=60000)
    assert len(batch.outcomes) == 4

    assert len(saved_files()) == 2
    assert "Imported 2 of 4 files" in warnings[0]
    assert "paywall.html: a paywall stub" in warnings[0] and "empty.html:" in warnings[0]
    assert PAGE_TITLE in list_titles(window)


def test_cancel_stops_the_batch_after_the_current_file(window, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    window.library_control.import_batch([str(DATA / "notes.txt"), str(DATA / "news-page.html")])
    batch = window.library_control.last_batch
    qtbot.mouseClick(batch.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: batch.done, timeout=60000)
    assert len(batch.outcomes) == 1 and len(saved_files()) == 1
    assert "cancelled, 1 not tried" in warnings[0]


def test_ctrl_v_on_the_library_creates_a_draft(window, qtbot):
    QGuiApplication.clipboard().setText("Talks in Minsk\n\nThe minister met envoys in Minsk on Friday.")
    window.library.tree.setFocus()
    press(qtbot, window.library.tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = window.library_control.last_dialog
    assert dialog.title.text() == "Talks in Minsk"
    assert "envoys" in dialog.body.toPlainText()
    click_save(qtbot, dialog)
    (saved,) = saved_files()
    assert front_matter(saved)[0]["title"] == "Talks in Minsk"


@pytest.fixture
def local_site():
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(DATA), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_pasted_address_is_fetched_only_on_request(window, qtbot, local_site):
    QGuiApplication.clipboard().setText(f"{local_site}/news-page.html")
    window.library.tree.setFocus()
    press(qtbot, window.library.tree, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = window.library_control.last_dialog
    assert dialog.url.text().endswith("/news-page.html") and dialog.title.text() == ""
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.title.text() == PAGE_TITLE, timeout=30000)

    retype(qtbot, dialog.url, f"{local_site}/missing.html")
    qtbot.mouseClick(dialog.fetch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be fetched" in dialog.status.text(), timeout=30000)
    assert "Nothing was saved" in dialog.status.text()


def test_a_file_dropped_on_the_library_opens_the_dialog(window, qtbot):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / "dispatch.md"))])
    viewport = window.library.tree.viewport()
    args = (QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(20, 20), *args[1:]))
    dialog = window.library_control.last_dialog
    assert dialog.outlet.text() == "Danube Observer"
    assert "front matter" in dialog.date_found.text()


def test_the_list_s_own_article_drags_are_not_imported(window):
    mime = window.library_model.mimeData([window.library_model.index(0, 0)])
    args = (QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(window.library.tree.viewport(), enter)
    assert not enter.isAccepted()


def test_several_files_dropped_import_in_the_background(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: None))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(DATA / name)) for name in ("dispatch.md", "notes.txt")])
    viewport = window.library.tree.viewport()
    args = (QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, QDragEnterEvent(*args))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(20, 20), *args[1:]))
    batch = window.library_control.last_batch
    qtbot.waitUntil(lambda: batch.done, timeout=60000)
    assert len(saved_files()) == 2 and len(window.workspace.articles()) == 7


def test_an_imported_article_is_found_by_the_search(window, qtbot, monkeypatch):
    qtbot.keyClicks(window.library.filter, "Minsk")  # the index is built before the import
    qtbot.waitUntil(
        lambda: bool(window.library.search.hits) and not window.library.search.backend.busy(), timeout=60000
    )
    window.library.filter.clear()
    dialog = open_import(window, qtbot, monkeypatch, [DATA / "notes.txt"])
    click_save(qtbot, dialog)
    qtbot.keyClicks(window.library.filter, "Klaipeda")
    search = window.library.search
    qtbot.waitUntil(lambda: bool(search.hits) and not search.backend.busy(), timeout=60000)
    assert [h.title for h in search.hits] == ["Lithuania reviews transit rules for Belarusian potash"]
