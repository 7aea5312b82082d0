"""From raw tables and column roles to clean order lines, with a report of every row set aside.

Returns and cancellations stay in the lines (negative amounts net out of spend); rows that cannot be
used are set aside by reason and listed with their file row number. Nothing is dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .parsing import lost_precision_ids, parse_dates, parse_numbers, to_text
from .reading import RawTable
from .roles import ROLE_LABELS, RoleMatch, status_vocabulary

SET_ASIDE_REASONS = {
    "totals_row": ("totals row at the bottom of the sheet", "表格底部的合计行"),
    "empty_row": ("empty row", "空行"),
    "wrong_column_count": ("more values than the header has columns", "值的个数多于表头的列数"),
    "no_customer_id": ("no customer id", "没有客户编号"),
    "walk_in": ("no customer: walk-in sale or placeholder id (counted in the shop's totals)",
                "无客户：散客或占位编号（计入店铺总额）"),
    "bad_date": ("date missing or not readable", "日期缺失或无法识别"),
    "future_date": ("date in the future", "日期在未来"),
    "bad_amount": ("amount missing or not a number", "金额缺失或不是数字"),
    "implausible_amount": ("amount, price or quantity too large to be real (over 10^15 on one line)",
                           "金额、价格或数量大得不真实（单行超过 10^15）"),
    "zero_price": ("zero price or amount", "价格或金额为零"),
    "duplicate": ("exact duplicate of an earlier line", "与前面某行完全重复"),
    "overlap": ("also in an earlier file (exports covering the same days)", "也在前一个文件中（导出的日期范围重叠）"),
    # Orders the status (or an empty payment time) marks as not paid, cancelled or refunded.
    "unpaid": ("order not paid", "订单未付款"),
    "cancelled": ("order cancelled or closed", "订单已取消或已关闭"),
    "refunded": ("order refunded", "订单已退款"),
}
MAX_EXAMPLES = 5
# A line whose amount, unit price or quantity is beyond this is a typo or a broken export, not a sale
# (10^15 is a thousand trillion in any currency); setting it aside keeps every sum finite and exact
# enough (a million such lines still sum far below float64's limits).
MAX_PLAUSIBLE = 1e15
ID_ROLES = ("customer_id", "order_id", "product_id")


@dataclass
class SetAsideExample:
    file: str
    sheet: str
    row: int
    text: str

    def to_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "text": self.text}


@dataclass
class WalkIn:
    """Sales of walk-in customers (no loyalty card) and placeholder ids, set aside from the customers but
    still the shop's sales: per id its lines and revenue in the file, and lines, revenue and orders per
    day so that any analysis date can total them. JSON-able (saved in projects)."""

    ids: list[dict]  # {"id": str, "lines": int, "revenue": float | None, "why": "placeholder" | "share"}
    days: list[str]  # YYYY-MM-DD, ascending
    lines: list[int]  # per day
    revenue: list[float | None]  # per day (None when the file has no prices)
    orders: list[int]  # per day: distinct orders / receipts

    def totals(self, as_of: pd.Timestamp | None = None) -> dict:
        """{ids, lines, revenue, orders} up to and including the day `as_of` (all days when None)."""
        upto = None if as_of is None else pd.Timestamp(as_of).strftime("%Y-%m-%d")
        pick = [i for i, d in enumerate(self.days) if upto is None or d <= upto]
        revenue = [self.revenue[i] for i in pick]
        known = [r for r in revenue if r is not None]
        return {
            "ids": [str(x["id"]) for x in self.ids],
            "lines": int(sum(self.lines[i] for i in pick)),
            "revenue": round(float(sum(known)), 2) if known or not revenue else None,
            "orders": int(sum(self.orders[i] for i in pick)),
        }

    def to_dict(self) -> dict:
        return {"ids": [dict(x) for x in self.ids], "days": list(self.days), "lines": list(self.lines),
                "revenue": list(self.revenue), "orders": list(self.orders)}

    @classmethod
    def from_dict(cls, d: Any) -> WalkIn | None:
        """Rebuild from to_dict's output (a saved project is untrusted: anything malformed gives None)."""
        try:
            ids = [{"id": str(x["id"]), "lines": int(x["lines"]),
                    "revenue": None if x.get("revenue") is None else float(x["revenue"]),
                    "why": str(x.get("why", "placeholder"))} for x in d["ids"]]
            days = [str(x)[:10] for x in d["days"]]
            lines = [int(x) for x in d["lines"]]
            revenue = [None if x is None else float(x) for x in d["revenue"]]
            orders = [int(x) for x in d["orders"]]
        except (TypeError, KeyError, ValueError, AttributeError):
            return None
        if not (len(days) == len(lines) == len(revenue) == len(orders)):
            return None
        return cls(ids, days, lines, revenue, orders)


