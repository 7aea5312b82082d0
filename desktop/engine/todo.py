"""This week: whom to contact in the coming days, why, with which words and how much is at stake.

Lists (kinds), each customer with a reason (a catalogue Message), a date (`due`), the value at stake and
a suggested message:
    due              due to buy again on their own usual gap: per product they buy again and again
                     ("buys Longjing about every 30 days; last 33 days ago"), else per visit
    win_back         valuable customers silent for more than 1.5 times their own usual gap but less than
                     3 (and, when the predictions pass their checks, a chance still active of 30% or
                     more); `due` is the date to contact them by (3 gaps after the last purchase)
    birthday         a birthday from the customer list in the window
    anniversary      the anniversary of the first purchase in the window
    second_purchase  one-time buyers reaching the point by which half the repeat buyers had made their
                     second purchase (when that point is a week or more)
    festival         who bought in the three weeks before last year's same festival, when that
                     festival brought the shop more buyers than usual; `due` is the day to write
Value: the expected spend in the next 12 months when the predictions pass their checks, else the
spend of the last 12 months (`value_kind` says which; None without prices). Lines that are charges
(postage, bags: charges.py) are never a customer's product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from collections.abc import Collection

import numpy as np
import pandas as pd

from .. import texts
from ..texts import Message, message
from .charges import service_lines
from .consent import refused
from .festivals import FESTIVALS, festival_date
from .messages import render, template_for

KINDS = ("due", "win_back", "birthday", "anniversary", "second_purchase", "festival")
MIN_GAP_DAYS = 7          # a rhythm shorter than a week is not a reason to write
WIN_BACK_MARGIN = 1.5     # silence beyond this many usual gaps: time to win back
WIN_BACK_LIMIT = 3.0      # ... and until this many gaps (own rhythm) they are still likely to return
P_ALIVE_MIN = 0.3         # with the purchase model: still likely to come back
FESTIVAL_LEAD_DAYS = 21   # purchases this many days before a festival count as for the festival
FESTIVAL_UPLIFT = 1.15    # the festival weeks must bring this many times a usual three weeks' buyers
GRACE_MAX_DAYS = 30       # at most this many days overdue still counts as due
FESTIVAL_LOOKAHEAD = 45   # festivals up to this many days ahead are considered

# Messages per list kind are the catalogue's LIST_MESSAGES (desktop/texts); the segment's own template
# is used for `due` and `win_back`.


@dataclass
class TodoList:
    kind: str
    title: Message
    customers: list[dict[str, Any]]
    total: int
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        rows = [{**{k: v for k, v in c.items() if k != "reason"}, "reason": c["reason"].text(language),
                 "reason_code": c["reason"].code} for c in self.customers]
        return {"kind": self.kind, "title": self.title.text(language), "total": self.total, **self.extra,
                "customers": rows}


@dataclass
class TodoResult:
    as_of: pd.Timestamp
    window_days: int
    country: str
    value_kind: str  # 'expected_12m', 'last_12m' or 'none' (no prices)
    lists: list[TodoList]
    warnings: list[Message] = field(default_factory=list)
    # customers left out of every list: {"contacted": ticked, "control": a campaign's control group}
    left_out: dict[str, int] = field(default_factory=lambda: {"contacted": 0, "control": 0})
    consent_excluded: int = 0  # customers left out of every list because they refused marketing

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        return {"as_of": self.as_of.date().isoformat(), "window_days": self.window_days, "country": self.country,
                "value_kind": self.value_kind, "lists": [t.to_dict(language) for t in self.lists],
                "left_out": dict(self.left_out), "consent_excluded": self.consent_excluded,
                "warnings": [w.to_dict(language) for w in self.warnings]}


def todo_of(analysis, days: int = 7, country: str = "CN", limit: int = 20, language: str = "en",
            contacted: Collection[str] = (), control: Collection[str] = ()) -> TodoResult:
    """This week's lists for an Analysis (pipeline.py) from its date `analysis.as_of` for `days` days;
    customers ticked as `contacted` and those in a campaign's `control` group are left out (ticks.py)."""
    file = analysis.options.paths[0].name if analysis.options.paths else ""
    return build_todo(analysis.lines, analysis.customers, analysis.as_of, days=days, country=country,
                      has_prices=analysis.has_prices, limit=limit, language=language, file=file,
                      contacted=contacted, control=control)


