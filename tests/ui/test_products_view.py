"""The products view and the customer panel's suggestions, on the demo shop (one analysis for the
module): product list and search, bought together, who to offer a product to, settings, evaluation."""

from __future__ import annotations


import numpy as np
import pytest
from PySide6.QtWidgets import QLabel


@pytest.fixture(scope="module")
def view(demo_view):
    from desktop.ui.views.products import ProductsView

    return demo_view(ProductsView)


def _ready(view, qtbot):
    if view.bundle is None or view.runner.is_busy("suggestions"):
        with qtbot.waitSignal(view.suggestionsShown, timeout=60000):
            pass
    return view.bundle


def _shown(view, qtbot, product_id: str):
    with qtbot.waitSignal(view.productShown, timeout=30000,
                          check_params_cb=lambda p: p == product_id):
        view.select_product(product_id)


def test_suggestions_reach_the_data_and_the_product_list(view, demo_data, qtbot, qtmodeltester):
    bundle = _ready(view, qtbot)
    s = view.session.suggestion_table()
    assert s is bundle.suggestions
    assert s.groupby("customer_id").size().max() <= view.k.value()
    lines = demo_data.lines
    buys = lines[~lines["is_return"]]
    assert view.product_model.rowCount() == buys["product_id"].nunique()
    # most bought first: the first product has the most distinct customers
    top = buys.groupby("product_id")["customer_id"].nunique().max()
    assert view.product_proxy.index(0, 2).data() == f"{top:,}"
    qtmodeltester.check(view.product_model)


def test_search_narrows_the_product_list(view, demo_data, qtbot):
    bundle = _ready(view, qtbot)
    name = str(bundle.products["product_name"].iloc[-1])
    word = name.split()[0].lower()
    view.search.setText(word)
    view.apply_search()
    expected = sum(word in f"{i} {n} {c}".lower() for i, n, c in
                   zip(bundle.products.index, bundle.products["product_name"], bundle.products["category"].fillna("")))
    assert 0 < view.product_proxy.rowCount() == expected < len(bundle.products)
    view.search.clear()
    view.apply_search()
    assert view.product_proxy.rowCount() == len(bundle.products)


def test_a_product_shows_what_goes_with_it_and_whom_to_offer_it(view, qtbot, qtmodeltester):
    from desktop.engine.suggestions import bought_together, who_to_offer

    bundle = _ready(view, qtbot)
    product = str(bundle.products.index[0])
    _shown(view, qtbot, product)
    together = bought_together(bundle.models, product, 20)
    assert view.together_model.rowCount() == len(together) > 0
    assert set(view.together_model.keys()) == set(together["product_id"].astype(str))
    first = view.together_proxy.index(0, 5).data()
    assert first.startswith("Customers who buy")
    offer = who_to_offer(bundle.models, product, view.offer_n.value())
    assert view.offer_keys() == [str(c) for c in offer["customer_id"]]
    with qtbot.waitSignal(view.exportRequested) as blocker:
        view.offer_export.click()
    assert blocker.args[0] == [str(c) for c in offer["customer_id"]]
    qtmodeltester.check(view.together_model)
    qtmodeltester.check(view.offer_model)


def test_excluded_category_and_new_products_only_change_the_suggestions(view, demo_data, qtbot):
    bundle = _ready(view, qtbot)
    category = str(bundle.products["category"].value_counts().index[0])
    view.exclude_categories.setText(category)
    view.new_only.setChecked(True)
    with qtbot.waitSignal(view.suggestionsShown, timeout=60000):
        view.apply_button.click()
    s = view.session.suggestion_table()
    categories = view.bundle.products.loc[s["product_id"].astype(str), "category"]
    assert category not in set(categories)
    lines = demo_data.lines
    had = set(zip(lines["customer_id"].astype(str), lines["product_id"].astype(str)))
    assert not any((c, p) in had for c, p in zip(s["customer_id"], s["product_id"].astype(str)))
    view.exclude_categories.clear()
    view.new_only.setChecked(False)
    with qtbot.waitSignal(view.suggestionsShown, timeout=60000):
        view.apply_button.click()


def test_panel_section_lists_the_customers_top_suggestions_with_reasons(view, demo_data, qtbot):
    from desktop import texts
    from desktop.ui.i18n import install_language
    from desktop.ui.views.panel_sections import PANEL_SUGGESTIONS, suggestion_section

    _ready(view, qtbot)
    s = view.session.suggestion_table()
    cid = str(s["customer_id"].iloc[0])
    mine = texts.with_texts(s[s["customer_id"] == cid].sort_values("rank").head(PANEL_SUGGESTIONS))
    title, label = suggestion_section(view.session, cid)
    assert title == "Suggested products"
    text = label.text()
    for name in mine["product_name"]:
        assert str(name) in text
    assert str(mine["reason_en"].iloc[0]).split()[0] in text
    install_language("zh_CN")
    try:
        title, label = suggestion_section(view.session, cid)
        from html import escape

        assert escape(str(mine["reason_zh"].iloc[0])) in label.text()
        assert title == "推荐商品"
    finally:
        install_language("en")
    _title, widget = suggestion_section(view.session, "no-such-customer")
    assert isinstance(widget, QLabel) and "No suggestion" in widget.text()


def test_evaluation_on_request_fills_the_table_per_model_and_mode(view, qtbot, qtmodeltester):
    _ready(view, qtbot)
    with qtbot.waitSignal(view.evaluationShown, timeout=120000):
        view.evaluate_button.click()
    result = view.evaluation
    models = result["models"]
    assert view.evaluation_model.rowCount() == len(models)
    assert view.evaluation_model.key(0) == "blend"
    assert view.evaluation_model.index(0, 0).data() == "The mix Clientele uses"
    for mode in ("repeats_allowed", "new_items_only"):
        view.mode.setCurrentIndex(view.mode.findData(mode))
        for row in range(view.evaluation_model.rowCount()):
            key = view.evaluation_model.key(row)
            assert view.evaluation_model.index(row, 1).data() == f"{models[key][mode]['precision'] * 100:.1f}%"
        scored = result["details"]["customers_scored"][mode]
        assert f"{scored} customers" in view.evaluation_status.text()
    values = [models[k]["repeats_allowed"]["ndcg"] for k in models if k != "blend"]
    assert np.all(np.isfinite(values))
    qtmodeltester.check(view.evaluation_model)