@dataclass
class CleaningReport:
    """What happened to the rows of the source files."""

    rows_read: int = 0
    rows_used: int = 0
    set_aside: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[SetAsideExample]] = field(default_factory=dict)
    set_aside_rows: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    returns: int = 0
    notes: list[str | Message] = field(default_factory=list)  # plain sentences or catalogue messages
    warnings: list[Message] = field(default_factory=list)
    has_prices: bool = True  # False: the file has no amount and no unit price (money figures unknown)
    walk_in: WalkIn | None = None  # walk-in / placeholder ids set aside, with their sales per day

    def note_texts(self, language: str = "en") -> list[str]:
        """The notes as sentences in `language`."""
        return [n.text(language) if isinstance(n, Message) else str(n) for n in self.notes]

    def to_dict(self) -> dict:
        return {
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_set_aside": dict(self.set_aside),
            "return_lines": self.returns,
            "examples": {k: [e.to_dict() for e in v] for k, v in self.examples.items()},
            "notes": self.note_texts(),
            "warnings": [w.to_dict() for w in self.warnings],
            "has_prices": self.has_prices,
            "walk_in": self.walk_in.to_dict() if self.walk_in is not None else None,
        }


@dataclass
class CleanResult:
    lines: pd.DataFrame  # columns of schema.LINE_COLUMNS
    report: CleaningReport
    profiles: pd.DataFrame  # profile fields found in the order file, indexed by customer_id


def _concat(tables: list[RawTable]) -> tuple[pd.DataFrame, pd.DataFrame]:
    frames, sources = [], []
    for t in tables:
        frames.append(t.data)
        sources.append(pd.DataFrame({
            "source_file": t.file.name,
            "source_sheet": t.sheet,
            "source_row": t.row_numbers.astype("int64"),
        }))
    data = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0].reset_index(drop=True)
    src = pd.concat(sources, ignore_index=True) if len(sources) > 1 else sources[0]
    return data, src


def _require(roles: dict[str, RoleMatch], tables: list[RawTable]) -> None:
    label, label_zh = tables[0].label, tables[0].label_zh
    columns = ", ".join(tables[0].columns)
    for role in ("customer_id", "date"):
        if role not in roles:
            raise InputError(
                f"{label}: no column for the {ROLE_LABELS[role][0].lower()} was found (columns: {columns}); "
                f"say which one holds it with --map {role}=COLUMN, or choose it in the import dialog.",
                zh=f"{label_zh}：没有找到{ROLE_LABELS[role][1]}列（现有的列：{columns}）；"
                   f"请用 --map {role}=列名 指定是哪一列，或在导入对话框中选择。"
            )


def _status_rules(data: pd.DataFrame, roles: dict[str, RoleMatch], order: pd.Series | None) -> list:
    """(reason, mask) of orders whose status says unpaid, cancelled or refunded (the platform
    table's status values), or whose payment time is empty while others have one. An order's
    status and payment time, often on its first line only, hold for all its lines."""
    def per_order(values: pd.Series) -> pd.Series:
        if order is None:
            return values
        return values.groupby(order.fillna("").to_numpy(), sort=False).transform("first").where(order.notna(), values)

    rules = []
    if "order_status" in roles:
        status = per_order(to_text(data[roles["order_status"].column]))
        reason = status.str.lower().str.replace(r"\s+", "", regex=True).map(status_vocabulary())
        rules += [(name, (reason == name).fillna(False).to_numpy()) for name in ("unpaid", "cancelled", "refunded")]
    if "paid_date" in roles:
        paid = per_order(to_text(data[roles["paid_date"].column]))
        if paid.notna().any():
            rules.append(("unpaid", paid.isna().to_numpy()))
    return rules


