"""Speed and memory of `clientele analyze` on 1,000,000 order lines, as CSV and as xlsx.

    python benchmarks/bench_analyze.py [--lines 1000000] [--skip-xlsx] [--skip-openpyxl]

Targets (2-core machine): CSV under 5 s; xlsx within 1.5x of the time python-calamine alone needs to
read the same sheet; peak memory under 2 GB; at least 3x faster end to end than the obvious analyst
script (pandas read_excel with openpyxl + groupby).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import measure, python_snippet  # noqa: E402

REPO = HERE.parent
ANALYST_SCRIPT = """
import pandas as pd, sys
df = pd.read_excel(sys.argv[1], engine="openpyxl")
df = df[df["Customer ID"].notna()]
last = df["Date"].max()
g = df.groupby("Customer ID").agg(last=("Date", "max"), orders=("Order ID", "nunique"), spend=("Amount", "sum"))
g["recency"] = (last - g["last"]).dt.days
print(len(g))
"""


def ensure_data(lines: int, xlsx: bool) -> tuple[Path, Path | None]:
    from generate_orders import OUT, generate, write_csv, write_xlsx

    OUT.mkdir(exist_ok=True)
    csv_path = OUT / f"orders_{lines}.csv"
    xlsx_path = OUT / f"orders_{lines}.xlsx"
    if not csv_path.exists() or (xlsx and not xlsx_path.exists()):
        print(f"generating {lines:,} order lines …", flush=True)
        frame = generate(lines)
        if not csv_path.exists():
            write_csv(frame, csv_path)
        if xlsx and not xlsx_path.exists():
            write_xlsx(frame, xlsx_path)
    return csv_path, (xlsx_path if xlsx else None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--skip-openpyxl", action="store_true", help="skip the slow analyst-script baseline")
    args = parser.parse_args()
    csv_path, xlsx_path = ensure_data(args.lines, not args.skip_xlsx)
    cli = [sys.executable, "-m", "desktop", "analyze", "--json"]

    t, mem, rc = measure(cli + [str(csv_path)], cwd=REPO)
    print(f"analyze CSV  {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB  (target < 5 s, < 2048 MB) rc={rc}")
    if xlsx_path is None:
        return
    code = ("import python_calamine as pc, sys; wb = pc.CalamineWorkbook.from_path(sys.argv[1]); "
            "rows = wb.get_sheet_by_index(0).to_python(); print(len(rows))")
    tc, memc, _ = measure(python_snippet(code) + [str(xlsx_path)])
    print(f"calamine read xlsx alone:        {tc:6.1f} s, peak {memc:6.0f} MB")
    t, mem, rc = measure(cli + [str(xlsx_path)], cwd=REPO)
    print(f"analyze xlsx {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB  ratio to calamine {t / tc:.2f}x "
          f"(target <= 1.5x, < 2048 MB) rc={rc}")
    if not args.skip_openpyxl:
        ta, mema, _ = measure(python_snippet(ANALYST_SCRIPT) + [str(xlsx_path)])
        print(f"analyst script (openpyxl+groupby): {ta:6.1f} s, peak {mema:6.0f} MB  -> clientele is "
              f"{ta / t:.1f}x faster (target >= 3x)")


if __name__ == "__main__":
    main()