def build_todo(lines: pd.DataFrame, customers: pd.DataFrame, as_of: object, *, days: int = 7, country: str = "CN",
               has_prices: bool = True, limit: int = 20, language: str = "en", file: str = "",
               contacted: Collection[str] = (), control: Collection[str] = ()) -> TodoResult:
    """The lists for the `days` days from `as_of` (inclusive). `customers` is the analysis' customer table
    (customers.py + segments; customer_name and birthday when a customer list gave them)."""
    as_of = pd.Timestamp(as_of).normalize()
    end = as_of + pd.Timedelta(days=days - 1)
    lines = lines[lines["date"] < as_of + pd.Timedelta(days=1)]
    warnings: list[Message] = []
    buys = lines[~lines["is_return"].to_numpy(dtype=bool)]
    goods = buys[~service_lines(buys["product_name"].fillna(buys["product_id"]))]
    goods = goods[~goods["product_id"].isin(add_ons(goods))]
    goods = goods.assign(product_name=_names(goods["product_name"]))
    visits = _visits(buys)
    predicted, held_back = prediction_values(lines, as_of)
    value, value_kind = _values(lines, customers, as_of, predicted, has_prices)
    if held_back is not None:
        warnings.append(held_back)
    if not has_prices:
        warnings.append(message("todo_no_prices", file=file))
    history = int((as_of - lines["date"].min().normalize()).days) + 1 if len(lines) else 0
    if history < 180:
        warnings.append(message("todo_short_history", days=history))
    ctx = _Context(customers, value, as_of, end, language, limit, {str(c) for c in contacted},
                   {str(c) for c in control}, refusers=set(customers.index[refused(customers).to_numpy()]))

    lists = [
        _due(ctx, goods, visits),
        _win_back(ctx, visits, predicted),
        _birthday(ctx, warnings),
        _anniversary(ctx, visits),
        _second_purchase(ctx, visits, goods),
    ]
    lists += _festivals(ctx, lines, goods, country, has_prices, warnings)
    left_out = {k: len(v) for k, v in ctx.left_out.items()}
    warnings.append(message("consent_excluded", n=len(ctx.refused_left_out)) if "consent" in customers.columns
                    else message("consent_none"))
    return TodoResult(as_of, days, country, value_kind, lists, warnings, left_out, len(ctx.refused_left_out))


# --- predictions: the one place that knows how they are judged ---------------------------------------

def prediction_values(lines: pd.DataFrame, as_of: pd.Timestamp) -> tuple[pd.DataFrame | None, Message | None]:
    """The prediction table (p_alive, predicted_spend_12m per customer) when the predictions pass their
    checks, else (None, the note saying they were held back and why). The only function that reads
    desktop.engine.predictions: when its gates change, this is what adapts."""
    from .predictions import predict_customers

    try:
        result = predict_customers(lines, as_of)
    except Exception as exc:  # noqa: BLE001 - a model failure must not lose the other lists
        return None, message("todo_predictions_held_back", why=type(exc).__name__)
    # Below their gates the predictions leave their figures out (null): passing means the chance of
    # still being a customer and next year's spend are there.
    table = result.table
    passed = all(c in table and table[c].notna().any() for c in ("p_alive", "predicted_spend_12m"))
    if passed:
        return table, None
    first = result.warnings[0] if result.warnings else None
    return None, message("todo_predictions_held_back", why=first if first is not None else result.method)


# --- shared pieces ----------------------------------------------------------------------------------

