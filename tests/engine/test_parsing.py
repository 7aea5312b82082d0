"""Number and date parsing, whole columns at a time."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.parsing import parse_dates, parse_numbers, to_text


@pytest.mark.parametrize("text, expected", [
    ("1,234.50", 1234.5), ("¥1,200", 1200), ("￥88", 88), ("$ 5.00", 5), ("€12", 12), ("£3.5", 3.5),
    ("(30.00)", -30), ("１２３", 123), ("-7", -7), ("  42  ", 42), ("RMB 10", 10), ("15元", 15),
])
def test_numbers_as_shops_write_them(text: str, expected: float) -> None:
    assert parse_numbers(pd.Series([text], dtype=object)).values.iloc[0] == pytest.approx(expected)


def test_unreadable_numbers_are_flagged_not_guessed() -> None:
    r = parse_numbers(pd.Series(["12", "abc", "", None], dtype=object))
    assert r.values.iloc[0] == 12 and math.isnan(r.values.iloc[1])
    assert r.bad.tolist() == [False, True, False, False]


def test_decimal_comma_is_decided_for_the_column() -> None:
    r = parse_numbers(pd.Series(["1.234,50", "2,5", "10"], dtype=object))
    assert r.values.tolist() == pytest.approx([1234.5, 2.5, 10])
    assert r.decimal == ","


@pytest.mark.parametrize("values, expected, order", [
    (["2024-01-05", "2024-01-06 13:45"], ["2024-01-05 00:00", "2024-01-06 13:45"], "ymd"),
    (["2024/1/5", "2024/12/25"], ["2024-01-05 00:00", "2024-12-25 00:00"], "ymd"),
    (["2024年1月5日", "2024年2月1日"], ["2024-01-05 00:00", "2024-02-01 00:00"], "ymd"),
    (["05.01.2024", "25.01.2024"], ["2024-01-05 00:00", "2024-01-25 00:00"], "dmy"),
    (["5/1/2024", "5/13/2024"], ["2024-05-01 00:00", "2024-05-13 00:00"], "mdy"),
    (["20240105", "20240106"], ["2024-01-05 00:00", "2024-01-06 00:00"], "compact"),
    ([45296.0, 45297.5], ["2024-01-05 00:00", "2024-01-06 12:00"], "serial"),
    (["45296", "45297"], ["2024-01-05 00:00", "2024-01-06 00:00"], "serial"),
])
def test_date_formats(values: list, expected: list[str], order: str) -> None:
    r = parse_dates(pd.Series(values, dtype=object))
    assert r.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == expected
    assert r.order == order
    assert not r.ambiguous


def test_day_month_order_is_one_decision_for_the_whole_column() -> None:
    # 13/02 can only be day-first, so 05/01 in the same column is 5 January, never 1 May.
    r = parse_dates(pd.Series(["05/01/2024", "13/02/2024"], dtype=object))
    assert r.values.dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05", "2024-02-13"]


def test_ambiguous_column_is_reported_and_follows_row_order() -> None:
    # Sorted export: read month-first these are Jan 2, Feb 3, Mar 4 (in order); day-first they are not.
    values = ["01/02/2024", "02/03/2024", "03/04/2024", "04/01/2024", "05/02/2024", "06/03/2024"]
    r = parse_dates(pd.Series(values, dtype=object))
    assert r.ambiguous and r.notes
    assert r.order == "mdy"
    forced = parse_dates(pd.Series(values, dtype=object), date_order="dmy")
    assert forced.values.iloc[0] == pd.Timestamp("2024-02-01")


def test_unreadable_dates_are_flagged() -> None:
    r = parse_dates(pd.Series(["2024-01-05", "tomorrow", "", "2024-13-45"], dtype=object))
    assert r.bad.tolist() == [False, True, False, True]


def test_text_keeps_phone_numbers_and_ids_exactly() -> None:
    values = pd.Series(["013800138000", "+86 138 0013 8000", 17850.0, "110101199003078888", None], dtype=object)
    assert to_text(values).tolist()[:4] == ["013800138000", "+86 138 0013 8000", "17850", "110101199003078888"]


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["", "¥", "$", "€", "£"]), st.booleans())
def test_formatted_numbers_round_trip(value, currency: str, thousands: bool) -> None:
    v = float(value)
    body = f"{abs(v):,.2f}" if thousands else f"{abs(v):.2f}"
    text = f"({currency}{body})" if v < 0 else f"{currency}{body}"
    parsed = parse_numbers(pd.Series([text, "1.00"], dtype=object), decimal=".").values.iloc[0]
    assert parsed == pytest.approx(v, abs=0.005)


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2090-12-31").date()),
       st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y%m%d"]))
def test_unambiguous_date_formats_round_trip(day, fmt: str) -> None:
    text = day.strftime(fmt)
    assert parse_dates(pd.Series([text], dtype=object)).values.iloc[0] == pd.Timestamp(day)
