"""Turning text cells into numbers and dates, one whole column at a time.

Columns are converted explicitly after reading everything as text (or as the cell types a workbook
stores). Work is done on the distinct values of a column only, which keeps million-row files fast.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

_CURRENCY = re.compile(r"(?i)(rmb|cny|usd|eur|gbp|hkd|元|圆|块|[¥$€£₩₹￥])")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f']")
_PLAIN_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$")
_DOT_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


def is_missing_text(values: pd.Series) -> pd.Series:
    """Return a boolean mask of cells that are empty (NaN, None or only spaces)."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
        return values.isna()
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    blank = np.fromiter((isinstance(u, str) and not u.strip() for u in uniques), dtype=bool, count=len(uniques))
    mask = codes < 0
    if blank.any():
        mask |= blank[np.maximum(codes, 0)] & (codes >= 0)
    return pd.Series(mask, index=values.index)


def on_uniques(values: pd.Series, fn) -> np.ndarray:
    """Apply `fn` (a function of a Series of distinct non-missing values, returning an array-like of
    the same length) to the distinct values of `values` only; return the result for every row, with
    fn's missing value for missing cells. Keeps text work proportional to distinct values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    result = np.asarray(fn(pd.Series(uniques, dtype=object)))
    if result.dtype == bool:
        out = np.zeros(len(codes), dtype=bool)
    else:
        floats = result.dtype.kind == "f"
        out = np.full(len(codes), np.nan if floats else None, dtype=result.dtype if floats else object)
    ok = codes >= 0
    out[ok] = result[codes[ok]]
    return out


def _tidy_text(values: pd.Series) -> pd.Series:
    """Text values NFKC-normalised (full-width digits and punctuation to ASCII) and stripped; the
    normalisation is skipped when everything is plain ASCII already, as in most files."""
    vals = [v if type(v) is str else str(v) for v in values]
    if not "".join(vals).isascii():
        import unicodedata

        vals = [unicodedata.normalize("NFKC", v) for v in vals]
    return pd.Series([v.strip() for v in vals], index=values.index, dtype=object)


def _blank(uniques: pd.Series, all_text: bool) -> np.ndarray:
    """Which distinct values are text holding only spaces."""
    if all_text:
        return np.fromiter((not v.strip() for v in uniques), dtype=bool, count=len(uniques))
    return uniques.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(dtype=bool)


@dataclass
class NumberParse:
    """Result of converting a column to numbers."""

    values: pd.Series  # float64, NaN where missing or unreadable
    bad: pd.Series  # bool mask: cell had text that is not a number
    decimal: str = "."


def detect_decimal_comma(samples: pd.Series) -> bool:
    """Return True when the text looks like it uses a comma as the decimal separator (1.234,50)."""
    text = samples.dropna().astype(str).map(lambda s: _CURRENCY.sub("", _SPACES.sub("", s)))
    text = text[text.str.contains(r"\d", regex=True)]
    if text.empty:
        return False
    comma = text.str.match(_COMMA_DECIMAL).sum()
    dot = text.str.match(r"^[-+]?\d+\.\d{1,2}$").sum() + text.str.match(_DOT_THOUSANDS).sum()
    return comma > dot


def _normalise_number_text(u: pd.Series, decimal: str) -> pd.Series:
    """Normalise distinct text values so pandas can read them as numbers."""
    s = u.astype(str).str.normalize("NFKC")
    s = s.str.replace("−", "-", regex=False).str.replace("–", "-", regex=False)
    s = s.str.replace(_CURRENCY, "", regex=True).str.replace(_SPACES, "", regex=True)
    negative = s.str.match(r"^\(.*\)$") | s.str.match(r"^.*\d-$")
    s = s.str.replace(r"^\((.*)\)$", r"\1", regex=True).str.replace(r"^(.*\d)-$", r"\1", regex=True)
    if decimal == ",":
        s = s.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        s = s.str.replace(",", "", regex=False)
    s = s.str.replace(r"^\+", "", regex=True)
    num = pd.to_numeric(s, errors="coerce").astype("float64")
    return num.where(~negative, -num)


def parse_numbers(values: pd.Series, decimal: str | None = None) -> NumberParse:
    """Convert one column to float64: thousands separators, currency symbols (¥ $ € £), full-width
    digits, parentheses negatives and decimal commas are understood. `decimal` is '.' or ',' (None:
    decide from the column). Only finite numbers come back: inf, Infinity, 1e309 and NaN are NaN and
    `bad`, so no sum over a column is ever inf or NaN."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
        infinite = np.isinf(out.to_numpy())
        return NumberParse(out.where(~infinite), pd.Series(infinite, index=values.index), decimal or ".")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    uniques = pd.Series(uniques, dtype=object)
    kind = pd.api.types.infer_dtype(uniques, skipna=True)
    all_text = kind == "string"
    blank = _blank(uniques, all_text)
    missing = (codes < 0) | (blank[np.maximum(codes, 0)] & (codes >= 0))
    # Cells may already be numbers (xlsx) or text.
    if all_text:
        is_num = pd.Series(False, index=uniques.index)
    elif kind in ("floating", "integer", "mixed-integer-float"):  # a workbook's number cells
        is_num = pd.Series(True, index=uniques.index)
    else:
        is_num = uniques.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    parsed = pd.Series(np.nan, index=uniques.index, dtype="float64")
    if is_num.any():
        parsed[is_num] = uniques[is_num].astype("float64")
    text = uniques[~is_num]
    if len(text):
        if decimal is None:
            decimal = "," if detect_decimal_comma(text.head(2000)) else "."
        plain = pd.to_numeric(text, errors="coerce") if decimal == "." else pd.Series(np.nan, index=text.index)
        parsed[plain.index] = plain.to_numpy(dtype="float64")
        rest = text[plain.isna().to_numpy()]
        if len(rest):
            parsed[rest.index] = _normalise_number_text(rest, decimal).to_numpy()
    # inf, Infinity, 1e309 and NaN written as text are no amounts: unreadable, like any other text.
    parsed = parsed.where(np.isfinite(parsed.to_numpy()))
    result = np.where(codes >= 0, parsed.to_numpy()[np.maximum(codes, 0)], np.nan)
    out = pd.Series(result, index=values.index, dtype="float64")
    bad = out.isna().to_numpy() & ~missing
    return NumberParse(out, pd.Series(bad, index=values.index), decimal or ".")


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_EARLIEST = pd.Timestamp("1900-01-01")
_LATEST = pd.Timestamp("2200-12-31")
# The date part of a cell, once its time of day, weekday, AM/PM and time zone are taken out.
_DATE_SPLIT = re.compile(r"^\s*(\d{1,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,4})\s*日?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\s*(\d{2})(\d{2})(\d{2})?)?\s*$")
# A time of day: 14:01, 3:04:05.123, 10：30 (full-width colon), 10时30分15秒, 10点30分.
_TIME = re.compile(
    r"(?<![\d.:：])(\d{1,2})\s*(?:[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2})(?:[.,](\d{1,9}))?)?"
    r"|[时時点點]\s*(\d{1,2})\s*分(?:\s*(\d{1,2})\s*秒)?)(?!\d)"
)
_TIME_MARK = "\x01"  # where the time of day stood in a cell's skeleton
# Weekdays are ignored, even when they disagree with the date: 星期五, 周五, (礼拜五), Fri, Friday.
_WEEKDAY = re.compile(
    r"(?i)[(（]?\s*(?:(?:星期|礼拜|禮拜|周|週)[一二三四五六日天七]"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?)\s*[)）]?\s*,?"
)
_AM = re.compile(r"(?i)上午|早上|早晨|凌晨|\bam\b|\ba\.m\.")
_PM = re.compile(r"(?i)下午|中午|晚上|傍晚|\bpm\b|\bp\.m\.")
# A time zone after the time: Z, UTC, GMT+8, +08:00, +0800, -05, optionally followed by a zone name.
_OFFSET = re.compile(
    "\x01" r"\s*(?:(?:Z|UTC|GMT)(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?|([+-])(\d{2})(?::?(\d{2}))?)"
    r"(?:\s*\(?[A-Za-z][A-Za-z .]*\)?)?\s*$"
)
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sept|sep|oct|nov|dec)[a-z]*\.?"
_MONTH_NAME = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_NAMED = [  # (pattern, which groups hold year, month name, day)
    (re.compile(rf"(?i)^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.,]*{_MON}[\s\-/.,]*(\d{{2,4}})$"), (3, 2, 1)),
    (re.compile(rf"(?i)^{_MON}[\s\-/.,]*(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.,]+(\d{{2,4}})$"), (3, 1, 2)),
    (re.compile(rf"(?i)^(\d{{4}})[\s\-/.,]*{_MON}[\s\-/.,]*(\d{{1,2}})$"), (1, 2, 3)),
]


