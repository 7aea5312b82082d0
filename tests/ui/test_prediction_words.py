"""Issue 17 item 5: the predictions' words cannot contradict each other: chances never claim a false
certainty, ranges read "between … and …", and a customer's group and prediction come with the reason
when they disagree. The ranges reach the marketing list as two columns."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from desktop.engine.export import with_extras
from desktop.texts import label
from desktop.engine.predictions import PredictionSettings
from desktop.ui.views import panel_sections as ps


def test_chances_say_100_or_0_percent_only_when_exact():
    assert ps.chance(1.0) == "100%" and ps.chance(0.0) == "0%"
    assert ps.chance(0.9996) == ">99%" and ps.chance(0.0004) == "<1%"
    assert ps.chance(0.5) == "50%" and ps.chance(float("nan")) == ""


def test_a_chance_of_buying_that_rounds_to_nothing_is_not_shown_as_0_percent():
    assert ps.buying_chance(pd.Series({"churn_risk": 1.0, "p_alive": 1e-12})) == "<1%"
    assert ps.buying_chance(pd.Series({"churn_risk": 1.0, "p_alive": 0.0})) == "0%"
    assert ps.buying_chance(pd.Series({"churn_risk": 0.25, "p_alive": 0.9})) == "75%"


def test_ranges_read_between_low_and_high():
    assert ps.between(1200, 3400, lambda v: f"¥{v:,.0f}") == "between ¥1,200 and ¥3,400"
    assert ps.between(None, 3400) == ""


def _data(segment: str, label: str):
    customers = pd.DataFrame({"segment": [segment], "segment_label": [label]}, index=["C1"])
    return SimpleNamespace(customers=customers, extra={})


def test_a_loyal_customer_long_overdue_gets_the_reason_beside_the_group():
    # 33 purchase days over 700 days (a gap of about 21 days), the last one 231 days ago; in days
    row = pd.Series({"p_alive": 0.02, "churn_risk": 0.99, "frequency": 32.0, "recency": 700.0 - 231.0,
                     "T": 700.0})
    result = SimpleNamespace(settings=PredictionSettings(time_unit="day"))
    text = ps.disagreement(_data("loyal", "Loyal"), "C1", row, result)
    assert text.startswith("Loyal by past spend; no purchase for 231 days")
    assert "16 times their usual gap" in text  # 469 / 32 = 14.7 days a gap; 231 / 14.7 = 15.8


def test_a_slipping_group_but_a_recent_purchase_within_the_usual_gap_is_explained():
    row = pd.Series({"p_alive": 0.95, "churn_risk": 0.2, "frequency": 5.0, "recency": 100.0, "T": 106.0})
    result = SimpleNamespace(settings=PredictionSettings(time_unit="day"))
    text = ps.disagreement(_data("lost", "Lost"), "C1", row, result)
    assert "Lost" in text and "6 days ago" in text and "20 days" in text


def test_agreeing_group_and_prediction_need_no_sentence():
    row = pd.Series({"p_alive": 0.95, "churn_risk": 0.1, "frequency": 5.0, "recency": 100.0, "T": 106.0})
    result = SimpleNamespace(settings=PredictionSettings(time_unit="day"))
    assert ps.disagreement(_data("loyal", "Loyal"), "C1", row, result) == ""


def test_the_spend_range_is_exported_as_two_columns():
    customers = pd.DataFrame({"customer_name": ["A", "B"]}, index=["1", "2"])
    predictions = pd.DataFrame({"predicted_spend_12m": [100.0, None], "predicted_spend_12m_low": [40.0, None],
                                "predicted_spend_12m_high": [180.0, None]}, index=["1", "2"])
    out = with_extras(customers, predictions)
    assert list(out.loc["1", ["predicted_spend_12m_low", "predicted_spend_12m_high"]]) == [40.0, 180.0]
    assert label("export_column", "predicted_spend_12m_low") == "Expected spend next year (low)"
