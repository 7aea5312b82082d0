import numpy as np
import pandas as pd
import pytest

from desktop import texts
from desktop.engine.suggestions import SuggestionSettings, bought_together, fit_models, recommend
from desktop.engine.suggestions.matrix import build_matrix
from desktop.engine.suggestions.models import MODEL_CLASSES, FitContext


def _ctx(lines, horizon=30.0):
    pm = build_matrix(lines)
    return FitContext(pm=pm, lines=lines, horizon_days=horizon, segment_codes=np.zeros(pm.n_customers, dtype=np.int64),
                      segment_labels=[("everyone", "所有顾客")])


@pytest.mark.parametrize("name", list(MODEL_CLASSES))
def test_every_model_scores_known_and_unknown_customers(shop, name):
    ctx = _ctx(shop)
    model = MODEL_CLASSES[name]().fit(ctx)
    rows = np.array([0, 1, -1])
    s = model.score(rows)
    dense = s if isinstance(s, np.ndarray) else s.toarray()
    assert dense.shape == (3, ctx.pm.n_products)
    assert np.isfinite(dense).all() and (dense >= 0).all()
    if name not in ("popularity", "segment_popularity"):
        assert dense[2].sum() == 0  # no history: nothing to go on
    assert dense[0].max() > 0


@pytest.mark.parametrize("name", ["popularity", "segment_popularity"])
def test_shorter_best_seller_lists_are_the_head_of_the_full_one(shop, name):
    model = MODEL_CLASSES[name]().fit(_ctx(shop))
    rows = np.array([0, 1, -1])
    full = model.score(rows)
    for n in (3, 1, 7):  # in any order: a shorter list never spoils a longer one
        short = model.score(rows, n)
        for r in range(len(rows)):
            head = np.argsort(-full[r].toarray().ravel(), kind="stable")[:n]
            assert short[r].nnz == n and set(short[r].indices) == set(head)
            assert np.allclose(short[r].toarray().ravel()[head], full[r].toarray().ravel()[head])


def test_collaborative_models_learn_what_goes_together():
    # Half the customers buy A then B; a new customer who bought A should be offered B before C.
    rows = []
    for c in range(40):
        rows.append((f"c{c}", f"o{c}a", "2024-01-01", "A", "Gift box A 礼盒A", "Gifts"))
        rows.append((f"c{c}", f"o{c}a", "2024-01-01", "B", "Gift bag 礼品袋", "Gifts"))
        rows.append((f"d{c}", f"p{c}", "2024-01-02", "C", "Clay teapot 紫砂壶", "Teaware"))
        rows.append((f"d{c}", f"p{c}", "2024-01-02", "D", "Tea tray 茶盘", "Teaware"))
    rows.append(("new", "x", "2024-01-03", "A", "Gift box A 礼盒A", "Gifts"))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name", "category"])
    lines["date"] = pd.to_datetime(lines["date"])
    lines["quantity"], lines["amount"], lines["is_return"] = 1.0, 10.0, False
    ctx = _ctx(lines, horizon=1)
    row = np.array([ctx.pm.customers.get_loc("new")])
    b, c = ctx.pm.products.get_loc("B"), ctx.pm.products.get_loc("C")
    for name in ("item_knn", "user_knn", "als", "rules"):
        s = MODEL_CLASSES[name]().fit(ctx).score(row)
        s = s if isinstance(s, np.ndarray) else s.toarray()
        assert s[0, b] > s[0, c], name


def test_buy_again_explains_the_usual_interval():
    rows = []
    for c in range(30):
        for i in range(8):  # tea every 10 days; a teapot once
            rows.append((f"c{c}", f"o{c}-{i}", pd.Timestamp("2024-01-01") + pd.Timedelta(days=10 * i + c % 5), "T",
                         "Jasmine tea 茉莉花茶"))
        rows.append((f"c{c}", f"o{c}-pot", pd.Timestamp("2024-01-02"), "P", "Clay teapot 紫砂壶"))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name"])
    lines["quantity"], lines["amount"], lines["is_return"], lines["category"] = 1.0, 10.0, False, None
    sm = fit_models(lines, SuggestionSettings(k=2, models=("buy_again", "popularity"), tune=False))
    top = texts.with_texts(recommend(sm, ["c0"], 1)).iloc[0]
    assert top["product_id"] == "T"
    assert top["model"] == "buy_again"
    assert "8 times, about every 10 days" in top["reason_en"]
    assert "8 次" in top["reason_zh"] and "10 天" in top["reason_zh"]


