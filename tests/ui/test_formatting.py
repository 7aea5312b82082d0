"""Figures as the owner reads them: percentages never claim a certainty the data does not have."""

from desktop.ui.formatting import percent


def test_only_an_exact_zero_or_one_reads_0_or_100_percent():
    assert percent(1.0) == "100.0%" and percent(0.0) == "0.0%"
    assert percent(0.99996) == ">99.9%" and percent(0.99996, 0) == ">99%"
    assert percent(0.00004) == "<0.1%"
    assert percent(0.125) == "12.5%" and percent(0.999) == "99.9%"
    assert percent(None) == ""
