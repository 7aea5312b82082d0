"""Issue 17: predictions that step back when the evidence is thin, choose their model on the shop's own
past, stay within bounds from the data, and say how sure they are. Each shop is made up here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.engine.predictions import PredictionSettings, predict_customers
from desktop.engine.predictions import bgnbd as bg
from desktop.engine.predictions.choice import fit_problem
from desktop.engine.predictions.forecast import PaceModel
from desktop.engine.predictions.summary import summarise_for_clv

START = pd.Timestamp("2022-01-01")


def _lines(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"]).assign(is_return=False)


def _regular(customers: int, days: int, gap: int, seed: int = 0) -> pd.DataFrame:
    """Customers who each buy about every `gap` days from a random start within the first gap."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        d = int(rng.integers(0, gap))
        while d < days:
            rows.append((f"R{c:04d}", START + pd.Timedelta(days=d), float(rng.gamma(4.0, 10.0))))
            d += max(1, int(rng.normal(gap, gap / 5)))
    return _lines(rows)


def _mbg_shop(customers: int, days: int, seed: int = 0) -> pd.DataFrame:
    """Customers as MBG/NBD describes them: a purchase rate, and after each purchase (the first one
    too) a chance of leaving for good. Most one-time buyers have left."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        first = int(rng.integers(0, days // 2))
        lam = rng.gamma(1.5, 1 / 40.0)  # purchases per day
        p = rng.beta(1.0, 3.0)
        d = float(first)
        rows.append((f"M{c:05d}", START + pd.Timedelta(days=first), float(rng.gamma(4.0, 10.0))))
        while rng.random() > p:
            d += rng.exponential(1 / lam)
            if d >= days:
                break
            rows.append((f"M{c:05d}", START + pd.Timedelta(days=int(d)), float(rng.gamma(4.0, 10.0))))
    return _lines(rows)


# --- gates ---------------------------------------------------------------------------------------
def test_history_shorter_than_three_usual_gaps_gives_no_figures_and_says_how_long_it_must_be():
    lines = _regular(60, 150, gap=60)
    r = predict_customers(lines)
    assert r.method == "none"
    w = r.warnings[0]
    assert w.code == "short_history"
    assert w.params["need_days"] >= 3 * 50 and w.params["days"] <= 150
    assert f"covers {w.params['days']} days" in w.text("en") and str(w.params["need_days"]) in w.text("zh")
    assert r.table["expected_purchases_90"].isna().all() and r.table["churn_risk"].isna().all()
    assert r.table["historic_spend"].gt(0).all()


def test_a_few_repeat_buyers_give_no_figures():
    rows = [(f"O{c}", START + pd.Timedelta(days=c * 3), 10.0) for c in range(200)]
    rows += [(f"O{c}", START + pd.Timedelta(days=c * 3 + 40), 12.0) for c in range(3)]
    r = predict_customers(_lines(rows))
    assert r.method == "none"
    assert r.warnings[0].code == "few_repeat_buyers" and r.warnings[0].params["n"] == 3
    assert r.table["p_alive"].isna().all()


def test_yearly_figures_need_half_a_year():
    lines = _regular(80, 120, gap=7)
    r = predict_customers(lines)
    assert r.method != "none"
    assert "short_history_year" in [w.code for w in r.warnings]
    t = r.table
    assert t["expected_purchases_90"].notna().all()
    for col in ("expected_purchases_365", "predicted_spend_12m", "predicted_spend_12m_low", "clv"):
        assert t[col].isna().all(), col


def test_a_model_far_off_on_the_holdout_gives_no_figures():
    # everyone bought weekly for 240 days and then nobody bought for 120 days: no model could have known
    lines = _regular(80, 240, gap=7)
    r = predict_customers(lines, START + pd.Timedelta(days=360))
    assert r.method == "none"
    assert "holdout_too_far_off" in [w.code for w in r.warnings]
    assert r.table["expected_purchases_90"].isna().all()
    assert r.model["too_far_off"] is True


# --- model choice and degenerate fits ------------------------------------------------------------
def test_model_is_chosen_on_the_holdout_and_one_time_buyers_can_be_gone():
    lines = _mbg_shop(3000, 900, seed=3)
    r = predict_customers(lines, settings=PredictionSettings(time_unit="day"))
    assert r.method in ("bgnbd", "mbgnbd")
    cands = r.model["holdout"]["candidates"]
    assert {"bgnbd", "mbgnbd", "simple"} <= set(cands)
    assert r.method == min(cands, key=lambda n: cands[n]["rmse"])
    assert r.model["holdout_error"] == pytest.approx(cands[r.method]["error"])
    t = r.table
    old_once = t[(t["frequency"] == 0) & (t["T"] > 365)]
    assert len(old_once) > 50
    assert old_once["p_alive"].median() < 0.5
    assert (t["p_alive"] < 1.0).all()


def test_a_fit_at_its_bound_is_named_and_not_used():
    # nobody ever leaves: BG/NBD's drop-out chance goes to its bound
    lines = _regular(120, 500, gap=20, seed=5)
    r = predict_customers(lines)
    codes = [w.code for w in r.warnings]
    summary = summarise_for_clv(lines, None, "week")
    problem = fit_problem(r.bgnbd, summary, 7.0, 1.0)
    assert problem is not None and problem.code in codes
    assert r.method == "simple"
    assert r.purchase_params is None


def test_fit_problem_names_each_kind_of_degenerate_fit():
    lines = _mbg_shop(300, 600, seed=1)
    summary = summarise_for_clv(lines, None, "week")
    good = bg.BGNBDParams(0.5, 5.0, 0.8, 2.0, log_likelihood=-100.0)
    assert fit_problem(good, summary, 7.0, 1.0) is None
    assert fit_problem(bg.BGNBDParams(0.5, 5.0, 6e-6, 2.0, -100.0), summary, 7.0, 1.0).code == "fit_at_bound"
    assert fit_problem(bg.BGNBDParams(0.5, 5.0, 0.8, 2.0, float("nan")), summary, 7.0, 1.0).code == "fit_not_finite"
    assert fit_problem(bg.BGNBDParams(0.5, 5.0, 0.8, 2.0, -1.0, converged=False), summary, 7.0,
                       1.0).code == "fit_not_converged"
    # a mean of 50 purchase days a week is implausible for a shop whose busiest buys weekly
    implausible = fit_problem(bg.BGNBDParams(50.0, 1.0, 0.8, 2.0, -1.0), summary, 7.0, 1 / 7)
    assert implausible.code == "fit_implausible" and implausible.params["per_year"] > 365


# --- bounds -------------------------------------------------------------------------------------
def test_nobody_is_predicted_beyond_their_own_history_or_the_busiest_customers():
    lines = _mbg_shop(2000, 800, seed=7)
    r = predict_customers(lines)
    t = r.table
    days = pd.to_datetime(lines["date"])
    per_customer = lines.assign(day=days.dt.normalize()).groupby("customer_id")["day"].nunique()
    watched = np.maximum(t["T"].astype(float) * 7 + 1, 90)
    own = 2.0 * per_customer.reindex(t.index) / watched * 365 + 1.0
    assert (t["expected_purchases_365"] <= own + 1e-9).all()
    assert (t["expected_purchases_365"] <= r.checks["max_purchases_per_year"] + 1e-9).all()
    assert (t["expected_purchases_365_high"] <= own + 1e-9).all()


def test_total_spend_next_year_stays_within_a_range_of_last_years_sales():
    lines = _mbg_shop(1500, 800, seed=8)
    tight = PredictionSettings(max_total_growth=0.2, supported_total_growth=0.2)
    r = predict_customers(lines, settings=tight)
    assert "totals_capped" in [w.code for w in r.warnings]
    assert r.table["predicted_spend_12m"].sum() == pytest.approx(0.2 * r.checks["last_year_sales"], rel=1e-6)
    free = predict_customers(lines)
    assert "totals_capped" not in [w.code for w in free.warnings]
    assert free.table["predicted_spend_12m"].sum() <= 2.0 * free.checks["last_year_sales"]


def test_the_pace_model_gives_a_one_time_buyer_no_pace():
    rows = [(f"P{c}", START + pd.Timedelta(days=c), 10.0) for c in range(100)]  # one-time buyers
    rows += [(f"P{c}", START + pd.Timedelta(days=c + k * 10), 10.0) for c in range(20) for k in range(1, 30)]
    lines = _lines(rows)
    summary = summarise_for_clv(lines, None, "day")
    as_of = pd.to_datetime(lines["date"]).max()
    pace = PaceModel(summary, as_of, 1.0)
    once = summary["frequency"].to_numpy() == 0
    assert once.sum() == 80
    assert (pace.expected(365.0)[once] <= 1.0).all()  # at most one more purchase
    assert (pace.p_alive[once] <= pace.return_share + 1e-12).all()
    assert np.isinf(pace.days_to_next()[once]).all()


# --- how sure ------------------------------------------------------------------------------------
def test_every_yearly_figure_comes_with_an_80_percent_range():
    lines = _mbg_shop(2000, 800, seed=9)
    r = predict_customers(lines)
    t = r.table
    assert (t["expected_purchases_365_low"] <= t["expected_purchases_365"] + 1e-9).all()
    assert (t["expected_purchases_365"] <= t["expected_purchases_365_high"] + 1e-9).all()
    assert (t["predicted_spend_12m_low"] <= t["predicted_spend_12m"] + 1e-9).all()
    assert (t["predicted_spend_12m"] <= t["predicted_spend_12m_high"] + 1e-9).all()
    assert (t["predicted_spend_12m_high"] > t["predicted_spend_12m_low"]).mean() > 0.5
    total = r.totals["predicted_spend_12m"]
    assert total["low"] <= total["value"] <= total["high"] and total["low"] < total["high"]
    assert total["value"] == pytest.approx(t["predicted_spend_12m"].sum())


def test_the_pace_model_never_calls_a_regular_certainly_still_a_customer():
    lines = _regular(50, 400, gap=20, seed=11)
    summary = summarise_for_clv(lines, None, "day")
    pace = PaceModel(summary, pd.to_datetime(lines["date"]).max(), 1.0)
    x = summary["frequency"].to_numpy(dtype=float)
    assert (pace.p_alive < 1.0).all()
    assert (pace.p_alive <= (x + 1) / (x + 2) + 1e-12).all()
