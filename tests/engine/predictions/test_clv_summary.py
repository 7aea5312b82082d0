"""Order lines -> (frequency, recency, T, monetary_value) on purchase days."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.predictions.summary import purchase_days, summarise_for_clv


def _lines(rows: list[tuple[str, str, float]], returns: set[int] = frozenset()) -> pd.DataFrame:
    return pd.DataFrame({
        "customer_id": [r[0] for r in rows],
        "date": pd.to_datetime([r[1] for r in rows], format="ISO8601"),
        "amount": [r[2] for r in rows],
        "is_return": [i in returns for i in range(len(rows))],
    })


def test_same_day_purchases_count_once_and_time_of_day_is_ignored():
    lines = _lines([
        ("A", "2024-01-01 09:00", 10.0),
        ("A", "2024-01-01 17:30", 5.0),   # same day, second receipt
        ("A", "2024-01-15 12:00", 20.0),
        ("A", "2024-01-29 08:00", 40.0),
        ("B", "2024-01-08 10:00", 7.0),
    ])
    s = summarise_for_clv(lines, "2024-01-29", "week")
    assert s.loc["A", "frequency"] == 2
    assert s.loc["A", "purchase_days"] == 3
    assert s.loc["A", "recency"] == pytest.approx(4.0)
    assert s.loc["A", "T"] == pytest.approx(4.0)
    # the first day (15.0) is not a repeat purchase
    assert s.loc["A", "monetary_value"] == pytest.approx(30.0)
    assert s.loc["A", "avg_day_spend"] == pytest.approx(25.0)
    assert s.loc["B", "frequency"] == 0
    assert s.loc["B", "T"] == pytest.approx(3.0)
    assert np.isnan(s.loc["B", "monetary_value"])


def test_day_unit_and_calibration_end_cut_the_history():
    lines = _lines([("A", "2024-01-01", 10.0), ("A", "2024-01-11", 10.0), ("A", "2024-03-01", 10.0),
                    ("C", "2024-02-01", 3.0)])
    s = summarise_for_clv(lines, "2024-01-31", "day")
    assert list(s.index) == ["A"]  # C's first purchase is after the end
    assert s.loc["A", "frequency"] == 1
    assert s.loc["A", "recency"] == 10.0
    assert s.loc["A", "T"] == 30.0


def test_returns_are_not_purchases():
    lines = _lines([("A", "2024-01-01", 10.0), ("A", "2024-01-05", -10.0), ("A", "2024-01-09", 8.0)],
                   returns={1})
    days = purchase_days(lines)
    assert len(days) == 2
    assert summarise_for_clv(lines, None, "day").loc["A", "frequency"] == 1


def test_default_end_is_the_last_purchase_day():
    lines = _lines([("A", "2024-01-01", 1.0), ("B", "2024-01-10 23:59", 1.0)])
    s = summarise_for_clv(lines, None, "day")
    assert s.loc["A", "T"] == 9.0
    assert s.loc["B", "T"] == 0.0


def test_unknown_time_unit_and_missing_columns_are_input_errors():
    lines = _lines([("A", "2024-01-01", 1.0)])
    with pytest.raises(InputError):
        summarise_for_clv(lines, None, "month")
    with pytest.raises(InputError):
        summarise_for_clv(lines.drop(columns="amount"), None, "day")


def test_cdnow_sample_summary(cdnow_lines):
    s = summarise_for_clv(cdnow_lines, "1997-09-30", "week")
    assert len(s) == 2357
    assert int((s["frequency"] > 0).sum()) == 946
    # customer 00004 bought on 1997-01-01, 01-18 and 08-02 before the end of September
    assert s.loc["00004", "frequency"] == 2
    assert s.loc["00004", "recency"] == pytest.approx(213 / 7)
    assert s.loc["00004", "T"] == pytest.approx(272 / 7)
