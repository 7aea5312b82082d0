"""The one child-process runner (desktop.engine.processes): a warm worker is reused, a dead one is
replaced, a cancelled task stops (its worker kept when it listened, terminated when not), the memory
cap holds only for the task that asked for it, and a warm worker runs each task in the caller's
current folder and environment."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.engine import processes
from desktop.engine.errors import Cancelled, InputError
from desktop.engine.processes import ProcessRunner, TaskProcessDied, warm_up


# -- tasks (module level: a worker imports them) ---------------------------------------------------
def where_am_i(name: str, progress=None) -> tuple[int, str, str | None]:
    return os.getpid(), os.getcwd(), os.environ.get(name)


def crash(progress=None) -> None:
    os._exit(3)


def refuse(progress=None) -> None:
    raise InputError("orders.csv has no column with dates.")


def listen(progress) -> None:
    for i in range(100_000):
        progress(i / 100_000, "working")
        time.sleep(0.01)


def deaf(seconds: float, progress=None) -> None:
    time.sleep(seconds)


def allocate(megabytes: int, progress=None) -> int:
    block = bytearray(megabytes * 2**20)
    return len(block) // 2**20


def grow_past_the_limit(progress=None) -> int:
    """Make this worker count as too big to keep (as after a task that left a big heap)."""
    processes.RECYCLE_BYTES = 1
    return os.getpid()


def report(progress) -> str:
    progress(0.5, "half")
    return "done"


@pytest.fixture
def runner():
    runner = ProcessRunner()
    yield runner
    runner.shutdown()


def test_a_warm_worker_answers_the_next_task(runner: ProcessRunner) -> None:
    first = runner.run(warm_up)
    start = time.perf_counter()
    second = runner.run(warm_up)
    assert first == second != os.getpid()
    assert runner.started == 1 and runner.pids() == [first]
    assert time.perf_counter() - start < 2.0  # no process start (that takes ~0.5 s or more)


def test_spawn_per_task_when_no_worker_is_kept() -> None:
    runner = ProcessRunner(max_idle=0)
    pids = {runner.run(warm_up) for _ in range(2)}
    assert len(pids) == 2 and runner.started == 2 and runner.pids() == []


def test_a_crash_is_an_error_and_the_next_task_gets_a_fresh_worker(runner: ProcessRunner) -> None:
    before = runner.run(warm_up)
    with pytest.raises(TaskProcessDied, match="exit code 3"):
        runner.run(crash)
    after = runner.run(warm_up)
    assert after != before and runner.started == 2


def test_a_worker_left_too_big_by_its_task_is_not_kept(runner: ProcessRunner) -> None:
    pid = runner.run(grow_past_the_limit)
    assert runner.pids() == []
    assert runner.run(warm_up) != pid and runner.started == 2


def test_errors_come_back_with_the_workers_traceback_and_keep_the_worker(runner: ProcessRunner) -> None:
    pid = runner.run(warm_up)
    with pytest.raises(InputError, match="no column with dates") as caught:
        runner.run(refuse)
    assert isinstance(caught.value.__cause__, processes.RemoteTraceback)
    assert "in refuse" in str(caught.value.__cause__)
    assert runner.run(warm_up) == pid


def test_progress_reaches_the_caller(runner: ProcessRunner) -> None:
    seen = []
    assert runner.run(report, progress=lambda f, m: seen.append((f, m))) == "done"
    assert seen == [(0.5, "half")]


def test_a_task_that_listens_is_cancelled_and_its_worker_kept(runner: ProcessRunner) -> None:
    pid = runner.run(warm_up)
    asked = time.monotonic() + 0.3
    with pytest.raises(Cancelled):
        runner.run(listen, is_cancelled=lambda: time.monotonic() > asked)
    assert runner.run(warm_up) == pid


def test_a_task_that_does_not_listen_is_terminated_with_its_worker(runner: ProcessRunner) -> None:
    pid = runner.run(warm_up)
    asked = time.monotonic() + 0.3
    with pytest.raises(Cancelled):
        runner.run(deaf, (60,), is_cancelled=lambda: time.monotonic() > asked)
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(pid, 0)
    assert runner.run(warm_up) != pid


def test_a_task_over_its_time_is_stopped(runner: ProcessRunner) -> None:
    with pytest.raises(TimeoutError):
        runner.run(deaf, (60,), timeout=0.5)
    assert runner.run(allocate, (1,)) == 1


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="address-space cap measured on Linux")
def test_the_memory_cap_holds_for_its_task_only(runner: ProcessRunner) -> None:
    pid = runner.run(warm_up)
    assert runner.run(allocate, (100,), memory_cap=200 * 2**20) == 100
    with pytest.raises(MemoryError):
        runner.run(allocate, (400,), memory_cap=200 * 2**20)
    fresh = runner.run(warm_up)
    assert fresh != pid  # a worker that ran out of memory is replaced, not reused
    assert runner.run(allocate, (400,)) == 400  # the next task has no cap
    assert runner.run(warm_up) == fresh


def test_a_warm_worker_takes_the_callers_folder_and_environment(runner: ProcessRunner, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pid, _, _ = runner.run(where_am_i, ("CLIENTELE_TEST_VALUE",))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLIENTELE_TEST_VALUE", "tea")
    assert runner.run(where_am_i, ("CLIENTELE_TEST_VALUE",)) == (pid, str(tmp_path), "tea")
    monkeypatch.delenv("CLIENTELE_TEST_VALUE")
    assert runner.run(where_am_i, ("CLIENTELE_TEST_VALUE",))[2] is None


def test_tasks_at_once_run_in_as_many_workers_and_one_stays_warm(runner: ProcessRunner) -> None:
    import threading

    pids: list[int] = []
    gate = threading.Barrier(2)

    def task() -> None:
        gate.wait(30)
        pids.append(runner.run(where_am_i, ("X",))[0])

    threads = [threading.Thread(target=task) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(set(pids)) == runner.started  # each worker ran one task, or one ran both in turn
    (warm,) = runner.pids()  # MAX_IDLE: one stays warm, the other quit
    assert warm in pids


def test_prewarm_starts_a_worker_the_next_task_uses(runner: ProcessRunner) -> None:
    runner.prewarm(("desktop.engine.guard",))
    assert runner.run(_loaded, ("desktop.engine.guard",)) is True
    assert runner.started == 1


def _loaded(name: str, progress=None) -> bool:
    import sys

    return name in sys.modules


def test_shutdown_ends_the_workers() -> None:
    runner = ProcessRunner()
    pid = runner.run(warm_up)
    runner.shutdown()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(RuntimeError, match="shut down"):
        runner.run(warm_up)


_PARENT = """
import sys, time
from desktop.engine.processes import default_runner, warm_up
print(default_runner().run(warm_up), flush=True)
if sys.argv[1] == "hang":
    time.sleep(120)
