"""A small shop history for the suggestion tests, generated with a fixed seed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

GROUPS = [
    ("Green tea 绿茶", ["Longjing 龙井", "Biluochun 碧螺春", "Jasmine green 茉莉绿茶", "Maofeng 毛峰"]),
    ("Black tea 红茶", ["Keemun 祁门红茶", "Dianhong 滇红", "Lapsang 正山小种", "Black tea bags 红茶袋泡茶"]),
    ("Oolong 乌龙茶", ["Tieguanyin 铁观音", "Da Hong Pao 大红袍", "Dancong 单丛", "Milk oolong 奶香乌龙"]),
    ("Teaware 茶具", ["Gaiwan 盖碗", "Tea cup set 茶杯套装", "Clay teapot 紫砂壶", "Tea tray 茶盘"]),
    ("Snacks 茶点", ["Melon seeds 瓜子", "Mooncake 月饼", "Dried plums 话梅", "Sesame candy 芝麻糖"]),
    ("Gifts 礼品", ["Gift box A 礼盒A", "Gift box B 礼盒B", "Gift bag 礼品袋", "Greeting card 贺卡"]),
]


def make_shop(customers: int = 240, days: int = 400, seed: int = 1) -> pd.DataFrame:
    """Return order lines (schema.py columns) of a tea shop: each customer has a favourite group and
    rebuys one or two teas at a personal interval; teaware and gifts go with certain teas."""
    rng = np.random.default_rng(seed)
    products = [(f"{gi}{pi}", name, cat) for gi, (cat, names) in enumerate(GROUPS) for pi, name in enumerate(names)]
    start = pd.Timestamp("2024-01-01")
    rows = []
    order = 0
    for c in range(customers):
        fav = rng.integers(0, 3)  # a favourite tea group
        staples = rng.choice(4, size=rng.integers(1, 3), replace=False)
        interval = int(rng.integers(15, 60))
        first = int(rng.integers(0, days // 2))
        day = first
        while day < days:
            order += 1
            basket = [f"{fav}{s}" for s in staples if rng.random() < 0.8]
            if rng.random() < 0.3:
                basket.append(f"{fav}{rng.integers(0, 4)}")
            if rng.random() < 0.25:
                basket.append(f"3{fav}")  # teaware that goes with the favourite tea
            if rng.random() < 0.2:
                basket += ["50", "52"]  # gift box A with a gift bag
            if rng.random() < 0.15:
                basket.append(f"4{rng.integers(0, 4)}")
            for pid in dict.fromkeys(basket or [f"{fav}0"]):
                g, p = int(pid[0]), int(pid[1])
                qty = float(rng.integers(1, 4))
                price = 20.0 + 10 * g + p
                when = start + pd.Timedelta(days=day, hours=int(rng.integers(9, 20)))
                rows.append((f"C{c:04d}", f"O{order:06d}", when,
                             pid, products[g * 4 + p][1], products[g * 4 + p][2], qty, price, qty * price, False))
            day += max(3, int(rng.normal(interval, interval / 5)))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name", "category",
                                        "quantity", "unit_price", "amount", "is_return"])
    # A few returns, which must never count as purchases.
    ret = lines.sample(20, random_state=seed).copy()
    ret["quantity"] *= -1
    ret["amount"] *= -1
    ret["is_return"] = True
    ret["order_id"] = "R" + ret["order_id"]
    return pd.concat([lines, ret], ignore_index=True)


@pytest.fixture(scope="session")
def shop() -> pd.DataFrame:
    return make_shop()


@pytest.fixture(scope="session")
def fitted(shop):
    from desktop.engine.suggestions import SuggestionSettings, fit_models

    return fit_models(shop, SuggestionSettings(k=5))
