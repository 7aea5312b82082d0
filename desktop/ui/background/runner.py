"""The one mechanism for long work off the GUI thread (reading files, analysis, export).

A task is a plain function `fn(*args, progress=callback, **kwargs)`; the callback reports progress
and raises `Cancelled` once the user pressed Cancel (the engine calls it in its long loops).
`Worker` runs a task on the global QThreadPool and reports through a separate `WorkerSignals`
QObject that lives on the GUI thread, so every signal reaches the GUI as a queued call.
`TaskRunner` gives each kind of task a channel where the latest request wins: starting a new task
cancels the one still running on that channel. Running workers stay referenced until they finish.

Process mode (`start(..., process=True)`): the pool thread runs the task in a worker process of
the one child-process runner (desktop.engine.processes.default_runner, which the file guard's parser
uses too) and only relays its messages. Use it for work on big tables: pandas' C calls hold Python's
GIL for seconds (reading a million-line CSV, factorising a million strings), which in a thread
freezes the window; pure-Python work in a thread does not, because Python hands the GIL to the GUI
thread every few milliseconds. The function must be picklable (defined at module level) and so must
its arguments and result; big DataFrames travel in pieces that are cheap to rebuild
(desktop.engine.packing). Cancel asks the worker to stop and terminates it if it does not within
half a second. A warm worker is kept between tasks; a fresh one costs ~0.5-1 s to start (Python and
pandas imports), so the first heavy job after start-up or after a crash pays that once.
"""

from __future__ import annotations

import contextlib
import time
import traceback
import weakref
from typing import Any
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, QTimer, Signal
from shiboken6 import isValid

from desktop.engine.errors import Cancelled


def warm_up_task(progress: Any = None) -> None:
    """Import pyqtgraph (~0.7 s) on a worker thread, so that the GUI thread finds it loaded when the
    first analysis arrives; and start a warm worker process with the workbook parser loaded, so that
    the first file the guard parses in a child (every small workbook) waits for no process start."""
    from desktop.engine.processes import default_runner

    default_runner().prewarm(("desktop.engine.guard", "python_calamine"))
    import pyqtgraph  # noqa: F401


def _chinese() -> bool:
    from desktop.ui.i18n import is_chinese

    return is_chinese()

# Progress signals are rate-limited: a tight engine loop must not flood the GUI's event queue.
_PROGRESS_INTERVAL = 0.05
RESTING_MS = 1000  # a finished worker is kept this long before Python may delete it
# Delay between the slices of work done on the GUI thread one per event-loop turn (filling the
# views, showing predictions): 1 ms, not 0. A zero-delay call scheduled from a zero-delay call runs
# in the same pass of the event loop, before timers and other events (measured: two 30 ms slices
# back to back, a 70 ms stall, against 38 ms with 1 ms).
NEXT_TURN_MS = 1


class InTurns:
    """Run `steps` (callables) one per event-loop turn on the GUI thread, while `still_wanted()`
    (when given) says they are; a step that raises is reported by the crash handler and the
    others still run. Use `run_in_turns`.

    `steps` is taken one at a time, so it may be a generator that makes each step when the one
    before has run (as many as the work needs, desktop.ui.background.release). The steps are held here, and
    this object only by the timer of the next turn: once the last step ran, or a newer result made
    them unwanted, everything they captured (a whole analysis) is freed at once by reference
    counting. A closure that schedules itself would be a reference cycle, which only a full garbage
    collection frees, and the app keeps big results out of its reach (background.memory.settle_heap), so the
    analysis it held would stay in memory for good.
    """

    def __init__(self, context: QObject, steps, still_wanted: Callable[[], bool] | None = None) -> None:
        self.context = context
        self.steps = iter(steps)
        self.pending = next(self.steps, None)  # the step of the next turn; None when all have run
        self.still_wanted = still_wanted

    def schedule(self) -> None:
        # A lambda holding this object, not the bound method: PySide keeps only a weak reference
        # to a bound method's object, and nothing else holds this one (it crashed when called).
        # dropped if the context is deleted
        QTimer.singleShot(NEXT_TURN_MS, self.context, lambda turns=self: turns.run_one())

    def _stop(self) -> None:
        self.steps = iter(())  # a generator let go of here is closed
        self.pending = None
        self.still_wanted = None

    def run_one(self) -> None:
        if self.still_wanted is not None and not self.still_wanted():
            self._stop()
            return
        step, self.pending = self.pending, None
        if step is None:
            return
        try:
            step()
        finally:
            del step
            self.pending = next(self.steps, None)
            if self.pending is not None:
                self.schedule()
            else:
                self._stop()


