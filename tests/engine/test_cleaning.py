"""Cleaning: returns net out, unusable rows are set aside by reason with their row numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


# ---------------------------------------------------------------- dates, amounts and ids as exports hold them

def _rows(report, reason: str) -> list[int]:
    return [row for _f, _s, row in report.set_aside_rows.get(reason, [])]


def test_workbook_time_cells_and_long_number_ids(tmp_path: Path) -> None:
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Order", "Customer", "Date", "Amount"])
    ws.append([1, 123456789012345678, datetime.datetime(2024, 1, 5, 10, 0), 10.0])   # row 2
    ws.append([2, 123456789012345679, datetime.datetime(2024, 1, 6, 11, 0), 12.0])   # row 3
    ws.append([3, 536414, datetime.time(10, 30), 5.0])                                # row 4: a time cell
    ws.append([4, 536414, 0.4375, 5.0])                                               # row 5: 10:30 as a number
    ws.cell(row=5, column=3).number_format = "hh:mm"
    ws.append([5, 536414, -5, 5.0])                                                   # row 6: negative serial
    ws.append([6, 536414, datetime.datetime(2024, 1, 7), 7.0])                        # row 7
    ws.append([7, 536415, 45300, 8.0])                                                # row 8: serial 2024-01-09
    path = tmp_path / "orders.xlsx"
    wb.save(path)
    data = load(AnalysisOptions([path], as_of=pd.Timestamp("2024-02-01").date()))
    r = data.report
    assert _rows(r, "bad_date") == [4, 5, 6]  # never a purchase dated today
    assert r.rows_used == 4 and data.lines["date"].max() == pd.Timestamp("2024-01-09")
    ids = set(data.lines["customer_id"])
    assert "536414" in ids and "536415" in ids
    assert all("e" not in i and not i.endswith(".0") for i in ids)
    lost = [w for w in r.warnings if w.code == "ids_lost_precision"]
    assert len(lost) == 1 and lost[0].params["column"] == "Customer" and lost[0].params["n"] == 2
    assert "15" in lost[0].text("en") and "Customer" in lost[0].text("zh")
    # the examples of rows set aside show cells as written, never 1.2345678901234568e+17
    assert all("e+" not in e.text for e in r.examples["bad_date"])


def test_a_few_impossible_dates_are_set_aside_by_row(tmp_path: Path) -> None:
    lines = ["Order,Customer,Date,Amount"]
    lines += [f"{i},c{i % 3},2024-01-{i:02d},10" for i in range(1, 11)]              # rows 2..11
    lines += ["20,c1,0001-01-01,5", "21,c2,9999-12-31,5", "22,c0,2024-02-30,5", "23,c1,10:30,5"]  # rows 12..15
    data = load(AnalysisOptions([write(tmp_path / "o.csv", "\n".join(lines) + "\n")]))
    assert _rows(data.report, "bad_date") == [12, 13, 14, 15]
    assert data.report.rows_used == 10
    assert data.lines["date"].max() == pd.Timestamp("2024-01-10")


def test_infinite_and_implausible_amounts_are_set_aside_without_numpy_warnings(tmp_path: Path) -> None:
    import warnings

    lines = ["Order,Customer,Date,Amount"]
    lines += [f"{i},c{i % 4},2024-01-{i:02d},{i}.5" for i in range(1, 11)]           # rows 2..11
    lines += ["20,c1,2024-01-11,inf", "21,c2,2024-01-11,Infinity", "22,c3,2024-01-12,1e309",
              "23,c1,2024-01-12,-inf", "24,c2,2024-01-12,NaN", "25,c3,2024-01-13,2e15"]  # rows 12..17
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        a = analyze(AnalysisOptions([write(tmp_path / "o.csv", "\n".join(lines) + "\n")]))
    assert _rows(a.report, "bad_amount") == [12, 13, 14, 15, 16]
    assert _rows(a.report, "implausible_amount") == [17]
    assert a.lines["amount"].sum() == pytest.approx(sum(i + 0.5 for i in range(1, 11)))
    assert np.isfinite(a.customers["monetary"]).all()


def test_an_unreadable_quantity_gives_no_amount(tmp_path: Path) -> None:
    text = ("Order,Customer,Date,Qty,Price\n1,a,2024-01-01,2,5\n2,a,2024-01-02,inf,5\n3,b,2024-01-03,,4\n"
            "4,b,2024-01-04,1e20,4\n")
    data = load(AnalysisOptions([write(tmp_path / "o.csv", text)]))
    assert _rows(data.report, "bad_amount") == [3]
    assert _rows(data.report, "implausible_amount") == [5]
    assert data.lines["amount"].tolist() == [10.0, 4.0]  # an empty quantity is one item


def test_a_file_with_only_infinite_amounts_is_refused_with_a_sentence(tmp_path: Path) -> None:
    from desktop.engine.errors import InputError

    path = write(tmp_path / "o.csv", "Order,Customer,Date,Amount\n1,a,2024-01-05,inf\n2,b,2024-01-06,-inf\n")
    with pytest.raises(InputError, match="none of its 2 rows"):
        load(AnalysisOptions([path], overrides={"amount": "Amount"}))


def test_weekday_dates_with_a_mapped_column(tmp_path: Path) -> None:
    text = ("单号,会员,下单时间,金额\n"
            "1,a,2024-01-05 星期五 下午 3:04,10\n2,b,2024-01-06 周六 上午 9:15,20\n"
            "3,a,2024/1/8 星期一 10:00,30\n")
    data = load(AnalysisOptions([write(tmp_path / "o.csv", text)], overrides={"date": "下单时间"}))
    assert data.report.set_aside == {}
    assert data.lines["date"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2024-01-05 15:04", "2024-01-06 09:15", "2024-01-08 10:00"]


def test_mixed_time_zones_are_converted_and_said(tmp_path: Path) -> None:
    text = ("Order,Customer,Date,Amount\n1,a,2024-01-05T10:00:00+08:00,10\n2,b,2024-01-05T11:00:00+08:00,20\n"
            "3,a,2024-01-05T17:30:00Z,30\n")
    data = load(AnalysisOptions([write(tmp_path / "o.csv", text)]))
    # 17:30 UTC is 01:30 the next day in +08:00, the zone most rows are written in
    assert data.lines["date"].dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2024-01-05 10:00", "2024-01-05 11:00", "2024-01-06 01:30"]
    zones = [w for w in data.report.warnings if w.code == "date_time_zones_converted"]
    assert len(zones) == 1 and zones[0].params["zone"] == "+08:00" and zones[0].params["count"] == 2


def test_ids_written_with_a_trailing_zero_join_the_customer_list(tmp_path: Path) -> None:
    orders = write(tmp_path / "orders.csv",
                   "Order,Customer,Date,Amount\n1,536414.0,2024-01-05,10\n2,536414,2024-01-06,5\n")
    people = write(tmp_path / "people.csv", "客户编号,姓名\n536414,王芳\n")
    a = analyze(AnalysisOptions([orders], customers_file=people))
    assert list(a.customers.index) == ["536414"]
    assert a.customers.loc["536414", "frequency"] == 2 and a.customers.loc["536414", "customer_name"] == "王芳"

# --- walk-in customers, receipts per day and outlet, repeated lines, files without prices (issue 15) ---

def _till(path: Path, rows: list[str], header: str = "Receipt,Date,Outlet,Member,Item,Qty,Price") -> Path:
    return write(path, header + "\n" + "\n".join(rows) + "\n")


@pytest.mark.parametrize("placeholder", ["0", "-", "guest", "Walk-In", "walkin", "anonymous", "散客", "非会员",
                                         "匿名", "游客", "现金客户"])
def test_placeholder_ids_are_walk_in_sales_not_customers(tmp_path: Path, placeholder: str) -> None:
    rows = [f"{i},2024-01-{1 + i % 20:02d},1,{placeholder if i % 3 == 0 else f'M{i % 5}'},Tea,1,{2 + i % 4}"
            for i in range(30)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    walk_lines = sum(1 for i in range(30) if i % 3 == 0)
    walk_revenue = sum(2 + i % 4 for i in range(30) if i % 3 == 0)
    assert placeholder not in a.customers.index and len(a.customers) == 5
    assert a.report.set_aside["walk_in"] == walk_lines
    figures = a.key_figures()
    assert figures["walk_in"]["ids"] == [placeholder]
    assert figures["walk_in"]["lines"] == walk_lines
    assert figures["walk_in"]["revenue"] == pytest.approx(walk_revenue)
    assert figures["shop_revenue"] == pytest.approx(sum(2 + i % 4 for i in range(30)))
    assert figures["net_revenue"] == pytest.approx(figures["shop_revenue"] - walk_revenue)
    warning = next(w for w in a.warnings if w.code == "walk_in")
    assert warning.params["customer_id"] == placeholder and warning.params["lines"] == walk_lines
    assert warning.params["revenue"] == pytest.approx(walk_revenue)


def test_one_id_with_most_lines_among_many_customers_is_walk_in(tmp_path: Path) -> None:
    # 60 members with 2 lines each, and one id with 40 lines (25% of 160): a till's default customer.
    rows = [f"{i},2024-02-{1 + i % 2:02d},1,C{i // 2},Tea,1,3" for i in range(120)]
    rows += [f"{200 + i},2024-02-{1 + i % 25:02d},1,100001,Tea,1,3" for i in range(40)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    assert "100001" not in a.customers.index and len(a.customers) == 60
    w = next(w for w in a.warnings if w.code == "walk_in_share")
    assert w.params["customer_id"] == "100001" and w.params["lines"] == 40 and w.params["share"] == pytest.approx(0.25)


def test_a_big_customer_of_a_small_shop_stays_a_customer(tmp_path: Path) -> None:
    # 40% of the lines, but only 10 customers: the share rule needs more than 50 customers.
    rows = [f"{i},2024-02-{1 + i % 20:02d},1,{'BIG' if i % 5 < 2 else f'C{i % 9}'},Tea,1,3" for i in range(50)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    assert "BIG" in a.customers.index and "walk_in" not in a.report.set_aside


def test_keep_walk_in_keeps_placeholder_ids_as_customers(tmp_path: Path) -> None:
    rows = [f"{i},2024-01-{1 + i % 20:02d},1,{'0' if i % 2 else 'M1'},Tea,1,2" for i in range(10)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)], keep_walk_in=True))
    assert "0" in a.customers.index and a.report.walk_in is None


def test_receipt_numbers_restarting_every_day_and_outlet_are_separate_orders(tmp_path: Path) -> None:
    # receipts 1..3 every day at two outlets: 3 numbers, 4 days x 2 outlets x 3 = 24 receipts of 2 lines
    rows = []
    for day in range(1, 5):
        for outlet in (1, 2):
            for receipt in (1, 2, 3):
                member = f"M{(day * 7 + outlet * 3 + receipt) % 6}"
                rows += [f"{receipt},2024-03-{day:02d},{outlet},{member},Tea,1,2",
                         f"{receipt},2024-03-{day:02d},{outlet},{member},Cake,1,3"]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    assert a.key_figures()["orders"] == 24
    assert a.lines["order_id"].nunique() == 24
    note = next(n for n in a.report.notes if getattr(n, "code", "") == "orders_per_outlet_day")
    assert note.params["column"] == "Receipt" and note.params["store"] == "Outlet" and note.params["orders"] == 24


def test_receipt_numbers_restarting_every_day_without_outlets(tmp_path: Path) -> None:
    rows = [f"{r},2024-03-{d:02d},,M{(d + r) % 4},Tea,1,2" for d in range(1, 6) for r in (1, 2, 3)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows, "Receipt,Date,Note,Member,Item,Qty,Price")]))
    assert a.key_figures()["orders"] == 15
    assert any(getattr(n, "code", "") == "orders_per_day" for n in a.report.notes)


def test_unique_order_numbers_are_left_as_they_are(tmp_path: Path) -> None:
    rows = [f"A{i},2024-03-{1 + i % 9:02d},{1 + i % 2},M{i % 4},Tea,1,2" for i in range(20)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    assert sorted(a.lines["order_id"]) == sorted(f"A{i}" for i in range(20))
    assert not any(getattr(n, "code", "").startswith("orders_per") for n in a.report.notes)


def test_repeated_lines_without_order_number_are_genuine_purchases(tmp_path: Path) -> None:
    text = "customer_id,trans_date,tran_amount\nCS1,11-Feb-17,35\nCS1,11-Feb-17,35\nCS2,12-Feb-17,20\nCS1,13-Feb-17,5\n"
    a = analyze(AnalysisOptions([write(tmp_path / "tx.csv", text)]))
    assert "duplicate" not in a.report.set_aside and a.report.rows_used == 4
    assert a.key_figures()["net_revenue"] == pytest.approx(95)
    assert a.key_figures()["orders"] == 3  # one order per customer and day
    note = next(n for n in a.report.notes if getattr(n, "code", "") == "duplicates_kept")
    assert note.params["lines"] == 1


def test_repeated_lines_with_an_order_number_are_set_aside(tmp_path: Path) -> None:
    text = "Order,Customer,Date,Amount\n1,a,2024-01-01,10\n1,a,2024-01-01,10\n2,b,2024-01-02,4\n"
    a = analyze(AnalysisOptions([write(tmp_path / "o.csv", text)]))
    assert a.report.set_aside == {"duplicate": 1}
    assert a.key_figures()["net_revenue"] == pytest.approx(14)


NO_PRICES = "会员号,日期,商品\n" + "".join(
    f"M{c},2024-{1 + (c + k) % 9:02d}-{1 + (c * k) % 27:02d},{['米', '面', '油', '盐'][(c + k) % 4]}\n"
    for c in range(30) for k in range(1 + c % 4))


def test_a_file_without_prices_is_analysed_on_recency_and_frequency(tmp_path: Path) -> None:
    a = analyze(AnalysisOptions([write(tmp_path / "members.csv", NO_PRICES)]))
    assert not a.has_prices and len(a.customers) == 30
    assert a.lines["amount"].isna().all() and a.customers["monetary"].isna().all()
    assert (a.customers["m_score"] == a.customers["f_score"]).all()  # M follows F
    assert a.customers["segment"].notna().all()
    f = a.key_figures()
    assert f["net_revenue"] is None and f["shop_revenue"] is None and f["average_order_value"] is None
    assert f["orders"] == a.customers["frequency"].sum()
    assert [w.code for w in a.warnings].count("no_prices") == 1
    j = a.to_json()
    assert j["net_revenue"] is None and all(s["revenue"] is None for s in j["segments"])
    assert a.customers["favourite_product"].notna().all()  # favourites by lines when there is no spend


def test_a_file_without_prices_in_the_eight_class_model(tmp_path: Path) -> None:
    a = analyze(AnalysisOptions([write(tmp_path / "members.csv", NO_PRICES)], rfm_model=8))
    keys = set(a.customers["segment"])
    # without spend, high M means high F: only the four classes where the two agree occur
    assert keys <= {"important_value", "important_keep", "general_develop", "general_retain"}
    assert len(keys) >= 2


def test_favourite_product_without_prices_is_the_one_bought_most(tmp_path: Path) -> None:
    text = "Member,Date,Item\nA,2024-01-01,Rice\nA,2024-01-02,Oil\nA,2024-01-03,Oil\nB,2024-01-01,Salt\n"
    customers = analyze(AnalysisOptions([write(tmp_path / "m.csv", text)])).customers
    assert customers.loc["A", "favourite_product"] == "Oil"
    assert pd.isna(customers.loc["A", "monetary"])


def test_walk_in_sales_and_no_prices_survive_a_saved_project(tmp_path: Path) -> None:
    from desktop.engine.project import load_project, save_project

    rows = [f"{i},2024-01-{1 + i % 20:02d},1,{'guest' if i % 2 else f'M{i % 5}'},Tea,1,3" for i in range(20)]
    a = analyze(AnalysisOptions([_till(tmp_path / "till.csv", rows)]))
    save_project(tmp_path / "shop.clientele", a)
    again = load_project(tmp_path / "shop.clientele").analysis()
    assert again.key_figures()["walk_in"] == a.key_figures()["walk_in"] == {
        "ids": ["guest"], "lines": 10, "revenue": 30.0, "orders": 10}
    assert [w.code for w in again.warnings] == [w.code for w in a.warnings]

    b = analyze(AnalysisOptions([write(tmp_path / "members.csv", NO_PRICES)]))
    save_project(tmp_path / "members.clientele", b)
    assert load_project(tmp_path / "members.clientele").analysis().key_figures()["net_revenue"] is None
