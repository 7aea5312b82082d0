"""Festival dates of any year, computed: the Chinese lunar calendar from the moon and the sun, and the
Western festivals from their rules (Easter by the Gregorian computus), by the shop's country.

The Chinese calendar (the rules of GB/T 33661-2017): a month starts on the day, Beijing time (UTC+8),
of a new moon; the month holding the winter solstice is the 11th; when 13 months run from one 11th
month to the next, the first of them without a major solar term (the sun's longitude crossing a
multiple of 30 degrees) is a leap month and repeats the number of the month before. New moons come from
Meeus, Astronomical Algorithms (2nd ed.), ch. 49 (error of seconds), the sun's longitude from ch. 25
(about 0.01 degree, a quarter of an hour), so a date can be off by a day only when a new moon or a
solar term falls within minutes of midnight in Beijing; the test checks 2024-2027 against published
dates. Qingming is a solar term (the sun at 15 degrees).

No table of festival dates is typed in: every date is computed for the year asked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

SYNODIC = 29.530588861
BEIJING = 8.0 / 24.0  # UTC+8, in days


@dataclass(frozen=True)
class Festival:
    """A festival by its key (its name is the catalogue's LABELS["festival"][key], desktop.texts) and
    the rule that dates it."""

    key: str
    rule: str  # 'lunar', 'term', 'fixed', 'mother', 'father'
    month: int = 0
    day: int = 0


FESTIVALS: tuple[Festival, ...] = (
    Festival("valentines", "fixed", 2, 14),
    Festival("spring_festival", "lunar", 1, 1),
    Festival("lantern", "lunar", 1, 15),
    Festival("womens_day", "fixed", 3, 8),
    Festival("qingming", "term", 15),
    Festival("mothers_day", "mother"),
    Festival("520", "fixed", 5, 20),
    Festival("dragon_boat", "lunar", 5, 5),
    Festival("fathers_day", "father"),
    Festival("qixi", "lunar", 7, 7),
    Festival("mid_autumn", "lunar", 8, 15),
    Festival("national_day", "fixed", 10, 1),
    Festival("double_ninth", "lunar", 9, 9),
    Festival("double_11", "fixed", 11, 11),
    Festival("christmas", "fixed", 12, 25),
)
FESTIVAL_KEYS = tuple(f.key for f in FESTIVALS)

# Mother's Day: the second Sunday of May, except Mothering Sunday (three weeks before Easter) in the UK
# and Ireland. Father's Day: the third Sunday of June, except the first Sunday of September in
# Australia and New Zealand and 8 August in Taiwan.
MOTHERING_SUNDAY = frozenset({"GB", "UK", "IE"})
FATHERS_SEPTEMBER = frozenset({"AU", "NZ"})
FATHERS_AUGUST_8 = frozenset({"TW"})
COUNTRIES = ("CN", "US", "GB", "IE", "CA", "AU", "NZ", "HK", "TW", "SG", "MY")


def festival(key: str) -> Festival:
    for f in FESTIVALS:
        if f.key == key:
            return f
    raise KeyError(key)


def festival_date(key: str, year: int, country: str = "CN") -> date:
    """The date of festival `key` in the Gregorian `year`, for the shop's `country` (ISO code)."""
    f = festival(key)
    country = (country or "CN").upper()
    if f.rule == "fixed":
        return date(year, f.month, f.day)
    if f.rule == "lunar":
        return lunar_to_gregorian(year, f.month, f.day)
    if f.rule == "term":
        return solar_term_date(year, float(f.month))
    if f.rule == "mother":
        if country in MOTHERING_SUNDAY:
            return easter(year) - timedelta(days=21)
        return nth_weekday(year, 5, 6, 2)
    if f.rule == "father":
        if country in FATHERS_SEPTEMBER:
            return nth_weekday(year, 9, 6, 1)
        if country in FATHERS_AUGUST_8:
            return date(year, 8, 8)
        return nth_weekday(year, 6, 6, 3)
    raise ValueError(f.rule)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` (Monday 0 .. Sunday 6) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous computus of Meeus, ch. 8)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --- astronomy ------------------------------------------------------------------------------------

def _delta_t_days(year: float) -> float:
    """TT - UT in days (Espenak & Meeus polynomial for 2005-2050, a fair guess around it)."""
    t = year - 2000.0
    return (62.92 + 0.32217 * t + 0.005589 * t * t) / 86400.0


def _jd_of(d: date) -> float:
    """Julian day of 00:00 UT of a date."""
    return d.toordinal() + 1721424.5


def _date_of(jd: float) -> date:
    return date.fromordinal(int(math.floor(jd - 1721424.5)))


def new_moon_jde(k: int) -> float:
    """Julian Ephemeris Day of the k-th new moon after 2000-01-06 (Meeus ch. 49)."""
    t = k / 1236.85
    jde = (2451550.09766 + SYNODIC * k + 0.00015437 * t ** 2 - 0.000000150 * t ** 3 + 0.00000000073 * t ** 4)
    e = 1.0 - 0.002516 * t - 0.0000074 * t ** 2
    r = math.radians
    m = r(2.5534 + 29.10535670 * k - 0.0000014 * t ** 2 - 0.00000011 * t ** 3)
    mp = r(201.5643 + 385.81693528 * k + 0.0107582 * t ** 2 + 0.00001238 * t ** 3 - 0.000000058 * t ** 4)
    f = r(160.7108 + 390.67050284 * k - 0.0016118 * t ** 2 - 0.00000227 * t ** 3 + 0.000000011 * t ** 4)
    om = r(124.7746 - 1.56375588 * k + 0.0020672 * t ** 2 + 0.00000215 * t ** 3)
    s = math.sin
    jde += (-0.40720 * s(mp) + 0.17241 * e * s(m) + 0.01608 * s(2 * mp) + 0.01039 * s(2 * f)
            + 0.00739 * e * s(mp - m) - 0.00514 * e * s(mp + m) + 0.00208 * e * e * s(2 * m)
            - 0.00111 * s(mp - 2 * f) - 0.00057 * s(mp + 2 * f) + 0.00056 * e * s(2 * mp + m)
            - 0.00042 * s(3 * mp) + 0.00042 * e * s(m + 2 * f) + 0.00038 * e * s(m - 2 * f)
            - 0.00024 * e * s(2 * mp - m) - 0.00017 * s(om) - 0.00007 * s(mp + 2 * m)
            + 0.00004 * s(2 * mp - 2 * f) + 0.00004 * s(3 * m) + 0.00003 * s(mp + m - 2 * f)
            + 0.00003 * s(2 * mp + 2 * f) - 0.00003 * s(mp + m + 2 * f) + 0.00003 * s(mp - m + 2 * f)
            - 0.00002 * s(mp - m - 2 * f) - 0.00002 * s(3 * mp + m) + 0.00002 * s(4 * mp))
    planetary = ((299.77 + 0.107408 * k - 0.009173 * t ** 2, 325), (251.88 + 0.016321 * k, 165),
                 (251.83 + 26.651886 * k, 164), (349.42 + 36.412478 * k, 126), (84.66 + 18.206239 * k, 110),
                 (141.74 + 53.303771 * k, 62), (207.14 + 2.453732 * k, 60), (154.84 + 7.306860 * k, 56),
                 (34.52 + 27.261239 * k, 47), (207.19 + 0.121824 * k, 42), (291.34 + 1.844379 * k, 40),
                 (161.72 + 24.198154 * k, 37), (239.56 + 25.513099 * k, 35), (331.55 + 3.592518 * k, 23))
    jde += sum(c * 1e-6 * s(r(a)) for a, c in planetary)
    return jde


def new_moon_day(k: int) -> date:
    """The date in Beijing of the k-th new moon."""
    jde = new_moon_jde(k)
    year = 2000.0 + (jde - 2451545.0) / 365.25
    return _date_of(jde - _delta_t_days(year) + BEIJING)


def sun_longitude(jde: float) -> float:
    """The sun's apparent longitude in degrees (Meeus ch. 25, low accuracy)."""
    t = (jde - 2451545.0) / 36525.0
    l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    m = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    c = ((1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(m) + (0.019993 - 0.000101 * t) * math.sin(2 * m)
         + 0.000289 * math.sin(3 * m))
    om = math.radians(125.04 - 1934.136 * t)
    return (l0 + c - 0.00569 - 0.00478 * math.sin(om)) % 360.0


def _longitude_at_beijing_midnight(d: date) -> float:
    jd_ut = _jd_of(d) - BEIJING
    return sun_longitude(jd_ut + _delta_t_days(d.year + (d.timetuple().tm_yday - 1) / 365.25))


def solar_term_jd(year: int, longitude: float) -> float:
    """The moment (JD, UT) in `year` when the sun reaches `longitude` degrees."""
    # the sun is at 0 degrees about 20 March; start from the mean place and refine
    days = ((longitude - 0.0) % 360.0) * 365.2422 / 360.0
    jd = _jd_of(date(year, 3, 20)) + days
    if longitude >= 270.0 and jd > _jd_of(date(year, 12, 31)) + 1:
        jd -= 365.2422
    for _ in range(6):
        dt = _delta_t_days(year)
        diff = (longitude - sun_longitude(jd + dt) + 180.0) % 360.0 - 180.0
        jd += diff * 365.2422 / 360.0
    return jd


def solar_term_date(year: int, longitude: float) -> date:
    """The date in Beijing on which the sun reaches `longitude` (15 = Qingming, 270 = winter solstice)."""
    return _date_of(solar_term_jd(year, longitude) + BEIJING)


def _k_before(d: date) -> int:
    """The index of the last new moon starting on or before day d (Beijing)."""
    k = int(math.floor((_jd_of(d) - 2451550.09766) / SYNODIC)) + 1
    while new_moon_day(k) > d:
        k -= 1
    while new_moon_day(k + 1) <= d:
        k += 1
    return k


@lru_cache(maxsize=64)
def lunar_months(year: int) -> tuple[tuple[int, bool, date], ...]:
    """The months from the 11th month holding the winter solstice of year-1 up to (not including) the
    11th month of `year`: (month number, leap?, first day)."""
    k11 = _k_before(solar_term_date(year - 1, 270.0))
    k11_next = _k_before(solar_term_date(year, 270.0))
    starts = [new_moon_day(k) for k in range(k11, k11_next + 1)]
    leap_index = None
    if k11_next - k11 == 13:  # a leap year: the first month without a major solar term is the leap
        for i in range(1, len(starts) - 1):
            a = math.floor(_longitude_at_beijing_midnight(starts[i]) / 30.0)
            b = math.floor(_longitude_at_beijing_midnight(starts[i + 1]) / 30.0)
            if a == b:
                leap_index = i
                break
    months, number = [], 10
    for i, start in enumerate(starts[:-1]):
        leap = i == leap_index
        if not leap:
            number = number % 12 + 1
        months.append((number, leap, start))
    return tuple(months)


def lunar_to_gregorian(year: int, month: int, day: int, leap: bool = False) -> date:
    """The Gregorian date of lunar `month`/`day` of the lunar year starting in Gregorian `year`
    (months 11 and 12 of that lunar year are looked up in the next winter's months)."""
    pool = lunar_months(year) if month <= 10 else lunar_months(year + 1)
    for number, is_leap, start in pool:  # 11 and 12 open each pool, then 1 .. 10
        if number == month and is_leap == leap:
            return start + timedelta(days=day - 1)
    raise ValueError(f"no lunar month {month}{' (leap)' if leap else ''} in {year}")


def festivals_between(start: date, end: date, country: str = "CN") -> list[tuple[Festival, date]]:
    """Every festival dated start..end (inclusive), in date order."""
    out = []
    for year in range(start.year, end.year + 1):
        for f in FESTIVALS:
            d = festival_date(f.key, year, country)
            if start <= d <= end:
                out.append((f, d))
    return sorted(out, key=lambda x: x[1])