@dataclass
class DateParse:
    """Result of converting a column to dates."""

    values: pd.Series  # datetime64[ns], NaT where missing or unreadable
    bad: pd.Series  # bool mask: text that is not a date
    order: str = "ymd"  # 'ymd', 'dmy', 'mdy', 'serial', 'compact' or 'native'
    ambiguous: bool = False  # day-first vs month-first could not be told from the values
    notes: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)  # time-zone offsets written in the cells ('+08:00')
    zone: str | None = None  # the offset every time was converted to (see _apply_offsets)


def _looks_like_excel_serial(v: float) -> bool:
    return 20000 <= v <= 80000  # 1954 .. 2119


def _assemble(parts: pd.DataFrame, order: str) -> pd.Series:
    """Build timestamps from split text parts (columns 0..6: three date fields in the given order,
    hour, minute, second, am/pm)."""
    fields = {"ymd": (0, 1, 2), "dmy": (2, 1, 0), "mdy": (2, 0, 1)}[order]
    y, m, d = (pd.to_numeric(parts[i], errors="coerce") for i in fields)
    # A year written with two digits: 00..68 is 2000..2068, 69..99 is 1969..1999 (as strptime's %y).
    # A year written with four digits is taken as written: 0001 is a typo, not 2001.
    short = parts[fields[0]].astype("string").str.strip().str.len().fillna(4).to_numpy() <= 2
    y = y.where(~short, y + np.where(y < 69, 2000, 1900))
    hour = pd.to_numeric(parts[3], errors="coerce").fillna(0)
    ampm = parts[6].astype("string").str.lower().fillna("")
    hour = hour.where(~((ampm == "pm") & (hour < 12)).to_numpy(), hour + 12)
    hour = hour.where(~((ampm == "am") & (hour == 12)).to_numpy(), 0)
    minute = pd.to_numeric(parts[4], errors="coerce").fillna(0)
    second = pd.to_numeric(parts[5], errors="coerce").fillna(0)
    frame = pd.DataFrame({"year": y, "month": m, "day": d, "hour": hour, "minute": minute, "second": second})
    ok = frame[["year", "month", "day"]].notna().all(axis=1)
    ok &= frame["month"].between(1, 12) & frame["day"].between(1, 31) & frame["year"].between(1900, 2200)
    ok &= frame["hour"].between(0, 23) & frame["minute"].between(0, 59) & frame["second"].between(0, 59)
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if ok.any():  # 30 February and the like come back NaT: a bad date, not a refused column
        out[ok] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce")
    return out


