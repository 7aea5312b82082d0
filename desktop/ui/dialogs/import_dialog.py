"""The import dialog: preview the first rows, check the detected column roles (and change them),
choose the sheet, add a customer list file. Several files (or a folder) are previewed as the analysis
reads them: the dialog says how they were combined, and shows each role's doubt beside the role."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QScrollArea, QSplitter, QTableView, QVBoxLayout, QWidget)

from desktop.jobs.analysis import PreviewRequest, preview
from desktop.jobs.errors import InputError, message_for
from desktop.ui.i18n import is_chinese, tr
from desktop.ui.settings import RecentFile
from desktop.ui.widgets import clear_layout
from desktop.ui.models.tables import Column, FrameModel

ALL_SHEETS = "all"
FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.tsv"

# What the user chose in the import dialog is what the recent-files list keeps.
ImportChoice = RecentFile


def preview_cell(value: object) -> str:
    """Return a cell of the preview as the shop owner wrote it: dates as dates ('2010-12-01', with
    the time when there is one: '2010-12-01 08:26'), never '2010-12-01T08:26:00'; whole numbers a
    workbook stored as floats without '.0' (invoice 536414, not 536414.0); '' when empty."""
    import datetime as dt

    import pandas as pd

    from desktop.jobs.analysis import to_text

    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)) and not isinstance(value, type(pd.NaT)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d" if stamp == stamp.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = to_text(pd.Series([value], dtype=object)).iloc[0]
    return "" if text is None else str(text)


def preview_frame(rows):
    """Return the preview rows as text, each cell written by preview_cell."""
    return rows.reset_index(drop=True).astype(object).map(preview_cell)


def role_label(role: str) -> str:
    """Return a role's name for the shop owner in the UI language."""
    from desktop.texts import label

    return label("role", role, "zh" if is_chinese() else "en")


def file_filter() -> str:
    """Return the file dialog filter for sales files."""
    return tr("Sales files") + f" ({FILE_FILTER});;" + tr("All files") + " (*)"


