"""Starting the desktop app: `clientele` (no arguments), `clientele --demo`, `clientele FILE`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir
from desktop.ui.background.memory import settle_heap


def application() -> QApplication:
    """Return the running QApplication, creating it (with names and style) if needed."""
    existing = QApplication.instance()
    app = cast(QApplication, existing) if existing is not None else None  # the app only ever makes one
    if app is None:
        app = QApplication(sys.argv[:1])
        from desktop.ui.fonts import ensure_ui_font

        ensure_ui_font()  # a bundled Latin + Chinese font when the system has none (bare Linux)
    app.setOrganizationName("Clientele")
    app.setApplicationName("Clientele")
    app.setApplicationDisplayName("Clientele")
    app.setDesktopFileName("clientele")
    icon = resources_dir() / "icons" / "clientele.png"
    if icon.is_file():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    style = resources_dir() / "styles" / "app.qss"
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def start(files: list[str], demo: bool, settings=None):
    """Create and show the main window, then open `files`, the demo shop (asked for, or the very
    first time the app runs), or the last file or project (when it is still there); otherwise the
    welcome page shows. Return the window."""
    from desktop.ui.crash import install_crash_handler
    from desktop.ui.i18n import install_language, resolve_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    application()
    settings = settings or Settings()
    install_language(resolve_language(settings.language))
    install_crash_handler()
    window = MainWindow(settings)
    follow_restarts(window)
    window.show()
    settle_heap(collect=True)  # the start-up heap is small: the collection costs a few ms
    sweep_in_background(settings.export_folders(), settings.autosave_days)
    first_run = settings.first_run
    settings.mark_first_run_done()

    def open_initial() -> None:
        # autosaves, and the offer to restore after an unclean exit: after the first paint too, as
        # the project code imports pandas (~0.5 s)
        window.project.start_session()
        if files:
            window.open_paths(files)
        elif demo or first_run:
            window.open_demo()
        elif window.project.restore_path is None:  # a restore on offer: the owner chooses first
            window.start_page.reopen_last()  # else the welcome page stays

    # after the first paint, so the window appears before any work starts
    QTimer.singleShot(0, open_initial)
    return window


def sweep_in_background(export_folders: list[str], autosave_days: float | None = None):
    """Remove, on a background thread, the temporary files that exports and autosaves of killed
    sessions left in the export folders and the autosave folder, and the autosaves older than
    `autosave_days` (default: retention.DEFAULT_AUTOSAVE_DAYS); return the thread."""
    import threading

    from desktop.engine.retention import DEFAULT_AUTOSAVE_DAYS, sweep_at_start

    days = DEFAULT_AUTOSAVE_DAYS if autosave_days is None else autosave_days
    thread = threading.Thread(target=sweep_at_start, args=(export_folders, days),
                              name="sweep-temp-files", daemon=True)
    thread.start()
    return thread


def run_app(argv_files: list[str], demo: bool = False) -> int:
    """Run the app until its window closes; return the exit code."""
    global _window
    app = application()
    _window = start(list(argv_files), demo)
    code = app.exec()
    _window = None
    return code


_window = None  # the app's window while run_app runs (replaced when the language changes)


def follow_restarts(window) -> None:
    """Rebuild `window` when it asks to restart in a new language (the window knows nothing of
    this module: no import cycle)."""
    window.restartRequested.connect(lambda: rebuild_window(window))


def rebuild_window(old):
    """Replace the window `old` by a new one in the language of the settings ("Restart now" after
    the language changed), showing the same analysis, project and campaigns without reading any
    file again; return the new window."""
    global _window
    from desktop.jobs.analysis import PrepareRequest, prepare_again
    from desktop.ui.i18n import install_language, is_chinese, resolve_language, tr
    from desktop.ui.main_window import MainWindow

    settings, data, request, project = old.settings, old.data, old.request, old.project
    old.runner.cancel()
    install_language(resolve_language(settings.language))
    new = MainWindow(settings)
    follow_restarts(new)
    new.restoreGeometry(old.saveGeometry())
    carried = new.project
    carried.autosave_enabled = project.autosave_enabled
    carried.path, carried.project_names, carried._title = project.path, project.project_names, project._title
    carried.campaigns = list(project.campaigns)
    new.show()
    old.close()  # saves the geometry, stops its work
    old.deleteLater()
    if project.restore_path is not None:
        carried.offer_restore(project.restore_path)
    if data is not None and request is not None:
        name = tr("the sample shop") if request.demo else Path(request.paths[0]).name
        new.runner.start("analysis", prepare_again, PrepareRequest(data.analysis, is_chinese()),
                         on_result=lambda again: carried._show_reanalysis(request, again),
                         on_error=new._analysis_failed, label=tr("Analysing %1…").replace("%1", name))
    if _window is old:
        _window = new
    return new
