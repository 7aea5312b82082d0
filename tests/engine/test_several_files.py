"""Several files of one shop read as one: monthly exports with the same header (overlaps counted once),
channels with different headers stacked, relational exports (order lines <- orders <- customers)
joined on the ids they share, and folders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.combining import combine, expand_paths
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze, load, preview_file


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(",".join(str(v) for v in r) for r in rows) + "\n", encoding=encoding)
    return path


HEADER = ["Order ID", "Customer ID", "Order Date", "Product", "Quantity", "Unit Price"]


def monthly_exports(folder: Path) -> tuple[Path, Path]:
    """January's export (1-31 Jan) and February's, which also holds the last day of January."""
    jan = [HEADER,
           ["A1", "C1", "2024-01-03", "Tea", 2, 5.0],
           ["A1", "C1", "2024-01-03", "Cake", 1, 8.0],
           ["A2", "C2", "2024-01-10", "Tea", 1, 5.0],
           ["A3", "C3", "2024-01-20", "Coffee", 3, 4.0],
           ["A4", "C1", "2024-01-31", "Coffee", 1, 4.0],
           ["A4", "C1", "2024-01-31", "Cake", 2, 8.0]]
    feb = [HEADER,
           ["A4", "C1", "2024-01-31", "Coffee", 1, 4.0],
           ["A4", "C1", "2024-01-31", "Cake", 2, 8.0],
           ["B1", "C2", "2024-02-02", "Tea", 4, 5.0],
           ["B2", "C4", "2024-02-14", "Cake", 1, 8.0],
           ["B3", "C3", "2024-02-20", "Coffee", 2, 4.0]]
    return write_csv(folder / "sales_2024_01.csv", jan), write_csv(folder / "sales_2024_02.csv", feb)


# ---------------------------------------------------------------- same header


def test_monthly_files_with_overlap_are_read_as_one_and_the_overlap_counted_once(tmp_path: Path) -> None:
    jan, feb = monthly_exports(tmp_path)
    analysis = analyze(AnalysisOptions([jan, feb]))
    # 6 + 5 lines read, the 2 lines of order A4 that February repeats counted once
    assert analysis.report.rows_read == 11
    assert analysis.report.rows_used == 9
    assert analysis.report.set_aside == {"overlap": 2}
    assert [r[:2] for r in analysis.report.set_aside_rows["overlap"]] == [("sales_2024_02.csv", "")] * 2
    assert analysis.key_figures()["net_revenue"] == pytest.approx(10 + 8 + 5 + 12 + 4 + 16 + 20 + 8 + 8)
    assert analysis.key_figures()["orders"] == 7
    overlap = [w for w in analysis.report.warnings if w.code == "files_overlap"]
    assert len(overlap) == 1
    assert overlap[0].params["file"] == "sales_2024_02.csv" and overlap[0].params["n"] == 2
    assert overlap[0].params["others"] == "sales_2024_01.csv"
    assert "sales_2024_01.csv" in overlap[0].text("en") and "sales_2024_02.csv" in overlap[0].text("zh")
    combined = analysis.to_json()["files_combined"]
    assert combined["how"] == "same_header" and combined["overlap_lines"] == 2
    assert combined["files"] == ["sales_2024_01.csv", "sales_2024_02.csv"]
    assert set(analysis.lines["source_file"]) == {"sales_2024_01.csv", "sales_2024_02.csv"}


def test_a_line_bought_twice_stays_twice_when_a_later_export_repeats_it_once(tmp_path: Path) -> None:
    header = ["Customer ID", "Date", "Amount"]
    first = write_csv(tmp_path / "a.csv", [header, ["C1", "2024-03-01", 5], ["C1", "2024-03-01", 5],
                                           ["C2", "2024-03-02", 7]])
    second = write_csv(tmp_path / "b.csv", [header, ["C1", "2024-03-01", 5], ["C3", "2024-03-05", 9]])
    data = load(AnalysisOptions([first, second], keep_duplicates=True))
    assert data.report.set_aside.get("overlap") == 1
    assert len(data.lines) == 4
    assert (data.lines["customer_id"] == "C1").sum() == 2
    assert data.lines["amount"].sum() == 5 + 5 + 7 + 9


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    jan, _feb = monthly_exports(tmp_path)
    data = load(AnalysisOptions([jan, tmp_path / "." / jan.name]))
    assert data.report.rows_read == 6 and "overlap" not in data.report.set_aside
    assert data.combination.how == "one_file"


# ---------------------------------------------------------------- different headers: stacked


def test_till_and_web_shop_with_different_headers_are_mapped_each_and_stacked(tmp_path: Path) -> None:
    till = write_csv(tmp_path / "till.csv", [
        ["会员号", "交易日期", "小票号", "商品名称", "数量", "单价"],
        ["M1", "2024-05-01", "1001", "奶茶", 2, 12.0],
        ["M1", "2024-05-08", "1002", "蛋糕", 1, 20.0],
        ["M2", "2024-05-09", "1003", "奶茶", 1, 12.0],
    ])
    web = write_csv(tmp_path / "web.csv", [
        ["Order Number", "Customer ID", "Created At", "Item", "Total"],
        ["1001", "M2", "2024-05-03", "Gift box", 60.0],
        ["W2", "M3", "2024-05-04", "Gift box", 60.0],
        ["W3", "M1", "2024-05-10", "Tea tin", 30.0],
    ])
    analysis = analyze(AnalysisOptions([till, web]))
    combination = analysis.combination
    assert combination.how == "stacked" and not combination.joins
    assert [p.files for p in combination.parts] == [["till.csv"], ["web.csv"]]
    assert combination.parts[0].roles["customer_id"].column == "会员号"
    assert combination.parts[1].roles["customer_id"].column == "Customer ID"
    assert combination.parts[1].roles["amount"].column == "Total"
    figures = analysis.key_figures()
    assert figures["customers"] == 3
    assert figures["net_revenue"] == pytest.approx(24 + 20 + 12 + 60 + 60 + 30)
    # web order 1001 is not till receipt 1001: both are orders
    assert figures["orders"] == 6
    assert any(w.code == "files_order_ids_apart" and w.params["file"] == "web.csv"
               for w in analysis.report.warnings)
    assert set(analysis.lines["source_file"]) == {"till.csv", "web.csv"}
    out = analysis.to_json()["files_combined"]
    assert out["how"] == "stacked"
    assert out["parts"][1]["column_roles"]["amount"] == "Total"
    assert analysis.report.rows_read == 6 and analysis.report.rows_used == 6


def test_an_override_names_the_column_of_the_file_that_has_it(tmp_path: Path) -> None:
    a = write_csv(tmp_path / "a.csv", [["Member", "Date", "Amount", "Code"], ["1", "2024-01-01", 5, "x"],
                                       ["2", "2024-01-02", 6, "y"], ["3", "2024-01-03", 7, "z"]])
    b = write_csv(tmp_path / "b.csv", [["Client", "Day", "Paid"], ["1", "2024-02-01", 5],
                                       ["4", "2024-02-02", 3], ["2", "2024-02-03", 4]])
    data = load(AnalysisOptions([a, b], overrides={"product_id": "Code"}))
    assert data.combination.parts[0].roles["product_id"].column == "Code"
    assert "product_id" not in data.combination.parts[1].roles
    assert len(data.lines) == 6
    with pytest.raises(InputError) as err:
        load(AnalysisOptions([a, b], overrides={"product_id": "Cdoe"}))
    assert "None of the files has a column 'Cdoe'" in str(err.value) and "Member, Date" in str(err.value)
    assert "Cdoe" in err.value.zh


def test_analysis_keeps_how_files_were_combined_but_not_their_cells(tmp_path: Path) -> None:
    import pickle

    jan, feb = monthly_exports(tmp_path)
    analysis = analyze(AnalysisOptions([jan, feb]))
    assert analysis.combination.parts[0].tables == []
    assert analysis.to_json()["files_combined"]["parts"][0]["rows"] == 9
    again = pickle.loads(pickle.dumps(analysis.combination))
    assert again.to_dict() == analysis.combination.to_dict()


# ---------------------------------------------------------------- relational exports


def olist_shaped(folder: Path) -> dict:
    """Order items, orders and customers as a marketplace exports them: a new customer_id for every
    order, the person in customer_unique_id."""
    people = {"p1": 3, "p2": 1, "p3": 2, "p4": 1, "p5": 2}
    customers = [["customer_id", "customer_unique_id", "customer_zip_code_prefix", "customer_city", "customer_state"]]
    orders = [["order_id", "customer_id", "order_status", "order_purchase_timestamp", "order_approved_at",
               "order_delivered_customer_date"]]
    items = [["order_id", "order_item_id", "product_id", "seller_id", "shipping_limit_date", "price"]]
    revenue, n_orders, day = 0.0, 0, 1
    sellers = ["s9a", "s9b"]
    for person, count in people.items():
        for _ in range(count):
            n_orders += 1
            cid, oid = f"c{n_orders:03d}x{person}", f"o{n_orders:03d}{person}ff"
            customers.append([cid, f"u-{person}", "01310" if person < "p3" else "22790", "sao paulo", "SP"])
            orders.append([oid, cid, "delivered", f"2017-10-{day:02d} 10:56:33", f"2017-10-{day:02d} 11:07:15",
                           f"2017-10-{day + 5:02d} 21:25:13"])
            for line in range(1, 1 + (n_orders % 3) + 1):
                price = 10.0 * line + n_orders
                revenue += price
                items.append([oid, line, f"prod{(n_orders + line) % 4}", sellers[line % 2],
                              f"2017-10-{day + 2:02d} 11:07:15", price])
            day += 1
    paths = {
        "items": write_csv(folder / "order_items.csv", items),
        "orders": write_csv(folder / "orders.csv", orders),
        "customers": write_csv(folder / "customers.csv", customers),
    }
    return {"paths": paths, "people": len(people), "orders": n_orders, "revenue": revenue,
            "lines": len(items) - 1}


def test_olist_shaped_relational_export_is_joined_and_counts_people(tmp_path: Path) -> None:
    shop = olist_shaped(tmp_path)
    analysis = analyze(AnalysisOptions(list(shop["paths"].values())))
    c = analysis.combination
    assert c.how == "joined"
    assert [(j["lines"], j["column"], j["to"], j["key"], j["kind"]) for j in c.joins] == [
        ("order_items.csv", "order_id", "orders.csv", "order_id", "orders"),
        ("orders.csv", "customer_id", "customers.csv", "customer_id", "customers"),
    ]
    roles = analysis.roles
    assert roles["customer_id"].column == "customer_unique_id"
    assert roles["date"].column == "order_purchase_timestamp"
    assert roles["order_status"].column == "order_status"
    assert roles["unit_price"].column == "price"
    figures = analysis.key_figures()
    assert figures["customers"] == shop["people"]
    assert figures["orders"] == shop["orders"]
    assert figures["net_revenue"] == pytest.approx(shop["revenue"])
    assert analysis.report.rows_read == shop["lines"]
    assert (analysis.lines["source_file"] == "order_items.csv").all()
    assert any(n.code == "files_person_id" and n.params["column"] == "customer_unique_id" for n in c.notes)
    # the person's city comes from the customer list
    assert set(analysis.customers["city"]) == {"sao paulo"}


def test_relational_files_are_told_apart_by_their_columns_not_their_names_or_order(tmp_path: Path) -> None:
    shop = olist_shaped(tmp_path)
    renamed = {}
    for new, key in (("a.csv", "customers"), ("b.csv", "orders"), ("c.csv", "items")):
        renamed[key] = shop["paths"][key].rename(tmp_path / new)
    analysis = analyze(AnalysisOptions([renamed["customers"], renamed["items"], renamed["orders"]]))
    assert analysis.combination.how == "joined"
    assert analysis.key_figures()["customers"] == shop["people"]
    assert analysis.key_figures()["net_revenue"] == pytest.approx(shop["revenue"])
    assert set(analysis.lines["source_file"]) == {"c.csv"}


def _servings(order: int, line: int) -> int:
    """How many of a dish: not the line's position in its order (that would be a line number)."""
    return (2, 1, 4, 1, 3)[(order * 3 + line * 2) % 5]


