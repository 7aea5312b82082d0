"""The customer panel (a dock): profile and contact, the group with the reason in plain words,
purchase history with a small timeline, and predictions / suggestions when the analysis has them.

Later issues add sections by appending to `PANEL_SECTIONS` a function
`(session: desktop.session.Session, customer_id: str) -> tuple[title, QWidget] | None` (None:
nothing to show); it reads the analysis (`session.data`) and the session's results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QLabel, QPushButton, QScrollArea, QTableView,
                               QVBoxLayout, QWidget)

from desktop.session import Session
from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import segment_colour
from desktop.ui.models.tables import Column, FilterProxy, FrameModel
from desktop.ui.widgets import clear_layout, number_axis, pg, wrapped_label

PANEL_SECTIONS: list[Callable] = []


def prediction_fields() -> list[tuple[str, str, str]]:
    """Return (customer column, label, kind) of the prediction columns the customers table shows
    once the session's predictions are ready (Session.customers)."""
    return [
        ("churn_risk", tr("Chance of no purchase in 90 days"), "percent"),
        ("churn_band_label", tr("Risk level"), "text"),
        ("p_alive", tr("Chance they still buy from you"), "percent"),  # docs/ARCHITECTURE.md's recipe
        ("predicted_spend_12m", tr("Expected spend next year"), "money"),
        ("clv", tr("Expected lifetime value"), "money"),
    ]


def history_columns() -> list[Column]:
    return [
        Column("date", tr("Date"), "date"),
        Column("order_id", tr("Order")),
        Column("product_name", tr("Product")),
        Column("quantity", tr("Quantity"), "float"),
        Column("amount", tr("Amount"), "money"),
    ]


def reason_text(data, customer_id: str) -> str:
    """Return why the customer is in their group, in plain words, e.g.
    'bought 9 times, last 12 days ago, top 10% spend'."""
    pos = data.customer_position(customer_id)
    if pos < 0:
        return ""
    row = data.customers.iloc[pos]
    parts = []
    freq = row.get("frequency")
    if not fmt.is_missing(freq):
        parts.append(tr("bought %n times", "", int(freq)))
    rec = row.get("recency_days")
    if not fmt.is_missing(rec):
        parts.append(tr("last %n days ago", "", int(rec)))
    pct = data.spend_pct[pos] if len(data.spend_pct) > pos else float("nan")
    if not fmt.is_missing(pct):
        top = max(1, int(round((1 - pct) * 100)))
        if top <= 50:
            parts.append(tr("top %1% spend").replace("%1", str(top)))
        else:
            parts.append(tr("bottom %1% spend").replace("%1", str(max(1, int(round(pct * 100))))))
    return tr(", ").join(parts)