def _row_text(data: pd.DataFrame, i: int) -> str:
    # as the cells are written: numbers without an exponent or '.0' (a workbook's 17850.0 reads 17850)
    cells = to_text(pd.Series(data.iloc[i].tolist(), dtype=object)).tolist()
    values = [v for v in cells if v is not None and v not in ("nan", "None")]
    text = " | ".join(values)
    return text[:120] + ("…" if len(text) > 120 else "")


def clean_lines(tables: list[RawTable], roles: dict[str, RoleMatch], today: pd.Timestamp | None = None,
                date_order: str = "auto", keep_zero_price: bool = False,
                keep_duplicates: bool = False, keep_walk_in: bool = False) -> CleanResult:
    """Convert raw tables to clean order lines (schema.py) and report what was set aside and why.
    Zero-price lines are set aside unless the caller keeps them (some files, such as CDNOW's, hold
    genuine free items). Exact duplicate lines are set aside only when the file has an order number
    (see _exact_duplicates). A file without any price is read without money (amounts NaN). Walk-in
    and placeholder customer ids are set aside as "walk_in" and summed in report.walk_in."""
    _require(roles, tables)
    has_prices = "amount" in roles or "unit_price" in roles
    data, src = _concat(tables)
    n = len(data)
    report = CleaningReport(rows_read=n + sum(len(t.rows_left_out(r)) for t in tables for r in SET_ASIDE_REASONS))
    for t in tables:
        report.notes.extend(f"{t.label}: {note}" for note in t.notes)
        report.warnings.extend(t.warnings)
        for col in t.duplicate_columns:
            report.warnings.append(message("duplicate_header", file=t.file.name, sheet=t.sheet, column=col))
    decimal = tables[0].decimal
    # Every column is factorised once; text and number conversions then work on distinct values
    # only, and the duplicate check compares integer codes instead of text.
    factorised: dict[str, tuple[np.ndarray, pd.Series]] = {}

    def codes_of(column: str) -> tuple[np.ndarray, pd.Series]:
        if column not in factorised:
            codes, uniques = pd.factorize(data[column], use_na_sentinel=True)
            factorised[column] = (codes, pd.Series(uniques, dtype=object))
        return factorised[column]

    def expand(codes: np.ndarray, values: np.ndarray, missing: object) -> np.ndarray:
        values = np.asarray(values)
        out = np.full(len(codes), missing, dtype=values.dtype if values.dtype.kind in "fM" else object)
        ok = codes >= 0
        out[ok] = values[codes[ok]]
        return out

    def text(role: str) -> pd.Series:
        codes, uniques = codes_of(roles[role].column)
        converted = to_text(uniques, distinct=True, ids=role in ID_ROLES).to_numpy()
        return pd.Series(expand(codes, converted, None), index=data.index, dtype=object)

    for role in ID_ROLES:  # long ids stored as numbers were rounded before Clientele saw them
        if role in roles:
            codes, uniques = codes_of(roles[role].column)
            lost = lost_precision_ids(uniques)
            n_lost = int(lost[codes[codes >= 0]].sum()) if lost.any() else 0
            if n_lost:
                report.warnings.append(message("ids_lost_precision", file=tables[0].file.name,
                                               sheet=tables[0].sheet, column=roles[role].column, n=n_lost))

    unreadable: dict[str, np.ndarray] = {}  # cells with text that is no finite number, by role

    def numbers(role: str) -> pd.Series:
        if role not in roles:
            unreadable[role] = np.zeros(n, dtype=bool)
            return pd.Series(np.nan, index=data.index)
        codes, uniques = codes_of(roles[role].column)
        parsed = parse_numbers(uniques, decimal)
        unreadable[role] = expand(codes, parsed.bad.to_numpy(dtype=bool), False).astype(bool)
        return pd.Series(expand(codes, parsed.values.to_numpy(dtype="float64"), np.nan), index=data.index,
                         dtype="float64")

    customer = text("customer_id")
    dates = parse_dates(data[roles["date"].column], date_order=date_order,
                        factorised=codes_of(roles["date"].column))
    label = f"{tables[0].label}, column {roles['date'].column!r}"
    report.notes.extend(f"{label}: {note}" for note in dates.notes)
    if dates.ambiguous:
        report.warnings.append(message(f"date_order_guessed_{'dmy' if dates.order == 'dmy' else 'mdy'}",
                                       file=tables[0].file.name, sheet=tables[0].sheet,
                                       column=roles["date"].column))
    if len(dates.zones) > 1:
        report.warnings.append(message("date_time_zones_converted", file=tables[0].file.name, sheet=tables[0].sheet,
                                       column=roles["date"].column, count=len(dates.zones),
                                       zones=", ".join(dates.zones), zone=dates.zone))
    qty = numbers("quantity")
    price = numbers("unit_price")
    # An empty quantity is one item; an unreadable one (abc, inf) gives no amount to compute.
    computed = (qty.fillna(1.0) * price).where(~unreadable["quantity"])
    if "amount" in roles:
        amount = numbers("amount")
        amount = amount.where(amount.notna(), computed)
    else:
        amount = computed
    qty = qty.where(qty.notna(), np.sign(amount).replace(0, 1).fillna(1.0))
    report.has_prices = has_prices
    if not has_prices:
        report.warnings.append(message("no_prices", file=tables[0].file.name, sheet=tables[0].sheet))

    order = text("order_id") if "order_id" in roles else None
    is_return = (qty < 0) | (amount < 0)
    if order is not None:
        codes, uniques = codes_of(roles["order_id"].column)
        names = to_text(uniques, distinct=True, ids=True)
        cancel = np.fromiter((isinstance(t, str) and t[:1] in ("C", "c") and t[1:].isdigit() for t in names),
                             dtype=bool, count=len(names))
        c_ids = pd.Series(expand(codes, cancel, False).astype(bool), index=data.index)
        if c_ids.mean() < 0.5:  # a few 'C' invoices among normal ones are cancellations
            is_return |= c_ids
    amount = amount.where(~is_return, -amount.abs())
    qty = qty.where(~is_return, -qty.abs())

    # Set-aside reasons, first matching wins.
    reason = pd.Series(pd.NA, index=data.index, dtype="object")
    all_codes = {c: codes_of(c)[0] for c in data.columns}
    all_empty = np.logical_and.reduce([c < 0 for c in all_codes.values()]) if all_codes else np.zeros(n, bool)
    now = pd.Timestamp.now() if today is None else pd.Timestamp(today)
    rules = [
        ("empty_row", all_empty),
        *_status_rules(data, roles, order),
        ("no_customer_id", customer.isna().to_numpy()),
        ("bad_date", dates.values.isna().to_numpy()),
        ("future_date", (dates.values > now.normalize() + pd.Timedelta(days=1)).fillna(False).to_numpy()),
        ("bad_amount", amount.isna().to_numpy() & has_prices),
        ("implausible_amount", ((amount.abs() > MAX_PLAUSIBLE) | (qty.abs() > MAX_PLAUSIBLE)
                                | (price.abs() > MAX_PLAUSIBLE)).to_numpy()),
        ("zero_price", ((amount == 0) | (price == 0)).fillna(False).to_numpy() & (not keep_zero_price)),
    ]
    for name, mask in rules:
        reason[(reason.isna().to_numpy()) & mask] = name
    dup = _exact_duplicates(all_codes, reason.isna().to_numpy(), "order_id" in roles, keep_duplicates,
                            report, tables[0])
    reason[dup] = "duplicate"
    walk_in_ids = {} if keep_walk_in else find_walk_in_ids(customer, reason.isna().to_numpy())
    walk_in = customer.isin(list(walk_in_ids)).to_numpy() & reason.isna().to_numpy()
    reason[walk_in] = "walk_in"

    for name in SET_ASIDE_REASONS:
        found = [(t.file.name, t.sheet, r, x) for t in tables for r, x in t.rows_left_out(name)]
        if found:  # rows the reader set aside (totals, wrong column counts)
            report.set_aside[name] = len(found)
            report.set_aside_rows[name] = [f[:3] for f in found]
            report.examples[name] = [SetAsideExample(*f) for f in found[:MAX_EXAMPLES]]
            continue
        idx = np.flatnonzero((reason == name).to_numpy())
        if len(idx):
            report.set_aside[name] = int(len(idx))
            report.set_aside_rows[name] = list(zip(src["source_file"].to_numpy()[idx].tolist(),
                                                   src["source_sheet"].to_numpy()[idx].tolist(),
                                                   src["source_row"].to_numpy()[idx].tolist()))
            report.examples[name] = [
                SetAsideExample(str(src.at[i, "source_file"]), str(src.at[i, "source_sheet"]),
                                int(src.at[i, "source_row"]), _row_text(data, i))
                for i in idx[:MAX_EXAMPLES]
            ]
    keep = reason.isna().to_numpy()
    report.rows_used = int(keep.sum())
    if report.rows_used == 0:
        biggest = max(report.set_aside, key=lambda r: report.set_aside[r]) if report.set_aside else "empty_row"
        raise InputError(
            f"{tables[0].label}: none of its {n:,} rows could be used (most were set aside for: "
            f"{SET_ASIDE_REASONS[biggest][0]}); check that the right columns were chosen.",
            zh=f"{tables[0].label_zh}：{n:,} 行中没有一行可用（大多数因“{SET_ASIDE_REASONS[biggest][1]}”被搁置）；"
               "请检查是否选对了列。"
        )

    counted = keep | walk_in
    store = text("store") if "store" in roles else None
    order_key = order_keys(order, dates.values, store, customer, counted, report, tables[0], roles)
    if walk_in.any():
        report.walk_in = _walk_in_summary(customer, dates.values, amount, order_key, walk_in, walk_in_ids,
                                          has_prices)
    lines = pd.DataFrame({
        "customer_id": customer[keep].to_numpy(),
        "date": dates.values[keep].to_numpy(),
        "order_id": order_key[keep].to_numpy(),
    })
    pid = text("product_id")[keep].to_numpy() if "product_id" in roles else None
    pname = text("product_name")[keep].to_numpy() if "product_name" in roles else None
    if pid is None and pname is not None:
        pid = pname
    if pname is None and pid is not None:
        pname = pid
    lines["product_id"] = pd.Series(pid if pid is not None else None, index=lines.index, dtype=object)
    lines["product_name"] = pd.Series(pname if pname is not None else None, index=lines.index, dtype=object)
    if pid is not None:
        lines["product_id"] = lines["product_id"].fillna(lines["product_name"])
        lines["product_name"] = lines["product_name"].fillna(lines["product_id"])
    lines["category"] = pd.Series(text("category")[keep].to_numpy() if "category" in roles else None,
                                  index=lines.index, dtype=object)
    lines["quantity"] = qty[keep].to_numpy().astype("float64")
    lines["unit_price"] = price[keep].to_numpy().astype("float64")
    lines["amount"] = amount[keep].to_numpy().astype("float64")
    lines["is_return"] = is_return[keep].to_numpy().astype(bool)
    lines["source_file"] = src["source_file"].to_numpy()[keep]
    lines["source_sheet"] = src["source_sheet"].to_numpy()[keep]
    lines["source_row"] = src["source_row"].to_numpy()[keep].astype("int64")
    from .schema import LINE_COLUMNS

    lines = lines[LINE_COLUMNS]
    report.returns = int(lines["is_return"].sum())

    profiles = _profile_frame(data, roles, customer, keep)
    return CleanResult(lines, report, profiles)