def _safe_timestamp(v: object) -> object:
    try:
        t = pd.Timestamp(v)
        return t if _EARLIEST <= t.tz_localize(None) <= _LATEST else None
    except (ValueError, OverflowError, TypeError):
        return None


def _bounded_ns(parsed: pd.Series) -> pd.Series:
    """Naive nanosecond datetimes, NaT outside 1900..2200. pandas may return a coarser unit that
    holds year 202 or 9999; such values are typos, not dates, and would overflow nanoseconds."""
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
    return parsed.astype("datetime64[ns]")


def _parse_free_text(values: pd.Series, dayfirst: bool) -> pd.Series:
    """Parse dates written in other ways pandas knows; NaT for anything else. Only text holding a
    whole date is tried: pandas fills a missing year, month or day from today ('10:30' would become
    a purchase made today). pandas raises on some garbage even when told to coerce: then value by value."""
    whole = values.str.contains(_MONTH_NAME, regex=True) & (values.str.count(r"\d+") >= 2)
    whole |= values.str.count(r"\d+") >= 3
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    values = values[whole.to_numpy() & (values.str.len() <= 64).to_numpy()]
    if values.empty:
        return out
    try:
        out[values.index] = _bounded_ns(pd.to_datetime(values, errors="coerce", format="mixed",
                                                       dayfirst=dayfirst)).to_numpy()
    except (ValueError, OverflowError, TypeError):
        for i, v in values.items():
            try:
                t = pd.to_datetime(v, errors="coerce", dayfirst=dayfirst)
                if t is not pd.NaT and t.tzinfo is not None:
                    t = t.tz_localize(None)
                if t is not pd.NaT and _EARLIEST <= t <= _LATEST:
                    out[i] = t
            except (ValueError, OverflowError, TypeError):
                pass
    return out


def _monotonic_score(values: pd.Series) -> float:
    """Share of consecutive non-missing dates that do not go backwards (exports are often sorted)."""
    v = values.dropna()
    if len(v) < 3:
        return 0.0
    diffs = np.diff(v.to_numpy().astype("datetime64[ns]").astype("int64"))
    return float((diffs >= 0).mean())


@dataclass
class _DayParse:
    values: pd.Series  # datetime64[ns] per distinct date text
    order: str = "ymd"
    ambiguous: bool = False
    notes: list[str] = field(default_factory=list)


