"""The overview on walk-in sales and on a file without prices (issue 15, items 4 and 6)."""

from __future__ import annotations


def _load(window, qtbot, path, header: str, rows):
    """Write `header` and `rows` to `path`, open it in the window and return the overview."""
    from desktop.jobs.analysis import LoadRequest

    path.write_text(header + "\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(LoadRequest([str(path)]))
    return window.views["overview"]


def test_walk_in_sales_are_shown_beside_the_customers_revenue(window, qtbot, tmp_path):
    rows = (f"{i},2024-02-{1 + i % 25:02d},{'0' if i % 2 else f'M{i % 9}'},Tea,10" for i in range(60))
    overview = _load(window, qtbot, tmp_path / "till.csv", "Receipt,Date,Member,Item,Price", rows)
    card = overview.cards["walk_in"]
    assert not card.isHidden()
    assert card.value.text() == "$300"  # 30 walk-in lines of 10
    assert "30 lines" in card.caption.text() and "$600.00" in card.toolTip()  # the shop's total
    assert overview.cards["revenue"].value.text() == "$300"  # the customers' own revenue
    assert window.data.figures.customers == 9
    dialog = window.show_report()
    text = " ".join(label.text() for label in dialog.findChildren(type(overview.period)))
    assert "walk-in sales" in text and "Customer id &#x27;0&#x27;" in text  # the label is HTML
    dialog.close()


def test_a_file_without_prices_says_so_instead_of_zero_revenue(window, qtbot, tmp_path):
    rows = (f"M{i % 11},2024-{1 + i % 12:02d}-{1 + i % 27:02d},{['Rice', 'Oil'][i % 2]}" for i in range(90))
    overview = _load(window, qtbot, tmp_path / "members.csv", "Member,Date,Item", rows)
    assert overview.cards["revenue"].value.text() == "no prices in this file"
    assert overview.cards["aov"].value.text() == "no prices in this file"
    assert overview.cards["walk_in"].isHidden()
    assert all("revenue" not in card.size_label.text() for card in overview.segment_cards)


def test_three_weeks_of_sales_show_revenue_by_day_not_one_bar(window, qtbot, tmp_path):
    """Issue 18, item 8: a file of less than a month is not one full-width "month" bar."""
    import pyqtgraph as pg

    rows = (f"{i},2010-12-{1 + i % 20:02d},M{i % 9},Tea,{10 + i % 7}" for i in range(120))
    overview = _load(window, qtbot, tmp_path / "december.csv", "Receipt,Date,Member,Item,Price", rows)
    assert overview.chart_heading.text().startswith("Revenue by day (less than a month of data)")
    bars = [item for item in overview.plot.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert len(bars) == 1 and len(bars[0].opts["height"]) == 20
