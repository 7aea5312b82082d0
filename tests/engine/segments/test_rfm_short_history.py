"""Issue 17 item 6: on a history shorter than a few usual gaps between orders, recency is scored against
fixed day bands, so nobody who bought days ago is "Lost", and a warning says the groups are provisional."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from desktop.cli import run_cli
from desktop.engine.segments.rfm import apply_rfm, fixed_recency_scores, history_span


def _customers(n: int, history: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    tenure = rng.integers(0, history, n)
    recency = (tenure * rng.random(n)).astype(int)
    freq = np.where(tenure - recency > 0, rng.integers(1, 4, n), 1)
    return pd.DataFrame({"recency_days": recency, "tenure_days": tenure, "frequency": freq,
                         "monetary": rng.gamma(2.0, 50.0, n)}, index=[f"C{i}" for i in range(n)])


def test_nine_days_of_history_score_recency_on_fixed_bands_and_nobody_is_lost():
    customers = _customers(300, 9)
    r = apply_rfm(customers)
    assert r.provisional
    assert [w.code for w in r.warnings] == ["rfm_short_history"]
    assert r.warnings[0].params["days"] == 9 and "provisional" in r.warnings[0].text("en")
    assert (r.customers["r_score"] == 5).all()
    assert not r.customers["segment"].isin(["lost", "hibernating", "at_risk", "cant_lose", "about_to_sleep"]).any()


def test_the_eight_class_model_counts_a_short_historys_customers_as_recent():
    r = apply_rfm(_customers(200, 20), model=8)
    assert r.provisional and r.eight_class.recency_days_max == 30
    assert not r.customers["segment"].str.endswith("_retain").any()
    assert not r.customers["segment"].isin(["important_keep", "general_keep"]).any()


def test_a_long_history_keeps_the_shops_own_quantiles():
    customers = _customers(300, 900, seed=2)
    history, gap = history_span(customers)
    assert history >= 800
    r = apply_rfm(customers)
    assert not r.provisional and r.warnings == []
    assert set(r.customers["r_score"]) == {1, 2, 3, 4, 5}


def test_fixed_bands():
    days = pd.Series([0, 30, 31, 60, 90, 91, 180, 181, 1000])
    assert fixed_recency_scores(days).tolist() == [5, 5, 4, 4, 3, 2, 2, 1, 1]


def test_analyze_json_carries_the_warning(tmp_path, capsys):
    rows = ["customer,date,amount"]
    for c in range(40):
        for k in range(1 + c % 3):
            rows.append(f"K{c},2024-03-{1 + (c + 3 * k) % 9:02d},{10 + c}")
    path = tmp_path / "nine_days.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli(["analyze", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    codes = [w["code"] for w in out["warnings"]]
    assert "rfm_short_history" in codes
    lost = [s for s in out["segments"] if s["key"] == "lost"]
    assert not lost or lost[0]["customers"] == 0
