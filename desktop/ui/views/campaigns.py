"""Campaigns: the marketing lists sent out (their records), and, once newer sales data is open, how
the contacted customers did against the control group kept aside."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableView, QVBoxLayout)

from desktop.jobs import campaigns as jobs
from desktop.jobs.errors import InputError, message_for
from desktop.ui.i18n import is_chinese, tr
from desktop.ui.models.tables import Column, FrameModel
from desktop.ui.views import View
from desktop.ui.widgets import wrapped_label


def record_columns() -> list[Column]:
    return [Column("name", tr("Campaign")), Column("created", tr("Sent"), "date"),
            Column("contacted", tr("Contacted"), "int"), Column("control", tr("Kept aside"), "int"),
            Column("offer", tr("Offer")), Column("export_file", tr("List"))]


def result_columns() -> list[Column]:
    return [Column("figure", tr("Figure")), Column("contacted", tr("Contacted")),
            Column("control", tr("Kept aside")), Column("difference", tr("Difference")),
            Column("range", tr("95% range"))]


class CampaignsView(View):
    key = "campaigns"

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.controller = None
        self._listed = True  # the records are listed (attach() leaves that to the first showing)
        self.other_shops = 0
        self.records: list[Any] = []
        self.result = None
        self.result_record = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        intro = QLabel(tr("Lists exported with a control group can be checked here: open newer sales data, "
                          "choose the campaign and the period, and see whether contacting customers made "
                          "them buy more."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.records_model = FrameModel(record_columns())
        self.records_table = QTableView()
        self.records_table.setModel(self.records_model)
        self.records_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.records_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.records_table.horizontalHeader().setStretchLastSection(True)
        self.records_table.verticalHeader().hide()
        self.records_table.selectionModel().selectionChanged.connect(self._record_chosen)
        layout.addWidget(self.records_table, 1)
        self.empty = QLabel(tr("No campaigns yet: export a marketing list with a control group first."))
        layout.addWidget(self.empty)

        controls = QHBoxLayout()
        form = QFormLayout()
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        form.addRow(tr("From"), self.start)
        self.end = QDateEdit()
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        form.addRow(tr("To"), self.end)
        controls.addLayout(form)
        form2 = QFormLayout()
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 1e6)
        self.cost.setDecimals(2)
        form2.addRow(tr("Cost per customer contacted"), self.cost)
        self.margin = QSpinBox()
        self.margin.setRange(1, 100)
        self.margin.setValue(100)
        self.margin.setSuffix(" %")
        self.margin.setToolTip(tr("The share of sales you keep as profit; 100% judges the campaign on sales."))
        form2.addRow(tr("Profit on sales"), self.margin)
        controls.addLayout(form2)
        buttons = QVBoxLayout()
        self.compute_button = QPushButton(tr("Work out the results"))
        self.compute_button.clicked.connect(self.compute)
        buttons.addWidget(self.compute_button)
        self.add_button = QPushButton(tr("Add a campaign file…"))
        self.add_button.clicked.connect(self._add_record_file)
        buttons.addWidget(self.add_button)
        controls.addLayout(buttons)
        controls.addStretch(1)
        layout.addLayout(controls)

        self.report = QLabel()
        self.report.setWordWrap(True)
        layout.addWidget(self.report)
        self.result_model = FrameModel(result_columns())
        self.result_table = QTableView()
        self.result_table.setModel(self.result_model)
        self.result_table.verticalHeader().hide()
        self.result_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.result_table, 1)
        self.how = wrapped_label(tr("How this was computed: customers who bought anything in the period, and their net "
                                    "spend, compared between the two groups picked at random; ranges are 95% "
                                    "confidence intervals (Newcombe for shares, Welch for spend)."), "smallPrint")
        layout.addWidget(self.how)
        self.save_button = QPushButton(tr("Save the results…"))
        self.save_button.clicked.connect(self.save_results)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        self._show_result(None)
        self._update_buttons()

    def title(self) -> str:
        return tr("Campaigns")

    # -- records -------------------------------------------------------------------------------------
    def attach(self, controller) -> None:
        """Take campaign records from `controller` (desktop.ui.project_ui.ProjectController)."""
        self.controller = controller
        controller.campaignsChanged.connect(self.refresh)
        if self.isVisible():  # else when first shown: listing reads the export folders (and imports pandas)
            self.refresh()
        else:
            self._listed = False

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._listed:
            self._list_records()

    def refresh(self) -> None:
        """List the campaign records again (keeping the chosen one)."""
        self._listed = True
        chosen = self.selected_record()
        known: list = self.controller.all_campaigns() if self.controller is not None else []
        self.records = [r for r in known if self._of_this_shop(r)]
        self.other_shops = len(known) - len(self.records)
        frame = pd.DataFrame({
            "name": [r.title("zh" if is_chinese() else "en") for r in self.records],
            "created": pd.to_datetime([r.created for r in self.records]),
            "contacted": [len(r.contacted) for r in self.records],
            "control": [len(r.control) for r in self.records],
            "offer": [r.offer for r in self.records],
            "export_file": [r.export_file for r in self.records],
        }, index=[r.campaign_id for r in self.records])
        self.records_model.set_frame(frame, record_columns())
        note = [] if self.records else [tr("No campaigns yet: export a marketing list with a control group first.")]
        if self.other_shops:
            note.append(tr("%n campaign lists of other files are not shown: their customers are not in this file.",
                           "", self.other_shops))
        self.empty.setText(" ".join(note))
        self.empty.setVisible(bool(note))
        if chosen is not None:
            self.select_campaign(chosen.campaign_id)
        elif self.records:
            self.records_table.selectRow(0)
        self._update_buttons()

    def _of_this_shop(self, record) -> bool:
        """A campaign belongs to the open file when most of its customers are this file's customers
        (a list exported from another shop shares none)."""
        if self.data is None:
            return True
        ids = list(record.contacted) + list(record.control)
        if not ids:
            return False
        known = self.data.customers.index
        return float(pd.Index(ids).isin(known).mean()) >= 0.5

    def selected_record(self):
        """Return the chosen CampaignRecord, or None."""
        rows = self.records_table.selectionModel().selectedRows() if self.records_table.selectionModel() else []
        if not rows:
            return None
        key = self.records_model.data(rows[0], role=_key_role())
        return next((r for r in self.records if r.campaign_id == key), None)

    def select_campaign(self, campaign_id: str) -> bool:
        """Choose the campaign with `campaign_id`; return True when it is listed."""
        for row in range(self.records_model.rowCount()):
            if self.records_model.data(self.records_model.index(row, 0), role=_key_role()) == campaign_id:
                self.records_table.selectRow(row)
                return True
        return False

    def _record_chosen(self, *_args) -> None:
        record = self.selected_record()
        last = self.data.figures.last_date if self.data is not None else None
        end = pd.Timestamp(last) if last is not None and not pd.isna(last) else pd.Timestamp.today().normalize()
        # Without a campaign the period is the file's last 30 days, never the date edits' own 2000-01-01.
        start = record.start if record is not None else end - pd.Timedelta(days=30)
        start = min(pd.Timestamp(start), end)  # a campaign newer than the file: an empty period, not reversed
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
        if record is not None:
            self.cost.setValue(record.cost_per_contact)
        self._update_buttons()

    def _add_record_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("Add a campaign file"), "",
                                              tr("Campaign record") + " (*.campaign.json *.json)")
        if not name:
            return
        try:
            record = jobs.load_record(name)
        except InputError as exc:
            self.report.setText(message_for(exc, is_chinese()))
            return
        if self.controller is not None:
            self.controller.add_campaign(record)
            self.select_campaign(record.campaign_id)

    # -- results -------------------------------------------------------------------------------------
    def set_data(self, data) -> None:
        super().set_data(data)
        self._show_result(None)
        if self.isVisible():
            self._list_records()
        else:  # when first shown: reading the campaign files need not hold up showing an analysis
            self._listed = False
            self._update_buttons()

    def _list_records(self) -> None:
        self.refresh()  # only this file's campaigns
        self._record_chosen()
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.data is not None and self.selected_record() is not None
        self.compute_button.setEnabled(ready)
        self.save_button.setEnabled(self.result is not None)

    def compute(self) -> None:
        """Compare the chosen campaign's groups over the period, on a worker."""
        record = self.selected_record()
        if record is None or self.data is None:
            return
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        self.report.setText(tr("Working out the results…"))
        request = jobs.CampaignRequest(record, start, end, float(self.cost.value()), self.margin.value() / 100,
                                       lines=self.data.lines)
        self.runner.start("campaign", jobs.run, request,
                          on_result=lambda result: self._show_result(result, record),
                          on_error=self._failed, label=tr("Working out the campaign results…"))

    def _failed(self, exc: BaseException, details: str) -> None:
        self._show_result(None)
        self.report.setText(message_for(exc, is_chinese()) if isinstance(exc, InputError) else
                            tr("The results could not be worked out because of an unexpected problem (%1).")
                            .replace("%1", type(exc).__name__))

    def _show_result(self, result, record=None) -> None:
        from desktop.ui.dialogs.campaign_dialog import describe_result, result_table

        self.result, self.result_record = result, record
        if result is None:
            self.report.setText("")
            self.result_model.clear()
            self.result_table.hide()
            self.how.hide()
        else:
            self.report.setText("\n".join(describe_result(result, record)))
            self.result_model.set_frame(result_table(result), result_columns())
            self.result_table.show()
            self.how.show()
        self._update_buttons()

    def save_results(self, path: str | None = None) -> None:
        """Save the shown results as .xlsx or .csv (asking where when `path` is not given)."""
        from desktop.ui.dialogs.campaign_dialog import ask_results_path

        if self.result is None:
            return
        path = path or ask_results_path(self, self.result_record)
        if not path:
            return
        request = jobs.SaveResultsRequest(self.result, path, self.result_record, "zh" if is_chinese() else "en")
        self.runner.start("campaign-save", jobs.save_results, request, on_result=self._saved, on_error=self._failed,
                          label=tr("Saving the campaign results…"))

    def _saved(self, path: str) -> None:
        self.saved_path = path
        self.report.setText(self.report.text() + "\n" + tr("Saved to %1").replace("%1", path))


def _key_role() -> int:
    from desktop.ui.models.tables import KeyRole

    return KeyRole

