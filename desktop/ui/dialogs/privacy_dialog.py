"""Help › Privacy: every folder and file Clientele writes by itself or on your request, what each
holds, with buttons to open it and (for what the app writes by itself) to clear it; and how long
autosaves are kept. Clientele makes no network connection: nothing leaves the computer."""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from desktop.ui.i18n import tr


@dataclass
class Place:
    """A folder (or file) the app writes, what it holds, and how to clear it (None: the owner's own)."""

    key: str
    title: str
    path: Path | None
    holds: str
    clear: Callable[[], int] | None = None


def _remove_files(folder: Path, pattern: str, keep: set[Path] = frozenset()) -> int:  # type: ignore[assignment]
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.glob(pattern):
        if path.is_file() and not path.is_symlink() and path.resolve() not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def clear_logs() -> int:
    """Remove Clientele's log files; return how many."""
    from desktop.ui.crash import log_dir

    return _remove_files(log_dir(), "*.log")


def clear_autosaves() -> int:
    """Remove the autosaves of other sessions (this session's safety copy stays); return how many."""
    from desktop.jobs.privacy import autosave_path, own_autosaves

    mine = autosave_path().resolve()
    removed = 0
    for path in own_autosaves():
        if path.resolve() != mine:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def places(settings=None, project: Path | None = None) -> list[Place]:
    """Everything the app writes, in the order the page lists it."""
    from desktop.jobs.privacy import data_dir
    from desktop.ui.crash import log_dir

    settings_file = Path(settings.file_name) if settings is not None else None
    exports = settings.export_folders() if settings is not None else []
    days = settings.autosave_days if settings is not None else 30
    return [
        Place("settings", tr("Settings"), settings_file.parent if settings_file else None,
              tr("Your choices: language, currency, recently opened files (their names and folders), "
                 "the folders lists were exported to, message templates. No customer data.")),
        Place("logs", tr("Logs"), log_dir(),
              tr("Details of unexpected problems, for a bug report. They never hold a customer's name, "
                 "phone number or e-mail address."), clear_logs),
        Place("autosaves", tr("Autosaves"), data_dir() / "autosave",
              tr("A safety copy of the open analysis (order lines, customers' names and contacts), to "
                 "restore it after a crash. Removed when Clientele closes normally, and after %n day(s) "
                 "in any case; protected with the project's password when it has one.", "", days),
              clear_autosaves),
        Place("sessions", tr("Session notes"), data_dir() / "sessions",
              tr("A note that Clientele is running, to offer the restore after a crash. No customer data.")),
        Place("projects", tr("Projects"), project.parent if project is not None else None,
              tr("Projects you saved: the cleaned order lines, customers' names and contacts, campaign "
                 "records, and the record of customers you deleted. They are yours: Clientele never "
                 "deletes them. A password protects them if you chose one.")),
        Place("exports", tr("Exported lists"), Path(exports[0]) if exports else None,
              tr("Marketing lists you exported (names, phones, e-mails unless you chose private lists) and "
                 "their campaign records. They are yours: Clientele never deletes them.")),
        Place("temporary", tr("Temporary files"), Path(tempfile.gettempdir()),
              tr("While an export or a save is written, a hidden temporary file beside it; removed when "
                 "done, and at the next start if Clientele was stopped half-way.")),
    ]


