import numpy as np
import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.segments.features import available_groups, build_features
from seg_synthetic import make_lines, three_groups


def test_behaviour_features_are_logged_standardised_and_described():
    customers, _ = three_groups()
    customers["monetary"] = np.random.default_rng(0).lognormal(5, 1.5, len(customers))
    fm = build_features(customers)
    assert fm.names == ["recency_days", "frequency", "monetary", "avg_order_value",
                        "avg_days_between", "tenure_days"]
    assert np.allclose(fm.X.mean(), 0, atol=1e-9)
    assert np.allclose(fm.X.std(ddof=0), 1, atol=1e-6)
    assert fm.info("monetary").log  # right-skewed spend is log-transformed
    logged = np.log1p(customers["monetary"])
    assert np.allclose(fm.X["monetary"], (logged - logged.mean()) / logged.std(ddof=0))
    assert (fm.X.index == customers.index).all()
    desc = fm.description
    assert "total spend" in desc["text"] and "log-transformed" in desc["text"]
    assert "总消费" in desc["text_zh"]
    # One-time buyers have no gap between orders; they get at least their tenure, not a blank.
    one_time = customers["frequency"] == 1
    assert (fm.raw.loc[one_time, "avg_days_between"] >= customers.loc[one_time, "tenure_days"]).all()


def test_product_mix_shares_come_from_the_order_lines():
    customers, truth = three_groups()
    cats = {"regulars": "Green tea", "lapsed": "Gift boxes", "big_gifts": "Teaware"}
    lines = make_lines(customers, {c: cats[g] for c, g in truth.items()})
    fm = build_features(customers, lines, groups=("behaviour", "products"))
    shares = fm.raw[[c for c in fm.names if c.startswith("share:")]]
    assert set(shares.columns) == {"share:Green tea", "share:Gift boxes", "share:Teaware", "share:Snacks"}
    assert np.allclose(shares.sum(axis=1), 1.0)
    regulars = truth[truth == "regulars"].index
    assert shares.loc[regulars, "share:Green tea"].mean() > 0.8
    # The same spec rebuilds the same columns for other customers.
    again = fm.readable_for(customers.iloc[:10], lines)
    assert list(again.columns) == fm.names
    assert np.allclose(again.to_numpy(), fm.raw.iloc[:10].to_numpy())


def test_profile_group_and_missing_groups_are_explained():
    customers, _ = three_groups()
    rng = np.random.default_rng(1)
    customers["age"] = rng.integers(20, 70, len(customers)).astype(float)
    customers.loc[customers.index[:10], "age"] = np.nan
    customers["gender"] = np.where(rng.random(len(customers)) < 0.5, "F", "M")
    customers["city"] = rng.choice(["Shanghai", "Hangzhou", "Suzhou"], len(customers))
    groups = available_groups(customers)
    assert "products" not in groups
    assert "age" in groups["profile"] and "gender:F" in groups["profile"]
    fm = build_features(customers, None, groups=("behaviour", "products", "profile"))
    assert fm.info("age").fill == pytest.approx(customers["age"].median())
    assert any("Product mix was not used" in n.text() for n in fm.notes)
    assert fm.raw["city:Shanghai"].isin([0.0, 1.0]).all()
    # A refreshed table without the profile columns still gets the same columns, as unknown.
    bare = fm.readable_for(customers.drop(columns=["age", "gender", "city"]))
    assert list(bare.columns) == fm.names
    assert (bare["age"] == fm.info("age").fill).all() and (bare["city:Shanghai"] == 0).all()


def test_exclude_and_errors():
    customers, _ = three_groups()
    fm = build_features(customers, exclude=("tenure_days",))
    assert "tenure_days" not in fm.names
    with pytest.raises(InputError):
        build_features(customers, groups=("colour",))
    flat = pd.DataFrame({"recency_days": [5, 5, 5], "frequency": [1, 1, 1]},
                        index=pd.Index(["a", "b", "c"], name="customer_id"))
    with pytest.raises(InputError):
        build_features(flat)
