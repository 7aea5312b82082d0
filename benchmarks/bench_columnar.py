"""`clientele analyze` beside DuckDB's own read + GROUP BY on the same file, in one run (issue 20).

    python benchmarks/bench_columnar.py [--lines 1000000] [--runs 3] [--xlsx]

Each figure is the minimum over --runs interleaved runs, each in its own child process (time and
peak memory, ru_maxrss), printed with its ratio to DuckDB reading the same file and grouping by
customer. Also: the customer table built by pandas (customers.build_customers) against the same
aggregation as one SQL query on DuckDB (engine/columnar.py) on the same clean lines, and with --xlsx
the guard's pre-scan alone beside python-calamine reading the sheet. The machine's load is printed:
on a shared machine judge by the CPU seconds (printed by _measure) as much as by wall time.
Targets (issue 20): CSV analyze within 2x of DuckDB, peak < 400 MB; xlsx within 1.3x of the engine's
xlsx read, < 500 MB; pre-scan under a tenth of the read.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import measure, python_snippet  # noqa: E402
from bench_analyze import ensure_data  # noqa: E402

REPO = HERE.parent

DUCKDB_GROUP_BY = """
import duckdb, sys
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
rows = con.execute('''
    SELECT "Customer ID", COUNT(DISTINCT "Order ID") AS orders, MIN("Date") AS first, MAX("Date") AS last,
           SUM("Amount") AS spend, COUNT(DISTINCT "Product ID") AS products
    FROM read_csv(?, header = true) WHERE "Customer ID" IS NOT NULL GROUP BY "Customer ID"
''', [sys.argv[1]]).fetchall()
print(len(rows))
"""

DUCKDB_TO_PANDAS = """
import duckdb, sys
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
df = con.execute("SELECT * FROM read_csv(?, header = true, all_varchar = true)", [sys.argv[1]]).df()
print(len(df))
"""

ANALYST_PANDAS = """
import pandas as pd, sys
df = pd.read_csv(sys.argv[1], parse_dates=["Date"])
df = df[df["Customer ID"].notna()]
g = df.groupby("Customer ID").agg(orders=("Order ID", "nunique"), first=("Date", "min"), last=("Date", "max"),
                                  spend=("Amount", "sum"), products=("Product ID", "nunique"))
print(len(g))
"""

# In one process: read and clean once, then the customer table both ways (CPU seconds, min of 3).
AGGREGATION = """
import sys, time
sys.path.insert(0, sys.argv[1])
import pandas as pd
from desktop.engine.pipeline import AnalysisOptions, load
from desktop.engine.customers import build_customers
from desktop.engine.columnar import build_customers_sql
lines = load(AnalysisOptions([sys.argv[2]])).lines
best = {}
for _ in range(3):
    for name, fn in (("pandas", build_customers), ("duckdb", build_customers_sql)):
        c = time.process_time(); w = time.perf_counter(); table = fn(lines)
        cpu, wall = time.process_time() - c, time.perf_counter() - w
        best[name] = min(best.get(name, (9e9, 9e9)), (cpu, wall))
        best[name + "_table"] = table
pd.testing.assert_frame_equal(best["pandas_table"], best["duckdb_table"])
for name in ("pandas", "duckdb"):
    print(f"{name} cpu {best[name][0]:.2f} s wall {best[name][1]:.2f} s")
print("tables equal")
"""

PRESCAN = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
           "from desktop.engine.guard import check_workbook; p = Path(sys.argv[2]); "
           "check_workbook(p, 'xlsx', p.read_bytes())")
CALAMINE = ("import python_calamine as pc, sys; wb = pc.CalamineWorkbook.from_path(sys.argv[1]); "
            "rows = wb.get_sheet_by_index(0).to_python(); print(len(rows))")
# An engine's own xlsx read + GROUP BY, offline: fastexcel (calamine -> Arrow) handed to DuckDB through
# the Arrow C data interface (no pyarrow). DuckDB 2.0 has no offline excel extension (duckdb-ext-excel
# exists for 1.4.x only). Skipped (rc != 0) when fastexcel is not installed.
FASTEXCEL_DUCKDB = """
import duckdb, fastexcel, sys
sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0)
rows = duckdb.connect().from_arrow(sheet).aggregate(
    '"Customer ID", COUNT(DISTINCT "Order ID") AS orders, MIN("Date") AS first, MAX("Date") AS last, '
    'SUM("Amount") AS spend, COUNT(DISTINCT "Product ID") AS products', '"Customer ID"').fetchall()
print(len(rows))
"""


def best_of(runs: int, cases: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Run every case `runs` times, interleaved; the minimum time and the minimum peak of each."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(runs):
        for name, args in cases.items():
            t, mem, rc = measure(args, cwd=REPO)
            if rc != 0:
                continue
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(old[0], t), min(old[1], mem))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also the xlsx file (written once: minutes)")
    args = parser.parse_args()
    csv_path, xlsx_path = ensure_data(args.lines, args.xlsx)
    print(f"load before: {os.getloadavg()[0]:.1f} (2 cores shared)", flush=True)
    cli = [sys.executable, "-m", "desktop", "analyze", "--json"]
    cases = {
        "clientele analyze CSV": cli + [str(csv_path)],
        "DuckDB read_csv + GROUP BY": python_snippet(DUCKDB_GROUP_BY) + [str(csv_path)],
        "DuckDB read_csv as text -> pandas": python_snippet(DUCKDB_TO_PANDAS) + [str(csv_path)],
        "pandas read_csv + groupby (analyst)": python_snippet(ANALYST_PANDAS) + [str(csv_path)],
    }
    if xlsx_path is not None:
        cases |= {
            "clientele analyze xlsx": cli + [str(xlsx_path)],
            "python-calamine to_python alone": python_snippet(CALAMINE) + [str(xlsx_path)],
            "fastexcel -> DuckDB + GROUP BY (xlsx)": python_snippet(FASTEXCEL_DUCKDB) + [str(xlsx_path)],
            "guard pre-scan alone (xlsx)": python_snippet(PRESCAN) + [str(REPO), str(xlsx_path)],
        }
    best = best_of(args.runs, cases)
    engine = best.get("DuckDB read_csv + GROUP BY", (float("nan"), 0))[0]
    print(f"\n{args.lines:,} order lines, min of {args.runs} runs (load after: {os.getloadavg()[0]:.1f})")
    print(f"{'':40}{'time':>9}{'peak':>10}{'× DuckDB':>10}")
    for name, (t, mem) in best.items():
        print(f"{name:40}{t:8.2f}s{mem:8.0f}MB{t / engine:9.1f}×")
    if xlsx_path is not None and "python-calamine to_python alone" in best:
        read = best["python-calamine to_python alone"][0]
        scan = best.get("guard pre-scan alone (xlsx)", (float("nan"), 0))[0]
        print(f"pre-scan / calamine read: {scan / read:.2f} (target <= 0.10)")
        if "fastexcel -> DuckDB + GROUP BY (xlsx)" in best:
            engine_xlsx = best["fastexcel -> DuckDB + GROUP BY (xlsx)"][0]
            analyze = best.get("clientele analyze xlsx", (float("nan"), 0))[0]
            print(f"pre-scan / engine's xlsx read: {scan / engine_xlsx:.2f}; "
                  f"analyze xlsx / engine's xlsx read: {analyze / engine_xlsx:.1f}x (target <= 1.3x)")
    print("\ncustomer table from the same clean lines, in one process:")
    measure(python_snippet(AGGREGATION) + [str(REPO), str(csv_path)], cwd=REPO, show_output=True)


if __name__ == "__main__":
    main()
