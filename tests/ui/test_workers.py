import threading
import time

import pytest

from desktop.engine.errors import InputError
from desktop.ui.workers import TaskRunner, Worker


def slow_double(x, progress, steps=5, delay=0.02):
    for i in range(steps):
        progress(i / steps, f"step {i}")
        time.sleep(delay)
    return x * 2


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    seen = []
    main = threading.get_ident()
    runner.progress.connect(lambda f, m: seen.append((f, threading.get_ident())))
    results = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.start("a", slow_double, 21, on_result=lambda r: results.append((r, threading.get_ident())))
    assert results == [(42, main)]
    assert seen and all(t == main for _, t in seen)
    assert runner.wait(5000)


def test_a_new_run_cancels_the_old_one_and_only_the_latest_result_counts(qtbot):
    runner = TaskRunner()
    results, cancels = [], []
    first = runner.start("a", slow_double, 1, steps=50, on_result=results.append)
    qtbot.waitUntil(lambda: not first.done and first.signals is not None, timeout=2000)
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=10000):
        second = runner.start("a", slow_double, 2, on_result=results.append, on_cancel=lambda: cancels.append(1))
    assert first.is_cancelled and not second.is_cancelled
    assert results == [4]
    assert cancels == []
    assert runner.running() == []
    assert runner.wait(5000)


def test_cancel_stops_the_task_at_its_next_progress_report(qtbot):
    runner = TaskRunner()
    cancelled, results = [], []
    worker = runner.start("a", slow_double, 1, steps=500, on_result=results.append,
                          on_cancel=lambda: cancelled.append(True))
    time.sleep(0.05)
    with qtbot.waitSignal(worker.signals.finished, timeout=5000):
        runner.cancel("a")
    qtbot.waitUntil(lambda: cancelled == [True], timeout=2000)
    assert results == []
    assert runner.wait(5000)


def test_errors_come_back_with_the_exception_and_traceback(qtbot):
    runner = TaskRunner()

    def broken(progress):
        raise InputError("sales.csv has no column with dates.")

    errors = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.start("a", broken, on_error=lambda e, tb: errors.append((e, tb)))
    assert len(errors) == 1
    exc, details = errors[0]
    assert isinstance(exc, InputError) and "no column with dates" in str(exc)
    assert "broken" in details
    assert runner.wait(5000)


def test_an_error_without_handler_is_reported_by_the_runner(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start("b", lambda progress: 1 / 0)
    exc, details, name = blocker.args
    assert isinstance(exc, ZeroDivisionError) and name == "b"
    assert runner.wait(5000)


def test_running_workers_stay_referenced_until_they_finish(qtbot):
    runner = TaskRunner()
    worker = runner.start("a", slow_double, 3, steps=10)
    assert worker in runner.running()
    del worker
    qtbot.waitUntil(lambda: runner.running() == [], timeout=5000)
    assert runner.wait(5000)


def test_worker_runs_directly_too():
    worker = Worker(slow_double, 5, steps=1, delay=0)
    got = []
    worker.signals.returned.connect(got.append)
    worker.run()  # synchronous: same thread, so the signal is delivered at once
    assert got == [10] and worker.done
