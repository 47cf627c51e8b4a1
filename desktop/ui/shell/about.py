"""The About dialog: what Overtures is, and the sources of the bundled corpus."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.core.text.articles import Article, format_published
from desktop.ui.shell import icons


def sources_html(articles: list[Article]) -> str:
    rows = []
    for a in sorted(articles, key=lambda a: (a.published is None, a.published or 0)):
        title = html.escape(a.title)
        link = f'<a href="{html.escape(a.url)}">{title}</a>' if a.url else title
        outlet = html.escape(a.outlet or "outlet not stated")
        note = html.escape(str(a.meta.get("notes", ""))) if a.meta else ""
        where = "bundled" if a.bundled else html.escape(str(a.path or ""))
        rows.append(
            f"<p><b>{link}</b><br>{outlet} · {html.escape(format_published(a))}"
            f"{' (approximate)' if a.published_precision == 'approximate' else ''}"
            f"<br><span style='color:gray'>{note} [{where}]</span></p>"
        )
    return "".join(rows)


class AboutDialog(QDialog):
    def __init__(self, articles: list[Article], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.resize(640, 560)
        logo = QLabel(self)
        logo.setPixmap(icons.app_icon().pixmap(72, 72))
        intro = QLabel(
            f"<h2>{APP_NAME} {__version__}</h2>"
            "<p>Read and compare news analysis of Belarus's recurring overtures to the West "
            "while it stays Moscow's ally: who is who across spellings, what day each date "
            "means, which episodes recur and what changed.</p>"
            "<p>Colours of sides: Paul Tol's colour-blind-safe “light” scheme. "
            "Built with Qt for Python, python-markdown, Pygments, PyYAML and platformdirs.</p>",
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        heading = QLabel("<b>Sources of the corpus</b>", self)
        sources = QTextBrowser(self)
        sources.setObjectName("AboutSources")
        sources.setOpenExternalLinks(True)
        sources.setHtml(sources_html(articles))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(intro)
        layout.addWidget(heading)
        layout.addWidget(sources, 1)
        layout.addWidget(buttons)
