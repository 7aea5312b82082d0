"""Numbers and charts as a shop owner reads them (issue 18, item 8)."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QColor

from desktop.ui.palette import _KNOWN, revenue_brush
from desktop.ui.views.overview import revenue_periods
from desktop.ui.views.predictions import holdout_gap_text
from desktop.ui.widgets import number_axis, static_plot, tick_text


def _lab(colour: QColor) -> tuple[float, float, float, float]:
    """CIE L*a*b* of an sRGB colour, and its relative luminance."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
           for c in (colour.redF(), colour.greenF(), colour.blueF())]
    x = 0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = 0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x / 0.95047), f(y), f(z / 1.08883)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz), y


RFM_KEYS = ["champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
            "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost"]


def test_group_colours_are_told_apart_on_the_map_and_seen_on_white():
    labs = {k: _lab(QColor(_KNOWN[k])) for k in RFM_KEYS}
    closest = min((math.dist(labs[a][:3], labs[b][:3]), a, b) for a, b in itertools.combinations(RFM_KEYS, 2))
    assert closest[0] >= 18, closest  # the three greens were 14 apart
    for key in RFM_KEYS:  # contrast with the white chart background (WCAG ratio)
        assert 1.05 / (labs[key][3] + 0.05) >= 1.9, key


def test_the_revenue_bar_is_the_groups_colour_hatched_not_a_pale_one():
    from PySide6.QtCore import Qt

    brush = revenue_brush(QColor(_KNOWN["promising"]))
    assert brush.style() == Qt.BrushStyle.BDiagPattern
    assert brush.color() == QColor(_KNOWN["promising"])


@pytest.mark.parametrize("value, spacing, text", [
    (12000, 2000, "12,000"), (1500000, 500000, "1,500,000"), (0.002, 0.001, "0.002"), (0.5, 0.1, "0.5"),
    (0, 0.1, "0"), (-2500, 500, "-2,500"), (30, 10, "30"), (1e-17, 0.2, "0"),
])
def test_axis_numbers_have_thousands_separators_and_no_si_factor(value, spacing, text):
    assert tick_text(value, spacing) == text


def test_a_chart_axis_writes_its_numbers_itself(qapp):
    plot = static_plot()
    axis = plot.getAxis("left")
    assert axis.autoSIPrefix is False
    assert axis.tickStrings([0.0, 0.001, 0.002], 1.0, 0.001) == ["0", "0.001", "0.002"]
    assert axis.tickStrings([200000.0], 1.0, 50000.0) == ["200,000"]
    plot.setLabel("left", "Revenue")
    plot.plot([0, 1, 2], [0.0, 0.001, 0.002])
    assert "x0.001" not in axis.labelString() and "(x" not in axis.labelString()
    assert number_axis("bottom").orientation == "bottom"


def _lines(start: str, days: int, per_day: int = 2) -> pd.DataFrame:
    dates = pd.date_range(start, periods=days, freq="D").repeat(per_day)
    return pd.DataFrame({"date": dates, "amount": np.full(len(dates), 10.0)})


def test_revenue_of_less_than_a_month_is_by_day_not_one_bar():
    revenue, unit = revenue_periods(_lines("2010-12-01", 20))
    assert unit == "day" and len(revenue) == 20
    assert revenue.index[0] == "2010-12-01" and revenue.iloc[0] == 20.0


def test_revenue_of_two_months_is_by_week_from_monday():
    revenue, unit = revenue_periods(_lines("2011-01-05", 60))  # a Wednesday
    assert unit == "week"
    assert revenue.index[0] == "2011-01-03"  # its Monday
    assert revenue.sum() == 60 * 2 * 10.0 and len(revenue) == 9


def test_revenue_of_a_year_is_by_month():
    revenue, unit = revenue_periods(_lines("2011-01-01", 365, 1))
    assert unit == "month" and len(revenue) == 12 and revenue.index[0] == "2011-01"
    given = pd.Series([1.0], index=["2011-01"])
    assert revenue_periods(_lines("2011-01-01", 365, 1), given)[0] is given


def test_the_prediction_check_says_too_high_or_too_low_never_off(qapp):
    assert holdout_gap_text(0.23) == " (23% too high)"
    assert holdout_gap_text(-0.1) == " (10% too low)"
    assert holdout_gap_text(0.001) == " (about right)"
    assert holdout_gap_text(float("nan")) == ""
    assert "off" not in holdout_gap_text(0.23)


def test_typical_number_of_orders_is_a_whole_number(qapp):
    from desktop.ui.models.tables import FrameModel
    from desktop.ui.views.segments import segment_columns

    columns = [c for c in segment_columns() if c.key == "median_frequency"]
    model = FrameModel(columns)
    model.set_frame(pd.DataFrame({"median_frequency": [5.5, 3.0]}, index=["a", "b"]), columns)
    shown = [model.index(r, 0).data() for r in range(2)]
    assert all("." not in s for s in shown) and shown[1] == "3"


def test_the_import_preview_shows_dates_as_dates_and_invoice_numbers_as_written():
    from desktop.ui.dialogs.import_dialog import preview_frame

    rows = pd.DataFrame({"InvoiceDate": [pd.Timestamp("2010-12-01 08:26"), pd.Timestamp("2010-12-02")],
                         "InvoiceNo": [536414.0, np.nan], "Price": [2.55, 3.0],
                         "Mixed": [pd.Timestamp("2010-12-01"), "C536379"]})
    shown = preview_frame(rows)
    assert shown["InvoiceDate"].tolist() == ["2010-12-01 08:26", "2010-12-02"]
    assert shown["InvoiceNo"].tolist() == ["536414", ""]
    assert shown["Price"].tolist() == ["2.55", "3"]
    assert shown["Mixed"].tolist() == ["2010-12-01", "C536379"]
    assert not any("T" in v and ":" in v for v in shown.to_numpy().ravel())


def test_a_labelled_axis_is_wide_enough_for_its_labels_before_any_paint(qapp):
    from PySide6.QtGui import QFontMetrics

    from desktop.ui.widgets import label_axis

    plot = static_plot()
    axis = plot.getAxis("left")
    ticks = [(0.0, "Potential Loyalist"), (1.0, "New")]
    label_axis(axis, ticks)
    assert axis.minimumWidth() > QFontMetrics(axis.font()).horizontalAdvance("Potential Loyalist")  # before layout


def test_the_customers_purchase_chart_writes_amounts_with_separators(qapp):
    from desktop.ui.views.customer_panel import CustomerPanel

    panel = CustomerPanel()
    lines = pd.DataFrame({"date": [pd.Timestamp("2011-01-03"), pd.Timestamp("2011-02-07")],
                          "amount": [12500.0, 0.004]})
    panel._fill_timeline(lines)
    axis = panel.timeline.getAxis("left")
    assert axis.autoSIPrefix is False
    assert axis.tickStrings([10000.0], 1.0, 5000.0) == ["10,000"]
