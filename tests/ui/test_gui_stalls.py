"""What keeps the window responsive with big shops: results travel from child processes in short
pieces, children run below the window's priority, tables are not re-sorted for nothing, and the
charts are built while the analysis runs."""

from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from desktop.ui.models.tables import Column, FrameModel


# -- results from child processes ------------------------------------------------------------------
def _roundtrip(value, dedupe=True):
    from desktop.engine.packing import Unpacker, pack

    messages = []
    pack(value, messages.append, dedupe=dedupe)
    unpacker = Unpacker()
    for message in messages:
        done, out = unpacker.feed(message)
    assert done
    return out, messages


def test_big_number_arrays_travel_in_slices_and_come_back_exactly():
    from desktop.engine.packing import NUMERIC_CHUNK_BYTES, NUMERIC_MIN_BYTES

    rng = np.random.default_rng(3)
    grid = np.asfortranarray(rng.random((700, 600)))  # 3.4 MB, column-major
    days = np.datetime64("2024-01-01") + rng.integers(0, 900, 400_000).astype("timedelta64[D]")
    flags = rng.random(NUMERIC_MIN_BYTES + 7) < 0.5
    counts = rng.integers(0, 1_000, 300_000).astype(np.int32)
    small = np.arange(10.0)
    value = {"grid": grid, "nested": [{"days": days}], "flags": flags, "counts": counts, "again": counts,
             "small": small}
    out, messages = _roundtrip(value)
    for name in ("grid", "flags", "counts", "small"):
        assert out[name].dtype == value[name].dtype and out[name].shape == value[name].shape
        assert np.array_equal(out[name], value[name])
    assert out["nested"][0]["days"].dtype == days.dtype and np.array_equal(out["nested"][0]["days"], days)
    assert out["again"] is out["counts"]
    # no single message carries a big block of numbers (each costs one long hold of Python's lock)
    largest = max(len(__import__("pickle").dumps(m)) for m in messages)
    assert largest < NUMERIC_CHUNK_BYTES + 64_000
    assert sum(m[0] == "part" and m[2][0] == "numeric" for m in messages) == 4


@pytest.mark.parametrize("dtype", [pd.StringDtype("python"), pd.StringDtype("python", na_value=np.nan), "str"])
@pytest.mark.parametrize("kind", ["codes", "objects"])
def test_text_of_string_dtypes_comes_back_with_its_own_missing_values(dtype, kind):
    distinct = 31 if kind == "codes" else 20_000
    values = [None if i % 7 == 0 else f"Tea {i % distinct}" for i in range(20_000)]
    column = pd.Series(pd.array(values, dtype=dtype), index=[f"L{i}" for i in range(20_000)])
    out, messages = _roundtrip({"column": column})
    parts = [m[2] for m in messages if m[0] == "part"]
    assert [recipe[1][0] for recipe in parts if recipe[0] == "series"] == [kind]
    rebuilt = out["column"]
    pd.testing.assert_series_equal(rebuilt, column)
    assert type(rebuilt.array) is type(column.array)
    stored_before, stored_after = column.array._ndarray, rebuilt.array._ndarray
    assert [type(v) for v in stored_after[:8]] == [type(v) for v in stored_before[:8]]


def niceness_task(progress):
    """Return the child's scheduling niceness."""
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX scheduling priority")
def test_child_processes_run_below_the_window_priority(qtbot):
    from desktop.engine.processes import CHILD_NICE
    from desktop.ui.background.runner import TaskRunner

    runner = TaskRunner()
    results = []
    with qtbot.waitSignal(runner.busyChanged, check_params_cb=lambda busy: not busy, timeout=60000):
        runner.start("a", niceness_task, process=True, on_result=results.append,
                     on_error=lambda e, tb: results.append(tb))
    assert results == [min(19, os.nice(0) + CHILD_NICE)]
    assert runner.wait(5000)


# -- tables ----------------------------------------------------------------------------------------
@pytest.fixture
def customers():
    rng = np.random.default_rng(5)
    n = 500
    spend = np.round(rng.gamma(2.0, 50.0, n), 0)  # ties: the frame's order breaks them
    spend[::37] = np.nan
    return pd.DataFrame({"name": [f"N{i % 50}" for i in range(n)], "spend": spend},
                        index=pd.Index([f"C{i:04d}" for i in range(n)], dtype="str"))


def _columns(*extra: Column) -> list[Column]:
    return [Column("name", "Name"), Column("spend", "Spend", "money"), *extra]


def _keys(model: FrameModel) -> list[str]:
    return [model.key(r) for r in range(model.rowCount())]


