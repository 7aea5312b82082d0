"""The VIP tier in the app's customer table: worked out when the analysis is prepared for the views
(jobs/prepare.py), in the window's language, and left out for a file without prices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.engine.tiers import tiers_of
from desktop.jobs import analysis


def _shop(path, prices: bool = True) -> None:
    rng = np.random.default_rng(11)
    rows = []
    for c in range(80):
        for n in range(1 + c % 6):
            row = {"Order": f"O{c}-{n}", "Customer": f"C{c:03d}",
                   "Date": (pd.Timestamp("2025-01-05") + pd.Timedelta(days=int(rng.integers(0, 330)))).date(),
                   "Product": ["Longjing", "Oolong", "Teapot"][n % 3]}
            if prices:
                row["Amount"] = round(float(20 + 15 * c % 300), 2)
            rows.append(row)
    pd.DataFrame(rows).to_csv(path, index=False)


def test_each_customer_has_the_engines_tier_in_the_ui_language(tmp_path):
    source = tmp_path / "orders.csv"
    _shop(source)
    data = analysis.run(analysis.LoadRequest(paths=[str(source)]))
    zh = analysis.run(analysis.LoadRequest(paths=[str(source)], chinese=True))
    expected = tiers_of(data.analysis).table["tier"]
    expected.index = expected.index.astype(str)
    names = {"member": "Member", "silver": "Silver", "gold": "Gold", "platinum": "Platinum"}
    assert data.customers["tier_label"].to_dict() == expected.map(names).to_dict()
    assert set(zh.customers["tier_label"]) <= {"普通会员", "银卡", "金卡", "白金卡"}
    assert data.customers["tier_label"].nunique() >= 3  # a spread of spend gives several tiers


def test_no_tier_column_without_prices(tmp_path):
    source = tmp_path / "visits.csv"
    _shop(source, prices=False)
    data = analysis.run(analysis.LoadRequest(paths=[str(source)]))
    assert "tier_label" not in data.customers.columns
