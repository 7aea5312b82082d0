"""Generate the bundled demo shop "Jade Leaf Tea & Gifts / 玉叶茶礼".

Writes demo_orders.csv and demo_customers.csv next to this file (or into --out DIR). The output is a
pure function of SEED: running the script again rewrites the files byte for byte, which a test checks.

    /work/venv/bin/python resources/demo/generate.py [--out DIR]

Every customer follows one of a few behaviours a real tea shop sees (regulars, occasional buyers,
one-time buyers, new customers, lapsed customers, festival gift buyers, cafés and offices buying in
bulk); README.md describes them. Only numpy and pandas are used.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261031
START = pd.Timestamp("2024-11-01")
END = pd.Timestamp("2026-10-31")  # last trading day in the data; the demo's "today"
HERE = Path(__file__).resolve().parent
ORDERS_FILE = "demo_orders.csv"
CUSTOMERS_FILE = "demo_customers.csv"
ORDER_COLUMNS = ["Order ID", "Date", "Customer ID", "Product ID", "Product", "Category", "Quantity",
                 "Unit price", "Amount"]
CUSTOMER_COLUMNS = ["Customer ID", "Name", "Phone", "Email", "City", "Birthday", "Gender"]

# How many customers of each behaviour (about 800 in all, plus a few sign-ups who never bought).
PLAN = {
    "regular": 170,
    "occasional": 185,
    "one_time": 155,
    "new": 70,
    "lapsed": 85,
    "gift": 125,
    "bulk": 10,
}
NEVER_BOUGHT = 12

CATEGORIES = {
    "GT": "Green tea 绿茶",
    "OL": "Oolong 乌龙茶",
    "PE": "Pu-erh 普洱",
    "BT": "Black tea 红茶",
    "WT": "White tea 白茶",
    "HB": "Flower & herbal 花草茶",
    "TW": "Teaware 茶具",
    "GB": "Gift boxes 礼盒",
    "SN": "Snacks 茶点",
}
TEA_CATEGORIES = ["GT", "OL", "PE", "BT", "WT", "HB"]
TEA_CATEGORY_WEIGHTS = [0.27, 0.22, 0.16, 0.17, 0.08, 0.10]

# (code, English, Chinese, size, price in CNY, popularity, tags)
# tags: "bulk" = what cafés and offices buy by the dozen; "season:<name>" = only sold in that season;
# "pair:<codes>" = what tends to go into the same basket.
CATALOGUE: list[tuple[str, str, str, str, float, float, str]] = [
    ("GT-001", "Jasmine green tea", "茉莉绿茶", "100g", 48, 10, "pair:SN-001,SN-002"),
    ("GT-002", "Jasmine green tea", "茉莉绿茶", "250g", 98, 5, "bulk"),
    ("GT-003", "West Lake Longjing", "西湖龙井", "50g", 168, 7, "pair:SN-002"),
    ("GT-004", "West Lake Longjing", "西湖龙井", "100g", 298, 4, ""),
    ("GT-005", "Pre-Qingming Longjing", "明前龙井", "50g", 268, 3, "season:spring"),
    ("GT-006", "Biluochun", "碧螺春", "50g", 128, 6, "pair:SN-001"),
    ("GT-007", "Huangshan Maofeng", "黄山毛峰", "100g", 88, 5, ""),
    ("GT-008", "Anji white leaf", "安吉白茶", "50g", 158, 4, ""),
    ("GT-009", "Lu'an Guapian", "六安瓜片", "100g", 138, 3, ""),
    ("GT-010", "Xinyang Maojian", "信阳毛尖", "100g", 78, 4, ""),
    ("GT-011", "Taiping Houkui", "太平猴魁", "50g", 198, 2, ""),
    ("GT-012", "Enshi Yulu", "恩施玉露", "50g", 118, 2, ""),
    ("GT-013", "Jasmine pearls", "茉莉龙珠", "50g", 88, 5, "pair:SN-002"),
    ("GT-014", "Everyday green tea", "口粮绿茶", "250g", 38, 6, "bulk"),
    ("GT-015", "Longjing tea bags", "龙井袋泡茶", "20 bags", 45, 4, "bulk"),
    ("OL-001", "Tieguanyin", "铁观音", "100g", 98, 10, "pair:SN-003,SN-007"),
    ("OL-002", "Tieguanyin", "铁观音", "250g", 218, 4, "bulk"),
    ("OL-003", "Da Hong Pao", "大红袍", "100g", 168, 7, "pair:SN-003"),
    ("OL-004", "Wuyi Rougui", "武夷肉桂", "100g", 158, 4, ""),
    ("OL-005", "Wuyi Shuixian", "武夷水仙", "100g", 98, 3, ""),
    ("OL-006", "Phoenix Dancong honey orchid", "凤凰单丛 蜜兰香", "50g", 128, 4, ""),
    ("OL-007", "Alishan high mountain oolong", "阿里山高山茶", "75g", 158, 4, "pair:SN-003"),
    ("OL-008", "Dong Ding oolong", "冻顶乌龙", "150g", 138, 3, ""),
    ("OL-009", "Oriental Beauty", "东方美人", "50g", 188, 2, ""),
    ("OL-010", "Milk oolong", "金萱乌龙", "100g", 68, 6, "pair:SN-003"),
    ("OL-011", "Charcoal-roasted oolong", "炭焙乌龙", "250g", 88, 3, "bulk"),
    ("OL-012", "Huangjingui", "黄金桂", "100g", 78, 2, ""),
    ("OL-013", "Tieguanyin tea bags", "铁观音袋泡茶", "20 bags", 39, 3, "bulk"),
    ("PE-001", "Ripe pu-erh cake", "熟普饼", "357g", 168, 7, "pair:SN-009,SN-004"),
    ("PE-002", "Raw pu-erh cake", "生普饼", "357g", 238, 4, ""),
    ("PE-003", "Menghai ripe pu-erh", "勐海熟茶", "357g", 198, 4, ""),
    ("PE-004", "Old-tree raw pu-erh", "古树生普", "200g", 368, 2, ""),
    ("PE-005", "Mini tuocha pu-erh", "普洱小沱茶", "250g", 58, 6, "bulk"),
    ("PE-006", "Pu-erh in mandarin peel", "小青柑普洱", "10 pcs", 88, 6, "pair:SN-009"),
    ("PE-007", "Chenpi pu-erh", "陈皮普洱", "250g", 128, 4, ""),
    ("PE-008", "Loose ripe pu-erh", "熟普散茶", "250g", 68, 4, "bulk"),
    ("PE-009", "Ten-year aged raw pu-erh", "十年陈生普", "357g", 580, 1, ""),
    ("PE-010", "Ripe pu-erh brick", "熟普茶砖", "250g", 78, 3, ""),
    ("PE-011", "Pu-erh tea bags", "普洱袋泡茶", "20 bags", 39, 2, "bulk"),
    ("BT-001", "Keemun black tea", "祁门红茶", "100g", 88, 7, "pair:SN-008"),
    ("BT-002", "Keemun black tea", "祁门红茶", "250g", 198, 2, ""),
    ("BT-003", "Dianhong", "滇红", "100g", 68, 7, "pair:SN-008,SN-004"),
    ("BT-004", "Jin Jun Mei", "金骏眉", "50g", 198, 4, ""),
    ("BT-005", "Lapsang souchong", "正山小种", "100g", 98, 5, "pair:SN-004"),
    ("BT-006", "Yingde black tea", "英德红茶", "100g", 58, 3, ""),
    ("BT-007", "Dianhong golden buds", "滇红金芽", "50g", 128, 3, ""),
    ("BT-008", "English breakfast", "英式早餐茶", "30 bags", 45, 5, "bulk"),
    ("BT-009", "Earl Grey", "伯爵红茶", "100g", 55, 5, "pair:SN-013"),
    ("BT-010", "Lychee black tea", "荔枝红茶", "100g", 48, 4, ""),
    ("BT-011", "Rose black tea", "玫瑰红茶", "100g", 52, 3, ""),
    ("BT-012", "Black tea bags", "红茶袋泡茶", "50 bags", 49, 3, "bulk"),
    ("WT-001", "Silver Needle", "白毫银针", "50g", 218, 3, ""),
    ("WT-002", "White Peony", "白牡丹", "100g", 128, 5, "pair:SN-002"),
    ("WT-003", "Shoumei cake", "寿眉饼", "350g", 168, 4, ""),
    ("WT-004", "Aged Shoumei", "老白茶 寿眉", "300g", 258, 2, ""),
    ("WT-005", "Gongmei", "贡眉", "100g", 78, 3, ""),
    ("HB-001", "Chrysanthemum buds", "胎菊", "50g", 28, 7, "pair:SN-005"),
    ("HB-002", "Rose buds", "玫瑰花蕾", "50g", 32, 6, ""),
    ("HB-003", "Osmanthus", "桂花", "30g", 26, 4, "pair:SN-002"),
    ("HB-004", "Roasted barley tea", "大麦茶", "30 bags", 22, 6, "bulk"),
    ("HB-005", "Goji and red date tea", "枸杞红枣茶", "200g", 36, 4, ""),
    ("HB-006", "Honeysuckle", "金银花", "50g", 30, 3, ""),
    ("HB-007", "Tartary buckwheat tea", "苦荞茶", "250g", 35, 4, "bulk"),
    ("HB-008", "Dried lemon slices", "柠檬片", "100g", 25, 4, ""),
    ("HB-009", "Jasmine flowers", "茉莉花干", "50g", 28, 2, ""),
    ("HB-010", "Mint leaves", "薄荷叶", "30g", 20, 2, ""),
    ("TW-001", "Yixing clay teapot", "宜兴紫砂壶", "200ml", 580, 4, "pair:OL,PE,TW-006"),
    ("TW-002", "Small zisha teapot", "紫砂小壶", "120ml", 320, 3, "pair:OL,PE,TW-006"),
    ("TW-003", "Glass teapot", "玻璃茶壶", "600ml", 98, 5, "pair:GT,HB"),
    ("TW-004", "White porcelain gaiwan", "白瓷盖碗", "150ml", 68, 5, "pair:TW-006,OL,GT"),
    ("TW-005", "Celadon gaiwan", "青瓷盖碗", "150ml", 128, 3, "pair:TW-007"),
    ("TW-006", "Tasting cups", "品茗杯", "set of 6", 88, 6, ""),
    ("TW-007", "Celadon cups", "青瓷杯", "set of 4", 118, 4, ""),
    ("TW-008", "Fairness pitcher", "公道杯", "250ml", 58, 4, "pair:TW-006"),
    ("TW-009", "Bamboo tea tray", "竹制茶盘", "40cm", 168, 2, "pair:TW-012"),
    ("TW-010", "Travel tea set", "便携旅行茶具", "1 set", 158, 3, "pair:OL,GT"),
    ("TW-011", "Tea strainer", "茶漏", "1 pc", 25, 4, ""),
    ("TW-012", "Tea tools set", "茶道六君子", "6 pcs", 78, 3, ""),
    ("TW-013", "Electric clay kettle", "电陶炉烧水壶", "1 set", 398, 1, ""),
    ("TW-014", "Tin tea caddy", "锡茶叶罐", "250g", 128, 2, "pair:GT,OL"),
    ("TW-015", "Tea towel", "茶巾", "1 pc", 18, 4, ""),
    ("TW-016", "Clay tea pet", "茶宠", "1 pc", 38, 3, ""),
    ("TW-017", "Infuser mug", "飘逸杯", "500ml", 48, 5, "pair:GT,HB,BT"),
    ("TW-018", "Double-wall glass cups", "双层玻璃杯", "set of 2", 35, 4, ""),
    ("TW-019", "Tea scoop", "茶则", "1 pc", 22, 2, ""),
    ("TW-020", "Cup mats", "杯垫", "6 pcs", 28, 2, ""),
    ("GB-001", "Longjing gift box", "龙井礼盒", "2 x 100g", 398, 6, "gift"),
    ("GB-002", "Assorted famous teas gift box", "名茶组合礼盒", "4 tins", 298, 8, "gift"),
    ("GB-003", "Pu-erh gift box", "普洱礼盒", "357g", 458, 4, "gift"),
    ("GB-004", "Oolong duo gift box", "乌龙双罐礼盒", "2 x 125g", 258, 5, "gift"),
    ("GB-005", "Black tea gift box", "红茶礼盒", "2 x 100g", 228, 5, "gift"),
    ("GB-006", "White tea gift box", "白茶礼盒", "2 x 100g", 328, 3, "gift"),
    ("GB-007", "New Year gift box", "新春礼盒", "1 box", 368, 9, "gift season:newyear"),
    ("GB-008", "Mooncake and tea gift box", "月饼茶礼盒", "1 box", 268, 9, "gift season:midautumn"),
    ("GB-009", "Christmas tea sampler", "圣诞茶礼盒", "12 teas", 198, 7, "gift season:christmas"),
    ("GB-010", "Tea and teaware gift set", "茶具茶叶礼盒", "1 set", 588, 3, "gift"),
    ("GB-011", "Business gift box", "商务礼盒", "1 box", 888, 2, "gift"),
    ("GB-012", "Small tasting gift box", "小罐品鉴礼盒", "6 tins", 128, 6, "gift"),
    ("GB-013", "Gift bag", "礼品袋", "1 pc", 5, 0, ""),
    ("GB-014", "Gift wrapping", "礼品包装", "1 pc", 10, 0, ""),
    ("SN-001", "Mung bean cake", "绿豆糕", "6 pcs", 28, 6, ""),
    ("SN-002", "Osmanthus cake", "桂花糕", "6 pcs", 26, 5, ""),
    ("SN-003", "Pineapple cake", "凤梨酥", "8 pcs", 38, 6, ""),
    ("SN-004", "Walnut cookies", "核桃酥", "200g", 32, 5, ""),
    ("SN-005", "Candied plum", "话梅", "150g", 18, 4, ""),
    ("SN-006", "Dried mango", "芒果干", "150g", 22, 4, ""),
    ("SN-007", "Roasted melon seeds", "瓜子", "250g", 15, 5, "bulk"),
    ("SN-008", "Egg yolk pastry", "蛋黄酥", "6 pcs", 42, 5, ""),
    ("SN-009", "Dried persimmon", "柿饼", "300g", 30, 3, ""),
    ("SN-010", "Peanut brittle", "花生糖", "200g", 22, 3, ""),
    ("SN-011", "Mooncakes", "月饼", "4 pcs", 88, 3, "season:midautumn"),
    ("SN-012", "Sesame crisps", "芝麻薄脆", "150g", 20, 3, ""),
    ("SN-013", "Almond cookies", "杏仁饼", "200g", 28, 3, ""),
    ("SN-014", "Sachima", "沙琪玛", "300g", 20, 3, "bulk"),
    ("SN-015", "Red bean cake", "红豆糕", "6 pcs", 26, 3, ""),
]

# Teas whose price went up on 2026-03-01 (a new harvest costs more); old lines keep the old price.
PRICE_RISE_DATE = pd.Timestamp("2026-03-01")
PRICE_RISE = {"GT-003": 178, "GT-004": 318, "PE-001": 178, "PE-002": 258, "OL-003": 178, "WT-001": 238,
              "BT-004": 218, "GB-001": 428}

# Gift seasons inside the two years: (season, festival day). Gift buying starts weeks before.
FESTIVALS = [
    ("christmas", pd.Timestamp("2024-12-25")),
    ("newyear", pd.Timestamp("2025-01-29")),
    ("midautumn", pd.Timestamp("2025-10-06")),
    ("christmas", pd.Timestamp("2025-12-25")),
    ("newyear", pd.Timestamp("2026-02-17")),
    ("midautumn", pd.Timestamp("2026-09-25")),
]
# The shop closes over Chinese New Year (eve to the fourth day).
CLOSED = [(pd.Timestamp("2025-01-28"), pd.Timestamp("2025-02-01")),
          (pd.Timestamp("2026-02-16"), pd.Timestamp("2026-02-20"))]


@dataclass(frozen=True)
class Product:
    """One line of the catalogue."""

    id: str
    name: str
    category: str
    prefix: str
    price: float
    popularity: float
    bulk: bool
    gift: bool
    season: str
    pairs: tuple[str, ...]


def build_catalogue() -> list[Product]:
    """Return the shop's products in catalogue order."""
    products = []
    for code, en, zh, size, price, popularity, tags in CATALOGUE:
        words = tags.split()
        season = next((w.split(":", 1)[1] for w in words if w.startswith("season:")), "")
        pairs = next((tuple(w.split(":", 1)[1].split(",")) for w in words if w.startswith("pair:")), ())
        prefix = code.split("-")[0]
        products.append(Product(code, f"{en} {zh} {size}", CATEGORIES[prefix], prefix, float(price),
                                float(popularity), "bulk" in words, "gift" in words, season, pairs))
    return products


