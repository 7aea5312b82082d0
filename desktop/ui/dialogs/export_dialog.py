"""The export dialog: which customers (groups, a filter, or the current selection), which extra
columns, the personal message, the campaign (control group, offer, cost) and the file. The list is
written by desktop.jobs.export on a worker (MainWindow.export)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QRadioButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, tr
from desktop.jobs.export import ExportRequest
from desktop.ui.widgets import wrapped_label

# Customer columns offered on top of the ones every list has (id, name, contact, group, spend...)
OPTIONAL_COLUMNS = ["avg_order_value", "first_purchase", "n_products", "favourite_product",
                    "favourite_category", "gender", "birthday", "age", "tenure_days",
                    "churn_band", "churn_risk", "p_alive", "expected_purchases_365",
                    "expected_next_purchase", "predicted_orders_12m", "predicted_spend_12m", "clv",
                    "suggested_products"]
DEFAULT_COLUMNS = ("favourite_product", "suggested_products")
PLACEHOLDERS = ("name", "segment", "product", "days_since")
GENERIC = "generic"


def column_label(key: str) -> str:
    """Return a customer column's name for the shop owner."""
    labels = {
        "avg_order_value": tr("Average order"), "first_purchase": tr("First purchase"),
        "n_products": tr("Different products bought"), "favourite_product": tr("Favourite product"),
        "favourite_category": tr("Favourite category"), "gender": tr("Gender"), "birthday": tr("Birthday"),
        "age": tr("Age"), "tenure_days": tr("Days since first purchase"),
        "p_alive": tr("Chance they still buy from you"), "churn_band": tr("How likely no purchase in 90 days"),
        "churn_risk": tr("Chance of no purchase in the next 90 days"),
        "expected_purchases_365": tr("Expected purchases next year"),
        "expected_next_purchase": tr("Likely to buy again by"),
        "predicted_orders_12m": tr("Expected orders next year"),
        "predicted_spend_12m": tr("Expected spend next year"), "clv": tr("Expected lifetime value"),
        "suggested_products": tr("Suggested products"),
    }
    return labels.get(key, key)


def placeholder_label(key: str) -> str:
    """Return what a message placeholder stands for."""
    return {"name": tr("the customer's name"), "segment": tr("their group"),
            "product": tr("a product for them"), "days_since": tr("days since they last bought")}[key]


def default_export_path(folder: Path | None = None, suffix: str = ".xlsx") -> Path:
    """Return a file name like ~/Documents/clientele-list-2026-10-31.xlsx that no list (of either
    format) nor campaign record uses yet: a second export on one day is -2, never the first one again."""
    if folder is None:
        docs = Path.home() / "Documents"
        folder = docs if docs.is_dir() else Path.home()
    stem = f"clientele-list-{_dt.date.today().isoformat()}"
    for n in range(1, 10_000):
        name = stem if n == 1 else f"{stem}-{n}"
        taken = [folder / f"{name}{s}" for s in (".xlsx", ".csv", ".campaign.json")]
        if not any(p.exists() for p in taken):
            return folder / f"{name}{suffix}"
    return folder / f"{stem}-{_dt.datetime.now():%H%M%S}{suffix}"


def available_columns(session) -> list[str]:
    """Return the optional columns the session's analysis can fill: the customer table's own, plus
    predictions and suggested products once the session has them."""
    have = set(session.data.analysis.customers.columns)
    predictions = session.prediction_table()
    if predictions is not None:
        have |= set(predictions.columns)
    if session.suggestion_table() is not None:
        have.add("suggested_products")
    return [key for key in OPTIONAL_COLUMNS if key in have]


