"""Column roles chosen on evidence: cross-column checks, refused columns, platform exports by header,
status set-aside, and the doubts that become warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from desktop.cli import run_cli
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, load
from desktop.engine.roles import RoleMatch, detect_platform, detect_roles, platform_table


def write(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False, encoding="utf-8")
    return path


def columns(roles: dict[str, RoleMatch]) -> dict[str, str]:
    return {r: m.column for r, m in roles.items()}


def order_lines(n_orders: int = 40, seed: int = 3) -> pd.DataFrame:
    """Order lines of 12 customers over several weeks: 1-3 lines per order."""
    rng = pd.Series(range(n_orders))
    rows = []
    for o in rng:
        customer = f"C{(o * 7) % 12:03d}"
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int((o * 5 + seed) % 60))
        for line in range(1 + o % 3):
            qty = 1 + (o + line) % 4
            price = [2.5, 4.0, 9.9, 15.0][(o + 2 * line) % 4]
            rows.append({"order": f"A{1000 + o}", "line": line + 1, "customer": customer,
                         "day": day.strftime("%Y-%m-%d"), "qty": qty, "price": price,
                         "product": f"P{(o + line) % 9}"})
    return pd.DataFrame(rows)


# --- money columns ------------------------------------------------------------------------------
def test_line_amount_is_quantity_times_price_not_freight() -> None:
    lines = order_lines()
    data = pd.DataFrame({
        "order_id": lines["order"], "customer_id": lines["customer"], "order_date": lines["day"],
        "product_id": lines["product"], "quantity": lines["qty"], "price": lines["price"],
        "freight_value": (lines["price"] * 0.3 + 1).round(2),
        "total_value": (lines["qty"] * lines["price"]).round(2),
    })
    roles = detect_roles(data)
    assert roles["amount"].column == "total_value"
    assert roles["unit_price"].column == "price"
    assert "freight_value" not in columns(roles).values()
    assert roles["amount"].evidence.code == "role_qty_price"
    assert "100% of lines" in roles["amount"].reason


def test_freight_alone_never_becomes_the_amount() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "price": lines["price"], "freight_value": (lines["price"] * 0.2 + 3).round(2)})
    roles = detect_roles(data)
    assert roles["unit_price"].column == "price"
    assert "amount" not in roles


def test_money_column_that_fails_the_check_is_a_doubt() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "quantity": lines["qty"], "unit_price": lines["price"],
                         "amount": (lines["price"] * 1.7 + 0.35).round(2)})
    roles = detect_roles(data, file="odd.csv")
    assert roles["amount"].column == "amount"
    assert roles["amount"].doubt is not None and roles["amount"].doubt.code == "role_in_doubt_check"
    assert roles["amount"].doubt.params["role"] == "amount"


def test_price_that_stays_the_same_for_several_items_is_a_unit_price() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "dish_name": lines["product"].map(lambda p: f"dish {p}"),
                         "counts": lines["qty"], "amounts": lines["product"].map(lambda p: 10 + int(p[1:]))})
    roles = detect_roles(data)
    assert roles["unit_price"].column == "amounts" and "amount" not in roles
    assert roles["unit_price"].evidence.code == "role_unit_price_constant"


def test_line_amounts_that_scale_with_quantity_stay_amounts() -> None:
    lines = order_lines()
    unit = lines["product"].map(lambda p: 10 + int(p[1:]))
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "product": lines["product"], "qty": lines["qty"], "sales": unit * lines["qty"]})
    roles = detect_roles(data)
    assert roles["amount"].column == "sales" and "unit_price" not in roles


# --- refused columns ----------------------------------------------------------------------------
def test_line_number_column_is_never_product_or_quantity() -> None:
    lines = order_lines()
    data = pd.DataFrame({"transaction_id": lines["order"], "line_item_id": lines["line"],
                         "customer_id": lines["customer"], "date": lines["day"], "product_id": lines["product"],
                         "quantity": lines["qty"], "unit_price": lines["price"]})
    roles = detect_roles(data)
    assert "line_item_id" not in columns(roles).values()
    assert roles["product_id"].column == "product_id" and roles["quantity"].column == "quantity"


def test_unnamed_numbering_within_orders_is_a_line_number() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_no": lines["order"], "Item No": lines["line"], "customer_id": lines["customer"],
                         "date": lines["day"], "amount": lines["price"]})
    roles = detect_roles(data)
    assert "Item No" not in columns(roles).values()
    # the same header holding real product codes is the product
    data["Item No"] = lines["product"]
    assert detect_roles(data)["product_id"].column == "Item No"


def test_date_time_is_never_the_order_id() -> None:
    lines = order_lines()
    data = pd.DataFrame({"customer_id": lines["customer"], "order": lines["day"] + " 10:15:00",
                         "amount": lines["price"]})
    roles = detect_roles(data)
    assert "order_id" not in roles
    assert roles["date"].column == "order"


def test_order_column_counting_something_else_is_refused() -> None:
    lines = pd.concat([order_lines(80)] * 3, ignore_index=True)
    data = pd.DataFrame({"order": 1, "receipt_no": lines["order"], "customer_id": lines["customer"],
                         "date": lines["day"], "amount": lines["price"]})
    data.loc[::50, "order"] = 2  # mostly one value: a count, not a number per order
    assert detect_roles(data)["order_id"].column == "receipt_no"


def test_empty_constant_and_flag_columns_are_never_chosen() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "bar_code": None, "shop": "Main street", "is_member": (lines.index % 2).astype(int),
                         "promo_item_yn": ["Y" if i % 3 else "N" for i in lines.index],
                         "unit_price": lines["price"], "add_inprice": 0})
    roles = detect_roles(data)
    chosen = set(columns(roles).values())
    assert not chosen & {"bar_code", "shop", "is_member", "promo_item_yn", "add_inprice"}
    assert roles["unit_price"].column == "unit_price"


# --- customers ----------------------------------------------------------------------------------
def test_category_with_three_values_is_not_a_customer(tmp_path: Path, capsys) -> None:
    days = pd.date_range("2024-01-01", periods=30).strftime("%Y-%m-%d")
    report = pd.DataFrame([{"date": d, "category": c, "product": f"{c}-{i}", "units_sold": 3 + i,
                            "revenue": 10.5 * (3 + i)}
                           for d in days for i, c in enumerate(["Coffee", "Tea", "Bakery"])])
    path = write(tmp_path / "product_report.csv", report)
    roles = detect_roles(report)
    assert "customer_id" not in roles
    with pytest.raises(InputError):
        load(AnalysisOptions([path]))
    assert run_cli(["analyze", str(path), "--json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "customer id" in err[0]


def test_named_customer_column_with_few_values_is_refused() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer": ["North", "South", "East"] * (len(lines) // 3)
                         + ["North"] * (len(lines) % 3), "date": lines["day"], "amount": lines["price"]})
    assert "customer_id" not in detect_roles(data)


def test_seller_id_is_not_the_customer() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "seller_id": [f"S{i % 3}" for i in lines.index],
                         "customer_id": lines["customer"], "date": lines["day"], "price": lines["price"]})
    assert detect_roles(data)["customer_id"].column == "customer_id"
    # without a customer column, a handful of sellers serving many orders a day is nobody's customer
    data = data.drop(columns="customer_id")
    data["date"] = "2024-03-01"
    assert "customer_id" not in detect_roles(data)


def test_staff_named_column_that_behaves_like_customers_is_taken_with_a_doubt() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "emp_id": lines["customer"], "date": lines["day"],
                         "dishes_name": lines["product"], "counts": lines["qty"], "amounts": lines["price"]})
    roles = detect_roles(data, file="dishes.csv")
    assert roles["customer_id"].column == "emp_id"
    assert roles["customer_id"].doubt.code == "role_in_doubt_staff"
    assert roles["customer_id"].confidence < 0.6


def test_unnamed_customer_is_a_warning_in_the_report(tmp_path: Path) -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "ref": lines["customer"], "date": lines["day"],
                         "amount": lines["price"]})
    loaded = load(AnalysisOptions([write(tmp_path / "orders.csv", data)]))
    assert loaded.roles["customer_id"].column == "ref"
    codes = [w.code for w in loaded.report.warnings]
    assert "role_in_doubt" in codes
    warning = next(w for w in loaded.report.warnings if w.code == "role_in_doubt")
    assert warning.params["column"] == "ref" and warning.params["role"] == "customer_id"
    assert "ref" in warning.text("zh")


def test_evidence_is_a_message_in_both_languages() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "customer_id": lines["customer"], "date": lines["day"],
                         "amount": lines["price"]})
    m = detect_roles(data)["customer_id"]
    assert m.evidence.code == "role_customer_repeat"
    assert "12" in m.text("en") and "12" in m.text("zh") and m.text("en") != m.text("zh")
    assert m.reason == m.text("en")
    assert json.dumps(m.to_dict())  # JSON-compatible, reason as English text
    assert RoleMatch(**m.to_dict()).reason == m.reason  # a saved project rebuilds it


# --- platforms ----------------------------------------------------------------------------------
# For each platform: its expected roles (column names from the platform's public export).
PLATFORM_ROLES = {
    "taobao": {"customer_id": "买家会员名", "order_id": "订单编号", "amount": "买家实际支付金额",
               "product_name": "宝贝标题", "quantity": "宝贝总数量", "order_status": "订单状态",
               "paid_date": "订单付款时间"},
    "taobao_items": {"order_id": "订单编号", "product_name": "标题", "unit_price": "价格", "quantity": "购买数量"},
    "jd": {"customer_id": "下单帐号", "order_id": "订单号", "date": "下单时间", "amount": "应付金额",
           "quantity": "订购数量", "product_name": "商品名称"},
    "pinduoduo": {"order_id": "订单号", "amount": "用户实付金额(元)", "quantity": "商品数量(件)",
                  "product_name": "商品", "order_status": "订单状态"},
    "youzan": {"customer_id": "买家手机号", "order_id": "订单号", "amount": "商品实际成交金额",
               "unit_price": "商品单价", "quantity": "商品数量", "paid_date": "买家付款时间"},
    "weidian": {"customer_id": "买家ID", "order_id": "订单编号", "quantity": "购买数量", "unit_price": "商品单价"},
    "meituan": {"customer_id": "用户ID", "order_id": "订单编号", "amount": "用户实付", "store": "门店名称"},
    "shopify": {"customer_id": "Email", "order_id": "Name", "date": "Created at", "paid_date": "Paid at",
                "quantity": "Lineitem quantity", "unit_price": "Lineitem price", "product_name": "Lineitem name",
                "order_status": "Financial Status"},
    "squarespace": {"customer_id": "Email", "order_id": "Order ID", "date": "Created at", "paid_date": "Paid at",
                    "quantity": "Lineitem quantity", "unit_price": "Lineitem price",
                    "order_status": "Financial Status"},
    "woocommerce": {"customer_id": "customer_user", "order_id": "order_number", "date": "date",
                    "amount": "item_total", "order_status": "status"},
    "square_items": {"customer_id": "Customer ID", "order_id": "Transaction ID", "amount": "Net Sales",
                     "quantity": "Qty", "product_name": "Item"},
    "square_transactions": {"customer_id": "Customer ID", "order_id": "Transaction ID", "amount": "Net Sales"},
    "sumup": {"order_id": "Transaction ID", "amount": "Total amount", "order_status": "Status"},
    "etsy_items": {"customer_id": "Buyer", "order_id": "Order ID", "date": "Sale Date", "quantity": "Quantity",
                   "unit_price": "Price", "amount": "Item Total"},
    "etsy_orders": {"customer_id": "Buyer User ID", "order_id": "Order ID", "amount": "Order Value"},
    "amazon_orders": {"customer_id": "buyer-email", "order_id": "order-id", "date": "purchase-date",
                      "quantity": "quantity-purchased", "amount": "item-price"},
    "amazon_all_orders": {"order_id": "amazon-order-id", "date": "purchase-date", "amount": "item-price",
                          "order_status": "order-status"},
    "vend": {"customer_id": "Customer Code", "order_id": "Receipt Number", "amount": "Total"},
    "loyverse_items": {"customer_id": "Customer name", "order_id": "Receipt number", "amount": "Net sales",
                       "quantity": "Quantity", "product_name": "Item"},
    "loyverse_receipts": {"customer_id": "Customer name", "order_id": "Receipt number", "amount": "Net sales"},
}
WEAK = {"pinduoduo"}


def platform_sample(platform: dict) -> pd.DataFrame:
    """A header of the platform's export and a few rows with values that fit each mapped role."""
    header = list(dict.fromkeys(platform["identify"] + [n for names in platform["roles"].values() for n in names]))
    role_of = {}
    for role, names in platform["roles"].items():
        for n in names:
            role_of.setdefault(n, role)
    rows = []
    for i in range(8):
        qty, price = 1 + i % 3, 12.5 + i
        values = {
            "customer_id": f"buyer{i % 3}@example.com", "order_id": f"{880000 + i // 2}",
            "date": f"2024-02-{1 + i // 2:02d} 10:0{i}:00", "paid_date": f"2024-02-{1 + i // 2:02d} 10:3{i}:00",
            "quantity": qty, "unit_price": price, "amount": round(qty * price, 2), "product_name": f"item {i % 4}",
            "product_id": f"SKU{i % 4}", "order_status": "paid", "phone": f"1380013800{i}",
            "customer_name": f"name {i % 3}", "city": "Hangzhou", "store": f"store {i // 4}", "category": "cups",
        }
        rows.append({h: values.get(role_of.get(h), f"x{i}") for h in header})
    return pd.DataFrame(rows, columns=header)


