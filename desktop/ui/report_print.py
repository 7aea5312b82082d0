"""File › Print report…: the monthly report of the open analysis as a PDF (report_pdf.py).

The figures are worked out on a worker (desktop.engine.report, no Qt); the pages are then drawn on the
GUI thread, where Qt's fonts and painters live. `install(window)` adds the menu entry after the export
and returns the controller; the main window needs only that one call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from desktop.ui.i18n import is_chinese, tr


def report_task(analysis: Any, campaigns: list, chinese: bool, progress=None) -> dict:
    """The report's figures (ReportData.to_dict) in the app's language; runs on a worker."""
    from desktop.engine.report import build_report
    from desktop.engine.ticks import held_out

    language = "zh" if chinese else "en"
    return build_report(analysis, campaigns=campaigns, control=held_out(campaigns, analysis.as_of),
                        language=language).to_dict(language)


class ReportPrinter(QObject):
    finished = Signal(str)  # the PDF written
    failed = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(tr("&Print report…"), window)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.choose)
        file_menu = window.menuBar().actions()[0].menu()  # File; the entry goes right after the export
        actions = file_menu.actions()
        export = getattr(window, "export_action", None)
        at = actions.index(export) + 1 if export in actions else len(actions)
        if at < len(actions):
            file_menu.insertAction(actions[at], self.action)
        else:
            file_menu.addAction(self.action)
        window.analysisReady.connect(lambda _data: self.action.setEnabled(True))

    def choose(self) -> None:
        if self.window.data is None:
            return
        month = str(self.window.data.analysis.as_of.to_period("M"))
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save the monthly report"),
                                              f"report-{month}.pdf", tr("PDF (*.pdf)"))
        if path:
            self.write(path)

    def write(self, path: str) -> None:
        """Work out the figures on a worker, then draw the PDF at `path`."""
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        project = getattr(self.window, "project", None)
        campaigns = list(getattr(project, "campaigns", []) or [])
        chinese = is_chinese()
        self.window.runner.start("report", report_task, self.window.data.analysis, campaigns, chinese,
                                 on_result=lambda data: self._draw(data, path, chinese),
                                 on_error=self._failed, label=tr("Writing %1…").replace("%1", Path(path).name))

    def _draw(self, data: dict, path: str, chinese: bool) -> None:
        from desktop.engine.errors import InputError
        from desktop.ui.report_pdf import write_report_pdf

        try:
            written, pages = write_report_pdf(data, path, "zh" if chinese else "en")
        except InputError as exc:
            self._failed(exc, "")
            return
        self.window.set_status(tr("Saved the monthly report (%n pages) to %1", "", pages).replace("%1", str(written)))
        self.finished.emit(str(written))

    def _failed(self, exc: BaseException, details: str) -> None:
        from desktop.engine.errors import InputError, message_for

        text = message_for(exc, is_chinese()) if isinstance(exc, InputError) else tr(
            "The report could not be written because of an unexpected problem (%1).").replace("%1", type(exc).__name__)
        self.window.show_error(text)
        self.failed.emit(text)


def install(window: Any) -> ReportPrinter:
    return ReportPrinter(window)
