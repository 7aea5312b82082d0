"""Our conjugate-gradient ALS against the `implicit` package's, side by side, on a time holdout.

    .venv/bin/python -m pip install implicit      # only for this comparison; not a dependency
    .venv/bin/python benchmarks/bench_als_implicit.py

For each shop and cutoff, the suggestion evaluation (desktop.engine.suggestions.evaluate: fit on the
purchases before the cutoff, suggest 10 products, score them on what each customer bought from the
cutoff on) is run twice: once with our factorisation model, once with the same model class whose
factors come from `implicit.cpu.als.AlternatingLeastSquares` (same confidence 1 + alpha × profile weight,
factors, regularisation and iterations; one thread, as ours runs). Prints recall@10 of the factorisation
model on its own (repeats allowed and new items only), the mean over three seeds, the mean CPU
time of its fit (on the training history only), for both; for scale, the CPU time of one whole
evaluation with ours (reading excluded), and how far recall moved between seeds (max - min).

Shops: the demo shop (two years of a tea shop) and the real exports in ../shared/data/real/ that have
a product column (Superstore, the coffee shop, the restaurant; the retail transactions have no product),
the 9 days of the Online Retail sample, and a synthetic two-year gift shop of 4,000 customers and 3,500
products (benchmarks/gift_shop.py, written to benchmarks/out/ once). (Above 15,000 customers ours learns
the product factors from the 15,000 most active customers, ALS.max_fit_customers; implicit fits them all.)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
REAL = SHARED / "real"
OUT = ROOT / "benchmarks" / "out"
SEEDS = (0, 1, 2)

CASES = [
    ("demo shop", [ROOT / "resources" / "demo" / "demo_orders.csv"], "2026-01-01"),
    ("demo shop", [ROOT / "resources" / "demo" / "demo_orders.csv"], "2026-05-02"),
    ("Superstore", [REAL / "superstore" / "Sample - Superstore.xls"], "2017-01-01"),
    ("Superstore", [REAL / "superstore" / "Sample - Superstore.xls"], "2017-07-01"),
    ("coffee shop", [REAL / "coffee_shop" / "201904 sales reciepts.csv"], "2019-04-20"),
    ("restaurant", [REAL / "restaurant" / "meal_order_detail.csv"], "2016-08-20"),
    ("Online Retail", [SHARED / "online_retail" / "Online_Retail_first20000.xlsx"], "2010-12-06"),
    ("gift shop", [OUT / "gift_shop_taste0.5_seed1.csv"], "2011-06-01"),
]


def write_gift_shops() -> None:
    """The synthetic shops (benchmarks/gift_shop.py), written to benchmarks/out/ once."""
    from gift_shop import gift_shop  # noqa: E402 (benchmarks/ is on sys.path when run as a script)

    path = OUT / "gift_shop_taste0.5_seed1.csv"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        gift_shop(4000, 3500, 1, 0.5).to_csv(path, index=False)


def implicit_als_class():
    """Our ALS model class with its factors learnt by the `implicit` package instead."""
    from implicit.cpu.als import AlternatingLeastSquares

    from desktop.engine.suggestions.models import ALS, FitContext, profile_weights

    class ImplicitALS(ALS):
        def fit(self, ctx: FitContext) -> ImplicitALS:
            super(ALS, self).fit(ctx)  # Model.fit: keeps pm
            pm = ctx.pm
            f = self.factors or int(np.clip(round(np.sqrt(min(pm.n_customers, pm.n_products))), 8, 40))
            f = int(min(f, max(2, min(pm.n_customers, pm.n_products) // 2)))
            conf = profile_weights(pm)
            # implicit reads the stored values as the confidence c itself; ours stores c - 1.
            cui = sp.csr_matrix((1.0 + self.alpha * conf.data, conf.indices, conf.indptr), shape=conf.shape,
                                dtype=np.float32)
            model = AlternatingLeastSquares(factors=f, regularization=self.reg, alpha=1.0,
                                            iterations=self.iterations, use_cg=True,
                                            calculate_training_loss=False, num_threads=1,
                                            random_state=ctx.seed)
            model.cg_steps = self.cg_steps  # not a constructor argument (3 by default)
            model.fit(cui, show_progress=False)
            x = np.ascontiguousarray(model.user_factors, dtype=np.float32)
            y = np.ascontiguousarray(model.item_factors, dtype=np.float32)
            self.user_factors, self.item_factors = x, y
            norms = np.linalg.norm(y, axis=1)
            norms[norms == 0] = 1.0
            self.item_unit = (y / norms[:, None]).astype(np.float32)
            return self

    return ImplicitALS


def timed(cls, spent: list[float]):
    """`cls` with its fit's CPU time appended to `spent`."""

    class Timed(cls):
        def fit(self, ctx):
            t = time.process_time()
            out = super().fit(ctx)
            spent.append(time.process_time() - t)
            return out

    return Timed


def main() -> int:
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.suggestions import evaluate
    from desktop.engine.suggestions import models as models_module
    from desktop.engine.suggestions.suggest import SuggestionSettings

    ours = models_module.MODEL_CLASSES["als"]
    theirs = implicit_als_class()
    write_gift_shops()
    print(f"{'shop':13s} {'cutoff':10s} {'scored':>6s}   {'recall@10 repeats':>19s}   {'recall@10 new only':>19s}"
          f"   {'fit CPU s (mean)':>17s}   {'eval':>6s}   spread over seeds (ours/implicit)")
    print(f"{'':13s} {'':10s} {'':>6s}   {'ours':>9s} {'implicit':>9s}   {'ours':>9s} {'implicit':>9s}"
          f"   {'ours':>8s} {'implicit':>8s}   {'CPU s':>6s}   repeats        new only")
    for label, paths, cutoff in CASES:
        if not all(p.exists() for p in paths):
            print(f"{label:13s} {cutoff:10s} (file not found)")
            continue
        a = analyze(AnalysisOptions(paths=paths))
        row = {}
        for name, cls in (("ours", ours), ("implicit", theirs)):
            spent: list[float] = []
            recalls = []
            models_module.MODEL_CLASSES["als"] = timed(cls, spent)
            t = time.process_time()
            try:
                for seed in SEEDS:  # the factors start from random values: the mean over seeds
                    settings = SuggestionSettings(models=("als", "popularity"), tune=False, seed=seed)
                    r = evaluate(a.lines, cutoff, 10, settings, customers=a.customers)
                    recalls.append([r["models"]["als"][mode]["recall"] for mode in ("repeats_allowed",
                                                                                     "new_items_only")])
            finally:
                models_module.MODEL_CLASSES["als"] = ours
            whole = (time.process_time() - t) / len(SEEDS)
            row[name] = (np.mean(recalls, axis=0), np.ptp(recalls, axis=0), float(np.mean(spent)), whole,
                         r["customers_evaluated"]["repeats_allowed"])
        o, i = row["ours"], row["implicit"]
        print(f"{label:13s} {cutoff:10s} {o[4]:6d}   {o[0][0]:9.4f} {i[0][0]:9.4f}   {o[0][1]:9.4f} {i[0][1]:9.4f}"
              f"   {o[2]:8.3f} {i[2]:8.3f}   {o[3]:6.1f}   "
              f"{o[1][0]:.4f}/{i[1][0]:.4f}  {o[1][1]:.4f}/{i[1][1]:.4f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
