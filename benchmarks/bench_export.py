"""Speed of the marketing-list export on 50,000 customers: XlsxWriter (what desktop.engine.export uses) against
an openpyxl write-only workbook with the same formatting, plus CSV and the whole export.

    python benchmarks/bench_export.py [--customers 50000] [--repeat 3] [--skip-openpyxl]

Target: 50,000 rows written in under 5 s. Prints wall and CPU seconds (best of --repeat) and the
load average, since other work on a shared machine stretches wall time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from desktop.engine.export import (  # noqa: E402
    SEGMENT_COLOURS,
    ExportOptions,
    build_marketing_list,
    clean_text,
    write_csv,
    write_marketing_workbook,
)
from desktop.engine.export.xlsx import _column_kind, _header, _values  # noqa: E402
from desktop.engine.marketing import export_marketing_list  # noqa: E402

SEGMENTS = ["champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
            "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost"]


def make_customers(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (customers, segment summary) shaped like an analysis of a real shop."""
    rng = np.random.default_rng(seed)
    surnames = np.array(list("王李张刘陈杨黄赵吴周"))
    given = np.array(["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "Emma Jones", "Oliver Smith"])
    names = np.char.add(surnames[rng.integers(0, 10, n)], given[rng.integers(0, 10, n)])
    keys = rng.choice(SEGMENTS, n)
    last = pd.Timestamp("2024-06-30") - pd.to_timedelta(rng.integers(0, 700, n), "D")
    products = np.array(["绿茶 Green tea 100g", "Ceramic mug", "花茶礼盒", "Teapot 600ml", "Candle"])
    customers = pd.DataFrame({
        "customer_name": names,
        "phone": [f"13{d:09d}" for d in rng.integers(0, 10**9, n)],
        "email": [f"user{i}@example.com" for i in range(n)],
        "city": rng.choice(["北京", "上海", "广州", "London", "Manchester"], n),
        "segment": keys,
        "segment_name": [k.replace("_", " ").title() for k in keys],
        "monetary": rng.gamma(2.0, 150.0, n).round(2),
        "frequency": rng.integers(1, 40, n),
        "last_purchase": last,
        "recency_days": (pd.Timestamp("2024-06-30") - last).days,
        "favourite_product": rng.choice(products, n),
        "p_alive": rng.random(n).round(4),
        "predicted_spend_12m": rng.gamma(2.0, 80.0, n).round(2),
        "suggested_products": [list(rng.choice(products, 3, replace=False)) for _ in range(n)],
    }, index=pd.Index([str(100000 + i) for i in range(n)], name="customer_id"))
    summary = customers.groupby("segment").agg(customers=("monetary", "size"),
                                                revenue=("monetary", "sum")).reset_index()
    summary = summary.rename(columns={"segment": "key"})
    summary["name"] = summary["key"].str.replace("_", " ").str.title()
    summary["name_zh"] = summary["key"]
    summary["share"] = summary["customers"] / n
    summary["revenue_share"] = summary["revenue"] / summary["revenue"].sum()
    summary["avg_spend"] = summary["revenue"] / summary["customers"]
    summary["action"] = "Send a personal offer"
    summary["action_zh"] = "发送专属优惠"
    return customers, summary


def write_openpyxl(list_df: pd.DataFrame, path: Path) -> None:
    """The same list sheet with openpyxl write-only: header style, fills, number formats, frozen
    header, filter, widths; text cells forced to text so nothing becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Customers")
    columns = [c for c in list_df.columns if c != "segment"]
    kinds = [_column_kind(c, list_df[c]) for c in columns]
    for j, c in enumerate(columns):
        ws.column_dimensions[get_column_letter(j + 1)].width = 60 if c == "message" else 16
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(list_df) + 1}"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E78")
    top = Alignment(vertical="top")
    fills = {k: PatternFill("solid", fgColor=v[1:]) for k, v in SEGMENT_COLOURS.items()}
    number_formats = {"money": "#,##0.00", "integer": "#,##0", "number": "#,##0.00",
                      "percent": "0.0%", "date": "yyyy-mm-dd"}
    header = []
    for c in columns:
        cell = WriteOnlyCell(ws, value=_header(c, "en"))
        cell.font, cell.fill = header_font, header_fill
        header.append(cell)
    ws.append(header)
    data = [_values(list_df[c]) for c in columns]
    seg_keys = list_df["segment"].tolist()
    seg_col = columns.index("segment_name")
    for i in range(len(list_df)):
        row = []
        for j, kind in enumerate(kinds):
            v = data[j][i]
            if isinstance(v, str):
                cell = WriteOnlyCell(ws, value=clean_text(v))
                cell.data_type = "s"  # never a formula
            else:
                cell = WriteOnlyCell(ws, value=v)
                if kind in number_formats:
                    cell.number_format = number_formats[kind]
            cell.alignment = top
            if j == seg_col:
                cell.fill = fills.get(seg_keys[i], header_fill)
            row.append(cell)
        ws.append(row)
    wb.save(path)


def timed(label: str, repeat: int, fn) -> None:
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"{label:<44} {best_wall:7.2f} s wall {best_cpu:7.2f} s cpu", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-openpyxl", action="store_true")
    args = parser.parse_args()

    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    customers, summary = make_customers(args.customers)
    options = ExportOptions()
    list_df = build_marketing_list(customers, summary, options)
    print(f"{len(list_df):,} rows x {len([c for c in list_df.columns if c != 'segment'])} columns")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        timed("build_marketing_list", args.repeat,
              lambda: build_marketing_list(customers, summary, options))
        timed("xlsx, XlsxWriter (engine export)", args.repeat,
              lambda: write_marketing_workbook(list_df, summary, out / "x.xlsx", options))
        if not args.skip_openpyxl:
            timed("xlsx, openpyxl write-only (same formatting)", args.repeat,
                  lambda: write_openpyxl(list_df, out / "o.xlsx"))
        timed("csv (UTF-8 with BOM)", args.repeat, lambda: write_csv(list_df, out / "x.csv", options))
        timed("export_marketing_list to xlsx, 10% control", args.repeat,
              lambda: export_marketing_list(customers, summary, out / "e.xlsx",
                                            ExportOptions(control_share=0.1, seed=1)))
        size = (out / "x.xlsx").stat().st_size / 1e6
        print(f"xlsx size {size:.1f} MB")
    try:
        import resource

        print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    except ImportError:  # Windows
        pass
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
