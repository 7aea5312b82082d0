"""Peak memory and time of `clientele analyze` on 2,000,000 order lines from one CSV file, and of the
reading step alone.

    python benchmarks/bench_big_csv.py [--lines 2000000]

Target: peak memory under 2 GB (2-core machine). The file is written once to benchmarks/out/ with
generate_orders.generate().
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _measure import measure, python_snippet  # noqa: E402

REPO = HERE.parent
READ_ONLY = ("import sys; sys.path.insert(0, sys.argv[1]); from desktop.engine.reading import read_file; "
             "t = read_file(sys.argv[2])[0]; print(len(t.data))")


def ensure_csv(lines: int) -> Path:
    from generate_orders import OUT, generate, write_csv

    OUT.mkdir(exist_ok=True)
    path = OUT / f"orders_{lines}.csv"
    if not path.exists():
        print(f"generating {lines:,} order lines …", flush=True)
        write_csv(generate(lines), path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    args = parser.parse_args()
    path = ensure_csv(args.lines)
    print(f"{path.name}: {path.stat().st_size / 2**20:,.0f} MB", flush=True)
    t, mem, rc = measure(python_snippet(READ_ONLY) + [str(REPO), str(path)])
    print(f"read_file alone {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB rc={rc}")
    t, mem, rc = measure([sys.executable, "-m", "desktop", "analyze", "--json", str(path)], cwd=REPO)
    print(f"analyze CSV     {args.lines:>9,} lines: {t:6.1f} s, peak {mem:6.0f} MB  (target < 2048 MB) rc={rc}")


if __name__ == "__main__":
    main()
