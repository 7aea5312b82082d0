"""The start page: what the window shows before any file is open. Clientele reopens the last file
or project the owner worked on (when it is still there); otherwise it shows a welcome page with
Open…, the recent files and projects, and the sample shop, instead of an Overview of dashes.

Files and projects opened any way (the import dialog, the command line, File > Open project) go
into the recent list once their analysis is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop.ui.i18n import tr
from desktop.ui.settings import RecentFile
from desktop.ui.widgets import wrapped_label

PROJECT_SUFFIX = ".clientele"


def is_project(path: str) -> bool:
    """Return True for a Clientele project file (.clientele)."""
    return Path(path).suffix.lower() == PROJECT_SUFFIX


def recent_paths(item: RecentFile) -> list[str]:
    """Return every file a recent entry reads (the first one and any read with it)."""
    return [item.path, *item.extra_paths]


def still_there(item: RecentFile) -> bool:
    """Return True when every file of a recent entry still exists."""
    return all(Path(p).is_file() or Path(p).is_dir() for p in recent_paths(item))


class StartPage(QWidget):
    """The welcome page: Open…, the recent files and projects, and the sample shop."""

    openClicked = Signal()
    projectClicked = Signal()
    demoClicked = Signal()
    helpClicked = Signal()
    recentChosen = Signal(object)  # RecentFile

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)
        outer.addLayout(column, 4)
        outer.addStretch(1)

        title = QLabel(tr("Welcome to Clientele"))
        title.setObjectName("startTitle")
        column.addWidget(title)
        column.addWidget(wrapped_label(tr("Open the sales export of your till or web shop (Excel or CSV) "
                                          "to see your customers in groups, who to contact, and what "
                                          "they are likely to buy. Nothing leaves this computer.")))
        buttons = QHBoxLayout()
        self.open_button = QPushButton(tr("Open your sales file…"))
        self.open_button.setObjectName("primaryButton")
        self.open_button.clicked.connect(self.openClicked)
        buttons.addWidget(self.open_button)
        self.project_button = QPushButton(tr("Open a project…"))
        self.project_button.clicked.connect(self.projectClicked)
        buttons.addWidget(self.project_button)
        self.demo_button = QPushButton(tr("Try the sample shop"))
        self.demo_button.clicked.connect(self.demoClicked)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        heading = wrapped_label(tr("Recent files and projects"), "heading")
        column.addWidget(heading)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.itemActivated.connect(self._activated)
        self.recent.itemClicked.connect(self._activated)
        self.recent.setMaximumHeight(320)
        column.addWidget(self.recent)
        self.no_recent = wrapped_label(tr("Nothing opened yet. Files you open appear here."))
        column.addWidget(self.no_recent)

        self.help_button = QPushButton(tr("Getting started…"))
        self.help_button.setObjectName("linkButton")
        self.help_button.setFlat(True)
        self.help_button.clicked.connect(self.helpClicked)
        help_row = QHBoxLayout()
        help_row.addWidget(self.help_button)
        help_row.addStretch(1)
        column.addLayout(help_row)
        column.addStretch(1)

    def set_recent(self, items: list[RecentFile]) -> None:
        """List `items` (newest first); entries whose files are gone are shown greyed out."""
        self.recent.clear()
        for item in items:
            paths = recent_paths(item)
            name = Path(item.path).name
            if len(paths) > 1:
                name = tr("%1 and %n more", "", len(paths) - 1).replace("%1", name)
            kind = tr("Project") if is_project(item.path) else tr("Sales file")
            there = still_there(item)
            state = kind if there else tr("no longer there")
            label = f"{name}  —  {state}"
            entry = QListWidgetItem(label)
            entry.setToolTip("\n".join(paths))
            entry.setData(Qt.ItemDataRole.UserRole, item)
            if not there:
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(entry)
        self.recent.setVisible(bool(items))
        self.no_recent.setVisible(not items)

    def _activated(self, entry: QListWidgetItem) -> None:
        item = entry.data(Qt.ItemDataRole.UserRole)
        if item is not None and entry.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.recentChosen.emit(item)


class StartController(QObject):
    """Shows the start page in a MainWindow until an analysis is shown, keeps the recent list, and
    reopens the last file or project at start-up."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        from desktop.ui.widgets import scrolled

        self.page = StartPage()
        self.area = scrolled(self.page)  # scrolls on a small screen, like the views
        window.stack.addWidget(self.area)
        self.page.openClicked.connect(window.choose_file)
        self.page.projectClicked.connect(lambda: window.project.choose_project())
        self.page.demoClicked.connect(window.open_demo)
        self.page.helpClicked.connect(lambda: window.open_help("start"))
        self.page.recentChosen.connect(self.open)
        window.analysisReady.connect(self._analysis_ready)
        self.show()

    def is_showing(self) -> bool:
        """Return True while the start page is on screen."""
        return self.window.stack.currentWidget() is self.area

    def show(self) -> None:
        """Show the start page (the views' sidebar hidden) with the current recent list."""
        self.page.set_recent(self.window.settings.recent_files())
        self.window.nav.hide()
        self.window.stack.setCurrentWidget(self.area)

    def _analysis_ready(self, _data: Any) -> None:
        self._remember()
        if self.is_showing():
            self.window.nav.show()
            self.window.stack.setCurrentIndex(max(0, self.window.nav.currentRow()))

    def _remember(self) -> None:
        """Put the file or project just shown first in the recent list (files named on the command
        line too); not the sample shop, nor a restored safety copy."""
        window = self.window
        request = window.request
        if request is None or request.demo or not request.paths:
            return
        path = request.paths[0]
        project = window.project
        if is_project(path) and (project.path is None or Path(path) != Path(project.path)):
            return  # an autosave shown after a crash: not a file the owner chose
        item = window.settings.recent_for(path)
        if item is None:
            item = (RecentFile(path=path) if is_project(path) else
                    RecentFile(path=path, sheet=request.sheet, overrides=dict(request.overrides or {}),
                               customers_file=request.customers_file, extra_paths=list(request.paths[1:])))
        window.settings.add_recent(item)

    def open(self, item: RecentFile, show_report: bool = True) -> bool:
        """Open a recent file or project; return False (and say so) when it is no longer there."""
        window = self.window
        if not still_there(item):
            missing = next(p for p in recent_paths(item) if not Path(p).exists())
            window.show_error(tr("%1 is no longer there; it may have been moved or deleted.").replace("%1", missing))
            self.page.set_recent(window.settings.recent_files())
            return False
        if is_project(item.path):
            window.project.open_project(item.path)
        elif show_report:
            window.open_recent(item)
        else:
            window.load(window._request(item.path, item.sheet, item.overrides, item.customers_file,
                                        extra=item.extra_paths))
        return True

    def reopen_last(self) -> bool:
        """Reopen the last file or project when it is still there (without the import report);
        return False when there is none (the welcome page stays)."""
        if not self.window.settings.reopen_last:
            return False
        recent = self.window.settings.recent_files()
        if not recent or not still_there(recent[0]):
            return False
        return self.open(recent[0], show_report=False)