@pytest.mark.parametrize("key", sorted(PLATFORM_ROLES))
def test_platform_export_is_recognised_by_its_header(key: str) -> None:
    platform = next(p for p in platform_table()["platforms"] if p["key"] == key)
    data = platform_sample(platform)
    assert detect_platform(list(data.columns))["key"] == key
    roles = detect_roles(data)
    for role, column in PLATFORM_ROLES[key].items():
        assert roles[role].column == column, (key, role)
        assert roles[role].evidence.code == "role_by_platform"
        if not (key in WEAK and role == "customer_id"):
            assert roles[role].confidence >= 0.9
    assert platform["name"] in roles["order_id"].reason


def test_every_platform_of_the_table_has_a_test() -> None:
    assert {p["key"] for p in platform_table()["platforms"]} == set(PLATFORM_ROLES)


def test_pinduoduo_receiver_as_customer_is_a_doubt() -> None:
    platform = next(p for p in platform_table()["platforms"] if p["key"] == "pinduoduo")
    roles = detect_roles(platform_sample(platform), file="pdd.xlsx")
    assert roles["customer_id"].column == "收货人"
    assert roles["customer_id"].doubt.code == "role_in_doubt_platform"


def test_a_few_shared_names_are_not_a_platform() -> None:
    assert detect_platform(["Date", "Customer ID", "Item", "Qty"]) is None