@dataclass
class _Context:
    customers: pd.DataFrame
    value: pd.Series
    as_of: pd.Timestamp
    end: pd.Timestamp
    language: str
    limit: int
    contacted: set[str] = field(default_factory=set)
    control: set[str] = field(default_factory=set)
    left_out: dict[str, set[str]] = field(default_factory=lambda: {"contacted": set(), "control": set()})
    refusers: set = field(default_factory=set)  # who refused marketing: on no list
    refused_left_out: set = field(default_factory=set)  # ... of them, those a list would have named

    def row(self, cid: str, reason: Message, due: pd.Timestamp, kind: str, product: Any = None) -> dict[str, Any]:
        """A candidate: id, reason, date and value (the name and message are added to those listed)."""
        value = self.value.get(cid)
        return {"customer_id": str(cid), "reason": reason, "due": pd.Timestamp(due).date().isoformat(),
                "value": None if value is None or pd.isna(value) else round(float(value), 2),
                "kind": kind, "product": product, "id": cid}

    def _filled(self, r: dict[str, Any]) -> dict[str, Any]:
        cid, kind = r.pop("id"), r.pop("kind")
        c = self.customers.loc[cid] if cid in self.customers.index else pd.Series(dtype=object)
        name = _clean(c.get("customer_name"))
        product = _product_name(r["product"]) or _product_name(c.get("favourite_product"))
        last = c.get("last_purchase")
        days_since = int((self.as_of - pd.Timestamp(last).normalize()).days) if pd.notna(last) else None
        if kind in texts.LIST_MESSAGES["en"]:
            language = "zh" if self.language.startswith("zh") else self.language
            template = texts.LIST_MESSAGES.get(language, texts.LIST_MESSAGES["en"])[kind]
        else:
            template = template_for(str(c.get("segment", "generic")), self.language)
        return {"customer_id": r["customer_id"], "name": name, "reason": r["reason"], "due": r["due"],
                "value": r["value"], "product": product, "segment": _clean(c.get("segment")),
                "message": render(template, {"name": name, "product": product, "days_since": days_since,
                                             "segment": _clean(c.get("segment_name"))}, self.language)}

    def listed(self, kind: str, title: Message, rows: list[dict[str, Any]], **extra: Any) -> TodoList:
        """The list ranked by value (then date); only the first `limit` are kept, all are counted. Customers
        ticked as contacted, held out in a campaign's control group or who refused marketing are left out
        (and counted)."""
        for key, ids in (("contacted", self.contacted), ("control", self.control)):
            self.left_out[key].update(r["customer_id"] for r in rows if r["customer_id"] in ids)
        self.refused_left_out.update(r["id"] for r in rows if r["id"] in self.refusers)
        rows = [r for r in rows if r["customer_id"] not in self.contacted and r["customer_id"] not in self.control
                and r["id"] not in self.refusers]
        rows = sorted(rows, key=lambda r: (-(r["value"] if r["value"] is not None else -1.0), r["due"],
                                           r["customer_id"]))
        return TodoList(kind, title, [self._filled(r) for r in rows[: self.limit]], len(rows), extra)


def _names(names: pd.Series) -> pd.Series:
    """Product names fit for a sentence: a bare number (a till's product code such as '1') is no name."""
    text = names.astype("string").str.strip()
    return text.mask(text.str.fullmatch(_CODE.pattern).fillna(True)).astype(object).where(lambda x: x.notna(), None)


def _product_name(value: Any) -> str | None:
    text = _clean(value)
    return None if text is None or _CODE.fullmatch(text) else text


_CODE = re.compile(r"[\d.\-]*")


def _clean(value: Any) -> Any:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _visits(buys: pd.DataFrame) -> pd.DataFrame:
    """Per customer: purchase days, first, second and last purchase day and median gap between days."""
    days = buys[["customer_id"]].assign(day=buys["date"].dt.normalize()).drop_duplicates()
    days = days.sort_values(["customer_id", "day"], kind="stable")
    days["gap"] = days.groupby("customer_id")["day"].diff().dt.days
    days["n"] = days.groupby("customer_id").cumcount()
    g = days.groupby("customer_id")
    out = pd.DataFrame({"days": g.size(), "first": g["day"].min(), "last": g["day"].max(),
                        "gap": g["gap"].median()})
    out["second"] = days[days["n"] == 1].set_index("customer_id")["day"].reindex(out.index)
    return out


def _values(lines: pd.DataFrame, customers: pd.DataFrame, as_of: pd.Timestamp, predicted: pd.DataFrame | None,
            has_prices: bool) -> tuple[pd.Series, str]:
    if not has_prices:
        return pd.Series(np.nan, index=customers.index), "none"
    if predicted is not None:
        return predicted["predicted_spend_12m"].astype(float).reindex(customers.index), "expected_12m"
    year = lines[lines["date"] >= as_of - pd.Timedelta(days=364)]
    return year.groupby("customer_id")["amount"].sum().reindex(customers.index).fillna(0.0), "last_12m"


def add_ons(goods: pd.DataFrame, min_orders: int = 10) -> set:
    """Products never bought on their own although in at least `min_orders` orders: add-ons such as a
    gift bag or a till's packaging line, whatever their name; never a reason to write."""
    named = goods.dropna(subset=["product_id"])
    if named.empty:
        return set()
    per_order = named.groupby("order_id")["product_id"].nunique()
    alone = set(named.loc[named["order_id"].isin(per_order[per_order == 1].index), "product_id"])
    orders = named.groupby("product_id")["order_id"].nunique()
    return set(orders[orders >= min_orders].index) - alone


