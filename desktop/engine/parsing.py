"""Turning text cells into numbers and dates, one whole column at a time.

Columns are converted explicitly after reading everything as text (or as the cell types a workbook
stores). Work is done on the distinct values of a column only, which keeps million-row files fast.
"""

from __future__ import annotations

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
        out = np.full(len(codes), np.nan if result.dtype.kind == "f" else None, dtype=result.dtype if result.dtype.kind == "f" else object)
    ok = codes >= 0
    out[ok] = result[codes[ok]]
    return out


def _tidy_text(values: pd.Series) -> pd.Series:
    """Text values NFKC-normalised (full-width digits and punctuation to ASCII) and stripped; the
    normalisation is skipped when everything is plain ASCII already, as in most files."""
    vals = [str(v) for v in values]
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
    decide from the column)."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
        return NumberParse(out, pd.Series(False, index=values.index), decimal or ".")
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
    result = np.where(codes >= 0, parsed.to_numpy()[np.maximum(codes, 0)], np.nan)
    out = pd.Series(result, index=values.index, dtype="float64")
    bad = out.isna().to_numpy() & ~missing
    return NumberParse(out, pd.Series(bad, index=values.index), decimal or ".")


# ---------------------------------------------------------------- dates

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_DATE_SPLIT = re.compile(
    r"^\s*(\d{1,4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,4})\s*日?"
    r"(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:[.,]\d+)?)?\s*([AaPp][Mm])?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\s*(\d{1,2}):?(\d{2})(?::?(\d{2}))?)?\s*$")


@dataclass
class DateParse:
    """Result of converting a column to dates."""

    values: pd.Series  # datetime64[ns], NaT where missing or unreadable
    bad: pd.Series  # bool mask: text that is not a date
    order: str = "ymd"  # 'ymd', 'dmy', 'mdy', 'serial', 'compact' or 'native'
    ambiguous: bool = False  # day-first vs month-first could not be told from the values
    notes: list[str] = field(default_factory=list)


def _looks_like_excel_serial(v: float) -> bool:
    return 20000 <= v <= 80000  # 1954 .. 2119


def _assemble(parts: pd.DataFrame, order: str) -> pd.Series:
    """Build timestamps from split text parts (columns 0..6) in the given field order."""
    a = pd.to_numeric(parts[0], errors="coerce")
    b = pd.to_numeric(parts[1], errors="coerce")
    c = pd.to_numeric(parts[2], errors="coerce")
    if order == "ymd":
        y, m, d = a, b, c
    elif order == "dmy":
        d, m, y = a, b, c
    else:
        m, d, y = a, b, c
    y = y.where(y >= 100, y + 2000)  # two-digit years: 24 -> 2024
    hour = pd.to_numeric(parts[3], errors="coerce").fillna(0)
    ampm = parts[6].astype("string").str.lower()
    hour = hour.where(~((ampm == "pm") & (hour < 12)), hour + 12)
    hour = hour.where(~((ampm == "am") & (hour == 12)), 0)
    minute = pd.to_numeric(parts[4], errors="coerce").fillna(0)
    second = pd.to_numeric(parts[5], errors="coerce").fillna(0)
    frame = pd.DataFrame({"year": y, "month": m, "day": d, "hour": hour, "minute": minute, "second": second})
    ok = frame[["year", "month", "day"]].notna().all(axis=1)
    ok &= frame["month"].between(1, 12) & frame["day"].between(1, 31) & frame["year"].between(1900, 2200)
    ok &= frame["hour"].between(0, 23) & frame["minute"].between(0, 59) & frame["second"].between(0, 59)
    out = pd.Series(pd.NaT, index=parts.index, dtype="datetime64[ns]")
    if ok.any():
        out[ok] = pd.to_datetime(frame[ok].astype("int64"), errors="coerce")
    return out


