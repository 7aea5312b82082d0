"""HDBSCAN: a small, explained set of unusual customers (issue 21, item 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.engine.customers import build_customers
from desktop.engine.segments import outliers
from desktop.engine.segments.clustering import SegmentSettings, segment

FAST = SegmentSettings(stability_runs=1)


def _shop(n: int = 400, trade: int = 5, seed: int = 0) -> pd.DataFrame:
    """Order lines of a shop whose customers buy 1-3 items per order, plus `trade` buyers
    ("T1".."Tn") who buy 20 times the quantity per order at a trade price."""
    rng = np.random.default_rng(seed)
    rows = []
    start = pd.Timestamp("2025-01-01")
    for c in range(n + trade):
        trade_buyer = c >= n
        cid = f"T{c - n + 1}" if trade_buyer else f"C{c:04d}"
        orders = int(rng.integers(1, 9))
        for o in range(orders):
            qty = float(rng.integers(1, 4)) * (20 if trade_buyer else 1)
            price = 12.0 * rng.lognormal(0, 0.3) * (0.85 if trade_buyer else 1.0)
            day = start + pd.Timedelta(days=int(rng.integers(0, 360)))
            rows.append({"customer_id": cid, "order_id": f"{cid}-{o}", "date": day, "product_id": "P1",
                         "product_name": "Notebook", "category": "Paper", "quantity": qty,
                         "unit_price": price, "amount": qty * price, "is_return": False})
    return pd.DataFrame(rows)


def test_planted_trade_buyers_are_the_unusual_customers_with_a_reason():
    lines = _shop()
    customers = build_customers(lines)
    seg = segment(customers, lines, method="hdbscan", settings=FAST)
    unusual = set(seg.labels.index[seg.labels == "unusual"])
    planted = {f"T{i}" for i in range(1, 6)}
    assert planted <= unusual
    assert len(unusual) <= 0.03 * len(customers)     # a small set, not a third of the shop
    for cid in planted:
        reason = seg.unusual["per_customer"][cid]
        assert reason["code"] == "unusual_quantity_per_order"
        assert 10 <= reason["multiple"] <= 40
        assert reason["message"] == f"buys {reason['multiple']}× the usual quantity per order"
    info = seg.to_dict()["unusual"]
    assert info["customers"] == len(unusual) and "per_customer" not in info
    listed = {r["customer_id"]: r for r in seg.to_dict(customers=True)["customer_segments"]}
    assert listed["T1"]["reason"]["code"] == "unusual_quantity_per_order"
    assert "reason" not in listed["C0000"]
    spend = customers["monetary"]
    assert info["revenue_share"] == round(spend[list(unusual)].sum() / spend.sum(), 6)
    en, zh = seg.membership("T1")
    assert en.startswith("Unusual customers: buys ") and en.endswith("× the usual quantity per order")
    assert zh.startswith("特殊客户：每单购买数量是一般客户的 ")
    row = seg.summary.set_index("key").loc["unusual"]
    assert "quantity per order" in row["profile"] and "每单购买数量" in row["profile_zh"]


def test_a_shop_without_dense_groups_is_not_set_aside_as_unusual():
    # One broad cloud of customers: HDBSCAN alone would leave most of them as noise.
    lines = _shop(n=500, trade=0, seed=2)
    customers = build_customers(lines)
    seg = segment(customers, lines, method="hdbscan", settings=FAST)
    assert (seg.labels == "unusual").mean() <= outliers.MAX_UNUSUAL_SHARE
    density = seg.quality["density"]
    assert density["noise_share"] > 0.1 and density["rejoined"] > 0
    assert any(n.code.startswith("segments_density_rejoined") for n in seg.notes)
    # One group for most customers: the warnings say the data has no clear groups.
    if seg.quality["largest_share"] > 0.6:
        assert {w.code for w in seg.warnings} & {"segments_one_big_group", "segments_no_clear_groups"}


def test_parameters_grow_with_the_shop():
    small, large = outliers.parameters(100, 0.1), outliers.parameters(10_000, 0.1)
    assert small == (10, 5)
    assert large == (1000, 50)
    assert outliers.parameters(2_500, 0.01) == (25, 25)


def test_reasons_name_the_figure_and_the_multiple():
    customers = pd.DataFrame({"monetary": [100.0] * 9 + [3000.0, 4.0],
                              "frequency": [2] * 9 + [2, 2],
                              "avg_order_value": [50.0] * 9 + [1500.0, 2.0]},
                             index=pd.Index([f"c{i}" for i in range(11)], name="customer_id"))
    got = outliers.reasons(customers, None, pd.Index(["c9", "c10"]))
    assert got["c9"].code == "unusual_order_value" and got["c9"].params["multiple"] == 30
    assert got["c9"].text() == "spends 30× the usual amount per order"
    assert got["c10"].code == "unusual_low"
    assert got["c10"].text() == "spend per order only 1/25 of the usual"
    assert got["c10"].text("zh") == "每单消费只有一般客户的 1/25"
