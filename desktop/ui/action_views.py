"""Feeds This week, Trends and the filter builder (views that compute nothing) from the jobs in
desktop/jobs: when an analysis is ready the todo and trends jobs run on the window's runner and their
results go to the views' `show_result`; the filter builder's expression runs the filters job as the
owner types. Saved lists and contacted ticks are kept on the controller (`saved_lists`, `ticks`) for
the project to store. `install(window)` is the one call the main window makes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop.jobs import filters, todo, trends
from desktop.ui.i18n import is_chinese


# Analyses with at least this many order lines have This week's lists and the trends worked out in a
# child process. In a thread of the window's process their pandas calls (factorising a million
# strings, This week's own purchase-model fit) hold Python's lock for up to seconds at a time:
# bench_gui.py measured stalls of the window up to 4.3 s at 1,000,000 lines and 480 ms at 250,000
# while they ran beside the predictions. Smaller ones are quicker in a thread (a child costs ~1 s).
PROCESS_MIN_LINES = 100_000


def _language() -> str:
    return "zh" if is_chinese() else "en"


def in_process(data: Any) -> bool:
    """Return True when the jobs for `data` (an AnalysisData) run in a child process."""
    return len(data.analysis.lines) >= PROCESS_MIN_LINES


class ActionViews(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.saved_lists: list[dict[str, Any]] = []
        self.ticks: list[dict[str, Any]] = []
        views = window.views
        self.this_week = views.get("this_week")
        self.trends = views.get("trends")
        self.filters = views.get("filter_builder")
        window.analysisReady.connect(self.refresh)
        if self.filters is not None:
            self.filters.expressionChanged.connect(self.run_filter)
            self.filters.saveRequested.connect(self.save_list)
        if self.this_week is not None:
            self.this_week.contactedToggled.connect(self.toggle)

    def _campaigns(self) -> list:
        return list(getattr(getattr(self.window, "project", None), "campaigns", []) or [])

    def refresh(self, data: Any = None) -> None:
        """Run the jobs for the window's analysis and show their results."""
        data = data or self.window.data
        if data is None:
            return
        a, lang, process = data.analysis, _language(), in_process(data)
        if self.this_week is not None:
            self.window.runner.start("this_week", todo.run, todo.TodoRequest(a, language=lang, ticks=self.ticks,
                                                                             campaigns=self._campaigns()),
                                     on_result=self.this_week.show_result, process=process)
        if self.trends is not None:
            self.window.runner.start("trends", trends.run, trends.TrendsRequest(a, lang),
                                     on_result=self.trends.show_result, process=process)
        if self.filters is not None:
            self.filters.show_saved_lists(self.saved_lists)
            self.run_filter(self.filters.edit.text())

    def run_filter(self, expression: str) -> None:
        data = self.window.data
        if data is None or self.filters is None:
            return
        slot = self.window.session.predictions  # expected value and churn band, once predicted
        predictions = slot.value.result.table if slot.ready and slot.value is not None else None
        request = filters.FilterRequest(data.analysis, expression, _language(), predictions)
        self.window.runner.start("filter", filters.run, request, on_result=self.filters.show_result)

    def save_list(self, name: str, expression: str) -> None:
        from desktop.engine.errors import InputError, message_for
        from desktop.engine.ticks import save_list

        try:
            self.saved_lists = save_list(self.saved_lists, name, expression)
        except InputError as exc:
            self.window.show_error(message_for(exc, is_chinese()))
            return
        self.filters.show_saved_lists(self.saved_lists)

    def toggle(self, customer_id: str, ticked: bool) -> None:
        from desktop.engine.ticks import tick, untick

        data = self.window.data
        if data is None:
            return
        self.ticks = (tick(self.ticks, [customer_id], data.analysis.as_of) if ticked
                      else untick(self.ticks, [customer_id]))


def install(window: Any) -> ActionViews:
    return ActionViews(window)