def test_unpaid_cancelled_and_refunded_orders_are_set_aside(tmp_path: Path) -> None:
    header = ["订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "总金额", "买家实际支付金额",
              "订单状态", "收货人姓名", "订单创建时间", "订单付款时间", "宝贝标题", "宝贝总数量", "店铺名称"]
    statuses = ["交易成功", "交易关闭", "等待买家付款", "交易成功", "已退款", "卖家已发货，等待买家确认"]
    rows = []
    for i, status in enumerate(statuses):
        paid = "" if status == "等待买家付款" else f"2024-03-0{i + 1} 12:00:00"
        rows.append([f"20240300{i}", f"tb_buyer{i % 2}", "a***@b.com", 50, 0, 50, 50 + i, status, "张三",
                     f"2024-03-0{i + 1} 11:00:00", paid, f"宝贝{i}", 1, "我的小店"])
    path = write(tmp_path / "ExportOrderList.csv", pd.DataFrame(rows, columns=header))
    loaded = load(AnalysisOptions([path]))
    assert loaded.roles["customer_id"].column == "买家会员名"
    assert loaded.report.set_aside == {"cancelled": 1, "unpaid": 1, "refunded": 1}
    assert loaded.report.rows_used == 3
    assert loaded.lines["amount"].sum() == pytest.approx(50 + 53 + 55)


