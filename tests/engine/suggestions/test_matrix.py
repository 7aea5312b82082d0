import numpy as np
import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.suggestions.matrix import build_matrix, purchases_only


def _lines(rows):
    frame = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name", "category",
                                        "quantity", "amount", "is_return"])
    return frame.assign(date=lambda d: pd.to_datetime(d["date"], format="mixed"))


def test_counts_distinct_days_and_ages():
    lines = _lines([
        ("a", "1", "2024-01-01 10:00", "p", "Tea 茶", "Tea", 1, 5.0, False),
        ("a", "2", "2024-01-01 15:00", "p", "Tea 茶", "Tea", 1, 5.0, False),  # same day: one purchase day
        ("a", "3", "2024-01-11", "p", "Tea 茶", "Tea", 1, 5.0, False),
        ("a", "3", "2024-01-11", "q", "Cup", "Ware", 1, 9.0, False),
        ("b", "4", "2024-01-05", "q", "Cup", "Ware", 1, 9.0, False),
        ("b", "5", "2024-01-06", "p", "Tea 茶", "Tea", -1, -5.0, True),  # a return is not a purchase
    ])
    pm = build_matrix(lines, as_of="2024-01-21")
    a, p = pm.customers.get_loc("a"), pm.products.get_loc("p")
    assert pm.days[a, p] == 2
    pos = pm.days.indptr[a] + list(pm.days.indices[pm.days.indptr[a]:pm.days.indptr[a + 1]]).index(p)
    assert pm.last_age[pos] == 10 and pm.first_age[pos] == 20
    b = pm.customers.get_loc("b")
    assert pm.days[b, p] == 0
    assert pm.customer_days[a] == 2 and pm.customer_days[b] == 1
    assert pm.product_names[p] == "Tea 茶"
    # Baskets are customer-days: a's 2024-01-11 visit holds both products.
    assert (np.asarray(pm.baskets.sum(axis=1)).ravel() == 2).sum() == 1


def test_as_of_drops_later_lines_and_empty_raises():
    lines = _lines([
        ("a", "1", "2024-01-01", "p", "Tea", None, 1, 5.0, False),
        ("b", "2", "2024-02-01", "q", "Cup", None, 1, 9.0, False),
    ])
    pm = build_matrix(lines, as_of="2024-01-15")
    assert list(pm.customers) == ["a"] and list(pm.products) == ["p"]
    with pytest.raises(InputError, match="before 2023-12-01"):
        build_matrix(lines, as_of="2023-12-01")


def test_no_product_column_is_said_plainly():
    lines = _lines([("a", "1", "2024-01-01", None, None, None, 1, 5.0, False)])
    with pytest.raises(InputError, match="no product column"):
        build_matrix(lines)
    with pytest.raises(InputError, match="no product column"):
        build_matrix(lines.drop(columns=["product_id", "product_name"]))


def test_product_name_stands_in_for_missing_id():
    lines = _lines([("a", "1", "2024-01-01", None, "Tea", None, 1, 5.0, False)])
    assert list(purchases_only(lines)["product_id"]) == ["Tea"]


def test_postage_fees_and_discounts_are_not_products():
    lines = _lines([
        ("a", "1", "2024-01-01", "POST", "POSTAGE", None, 1, 18.0, False),
        ("a", "1", "2024-01-01", "C2", "CARRIAGE", None, 1, 50.0, False),
        ("a", "1", "2024-01-01", "D", "Discount", None, 1, 5.0, False),
        ("a", "1", "2024-01-01", "M", "Manual", None, 1, 1.0, False),
        ("a", "1", "2024-01-01", "X1", "顺丰运费", None, 1, 12.0, False),
        ("a", "1", "2024-01-01", "X2", "Express  Delivery Charge", None, 1, 9.0, False),
        ("a", "1", "2024-01-01", "BANK CHARGES", None, None, 1, 15.0, False),  # no name: the id is read
        ("a", "1", "2024-01-01", "22423", "REGENCY CAKESTAND 3 TIER", None, 1, 12.75, False),
        ("a", "1", "2024-01-01", "21000", "HORSE AND CARRIAGE ORNAMENT", None, 1, 2.0, False),
        ("a", "1", "2024-01-01", "21001", "POSTAGE STAMP NOTEBOOK", None, 1, 2.0, False),
        ("a", "1", "2024-01-01", "T1", "茉莉花茶 礼盒", None, 1, 98.0, False),
        ("a", "1", "2024-01-01", "B1", "Gift bag", None, 1, 1.0, False),
        ("a", "1", "2024-01-01", "B2", "礼品袋", None, 1, 1.0, False),
    ])
    kept = list(purchases_only(lines)["product_id"])
    assert kept == ["22423", "21000", "21001", "T1"]
    pm = build_matrix(lines)
    assert list(pm.products) == ["21000", "21001", "22423", "T1"]


def test_a_charge_is_never_the_favourite_product():
    from desktop.engine.customers import build_customers

    lines = _lines([
        ("a", "1", "2024-01-01", "POST", "POSTAGE", None, 1, 40.0, False),
        ("a", "1", "2024-01-01", "T1", "Longjing", None, 1, 10.0, False),
        ("b", "2", "2024-01-02", "B1", "Gift bag", None, 1, 3.0, False),
    ])
    customers = build_customers(lines, pd.Timestamp("2024-01-03"))
    assert customers.loc["a", "favourite_product"] == "Longjing"
    assert pd.isna(customers.loc["b", "favourite_product"])  # bought only a charge: no favourite