_EARLIEST = pd.Timestamp("1900-01-01")
_LATEST = pd.Timestamp("2200-12-31")


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
    """Parse dates written in words ('Jan 5, 2024', '5 January 2024'); NaT for anything else. pandas
    raises on some garbage (years it cannot hold) even when told to coerce: then value by value."""
    try:
        return _bounded_ns(pd.to_datetime(values, errors="coerce", format="mixed", dayfirst=dayfirst))
    except (ValueError, OverflowError, TypeError):
        out = []
        for v in values:
            try:
                t = pd.to_datetime(v, errors="coerce", dayfirst=dayfirst)
                if t is not pd.NaT and t.tzinfo is not None:
                    t = t.tz_localize(None)
                if t is not pd.NaT and not (_EARLIEST <= t <= _LATEST):
                    t = pd.NaT
            except (ValueError, OverflowError, TypeError):
                t = pd.NaT
            out.append(t)
        return pd.Series(out, index=values.index, dtype="datetime64[ns]")


def _monotonic_score(values: pd.Series) -> float:
    """Share of consecutive non-missing dates that do not go backwards (exports are often sorted)."""
    v = values.dropna()
    if len(v) < 3:
        return 0.0
    diffs = np.diff(v.to_numpy().astype("datetime64[ns]").astype("int64"))
    return float((diffs >= 0).mean())


