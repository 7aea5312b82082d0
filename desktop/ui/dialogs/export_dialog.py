"""The export dialog: which customers (groups or the current selection), which extra columns,
which file. The list is written by desktop.engine.export on a worker."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QDialog, QDialogButtonBox, QFileDialog,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.tasks import ExportRequest

# Customer columns offered on top of the ones every list has (id, name, contact, group, spend...)
OPTIONAL_COLUMNS = ["avg_order_value", "first_purchase", "n_products", "favourite_product",
                    "favourite_category", "gender", "birthday", "age", "tenure_days",
                    "p_alive", "churn_band", "predicted_orders_12m", "predicted_spend_12m", "clv",
                    "suggested_products"]


def column_label(key: str) -> str:
    """Return a customer column's name for the shop owner."""
    labels = {
        "avg_order_value": tr("Average order"), "first_purchase": tr("First purchase"),
        "n_products": tr("Different products bought"), "favourite_product": tr("Favourite product"),
        "favourite_category": tr("Favourite category"), "gender": tr("Gender"), "birthday": tr("Birthday"),
        "age": tr("Age"), "tenure_days": tr("Days since first purchase"),
        "p_alive": tr("Chance they still buy from you"), "churn_band": tr("Risk of losing them"),
        "predicted_orders_12m": tr("Expected orders next year"),
        "predicted_spend_12m": tr("Expected spend next year"), "clv": tr("Expected lifetime value"),
        "suggested_products": tr("Suggested products"),
    }
    return labels.get(key, key)


def default_export_path(folder: Path | None = None) -> Path:
    """Return a file name like ~/Documents/clientele-list-2026-10-31.xlsx."""
    if folder is None:
        docs = Path.home() / "Documents"
        folder = docs if docs.is_dir() else Path.home()
    return folder / f"clientele-list-{_dt.date.today().isoformat()}.xlsx"


class ExportDialog(QDialog):
    """Choose what to export; `request()` returns the ExportRequest."""

    def __init__(self, data, selection: list[str] | None = None, folder: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export a marketing list"))
        self.data = data
        self.selection = list(selection or [])
        layout = QVBoxLayout(self)

        who = QGroupBox(tr("Who"))
        who_layout = QVBoxLayout(who)
        self.by_group = QRadioButton(tr("Customers in these groups:"))
        self.by_selection = QRadioButton(tr("The customers you selected (%n)", "", len(self.selection)))
        group = QButtonGroup(self)
        group.addButton(self.by_group)
        group.addButton(self.by_selection)
        who_layout.addWidget(self.by_selection)
        who_layout.addWidget(self.by_group)
        self.groups = QListWidget()
        for row in data.segments.itertuples(index=False):
            item = QListWidgetItem(f"{row.label} ({fmt.integer(row.customers)})")
            item.setData(Qt.ItemDataRole.UserRole, str(row.key))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.groups.addItem(item)
        self.groups.itemChanged.connect(self._update)
        who_layout.addWidget(self.groups)
        layout.addWidget(who)
        self.by_selection.setEnabled(bool(self.selection))
        (self.by_selection if self.selection else self.by_group).setChecked(True)
        self.by_group.toggled.connect(self._update)

        cols = QGroupBox(tr("Extra columns"))
        cols_layout = QVBoxLayout(cols)
        cols_layout.addWidget(QLabel(tr("Every list has the customer ID, name, phone, email, city, group, "
                                        "spend, orders, last purchase and a suggested action.")))
        self.columns = QListWidget()
        for key in OPTIONAL_COLUMNS:
            if key in data.analysis.customers.columns:
                item = QListWidgetItem(column_label(key))
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key == "favourite_product" else Qt.CheckState.Unchecked)
                self.columns.addItem(item)
        self.columns.setMaximumHeight(140)
        cols_layout.addWidget(self.columns)
        layout.addWidget(cols)

        self.mask = QCheckBox(tr("Hide most of each phone number, email and name (for sharing the list)"))
        layout.addWidget(self.mask)
        self.control = QCheckBox(tr("Keep 10% of them aside to measure whether the campaign works"))
        layout.addWidget(self.control)

        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(tr("Save as")))
        self.path = QLineEdit(str(default_export_path(folder)))
        file_row.addWidget(self.path, 1)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row.addWidget(browse)
        layout.addLayout(file_row)
        self.open_folder = QCheckBox(tr("Open the folder afterwards"))
        self.open_folder.setChecked(True)
        layout.addWidget(self.open_folder)

        self.count = QLabel()
        layout.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(560, 640)

    def chosen_segments(self) -> list[str]:
        """Return the keys of the ticked groups."""
        return [self.groups.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.groups.count())
                if self.groups.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self, *_args) -> None:
        self.groups.setEnabled(self.by_group.isChecked())
        if self.by_group.isChecked():
            keys = set(self.chosen_segments())
            seg = self.data.segments
            n = int(seg.loc[seg["key"].astype(str).isin(keys), "customers"].sum())
        else:
            n = len(self.selection)
        self.count.setText(tr("%n customers will be in the list.", "", n))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n > 0)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Save the marketing list"), self.path.text(),
                                              tr("Excel workbook") + " (*.xlsx);;" + tr("CSV file") + " (*.csv)")
        if name:
            self.path.setText(name)

    def request(self) -> ExportRequest:
        """Return what to export."""
        extras = [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                  if self.columns.item(i).checkState() == Qt.CheckState.Checked]
        path = self.path.text().strip()
        if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".xlsx"
        by_selection = self.by_selection.isChecked()
        return ExportRequest(
            path=path,
            segments=None if by_selection else self.chosen_segments(),
            customer_ids=self.selection if by_selection else None,
            extra_columns=extras,
            mask_contacts=self.mask.isChecked(),
            control_share=0.10 if self.control.isChecked() else 0.0,
            open_folder=self.open_folder.isChecked(),
        )