def _in_window(ctx: _Context, due: pd.Series, grace: pd.Series | float = 0.0) -> pd.Series:
    """Dates from `grace` days before as_of (overdue, capped at 30 days) to the end of the window."""
    grace_td = pd.to_timedelta(np.minimum(grace, GRACE_MAX_DAYS), unit="D")
    return (due >= ctx.as_of - grace_td) & (due <= ctx.end)


# --- the lists ----------------------------------------------------------------------------------------

def _due(ctx: _Context, goods: pd.DataFrame, visits: pd.DataFrame) -> TodoList:
    """Due to buy again: per product bought on three or more days (its usual gap), else per visit."""
    rows: dict[str, dict[str, Any]] = {}
    named = goods.dropna(subset=["product_id", "product_name"])  # a bare code ('1') is no reason to write
    if len(named):
        d = named[["customer_id", "product_id"]].assign(day=named["date"].dt.normalize(), name=named["product_name"])
        d = d.drop_duplicates(["customer_id", "product_id", "day"]).sort_values(["customer_id", "product_id", "day"])
        d["gap"] = d.groupby(["customer_id", "product_id"])["day"].diff().dt.days
        g = d.groupby(["customer_id", "product_id"])
        p = pd.DataFrame({"n": g.size(), "gap": g["gap"].median(), "last": g["day"].max(), "name": g["name"].last()})
        p = p[(p["n"] >= 3) & (p["gap"] >= MIN_GAP_DAYS)].reset_index()
        p["due"] = p["last"] + pd.to_timedelta(p["gap"].round(), unit="D")
        p = p[_in_window(ctx, p["due"], p["gap"] * (WIN_BACK_MARGIN - 1.0))].sort_values("due", kind="stable")
        for r in p.drop_duplicates("customer_id").itertuples():
            since = int((ctx.as_of - r.last).days)
            reason = message("todo_reason_due_product", product=str(r.name), gap=int(round(r.gap)), days=since)
            rows[r.customer_id] = ctx.row(r.customer_id, reason, max(r.due, ctx.as_of), "due", r.name)
    v = visits[(visits["days"] >= 3) & (visits["gap"] >= MIN_GAP_DAYS)]
    due = v["last"] + pd.to_timedelta(v["gap"].round(), unit="D")
    v = v.assign(due=due)[_in_window(ctx, due, v["gap"] * (WIN_BACK_MARGIN - 1.0))]
    for cid, r in v.iterrows():
        if cid in rows:
            continue
        reason = message("todo_reason_due", gap=int(round(r["gap"])), days=int((ctx.as_of - r["last"]).days))
        rows[cid] = ctx.row(cid, reason, max(r["due"], ctx.as_of), "due")
    return ctx.listed("due", message("todo_title_due"), list(rows.values()))


def _win_back(ctx: _Context, visits: pd.DataFrame, predicted: pd.DataFrame | None) -> TodoList:
    """Valuable customers silent for more than 1.5 usual gaps and still likely to come back."""
    v = visits[visits["days"] >= 2].copy()
    v["silence"] = (ctx.as_of - v["last"]).dt.days
    gap = v["gap"].clip(lower=MIN_GAP_DAYS)
    v = v[v["silence"] > WIN_BACK_MARGIN * gap]
    gap = gap.reindex(v.index)
    v = v[v["silence"] <= WIN_BACK_LIMIT * gap]
    if predicted is not None:  # the purchase model's word on who is still likely to come back
        v = v[predicted["p_alive"].astype(float).reindex(v.index) >= P_ALIVE_MIN]
    gap = gap.reindex(v.index)
    value = ctx.value.reindex(v.index)
    known = ctx.value.reindex(visits[visits["days"] >= 2].index).dropna()
    if len(known):  # valuable: at least the median value of the repeat buyers
        v = v[value >= known.median()]
    rows = []
    for cid, r in v.iterrows():
        by = max(r["last"] + pd.Timedelta(days=int(round(WIN_BACK_LIMIT * gap[cid]))), ctx.as_of + pd.Timedelta(days=7))
        reason = message("todo_reason_win_back", gap=int(round(gap[cid])), days=int(r["silence"]),
                         by=by.date().isoformat())
        rows.append(ctx.row(cid, reason, by, "win_back"))
    return ctx.listed("win_back", message("todo_title_win_back"), rows)


