"""Predictions: who is slipping away, what customers are expected to spend, who is most likely to
buy in the next days, and a built-in check of the purchase model against a period it did not see.

The view only shows the session's results (desktop.session): the window asks for the per-customer
predictions as soon as an analysis arrives, because the customer panel, the customers table and the
export use them too; this view asks for the purchase chances ("propensity") and the holdout check
when it is first shown, so that opening a file does not pay for them, and for new predictions when
the owner presses Recompute."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox,
                               QHBoxLayout, QLabel, QPushButton, QSpinBox, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from desktop.jobs.predictions import PreparedPredictions, propensity_model_name, with_customers
from desktop.ui import formatting as fmt
from desktop.ui.views import panel_sections as ps
from desktop.ui.i18n import texts_language, tr
from desktop.ui.models.session import SlotFollower
from desktop.ui.models.tables import Column, FrameModel
from desktop.ui.views import View
from desktop.ui.widgets import (FigureCard, HowComputed, cutoff_row, filtered_list, list_table, pg, static_plot,
                                wrapped_label)
from desktop.ui.background.runner import run_in_turns

def churn_columns() -> list[Column]:
    return [
        Column("customer_id", tr("Customer ID")),
        Column("customer_name", tr("Name")),
        Column("segment_label", tr("Group")),
        Column("purchase_chance", ps.say("pred_chance_buy", days=90), "percent"),
        Column("churn_band_label", tr("Risk level")),
        Column("p_alive", ps.say("pred_still_customer"), "percent"),
        Column("expected_purchases_365", tr("Expected purchases, next 12 months"), "float"),
        Column("expected_next_purchase", tr("Likely to buy again by"), "date"),
        Column("historic_spend", tr("Spend so far"), "money"),
        Column("predicted_spend_12m", tr("Expected spend next year"), "money"),
        Column("clv", tr("Expected lifetime value"), "money"),
        Column("last_purchase", tr("Last purchase"), "date"),
    ]


def chance_columns() -> list[Column]:
    return [
        Column("rank", tr("Rank"), "int"),
        Column("customer_id", tr("Customer ID")),
        Column("customer_name", tr("Name")),
        Column("purchase_probability", tr("Chance of buying"), "percent"),
        Column("segment_label", tr("Group")),
        Column("monetary", tr("Total spend"), "money"),
        Column("last_purchase", tr("Last purchase"), "date"),
    ]


def holdout_columns() -> list[Column]:
    return [
        Column("label", tr("Repeat purchases before"), "text", tr("Repeat purchases before the date")),
        Column("customers", tr("Customers"), "int"),
        Column("predicted", tr("Predicted"), "float", tr("Predicted purchases per customer after the date")),
        Column("actual", tr("Actual"), "float", tr("Actual purchases per customer after the date")),
    ]


def _method_text(result) -> str:
    """How the figures were computed, which model was chosen on the shop's past and the total's range."""
    if result.method not in ("bgnbd", "mbgnbd", "simple"):
        return ""
    parts = [ps.say("pred_method", model=ps.say(f"pred_model_{result.method}"),
                    spend=ps.say(f"pred_spend_{result.spend_method}"), date=fmt.day(result.as_of))]
    model = getattr(result, "model", None) or {}
    error = model.get("holdout_error")
    if error is not None and (model.get("holdout") or {}).get("holdout_days"):
        parts.append(ps.say("pred_model_choice", days=model["holdout"]["holdout_days"], error=error))
    spend = (getattr(result, "totals", None) or {}).get("predicted_spend_12m") or {}
    span = ps.between(spend.get("low"), spend.get("high"), fmt.money_short)
    if span:
        parts.append(ps.say("pred_totals_range", between=span))
    return " ".join(parts)


def _warning_label() -> QLabel:
    label = wrapped_label("", "warningBox")
    label.setStyleSheet("QLabel#warningBox { background: #fff4cc; border: 1px solid #e8d68a;"
                        " border-radius: 4px; padding: 6px; color: #5a4500; }")
    label.hide()
    return label


# rows Qt measures when sizing columns to their contents: its default (1,000 rows, each cell
# formatted in Python) froze the window for over a second with 87,000 customers
FIT_ROWS = 120


def fit_columns(table: QTableView, widest: int = 240) -> None:
    """Size the columns to their headings and first rows (FIT_ROWS of them), at most `widest`
    pixels, so long names and reasons do not push the other columns out of sight."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    table.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