"""


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] == "Z":
            return True  # ended; its parent (our child) has not reaped it yet
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["exit", "killed"])
def test_the_warm_worker_ends_with_its_parent(how: str) -> None:
    import signal
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    with subprocess.Popen([sys.executable, "-c", _PARENT, "hang" if how == "killed" else "exit"], cwd=root,
                          stdout=subprocess.PIPE, text=True) as parent:
        try:
            worker = int(parent.stdout.readline())
            if how == "killed":  # no exit handler runs: the worker sees its pipe close
                parent.send_signal(signal.SIGKILL)
            assert parent.wait(60) == (-signal.SIGKILL if how == "killed" else 0)
            assert _gone(worker, 10)
        finally:
            parent.kill()



def pid_and_nice(progress=None) -> tuple[int, int]:
    return os.getpid(), os.nice(0)


def test_an_idle_worker_of_another_priority_is_not_reused():
    """The app lowers its workers' priority after the command line's code may have started one:
    a task then runs in a worker started at the new priority."""
    runner = ProcessRunner(max_idle=1)
    try:
        first, nice = runner.run(pid_and_nice)
        assert runner.run(pid_and_nice) == (first, nice)  # warm: the same worker
        runner.nice = 3
        again, lowered = runner.run(pid_and_nice)
        assert again != first and lowered == min(19, nice + 3)
    finally:
        runner.shutdown()
