"""Time and peak memory of product suggestions for a big shop (default 100,000 customers × 10,000 products).

    /work/venv/bin/python benchmarks/bench_suggestions.py [--customers N] [--products N] [--no-tune]

Prints the time of each step (fit with blend tuning, top-10 for every customer with reasons) and the
peak memory of the process. Target: under 20 s and under 2 GB for the default size. The suggestion
code runs NumPy's BLAS on one thread (see sparse_utils.one_blas_thread), so CPU and wall time agree
on an idle machine.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def synthetic_orders(customers: int, products: int, seed: int = 0) -> pd.DataFrame:
    """Return order lines (schema.py columns) of a shop with themed products, habits and repeats."""
    rng = np.random.default_rng(seed)
    themes = 40
    product_theme = rng.integers(0, themes, products)
    appeal = rng.zipf(1.6, products).clip(1, 500).astype(float)
    by_theme = [np.flatnonzero(product_theme == t) for t in range(themes)]
    prob_in_theme = [appeal[ix] / appeal[ix].sum() for ix in by_theme]
    visits = rng.poisson(3.0, customers) + 1
    cust = np.repeat(np.arange(customers), visits)
    day = rng.integers(0, 730, len(cust))
    favourite = rng.integers(0, themes, customers)
    items_per_visit = rng.poisson(1.5, len(cust)) + 1
    line_cust = np.repeat(cust, items_per_visit)
    line_day = np.repeat(day, items_per_visit)
    line_visit = np.repeat(np.arange(len(cust)), items_per_visit)
    # 70% of lines from the customer's favourite theme, the rest from the whole catalogue.
    own = rng.random(len(line_cust)) < 0.7
    theme = np.where(own, favourite[line_cust], rng.integers(0, themes, len(line_cust)))
    prod = np.empty(len(line_cust), dtype=np.int64)
    for t in range(themes):
        sel = np.flatnonzero(theme == t)
        prod[sel] = rng.choice(by_theme[t], len(sel), p=prob_in_theme[t])
    qty = rng.integers(1, 4, len(prod)).astype(float)
    price = (5 + (np.arange(products) % 50)).astype(float)[prod]
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(line_day, unit="D")
    pid = np.array([f"P{i:05d}" for i in range(products)], dtype=object)
    return pd.DataFrame({
        "customer_id": np.array([f"C{i:06d}" for i in range(customers)], dtype=object)[line_cust],
        "order_id": line_visit.astype(str),
        "date": dates,
        "product_id": pid[prod],
        "product_name": np.array([f"Product {i} theme {product_theme[i]}" for i in range(products)],
                                 dtype=object)[prod],
        "category": np.array([f"Theme {t}" for t in range(themes)], dtype=object)[product_theme[prod]],
        "quantity": qty,
        "unit_price": price,
        "amount": qty * price,
        "is_return": np.zeros(len(prod), dtype=bool),
    })


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--customers", type=int, default=100_000)
    ap.add_argument("--products", type=int, default=10_000)
    ap.add_argument("--no-tune", action="store_true", help="skip learning the blend weights")
    args = ap.parse_args()

    t = time.perf_counter()
    lines = synthetic_orders(args.customers, args.products)
    print(f"data: {len(lines):,} lines, {args.customers:,} customers, {args.products:,} products "
          f"({time.perf_counter() - t:.1f} s, peak {peak_mb():,.0f} MB so far)")
    before = peak_mb()

    from desktop.engine.suggestions import SuggestionSettings, fit_models, recommend
    from desktop.engine.suggestions.models import ALL_MODELS  # noqa: F401 - import time not counted

    import sklearn.feature_extraction.text  # noqa: F401  - import time is start-up, not suggestion work

    t0, c0 = time.perf_counter(), time.process_time()
    steps: list[tuple[str, float]] = []

    def progress(fraction: float, message: str = "") -> None:
        if message and (not steps or steps[-1][0] != message):
            steps.append((message, time.perf_counter()))

    sm = fit_models(lines, SuggestionSettings(k=10, tune=not args.no_tune), progress=progress)
    t1, c1 = time.perf_counter(), time.process_time()
    table = recommend(sm, k=10)
    t2, c2 = time.perf_counter(), time.process_time()
    # CPU time too: on a machine shared with other work, wall time overstates the cost.
    print(f"fit (incl. blend tuning: {not args.no_tune}): {t1 - t0:.1f} s wall, {c1 - c0:.1f} s CPU")
    print(f"recommend top-10 with reasons for {table['customer_id'].nunique():,} customers: "
          f"{t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU")
    print(f"total: {t2 - t0:.1f} s wall, {c2 - c0:.1f} s CPU (target < 20 s)")
    print(f"peak memory of the process: {peak_mb():,.0f} MB (data alone {before:,.0f} MB; target < 2,048 MB)")
    print(f"blend weights: {sm.weights[sm.settings.mode]}")
    tuned = sm.tuning.get(sm.settings.mode)
    if tuned:
        print(f"chosen on {len(sm.tuning['periods'])} earlier periods ({sm.tuning['validation_customers']:,} "
              f"validation customers, sampled shop): best single model {tuned['best_single']}, blend used: "
              f"{tuned['used_blend']}")
    last = t0
    for name, when in steps:
        print(f"  {when - last:6.2f} s before '{name}'")
        last = when


if __name__ == "__main__":
    main()
