"""Cleaning: returns net out, unusable rows are set aside by reason with their row numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.customers import build_customers
from desktop.engine.pipeline import AnalysisOptions, analyze, load


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


ORDERS = """InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID
536365,A,Mug,6,2024-01-01 08:26,2.50,17850
536365,B,Teapot,1,2024-01-01 08:26,20.00,17850
536366,A,Mug,2,2024-01-02 09:00,2.50,
536367,C,Postage,1,2024-01-03 10:00,0,13047
536368,A,Mug,4,2024-01-04 11:00,2.50,13047
536368,A,Mug,4,2024-01-04 11:00,2.50,13047
C536369,B,Teapot,-1,2024-01-05 12:00,20.00,17850
536370,A,Mug,1,2099-01-01 12:00,2.50,13047
536371,A,Mug,1,not a date,2.50,13047
536372,A,Mug,3,2024-01-06 12:00,2.50,12583
"""


def test_each_row_set_aside_has_a_reason_and_a_row_number(tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", ORDERS)
    data = load(AnalysisOptions([path]))
    r = data.report
    assert r.rows_read == 10
    assert r.set_aside == {"no_customer_id": 1, "bad_date": 1, "future_date": 1, "zero_price": 1, "duplicate": 1}
    assert r.rows_used == 5
    rows = {reason: [row for _f, _s, row in v] for reason, v in r.set_aside_rows.items()}
    # the header is row 1, so the first data line is row 2
    assert rows == {"no_customer_id": [4], "zero_price": [5], "duplicate": [7], "future_date": [9], "bad_date": [10]}
    assert r.examples["duplicate"][0].row == 7 and "Mug" in r.examples["duplicate"][0].text


def test_returns_net_out_of_spend_and_are_not_orders(tmp_path: Path) -> None:
    data = load(AnalysisOptions([write(tmp_path / "orders.csv", ORDERS)]))
    lines = data.lines
    ret = lines[lines["is_return"]]
    assert ret["order_id"].tolist() == ["C536369"] and ret["amount"].tolist() == [-20.0]
    customers = build_customers(lines)
    c = customers.loc["17850"]
    assert c["monetary"] == pytest.approx(15 + 20 - 20)
    assert c["frequency"] == 1


def test_cancellation_with_positive_quantity_is_still_a_return(tmp_path: Path) -> None:
    text = "Invoice,Customer,Date,Price,Qty\n1,a,2024-01-01,10,1\n2,a,2024-01-02,10,1\nC3,a,2024-01-03,10,1\n"
    lines = load(AnalysisOptions([write(tmp_path / "o.csv", text)])).lines
    assert lines["amount"].sum() == pytest.approx(10)


def test_file_without_order_numbers_counts_days(tmp_path: Path) -> None:
    text = "Customer,Date,Amount\na,2024-01-01 09:00,10\na,2024-01-01 15:00,5\na,2024-01-03,7\nb,2024-01-02,3\n"
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", text)]))
    assert a.customers.loc["a", "frequency"] == 2
    assert any("no order number" in n for n in a.report.notes)


def test_keeping_zero_price_and_duplicates_when_asked(tmp_path: Path) -> None:
    data = load(AnalysisOptions([write(tmp_path / "orders.csv", ORDERS)], keep_zero_price=True, keep_duplicates=True))
    assert "zero_price" not in data.report.set_aside and "duplicate" not in data.report.set_aside
    assert data.report.rows_used == 7


def test_customer_list_is_joined_on_the_id(tmp_path: Path) -> None:
    orders = write(tmp_path / "orders.csv", ORDERS)
    people = write(tmp_path / "people.csv",
                   "客户编号,姓名,手机,城市,生日\n17850,王芳,013800138000,上海,1990-03-07\n99999,Nobody,1,北京,\n")
    a = analyze(AnalysisOptions([orders], customers_file=people))
    assert a.customers.loc["17850", "customer_name"] == "王芳"
    assert a.customers.loc["17850", "phone"] == "013800138000"
    assert a.customers.loc["17850", "city"] == "上海"
    assert pd.isna(a.customers.loc["13047", "customer_name"])
    assert any("1 of them have orders" in n for n in a.report.notes)


def test_customer_table_features(tmp_path: Path) -> None:
    text = ("Order,Customer,Date,Product,Category,Amount\n"
            "1,a,2024-01-01,Tea,Drinks,10\n1,a,2024-01-01,Cup,Ware,25\n2,a,2024-01-11,Tea,Drinks,10\n"
            "3,a,2024-01-31,Tea,Drinks,10\n3,a,2024-01-31,Pot,Ware,11\n4,b,2024-01-20,Cup,Ware,5\n")
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", text)], as_of=pd.Timestamp("2024-02-10").date()))
    c = a.customers.loc["a"]
    assert (c["recency_days"], c["frequency"], c["monetary"], c["tenure_days"]) == (10, 3, 66, 40)
    assert c["avg_order_value"] == pytest.approx(22)
    assert c["avg_days_between"] == pytest.approx(15)
    assert c["n_products"] == 3
    # Tea is the product with the most spend (30), Ware the category (36)
    assert c["favourite_product"] == "Tea" and c["favourite_category"] == "Ware"
    # as_of in the past leaves later purchases out
    early = analyze(AnalysisOptions([tmp_path / "o.csv"], as_of=pd.Timestamp("2024-01-15").date()))
    assert early.customers.loc["a", "frequency"] == 2 and "b" not in early.customers.index
