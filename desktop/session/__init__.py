"""The open shop: its analysis and one typed slot per result derived from it, filled by one
scheduler. No Qt here: the window owns a Session, a thin QObject adapter (desktop.ui.models.session)
turns its notifications into signals, and views, the customer panel, exports and project save only
read it.

    session = Session(runner)                      # runner: anything with start()/cancel() (Runner)
    session.set_analysis(data)                     # a new analysis: every slot back to idle
    session.request(session.predictions, jobs.predictions.run, PredictionRequest(...))
    session.predictions.status                     # IDLE, RUNNING, READY or FAILED
    session.predictions.value                      # the job's result once READY

The scheduler's rules: the latest request of a slot wins (an older run still going is cancelled and
its result dropped); a request equal to the one a slot holds or is computing is not computed again.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from desktop.engine.errors import Cancelled
from desktop.engine.progress import Progress

if TYPE_CHECKING:  # the jobs import pandas: loaded when a result is first asked for
    from desktop.jobs.prepare import AnalysisData
    from desktop.jobs.predictions import PreparedPredictions
    from desktop.jobs.segments import GroupingResult
    from desktop.jobs.suggestions import SuggestionBundle

T = TypeVar("T")
R = TypeVar("R")


class Status(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    READY = "ready"
    FAILED = "failed"


@dataclass(eq=False)
class Slot(Generic[T]):
    """One derived result: its status, value (when READY), error (when FAILED) and the request that
    made it (or is making it)."""

    name: str
    status: Status = Status.IDLE
    value: T | None = None
    error: BaseException | None = None
    details: str = ""                    # the error's traceback text
    request: Any = None

    @property
    def ready(self) -> bool:
        return self.status is Status.READY

    @property
    def running(self) -> bool:
        return self.status is Status.RUNNING

    def clear(self) -> None:
        self.status, self.value, self.error, self.details, self.request = Status.IDLE, None, None, "", None


class Runner(Protocol):
    """What the scheduler needs from a background runner (desktop.ui.background.TaskRunner has it):
    `start` runs `fn(*args, progress=...)` on `channel`, cancelling what runs there, and calls back
    on the owner's thread; `cancel` stops a channel."""

    def start(self, channel: str, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None] | None = ...,
              on_error: Callable[[BaseException, str], None] | None = ..., on_cancel: Callable[[], None] | None = ...,
              label: str = ..., process: bool = ...) -> Any: ...

    def cancel(self, channel: str | None = None) -> None: ...


class ImmediateRunner:
    """A Runner that runs each job at once in the calling thread (the CLI, tests, scripts)."""

    def start(self, channel: str, fn: Callable[..., Any], *args: Any,
              on_result: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException, str], None] | None = None,
              on_cancel: Callable[[], None] | None = None, label: str = "", process: bool = False,
              **kwargs: Any) -> None:
        try:
            result = fn(*args, progress=lambda fraction, message="": None, **kwargs)
        except Cancelled:
            if on_cancel is not None:
                on_cancel()
        except Exception as exc:  # reported to the caller, as a background runner would
            if on_error is None:
                raise
            on_error(exc, "".join(traceback.format_exception(exc)))
        else:
            if on_result is not None:
                on_result(result)

    def cancel(self, channel: str | None = None) -> None:
        """Nothing runs in the background."""


Listener = Callable[[Slot], None]


