"""This week's lists, each rule on a small shop the test writes (as of Saturday 2026-09-05, 7 days)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.todo import KINDS, add_ons, build_todo, todo_of

AS_OF = "2026-09-05"


def _day(text: str, plus: int = 0) -> str:
    return (pd.Timestamp(text) + pd.Timedelta(days=plus)).date().isoformat()


def _write_shop(folder: Path) -> tuple[Path, Path]:
    rows: list[tuple[str, str, str, float]] = []  # customer, date, product, amount

    def buy(cid: str, day: str, product: str, amount: float, box: bool = False) -> None:
        rows.append((cid, day, product, amount))
        if box:  # an add-on bought with the goods, never alone
            rows.append((cid, day, "Paper gift box", 2.0))

    for k in range(4):  # Alice: Longjing every 30 days (with postage), last 33 days before AS_OF
        buy("A", _day("2026-05-05", 30 * k), "Longjing tea", 80.0)
        buy("A", _day("2026-05-05", 30 * k), "Postage", 5.0)
    for k in range(5):  # Bob: every 10 days, silent 26 days: time to win back
        buy("B", _day("2026-07-01", 10 * k), f"Tea {k}", 500.0)
    for k in range(5):  # Carol: every 10 days, silent 96 days: gone
        buy("C", _day("2026-05-23", 2 * k), f"Tea {k}", 500.0)
    buy("D", "2026-03-01", "Oolong", 40.0)  # Dan: birthday in the window (customer list)
    buy("E", "2026-03-01", "Oolong", 40.0)  # Eve: birthday after the window
    buy("G", "2025-09-08", "Pu-erh", 60.0)  # Gina: first purchase a year before 2026-09-08
    for i in range(12):  # repeat buyers: the second purchase 20 days after the first
        buy(f"R{i}", "2025-01-10", "Green tea", 50.0, box=True)
        buy(f"R{i}", "2025-01-30", "Green tea", 50.0, box=True)
    buy("H", "2026-08-16", "Jasmine tea", 30.0)  # Hugo: one purchase 20 days ago
    buy("I", "2026-09-01", "Jasmine tea", 30.0)  # Ida: one purchase 4 days ago
    for i in range(5):  # bought mooncakes before last year's Mid-Autumn (2025-10-06)
        buy(f"M{i}", "2025-09-20", "Mooncake gift box", 1000.0)
    buy("M0", "2025-09-20", "Green tea", 2000.0)  # more spent on everyday tea, but the festival's product is named
    frame = pd.DataFrame(rows, columns=["Customer ID", "Date", "Product", "Amount"])
    frame.insert(0, "Order", frame["Customer ID"] + "-" + frame["Date"])
    orders = folder / "orders.csv"
    frame.to_csv(orders, index=False)
    names = pd.DataFrame({"Customer ID": ["A", "B", "D", "E"], "Name": ["Alice", "Bob", "Dan", "Eve"],
                          "Birthday": ["1990-01-01", "", "1980-09-07", "9月20日"]})
    people = folder / "customers.csv"
    names.to_csv(people, index=False)
    return orders, people


@pytest.fixture(scope="module")
def todo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shop")
    orders, people = _write_shop(folder)
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=people, as_of=pd.Timestamp(AS_OF).date()))
    result = todo_of(analysis, days=7, country="CN")
    return analysis, result, result.to_dict("en")


def _list(data: dict, kind: str, festival: str | None = None) -> dict:
    (found,) = [t for t in data["lists"] if t["kind"] == kind and (festival is None or t.get("festival") == festival)]
    return found


def _ids(data: dict, kind: str) -> list[str]:
    return [c["customer_id"] for c in _list(data, kind)["customers"]]


def test_json_shape(todo) -> None:
    _, _, data = todo
    assert data["as_of"] == AS_OF and data["window_days"] == 7
    assert {t["kind"] for t in data["lists"]} <= set(KINDS)
    for t in data["lists"]:
        assert {"kind", "title", "customers"} <= set(t)
        for c in t["customers"]:
            assert {"customer_id", "name", "reason", "due", "value", "message"} <= set(c)
            assert pd.Timestamp(c["due"]).date().isoformat() == c["due"]


def test_due_per_product_names_the_product_never_a_charge(todo) -> None:
    _, result, data = todo
    (alice,) = [c for c in _list(data, "due")["customers"] if c["customer_id"] == "A"]
    assert alice["reason"] == "buys Longjing tea about every 30 days; last 33 days ago"
    assert alice["due"] == AS_OF  # due on 2026-09-02: three days overdue, due now
    assert "Alice" in alice["message"] and "Longjing tea" in alice["message"]
    assert all("Postage" not in c["message"] and "Paper gift box" not in c["message"]
               for t in data["lists"] for c in t["customers"])
    assert "B" not in _ids(data, "due")  # Bob is 16 days past his 10-day gap: not "due", but win back


def test_win_back_takes_the_silent_but_not_the_gone(todo) -> None:
    _, _, data = todo
    win = _list(data, "win_back")
    assert [c["customer_id"] for c in win["customers"]] == ["B"]
    bob = win["customers"][0]
    assert bob["due"] == "2026-09-12"  # 3 gaps after 2026-08-10 is 09-09; at least a week to write
    assert "silent for 26 days" in bob["reason"]
    assert "C" not in _ids(data, "win_back")


def test_value_is_the_expected_spend_when_the_predictions_pass_their_gates(todo) -> None:
    analysis, _, data = todo
    from desktop.engine.predictions import predict_customers

    assert data["value_kind"] == "expected_12m"
    assert "todo_predictions_held_back" not in [w["code"] for w in data["warnings"]]
    expected = predict_customers(analysis.lines, analysis.as_of).table["predicted_spend_12m"]
    bob = _list(data, "win_back")["customers"][0]
    assert bob["value"] == pytest.approx(round(float(expected["B"]), 2))


def test_value_is_last_12_months_when_predictions_are_held_back(todo) -> None:
    """The same shop seen a fortnight after its first sale: the predictions' gates hold the figures back,
    and the lists value each customer by what they spent."""
    analysis, _, _ = todo
    first = analysis.lines["date"].min()
    early = analysis.lines[analysis.lines["date"] < first + pd.Timedelta(days=14)]
    as_of = early["date"].max().normalize()
    customers = analysis.customers.loc[analysis.customers.index.isin(early["customer_id"])]
    result = build_todo(early, customers, as_of, days=7, country="CN", has_prices=True)
    data = result.to_dict("en")
    assert data["value_kind"] == "last_12m"
    assert "todo_predictions_held_back" in [w["code"] for w in data["warnings"]]
    spent = early.groupby("customer_id")["amount"].sum()
    for t in data["lists"]:
        for c in t["customers"]:
            assert c["value"] == pytest.approx(round(float(spent[c["customer_id"]]), 2))


def test_birthday_and_anniversary_in_the_window(todo) -> None:
    _, _, data = todo
    birthdays = _list(data, "birthday")["customers"]
    assert [(c["customer_id"], c["due"]) for c in birthdays] == [("D", "2026-09-07")]
    assert "Dan" in birthdays[0]["message"]
    assert [(c["customer_id"], c["due"]) for c in _list(data, "anniversary")["customers"]] == [("G", "2026-09-08")]


def test_second_purchase_at_the_shops_usual_point(todo) -> None:
    _, _, data = todo
    second = _list(data, "second_purchase")
    assert second["median_days_to_second"] == 20
    assert [c["customer_id"] for c in second["customers"]] == ["H"]
    assert "Jasmine tea" in second["customers"][0]["message"]


def test_festival_list_from_last_years_buyers(todo) -> None:
    _, _, data = todo
    mid = _list(data, "festival", "mid_autumn")
    assert mid["festival_date"] == "2026-09-25" and mid["last_year_date"] == "2025-10-06"
    assert mid["write_on"] == "2026-09-07"  # they bought 16 days before; write 2 days earlier still
    assert sorted(c["customer_id"] for c in mid["customers"]) == [f"M{i}" for i in range(5)]
    assert all("bought Mooncake gift box" in c["reason"] for c in mid["customers"])
    assert all(t.get("festival") != "national_day" for t in data["lists"])  # its writing day is later


def test_chinese_reasons_and_messages(tmp_path: Path) -> None:
    orders, people = _write_shop(tmp_path)
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=people, as_of=pd.Timestamp(AS_OF).date()))
    data = todo_of(analysis, language="zh").to_dict("zh")
    alice = [c for c in _list(data, "due")["customers"] if c["customer_id"] == "A"][0]
    assert alice["reason"] == "大约每 30 天买一次Longjing tea；上次是 33 天前"
    assert "Alice" in alice["message"] and "您" in alice["message"]
    assert _list(data, "festival", "mid_autumn")["title"].startswith("中秋节")


def test_add_ons_are_products_never_bought_alone() -> None:
    lines = pd.DataFrame({"order_id": [f"o{i // 2}" for i in range(24)] + ["x"],
                          "product_id": ["tea", "box"] * 12 + ["tea"]})
    assert add_ons(lines) == {"box"}


def test_a_file_without_prices_has_no_value_and_says_so() -> None:
    lines = pd.DataFrame({"customer_id": ["A"] * 4, "order_id": ["1", "2", "3", "4"],
                          "date": pd.to_datetime(["2024-01-01", "2024-01-21", "2024-02-10", "2024-03-01"]),
                          "product_id": ["tea"] * 4, "product_name": ["Tea"] * 4, "category": [None] * 4,
                          "quantity": [1.0] * 4, "unit_price": [float("nan")] * 4, "amount": [float("nan")] * 4,
                          "is_return": [False] * 4})
    customers = pd.DataFrame({"favourite_product": ["Tea"], "last_purchase": [pd.Timestamp("2024-03-01")],
                              "segment": ["loyal"]}, index=pd.Index(["A"], name="customer_id"))
    data = build_todo(lines, customers, "2024-03-20", has_prices=False, file="visits.csv").to_dict()
    assert data["value_kind"] == "none"
    (due,) = _list(data, "due")["customers"]
    assert due["value"] is None and due["reason"] == "buys Tea about every 20 days; last 19 days ago"
    assert "todo_no_prices" in [w["code"] for w in data["warnings"]]


def test_birthdays_written_in_several_ways_and_29_february() -> None:
    from desktop.engine.todo import _month_day, _next_on

    assert _month_day("1980-09-07") == (9, 7)
    assert _month_day("9月20日") == (9, 20)
    assert _month_day("08-06") == (8, 6)
    assert _month_day("07/03/1990") is not None
    assert _month_day("unknown") is None
    assert _next_on((2, 29), pd.Timestamp("2025-02-20")) == pd.Timestamp("2025-02-28")
    assert _next_on((2, 29), pd.Timestamp("2028-02-20")) == pd.Timestamp("2028-02-29")
    assert _next_on((1, 2), pd.Timestamp("2025-12-30")) == pd.Timestamp("2026-01-02")