class ExportDialog(QDialog):
    """Choose what to export; `request()` returns the ExportRequest."""

    def __init__(self, session, selection: list[str] | None = None, folder: Path | None = None,
                 parent: QWidget | None = None, settings=None) -> None:
        super().__init__(parent)
        from desktop.jobs.export import messages

        self.setWindowTitle(tr("Export a marketing list"))
        self.session = session  # desktop.session.Session: the analysis and its predictions/suggestions
        self.data = session.data
        self.selection = [str(i) for i in (selection or [])]
        self.settings = settings if settings is not None else getattr(parent, "settings", None)
        self.language = "zh" if is_chinese() else "en"
        self.default_templates = messages.default_templates(self.language)
        own = self.settings.message_templates(self.language) if self.settings is not None else {}
        self.templates = {**self.default_templates, **own}
        if folder is None and self.settings is not None and self.settings.export_folders():
            remembered = Path(self.settings.export_folders()[0])
            folder = remembered if remembered.is_dir() else None

        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._who_tab(), tr("Customers"))
        self.tabs.addTab(self._columns_tab(), tr("Columns"))
        self.tabs.addTab(self._message_tab(), tr("Message"))
        self.tabs.addTab(self._campaign_tab(), tr("Campaign"))
        layout.addWidget(self.tabs, 1)

        file_box = QGroupBox(tr("File"))
        file_layout = QVBoxLayout(file_box)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(tr("Save as")))
        self.path = QLineEdit(str(default_export_path(folder)))
        self.path.textChanged.connect(self._path_changed)
        file_row.addWidget(self.path, 1)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        file_row.addWidget(browse)
        file_layout.addLayout(file_row)
        self.replace = QCheckBox()  # shown when the file exists: replacing it is said, never silent
        self.replace.toggled.connect(self._update)
        self.replace.hide()
        file_layout.addWidget(self.replace)
        options_row = QHBoxLayout()
        self.file_format = QComboBox()
        self.file_format.addItem(tr("Excel workbook (.xlsx)"), ".xlsx")
        self.file_format.addItem(tr("CSV file (.csv)"), ".csv")
        self.file_format.currentIndexChanged.connect(self._format_changed)
        options_row.addWidget(self.file_format)
        self.sheet_per_segment = QCheckBox(tr("One sheet per group as well"))
        options_row.addWidget(self.sheet_per_segment)
        options_row.addStretch(1)
        file_layout.addLayout(options_row)
        self.open_folder = QCheckBox(tr("Open the folder afterwards"))
        from desktop.ui.folders import can_open_folders

        self.open_folder.setChecked(can_open_folders())
        if not can_open_folders():  # no file manager here: the box would do nothing
            self.open_folder.setEnabled(False)
            self.open_folder.setToolTip(tr("This computer has no file manager to show the folder in; "
                                           "the status bar says where the list was saved."))
        file_layout.addWidget(self.open_folder)
        layout.addWidget(file_box)

        self.count = QLabel()
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._path_changed()
        self._show_template()
        self._update()
        self.resize(620, 680)

    # -- building --------------------------------------------------------------------------------
    def _who_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.by_selection = QRadioButton(tr("The customers you selected (%n)", "", len(self.selection)))
        self.by_group = QRadioButton(tr("Customers in these groups:"))
        group = QButtonGroup(self)
        group.addButton(self.by_group)
        group.addButton(self.by_selection)
        layout.addWidget(self.by_selection)
        layout.addWidget(self.by_group)
        self.groups = QListWidget()
        for row in self.data.segments.itertuples(index=False):
            if not row.customers:
                continue  # an empty group has nobody to contact
            item = QListWidgetItem(f"{row.label} ({fmt.integer(row.customers)})")
            item.setData(Qt.ItemDataRole.UserRole, str(row.key))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)  # nobody is contacted unless the owner says so
            self.groups.addItem(item)
        self.groups.itemChanged.connect(self._update)
        layout.addWidget(self.groups, 1)
        self.by_selection.setEnabled(bool(self.selection))
        (self.by_selection if self.selection else self.by_group).setChecked(True)
        self.by_group.toggled.connect(self._update)

        filters = QGroupBox(tr("Only customers who… (0 means any)"))
        form = QFormLayout(filters)
        self.min_spend = QDoubleSpinBox()
        self.min_spend.setRange(0, 1e12)
        self.min_spend.setDecimals(0)
        self.min_spend.setSingleStep(50)
        form.addRow(tr("spent at least"), self.min_spend)
        self.min_orders = QSpinBox()
        self.min_orders.setRange(0, 100000)
        form.addRow(tr("ordered at least (times)"), self.min_orders)
        self.bought_within = QSpinBox()
        self.bought_within.setRange(0, 100000)
        self.bought_within.setSuffix(tr(" days"))
        form.addRow(tr("bought in the last"), self.bought_within)
        self.away_for = QSpinBox()
        self.away_for.setRange(0, 100000)
        self.away_for.setSuffix(tr(" days", "a length of time, after 'at least'"))  # not "within" days
        form.addRow(tr("have not bought for at least"), self.away_for)
        for box in (self.min_spend, self.min_orders, self.bought_within, self.away_for):
            box.valueChanged.connect(self._update)
        layout.addWidget(filters)
        return page

    def _columns_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        every = QLabel(tr("Every list has the customer ID, name, phone, email, city, group, spend, orders, "
                          "last purchase, a suggested action and the personal message."))
        every.setWordWrap(True)
        layout.addWidget(every)
        self.columns = QListWidget()
        for key in available_columns(self.session):
            item = QListWidgetItem(column_label(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in DEFAULT_COLUMNS else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        layout.addWidget(self.columns, 1)
        if not any(k in available_columns(self.session) for k in ("predicted_spend_12m", "churn_band")):
            note = wrapped_label(tr("Predictions and suggested products can be added once they have been "
                                    "worked out."), "smallPrint")
            layout.addWidget(note)
        privacy = QGroupBox(tr("Privacy (for sharing the list)"))
        privacy_layout = QVBoxLayout(privacy)
        self.pseudonymise = QCheckBox(tr("Replace customer IDs with codes that cannot be traced back"))
        self.mask_contacts = QCheckBox(tr("Hide most of each phone number, email and name"))
        privacy_layout.addWidget(self.pseudonymise)
        privacy_layout.addWidget(self.mask_contacts)
        layout.addWidget(privacy)
        return page

    def _message_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Message for")))
        self.template_group = QComboBox()
        for seg in self.data.segments.itertuples(index=False):
            self.template_group.addItem(str(seg.label), str(seg.key))
        self.template_group.addItem(tr("Any other group"), GENERIC)
        self.template_group.currentIndexChanged.connect(self._show_template)
        row.addWidget(self.template_group, 1)
        layout.addLayout(row)
        self.template = QPlainTextEdit()
        self.template.textChanged.connect(self._template_edited)
        layout.addWidget(self.template, 1)
        insert_row = QHBoxLayout()
        insert_row.addWidget(QLabel(tr("Insert")))
        self.insert_buttons = {}
        for key in PLACEHOLDERS:
            button = QPushButton("{" + key + "}")
            button.setToolTip(placeholder_label(key))
            button.clicked.connect(lambda _c=False, k=key: self.template.insertPlainText("{" + k + "}"))
            insert_row.addWidget(button)
            self.insert_buttons[key] = button
        insert_row.addStretch(1)
        self.reset_template = QPushButton(tr("Use the ready text"))
        self.reset_template.clicked.connect(self._reset_template)
        insert_row.addWidget(self.reset_template)
        layout.addLayout(insert_row)
        self.template_warning = wrapped_label("", "warningText")
        layout.addWidget(self.template_warning)
        layout.addWidget(QLabel(tr("Example")))
        self.preview_caption = QLabel()
        self.preview_caption.setObjectName("subtle")
        layout.addWidget(self.preview_caption)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.preview)
        return page

    def _campaign_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        control_row = QHBoxLayout()
        self.control = QCheckBox(tr("Keep some customers aside to measure whether the campaign works:"))
        control_row.addWidget(self.control)
        self.control_share = QSpinBox()
        self.control_share.setRange(1, 50)
        self.control_share.setValue(10)
        self.control_share.setSuffix(" %")
        control_row.addWidget(self.control_share)
        control_row.addStretch(1)
        layout.addLayout(control_row)
        explain = wrapped_label(tr("They are picked at random in each group and left out of the list. Later, "
                                   "open newer sales data and compare them with the customers you contacted "
                                   "under Campaigns."), "smallPrint")
        layout.addWidget(explain)
        self.control.toggled.connect(self._update)
        self.control_share.valueChanged.connect(self._update)
        form = QFormLayout()
        self.campaign_name = QLineEdit()
        self.campaign_name.setPlaceholderText(tr("e.g. Spring tea week"))
        form.addRow(tr("Campaign name"), self.campaign_name)
        self.offer = QLineEdit()
        self.offer.setPlaceholderText(tr("e.g. 10% off any tea until 30 April"))
        form.addRow(tr("Offer"), self.offer)
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 1e6)
        self.cost.setDecimals(2)
        self.cost.setPrefix(fmt.currency())
        form.addRow(tr("Cost per customer contacted"), self.cost)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    # -- who ---------------------------------------------------------------------------------------
    def chosen_segments(self) -> list[str]:
        """Return the keys of the ticked groups."""
        return [self.groups.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.groups.count())
                if self.groups.item(i).checkState() == Qt.CheckState.Checked]

    def filter_active(self) -> bool:
        """Return True when any of the 'only customers who…' conditions is set."""
        return any(box.value() > 0 for box in (self.min_spend, self.min_orders, self.bought_within,
                                                self.away_for))

    def chosen_ids(self) -> list[str]:
        """Return the ids of the customers the list is for (before the control group is held out)."""
        customers = self.data.customers
        if self.by_selection.isChecked():
            keep = customers.index.isin(self.selection)
        else:
            keep = customers["segment"].astype(str).isin(set(self.chosen_segments())).to_numpy()
        keep = np.array(keep, dtype=bool)  # a writable copy
        for column, box, at_least in (("monetary", self.min_spend, True), ("frequency", self.min_orders, True),
                                      ("recency_days", self.bought_within, False),
                                      ("recency_days", self.away_for, True)):
            if box.value() > 0 and column in customers:
                values = customers[column].to_numpy(dtype=float, na_value=np.nan)
                keep &= (values >= box.value()) if at_least else (values <= box.value())
        return list(customers.index[keep])

    def _update(self, *_args) -> None:
        self.groups.setEnabled(self.by_group.isChecked())
        if self.by_group.isChecked() and not self.filter_active():
            keys = set(self.chosen_segments())
            seg = self.data.segments
            n = int(seg.loc[seg["key"].astype(str).isin(keys), "customers"].sum())
        else:
            n = len(self.chosen_ids())
        self.control_share.setEnabled(self.control.isChecked())
        held = int(round(n * self.control_share.value() / 100)) if self.control.isChecked() else 0
        text = tr("%n customers will be in the list.", "", n - held)
        if held:
            text += " " + tr("About %n more are kept aside as the control group.", "", held)
        self.count.setText(text)
        target = self.target()
        exists = target is not None and target.exists()
        if target is not None and exists:
            self.replace.setText(tr("%1 already exists: replace it (and its campaign record)").replace(
                "%1", target.name))
        else:
            self.replace.setChecked(False)
        self.replace.setVisible(exists)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            n - held > 0 and (not exists or self.replace.isChecked()))
        self._show_preview()

    def target(self) -> Path | None:
        """The file the list will be written to (None while the name is empty)."""
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() in (".xlsx", ".csv") else Path(str(path) + self.file_format.currentData())

    # -- message -----------------------------------------------------------------------------------
    def current_template_key(self) -> str:
        return str(self.template_group.currentData())

    def _show_template(self, *_args) -> None:
        from desktop.jobs.export import messages

        key = self.current_template_key()
        text = messages.template_for(key, self.language, self.templates)
        self.template.blockSignals(True)
        self.template.setPlainText(text)
        self.template.blockSignals(False)
        self._check_template()
        self._show_preview()

    def _template_edited(self) -> None:
        self.templates[self.current_template_key()] = self.template.toPlainText()
        self._check_template()
        self._show_preview()

    def _reset_template(self) -> None:
        from desktop.jobs.export import messages

        key = self.current_template_key()
        self.templates.pop(key, None)
        self.template.setPlainText(messages.template_for(key, self.language))

    def template_problems(self) -> list[str]:
        """Return the placeholders in the shown template that will not be filled in."""
        from desktop.jobs.export import messages

        return messages.unknown_placeholders(self.template.toPlainText())

    def _check_template(self) -> None:
        unknown = self.template_problems()
        if unknown:
            names = ", ".join("{" + u + "}" for u in dict.fromkeys(unknown))
            known = ", ".join("{" + k + "}" for k in PLACEHOLDERS)
            self.template_warning.setText(
                tr("%1 is not known and will stay as written in the messages; use %2.")
                .replace("%1", names).replace("%2", known))
        else:
            self.template_warning.setText("")
        self.template_warning.setVisible(bool(unknown))

    def _show_preview(self) -> None:
        """Show the exact message of the first customer the list will hold (their own group's template),
        or of the group whose template is being edited while nobody is chosen."""
        from desktop.jobs.export import messages

        if not hasattr(self, "preview"):
            return
        customers = self.data.customers
        chosen = self.chosen_ids() if hasattr(self, "groups") else []
        if chosen:
            row = customers.loc[chosen[0]]
            key = str(row.get("segment"))
            template = messages.template_for(key, self.language, self.templates)
            who = tr("Message of the first customer in the list (%1):").replace(
                "%1", str(row.get("customer_name") if isinstance(row.get("customer_name"), str) else chosen[0]))
        else:
            key = self.current_template_key()
            members = customers[customers["segment"].astype(str) == key] if key != GENERIC else customers
            row = (members if len(members) else customers).iloc[0]
            template = self.template.toPlainText()
            who = tr("Example:")
        values = {"name": row.get("customer_name"), "segment": row.get("segment_label"),
                  "product": row.get("favourite_product"), "days_since": row.get("recency_days")}
        self.preview_caption.setText(who)
        self.preview.setText(messages.render(template, values, self.language))

    def changed_templates(self) -> dict[str, str]:
        """Return the templates the user changed from the ready ones."""
        return {k: v for k, v in self.templates.items() if self.default_templates.get(k) != v}

    # -- file --------------------------------------------------------------------------------------
    def _format_changed(self, *_args) -> None:
        suffix = self.file_format.currentData()
        text = self.path.text().strip()
        if text:
            current = Path(text)
            if current.suffix.lower() != suffix:
                base = current.with_suffix("") if current.suffix.lower() in (".xlsx", ".csv") else current
                self.path.setText(str(base) + suffix)
        self.sheet_per_segment.setEnabled(suffix == ".xlsx")

    def _path_changed(self, *_args) -> None:
        suffix = Path(self.path.text().strip()).suffix.lower()
        if suffix in (".xlsx", ".csv"):
            index = self.file_format.findData(suffix)
            if index != self.file_format.currentIndex():
                self.file_format.blockSignals(True)
                self.file_format.setCurrentIndex(index)
                self.file_format.blockSignals(False)
        self.sheet_per_segment.setEnabled(self.file_format.currentData() == ".xlsx")
        if hasattr(self, "count"):  # built: whether the new name is taken changes what Export may do
            self._update()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("Save the marketing list"), self.path.text(),
                                              tr("Excel workbook") + " (*.xlsx);;" + tr("CSV file") + " (*.csv)")
        if name:  # the system's file dialog has asked whether to replace an existing file
            self.path.setText(name)
            self.replace.setChecked(Path(name).exists())

    # -- result ------------------------------------------------------------------------------------
    def accept(self) -> None:  # noqa: D102 - Qt
        if self.settings is not None:
            self.settings.set_message_templates(self.language, self.changed_templates())
            path = self.path.text().strip()
            if path:
                # Remembered before the export starts, so that what an export killed half-way
                # leaves in this folder is swept at the next start (paths.sweep_stale_temp_files).
                self.settings.add_export_folder(str(Path(path).expanduser().parent))
        super().accept()

    def request(self) -> ExportRequest:
        """Return what to export."""
        extras = [self.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.columns.count())
                  if self.columns.item(i).checkState() == Qt.CheckState.Checked]
        path = self.path.text().strip()
        if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += self.file_format.currentData()
        by_ids = self.by_selection.isChecked() or self.filter_active()
        return ExportRequest(
            path=path,
            segments=None if by_ids else self.chosen_segments(),
            customer_ids=self.chosen_ids() if by_ids else None,
            extra_columns=extras,
            mask_contacts=self.mask_contacts.isChecked(),
            control_share=self.control_share.value() / 100 if self.control.isChecked() else 0.0,
            open_folder=self.open_folder.isChecked(),
            templates=dict(self.templates),
            sheet_per_segment=self.sheet_per_segment.isChecked() and path.lower().endswith(".xlsx"),
            pseudonymise_ids=self.pseudonymise.isChecked(),
            campaign_name=self.campaign_name.text().strip(),
            offer=self.offer.text().strip(),
            cost_per_contact=float(self.cost.value()),
        )