def holdout_gap_text(diff: float) -> str:
    """Return how far the predicted repeat purchases were from the real ones, `diff` = (predicted -
    actual) / actual: ' (12% too high)', ' (5% too low)', '' when unknown. Never '(12% off)', which
    reads like a discount to a shop owner."""
    if not np.isfinite(diff):
        return ""
    if abs(diff) < 0.005:  # would read "0%" or "<1%"
        return tr(" (about right)")
    share = fmt.percent(abs(diff), 0)
    return (tr(" (%1 too high)") if diff > 0 else tr(" (%1 too low)")).replace("%1", share)


class PredictionsView(View):
    """Who is slipping away, expected spend, who will buy next, and how far to trust it."""

    key = "predictions"
    predictionsShown = Signal(object)  # PredictionResult
    propensityShown = Signal(object)  # PropensityResult
    holdoutShown = Signal(object)  # HoldoutResult
    failed = Signal(str)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result = None
        self.propensity = None
        self.holdout = None
        self.follows: list[SlotFollower] = []  # the session's predictions, propensity and holdout
        self._plots: dict[str, Any] = {}
        self._band_keys = np.empty(0, dtype=object)
        self._unfitted: list[QTableView] = []  # tables to size when the view is next shown

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        # the model's settings are an analyst's: they sit with the method, behind "How was this computed?"
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Count time in")))
        self.time_unit = QComboBox()
        self.time_unit.addItem(tr("weeks"), "week")
        self.time_unit.addItem(tr("days"), "day")
        bar.addWidget(self.time_unit)
        bar.addSpacing(12)
        bar.addWidget(QLabel(tr("Yearly discount rate for lifetime value")))
        self.discount = QDoubleSpinBox()
        self.discount.setRange(0.0, 50.0)
        self.discount.setDecimals(1)
        self.discount.setSingleStep(1.0)
        self.discount.setValue(10.0)
        self.discount.setSuffix(" %")
        bar.addWidget(self.discount)
        self.recompute = QPushButton(tr("Recompute"))
        self.recompute.clicked.connect(lambda: self.run_predictions())
        bar.addWidget(self.recompute)
        bar.addStretch(1)

        self.status = wrapped_label(tr("Open a sales file to see predictions."), "heading")
        layout.addWidget(self.status)
        self.warnings = _warning_label()
        layout.addWidget(self.warnings)

        cards = QHBoxLayout()
        self.cards = {
            "high": FigureCard(ps.say("pred_unlikely_count", days=90)),
            "purchases_90": FigureCard(tr("Expected purchases, next 90 days")),
            "spend_12m": FigureCard(tr("Expected spend next year")),
            "clv": FigureCard(tr("Lifetime value of all customers")),
        }
        for card in self.cards.values():
            cards.addWidget(card)
        layout.addLayout(cards)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_churn_tab()
        self._build_chance_tab()
        self._build_check_tab()
        self.how = HowComputed()
        self.how.add_layout(bar)
        layout.addWidget(self.how)
        self._enable(False)

    # -- building ------------------------------------------------------------------------------
    def _build_churn_tab(self) -> None:
        page = QWidget()
        box = QHBoxLayout(page)
        split = QSplitter(Qt.Orientation.Horizontal)
        box.addWidget(split)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        caption = wrapped_label(ps.say("pred_no_purchase_bands", days=90), "heading")
        left_layout.addWidget(caption)
        self.band_holder = QVBoxLayout()
        left_layout.addLayout(self.band_holder, 1)
        self.band_caption = wrapped_label()
        left_layout.addWidget(self.band_caption)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("Show")))
        self.band_filter = QComboBox()
        self.band_filter.addItem(tr("Every customer"), None)
        for key, name in ps.band_names().items():
            self.band_filter.addItem(tr("%1 risk").replace("%1", name), key)
        self.band_filter.currentIndexChanged.connect(self._filter_churn)
        head.addWidget(self.band_filter)
        head.addStretch(1)
        self.churn_count = QLabel()
        head.addWidget(self.churn_count)
        self.churn_export = QPushButton(tr("Export these customers…"))
        self.churn_export.clicked.connect(lambda: self.exportRequested.emit(self.churn_keys()))
        head.addWidget(self.churn_export)
        right_layout.addLayout(head)
        self.churn_model, self.churn_proxy, self.churn_table = filtered_list(
            churn_columns(), self._open)
        right_layout.addWidget(self.churn_table, 1)
        split.addWidget(right)
        split.setSizes([330, 800])
        self.tabs.addTab(page, tr("Who is slipping away"))

    def _build_chance_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        head = QHBoxLayout()
        head.addWidget(QLabel(tr("Chance of buying in the next")))
        self.horizon = QSpinBox()
        self.horizon.setRange(7, 365)
        self.horizon.setValue(90)
        self.horizon.setSuffix(tr(" days"))
        head.addWidget(self.horizon)
        self.rank_button = QPushButton(tr("Rank customers"))
        self.rank_button.clicked.connect(lambda: self.run_propensity())
        head.addWidget(self.rank_button)
        head.addStretch(1)
        head.addWidget(QLabel(tr("Export the top")))
        self.top_n = QSpinBox()
        self.top_n.setRange(1, 1_000_000)
        self.top_n.setValue(100)
        head.addWidget(self.top_n)
        self.chance_export = QPushButton(tr("Export…"))
        self.chance_export.clicked.connect(lambda: self.exportRequested.emit(self.top_chance_keys()))
        head.addWidget(self.chance_export)
        box.addLayout(head)
        self.chance_status = QLabel()
        self.chance_status.setWordWrap(True)
        box.addWidget(self.chance_status)
        self.chance_warnings = _warning_label()
        box.addWidget(self.chance_warnings)
        self.chance_how = HowComputed()
        box.addWidget(self.chance_how)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.chance_model, self.chance_proxy, self.chance_table = filtered_list(
            chance_columns(), self._open)
        split.addWidget(self.chance_table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        caption = wrapped_label(tr("Did the chances come true?"), "heading")
        right_layout.addWidget(caption)
        self.reliability_holder = QVBoxLayout()
        right_layout.addLayout(self.reliability_holder, 1)
        self.reliability_caption = wrapped_label(tr("Each dot groups customers with similar chances: on the dashed "
                                                    "line, they bought as often as predicted in the last period of "
                                                    "your history, which the model did not see."))
        right_layout.addWidget(self.reliability_caption)
        split.addWidget(right)
        split.setSizes([700, 420])
        box.addWidget(split, 1)
        self.tabs.addTab(page, tr("Most likely to buy"))

    def _build_check_tab(self) -> None:
        page = QWidget()
        box = QVBoxLayout(page)
        head, self.calibration_end, self.check_button = cutoff_row(
            tr("Pretend it is"), tr("Check the predictions"), self.run_holdout)
        head.addStretch(1)
        box.addLayout(head)
        explain = wrapped_label(tr("The purchase model learns only from the purchases up to this date, predicts the "
                                   "days after it, and is compared with what your customers really did."))
        box.addWidget(explain)
        self.check_status = QLabel()
        self.check_status.setWordWrap(True)
        self.check_status.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.check_status)
        self.check_warnings = _warning_label()
        box.addWidget(self.check_warnings)
        split = QSplitter(Qt.Orientation.Horizontal)
        chart = QWidget()
        self.check_holder = QVBoxLayout(chart)
        self.check_holder.setContentsMargins(0, 0, 0, 0)
        split.addWidget(chart)
        self.check_model = FrameModel(holdout_columns())
        self.check_table = list_table(self.check_model)
        self.check_table.setSortingEnabled(False)
        split.addWidget(self.check_table)
        split.setSizes([700, 420])
        box.addWidget(split, 1)
        self.tabs.addTab(page, tr("Check the predictions"))

    def title(self) -> str:
        return tr("Predictions")

    def _enable(self, on: bool) -> None:
        for w in (self.recompute, self.rank_button, self.check_button, self.churn_export, self.chance_export):
            w.setEnabled(on)

    # -- data ----------------------------------------------------------------------------------
    def observe(self, adapter) -> None:
        super().observe(adapter)
        self.follows = [
            # one step per event-loop turn (table, chart), each well under 100 ms with 87,000
            # customers, so that the window keeps responding
            SlotFollower(self, "predictions", running=self._predictions_running,
                         ready=lambda prepared: self._show_predictions(prepared, sliced=True),
                         shown=lambda prepared: prepared.result is self.result,
                         failed=lambda message: self._failed("predictions", message),
                         stopped=self._predictions_stopped),
            SlotFollower(self, "propensity", running=self._propensity_running,
                         ready=lambda result: self._propensity_done(self.data, result),
                         shown=lambda result: result is self.propensity,
                         failed=lambda message: self._failed("propensity", message),
                         stopped=lambda: self._stopped("propensity")),
            SlotFollower(self, "holdout", running=self._holdout_running, ready=self._holdout_done,
                         shown=lambda result: result is self.holdout,
                         failed=lambda message: self._failed("holdout", message),
                         stopped=lambda: self._stopped("holdout"))]

    def set_data(self, data) -> None:
        super().set_data(data)
        self.result = self.propensity = self.holdout = None
        self.churn_model.clear()
        self.chance_model.clear()
        self.check_model.clear()
        self._clear_plots()
        self.warnings.hide()
        self.chance_warnings.hide()
        self.check_warnings.hide()
        self.chance_status.clear()
        self.check_status.clear()
        self.how.set_text("")
        for card in self.cards.values():
            card.set_value("–")
        self._enable(False)
        if data is None:
            self.status.setText(tr("Open a sales file to see predictions."))
            return
        lines = data.lines
        if len(lines):
            first = pd.Timestamp(lines["date"].min()).normalize()
            last = pd.Timestamp(data.analysis.as_of or lines["date"].max()).normalize()
            # by default the check hides the last third of the history (at most a year) from the model
            hidden = min(pd.Timedelta(days=365), max(pd.Timedelta(days=30), (last - first) / 3))
            self.calibration_end.setDateRange(QDate(first.year, first.month, first.day),
                                              QDate(last.year, last.month, last.day))
            default = (last - hidden).normalize()
            self.calibration_end.setDate(QDate(default.year, default.month, default.day))
        for follow in self.follows:  # what the session already holds for this analysis
            follow.replay()

    def options(self) -> dict[str, Any]:
        """Return the prediction settings the controls describe (Session.ask_predictions' arguments)."""
        return {"time_unit": str(self.time_unit.currentData()),
                "discount_rate": float(self.discount.value()) / 100.0}

    def run_predictions(self) -> None:
        """Ask the session for the per-customer predictions with the controls' settings."""
        if self.data is None:
            return
        self.session.ask_predictions(**self.options(), band_names=ps.band_names(),
                                     label=tr("Working out predictions…"))

    def _predictions_running(self) -> None:
        self.status.setText(tr("Working out predictions…"))
        self.recompute.setEnabled(False)

    def _predictions_stopped(self) -> None:
        if self.result is None:  # cancelled before any predictions were shown
            self._stopped("predictions")

    def _predictions_shown(self, data) -> None:
        if data is not self.data:
            return
        if self.isVisible():
            self._start_extras()

    def _show_predictions(self, prepared: PreparedPredictions, sliced: bool = False) -> None:
        result = self.result = prepared.result
        table = result.table
        self._enable(True)
        n = len(table)
        if result.method == "none":
            self.status.setText(tr("No predictions could be made from this data."))
        else:
            self.status.setText(tr("Predictions for %n customers", "", n))
        notes = ps.warning_text(result.warnings)
        self.warnings.setText(notes)
        self.warnings.setVisible(bool(notes))
        self.how.set_text(_method_text(result))
        bands = prepared.bands
        high = int(bands.get("high", 0))
        self.cards["high"].set_value(fmt.integer(high) if result.method != "none" else "–",
                                     fmt.percent(high / n if n else 0.0))
        for key, column in (("purchases_90", "expected_purchases_90"), ("spend_12m", "predicted_spend_12m"),
                            ("clv", "clv")):
            values = table[column].astype(float)
            total = float(values.sum()) if values.notna().any() else float("nan")
            text = fmt.integer(total) if key == "purchases_90" else fmt.money_short(total)
            span = (getattr(result, "totals", None) or {}).get(column) or {}
            self.cards[key].set_value(text or "–", ps.between(span.get("low"), span.get("high"), fmt.money_short))
        data = self.data
        steps = [lambda: self._show_churn(prepared, high), lambda: self._draw_bands(bands, result)]
        if sliced:  # the other views refresh before predictionsShown, as they did unsliced
            steps.append(lambda: self._predictions_shown(data))
        steps.append(lambda: self.predictionsShown.emit(result))
        if sliced:  # one per turn, until a newer analysis or result takes over
            run_in_turns(self, steps, lambda: data is self.data and self.result is result)
        else:
            for step in steps:
                step()

    def _show_churn(self, prepared: PreparedPredictions, high: int) -> None:
        frame = prepared.churn
        self.churn_model.set_frame(frame, churn_columns())
        band_keys = frame["churn_band"].to_numpy(dtype=object)
        self._band_keys = band_keys  # by storage row, for the band filter
        self.churn_model.set_row_colour(lambda row: ps.band_colour(band_keys[row]))
        # the customers worth keeping first: the most valuable among those at high risk
        self.churn_table.sortByColumn(self.churn_model.column_of("historic_spend"), Qt.SortOrder.DescendingOrder)
        self.set_band("high" if high else None)
        self._filter_churn()
        self._fit_later(self.churn_table)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        while self._unfitted:
            fit_columns(self._unfitted.pop())
        self._start_extras()

    def _fit_later(self, table: QTableView) -> None:
        """Size `table`'s columns now if the view shows, else when it is next shown (measuring
        cells costs tens of milliseconds, for nothing while nobody looks)."""
        if self.isVisible():
            fit_columns(table)
        elif table not in self._unfitted:
            self._unfitted.append(table)

    def _start_extras(self) -> None:
        """Rank customers and check the model the first time the view is seen with predictions."""
        if self.data is None or self.result is None:
            return
        if self.propensity is None and not self.session.propensity.running:
            self.run_propensity()
        if self.holdout is None and not self.session.holdout.running:
            self.run_holdout()

    # -- who is slipping away ------------------------------------------------------------------
    def _filter_churn(self, *_args) -> None:
        key = self.band_filter.currentData()
        mask = None if self.result is None or key is None else (self._band_keys == key)
        self.churn_proxy.set_mask(mask)
        shown = self.churn_proxy.rowCount()
        self.churn_count.setText(tr("%n customers", "", shown))
        self.churn_export.setEnabled(shown > 0)

    def churn_keys(self) -> list[str]:
        """Return the ids in the slipping-away list as shown (filter and order)."""
        return self.churn_proxy.visible_keys()

    def set_band(self, key: str | None) -> None:
        """Show only churn band `key` (None: every customer)."""
        self.band_filter.setCurrentIndex(max(0, self.band_filter.findData(key)))

    def prepare_widgets(self) -> None:
        if "bands" not in self._plots:
            self._plot("bands", self.band_holder).setVisible(self.result is not None)

    def _draw_bands(self, bands: pd.Series, result) -> None:
        plot = self._plot("bands", self.band_holder)
        plot.show()
        names = ps.band_names()
        keys = list(names)
        counts = [int(bands.get(k, 0)) for k in keys]
        g = pg()
        for i, (key, count) in enumerate(zip(keys, counts)):
            plot.addItem(g.BarGraphItem(x=[i], height=[count], width=0.6, brush=ps.BAND_COLOURS[key], pen=None))
            text = g.TextItem(fmt.integer(count), color="#333333", anchor=(0.5, 1.0))
            text.setPos(i, count)
            plot.addItem(text)
        plot.getAxis("bottom").setTicks([[(i, names[k]) for i, k in enumerate(keys)]])
        plot.setXRange(-0.6, len(keys) - 0.4, padding=0)
        plot.setYRange(0, max(counts + [1]) * 1.15, padding=0)
        low = result.settings.low_band
        high = result.settings.high_band
        self.band_caption.setText(tr("Risk = chance of no purchase in the next %1 days. Low: under %2, "
                                     "high: over %3.")
                                  .replace("%1", str(result.settings.churn_days))
                                  .replace("%2", fmt.percent(low, 0)).replace("%3", fmt.percent(high, 0)))

    # -- most likely to buy --------------------------------------------------------------------
    def run_propensity(self) -> None:
        """Ask the session to rank customers by their chance of buying in the chosen number of days."""
        if self.data is None:
            return
        self.session.ask_propensity(int(self.horizon.value()),
                                    label=tr("Ranking customers by their chance of buying…"))

    def _propensity_running(self) -> None:
        self.chance_status.setText(tr("Learning who buys from your past sales…"))
        self.rank_button.setEnabled(False)

    def _propensity_done(self, data, result) -> None:
        self.propensity = result
        self.rank_button.setEnabled(True)
        ranked = result.ranked()
        frame = pd.DataFrame({"purchase_probability": ranked.to_numpy(dtype=float),
                              "rank": np.arange(1, len(ranked) + 1)}, index=ranked.index.astype(str))
        frame = with_customers(frame, data.customers)
        self.chance_model.set_frame(frame, chance_columns())
        self.chance_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._fit_later(self.chance_table)
        self.chance_export.setEnabled(len(frame) > 0)
        self.top_n.setValue(min(max(1, self.top_n.value()), max(1, len(frame))))
        auc = result.holdout_auc.get(result.model)
        model_name = propensity_model_name(result.model, texts_language())
        if auc is not None:
            text = (tr("Checked on the last %1 days of your history: it ranked a customer who bought above one "
                       "who did not %2 of the time (50% would be guessing).")
                    .replace("%1", str(result.horizon_days)).replace("%2", fmt.percent(auc, 0)))
            how = (tr("Method: %1. Area under the ROC curve (AUC) on the held-back days: %2.")
                   .replace("%1", model_name).replace("%2", f"{auc:.2f}"))
        else:
            text = tr("Chances from the purchase model (too little history to check them).")
            how = tr("Method: %1.").replace("%1", model_name)
        self.chance_how.set_text(how)
        self.chance_status.setText(text)
        notes = ps.warning_text(result.warnings)
        self.chance_warnings.setText(notes)
        self.chance_warnings.setVisible(bool(notes))
        self._draw_reliability(result.reliability)
        self.propensityShown.emit(result)

    def top_chance_keys(self) -> list[str]:
        """Return the customers most likely to buy, best first, as many as 'Export the top' says."""
        if self.propensity is None:
            return []
        return [str(k) for k in self.propensity.ranked().index[: int(self.top_n.value())]]

    def _draw_reliability(self, bins: pd.DataFrame) -> None:
        plot = self._plot("reliability", self.reliability_holder)
        self.reliability_caption.setVisible(len(bins) > 0)
        if len(bins) == 0:
            plot.hide()
            return
        plot.show()
        g = pg()
        plot.addItem(g.PlotDataItem([0, 1], [0, 1], pen=g.mkPen("#999999", width=1, style=Qt.PenStyle.DashLine)))
        sizes = 6 + 14 * np.sqrt(bins["customers"].to_numpy(dtype=float) / max(1.0, float(bins["customers"].max())))
        plot.addItem(g.PlotDataItem(bins["predicted"].to_numpy(dtype=float), bins["observed"].to_numpy(dtype=float),
                                    pen=g.mkPen("#3a86c8", width=2), symbol="o", symbolSize=sizes,
                                    symbolBrush="#3a86c8", symbolPen=None))
        plot.setLabel("bottom", tr("Predicted chance"))
        plot.setLabel("left", tr("Share who bought"))
        plot.setXRange(0, 1, padding=0.03)
        plot.setYRange(0, 1, padding=0.03)

    # -- check the predictions -----------------------------------------------------------------
    def run_holdout(self) -> None:
        """Ask the session to fit up to the chosen date and compare with the purchases after it."""
        if self.data is None:
            return
        self.session.ask_holdout(pd.Timestamp(self.calibration_end.date().toPython()),
                                 str(self.time_unit.currentData()), label=tr("Checking the predictions…"))

    def _holdout_running(self) -> None:
        self.check_status.setText(tr("Checking the predictions…"))
        self.check_button.setEnabled(False)

    def _holdout_done(self, result) -> None:
        self.holdout = result
        self.check_button.setEnabled(True)
        by = result.by_frequency
        self.check_model.set_frame(by.set_index(by["frequency"].astype(str)), holdout_columns())
        self._fit_later(self.check_table)
        predicted, actual = result.predicted_repeat_purchases, result.actual_repeat_purchases
        diff = (predicted - actual) / actual if actual else float("nan")
        parts = [tr("<b>%1 customers</b> who had bought by %2, followed for %3 days:")
                 .replace("%1", fmt.integer(result.customers)).replace("%2", fmt.day(result.calibration_end))
                 .replace("%3", fmt.integer(result.holdout_days)),
                 tr("predicted %1 repeat purchases, they made %2").replace("%1", fmt.integer(predicted))
                 .replace("%2", fmt.integer(actual))
                 + holdout_gap_text(diff)]
        if result.predicted_spend is not None:
            parts.append(tr("predicted spend %1, actual %2").replace("%1", fmt.money(result.predicted_spend))
                         .replace("%2", fmt.money(result.actual_spend)))
        self.check_status.setText(parts[0] + " " + "; ".join(parts[1:]) + ".")
        notes = ps.warning_text(result.warnings)
        if self.result is not None and self.result.method not in ("bgnbd", "mbgnbd"):
            notes = (notes + " " if notes else "") + tr("The predictions in this app do not use the purchase "
                                                        "model for this data (see the note above); this check "
                                                        "shows how it would have done.")
        self.check_warnings.setText(notes)
        self.check_warnings.setVisible(bool(notes))
        self._draw_holdout(by)
        self.holdoutShown.emit(result)

    def _draw_holdout(self, by: pd.DataFrame) -> None:
        plot = self._plot("holdout", self.check_holder)
        g = pg()
        x = np.arange(len(by), dtype=float)
        plot.addLegend(offset=(10, 10))
        plot.addItem(g.BarGraphItem(x=x - 0.18, height=by["actual"].to_numpy(dtype=float), width=0.34,
                                    brush="#3a86c8", pen=None, name=tr("Actual")))
        plot.addItem(g.BarGraphItem(x=x + 0.18, height=by["predicted"].to_numpy(dtype=float), width=0.34,
                                    brush="#f0a03c", pen=None, name=tr("Predicted")))
        plot.getAxis("bottom").setTicks([[(i, str(label)) for i, label in enumerate(by["label"])]])
        plot.setLabel("bottom", tr("Repeat purchases before the date"))
        plot.setLabel("left", tr("Purchases per customer after it"))
        top = float(np.nanmax(by[["actual", "predicted"]].to_numpy(dtype=float))) if len(by) else 1.0
        plot.setXRange(-0.6, len(by) - 0.4, padding=0)
        plot.setYRange(0, max(top, 0.1) * 1.15, padding=0)

    # -- shared --------------------------------------------------------------------------------
    def _plot(self, name: str, holder: QVBoxLayout):
        plot = self._plots.get(name)
        if plot is None:
            plot = static_plot(200)
            holder.addWidget(plot)
            self._plots[name] = plot
        plot.clear()
        legend = plot.getPlotItem().legend
        if legend is not None:
            legend.clear()
        return plot

    def _clear_plots(self) -> None:
        for plot in self._plots.values():
            plot.clear()
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.clear()

    def _open(self, index) -> None:
        """Open the customer of a double-clicked row (`index` is its list's FilterProxy's)."""
        if index.isValid():
            self.customerActivated.emit(index.model().key(index.row()))

    def _status_label(self, which: str) -> QLabel:
        return {"predictions": self.status, "propensity": self.chance_status, "holdout": self.check_status}[which]

    def _failed(self, which: str, message: str) -> None:
        self._status_label(which).setText(message)
        self._enable(self.result is not None)
        self.recompute.setEnabled(True)
        self.failed.emit(message)

    def _stopped(self, which: str) -> None:
        self._status_label(which).setText(tr("Stopped. Press the button to try again."))
        self._enable(self.result is not None)
        self.recompute.setEnabled(True)