def chinese_relational(folder: Path) -> Path:
    """订单明细 + 订单 + 会员, GBK, with different names for the same ids in each file."""
    sub = folder / "导出"
    sub.mkdir()
    members = [["会员编号", "姓名", "手机"], ["HY001", "王芳", "13800000001"], ["HY002", "李雷", "13800000002"],
               ["HY003", "张伟", "13800000003"], ["HY004", "赵敏", "13800000004"]]
    orders = [["订单编号", "会员号", "下单时间", "订单状态"]]
    lines = [["订单号", "菜品", "数量", "单价"]]
    dishes = [("宫保鸡丁", 38.0), ("米饭", 3.0), ("酸辣汤", 22.0)]
    for n in range(1, 10):
        oid = f"DD2024070{n}{n:02d}"
        orders.append([oid, f"HY00{1 + n % 4}", f"2024/7/{n} 12:{10 + n}:00", "已付款"])
        for d in range(1 + n % 3):
            name, price = dishes[d]
            lines.append([oid, name, _servings(n, d), price])
    write_csv(sub / "会员.csv", members, encoding="gbk")
    write_csv(sub / "订单.csv", orders, encoding="gbk")
    write_csv(sub / "订单明细.csv", lines, encoding="gbk")
    return sub


def test_chinese_relational_export_in_a_folder_is_joined(tmp_path: Path) -> None:
    folder = chinese_relational(tmp_path)
    options = AnalysisOptions([folder])
    analysis = analyze(options)
    c = analysis.combination
    assert c.how == "joined"
    assert [(j["lines"], j["column"], j["to"], j["key"]) for j in c.joins] == [
        ("订单明细.csv", "订单号", "订单.csv", "订单编号"), ("订单.csv", "会员号", "会员.csv", "会员编号")]
    assert analysis.roles["customer_id"].column == "会员号"
    assert analysis.roles["date"].column == "下单时间"
    assert analysis.roles["order_status"].column == "订单状态"
    figures = analysis.key_figures()
    assert figures["customers"] == 4 and figures["orders"] == 9
    expected = sum(_servings(n, d) * p for n in range(1, 10) for d, p in enumerate((38.0, 3.0, 22.0)[: 1 + n % 3]))
    assert figures["net_revenue"] == pytest.approx(expected)
    assert analysis.customers.loc["HY002", "customer_name"] == "李雷"
    # the folder stands for the files read
    assert sorted(p.name for p in options.paths) == ["会员.csv", "订单.csv", "订单明细.csv"]
    assert "订单明细.csv" in c.notes[0].text("zh")


