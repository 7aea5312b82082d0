"""How numbers, money, dates and percentages are written for the shop owner."""

from __future__ import annotations

import math
from datetime import date, datetime

_currency = "$"


def set_currency(symbol: str) -> None:
    """Use `symbol` in front of every amount of money."""
    global _currency
    _currency = symbol


def currency() -> str:
    """Return the currency symbol in use."""
    return _currency


def is_missing(value: object) -> bool:
    """Return True for None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pandas NA refuses bool()
        return True


def money(value: object, decimals: int = 2) -> str:
    """Return e.g. '£1,234.50' ('-£12.00' for negatives, '' when missing)."""
    if is_missing(value):
        return ""
    v = float(value)  # type: ignore[arg-type]
    sign = "-" if v < 0 else ""
    return f"{sign}{_currency}{abs(v):,.{decimals}f}"


def money_short(value: object) -> str:
    """Return a compact amount for cards: '£1,235' or '£2.4M'."""
    if is_missing(value):
        return ""
    v = float(value)  # type: ignore[arg-type]
    if abs(v) >= 10_000_000:
        return money(v / 1_000_000, 1) + "M"
    return money(v, 0)


def integer(value: object) -> str:
    """Return e.g. '12,345'."""
    if is_missing(value):
        return ""
    return f"{int(round(float(value))):,}"  # type: ignore[arg-type]


def number(value: object, decimals: int = 1) -> str:
    """Return a number with `decimals` digits after the point."""
    if is_missing(value):
        return ""
    v = float(value)  # type: ignore[arg-type]
    if math.isinf(v):
        return ""
    return f"{v:,.{decimals}f}"


def percent(value: object, decimals: int = 1) -> str:
    """Return a fraction 0..1 as e.g. '12.5%'. Only an exact 0 or 1 reads 0% or 100%: a chance of
    0.9997 is '>99.9%', never a certainty it is not."""
    if is_missing(value):
        return ""
    v = float(value)  # type: ignore[arg-type]
    step = 10.0 ** -decimals
    shown = round(v * 100, decimals)
    if shown >= 100 and v < 1:
        return f">{100 - step:.{decimals}f}%"
    if shown <= 0 < v:
        return f"<{step:.{decimals}f}%"
    return f"{v * 100:.{decimals}f}%"


def day(value: object) -> str:
    """Return a date as YYYY-MM-DD (unambiguous in every language)."""
    if is_missing(value):
        return ""
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    return text[:10]
