"""This week, Trends and the filter builder: each view is given a job's result (desktop/jobs, run on a
shop the test writes) and shows it; the views compute nothing and import no engine module."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from PySide6.QtCore import Qt

ROOT = Path(__file__).resolve().parents[2]


def _shop(folder: Path) -> Path:
    rows = []
    for c in range(12):  # twelve regulars every 10 days from March, last 2026-08-28: all due in the week of 2026-09-05
        for k, day in enumerate(pd.date_range("2026-03-11", "2026-08-28", freq="10D")):
            rows.append((f"o{c}-{k}", f"C{c:02d}", day.date().isoformat(), "Longjing tea", 50.0 + 10 * c))
    rows.append(("n1", "N1", "2026-09-02", "Oolong", 30.0))
    path = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    from desktop.engine.pipeline import AnalysisOptions, analyze

    return analyze(AnalysisOptions([_shop(tmp_path_factory.mktemp("shop"))], as_of=date(2026, 9, 5)))


def test_views_import_no_engine() -> None:
    for name in ("this_week", "trends_view", "filter_builder"):
        tree = ast.parse((ROOT / "desktop" / "ui" / "views" / f"{name}.py").read_text("utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in modules if "engine" in m or "jobs" in m], (name, modules)


def test_this_week_shows_each_list_and_ticks_hide_a_row(qtbot, english, analysis) -> None:
    from desktop.jobs.todo import TodoRequest, run
    from desktop.ui.views.this_week import ThisWeekView

    result = run(TodoRequest(analysis))
    view = ThisWeekView(None)
    qtbot.addWidget(view)
    view.show_result(result)
    due = next(t for k, t in view.tables.items() if k.startswith("due:"))
    assert due.rowCount() == 12
    ids = {due.item(r, 1).text().split()[0] for r in range(due.rowCount())}
    assert ids == {f"C{c:02d}" for c in range(12)}
    assert "Longjing tea" in due.item(0, 2).text() and due.item(0, 5).text()
    assert due.item(0, 1).text() == "C11"  # most valuable first
    assert "From 2026-09-05" in view.header.text()
    with qtbot.waitSignal(view.contactedToggled) as signal:
        due.item(0, 0).setCheckState(Qt.CheckState.Checked)
    assert signal.args == ["C11", True] and due.isRowHidden(0)
    view.show_result(None)
    assert not view.tables


def test_trends_shows_months_and_the_cohort_heat_map(qtbot, english, analysis) -> None:
    from desktop.jobs.trends import TrendsRequest, run
    from desktop.ui.views.trends_view import TrendsView, heat_colour

    result = run(TrendsRequest(analysis))
    view = TrendsView(None)
    qtbot.addWidget(view)
    view.show_result(result)
    assert view.months.rowCount() == len(result.months) == 7  # March to September
    assert view.months.item(0, 0).text() == "2026-09*"  # the latest month first, partial
    march = view.heat.item(view.heat.rowCount() - 1, 0)
    assert march.text() == "2026-03" and view.heat.item(view.heat.rowCount() - 1, 1).text() == "12"
    first = view.heat.item(view.heat.rowCount() - 1, 2)
    assert first.text() == "100%" and first.background().color() == heat_colour(1.0)
    assert heat_colour(0.0).name() == "#ffffff" and heat_colour(None).name() == "#f2f2f2"
    assert view.cards["customers"].value.text().startswith("1")  # N1 only, in September so far


def test_filter_builder_counts_explains_mistakes_and_saves(qtbot, english, analysis) -> None:
    from desktop.jobs.filters import FilterRequest, run
    from desktop.ui.views.filter_builder import FilterBuilderView

    view = FilterBuilderView(None)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.expressionChanged, timeout=3000) as typed:
        view.edit.setText("spend >= 600")
    assert typed.args == ["spend >= 600"]
    view.show_result(run(FilterRequest(analysis, "spend >= 600")))
    # C05..C11 spend 18 x (100..160); C05 spends 18 x 100 = 1800
    assert view.count.text() == "12 customers of 13 match" and view.export.isEnabled()
    with qtbot.waitSignal(view.exportRequested) as export:
        view.export.click()
    assert len(export.args[0]) == 12
    view.show_result(run(FilterRequest(analysis, "spend >= 600 and (city = x")))
    assert not view.error.isHidden()
    assert "character 18" in view.error.text() and not view.export.isEnabled()
    view.show_result(run(FilterRequest(analysis, "spend > 1")))
    view.name.setText("Everyone")
    with qtbot.waitSignal(view.saveRequested) as saved:
        view.save.click()
    assert saved.args == ["Everyone", view.edit.text()]
    view.show_saved_lists([{"name": "Everyone", "expression": "spend > 1"}])
    assert view.saved.count() == 1 and "Everyone" in view.saved.item(0).text()


def test_chinese_errors_come_from_the_job(analysis) -> None:
    from desktop.jobs.filters import FilterRequest, run

    r = run(FilterRequest(analysis, "spend >", "zh"))
    assert r.error and "第 8 个字符" in r.error and r.count == 0


def test_big_analyses_have_this_week_and_trends_worked_out_in_child_processes(demo_window, qtbot,
                                                                             monkeypatch) -> None:
    """In a thread of the window's process, their pandas calls on a million lines held Python's lock
    for seconds (bench_gui.py: the window stalled 4.3 s); from PROCESS_MIN_LINES lines they run in a
    child process and their results still reach the views."""
    from desktop.ui import action_views

    window = demo_window
    lines = len(window.data.lines)
    assert lines < action_views.PROCESS_MIN_LINES and not action_views.in_process(window.data)
    qtbot.waitUntil(lambda: not window.runner.is_busy("this_week") and not window.runner.is_busy("trends"),
                    timeout=120000)
    monkeypatch.setattr(action_views, "PROCESS_MIN_LINES", lines)  # the demo shop counts as big now
    assert action_views.in_process(window.data)
    shown: list[str] = []
    monkeypatch.setattr(window.views["this_week"], "show_result", lambda r: shown.append(("this_week", r)))
    monkeypatch.setattr(window.views["trends"], "show_result", lambda r: shown.append(("trends", r)))
    window.action_views.refresh()
    modes = {w.name: w.process for w in window.runner.running() if w.name in ("this_week", "trends")}
    assert modes == {"this_week": True, "trends": True}
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=180000)
    results = dict(shown)
    assert results["this_week"].lists and results["trends"].months
