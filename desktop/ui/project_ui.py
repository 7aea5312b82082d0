"""Project files in the app: File > Save project / Open project (.clientele, desktop.engine.project),
an autosave after each analysis, the offer to restore it after Clientele did not close properly,
and the campaign records of the shop (saved in the project, found next to exported lists)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from desktop.jobs import project as jobs
from desktop.jobs.analysis import LoadRequest
from desktop.ui.i18n import is_chinese, tr
from desktop.ui.widgets import Banner

PROJECT_SUFFIX = ".clientele"


def source_notes(opened: Any) -> list[str]:
    """Return plain sentences about source files that moved or changed since the project was saved."""
    notes = []
    for path in opened.missing_sources:
        notes.append(tr("%1 is no longer in %2; the project uses the sales lines it saved.")
                     .replace("%1", path.name).replace("%2", str(path.parent)))
    for path in opened.changed_sources:
        notes.append(tr("%1 has changed since the project was saved; the project shows the saved lines "
                        "(open the file again to analyse the new version).").replace("%1", path.name))
    return notes


def restored_title(opened: Any) -> str:
    """Return the window title of an analysis restored after a crash: the name of the file it was
    read from (as when it was opened), "Sample shop" for the sample shop."""
    from desktop.paths import demo_dir

    sources = [s for s in opened.state.sources if s.kind == "orders"] or list(opened.state.sources)
    if not sources:
        return tr("Restored analysis")
    path = Path(sources[0].path)
    if path.parent == demo_dir():
        return tr("Sample shop")
    extra = len(sources) - 1
    return tr("%1 and %n more", "", extra).replace("%1", path.name) if extra else path.name


class ProjectController(QObject):
    """Adds the project actions to a MainWindow and keeps the shop's campaign records."""

    projectSaved = Signal(str)  # path
    projectOpened = Signal(object)  # OpenedProject
    projectFailed = Signal(str)  # the message shown
    autosaved = Signal(str)  # path
    campaignsChanged = Signal()

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None  # the project file in use
        self.campaigns: list[dict] = []  # records from the project and from this session's exports
        self.autosave_enabled = False
        self.restore_path: Path | None = None
        self._opening = None  # the OpenedProject whose analysis is being shown
        self._restoring = False
        # The shown analysis came from a project (or a restored autosave): it is analysed again from
        # its saved lines, never from the files the project names. None: from a spreadsheet.
        self.project_names: dict | None = None  # that project's own segment names
        self._reanalysed: Any = None  # the AnalysisData of the re-analysis being shown
        self._title = ""  # the window title of that project
        self.password: str | None = None  # of the open project (and its autosaves), when it has one
        self._password_tried: str | None = None

        self.banner = Banner("info")
        self.banner.actionClicked.connect(self._banner_action)
        self.dismiss_button = QPushButton(tr("No, start afresh"))
        self.dismiss_button.clicked.connect(self.decline_restore)
        self.dismiss_button.hide()
        self.banner.row.insertWidget(2, self.dismiss_button)
        central = window.centralWidget()
        if central is not None and central.layout() is not None:
            central.layout().insertWidget(0, self.banner)

        self._add_actions()
        window.analysisReady.connect(self._analysis_ready)
        window.exportFinished.connect(self._export_finished)
        view = getattr(window, "views", {}).get("campaigns")
        if view is not None and hasattr(view, "attach"):
            view.attach(self)

    def _add_actions(self) -> None:
        w = self.window
        self.open_action = QAction(tr("Open &project…"), w)
        self.open_action.triggered.connect(self.choose_project)
        self.save_action = QAction(tr("&Save project"), w)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(lambda: self.save())
        self.save_action.setEnabled(False)
        self.save_as_action = QAction(tr("Save project &as…"), w)
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.save_as_action.triggered.connect(lambda: self.save(ask=True))
        self.save_as_action.setEnabled(False)
        menu = w.menuBar().actions()[0].menu()  # File
        before = getattr(w, "report_action", None)
        if before not in menu.actions():
            before = None
        for action in (self.open_action, self.save_action, self.save_as_action):
            if before is not None:
                menu.insertAction(before, action)
            else:
                menu.addAction(action)
        if before is not None:
            menu.insertSeparator(before)

    # -- campaign records ----------------------------------------------------------------------------
    def add_campaign(self, record: Any) -> None:
        """Keep a campaign record (CampaignRecord or its dict) for this shop (saved in the project)."""
        data = record.to_dict() if hasattr(record, "to_dict") else dict(record)
        if any(c.get("campaign_id") == data.get("campaign_id") for c in self.campaigns):
            return
        self.campaigns.append(data)
        self.campaignsChanged.emit()

    def all_campaigns(self) -> list[Any]:
        """Return every campaign record known: the project's and this session's, then the
        `.campaign.json` files next to lists exported before (newest first, each once)."""
        from desktop.engine.campaigns import CampaignRecord
        from desktop.engine.errors import InputError

        records: dict[str, Any] = {}
        for data in self.campaigns:
            try:
                record = CampaignRecord.from_dict(data)
            except InputError:
                continue
            records.setdefault(record.campaign_id, record)
        settings = getattr(self.window, "settings", None)
        folders = settings.export_folders() if settings is not None else []
        for folder in folders:
            try:
                files = sorted(Path(folder).glob("*.campaign.json"))[:200]
            except OSError:
                continue
            for file in files:
                try:
                    record = CampaignRecord.load(file)
                except InputError:
                    continue
                records.setdefault(record.campaign_id, record)
        return sorted(records.values(), key=lambda r: r.created, reverse=True)

    def _export_finished(self, result: Any) -> None:
        settings = getattr(self.window, "settings", None)
        if settings is not None and getattr(result, "path", None):
            settings.add_export_folder(str(Path(result.path).parent))
        if getattr(result, "record", None) is not None:
            self.add_campaign(result.record)

    # -- saving --------------------------------------------------------------------------------------
    def _state(self) -> jobs.ProjectState:
        """What the project keeps besides the analysis, read from the window's session."""
        settings = getattr(self.window, "settings", None)
        app_settings = {"currency": settings.currency} if settings is not None else {}
        names = self.window.session.segment_names
        actions = getattr(self.window, "action_views", None)  # This week's ticks, the filter builder's lists
        return jobs.ProjectState(app_settings, dict(names), list(self.campaigns),
                                 list(actions.ticks) if actions else [], list(actions.saved_lists) if actions else [])

    def save(self, path: str | None = None, ask: bool = False) -> bool:
        """Save the shown analysis as a project (asking for a name the first time, or with `ask`);
        return True when saving started."""
        if self.window.data is None:
            return False
        if path is None and (ask or self.path is None):
            start = str(self.path or self._default_path())
            path, _ = QFileDialog.getSaveFileName(self.window, tr("Save the project"), start,
                                                  tr("Clientele project") + f" (*{PROJECT_SUFFIX})")
            if not path:
                return False
        target = str(path or self.path)
        if not target.lower().endswith(PROJECT_SUFFIX):
            target += PROJECT_SUFFIX
        request = jobs.SaveRequest(self.window.session.data.analysis, self._state(), target, password=self.password)
        self.window.runner.start(
            "project", jobs.save, request,
            on_result=self._saved, on_error=self._failed,
            label=tr("Saving %1…").replace("%1", Path(target).name))
        return True

    def _default_path(self) -> Path:
        request = self.window.request
        # not next to a project's request path: that is the project itself, or an autosave
        if self.project_names is None and request is not None and request.paths and not request.demo:
            source = Path(request.paths[0])
            return source.with_name(source.stem + PROJECT_SUFFIX)
        docs = Path.home() / "Documents"
        return (docs if docs.is_dir() else Path.home()) / ("shop" + PROJECT_SUFFIX)

    def _saved(self, path: str) -> None:
        self.path = Path(path)
        self.window.set_status(tr("Project saved to %1").replace("%1", path))
        self.window.setWindowTitle(f"{self.path.stem} – Clientele")
        self.projectSaved.emit(path)

    def _failed(self, exc: BaseException, details: str) -> None:
        from desktop.engine.errors import InputError, message_for

        if isinstance(exc, InputError):
            message = message_for(exc, is_chinese())
        else:
            message = tr("The project could not be opened or saved because of an unexpected problem (%1). "
                         "The details were saved in the log.").replace("%1", type(exc).__name__)
            self.window._unexpected_error(exc, details, "project")
        self._opening = None
        self.window.show_error(message)
        self.projectFailed.emit(message)

    # -- opening -------------------------------------------------------------------------------------
    def choose_project(self) -> None:
        """Ask for a project file and open it."""
        start = str(self.path.parent if self.path else Path.home())
        name, _ = QFileDialog.getOpenFileName(self.window, tr("Open a project"), start,
                                              tr("Clientele project") + f" (*{PROJECT_SUFFIX})")
        if name:
            self.open_project(name)

    def open_project(self, path: str, restoring: bool = False) -> None:
        """Open a project file on a worker (replacing any analysis still running) and show it."""
        from desktop.engine.vault import is_encrypted
        from desktop.ui.password_ui import ask_password

        self._password_tried = None
        if is_encrypted(path):  # a password-protected project (or autosave of one)
            self._password_tried = ask_password(self.window, Path(path).name)
            if self._password_tried is None:
                return
        self._restoring = restoring
        self.window.error_banner.hide()
        self.window.runner.start(
            "analysis", jobs.open_project, jobs.OpenRequest(str(path), is_chinese(), password=self._password_tried),
            on_result=self._opened, on_error=self._failed,
            label=tr("Opening %1…").replace("%1", Path(path).name))

    def _opened(self, result: tuple) -> None:
        opened, data = result
        options = data.analysis.options
        # The request names the project itself, not the files it names: nothing re-reads those.
        request = LoadRequest(
            paths=[str(opened.path)], sheet=options.sheet, overrides=dict(options.overrides or {}),
            customers_file=None, as_of=options.as_of, rfm_model=options.rfm_model)
        self._opening = opened
        self.password = self._password_tried
        if not self._restoring:
            self.path = opened.path
        for record in opened.state.campaigns:
            if isinstance(record, dict):
                self.add_campaign(record)
        actions = getattr(self.window, "action_views", None)
        if actions is not None:
            actions.ticks = list(opened.state.ticks)
            actions.saved_lists = list(opened.state.saved_lists)
        self.window._show_report_after = False
        self.window._analysis_done(request, data)

    def reanalyse(self, request: Any) -> bool:
        """When the shown analysis came from a project, analyse its saved lines again with the
        request's analysis date and RFM model (on a worker) and return True; False otherwise (the
        window then reads its spreadsheet again)."""
        if self.project_names is None or self.window.data is None:
            return False
        self.window.error_banner.hide()
        self.window.runner.start(
            "analysis", jobs.reanalyse,
            jobs.ReanalyseRequest(self.window.data.analysis, request.as_of, request.rfm_model,
                                  dict(self.project_names), is_chinese()),
            on_result=lambda data: self._show_reanalysis(request, data), on_error=self.window._analysis_failed,
            label=tr("Analysing %1…").replace("%1", Path(request.paths[0]).name))
        return True

    def _show_reanalysis(self, request: Any, data: Any) -> None:
        self._reanalysed = data
        self.window._show_report_after = False
        self.window._analysis_done(request, data)

    def _analysis_ready(self, data: Any) -> None:
        opened, self._opening = self._opening, None
        reanalysed, self._reanalysed = self._reanalysed, None
        if opened is not None:
            self.project_names = dict(opened.state.segment_names)
        elif data is not reanalysed:
            self.project_names = None
        # the session holds what a save writes: the group names the project keeps
        self.window.session.segment_names = dict(self.project_names or {})
        self.save_action.setEnabled(True)
        self.save_as_action.setEnabled(True)
        if opened is not None:
            self._title = (self.path.stem if self.path is not None and not self._restoring
                           else restored_title(opened))
        if self.project_names is not None:
            self.window.setWindowTitle(f"{self._title} – Clientele")
        if opened is not None:
            notes = source_notes(opened)
            if self._restoring:
                from desktop.engine.project import forget_crashed_sessions

                forget_crashed_sessions()
                self.restore_path = None
                notes.insert(0, tr("The analysis from your last session was restored."))
            self._show_notes(notes)
            self._restoring = False
            self.projectOpened.emit(opened)
        elif not self.restore_path:
            self.banner.hide()
        if self.autosave_enabled:
            self.window.runner.start("autosave", jobs.save,
                                     jobs.SaveRequest(data.analysis, self._state(), password=self.password),
                                     on_result=self.autosaved.emit, on_error=self._autosave_failed)

    def _show_notes(self, notes: list[str]) -> None:
        self.dismiss_button.hide()
        if notes:
            self.banner.show_message(" ".join(notes))
        else:
            self.banner.hide()

    def _autosave_failed(self, exc: BaseException, details: str) -> None:
        # a safety copy that cannot be written must not interrupt the work; say so quietly
        self.window.set_status(tr("The safety copy could not be saved (%1).").replace(
            "%1", str(exc) if str(exc) else type(exc).__name__))

    # -- sessions ------------------------------------------------------------------------------------
    def start_session(self) -> Path | None:
        """Turn on autosaves, mark this session as running, and offer to restore the autosave of a
        session that ended without a clean exit; return that autosave, if any."""
        from PySide6.QtWidgets import QApplication

        from desktop.engine.project import mark_session_clean_exit, mark_session_started, previous_session_crashed

        crashed = previous_session_crashed()
        with contextlib.suppress(OSError):  # no data folder: the app works, without crash recovery
            mark_session_started()
        self.autosave_enabled = True
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(mark_session_clean_exit)
        if crashed is not None:
            self.offer_restore(crashed)
        return crashed

    def offer_restore(self, autosave: Path) -> None:
        """Show the offer to restore `autosave` in the banner."""
        self.restore_path = Path(autosave)
        self.banner.show_message(tr("Clientele did not close properly last time. Restore the analysis "
                                    "you were working on?"), tr("Restore"))
        self.dismiss_button.show()

    def _banner_action(self) -> None:
        if self.restore_path is not None:
            self.restore()

    def restore(self) -> None:
        """Open the autosave offered for restoring."""
        if self.restore_path is None:
            return
        self.banner.hide()
        self.open_project(str(self.restore_path), restoring=True)

    def decline_restore(self) -> None:
        """Forget the unclean session and its autosave."""
        from desktop.engine.project import forget_crashed_sessions

        self.restore_path = None
        self.banner.hide()
        self.dismiss_button.hide()
        forget_crashed_sessions()


def install(window: QWidget) -> ProjectController:
    """Create the window's ProjectController (once) and return it."""
    controller = getattr(window, "project", None)
    if controller is None:
        controller = ProjectController(window)
        window.project = controller  # type: ignore[attr-defined]  # the window keeps its controller
    return controller
