"""Crash safety: any unexpected exception (in a slot, a worker, a model) is written to a log file
in the user's log folder and shown in a dialog with "Copy details"; the app keeps running."""

from __future__ import annotations

import atexit
import datetime as _dt
import faulthandler
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.logs import private_text
from desktop.ui.i18n import is_chinese, tr

_fault_file = None  # kept open for faulthandler for the life of the process


def _close_fault_file() -> None:
    """Stop dumping hard crashes and close their log file at exit (left to the garbage collector, the
    open file was a ResourceWarning)."""
    global _fault_file
    if _fault_file is not None:
        faulthandler.disable()
        _fault_file.close()
        _fault_file = None


def log_dir() -> Path:
    """Return the folder for Clientele's log files (CLIENTELE_LOG_DIR overrides it)."""
    override = os.environ.get("CLIENTELE_LOG_DIR")
    if override:
        return Path(override)
    try:
        from platformdirs import user_log_dir

        return Path(user_log_dir("Clientele", appauthor=False))
    except Exception:
        import tempfile

        return Path(tempfile.gettempdir()) / "Clientele"


def log_file() -> Path:
    """Return the error log file."""
    return log_dir() / "clientele-errors.log"


def write_log(details: str) -> Path | None:
    """Append `details` with a time stamp to the error log; return its path (None if unwritable)."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"\n=== {_dt.datetime.now().isoformat(timespec='seconds')} ===\n{private_text(details)}\n")
        return path
    except OSError:
        return None


def task_failure_message(exc: BaseException | None, details: str) -> str:
    """Return the sentence a view shows when its background task failed: the input error's own
    sentence, else a plain one naming the exception (whose details are written to the log)."""
    from desktop.engine.errors import InputError, message_for

    if isinstance(exc, InputError):
        return message_for(exc, is_chinese())
    write_log(details)
    return tr("This could not be worked out because of an unexpected problem (%1). The details "
              "were saved in the log.").replace("%1", type(exc).__name__)


class CrashDialog(QDialog):
    """Says something went wrong, where the details are logged, and offers to copy them."""

    def __init__(self, details: str, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Something went wrong"))
        layout = QVBoxLayout(self)
        where = str(log_path) if log_path else tr("(the log folder is not writable)")
        intro = QLabel(tr("Clientele hit an unexpected problem. Your data is safe and you can keep "
                          "working. If it happens again, please send us the details below.")
                       + "\n" + tr("Details were saved to: %1").replace("%1", where))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(tr("Copy details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def add_details(self, details: str) -> None:
        """Append another error to an open dialog instead of stacking dialogs."""
        self.details.appendPlainText("\n" + details)

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QApplication.clipboard().setText(self.details.toPlainText())


class CrashHandler(QObject):
    """Installs sys.excepthook / threading.excepthook and shows errors on the GUI thread."""

    errorReported = Signal(str)  # formatted details; queued to the GUI thread from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.show_dialogs = True
        self.reports: list[str] = []
        self.errorReported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._old_hook: Callable[[type[BaseException], BaseException, TracebackType | None], object] | None = None

    def install(self) -> None:
        """Route uncaught exceptions here and dump hard crashes (segfaults) to the log folder."""
        global _fault_file
        self._old_hook = sys.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = lambda a: self._excepthook(a.exc_type, a.exc_value, a.exc_traceback)
        try:
            if _fault_file is None:
                log_dir().mkdir(parents=True, exist_ok=True)
                # kept open for the process' life: faulthandler writes to it when Python dies
                _fault_file = open(log_dir() / "clientele-crash.log", "a", encoding="utf-8")  # noqa: SIM115
                faulthandler.enable(_fault_file)
                atexit.register(_close_fault_file)
        except OSError:
            pass

    def uninstall(self) -> None:
        """Restore the previous exception hook."""
        if self._old_hook is not None:
            sys.excepthook = self._old_hook
            self._old_hook = None

    def _excepthook(self, exc_type: type[BaseException], exc: BaseException | None,
                    tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report("".join(traceback.format_exception(exc_type, exc, tb)))

    def report(self, details: str) -> None:
        """Log `details` and show them (safe to call from any thread)."""
        self.errorReported.emit(details)

    def _show(self, details: str) -> None:
        path = write_log(details)
        self.reports.append(details)
        print(details, file=sys.stderr)
        if not self.show_dialogs:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_details(details)
            return
        # one dialog, kept by the handler and reused: no parent whose deletion could take it along
        self.dialog = CrashDialog(details, path)
        self.dialog.show()  # not exec(): a modal loop inside a slot could re-enter the failing code


_handler: CrashHandler | None = None


def install_crash_handler() -> CrashHandler:
    """Install (once) and return the app-wide crash handler."""
    global _handler
    if _handler is None:
        _handler = CrashHandler(QApplication.instance())
        _handler.install()
    return _handler


def crash_handler() -> CrashHandler | None:
    """Return the installed crash handler, if any."""
    return _handler