def test_bought_together_reports_support_confidence_lift(fitted):
    table = texts.with_texts(bought_together(fitted, "Gift box A 礼盒A"))
    assert table.iloc[0]["product_name"] == "Gift bag 礼品袋"
    first = table.iloc[0]
    assert 0 < first["support"] <= first["confidence"] <= 1
    assert first["lift"] > 1
    assert "Gift box A" in first["reason_en"] and "礼盒A" in first["reason_zh"]
    assert table["confidence"].is_monotonic_decreasing


def test_content_finds_chinese_names_alike():
    names = ["龙井绿茶", "碧螺春绿茶", "紫砂壶", "玻璃杯"]
    rows = [(f"c{i}", f"o{i}", "2024-01-01", f"P{i}", n) for i, n in enumerate(names)]
    rows.append(("x", "ox", "2024-01-02", "P0", names[0]))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name"])
    lines["date"] = pd.to_datetime(lines["date"])
    lines["quantity"], lines["amount"], lines["is_return"], lines["category"] = 1.0, 1.0, False, None
    ctx = _ctx(lines)
    s = MODEL_CLASSES["content"]().fit(ctx).score(np.array([ctx.pm.customers.get_loc("x")])).toarray()[0]
    assert s[ctx.pm.products.get_loc("P1")] > s[ctx.pm.products.get_loc("P2")]


def test_factorisation_top_is_the_best_of_its_scores(shop):
    # Block-by-block top-k, with blocked pairs and an excluded product, against the full score array.
    from desktop.engine.suggestions.blend import prepare

    ctx = _ctx(shop)
    als = MODEL_CLASSES["als"]().fit(ctx)
    als.chunk = 7  # several blocks, and a block boundary inside the rows
    rows = np.array([3, -1, 0, 5, 1, 2, 9, 4, 8, 6, 7, 10, 11, 12, 13, 14, 15])
    n_p = ctx.pm.n_products
    excluded = np.zeros(n_p, dtype=bool)
    excluded[2] = True
    blocked = np.sort(np.array([0 * n_p + 1, 3 * n_p + 4, 3 * n_p + 5, 16 * n_p + 0], dtype=np.int64))
    got = prepare(als.top(rows, 5, blocked, excluded), np.zeros(0, dtype=np.int64), None, 5).toarray()
    want = prepare(als.score(rows), blocked, excluded, 5).toarray()
    assert np.allclose(got, want)
    assert got[1].sum() == 0 and (got[:, 2] == 0).all() and got[0, 1] == 0 and got[3, 4] == got[3, 5] == 0
    assert ((got > 0).sum(axis=1)[[0, 2, 3]] == 5).all()


def test_buy_again_says_every_day_not_every_1_days():
    rows = []
    for c in range(30):
        for i in range(6):  # milk every day
            rows.append((f"c{c}", f"o{c}-{i}", pd.Timestamp("2024-03-01") + pd.Timedelta(days=i), "M", "Milk"))
        rows.append((f"c{c}", f"o{c}-x", pd.Timestamp("2024-03-01"), "X", "Bread"))
    lines = pd.DataFrame(rows, columns=["customer_id", "order_id", "date", "product_id", "product_name"])
    lines["quantity"], lines["amount"], lines["is_return"], lines["category"] = 1.0, 2.0, False, None
    sm = fit_models(lines, SuggestionSettings(k=2, models=("buy_again", "popularity"), tune=False))
    top = texts.with_texts(recommend(sm, ["c0"], 1)).iloc[0]
    assert top["product_id"] == "M"
    assert "6 times, about every day" in top["reason_en"]
    assert "1 days" not in top["reason_en"]
    assert "大约每天一次" in top["reason_zh"]
