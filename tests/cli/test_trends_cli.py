"""`clientele trends` as a user runs it: a real process on the demo shop, real exports and a small file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
MONTH_FIELDS = {"month", "revenue", "orders", "customers", "new_customers", "returning_customers", "repeat_rate"}


def clientele(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def test_demo_shop_json_has_the_contract_fields_and_adds_up() -> None:
    from desktop.paths import demo_files

    orders, customers = demo_files()
    out = clientele("trends", str(orders), "--customers", str(customers), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["months"] and r["cohorts"]
    for m in r["months"]:
        assert set(m) >= MONTH_FIELDS
        assert len(m["month"]) == 7 and m["month"][4] == "-"
    assert {"cohort", "customers", "retention"} <= set(r["cohorts"][0])
    assert all(c["retention"][0] == 1.0 and all(0 <= v <= 1 for v in c["retention"]) for c in r["cohorts"])
    # the months add up to analyze's net revenue and customers' first purchases
    a = json.loads(clientele("analyze", str(orders), "--json").stdout)
    assert sum(m["revenue"] for m in r["months"]) == pytest.approx(a["net_revenue"], abs=0.05)
    assert sum(m["new_customers"] for m in r["months"]) == a["customers"]
    assert r["compare"]["last_year"] is not None  # the demo shop has two years


def test_summary_prints_months_comparison_and_cohorts(tmp_path: Path) -> None:
    path = tmp_path / "shop.csv"
    pd.DataFrame({"order": ["1", "2", "3", "4"], "date": ["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-10"],
                  "customer": ["A", "B", "A", "C"], "amount": [10.0, 20.0, 30.0, 40.0]}).to_csv(path, index=False)
    out = clientele("trends", str(path))
    assert out.returncode == 0, out.stderr
    assert "2024-01" in out.stdout and "2024-02" in out.stdout
    assert "against last month" in out.stdout and "Cohort" in out.stdout
    assert "13 needed" in out.stdout  # no same month last year: said plainly


def test_coffee_shop_walk_in_is_beside_the_customers_revenue(shared_data: Path) -> None:
    path = shared_data / "real" / "coffee_shop" / "201904 sales reciepts.csv"
    if not path.exists():
        pytest.skip("coffee shop export absent")
    r = json.loads(clientele("trends", str(path), "--json").stdout)
    (month,) = r["months"]
    assert month["revenue"] == pytest.approx(114323.23, abs=0.05)  # identified customers (README figure)
    assert month["shop_revenue"] == pytest.approx(233635.95, abs=0.05)
    assert month["customers"] == 2247
    assert "trends_short_history" in [w["code"] for w in r["warnings"]]


def test_online_retail_works(online_retail: Path) -> None:
    out = clientele("trends", str(online_retail), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["months"][-1]["month"] == "2010-12" and r["months"][-1]["customers"] > 100
