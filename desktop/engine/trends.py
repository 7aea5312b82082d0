"""How the shop is doing month by month: revenue, orders, customers, new and returning customers,
repeat rate, this month against last month and last year, cohort retention and customers lost and won.

Figures are of identified customers only: walk-in sales (cleaning.py sets them aside from the
customers) are not in `revenue`, so the months' revenue adds up to `net_revenue` of the analysis; they
are shown beside it per month (`walk_in_revenue`, `shop_revenue`). Revenue is net of returns (a return
counts in the month it was made); orders and customers count purchases only.

Definitions (per calendar month, `YYYY-MM`):
    customers            distinct customers who bought that month
    new_customers        of them, those whose first purchase in the data is that month
    returning_customers  of them, those who bought before that month (customers - new_customers)
    repeat_rate          returning_customers / customers (None in a month without customers)
    lost                 customers whose silence reached `lapse_days` that month (no purchase for 90
                         days, the "active" window of the analysis)
    won_back             customers who bought that month after a silence longer than `lapse_days`
Cohorts: customers by month of first purchase; retention[k] = share of them who bought in the k-th
month after (index 0 = the cohort's own month, always 1.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..texts import Message, message

LAPSE_DAYS = 90  # a customer with no purchase for this long counts as lost (active_90_days of analyze)
MONEY = ("revenue", "walk_in_revenue", "shop_revenue")


@dataclass
class TrendsResult:
    """Month rows, the comparison of the latest month, cohorts and warnings (to_dict: the JSON)."""

    as_of: pd.Timestamp
    months: list[dict[str, Any]]
    cohorts: list[dict[str, Any]]
    compare: dict[str, Any]
    lost_won: dict[str, Any]
    has_prices: bool
    warnings: list[Message] = field(default_factory=list)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {
            "as_of": self.as_of.date().isoformat(),
            "revenue_basis": "identified_customers",
            "has_prices": self.has_prices,
            "lapse_days": LAPSE_DAYS,
            "months": self.months,
            "cohorts": self.cohorts,
            "compare": self.compare,
            "lost_won": self.lost_won,
            "warnings": [w.to_dict(language) for w in self.warnings],
        }


def trends_of(analysis) -> TrendsResult:
    """Trends of an Analysis (pipeline.py): its lines up to its date, its walk-in sales, its file."""
    first = analysis.options.paths[0].name if analysis.options.paths else ""
    return compute_trends(analysis.lines, analysis.as_of, has_prices=analysis.has_prices,
                          walk_in=analysis.report.walk_in, file=first)


def compute_trends(lines: pd.DataFrame, as_of: object | None = None, *, has_prices: bool = True,
                   walk_in=None, file: str = "", lapse_days: int = LAPSE_DAYS) -> TrendsResult:
    """Return the trends of the order lines (schema.py) dated up to and including the day `as_of`
    (default: the last day in the data). `walk_in` is the CleaningReport's WalkIn (or None)."""
    end = pd.Timestamp(lines["date"].max() if as_of is None else as_of).normalize()
    lines = lines[lines["date"] < end + pd.Timedelta(days=1)]
    warnings: list[Message] = []
    if lines.empty:
        return TrendsResult(end, [], [], {}, {}, has_prices, [message("trends_no_lines", as_of=str(end.date()))])
    month = _month_number(lines["date"])  # integers: Period objects are slow by the hundred thousand
    buy = ~lines["is_return"].to_numpy(dtype=bool)
    buys = pd.DataFrame({"customer_id": lines["customer_id"].to_numpy()[buy], "month": month.to_numpy()[buy],
                         "order_id": lines["order_id"].to_numpy()[buy],
                         "day": lines["date"].dt.normalize().to_numpy()[buy]})
    periods = range(int(month.min()), _month_of(end) + 1)
    first_month = buys.groupby("customer_id")["month"].min()

    revenue = lines["amount"].groupby(month.to_numpy()).sum(min_count=1).reindex(periods)
    orders = buys.groupby("month")["order_id"].nunique().reindex(periods, fill_value=0)
    customers = buys.groupby("month")["customer_id"].nunique().reindex(periods, fill_value=0)
    new = first_month.value_counts().reindex(periods, fill_value=0)
    lost, won_back = _lost_and_won(buys, end, lapse_days)
    walk = _walk_in_by_month(walk_in, end, periods)

    rows = []
    for p in periods:
        label = _label(p)
        n, fresh = int(customers[p]), int(new[p])
        rev = _money(revenue[p]) if has_prices else None
        if has_prices and rev is None:
            rev = 0.0
        w_rev, w_orders = walk.get(p, (0.0, 0))
        rows.append({
            "month": label, "revenue": rev, "orders": int(orders[p]), "customers": n,
            "new_customers": fresh, "returning_customers": n - fresh,
            "repeat_rate": round((n - fresh) / n, 4) if n else None,
            "lost": int(lost.get(label, 0)), "won_back": int(won_back.get(label, 0)),
            "walk_in_revenue": _money(w_rev) if has_prices else None, "walk_in_orders": int(w_orders),
            "shop_revenue": _money((rev or 0.0) + (w_rev or 0.0)) if has_prices else None,
            "partial": p == periods[-1] and end < pd.Period(label, "M").end_time.normalize(),
        })

    cohorts = _cohorts(buys, first_month, periods[-1])
    compare = _compare(lines, buys, first_month, end, has_prices)
    lost_won = _lost_won_this_month(lines, buys, end, lapse_days, has_prices)

    if not has_prices:
        warnings.append(message("trends_no_prices", file=file))
    if len(periods) < 2:
        warnings.append(message("trends_short_history", months=len(periods)))
    elif compare.get("last_year") is None:
        warnings.append(message("trends_no_last_year", months=len(periods)))
    warnings.append(message("trends_first_month_new", month=rows[0]["month"]))
    if rows[-1]["partial"] and (compare["last_month"] or compare["last_year"]):
        warnings.append(message("trends_partial_month", month=rows[-1]["month"], day=int(end.day)))
    return TrendsResult(end, rows, cohorts, compare, lost_won, has_prices, warnings)


