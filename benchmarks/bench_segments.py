"""Benchmark segmentation on a large synthetic shop (prints figures; no pass/fail).

    /work/venv/bin/python benchmarks/bench_segments.py [--customers 100000] [--methods kmeans,...]

Targets (issue 4): 100,000 customers, k-means with automatic k under 10 s, all methods together
under 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.engine.segments.clustering import METHODS, SegmentSettings, segment  # noqa: E402


def synthetic_customers(n: int, seed: int = 0) -> pd.DataFrame:
    """Return a customer table (schema.py behaviour columns) mixing typical shop behaviours."""
    rng = np.random.default_rng(seed)
    # share, recency days, orders, spend per order, tenure days
    kinds = [(0.45, 300, 1, 45, 320), (0.2, 30, 8, 55, 600), (0.15, 150, 3, 60, 500),
             (0.1, 20, 1, 50, 25), (0.08, 90, 2, 400, 700), (0.02, 15, 40, 900, 700)]
    parts = []
    for share, rec, freq, aov, ten in kinds:
        m = int(round(share * n))
        f = np.maximum(1, np.round(freq * rng.lognormal(0, 0.5, m))).astype(int)
        a = aov * rng.lognormal(0, 0.4, m)
        r = np.minimum(730, np.round(rec * rng.lognormal(0, 0.6, m))).astype(int)
        t = np.maximum(r, np.minimum(730, np.round(ten * rng.lognormal(0, 0.3, m)))).astype(int)
        gap = np.where(f > 1, (t - r) / np.maximum(1, f - 1), np.nan)
        parts.append(pd.DataFrame({"recency_days": r, "frequency": f, "monetary": f * a,
                                   "avg_order_value": a, "avg_days_between": gap, "tenure_days": t}))
    out = pd.concat(parts, ignore_index=True).iloc[:n]
    out.index = pd.Index([f"C{i:06d}" for i in range(len(out))], name="customer_id")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--methods", default=",".join(m for m in METHODS))
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS/OpenMP threads (default 1, the engine's default; 0 = all cores)")
    args = parser.parse_args(argv)
    customers = synthetic_customers(args.customers)
    # Warm the imports so the first method is not charged for loading scikit-learn.
    segment(customers.iloc[:200], method="kmeans", k=2, settings=SegmentSettings(stability_runs=0))
    settings = SegmentSettings(threads=args.threads or None)
    total = 0.0
    print(f"{len(customers):,} customers, behaviour features, threads: {args.threads or 'all'}")
    for method in args.methods.split(","):
        t0 = time.perf_counter()
        seg = segment(customers, method=method, settings=settings)
        dt = time.perf_counter() - t0
        total += dt
        q = seg.quality
        sil = "n/a" if q["silhouette"] is None else f"{q['silhouette']:.2f}"
        ari = "n/a" if q["stability_ari"] is None else f"{q['stability_ari']:.2f}"
        print(f"{method:<13}{dt:7.2f} s  k={seg.k:<3} silhouette {sil}  stability {ari}  "
              f"rules agree {seg.rule_model.agreement:.0%}")
        for row in seg.summary.itertuples():
            print(f"{'':15}{row.key:<8}{row.name:<40}{row.customers:>8,}")
    print(f"{'all methods':<13}{total:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
