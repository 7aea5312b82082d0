"""Contacted ticks and saved lists in a project: they survive saving and reopening, ticked customers
and a campaign's control group leave This week's lists, and hostile ticks or lists in a crafted
project are refused with the one "damaged" sentence; a project of format 2 (before ticks) opens."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.campaigns import CampaignRecord
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.project import load_project, save_project, state_from_analysis
from desktop.engine.ticks import contacted, delete_list, find_list, held_out, save_list, tick, untick
from desktop.engine.todo import todo_of

DAMAGED = "is damaged or was not written by Clientele"


def _shop(folder: Path) -> Path:
    rows = []
    for c in range(12):  # twelve regulars, every 10 days, last 2026-08-28: all due in the week of 2026-09-05
        for k in range(5):
            day = (pd.Timestamp("2026-07-19") + pd.Timedelta(days=10 * k)).date().isoformat()
            rows.append((f"o{c}-{k}", f"C{c:02d}", day, f"Tea {c}", 50.0 + c))
    path = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    return analyze(AnalysisOptions([_shop(tmp_path_factory.mktemp("shop"))], as_of=date(2026, 9, 5)))


def _listed(result) -> set[str]:
    return {c["customer_id"] for t in result.lists for c in t.customers}


def test_ticked_customers_and_the_control_group_leave_the_lists(analysis) -> None:
    everyone = _listed(todo_of(analysis))
    assert everyone == {f"C{c:02d}" for c in range(12)}
    ticks = tick([], ["C00", "C01"], analysis.as_of, kind="due", today=date(2026, 9, 6))
    record = CampaignRecord.new(["C05"], ["C03", "C04"], as_of=analysis.as_of - pd.Timedelta(days=20))
    result = todo_of(analysis, contacted=contacted(ticks, analysis.as_of),
                     control=held_out([record.to_dict()], analysis.as_of))
    assert _listed(result) == everyone - {"C00", "C01", "C03", "C04"}
    assert result.left_out == {"contacted": 2, "control": 2}
    assert result.to_dict()["left_out"] == {"contacted": 2, "control": 2}


def test_ticks_and_control_groups_expire() -> None:
    ticks = tick([], ["A"], "2026-07-01") + tick([], ["B"], "2026-08-20")
    assert contacted(ticks, "2026-09-05") == {"B"}  # A was ticked for a list more than 30 days ago
    assert contacted(untick(ticks, ["B"]), "2026-09-05") == set()
    again = tick(ticks, ["A"], "2026-09-05", today=date(2026, 9, 5))
    assert [t["customer_id"] for t in again] == ["B", "A"] and again[-1]["as_of"] == "2026-09-05"
    old = CampaignRecord.new(["x"], ["gone"], as_of="2026-05-01")
    assert held_out([old, {"campaign_id": "free-form"}], "2026-09-05") == set()  # older than 90 days


def test_saved_lists_are_checked_named_and_replaced() -> None:
    lists = save_list([], "Big spenders", "spend > 500")
    lists = save_list(lists, " Big spenders ", "spend > 800")  # same name: replaced
    assert [(x["name"], x["expression"]) for x in lists] == [("Big spenders", "spend > 800")]
    with pytest.raises(InputError, match="character 8"):
        save_list(lists, "Broken", "spend >")
    with pytest.raises(InputError, match="needs a name"):
        save_list(lists, "  ", "spend > 1")
    with pytest.raises(InputError, match="'Big spenders'"):
        find_list(lists, "Other")
    assert delete_list(lists, "Big spenders") == []


def test_ticks_and_lists_survive_saving_and_reopening(analysis, tmp_path: Path) -> None:
    ticks = tick([], ["C00", "客户 7"], analysis.as_of, today=date(2026, 9, 6))
    lists = save_list([], "中秋 月饼", 'bought product "月饼" between 2025-08-15 and 2025-10-06')
    path = save_project(tmp_path / "shop", state_from_analysis(analysis, ticks=ticks, saved_lists=lists))
    state = load_project(path).state
    assert state.ticks == ticks and state.saved_lists == lists


@pytest.fixture
def saved(analysis, tmp_path: Path) -> Path:
    ticks = tick([], ["C00"], analysis.as_of, today=date(2026, 9, 6))
    return save_project(tmp_path / "shop.clientele",
                        state_from_analysis(analysis, ticks=ticks, saved_lists=save_list([], "Big", "spend > 5")))


def _tamper(path: Path, sql: str, params: tuple = ()) -> Path:
    con = sqlite3.connect(path)
    try:
        con.execute(sql, params) if params else con.executescript(sql)
        con.commit()
    finally:
        con.close()
    return path


@pytest.mark.parametrize("sql, params", [
    ("UPDATE ticks SET customer_id = X'0102'", ()),  # a blob, not text
    ("UPDATE ticks SET customer_id = ?", ("x" * 5000,)),
    ("UPDATE ticks SET as_of = '2026-02-30'", ()),
    ("UPDATE ticks SET ticked_on = 'yesterday'", ()),
    ("UPDATE ticks SET ticked_on = '0001-01-01'", ()),
    ("UPDATE ticks SET kind = 'anything'", ()),
    ("INSERT INTO ticks SELECT * FROM ticks", ()),  # two ticks for one customer
    (("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000001) "
      "INSERT INTO ticks SELECT 'c' || i, '2026-09-06', '2026-09-05', NULL FROM n"), ()),  # more than a project holds
    ("UPDATE saved_lists SET expression = '__import__(\"os\").system(\"x\")'", ()),
    ("UPDATE saved_lists SET expression = ?", ("spend > 1 and " * 200 + "spend > 1",)),
    ("UPDATE saved_lists SET name = ''", ()),
    ("UPDATE saved_lists SET name = X'01'", ()),
    ("UPDATE saved_lists SET created = 'soon'", ()),
    ("INSERT INTO saved_lists SELECT * FROM saved_lists", ()),
    ("DROP TABLE ticks", ()),
    ("ALTER TABLE saved_lists ADD COLUMN code TEXT", ()),
    ("CREATE TRIGGER t AFTER INSERT ON ticks BEGIN DELETE FROM sources; END", ()),
    ("DROP TABLE saved_lists; CREATE VIEW saved_lists AS SELECT 'n' AS name, 'spend > 1' AS expression, "
     "NULL AS created", ()),
])
def test_hostile_ticks_and_lists_are_refused(saved: Path, sql: str, params: tuple) -> None:
    _tamper(saved, sql, params)
    with pytest.raises(InputError) as info:
        load_project(saved)
    assert DAMAGED in str(info.value) and info.value.zh


def test_a_project_of_format_2_opens_without_ticks(saved: Path) -> None:
    _tamper(saved, "DROP TABLE ticks; DROP TABLE saved_lists; UPDATE meta SET value = '2' WHERE key = 'format_version'")
    state = load_project(saved).state
    assert state.ticks == [] and state.saved_lists == [] and len(state.lines) == 60
    _tamper(saved, "UPDATE meta SET value = '4' WHERE key = 'format_version'")
    with pytest.raises(InputError, match="newer version"):
        load_project(saved)
