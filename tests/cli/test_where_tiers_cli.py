"""`analyze --where EXPR` and `--tiers` as a user runs them: only the matching customers are exported,
with their VIP tier; a mistake in the filter is one sentence and exit code 2, before any file is read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd

REPO = Path(__file__).resolve().parents[2]


def clientele(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def _shop(folder: Path) -> Path:
    rows = []
    for i in range(40):  # customers c0..c39 spending 10, 20, ... 400; the even ones bought mooncakes
        product = "Mooncake box" if i % 2 == 0 else "Green tea"
        rows.append((f"o{i}", f"c{i}", "2026-09-20", product, 10.0 * (i + 1)))
        rows.append((f"p{i}", f"c{i}", "2026-10-20", "Green tea", 0.0 + 5 * (i % 3) + 1))
    orders = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(orders, index=False)
    return orders


def _listed(path: Path) -> tuple[list[str], list[list]]:
    ws = openpyxl.load_workbook(path).worksheets[-1]  # the list (the summary comes first)
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    return [str(h) for h in rows[0]], rows[1:]


def test_where_exports_only_the_matching_customers_with_their_tier(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    out = tmp_path / "list.xlsx"
    where = "bought product mooncake between 2026-09-01 and 2026-09-30 and spend > 200"
    r = clientele("analyze", str(orders), "--where", where, "--tiers", "100,250,380", "--export", str(out), "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    expected = {f"c{i}" for i in range(0, 40, 2) if 10.0 * (i + 1) + 5 * (i % 3) + 1 > 200}
    assert result["where"]["customers"] == len(expected) == result["export"]["rows"]
    header, rows = _listed(out)
    ids = {row[header.index("Customer ID")] for row in rows}
    assert ids == expected
    tiers = {row[header.index("Customer ID")]: row[header.index("VIP tier")] for row in rows}
    assert tiers["c20"] == "Silver" and tiers["c38"] == "Platinum"  # 211 + 6 and 391 + 9
    assert {t["tier"]: t["customers"] for t in result["tiers"]["tiers"]}["platinum"] == 3  # c37 c38 c39
    assert result["tiers"]["thresholds"] == {"silver": 100.0, "gold": 250.0, "platinum": 380.0}


def test_chinese_export_names_the_tier_in_chinese(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    out = tmp_path / "list.xlsx"
    r = clientele("analyze", str(orders), "--where", "spend >= 380", "--tiers", "--language", "zh",
                  "--export", str(out))
    assert r.returncode == 0, r.stderr
    header, rows = _listed(out)
    assert "会员等级" in header
    assert {row[header.index("会员等级")] for row in rows} <= {"白金卡", "金卡"}


def test_a_filter_mistake_is_named_before_reading(tmp_path: Path) -> None:
    missing = tmp_path / "not-there.csv"  # never read: the filter is checked first
    r = clientele("analyze", str(missing), "--where", "spend > 10 and (city = x", "--export", str(tmp_path / "o.xlsx"))
    assert r.returncode == 2
    assert r.stderr.startswith("clientele: The filter cannot be read at character 16")
    assert r.stderr.count("\n") == 1
    r = clientele("analyze", str(missing), "--tiers", "5,4,3")
    assert r.returncode == 2 and "silver" in r.stderr


def test_a_filter_that_matches_nobody_writes_nothing(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    out = tmp_path / "list.xlsx"
    r = clientele("analyze", str(orders), "--where", "spend > 100000", "--export", str(out))
    assert r.returncode == 2 and "No customer matches the filter" in r.stderr
    assert not out.exists()
    r = clientele("analyze", str(orders), "--where", "city = Hangzhou", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["where"]["customers"] == 0  # no city known: nobody
