"""The per-customer aggregation as one SQL query (columnar.py) gives the customer table that
build_customers gives, on DuckDB and after a round trip through Spark SQL and Trino (SQLGlot)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.columnar import build_customers_sql, customer_query, transpiled
from desktop.engine.customers import build_customers
from desktop.engine.pipeline import AnalysisOptions, load

# Returns (a negative line and a 'C' cancellation), a customer whose only line in the file is a return,
# walk-in sales ('0', '散客'), postage lines (never a favourite), a nameless line with only a product
# id, two products with equal spend (the one seen first wins), amounts with currency symbols, lines on
# several days and a later one past the analysis date used below.
ORDERS = """订单号,日期,会员号,商品编号,商品名称,类别,数量,单价,金额
A1,2024-01-02 09:15,M001,P1,Green tea,Tea,2,¥45.00,¥90.00
A1,2024-01-02 09:15,M001,P9,Postage,Service,1,¥500.00,¥500.00
A2,2024-01-05 10:00,M001,P2,Teapot,Teaware,1,$30.00,$30.00
A2,2024-01-05 10:00,M001,P3,Oolong,Tea,1,$60.00,$60.00
A3,2024-01-05 17:30,M002,P3,Oolong,Tea,1,60,60
A3,2024-01-05 17:30,M002,P1,Green tea,Tea,1,60,60
A4,2024-01-09 11:00,M002,P3,Oolong,Tea,-1,60,-60
C5,2024-01-10 12:00,M001,P2,Teapot,Teaware,1,30,30
A6,2024-01-11 08:00,M003,P4,,Snacks,3,10,30
A7,2024-01-11 09:00,M004,P1,Green tea,Tea,-2,45,-90
A8,2024-01-12 09:00,0,P1,Green tea,Tea,1,45,45
A9,2024-01-12 09:30,散客,P2,Teapot,Teaware,1,30,30
A10,2024-01-13 14:00,M003,P1,Green tea,Tea,1,45,45
A11,2024-01-20 14:00,M005,P3,Oolong,Tea,2,60,120
A12,2024-01-21 15:00,M001,P1,Green tea,Tea,1,45,45
"""

NO_PRICES = """Order,Date,Customer,Product,Qty
1,2024-03-01,K1,Tea,2
1,2024-03-01,K1,Cup,
2,2024-03-04,K1,Cup,3
3,2024-03-04,K2,Tea,1
4,2024-03-06,K2,Tea,-1
"""


def _lines(tmp_path: Path, text: str, name: str = "orders.csv") -> pd.DataFrame:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(AnalysisOptions([path])).lines


@pytest.mark.parametrize("as_of", [None, "2024-01-12"])
def test_sql_customer_table_equals_the_pandas_one(tmp_path: Path, as_of: str | None) -> None:
    lines = _lines(tmp_path, ORDERS)
    assert lines["is_return"].sum() == 3  # the negative lines and the C invoice
    assert not lines["customer_id"].isin(["0", "散客"]).any()  # walk-ins are not customers
    expected = build_customers(lines, as_of)
    got = build_customers_sql(lines, as_of)
    pd.testing.assert_frame_equal(got, expected)
    # What the comparison covers: a returns-only customer, netted spend, favourites without postage.
    assert expected.loc["M004", "frequency"] == 0 and expected.loc["M004", "monetary"] == -90
    assert expected.loc["M001", "favourite_product"] != "Postage"
    assert expected.loc["M002", "favourite_product"] == "Green tea"  # 60 each: seen first in the file


def test_sql_customer_table_without_prices(tmp_path: Path) -> None:
    lines = _lines(tmp_path, NO_PRICES)
    assert lines["amount"].isna().all()
    expected = build_customers(lines)
    pd.testing.assert_frame_equal(build_customers_sql(lines), expected)
    assert expected.loc["K1", "favourite_product"] == "Cup"  # by quantity: 1 (empty) + 3 against 2


@pytest.mark.parametrize("dialect", ["spark", "trino"])
def test_query_keeps_its_meaning_through_spark_and_trino_sql(tmp_path: Path, dialect: str) -> None:
    lines = _lines(tmp_path, ORDERS)
    as_of = pd.Timestamp("2024-01-21")
    other = transpiled(as_of, dialect)
    assert other != customer_query(as_of)  # really rewritten for the other engine
    pd.testing.assert_frame_equal(build_customers_sql(lines, as_of, dialect=dialect),
                                  build_customers(lines, as_of))


def test_empty_period_gives_the_empty_table(tmp_path: Path) -> None:
    lines = _lines(tmp_path, ORDERS)
    got = build_customers_sql(lines, "2023-12-31")
    assert got.empty and list(got.columns) == list(build_customers(lines, "2023-12-31").columns)