class ImportDialog(QDialog):
    """Preview a file and confirm how to read it. Previews run on the app's TaskRunner."""

    def __init__(self, path: str | list[str], runner, remembered: ImportChoice | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = [str(p) for p in path] if isinstance(path, (list, tuple)) else [str(path)]
        self.path = self.paths[0]
        if len(self.paths) > 1:
            self.setWindowTitle(tr("Open %n files", "", len(self.paths)))
        else:
            self.setWindowTitle(tr("Open %1").replace("%1", Path(self.path).name))
        self.runner = runner
        self.preview = None
        self.detected: dict[str, str] = {}
        self.remembered = remembered or ImportChoice(self.path, extra_paths=self.paths[1:])
        self.role_boxes: dict[str, QComboBox] = {}
        self.role_info: dict[str, QLabel] = {}
        self.resize(1000, 680)

        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.activated.connect(self._sheet_changed)
        top.addRow(tr("Sheet"), self.sheet)
        customers_row = QHBoxLayout()
        self.customers = QLineEdit(self.remembered.customers_file or "")
        self.customers.setPlaceholderText(tr("Optional: a list of your customers (names, phones) to add"))
        customers_row.addWidget(self.customers, 1)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_customers)
        customers_row.addWidget(browse)
        top.addRow(tr("Customer list"), customers_row)
        layout.addLayout(top)

        self.status = QLabel(tr("Reading the first rows…"))
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # How several files were read as one (same header, stacked, joined) and what was left out
        self.combined = QLabel()
        self.combined.setObjectName("combined")
        self.combined.setWordWrap(True)
        self.combined.setTextFormat(Qt.TextFormat.RichText)
        self.combined.hide()
        layout.addWidget(self.combined)

        split = QSplitter(Qt.Orientation.Vertical)
        self.rows_model = FrameModel()
        self.rows = QTableView()
        self.rows.setModel(self.rows_model)
        self.rows.verticalHeader().setDefaultSectionSize(20)
        split.addWidget(self.rows)
        roles_box = QGroupBox(tr("Which column holds what"))
        roles_outer = QVBoxLayout(roles_box)
        hint = QLabel(tr("Clientele guessed these from the column names and contents. Change any that "
                         "are wrong; customer, date and amount (or quantity and price) are needed."))
        hint.setWordWrap(True)
        roles_outer.addWidget(hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        self.roles_grid = QGridLayout(holder)
        # the third column holds how sure, and why when in doubt: as wide as the drop-downs
        self.roles_grid.setColumnStretch(1, 1)
        self.roles_grid.setColumnStretch(2, 1)
        scroll.setWidget(holder)
        roles_outer.addWidget(scroll)
        split.addWidget(roles_box)
        split.setSizes([300, 340])
        layout.addWidget(split, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Load"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load_preview(self.remembered.sheet)  # None: the engine's default (same-header sheets combined)

    # -- preview -------------------------------------------------------------------------------
    def load_preview(self, sheet: str | None) -> None:
        """Read the first rows of `sheet` on a worker thread."""
        self.status.setText(tr("Reading the first rows…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        request = PreviewRequest(tuple(map(str, self.paths)), sheet)
        self.runner.start("preview", preview, request, on_result=self.show_preview,
                          on_error=self._preview_failed, label=tr("Reading %1").replace("%1", Path(self.path).name))

    def _preview_failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, InputError):
            self.status.setText(message_for(exc, is_chinese()))
        else:
            from desktop.ui.crash import crash_handler

            self.status.setText(tr("This file could not be read (%1).").replace("%1", type(exc).__name__))
            handler = crash_handler()
            if handler is not None:
                handler.report(details)
        self.status.setObjectName("error")
        self.status.setStyleSheet("color: #b00020;")

    def show_preview(self, preview) -> None:
        """Show a desktop.engine.pipeline.FilePreview."""
        from desktop.jobs.analysis import ROLES

        self.preview = preview
        self.status.setStyleSheet("")
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if preview.sheets:
            for name in preview.sheets:
                self.sheet.addItem(name, name)
            if len(preview.sheets) > 1:
                self.sheet.addItem(tr("All sheets with the same columns, combined"), ALL_SHEETS)
            wanted = self.remembered.sheet or preview.sheet
            self.sheet.setCurrentIndex(max(0, self.sheet.findData(wanted)))
        elif preview.combination is not None:
            self.sheet.addItem(tr("(several files)"), None)
        else:
            self.sheet.addItem(tr("(a text file has no sheets)"), None)
        self.sheet.setEnabled(len(preview.sheets) > 1)
        self.sheet.blockSignals(False)

        rows = preview.rows
        self.rows_model.set_frame(preview_frame(rows), [Column(str(c), str(c)) for c in rows.columns])
        self.detected = {role: m.column for role, m in preview.roles.items()}
        language = "zh" if is_chinese() else "en"
        notes = " ".join(dict.fromkeys(n.text(language) if hasattr(n, "text") else str(n)
                                       for n in preview.notes))  # the catalogue's sentences, each once
        self.status.setText(tr("First %n rows of the file.", "", len(rows)) + (" " + notes if notes else ""))
        self._show_combination(preview)

        clear_layout(self.roles_grid)
        self.role_boxes.clear()
        self.role_info.clear()
        for header, col in ((tr("Meaning"), 0), (tr("Column in your file"), 1), (tr("How sure"), 2)):
            label = QLabel(f"<b>{header}</b>")
            self.roles_grid.addWidget(label, 0, col)
        for i, role in enumerate(ROLES, start=1):
            box = QComboBox()
            box.addItem(tr("— not in this file —"), None)
            for column in preview.columns:
                box.addItem(str(column), str(column))
            chosen = self.remembered.overrides.get(role) or self.detected.get(role)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.currentIndexChanged.connect(lambda _i, r=role: self._role_changed(r))
            info = QLabel()
            info.setWordWrap(True)
            self.roles_grid.addWidget(QLabel(role_label(role)), i, 0)
            self.roles_grid.addWidget(box, i, 1)
            self.roles_grid.addWidget(info, i, 2)
            self.role_boxes[role] = box
            self.role_info[role] = info
            self._describe(role)
        self._check_ready()

    def _show_combination(self, preview) -> None:
        """Say how several files were read as one, with the warnings about them, in the window's language."""
        combination = getattr(preview, "combination", None)
        if combination is None:
            self.combined.hide()
            self.combined.setText("")
            return
        language = "zh" if is_chinese() else "en"
        how = {
            "same_header": tr("%n files with the same columns, read as one", "", len(combination.files)),
            "stacked": tr("Files with different columns, each read on its own and put together"),
            "joined": tr("An export of orders, order lines and customers, joined on the ids they share"),
            "joined_and_stacked": tr("Files joined on the ids they share, and put together"),
        }.get(combination.how, "")
        lines = [f"<b>{escape(how)}</b>"]
        warned = {id(w) for w in combination.warnings}
        for m in preview.messages:
            text = escape(m.text(language))
            lines.append(f"<span style='color:#a15c00'>⚠ {text}</span>" if id(m) in warned else f"• {text}")
        self.combined.setText("<br>".join(lines))
        self.combined.show()

    def _describe(self, role: str) -> None:
        box, info = self.role_boxes[role], self.role_info[role]
        match = self.preview.roles.get(role) if self.preview else None
        chosen = box.currentData()
        if chosen is None:
            info.setText("")
            info.setToolTip("")
            info.setStyleSheet("")
        elif match is not None and match.column == chosen and role not in self.remembered.overrides:
            # a role in doubt (a desktop.texts Message on the match) says why, beside the role
            doubt = getattr(match, "doubt", None)
            percent = f"{round(match.confidence * 100)}%"
            if doubt is not None:
                info.setText(f"⚠ {percent} — {doubt.text('zh' if is_chinese() else 'en')}")
                info.setStyleSheet("color: #a15c00;")
            else:
                info.setText(percent)
                info.setStyleSheet("")
            info.setToolTip(match.text("zh" if is_chinese() else "en"))
        else:
            info.setText(tr("chosen by you"))
            info.setToolTip("")
            info.setStyleSheet("")

    def _role_changed(self, role: str) -> None:
        # a column holds one role: taking it for this role frees it elsewhere
        column = self.role_boxes[role].currentData()
        if column is not None:
            for other, box in self.role_boxes.items():
                if other != role and box.currentData() == column:
                    box.blockSignals(True)
                    box.setCurrentIndex(0)
                    box.blockSignals(False)
                    self._describe(other)
        self.remembered.overrides[role] = column or ""
        self._describe(role)
        self._check_ready()

    def _check_ready(self) -> None:
        chosen = {r for r, b in self.role_boxes.items() if b.currentData() is not None}
        # a unit price without a quantity is one item a line (as the engine reads it)
        ok = "customer_id" in chosen and "date" in chosen and ("amount" in chosen or "unit_price" in chosen)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if not ok and self.preview is not None:
            self.status.setText(tr("Choose the columns with the customer, the date and the amount "
                                   "(or quantity and unit price)."))

    def _sheet_changed(self, _index: int) -> None:
        sheet = self.sheet.currentData()
        self.remembered.sheet = sheet
        self.load_preview(sheet)  # ALL_SHEETS previews the sheets combined

    def _choose_customers(self) -> None:
        start = self.path if Path(self.path).is_dir() else str(Path(self.path).parent)
        name, _ = QFileDialog.getOpenFileName(self, tr("Choose your customer list"), start, file_filter())
        if name:
            self.customers.setText(name)

    # -- result --------------------------------------------------------------------------------
    def set_role(self, role: str, column: str | None) -> None:
        """Choose `column` for `role` (as the user would with the drop-down)."""
        box = self.role_boxes[role]
        box.setCurrentIndex(max(0, box.findData(column)))

    def choice(self) -> ImportChoice:
        """Return what to load: the roles that differ from the detection become overrides."""
        overrides = {}
        for role, box in self.role_boxes.items():
            column = box.currentData()
            if column is not None and column != self.detected.get(role):
                overrides[role] = column
        sheet = self.sheet.currentData() if self.sheet.count() else None
        customers = self.customers.text().strip() or None
        return ImportChoice(self.path, sheet, overrides, customers, list(self.paths[1:]))
