"""This week: whom to contact in the coming days, list by list, with the reason, the day, the money at
stake and a ready message. The view computes nothing: it shows a desktop.jobs.todo.TodoJobResult given
to `show_result`. Ticking "Contacted" hides the row and emits `contactedToggled` (the project keeps the
ticks); double-clicking a row opens the customer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.views import View
from desktop.ui.widgets import wrapped_label


class ThisWeekView(View):
    key = "this_week"
    contactedToggled = Signal(str, bool)  # customer id, ticked

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result: Any = None
        self.tables: dict[str, QTableWidget] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 8, 8, 8)
        self.header = wrapped_label(tr("Open a file to see whom to contact this week."), "heading")
        self._layout.addWidget(self.header)
        self.notes = wrapped_label("")
        self._layout.addWidget(self.notes)
        self._sections: list[Any] = []
        self._layout.addStretch(1)

    def title(self) -> str:
        return tr("This week")

    def show_result(self, result: Any) -> None:
        """Show a TodoJobResult (None: nothing to show)."""
        self.result = result
        for w in self._sections:
            self._layout.removeWidget(w)
            w.deleteLater()
        self._sections, self.tables = [], {}
        if result is None:
            self.header.setText(tr("Open a file to see whom to contact this week."))
            self.notes.setText("")
            return
        value = {"expected_12m": tr("value = expected spend in the next 12 months"),
                 "last_12m": tr("value = spend in the last 12 months"),
                 "none": tr("no prices in this file")}.get(result.value_kind, "")
        self.header.setText(tr("From %1, %n days: %2", "", result.window_days)
                            .replace("%1", result.as_of).replace("%2", value))
        notes = list(result.warnings)
        left = result.left_out or {}
        if left.get("contacted") or left.get("control"):
            notes.insert(0, tr("Left out: %1 already contacted, %2 in a campaign's control group")
                         .replace("%1", str(left.get("contacted", 0))).replace("%2", str(left.get("control", 0))))
        self.notes.setText("\n".join(notes))
        at = self._layout.count() - 1  # before the stretch
        for i, lst in enumerate(result.lists):
            if not lst["customers"]:
                continue
            more = tr(" (%n in all)", "", lst["total"]) if lst["total"] > len(lst["customers"]) else ""
            heading = wrapped_label(f"{lst['title']}{more}", "heading")
            table = self._table(lst)
            for w in (heading, table):
                self._layout.insertWidget(at, w)
                at += 1
                self._sections.append(w)
            self.tables[f"{lst['kind']}:{i}"] = table
        if not self.tables:
            empty = QLabel(tr("Nobody to contact in these days."))
            self._layout.insertWidget(at, empty)
            self._sections.append(empty)

    def _table(self, lst: dict) -> QTableWidget:
        heads = [tr("Contacted"), tr("Customer"), tr("Why"), tr("When"), tr("Value"), tr("Message")]
        table = QTableWidget(len(lst["customers"]), len(heads))
        table.setHorizontalHeaderLabels(heads)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        for r, c in enumerate(lst["customers"]):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, c["customer_id"])
            who = c["customer_id"] + (f"  {c['name']}" if c.get("name") else "")
            cells = [tick, QTableWidgetItem(who), QTableWidgetItem(c["reason"]), QTableWidgetItem(fmt.day(c["due"])),
                     QTableWidgetItem(fmt.money(c["value"], 0) if c.get("value") is not None else "–"),
                     QTableWidgetItem(c.get("message") or "")]
            cells[4].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells[5].setToolTip(c.get("message") or "")
            for col, item in enumerate(cells):
                table.setItem(r, col, item)
        header = table.horizontalHeader()
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        # Rows as tall as their wrapped text at the columns' real widths (known once laid out).
        header.sectionResized.connect(lambda *_a, t=table: t.resizeRowsToContents())
        table.setMinimumHeight(min(header.height() + 56 * table.rowCount() + 6, 300))
        table.itemChanged.connect(lambda item, t=table: self._ticked(t, item))
        table.cellDoubleClicked.connect(lambda row, _col, t=table: self.customerActivated.emit(
            str(t.item(row, 0).data(Qt.ItemDataRole.UserRole))))
        return table

    def _ticked(self, table: QTableWidget, item: QTableWidgetItem) -> None:
        if item.column() != 0:
            return
        ticked = item.checkState() == Qt.CheckState.Checked
        table.setRowHidden(item.row(), ticked)
        self.contactedToggled.emit(str(item.data(Qt.ItemDataRole.UserRole)), ticked)
