"""Trends: month figures, cohorts and lost/won, checked against an independent pandas computation on a
file the test writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.trends import compute_trends, trends_of


def _shop(path: Path, seed: int = 7) -> pd.DataFrame:
    """A shop of 60 customers over 15 months, with returns and walk-in sales (customer id 0)."""
    rng = np.random.default_rng(seed)
    rows, n = [], 0
    start = pd.Timestamp("2024-01-03")
    for c in range(1, 61):
        first = start + pd.Timedelta(days=int(rng.integers(0, 400)))
        day = first
        while day <= pd.Timestamp("2025-03-20"):
            n += 1
            for k in range(int(rng.integers(1, 3))):
                rows.append({"Order": f"O{n}", "Date": day.date().isoformat(), "Customer": f"C{c:03d}",
                             "Product": f"P{k}", "Qty": 1, "Amount": float(rng.integers(5, 200))})
            if rng.random() < 0.1:  # a return some days later
                rows.append({"Order": f"R{n}", "Date": (day + pd.Timedelta(days=3)).date().isoformat(),
                             "Customer": f"C{c:03d}", "Product": "P0", "Qty": -1, "Amount": -20.0})
            day = day + pd.Timedelta(days=int(rng.integers(10, 160)))
    for d in range(40):  # walk-in sales
        n += 1
        rows.append({"Order": f"W{n}", "Date": (start + pd.Timedelta(days=d * 10)).date().isoformat(),
                     "Customer": "0", "Product": "P1", "Qty": 1, "Amount": 9.0})
    frame = pd.DataFrame(rows)
    frame.to_csv(path, index=False)
    return frame


@pytest.fixture
def shop(tmp_path: Path):
    path = tmp_path / "orders.csv"
    frame = _shop(path)
    analysis = analyze(AnalysisOptions(paths=[path]))
    return frame, analysis, trends_of(analysis)


def test_monthly_revenue_orders_and_new_customers_equal_pandas(shop) -> None:
    frame, analysis, result = shop
    f = frame[frame["Customer"] != "0"].copy()  # walk-in sales are not customers
    f["month"] = pd.to_datetime(f["Date"]).dt.to_period("M").astype(str)
    buys = f[f["Amount"] > 0]
    revenue = f.groupby("month")["Amount"].sum()
    orders = buys.groupby("month")["Order"].nunique()
    first = buys.groupby("Customer")["month"].min()
    new = first.value_counts()
    customers = buys.groupby("month")["Customer"].nunique()
    months = {m["month"]: m for m in result.months}
    assert list(months) == sorted(months) and set(revenue.index) <= set(months)
    for m, row in months.items():
        assert row["revenue"] == pytest.approx(revenue.get(m, 0.0)), m
        assert row["orders"] == orders.get(m, 0), m
        assert row["customers"] == customers.get(m, 0), m
        assert row["new_customers"] == new.get(m, 0), m
        assert row["returning_customers"] == row["customers"] - row["new_customers"]
        if row["customers"]:
            assert row["repeat_rate"] == pytest.approx(row["returning_customers"] / row["customers"], abs=1e-4)
    # identified customers only: the months add up to the analysis' net revenue
    assert sum(m["revenue"] for m in result.months) == pytest.approx(analysis.key_figures()["net_revenue"])
    walk = frame[frame["Customer"] == "0"]
    assert sum(m["walk_in_revenue"] for m in result.months) == pytest.approx(walk["Amount"].sum())


def test_cohort_grid_equals_pandas(shop) -> None:
    frame, _, result = shop
    f = frame[(frame["Customer"] != "0") & (frame["Amount"] > 0)].copy()
    f["month"] = pd.to_datetime(f["Date"]).dt.to_period("M")
    f["cohort"] = f.groupby("Customer")["month"].transform("min")
    f["since"] = (f["month"] - f["cohort"]).apply(lambda x: x.n)
    active = f.groupby(["cohort", "since"])["Customer"].nunique().unstack(fill_value=0)
    size = f.groupby("cohort")["Customer"].nunique()
    grid = active.div(size, axis=0)
    last = f["month"].max()
    assert [c["cohort"] for c in result.cohorts] == [str(c) for c in size.index]
    for c in result.cohorts:
        p = pd.Period(c["cohort"], "M")
        assert c["customers"] == size[p]
        assert len(c["retention"]) == (last - p).n + 1
        assert c["retention"][0] == 1.0
        expected = grid.loc[p].reindex(range(len(c["retention"])), fill_value=0.0).to_numpy()
        assert np.allclose(c["retention"], expected, atol=1e-4), c["cohort"]


def _lines(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    df["date"] = pd.to_datetime(df["date"])
    df["order_id"] = df["customer_id"] + "|" + df["date"].dt.strftime("%Y-%m-%d")
    df["is_return"] = df["amount"] < 0
    return df


def test_lost_and_won_back_follow_the_90_day_silence() -> None:
    lines = _lines([("A", "2024-01-05", 10), ("A", "2024-06-10", 10),  # lapsed 2024-04-04, back in June
                    ("B", "2024-01-20", 10), ("B", "2024-02-10", 10),  # lapsed 2024-05-10, still lost
                    ("C", "2024-06-01", 10)])
    r = compute_trends(lines, "2024-06-30")
    months = {m["month"]: m for m in r.months}
    assert months["2024-04"]["lost"] == 1 and months["2024-05"]["lost"] == 1
    assert months["2024-06"]["won_back"] == 1 and months["2024-06"]["new_customers"] == 1
    assert months["2024-06"]["returning_customers"] == 1
    assert r.lost_won["won_back"]["top"][0]["customer_id"] == "A"
    assert r.lost_won["won_new"]["count"] == 1 and r.lost_won["lost"]["count"] == 0
    assert months["2024-03"]["customers"] == 0 and months["2024-03"]["repeat_rate"] is None


def test_a_part_month_is_compared_with_the_same_days() -> None:
    lines = _lines([("A", "2023-05-03", 50), ("A", "2023-05-20", 70), ("B", "2024-04-02", 30),
                    ("B", "2024-04-25", 30), ("A", "2024-05-05", 40)])
    r = compute_trends(lines, "2024-05-10")
    c = r.compare
    assert c["this_month"]["from"] == "2024-05-01" and c["this_month"]["to"] == "2024-05-10"
    assert c["last_month"]["to"] == "2024-04-10" and c["last_month"]["revenue"] == 30
    assert c["last_year"]["revenue"] == 50 and c["change_vs_last_year"]["revenue"] == pytest.approx(-0.2)
    assert r.months[-1]["partial"] is True
    assert "trends_partial_month" in [w.code for w in r.warnings]


def test_a_short_history_has_no_last_year_and_says_so() -> None:
    r = compute_trends(_lines([("A", "2024-05-01", 5), ("B", "2024-06-03", 5)]), "2024-06-30")
    assert r.compare["last_year"] is None and r.compare["change_vs_last_year"] is None
    assert "trends_no_last_year" in [w.code for w in r.warnings]
    one = compute_trends(_lines([("A", "2024-05-01", 5)]))
    assert "trends_short_history" in [w.code for w in one.warnings]


def test_a_file_without_prices_has_no_revenue_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "visits.csv"
    pd.DataFrame({"Customer": ["A", "B", "A", "C"], "Date": ["2024-01-02", "2024-01-09", "2024-02-01", "2024-02-03"],
                  "Product": ["tea", "tea", "cake", "tea"]}).to_csv(path, index=False)
    analysis = analyze(AnalysisOptions(paths=[path]))
    data = trends_of(analysis).to_dict()
    assert [m["revenue"] for m in data["months"]] == [None, None]
    assert [m["customers"] for m in data["months"]] == [2, 2]
    assert [m["new_customers"] for m in data["months"]] == [2, 1]
    codes = [w["code"] for w in data["warnings"]]
    assert "trends_no_prices" in codes
    assert data["revenue_basis"] == "identified_customers"
