"""How high recall@10 can go on the shops we generated ourselves: a ceiling for the suggestion targets.

    /work/venv/bin/python benchmarks/suggestion_ceiling.py [--replays 100] [--quick]

The demo shop and the synthetic gift shops come from generators, so the hidden facts behind every
purchase are known: each demo customer's habit (regular, gift buyer, ...), favourite teas, tea kind
and price level; each gift-shop customer's liked themes and every product's appeal, season and
days on sale. A "ceiling" ranking uses those facts *and the customer's real visit days after the
cutoff*, none of which any model can see, and suggests the 10 products the generator was most
likely to put in that customer's baskets:

- demo: the customer's post-cutoff baskets are drawn again `--replays` times with the generator's
  own basket code; products are ranked by how many replays contain them;
- gift shop (new products only): each product's chance of being picked on each post-cutoff order
  day, summed over those days (the generator's pick weights: liked themes vs best sellers).

Only products sold before the cutoff count (no model can suggest a product it has never seen), and
the same customers are scored as in `evaluate`. The ceiling is not an exact optimum (replays are
finite; expected recall is not quite ranked by chance of purchase) but no model trained on the
history can expect to beat it. Prints, per shop, cutoff and mode: best sellers' recall, the blend's,
the ceiling's, each as a multiple of best sellers, and the share of the ceiling the blend reaches.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
DEMO = ROOT / "resources" / "demo"


def _demo_generator():
    """Import resources/demo/generate.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("demo_generate", DEMO / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["demo_generate"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def scored_sets(lines: pd.DataFrame, cutoff: pd.Timestamp) -> tuple[dict[str, set], dict[str, set]]:
    """Return (products bought before, products bought from the cutoff on) per customer who has both,
    from the purchase lines, as evaluate() sees them."""
    from desktop.engine.suggestions.matrix import purchases_only

    buys = purchases_only(lines)
    when = pd.to_datetime(buys["date"])
    sets = []
    for part in (buys[when < cutoff], buys[when >= cutoff]):
        sets.append(part.groupby(part["customer_id"].astype(str))["product_id"].agg(lambda s: set(s.astype(str))))
    before, after = sets
    both = before.index.intersection(after.index)
    return before[both].to_dict(), after[both].to_dict()


def recall(top: list[str], relevant: set) -> float:
    return len(relevant.intersection(top)) / len(relevant)


def demo_ceiling(lines: pd.DataFrame, cutoff: pd.Timestamp, replays: int) -> dict[str, float]:
    """Mean recall@10 of the demo's ceiling ranking, per mode."""
    gen = _demo_generator()
    rng = np.random.default_rng(gen.SEED)
    shop = gen.Shop(rng)  # the same draws as build(): the same customers with the same ids
    customers = gen.make_customers(shop)
    gen.customer_ids(rng, customers, gen.NEVER_BOUGHT)
    by_id = {c.id: c for c in customers}
    before, after = scored_sets(lines, cutoff)
    known = set().union(*before.values())
    replay = gen.Shop(np.random.default_rng(1))
    out: dict[str, list[float]] = {"repeats_allowed": [], "new_items_only": []}
    for cid, bought in after.items():
        c = by_id[cid]
        days = [d for d in c.days if d >= cutoff]
        counts: dict[str, int] = {}
        for _ in range(replays):
            drawn = set()
            for day in days:
                drawn.update(gen.basket_for(replay, c, day))
            for p in drawn:
                counts[p] = counts.get(p, 0) + 1
        ranked = [p for p in sorted(counts, key=lambda p: (-counts[p], p)) if p in known]
        out["repeats_allowed"].append(recall(ranked[:10], bought))
        new = bought - before[cid]
        if new:
            out["new_items_only"].append(recall([p for p in ranked if p not in before[cid]][:10], new))
    return {m: float(np.mean(v)) for m, v in out.items()}


def gift_ceiling(lines: pd.DataFrame, cutoff: pd.Timestamp, seed: int, taste: float, customers: int,
                 products: int) -> dict[str, float]:
    """Mean recall@10 of the gift shop's ceiling ranking for new products (repeats: not computed)."""
    from gift_shop import START, gift_world

    world = gift_world(np.random.default_rng(seed), customers, products)
    before, after = scored_sets(lines, cutoff)
    code = {f"2{i:04d}": i for i in range(products)}
    known = np.zeros(products, dtype=bool)
    known[[code[p] for p in set().union(*before.values())]] = True
    buys = lines[pd.to_datetime(lines["date"]) >= cutoff]
    visit_days = buys.groupby(buys["customer_id"].astype(str))["date"].agg(
        lambda s: np.unique((pd.to_datetime(s).dt.normalize() - START).dt.days.to_numpy()))
    out = []
    for cid, bought in after.items():
        new = bought - before[cid]
        if not new:
            continue
        liked = np.isin(world.theme, world.likes[int(float(cid)) - 12000])
        score = np.zeros(products)
        for day in visit_days[cid]:
            pick = world.appeal * world.alive(day) * world.season_weight(day)
            own = pick * liked
            score += taste * own / max(own.sum(), 1e-12) + (1 - taste) * pick / pick.sum()
        score[[code[p] for p in before[cid]]] = -1.0
        score[~known] = -1.0
        top = [f"2{i:04d}" for i in np.argsort(-score, kind="stable")[:10]]
        out.append(recall(top, new))
    return {"new_items_only": float(np.mean(out))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replays", type=int, default=100, help="demo basket replays per customer")
    ap.add_argument("--quick", action="store_true", help="one synthetic gift shop instead of three")
    args = ap.parse_args()
    from bench_suggestion_quality import cases
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.suggestions import evaluate

    print(f"{'shop':22s} {'cutoff':10s} {'mode':4s} {'best sellers':>12s} {'blend':>7s} {'ceiling':>8s} "
          f"{'blend x':>8s} {'ceiling x':>9s} {'blend/ceiling':>13s}")
    for label, path, cutoff in cases(args.quick):
        if label.startswith("Online Retail"):
            continue  # real data: nothing hidden to build a ceiling from
        t = time.perf_counter()
        a = analyze(AnalysisOptions(paths=[path]))
        cut = pd.Timestamp(cutoff)
        if label == "demo":
            ceiling = demo_ceiling(a.lines, cut, args.replays)
        else:
            taste, seed = float(path.stem.split("taste")[1].split("_")[0]), int(path.stem.split("seed")[1])
            ceiling = gift_ceiling(a.lines, cut, seed, taste, 4000, 3500)
        r = evaluate(a.lines, cutoff, 10, customers=a.customers)["models"]
        for mode, top in ceiling.items():
            pop, blend = r["popularity"][mode]["recall"], r["blend"][mode]["recall"]
            print(f"{label:22s} {cutoff:10s} {mode[:3]:4s} {pop:12.4f} {blend:7.4f} {top:8.4f} "
                  f"{blend / pop:7.2f}x {top / pop:8.2f}x {blend / top:12.0%}")
        print(f"{'':22s} ({time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