@dataclass(eq=False)
class Session:
    """One open shop. Every derived result lives in a slot; `segmentations` keeps each clustering
    method's latest result (the groups view switches between them; renames stay with them)."""

    runner: Runner = field(default_factory=ImmediateRunner)
    data: AnalysisData | None = None
    predictions: Slot[PreparedPredictions] = field(default_factory=lambda: Slot("predictions"))
    propensity: Slot[Any] = field(default_factory=lambda: Slot("propensity"))      # engine PropensityResult
    holdout: Slot[Any] = field(default_factory=lambda: Slot("holdout"))            # engine HoldoutResult
    suggestions: Slot[SuggestionBundle] = field(default_factory=lambda: Slot("suggestions"))
    segmentation: Slot[GroupingResult] = field(default_factory=lambda: Slot("segmentation"))
    migration: Slot[Any] = field(default_factory=lambda: Slot("migration"))        # engine Migration
    segmentations: dict[str, GroupingResult] = field(default_factory=dict)  # clustering method -> its latest
    k_curves: dict[tuple, Any] = field(default_factory=dict)  # (method, feature groups) -> automatic run's k curve
    segment_names: dict[str, Any] = field(default_factory=dict)  # group renames the project keeps
    listeners: list[Listener] = field(default_factory=list, repr=False)
    analysis_listeners: list[Callable[[Any], None]] = field(default_factory=list, repr=False)
    _with_predictions: tuple | None = field(default=None, repr=False)

    def slots(self) -> list[Slot[Any]]:
        return [self.predictions, self.propensity, self.holdout, self.suggestions, self.segmentation,
                self.migration]

    # -- the analysis ----------------------------------------------------------------------------
    def set_analysis(self, data: Any) -> None:
        """Show a new analysis: every slot's work is cancelled and the slots go back to idle."""
        for slot in self.slots():
            if slot.running:
                self.runner.cancel(slot.name)
            slot.clear()
        self.segmentations = {}
        self.k_curves = {}
        self.segment_names = {}
        self._with_predictions = None
        self.data = data
        for listener in list(self.analysis_listeners):
            listener(data)
        for slot in self.slots():
            self._notify(slot)

    # -- the scheduler ---------------------------------------------------------------------------
    def request(self, slot: Slot[T], job: Callable[[R, Progress], T], request: R, *, label: str = "",
                process: bool = False) -> bool:
        """Fill `slot` with `job(request)` in the background; return False when nothing new starts
        (the slot already holds or is computing an equal request)."""
        if slot.request is not None and slot.request == request and slot.status in (Status.RUNNING, Status.READY):
            return False
        slot.status, slot.request, slot.error, slot.details = Status.RUNNING, request, None, ""
        self._notify(slot)
        data = self.data

        def current() -> bool:  # the latest request of this slot, for the same analysis
            return slot.request is request and self.data is data

        def done(value: T) -> None:
            if current():
                self._settle(slot, value, request)

        def failed(exc: BaseException, details: str) -> None:
            if current():
                slot.status, slot.error, slot.details = Status.FAILED, exc, details
                self._notify(slot)

        def cancelled() -> None:
            if current():  # stopped by the user: the slot keeps its last value, and may be asked again
                slot.status, slot.request = (Status.READY if slot.value is not None else Status.IDLE), None
                self._notify(slot)

        self.runner.start(slot.name, job, request, on_result=done, on_error=failed, on_cancel=cancelled,
                          label=label, process=process)
        return True

    def put(self, slot: Slot[T], value: T, request: Any = None) -> None:
        """Fill `slot` with a result worked out elsewhere (e.g. a segmentation chosen again)."""
        if slot.running:
            self.runner.cancel(slot.name)
        self._settle(slot, value, request)

    def _settle(self, slot: Slot[T], value: T, request: Any) -> None:
        slot.status, slot.value, slot.error, slot.details, slot.request = Status.READY, value, None, "", request
        if slot is self.segmentation:
            grouping: Any = value  # a GroupingResult
            self.segmentations[grouping.request.method] = grouping
            seg = grouping.segmentation
            if seg.k_curve is not None:  # kept to compare with a number of groups chosen later
                self.k_curves[(seg.method, tuple(seg.settings.groups))] = seg.k_curve
        self._notify(slot)

    def listen(self, listener: Listener) -> None:
        """Call `listener(slot)` whenever a slot changes."""
        self.listeners.append(listener)

    def _notify(self, slot: Slot) -> None:
        for listener in list(self.listeners):
            listener(slot)

    # -- reading ---------------------------------------------------------------------------------
    def prediction_table(self) -> Any:
        """The engine's per-customer predictions (index customer_id), or None before they are ready."""
        prepared = self.predictions.value if self.predictions.ready else None
        return prepared.table if prepared is not None else None

    def suggestion_table(self) -> Any:
        """Every customer's suggested products (engine `recommend` columns), or None."""
        bundle = self.suggestions.value if self.suggestions.ready else None
        return bundle.suggestions if bundle is not None else None

    def chosen_segmentation(self) -> Any:
        """The segmentation chosen last in the groups view (engine Segmentation), or None."""
        return self.segmentation.value.segmentation if self.segmentation.value is not None else None

    def export_job(self, request: Any, language: str = "en", currency: str = "") -> Any:
        """A jobs.export.ExportJob for `request` (jobs.export.ExportRequest): the analysis with the
        predictions and suggested products the session holds, whichever views were ever shown."""
        from desktop.jobs.export import ExportJob

        if self.data is None:
            raise ValueError("nothing to export: no analysis is open")
        return ExportJob(request, self.data.analysis, predictions=self.prediction_table(),
                         suggestions=self.suggestion_table(), language=language, currency=currency)

    def customers(self) -> Any:
        """The analysis' customer rows with the prediction columns once predictions are ready (a new
        frame, built once per predictions result; the analysis' own frame is never changed)."""
        if self.data is None:
            return None
        customers = self.data.customers
        prepared = self.predictions.value if self.predictions.ready else None
        if prepared is None:
            return customers
        cached = self._with_predictions
        if cached is not None and cached[0] is customers and cached[1] is prepared:
            return cached[2]
        columns = prepared.columns
        if len(columns) != len(customers) or not columns.index.equals(customers.index):
            return customers
        # plain arrays: the rows are already in the customers' order
        frame = customers.assign(**{name: columns[name].to_numpy() for name in columns.columns})
        self._with_predictions = (customers, prepared, frame)
        return frame

    # -- asking for the results the app shows ------------------------------------------------------
    # The window asks for predictions and suggestions as soon as an analysis is shown; views ask again
    # with other settings when the owner presses their buttons. Each builds the job's request from
    # the session's analysis; heavy inputs run in a child process.
    def _big(self) -> bool:
        from desktop.jobs.predictions import PROCESS_MIN_LINES

        return self.data is not None and len(self.data.lines) >= PROCESS_MIN_LINES

    def ask_predictions(self, time_unit: str = "week", discount_rate: float = 0.10,
                        band_names: dict[str, str] | None = None, label: str = "") -> bool:
        """Per-customer predictions of the analysis (jobs.predictions.run) into `predictions`."""
        from desktop.jobs import predictions as job

        if self.data is None:
            return False
        request = job.PredictionRequest(as_of=self.data.analysis.as_of, time_unit=time_unit,
                                        discount_rate=discount_rate, lines=self.data.lines,
                                        customers=job.customer_context(self.data.customers),
                                        band_names=tuple((band_names or {}).items()))
        return self.request(self.predictions, job.run, request, label=label, process=self._big())

    def ask_propensity(self, horizon_days: int = 90, label: str = "") -> bool:
        """Each customer's chance of buying in the next `horizon_days` days into `propensity`."""
        from desktop.jobs import predictions as job

        if self.data is None:
            return False
        request = job.PropensityRequest(as_of=self.data.analysis.as_of, horizon_days=int(horizon_days),
                                        lines=self.data.lines)
        return self.request(self.propensity, job.run_propensity, request, label=label, process=self._big())

    def ask_holdout(self, calibration_end: Any, time_unit: str = "week", label: str = "") -> bool:
        """The purchase model's check against the days after `calibration_end` into `holdout`."""
        from desktop.jobs import predictions as job

        if self.data is None:
            return False
        prepared = self.predictions.value if self.predictions.ready else None
        chosen = prepared.result.method if prepared is not None else ""
        request = job.HoldoutRequest(calibration_end=calibration_end, holdout_end=self.data.analysis.as_of,
                                     time_unit=time_unit, model="mbgnbd" if chosen == "mbgnbd" else "bgnbd",
                                     lines=self.data.lines)
        return self.request(self.holdout, job.run_holdout, request, label=label, process=self._big())

    def suggestion_request(self, **settings: Any) -> Any:
        """A jobs.suggestions.SuggestionRequest for the analysis with `settings` (k, allow_repeats, ...),
        fitted on the purchases up to the end of the analysis date."""
        import pandas as pd

        from desktop.jobs import suggestions as job

        as_of = None
        if self.data is not None and self.data.analysis.as_of is not None:
            # the analysis date's purchases count: suggest as of the start of the next day
            as_of = pd.Timestamp(self.data.analysis.as_of).normalize() + pd.Timedelta(days=1)
        return job.SuggestionRequest(**settings, as_of=as_of,
                                     lines=self.data.lines if self.data is not None else None,
                                     customers=self.data.analysis.customers if self.data is not None else None)

    def ask_suggestions(self, label: str = "", **settings: Any) -> bool:
        """Every customer's suggested products (jobs.suggestions.run) into `suggestions`."""
        from desktop.jobs import suggestions as job

        if self.data is None:
            return False
        return self.request(self.suggestions, job.run, self.suggestion_request(**settings), label=label,
                            process=self._big())

    def ask_segmentation(self, request: Any, label: str = "") -> bool:
        """Group the customers as `request` (jobs.segments.GroupingRequest, data left out) says, into
        `segmentation`; a method computed before with the same settings is shown again at once."""
        from dataclasses import replace

        from desktop.jobs import segments as job

        if self.data is None:
            return False
        analysis = self.data.analysis
        request = replace(request, customers=analysis.customers, lines=analysis.lines)
        known = self.segmentations.get(request.method)
        if known is not None and known.request == request and not self.segmentation.running:
            self.put(self.segmentation, known, request)
            return False
        return self.request(self.segmentation, job.run, request, label=label,
                            process=job.needs_process(request, len(analysis.customers)))

    def rfm_model(self) -> int:
        """The RFM model the analysis was made with (11 or 5 groups)."""
        options = getattr(self.data.analysis, "options", None) if self.data is not None else None
        return int(getattr(options, "rfm_model", 11) or 11)

    def default_grouping(self, currency: str = "") -> Any:
        """The grouping shown before the owner picks one: similar customers (k-means) on their buying
        behaviour, the number of groups chosen automatically (jobs.segments.GroupingRequest)."""
        from desktop.jobs.segments import GroupingRequest

        return GroupingRequest(method="kmeans", rfm_model=self.rfm_model(), currency=currency)

    def migration_period(self) -> tuple[Any, Any]:
        """The two dates compared before the owner picks others (jobs.segments.migration_period),
        or (None, None) without an analysis date."""
        from desktop.jobs.segments import migration_period

        if self.data is None or self.data.analysis.as_of is None:
            return None, None
        return migration_period(self.data.analysis.as_of)

    def ask_migration(self, then: Any = None, now: Any = None, method: str = "rfm", currency: str = "",
                      label: str = "") -> bool:
        """Every customer's group at `then` and at `now` (default: migration_period()) by `method`
        ("rfm" or the method of the chosen segmentation, which is reused) into `migration`."""
        import pandas as pd

        from desktop.jobs import segments as job

        if self.data is None:
            return False
        default_then, default_now = self.migration_period()
        then = pd.Timestamp(then if then is not None else default_then)
        now = pd.Timestamp(now if now is not None else default_now)
        chosen = self.segmentation.value
        if chosen is not None and chosen.segmentation.method != method:
            chosen = None  # the chosen groups are of another method: not reused
        request = job.MigrationRequest(then=then, now=now, method=method, rfm_model=self.rfm_model(),
                                       currency=currency, grouping=chosen.request if chosen else None,
                                       analysis=self.data.analysis,
                                       segmentation=chosen.segmentation if chosen else None)
        return self.request(self.migration, job.run_migration, request, label=label)

    def ask_default(self, name: str, currency: str = "", label: str = "") -> bool:
        """Ask for slot `name`'s result with the settings a view shows before the owner picks any
        (the window does, when the view is opened); False when nothing new starts."""
        if name == "segmentation":
            return self.ask_segmentation(self.default_grouping(currency), label=label)
        if name == "migration":
            return self.ask_migration(currency=currency, label=label)
        raise KeyError(f"no default request for the slot {name!r}")