def parse_dates(values: pd.Series, date_order: str = "auto",
                factorised: tuple[np.ndarray, pd.Series] | None = None) -> DateParse:
    """Convert one column to datetimes. Understands ISO dates, 2024/1/5, 05.01.2024, 5/1/2024,
    2024年1月5日, YYYYMMDD, Excel serial numbers and cells a workbook already stores as dates.
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
    blank = _blank(u, all_text)
    missing = (codes < 0) | (blank[np.maximum(codes, 0)] & (codes >= 0))
    parsed = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    notes: list[str] = []
    order_used = "ymd"
    ambiguous = False

    if kind in ("datetime", "datetime64", "date"):  # a workbook's date cells: converted in one go
        try:
            converted = _bounded_ns(pd.Series(pd.to_datetime(u.to_numpy(), errors="coerce"), index=u.index))
        except (ValueError, OverflowError, TypeError):
            converted = None
        if converted is not None:
            result = np.where(codes >= 0, converted.to_numpy()[np.maximum(codes, 0)], np.datetime64("NaT"))
            out = pd.Series(result, index=index).astype("datetime64[ns]")
            return DateParse(out, pd.Series(out.isna().to_numpy() & ~missing, index=index), "native")
    if all_text:
        native = numeric = pd.Series(False, index=u.index)
    else:
        native = u.map(lambda v: isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year") and hasattr(v, "month"))
        numeric = u.map(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    if native.any():
        parsed[native] = _bounded_ns(pd.Series(
            [_safe_timestamp(v) for v in u[native]], index=u.index[native], dtype=object).pipe(
            pd.to_datetime, errors="coerce")).to_numpy()
        order_used = "native"
    text = ~native & ~numeric
    tvals = _tidy_text(u[text])
    # Numbers stored as text (CSV): serials or YYYYMMDD
    digit_text = pd.Series(np.fromiter((v.replace(".", "", 1).isdigit() and v[:1] != "." and v[-1:] != "."
                                        for v in tvals), dtype=bool, count=len(tvals)), index=tvals.index)
    nums = pd.concat([u[numeric].astype("float64"),
                      pd.to_numeric(tvals[digit_text], errors="coerce")])
    if len(nums):
        compact = nums[(nums >= 19000101) & (nums <= 21001231) & (nums % 1 == 0)]
        if len(compact):
            txt = compact.astype("int64").astype(str)
            dt = pd.to_datetime(txt, format="%Y%m%d", errors="coerce")
            parsed[dt.index] = dt.to_numpy()
            order_used = "compact"
        serial = nums[nums.map(_looks_like_excel_serial)]
        if len(serial):
            dt = _EXCEL_EPOCH + pd.to_timedelta(serial.to_numpy(), unit="D")
            parsed[serial.index] = dt.round("s").to_numpy()
            order_used = "serial" if order_used != "compact" else order_used
    rest = tvals[~digit_text]
    if len(rest):
        # Fast path for ISO dates (2024-01-05, 2024-01-05 13:45:00, 2024-01-05T13:45): parsed in C.
        try:
            iso = pd.to_datetime(rest, format="ISO8601", errors="coerce")
        except ValueError:  # some cells carry a UTC offset and some do not: keep the local clock time
            local = rest.str.replace(r"\s*(?:Z|[+-]\d{2}:?\d{2})$", "", regex=True)
            iso = pd.to_datetime(local, format="ISO8601", errors="coerce")
        iso_ok = iso.notna().to_numpy()
        iso = _bounded_ns(iso)
        if iso_ok.any():
            parsed[rest.index[iso_ok]] = iso[iso_ok].to_numpy()
            rest = rest[~iso_ok]
    if len(rest):
        compact_dt = rest.str.extract(_COMPACT)
        compact_ok = compact_dt[0].notna()
        if compact_ok.any():
            parts = compact_dt[compact_ok].reset_index(drop=True)
            parts.insert(6, 6, None)
            built = _assemble(parts.set_axis(range(7), axis=1), "ymd")
            parsed[rest.index[compact_ok.to_numpy()]] = built.to_numpy()
        rest = rest[~compact_ok.to_numpy()]
    if len(rest):
        parts = rest.str.extract(_DATE_SPLIT)
        parts.columns = range(7)
        matched = parts[0].notna()
        first_len = parts[0].str.len()
        ymd = matched & (first_len >= 3)
        other = matched & ~ymd
        if ymd.any():
            parsed[rest.index[ymd.to_numpy()]] = _assemble(parts[ymd], "ymd").to_numpy()
        if other.any():
            p = parts[other]
            a = pd.to_numeric(p[0], errors="coerce")
            b = pd.to_numeric(p[1], errors="coerce")
            dayfirst_only = (a > 12).any()
            monthfirst_only = (b > 12).any()
            if date_order in ("dmy", "mdy"):
                order = date_order
            elif dayfirst_only and not monthfirst_only:
                order = "dmy"
            elif monthfirst_only and not dayfirst_only:
                order = "mdy"
            else:
                # Undecidable from the values: prefer the reading that keeps rows in date order.
                ambiguous = not (dayfirst_only and monthfirst_only)
                if dayfirst_only and monthfirst_only:
                    notes.append("the column mixes day-first and month-first dates; read as day-first")
                full_index = rest.index[other.to_numpy()]
                in_rows = np.isin(codes, full_index)
                cand = {}
                for o in ("dmy", "mdy"):
                    lookup = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
                    lookup[full_index] = _assemble(p, o).to_numpy()
                    cand[o] = _monotonic_score(pd.Series(lookup.to_numpy()[codes[in_rows]]))
                order = "mdy" if cand["mdy"] > cand["dmy"] + 0.05 else "dmy"
                if ambiguous:
                    notes.append(
                        "dates like 05/01/2024 could be day-first or month-first; read as "
                        + ("month-first (MM/DD/YYYY)" if order == "mdy" else "day-first (DD/MM/YYYY)")
                    )
            parsed[rest.index[other.to_numpy()]] = _assemble(p, order).to_numpy()
            order_used = order
        # Anything else (e.g. 'Jan 5, 2024', '5 January 2024'): let pandas try, whole column at once.
        leftover = rest.index[~matched.to_numpy()]
        if len(leftover):
            parsed[leftover] = _parse_free_text(rest[leftover], dayfirst=order_used == "dmy").to_numpy()
    # A year outside 1900..2200 is a typo ('202t', '20024'), not a date to analyse.
    parsed = parsed.where((parsed >= _EARLIEST) & (parsed <= _LATEST))
    result = np.where(codes >= 0, parsed.to_numpy()[np.maximum(codes, 0)], np.datetime64("NaT"))
    out = pd.Series(result, index=index).astype("datetime64[ns]")
    bad = pd.Series(out.isna().to_numpy() & ~missing, index=index)
    return DateParse(out, bad, order_used, ambiguous, notes)


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


def to_text(values: pd.Series, distinct: bool = False) -> pd.Series:
    """Return the column as text exactly as written (object dtype of str, None where empty); whole-number
    floats from workbooks lose '.0' (Excel stores 17850 as 17850.0). `distinct`: the values are known
    to be distinct and non-missing already (factorised), so they are converted one by one directly."""
    def conv(v: object) -> object:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, str):
            t = v.strip()
            return t if t else None
        if isinstance(v, (float, np.floating)):
            if float(v).is_integer() and abs(v) < 1e16:
                return str(int(v))
            return repr(float(v))
        if isinstance(v, (bool, np.bool_)):
            return str(bool(v))
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
    return pd.Series(conv_u[codes], index=values.index, dtype=object)
