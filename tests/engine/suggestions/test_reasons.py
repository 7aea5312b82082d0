import numpy as np

from desktop import texts
from desktop.engine.suggestions import SuggestionSettings, fit_models
from desktop.engine.suggestions.reasons import _closest_bought, explain


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
        if cos.max() > 1e-6:
            # The closest one (another product exactly as close may be named instead).
            assert g in bought and abs(float(als.item_unit[g] @ als.item_unit[i]) - cos.max()) < 1e-5
        elif cos.max() <= 0:
            assert g == -1
    found = explain(sm, rows, items, ["als"] * len(rows))
    messages = texts.rows_messages(found.codes, found.params)
    en, zh = [m.text("en") for m in messages], [m.text("zh") for m in messages]
    names = pm.product_names
    for g, i, e, z in zip(got, items, en, zh):
        assert str(names[i]) in e and str(names[i]) in z
        if g >= 0 and g != i:
            assert f"goes with {names[g]}" in e and f"与您买过的{names[g]}相配" in z
