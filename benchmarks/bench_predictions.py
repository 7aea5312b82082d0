"""Benchmark: fit and score the prediction models on 100,000 simulated customers (target: < 5 s).

Run:  /work/venv/bin/python benchmarks/bench_predictions.py [--customers 100000] [--propensity]
Prints the time of each step; the order lines are simulated from a BG/NBD process with known
parameters, so the fitted ones are printed beside the truth as a sanity check.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TRUE = {"r": 0.6, "alpha": 25.0, "a": 0.8, "b": 3.0}  # alpha in days


def simulate_lines(customers: int, days: int = 730, seed: int = 0) -> pd.DataFrame:
    """Order lines of `customers` BG/NBD customers who joined over the first year of `days` days."""
    rng = np.random.default_rng(seed)
    max_repeats = 80
    lam = rng.gamma(TRUE["r"], 1.0 / TRUE["alpha"], customers)
    p = rng.beta(TRUE["a"], TRUE["b"], customers)
    start = rng.integers(0, days // 2, customers).astype(float)
    gaps = rng.exponential(1.0, (customers, max_repeats)) / lam[:, None]
    times = start[:, None] + np.cumsum(gaps, axis=1)
    # the customer drops out after their D-th repeat purchase, D ~ Geometric(p)
    drop_after = rng.geometric(p)
    bought = (times < days) & (np.arange(1, max_repeats + 1)[None, :] <= drop_after[:, None])
    who = np.concatenate([np.arange(customers), np.nonzero(bought)[0]])
    when = np.concatenate([start, times[bought]])
    # a purchase of one or two lines with a customer-level spending habit
    habit = rng.gamma(5.0, 8.0, customers)
    amount = rng.gamma(4.0, habit[who] / 4.0)
    base = pd.Timestamp("2023-01-01")
    ids = np.char.add("C", np.char.zfill(np.arange(customers).astype(str), 6))
    return pd.DataFrame({
        "customer_id": ids[who],
        "date": (base + pd.to_timedelta(np.floor(when), unit="D")
                 + pd.to_timedelta(rng.integers(8, 20, len(who)), unit="h")),
        "amount": amount,
        "is_return": False,
    })


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--time-unit", choices=["day", "week"], default="week")
    parser.add_argument("--propensity", action="store_true", help="also time the purchase-chance models")
    args = parser.parse_args()

    from desktop.engine.predictions import PredictionSettings, predict_customers
    from desktop.engine.predictions import bgnbd, gamma_gamma
    from desktop.engine.predictions.summary import summarise_for_clv

    t0 = time.perf_counter()
    lines = simulate_lines(args.customers)
    print(f"simulated {len(lines):,} order lines of {args.customers:,} customers in {time.perf_counter() - t0:.2f} s")

    # warm the imports so they do not count as fitting time
    import scipy.optimize  # noqa: F401
    import scipy.special  # noqa: F401

    t = time.perf_counter()
    summary = summarise_for_clv(lines, None, args.time_unit)
    t_summary = time.perf_counter() - t
    t = time.perf_counter()
    bg = bgnbd.fit_bgnbd(summary["frequency"], summary["recency"], summary["T"], time_unit=args.time_unit)
    t_bg = time.perf_counter() - t
    t = time.perf_counter()
    gg = gamma_gamma.fit_gamma_gamma(summary["frequency"], summary["monetary_value"])
    t_gg = time.perf_counter() - t
    scale = 7.0 if args.time_unit == "week" else 1.0
    print(f"  summary (purchase days)      {t_summary:6.2f} s")
    print(f"  BG/NBD fit                   {t_bg:6.2f} s   r={bg.r:.3f} (true {TRUE['r']}), "
          f"alpha={bg.alpha * scale:.1f} days ({TRUE['alpha']}), a={bg.a:.3f} ({TRUE['a']}), "
          f"b={bg.b:.3f} ({TRUE['b']})")
    print(f"  Gamma-Gamma fit              {t_gg:6.2f} s   p={gg.p:.2f} q={gg.q:.2f} v={gg.v:.2f}")

    t, c = time.perf_counter(), time.process_time()
    result = predict_customers(lines, None, PredictionSettings(time_unit=args.time_unit))
    total, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"predict_customers, all steps  {total:6.2f} s wall, {cpu:.2f} s CPU, for {len(result.table):,} "
          f"customers (summary, checks, both fits, p_alive, churn risk, 90/365-day purchases, next date, "
          f"{result.settings.clv_months}-month CLV)   target < 5 s: {'OK' if total < 5 else 'SLOW'}")
    if hasattr(os, "getloadavg"):
        print(f"  load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
              "(wall time grows with other work on the machine; CPU time does not)")
    print(f"  method={result.method} spend={result.spend_method} warnings={[w.code for w in result.warnings]}")

    if args.propensity:
        from desktop.engine.predictions.propensity import propensity

        t = time.perf_counter()
        prop = propensity(lines, None, 90)
        print(f"propensity (90 days)          {time.perf_counter() - t:6.2f} s   model={prop.model} "
              f"AUC={prop.holdout_auc} train rows={prop.train_rows:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
