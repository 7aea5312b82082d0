"""Calibration / holdout check: predicted against actual repeat purchases (CDNOW, 39 + 39 weeks)."""

from __future__ import annotations

import pytest

from desktop.engine.errors import InputError
from desktop.engine.predictions.bgnbd import BGNBDParams
from desktop.engine.predictions.holdout import holdout_validation


@pytest.fixture(scope="module")
def cdnow_holdout(cdnow_lines):
    return holdout_validation(cdnow_lines, "1997-09-30", "1998-06-30", "week")


def test_cdnow_holdout_totals(cdnow_holdout):
    h = cdnow_holdout
    assert h.customers == 2357
    assert h.holdout_days == 273  # 39 weeks
    assert h.actual_repeat_purchases == 1882
    assert h.predicted_repeat_purchases == pytest.approx(1653, rel=0.005)
    assert h.bgnbd.r == pytest.approx(0.243, rel=0.005)
    assert h.warnings == []


def test_by_frequency_rows_add_up_to_the_totals(cdnow_holdout):
    rows = cdnow_holdout.by_frequency
    assert list(rows["label"]) == ["0", "1", "2", "3", "4", "5", "6", "7+"]
    assert rows["customers"].sum() == 2357
    assert (rows["customers"] * rows["actual"]).sum() == pytest.approx(1882)
    assert (rows["customers"] * rows["predicted"]).sum() == pytest.approx(cdnow_holdout.predicted_repeat_purchases)
    # the classic chart: more past purchases, more future ones, in prediction and in fact
    assert rows["predicted"].is_monotonic_increasing
    assert rows["actual"].is_monotonic_increasing
    assert rows["predicted"].iloc[0] == pytest.approx(rows["actual"].iloc[0], abs=0.03)


def test_given_parameters_are_checked_not_refitted(cdnow_lines):
    paper = BGNBDParams(r=0.243, alpha=4.414, a=0.793, b=2.426)
    h = holdout_validation(cdnow_lines, "1997-09-30", params=paper)
    assert h.bgnbd.r == 0.243
    assert h.holdout_end.date().isoformat() == "1998-06-30"  # default: the last day of the data
    assert h.predicted_repeat_purchases == pytest.approx(1653, rel=0.002)
    assert h.bgnbd.log_likelihood == pytest.approx(-9582.4, abs=0.5)


def test_spend_is_compared_too(cdnow_holdout, cdnow_lines):
    after = cdnow_lines[(cdnow_lines["date"] > "1997-09-30")]
    assert cdnow_holdout.actual_spend == pytest.approx(after["amount"].sum())
    assert 0.5 < cdnow_holdout.predicted_spend / cdnow_holdout.actual_spend < 1.5
    d = cdnow_holdout.to_dict()
    assert set(d) >= {"predicted_repeat_purchases", "actual_repeat_purchases", "by_frequency"}


def test_dates_that_leave_nothing_to_compare_are_input_errors(cdnow_lines):
    with pytest.raises(InputError, match="no later days"):
        holdout_validation(cdnow_lines, "1998-06-30")
    with pytest.raises(InputError, match="No purchases"):
        holdout_validation(cdnow_lines, "1996-01-01")