def _birthday(ctx: _Context, warnings: list[Message]) -> TodoList:
    rows = []
    if "birthday" not in ctx.customers.columns or ctx.customers["birthday"].notna().sum() == 0:
        warnings.append(message("todo_no_birthdays"))
    else:
        for cid, text in ctx.customers["birthday"].dropna().items():
            md = _month_day(text)
            day = _next_on(md, ctx.as_of) if md else None
            if day is not None and day <= ctx.end:
                rows.append(ctx.row(cid, message("todo_reason_birthday", date=day.date().isoformat()), day, "birthday"))
    return ctx.listed("birthday", message("todo_title_birthday"), rows)


def _anniversary(ctx: _Context, visits: pd.DataFrame) -> TodoList:
    rows = []
    for cid, first in visits["first"].items():
        day = _next_on((first.month, first.day), ctx.as_of)
        years = day.year - first.year
        if day <= ctx.end and years >= 1:
            reason = message("todo_reason_anniversary", years=years, date=first.date().isoformat())
            rows.append(ctx.row(cid, reason, day, "anniversary"))
    return ctx.listed("anniversary", message("todo_title_anniversary"), rows)


def _second_purchase(ctx: _Context, visits: pd.DataFrame, goods: pd.DataFrame) -> TodoList:
    """One-time buyers at the day by which half the repeat buyers had come back (up to the 3rd quartile)."""
    repeat = visits.dropna(subset=["second"])
    rows = []
    extra: dict[str, Any] = {}
    waited = (repeat["second"] - repeat["first"]).dt.days
    median = int(round(waited.median())) if len(repeat) >= 10 else 0
    if median >= MIN_GAP_DAYS:  # a shop whose customers come back within days needs no reminder
        late = int(round(waited.quantile(0.75)))
        extra = {"median_days_to_second": median}
        once = visits[visits["days"] == 1]
        due = once["first"] + pd.Timedelta(days=median)
        once = once[_in_window(ctx, due, max(0, late - median))]
        product = _first_product(goods)
        for cid, r in once.iterrows():
            reason = message("todo_reason_second", days=int((ctx.as_of - r["first"]).days), median=median)
            rows.append(ctx.row(cid, reason, max(r["first"] + pd.Timedelta(days=median), ctx.as_of),
                                "second_purchase", product.get(cid)))
    return ctx.listed("second_purchase", message("todo_title_second_purchase"), rows, **extra)


def _first_product(goods: pd.DataFrame) -> pd.Series:
    named = goods.dropna(subset=["product_name"])
    first = named.sort_values("date", kind="stable").drop_duplicates("customer_id")
    return first.set_index("customer_id")["product_name"]


def _festivals(ctx: _Context, lines: pd.DataFrame, goods: pd.DataFrame, country: str, has_prices: bool,
               warnings: list[Message]) -> list[TodoList]:
    """For each festival ahead whose writing day falls in the window: who bought before it last year."""
    out = []
    start = lines["date"].min().normalize() if len(lines) else ctx.as_of
    lead = pd.Timedelta(days=FESTIVAL_LEAD_DAYS)
    for f in FESTIVALS:
        for year in (ctx.as_of.year, ctx.as_of.year + 1):
            day = pd.Timestamp(festival_date(f.key, year, country))
            if not ctx.as_of <= day <= ctx.as_of + pd.Timedelta(days=FESTIVAL_LOOKAHEAD):
                continue
            last = pd.Timestamp(festival_date(f.key, year - 1, country))
            names = {"festival": f.key, "date": day.date().isoformat(),
                     "last": last.date().isoformat()}
            if last - lead < start:
                warnings.append(message("todo_festival_not_in_data", **names))
                continue
            before = goods[(goods["date"] >= last - lead) & (goods["date"] < last + pd.Timedelta(days=1))]
            uplift = _uplift(lines, last, lead, has_prices)
            if before.empty or uplift < FESTIVAL_UPLIFT:
                warnings.append(message("todo_festival_no_uplift", uplift=round(uplift, 2), **names))
                continue
            ahead = (last - before["date"].dt.normalize()).dt.days
            write_on = day - pd.Timedelta(days=int(ahead.quantile(0.75)) + 2)
            if write_on > ctx.end:
                continue
            top = _festival_products(goods, before, last, lead, has_prices)
            rows = []
            for r in top.itertuples():
                if r.customer_id not in ctx.customers.index:
                    continue
                if r.name:
                    reason = message("todo_reason_festival", product=r.name, lead=FESTIVAL_LEAD_DAYS, **names)
                else:  # products known only by a code
                    reason = message("todo_reason_festival_visit", lead=FESTIVAL_LEAD_DAYS, **names)
                rows.append(ctx.row(r.customer_id, reason, max(write_on, ctx.as_of), "festival", r.name or None))
            title = message("todo_title_festival", write_on=max(write_on, ctx.as_of).date().isoformat(), **names)
            out.append(ctx.listed("festival", title, rows, festival=f.key, festival_date=names["date"],
                                  last_year_date=names["last"], write_on=max(write_on, ctx.as_of).date().isoformat(),
                                  uplift=round(uplift, 2)))
    return out