def test_sorting_again_in_the_same_order_changes_nothing_and_is_not_redone(customers):
    model = FrameModel(_columns())
    model.set_frame(customers)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    first = _keys(model)
    changes = []
    model.layoutChanged.connect(lambda *a: changes.append(1))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert changes == [] and _keys(model) == first
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert changes == [1] and _keys(model) != first


def test_new_columns_for_the_same_customers_keep_the_sort_and_filter(qtmodeltester, customers):
    model = FrameModel(_columns())
    model.set_frame(customers)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    mask = np.arange(len(customers)) % 3 == 0
    model.set_filter(mask)
    shown = _keys(model)
    risk = Column("risk", "Risk", "percent")
    more = customers.assign(risk=np.linspace(0, 1, len(customers)))
    model.set_frame(more, _columns(risk), keep_order=True)
    assert _keys(model) == shown and model.columnCount() == 3
    qtmodeltester.check(model)
    # the same order as sorting the new frame from scratch, filter applied
    fresh = FrameModel(_columns(risk))
    fresh.set_frame(more)
    fresh.sort(1, Qt.SortOrder.DescendingOrder)
    fresh.set_filter(mask)
    assert _keys(fresh) == shown
    # changed values in the sort column: the table starts over unsorted and unfiltered
    changed = more.assign(spend=more["spend"][::-1].to_numpy())
    model.set_frame(changed, keep_order=True)
    assert _keys(model) == list(changed.index) and model.filter_mask() is None
    # other customers: the same
    model.sort(1, Qt.SortOrder.DescendingOrder)
    other = more.iloc[::-1]
    model.set_frame(other, keep_order=True)
    assert _keys(model) == list(other.index)


def test_customer_table_keeps_its_order_when_predictions_add_columns(demo_window, qtbot):
    view = demo_window.views["customers"]
    predictions = demo_window.views["predictions"]
    qtbot.waitUntil(lambda: predictions.result is not None, timeout=60000)
    qtbot.waitUntil(lambda: "churn_risk" in [c.key for c in view.model.columns], timeout=10000)
    view.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    view.search.setText("a")
    view.apply_filter()
    shown = view.visible_keys()
    frame = view.model.frame
    view.refresh_results()  # nothing new: the table is left as it is
    assert view.model.frame is frame and view.visible_keys() == shown
    # new predictions (Recompute): the session's rows are a new frame, same customers and values
    from dataclasses import replace

    session = demo_window.session
    prepared = session.predictions.value
    session.put(session.predictions, replace(prepared, columns=prepared.columns.copy()), session.predictions.request)
    assert view.model.frame is session.customers() and view.model.frame is not frame
    assert view.visible_keys() == shown


# -- charts ----------------------------------------------------------------------------------------
def test_charts_are_built_hidden_while_the_analysis_runs_and_shown_with_it(window, qtbot):
    import pyqtgraph  # noqa: F401  (the warm-up task imports it before the views prepare)

    window._prepare_views()
    views = window.views
    charts = {
        "overview": lambda: views["overview"].plot,
        "segments": lambda: views["segments"].plot,
        "map": lambda: views["map"].plot,
        "predictions": lambda: views["predictions"]._plots.get("bands"),
    }
    qtbot.waitUntil(lambda: all(get() is not None for get in charts.values()), timeout=10000)
    assert all(get().isHidden() for get in charts.values())
    made = {key: get() for key, get in charts.items()}
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    for key in ("overview", "segments", "map"):
        assert charts[key]() is made[key] and not made[key].isHidden()
    qtbot.waitUntil(lambda: views["predictions"].result is not None, timeout=60000)
    qtbot.waitUntil(lambda: not made["predictions"].isHidden(), timeout=10000)
    assert charts["predictions"]() is made["predictions"]


@pytest.mark.skipif(sys.platform == "win32", reason="uses os.nice")
def test_niceness_helper_is_harmless_when_not_allowed(monkeypatch):
    from desktop.engine import processes

    asked = []

    def refuse(n):
        asked.append(n)
        raise PermissionError("no")

    before = os.getpriority(os.PRIO_PROCESS, 0)
    monkeypatch.setattr(os, "nice", refuse)
    assert processes._lower_priority(processes.CHILD_NICE) is None  # says nothing …
    assert asked, "the helper never asked for a lower priority"
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # … and changes nothing


