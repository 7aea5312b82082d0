"""The filter builder: the owner writes which customers they want ("spend > 500 and city = 杭州"), sees
how many match as they type, saves the filter as a named list and exports it like a group. The view
computes nothing: it emits `expressionChanged` (after a short pause in typing) and shows the
desktop.jobs.filters.FilterJobResult given to `show_result`; saved lists come in through
`show_saved_lists` and go out through `saveRequested`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout)

from desktop.ui.i18n import tr
from desktop.ui.views import View
from desktop.ui.widgets import wrapped_label

EXAMPLES = [
    "spend > 500 and orders >= 3",
    "group in (at_risk, cannot_lose) and spend_12m > 1000",
    'bought product "mooncake" between 2025-08-15 and 2025-10-06',
    "birthday_month = 10 and city = 杭州",
    "last_purchase < 2026-01-01 and not group = lost",
]


class FilterBuilderView(View):
    key = "filter_builder"
    expressionChanged = Signal(str)
    saveRequested = Signal(str, str)  # name, expression

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(wrapped_label(tr("Choose customers in a sentence"), "heading"))
        layout.addWidget(wrapped_label(tr("Join conditions with and / or, put not in front of one and group them "
                                          "with brackets. Fields: group, spend, spend_12m, orders, days_since_last, "
                                          "first_purchase, last_purchase, city, gender, birthday_month, churn_band, "
                                          "expected_value, tier, and bought product / category … between dates.")))
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(EXAMPLES[0])
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit)
        self.count = wrapped_label(tr("Write a filter to see how many customers match."), "heading")
        layout.addWidget(self.count)
        self.error = wrapped_label("", "warningBox")
        self.error.setStyleSheet("color: #b00020;")  # what is wrong with the filter, plainly visible
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Name of the list"))
        buttons.addWidget(self.name, 1)
        self.save = QPushButton(tr("Save the list"))
        self.save.clicked.connect(self._save)
        buttons.addWidget(self.save)
        self.export = QPushButton(tr("Export these customers…"))
        self.export.clicked.connect(self._export)
        buttons.addWidget(self.export)
        layout.addLayout(buttons)
        layout.addWidget(wrapped_label(tr("Saved lists (refreshed on new data: click one to use it)"), "heading"))
        self.saved = QListWidget()
        self.saved.itemClicked.connect(lambda item: self.edit.setText(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.saved, 1)
        layout.addWidget(wrapped_label(tr("Examples (click to try)"), "heading"))
        self.examples = QListWidget()
        for text in EXAMPLES:
            self.examples.addItem(text)
        self.examples.itemClicked.connect(lambda item: self.edit.setText(item.text()))
        layout.addWidget(self.examples, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(lambda: self.expressionChanged.emit(self.edit.text()))
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self._enable(False)

    def title(self) -> str:
        return tr("Filter builder")

    def _export(self) -> None:
        if self.result is not None:
            self.exportRequested.emit(list(self.result.customer_ids))

    def _enable(self, found: bool) -> None:
        self.save.setEnabled(found)
        self.export.setEnabled(found)

    def show_result(self, result: Any) -> None:
        """Show a FilterJobResult (None: nothing yet)."""
        self.result = result
        if result is None or not result.expression.strip():
            self.count.setText(tr("Write a filter to see how many customers match."))
            self.error.hide()
            self._enable(False)
            return
        if result.error:
            self.error.setText(result.error)
            self.error.show()
            self.count.setText(tr("The filter cannot be read yet."))
            self._enable(False)
            return
        self.error.setText("\n".join(result.warnings))
        self.error.setVisible(bool(result.warnings))
        self.count.setText(tr("%n customers of %1 match", "", result.count).replace("%1", f"{result.total:,}"))
        self._enable(result.count > 0)

    def show_saved_lists(self, lists: list[dict[str, Any]]) -> None:
        """Show the project's saved lists ({name, expression})."""
        self.saved.clear()
        for x in lists:
            item = QListWidgetItem(f"{x['name']}: {x['expression']}")
            item.setData(Qt.ItemDataRole.UserRole, x["expression"])
            self.saved.addItem(item)

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.name.setFocus()
            self.name.setPlaceholderText(tr("Give the list a name first"))
            return
        self.saveRequested.emit(name, self.edit.text())