def _named_months(texts: pd.Series) -> pd.DataFrame:
    """Dates with a month name (11-Feb-17, January 5, 2024, 5th Jan 2024, 2024-Jan-05) as year, month
    and day text (columns 0..2), NaN where a text has no month name in one of these forms."""
    out = pd.DataFrame({0: pd.Series(np.nan, index=texts.index, dtype=object)})
    out[1] = out[2] = out[0]
    left = texts
    for pattern, (yi, mi, di) in _NAMED:
        if left.empty:
            break
        parts = left.str.extract(pattern)
        ok = parts[0].notna().to_numpy()
        if ok.any():
            p = parts[ok]
            month = p[mi - 1].str.lower().str.rstrip(".").str[:4].map(lambda s: _MONTHS.get(s, _MONTHS.get(s[:3])))
            out.loc[p.index, 0] = p[yi - 1]
            out.loc[p.index, 1] = month.astype(object)
            out.loc[p.index, 2] = p[di - 1]
        left = left[~ok]
    return out


def _parse_day_text(texts: pd.Series, date_order: str, row_codes: np.ndarray) -> _DayParse:
    """Read distinct date texts (no time of day) indexed 0..k-1; `row_codes` gives the text of each
    row in file order, for deciding day-first vs month-first from the order of the rows."""
    parsed = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
    result = _DayParse(parsed)
    if texts.empty:
        return result
    rest = texts
    iso = _bounded_ns(pd.to_datetime(rest.where(~rest.str.fullmatch(r"\d{1,6}")), format="ISO8601", errors="coerce"))
    ok = iso.notna().to_numpy()
    parsed[rest.index[ok]] = iso[ok].to_numpy()
    rest = rest[~ok]
    if len(rest):
        compact = rest.str.extract(_COMPACT)
        ok = compact[0].notna().to_numpy()
        if ok.any():
            parts = compact[ok].set_axis(range(6), axis=1)
            parts[6] = None
            parsed[rest.index[ok]] = _assemble(parts, "ymd").to_numpy()
            result.order = "compact"
        rest = rest[~ok]
    if not len(rest):
        return result
    parts = rest.str.extract(_DATE_SPLIT)
    named = _named_months(rest[parts[0].isna().to_numpy()])
    for j in range(3):
        parts.loc[named.index, j] = named[j]
    for j in (3, 4, 5, 6):
        parts[j] = None
    matched = parts[0].notna()
    ymd = matched & ((parts[0].astype("string").str.len() >= 3) | parts.index.isin(named.index)).fillna(False)
    other = matched & ~ymd
    if ymd.any():
        parsed[rest.index[ymd.to_numpy()]] = _assemble(parts[ymd], "ymd").to_numpy()
        result.order = "ymd" if result.order != "compact" else result.order
    if other.any():
        p = parts[other]
        a = pd.to_numeric(p[0], errors="coerce")
        b = pd.to_numeric(p[1], errors="coerce")
        dayfirst_only = bool((a > 12).any())
        monthfirst_only = bool((b > 12).any())
        if date_order in ("dmy", "mdy"):
            order = date_order
        elif dayfirst_only and not monthfirst_only:
            order = "dmy"
        elif monthfirst_only and not dayfirst_only:
            order = "mdy"
        else:
            # Undecidable from the values: prefer the reading that keeps rows in date order.
            result.ambiguous = not (dayfirst_only and monthfirst_only)
            if dayfirst_only and monthfirst_only:
                result.notes.append("the column mixes day-first and month-first dates; read as day-first")
            full_index = rest.index[other.to_numpy()]
            cand = {}
            for o in ("dmy", "mdy"):
                lookup = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[ns]")
                lookup[full_index] = _assemble(p, o).to_numpy()
                cand[o] = _monotonic_score(pd.Series(lookup.to_numpy()[row_codes]))
            order = "mdy" if cand["mdy"] > cand["dmy"] + 0.05 else "dmy"
            if result.ambiguous:
                result.notes.append(
                    "dates like 05/01/2024 could be day-first or month-first; read as "
                    + ("month-first (MM/DD/YYYY)" if order == "mdy" else "day-first (DD/MM/YYYY)")
                )
        parsed[rest.index[other.to_numpy()]] = _assemble(p, order).to_numpy()
        result.order = order
    # Anything else (e.g. '2024-01-05 10:00:00.123456789 UTC'): let pandas try, whole column at once.
    leftover = rest.index[~matched.to_numpy()]
    if len(leftover):
        parsed[leftover] = _parse_free_text(rest[leftover], dayfirst=result.order == "dmy").to_numpy()
    return result


def _offset_text(minutes: float) -> str:
    sign = "-" if minutes < 0 else "+"
    m = int(abs(minutes))
    return f"{sign}{m // 60:02d}:{m % 60:02d}"


_NO_OBJECT = np.array(None, dtype=object)  # None as np.where's other branch (object result)


