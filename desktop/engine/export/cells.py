"""Cell safety: the one text-cell writer and CSV escaping, whatever the input holds."""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from typing import Any

import pandas as pd

# XML 1.0 cannot hold these; Excel refuses files that contain them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


_NEEDS_CLEANING = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


_FORMULA_START = frozenset("=+-@\t\r\n")


_LONG_DIGITS = re.compile(r"\d{16,}")  # more digits than Excel keeps in a number


def clean_text(text: str) -> str:
    """Return `text` without the characters an xlsx file cannot hold, line breaks as LF."""
    if _NEEDS_CLEANING.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def is_formula_like(text: str) -> bool:
    """Return True when a spreadsheet could take `text` for a formula: its first character after
    NFKC normalisation and leading spaces is = + - @ tab, CR or LF."""
    if not text:
        return False
    first = text[0]
    if first in _FORMULA_START:
        return True
    if first.isascii() and first != " ":
        return False  # fast path: NFKC leaves other ASCII alone
    head = unicodedata.normalize("NFKC", text[:64]).lstrip(" ")
    return bool(head) and head[0] in _FORMULA_START


def csv_cell(text: str) -> str:
    """Return cleaned text for a CSV cell, escaped as OWASP's CSV-injection advice says: text
    starting with = + - @ tab, CR or LF (also after NFKC normalisation and leading spaces) gets a
    leading apostrophe, phone numbers and signed numbers included (`'+86 138 0013 8000`): a CSV
    cell has no type, so a spreadsheet would take them for formulas.

    Ids of 16 digits or more get the same apostrophe: Excel reads a bare `12345678901234567` as
    a number and keeps 15 significant digits (1.23457E+16, the last digits lost for good), while
    `'12345678901234567` stays text, shown as written. Excel drops a leading apostrophe when it
    reads a cell; `="..."`, the other usual trick, would be a formula, and a leading tab would be
    one of the characters this escaping guards against. Shorter digit strings are left alone
    (Excel keeps them exactly)."""
    text = clean_text(text)
    if is_formula_like(text) or _LONG_DIGITS.fullmatch(text):
        return "'" + text
    return text


def text_cell_xml(value: object, fmt: Any = None, quoted_fmt: Any = None) -> str:
    """Return the XML of a text cell after `<c r="A1"` ("" for empty text): `value` cleaned,
    XML-escaped, as an inline string, with `quoted_fmt` (Excel's quote prefix) when it looks like a
    formula. The one way Clientele writes text into a workbook: a string can never become a
    formula, a link, a number or rich-text XML, and it reads back exactly as cleaned."""
    if value is None:
        return ""
    text = clean_text(value if isinstance(value, str) else (_to_text(value) or ""))
    if not text:
        return ""
    return _inline_string(text, quoted_fmt if quoted_fmt is not None and is_formula_like(text) else fmt)


def write_text_cell(worksheet: Any, row: int, col: int, value: object, fmt: Any = None,
                    quoted_fmt: Any = None) -> None:
    """Write `value` as a text cell (text_cell_xml) on a worksheet of new_workbook; nothing for
    empty text."""
    xml = text_cell_xml(value, fmt, quoted_fmt)
    if xml:
        worksheet.put_cell_xml(row, col, xml)


def _as_text_series(values: pd.Series) -> pd.Series:
    return values.map(_to_text, na_action="ignore").astype(object)


def _to_text(value: object) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))  # 13800138000.0 read from Excel -> "13800138000"
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


_EXCEL_EPOCH = _dt.datetime(1899, 12, 31)


_ESCAPE_LOOKALIKE = re.compile("(_x[0-9a-fA-F]{4}_)")


_EXCEL_MAX_TEXT = 32767  # characters (UTF-16 code units) in one cell


def _style(fmt: Any) -> str:
    """Return the cell's style attribute for an XlsxWriter format (none for the default)."""
    return f' s="{fmt._get_xf_index()}"' if fmt is not None else ""


def _excel_serial(value: _dt.datetime) -> float:
    """Return Excel's serial number of a naive datetime (1900 system, with its 29 Feb 1900)."""
    delta = value - _EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0
    return serial + 1 if serial >= 60 else serial


def _inline_string(text: str, fmt: Any) -> str:
    """Return an inline-string cell's XML (after `<c r="A2"`) for cleaned text: XML-escaped, with
    literal _xHHHH_ sequences escaped so readers do not decode them, cut to Excel's cell limit."""
    if len(text) > _EXCEL_MAX_TEXT // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * _EXCEL_MAX_TEXT:
            text = units[:2 * _EXCEL_MAX_TEXT].decode("utf-16-le", errors="ignore")
    escaped = text
    if "_x" in escaped:
        escaped = _ESCAPE_LOOKALIKE.sub(r"_x005F\1", escaped)
    if "&" in escaped or "<" in escaped or ">" in escaped:
        escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f'{_style(fmt)} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'