def test_order_level_status_holds_for_all_lines_of_the_order(tmp_path: Path) -> None:
    platform = next(p for p in platform_table()["platforms"] if p["key"] == "shopify")
    data = platform_sample(platform)
    data["Financial Status"] = ["paid", "", "voided", "", "pending", "", "paid", ""]
    data["Paid at"] = ["2024-02-01 10:00", "", "2024-02-03 10:00", "", "", "", "2024-02-07 10:00", ""]
    loaded = load(AnalysisOptions([write(tmp_path / "orders_export.csv", data)]))
    assert loaded.report.set_aside == {"cancelled": 2, "unpaid": 2}
    assert loaded.report.rows_used == 4 and loaded.lines["order_id"].nunique() == 2


# --- the real exports ---------------------------------------------------------------------------
REAL = {
    "superstore/Sample - Superstore.xls": {"customer_id": "Customer ID", "amount": "Sales", "order_id": "Order ID",
                                           "quantity": "Quantity", "product_id": "Product ID"},
    "retail_tx/Retail_Data_Transactions.csv": {"customer_id": "customer_id", "amount": "tran_amount",
                                               "date": "trans_date"},
    "coffee_shop/201904 sales reciepts.csv": {"customer_id": "customer_id", "product_id": "product_id",
                                              "order_id": "transaction_id", "amount": "line_item_amount",
                                              "unit_price": "unit_price", "quantity": "quantity"},
    "restaurant/meal_order_detail.csv": {"customer_id": "emp_id", "product_name": "dishes_name",
                                         "quantity": "counts", "unit_price": "amounts", "order_id": "order_id"},
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_exports_get_the_right_roles(shared_data: Path, name: str) -> None:
    from desktop.engine.reading import read_file

    path = shared_data / "real" / name
    if not path.exists():
        pytest.skip(f"{name} is not present")
    table = read_file(path, None)[0]
    roles = detect_roles(table.data.head(2000), file=table.file.name)
    for role, column in REAL[name].items():
        assert roles[role].column == column, role
    chosen = set(columns(roles).values())
    assert not chosen & {"Profit", "Discount", "line_item_id", "staff_id", "bar_code", "itemis_add", "add_inprice"}
    if name.startswith("restaurant"):
        assert "amount" not in roles  # the dish price times the count is the line amount
        assert roles["customer_id"].doubt is not None  # 'emp' reads like staff: said, not hidden
    else:
        assert all(m.doubt is None for r, m in roles.items() if r in ("customer_id", "amount", "order_id"))


def test_restaurant_figures(shared_data: Path) -> None:
    path = shared_data / "real" / "restaurant" / "meal_order_detail.csv"
    if not path.exists():
        pytest.skip("restaurant sample is not present")
    loaded = load(AnalysisOptions([path]))
    assert loaded.lines["customer_id"].nunique() == 471
    assert loaded.lines["order_id"].nunique() == 942
    assert loaded.lines["amount"].sum() == pytest.approx(463_704)
    assert "role_in_doubt_staff" in [w.code for w in loaded.report.warnings]


def test_amount_actually_paid_wins_over_a_total() -> None:
    lines = order_lines()
    data = pd.DataFrame({"订单号": lines["order"], "会员号": lines["customer"], "日期": lines["day"],
                         "总金额": lines["price"] + 5, "买家实际支付金额": lines["price"]})
    assert detect_roles(data)["amount"].column == "买家实际支付金额"


def test_order_number_shared_by_several_customers_is_a_doubt() -> None:
    lines = order_lines()
    data = pd.DataFrame({"order_id": [f"T{i % 5}" for i in lines.index], "customer_id": lines["customer"],
                         "date": [f"2024-05-0{1 + i % 2}" for i in lines.index], "amount": lines["price"]})
    roles = detect_roles(data, file="tills.csv")
    assert roles["order_id"].doubt is not None and roles["order_id"].doubt.code == "role_in_doubt_order"


def test_marketplace_order_items_without_buyer_column_exit_2(tmp_path: Path) -> None:
    """Order lines of a marketplace: order, line number, product, seller, price, freight; the buyer
    is in another file. The seller must not become the customer, nor freight the amount."""
    lines = order_lines()
    data = pd.DataFrame({"order_id": lines["order"], "order_item_id": lines["line"], "product_id": lines["product"],
                         "seller_id": lines["customer"].str.replace("C", "S"),
                         "shipping_limit_date": lines["day"] + " 12:00:00", "price": lines["price"],
                         "freight_value": (lines["price"] / 3).round(2)})
    roles = detect_roles(data)
    assert "customer_id" not in roles
    assert not {"order_item_id", "freight_value", "seller_id"} & set(columns(roles).values())
    with pytest.raises(InputError):
        load(AnalysisOptions([write(tmp_path / "order_items.csv", data)]))


def test_a_table_or_product_name_is_not_the_customers_name():
    import pandas as pd

    from desktop.engine.roles import detect_roles

    n = 60
    data = pd.DataFrame({
        "member_id": [f"M{i % 12:03d}" for i in range(n)],
        "date": [f"2024-03-{1 + i % 28:02d}" for i in range(n)],
        "dining_table_name": [f"A{i % 9}桌" for i in range(n)],
        "product name": [f"Dish {i % 7}" for i in range(n)],
        "amount": [12.5 + i % 5 for i in range(n)],
    })
    roles = detect_roles(data)
    assert "customer_name" not in roles  # no column here holds people's names
    assert roles["customer_id"].column == "member_id"


def test_a_column_named_customer_with_few_ids_is_taken_with_a_doubt():
    rows = [[f"C{i % 7}", f"S{i}", "2024-03-01", "5"] for i in range(60)]
    data = pd.DataFrame(rows, columns=["Customer ID", "Order ID", "Date", "Price"])
    roles = detect_roles(data, file="till.csv")
    assert roles["customer_id"].column == "Customer ID"
    doubt = roles["customer_id"].doubt
    assert doubt is not None and doubt.code == "role_in_doubt_few_ids" and doubt.params["ids"] == 7
    # a category of two values is not taken, whatever its name
    two = pd.DataFrame([[f"C{i % 2}", f"S{i}", "2024-03-01", "5"] for i in range(60)],
                       columns=["Customer ID", "Order ID", "Date", "Price"])
    assert "customer_id" not in detect_roles(two)
