"""The one child-process runner: heavy work (the app's big jobs, the file guard's workbook parser)
runs in a warm worker process, so that a crash, a runaway allocation or a GIL-holding C call hurts
the worker, not the app. No Qt here: workers import this module and the task's.

    runner = default_runner()                      # one per process, shut down at exit
    runner.run(fn, args, kwargs, progress=..., is_cancelled=..., memory_cap=..., timeout=...)

`fn(*args, progress=callback, **kwargs)` must be picklable (a module-level function). A worker is
spawned (works the same on every OS and in a frozen build: `multiprocessing.freeze_support()` in the
entry point makes a re-entered executable a worker), started isolated (`python -I`: modules lying in
the current folder are never imported) and kept after its task for the next one: a warm worker
answers a small task in milliseconds where a fresh one costs 0.2 s of CPU and 0.5 s or more of
waiting (README, "Child processes"). Each call carries the caller's current folder, environment and
import path, so a warm worker behaves like one spawned for the call.

One duplex pipe per worker:
  parent -> worker: the packed call (fn, args, kwargs, context); later perhaps ("cancel",);
                    between tasks ("quit",)
  worker -> parent: ("progress", fraction, message)..., then the packed result (desktop.engine.packing),
                    ("error", exception, traceback text) or ("cancelled",); then ("end", keep)
`keep` is False when the worker retires after this task: its memory grew past RECYCLE_BYTES or the
task ran out of memory. Cancelling asks the worker to stop at its task's next progress report; one
that does not answer within CANCEL_GRACE_S is terminated. A worker that dies (crash, memory cap, the
system's out-of-memory killer) is replaced by a fresh one at the next call.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing.util  # noqa: F401 - registers its exit function before ours (_shut_down_all)
import os
import pickle
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import Cancelled
from .packing import Unpacker, pack
from .progress import Progress

# In the app a worker runs at a lower scheduling priority than the window: on a two-core machine the
# background predictions and suggestions otherwise take the CPU the GUI thread needs to respond
# (measured: GUI-thread gaps of 50-80 ms with no CPU time for it while two children computed).
CHILD_NICE = 5
CANCEL_GRACE_S = 0.5  # a cancelled task that has not stopped by then is terminated with its worker
RECYCLE_BYTES = 512 << 20  # a worker this big after its task is not kept (an idle one: 20-150 MB)
MAX_IDLE = 1  # warm workers kept waiting; more run at once when tasks overlap
WARMING_WAIT_S = 10.0  # how long a task waits for a worker that prewarm is starting
_PROGRESS_SECONDS = 0.05
_CANCEL_POLL_SECONDS = 0.02
_POLL_SECONDS = 0.05


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker (shown as its cause)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class TaskProcessDied(RuntimeError):
    """The worker process of a task ended without an answer (crashed or was killed)."""


# -- starting workers isolated ---------------------------------------------------------------------
def child_import_roots() -> list[str]:
    """The folders a worker must import from: the one holding the `desktop` package and the one
    holding python-calamine (a user-site install is not on an isolated interpreter's path)."""
    import importlib.util

    roots = [str(Path(__file__).resolve().parents[2])]
    try:
        spec = importlib.util.find_spec("python_calamine")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        parent = Path(spec.origin).resolve().parent.parent
        if str(parent) not in roots:
            roots.append(str(parent))
    return roots


def _child_sys_path() -> list[str]:
    """The import path a worker gets: this process's, with the current folder ('' when started with
    `python -c`) replaced by Clientele's own folders (a spawned child would receive the current
    folder's name, and import a zipfile.py lying there)."""
    path = [p for p in sys.path if p != ""]
    if "" in sys.path:
        where = sys.path.index("")
        for root in reversed(child_import_roots()):
            if root not in path:
                path.insert(where, root)
    return path


def spawn_context() -> Any:
    """multiprocessing's "spawn" context, with its children (and its resource tracker) started in
    isolated mode (`python -I -c ...`) so that modules in the current folder are never imported, and
    without re-running the caller's __main__ script in them (every task lives in a module). In a
    frozen build the children re-enter the app's executable, whose path is the bundle's own."""
    import multiprocessing
    from multiprocessing import spawn
    from multiprocessing import util as util_module

    util: Any = util_module  # private hooks, pinned by tests/test_private_apis.py
    if not getattr(sys, "frozen", False) and not getattr(util._args_from_interpreter_flags, "isolated", False):
        plain_flags, plain_preparation = util._args_from_interpreter_flags, spawn.get_preparation_data

        def isolated_flags() -> list[str]:
            return [f for f in plain_flags() if f not in ("-E", "-s", "-P", "-I")] + ["-I"]

        def preparation(name: str) -> dict:
            data = plain_preparation(name)
            if "sys_path" in data:
                data["sys_path"] = _child_sys_path()
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
            return data

        isolated_flags.isolated = True  # type: ignore[attr-defined]
        util._args_from_interpreter_flags = isolated_flags
        spawn.get_preparation_data = preparation
    return multiprocessing.get_context("spawn")


# -- the worker's side -----------------------------------------------------------------------------
def _lower_priority(nice: int) -> None:
    """Lower this process's scheduling priority by `nice` (below normal on Windows)."""
    if nice <= 0:
        return
    try:
        if hasattr(os, "nice"):
            os.nice(nice)
        elif sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000
            ctypes.windll.kernel32.SetPriorityClass(ctypes.windll.kernel32.GetCurrentProcess(), below_normal)
    except (OSError, AttributeError):  # not allowed or not available: run at normal priority
        pass


def _statm(field: int) -> int | None:
    """A field of /proc/self/statm in bytes (0: address space, 1: resident), None off Linux."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def resident_bytes() -> int | None:
    """This process's resident memory (its peak where the current size is not known), or None."""
    now = _statm(1)
    if now is not None:
        return now
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except (ImportError, OSError):
        return None
    return peak if sys.platform == "darwin" else peak * 1024


class _ChildProgress:
    """The progress callback of a task in a worker: forwards to the parent (rate-limited) and raises
    Cancelled once the parent asked to stop."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self._last_sent = 0.0
        self._last_poll = 0.0

    def __call__(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - self._last_poll >= _CANCEL_POLL_SECONDS:
            self._last_poll = now
            while self.conn.poll():
                if self.conn.recv()[0] == "cancel":
                    raise Cancelled()
        if now - self._last_sent >= _PROGRESS_SECONDS or fraction >= 1.0:
            self._last_sent = now
            self.conn.send(("progress", float(fraction), str(message or "")))


def _picklable_error(exc: BaseException) -> BaseException:
    """Return `exc` when it survives pickling, else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")


# Variables a frozen build's launcher sets for each process it starts: each keeps its own.
_OWN_ENV = ("_PYI", "_MEI")


def _adopt(context: dict[str, Any]) -> None:
    """Take on the caller's current folder, environment and import path (what a worker spawned for
    this call would have had)."""
    env = context["env"]
    for name in [n for n in os.environ if n not in env and not n.startswith(_OWN_ENV)]:
        del os.environ[name]
    for name, value in env.items():
        if os.environ.get(name) != value and not name.startswith(_OWN_ENV):
            os.environ[name] = value
    if sys.path != context["path"]:
        sys.path[:] = context["path"]
    with contextlib.suppress(OSError):  # a folder since deleted: stay where we are
        os.chdir(context["cwd"])


@contextlib.contextmanager
def _limits(memory_cap: int, quiet_stderr: bool) -> Iterator[None]:
    """While the task runs: at most `memory_cap` more bytes of address space (a parser that runs away
    fails with MemoryError, or aborts this worker, instead of exhausting the machine), and with
    `quiet_stderr` nothing printed on stderr (Rust prints its panics there)."""
    undo: list[Callable[[], None]] = []
    if memory_cap:
        try:
            import resource

            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = (_statm(0) or 0) + memory_cap
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            if soft == resource.RLIM_INFINITY or limit < soft:
                resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
                undo.append(lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard)))
        except (ImportError, ValueError, OSError):  # no such limit here: run without it
            pass
    if quiet_stderr:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)
            os.close(devnull)
        except (OSError, AttributeError, ValueError):
            pass
        else:
            def restore() -> None:
                os.dup2(saved, 2)
                os.close(saved)

            undo.append(restore)
    try:
        yield
    finally:
        for step in reversed(undo):
            with contextlib.suppress(OSError, ValueError):
                step()