def run_in_turns(context: QObject, steps, still_wanted: Callable[[], bool] | None = None, *,
                 first_now: bool = False) -> InTurns:
    """Run `steps` one per event-loop turn (the first one right away with `first_now`); see InTurns."""
    turns = InTurns(context, steps, still_wanted)
    if first_now:
        turns.run_one()
    else:
        turns.schedule()
    return turns


_workers_niced = False


def _workers_below_the_window() -> None:
    """Make the app's worker processes run below the window's priority (CHILD_NICE): done on a pool
    thread before a job's first step (a job may start one, e.g. through the file guard), so that
    importing the process runner costs the window's start nothing."""
    global _workers_niced
    if not _workers_niced:
        from desktop.engine.processes import CHILD_NICE, default_runner

        default_runner().nice = CHILD_NICE
        _workers_niced = True


class WorkerSignals(QObject):
    """What a Worker reports; created on the GUI thread so connected slots run there."""

    started = Signal()
    progress = Signal(float, str)
    returned = Signal(object)
    errored = Signal(object, str)  # exception, formatted traceback
    cancelled = Signal()
    finished = Signal()


class Worker(QRunnable):
    """Run `fn(*args, progress=..., **kwargs)` on a pool thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, name: str = "", process: bool = False,
                 **kwargs: Any) -> None:
        super().__init__()
        self.process = process  # run fn in a child process (see the module docstring)
        self.setAutoDelete(False)  # Python owns the worker; Qt must not delete it under us
        self.fn: Callable[..., Any] | None = fn  # None once finished (its arguments let go of)
        self.args, self.kwargs = args, kwargs
        self.name = name or getattr(fn, "__name__", "task")
        self.signals = WorkerSignals()
        self._abort = False
        self._last_emit = 0.0
        self.done = False
        self.slots: tuple = ()  # the runner's connections to `signals`

    def cancel(self) -> None:
        """Ask the task to stop at its next progress report."""
        self._abort = True

    @property
    def is_cancelled(self) -> bool:
        """Return True once cancel() was called."""
        return self._abort

    def _progress(self, fraction: float, message: str = "") -> None:
        if self._abort:
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_emit >= _PROGRESS_INTERVAL or fraction >= 1.0:
            self._last_emit = now
            _SafeSignals(self.signals).progress.emit(float(max(0.0, min(1.0, fraction))), str(message or ""))

    def run(self) -> None:  # runs on a pool thread
        signals = _SafeSignals(self.signals)
        try:
            _workers_below_the_window()
            signals.started.emit()
            fn = self.fn
            if self._abort or fn is None:
                raise Cancelled()
            if self.process:
                from desktop.engine.processes import default_runner

                result = default_runner().run(fn, self.args, self.kwargs, progress=self._progress,
                                              is_cancelled=lambda: self._abort)
            else:
                result = fn(*self.args, progress=self._progress, **self.kwargs)
            if self._abort:
                raise Cancelled()
        except Cancelled:
            signals.cancelled.emit()
        except BaseException as exc:  # every error goes back to the window, never kills the thread
            signals.errored.emit(exc, "".join(traceback.format_exception(exc)))
        else:
            signals.returned.emit(result)
        finally:
            self.done = True
            signals.finished.emit()


class _SafeSignals:
    """Emits a Worker's signals, doing nothing once their QObject is gone (a task still running
    while the application quits must not raise on its pool thread)."""

    def __init__(self, signals: WorkerSignals) -> None:
        self._signals = signals

    def __getattr__(self, name: str) -> Any:
        signal = getattr(self._signals, name)
        return _SafeSignal(signal)


class _SafeSignal:
    def __init__(self, signal: Any) -> None:
        self._signal = signal

    def emit(self, *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # "Signal source has been deleted"
            self._signal.emit(*args)


class TaskRunner(QObject):
    """Starts workers on named channels (latest request wins) and reports overall activity."""

    busyChanged = Signal(bool)
    progress = Signal(float, str)  # of the most recently started running task
    failed = Signal(object, str, str)  # exception, traceback, task name: for errors with no handler

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        # Own pools, so that long tasks of other parts of the app never queue an analysis behind
        # them: threads for thread-mode tasks (a few more than cores: most work holds the GIL
        # anyway), and a separate, larger pool whose threads only wait on child processes.
        self.pool = pool or QThreadPool(self)
        if pool is None:
            self.pool.setMaxThreadCount(max(4, QThread.idealThreadCount()))
        self.process_pool = QThreadPool(self)
        self.process_pool.setMaxThreadCount(16)
        self._running: dict[str, Worker] = {}
        self._all: set[Worker] = set()  # every worker not yet finished, cancelled ones included
        self._resting: list[Worker] = []  # finished workers, kept for RESTING_MS
        self._order: list[Worker] = []

    def start(self, channel: str, fn: Callable[..., Any], *args: Any,
              on_result: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException, str], None] | None = None,
              on_cancel: Callable[[], None] | None = None,
              label: str = "", process: bool = False, **kwargs: Any) -> Worker:
        """Cancel whatever runs on `channel`, then run `fn` there (in a child process when
        `process`); return the new worker.

        The callbacks run on the GUI thread, and only for the channel's latest worker: the result of
        a superseded run is dropped."""
        old = self._running.get(channel)
        if old is not None:
            old.cancel()
        worker = Worker(fn, *args, name=label or channel, process=process, **kwargs)
        self._running[channel] = worker
        self._all.add(worker)
        self._order.append(worker)

        # The closures below stay connected to the worker's signals, which the worker owns: a
        # strong reference to the worker from them would be a cycle through Qt that Python's
        # collector cannot see, keeping every finished worker, its arguments and its callbacks
        # (whole analyses) alive for good.
        ref = weakref.ref(worker)
        del worker

        # A worker's signals object has no parent: results it queued to the GUI thread are
        # delivered even after the window (and this runner, its child) was deleted, and must then
        # reach nothing of the window ("Signal source has been deleted").
        def is_latest() -> bool:
            return isValid(self) and self._running.get(channel) is ref()

        def returned(result: Any) -> None:
            if is_latest() and on_result is not None:
                on_result(result)

        def errored(exc: BaseException, details: str) -> None:
            if not is_latest():
                return
            if on_error is not None:
                on_error(exc, details)
            else:
                self.failed.emit(exc, details, label or channel)

        def cancelled() -> None:
            if is_latest() and on_cancel is not None:
                on_cancel()

        def progressed(fraction: float, message: str) -> None:
            if isValid(self) and self._order and self._order[-1] is ref():
                # the engine's progress words are English only: the Chinese window says the task's own label
                self.progress.emit(fraction, (label or message) if _chinese() else (message or label))

        def finished() -> None:
            worker = ref()
            if worker is None:
                return
            if is_latest():
                del self._running[channel]
            self._all.discard(worker)
            if worker in self._order:
                self._order.remove(worker)
            # its task is over: let go of its arguments and of these closures (and so of the
            # callbacks'); the thread pool keeps the worker itself (PySide holds every runnable
            # started), which is small once emptied
            worker.fn, worker.args, worker.kwargs = None, (), {}
            slots, worker.slots = worker.slots, ()
            signals = worker.signals
            for signal, slot in zip((signals.returned, signals.errored, signals.cancelled, signals.progress,
                                     signals.finished), slots):
                with contextlib.suppress(RuntimeError, TypeError):  # already gone
                    signal.disconnect(slot)
            del slots
            if not isValid(self):
                return
            self._resting.append(worker)  # and in case it did not: not deleted while run() returns
            QTimer.singleShot(RESTING_MS, self,
                              lambda: self._resting.remove(worker) if worker in self._resting else None)
            if not self._running:
                self.busyChanged.emit(False)

        # The signals object lives on the GUI thread, so these closures run there (queued).
        started = self._running[channel]  # the worker made above
        s = started.signals
        s.returned.connect(returned)
        s.errored.connect(errored)
        s.cancelled.connect(cancelled)
        s.progress.connect(progressed)
        s.finished.connect(finished)
        started.slots = (returned, errored, cancelled, progressed, finished)  # disconnected when finished
        self.busyChanged.emit(True)
        self.progress.emit(0.0, label)
        (self.process_pool if process else self.pool).start(started)
        return started

    def cancel(self, channel: str | None = None) -> None:
        """Cancel the task on `channel`, or every running task."""
        for name, worker in list(self._running.items()):
            if channel is None or name == channel:
                worker.cancel()

    def is_busy(self, channel: str | None = None) -> bool:
        """Return True while a task runs (on `channel`, or on any channel)."""
        return bool(self._running) if channel is None else channel in self._running

    def running(self) -> list[Worker]:
        """Return every worker that has not finished yet."""
        return list(self._all)

    def wait(self, msecs: int = 10000) -> bool:
        """Block until no task runs (for shutdown and tests); return True when none does."""
        deadline = time.monotonic() + msecs / 1000
        idle = self.pool.waitForDone(msecs)
        remaining = max(0, int((deadline - time.monotonic()) * 1000))
        return self.process_pool.waitForDone(remaining) and idle
