"""Keeps the legend in step with the analyses, and acts on what the user picks in it."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.core.annotate.mentions import MentionIndex
from desktop.ui.reader.controller import ReaderController
from desktop.ui.reader.legend import LegendPanel
from desktop.ui.shell.workspace import Workspace


class LegendController(QObject):
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        panel: LegendPanel,
        dock: QDockWidget,
        reader: ReaderController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.panel = panel
        self.dock = dock
        self.reader = reader
        self.window = window
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(120)  # several analyses arriving together rebuild once
        self._rebuild.timeout.connect(self.rebuild)
        workspace.analysis_ready.connect(lambda _id: self._rebuild.start())
        workspace.options_changed.connect(self._options_changed)
        panel.hidden_sides_changed.connect(lambda hidden: workspace.set_options(hidden_sides=hidden))
        panel.hidden_kinds_changed.connect(lambda hidden: workspace.set_options(hidden_kinds=hidden))
        panel.mention_activated.connect(reader.show_mention)
        panel.add_actor_requested.connect(self.add_actor)
        reader.area.actor_clicked.connect(self.actor_clicked)
        self._theme = ""

    def _options_changed(self) -> None:
        if self.workspace.options.theme != self._theme:
            self.rebuild()

    def rebuild(self) -> None:
        analyses = self.workspace.analyses()
        if not analyses:
            return
        options = self.workspace.options
        self._theme = options.theme
        sides = dict(self.workspace.analyzer.sides())
        self.panel.set_sides(sides, options.theme, options.hidden_sides)
        self.panel.set_kinds(options.theme, options.hidden_kinds)
        self.panel.set_index(MentionIndex(analyses), sides, options.theme)

    def actor_clicked(self, key: str, _article_id: str, _start: int) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.show_actor(key)

    def add_actor(self, name: str) -> None:
        from desktop.ui.reader.addactor import AddActorDialog

        sides = dict(self.workspace.analyzer.sides())
        dialog = AddActorDialog(name, sides, self.window)
        if dialog.exec() != AddActorDialog.DialogCode.Accepted:
            return
        from desktop.core.annotate.user_actors import add_user_actor

        try:
            actor_id = add_user_actor(dialog.name(), kind=dialog.kind(), side=dialog.side(), aliases=dialog.aliases())
        except (OSError, ValueError) as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, "The actor could not be added", str(exc))
            return
        self.workspace.reanalyse_all()
        self.message.emit(f"Added “{dialog.name()}” to your actors (id {actor_id}); re-analysing the library")
        self.panel.show_actor(actor_id)
