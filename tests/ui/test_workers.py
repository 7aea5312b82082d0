import threading
import time
from typing import TYPE_CHECKING

import pytest

from desktop.engine.errors import InputError
from desktop.ui.background.runner import TaskRunner, Worker

if TYPE_CHECKING:
    import pandas as pd


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


# -- process mode --------------------------------------------------------------------------------
# Task functions live at module level: a child process imports them by name.

def shop_frame(n: int) -> "pd.DataFrame":
    """A frame shaped like order lines: repetitive and unique text, missing values, numbers, dates."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(n)
    ids = pd.array([f"C{i % 997:05d}" for i in range(n)], dtype="str")
    products = np.array([None if i % 13 == 0 else f"Tea {i % 41}" for i in range(n)], dtype=object)
    return pd.DataFrame({
        "customer_id": ids,
        "order_id": pd.array([None if i % 101 == 0 else f"O{i}" for i in range(n)], dtype="str"),
        "product": products,
        "category": np.full(n, np.nan, dtype=object),
        "mixed": np.array([i if i % 2 else str(i) for i in range(n)], dtype=object),
        "amount": rng.gamma(2.0, 10.0, n),
        "when": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
        "is_return": rng.random(n) < 0.01,
        "quantity": pd.array(rng.integers(1, 5, n), dtype="Int64"),
    }, index=pd.Index([f"L{i}" for i in range(n)], dtype="str", name="line"))


def summarise_task(frame, progress):
    """Return per-customer spend and the frame itself twice (shared), from a child process."""
    import os

    import numpy as np

    progress(0.5, "summing")
    spend = frame.groupby("customer_id")["amount"].sum()
    names = np.array([f"name {k}" for k in spend.index], dtype=object)
    progress(1.0, "done")
    return {"pid": os.getpid(), "frame": frame, "again": frame, "spend": spend, "names": names}


def sleep_task(pid_file, progress):
    """Write the child's pid, then sleep without ever reporting progress (ignores Cancel)."""
    import os

    with open(pid_file, "w") as out:
        out.write(str(os.getpid()))
    time.sleep(120)


def cooperative_task(progress):
    for i in range(100_000):
        progress(i / 100_000, "working")
        time.sleep(0.01)


def failing_task(progress):
    raise InputError("orders.csv has no column with dates.")


def crashing_task(progress):
    import os

    os._exit(3)


def _assert_same_frame(a, b):
    import pandas as pd

    pd.testing.assert_frame_equal(a, b)
    assert list(a.dtypes) == list(b.dtypes) and a.index.dtype == b.index.dtype
    for column in a.columns:  # the very kind of missing value survives (None stays None)
        if a[column].dtype == object:
            assert [type(v) for v in a[column]] == [type(v) for v in b[column]]


def test_process_mode_sends_frames_both_ways_and_reports_progress(qtbot):
    import os

    import numpy as np

    frame = shop_frame(20_000)
    expected = summarise_task(frame, lambda f, m="": None)
    runner = TaskRunner()
    results, seen = [], []
    runner.progress.connect(lambda f, m: seen.append((m, threading.get_ident())))
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=60000):
        runner.start("a", summarise_task, frame, process=True, on_result=results.append,
                     on_error=lambda e, tb: results.append(tb))
    (result,) = results
    assert result["pid"] != os.getpid()
    _assert_same_frame(result["frame"], frame)
    assert result["again"] is result["frame"]  # one object sent once, shared as before
    import pandas as pd

    pd.testing.assert_series_equal(result["spend"], expected["spend"])
    assert np.array_equal(result["names"], expected["names"])
    assert ("summing", threading.get_ident()) in seen
    assert runner.wait(5000)


def test_cancel_terminates_a_child_that_does_not_listen(qtbot, tmp_path):
    import os

    runner = TaskRunner()
    pid_file = tmp_path / "pid"
    cancelled, results = [], []
    worker = runner.start("a", sleep_task, str(pid_file), process=True, on_result=results.append,
                          on_cancel=lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: pid_file.exists() and pid_file.read_text() != "", timeout=60000)
    pid = int(pid_file.read_text())
    with qtbot.waitSignal(worker.signals.finished, timeout=10000):
        runner.cancel("a")
    assert cancelled == [True] and results == []
    with pytest.raises(ProcessLookupError):  # ended and reaped
        os.kill(pid, 0)
    assert runner.wait(5000)


def test_a_new_process_run_cancels_the_old_child(qtbot):
    runner = TaskRunner()
    results, cancels = [], []
    first = runner.start("a", cooperative_task, process=True, on_cancel=lambda: cancels.append(1))
    qtbot.waitUntil(lambda: runner.is_busy("a"), timeout=2000)
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=60000):
        runner.start("a", slow_double, 4, steps=2, on_result=results.append)
    qtbot.waitUntil(lambda: first.done, timeout=10000)
    assert first.is_cancelled and results == [8] and cancels == []
    assert runner.wait(5000)


