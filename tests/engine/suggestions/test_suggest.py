import pickle

import numpy as np
import pandas as pd
import pytest

from desktop import texts
from desktop.engine.errors import InputError
from desktop.engine.suggestions import (SuggestionSettings, bought_together, evaluate, fit_models, recommend,
                                        suggestions_for, who_to_offer)
from desktop.engine.suggestions.matrix import build_matrix
from desktop.engine.suggestions.suggest import MAX_PERIODS, SMALL_SHOP_PERIODS, validation_periods

COLUMNS = ["customer_id", "rank", "product_id", "product_name", "score", "model", "reason_en", "reason_zh"]


def test_recommend_gives_k_ranked_suggestions_with_reasons(fitted):
    found = recommend(fitted)
    assert list(found.columns[:7]) == COLUMNS[:6] + ["reason"]  # a message code, its parameters after it
    assert all(c.startswith("reason.") for c in found.columns[7:])
    table = texts.with_texts(found)  # the sentences, as the CLI shows them
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
    table = texts.with_texts(who_to_offer(fitted, "Tea cup set 茶杯套装", n=20))
    assert 0 < len(table) <= 20
    assert table["score"].is_monotonic_decreasing
    assert table["customer_id"].is_unique
    assert table["reason_en"].str.len().gt(10).all()
    with pytest.raises(InputError):
        who_to_offer(fitted, "no such product")


def test_settings_are_validated_by_their_effect_on_k(fitted):
    assert recommend(fitted, k=2).groupby("customer_id").size().max() == 2


def _staples_shop(customers: int = 150, days: int = 540, seed: int = 5) -> pd.DataFrame:
    """A shop where each customer rebuys their own few products at their own pace, plus now and then
    a product at random: buying again is clearly the best predictor, and nothing else adds to it."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        staples = rng.choice(80, size=int(rng.integers(2, 4)), replace=False)
        every = int(rng.integers(12, 30))
        day = int(rng.integers(0, 60))
        while day < days:
            basket = [p for p in staples if rng.random() < 0.7]
            basket += [int(rng.integers(0, 80))] if rng.random() < 0.3 else []
            for p in dict.fromkeys(basket):
                rows.append((f"C{c:03d}", f"O{c}-{day}", pd.Timestamp("2024-01-01") + pd.Timedelta(days=day),
                             f"P{p:02d}", f"Product {p}", None, 1.0, 10.0, 10.0, False))
            day += max(3, int(rng.normal(every, every / 4)))
    return pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name", "category",
                                       "quantity", "unit_price", "amount", "is_return"])


def test_blend_is_the_clearly_best_model_when_nothing_adds_to_it():
    shop = _staples_shop()
    result = evaluate(shop, "2025-03-01", k=5, details=True)
    tuning = result["details"]["tuning"]["repeats_allowed"]
    assert tuning["best_single"] == "buy_again" and tuning["periods"] >= 2
    assert result["details"]["weights"]["repeats_allowed"] == {"buy_again": 1.0}
    models = result["models"]
    recall = {m: f["repeats_allowed"]["recall"] for m, f in models.items()}
    assert max(recall, key=recall.get) in ("buy_again", "blend")
    # The fallback ranks exactly as the model it falls back to.
    assert models["blend"]["repeats_allowed"] == models["buy_again"]["repeats_allowed"]


def test_weights_are_chosen_on_earlier_periods_only(shop):
    sm = fit_models(shop, SuggestionSettings(k=5))
    periods = sm.tuning["periods"]
    assert 2 <= len(periods) <= SMALL_SHOP_PERIODS  # a small shop: overlapping periods
    ends = [pd.Timestamp(e) for _, e in periods]
    assert max(ends) <= sm.pm.as_of
    assert all(pd.Timestamp(s) - sm.pm.as_of < pd.Timedelta(0) for s, _ in periods)
    # Each period has at least its own length of history before it.
    first = pd.to_datetime(shop["date"]).min()
    assert all(pd.Timestamp(s) - first >= pd.Timestamp(e) - pd.Timestamp(s) - pd.Timedelta(days=1) for s, e in periods)
    short = validation_periods(build_matrix(shop[pd.to_datetime(shop["date"]) < first + pd.Timedelta(days=50)]), 30.0)
    assert short == []
    # One after the other, or overlapping by half; never more than asked for.
    pm = build_matrix(shop)
    apart = validation_periods(pm, 30.0, MAX_PERIODS, 1.0)
    half = validation_periods(pm, 30.0, SMALL_SHOP_PERIODS, 0.5)
    assert len(apart) <= MAX_PERIODS and len(half) <= SMALL_SHOP_PERIODS and len(half) >= len(apart)
    assert all(s1 - s2 == pd.Timedelta(days=30) for (s1, _), (s2, _) in zip(apart, apart[1:]))
    assert all(s1 - s2 == pd.Timedelta(days=15) for (s1, _), (s2, _) in zip(half, half[1:]))
    assert apart[0] == half[0] and apart[0][1] == pm.as_of


def test_models_are_fitted_when_needed_and_travel_without_the_lines(shop):
    sm = fit_models(shop, SuggestionSettings(k=5))
    used = set(sm.weights[sm.settings.mode])
    assert set(sm.models) == used | {"popularity"}
    unused = next(m for m in sm.models.names if m not in sm.models)
    assert sm.models[unused] is sm.models[unused]  # fitted once, on first use
    copy = pickle.loads(pickle.dumps(sm))
    assert copy.models.lines is None
    pd.testing.assert_frame_equal(recommend(copy, k=3), recommend(sm, k=3))
    # The copy fits what it has not fitted yet from its own saved matrix, not from the dropped lines.
    assert len(bought_together(copy, "Gift box A 礼盒A")) > 0