class PrivacyDialog(QDialog):
    """The Privacy page: a row per place, with Open and (where the app owns it) Clear."""

    def __init__(self, settings=None, project: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Privacy"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Clientele works offline: it makes no network connection, and your files never "
                          "leave this computer. This is everything it writes, and where."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        body = QWidget()
        grid = QGridLayout(body)
        self.open_buttons: dict[str, QPushButton] = {}
        self.clear_buttons: dict[str, QPushButton] = {}
        for row, place in enumerate(places(settings, project)):
            title = QLabel(f"<b>{place.title}</b>")
            where = QLabel(str(place.path) if place.path is not None else tr("(wherever you choose)"))
            where.setWordWrap(True)
            holds = QLabel(place.holds)
            holds.setWordWrap(True)
            text = QVBoxLayout()
            for label in (title, where, holds):
                text.addWidget(label)
            grid.addLayout(text, row, 0)
            buttons = QHBoxLayout()
            opener = QPushButton(tr("Open"))
            opener.setEnabled(place.path is not None)
            opener.clicked.connect(lambda _c=False, p=place: self._open(p))
            buttons.addWidget(opener)
            self.open_buttons[place.key] = opener
            if place.clear is not None:
                clear = QPushButton(tr("Clear"))
                clear.clicked.connect(lambda _c=False, p=place: self._clear(p))
                buttons.addWidget(clear)
                self.clear_buttons[place.key] = clear
            grid.addLayout(buttons, row, 1)
        grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        keep = QHBoxLayout()
        keep.addWidget(QLabel(tr("Keep autosaves for")))
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setSuffix(tr(" days", "how long autosaves are kept"))
        self.days.setValue(settings.autosave_days if settings is not None else 30)
        self.days.valueChanged.connect(self._days_changed)
        keep.addWidget(self.days)
        keep.addStretch(1)
        self.protect_button = QPushButton(tr("Protect a project with a password…"))
        self.protect_button.clicked.connect(lambda: self.protect())
        keep.addWidget(self.protect_button)
        layout.addLayout(keep)
        reminder = QLabel(tr("To delete one customer, select them and choose “Forget this customer…” in their "
                             "panel. Your own spreadsheets are yours to edit: Clientele never changes them."))
        reminder.setWordWrap(True)
        layout.addWidget(reminder)
        self.status = QLabel("")
        layout.addWidget(self.status)
        close_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_box.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        close_box.rejected.connect(self.reject)
        layout.addWidget(close_box)

    def protect(self, path: str | None = None) -> bool:
        """Give a project file a password (asking for the file, its present password when it has one,
        and the new one twice); return True when it was protected."""
        from PySide6.QtWidgets import QFileDialog

        from desktop.jobs.errors import InputError, message_for
        from desktop.jobs.privacy import PROJECT_SUFFIX, is_encrypted, set_project_password
        from desktop.ui.i18n import is_chinese
        from desktop.ui.password_ui import ask_password

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Protect a project with a password…"), str(Path.home()),
                                                  tr("Clientele project") + f" (*{PROJECT_SUFFIX})")
            if not path:
                return False
        name = Path(path).name
        old = ask_password(self, name) if is_encrypted(path) else None
        if is_encrypted(path) and old is None:
            return False
        new = ask_password(self, name, new=True)
        if new is None:
            self.status.setText(tr("The two passwords were not the same; the project was not changed."))
            return False
        try:
            set_project_password(path, new, old)
        except InputError as exc:
            self.status.setText(message_for(exc, is_chinese()))
            return False
        controller = getattr(self.parent(), "project", None)  # the open project: its saves stay protected
        if controller is not None and getattr(controller, "path", None) is not None \
                and Path(controller.path).resolve() == Path(path).resolve():
            controller.password = new
        self.status.setText(tr("%1 is now protected by a password. Nothing can recover a forgotten "
                               "password.").replace("%1", name))
        return True

    def _days_changed(self, value: int) -> None:
        if self.settings is not None:
            self.settings.autosave_days = value

    def _open(self, place: Place) -> None:
        from desktop.ui.folders import open_folder

        if place.path is None:
            return
        with contextlib.suppress(OSError):
            place.path.mkdir(parents=True, exist_ok=True)
        if not open_folder(place.path):
            self.status.setText(tr("The folder is %1").replace("%1", str(place.path)))

    def _clear(self, place: Place, confirm: bool = True) -> int:
        """Clear a place the app owns (after a confirmation); return how many files were removed."""
        if place.clear is None:
            return 0
        if confirm:
            answer = QMessageBox.question(self, tr("Clear"), tr("Remove everything in %1?").replace("%1", place.title))
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        removed = place.clear()
        self.status.setText(tr("%n file(s) removed.", "", removed))
        return removed