def _festival_products(goods: pd.DataFrame, before: pd.DataFrame, last: pd.Timestamp, lead: pd.Timedelta,
                       has_prices: bool) -> pd.DataFrame:
    """Per customer who bought before the festival, the product to name: of what they bought then, the
    one whose share of sales rose most in those weeks (the mooncakes, not the everyday tea)."""
    def weight(frame: pd.DataFrame) -> pd.Series:
        return frame["amount"].abs() if has_prices else frame["quantity"].abs().fillna(1.0)

    names = before["product_name"].fillna("")
    base = goods[(goods["date"] >= last - lead - pd.Timedelta(days=365)) & (goods["date"] < last - lead)]
    now_share = weight(before).groupby(names).sum() / max(float(weight(before).sum()), 1e-9)
    base_w = weight(base).groupby(base["product_name"].fillna("")).sum()
    base_share = (base_w / max(float(base_w.sum()), 1e-9)).reindex(now_share.index).fillna(0.0)
    lift = now_share / (base_share + 0.01)  # a product new that season is lifted, but not infinitely
    per = before.assign(w=weight(before).to_numpy(), name=names.to_numpy()).groupby(["customer_id", "name"])["w"].sum()
    per = per.reset_index()
    per["lift"] = per["name"].map(lift).fillna(0.0)
    per.loc[per["name"] == "", "lift"] = -1.0  # a known name first
    return (per.sort_values(["customer_id", "lift", "w"], ascending=[True, False, False], kind="stable")
            .drop_duplicates("customer_id"))


def _uplift(lines: pd.DataFrame, last: pd.Timestamp, lead: pd.Timedelta, has_prices: bool) -> float:
    """Revenue (customers without prices) of the weeks before last year's festival against the average
    of same-length spans in the year before them."""
    buys = lines[~lines["is_return"].to_numpy(dtype=bool)]
    window = buys[(buys["date"] >= last - lead) & (buys["date"] < last + pd.Timedelta(days=1))]
    base_start = max(last - lead - pd.Timedelta(days=365), buys["date"].min().normalize())
    base = buys[(buys["date"] >= base_start) & (buys["date"] < last - lead)]
    base_days = max(1, (last - lead - base_start).days)
    span = lead.days + 1
    if has_prices:
        now, usual = float(window["amount"].sum()), float(base["amount"].sum()) * span / base_days
    else:
        now = float(window["customer_id"].nunique())
        blocks = (base["date"] - base_start).dt.days // span
        usual = float(base.groupby(blocks)["customer_id"].nunique().sum()) / max(1.0, base_days / span)
    if base_days < span:
        return float("inf") if now > 0 else 0.0
    return now / usual if usual > 0 else (float("inf") if now > 0 else 0.0)


def _month_day(text: Any) -> tuple[int, int] | None:
    """(month, day) of a birthday written as a date or as month and day ('08-06', '8月6日')."""
    s = str(text).strip()
    m = re.search(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$", s)
    if m and not re.match(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$", s):
        month, day = int(m.group(1)), int(m.group(2))
    else:
        try:
            t = pd.Timestamp(s)
        except (ValueError, TypeError):
            return None
        if pd.isna(t):
            return None
        month, day = t.month, t.day
    return (month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _next_on(md: tuple[int, int], as_of: pd.Timestamp) -> pd.Timestamp:
    """The next date on or after as_of with this month and day (29 February: the 28th in other years)."""
    for year in (as_of.year, as_of.year + 1):
        month, day = md
        try:
            d = pd.Timestamp(date(year, month, day))
        except ValueError:
            d = (pd.Timestamp(date(year, month, 28)) if month == 2
                 else pd.Timestamp(date(year, month, 1)) + pd.offsets.MonthEnd(0))
        if d >= as_of:
            return d
    return d

