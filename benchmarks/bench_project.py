"""Time and peak memory of opening a big project (.clientele) — reading it and rebuilding the analysis
from its saved lines — next to analysing the spreadsheet it was made from, and of saving it.

    python benchmarks/bench_project.py [--lines 2000000]

Target (issue 14, item 11): a 2M-line project opens within the bounds of reading the spreadsheet,
under 10 s and 2 GB. The CSV is generated once into benchmarks/out/ (generate_orders.generate()),
the project saved next to it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import measure, python_snippet  # noqa: E402
from bench_big_csv import ensure_csv  # noqa: E402

REPO = HERE.parent
SAVE = ("import sys, time; sys.path.insert(0, sys.argv[1]); from desktop.engine.pipeline import AnalysisOptions, "
        "analyze; from desktop.engine.project import save_project; a = analyze(AnalysisOptions([sys.argv[2]])); "
        "t = time.perf_counter(); save_project(sys.argv[3], a); print(f'save {time.perf_counter() - t:.1f} s')")
OPEN = ("import sys; sys.path.insert(0, sys.argv[1]); from desktop.engine.project import load_project; "
        "print(len(load_project(sys.argv[2]).analysis().customers))")
LOAD = ("import sys; sys.path.insert(0, sys.argv[1]); from desktop.engine.project import load_project; "
        "print(len(load_project(sys.argv[2]).state.lines))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    args = parser.parse_args()
    csv = ensure_csv(args.lines)
    project = csv.with_suffix(".clientele")
    t, mem, rc = measure(python_snippet(SAVE) + [str(REPO), str(csv), str(project)])
    print(f"analyse + save  {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB rc={rc}"
          f" ({project.stat().st_size / 2**20:,.0f} MB project)", flush=True)
    t, mem, rc = measure(python_snippet(LOAD) + [str(REPO), str(project)])
    print(f"read project    {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB rc={rc}", flush=True)
    t, mem, rc = measure(python_snippet(OPEN) + [str(REPO), str(project)])
    print(f"open project    {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB  (target < 10 s, 2048 MB) rc={rc}",
          flush=True)
    t, mem, rc = measure([sys.executable, "-m", "desktop", "analyze", "--json", str(csv)], cwd=REPO)
    print(f"analyze CSV     {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB rc={rc}")


if __name__ == "__main__":
    main()