def test_lines_without_their_order_are_reported(tmp_path: Path) -> None:
    orders = [["order_no", "member", "date"]] + [[f"X{n}", f"m{n % 3}", f"2024-01-{n:02d}"] for n in range(1, 13)]
    items = [["order_no", "product", "price"]] + [[f"X{n}", p, 3 + k] for n in range(1, 13)
                                                  for k, p in enumerate("ab"[: 1 + n % 2])]
    items.append(["X99", "a", 3])
    data = load(AnalysisOptions([write_csv(tmp_path / "items.csv", items), write_csv(tmp_path / "orders.csv", orders)]))
    assert data.combination.how == "joined"
    unmatched = [w for w in data.report.warnings if w.code == "files_join_unmatched"]
    assert unmatched and unmatched[0].params["n"] == 1 and unmatched[0].params["other"] == "orders.csv"
    assert data.report.set_aside == {"no_customer_id": 1}
    assert len(data.lines) == len(items) - 2


def test_a_payments_file_of_the_same_orders_is_not_read_as_purchases(tmp_path: Path) -> None:
    shop = olist_shaped(tmp_path)
    orders = pd.read_csv(shop["paths"]["orders"])
    # an order paid in two parts has two payment rows
    paid = pd.concat([orders["order_id"], orders["order_id"].head(2)], ignore_index=True)
    payments = pd.DataFrame({"order_id": paid, "payment_sequential": [1] * len(orders) + [2, 2],
                             "payment_type": "credit_card", "payment_value": 99.5})
    payments.to_csv(tmp_path / "payments.csv", index=False)
    analysis = analyze(AnalysisOptions([tmp_path]))
    assert {"file": "payments.csv", "reason": "not_lines_linked"} in analysis.combination.left_out
    assert analysis.key_figures()["net_revenue"] == pytest.approx(shop["revenue"])


