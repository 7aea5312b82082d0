"""The whole-column text helpers give what the one-value-at-a-time Python they replace gave, including
on awkward values (spaces, NUL inside a value, None, unicode digits, partial matches)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from desktop.engine.cleaning import _repeated_rows, find_walk_in_ids, is_placeholder_id, placeholder_ids
from desktop.engine.customers import _distinct_per, _top_by_spend
from desktop.engine.parsing import full_matches, lost_precision_ids, stripped, to_text

AWKWARD = ["536414", "536414.0", " 536414.00 ", "C536379", "c12", "C", "xC12", "C12x", "1.23457E+17",
           "1.2E+15", " 1.23457e+17 ", "", "   ", None, "a\x00b", "0", "000", " 0 ", "-1", "-", "*", "_",
           "guest", "Walk-In", " 散客 ", "n/a", "#N/A", "10", "0a", "-1x", "C١٢", "２０２４", "2024-01-05",
           "45292.5", ".5", "5.", "1.2.3", "20240105"]


def test_full_matches_is_fullmatch_on_each_text() -> None:
    texts = np.array(AWKWARD, dtype=object)
    for pattern, hint in [(re.compile(r"[Cc]\d+"), ("C", "c")), (re.compile(r"[+-]?\d+\.0+"), "."),
                          (re.compile(r"(?<![^\x00])\d+(?:\.\d+)?(?![^\x00])"), ())]:
        expected = [isinstance(t, str) and pattern.fullmatch(t) is not None for t in AWKWARD]
        assert full_matches(texts, pattern, hint).tolist() == expected
    assert full_matches(np.array([], dtype=object), re.compile("x")).tolist() == []


def test_stripped_is_strip_of_each_text() -> None:
    texts = [t for t in AWKWARD if t is not None] + ["\u3000全角\u3000", "\ttab\n"]
    assert stripped(texts) == [t.strip() for t in texts]
    assert stripped([]) == []


def test_placeholder_ids_agree_with_is_placeholder_id() -> None:
    ids = np.array([t for t in AWKWARD if t is not None], dtype=object)
    assert placeholder_ids(ids).tolist() == [is_placeholder_id(v) for v in ids]
    clean = ids[[("\x00" not in v) for v in ids]]  # the fast path (no NUL inside an id)
    assert placeholder_ids(clean).tolist() == [is_placeholder_id(v) for v in clean]


def test_walk_in_ids_from_codes_equal_those_from_the_texts() -> None:
    customer = pd.Series(["0", "A1", "guest", "A1", None, "A2"] + [f"K{i}" for i in range(60)] + ["BIG"] * 40,
                         dtype=object)
    usable = np.ones(len(customer), dtype=bool)
    usable[3] = False
    codes, ids = pd.factorize(customer, use_na_sentinel=True)
    assert find_walk_in_ids(customer, usable, (codes, np.asarray(ids, dtype=object))) == \
        find_walk_in_ids(customer, usable) == {"0": "placeholder", "guest": "placeholder", "BIG": "share"}


def test_ids_with_exponents_and_trailing_zeros_as_text() -> None:
    values = pd.Series(["1.23457E+17", " 1.2E+15 ", "1.5E+14", "536414.0", "P001", None], dtype=object)
    assert lost_precision_ids(values.dropna()).tolist() == [True, True, False, False, False]
    assert to_text(values, ids=True).tolist() == ["123457000000000000", "1200000000000000", "150000000000000",
                                                  "536414", "P001", None]


def test_repeated_rows_is_duplicated_over_code_columns() -> None:
    rng = np.random.default_rng(3)
    # Wide codes so that the folded key overflows and is renumbered on the way.
    cols = [rng.integers(-1, k, 5000) for k in (3, 2_000_000_000, 5, 2_000_000_000, 4)]
    cols = [np.concatenate([c, c[:500]]) for c in cols]  # 500 exact repeats at the end
    expected = pd.DataFrame({i: c for i, c in enumerate(cols)}).duplicated().to_numpy()
    assert (_repeated_rows(cols) == expected).all() and expected.sum() >= 500


def test_distinct_per_and_top_by_spend_match_group_by() -> None:
    cust = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    orders = np.array([5, 5, -1, 7, 8, -1, -1, 3])
    assert _distinct_per(cust, orders, 4).tolist() == [2, 2, 2, 0]
    names = np.array([0, 1, 1, 2, 0, 2, 1, -1])
    spend = np.array([10.0, 4.0, 6.0, 3.0, 3.0, 1.0, 2.0, 50.0])
    # customer 0: a and b 10 each (a seen first); 1: c and a 3 each (a has the lower code); 2: b 2 > c 1
    assert _top_by_spend(cust, names, np.array(["a", "b", "c"], dtype=object), spend, 4).tolist() == \
        ["a", "a", "b", None]
