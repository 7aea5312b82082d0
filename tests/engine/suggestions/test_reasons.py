import numpy as np

from desktop.engine.suggestions import SuggestionSettings, fit_models, recommend
from desktop.engine.suggestions.reasons import _closest_bought


def test_taste_reason_names_the_closest_product_the_customer_bought(shop):
    sm = fit_models(shop, SuggestionSettings(k=5, models=("als", "popularity"), tune=False))
    als, pm = sm.models["als"], sm.pm
    rng = np.random.default_rng(0)
    rows = np.sort(rng.integers(0, pm.n_customers, 300))
    items = rng.integers(0, pm.n_products, 300)
    got = _closest_bought(pm, als.item_unit, rows, items)
    for r, i, g in zip(rows, items, got):
        bought = pm.days.indices[pm.days.indptr[r]:pm.days.indptr[r + 1]]
        cos = als.item_unit[bought] @ als.item_unit[i]
        assert g == (bought[np.argmax(cos)] if cos.max() > 0 else -1)
    table = recommend(sm, k=5)
    taste = table[table["model"] == "als"]
    assert len(taste) and taste["reason_en"].str.contains("fits").all()
    assert taste["reason_zh"].str.contains("符合").all()
