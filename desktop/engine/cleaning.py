"""From raw tables and column roles to clean order lines, with a report of every row set aside.

Returns and cancellations stay in the lines (negative amounts net out of spend); rows that cannot be
used are set aside by reason and listed with their file row number. Nothing is dropped silently."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..texts import Message, message
from .errors import InputError
from .parsing import parse_dates, parse_numbers, to_text
from .reading import RawTable
from .roles import ROLE_LABELS, RoleMatch, status_vocabulary

SET_ASIDE_REASONS = {
    "totals_row": ("totals row at the bottom of the sheet", "表格底部的合计行"),
    "empty_row": ("empty row", "空行"),
    "no_customer_id": ("no customer id", "没有客户编号"),
    "bad_date": ("date missing or not readable", "日期缺失或无法识别"),
    "future_date": ("date in the future", "日期在未来"),
    "bad_amount": ("amount missing or not a number", "金额缺失或不是数字"),
    "zero_price": ("zero price or amount", "价格或金额为零"),
    "duplicate": ("exact duplicate of an earlier line", "与前面某行完全重复"),
    # Orders the status (or an empty payment time) marks as not paid, cancelled or refunded.
    "unpaid": ("order not paid", "订单未付款"),
    "cancelled": ("order cancelled or closed", "订单已取消或已关闭"),
    "refunded": ("order refunded", "订单已退款"),
}
MAX_EXAMPLES = 5


@dataclass
class SetAsideExample:
    file: str
    sheet: str
    row: int
    text: str

    def to_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "text": self.text}


@dataclass
class CleaningReport:
    """What happened to the rows of the source files."""

    rows_read: int = 0
    rows_used: int = 0
    set_aside: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[SetAsideExample]] = field(default_factory=dict)
    set_aside_rows: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)
    returns: int = 0
    notes: list[str] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_set_aside": dict(self.set_aside),
            "return_lines": self.returns,
            "examples": {k: [e.to_dict() for e in v] for k, v in self.examples.items()},
            "notes": list(self.notes),
            "warnings": [w.to_dict() for w in self.warnings],
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
    if "amount" not in roles and "unit_price" not in roles:
        raise InputError(
            f"{label}: no column for the amount or the unit price was found (columns: {columns}); "
            "say which one holds it with --map amount=COLUMN, or choose it in the import dialog.",
            zh=f"{label_zh}：没有找到金额或单价列（现有的列：{columns}）；"
               "请用 --map amount=列名 指定是哪一列，或在导入对话框中选择。"
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
    values = [str(v) for v in data.iloc[i].tolist() if v is not None and str(v).strip() not in ("", "nan", "None")]
    text = " | ".join(values)
    return text[:120] + ("…" if len(text) > 120 else "")


def clean_lines(tables: list[RawTable], roles: dict[str, RoleMatch], today: pd.Timestamp | None = None,
                date_order: str = "auto", keep_zero_price: bool = False,
                keep_duplicates: bool = False) -> CleanResult:
    """Convert raw tables to clean order lines (schema.py) and report what was set aside and why.
    Zero-price lines and exact duplicate lines are set aside unless the caller keeps them (some files,
    such as CDNOW's, hold genuine free items and repeated identical purchases on one day)."""
    _require(roles, tables)
    data, src = _concat(tables)
    n = len(data)
    report = CleaningReport(rows_read=n + sum(len(t.totals_rows) for t in tables))
    for t in tables:
        report.notes.extend(f"{t.label}: {note}" for note in t.notes)
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
        return pd.Series(expand(codes, to_text(uniques, distinct=True).to_numpy(), None), index=data.index, dtype=object)

    def numbers(role: str) -> pd.Series:
        if role not in roles:
            return pd.Series(np.nan, index=data.index)
        codes, uniques = codes_of(roles[role].column)
        values = parse_numbers(uniques, decimal).values.to_numpy(dtype="float64")
        return pd.Series(expand(codes, values, np.nan), index=data.index, dtype="float64")

    customer = text("customer_id")
    dates = parse_dates(data[roles["date"].column], date_order=date_order,
                        factorised=codes_of(roles["date"].column))
    label = f"{tables[0].label}, column {roles['date'].column!r}"
    report.notes.extend(f"{label}: {note}" for note in dates.notes)
    if dates.ambiguous:
        report.warnings.append(message(f"date_order_guessed_{'dmy' if dates.order == 'dmy' else 'mdy'}",
                                       file=tables[0].file.name, sheet=tables[0].sheet,
                                       column=roles["date"].column))
    qty = numbers("quantity")
    price = numbers("unit_price")
    if "amount" in roles:
        amount = numbers("amount")
        computed = qty.fillna(1.0) * price
        amount = amount.where(amount.notna(), computed)
    else:
        amount = qty.fillna(1.0) * price
    qty = qty.where(qty.notna(), np.sign(amount).replace(0, 1))

    order = text("order_id") if "order_id" in roles else None
    is_return = (qty < 0) | (amount < 0)
    if order is not None:
        codes, uniques = codes_of(roles["order_id"].column)
        names = to_text(uniques, distinct=True)
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
        ("bad_amount", amount.isna().to_numpy()),
        ("zero_price", ((amount == 0) | (price == 0)).fillna(False).to_numpy() & (not keep_zero_price)),
    ]
    for name, mask in rules:
        reason[(reason.isna().to_numpy()) & mask] = name
    candidates = reason.isna().to_numpy()
    dup = np.zeros(n, dtype=bool)
    if candidates.any() and not keep_duplicates:
        keyed = pd.DataFrame({j: c[candidates] for j, c in enumerate(all_codes.values())})
        dup_local = keyed.duplicated(keep="first").to_numpy()
        dup[np.flatnonzero(candidates)[dup_local]] = True
    reason[dup] = "duplicate"

    for name in SET_ASIDE_REASONS:
        if name == "totals_row":
            rows = [(t.file.name, t.sheet, r) for t in tables for r in t.totals_rows]
            if rows:
                report.set_aside[name] = len(rows)
                report.set_aside_rows[name] = rows
                report.examples[name] = [SetAsideExample(f, s, r, "totals row") for f, s, r in rows[:MAX_EXAMPLES]]
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
        biggest = max(report.set_aside, key=report.set_aside.get) if report.set_aside else "empty_row"
        raise InputError(
            f"{tables[0].label}: none of its {n:,} rows could be used (most were set aside for: "
            f"{SET_ASIDE_REASONS[biggest][0]}); check that the right columns were chosen.",
            zh=f"{tables[0].label_zh}：{n:,} 行中没有一行可用（大多数因“{SET_ASIDE_REASONS[biggest][1]}”被搁置）；"
               "请检查是否选对了列。"
        )

    lines = pd.DataFrame({
        "customer_id": customer[keep].to_numpy(),
        "date": dates.values[keep].to_numpy(),
    })
    if order is not None:
        lines["order_id"] = order[keep].to_numpy()
        missing_order = lines["order_id"].isna()
    else:
        missing_order = pd.Series(True, index=lines.index)
        lines["order_id"] = pd.Series(None, index=lines.index, dtype=object)
    if missing_order.any():
        sub = lines.loc[missing_order, ["customer_id", "date"]]
        day = sub["date"].dt.normalize()
        keys = pd.MultiIndex.from_arrays([sub["customer_id"], day])
        codes, uniques = pd.factorize(keys)
        labels = np.array([f"{c}|{d:%Y-%m-%d}" for c, d in uniques], dtype=object)
        lines.loc[missing_order, "order_id"] = labels[codes]
        if order is None:
            report.notes.append("the file has no order number: each customer's purchases on one day count as one order")
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
    customer = to_text(data[roles["customer_id"].column])
    notes = []
    dupes = int(customer.dropna().duplicated().sum())
    if dupes:
        notes.append(f"{tables[0].label}: {dupes} customer ids appear more than once; the last row of each is used")
    missing = int(customer.isna().sum())
    if missing:
        notes.append(f"{tables[0].label}: {missing} rows have no customer id and were left out")
    return _profile_frame(data, roles, customer), notes
