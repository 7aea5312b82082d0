"""The per-customer aggregation as one SQL query, run by DuckDB over the clean order lines.

customers.build_customers is the reference (pandas/numpy); `customer_query` is the same computation
in plain SQL (GROUP BY, COUNT DISTINCT, ARG_MIN, which Spark SQL and Trino call MIN_BY), so that the
step proportional to lines can run on an embedded columnar engine here and, for a chain whose history
does not fit one machine, on a distributed SQL engine (Spark SQL, Trino: see docs/SCALE.md and
`transpiled`). The customer table that comes out is the one build_customers returns, a pandas
DataFrame for the models.

The query reads one table, `lines`, with the columns of schema.LINE_COLUMNS plus two that Python adds
(`add_query_columns`): `line_no` (the line's place in the file, for "first seen" ties) and
`is_charge` (postage, fees: charges.service_names over the distinct product names, a small job for
the laptop even for a chain).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .charges import service_names
from .customers import _empty, customer_table, default_as_of

# What the query needs of each line, and the types they have in SQL.
QUERY_COLUMNS = ("customer_id", "date", "order_id", "product_id", "product_name", "category", "quantity",
                 "amount", "is_return", "line_no", "is_charge")

_QUERY = """
WITH period AS (
    SELECT * FROM lines WHERE "date" < CAST('{day_after}' AS TIMESTAMP)
),
money AS (
    SELECT COUNT(amount) > 0 AS has_money FROM period
),
buys AS (
    SELECT p.*,
           CASE WHEN m.has_money THEN p.amount ELSE COALESCE(ABS(p.quantity), 1.0) END AS weight
    FROM period AS p CROSS JOIN money AS m
    WHERE NOT p.is_return
),
per_customer AS (
    SELECT customer_id,
           SUM(amount) AS monetary,
           MIN("date") AS first_any,
           MAX("date") AS last_any
    FROM period
    GROUP BY customer_id
),
per_buyer AS (
    SELECT customer_id,
           MIN("date") AS first_buy,
           MAX("date") AS last_buy,
           COUNT(DISTINCT order_id) + MAX(CASE WHEN order_id IS NULL THEN 1 ELSE 0 END) AS frequency,
           COUNT(DISTINCT product_id) + MAX(CASE WHEN product_id IS NULL THEN 1 ELSE 0 END) AS n_products,
           COUNT(DISTINCT CAST("date" AS DATE)) AS n_days
    FROM buys
    GROUP BY customer_id
),
{favourite_product},
{favourite_category}
SELECT c.customer_id,
       COALESCE(b.first_buy, c.first_any) AS first_purchase,
       COALESCE(b.last_buy, c.last_any) AS last_purchase,
       COALESCE(b.frequency, 0) AS frequency,
       c.monetary,
       COALESCE(b.n_products, 0) AS n_products,
       COALESCE(b.n_days, 0) AS n_days,
       fp.product_name AS favourite_product,
       fc.category AS favourite_category
