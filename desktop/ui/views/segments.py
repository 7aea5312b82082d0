"""Segments: the table of segments, the members of the selected one, a chart of sizes and revenue
shares, and the recency x frequency grid."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import revenue_brush, segment_colours
from desktop.ui.models.tables import Column, FilterProxy, FrameModel, KeyRole
from desktop.ui.views import View
from desktop.ui.views.customers import customer_columns
from desktop.ui.widgets import HowComputed, label_axis, members_table, pg, static_plot, wrapped_label


def segment_columns() -> list[Column]:
    """Return the columns of the segments table."""
    return [
        Column("label", tr("Group")),
        Column("customers", tr("Customers"), "int"),
        Column("share", tr("Share of customers"), "percent"),
        Column("revenue_share", tr("Share of revenue"), "percent"),
        Column("avg_spend", tr("Average spend"), "money"),
        Column("median_recency", tr("Typical days since last purchase"), "int"),
        Column("median_frequency", tr("Typical number of orders"), "int"),  # a count: never "5.5 orders"
        Column("action_text", tr("Suggested action")),
    ]


def member_columns() -> list[Column]:
    """Return the columns of the members table: these of the customer table, in its order."""
    shown = {"customer_id", "customer_name", "monetary", "frequency", "recency_days", "last_purchase", "city",
             "phone", "email"}
    return [c for c in customer_columns() if c.key in shown]


class RFGrid(QWidget):
    """A 5 x 5 heat map of customers by recency score (rows) and frequency score (columns)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = [[0] * 5 for _ in range(5)]
        self.setMinimumSize(300, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_counts(self, counts) -> None:
        """Show `counts[r-1][f-1]`."""
        self.counts = [[int(c) for c in row] for row in counts]
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 300)

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, bottom = 70, 26, 40
        w = max(10, self.width() - left - 10)
        h = max(10, self.height() - top - bottom)
        cw, ch = w / 5, h / 5
        peak = max(1, max(max(r) for r in self.counts))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(0, 0, self.width(), top - 4), Qt.AlignmentFlag.AlignCenter,
                   tr("Customers by how recently and how often they buy"))
        for r in range(5):  # recency score 5 (most recent) on top
            y = top + (4 - r) * ch
            for f in range(5):
                x = left + f * cw
                count = self.counts[r][f]
                strength = count / peak
                colour = QColor.fromRgbF(1 - 0.8 * strength, 1 - 0.45 * strength, 1 - 0.2 * strength)
                p.fillRect(QRectF(x + 1, y + 1, cw - 2, ch - 2), colour)
                p.setPen(QColor("white") if strength > 0.6 else QColor("#222222"))
                p.drawText(QRectF(x, y, cw, ch), Qt.AlignmentFlag.AlignCenter, fmt.integer(count))
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(0, y, left - 6, ch), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(r + 1))
        for f in range(5):
            p.drawText(QRectF(left + f * cw, top + h, cw, 18), Qt.AlignmentFlag.AlignCenter, str(f + 1))
        p.drawText(QRectF(left, top + h + 18, w, 20), Qt.AlignmentFlag.AlignCenter,
                   tr("How often they buy (5 = most often) →"))
        p.save()
        p.translate(14, top + h / 2)
        p.rotate(-90)
        p.drawText(QRectF(-h / 2, -10, h, 20), Qt.AlignmentFlag.AlignCenter,
                   tr("How recently (5 = most recent) →"))
        p.restore()
        p.end()


