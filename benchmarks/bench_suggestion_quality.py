"""How good the product suggestions are, on a time holdout, across several shops and cutoff dates.

    /work/venv/bin/python benchmarks/bench_suggestion_quality.py [--quick]

For each shop and cutoff: fit on the purchases before the cutoff, suggest 10 products, and compare
with what each customer bought from the cutoff on (desktop.engine.suggestions.evaluate). Prints,
for "repeats allowed" and "new items only": the blend's recall@10, the best single model's, the
difference (the blend must not be below), the blend's recall as a multiple of best sellers'
(targets: 2x with repeats, 1.2x new only, on a year or more of history) and the blend's weights.

Shops: the demo shop at three cutoffs (two years of a tea shop, ~300 customers scored), synthetic
two-year gift shops (benchmarks/gift_shop.py; `taste` = how much customers follow their own
themes rather than the best sellers), and the 9 days of the real Online Retail sample (too short
for the targets; it checks the models cope). Synthetic shops are written to benchmarks/out/ once.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out"
SHARED = ROOT.parent / "shared" / "data" / "online_retail" / "Online_Retail_first20000.xlsx"


def cases(quick: bool) -> list[tuple[str, Path, str]]:
    from gift_shop import gift_shop  # noqa: E402 (benchmarks/ is on sys.path when run as a script)

    demo = ROOT / "resources" / "demo" / "demo_orders.csv"
    out = [("demo", demo, c) for c in ("2025-11-01", "2026-01-01", "2026-05-02")]
    for taste, seed in ((0.5, 1), (0.6, 3), (0.75, 2))[: 1 if quick else 3]:
        path = OUT / f"gift_shop_taste{taste}_seed{seed}.csv"
        if not path.exists():
            OUT.mkdir(parents=True, exist_ok=True)
            gift_shop(4000, 3500, seed, taste).to_csv(path, index=False)
        out.append((f"gift shop taste {taste}", path, "2011-06-01"))
    if SHARED.exists():
        out.append(("Online Retail 9 days", SHARED, "2010-12-06"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one synthetic gift shop instead of three")
    args = ap.parse_args()
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.suggestions import evaluate

    below = ratio_misses = 0
    print(f"{'shop':22s} {'cutoff':10s} {'mode':4s} {'blend':>7s} {'best single':>24s} {'diff':>8s} "
          f"{'x pop':>6s}  weights")
    for label, path, cutoff in cases(args.quick):
        t = time.perf_counter()
        a = analyze(AnalysisOptions(paths=[path]))
        r = evaluate(a.lines, cutoff, 10, customers=a.customers, details=True)
        for mode, need in (("repeats_allowed", 2.0), ("new_items_only", 1.2)):
            recall = {m: v[mode]["recall"] for m, v in r["models"].items()}
            single = {m: v for m, v in recall.items() if m != "blend"}
            best = max(single, key=single.get)
            diff = recall["blend"] - single[best]
            ratio = recall["blend"] / max(recall["popularity"], 1e-12)
            below += diff < -1e-12
            ratio_misses += ratio < need and not label.startswith("Online Retail")
            weights = ", ".join(f"{m} {w:g}" for m, w in r["details"]["weights"][mode].items())
            best_text = f"{best} {single[best]:.4f}"
            print(f"{label:22s} {cutoff:10s} {mode[:3]:4s} {recall['blend']:7.4f} {best_text:>24s} "
                  f"{diff:+8.4f} {ratio:6.2f}  {weights}")
        print(f"{'':22s} ({r['details']['customers_scored']['repeats_allowed']} customers scored, "
              f"{time.perf_counter() - t:.1f} s)")
    print(f"blend below the best single model: {below}; below the recall target vs best sellers: {ratio_misses}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
