"""Customers: every customer in a sortable, searchable, filterable table."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableView, QVBoxLayout)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import segment_colours
from desktop.ui.models.tables import Column, FilterProxy, FrameModel
from desktop.ui.views import View


def customer_columns(customers=None) -> list[Column]:
    """Return the customer table's columns (prediction columns only when the `customers` frame,
    Session.customers(), has them)."""
    cols = [
        Column("customer_id", tr("Customer ID")),
        Column("customer_name", tr("Name")),
        Column("segment_label", tr("Group")),
        Column("monetary", tr("Total spend"), "money"),
        Column("frequency", tr("Orders"), "int"),
        Column("recency_days", tr("Days since last purchase"), "int"),
        Column("last_purchase", tr("Last purchase"), "date"),
        Column("first_purchase", tr("First purchase"), "date"),
        Column("avg_order_value", tr("Average order"), "money"),
        Column("favourite_product", tr("Favourite product")),
        Column("tier_label", tr("VIP tier")),
        Column("city", tr("City")),
        Column("phone", tr("Phone")),
        Column("email", tr("Email")),
    ]
    if customers is not None:
        from desktop.ui.views.customer_panel import prediction_fields

        for key, title, kind in prediction_fields():
            if key in customers.columns:
                cols.append(Column(key, title, kind))
    return cols


class CustomersView(View):
    key = "customers"

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search name, customer ID, phone, email or city"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 3)
        self.segment = QComboBox()
        self.segment.setMinimumContentsLength(14)
        bar.addWidget(QLabel(tr("Group")))
        bar.addWidget(self.segment, 2)
        bar.addWidget(QLabel(tr("Spent at least")))
        self.min_spend = QDoubleSpinBox()
        self.min_spend.setRange(0, 1e12)
        self.min_spend.setDecimals(0)
        self.min_spend.setSingleStep(50)
        bar.addWidget(self.min_spend)
        bar.addWidget(QLabel(tr("Bought in the last")))
        self.max_recency = QSpinBox()
        self.max_recency.setRange(0, 100000)
        self.max_recency.setSpecialValueText(tr("any time"))
        self.max_recency.setSuffix(tr(" days"))
        bar.addWidget(self.max_recency)
        layout.addLayout(bar)

        self.model = FrameModel(customer_columns())
        self.proxy = FilterProxy()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        # fixed row heights: Qt never measures 100,000 rows
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().setSectionResizeMode(self.table.verticalHeader().ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table, 1)

        foot = QHBoxLayout()
        self.count = QLabel()
        foot.addWidget(self.count, 1)
        self.export_button = QPushButton(tr("Export these customers…"))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.visible_keys()))
        foot.addWidget(self.export_button)
        layout.addLayout(foot)

        # typing waits a moment so that each key press does not refilter 100,000 rows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._timer.start)
        self.segment.currentIndexChanged.connect(self.apply_filter)
        self.min_spend.valueChanged.connect(self._timer.start)
        self.max_recency.valueChanged.connect(self._timer.start)
        self._update_count()

    def title(self) -> str:
        return tr("Customers")

    def set_data(self, data) -> None:
        super().set_data(data)
        self.segment.blockSignals(True)
        self.segment.clear()
        self.segment.addItem(tr("All groups"), None)
        if data is None:
            self.segment.blockSignals(False)
            self.model.clear()
            self._update_count()
            return
        for row in data.segments.itertuples(index=False):
            self.segment.addItem(f"{row.label} ({fmt.integer(row.customers)})", str(row.key))
        self.segment.blockSignals(False)
        customers = self.session.customers() if self.session.data is data else data.customers
        self.model.set_frame(customers, customer_columns(customers))
        keys = data.customers["segment"].astype(str).to_numpy() if "segment" in data.customers else None
        if keys is not None:
            colours = segment_colours([str(k) for k in data.segments["key"]])
            self.model.set_row_colour(lambda row: colours.get(keys[row]))
        self.table.sortByColumn(self.model.column_of("monetary"), Qt.SortOrder.DescendingOrder)  # best first
        self.apply_filter()

    def observe(self, adapter) -> None:
        super().observe(adapter)
        adapter.predictionsChanged.connect(lambda _slot: self.refresh_results())

    def refresh_results(self) -> None:
        """Show prediction columns that arrived after the table was filled (filters and sort kept)."""
        if self.data is None or self.session.data is not self.data:
            return
        customers = self.session.customers()
        columns = customer_columns(customers)
        if self.model.frame is customers and columns == self.model.columns:
            return  # nothing this table shows changed
        header = self.table.horizontalHeader()
        column, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
        # new columns for the same customers: the order and filter carry over, no re-sort
        self.model.set_frame(customers, columns, keep_order=True)
        if not 0 <= column < self.model.columnCount():
            column, order = self.model.column_of("monetary"), Qt.SortOrder.DescendingOrder
        self.table.sortByColumn(column, order)
        self.apply_filter()

    def set_segment(self, key: str | None) -> None:
        """Show only segment `key` (None: all)."""
        index = self.segment.findData(key)
        self.segment.setCurrentIndex(max(0, index))

    def filter_mask(self) -> np.ndarray | None:
        """Return which customers pass the search and filters (None: all of them)."""
        data = self.data
        if data is None:
            return None
        c = data.customers
        mask = np.ones(len(c), dtype=bool)
        text = self.search.text().strip().lower()
        if text:
            mask &= np.fromiter((text in s for s in data.search_text), dtype=bool, count=len(c))
        key = self.segment.currentData()
        if key is not None:
            mask &= (c["segment"].astype(str) == key).to_numpy()
        if self.min_spend.value() > 0:
            mask &= (c["monetary"].to_numpy(dtype=float, na_value=0) >= self.min_spend.value())
        if self.max_recency.value() > 0:
            mask &= (c["recency_days"].to_numpy(dtype=float, na_value=1e12) <= self.max_recency.value())
        return None if mask.all() else mask

    def apply_filter(self) -> None:
        """Apply the search box and filters now."""
        self._timer.stop()
        self.proxy.set_mask(self.filter_mask())
        self._update_count()

    def _update_count(self) -> None:
        total = 0 if self.data is None else len(self.data.customers)
        shown = self.proxy.rowCount()
        self.count.setText(tr("Showing %1 of %2 customers").replace("%1", fmt.integer(shown))
                           .replace("%2", fmt.integer(total)))
        self.export_button.setEnabled(shown > 0)

    def visible_keys(self) -> list[str]:
        """Return the ids of the customers shown, in table order."""
        return self.proxy.visible_keys()

    def _open(self, index) -> None:
        if index.isValid():
            self.customerActivated.emit(self.proxy.key(index.row()))