def _month_number(dates: pd.Series) -> pd.Series:
    """Months as integers (year * 12 + month - 1), so month arithmetic is a subtraction."""
    return dates.dt.year * 12 + dates.dt.month - 1


def _month_of(day: pd.Timestamp) -> int:
    return day.year * 12 + day.month - 1


def _label(number: int) -> str:
    """YYYY-MM of a month number."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _money(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def _cohorts(buys: pd.DataFrame, first_month: pd.Series, last: int) -> list[dict[str, Any]]:
    """Customers by month of first purchase x months since, as fractions still buying."""
    pairs = buys[["customer_id", "month"]].drop_duplicates()
    cohort = first_month.reindex(pairs["customer_id"]).to_numpy()
    since = pairs["month"].to_numpy() - cohort
    grid = pd.crosstab(pd.Series(cohort, name="cohort"), pd.Series(since, name="since"))
    size = first_month.value_counts()
    out = []
    for c in sorted(size.index):
        width = last - int(c) + 1
        counts = grid.loc[c].reindex(range(width), fill_value=0).to_numpy() if c in grid.index else np.zeros(width)
        out.append({"cohort": _label(int(c)), "customers": int(size[c]),
                    "retention": [round(float(v) / int(size[c]), 4) for v in counts]})
    return out


def _purchase_days(buys: pd.DataFrame) -> pd.DataFrame:
    """One row per customer and purchase day, sorted, with the previous purchase day (NaT for the first)."""
    days = buys[["customer_id", "day"]].drop_duplicates().sort_values(["customer_id", "day"], kind="stable")
    days["previous"] = days.groupby("customer_id")["day"].shift(1)
    return days


def _lost_and_won(buys: pd.DataFrame, as_of: pd.Timestamp, lapse_days: int) -> tuple[pd.Series, pd.Series]:
    """Per month: customers whose silence reached `lapse_days` (lost) and who came back after one (won)."""
    lapse = pd.Timedelta(days=lapse_days)
    days = _purchase_days(buys)
    gap = days["day"] - days["previous"]
    back = days[gap > lapse]
    won = _month_number(back["day"]).map(_label).value_counts()
    # a silence that passed the lapse: between two purchases, or after the last one (up to as_of)
    last = days.groupby("customer_id")["day"].max()
    lapsed_at = pd.concat([back["previous"] + lapse, last + lapse])
    lapsed_at = lapsed_at[lapsed_at <= as_of]
    return _month_number(lapsed_at).map(_label).value_counts(), won


def _lost_won_this_month(lines: pd.DataFrame, buys: pd.DataFrame, as_of: pd.Timestamp, lapse_days: int,
                         has_prices: bool) -> dict[str, Any]:
    """The month of as_of: who was lost, who was new and who came back, with their past 12 months' spend."""
    lapse = pd.Timedelta(days=lapse_days)
    start = as_of.to_period("M").start_time
    days = _purchase_days(buys)
    last = days.groupby("customer_id")["day"].max()
    lost_ids = last[(last + lapse >= start) & (last + lapse <= as_of)].index
    this = days[days["day"] >= start]
    back_ids = this.loc[(this["day"] - this["previous"]) > lapse, "customer_id"].unique()
    first = days.groupby("customer_id")["day"].min()
    new_ids = first[first >= start].index
    year = lines[lines["date"] >= as_of - pd.Timedelta(days=365)]
    spend = year.groupby("customer_id")["amount"].sum()

    def listed(ids) -> dict[str, Any]:
        s = spend.reindex(pd.Index(ids)).fillna(0.0)
        top = s.sort_values(ascending=False, kind="stable").head(10)
        return {"count": int(len(ids)), "spend_12m": _money(s.sum()) if has_prices else None,
                "top": [{"customer_id": str(c), "spend_12m": _money(v) if has_prices else None}
                        for c, v in top.items()]}

    return {"month": str(as_of.to_period("M")), "lost": listed(lost_ids), "won_new": listed(new_ids),
            "won_back": listed(back_ids)}


