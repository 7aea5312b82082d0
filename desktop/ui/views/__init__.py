"""The main window's views. Each view is a `View` subclass in its own module, listed in `VIEWS`.

Adding a view (e.g. predictions from a later issue):
1. Create `desktop/ui/views/<name>.py` with a class deriving from `View`: set `key` (a stable id
   used in settings), implement `title()` returning `tr("...")`, build widgets in `__init__`
   (import pyqtgraph and other heavy modules inside methods, not at the top, and pandas through
   desktop.lazy, to keep start-up fast: tests/ui/test_startup_imports.py checks) and show data
   in `set_data(data)` where `data` is a `desktop.jobs.prepare.AnalysisData` or None (nothing
   loaded). `set_data` only shows: it starts no work and writes nothing back.
   Results worked out in the background (predictions, suggestions, groups) live in the session
   (`self.session`, desktop.session.Session): override `observe(adapter)` to connect the
   adapter's signals (`predictionsChanged`, ...) and read `self.session.<slot>.value`, or let a
   `desktop.ui.models.session.SlotFollower` call the view's running/ready/failed/stopped methods.
   A result the view shows as soon as it opens is named in `shows`: the window asks the session
   for it with default settings (`Session.ask_default`). A button that asks for other settings
   calls `self.session.ask_<result>(...)`.
2. Emit `customerActivated(customer_id)` to open the customer panel and
   `exportRequested(customer_ids)` to open the export dialog with those customers.
3. Add "desktop.ui.views.<name>:<Class>" to `VIEWS` below (the order is the sidebar's order).
4. Run `python resources/translations/update.py` and translate the new strings in
   resources/translations/clientele_zh_CN.ts (tests fail while a string lacks a translation).
Other long work is a job (desktop/jobs/<name>.py, `run(request, progress)`), run on the window's
runner: `self.runner.start(channel, job.run, request, on_result=...)`. Views import desktop.jobs,
desktop.session, desktop.texts and desktop.ui, never desktop.engine (a test checks).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from desktop.jobs.prepare import AnalysisData
    from desktop.ui.models.session import SessionAdapter
    from desktop.ui.background.runner import TaskRunner

from desktop.session import Session

VIEWS = [
    "desktop.ui.views.overview:OverviewView",
    "desktop.ui.views.this_week:ThisWeekView",
    "desktop.ui.views.segments:SegmentsView",
    "desktop.ui.views.customers:CustomersView",
    "desktop.ui.views.customer_map:CustomerMapView",
    "desktop.ui.views.groups:GroupsView",
    "desktop.ui.views.migration:MigrationView",
    "desktop.ui.views.predictions:PredictionsView",
    "desktop.ui.views.products:ProductsView",
    "desktop.ui.views.campaigns:CampaignsView",
    "desktop.ui.views.trends_view:TrendsView",
    "desktop.ui.views.filter_builder:FilterBuilderView",
]


class View(QWidget):
    """A page of the main window."""

    key = "view"
    shows: tuple[str, ...] = ()  # session slots the window asks for (default settings) when the view opens
    customerActivated = Signal(str)
    exportRequested = Signal(list)  # customer ids

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data: AnalysisData | None = None
        self.session = Session(runner)  # replaced by the window's session in observe()
        self.adapter: SessionAdapter | None = None

    def title(self) -> str:
        """Return the view's name for the sidebar (translated)."""
        raise NotImplementedError

    def observe(self, adapter: SessionAdapter) -> None:
        """Read results from `adapter.session` and follow its signals (subclasses connect theirs)."""
        self.adapter = adapter
        self.session = adapter.session

    def set_data(self, data: AnalysisData | None) -> None:
        """Show `data` (None: nothing loaded)."""
        self.data = data

    def prepare_widgets(self) -> None:
        """Build costly widgets (charts: ~25 ms each) ahead of the data, hidden until it comes;
        the window calls this while an analysis runs, so that showing the result costs less."""


def load_views(runner: TaskRunner, parent: QWidget | None = None,
               adapter: SessionAdapter | None = None) -> list[View]:
    """Instantiate every view listed in VIEWS, observing `adapter`'s session when given."""
    views = []
    for spec in VIEWS:
        module_name, _, class_name = spec.partition(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        view = cls(runner, parent)
        if adapter is not None:
            view.observe(adapter)
        views.append(view)
    return views