FROM per_customer AS c
LEFT JOIN per_buyer AS b ON c.customer_id = b.customer_id
LEFT JOIN favourite_product AS fp ON c.customer_id = fp.customer_id
LEFT JOIN favourite_category AS fc ON c.customer_id = fc.customer_id
ORDER BY c.customer_id
"""


# Per customer, the value of `column` with the highest spend; ties go to the value seen first in the file
# (the first line of each value is the least of its customers' first lines: no join with the lines).
_FAVOURITE = """{name}_spend AS (
    SELECT customer_id, {column}, ROUND(SUM(weight), 6) AS spend, MIN(line_no) AS first_line
    FROM buys WHERE {column} IS NOT NULL AND {where}
    GROUP BY customer_id, {column}
),
{name}_seen AS (
    SELECT {column}, MIN(first_line) AS seen FROM {name}_spend GROUP BY {column}
),
{name}_top AS (
    SELECT customer_id, MAX(spend) AS top FROM {name}_spend GROUP BY customer_id
),
favourite_{name} AS (
    SELECT s.customer_id, ARG_MIN(s.{column}, f.seen) AS {column}
    FROM {name}_spend AS s
    JOIN {name}_top AS t ON s.customer_id = t.customer_id AND s.spend = t.top
    JOIN {name}_seen AS f ON s.{column} = f.{column}
    GROUP BY s.customer_id
)"""


def customer_query(as_of: pd.Timestamp) -> str:
    """The aggregation over table `lines` for lines up to and including the day `as_of` (DuckDB SQL)."""
    day_after = (pd.Timestamp(as_of).normalize() + pd.Timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    # A charge (postage, a gift bag) is never anyone's favourite product.
    product = _FAVOURITE.format(name="product", column="product_name", where="NOT is_charge")
    category = _FAVOURITE.format(name="category", column="category", where="TRUE")
    return _QUERY.format(day_after=day_after, favourite_product=product, favourite_category=category)


def transpiled(as_of: pd.Timestamp, dialect: str) -> str:
    """The same query in another engine's SQL ('spark', 'trino', 'duckdb' …), through SQLGlot."""
    import sqlglot

    return sqlglot.transpile(customer_query(as_of), read="duckdb", write=dialect, pretty=True)[0]


def add_query_columns(lines: pd.DataFrame) -> pd.DataFrame:
    """The columns the query reads: the lines' own plus line_no and is_charge (a charge: postage, a fee,
    by its name, or by its product id when it has no name)."""
    frame = lines.loc[:, [c for c in QUERY_COLUMNS if c in lines.columns]]
    names = lines["product_name"].fillna(lines["product_id"])
    codes, uniques = pd.factorize(names.to_numpy(), use_na_sentinel=True)
    charge = np.append(service_names(uniques), False)[codes]
    return frame.assign(line_no=np.arange(len(lines), dtype=np.int64), is_charge=charge)


def run_query(lines: pd.DataFrame, sql: str) -> pd.DataFrame:
    """Run `sql` over `lines` (the table name in the query) in a fresh in-memory DuckDB."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")  # it would draw on the terminal
        con.register("lines", add_query_columns(lines))
        return con.execute(sql).df()
    finally:
        con.close()


def customers_from_query(result: pd.DataFrame, as_of: pd.Timestamp,
                         profiles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The customer table (build_customers' columns and types) from the query's result."""
    if result.empty:
        return _empty()
    return customer_table(
        result["customer_id"].to_numpy(dtype=object), pd.Timestamp(as_of).normalize(),
        result["first_purchase"].to_numpy(), result["last_purchase"].to_numpy(), result["frequency"].to_numpy(),
        result["monetary"].to_numpy(dtype="float64"), result["n_days"].to_numpy(), result["n_products"].to_numpy(),
        _objects(result["favourite_product"]), _objects(result["favourite_category"]), profiles)


def _objects(values: pd.Series) -> np.ndarray:
    """Text values as Python objects, None where missing (as build_customers gives them)."""
    arr = values.to_numpy(dtype=object).copy()
    arr[pd.isna(arr)] = None
    return arr


def build_customers_sql(lines: pd.DataFrame, as_of: pd.Timestamp | None = None,
                        profiles: pd.DataFrame | None = None, dialect: str | None = None) -> pd.DataFrame:
    """build_customers through the SQL query on DuckDB. `dialect`: run the query after a round trip
    through that dialect's SQL (SQLGlot: DuckDB -> dialect -> DuckDB), which shows the query keeps its
    meaning in the other engine's SQL."""
    as_of = default_as_of(lines) if as_of is None else pd.Timestamp(as_of).normalize()
    sql = customer_query(as_of)
    if dialect is not None:
        import sqlglot

        sql = sqlglot.transpile(transpiled(as_of, dialect), read=dialect, write="duckdb")[0]
    return customers_from_query(run_query(lines, sql), as_of, profiles)