def _receive_call(conn: Any) -> tuple | None:
    """Wait for the next call; None when the parent says quit. A late cancel (of a task already
    answered) is skipped."""
    unpacker = Unpacker()
    while True:
        message = conn.recv()
        if message[0] == "quit":
            return None
        if message[0] == "cancel":
            continue
        done, call = unpacker.feed(message)
        if done:
            return call


def _serve(conn: Any, call: tuple) -> bool:
    """Run one call and answer it; return True when this worker may take another."""
    fn, args, kwargs, context = call
    del call
    _adopt(context)
    out_of_memory = False
    try:
        with _limits(context["memory_cap"], context["quiet_stderr"]):
            result = fn(*args, progress=_ChildProgress(conn), **kwargs)
    except Cancelled:
        answer: tuple | None = ("cancelled",)
    except BaseException as exc:  # every error goes back to the parent as a message
        out_of_memory = isinstance(exc, MemoryError)
        answer = ("error", _picklable_error(exc), "".join(traceback.format_exception(exc)))
    else:
        answer = None
    del fn, args, kwargs
    size = resident_bytes()
    keep = not out_of_memory and (size is None or size < RECYCLE_BYTES)
    if answer is None:
        try:
            pack(result, conn.send, dedupe=True)
        except Exception as exc:  # e.g. a result that cannot be pickled
            conn.send(("error", _picklable_error(exc), "".join(traceback.format_exception(exc))))
        del result
    else:
        conn.send(answer)
    conn.send(("end", keep))
    return keep


