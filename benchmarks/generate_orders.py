"""Synthetic order lines in the demo shop's layout, at any size, for speed and memory benchmarks.

    /work/venv/bin/python benchmarks/generate_orders.py --lines 1000000 [--xlsx]

writes benchmarks/out/orders_1000000.csv (and .xlsx). Other benchmarks import `generate`.
The shape is roughly that of a real shop: a few customers buy very often, most buy a few times within
their own active months, popular products dominate, baskets hold about two lines, ~1% are returns.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

COLUMNS = ["Order ID", "Date", "Customer ID", "Product ID", "Product", "Category", "Quantity", "Unit price",
           "Amount"]
START = np.datetime64("2024-11-01T00:00", "m")
END = np.datetime64("2026-10-31T00:00", "m")
OUT = Path(__file__).resolve().parent / "out"
EXCEL_MAX_ROWS = 1_048_576

# (category, product word in English, in Chinese, median price in CNY)
_CATEGORIES = [
    ("Green tea 绿茶", "green tea", "绿茶", 90.0),
    ("Oolong 乌龙茶", "oolong", "乌龙", 110.0),
    ("Pu-erh 普洱", "pu-erh", "普洱", 150.0),
    ("Black tea 红茶", "black tea", "红茶", 80.0),
    ("White tea 白茶", "white tea", "白茶", 140.0),
    ("Flower & herbal 花草茶", "herbal tea", "花草茶", 30.0),
    ("Teaware 茶具", "teaware", "茶具", 120.0),
    ("Gift boxes 礼盒", "gift box", "礼盒", 300.0),
    ("Snacks 茶点", "snack", "茶点", 28.0),
]
_CATEGORY_WEIGHTS = np.array([0.18, 0.15, 0.12, 0.12, 0.06, 0.08, 0.12, 0.07, 0.10])
_TEA_SIZES = ["50g", "100g", "100g", "250g", "357g", "20 bags"]
_SIZES = [_TEA_SIZES] * 5 + [["30g", "50g", "30 bags"], ["1 pc", "set of 4", "set of 6"], ["1 box", "2 tins"],
                             ["6 pcs", "200g", "300g"]]


def _products(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """A catalogue of `n` products: id, name, category, price and popularity weight."""
    cat = rng.choice(len(_CATEGORIES), size=n, p=_CATEGORY_WEIGHTS / _CATEGORY_WEIGHTS.sum())
    median = np.array([c[3] for c in _CATEGORIES])[cat]
    price = np.round(median * rng.lognormal(0.0, 0.45, n))  # whole yuan, like a shelf label
    price = np.maximum(price, 5.0)
    number = np.arange(1, n + 1)
    en = np.array([c[1] for c in _CATEGORIES], dtype=object)[cat]
    zh = np.array([c[2] for c in _CATEGORIES], dtype=object)[cat]
    size = np.empty(n, dtype=object)
    for k, choices in enumerate(_SIZES):
        mine = cat == k
        size[mine] = np.array(choices, dtype=object)[rng.integers(0, len(choices), int(mine.sum()))]
    width = len(str(n))
    ids = np.char.add("P", np.char.zfill(number.astype(str), max(5, width)))
    names = pd.Series(en).str.capitalize() + " no. " + number.astype(str) + " " + zh + " " + size
    # Zipf-like popularity with the popular items spread over the catalogue.
    popularity = 1.0 / (rng.permutation(n) + 10.0) ** 0.9
    return pd.DataFrame({
        "id": ids.astype(object),
        "name": names.to_numpy(dtype=object),
        "category": np.array([c[0] for c in _CATEGORIES], dtype=object)[cat],
        "price": price,
        "weight": popularity / popularity.sum(),
    })


def generate(n_lines: int = 1_000_000, n_customers: int = 50_000, n_products: int = 5_000,
             seed: int = 0) -> pd.DataFrame:
    """Return `n_lines` order lines (the demo's columns; Date as datetime64, minute resolution),
    sorted by date, about 1% of them returns of an earlier line."""
    if n_lines < 1 or n_customers < 1 or n_products < 1:
        raise ValueError("n_lines, n_customers and n_products must be positive")
    rng = np.random.default_rng(seed)
    products = _products(rng, n_products)

    n_returns = n_lines // 100 if n_lines >= 100 else 0
    n_buys = n_lines - n_returns
    # Basket sizes 1, 2, 3… (geometric, mean ~2.2) until there are enough lines.
    sizes = rng.geometric(0.45, size=n_buys // 2 + 16)
    cum = np.cumsum(sizes)
    n_orders = int(np.searchsorted(cum, n_buys) + 1)
    sizes = sizes[:n_orders].copy()
    sizes[-1] -= int(cum[n_orders - 1] - n_buys)

    # Each customer has an active stretch inside the two years and a buying rate (gamma: a few heavy
    # buyers, many light ones). Every customer gets one order first, as long as there are enough orders.
    span = (END - START).astype("int64")
    begin = np.clip(rng.uniform(-0.4, 1.0, n_customers), 0.0, 0.98) * span
    length = np.minimum(rng.exponential(0.5, n_customers) * span, span - begin)
    rate = rng.gamma(0.7, 1.0, n_customers)
    first = rng.permutation(n_customers)[: min(n_customers, n_orders)]
    rest = rng.choice(n_customers, size=n_orders - len(first), p=rate / rate.sum())
    order_customer = rng.permutation(np.concatenate([first, rest]))
    minute_of_day = rng.integers(10 * 60, 21 * 60, n_orders)
    day = np.floor(begin[order_customer] + rng.random(n_orders) * length[order_customer]) // 1440
    order_time = START + (day * 1440 + minute_of_day).astype("timedelta64[m]")

    # Orders in date order get sale numbers S0000001…
    order_rank = np.argsort(order_time, kind="stable")
    order_time = order_time[order_rank]
    order_customer = order_customer[order_rank]
    sizes = sizes[order_rank]

    line_order = np.repeat(np.arange(n_orders), sizes)
    product = rng.choice(n_products, size=n_buys, p=products["weight"].to_numpy())
    bulk = rng.random(n_customers) < 0.01  # cafés and offices buy by the dozen
    quantity = rng.geometric(0.7, n_buys)
    quantity = np.where(bulk[order_customer[line_order]], quantity * rng.integers(5, 13, n_buys), quantity)
    price = products["price"].to_numpy()[product]
    line_time = order_time[line_order]
    sale_ids = np.char.add("S", np.char.zfill(np.arange(1, n_orders + 1).astype(str), 7))
    order_id = sale_ids[line_order]
    customer = order_customer[line_order]

    if n_returns:
        # A return takes back part of an earlier line a few days later, on its own refund receipt.
        early = np.flatnonzero(line_time < END - np.timedelta64(1, "D"))
        src = rng.choice(early, size=min(n_returns, len(early)), replace=False)
        n_returns = len(src)
        back = np.minimum(line_time[src] + rng.integers(1, 15, n_returns).astype("timedelta64[D]"), END)
        by_time = np.argsort(back, kind="stable")  # refund receipts numbered in date order too
        src, back = src[by_time], back[by_time]
        r_qty = -np.minimum(quantity[src], rng.integers(1, 3, n_returns))
        refund_ids = np.char.add("R", np.char.zfill(np.arange(1, n_returns + 1).astype(str), 7))
        line_time = np.concatenate([line_time, back])
        order_id = np.concatenate([order_id, refund_ids])
        customer = np.concatenate([customer, customer[src]])
        product = np.concatenate([product, product[src]])
        quantity = np.concatenate([quantity, r_qty])
        price = np.concatenate([price, price[src]])

    order = np.argsort(line_time, kind="stable")
    width = max(5, len(str(n_customers)))
    customer_ids = np.char.add("C", np.char.zfill(np.arange(1, n_customers + 1).astype(str), width)).astype(object)
    quantity = quantity[order].astype("int64")
    price = price[order].astype("float64")
    p = product[order]
    return pd.DataFrame({
        "Order ID": order_id[order].astype(object),
        "Date": line_time[order].astype("datetime64[ns]"),
        "Customer ID": customer_ids[customer[order]],
        "Product ID": products["id"].to_numpy()[p],
        "Product": products["name"].to_numpy()[p],
        "Category": products["category"].to_numpy()[p],
        "Quantity": quantity,
        "Unit price": price,
        "Amount": np.round(quantity * price, 2),
    }, columns=COLUMNS)


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write `df` as UTF-8 CSV the way the demo file looks (dates as YYYY-MM-DD HH:MM)."""
    out = df.copy()
    out["Date"] = _minute_strings(df["Date"].to_numpy())
    out.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.2f")
    return path


def _minute_strings(values: np.ndarray) -> np.ndarray:
    """'YYYY-MM-DD HH:MM' for each datetime64: day and time-of-day texts are looked up and joined, which
    is several times faster than strftime on a million rows."""
    minutes = values.astype("datetime64[m]").astype("int64")
    day, minute = np.divmod(minutes, 1440)
    first = int(day.min())
    days = np.datetime_as_string(np.arange(first, int(day.max()) + 1).astype("datetime64[D]")).astype(object)
    clock = np.array([f" {m // 60:02d}:{m % 60:02d}" for m in range(1440)], dtype=object)
    return days[day - first] + clock[minute]


def write_xlsx(df: pd.DataFrame, path: Path) -> Path:
    """Write `df` as an Excel workbook with XlsxWriter in constant-memory mode, row by row (pandas'
    to_excel writes column by column, which constant-memory mode cannot take). More rows than a sheet
    holds go on further sheets with the same header."""
    import xlsxwriter

    per_sheet = EXCEL_MAX_ROWS - 1
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    money_fmt = wb.add_format({"num_format": "0.00"})
    # Excel's serial day numbers, so each date is one write_number call instead of a datetime object.
    serial = ((df["Date"].to_numpy() - np.datetime64("1899-12-30")) / np.timedelta64(1, "D")).tolist()
    cols = [df[c].tolist() for c in COLUMNS]
    for sheet_no, start in enumerate(range(0, max(len(df), 1), per_sheet), start=1):
        ws = wb.add_worksheet("Orders" if len(df) <= per_sheet else f"Orders {sheet_no}")
        ws.write_row(0, 0, COLUMNS)
        ws.set_column(1, 1, 16)
        ws.set_column(4, 5, 30)
        for i in range(start, min(start + per_sheet, len(df))):
            r = i - start + 1
            ws.write_string(r, 0, cols[0][i])
            ws.write_number(r, 1, serial[i], date_fmt)
            ws.write_string(r, 2, cols[2][i])
            ws.write_string(r, 3, cols[3][i])
            ws.write_string(r, 4, cols[4][i])
            ws.write_string(r, 5, cols[5][i])
            ws.write_number(r, 6, cols[6][i])
            ws.write_number(r, 7, cols[7][i], money_fmt)
            ws.write_number(r, 8, cols[8][i], money_fmt)
    wb.close()
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: generate, write into benchmarks/out (or --out) and print the times."""
    parser = argparse.ArgumentParser(description="Write synthetic order lines for benchmarks.")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--products", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: benchmarks/out)")
    parser.add_argument("--xlsx", action="store_true",
                        help="also write an .xlsx workbook (slow: ~1.5 min of CPU per 1M lines)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    df = generate(args.lines, args.customers, args.products, args.seed)
    t1 = time.perf_counter()
    print(f"generated {len(df):,} lines, {df['Customer ID'].nunique():,} customers, "
          f"{df['Order ID'].nunique():,} orders in {t1 - t0:.1f} s")
    path = write_csv(df, args.out / f"orders_{args.lines}.csv")
    t2 = time.perf_counter()
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {t2 - t1:.1f} s")
    if args.xlsx:
        path = write_xlsx(df, args.out / f"orders_{args.lines}.xlsx")
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t2:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
