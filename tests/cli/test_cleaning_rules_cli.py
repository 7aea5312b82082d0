"""`clientele analyze --json` on walk-in sales, receipts per day and outlet, repeated lines and files
without prices: small files the tests write, and the real exports of ../shared/data/real."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def analyze(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "desktop", "analyze", *args, "--json"], capture_output=True,
                         text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_walk_in_and_receipt_fields_of_the_json(tmp_path: Path) -> None:
    rows = ["Receipt,Date,Outlet,Member,Item,Qty,Price"]
    for day in (1, 2, 3):
        for outlet in (1, 2):
            for receipt in (1, 2):
                member = "散客" if receipt == 2 else f"M{day}{outlet}"
                rows.append(f"{receipt},2024-05-0{day},{outlet},{member},Tea,2,1.5")
    path = tmp_path / "till.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    r = analyze(str(path))
    assert r["customers"] == 6 and r["orders"] == 6
    assert r["walk_in"] == {"ids": ["散客"], "lines": 6, "revenue": 18.0, "orders": 6}
    assert r["net_revenue"] == 18.0 and r["shop_revenue"] == 36.0 and r["shop_orders"] == 12
    assert r["rows_set_aside"] == {"walk_in": 6}
    codes = [w["code"] for w in r["warnings"]]
    assert "walk_in" in codes
    walk = next(w for w in r["warnings"] if w["code"] == "walk_in")
    assert walk["customer_id"] == "散客" and walk["lines"] == 6 and walk["revenue"] == 18.0
    assert any("within its date and outlet" in n for n in r["notes"])
    text = subprocess.run([sys.executable, "-m", "desktop", "analyze", str(path)], capture_output=True, text=True,
                          timeout=300, cwd=REPO).stdout
    assert "warning: Customer id '散客' stands for walk-in sales" in text
    assert "Shop totals (customers + walk-in): 12 orders, revenue 36.00" in text


def test_a_file_without_prices_gives_null_money_and_the_no_prices_warning(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text("Member,Date,Item\n" + "".join(
        f"M{i % 12},2024-{1 + i % 6:02d}-{1 + i % 25:02d},{['Rice', 'Oil', 'Salt'][i % 3]}\n" for i in range(80)),
        encoding="utf-8")
    r = analyze(str(path))
    assert r["customers"] == 12 and r["has_prices"] is False
    assert r["net_revenue"] is None and r["shop_revenue"] is None and r["average_order_value"] is None
    assert all(s["revenue"] is None and s["revenue_share"] is None for s in r["segments"])
    assert [w["code"] for w in r["warnings"]] == ["no_prices"]
    predicted = subprocess.run([sys.executable, "-m", "desktop", "predict", str(path), "--json"],
                               capture_output=True, text=True, timeout=300, cwd=REPO)
    assert predicted.returncode == 0, predicted.stderr
    p = json.loads(predicted.stdout)
    assert p["totals"]["clv"] is None and p["totals"]["predicted_spend_12m"] is None
    assert all(c["clv"] is None for c in p["top_customers"])
    assert "no_prices_spend" in [w["code"] for w in p["warnings"]]
    suggested = subprocess.run([sys.executable, "-m", "desktop", "recommend", str(path), "--json"],
                               capture_output=True, text=True, timeout=300, cwd=REPO)
    assert suggested.returncode == 0, suggested.stderr
    assert json.loads(suggested.stdout)


# --- the real exports (../shared/data/real; figures from its README) ------------------------------

def real(shared_data: Path, *parts: str) -> Path:
    path = shared_data.joinpath("real", *parts)
    if not path.exists():
        pytest.skip(f"{path} is not present")
    return path


def test_coffee_shop_walk_in_customer_and_receipts_per_day_and_outlet(shared_data: Path) -> None:
    receipts = real(shared_data, "coffee_shop", "201904 sales reciepts.csv")
    r = analyze(str(receipts), "--customers", str(receipts.with_name("customer.csv")))
    assert r["customers"] == 2247
    assert r["net_revenue"] == pytest.approx(114_323.23, abs=0.01)
    assert r["shop_revenue"] == pytest.approx(233_635.95, abs=0.01)
    assert r["shop_orders"] == 39_271
    assert r["walk_in"]["ids"] == ["0"] and r["walk_in"]["revenue"] == pytest.approx(119_312.72, abs=0.01)
    assert any(w["code"] == "walk_in" and w["customer_id"] == "0" for w in r["warnings"])


def test_retail_transactions_keep_their_repeated_lines(shared_data: Path) -> None:
    r = analyze(str(real(shared_data, "retail_tx", "Retail_Data_Transactions.csv")))
    assert r["rows_used"] == 125_000 and r["rows_set_aside"] == {}
    assert r["customers"] == 6889 and r["orders"] == 124_208
    assert r["net_revenue"] == pytest.approx(8_123_989)
    assert any("6 lines repeat an earlier line exactly" in n for n in r["notes"])


def test_superstore_figures_and_no_walk_in(shared_data: Path) -> None:
    r = analyze(str(real(shared_data, "superstore", "Sample - Superstore.xls")))
    assert (r["customers"], r["orders"]) == (793, 5009)
    assert r["net_revenue"] == pytest.approx(2_297_200.86, abs=0.01)
    assert r["walk_in"]["lines"] == 0 and r["shop_revenue"] == r["net_revenue"]


def test_restaurant_with_its_columns_named(shared_data: Path) -> None:
    # The columns are named with --map until role detection reads this file on its own (issue 15, item 1).
    detail = real(shared_data, "restaurant", "meal_order_detail.csv")
    r = analyze(str(detail), "--map", "customer_id=emp_id", "--map", "order_id=order_id", "--map",
                "date=place_order_time", "--map", "unit_price=amounts", "--map", "quantity=counts",
                "--map", "product_name=dishes_name", "--map", "amount=")
    assert (r["customers"], r["orders"]) == (471, 942)
    assert r["net_revenue"] == pytest.approx(463_704)
    assert r["walk_in"]["lines"] == 0