def _split_cells(texts: pd.Series) -> tuple[np.ndarray, pd.Series, np.ndarray, pd.Series]:
    """Each cell split into a skeleton (the cell with its time of day replaced by a mark) and its time
    of day. A column of date-times has few distinct dates and few distinct times, so the slow text
    work is done on those: (skeleton codes, distinct skeletons, time codes, distinct times)."""
    # Usually the time is the last word ('05/01/2024 10:00', '2024/1/5 下午 3:04:05'): the words are
    # split in C and only the distinct last words are matched; other cells are searched one by one.
    split = [v.rpartition(" ") for v in texts]
    heads = np.array([p[0] for p in split], dtype=object)
    tails = np.array([p[2] for p in split], dtype=object)
    last_codes, last = pd.factorize(tails)
    is_time = np.fromiter((_TIME.fullmatch(w) is not None for w in last), dtype=bool, count=len(last))
    easy = is_time[last_codes] & (heads != "")
    skels = np.where(easy, heads + (" " + _TIME_MARK), _NO_OBJECT)
    times = np.where(easy, tails, _NO_OBJECT)
    # or the word before the last ('2024-01-05 10:00:00 星期五', 'Jan 5, 2024 3:04 PM')
    rest = np.flatnonzero(~easy & (heads != ""))
    if len(rest):
        split2 = [h.rpartition(" ") for h in heads[rest]]
        words = np.array([p[2] for p in split2], dtype=object)
        word_codes, distinct = pd.factorize(words)
        second = np.fromiter((_TIME.fullmatch(w) is not None for w in distinct), dtype=bool,
                             count=len(distinct))[word_codes]
        second &= np.array([p[0] for p in split2], dtype=object) != ""
        for i, (head, _sep, word), ok in zip(rest, split2, second):
            if ok:
                skels[i], times[i] = f"{head} {_TIME_MARK} {tails[i]}", word
        easy[rest[second]] = True
    search = _TIME.search
    for i in np.flatnonzero(~easy):
        v = texts.iat[i]
        m = search(v)
        if m is None:
            skels[i], times[i] = v, ""
        else:
            skels[i], times[i] = v[:m.start()] + _TIME_MARK + v[m.end():], m.group(0)
    s_codes, s_uni = pd.factorize(pd.Series(skels, dtype=object))
    t_codes, t_uni = pd.factorize(pd.Series(times, dtype=object))
    return s_codes, pd.Series(s_uni, dtype=object), t_codes, pd.Series(t_uni, dtype=object)


def _clock(times: pd.Series) -> pd.DataFrame:
    """Hour, minute and seconds (with fraction) of distinct time texts; NaN when not a time."""
    parts = times.str.extract(_TIME)
    hour = pd.to_numeric(parts[0], errors="coerce")
    minute = pd.to_numeric(parts[1].fillna(parts[4]), errors="coerce")
    second = pd.to_numeric(parts[2].fillna(parts[5]), errors="coerce").fillna(0)
    frac = pd.to_numeric("0." + parts[3].fillna("0"), errors="coerce").fillna(0)
    ok = hour.between(0, 23) & minute.between(0, 59) & second.between(0, 59)
    empty = (times == "").to_numpy()
    return pd.DataFrame({
        "hour": hour.where(ok).where(~empty, 0),
        "minute": minute.where(ok).where(~empty, 0),
        "second": (second + frac).where(ok).where(~empty, 0),
    })


