"""Issue 13's second check in the window: an article edited slightly after a correction keeps it on
its words; an article rewritten lists the correction as orphaned (kept, never applied to other words)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.core.annotations.store import load_annotations
from desktop.core.files import paths

from .test_annotations import char_format
from .test_corrections_ui import answer_actor, choose, menus, right_click  # noqa: F401  (menus: a fixture)

HEAD = "---\nid: mine\ntitle: My article\npublished: 2024-05-02\n---\n\n"
FIRST = "Deputy Minister Ivan Petrov met Maksim Ryzhankou in Minsk on Monday. They spoke of trade.\n"
EDITED = (
    "A new opening sentence, added later. Deputy Minister Ivan Petrov met Maksim Ryzhankou in Minsk on Monday, "
    "they say. They spoke of trade and of transit.\n"
)
REWRITTEN = "The ministers never met. A statement of the ministry spoke of trade with Poland.\n"


def reload(window, qtbot, body: str) -> None:
    """The article changed on disk; File → Reload Library; wait for its new analysis."""
    (paths.user_articles_dir() / "mine.md").write_text(HEAD + body, encoding="utf-8")
    window.actions["file.reload"].trigger()
    qtbot.waitUntil(
        lambda: (a := window.workspace.analysis("mine")) is not None and a.text.strip() == body.strip(), timeout=30000
    )
    QApplication.processEvents()


def test_a_correction_follows_a_small_edit_and_is_orphaned_by_a_rewrite(make_window, qtbot, menus, monkeypatch):  # noqa: F811
    paths.user_articles_dir().mkdir(parents=True)
    (paths.user_articles_dir() / "mine.md").write_text(HEAD + FIRST, encoding="utf-8")
    window = make_window()
    pane = window.reader_control.open("mine", new_pane=False)
    qtbot.waitUntil(lambda: window.workspace.analysis("mine") is not None, timeout=30000)
    qtbot.waitUntil(lambda: "Ryzhankou" in char_format(pane, "Ryzhankou").toolTip(), timeout=30000)
    answer_actor(monkeypatch, "Makei")
    choose(right_click(pane, "Ryzhankou", menus), "This Is …")
    assert "Vladimir Makei" in char_format(pane, "Ryzhankou").toolTip()
    (note,) = load_annotations()[0]

    reload(window, qtbot, EDITED)  # words before and after it changed, and it moved
    pane = window.reader.pane_for("mine")
    qtbot.waitUntil(lambda: "corrected by you" in char_format(pane, "Ryzhankou").toolTip(), timeout=30000)
    assert "Vladimir Makei" in char_format(pane, "Ryzhankou").toolTip()
    analysis = window.workspace.corrected_analysis("mine")
    (fixed,) = [m for m in analysis.actors if m.actor == note.actor]
    assert analysis.text[fixed.start : fixed.end] == note.quote.exact and fixed.start != note.quote.start
    assert [row[2] for row in window.corrections.rows()] == ["applied"]

    reload(window, qtbot, REWRITTEN)  # its words are gone: listed as orphaned, applied nowhere
    analysis = window.workspace.corrected_analysis("mine")
    assert not any(m.actor == note.actor for m in analysis.actors)
    assert [row[2] for row in window.corrections.rows()] == ["orphaned"]
    assert load_annotations()[0] == [note]  # kept, never silently dropped
