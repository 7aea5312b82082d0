"""`clientele analyze --json` on exports with weekday dates, time cells, infinite amounts and long ids."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parents[2]


def clientele(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def test_weekday_dates_through_map_and_infinite_amounts(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("单号,会员,成交时间,金额\n"
                    "1,a,2024-01-05 星期五 下午 3:04,10\n"
                    "2,b,Sat 06/01/2024 10:00,20\n"
                    "3,a,2024-01-08 周一,inf\n"
                    "4,b,10:30,5\n"
                    "5,c,2024-01-09 星期二,1e309\n"
                    "6,c,2024-01-10 星期三,7\n", encoding="utf-8")
    out = clientele("analyze", str(path), "--json", "--map", "date=成交时间", "--map", "amount=金额")
    assert out.returncode == 0, out.stderr
    assert "RuntimeWarning" not in out.stderr
    r = json.loads(out.stdout)
    assert r["rows_set_aside"] == {"bad_amount": 2, "bad_date": 1}
    assert r["net_revenue"] == 37.0
    assert r["as_of"] == "2024-01-10"  # the time alone (10:30) did not become a purchase made today
    rows = {e["row"] for e in r["examples_set_aside"]["bad_amount"]}
    assert rows == {4, 6} and r["examples_set_aside"]["bad_date"][0]["row"] == 5


def test_long_number_ids_and_time_cells_in_a_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Order", "Customer", "Date", "Amount"])
    ws.append([1, 123456789012345678, datetime.datetime(2024, 1, 5, 10, 0), 10.0])
    ws.append([2, 123456789012345679, datetime.datetime(2024, 1, 6, 10, 0), 12.0])
    ws.append([3, 536414, datetime.time(10, 30), 5.0])
    ws.append([4, 536414, datetime.datetime(2024, 1, 7), 7.0])
    ws.append([5, 536415, datetime.datetime(2024, 1, 8), 8.0])
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    out = clientele("analyze", str(path), "--json")
    assert out.returncode == 0, out.stderr
    assert "e+" not in out.stdout and "e+17" not in out.stderr
    r = json.loads(out.stdout)
    assert r["rows_set_aside"] == {"bad_date": 1} and r["as_of"] == "2024-01-08"
    lost = [w for w in r["warnings"] if w["code"] == "ids_lost_precision"]
    assert len(lost) == 1 and lost[0]["column"] == "Customer" and lost[0]["n"] == 2
    assert "15 digits" in lost[0]["message"]
