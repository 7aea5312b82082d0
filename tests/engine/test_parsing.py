"""Number and date parsing, whole columns at a time."""

from __future__ import annotations

import datetime
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.engine.parsing import lost_precision_ids, parse_dates, parse_numbers, to_text


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


# ---------------------------------------------------------------- dates as real exports write them

def _read(values: list, **kw) -> list[str | None]:
    r = parse_dates(pd.Series(values, dtype=object), **kw)
    return [None if pd.isna(v) else v.strftime("%Y-%m-%d %H:%M:%S") for v in r.values]


@pytest.mark.parametrize("text, expected", [
    ("2024-01-05 星期五", "2024-01-05 00:00:00"),
    ("2024-01-05 周五", "2024-01-05 00:00:00"),
    ("2024-01-05（星期五）", "2024-01-05 00:00:00"),
    ("2024年1月5日 星期五 下午3:04", "2024-01-05 15:04:00"),
    ("Friday, January 5, 2024", "2024-01-05 00:00:00"),
    ("Jan 5, 2024 3:04 PM", "2024-01-05 15:04:00"),
    ("5th January 2024", "2024-01-05 00:00:00"),
    ("2024-Jan-05 10:00", "2024-01-05 10:00:00"),
    ("11-Feb-17", "2017-02-11 00:00:00"),
    ("11-Feb-99", "1999-02-11 00:00:00"),
    ("2024/1/5 下午 3:04:05", "2024-01-05 15:04:05"),
    ("2024/1/5 上午 12:30:00", "2024-01-05 00:30:00"),
    ("2024/1/5 3:04:05 下午", "2024-01-05 15:04:05"),
    ("2024/1/5 10:30", "2024-01-05 10:30:00"),  # no marker: 24-hour clock, not 22:30
    ("2024/1/5 10时30分", "2024-01-05 10:30:00"),
    ("2016/8/3 14:01:13", "2016-08-03 14:01:13"),
    ("2024年1月5日 10:30", "2024-01-05 10:30:00"),
    ("2024-01-05T10:00:00Z", "2024-01-05 10:00:00"),
    ("2024-01-05T10:00:00+08:00", "2024-01-05 10:00:00"),
    ("Tue Jan 05 2024 10:00:00 GMT+0800 (China Standard Time)", "2024-01-05 10:00:00"),
])
def test_dates_as_exports_write_them(text: str, expected: str) -> None:
    assert _read([text]) == [expected]


def test_weekday_is_ignored_even_when_it_disagrees_with_the_date() -> None:
    # 2024-01-05 was a Friday; the weekday written is wrong and the row is still read by its date
    assert _read(["2024-01-05 星期一", "Mon 05/01/2024", "Sunday, January 5, 2024"]) == [
        "2024-01-05 00:00:00", "2024-01-05 00:00:00", "2024-01-05 00:00:00"]


def test_weekday_before_day_first_dates_keeps_the_column_decision() -> None:
    r = parse_dates(pd.Series(["Fri 05/01/2024", "Sat 13/01/2024"], dtype=object))
    assert r.order == "dmy" and not r.ambiguous
    assert r.values.dt.strftime("%Y-%m-%d").tolist() == ["2024-01-05", "2024-01-13"]


def test_one_time_zone_is_read_as_written() -> None:
    r = parse_dates(pd.Series(["2024-01-05T23:30:00+08:00", "2024-01-06T00:10:00+08:00"], dtype=object))
    assert r.values.dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2024-01-05 23:30", "2024-01-06 00:10"]
    assert r.zones == ["+08:00"] and r.zone == "+08:00"


def test_mixed_time_zones_are_converted_to_the_zone_most_rows_use() -> None:
    # Two rows in +08:00, one in UTC: the UTC time is converted to +08:00 wall time; a cell without
    # a zone is taken as already written in the shop's time.
    values = ["2024-01-05T10:00:00+08:00", "2024-01-05T11:00:00+08:00", "2024-01-05T02:30:00Z", "2024-01-05 12:00"]
    r = parse_dates(pd.Series(values, dtype=object))
    assert r.values.dt.strftime("%H:%M").tolist() == ["10:00", "11:00", "10:30", "12:00"]
    assert r.zones == ["+00:00", "+08:00"] and r.zone == "+08:00"
    assert not r.bad.any()


@pytest.mark.parametrize("value", ["10:30", "10:30 PM", "下午 3:04", datetime.time(10, 30), datetime.timedelta(hours=2),
                                   -5.0, 0.5, "-3", "0.25"])
