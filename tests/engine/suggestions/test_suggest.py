import numpy as np
import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.suggestions import (SuggestionSettings, fit_models, recommend, suggestions_for,
                                        who_to_offer)

COLUMNS = ["customer_id", "rank", "product_id", "product_name", "score", "model", "reason_en", "reason_zh"]


def test_recommend_gives_k_ranked_suggestions_with_reasons(fitted):
    table = recommend(fitted)
    assert list(table.columns) == COLUMNS
    assert set(table["customer_id"]) == set(fitted.pm.customers)
    per = table.groupby("customer_id")
    assert (per.size() == 5).all()
    assert per["rank"].apply(lambda r: list(r) == [1, 2, 3, 4, 5]).all()
    assert per["score"].apply(lambda s: s.is_monotonic_decreasing).all()
    assert not table.duplicated(["customer_id", "product_id"]).any()
    assert table["reason_en"].str.len().gt(10).all()
    assert table["reason_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert set(table["model"]) <= set(fitted.models)


def test_weights_were_learnt_on_the_history(fitted):
    assert fitted.tuning["tuned"]
    for mode in ("repeats_allowed", "new_items_only"):
        assert fitted.weights[mode] and all(w > 0 for w in fitted.weights[mode].values())
    assert "buy_again" not in fitted.weights["new_items_only"]  # it has nothing new to offer


def test_new_only_and_recent_and_product_exclusions(shop):
    sm = fit_models(shop, SuggestionSettings(k=5, allow_repeats=False, exclude_products=("Gift bag 礼品袋",),
                                             exclude_categories=("snacks 茶点",), tune=False))
    table = recommend(sm)
    bought = set(zip(shop.loc[~shop["is_return"], "customer_id"], shop.loc[~shop["is_return"], "product_id"]))
    assert not any((c, p) in bought for c, p in zip(table["customer_id"], table["product_id"]))
    assert "Gift bag 礼品袋" not in set(table["product_name"])
    assert not table["product_id"].str.startswith("4").any()  # the snacks category

    sm = fit_models(shop, SuggestionSettings(k=5, exclude_recent_days=60, tune=False))
    table = recommend(sm)
    buys = shop[~shop["is_return"]]
    last = buys.groupby(["customer_id", "product_id"])["date"].max()
    as_of = buys["date"].max().normalize() + pd.Timedelta(days=1)
    recent = set(last[last.dt.normalize() > as_of - pd.Timedelta(days=60)].index)  # bought less than 60 days ago
    assert not any((c, p) in recent for c, p in zip(table["customer_id"], table["product_id"]))
    assert table.groupby("customer_id").size().max() == 5


def test_unknown_customer_gets_best_sellers(fitted):
    table = suggestions_for(fitted, "never-seen", 3)
    assert len(table) == 3
    assert set(table["model"]) <= {"popularity", "segment_popularity"}


def test_who_to_offer_ranks_customers_for_a_product(fitted):
    table = who_to_offer(fitted, "Tea cup set 茶杯套装", n=20)
    assert 0 < len(table) <= 20
    assert table["score"].is_monotonic_decreasing
    assert table["customer_id"].is_unique
    assert table["reason_en"].str.len().gt(10).all()
    with pytest.raises(InputError):
        who_to_offer(fitted, "no such product")


def test_settings_are_validated_by_their_effect_on_k(fitted):
    assert recommend(fitted, k=2).groupby("customer_id").size().max() == 2
