"""Festival dates are computed, and right: 2024-2027 against published dates, leap months, countries."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.engine.festivals import (easter, festival_date, festivals_between, lunar_months,
                                      lunar_to_gregorian, solar_term_date)

# Published dates (the State Council's holiday notices and the Hong Kong Observatory's calendar).
KNOWN = {
    "spring_festival": ["2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06"],
    "lantern": ["2024-02-24", "2025-02-12", "2026-03-03", "2027-02-20"],
    "qingming": ["2024-04-04", "2025-04-04", "2026-04-05", "2027-04-05"],
    "dragon_boat": ["2024-06-10", "2025-05-31", "2026-06-19", "2027-06-09"],
    "qixi": ["2024-08-10", "2025-08-29", "2026-08-19", "2027-08-08"],
    "mid_autumn": ["2024-09-17", "2025-10-06", "2026-09-25", "2027-09-15"],
    "double_ninth": ["2024-10-11", "2025-10-29", "2026-10-18", "2027-10-08"],
    "valentines": ["2024-02-14", "2025-02-14", "2026-02-14", "2027-02-14"],
    "double_11": ["2024-11-11", "2025-11-11", "2026-11-11", "2027-11-11"],
    "christmas": ["2024-12-25", "2025-12-25", "2026-12-25", "2027-12-25"],
}
MOTHERS = {"US": ["2024-05-12", "2025-05-11", "2026-05-10", "2027-05-09"],
           "CN": ["2024-05-12", "2025-05-11", "2026-05-10", "2027-05-09"],
           "GB": ["2024-03-10", "2025-03-30", "2026-03-15", "2027-03-07"]}
FATHERS = {"US": ["2024-06-16", "2025-06-15", "2026-06-21", "2027-06-20"],
           "GB": ["2024-06-16", "2025-06-15", "2026-06-21", "2027-06-20"],
           "AU": ["2024-09-01", "2025-09-07", "2026-09-06", "2027-09-05"]}


@pytest.mark.parametrize("key", sorted(KNOWN))
def test_festival_dates_2024_to_2027(key: str) -> None:
    got = [festival_date(key, y, "CN").isoformat() for y in range(2024, 2028)]
    assert got == KNOWN[key]


@pytest.mark.parametrize("country", sorted(MOTHERS))
def test_mothers_day_follows_the_country(country: str) -> None:
    assert [festival_date("mothers_day", y, country).isoformat() for y in range(2024, 2028)] == MOTHERS[country]


@pytest.mark.parametrize("country", sorted(FATHERS))
def test_fathers_day_follows_the_country(country: str) -> None:
    assert [festival_date("fathers_day", y, country).isoformat() for y in range(2024, 2028)] == FATHERS[country]


def test_leap_months_fall_where_the_calendar_has_them() -> None:
    # 2023: leap 2nd month from 22 March; 2025: leap 6th month from 25 July; 2033: leap 11th month
    # (the "2033 problem" that naive rules get wrong)
    assert [(m, s) for m, leap, s in lunar_months(2023) if leap] == [(2, date(2023, 3, 22))]
    assert [(m, s) for m, leap, s in lunar_months(2025) if leap] == [(6, date(2025, 7, 25))]
    assert [(m, s) for m, leap, s in lunar_months(2034) if leap] == [(11, date(2033, 12, 22))]
    assert [m for m, leap, s in lunar_months(2024) if leap] == []
    assert lunar_to_gregorian(2025, 6, 1, leap=True) == date(2025, 7, 25)


def test_spring_festival_over_a_decade_and_the_twelfth_month() -> None:
    expected = ["2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2028-01-26", "2029-02-13", "2030-02-03"]
    years = [2020, 2021, 2022, 2023, 2028, 2029, 2030]
    assert [festival_date("spring_festival", y).isoformat() for y in years] == expected
    assert lunar_to_gregorian(2024, 12, 8) == date(2025, 1, 7)  # Laba of the Dragon year


def test_easter_and_solar_terms() -> None:
    assert [easter(y) for y in (2024, 2025, 2026, 2027)] == [date(2024, 3, 31), date(2025, 4, 20),
                                                             date(2026, 4, 5), date(2027, 3, 28)]
    assert [solar_term_date(y, 270.0) for y in (2024, 2025)] == [date(2024, 12, 21), date(2025, 12, 21)]


def test_festivals_between_lists_them_in_order() -> None:
    got = festivals_between(date(2025, 9, 1), date(2025, 10, 31))
    assert [f.key for f, _ in got] == ["national_day", "mid_autumn", "double_ninth"]
    assert [d for _, d in got] == sorted(d for _, d in got)
