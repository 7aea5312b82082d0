from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.ui.crash import CrashDialog, CrashHandler, log_file


class Emitter(QObject):
    fire = Signal()


def test_exception_in_a_slot_is_logged_and_shown_and_the_app_keeps_running(qtbot, english):
    handler = CrashHandler()
    handler.install()
    try:
        emitter = Emitter()

        def broken_slot():
            raise ValueError("boom in a slot")

        emitter.fire.connect(broken_slot)
        with qtbot.waitSignal(handler.errorReported, timeout=5000):
            emitter.fire.emit()
        qtbot.waitUntil(lambda: handler.dialog is not None and handler.dialog.isVisible(), timeout=5000)
        assert "boom in a slot" in log_file().read_text(encoding="utf-8")
        dialog = handler.dialog
        assert "boom in a slot" in dialog.details.toPlainText()
        dialog.copy_button.click()
        assert "ValueError" in QApplication.clipboard().text()
        # a second error joins the open dialog instead of stacking a new one
        with qtbot.waitSignal(handler.errorReported, timeout=5000):
            emitter.fire.emit()
        qtbot.waitUntil(lambda: dialog.details.toPlainText().count("boom in a slot") == 2, timeout=5000)
        # the event loop still runs
        ticks = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1], timeout=2000)
        dialog.close()
    finally:
        handler.uninstall()


def test_errors_from_other_threads_reach_the_dialog(qtbot):
    import threading

    handler = CrashHandler()
    handler.install()
    try:
        with qtbot.waitSignal(handler.errorReported, timeout=5000):
            t = threading.Thread(target=lambda: 1 / 0)
            t.start()
            t.join()
        qtbot.waitUntil(lambda: any("ZeroDivisionError" in r for r in handler.reports), timeout=5000)
        assert isinstance(handler.dialog, CrashDialog)
        handler.dialog.close()
    finally:
        handler.uninstall()
        import threading as th

        th.excepthook = th.__excepthook__


def test_a_failed_task_is_said_in_one_sentence_and_only_unexpected_ones_are_logged(english):
    from desktop.engine.errors import InputError
    from desktop.ui.crash import task_failure_message

    assert task_failure_message(InputError("The file has no dates."), "trace A") == "The file has no dates."
    logged = log_file().read_text(encoding="utf-8") if log_file().exists() else ""
    assert "trace A" not in logged
    message = task_failure_message(KeyError("x"), "trace B")
    assert "KeyError" in message and "log" in message
    assert "trace B" in log_file().read_text(encoding="utf-8")


def test_the_hard_crash_log_is_closed_at_exit(qapp, tmp_path, monkeypatch):
    """faulthandler's log file stays open while the app runs and is closed at exit, not left to the
    garbage collector (a ResourceWarning when the tests end)."""
    import atexit

    from desktop.ui import crash

    registered = []
    monkeypatch.setattr(crash, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(crash, "_fault_file", None)
    handler = CrashHandler()
    handler.install()
    try:
        opened = crash._fault_file
        assert opened is not None and not opened.closed and registered == [crash._close_fault_file]
        registered[0]()
        assert opened.closed and crash._fault_file is None
    finally:
        handler.uninstall()
