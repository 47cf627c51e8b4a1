"""A seeded random walk through the window, as an impatient user would go (issue 12).

Each step is one move: a random enabled action of the registry, a key in the current view, a
tab, an episode, a theme, zoom, find, a pane closed or opened, a short presentation. The same
seed gives the same walk. Used by tests/ui/test_random_walk.py and tests/bench/bench_random_walk.py.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from .answered import close_dialogs

K, M = Qt.Key, Qt.KeyboardModifier
#: left to their own moves (quit ends the walk; presenting, exports and reload are slow)
SLOW = {"file.quit", "present.start", "file.export", "present.export_pdf", "timeline.export_png"}
SLOW |= {"timeline.export_svg", "file.reload", "view.fullscreen"}
KEYS = [
    (K.Key_Down, M.NoModifier),
    (K.Key_Up, M.NoModifier),
    (K.Key_PageDown, M.NoModifier),
    (K.Key_PageUp, M.NoModifier),
    (K.Key_End, M.ControlModifier),
    (K.Key_Home, M.ControlModifier),
    (K.Key_Tab, M.NoModifier),
    (K.Key_Return, M.NoModifier),
    (K.Key_Escape, M.NoModifier),
    (K.Key_F8, M.NoModifier),
    (K.Key_F8, M.ShiftModifier),
    (K.Key_BracketRight, M.ControlModifier),
    (K.Key_Equal, M.ControlModifier),
    (K.Key_Minus, M.ControlModifier),
    (K.Key_F, M.ControlModifier | M.ShiftModifier),
    (K.Key_1, M.ControlModifier),
    (K.Key_3, M.ControlModifier),
]
WORDS = ["Minsk", "the", "Lukashenko", "sanctions", "zzz-none", "EU", "a"]
SHOW = [K.Key_Right, K.Key_Space, K.Key_Left, K.Key_End, K.Key_Home, K.Key_B, K.Key_B, K.Key_Z, K.Key_Z]


class Walk:
    def __init__(self, window, seed: int) -> None:
        self.window = window
        self.rng = random.Random(seed)
        self.log: list[str] = []  # what was done, to replay a failure by reading it
        self.moves = [
            (30, self.action),
            (20, self.key),
            (8, self.tab),
            (10, self.episode),
            (4, self.theme),
            (6, self.find),
            (5, self.close_pane),
            (6, self.open_article),
            (1, self.present),
            (1, self.slow_action),
        ]
        self._weights = [w for w, _m in self.moves]

    def run(self, steps: int) -> list[str]:
        for _ in range(steps):
            _weight, move = self.rng.choices(self.moves, self._weights)[0]
            self.log.append(move())
            QApplication.processEvents()
            close_dialogs()
        return self.log

    # -- moves; each returns a line for the log
    def _trigger(self, ids: list[str]) -> str:
        enabled = [i for i in ids if self.window.actions[i].isEnabled()]
        action_id = self.rng.choice(enabled)
        self.window.actions[action_id].trigger()
        return f"action {action_id}"

    def action(self) -> str:
        return self._trigger([i for i in self.window.actions.ids() if i not in SLOW])

    def slow_action(self) -> str:
        return self._trigger(["file.export", "timeline.export_svg", "view.fullscreen", "file.reload"])

    def _target(self):
        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is self.window and focused.isVisible():
            return focused
        pane = self.window.reader.current_pane()
        return pane.browser if pane is not None and pane.isVisible() else self.window

    def key(self) -> str:
        key, modifier = self.rng.choice(KEYS)
        target = self._target()
        QTest.keyClick(target, key, modifier)
        return f"key {key.name}+{modifier.name} on {type(target).__name__}"

    def tab(self) -> str:
        index = self.rng.randrange(self.window.tabs.count())
        self.window.tabs.setCurrentIndex(index)
        return f"tab {index}"

    def episode(self) -> str:
        episode_set = self.window.workspace.episodes
        if episode_set is None or not getattr(self.window, "episodes", None):
            return "episode: none yet"
        ids = [e.id for e in self.window.episodes.model.episodes()]
        if not ids:
            return "episode: none"
        episode_id = self.rng.choice(ids)
        self.window.episodes.select(episode_id)
        return f"episode {episode_id}"

    def theme(self) -> str:
        return self._trigger(["view.theme.light", "view.theme.dark", "view.theme.system"])

    def find(self) -> str:
        word = self.rng.choice(WORDS)
        self.window.actions["edit.find"].trigger()
        bar = self.window.find_bar
        bar.edit.setText(word)
        QTest.keyClick(bar.edit, K.Key_Return)
        if self.rng.random() < 0.5:
            QTest.keyClick(bar.edit, K.Key_Escape)
        return f"find {word}"

    def close_pane(self) -> str:
        self.window.actions["view.close_pane"].trigger()
        return "close pane"

    def open_article(self) -> str:
        ids = self.window.workspace.corpus.ids()
        article_id = self.rng.choice(ids)
        self.window.reader_control.open(article_id, new_pane=self.rng.random() < 0.7)
        return f"open {article_id}"

    def present(self) -> str:
        control = getattr(self.window, "presentation_control", None)
        if control is None or self.window.workspace.episodes is None:
            return "present: not ready"
        control.start()
        view = control.view
        if view is None:
            return "present: no view"
        for key in self.rng.sample(SHOW, 5):
            QTest.keyClick(view, key)
        QTest.keyClick(view, K.Key_Escape)
        QApplication.processEvents()
        return "present"
