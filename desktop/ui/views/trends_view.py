"""Trends: this month against last month and last year, month by month figures and the cohort heat
map (of the customers who first bought in a month, the share still buying k months later). The view
computes nothing: it shows a desktop.jobs.trends.TrendsJobResult given to `show_result`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHeaderView, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.views import View
from desktop.ui.widgets import FigureCard, wrapped_label

HEAT_MONTHS = 13  # months since first purchase shown in the heat map (0..12)


def heat_colour(share: float | None) -> QColor:
    """White for 0%, deep blue for 100% (None: light grey, the month has not come yet)."""
    if share is None:
        return QColor("#f2f2f2")
    s = max(0.0, min(1.0, float(share))) ** 0.6  # small shares still show
    return QColor(int(255 - s * (255 - 31)), int(255 - s * (255 - 78)), int(255 - s * (255 - 121)))


class TrendsView(View):
    key = "trends"
    CARDS = ("revenue", "orders", "customers", "new_customers", "repeat_rate")

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.header = wrapped_label(tr("Open a file to see how the shop is doing month by month."), "heading")
        layout.addWidget(self.header)
        grid = QGridLayout()
        captions = {"revenue": tr("Revenue this month"), "orders": tr("Orders this month"),
                    "customers": tr("Customers this month"), "new_customers": tr("New customers this month"),
                    "repeat_rate": tr("Repeat rate this month")}
        self.cards = {k: FigureCard(captions[k]) for k in self.CARDS}
        self.captions = captions
        for i, k in enumerate(self.CARDS):  # three to a row: the page fits a laptop beside the customer panel
            grid.addWidget(self.cards[k], i // 3, i % 3)
        layout.addLayout(grid)
        self.lost_won = wrapped_label("")
        layout.addWidget(self.lost_won)
        layout.addWidget(wrapped_label(tr("Month by month"), "heading"))
        self.months = self._table([tr("Month"), tr("Revenue"), tr("Orders"), tr("Customers"), tr("New"),
                                   tr("Returning"), tr("Repeat rate")])
        layout.addWidget(self.months, 1)
        layout.addWidget(wrapped_label(tr("Customers still buying, by month of their first purchase"), "heading"))
        layout.addWidget(wrapped_label(tr("Each row is the customers who first bought in that month; each column "
                                          "the share of them who bought again so many months later.")))
        self.heat = self._table([tr("First purchase"), tr("Customers")] + [str(k) for k in range(HEAT_MONTHS)])
        layout.addWidget(self.heat, 1)
        self.notes = wrapped_label("")
        layout.addWidget(self.notes)

    def title(self) -> str:
        return tr("Trends")

    @staticmethod
    def _table(heads: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(heads))
        table.setHorizontalHeaderLabels(heads)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.setMinimumHeight(180)
        return table

    def show_result(self, result: Any) -> None:
        """Show a TrendsJobResult (None: nothing to show)."""
        self.result = result
        if result is None:
            self.months.setRowCount(0)
            self.heat.setRowCount(0)
            return
        self.header.setText(tr("Up to %1 (revenue after returns, identified customers)").replace("%1", result.as_of))
        this = (result.compare or {}).get("this_month") or {}
        change = (result.compare or {}).get("change_vs_last_month") or {}
        last = (result.compare or {}).get("last_month") or {}
        for k, card in self.cards.items():
            value = this.get(k)
            text = fmt.percent(value, 0) if k == "repeat_rate" else (
                fmt.money_short(value) if k == "revenue" else fmt.integer(value))
            if k == "repeat_rate" and value is not None and last.get(k) is not None:
                shift = f"{(value - last[k]) * 100:+.0f} pt"
            else:
                shift = f"{change[k]:+.0%}" if change.get(k) is not None else ""
            card.set_value(text or "–", tr("Against the same days of last month"))
            card.caption.setText(self.captions[k] + (f" ({shift})" if shift else ""))
        lw = result.lost_won or {}
        if lw:
            self.lost_won.setText(tr("In %1: %2 customers lost (90 days without a purchase), %3 new, %4 won back.")
                                  .replace("%1", lw["month"]).replace("%2", str(lw["lost"]["count"]))
                                  .replace("%3", str(lw["won_new"]["count"]))
                                  .replace("%4", str(lw["won_back"]["count"])))
        rows = list(reversed(result.months))
        self.months.setRowCount(len(rows))
        for r, m in enumerate(rows):
            values = [m["month"] + ("*" if m.get("partial") else ""), fmt.money(m["revenue"], 0) or "–",
                      fmt.integer(m["orders"]), fmt.integer(m["customers"]), fmt.integer(m["new_customers"]),
                      fmt.integer(m["returning_customers"]), fmt.percent(m["repeat_rate"], 0) or "–"]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.months.setItem(r, c, item)
        cohorts = list(reversed(result.cohorts))
        self.heat.setRowCount(len(cohorts))
        for r, x in enumerate(cohorts):
            self.heat.setItem(r, 0, QTableWidgetItem(x["cohort"]))
            self.heat.setItem(r, 1, QTableWidgetItem(fmt.integer(x["customers"])))
            for month in range(HEAT_MONTHS):
                share = x["retention"][month] if month < len(x["retention"]) else None
                item = QTableWidgetItem("" if share is None else fmt.percent(share, 0))
                item.setBackground(heat_colour(share))
                if share is not None and share > 0.45:
                    item.setForeground(QColor("white"))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.heat.setItem(r, 2 + month, item)
        self.notes.setText("\n".join(result.warnings))
