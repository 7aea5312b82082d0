"""Movement between groups: every customer's group at an earlier date and now, as a table coloured
like a heat map ("12 Champions became At Risk"), the biggest moves in words, and the customers who
moved, exportable as a marketing list."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from desktop.jobs import segments as grouping
from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, tr
from desktop.ui.models.session import SlotFollower
from desktop.ui.models.tables import Column
from desktop.ui.views import View
from desktop.ui.widgets import members_table, wrapped_label


def mover_columns() -> list[Column]:
    """Return the columns of the movers table."""
    return [
        Column("customer_id", tr("Customer ID")),
        Column("customer_name", tr("Name")),
        Column("from_label", tr("Group then")),
        Column("to_label", tr("Group now")),
        Column("monetary", tr("Total spend"), "money"),
    ]


class TransitionModel(QAbstractTableModel):
    """Customers per (group then, group now): rows are the earlier groups, columns the later ones;
    cells are shaded by count, the diagonal (kept their group) in bold."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.counts = np.zeros((0, 0), dtype=np.int64)
        self.row_keys: list[str] = []
        self.col_keys: list[str] = []
        self.names: dict[str, str] = {}
        self.peak = 1

    def set_table(self, table: pd.DataFrame | None, names: dict[str, str]) -> None:
        """Show `table` (index: groups then, columns: groups now) with `names` per key."""
        self.beginResetModel()
        if table is None:
            self.counts = np.zeros((0, 0), dtype=np.int64)
            self.row_keys, self.col_keys = [], []
        else:
            self.counts = table.to_numpy(dtype=np.int64)
            self.row_keys = [str(k) for k in table.index]
            self.col_keys = [str(k) for k in table.columns]
        self.names = dict(names)
        off = self.counts.copy()
        for i, key in enumerate(self.row_keys):
            if key in self.col_keys:
                off[i, self.col_keys.index(key)] = 0
        # shade by the moves: the diagonal (everyone who stayed) would wash out every other cell
        self.peak = max(1, int(off.max()) if off.size else 1)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.row_keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.col_keys)

    def pair(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
        """Return (group then, group now) of a cell."""
        return self.row_keys[index.row()], self.col_keys[index.column()]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.row_keys) or index.column() >= len(self.col_keys):
            return None
        count = int(self.counts[index.row(), index.column()])
        same = self.row_keys[index.row()] == self.col_keys[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt.integer(count) if count else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if same:
                return QColor("#e8eef5")
            strength = min(1.0, count / self.peak)
            return QColor.fromRgbF(1 - 0.75 * strength, 1 - 0.45 * strength, 1 - 0.15 * strength)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not same and count / self.peak > 0.6:
                return QColor("white")
            return QColor("#222222")
        if role == Qt.ItemDataRole.FontRole and same:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            a, b = self.pair(index)
            if same:
                return tr("%n customers stayed in “%1”", "", count).replace("%1", self.names.get(a, a))
            return tr("%n customers moved from “%1” to “%2”", "", count).replace(
                "%1", self.names.get(a, a)).replace("%2", self.names.get(b, b))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        keys = self.col_keys if orientation == Qt.Orientation.Horizontal else self.row_keys
        if 0 <= section < len(keys):
            return self.names.get(keys[section], keys[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class MigrationView(View):
    """Compare customers' groups at two dates. The comparison shown is the session's `migration`
    slot: the window asks for the last 90 days when the view is opened, "Compare" asks for the dates
    and groups chosen; the view starts no work itself."""

    key = "migration"
    shows = ("migration",)
    resultShown = Signal(object)  # the Migration shown
    failed = Signal(str)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result = None  # the session's migration shown
        self.movers: pd.DataFrame | None = None  # who changed group, once compared (None: not yet)
        self.follow: SlotFollower | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Compare")))
        self.then_edit = QDateEdit()
        self.then_edit.setCalendarPopup(True)
        self.then_edit.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.then_edit)
        bar.addWidget(QLabel(tr("with")))
        self.now_edit = QDateEdit()
        self.now_edit.setCalendarPopup(True)
        self.now_edit.setDisplayFormat("yyyy-MM-dd")
        bar.addWidget(self.now_edit)
        bar.addSpacing(12)
        bar.addWidget(QLabel(tr("Groups:")))
        self.method = QComboBox()
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        bar.addWidget(self.method)
        self.run_button = QPushButton(tr("Compare"))
        self.run_button.clicked.connect(lambda: self.run())
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.summary = wrapped_label(tr("Open a sales file to see how customers moved between groups."), "heading")
        layout.addWidget(self.summary)
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        self.moves.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.moves)

        split = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(split, 1)
        heat = QWidget()
        heat_layout = QVBoxLayout(heat)
        heat_layout.setContentsMargins(0, 0, 0, 0)
        caption = wrapped_label(tr("Rows: group at the earlier date; columns: group now. Darker cells hold more "
                                   "movers; click one to list its customers."))
        heat_layout.addWidget(caption)
        self.model = TransitionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._cell_clicked)
        heat_layout.addWidget(self.table)
        split.addWidget(heat)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.movers_label = wrapped_label(tr("Customers who changed group"), "heading")
        head.addWidget(self.movers_label, 1)
        self.show_all = QPushButton(tr("Show all movers"))
        self.show_all.clicked.connect(self.show_all_movers)
        head.addWidget(self.show_all)
        self.export_button = QPushButton(tr("Export these customers…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.mover_keys()))
        head.addWidget(self.export_button)
        right_layout.addLayout(head)
        self.movers_model, self.movers_proxy, self.movers_table = members_table(mover_columns(), self._open_mover)
        right_layout.addWidget(self.movers_table)
        split.addWidget(right)
        split.setSizes([620, 480])

    def title(self) -> str:
        return tr("Movement between groups")

    # -- choices -------------------------------------------------------------------------------
    def _fill_methods(self) -> None:
        from desktop.ui.views.groups import method_titles

        current = self.method.currentData()
        self.method.blockSignals(True)
        self.method.clear()
        self.method.addItem(tr("Your customer groups"), "rfm")
        seg = self.session.chosen_segmentation()
        if seg is not None and seg.method != "rfm":
            self.method.addItem(tr("Groups in your data: %1").replace("%1", method_titles()[seg.method]), seg.method)
        index = self.method.findData(current)
        self.method.setCurrentIndex(index if index >= 0 else 0)
        self.method.blockSignals(False)

    def set_dates(self, then: pd.Timestamp, now: pd.Timestamp) -> None:
        """Set the two dates to compare."""
        self.then_edit.setDate(QDate(then.year, then.month, then.day))
        self.now_edit.setDate(QDate(now.year, now.month, now.day))

    # -- running -------------------------------------------------------------------------------
    def set_data(self, data) -> None:
        super().set_data(data)
        self.result = None
        self.model.set_table(None, {})
        self.movers_model.clear()
        self.moves.clear()
        self.export_button.setEnabled(False)
        if data is None:
            self.summary.setText(tr("Open a sales file to see how customers moved between groups."))
            return
        now = pd.Timestamp(data.analysis.as_of).normalize()
        first = data.figures.first_date
        # The ranges first: the previous file's would clamp the new dates (a later date before the
        # earlier one, "The earlier date must be before the later date" on opening another shop).
        low = QDate(first.year, first.month, first.day) if first is not None else QDate(1900, 1, 1)
        high = QDate(now.year, now.month, now.day)
        self.then_edit.setDateRange(low, high)
        self.now_edit.setDateRange(low, high)
        self.set_dates(*grouping.migration_period(now))
        self._fill_methods()
        self.summary.setText(tr("Choose two dates and press “Compare”."))
        if self.follow is not None:
            self.follow.replay()  # what the session already holds (or computes) for this analysis

    def observe(self, adapter) -> None:
        super().observe(adapter)
        self.follow = SlotFollower(self, "migration", running=lambda: self.summary.setText(tr("Comparing…")),
                                   ready=self._finished, failed=self._failed, shown=lambda value: value is self.result,
                                   stopped=lambda: self.summary.setText(tr("Stopped.")))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.data is not None:
            self._fill_methods()  # the groups view may have found groups since

    def run(self) -> None:
        """Ask the session to compare the groups at the two chosen dates."""
        if self.data is None:
            return
        self.session.ask_migration(pd.Timestamp(self.then_edit.date().toPython()),
                                   pd.Timestamp(self.now_edit.date().toPython()),
                                   method=str(self.method.currentData() or "rfm"), currency=fmt.currency(),
                                   label=tr("Comparing groups at two dates…"))

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.failed.emit(message)

    def _finished(self, mig) -> None:
        if self.data is None:
            return
        self.result = mig
        request = self.session.migration.request
        if request is not None:  # the controls say what is shown (the window may have asked for it)
            self.set_dates(request.then, request.now)
            self._fill_methods()
            self.method.setCurrentIndex(max(0, self.method.findData(request.method)))
        zh = is_chinese()
        names = {k: (v[1] if zh else v[0]) for k, v in mig.names.items()}
        self.model.set_table(mig.table, names)
        newcomers = int(mig.table.loc[grouping_not_yet()].sum()) if grouping_not_yet() in mig.table.index else 0
        self.summary.setText(
            tr("From %1 to %2: %3 of the earlier customers kept their group; %n new customers.", "", newcomers)
            .replace("%1", mig.then.date().isoformat()).replace("%2", mig.now.date().isoformat())
            .replace("%3", fmt.percent(mig.stayed_share)))
        top = [m for m in mig.moves][:6]
        if top:
            self.moves.setText("<b>" + escape(tr("Biggest moves:")) + "</b> "
                               + " · ".join(escape(m["sentence_zh"] if zh else m["sentence"]) for m in top))
        else:
            self.moves.setText(escape(tr("Nobody changed group.")))
        movers = mig.movers.copy()
        movers["from_label"] = movers["from_name_zh" if zh else "from_name"]
        movers["to_label"] = movers["to_name_zh" if zh else "to_name"]
        movers = movers.drop(columns="customer_id").set_index(movers["customer_id"].astype(str).rename("customer_id"))
        names_col = self.data.customers.get("customer_name")
        movers["customer_name"] = names_col.reindex(movers.index).to_numpy() if names_col is not None else None
        self.movers = movers
        self.movers_model.set_frame(movers, mover_columns())
        self.show_all_movers()
        self.resultShown.emit(mig)

    # -- movers --------------------------------------------------------------------------------
    def show_all_movers(self) -> None:
        """List every customer who changed group."""
        self.movers_proxy.set_mask(None)
        self.table.clearSelection()
        count = 0 if self.movers is None else len(self.movers)
        self.movers_label.setText(tr("%n customers changed group", "", count))
        self.export_button.setEnabled(count > 0)

    def select_pair(self, then_key: str, now_key: str) -> int:
        """List the customers who moved from `then_key` to `now_key`; return how many."""
        if self.movers is None or self.movers.empty:
            return 0
        mask = ((self.movers["from"].astype(str) == then_key) & (self.movers["to"].astype(str) == now_key)).to_numpy()
        self.movers_proxy.set_mask(mask)
        n = int(mask.sum())
        names = self.model.names
        self.movers_label.setText(tr("%n customers moved from “%1” to “%2”", "", n).replace(
            "%1", names.get(then_key, then_key)).replace("%2", names.get(now_key, now_key)))
        self.export_button.setEnabled(n > 0)
        return n

    def _cell_clicked(self, index) -> None:
        if index.isValid():
            a, b = self.model.pair(index)
            if a == b and self.movers is not None:
                self.movers_proxy.set_mask(np.zeros(len(self.movers), dtype=bool))
                self.movers_label.setText(tr("These customers kept their group."))
                self.export_button.setEnabled(False)
            else:
                self.select_pair(a, b)

    def mover_keys(self) -> list[str]:
        """Return the ids of the customers listed."""
        return self.movers_proxy.visible_keys()

    def _open_mover(self, index) -> None:
        if index.isValid():
            self.customerActivated.emit(self.movers_proxy.key(index.row()))


def grouping_not_yet() -> str:
    """Return the key of "not yet a customer" in migration tables."""
    return grouping.not_yet_key()