def worker_main(conn: Any, nice: int = 0) -> None:
    """Entry point of a worker process: serve calls until told to quit, the parent goes away, or a
    task leaves this worker too big to keep."""
    _lower_priority(nice)
    try:
        while True:
            call = _receive_call(conn)
            if call is None or not _serve(conn, call):
                break
            del call
    except (EOFError, OSError):
        pass  # the parent went away: nobody to answer
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except Exception:
                pass
        # skip tearing down a big heap: every answer is sent and nothing else needs cleaning up
        os._exit(0)


def warm_up(modules: tuple[str, ...] = (), progress: Progress | None = None) -> int:
    """A task that imports `modules` (so that the next task finds them loaded) and returns the
    worker's process id."""
    import importlib

    for name in modules:
        importlib.import_module(name)
    return os.getpid()


# -- the parent's side -----------------------------------------------------------------------------
class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, nice: int) -> None:
        self.nice = nice
        context = spawn_context()
        self.conn, child_conn = context.Pipe(duplex=True)
        self.process = context.Process(target=worker_main, args=(child_conn, nice), name="clientele-worker")
        self.process.start()
        child_conn.close()
        self.pid = self.process.pid

    def call(self, fn: Callable[..., Any], args: tuple, kwargs: dict[str, Any], context: dict[str, Any],
             progress: Progress | None, is_cancelled: Callable[[], bool] | None,
             timeout: float | None) -> tuple[bool, Any, bool]:
        """Run one call; return (ok, the result or the exception to raise, keep this worker)."""
        try:
            pack((fn, args, kwargs, context), self.conn.send)
        except (EOFError, BrokenPipeError, ConnectionResetError):  # it ended while it waited
            raise self._died() from None
        unpacker = Unpacker()
        outcome: tuple[bool, Any] = (False, TaskProcessDied("The work gave no answer."))
        deadline = time.monotonic() + timeout if timeout else None
        stopping: BaseException | None = None  # Cancelled or TimeoutError once asked to stop
        stop_by = 0.0
        while True:
            if stopping is None:
                if is_cancelled is not None and is_cancelled():
                    stopping = Cancelled()
                elif deadline is not None and time.monotonic() > deadline:
                    stopping = TimeoutError(f"The work took more than {timeout:.0f} s.")
                if stopping is not None:
                    with contextlib.suppress(OSError):
                        self.conn.send(("cancel",))
                    stop_by = time.monotonic() + CANCEL_GRACE_S
            elif time.monotonic() > stop_by:
                self.stop(ask=False)  # asked CANCEL_GRACE_S ago
                raise stopping
            try:
                if not self.conn.poll(_POLL_SECONDS):
                    if not self.process.is_alive() and not self.conn.poll():
                        raise EOFError
                    continue
                message = self.conn.recv()
            except (EOFError, OSError):
                if stopping is not None:
                    self.stop()
                    raise stopping from None
                raise self._died() from None
            kind = message[0]
            if kind == "end":
                return (False, stopping, message[1]) if stopping is not None else (*outcome, message[1])
            if stopping is not None:
                continue  # what a stopped task still sends is dropped
            if kind == "progress":
                if progress is not None:
                    try:
                        progress(message[1], message[2])
                    except Cancelled:  # the caller's callback says stop
                        stopping = Cancelled()
                        with contextlib.suppress(OSError):
                            self.conn.send(("cancel",))
                        stop_by = time.monotonic() + CANCEL_GRACE_S
            elif kind == "error":
                error = message[1]
                error.__cause__ = RemoteTraceback(message[2])
                outcome = (False, error)
            elif kind == "cancelled":
                outcome = (False, Cancelled())
            else:
                done, value = unpacker.feed(message)
                if done:
                    outcome = (True, value)

    def _died(self) -> BaseException:
        self.process.join(1.0)
        code = self.process.exitcode
        self.stop()
        if code == -9:  # SIGKILL: on Linux nearly always the out-of-memory killer
            return MemoryError("The work needed more memory than the computer had free.")
        return TaskProcessDied(f"The work stopped unexpectedly (exit code {code}).")

    def alive(self) -> bool:
        return self.process.is_alive()

    def quit(self) -> None:
        """End an idle worker: ask it, then make sure."""
        with contextlib.suppress(OSError):
            self.conn.send(("quit",))
        self.process.join(1.0)
        self.stop()

    def stop(self, ask: bool = True) -> None:
        """Make sure the worker has ended: ask it (unless `ask` is False), then terminate, then kill."""
        if ask and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(("cancel",))
            self.process.join(CANCEL_GRACE_S)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(1.0)
        with contextlib.suppress(OSError):
            self.conn.close()