def _parse_loose(texts: pd.Series, row_codes: np.ndarray, weights: np.ndarray, date_order: str
                 ) -> tuple[pd.Series, _DayParse, list[str], str | None]:
    """Read date texts that are not plain ISO: weekdays (ignored), AM/PM and 上午/下午, time zones,
    month names, day-first or month-first. `texts` are distinct (index 0..k-1), `row_codes` the text
    of each row in file order, `weights` how many rows hold each text."""
    s_codes, skels, t_codes, times = _split_cells(texts)
    # Skeletons: weekday out, AM/PM and time zone noted and taken out, what is left is the date.
    sk = skels.str.replace(_WEEKDAY, " ", regex=True)
    pm = sk.str.contains(_PM)
    am = sk.str.contains(_AM) & ~pm
    sk = sk.str.replace(_PM, " ", regex=True).str.replace(_AM, " ", regex=True)
    sk = sk.str.replace(r"\s*\x01\s*", _TIME_MARK, regex=True)
    off = sk.str.extract(_OFFSET)
    sign = off[0].fillna(off[3])
    hours = pd.to_numeric(off[1].fillna(off[4]), errors="coerce")
    mins = pd.to_numeric(off[2].fillna(off[5]), errors="coerce").fillna(0)
    has_zone = np.fromiter((_OFFSET.search(v) is not None for v in sk), dtype=bool, count=len(sk))
    offset = pd.Series(np.where(sign == "-", -1, 1) * (hours.fillna(0) * 60 + mins), index=sk.index)
    offset = offset.where(has_zone)
    sk = sk.str.replace(_OFFSET, _TIME_MARK, regex=True)
    day_text = sk.str.replace(r"(?<=\d)T\x01", " ", regex=True).str.replace(_TIME_MARK, " ", regex=False)
    day_text = day_text.str.replace(r"\s+", " ", regex=True).str.strip(" ,")
    d_codes, d_uni = pd.factorize(day_text)
    # file-order rows of the distinct date texts, for the day-first/month-first decision
    text_day = d_codes[s_codes]
    day = _parse_day_text(pd.Series(d_uni, dtype=object), date_order, text_day[row_codes])
    clock = _clock(times)
    hour = clock["hour"].to_numpy()[t_codes]
    ampm_pm = pm.to_numpy()[s_codes]
    ampm_am = am.to_numpy()[s_codes]
    hour = np.where(ampm_pm & (hour < 12), hour + 12, hour)
    hour = np.where(ampm_am & (hour == 12), 0, hour)
    seconds = hour * 3600 + clock["minute"].to_numpy()[t_codes] * 60 + clock["second"].to_numpy()[t_codes]
    base = day.values.to_numpy()[text_day]
    out = base + pd.to_timedelta(np.round(seconds * 1e6), unit="us").to_numpy()
    # Time zones: every time is read as the wall clock of the zone most rows are written in (the
    # shop's, as its till or web shop writes it); cells in another zone are converted to it. A column
    # in one zone is thus read exactly as written, as the owner reads it.
    own = offset.to_numpy()[s_codes]
    zones = sorted({_offset_text(m) for m in offset.dropna().unique()})
    zone = None
    zoned = ~np.isnan(own)
    if zoned.any():
        counts = pd.Series(weights[zoned]).groupby(own[zoned]).sum()
        best = counts[counts == counts.max()].index
        chosen = float(next((b for b in best if b != 0), best[0]))
        zone = _offset_text(chosen)
        shift = np.where(zoned, chosen - np.nan_to_num(own), 0.0)
        out = out + pd.to_timedelta(shift, unit="min").to_numpy()
    return pd.Series(out, index=texts.index).astype("datetime64[ns]"), day, zones, zone