# Customer ids that mean "no customer": a till's walk-in sale without a loyalty card, a guest checkout.
# Compared lower-case without spaces, dots, hyphens and underscores; ids made only of zeros or only of
# punctuation ("0", "000", "-", "*") are placeholders too.
WALK_IN_WORDS = frozenset({
    "guest", "guests", "guestcustomer", "guestcheckout", "walkin", "walkincustomer", "walkins", "anonymous",
    "anon", "unknown", "unknowncustomer", "nocustomer", "nonmember", "notamember", "nomember", "cash",
    "cashcustomer", "cashsale", "cashsales", "retailcustomer", "passerby", "visitor", "default", "n/a", "#n/a",
    "na", "none", "null", "nil",
    "散客", "非会员", "匿名", "匿名用户", "匿名客户", "游客", "现金客户", "现金", "零售客户", "临时客户", "临时顾客",
    "普通散客", "散客顾客", "过路客", "无会员", "非会员顾客", "未注册", "访客",
})
# One id holding more than this share of the lines, among more than WALK_IN_MIN_CUSTOMERS customers, is a
# till's default customer rather than a person.
WALK_IN_SHARE = 0.20
WALK_IN_MIN_CUSTOMERS = 50
# An order number is taken within its date (and outlet) when more than this share of order numbers appear
# on several dates (outlets): receipt numbers that restart every day.
ORDER_REPEAT_SHARE = 0.02


