"""Overview: key figures, one card per segment, and revenue by month."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.texts import text
from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import segment_colours
from desktop.ui.views import View
from desktop.ui.widgets import FigureCard, SegmentCard, pg, static_plot

CARD_COLUMNS = 4
DAILY_UP_TO_DAYS = 31    # data of a month or less: revenue by day
WEEKLY_UP_TO_DAYS = 92   # up to about three months: by week; longer: by month


def revenue_periods(lines: pd.DataFrame, monthly: pd.Series | None = None) -> tuple[pd.Series, str]:
    """Return (revenue per period, unit) with a unit fitting the span of the data: 'day' for a
    month or less, 'week' (labelled by its Monday) up to about three months, else 'month' (one bar
    for a whole file of three weeks would say nothing). `monthly`, when given, is used for months."""
    if len(lines) == 0:
        return pd.Series(dtype=float), "month"
    dates = pd.to_datetime(lines["date"])
    span = (dates.max().normalize() - dates.min().normalize()).days + 1
    if span > WEEKLY_UP_TO_DAYS:
        if monthly is not None:
            return monthly, "month"
        return lines["amount"].groupby(dates.dt.strftime("%Y-%m").to_numpy()).sum().sort_index(), "month"
    days = dates.dt.normalize()
    if span <= DAILY_UP_TO_DAYS:
        keys, unit = days, "day"
    else:
        keys, unit = days - pd.to_timedelta(days.dt.day_of_week, unit="D"), "week"
    series = lines["amount"].groupby(keys.to_numpy()).sum().sort_index()
    series.index = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in series.index]
    return series, unit


class OverviewView(View):
    key = "overview"
    segmentClicked = Signal(str)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(16, 16, 16, 16)
        self._layout.setSpacing(12)

        self.period = QLabel()
        self.period.setObjectName("subtle")
        self._layout.addWidget(self.period)
        figures = QHBoxLayout()
        self.cards = {
            "customers": FigureCard(tr("Customers")),
            "revenue": FigureCard(tr("Net revenue")),
            "active": FigureCard(tr("Bought in the last 90 days")),
            "repeat": FigureCard(tr("Came back to buy again")),
            "aov": FigureCard(tr("Average order value")),
            "walk_in": FigureCard(""),
        }
        for card in self.cards.values():
            figures.addWidget(card)
        self.cards["walk_in"].hide()
        self._layout.addLayout(figures)

        heading = QLabel(tr("Your customer groups"))
        heading.setObjectName("heading")
        self._layout.addWidget(heading)
        self.segment_grid = QGridLayout()
        self.segment_grid.setSpacing(10)
        self._layout.addLayout(self.segment_grid)
        self.segment_cards: list[SegmentCard] = []

        self.chart_heading = QLabel(tr("Revenue by month"))
        self.chart_heading.setObjectName("heading")
        self._layout.addWidget(self.chart_heading)
        self.chart_holder = QVBoxLayout()
        self._layout.addLayout(self.chart_holder)
        self.plot: Any = None  # pyqtgraph's, made on first use
        self.empty = QLabel(tr("Open a file with your sales to see your customers here."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def title(self) -> str:
        return tr("Overview")

    def set_data(self, data) -> None:
        super().set_data(data)
        self.empty.setVisible(data is None)
        for card in self.segment_cards:
            card.deleteLater()
        self.segment_cards = []
        if data is None:
            for figure in self.cards.values():
                figure.set_value("–")
            self.cards["walk_in"].hide()
            self.period.clear()
            if self.plot is not None:
                self.plot.clear()
            return
        f = data.figures
        language = "zh" if data.chinese else "en"
        if f.first_date is not None:
            self.period.setText(tr("Sales from %1 to %2 · analysis date %3")
                                .replace("%1", fmt.day(f.first_date)).replace("%2", fmt.day(f.last_date))
                                .replace("%3", fmt.day(data.analysis.as_of)))
        self.cards["customers"].set_value(fmt.integer(f.customers))
        no_prices = text("figure_no_prices", language)
        self.cards["revenue"].set_value(fmt.money_short(f.net_revenue) if f.has_prices else no_prices,
                                        tr("Purchases minus returns of every customer in the file"))
        self._show_walk_in(f, language)
        self.cards["active"].set_value(fmt.integer(f.active_90),
                                       fmt.percent(f.active_90 / f.customers if f.customers else 0))
        self.cards["repeat"].set_value(fmt.percent(f.repeat_rate),
                                       tr("Share of customers with two or more orders"))
        self.cards["aov"].set_value(fmt.money(f.average_order_value) if f.has_prices else no_prices,
                                    tr("%n orders", "", f.orders))
        self._fill_segments(data)
        self._fill_chart(data)

    def _show_walk_in(self, f, language: str) -> None:
        """Walk-in sales (no customer) are the shop's sales too: a card with their revenue and the
        shop's total, shown only when the file has them."""
        card = self.cards["walk_in"]
        card.setVisible(f.walk_in_lines > 0)
        if not f.walk_in_lines:
            return
        card.caption.setText(text("figure_walk_in_caption", language, lines=f.walk_in_lines,
                                  orders=f.walk_in_orders))
        if f.has_prices:
            card.set_value(fmt.money_short(f.walk_in_revenue),
                           text("figure_shop_total", language, total=fmt.money(f.shop_revenue)))
        else:
            card.set_value(fmt.integer(f.walk_in_lines), text("figure_no_prices", language))

    def _fill_segments(self, data) -> None:
        seg = data.segments
        colours = segment_colours([str(k) for k in seg["key"]])
        for i, row in enumerate(seg.itertuples(index=False)):
            card = SegmentCard(str(row.key), colours[str(row.key)])
            card.setMinimumHeight(118)
            card.name.setText(str(row.label))
            size = tr("%n customers", "", int(row.customers))
            if data.figures.has_prices:
                size += " · " + tr("%1 of revenue").replace("%1", fmt.percent(row.revenue_share, 0))
            card.size_label.setText(size)
            card.action.setText(str(row.action_text or ""))
            card.setToolTip(str(row.profile_text or ""))
            card.clicked.connect(self.segmentClicked)
            self.segment_grid.addWidget(card, i // CARD_COLUMNS, i % CARD_COLUMNS)
            self.segment_cards.append(card)

    def prepare_widgets(self) -> None:
        made_now = self.plot is None
        self._ensure_plot()
        if made_now:
            self.plot.setVisible(self.data is not None)

    def _ensure_plot(self) -> None:
        if self.plot is None:
            self.plot = static_plot(min_height=240)
            self.plot.getPlotItem().showGrid(y=True, alpha=0.2)
            self.chart_holder.addWidget(self.plot)

    def _fill_chart(self, data) -> None:
        g = pg()
        self._ensure_plot()
        self.plot.show()
        self.plot.clear()
        revenue, unit = revenue_periods(data.lines, data.monthly)
        heading = {"day": tr("Revenue by day (less than a month of data)"),
                   "week": tr("Revenue by week (weeks from Monday)"), "month": tr("Revenue by month")}[unit]
        self.chart_heading.setText(heading + f" ({fmt.currency()})")
        if len(revenue) == 0:
            return
        xs = list(range(len(revenue)))
        bars = g.BarGraphItem(x=xs, height=revenue.to_numpy(dtype=float), width=0.7,
                              brush="#3a86c8", pen=None)
        self.plot.addItem(bars)
        step = max(1, len(xs) // (8 if unit != "month" else 12))
        ticks = [(x, str(label)) for x, label in zip(xs, revenue.index) if x % step == 0]
        self.plot.getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.6, max(len(xs), 6) - 0.4, padding=0)