def parse_dates(values: pd.Series, date_order: str = "auto",
                factorised: tuple[np.ndarray, pd.Series] | None = None) -> DateParse:
    """Convert one column to datetimes. Understands ISO dates (with T, Z and time zones), 2024/1/5,
    05.01.2024, 5/1/2024, 2024年1月5日, YYYYMMDD, month names (11-Feb-17, Friday, January 5, 2024),
    weekdays (2024-01-05 星期五, Fri 05/01/2024: ignored), 12-hour times (3:04 PM, 下午 3:04), Excel
    serial numbers and cells a workbook already stores as dates. A cell holding only a time of day,
    an impossible date (30 February, year 0001 or 9999) or a number that is no date serial is a bad
    date (NaT, `bad`), never today and never a reason to refuse the column.
    Day-first vs month-first is decided for the whole column, never cell by cell: from values that can
    only be read one way, else from `date_order` ('dmy' or 'mdy'), else from which reading keeps the
    rows in date order, else day-first; `ambiguous` says when the values did not decide.
    `factorised` is (codes, distinct values) of `values` when the caller already has them."""
    index = values.index
    if pd.api.types.is_datetime64_any_dtype(values):
        out = _bounded_ns(pd.to_datetime(values))
        return DateParse(out, pd.Series(out.isna().to_numpy() & values.notna().to_numpy(), index=index), "native")
    if factorised is None:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        u = pd.Series(uniques, dtype=object)
    else:
        codes, u = factorised
    kind = pd.api.types.infer_dtype(u, skipna=True)
    all_text = kind == "string"
    parsed = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    result = DateParse(parsed, parsed, "ymd")

    if kind in ("datetime", "datetime64", "date"):  # a workbook's date cells: converted in one go
        try:
            converted = _bounded_ns(pd.Series(pd.to_datetime(u.to_numpy(), errors="coerce"), index=u.index))
        except (ValueError, OverflowError, TypeError):
            converted = None
        if converted is not None:
            rows = np.where(codes >= 0, converted.to_numpy()[np.maximum(codes, 0)], np.datetime64("NaT"))
            out = pd.Series(rows, index=index).astype("datetime64[ns]")
            return DateParse(out, pd.Series(out.isna().to_numpy() & (codes >= 0), index=index), "native")
    if all_text:
        tvals = _tidy_text(u)
        blank = tvals.to_numpy(dtype=object) == ""
        native = numeric = pd.Series(False, index=u.index)
    else:
        blank = _blank(u, all_text)
        native = u.map(lambda v: isinstance(v, (datetime.datetime, datetime.date, np.datetime64)))
        numeric = u.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
        # A time of day without a date (a cell formatted as time) is no date at all.
        clock = u.map(lambda v: isinstance(v, (datetime.time, datetime.timedelta, np.timedelta64)))
        tvals = _tidy_text(u[~native & ~numeric & ~clock])
    missing = (codes < 0) | (blank[np.maximum(codes, 0)] & (codes >= 0))
    if native.any():
        parsed[native] = _bounded_ns(pd.Series(
            [_safe_timestamp(v) for v in u[native]], index=u.index[native], dtype=object).pipe(
            pd.to_datetime, errors="coerce")).to_numpy()
        result.order = "native"
    tvals = tvals[tvals.to_numpy(dtype=object) != ""]
    # Numbers stored as text (CSV): serials or YYYYMMDD (short texts only: a cheap test in C first)
    short = np.fromiter(map(len, tvals), dtype=np.int64, count=len(tvals)) <= 16
    digit_text = pd.Series(False, index=tvals.index)
    if short.any():
        digit_text[short] = np.fromiter((v.replace(".", "", 1).isdigit() and v[:1] != "." and v[-1:] != "."
                                         for v in tvals[short]), dtype=bool, count=int(short.sum()))
    nums = pd.concat([u[numeric].astype("float64"), pd.to_numeric(tvals[digit_text], errors="coerce")])
    if len(nums):
        # Whole numbers only: a fraction below 1 is a time of day, a negative number no date at all.
        compact = nums[(nums >= 19000101) & (nums <= 21001231) & (nums % 1 == 0)]
        if len(compact):
            txt = compact.astype("int64").astype(str)
            dt = pd.to_datetime(txt, format="%Y%m%d", errors="coerce")
            parsed[dt.index] = dt.to_numpy()
            result.order = "compact"
        serial = nums[nums.map(_looks_like_excel_serial)]
        if len(serial):
            dt = _EXCEL_EPOCH + pd.to_timedelta(serial.to_numpy(), unit="D")
            parsed[serial.index] = dt.round("s").to_numpy()
            result.order = "serial" if result.order != "compact" else result.order
    rest = tvals[~digit_text.to_numpy()]
    if len(rest):
        # Fast path for ISO dates (2024-01-05, 2024-01-05 13:45:00, 2024-01-05T13:45+08:00): parsed in
        # C. A column in one time zone is read as written; mixed zones go the long way (_parse_loose).
        try:
            iso = pd.to_datetime(rest, format="ISO8601", errors="coerce")
        except ValueError:
            iso = None
        if iso is not None:
            iso_ok = iso.notna().to_numpy()
            if iso_ok.any() and getattr(iso.dt, "tz", None) is not None:
                result.zone = _offset_text(iso[iso_ok].iloc[0].utcoffset().total_seconds() / 60)
                result.zones = [result.zone]
            iso = _bounded_ns(iso)
            if iso_ok.any():
                parsed[rest.index[iso_ok]] = iso[iso_ok].to_numpy()
            zoned_rest = result.zone is not None and not iso_ok.all()
            if not zoned_rest:
                rest = rest[~iso_ok]
            else:
                result.zone, result.zones = None, []
    if len(rest):
        k = len(u)
        local = np.full(k, -1, dtype=np.int64)
        local[rest.index.to_numpy()] = np.arange(len(rest))
        in_rest = codes >= 0
        row_local = local[np.maximum(codes, 0)]
        row_local = row_local[in_rest & (row_local >= 0)]
        weights = np.bincount(row_local, minlength=len(rest)).astype("float64")
        loose, day, zones, zone = _parse_loose(rest.reset_index(drop=True), row_local, weights, date_order)
        parsed[rest.index] = loose.to_numpy()
        if result.order not in ("compact", "serial"):
            result.order = day.order
        result.ambiguous = day.ambiguous
        result.notes.extend(day.notes)
        result.zones, result.zone = zones, zone
    # A year outside 1900..2200 is a typo ('202t', '20024'), not a date to analyse.
    parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
    out_values = np.where(codes >= 0, parsed.to_numpy()[np.maximum(codes, 0)], np.datetime64("NaT"))
    out = pd.Series(out_values, index=index).astype("datetime64[ns]")
    result.values = out
    result.bad = pd.Series(out.isna().to_numpy() & ~missing, index=index)
    return result


def date_parse_rate(values: pd.Series) -> float:
    """Share of non-empty cells in a sample that read as dates (for detecting date columns)."""
    nonempty = values[~is_missing_text(values)]
    if nonempty.empty:
        return 0.0
    sample = nonempty.head(500)
    if pd.api.types.is_datetime64_any_dtype(sample):
        return 1.0
    parsed = parse_dates(sample)
    return float(parsed.values.notna().mean())