def is_placeholder_id(value: object) -> bool:
    """True for customer ids that stand for no customer ('0', '-', 'guest', 'walk-in', '散客', '非会员' …)."""
    t = str(value).strip().lower()
    if not t or re.fullmatch(r"0+|-1|[\W_]+", t):
        return True
    return re.sub(r"[\s.\-_·]+", "", t) in WALK_IN_WORDS


def find_walk_in_ids(customer: pd.Series, usable: np.ndarray) -> dict[str, str]:
    """Walk-in / placeholder ids among the usable rows: {id: why}, why 'placeholder' (the id says so)
    or 'share' (one id holds more than WALK_IN_SHARE of the lines of more than WALK_IN_MIN_CUSTOMERS
    customers)."""
    ids = customer[usable & customer.notna().to_numpy()]
    if ids.empty:
        return {}
    codes, uniques = pd.factorize(ids)
    found = {str(u): "placeholder" for u in uniques if is_placeholder_id(u)}
    if len(uniques) > WALK_IN_MIN_CUSTOMERS:
        counts = np.bincount(codes, minlength=len(uniques))
        for j in np.flatnonzero(counts > WALK_IN_SHARE * len(ids)):
            found.setdefault(str(uniques[j]), "share")
    return found


def _walk_in_summary(customer: pd.Series, dates: pd.Series, amount: pd.Series, order_key: pd.Series,
                     mask: np.ndarray, ids: dict[str, str], has_prices: bool) -> WalkIn:
    frame = pd.DataFrame({
        "id": customer[mask].to_numpy(), "day": dates[mask].dt.strftime("%Y-%m-%d").to_numpy(),
        "amount": amount[mask].to_numpy(dtype="float64"), "order": order_key[mask].to_numpy(),
    })
    per_id = frame.groupby("id", sort=False)["amount"].agg(["size", "sum"]).sort_values("size", ascending=False)
    per_day = frame.groupby("day", sort=True).agg(lines=("amount", "size"), revenue=("amount", "sum"),
                                                   orders=("order", "nunique"))

    def money(v: float) -> float | None:
        return round(float(v), 2) if has_prices else None

    return WalkIn(
        ids=[{"id": str(i), "lines": int(r["size"]), "revenue": money(r["sum"]), "why": ids.get(str(i), "placeholder")}
             for i, r in per_id.iterrows()],
        days=per_day.index.tolist(), lines=per_day["lines"].astype(int).tolist(),
        revenue=[money(v) for v in per_day["revenue"]], orders=per_day["orders"].astype(int).tolist(),
    )