def in_season(product: Product, day: pd.Timestamp) -> bool:
    """True when a seasonal product is on the shelf on `day`."""
    if not product.season:
        return True
    m, d = day.month, day.day
    if product.season == "spring":
        return (m == 3 and d >= 20) or m in (4, 5)
    if product.season == "christmas":
        return (m == 11 and d >= 20) or (m == 12 and d <= 26)
    if product.season == "newyear":
        return m == 12 or (m == 1) or (m == 2 and d <= 20)
    if product.season == "midautumn":
        return m in (8, 9) or (m == 10 and d <= 8)
    raise ValueError(product.season)


def price_on(product: Product, day: pd.Timestamp) -> float:
    """The shelf price of `product` on `day`."""
    if day >= PRICE_RISE_DATE and product.id in PRICE_RISE:
        return float(PRICE_RISE[product.id])
    return product.price


@dataclass
class Customer:
    """A customer of the demo shop and the habits that drive their purchases."""

    kind: str
    tea: str  # favourite tea category prefix
    tier: int  # 0 budget, 1 middle, 2 premium
    favourites: list[str] = field(default_factory=list)
    joined: pd.Timestamp = START
    days: list[pd.Timestamp] = field(default_factory=list)
    business: bool = False
    id: str = ""


class Shop:
    """Draws baskets and visit days from one random generator, so one seed fixes everything."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.products = build_catalogue()
        self.by_id = {p.id: p for p in self.products}
        self.by_prefix: dict[str, list[Product]] = {}
        for p in self.products:
            self.by_prefix.setdefault(p.prefix, []).append(p)

    # -- choosing products -------------------------------------------------------------------
    def pick(self, candidates: list[Product], day: pd.Timestamp, tier: int | None = None,
             price_sensitivity: float = 1.6) -> Product:
        """One product from `candidates`, by popularity (and closeness to the customer's price tier)."""
        available = [p for p in candidates if in_season(p, day) and p.popularity > 0]
        weights = np.array([p.popularity for p in available])
        if tier is not None:
            # Cheap buyers avoid the expensive teas and vice versa; log price tiers of ~60 / 120 / 240.
            target = np.log(60.0) + tier * np.log(2.0)
            distance = np.abs(np.log([p.price for p in available]) - target)
            weights = weights * np.exp(-price_sensitivity * distance)
        return available[int(self.rng.choice(len(available), p=weights / weights.sum()))]

    def tea(self, prefix: str, day: pd.Timestamp, tier: int | None) -> Product:
        """A tea from category `prefix` (bulk packs and tea bags are for cafés, so rarely)."""
        teas = [p for p in self.by_prefix[prefix] if not p.bulk or self.rng.random() < 0.3]
        return self.pick(teas, day, tier)

    def partner(self, product: Product, day: pd.Timestamp, tier: int | None) -> Product | None:
        """A product that often goes into the same basket as `product`, or None."""
        if not product.pairs:
            return None
        code = product.pairs[int(self.rng.integers(len(product.pairs)))]
        if code in self.by_id:
            partner = self.by_id[code]
            return partner if in_season(partner, day) else None
        return self.tea(code, day, tier)

    def snack_for(self, tea: Product, day: pd.Timestamp) -> Product:
        """A snack, preferably the one that goes with `tea`."""
        matched = [self.by_id[c] for c in tea.pairs if c.startswith("SN-")]
        if matched and self.rng.random() < 0.75:
            return matched[int(self.rng.integers(len(matched)))]
        return self.pick(self.by_prefix["SN"], day)

    def gift_box(self, day: pd.Timestamp, tier: int) -> Product:
        """A gift box, the seasonal one being the favourite while it is on sale."""
        boxes = [p for p in self.by_prefix["GB"] if p.gift and p.id != "GB-011"]
        return self.pick(boxes, day, tier + 1)

    # -- baskets -----------------------------------------------------------------------------
    def add_gifts(self, basket: dict[str, int], day: pd.Timestamp, tier: int, boxes: int) -> None:
        """Gift boxes plus what goes with them: gift bags, wrapping, cups, festival snacks."""
        box = self.gift_box(day, tier)
        basket[box.id] = basket.get(box.id, 0) + boxes
        if self.rng.random() < 0.35:
            other = self.gift_box(day, tier)
            basket[other.id] = basket.get(other.id, 0) + max(1, boxes // 2)
        if self.rng.random() < 0.7:
            basket["GB-013"] = basket.get("GB-013", 0) + boxes
        elif self.rng.random() < 0.5:
            basket["GB-014"] = basket.get("GB-014", 0) + boxes
        if self.rng.random() < 0.3:
            cups = "TW-006" if self.rng.random() < 0.6 else "TW-007"
            basket[cups] = basket.get(cups, 0) + 1
        if box.season == "midautumn" and self.rng.random() < 0.45:
            basket["SN-011"] = basket.get("SN-011", 0) + int(self.rng.integers(1, 3))

    def retail_basket(self, c: Customer, day: pd.Timestamp, *, rebuy: bool, snack: float,
                      teaware: float, gift: float) -> dict[str, int]:
        """A walk-in basket: a tea or two, maybe a snack, teaware or a gift box."""
        rng = self.rng
        basket: dict[str, int] = {}
        if rebuy and c.favourites:
            # Regulars re-buy their own teas; the first favourite most often.
            weights = np.array([0.6, 0.3, 0.1][: len(c.favourites)])
            main = self.by_id[c.favourites[int(rng.choice(len(c.favourites), p=weights / weights.sum()))]]
            if not in_season(main, day):
                main = self.tea(c.tea, day, c.tier)
        else:
            prefix = c.tea if rng.random() < 0.7 else TEA_CATEGORIES[int(rng.choice(6, p=TEA_CATEGORY_WEIGHTS))]
            main = self.tea(prefix, day, c.tier)
        basket[main.id] = int(rng.choice([1, 2, 3], p=[0.74, 0.21, 0.05]))
        if rng.random() < (0.38 if rebuy else 0.3):
            second = (self.by_id[c.favourites[-1]] if rebuy and len(c.favourites) > 1 and rng.random() < 0.6
                      else self.tea(c.tea, day, c.tier))
            if in_season(second, day):
                basket[second.id] = basket.get(second.id, 0) + 1
        if rng.random() < snack:
            s = self.snack_for(main, day)
            basket[s.id] = basket.get(s.id, 0) + (1 if rng.random() < 0.8 else 2)
        if rng.random() < teaware:
            # Teaware is bought less by price than tea is: a strainer or a teapot, whoever you are.
            ware = self.pick(self.by_prefix["TW"], day, c.tier, price_sensitivity=0.5)
            basket[ware.id] = basket.get(ware.id, 0) + 1
            mate = self.partner(ware, day, c.tier)
            if mate is not None and rng.random() < 0.75:
                basket[mate.id] = basket.get(mate.id, 0) + 1
        if rng.random() < gift:
            self.add_gifts(basket, day, c.tier, 1 if rng.random() < 0.7 else int(rng.integers(2, 4)))
        return basket

    def bulk_basket(self, day: pd.Timestamp) -> dict[str, int]:
        """A café's or office's restock: several everyday teas by the dozen."""
        rng = self.rng
        basket: dict[str, int] = {}
        bulk = [p for p in self.products if p.bulk]
        for _ in range(int(rng.integers(2, 5))):
            p = self.pick(bulk, day)
            basket[p.id] = basket.get(p.id, 0) + int(rng.choice([3, 4, 5, 6, 6, 8, 10, 10, 12, 15, 20]))
        if rng.random() < 0.25:
            basket["TW-018"] = int(rng.choice([6, 10, 12]))
        return basket

    # -- visit days --------------------------------------------------------------------------
    def renewal_days(self, first: pd.Timestamp, last: pd.Timestamp, interval: float,
                     regularity: float = 5.0) -> list[pd.Timestamp]:
        """Visit days from `first` to `last`, spaced by gamma intervals around `interval` days."""
        days = []
        t = first
        while t <= last:
            if t >= START:
                days.append(t)
            gap = self.rng.gamma(regularity, interval / regularity)
            t = t + pd.Timedelta(days=max(1, int(round(gap))))
        return days

    def uniform_day(self, low: pd.Timestamp, high: pd.Timestamp) -> pd.Timestamp:
        """A day between `low` and `high` inclusive, weekends busier."""
        span = (high - low).days
        while True:
            day = low + pd.Timedelta(days=int(self.rng.integers(0, span + 1)))
            if day.day_of_week >= 5 or self.rng.random() < 0.62:
                return day

    def gift_day(self, festival: pd.Timestamp) -> pd.Timestamp:
        """A day in the three weeks before a festival, busiest in the last week."""
        before = int(min(24, 2 + self.rng.gamma(2.0, 4.0)))
        return festival - pd.Timedelta(days=before)


def open_day(day: pd.Timestamp) -> pd.Timestamp:
    """Move a visit out of the New Year closure and inside the data's window."""
    for first, last in CLOSED:
        if first <= day <= last:
            day = last + pd.Timedelta(days=1)
    return min(max(day, START), END)


def make_customers(shop: Shop) -> list[Customer]:
    """Every customer with their visit days and habits, in no particular order."""
    rng = shop.rng
    customers: list[Customer] = []

    def new_customer(kind: str) -> Customer:
        tea = TEA_CATEGORIES[int(rng.choice(6, p=TEA_CATEGORY_WEIGHTS))]
        tier = int(rng.choice(3, p=[0.35, 0.45, 0.20]))
        c = Customer(kind, tea, tier)
        n_fav = int(rng.choice([1, 2, 3], p=[0.35, 0.45, 0.20]))
        while len(c.favourites) < n_fav:
            p = shop.tea(tea if rng.random() < 0.8 else TEA_CATEGORIES[int(rng.integers(6))], START, tier)
            if not p.season and p.id not in c.favourites:
                c.favourites.append(p.id)
        customers.append(c)
        return c

    span = (END - START).days
    for _ in range(PLAN["regular"]):
        c = new_customer("regular")
        interval = float(rng.uniform(12, 45))
        # Half were already regulars when the data starts; the others found the shop since.
        c.joined = START - pd.Timedelta(days=int(rng.integers(30, 900))) if rng.random() < 0.5 else \
            START + pd.Timedelta(days=int(rng.integers(0, span - 200)))
        first = c.joined + pd.Timedelta(days=int(rng.integers(0, int(interval) + 1)))
        # A quarter of the regulars drift away: some long ago (can't lose them), some lately.
        last = END if rng.random() < 0.66 else max(c.joined, START) + pd.Timedelta(days=int(rng.integers(200, 500)))
        c.days = shop.renewal_days(first, last, interval)
    for _ in range(PLAN["occasional"]):
        c = new_customer("occasional")
        first = START + pd.Timedelta(days=int(rng.integers(-200, span - 60)))
        c.joined = min(first, START - pd.Timedelta(days=1)) if first < START else first
        last = min(END, max(first, START) + pd.Timedelta(days=int(rng.integers(90, 700))))
        n = int(rng.integers(2, 9))
        c.days = sorted({shop.uniform_day(max(first, START), last) for _ in range(n)})
        if first >= START:
            c.days = sorted(set(c.days) | {first})
    for _ in range(PLAN["one_time"]):
        c = new_customer("one_time")
        day = shop.uniform_day(START, END - pd.Timedelta(days=70))
        c.joined, c.days = day, [day]
    for _ in range(PLAN["new"]):
        c = new_customer("new")
        first = END - pd.Timedelta(days=int(rng.integers(0, 75)))
        c.joined = first
        c.days = [first]
        if rng.random() < 0.35 and (END - first).days > 10:
            c.days.append(first + pd.Timedelta(days=int(rng.integers(7, (END - first).days + 1))))
    for _ in range(PLAN["lapsed"]):
        c = new_customer("lapsed")
        last = END - pd.Timedelta(days=int(rng.integers(200, 640)))
        interval = float(rng.uniform(20, 60))
        first = last - pd.Timedelta(days=int(interval * rng.integers(2, 9)))
        c.joined = min(first, START)
        c.days = shop.renewal_days(first, last, interval) or [max(last, START)]
    for _ in range(PLAN["gift"]):
        c = new_customer("gift")
        c.tier = min(2, c.tier + 1)
        seasons = [f for f in FESTIVALS if rng.random() < 0.42]
        if not seasons:
            seasons = [FESTIVALS[int(rng.integers(len(FESTIVALS)))]]
        c.days = [shop.gift_day(day) for _, day in seasons]
        if rng.random() < 0.3:  # now and then they buy tea for themselves too
            c.days.append(shop.uniform_day(START, END))
        c.days = sorted(set(c.days))
        c.joined = c.days[0]
    for _ in range(PLAN["bulk"]):
        c = new_customer("bulk")
        c.business = True
        c.joined = START - pd.Timedelta(days=int(rng.integers(30, 400))) if rng.random() < 0.6 else \
            START + pd.Timedelta(days=int(rng.integers(0, 300)))
        last = END if rng.random() < 0.8 else END - pd.Timedelta(days=int(rng.integers(150, 300)))
        c.days = shop.renewal_days(max(c.joined, START), last, float(rng.uniform(14, 35)), regularity=8.0)
    for c in customers:
        c.days = sorted({open_day(d) for d in c.days})
    return customers


def basket_for(shop: Shop, c: Customer, day: pd.Timestamp) -> dict[str, int]:
    """What customer `c` buys on `day`, given their behaviour."""
    rng = shop.rng
    near_festival = any(0 <= (f - day).days <= 25 for _, f in FESTIVALS)
    if c.kind == "bulk":
        basket = shop.bulk_basket(day)
        if near_festival and rng.random() < 0.4:
            # Offices order gift boxes for their clients before the festivals.
            box = "GB-011" if rng.random() < 0.5 else shop.gift_box(day, 1).id
            basket[box] = basket.get(box, 0) + int(rng.choice([10, 12, 15, 20, 30]))
            basket["GB-013"] = basket[box]
        return basket
    if c.kind == "gift" and near_festival:
        basket: dict[str, int] = {}
        shop.add_gifts(basket, day, c.tier, int(rng.choice([1, 1, 2, 2, 3, 4, 6])))
        return basket
    if c.kind == "regular":
        return shop.retail_basket(c, day, rebuy=rng.random() < 0.85, snack=0.35, teaware=0.04,
                                  gift=0.3 if near_festival else 0.05)
    if c.kind == "lapsed":
        return shop.retail_basket(c, day, rebuy=rng.random() < 0.6, snack=0.25, teaware=0.06,
                                  gift=0.25 if near_festival else 0.06)
    return shop.retail_basket(c, day, rebuy=False, snack=0.35, teaware=0.15,
                              gift=0.35 if near_festival else 0.1)


def visit_time(rng: np.random.Generator, day: pd.Timestamp, business: bool) -> pd.Timestamp:
    """A time of day the shop is open (10:00-21:00): lunch and after-work peaks, offices by day."""
    if business:
        minutes = rng.normal(14.5 * 60, 100)
    else:
        peak = 12.5 if rng.random() < 0.4 else (15.5 if rng.random() < 0.4 else 18.8)
        minutes = rng.normal(peak * 60, 70)
    minutes = int(np.clip(minutes, 10 * 60, 20 * 60 + 55))
    return day + pd.Timedelta(minutes=minutes)


def customer_ids(rng: np.random.Generator, customers: list[Customer], extra: int) -> list[str]:
    """Give ids in sign-up order (C00001 is the oldest customer); return the ids of `extra` people who
    signed up at some point but never bought (every real customer list has a few)."""
    span = (END - START).days
    joined = [c.joined for c in customers] + [START + pd.Timedelta(days=int(rng.integers(0, span)))
                                              for _ in range(extra)]
    order = sorted(range(len(joined)), key=lambda i: (joined[i], i))
    ids = {i: f"C{r + 1:05d}" for r, i in enumerate(order)}
    for i, c in enumerate(customers):
        c.id = ids[i]
    return [ids[len(customers) + k] for k in range(extra)]


def make_orders(shop: Shop, customers: list[Customer]) -> pd.DataFrame:
    """All order lines, returns included, in date order with receipt numbers."""
    rng = shop.rng
    rows = []  # (time, customer, product, quantity, unit price, is_return)
    for c in customers:
        for day in c.days:
            t = visit_time(rng, day, c.business)
            for pid, qty in basket_for(shop, c, day).items():
                p = shop.by_id[pid]
                price = price_on(p, day)
                if c.business:
                    price = round(price * 0.85, 2)  # trade price for cafés and offices
                rows.append((t, c.id, pid, qty, price, False))
    purchases = pd.DataFrame(rows, columns=["time", "customer", "product", "qty", "price", "ret"])
    # About 1% of lines come back within two weeks (a broken cup, a tea they did not like).
    # Cups and teapots break, teas disappoint now and then; snacks and gift bags hardly come back.
    weight = purchases["product"].str[:2].map({"TW": 5.0, "SN": 0.3}).fillna(1.0)
    weight[purchases["product"].isin(["GB-013", "GB-014"])] = 0.0
    weight[purchases["time"] >= END - pd.Timedelta(days=14)] = 0.0
    picked = np.sort(rng.choice(len(purchases), size=int(round(len(purchases) * 0.01)), replace=False,
                                p=(weight / weight.sum()).to_numpy()))
    returns = []
    for i in picked:
        row = purchases.loc[i]
        back = row["time"].normalize() + pd.Timedelta(days=int(rng.integers(1, 12)))
        back = visit_time(rng, open_day(back), False)
        qty = int(rng.integers(1, int(row["qty"]) + 1)) if row["qty"] <= 3 else int(rng.integers(1, 4))
        returns.append((back, row["customer"], row["product"], -qty, row["price"], True))
    lines = pd.concat([purchases, pd.DataFrame(returns, columns=purchases.columns)], ignore_index=True)
    lines = lines.sort_values(["time", "customer", "ret"], kind="stable").reset_index(drop=True)

    # Receipt numbers: S (sale) or R (refund), the day, then the receipt's number that day.
    receipt = lines[["time", "customer", "ret"]].drop_duplicates().reset_index(drop=True)
    receipt["day"] = receipt["time"].dt.strftime("%y%m%d")
    receipt["seq"] = receipt.groupby("day").cumcount() + 1
    receipt["order_id"] = (np.where(receipt["ret"], "R", "S") + receipt["day"] + "-"
                           + receipt["seq"].map("{:03d}".format))
    lines = lines.merge(receipt[["time", "customer", "ret", "order_id"]], on=["time", "customer", "ret"],
                        how="left", validate="many_to_one")
    products = {p.id: p for p in shop.products}
    amount = (lines["qty"] * lines["price"]).round(2)
    return pd.DataFrame({
        "Order ID": lines["order_id"],
        "Date": lines["time"].dt.strftime("%Y-%m-%d %H:%M"),
        "Customer ID": lines["customer"],
        "Product ID": lines["product"],
        "Product": lines["product"].map(lambda x: products[x].name),
        "Category": lines["product"].map(lambda x: products[x].category),
        "Quantity": lines["qty"].astype(int),
        "Unit price": lines["price"].map("{:.2f}".format),
        "Amount": amount.map("{:.2f}".format),
    })


# -- the customer list ----------------------------------------------------------------------------
SURNAMES = [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
            ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
            ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("林", "lin"),
            ("高", "gao"), ("罗", "luo"), ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"),
            ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
            ("沈", "shen"), ("陆", "lu"), ("顾", "gu"), ("钱", "qian"), ("姚", "yao"), ("施", "shi"),
            ("蒋", "jiang"), ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("丁", "ding"), ("潘", "pan")]
FEMALE_CHARS = [("静", "jing"), ("丽", "li"), ("婷", "ting"), ("敏", "min"), ("燕", "yan"), ("芳", "fang"),
                ("娟", "juan"), ("霞", "xia"), ("雪", "xue"), ("慧", "hui"), ("琳", "lin"), ("颖", "ying"),
                ("欣", "xin"), ("怡", "yi"), ("佳", "jia"), ("悦", "yue"), ("梅", "mei"), ("兰", "lan"),
                ("璐", "lu"), ("倩", "qian"), ("晓", "xiao"), ("雯", "wen"), ("萍", "ping"), ("蕾", "lei"),
                ("思", "si"), ("诗", "shi"), ("嘉", "jia"), ("月", "yue")]
MALE_CHARS = [("伟", "wei"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
              ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("辉", "hui"), ("刚", "gang"),
              ("健", "jian"), ("斌", "bin"), ("鹏", "peng"), ("浩", "hao"), ("宇", "yu"), ("俊", "jun"),
              ("峰", "feng"), ("建", "jian"), ("国", "guo"), ("华", "hua"), ("文", "wen"), ("志", "zhi"),
              ("海", "hai"), ("晨", "chen"), ("毅", "yi"), ("子", "zi")]
ENGLISH_FEMALE = ["Emily", "Sophie", "Grace", "Olivia", "Chloe", "Hannah", "Lucy", "Amelia", "Claire", "Anna"]
ENGLISH_MALE = ["David", "James", "Michael", "Daniel", "Thomas", "Oliver", "Lucas", "Peter", "Mark", "Ben"]
ENGLISH_SURNAMES = ["Smith", "Brown", "Wilson", "Martin", "Müller", "Dubois", "Tanaka", "Kim", "Zhang",
                    "Chen", "Wong", "Lee", "Taylor", "Rossi", "Johnson"]
BUSINESSES = [("静安路咖啡馆", "jingancafe"), ("Blue Door Café 蓝门咖啡", "bluedoorcafe"),
              ("云杉科技有限公司", "yunshantech"), ("拾光茶餐厅", "shiguang"),
              ("Harbour Yoga 海港瑜伽馆", "harbouryoga"),
              ("明德律师事务所", "mingdelaw"), ("青禾书店", "qinghebooks"), ("安和牙科诊所", "anhedental"),
              ("悦来酒店", "yuelaihotel"), ("Riverside Co-working 滨江共享办公", "riversidework"),
              ("慢时光民宿", "slowtimeinn"), ("锦程贸易有限公司", "jinchengtrade")]
CITIES = [("上海", "021", 0.56), ("杭州", "0571", 0.10), ("苏州", "0512", 0.09), ("北京", "010", 0.05),
          ("南京", "025", 0.05), ("宁波", "0574", 0.04), ("无锡", "0510", 0.03), ("广州", "020", 0.03),
          ("深圳", "0755", 0.03), ("成都", "028", 0.02)]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                   "158", "159", "176", "177", "180", "181", "182", "186", "187", "188", "189", "191", "199"]


def profile(rng: np.random.Generator, customer_id: str, business: bool) -> dict[str, str]:
    """One row of the customer list, with the gaps and mixed formats of a list typed in at the till."""
    city, area, _ = CITIES[int(rng.choice(len(CITIES), p=[c[2] for c in CITIES]))]
    if business:
        name, handle = BUSINESSES[int(customer_id[1:]) % len(BUSINESSES)]
        local = f"{area}-{rng.integers(5000, 7000)} {rng.integers(0, 10000):04d}"
        phone = local if rng.random() < 0.7 else f"{rng.choice(MOBILE_PREFIXES)}{rng.integers(0, 10**8):08d}"
        return {"Customer ID": customer_id, "Name": name, "Phone": phone,
                "Email": f"{'orders' if rng.random() < 0.5 else 'office'}@{handle}.cn", "City": "上海",
                "Birthday": "", "Gender": ""}
    female = rng.random() < 0.62  # tea shops see more women than men
    if rng.random() < 0.09:
        first = str(rng.choice(ENGLISH_FEMALE if female else ENGLISH_MALE))
        last = str(rng.choice(ENGLISH_SURNAMES))
        name = f"{first} {last}"
        handle = f"{first.lower()}.{last.lower().replace('ü', 'u')}"
        domains = ["gmail.com", "outlook.com", "hotmail.com", "icloud.com"]
    else:
        s_weights = np.linspace(3.0, 1.0, len(SURNAMES))
        surname, s_py = SURNAMES[int(rng.choice(len(SURNAMES), p=s_weights / s_weights.sum()))]
        chars = FEMALE_CHARS if female else MALE_CHARS
        picks = [chars[int(rng.integers(len(chars)))] for _ in range(1 if rng.random() < 0.3 else 2)]
        name = surname + "".join(ch for ch, _ in picks)
        given_py = "".join(py for _, py in picks)
        handle = (f"{s_py}{given_py}" if rng.random() < 0.5 else f"{given_py}.{s_py}") + (
            f"{rng.integers(1, 100)}" if rng.random() < 0.5 else "")
        domains = ["163.com", "126.com", "sina.com", "foxmail.com", "outlook.com"]
    r = rng.random()
    if r < 0.70:
        phone = f"{rng.choice(MOBILE_PREFIXES)}{rng.integers(0, 10**8):08d}"
    elif r < 0.80:
        phone = f"+86 {rng.choice(MOBILE_PREFIXES)}{rng.integers(0, 10**8):08d}"
    elif r < 0.87:
        phone = f"{area}-{rng.integers(5000, 7000)} {rng.integers(0, 10000):04d}"
    elif r < 0.91:
        m = f"{rng.choice(MOBILE_PREFIXES)}{rng.integers(0, 10**8):08d}"
        phone = f"{m[:3]} {m[3:7]} {m[7:]}"
    else:
        phone = ""
    r = rng.random()
    if r < 0.25:
        email = f"{rng.integers(10**5, 10**10)}@qq.com"  # QQ mail: the QQ number is the address
    elif r < 0.58:
        email = f"{handle}@{rng.choice(domains)}"
    else:
        email = ""
    age = int(np.clip(rng.normal(42, 13), 19, 82))
    birthday = END - pd.Timedelta(days=int(age * 365.25 + rng.integers(0, 365)))
    return {
        "Customer ID": customer_id,
        "Name": name,
        "Phone": phone,
        "Email": email,
        "City": city if rng.random() < 0.93 else "",
        "Birthday": birthday.strftime("%Y-%m-%d") if rng.random() < 0.68 else "",
        "Gender": ("女" if female else "男") if rng.random() < 0.9 else "",
    }


def build(seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (order lines, customer list) of the demo shop as the CSV files hold them (all text)."""
    rng = np.random.default_rng(seed)
    shop = Shop(rng)
    customers = make_customers(shop)
    extra = customer_ids(rng, customers, NEVER_BOUGHT)
    orders = make_orders(shop, customers)
    business = {c.id for c in customers if c.business}
    ids = sorted([c.id for c in customers] + extra)
    people = pd.DataFrame([profile(rng, cid, cid in business) for cid in ids], columns=CUSTOMER_COLUMNS)
    return orders, people


def write(out_dir: Path = HERE, seed: int = SEED) -> tuple[Path, Path]:
    """Write demo_orders.csv and demo_customers.csv into `out_dir`; return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    orders, people = build(seed)
    orders_path, people_path = out_dir / ORDERS_FILE, out_dir / CUSTOMERS_FILE
    # Plain UTF-8 with "\n" so the bytes are the same on every platform.
    orders.to_csv(orders_path, index=False, encoding="utf-8", lineterminator="\n")
    people.to_csv(people_path, index=False, encoding="utf-8", lineterminator="\n")
    return orders_path, people_path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the demo files (into this folder unless --out is given)."""
    parser = argparse.ArgumentParser(description="Generate the Jade Leaf Tea & Gifts demo shop files.")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: next to this script)")
    args = parser.parse_args(argv)
    for path in write(args.out):
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