def test_after_a_reload_the_previous_analysis_is_freed_without_the_garbage_collector(demo_window, qtbot):
    import gc
    import weakref

    window = demo_window
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=60000)
    old_customers = weakref.ref(window.data.customers)
    old_lines = weakref.ref(window.data.analysis.lines)
    collections = []

    def seen(phase, info):
        if phase == "start" and info.get("generation") == 2:
            collections.append(info)

    gc.callbacks.append(seen)
    gc.disable()  # only reference counting may free it
    try:
        with qtbot.waitSignal(window.analysisReady, timeout=60000):
            window.open_demo()
        qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=60000)
        qtbot.waitUntil(lambda: old_customers() is None, timeout=20000)
        qtbot.waitUntil(lambda: old_lines() is None, timeout=20000)
    finally:
        gc.enable()
        gc.callbacks.remove(seen)
    assert not collections  # no full collection was run for it
    assert gc.get_freeze_count() > 0  # the new analysis is out of the collector's reach


def test_map_legend_comes_one_turn_later_once_per_drawing(demo_window, qtbot):
    view = demo_window.views["map"]
    legend = view.plot.getPlotItem().legend
    data = demo_window.data
    keys = set(data.segments["key"].astype(str))
    groups = len(set(data.customers["segment"].astype(str)) & keys)
    assert groups > 1
    qtbot.waitUntil(lambda: len(legend.items) == groups, timeout=5000)
    view.set_data(data)
    view.set_data(data)  # redrawn before the first legend was added: that one is dropped
    assert len(legend.items) == 0
    qtbot.waitUntil(lambda: len(legend.items) == groups, timeout=5000)
    qtbot.wait(50)
    assert len(legend.items) == groups
    names = {label.text for _sample, label in legend.items}
    assert names <= set(data.segments["label"].astype(str))
    view.set_data(data)
    view.set_data(None)  # nothing loaded any more: the pending legend is dropped
    qtbot.wait(50)
    assert len(legend.items) == 0



@pytest.mark.parametrize("delay", [0, 100, 400])
def test_a_reload_while_results_are_still_shown_leaves_no_cycle_holding_the_old_analysis(window, qtbot, delay):
    # Reloading while the predictions are being shown a slice per turn abandons those slices: what
    # they captured must be freed by reference counting (the old analysis is out of the garbage
    # collector's reach), not wait for a full collection that never comes.
    import gc

    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    qtbot.wait(delay)
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    gc.disable()
    try:
        qtbot.waitUntil(lambda: not window.runner.is_busy() and not window._letting_go, timeout=15000)
    finally:
        gc.enable()


def test_run_in_turns_runs_one_step_per_turn_and_frees_what_it_held(qtbot):
    import weakref

    from PySide6.QtCore import QObject

    from desktop.ui.background.runner import run_in_turns

    class Big:
        pass

    context = QObject()
    done: list[int] = []
    big = Big()
    held = weakref.ref(big)
    run_in_turns(context, [lambda b=big: done.append(1), lambda b=big: done.append(2)])
    del big
    assert done == []  # nothing before the next turn
    qtbot.waitUntil(lambda: done == [1, 2], timeout=2000)
    assert held() is None  # no reference cycle kept the steps' captures
    # Unwanted steps are dropped, and what they captured with them.
    big = Big()
    held = weakref.ref(big)
    wanted = [True]
    run_in_turns(context, [lambda b=big: done.append(3), lambda b=big: done.append(4)], lambda: wanted[0],
                 first_now=True)
    del big
    assert done == [1, 2, 3]
    wanted[0] = False
    qtbot.wait(50)
    assert done == [1, 2, 3] and held() is None


def test_the_previous_analysis_is_freed_after_a_reload(demo_window, qtbot):
    import weakref

    window = demo_window
    previous = weakref.ref(window.data)
    analysis = weakref.ref(window.data.analysis)
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    assert window.data is not previous()
    # no reference cycle keeps it (finished tasks' callbacks used to): freed without a collection
    qtbot.waitUntil(lambda: previous() is None and analysis() is None and not window._letting_go, timeout=30000)


def test_slices_one_turn_apart_let_timers_run_between_them(qtbot):
    import time

    from PySide6.QtCore import QObject, QTimer

    from desktop.ui.background.runner import NEXT_TURN_MS

    context = QObject()
    events: list[str] = []
    beat = QTimer()
    beat.setInterval(5)
    beat.timeout.connect(lambda: events.append("tick"))

    def work(n: int) -> None:
        start = time.perf_counter()
        while time.perf_counter() - start < 0.012:  # longer than the timer's interval
            pass
        events.append("slice")
        if n:
            QTimer.singleShot(NEXT_TURN_MS, context, lambda: work(n - 1))

    beat.start()
    QTimer.singleShot(NEXT_TURN_MS, context, lambda: work(5))
    qtbot.waitUntil(lambda: events.count("slice") == 6, timeout=5000)
    beat.stop()
    slices = "".join("s" if e == "slice" else "t" for e in events).strip("t")
    assert "ss" not in slices  # a timer (or any other event) got its turn between every two slices