class CustomerPanel(QScrollArea):
    """Shows one customer."""

    def __init__(self, parent: QWidget | None = None, session: Session | None = None) -> None:
        super().__init__(parent)
        self.session = session if session is not None else Session()
        self.setWidgetResizable(True)
        self.setMinimumWidth(300)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.name = wrapped_label(tr("No customer selected"), "heading")
        layout.addWidget(self.name)
        self.segment = QLabel()
        self.segment.setWordWrap(True)
        self.segment.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.segment)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        layout.addWidget(self.reason)

        self.profile_box = QGroupBox(tr("Profile"))
        self.profile = QFormLayout(self.profile_box)
        layout.addWidget(self.profile_box)
        self.predictions_box = QGroupBox(tr("Predictions"))
        self.predictions = QFormLayout(self.predictions_box)
        layout.addWidget(self.predictions_box)
        self.extra_holder = QVBoxLayout()
        layout.addLayout(self.extra_holder)

        self.history_box = QGroupBox(tr("Purchases"))
        history_layout = QVBoxLayout(self.history_box)
        self.timeline_holder = QVBoxLayout()
        history_layout.addLayout(self.timeline_holder)
        self.history_model = FrameModel(history_columns())
        self.history_proxy = FilterProxy()
        self.history_proxy.setSourceModel(self.history_model)
        self.history = QTableView()
        self.history.setModel(self.history_proxy)
        self.history.setSortingEnabled(True)
        self.history.verticalHeader().hide()
        self.history.verticalHeader().setDefaultSectionSize(20)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMinimumHeight(200)
        history_layout.addWidget(self.history)
        layout.addWidget(self.history_box, 1)
        # a deletion request (issue 22): desktop/ui/forget_ui.py asks, then removes them everywhere
        self.forget_button = QPushButton(tr("Forget this customer…"))
        self.forget_button.clicked.connect(self._forget)
        layout.addWidget(self.forget_button)
        self.timeline: Any = None  # a pyqtgraph plot, made on first use
        self.customer_id: str | None = None
        self.data: Any = None  # the AnalysisData shown
        self.profile_box.hide()
        self.predictions_box.hide()
        self.history_box.hide()
        self.forget_button.hide()

    def _forget(self) -> None:
        from desktop.ui.forget_ui import forget_in_window

        if self.customer_id is not None:
            forget_in_window(self.window(), self.customer_id, self.name.text())

    def set_data(self, data) -> None:
        """Forget the shown customer when new data arrives."""
        self.data = data
        self.show_customer(None)

    def show_customer(self, customer_id: str | None) -> None:
        """Show `customer_id` (None: nothing)."""
        self.customer_id = customer_id
        data = self.data
        _clear_form(self.profile)
        _clear_form(self.predictions)
        clear_layout(self.extra_holder)
        pos = -1 if data is None or customer_id is None else data.customer_position(customer_id)
        if pos < 0:
            self.name.setText(tr("No customer selected") if customer_id is None
                              else tr("Customer %1 is not in this analysis").replace("%1", str(customer_id)))
            self.segment.clear()
            self.reason.clear()
            self.history_model.clear()
            for box in (self.profile_box, self.predictions_box, self.history_box, self.forget_button):
                box.hide()
            return
        row = data.customers.iloc[pos]
        name = row.get("customer_name")
        self.name.setText(str(name) if not fmt.is_missing(name) else tr("Customer %1").replace("%1", str(customer_id)))
        colour = segment_colour(str(row.get("segment", "")))
        seg = data.segments[data.segments["key"].astype(str) == str(row.get("segment", ""))]
        def first(column: str) -> str:
            return str(seg[column].iloc[0]) if len(seg) and not fmt.is_missing(seg[column].iloc[0]) else ""

        profile_text, action = first("profile_text"), first("action_text")
        self.segment.setText(f'<span style="color:{colour.name()}; font-size:15pt">●</span> '
                             f'<b>{_esc(row.get("segment_label", ""))}</b>'
                             + (f"<br><i>{_esc(profile_text)}</i>" if profile_text else "")
                             + ("<br>" + _esc(tr("What to do: %1").replace("%1", action)) if action else ""))
        self.reason.setText(tr("Why: %1").replace("%1", reason_text(data, str(customer_id))))

        fields = [
            (tr("Customer ID"), customer_id),
            (tr("Phone"), row.get("phone")),
            (tr("Email"), row.get("email")),
            (tr("City"), row.get("city")),
            (tr("Gender"), row.get("gender")),
            (tr("Birthday"), fmt.day(row.get("birthday")) if not fmt.is_missing(row.get("birthday")) else None),
            (tr("Age"), fmt.integer(row.get("age")) if not fmt.is_missing(row.get("age")) else None),
            (tr("Total spend"), fmt.money(row.get("monetary"))),
            (tr("Orders"), fmt.integer(row.get("frequency"))),
            (tr("Average order"), fmt.money(row.get("avg_order_value"))),
            (tr("First purchase"), fmt.day(row.get("first_purchase"))),
            (tr("Last purchase"), fmt.day(row.get("last_purchase"))),
            (tr("Favourite product"), row.get("favourite_product")),
        ]
        for label, value in fields:
            if not fmt.is_missing(value) and str(value) != "":
                value_label = QLabel(str(value))
                value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value_label.setWordWrap(True)
                self.profile.addRow(label, value_label)
        self.profile_box.show()

        # predictions (churn risk first) and suggestions are PANEL_SECTIONS (desktop/ui/views/panel_sections.py)
        self.predictions_box.hide()
        for section in PANEL_SECTIONS:
            result = section(self.session, customer_id)
            if result is not None:
                title, widget = result
                box = QGroupBox(title)
                QVBoxLayout(box).addWidget(widget)
                self.extra_holder.addWidget(box)

        lines = data.customer_lines(customer_id)
        self.history_model.set_frame(lines.reset_index(drop=True), history_columns())
        self.history_box.setTitle(tr("Purchases (%n lines)", "", len(lines)))
        self.history_box.show()
        self.forget_button.show()
        self._fill_timeline(lines)

    def _fill_timeline(self, lines) -> None:
        g = pg()
        if self.timeline is None:
            self.timeline = g.PlotWidget(axisItems={"bottom": g.DateAxisItem(), "left": number_axis("left")})
            self.timeline.setFixedHeight(130)
            self.timeline.setMenuEnabled(False)
            self.timeline.hideButtons()
            self.timeline.setMouseEnabled(x=False, y=False)
            self.timeline_holder.addWidget(self.timeline)
        self.timeline.clear()
        if len(lines) == 0:
            return
        per_day = lines.groupby(lines["date"].dt.normalize())["amount"].sum()
        # seconds since the epoch for DateAxisItem
        xs = per_day.index.to_numpy(dtype="datetime64[s]").astype("int64").astype(float)
        heights = per_day.to_numpy(dtype=float)
        width = max(86400.0 * 2, (xs.max() - xs.min()) / 80 if len(xs) > 1 else 86400.0 * 2)
        self.timeline.addItem(g.BarGraphItem(x=xs, height=heights, width=width, brush="#3a86c8", pen=None))
        pad = max(width * 2, 86400.0 * 7)
        self.timeline.setXRange(xs.min() - pad, xs.max() + pad, padding=0)


def _clear_form(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)


def _esc(text: object) -> str:
    from html import escape

    return escape(str(text))
