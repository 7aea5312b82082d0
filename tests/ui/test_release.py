"""Letting go of a previous analysis a piece per event-loop turn."""

from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject

from desktop.jobs.prepare import AnalysisData
from desktop.ui.background.release import _Release, release_in_turns


class Holder:
    """Stands for an object of the app (module desktop.*) holding big tables."""

    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)


Holder.__module__ = "desktop.tests.holder"  # the app's own objects are taken apart


def _frame(n: int = 2_000) -> pd.DataFrame:
    return pd.DataFrame({f"c{i}": np.arange(n, dtype=float) + i for i in range(4)})


def test_an_unshared_analysis_is_freed_a_piece_per_step():
    frame = _frame()
    inner = Holder(lines=frame, extra={"result": Holder(table=frame.copy())})
    probe = weakref.ref(inner)
    release = _Release()
    release.push(Holder(analysis=inner, note="x"))
    del inner, frame
    steps = 1
    while release.step():
        steps += 1
    assert probe() is None
    assert steps > 10  # columns, entries and attributes went one at a time


def test_objects_held_elsewhere_are_let_go_of_but_not_taken_apart():
    frame = _frame()
    shared = Holder(lines=frame)
    release = _Release()
    release.push(Holder(analysis=shared, extra={"same": frame}))
    while release.step():
        pass
    assert list(shared.lines.columns) == ["c0", "c1", "c2", "c3"]  # still whole for its other user
    assert shared.lines["c3"].sum() == frame["c3"].sum()
    assert shared.lines is frame


def test_release_in_turns_spreads_the_work_over_event_loop_turns(qtbot):
    from desktop.jobs.prepare import KeyFigures

    frame = _frame()
    data = AnalysisData(analysis=Holder(lines=frame), customers=frame.copy(), segments=frame.head(3),
                        figures=KeyFigures(0, 0.0, 0, 0.0, 0.0, 0, None, None), monthly=pd.Series(dtype=float),
                        rf_grid=np.zeros((5, 5)), projection=np.zeros((0, 2)), search_text=np.empty(0, dtype=object),
                        line_rows={}, spend_pct=np.zeros(0))
    probe = weakref.ref(data)
    analysis = weakref.ref(data.analysis)
    del frame
    context = QObject()
    holder = [data]
    del data
    release_in_turns(context, holder)
    assert probe() is not None  # nothing happens before the event loop turns
    qtbot.waitUntil(lambda: not holder and probe() is None and analysis() is None, timeout=5000)


def test_an_object_still_used_elsewhere_waits_until_it_is_let_go_of(qtbot, monkeypatch):
    import desktop.ui.background.release as release

    monkeypatch.setattr(release, "WAIT_MS", 20)
    steps = []
    original = release._Release.step
    monkeypatch.setattr(release._Release, "step", lambda self: (self.stack and steps.append(1)) or original(self))
    data = Holder(lines=_frame(), extra={"a": _frame()})
    probe = weakref.ref(data)
    holder = [data]
    context = QObject()
    release_in_turns(context, holder)
    qtbot.wait(100)
    assert holder == [data] and steps == []  # a task still uses it: untouched
    del data
    qtbot.waitUntil(lambda: probe() is None, timeout=5000)
    assert len(steps) > 8  # then taken apart, column by column


def test_what_is_left_is_freed_when_the_context_goes_away(qtbot):
    import gc

    from shiboken6 import delete

    data = Holder(lines=_frame(), extra={"a": _frame(), "b": _frame()})
    probe = weakref.ref(data)
    holder = [data]
    del data
    context = QObject()
    gc.disable()  # freed by reference counting alone: no cycle holds the pieces
    try:
        release_in_turns(context, holder)
        qtbot.waitUntil(lambda: not holder, timeout=2000)
        assert probe() is not None  # being taken apart, a piece per turn
        delete(context)  # drops the timers of the next steps, and what they held
        qtbot.wait(20)
        assert probe() is None
    finally:
        gc.enable()
