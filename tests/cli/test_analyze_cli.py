"""`clientele analyze` as a user runs it: a real process, real files, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

REPO = Path(__file__).resolve().parents[2]


def clientele(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def test_online_retail_is_understood_without_map(online_retail: Path) -> None:
    out = clientele("analyze", str(online_retail), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["column_roles"] == {
        "customer_id": "CustomerID", "order_id": "InvoiceNo", "date": "InvoiceDate", "product_id": "StockCode",
        "product_name": "Description", "quantity": "Quantity", "unit_price": "UnitPrice",
    }
    assert r["customers"] == 559
    assert r["rows_set_aside"]["no_customer_id"] == 6653
    assert r["rows_set_aside"]["duplicate"] == 314
    assert 280_800 <= r["net_revenue"] <= 282_100
    assert r["rows_read"] == r["rows_used"] + sum(r["rows_set_aside"].values())
    assert sum(s["customers"] for s in r["segments"]) == 559
    for key in ("rows_read", "rows_used", "rows_set_aside", "column_roles", "customers", "orders", "products",
                "net_revenue", "as_of", "segments"):
        assert key in r
    assert set(r["segments"][0]) >= {"name", "customers", "revenue_share"}


def test_cdnow_sample_read_directly(shared_data: Path) -> None:
    out = clientele("analyze", str(shared_data / "cdnow" / "CDNOW_sample.txt"), "--keep-zero-price",
                    "--keep-duplicates", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["customers"] == 2357 and r["rows_used"] == 6919
    assert r["column_roles"]["date"] == "Column 3"


def test_two_sheets_other_column_names_with_sheet_all(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    header = ["收银单号", "交易时间", "会员卡号", "品名", "销量", "成交价", "实收金额"]
    for name, rows in [("一月", [["P1", "2024/1/3 10:01", "8801", "铁观音", 1, 98, 98],
                                 ["P2", "2024/1/9 16:20", "8802", "盖碗", 2, 45, 90]]),
                       ("二月", [["P3", "2024/2/2 11:00", "8801", "铁观音", 1, 98, 98]])]:
        ws = wb.create_sheet(name)
        ws.append(["门店销售流水"])
        ws.append(header)
        for r in rows:
            ws.append(r)
    path = tmp_path / "门店流水.xlsx"
    wb.save(path)
    out = clientele("analyze", str(path), "--sheet", "all", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["customers"] == 2 and r["orders"] == 3 and r["net_revenue"] == pytest.approx(286)
    assert r["column_roles"]["customer_id"] == "会员卡号" and r["column_roles"]["order_id"] == "收银单号"


def test_eight_class_model_from_the_cli(online_retail: Path) -> None:
    out = clientele("analyze", str(online_retail), "--rfm-model", "8", "--json")
    r = json.loads(out.stdout)
    assert [s["name_zh"] for s in r["segments"]][0] == "重要价值客户"
    assert sum(s["customers"] for s in r["segments"]) == r["customers"]


@pytest.mark.parametrize("args, words", [
    (["does_not_exist.csv"], "does not exist"),
    (["README.md", "--map", "nonsense=x"], "unknown role"),
    (["--as-of", "yesterday-ish"], "not a date"),
])
def test_bad_input_exits_2_with_one_sentence(tmp_path: Path, args: list[str], words: str) -> None:
    if args[0].startswith("--"):
        f = tmp_path / "o.csv"
        f.write_text("Customer,Date,Amount\na,2024-01-01,5\n", encoding="utf-8")
        args = [str(f), *args]
    out = clientele("analyze", *args)
    assert out.returncode == 2
    assert words in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_missing_role_names_the_file_and_the_fix(tmp_path: Path) -> None:
    f = tmp_path / "odd.csv"
    f.write_text("Who,When,HowMuch\nx,2024-01-01,5\ny,2024-01-02,6\n", encoding="utf-8")
    out = clientele("analyze", str(f))
    assert out.returncode == 2 and "odd.csv" in out.stderr and "--map" in out.stderr
    ok = clientele("analyze", str(f), "--map", "customer_id=Who", "--map", "date=When", "--map", "amount=HowMuch",
                   "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["net_revenue"] == pytest.approx(11)


def test_human_summary_is_printed_without_json(online_retail: Path) -> None:
    out = clientele("analyze", str(online_retail))
    assert out.returncode == 0
    assert "Customers: 559" in out.stdout and "Champions" in out.stdout
