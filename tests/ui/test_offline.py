"""The window never loads anything remote or local from an article's HTML (issue 15)."""

from __future__ import annotations

from desktop.ui.shell.offline import OfflineBrowser, OfflineDocument


def _hostile_html(base: str, secret) -> str:
    return (
        f'<p>Minsk <img src="{base}/pixel.png"> <img src="file://{secret}"> <img src="{secret}">'
        f'<a href="file:///etc/passwd">x</a> <link rel="stylesheet" href="{base}/s.css">'
        f'<iframe src="{base}/frame"></iframe><script src="{base}/a.js"></script>'
        '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==">'
        "</p>"
    )


def test_the_reader_fetches_and_reads_nothing(qtbot, counting_server, tmp_path):
    base, hits = counting_server
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not to be read")
    browser = OfflineBrowser()
    qtbot.addWidget(browser)
    browser.resize(400, 300)
    browser.show()
    browser.setHtml(_hostile_html(base, secret))
    qtbot.wait(300)
    assert hits == []
    assert any(str(secret) in url for url in browser.refused)
    assert not any(url.startswith("data:") for url in browser.refused)
    assert "Minsk" in browser.toPlainText()


def test_the_pdf_document_fetches_and_reads_nothing(counting_server, tmp_path):
    base, hits = counting_server
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not to be read")
    doc = OfflineDocument()
    doc.setHtml(_hostile_html(base, secret))
    doc.setTextWidth(400)
    doc.size()  # lays out, which loads images
    assert hits == []
    assert any(str(secret) in url for url in doc.refused)


def test_an_article_with_remote_and_local_images_opens_without_a_fetch(window, counting_server, tmp_path, monkeypatch):
    base, hits = counting_server
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not to be read")
    article = tmp_path / "images.md"
    article.write_text(
        f"---\nid: images\ntitle: Images\npublished: 2021-01-01\n---\n"
        f"Officials met in Minsk. ![a]({base}/a.png) ![b](file://{secret}) [c](file:///etc/passwd)\n",
        encoding="utf-8",
    )
    from PySide6.QtWidgets import QApplication

    window.library_control.open_files([str(article)])
    QApplication.processEvents()
    pane = window.reader_control.area.pane_for("images")
    browser = pane.browser
    assert "Officials met in Minsk" in browser.toPlainText()
    assert hits == []
    assert any(str(secret) in url for url in browser.refused)