def _exact_duplicates(all_codes: dict[str, np.ndarray], candidates: np.ndarray, has_order: bool, keep: bool,
                      report: CleaningReport, table: RawTable) -> np.ndarray:
    """Rows that repeat an earlier usable row in every column. They are set aside only when the file has
    an order number: then an exact repeat (same order, product, quantity …) is a double export. Without
    one (customer, date, amount only) two equal rows are two genuine purchases: kept, and a note says so."""
    dup = np.zeros(len(candidates), dtype=bool)
    if not candidates.any():
        return dup
    keyed = pd.DataFrame({j: c[candidates] for j, c in enumerate(all_codes.values())})
    local = keyed.duplicated(keep="first").to_numpy()
    found = int(local.sum())
    if not found or keep:
        return dup
    if has_order:
        dup[np.flatnonzero(candidates)[local]] = True
    else:
        report.notes.append(message("duplicates_kept", file=table.file.name, sheet=table.sheet, lines=found))
    return dup


def _repeats(key: np.ndarray, scope: np.ndarray) -> bool:
    """True when more than ORDER_REPEAT_SHARE of the keys (at least two) occur with several scope values."""
    per_key = pd.DataFrame({"k": key, "s": scope}).drop_duplicates().groupby("k").size()
    spread = int((per_key > 1).sum())
    return spread >= 2 and spread > ORDER_REPEAT_SHARE * len(per_key)