def number_parse_rate(values: pd.Series) -> float:
    """Share of non-empty cells in a sample that read as numbers."""
    nonempty = values[~is_missing_text(values)]
    if nonempty.empty:
        return 0.0
    sample = nonempty.head(500)
    return float(parse_numbers(sample).values.notna().mean())


_WHOLE_WITH_ZERO = re.compile(r"^[+-]?\d+\.0+$")  # 536414.0: a whole number a program wrote as a float
_EXCEL_EXPONENT = re.compile(r"^[1-9](?:\.\d+)?[eE]\+(\d{2})$")  # 1.23457E+17: Excel's display of a long number
_ID_AS_NUMBER = re.compile(_WHOLE_WITH_ZERO.pattern + "|" + _EXCEL_EXPONENT.pattern)
LONG_NUMBER = 1e15  # 16 digits and more: past what a spreadsheet number holds exactly (15 digits)


def _number_text(v: float | np.floating) -> str | None:
    """A number as an id or a text cell shows it: never with an exponent, whole numbers without '.0'."""
    if not np.isfinite(v):
        return None
    if float(v).is_integer():
        return str(int(v))
    return np.format_float_positional(float(v), trim="-")


def lost_precision_ids(uniques: pd.Series) -> np.ndarray:
    """Which distinct id values are numbers of more than 15 digits (stored as numbers, so ids that differ
    in their last digits were already rounded to the same value), or Excel's exponent display of one
    (1.23457E+17) saved as text. Vectorised: a shop's ids run to a million distinct values."""
    values = pd.Series(uniques).reset_index(drop=True)
    out = np.zeros(len(values), dtype=bool)
    if values.dtype.kind == "f":
        v = values.to_numpy(dtype="float64")
        return np.isfinite(v) & (np.abs(v) >= LONG_NUMBER)
    if values.dtype.kind != "O":
        return out
    kinds = values.map(type)
    floats = kinds.isin([float, np.float64, np.float32]).to_numpy()
    if floats.any():
        v = values[floats].astype("float64").to_numpy()
        out[floats] = np.isfinite(v) & (np.abs(v) >= LONG_NUMBER)
    texts = kinds.isin([str]).to_numpy()
    if texts.any():
        s = values[texts].astype(str).str.strip()
        exponent = s.str.extract(_EXCEL_EXPONENT, expand=False)
        out[texts] = (pd.to_numeric(exponent, errors="coerce") >= 15).fillna(False).to_numpy(dtype=bool)
    return out


def to_text(values: pd.Series, distinct: bool = False, ids: bool = False) -> pd.Series:
    """Return the column as text exactly as written (object dtype of str, None where empty); numbers
    from workbooks print as written, never with an exponent, whole ones without '.0' (Excel stores
    17850 as 17850.0). `ids`: the column holds ids, which are always text: '536414.0' written by a
    program reads 536414 and Excel's 1.23457E+17 its digits (the warning lost_precision_ids says such
    ids cannot be told apart). `distinct`: the values are known to be distinct and non-missing already
    (factorised), so they are converted one by one directly."""
    def conv(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, str):
            t = v.strip()
            return t if t else None
        if isinstance(v, (bool, np.bool_)):
            return str(bool(v))
        if isinstance(v, (float, np.floating)):
            return _number_text(v)
        if isinstance(v, (int, np.integer)):
            return str(int(v))
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return str(v)

    if distinct:
        codes, uniques = np.arange(len(values)), values.to_numpy(dtype=object)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if pd.api.types.infer_dtype(uniques, skipna=True) == "string":  # the usual case: plain text cells
        conv_u = np.array([u.strip() or None for u in uniques] + [None], dtype=object)
    else:
        conv_u = np.array([conv(v) for v in uniques] + [None], dtype=object)
    if ids and len(uniques):
        texts = pd.Series(conv_u[:-1], dtype=object)
        # One pass over the ids (a million of them) finds both kinds; each is then told apart among
        # the few found.
        either = texts.str.match(_ID_AS_NUMBER).fillna(False).to_numpy(dtype=bool)
        found = texts[either]
        whole = np.zeros(len(texts), dtype=bool)
        exp = np.zeros(len(texts), dtype=bool)
        if either.any():
            whole[either] = found.str.match(_WHOLE_WITH_ZERO).fillna(False).to_numpy(dtype=bool)
            exp[either] = found.str.match(_EXCEL_EXPONENT).fillna(False).to_numpy(dtype=bool)
        if whole.any():
            conv_u[:-1][whole] = texts[whole].str.replace(r"\.0+$", "", regex=True).to_numpy()
        if exp.any():
            from decimal import Decimal

            conv_u[:-1][exp] = [format(Decimal(t), "f") for t in texts[exp]]
    return pd.Series(conv_u[codes], index=values.index, dtype=object)