def _walk_in_by_month(walk_in, as_of: pd.Timestamp, periods: range) -> dict[int, tuple]:
    """Walk-in revenue and orders per month up to as_of ({} without walk-in sales)."""
    if walk_in is None or not walk_in.days:
        return {}
    frame = pd.DataFrame({"day": pd.to_datetime(walk_in.days), "revenue": pd.array(walk_in.revenue, dtype="Float64"),
                          "orders": walk_in.orders})
    frame = frame[frame["day"] <= as_of]
    g = frame.groupby(_month_number(frame["day"]))
    rev, orders = g["revenue"].sum(), g["orders"].sum()
    return {p: (float(rev[p]) if pd.notna(rev[p]) else None, int(orders[p])) for p in rev.index if p in periods}


def _figures(lines: pd.DataFrame, buys: pd.DataFrame, first_day: pd.Series, start: pd.Timestamp,
             end: pd.Timestamp, has_prices: bool) -> dict[str, Any]:
    """Revenue, orders, customers, new and returning customers of the days start..end (inclusive)."""
    upto = end + pd.Timedelta(days=1)
    amount = lines.loc[(lines["date"] >= start) & (lines["date"] < upto), "amount"]
    b = buys[(buys["day"] >= start) & (buys["day"] < upto)]
    who = b["customer_id"].unique()
    new = int(((first_day.reindex(who) >= start)).sum())
    n = int(len(who))
    return {"from": start.date().isoformat(), "to": end.date().isoformat(),
            "revenue": _money(amount.sum()) if has_prices else None, "orders": int(b["order_id"].nunique()),
            "customers": n, "new_customers": new, "returning_customers": n - new,
            "repeat_rate": round((n - new) / n, 4) if n else None}


def _compare(lines: pd.DataFrame, buys: pd.DataFrame, first_month: pd.Series, as_of: pd.Timestamp,
             has_prices: bool) -> dict[str, Any]:
    """The month of as_of so far against the same days of last month and of the same month last year
    (None where the data does not reach back that far)."""
    first_day = buys.groupby("customer_id")["day"].min()
    data_start = lines["date"].min().normalize()
    start = as_of.to_period("M").start_time

    def same_days(months_back: int) -> dict[str, Any] | None:
        s = (as_of.to_period("M") - months_back).start_time
        if s < data_start.to_period("M").start_time:
            return None
        e = min(s + pd.Timedelta(days=as_of.day - 1), (as_of.to_period("M") - months_back).end_time.normalize())
        return _figures(lines, buys, first_day, s, e, has_prices)

    this = _figures(lines, buys, first_day, start, as_of, has_prices)
    last_month, last_year = same_days(1), same_days(12)
    return {"this_month": this, "last_month": last_month, "last_year": last_year,
            "change_vs_last_month": _change(this, last_month), "change_vs_last_year": _change(this, last_year)}


def _change(now: dict[str, Any], before: dict[str, Any] | None) -> dict[str, float | None] | None:
    """Relative change of each figure (0.1 = +10%); None where the earlier figure is 0 or unknown."""
    if before is None:
        return None
    out = {}
    for key in ("revenue", "orders", "customers", "new_customers", "returning_customers"):
        a, b = now[key], before[key]
        out[key] = round(a / b - 1.0, 4) if a is not None and b not in (None, 0) else None
    return out
