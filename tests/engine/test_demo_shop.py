"""The bundled demo shop (resources/demo): reproducible, in the documented layout, and rich enough
that every segment, buy-again and bought-together feature has something to show."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
ORDER_COLUMNS = ["Order ID", "Date", "Customer ID", "Product ID", "Product", "Category", "Quantity",
                 "Unit price", "Amount"]
CUSTOMER_COLUMNS = ["Customer ID", "Name", "Phone", "Email", "City", "Birthday", "Gender"]


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """resources/demo/generate.py imported as a module (resources is not a package)."""
    spec = importlib.util.spec_from_file_location("demo_generate", DEMO / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    df = pd.read_csv(DEMO / "demo_orders.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    df["when"] = pd.to_datetime(df["Date"], format="%Y-%m-%d %H:%M")
    df["qty"] = df["Quantity"].astype(int)
    df["price"] = df["Unit price"].astype(float)
    df["amount"] = df["Amount"].astype(float)
    return df


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    return pd.read_csv(DEMO / "demo_customers.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def test_regenerating_reproduces_the_committed_files(generator: ModuleType, tmp_path: Path) -> None:
    written = generator.write(tmp_path)
    assert [p.name for p in written] == ["demo_orders.csv", "demo_customers.csv"]
    for path in written:
        assert path.read_bytes() == (DEMO / path.name).read_bytes(), f"{path.name} differs: rerun generate.py"


def test_files_are_small() -> None:
    for name in ("demo_orders.csv", "demo_customers.csv"):
        assert (DEMO / name).stat().st_size < 2_000_000


def test_orders_have_the_documented_layout(orders: pd.DataFrame) -> None:
    assert list(orders.columns[:9]) == ORDER_COLUMNS
    assert orders["Date"].str.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}").all()
    assert orders["Customer ID"].str.fullmatch(r"C\d{5}").all()
    assert orders["Order ID"].str.fullmatch(r"[SR]\d{6}-\d{3}").all()
    assert (orders["Unit price"].str.fullmatch(r"\d+\.\d{2}")).all()
    assert ((orders["qty"] * orders["price"]).round(2) == orders["amount"]).all()
    assert (orders["Product"] != "").all() and (orders["Category"] != "").all()
    # Every product id always carries the same name and category.
    assert (orders.groupby("Product ID")[["Product", "Category"]].nunique() == 1).all().all()


def test_orders_cover_two_years_of_a_small_shop(orders: pd.DataFrame) -> None:
    assert orders["when"].max().normalize() == pd.Timestamp("2026-10-31")
    assert orders["when"].min() < pd.Timestamp("2024-11-08")
    assert 10_000 <= len(orders) <= 14_000
    assert 750 <= orders["Customer ID"].nunique() <= 850
    assert 100 <= orders["Product ID"].nunique() <= 140
    # Trading hours only, and no sales while the shop is closed for the New Year.
    hours = orders["when"].dt.hour
    assert hours.between(10, 20).all()
    assert not orders["when"].dt.normalize().between(pd.Timestamp("2026-02-16"), pd.Timestamp("2026-02-20")).any()
    categories = set(orders["Category"])
    for expected in ("Green tea 绿茶", "Oolong 乌龙茶", "Pu-erh 普洱", "Black tea 红茶", "Teaware 茶具",
                     "Gift boxes 礼盒", "Snacks 茶点"):
        assert expected in categories


def test_returns_take_back_an_earlier_purchase(orders: pd.DataFrame) -> None:
    returns = orders[orders["qty"] < 0]
    assert 0.005 <= len(returns) / len(orders) <= 0.02
    assert returns["Order ID"].str.startswith("R").all()
    buys = orders[orders["qty"] > 0]
    key = ["Customer ID", "Product ID", "price"]
    pairs = returns.reset_index().merge(buys[key + ["when", "qty"]], on=key, suffixes=("", "_bought"))
    pairs = pairs[(pairs["when_bought"] < pairs["when"]) & (pairs["qty_bought"] >= -pairs["qty"])]
    unmatched = set(returns.index) - set(pairs["index"])
    assert not unmatched, f"returns with no earlier purchase: {orders.loc[sorted(unmatched), 'Order ID'].tolist()}"


def test_customer_list_looks_like_a_real_one(orders: pd.DataFrame, people: pd.DataFrame) -> None:
    assert list(people.columns) == CUSTOMER_COLUMNS
    assert people["Customer ID"].is_unique
    buyers = set(orders["Customer ID"])
    listed = set(people["Customer ID"])
    assert buyers <= listed
    assert 1 <= len(listed - buyers) <= 30  # people who signed up and never bought
    phone = people["Phone"]
    assert phone.str.fullmatch(r"1\d{10}").mean() > 0.5  # plain mobile numbers
    assert phone.str.startswith("+86 ").any()
    assert phone.str.fullmatch(r"0\d{2,3}-\d{4} \d{4}").any()  # landlines with area code
    assert (phone == "").any() and (people["Email"] == "").any() and (people["Birthday"] == "").any()
    chinese = people["Name"].str.contains(r"[\u4e00-\u9fff]")
    assert chinese.mean() > 0.8 and (~chinese).any()
    birthdays = pd.to_datetime(people.loc[people["Birthday"] != "", "Birthday"], format="%Y-%m-%d")
    assert birthdays.between(pd.Timestamp("1930-01-01"), pd.Timestamp("2010-01-01")).all()
    assert set(people["Gender"]) <= {"男", "女", ""}
    assert people["City"].value_counts().index[0] == "上海"


def test_regulars_buy_their_own_teas_again(orders: pd.DataFrame) -> None:
    buys = orders[orders["qty"] > 0]
    per_customer = buys.groupby("Customer ID")["Order ID"].nunique()
    regulars = per_customer[per_customer >= 8].index
    assert len(regulars) >= 100
    # For a regular, the most re-bought product is in a good share of their orders.
    share = (buys[buys["Customer ID"].isin(regulars)]
             .groupby(["Customer ID", "Product ID"])["Order ID"].nunique()
             .groupby(level=0).max() / per_customer[regulars])
    assert (share >= 0.4).mean() > 0.5


def test_customers_behave_differently(orders: pd.DataFrame) -> None:
    buys = orders[orders["qty"] > 0]
    g = buys.groupby("Customer ID")
    n_orders = g["Order ID"].nunique()
    last = g["when"].max()
    first = g["when"].min()
    end = pd.Timestamp("2026-10-31")
    assert (n_orders == 1).sum() >= 100  # one-time buyers
    assert ((n_orders >= 8) & (last < end - pd.Timedelta(days=180))).sum() >= 10  # regulars who stopped
    assert (first > end - pd.Timedelta(days=60)).sum() >= 30  # newly acquired
    # A handful of cafés and offices buy by the dozen.
    bulk = buys[buys["qty"] >= 10].groupby("Customer ID")["Order ID"].nunique()
    assert 5 <= (bulk >= 5).sum() <= 20


def test_gift_boxes_sell_before_the_festivals(orders: pd.DataFrame) -> None:
    gifts = orders[(orders["Category"] == "Gift boxes 礼盒") & (orders["qty"] > 0)]
    by_month = gifts.groupby(gifts["when"].dt.month)["amount"].sum()
    festive = by_month.reindex([1, 9, 12]).mean()  # New Year, Mid-Autumn, Christmas
    quiet = by_month.reindex([3, 4, 5, 6, 7]).mean()
    assert festive > 3 * quiet


def test_some_products_are_bought_together(orders: pd.DataFrame) -> None:
    buys = orders[orders["qty"] > 0]
    baskets = buys.groupby("Order ID")["Product ID"].agg(frozenset)
    n = len(baskets)

    def lift(a: tuple[str, ...], b: tuple[str, ...]) -> float:
        """How much more often a basket with a product starting with `a` also holds one starting with `b`."""
        has_a = baskets.map(lambda s: any(p.startswith(a) for p in s))
        has_b = baskets.map(lambda s: any(p.startswith(b) for p in s))
        assert has_a.sum() >= 15 and has_b.sum() >= 15
        return (has_a & has_b).sum() * n / (has_a.sum() * has_b.sum())

    assert lift(("GB-00", "GB-010", "GB-012"), ("GB-013",)) > 3  # gift box + gift bag
    assert lift(("GB-008",), ("SN-011",)) > 3  # mooncake gift box + mooncakes
    assert lift(("TW-005",), ("TW-007",)) > 3  # celadon gaiwan + celadon cups
    assert lift(("TW-001", "TW-002"), ("OL-", "PE-", "TW-006")) > 1.5  # clay teapot + oolong/pu-erh or cups


@pytest.mark.parametrize("model", [11, 8])
def test_every_segment_has_members(model: int) -> None:
    pipeline = pytest.importorskip("desktop.engine.pipeline")
    from desktop.engine.segments.rfm import segment_table

    analysis = pipeline.analyze(pipeline.AnalysisOptions(
        paths=[DEMO / "demo_orders.csv"], sheet=None, customers_file=DEMO / "demo_customers.csv",
        overrides={}, as_of=None, rfm_model=model))
    counts = analysis.customers["segment"].value_counts()
    for key in segment_table(model):
        assert counts.get(key, 0) >= 5, f"segment {key} has {counts.get(key, 0)} customers"
    assert analysis.report.rows_used == analysis.report.rows_read  # the demo is clean
    assert analysis.customers["customer_name"].notna().mean() > 0.95  # the customer list joined


def test_benchmark_generator_gives_the_same_layout_at_any_size() -> None:
    """benchmarks/generate_orders.py, which the benchmarks import, in the demo's columns."""
    path = DEMO.parents[1] / "benchmarks" / "generate_orders.py"
    spec = importlib.util.spec_from_file_location("bench_generate_orders", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)

    df = module.generate(n_lines=5_000, n_customers=800, n_products=200, seed=3)
    assert list(df.columns) == ORDER_COLUMNS
    assert len(df) == 5_000
    assert df["Date"].is_monotonic_increasing
    assert 700 <= df["Customer ID"].nunique() <= 800 and df["Product ID"].nunique() <= 200
    assert ((df["Quantity"] * df["Unit price"]).round(2) == df["Amount"]).all()
    returns = df[df["Quantity"] < 0]
    assert len(returns) == 50 and returns["Order ID"].str.startswith("R").all()
    first_buy = df[df["Quantity"] > 0].groupby(["Customer ID", "Product ID"])["Date"].min()
    assert (first_buy.reindex(pd.MultiIndex.from_frame(returns[["Customer ID", "Product ID"]])).to_numpy()
            < returns["Date"].to_numpy()).all()
    assert df.equals(module.generate(n_lines=5_000, n_customers=800, n_products=200, seed=3))
