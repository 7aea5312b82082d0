"""The main window: sidebar of views, banners, the customer dock, menus and the status bar with
progress and Cancel. All long work goes through one TaskRunner; the window owns the session
(desktop.session) whose results the views, the customer panel, exports and projects read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QMainWindow, QMessageBox, QProgressBar, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import current_language, is_chinese, tr
from desktop.ui.settings import RecentFile, Settings
from desktop.jobs.analysis import LoadRequest
from desktop.session import Session, Slot, Status
from desktop.ui.background.memory import settle_heap
from desktop.ui.models.session import SessionAdapter
from desktop.ui.views import View, load_views
from desktop.ui.widgets import scrolled
from desktop.ui.widgets import Banner
from desktop.ui.background.runner import TaskRunner, run_in_turns



def settings_date(text: str | None) -> dt.date | None:
    """The analysis date kept in the settings ("2024-12-31"), or None when unset or not a date."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # the settings file is the user's: a hand-edited date counts as none
        return None

class MainWindow(QMainWindow):
    """Clientele's window."""

    analysisReady = Signal(object)  # AnalysisData
    analysisFailed = Signal(str)  # the message shown
    exportFinished = Signal(object)  # ExportResult
    exportFailed = Signal(str)
    restartRequested = Signal()  # "Restart now" in the new language (desktop.ui.app.follow_restarts)

    def __init__(self, settings: Settings | None = None, runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.runner = runner or TaskRunner(self)
        self.session = Session(self.runner)  # the open shop: its analysis and derived results
        self.adapter = SessionAdapter(self.session, self)
        self.data = None
        self._letting_go: list = []  # previous analyses, let go of a piece at a time
        self.request: LoadRequest | None = None
        self.dialog: Any = None  # the dialog opened last (tests drive it)
        self.setWindowTitle("Clientele")
        self.setAcceptDrops(True)
        fmt.set_currency(self.settings.currency)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner = Banner("info")
        self.demo_banner.actionClicked.connect(self.choose_file)
        outer.addWidget(self.demo_banner)
        self.error_banner = Banner("error")
        outer.addWidget(self.error_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(170)
        body.addWidget(self.nav)
        self.stack = QStackedWidget()
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.views: dict[str, View] = {}
        for view in load_views(self.runner, self, self.adapter):
            self.views[view.key] = view
            self.stack.addWidget(scrolled(view))
            self.nav.addItem(view.title())
            view.customerActivated.connect(self.open_customer)
            view.exportRequested.connect(self.open_export)
        # results that the customer panel shows arrived (or started, or failed): refresh it
        for signal in (self.adapter.predictionsChanged, self.adapter.suggestionsChanged,
                       self.adapter.segmentationChanged):
            signal.connect(self._results_changed)
        # Wide enough for the longest view name in the current language, font and item padding, up to
        # 200 px: a longer name ("Movement between groups") wraps onto a second line rather than take
        # room a laptop screen needs for the view beside the customer panel.
        self.nav.setWordWrap(True)
        widest = self.nav.sizeHintForColumn(0) if self.nav.count() else 120
        self.nav.setFixedWidth(max(150, min(200, widest + 2 * self.nav.frameWidth() + 12)))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.currentRowChanged.connect(self.ask_for_view)
        self.nav.setCurrentRow(0)
        if "overview" in self.views:
            overview: Any = self.views["overview"]  # the overview's own signal
            overview.segmentClicked.connect(self.show_segment)

        from desktop.ui.views.customer_panel import CustomerPanel

        self.customer_panel = CustomerPanel(session=self.session)
        self.customer_dock = QDockWidget(tr("Customer"), self)
        self.customer_dock.setObjectName("customerDock")
        self.customer_dock.setWidget(self.customer_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.customer_dock)
        self.customer_dock.hide()

        self._build_status_bar()
        self._build_menus()
        from desktop.ui.project_ui import install as install_projects

        self.project = install_projects(self)  # File > Open/Save project, autosave, campaign records
        from desktop.ui.report_print import install as install_report

        self.report_printer = install_report(self)  # File > Print report… (the monthly report PDF)
        from desktop.ui.action_views import install as install_action_views

        self.action_views = install_action_views(self)  # This week, Trends, Filter builder: fed by desktop/jobs
        from desktop.ui.views.start_page import StartController

        self.start_page = StartController(self)  # the welcome page until a file is open
        self.runner.busyChanged.connect(self._busy_changed)
        self.runner.progress.connect(self._progress)
        self.runner.failed.connect(self._unexpected_error)
        geometry = self.settings.geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self, default=geometry is None)
        state = self.settings.window_state
        if state is not None:
            self.restoreState(state)
            self.customer_dock.hide()

    # -- building ------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status = QLabel(tr("Ready"))
        self._resting, self._transient = tr("Ready"), False
        bar.addWidget(self.status, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFixedWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        bar.addPermanentWidget(self.progress)
        self.cancel_button = QPushButton(tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.cancel_button)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(tr("&File"))
        self.open_action = QAction(tr("&Open…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        menu.addAction(self.open_action)
        self.open_folder_action = QAction(tr("Open &folder…"), self)
        self.open_folder_action.triggered.connect(self.choose_folder)
        menu.addAction(self.open_folder_action)
        self.recent_menu = menu.addMenu(tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        demo = QAction(tr("Open the &sample shop"), self)
        demo.triggered.connect(self.open_demo)
        menu.addAction(demo)
        menu.addSeparator()
        self.report_action = QAction(tr("Import &report…"), self)
        self.report_action.triggered.connect(self.show_report)
        self.report_action.setEnabled(False)
        menu.addAction(self.report_action)
        self.export_action = QAction(tr("&Export a marketing list…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: self.open_export(None))
        self.export_action.setEnabled(False)
        menu.addAction(self.export_action)
        menu.addSeparator()
        settings = QAction(tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.open_settings)
        menu.addAction(settings)
        menu.addSeparator()
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(tr("&View"))
        for row, view in enumerate(self.views.values()):
            action = QAction(view.title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _c=False, r=row: self.nav.setCurrentRow(r))
            view_menu.addAction(action)
        view_menu.addAction(self.customer_dock.toggleViewAction())

        help_menu = self.menuBar().addMenu(tr("&Help"))
        getting_started = QAction(tr("&Getting started"), self)
        getting_started.setShortcut(QKeySequence.StandardKey.HelpContents)
        getting_started.triggered.connect(lambda: self.open_help("start"))
        help_menu.addAction(getting_started)
        groups_help = QAction(tr("What do the &groups mean?"), self)
        groups_help.triggered.connect(lambda: self.open_help("groups"))
        help_menu.addAction(groups_help)
        help_menu.addSeparator()
        privacy = QAction(tr("&Privacy"), self)  # what is stored where (dialogs/privacy_dialog.py)
        privacy.triggered.connect(self.open_privacy)
        help_menu.addAction(privacy)
        logs = QAction(tr("Open the &log folder"), self)
        logs.triggered.connect(self._open_log_folder)
        help_menu.addAction(logs)
        about = QAction(tr("&About Clientele"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for item in recent:
            name = Path(item.path).name
            if item.extra_paths:
                name = tr("%1 and %n more", "", len(item.extra_paths)).replace("%1", name)
            action = self.recent_menu.addAction(name)
            action.setToolTip("\n".join([item.path, *item.extra_paths]))
            action.triggered.connect(lambda _c=False, r=item: self.open_recent(r))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(tr("Clear the list"))
            clear.triggered.connect(self.settings.clear_recent)
        else:
            none = self.recent_menu.addAction(tr("(no files yet)"))
            none.setEnabled(False)

    # -- opening files -------------------------------------------------------------------------
    def _start_folder(self) -> str:
        return str(Path(self.request.paths[0]).parent) if self.request and not self.request.demo else str(Path.home())

    def choose_file(self) -> None:
        """Ask for one sales file or several (monthly exports, a till and a web shop, the files of an
        orders export) and open them in the import dialog."""
        from desktop.ui.dialogs.import_dialog import file_filter

        names, _ = QFileDialog.getOpenFileNames(self, tr("Open your sales files"), self._start_folder(),
                                                file_filter())
        if names:
            self.open_file(names if len(names) > 1 else names[0])

    def choose_folder(self) -> None:
        """Ask for a folder of exports; its spreadsheet files are read as one."""
        name = QFileDialog.getExistingDirectory(self, tr("Open a folder of sales files"), self._start_folder())
        if name:
            self.open_file(name)

    def open_file(self, path: str | list[str]):
        """Open the import dialog for `path` — a file, a folder or a list of them (window-modal);
        return the dialog."""
        from desktop.ui.dialogs.import_dialog import ImportDialog

        paths = [str(p) for p in path] if isinstance(path, (list, tuple)) else [str(path)]
        if len(paths) == 1 and Path(paths[0]).suffix.lower() == ".clientele":
            return self.project.open_project(paths[0])
        remembered = self.settings.recent_for(paths[0])
        if remembered and sorted(remembered.extra_paths) != sorted(paths[1:]):
            remembered = None  # chosen with other files: the columns may differ
        choice = replace(remembered, overrides=dict(remembered.overrides)) if remembered else None
        dialog = ImportDialog(paths if len(paths) > 1 else paths[0], self.runner, choice, self)
        dialog.accepted.connect(lambda: self._import_accepted(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _import_accepted(self, dialog) -> None:
        choice = dialog.choice()
        self.settings.add_recent(choice)
        self.load(self._request(choice.path, choice.sheet, choice.overrides, choice.customers_file,
                                extra=choice.extra_paths), show_report=True)

    def open_recent(self, item: RecentFile) -> None:
        """Load a recent file with the sheet and columns chosen last time (a project: open it)."""
        if Path(item.path).suffix.lower() == ".clientele":
            self.start_page.open(item)
            return
        missing = next((p for p in [item.path, *item.extra_paths] if not Path(p).exists()), None)
        if missing:
            self.show_error(tr("%1 is no longer there; it may have been moved or deleted.").replace("%1", missing))
            return
        self.settings.add_recent(item)
        self.load(self._request(item.path, item.sheet, item.overrides, item.customers_file, extra=item.extra_paths),
                  show_report=True)

    def open_paths(self, paths: list[str]) -> None:
        """Load files named on the command line (with remembered choices, if any)."""
        if not paths:
            return
        if len(paths) == 1 and Path(paths[0]).suffix.lower() == ".clientele":
            self.project.open_project(paths[0])
            return
        remembered = self.settings.recent_for(paths[0])
        if remembered and sorted(remembered.extra_paths) == sorted(paths[1:]):
            self.open_recent(remembered)
        else:
            self.load(self._request(paths[0], None, {}, None, extra=paths[1:]), show_report=True)

    def open_demo(self) -> None:
        """Load the bundled sample shop and say so in a banner."""
        from desktop.paths import demo_files

        orders, customers = demo_files()
        request = self._request(str(orders), None, {}, str(customers))
        request.demo = True
        self.load(request)

    def _request(self, path: str, sheet, overrides, customers_file, extra=()) -> LoadRequest:
        as_of = self.settings.as_of
        return LoadRequest(paths=[path, *extra], sheet=sheet, overrides=dict(overrides or {}),
                           customers_file=customers_file,
                           as_of=settings_date(as_of),
                           rfm_model=self.settings.rfm_model(current_language()))

    # Inputs at least this big are analysed in a child process: pandas holds Python's GIL for
    # seconds on them, which would freeze the window; smaller ones are quicker in a thread (a child
    # needs ~1 s to start; a 1.3 MB CSV stalls a thread's GUI by ~45 ms, 7.6 MB by ~320 ms).
    # Spreadsheets count ten times their size: they are compressed.
    process_min_bytes = 2_000_000
    _fill_generation = 0  # counts results shown, so that a newer one stops an older one's filling

    def load(self, request: LoadRequest, show_report: bool = False) -> None:
        """Analyse `request` on a worker (cancelling any analysis still running)."""
        import sys

        from desktop.jobs import analysis
        from desktop.ui.background.runner import warm_up_task

        self.error_banner.hide()
        self._show_report_after = show_report
        self._pending = request
        if "pyqtgraph" not in sys.modules:
            if not self.runner.is_busy("warm-up"):  # the views need it when the result arrives
                self.runner.start("warm-up", warm_up_task, on_result=lambda _r: self._prepare_views())
        else:
            self._prepare_views()
        name = tr("the sample shop") if request.demo else Path(request.paths[0]).name
        request.chinese = is_chinese()
        self.runner.start("analysis", analysis.run, request,
                          process=self.analyse_in_process(request),
                          on_result=lambda data: self._analysis_done(request, data),
                          on_error=self._analysis_failed, on_cancel=self._analysis_cancelled,
                          label=tr("Analysing %1…").replace("%1", name))

    def analyse_in_process(self, request: LoadRequest) -> bool:
        """Return True when `request`'s files are big enough to analyse in a child process."""
        total = 0
        files: list[Path] = []
        for name in [*request.paths, request.customers_file]:
            if name and Path(name).is_dir():  # a folder: its files
                files.extend(f for f in Path(name).iterdir() if f.is_file())
            elif name:
                files.append(Path(name))
        for path in files:
            try:
                size = path.stat().st_size
            except OSError:  # a missing file: the analysis says so, quickly, in a thread
                continue
            compressed = path.suffix.lower() in {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
            total += size * (10 if compressed else 1)
        return total >= self.process_min_bytes

    def _prepare_views(self) -> None:
        """Let the views build their charts while the analysis runs, one per event-loop turn
        (each takes ~25 ms that would otherwise add to showing the result)."""
        run_in_turns(self, [view.prepare_widgets for view in self.views.values()], first_now=True)

    def _analysis_done(self, request: LoadRequest, data) -> None:
        """Show a finished analysis one view per event-loop turn, so that the window keeps
        responding while 100,000 customers go into the tables and the map."""
        self._new_source = self.request is None or _source(self.request) != _source(request)
        self.request = request
        self._reloaded = self.data is not None
        if self.data is not None and self.data is not data:
            # let go of a piece per event-loop turn once the views have let go (freeing it all
            # at once held the window 60-80 ms)
            self._letting_go.append(self.data)
        self.data = data
        options = self._result_options()
        self.session.set_analysis(data)
        settle_heap()  # the new analysis out of the garbage collector's full scans (60-100 ms each)
        self._fill_generation += 1
        generation = self._fill_generation
        show_report = self._show_report_after
        steps: list[Callable[[], object]] = [partial(view.set_data, data) for view in self.views.values()]
        steps.append(lambda: self.customer_panel.set_data(data))
        # then predictions and suggestions: started earlier, their work (a thread for smaller files)
        # would compete with filling the views for Python's lock (bench_gui: 2.3 s stalls at 250k lines)
        steps.append(lambda: self.ask_results(**options))
        steps.append(lambda: self._analysis_shown(request, data, show_report))
        # one view per turn until a newer result takes over; a failing view is reported by the
        # crash handler and the others still fill
        run_in_turns(self, steps, lambda: generation == self._fill_generation, first_now=True)

    def _analysis_shown(self, request: LoadRequest, data, show_report: bool) -> None:
        self.report_action.setEnabled(True)
        self.export_action.setEnabled(True)
        name = tr("Sample shop") if request.demo else Path(request.paths[0]).name
        self.setWindowTitle(f"{name} – Clientele")
        if request.demo:
            self.demo_banner.show_message(tr("This is a sample shop — open your own file"),
                                          tr("Open your file…"))
        else:
            self.demo_banner.hide()
        self.set_status(tr("%n customers analysed", "", data.figures.customers))
        if self._new_source:  # another file: start from its overview, not the page the last one was on
            self.nav.setCurrentRow(0)
        self.ask_for_view()  # the results the open view shows
        if show_report:
            self.show_report()
        if getattr(self, "_reloaded", False):
            # The previous analysis is frozen out of the collector's reach (settle_heap): it is freed
            # by reference counting, a piece per event-loop turn, once the views and tasks have let
            # go of it. No full collection follows: it held the GUI thread 80-130 ms and found
            # about 100 objects in reference cycles per reload, no measurable memory.
            self._reloaded = False
            from desktop.ui.background.release import release_in_turns

            release_in_turns(self, self._letting_go)
        settle_heap()  # and the views' tables built from it
        self.analysisReady.emit(data)

    def _analysis_failed(self, exc: BaseException, details: str) -> None:
        from desktop.engine.errors import InputError, message_for

        if isinstance(exc, InputError):
            message = message_for(exc, is_chinese())
        elif isinstance(exc, MemoryError):
            message = tr("The computer ran out of memory for this file; close other programs or try a smaller file.")
        else:
            message = tr("Clientele could not analyse this file because of an unexpected problem (%1). "
                         "The details were saved in the log.").replace("%1", type(exc).__name__)
            self._unexpected_error(exc, details, "analysis")
        self.show_error(message)
        self.analysisFailed.emit(message)

    def _analysis_cancelled(self) -> None:
        self.set_status(tr("Cancelled."))

    def show_error(self, message: str) -> None:
        """Show `message` in the red banner at the top of the window."""
        self.error_banner.show_message(message)
        self.set_status(message)

    def show_report(self):
        """Open the import report of the loaded data; return the dialog."""
        if self.data is None:
            return None
        from desktop.ui.dialogs.report_dialog import ReportDialog

        analysis = self.data.analysis
        dialog = ReportDialog(analysis.report, self, getattr(analysis, "warnings", None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- customers, segments, export -----------------------------------------------------------
    def open_customer(self, customer_id: str) -> None:
        """Show a customer in the side panel."""
        self.customer_panel.show_customer(customer_id)
        opening = self.customer_dock.isHidden()
        self.customer_dock.show()
        self.customer_dock.raise_()
        if opening:  # no wider than leaves the widest page its room (a laptop screen has 1366 px)
            widest = max((v.minimumSizeHint().width() for v in self.views.values()), default=0)
            room = self.width() - self.nav.width() - widest - 24
            width = max(self.customer_panel.minimumWidth(), min(self.customer_dock.sizeHint().width(), room))
            self.resizeDocks([self.customer_dock], [width], Qt.Orientation.Horizontal)

    def _result_options(self) -> dict:
        """The settings of the results asked for last (kept for the next analysis), as keywords of
        ask_results."""
        out: dict = {}
        asked = self.session.predictions.request
        if asked is not None:
            out["prediction"] = {"time_unit": asked.time_unit, "discount_rate": asked.discount_rate}
        asked = self.session.suggestions.request
        if asked is not None:
            out["suggestion"] = {"k": asked.k, "allow_repeats": asked.allow_repeats,
                                 "exclude_recent_days": asked.exclude_recent_days,
                                 "exclude_products": asked.exclude_products,
                                 "exclude_categories": asked.exclude_categories}
        return out

    def ask_results(self, prediction: dict | None = None, suggestion: dict | None = None) -> None:
        """Ask the session for the results the customer panel, the customers table and exports use:
        per-customer predictions and product suggestions (in the background)."""
        from desktop.ui.views.panel_sections import band_names

        self.session.ask_predictions(**(prediction or {}), band_names=band_names(),
                                     label=tr("Working out predictions…"))
        self.session.ask_suggestions(label=tr("Working out product suggestions…"), **(suggestion or {}))

    def ask_for_view(self, row: int | None = None) -> None:
        """Ask the session for the results the view at `row` (default: the open one) shows that
        nobody asked for yet in this analysis, with their default settings (the view only observes
        them; a result asked for or computed once is shared, not asked again)."""
        views = list(self.views.values())
        row = self.nav.currentRow() if row is None else row
        if self.data is None or self.session.data is not self.data or not 0 <= row < len(views):
            return
        labels = {"segmentation": tr("Finding groups in your customers…"),
                  "migration": tr("Comparing groups at two dates…")}
        for name in views[row].shows:
            if getattr(self.session, name).status is Status.IDLE:
                self.session.ask_default(name, currency=fmt.currency(), label=labels.get(name, ""))

    def _results_changed(self, slot: Slot) -> None:
        """A result the customer panel shows changed: show the open customer again."""
        if self.customer_panel.customer_id is not None and self.session.data is self.data:
            self.customer_panel.show_customer(self.customer_panel.customer_id)

    def show_segment(self, key: str) -> None:
        """Switch to the segments view with `key` selected."""
        view: Any = self.views.get("segments")
        if view is None:
            return
        self.nav.setCurrentRow(list(self.views).index("segments"))
        view.select_segment(key)

    def open_export(self, customer_ids: list[str] | None = None):
        """Open the export dialog (with `customer_ids` as the current selection); return it."""
        if self.data is None:
            return None
        from desktop.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.session, customer_ids, parent=self)
        dialog.accepted.connect(lambda: self.export(dialog.request()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export(self, request) -> None:
        """Write the marketing list on a worker."""
        from desktop.jobs import export

        if not request.path:
            self.show_error(tr("Choose a file name for the list."))
            return
        job = self.session.export_job(request, "zh" if is_chinese() else "en", fmt.currency())
        self.runner.start("export", export.run, job,
                          on_result=lambda result: self._export_done(request, result),
                          on_error=self._export_failed,
                          label=tr("Writing %1…").replace("%1", Path(request.path).name))

    def _export_done(self, request, result) -> None:
        text = tr("Saved %n customers to %1", "", result.rows).replace("%1", str(result.path))
        if result.control:
            text += " " + tr("(%n kept aside as the control group)", "", result.control)
        self.set_status(text)
        self.error_banner.hide()
        if request.open_folder:
            from desktop.ui.folders import open_folder

            if not open_folder(Path(result.path).parent):  # no file manager (offscreen, bare Linux)
                text += " " + tr("(The folder could not be shown: no file manager was found.)")
                self.set_status(text)
        self.exportFinished.emit(result)

    def _export_failed(self, exc: BaseException, details: str) -> None:
        from desktop.engine.errors import InputError, message_for

        if isinstance(exc, InputError):
            message = message_for(exc, is_chinese())
        else:
            message = tr("The list could not be written because of an unexpected problem (%1).").replace(
                "%1", type(exc).__name__)
            self._unexpected_error(exc, details, "export")
        self.show_error(message)
        self.exportFailed.emit(message)

    # -- settings ------------------------------------------------------------------------------
    def open_settings(self):
        """Open the settings dialog; return it."""
        from desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(lambda: self._settings_changed(dialog.apply()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _settings_changed(self, changed: set[str]) -> None:
        if "currency" in changed:
            fmt.set_currency(self.settings.currency)
        if self.request is not None and changed & {"as_of", "rfm_model"}:
            as_of = self.settings.as_of
            self.request.as_of = settings_date(as_of)
            self.request.rfm_model = self.settings.rfm_model(current_language())
            if not self.project.reanalyse(self.request):  # a project: from its saved lines
                self.load(self.request)
        elif "currency" in changed and self.data is not None:
            for view in self.views.values():
                view.set_data(self.data)
            self.customer_panel.set_data(self.data)
        if "language" in changed:
            self.offer_restart()

    def offer_restart(self):
        """Ask whether to show Clientele in the newly chosen language now; return the question box.
        "Restart now" rebuilds the window in that language with the same analysis (no file is read
        again); "Later" leaves it for the next start."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("Language"),
                          tr("Show Clientele in the new language now? The window is rebuilt with the "
                             "same file; nothing is lost."), QMessageBox.StandardButton.NoButton, self)
        self.restart_button = box.addButton(tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.restart_button)
        box.buttonClicked.connect(lambda button: self._restart_answer(button is self.restart_button))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = box
        box.open()
        return box

    def _restart_answer(self, restart: bool) -> None:
        if not restart:
            self.set_status(tr("A new language is used the next time Clientele starts."))
            return
        from PySide6.QtCore import QTimer

        # after the question box has closed; desktop.ui.app rebuilds the window (follow_restarts)
        QTimer.singleShot(0, self.restartRequested.emit)

    # -- progress and errors -------------------------------------------------------------------
    def _busy_changed(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if not busy:
            self.progress.setValue(0)
            if self._transient:  # "Finding customers for Gift bag…" must not outlive the work
                self.status.setText(self._resting)
                self._transient = False

    def _progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status.setText(message)
            self._transient = True

    def set_status(self, text: str) -> None:
        """Say `text` in the status bar until the next lasting message (progress messages come and go)."""
        self._resting = text
        self._transient = False
        self.status.setText(text)

    def cancel(self) -> None:
        """Cancel every running task."""
        self.runner.cancel()
        self.status.setText(tr("Cancelling…"))

    def _unexpected_error(self, exc: BaseException, details: str, task: str) -> None:
        from desktop.ui.crash import crash_handler, write_log

        handler = crash_handler()
        if handler is not None:
            handler.report(details)
        else:
            write_log(details)

    def _open_log_folder(self) -> None:
        from desktop.ui.crash import log_dir
        from desktop.ui.folders import open_folder

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if not open_folder(folder):
            self.set_status(tr("The log folder is %1").replace("%1", str(folder)))

    def _about(self):
        """Show the About box (with the bundled software and licences); return it."""
        from desktop.ui.dialogs.help_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_privacy(self):
        """Show Help › Privacy: every folder and file the app writes; return the dialog."""
        from desktop.ui.dialogs.privacy_dialog import PrivacyDialog

        dialog = PrivacyDialog(self.settings, getattr(self.project, "path", None), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_help(self, topic: str = "start"):
        """Show a help page ('start': getting started, 'groups': what the groups mean); return it."""
        from desktop.ui.dialogs.help_dialog import HelpDialog

        dialog = HelpDialog(topic, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    # -- window events -------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files if len(files) > 1 else files[0])  # several files (or folders) read as one

    def closeEvent(self, event) -> None:  # noqa: N802
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        self.runner.cancel()
        # workers stop at their next progress report; give them a moment so none outlives the app
        self.runner.wait(3000)
        super().closeEvent(event)


def _source(request: LoadRequest) -> tuple:
    """What was opened (the same files analysed again with another date or model is not a new file)."""
    return (request.demo, tuple(request.paths), request.customers_file, request.sheet)


def fit_to_screen(window: QMainWindow, default: bool) -> None:
    """Give a new window 1280×820 or 94% of the screen, whichever is smaller; move and shrink a restored
    one that no longer fits (the settings came from a bigger screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width, height = (1280, 820) if default else (window.width(), window.height())
    width = min(width, int(room.width() * 0.94))
    height = min(height, int(room.height() * 0.94))
    window.resize(width, height)
    frame = window.frameGeometry()
    if not room.contains(frame):
        frame.moveCenter(room.center())
        window.move(frame.topLeft())