def test_a_time_without_a_date_is_a_bad_date_never_today(value) -> None:
    r = parse_dates(pd.Series([value, "2024-01-05"], dtype=object))
    assert pd.isna(r.values.iloc[0]) and r.bad.tolist() == [True, False]
    assert r.values.iloc[1] == pd.Timestamp("2024-01-05")


@pytest.mark.parametrize("values", [
    ["2024-01-05", "0001-01-01", "9999-12-31", "2024-02-30", "2024-01-06"],
    ["05/01/2024", "01/01/0001", "31/12/9999", "30/02/2024", "13/01/2024"],
    [datetime.datetime(2024, 1, 5), datetime.datetime(9999, 12, 31), "2024-02-30", "0001-01-01",
     datetime.date(2024, 1, 13)],
])
def test_impossible_dates_are_bad_rows_not_a_refused_column(values: list) -> None:
    r = parse_dates(pd.Series(values, dtype=object))
    assert r.bad.tolist() == [False, True, True, True, False]
    assert r.values.iloc[0] == pd.Timestamp("2024-01-05")
    assert r.values.iloc[4] in (pd.Timestamp("2024-01-06"), pd.Timestamp("2024-01-13"))


def test_a_year_written_with_four_digits_is_never_widened() -> None:
    assert _read(["01/01/0001", "5/1/24", "5/1/0024"], date_order="dmy") == [None, "2024-01-05 00:00:00", None]


def test_a_month_or_a_day_alone_is_no_date() -> None:
    assert _read(["Jan 5", "January 2024", "2024-01-05"]) == [None, None, "2024-01-05 00:00:00"]


def test_excel_serials_in_a_date_column_text_or_number() -> None:
    assert _read(["45296", "45296.5", 45297.25]) == ["2024-01-05 00:00:00", "2024-01-05 12:00:00",
                                                     "2024-01-06 06:00:00"]


# ---------------------------------------------------------------- numbers that are no amounts

def test_non_finite_numbers_are_unreadable() -> None:
    texts = ["inf", "Infinity", "1e309", "-inf", "-Infinity", "NaN", "nan", "(inf)", "5", "", None]
    r = parse_numbers(pd.Series(texts, dtype=object))
    assert r.values.iloc[8] == 5 and r.values.drop(index=8).isna().all()
    assert r.bad.tolist() == [True] * 8 + [False, False, False]
    numeric = parse_numbers(pd.Series([math.inf, 1.0, -math.inf, math.nan]))
    assert numeric.values.iloc[1] == 1 and numeric.values.drop(index=1).isna().all()
    assert numeric.bad.tolist() == [True, False, True, False]


# ---------------------------------------------------------------- ids

def test_numbers_print_without_exponent_or_trailing_zero() -> None:
    values = pd.Series([1.2345678901234568e17, 536414.0, 0.1, 1e-7, 17850], dtype=object)
    assert to_text(values).tolist() == ["123456789012345680", "536414", "0.1", "0.0000001", "17850"]


def test_ids_are_text_and_whole_numbers_lose_their_zero() -> None:
    values = pd.Series(["536414.0", "536414", "C536414", "1.23457E+17", "2E10", "A-1.0"], dtype=object)
    assert to_text(values, ids=True).tolist() == ["536414", "536414", "C536414", "123457000000000000", "2E10", "A-1.0"]
    # without ids=True (product names, cities…) text stays exactly as written
    assert to_text(values).tolist() == values.tolist()


def test_ids_longer_than_15_digits_stored_as_numbers_are_found() -> None:
    values = pd.Series([123456789012345678.0, 536414.0, "123456789012345678", "1.23457E+17", 10**17, "1.5E+05"],
                       dtype=object)
    assert lost_precision_ids(values).tolist() == [True, False, False, True, False, False]


def test_time_found_in_any_word_of_the_cell() -> None:
    # the time is the last word, the word before a weekday or AM/PM, or inside (T, no spaces)
    values = ["05/01/2024 10:00", "2024-01-05 10:00:00 星期五", "Jan 5, 2024 10:30 PM", "2024-01-05T10:00",
              "10:30 PM", "10:30 星期五"]
    assert _read(values, date_order="dmy") == ["2024-01-05 10:00:00", "2024-01-05 10:00:00", "2024-01-05 22:30:00",
                                               "2024-01-05 10:00:00", None, None]