# ---------------------------------------------------------------- folders


def test_a_folder_stands_for_its_spreadsheet_files(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    monthly_exports(folder)
    (folder / "~$sales_2024_01.csv").write_text("lock", encoding="utf-8")
    (folder / ".hidden.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "readme.md").write_text("# notes", encoding="utf-8")
    (folder / "notes.txt").write_text("exported by the till\nevery month\n", encoding="utf-8")
    (folder / "old").mkdir()
    write_csv(folder / "old" / "2023.csv", [HEADER, ["Z1", "C9", "2023-01-01", "Tea", 1, 5.0]])
    files, found = expand_paths([folder])
    assert [f.name for f in files] == ["notes.txt", "sales_2024_01.csv", "sales_2024_02.csv"]
    assert found == set(files)
    options = AnalysisOptions([folder])
    analysis = analyze(options)
    assert analysis.report.rows_used == 9 and analysis.report.set_aside == {"overlap": 2}
    assert [p.name for p in options.paths] == ["sales_2024_01.csv", "sales_2024_02.csv"]
    assert analysis.combination.left_out == [{"file": "notes.txt", "reason": "not_table"}]
    assert any(w.code == "file_left_out_not_table" for w in analysis.report.warnings)


def test_the_customer_list_in_the_folder_is_not_read_as_orders(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    monthly_exports(folder)
    listed = write_csv(folder / "members.csv", [["Customer ID", "Name"], ["C1", "Ann"], ["C2", "Bo"]])
    options = AnalysisOptions([folder], customers_file=listed)
    analysis = analyze(options)
    assert [p.name for p in options.paths] == ["sales_2024_01.csv", "sales_2024_02.csv"]
    assert analysis.customers.loc["C1", "customer_name"] == "Ann"


def test_a_customer_list_in_the_folder_joins_as_profiles(tmp_path: Path) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    monthly_exports(folder)
    write_csv(folder / "members.csv", [["Customer ID", "Name", "Phone"], ["C1", "Ann", "13800000001"],
                                       ["C2", "Bo", "13800000002"], ["C3", "Cy", "13800000003"],
                                       ["C4", "Di", "13800000004"], ["C5", "Ed", "13800000005"]])
    analysis = analyze(AnalysisOptions([folder]))
    assert analysis.combination.how == "joined"
    assert analysis.combination.joins[0]["kind"] == "customers"
    assert analysis.customers.loc["C4", "customer_name"] == "Di"
    assert analysis.key_figures()["customers"] == 4
    assert analysis.report.set_aside == {"overlap": 2}


def test_an_empty_folder_is_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as err:
        load(AnalysisOptions([tmp_path / "empty"]))
    assert "no spreadsheet files" in str(err.value) and err.value.zh


def test_preview_of_several_files_shows_the_combination(tmp_path: Path) -> None:
    shop = olist_shaped(tmp_path)
    preview = preview_file([tmp_path])
    assert preview.combination.how == "joined"
    assert "order_purchase_timestamp" in preview.columns and "customer_unique_id" in preview.columns
    assert preview.roles["customer_id"].column == "customer_unique_id"
    assert len(preview.rows) == min(50, shop["lines"])
    assert {m.code for m in preview.messages} >= {"files_joined_orders", "files_joined_customers", "files_person_id"}


def test_combine_of_one_file_is_the_file(tmp_path: Path) -> None:
    jan, _ = monthly_exports(tmp_path)
    c = combine([jan])
    assert c.how == "one_file" and len(c.parts) == 1 and not c.notes and not c.warnings
    assert c.to_dict()["parts"][0]["rows"] == 6


def test_restaurant_folder_is_read_as_a_relational_export(shared_data: Path) -> None:
    folder = shared_data / "real" / "restaurant"
    if not folder.exists():
        pytest.skip("the restaurant export is not present")
    c = combine([folder])
    assert c.how == "joined"
    assert [(j["lines"], j["column"], j["to"], j["key"]) for j in c.joins] == [
        ("meal_order_detail.csv", "order_id", "meal_order_info.csv", "info_id")]
    roles = c.parts[0].roles
    assert roles["order_status"].column == "order_status"
    assert roles["customer_id"].column == "emp_id (meal_order_info)"
    data = load(AnalysisOptions([folder / "meal_order_detail.csv", folder / "meal_order_info.csv"],
                                overrides={"unit_price": "amounts", "amount": "", "product_name": "dishes_name"}))
    assert data.lines["customer_id"].nunique() == 471
    assert data.lines["order_id"].nunique() == 942
    assert data.lines["amount"].sum() in (pytest.approx(463_704), pytest.approx(458_519))


def test_orders_with_their_own_totals_are_joined_when_the_customers_agree(tmp_path: Path) -> None:
    """Dish lines and an order list that also has customer, date and a total (as a restaurant's order
    info does): the linked rows name the same member, so they are one export, not two channels. One
    order row has no number (an empty key cell matches nothing)."""
    lines = [["detail_id", "order_id", "dish", "counts", "amounts", "emp_id", "order_time"]]
    info = [["info_id", "emp_id", "table_no", "total", "started", "order_status"]]
    detail = 0
    for n in range(1, 25):
        member = 900 + n % 7
        info.append([100 + n, member, n % 5, 0, f"2016/8/{n} 12:01", (1, 1, 1, 0, 1, 2)[n % 6]])
        for k in range(1 + n % 3):
            detail += 1
            lines.append([detail, 100 + n, f"dish{k}", 1 + k % 2, 20 + 5 * k, member, f"2016/8/{n} 12:0{k}"])
    info.append(["", 999, 1, 0, "2016/8/30 12:00", 1])
    total = sum((1 + k % 2) * (20 + 5 * k) for n in range(1, 25) for k in range(1 + n % 3))
    for row in info[1:-1]:
        row[3] = sum((1 + k % 2) * (20 + 5 * k) for k in range(1 + (row[0] - 100) % 3))
    write_csv(tmp_path / "meal_lines.csv", lines)
    write_csv(tmp_path / "meal_orders.csv", info)
    data = load(AnalysisOptions([tmp_path], overrides={"unit_price": "amounts", "amount": ""}))
    c = data.combination
    assert c.how == "joined", c.to_dict()
    assert [(j["column"], j["key"]) for j in c.joins] == [("order_id", "info_id")]
    assert data.roles["order_status"].column == "order_status"
    assert data.lines["amount"].sum() == pytest.approx(total)
    assert data.lines["customer_id"].nunique() == 7


def test_a_till_and_a_web_shop_numbered_alike_are_not_joined(tmp_path: Path) -> None:
    """Receipts 1..40 of a till with several lines each, and web orders 1..60 one row each: the numbers
    coincide but the customers and days do not, so the files are two channels."""
    till = [["Receipt", "Member", "Date", "Product", "Qty", "Price"]]
    for n in range(1, 41):
        for k in range(2):
            till.append([n, f"T{n % 23}", f"2024-03-{1 + n % 28:02d}", f"p{k}", 1 + (n + k) % 3, 4.5 + k])
    web = [["Order", "Customer", "Date", "Total"]] + [[n, f"W{n % 11}", f"2024-04-{1 + n % 28:02d}", 30.0 + n % 7]
                                                      for n in range(1, 61)]
    data = load(AnalysisOptions([write_csv(tmp_path / "till.csv", till), write_csv(tmp_path / "web.csv", web)]))
    assert data.combination.how == "stacked" and not data.combination.joins
    assert len(data.lines) == 80 + 60
    till_revenue = sum((1 + (n + k) % 3) * (4.5 + k) for n in range(1, 41) for k in range(2))
    assert data.lines["amount"].sum() == pytest.approx(till_revenue + sum(30.0 + n % 7 for n in range(1, 61)))


def test_walk_in_sales_of_two_channels_are_added_up(tmp_path: Path) -> None:
    till = [["Member", "Date", "Receipt", "Total"]] + [[("0" if n % 2 else f"M{n % 5}"), f"2024-02-{1 + n % 20:02d}",
                                                        f"R{n}", 10.0] for n in range(1, 41)]
    web = [["Customer ID", "Order Date", "Order Number", "Amount"]] + [
        [("0" if n % 4 == 0 else f"M{n % 6}"), f"2024-02-{1 + n % 20:02d}", f"W{n}", 25.0] for n in range(1, 21)]
    data = load(AnalysisOptions([write_csv(tmp_path / "till.csv", till), write_csv(tmp_path / "web.csv", web)]))
    assert data.combination.how == "stacked"
    walk_in = data.report.walk_in
    assert walk_in is not None and [x["id"] for x in walk_in.ids] == ["0"]
    totals = walk_in.totals()
    assert totals["lines"] == 20 + 5
    assert totals["revenue"] == pytest.approx(20 * 10.0 + 5 * 25.0)
    assert walk_in.ids[0]["lines"] == 25
    assert set(data.lines["customer_id"]) == {f"M{k}" for k in range(6)}