def test_child_errors_and_crashes_come_back_as_errors(qtbot):
    from desktop.engine.processes import TaskProcessDied

    runner = TaskRunner()
    errors = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=60000):
        runner.start("a", failing_task, process=True, on_error=lambda e, tb: errors.append((e, tb)))
        runner.start("b", crashing_task, process=True, on_error=lambda e, tb: errors.append((e, tb)))
    assert len(errors) == 2
    by_type = {type(e): tb for e, tb in errors}
    assert "failing_task" in by_type[InputError]  # the child's own traceback is in the details
    (exc, _tb), = [(e, tb) for e, tb in errors if isinstance(e, TaskProcessDied)]
    assert "exit code 3" in str(exc)
    assert "no column with dates" in str(next(e for e, _ in errors if isinstance(e, InputError)))
    assert runner.wait(5000)


@pytest.mark.parametrize("dedupe", [False, True])
def test_pack_and_unpack_rebuild_frames_series_and_arrays_exactly(dedupe):
    import numpy as np
    import pandas as pd

    from desktop.engine.packing import CHUNK, Unpacker, pack

    frame = shop_frame(CHUNK + 5_000)
    twin = frame.rename(columns={"mixed": "amount"})  # duplicate column names
    small = frame.head(10)
    value = {"frame": frame, "same": frame, "twin": twin, "small": small,
             "series": frame["product"], "index": frame.index,
             "array": frame["order_id"].to_numpy(dtype=object), "number": 7}
    messages = []
    pack(value, messages.append, dedupe=dedupe)
    for message in messages:  # no message makes the receiver create many Python objects at once
        for part in message[2:]:
            if isinstance(part, np.ndarray) and part.dtype == object:
                assert len(part) <= CHUNK
    unpacker = Unpacker()
    done = [unpacker.feed(m) for m in messages]
    assert [d for d, _ in done] == [False] * (len(messages) - 1) + [True]
    out = done[-1][1]
    _assert_same_frame(out["frame"], frame)
    assert out["same"] is out["frame"]
    assert list(out["twin"].columns) == list(twin.columns)
    pd.testing.assert_frame_equal(out["twin"], twin)
    _assert_same_frame(out["small"], small)
    pd.testing.assert_series_equal(out["series"], frame["product"])
    assert [type(v) for v in out["series"]] == [type(v) for v in frame["product"]]
    pd.testing.assert_index_equal(out["index"], frame.index, exact=True)
    assert out["array"].dtype == object
    pd.testing.assert_series_equal(pd.Series(out["array"], dtype=object), pd.Series(value["array"], dtype=object))
    assert out["number"] == 7
    codes = [m for m in messages if m[0] == "part" and m[2][0] == "frame"
             and any(c[0] == "codes" for c in m[2][2])]
    assert bool(codes) == dedupe  # repetitive text as distinct values + codes only when asked


def test_results_that_arrive_after_the_window_is_gone_are_dropped(qtbot):
    """A task that finishes just as its window closes: its result, queued to the GUI thread, must
    not reach callbacks of deleted objects ("Signal source has been deleted" in the frozen self-test)."""
    import shiboken6
    from PySide6.QtCore import QObject, Signal

    class Window(QObject):
        done = Signal(object)

    window = Window()
    runner = TaskRunner(window)
    gate = threading.Event()

    def task(progress):
        gate.wait(5)
        progress(1.0, "done")
        return 7

    worker = runner.start("a", task, on_result=window.done.emit, on_error=lambda e, d: window.done.emit(e))
    other = runner.start("b", task, on_result=None)  # no error handler: errors would go to runner.failed
    gate.set()
    deadline = time.monotonic() + 5
    while not (worker.done and other.done) and time.monotonic() < deadline:
        time.sleep(0.01)  # no event processing: the results wait in the GUI thread's queue
    assert worker.done and other.done
    shiboken6.delete(window)  # the window (and its runner) go before the queued results arrive
    assert not shiboken6.isValid(runner)
    qtbot.wait(300)  # an exception in a slot here fails the test (pytest-qt)


def test_the_chinese_window_shows_the_tasks_label_not_the_engines_english_progress(qtbot):
    from desktop.ui.i18n import install_language

    runner = TaskRunner()
    seen = []
    runner.progress.connect(lambda f, m: seen.append(m))
    try:
        install_language("zh_CN")
        with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=5000):
            runner.start("a", slow_double, 1, label="正在分组…")
    finally:
        install_language("en")
    assert seen and set(seen) == {"正在分组…"}  # never "step 0" (or the engine's "Done")
    seen.clear()
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=5000):
        runner.start("a", slow_double, 1, label="Finding groups…")
    assert "step 0" in seen
