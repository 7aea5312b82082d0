"""The predictions view and the customer panel's prediction section, on the demo shop (one analysis
for the module) and on a tiny shop where the purchase model has to step aside."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from PySide6.QtWidgets import QLabel


@pytest.fixture(scope="module")
def view(demo_view):
    """A predictions view showing the demo shop (its background work started, maybe not finished)."""
    from desktop.ui.views.predictions import PredictionsView

    return demo_view(PredictionsView)


def _ready(view, qtbot):
    _unless_shown(qtbot, view.result, view.predictionsShown)
    return view.result


def _unless_shown(qtbot, shown, signal) -> None:
    """Wait for `signal` unless what it announces is already `shown` (not None)."""
    if shown is None:
        with qtbot.waitSignal(signal, timeout=60000):
            pass


def _extras(view, qtbot):
    _ready(view, qtbot)
    view.show()
    _unless_shown(qtbot, view.propensity, view.propensityShown)
    _unless_shown(qtbot, view.holdout, view.holdoutShown)


def test_predictions_reach_the_data_the_table_and_the_cards(view, demo_data, qtbot, qtmodeltester):
    result = _ready(view, qtbot)
    table = view.session.prediction_table()
    assert table is result.table
    bought = set(demo_data.lines.loc[~demo_data.lines["is_return"], "customer_id"].astype(str))
    assert set(table.index) == bought
    # the customers table reads these columns, aligned on the customers; the analysis is not changed
    c = view.session.customers()
    assert "churn_risk" not in demo_data.customers.columns
    for column in ("churn_risk", "churn_band_label", "predicted_spend_12m", "clv"):
        assert column in c.columns
    some = str(table.index[3])
    assert c.loc[some, "clv"] == pytest.approx(float(table.loc[some, "clv"]))
    labels = {"low": "Low", "medium": "Medium", "high": "High"}
    assert c.loc[some, "churn_band_label"] == labels[table.loc[some, "churn_band"]]

    high = int((table["churn_band"] == "high").sum())
    assert view.cards["high"].value.text() == f"{high:,}"
    assert view.cards["clv"].value.text().replace("$", "").replace(",", "") == f"{table['clv'].sum():.0f}"
    # the slipping-away list opens on the high-risk customers, the most valuable first
    assert view.band_filter.currentData() == "high"
    keys = view.churn_keys()
    assert len(keys) == high
    assert set(table.loc[keys, "churn_band"]) == {"high"}
    spend = table.loc[keys, "historic_spend"].to_numpy()
    assert np.all(np.diff(spend) <= 1e-9)
    view.set_band(None)
    assert view.churn_proxy.rowCount() == len(table)
    qtmodeltester.check(view.churn_model)


def test_the_slipping_away_list_is_exportable(view, qtbot):
    _ready(view, qtbot)
    view.set_band("medium")
    expected = view.churn_keys()
    assert expected
    with qtbot.waitSignal(view.exportRequested) as blocker:
        view.churn_export.click()
    assert blocker.args[0] == expected


def test_purchase_chances_ranked_with_their_holdout_auc(view, qtbot, qtmodeltester):
    _extras(view, qtbot)
    result = view.propensity
    n = len(result.scores)
    assert view.chance_model.rowCount() == n
    column = view.chance_model.column_of("purchase_probability")
    probabilities = [view.chance_model.index(r, column).data() for r in range(5)]
    ranked = result.ranked()
    assert probabilities == [f"{p * 100:.1f}%" for p in ranked.iloc[:5]]
    assert view.chance_model.key(0) == str(ranked.index[0])
    auc = result.holdout_auc[result.model]
    # the owner reads how often the ranking was right; the measure's name waits behind "How was this computed?"
    assert f"{auc * 100:.0f}% of the time" in view.chance_status.text() and "AUC" not in view.chance_status.text()
    assert f"(AUC) on the held-back days: {auc:.2f}" in view.chance_how.text()
    view.top_n.setValue(25)
    assert view.top_chance_keys() == [str(k) for k in ranked.index[:25]]
    with qtbot.waitSignal(view.exportRequested) as blocker:
        view.chance_export.click()
    assert blocker.args[0] == [str(k) for k in ranked.index[:25]]
    # the reliability chart shows one dot per filled bin of the holdout window
    plot = view._plots["reliability"]
    points = [item for item in plot.getPlotItem().items if hasattr(item, "getData")]
    xs = points[-1].getData()[0]
    assert np.allclose(xs, result.reliability["predicted"].to_numpy())
    qtmodeltester.check(view.chance_model)


def test_holdout_check_compares_predicted_and_actual_by_past_purchases(view, demo_data, qtbot, qtmodeltester):
    _extras(view, qtbot)
    h = view.holdout
    assert h.calibration_end == pd.Timestamp(view.calibration_end.date().toPython())
    assert view.check_model.rowCount() == len(h.by_frequency)
    assert view.check_model.index(len(h.by_frequency) - 1, 0).data() == "7+"
    assert f"{h.actual_repeat_purchases:,}" in view.check_status.text()
    qtmodeltester.check(view.check_model)

    # a date with nothing after it: the engine's sentence, not a crash
    view.calibration_end.setDate(view.calibration_end.maximumDate())
    with qtbot.waitSignal(view.failed, timeout=30000) as blocker:
        view.run_holdout()
    assert "choose an earlier date" in blocker.args[0]
    assert view.check_status.text() == blocker.args[0]


def test_a_lower_discount_rate_raises_lifetime_value(view, demo_data, qtbot):
    before = _ready(view, qtbot)
    total = float(before.table["clv"].sum())
    view.discount.setValue(0.0)
    with qtbot.waitSignal(view.predictionsShown, timeout=60000):
        view.recompute.click()
    after = view.result
    assert after.settings.discount_rate == 0.0
    assert float(after.table["clv"].sum()) > total
    assert view.session.prediction_table() is after.table


def _section_text(widget) -> str:
    return " ".join(label.text() for label in [widget, *widget.findChildren(QLabel)] if isinstance(label, QLabel))


def test_panel_section_leads_with_churn_risk_and_says_when_a_customer_bought_once(view, demo_data, qtbot):
    from desktop.ui.views.panel_sections import buying_chance, prediction_section

    table = _ready(view, qtbot).table
    regular = str(table["frequency"].idxmax())
    title, widget = prediction_section(view.session, regular)
    assert title == "Predictions"
    text = _section_text(widget)
    # issue 17: the panel leads with the chance of buying (not a "risk"), never a false 100% or 0%
    assert buying_chance(table.loc[regular]) in text
    assert "Chance of buying in the next 90 days" in text
    assert f"{table.loc[regular, 'clv']:,.2f}" in text
    assert "one day only" not in text
    once = str(table.index[(table["frequency"] == 0).to_numpy()][0])
    text = _section_text(prediction_section(view.session, once)[1])
    assert "one day only" in text
    assert "not in" not in text
    title, widget = prediction_section(view.session, "no-such-customer")
    assert "No predictions for this customer" in widget.text()


def test_panel_section_is_absent_until_predictions_are_started(demo_data):
    from desktop.session import Session, Status
    from desktop.ui.views.panel_sections import prediction_section

    fresh = Session()
    fresh.set_analysis(demo_data)
    assert prediction_section(fresh, str(demo_data.customers.index[0])) is None
    fresh.predictions.status = Status.RUNNING
    title, widget = prediction_section(fresh, str(demo_data.customers.index[0]))
    assert widget.text() == "Working out predictions…"


def test_tiny_shop_shows_the_models_warning_instead_of_made_up_figures(qapp, runner, qtbot, tmp_path):
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.jobs.prepare import prepare
    from desktop.ui.views.predictions import PredictionsView

    rows = []
    for c in range(8):
        for k in range(1 + c % 3):
            rows.append({"Customer": f"K{c}", "Date": f"2025-0{1 + k * 2}-1{c}", "Amount": 10 + c + k})
    path = tmp_path / "tiny.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    data = prepare(analyze(AnalysisOptions(paths=[path])))
    from desktop.session import Session
    from desktop.ui.models.session import SessionAdapter

    session = Session(runner)
    v = PredictionsView(runner)
    v.observe(SessionAdapter(session, v))
    session.set_analysis(data)
    v.set_data(data)
    with qtbot.waitSignal(v.predictionsShown, timeout=60000):
        session.ask_predictions()
    # issue 17: 8 customers are below the gate: no figures, and the sentence says why
    assert v.result.method == "none"
    assert v.warnings.isVisibleTo(v)
    assert v.warnings.text() == " ".join(dict.fromkeys(w.text("en") for w in v.result.warnings))
    assert "left out" in v.warnings.text()
    assert v.cards["spend_12m"].value.text() == "–"
    v.deleteLater()


def test_main_window_adds_prediction_columns_and_panel_sections(demo_window, qtbot):
    w = demo_window
    view = w.views["predictions"]
    products = w.views["products"]
    _unless_shown(qtbot, view.result, view.predictionsShown)
    _unless_shown(qtbot, products.bundle, products.suggestionsShown)
    titles = [c.title for c in w.views["customers"].model.columns]
    for heading in ("Chance of no purchase in 90 days", "Risk level", "Expected spend next year",
                    "Expected lifetime value"):
        assert heading in titles
    cid = str(w.session.prediction_table()["clv"].idxmax())
    w.open_customer(cid)
    holder = w.customer_panel.extra_holder
    boxes = [holder.itemAt(i).widget().title() for i in range(holder.count())]
    assert "Predictions" in boxes and "Suggested products" in boxes