class SegmentsView(View):
    key = "segments"

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        outer = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(outer)

        top = QSplitter(Qt.Orientation.Horizontal)
        self.model = FrameModel(segment_columns())
        self.proxy = FilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.selectionModel().selectionChanged.connect(self._segment_selected)
        top.addWidget(self.table)

        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_holder = QVBoxLayout()
        self.chart_caption = wrapped_label(tr("Upper bar: share of customers; lower, striped bar: share of revenue."))
        self.chart_holder.addWidget(self.chart_caption)
        self.how = HowComputed()
        self.how.set_text(tr("RFM scores: each customer gets three scores from 1 to 5 by quintiles of the shop's "
                             "customers, equal values sharing a score: recency (days since the last purchase), "
                             "frequency (orders; one-time buyers score 1, repeat buyers 2 to 5) and monetary "
                             "value (total spend). The named groups are fixed rules on these scores; the grid "
                             "counts customers by their R and F scores."))
        self.chart_holder.addWidget(self.how)
        charts_layout.addLayout(self.chart_holder, 3)
        self.grid = RFGrid()
        charts_layout.addWidget(self.grid, 2)
        top.addWidget(charts)
        top.setSizes([700, 600])
        outer.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.members_label = QLabel(tr("Select a group to see its customers."))
        self.members_label.setObjectName("heading")
        head.addWidget(self.members_label, 1)
        self.export_button = QPushButton(tr("Export this group…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._export)
        head.addWidget(self.export_button)
        bottom_layout.addLayout(head)
        self.members_model, self.members_proxy, self.members = members_table(member_columns(), self._open_member)
        bottom_layout.addWidget(self.members)
        outer.addWidget(bottom)
        outer.setSizes([420, 380])
        self.plot: Any = None  # pyqtgraph's, made on first use
        self.selected_key: str | None = None

    def title(self) -> str:
        return tr("Groups")

    def set_data(self, data) -> None:
        super().set_data(data)
        self.selected_key = None
        self.export_button.setEnabled(False)
        self.members_label.setText(tr("Select a group to see its customers."))
        if data is None:
            self.model.clear()
            self.members_model.clear()
            self.grid.set_counts([[0] * 5 for _ in range(5)])
            return
        seg = data.segments.set_index(data.segments["key"].astype(str))
        self.model.set_frame(seg, segment_columns())
        colours = segment_colours(list(seg.index))
        keys = list(seg.index)
        self.model.set_row_colour(lambda row: colours[keys[row]])
        self.members_model.set_frame(data.customers, member_columns())
        self.members_proxy.set_mask(np.zeros(len(data.customers), dtype=bool))  # empty until chosen
        self.grid.set_counts(data.rf_grid)
        self._fill_chart(data, seg, colours)

    def prepare_widgets(self) -> None:
        made_now = self.plot is None
        self._ensure_plot()
        if made_now:
            self.plot.setVisible(self.data is not None)

    def _ensure_plot(self) -> None:
        if self.plot is None:
            self.plot = static_plot(min_width=320)
            self.chart_holder.addWidget(self.plot)

    def _fill_chart(self, data, seg, colours) -> None:
        g = pg()
        self._ensure_plot()
        self.plot.show()
        self.plot.clear()
        n = len(seg)
        ys = list(range(n))[::-1]  # first segment on top
        share = seg["share"].to_numpy(dtype=float) * 100
        revenue = seg["revenue_share"].to_numpy(dtype=float) * 100
        bars_a = g.BarGraphItem(x0=0, y=[y + 0.2 for y in ys], height=0.38, width=share,
                                brushes=[colours[k] for k in seg.index], pen=None)
        bars_b = g.BarGraphItem(x0=0, y=[y - 0.2 for y in ys], height=0.38, width=revenue,
                                brushes=[revenue_brush(colours[k]) for k in seg.index],
                                pens=[g.mkPen(colours[k], width=1.5) for k in seg.index])
        self.plot.addItem(bars_a)
        self.plot.addItem(bars_b)
        label_axis(self.plot.getAxis("left"), [(y, str(label)) for y, label in zip(ys, seg["label"])])
        self.plot.getAxis("bottom").setLabel("%")
        self.plot.setYRange(-0.7, n - 0.3, padding=0)

    def select_segment(self, key: str) -> None:
        """Select the segment `key` in the table (and list its members)."""
        row = self.model.row_of_key(key)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _segment_selected(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.data is None:
            return
        key = rows[0].data(KeyRole)
        self.selected_key = key
        customers = self.data.customers
        mask = (customers["segment"].astype(str) == key).to_numpy()
        self.members_proxy.set_mask(mask)
        label = rows[0].siblingAtColumn(0).data()
        self.members_label.setText(tr("%1: %n customers", "", int(mask.sum())).replace("%1", str(label)))
        self.export_button.setEnabled(bool(mask.any()))

    def member_keys(self) -> list[str]:
        """Return the customer ids listed in the members table."""
        return self.members_proxy.visible_keys()

    def _open_member(self, index) -> None:
        if index.isValid():
            self.customerActivated.emit(self.members_proxy.key(index.row()))

    def _export(self) -> None:
        self.exportRequested.emit(self.member_keys())