def order_keys(order: pd.Series | None, dates: pd.Series, store: pd.Series | None, customer: pd.Series,
               counted: np.ndarray, report: CleaningReport, table: RawTable,
               roles: dict[str, RoleMatch]) -> pd.Series:
    """The order of every row. An order number that repeats at different outlets or on different dates
    (receipt numbers restarting every day and outlet) is taken within its outlet and date:
    '<number>|<store>|<YYYY-MM-DD>', and a note says so. Rows without an order number: one order per
    customer and day ('<customer>|<YYYY-MM-DD>')."""
    day = dates.dt.normalize()
    out = pd.Series(None, index=customer.index, dtype=object)
    if order is not None:
        out[:] = order.to_numpy()
        has = counted & order.notna().to_numpy() & day.notna().to_numpy()
        if has.any():
            parts = [order[has].to_numpy()]
            key = pd.factorize(parts[0])[0]
            scope = []
            if store is not None:
                st = store[has].fillna("").to_numpy()
                if _repeats(key, pd.factorize(st)[0]):
                    scope.append("outlet")
                    parts.append(st)
                    key = pd.factorize(pd.MultiIndex.from_arrays(parts))[0]
            d = day[has].dt.strftime("%Y-%m-%d").to_numpy()
            if _repeats(key, pd.factorize(d)[0]):
                scope.append("day")
                parts.append(d)
            if scope:
                codes, uniques = pd.factorize(pd.MultiIndex.from_arrays(parts))
                labels = np.array(["|".join(str(x) for x in u) for u in uniques], dtype=object)
                out[has] = labels[codes]
                code = "orders_per_" + "_".join(scope)
                params = {"column": roles["order_id"].column, "orders": int(len(uniques))}
                if "outlet" in scope:
                    params["store"] = roles["store"].column
                report.notes.append(message(code, file=table.file.name, sheet=table.sheet, **params))
    missing = counted & out.isna().to_numpy() & day.notna().to_numpy()
    if missing.any():
        keys = pd.MultiIndex.from_arrays([customer[missing].to_numpy(), day[missing].to_numpy()])
        codes, uniques = pd.factorize(keys)
        labels = np.array([f"{c}|{d:%Y-%m-%d}" for c, d in uniques], dtype=object)
        out[missing] = labels[codes]
        if order is None:
            report.notes.append("the file has no order number: each customer's purchases on one day count as one order")
    return out


def _profile_frame(data: pd.DataFrame, roles: dict[str, RoleMatch], customer: pd.Series,
                   keep: np.ndarray | None = None) -> pd.DataFrame:
    """Profile fields (name, phone, …) per customer: the last non-empty value of each."""
    from .roles import PROFILE_ROLES

    present = [r for r in PROFILE_ROLES if r in roles]
    if not present:
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    frame = pd.DataFrame({"customer_id": customer})
    for r in present:
        values = data[roles[r].column]
        if r in ("age", "income"):
            frame[r] = parse_numbers(values).values
        elif r == "birthday":
            frame[r] = parse_dates(values).values.dt.strftime("%Y-%m-%d").astype(object)
        else:
            frame[r] = to_text(values)
    if keep is not None:
        frame = frame[keep]
    frame = frame[frame["customer_id"].notna()]
    if frame.empty:
        return pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object), columns=present)
    prof = frame.groupby("customer_id", sort=False).last()
    prof.index.name = "customer_id"
    return prof


def clean_customer_list(tables: list[RawTable], roles: dict[str, RoleMatch]) -> tuple[pd.DataFrame, list[str]]:
    """Turn a customer list file into profile rows indexed by customer_id; return (profiles, notes)."""
    if "customer_id" not in roles:
        raise InputError(
            f"{tables[0].label}: no customer id column was found in the customer list (columns: "
            f"{', '.join(tables[0].columns)}); say which one with --map customer_id=COLUMN.",
            zh=f"{tables[0].label_zh}：在客户名单中没有找到客户编号列（现有的列：{'、'.join(tables[0].columns)}）；"
               "请用 --map customer_id=列名 指定是哪一列。"
        )
    data, _src = _concat(tables)
    customer = to_text(data[roles["customer_id"].column], ids=True)
    notes = []
    dupes = int(customer.dropna().duplicated().sum())
    if dupes:
        notes.append(f"{tables[0].label}: {dupes} customer ids appear more than once; the last row of each is used")
    missing = int(customer.isna().sum())
    if missing:
        notes.append(f"{tables[0].label}: {missing} rows have no customer id and were left out")
    return _profile_frame(data, roles, customer), notes
