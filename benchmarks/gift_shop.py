"""A synthetic two-year online gift shop, shaped like the public UCI "Online Retail" data (a UK gift
wholesaler): thousands of products in themes with seasonal ones around Christmas, products coming
and going, a few thousand customers who mostly re-order their own staples, add new products from
the themes they like, and stop buying at some point.

    /work/venv/bin/python benchmarks/gift_shop.py OUT.csv [--customers 4000] [--products 3500] [--seed 1]

It is not real data: bench_suggestion_quality.py uses it next to the demo shop and the real Online
Retail sample (9 days only) to check the suggestion models on a long history of this kind.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

START = pd.Timestamp("2009-12-01")
DAYS = 739  # to 2011-12-09, like Online Retail II


@dataclass
class GiftWorld:
    """What the generator decides before any order: products and each customer's habits. The
    ceiling benchmark (suggestion_ceiling.py) reads it to score with what no model can see."""

    theme: np.ndarray  # theme per product
    christmas_theme: np.ndarray  # bool per theme: sells mainly from September to December
    appeal: np.ndarray  # how well each product sells (heavy-tailed)
    born: np.ndarray  # first day on sale
    dies: np.ndarray  # first day no longer on sale
    price: np.ndarray
    names: list[str]
    likes: list[np.ndarray]  # liked themes per customer
    rate: np.ndarray  # orders per day
    first: np.ndarray  # first order day
    life: np.ndarray  # days until the customer stops
    basket: np.ndarray  # usual basket size

    def season_weight(self, day: int) -> np.ndarray:
        """Per product: the Christmas themes sell 3x from late August to mid-December, 0.1x otherwise."""
        season = (day + START.day_of_year) % 365
        xmas = 240 <= season <= 350
        return np.where(self.christmas_theme[self.theme], 3.0 if xmas else 0.1, 1.0)

    def alive(self, day: int) -> np.ndarray:
        return (self.born <= day) & (self.dies > day)


def gift_world(rng: np.random.Generator, customers: int, products: int) -> GiftWorld:
    """Draw the products and customers (the first draws of `gift_shop` from the same generator)."""
    themes = 60
    theme = rng.integers(0, themes, products)
    christmas_theme = np.arange(themes) < 8
    appeal = rng.lognormal(0.0, 1.8, products)
    born = np.where(rng.random(products) < 0.7, 0, rng.integers(0, DAYS, products))  # new lines appear
    dies = np.where(rng.random(products) < 0.8, DAYS + 1, born + rng.integers(60, 500, products))
    price = np.round(rng.lognormal(1.0, 0.7, products), 2)
    names = [f"{['RED', 'WHITE', 'PINK', 'BLUE', 'VINTAGE', 'GLASS'][t % 6]} THEME{t} ITEM {j}"
             for j, t in enumerate(theme)]
    # Customers: liked themes, order rate, life time, basket size.
    likes = [rng.choice(themes, size=rng.integers(2, 7), replace=False) for _ in range(customers)]
    rate = rng.gamma(0.8, 1 / 30.0, customers)
    first = rng.integers(0, DAYS - 30, customers)
    life = rng.exponential(400, customers)
    basket = rng.integers(4, 30, customers)
    return GiftWorld(theme, christmas_theme, appeal, born, dies, price, names, likes, rate, first, life, basket)


def gift_shop(customers: int = 4000, products: int = 3500, seed: int = 1, taste: float = 0.5) -> pd.DataFrame:
    """Return order lines: Invoice, InvoiceDate, Customer ID, StockCode, Description, Quantity, Price.

    `taste`: share of a basket's new products drawn from the customer's liked themes (the rest are
    the shop's best sellers).
    """
    rng = np.random.default_rng(seed)
    w = gift_world(rng, customers, products)
    theme, appeal, price, names, likes = w.theme, w.appeal, w.price, w.names, w.likes
    rate, first, life, basket = w.rate, w.first, w.life, w.basket
    rows = []
    invoice = 500000
    for c in range(customers):
        end = min(DAYS, first[c] + life[c])
        n_orders = max(1, rng.poisson(rate[c] * (end - first[c])))
        days = np.sort(np.concatenate([[first[c]], rng.integers(first[c], int(end) + 1, n_orders - 1)]))
        staples: list[int] = []
        liked = np.isin(theme, likes[c])
        for d in days:
            alive = w.alive(d)
            season_w = w.season_weight(d)
            pool_w = appeal * liked * alive * season_w
            size = max(1, rng.poisson(basket[c]))
            items: set[int] = set()
            # Re-order staples still on sale; each comes back with its own probability.
            for s in staples:
                if alive[s] and rng.random() < 0.45:
                    items.add(s)
            # New products from liked themes (popular ones more often), sometimes any best seller.
            want = max(0, size - len(items))
            own = rng.binomial(want, taste)
            if own and pool_w.sum() > 0:
                p = pool_w / pool_w.sum()
                items.update(rng.choice(products, size=min(own, int((p > 0).sum())), replace=False, p=p).tolist())
            if want - own > 0:
                p = appeal * alive * season_w
                items.update(rng.choice(products, size=want - own, replace=False, p=p / p.sum()).tolist())
            for i in items:
                if i not in staples and rng.random() < 0.35:
                    staples.append(i)
            invoice += 1
            hour = pd.Timedelta(hours=int(rng.integers(8, 18)), minutes=int(rng.integers(0, 60)))
            when = START + pd.Timedelta(days=int(d)) + hour
            for i in items:
                rows.append((invoice, when, 12000 + c, f"2{i:04d}", names[i], int(rng.choice([1, 2, 6, 12, 24])),
                             price[i]))
    frame = pd.DataFrame(rows, columns=["Invoice", "InvoiceDate", "Customer ID", "StockCode", "Description",
                                        "Quantity", "Price"])
    return frame.sort_values(["InvoiceDate", "Invoice"], kind="stable").reset_index(drop=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--customers", type=int, default=4000)
    ap.add_argument("--products", type=int, default=3500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--taste", type=float, default=0.5)
    a = ap.parse_args()
    frame = gift_shop(a.customers, a.products, a.seed, a.taste)
    frame.to_csv(a.out, index=False)
    print(f"{len(frame):,} lines, {frame['Customer ID'].nunique():,} customers, "
          f"{frame['StockCode'].nunique():,} products -> {a.out}")


if __name__ == "__main__":
    main()