class ProcessRunner:
    """Runs tasks in worker processes, keeping up to `max_idle` warm workers between tasks (0: a
    fresh worker per task), started `nice` steps below this process's priority (the app sets
    CHILD_NICE for the window's sake; a command-line user waits for the result, so there 0).
    Thread-safe: tasks started from several threads run in as many workers."""

    def __init__(self, max_idle: int = MAX_IDLE, nice: int = 0) -> None:
        self.max_idle = max_idle
        self.nice = nice
        self.started = 0  # workers started so far
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._lock = threading.Condition()
        self._warming = 0  # workers being started by prewarm: a task waits for one of those
        self._closed = False
        _RUNNERS.add(self)

    def run(self, fn: Callable[..., Any], args: tuple = (), kwargs: dict[str, Any] | None = None, *,
            progress: Progress | None = None, is_cancelled: Callable[[], bool] | None = None,
            memory_cap: int = 0, quiet_stderr: bool = False, timeout: float | None = None,
            wait_for_warming: bool = True) -> Any:
        """Run `fn(*args, progress=..., **kwargs)` in a worker and return its result.

        `progress` receives the task's reports; once `is_cancelled()` is true (or `progress` raises
        Cancelled) the task is asked to stop and Cancelled is raised. `memory_cap`: bytes of address
        space the task may add (0: no cap); `quiet_stderr`: drop what it prints on stderr; `timeout`:
        seconds, then TimeoutError. The task's exceptions are re-raised here with its traceback as
        cause; a worker that dies raises TaskProcessDied (MemoryError when the system killed it).
        OSError when no process can be started."""
        context = {"cwd": os.getcwd(), "env": dict(os.environ), "path": _child_sys_path(),
                   "memory_cap": int(memory_cap), "quiet_stderr": quiet_stderr}
        worker = self._take(wait_for_warming)
        keep = False
        try:
            ok, value, keep = worker.call(fn, args, kwargs or {}, context, progress, is_cancelled, timeout)
        finally:
            self._give_back(worker, keep)
        if ok:
            return value
        raise value

    def _take(self, wait_for_warming: bool = True) -> _Worker:
        with self._lock:
            if self._closed:
                raise RuntimeError("The process runner has been shut down.")
            if wait_for_warming:  # one starting already: waiting for it beats starting another
                self._lock.wait_for(lambda: self._idle or not self._warming or self._closed, WARMING_WAIT_S)
                if self._closed:
                    raise RuntimeError("The process runner has been shut down.")
            while self._idle:
                worker = self._idle.pop()
                if not worker.alive():
                    worker.stop()  # ended while it waited (killed from outside)
                elif worker.nice != self.nice:
                    worker.quit()  # started before the runner's priority changed (the app lowers it)
                else:
                    self._busy.add(worker)
                    return worker
            self.started += 1
        worker = _Worker(self.nice)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _give_back(self, worker: _Worker, keep: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            keep = keep and not self._closed and len(self._idle) < self.max_idle and worker.alive()
            if keep:
                self._idle.append(worker)
                self._lock.notify_all()
        if not keep:
            worker.quit()

    def prewarm(self, modules: tuple[str, ...] = ()) -> None:
        """Start a worker in the background, importing `modules`, unless one is there already."""
        with self._lock:
            if self._closed or self._idle or self._busy or self.max_idle < 1:
                return
            self._warming += 1

        def warm() -> None:
            try:
                self.run(warm_up, (tuple(modules),), wait_for_warming=False)
            except Exception:  # noqa: BLE001 - a task started later starts its own worker
                pass
            finally:
                with self._lock:
                    self._warming -= 1
                    self._lock.notify_all()

        threading.Thread(target=warm, name="clientele-prewarm", daemon=True).start()

    def pids(self) -> list[int]:
        """The process ids of the workers alive now (idle and busy)."""
        with self._lock:
            return [w.pid for w in [*self._idle, *self._busy] if w.pid is not None]

    def shutdown(self) -> None:
        """End every worker: idle ones are told to quit, busy ones are terminated (their callers get
        TaskProcessDied). Tasks started afterwards raise RuntimeError."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            busy = list(self._busy)
            self._lock.notify_all()
        for worker in idle:
            worker.quit()
        for worker in busy:
            with contextlib.suppress(OSError, ValueError):
                worker.process.terminate()


_RUNNERS: weakref.WeakSet[ProcessRunner] = weakref.WeakSet()


@atexit.register
def _shut_down_all() -> None:
    """At exit, end every runner's workers. Registered after multiprocessing.util (imported above)
    registered its own exit function, so this runs first: that one waits for every child that is
    still running, and an idle worker runs until it is told to quit."""
    for runner in list(_RUNNERS):
        runner.shutdown()


_default: ProcessRunner | None = None
_default_lock = threading.Lock()


def default_runner() -> ProcessRunner:
    """The process's one runner (the app's jobs and the file guard share it), shut down at exit."""
    global _default
    with _default_lock:
        if _default is None:
            _default = ProcessRunner()
        return _default
