"""Products: pick a product to see what is bought with it and whom to offer it to (a marketing
list), choose what may be suggested, and check on request how well the suggestions would have
worked in the past.

The suggestions live in the session (desktop.session): the window asks for them as soon as an
analysis arrives, because the customer panel and the export use each customer's suggestions too;
this view shows them and asks again when the owner applies other settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.jobs import suggestions as jobs
from desktop.jobs.suggestions import SuggestionBundle
from desktop import texts
from desktop.ui.i18n import texts_language, tr
from desktop.ui.models.session import SlotFollower
from desktop.ui.models.tables import Column, FrameModel
from desktop.ui.views import View
from desktop.ui.views.predictions import fit_columns
from desktop.ui.widgets import cutoff_row, filtered_list, list_table, wrapped_label

METRIC_KEYS = ("precision", "recall", "hit_rate", "ndcg", "coverage")


def product_columns() -> list[Column]:
    return [
        Column("product_name", tr("Product")),
        Column("category", tr("Category")),
        Column("customers", tr("Customers"), "int", tr("Customers who bought it")),
    ]


def together_columns() -> list[Column]:
    return [
        Column("product_name", tr("Product")),
        Column("together", tr("Baskets with both"), "int"),
        Column("support", tr("Share of all baskets"), "percent", tr("Support")),
        Column("confidence", tr("Also bought"), "percent",
               tr("Confidence: share of the baskets with the chosen product that also had this one")),
        Column("lift", tr("Times more than usual"), "float", tr("Lift")),
        Column("reason", tr("Why")),
    ]


def offer_columns() -> list[Column]:
    return [
        Column("rank", tr("Rank"), "int"),
        Column("customer_id", tr("Customer ID")),
        Column("customer_name", tr("Name")),
        Column("segment_label", tr("Group")),
        Column("score", tr("Score"), "float"),
        Column("reason", tr("Why")),
    ]


def evaluation_columns() -> list[Column]:
    return [
        Column("name", tr("Method")),
        Column("precision", tr("Suggestions bought"), "percent", tr("Precision: share of the suggestions "
                                                                     "that were bought")),
        Column("recall", tr("Purchases foreseen"), "percent", tr("Recall: share of the products bought that "
                                                                  "had been suggested")),
        Column("hit_rate", tr("Customers with a hit"), "percent", tr("Hit rate: customers who bought at least "
                                                                      "one suggestion")),
        Column("ndcg", tr("Ranking quality"), "percent", tr("NDCG: 1 = what was bought came first")),
        Column("coverage", tr("Products ever suggested"), "percent", tr("Coverage: share of the catalogue that "
                                                                         "was suggested to someone")),
    ]


def model_name(key: str) -> str:
    """Return a suggestion model's name in the interface language ('blend': the mix the app uses)."""
    if key == "blend":
        return tr("The mix Clientele uses")
    return jobs.model_name(key, texts_language())


def evaluation_frame(result: dict, mode: str) -> pd.DataFrame:
    """Return one row per model (the blend first) with the metrics of `mode`."""
    rows = []
    for key, modes in result.get("models", {}).items():
        metrics = modes.get(mode)
        if metrics is None:
            continue
        rows.append({"key": key, "name": model_name(key), **{m: metrics.get(m, float("nan")) for m in METRIC_KEYS}})
    frame = pd.DataFrame(rows, columns=["key", "name", *METRIC_KEYS])
    frame["first"] = frame["key"] != "blend"
    frame = frame.sort_values(["first", "ndcg"], ascending=[True, False], kind="stable").drop(columns="first")
    return frame.set_index("key")


def _split(text: str) -> tuple[str, ...]:
    """Return the comma- (or Chinese comma-) separated names in `text`."""
    parts = text.replace("，", ",").replace(";", ",").split(",")
    return tuple(p.strip() for p in parts if p.strip())


class ProductsView(View):
    """What sells together, whom to offer a product to, and what may be suggested."""

    key = "products"
    suggestionsShown = Signal(object)  # SuggestionBundle
    productShown = Signal(str)  # product id
    evaluationShown = Signal(object)  # the engine's evaluation dict
    failed = Signal(str)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.bundle: SuggestionBundle | None = None  # the session's suggestions shown
        self.follow: SlotFollower | None = None
        self.product_id: str | None = None
        self._unfitted: list[tuple[QTableView, int]] = []  # tables to size when the view is next shown
        self._cutoff_pending = False
        self.evaluation: dict | None = None
        self._search: np.ndarray = np.empty(0, dtype=object)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._build_settings())
        self.status = wrapped_label(tr("Open a sales file to see product suggestions."), "heading")
        layout.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(split, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search products"))
        self.search.setClearButtonEnabled(True)
        left_layout.addWidget(self.search)
        self.product_model, self.product_proxy, self.products = filtered_list(product_columns())
        self.products.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.products.selectionModel().currentRowChanged.connect(self._product_clicked)
        left_layout.addWidget(self.products, 1)
        self.product_count = QLabel()
        self.product_count.setObjectName("subtle")
        left_layout.addWidget(self.product_count)
        split.addWidget(left)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_together(), tr("Bought together"))
        self.tabs.addTab(self._build_offer(), tr("Who to offer it to"))
        self.tabs.addTab(self._build_evaluation(), tr("How good are the suggestions?"))
        split.addWidget(self.tabs)
        split.setSizes([360, 800])

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(self._timer.start)
        self._enable(False)

    # -- building ------------------------------------------------------------------------------
    def _build_settings(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("Suggestions per customer")), 0, 0)
        self.k = QSpinBox()
        self.k.setRange(1, 50)
        self.k.setValue(10)
        grid.addWidget(self.k, 0, 1)
        grid.addWidget(QLabel(tr("Leave out products they bought in the last")), 0, 2)
        self.recent = QSpinBox()
        self.recent.setRange(0, 3650)
        self.recent.setSpecialValueText(tr("0 days (keep all)"))
        self.recent.setSuffix(tr(" days"))
        grid.addWidget(self.recent, 0, 3)
        self.new_only = QCheckBox(tr("Only products new to the customer"))
        grid.addWidget(self.new_only, 0, 4)
        grid.addWidget(QLabel(tr("Never suggest these products")), 1, 0)
        self.exclude_products = QLineEdit()
        self.exclude_products.setPlaceholderText(tr("names or codes, separated by commas"))
        grid.addWidget(self.exclude_products, 1, 1, 1, 2)
        grid.addWidget(QLabel(tr("or categories")), 1, 3)
        self.exclude_categories = QLineEdit()
        self.exclude_categories.setPlaceholderText(tr("categories, separated by commas"))
        grid.addWidget(self.exclude_categories, 1, 4)
        self.apply_button = QPushButton(tr("Apply"))
        self.apply_button.clicked.connect(lambda: self.run_suggestions())
        grid.addWidget(self.apply_button, 0, 5, 2, 1)
        grid.setColumnStretch(4, 1)
        # Labels wrap rather than widen the page past a laptop screen beside the customer panel.
        for i in range(grid.count()):
            layout_item = grid.itemAt(i)
            label = layout_item.widget() if layout_item is not None else None
            if isinstance(label, QLabel):
                label.setWordWrap(True)
        return grid

    def _build_together(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.together_title = wrapped_label(tr("Pick a product on the left."), "heading")
        box.addWidget(self.together_title)
        self.together_model, self.together_proxy, self.together = filtered_list(together_columns())
        box.addWidget(self.together, 1)
        note = wrapped_label(tr("A basket is what one customer bought on one day. “Times more than usual” above 1 "
                                "means the two go together more often than chance."))
        box.addWidget(note)
        return page

    def _build_offer(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        head = QHBoxLayout()
        self.offer_title = wrapped_label(tr("Pick a product on the left."), "heading")
        head.addWidget(self.offer_title, 1)
        head.addWidget(QLabel(tr("List up to")))
        self.offer_n = QSpinBox()
        self.offer_n.setRange(1, 100_000)
        self.offer_n.setValue(50)
        self.offer_n.setSuffix(tr(" customers"))
        self.offer_n.editingFinished.connect(self._refresh_product)
        head.addWidget(self.offer_n)
        self.offer_export = QPushButton(tr("Export as a marketing list…"))
        self.offer_export.clicked.connect(lambda: self.exportRequested.emit(self.offer_keys()))
        head.addWidget(self.offer_export)
        box.addLayout(head)
        self.offer_model, self.offer_proxy, self.offer = filtered_list(offer_columns(), self._open)
        box.addWidget(self.offer, 1)
        return page

    def _build_evaluation(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        head, self.cutoff, self.evaluate_button = cutoff_row(
            tr("Pretend it is"), tr("Check the suggestions"), self.run_evaluation)
        head.addStretch(1)
        box.addLayout(head)
        count = QHBoxLayout()  # a row of its own: the page fits beside the customer panel on a laptop
        count.addWidget(QLabel(tr("Count")))
        self.mode = QComboBox()
        self.mode.addItem(tr("every product bought"), "repeats_allowed")
        self.mode.addItem(tr("only products new to the customer"), "new_items_only")
        self.mode.currentIndexChanged.connect(self._show_evaluation)
        count.addWidget(self.mode)
        count.addStretch(1)
        box.addLayout(count)
        explain = wrapped_label(tr("Suggestions are worked out from the purchases before this date only, then compared "
                                   "with what customers bought from that date on. This takes a while."))
        box.addWidget(explain)
        self.evaluation_status = QLabel()
        self.evaluation_status.setWordWrap(True)
        box.addWidget(self.evaluation_status)
        self.evaluation_model = FrameModel(evaluation_columns())
        self.evaluation_table = list_table(self.evaluation_model, sorting=False)
        box.addWidget(self.evaluation_table, 1)
        return page

    def title(self) -> str:
        return tr("Products")

    def _enable(self, on: bool) -> None:
        for w in (self.apply_button, self.evaluate_button, self.offer_export):
            w.setEnabled(on)

    # -- data ----------------------------------------------------------------------------------
    def set_data(self, data) -> None:
        super().set_data(data)
        self.bundle = None
        self.product_id = None
        self.evaluation = None
        for channel in ("product", "evaluation"):
            self.runner.cancel(channel)
        for model in (self.product_model, self.together_model, self.offer_model, self.evaluation_model):
            model.clear()
        self.product_count.clear()
        self.evaluation_status.clear()
        self.together_title.setText(tr("Pick a product on the left."))
        self.offer_title.setText(tr("Pick a product on the left."))
        self._enable(False)
        if data is None:
            self.status.setText(tr("Open a sales file to see product suggestions."))
            return
        # the evaluation date waits until the view is first shown (it imports the engine's
        # suggestion module, ~0.3 s, while the window fills)
        self._cutoff_pending = True
        if self.isVisible():
            self._set_cutoff()
        if self.follow is not None:
            self.follow.replay()  # what the session already holds (or computes) for this analysis

    def observe(self, adapter) -> None:
        super().observe(adapter)
        self.follow = SlotFollower(self, "suggestions", running=self._suggestions_running,
                                   ready=lambda bundle: self._suggestions_done(self.data, bundle),
                                   failed=self._suggestions_failed, stopped=self._suggestions_stopped,
                                   shown=lambda bundle: bundle is self.bundle)

    def _set_cutoff(self) -> None:
        """Offer the engine's default evaluation date for the data (once per analysis)."""
        data = self.data
        self._cutoff_pending = False
        if data is None or not len(data.lines):
            return
        lines = data.lines
        first = pd.Timestamp(lines["date"].min()).normalize()
        last = pd.Timestamp(data.analysis.as_of or lines["date"].max()).normalize()
        default = jobs.default_cutoff(first, last)
        self.cutoff.setDateRange(QDate(first.year, first.month, first.day), QDate(last.year, last.month, last.day))
        self.cutoff.setDate(QDate(default.year, default.month, default.day))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._cutoff_pending:
            self._set_cutoff()
        while self._unfitted:
            fit_columns(*self._unfitted.pop())

    def _fit_later(self, table: QTableView, widest: int = 240) -> None:
        """Size `table`'s columns now if the view shows, else when it is next shown."""
        if self.isVisible():
            fit_columns(table, widest)
        elif all(t is not table for t, _w in self._unfitted):
            self._unfitted.append((table, widest))

    def options(self) -> dict:
        """Return the suggestion settings the controls describe (Session.ask_suggestions' arguments)."""
        return {"k": int(self.k.value()), "allow_repeats": not self.new_only.isChecked(),
                "exclude_recent_days": int(self.recent.value()),
                "exclude_products": _split(self.exclude_products.text()),
                "exclude_categories": _split(self.exclude_categories.text())}

    def request(self) -> jobs.SuggestionRequest:
        """Return the suggestion request the controls describe, for the shown analysis."""
        return self.session.suggestion_request(**self.options())

    def run_suggestions(self) -> None:
        """Ask the session for suggestions with the current settings."""
        if self.data is None:
            return
        self.session.ask_suggestions(label=tr("Working out product suggestions…"), **self.options())

    def _suggestions_running(self) -> None:
        self.status.setText(tr("Working out product suggestions…"))
        self.apply_button.setEnabled(False)

    def _suggestions_failed(self, message: str) -> None:
        self.status.setText(message)
        self.apply_button.setEnabled(True)
        self.failed.emit(message)

    def _suggestions_stopped(self) -> None:
        if self.bundle is None:
            self.status.setText(tr("Stopped. Press the button to try again."))
            self.apply_button.setEnabled(True)

    def _suggestions_done(self, data, bundle: SuggestionBundle) -> None:
        if data is not self.data:
            return
        self.bundle = bundle
        self._enable(True)
        products = bundle.products
        search = (products.index.to_series().astype(str) + " " + products["product_name"].astype(str) + " "
                  + products["category"].astype("string").fillna("")).str.lower()
        self._search = search.to_numpy(dtype=object)
        self.product_model.set_frame(products, product_columns())
        self.products.sortByColumn(self.product_model.column_of("customers"), Qt.SortOrder.DescendingOrder)
        self.apply_search()
        self._fit_later(self.products, 200)
        customers = bundle.customers
        if customers is None:
            customers = int(bundle.suggestions["customer_id"].nunique()) if len(bundle.suggestions) else 0
        self.status.setText(tr("Suggestions for %1 customers from %2 products").replace("%1", fmt.integer(customers))
                            .replace("%2", fmt.integer(len(products))))
        self.suggestionsShown.emit(bundle)
        if self.product_id is not None and self.product_id in products.index:
            self.select_product(self.product_id)
        elif len(products):
            self.select_product(str(products.index[0]))

    # -- products ------------------------------------------------------------------------------
    def apply_search(self) -> None:
        """Filter the product list by the search box."""
        self._timer.stop()
        text = self.search.text().strip().lower()
        mask = None
        if text and len(self._search):
            mask = np.fromiter((text in s for s in self._search), dtype=bool, count=len(self._search))
        self.product_proxy.set_mask(mask)
        total = len(self._search)
        shown = fmt.integer(self.product_proxy.rowCount())
        self.product_count.setText(tr("Showing %1 of %2 products").replace("%1", shown)
                                   .replace("%2", fmt.integer(total)))

    def select_product(self, product_id: str) -> None:
        """Show `product_id` (selects it in the list when shown there)."""
        row = self.product_model.row_of_key(str(product_id))
        if row >= 0:
            index = self.product_proxy.index(row, 0)
            self.products.selectionModel().blockSignals(True)
            self.products.setCurrentIndex(index)
            self.products.selectionModel().blockSignals(False)
            self.products.scrollTo(index)
        self.product_id = str(product_id)
        self._refresh_product()

    def _product_clicked(self, current, _previous=None) -> None:
        if current.isValid():
            self.product_id = self.product_proxy.key(current.row())
            self._refresh_product()

    def _product_name(self, product_id: str) -> str:
        if self.bundle is not None and product_id in self.bundle.products.index:
            return str(self.bundle.products.at[product_id, "product_name"])
        return product_id

    def _refresh_product(self) -> None:
        if self.bundle is None or self.product_id is None or self.data is None:
            return
        data, product = self.data, self.product_id
        name = self._product_name(product)
        self.together_title.setText(tr("Working out…"))
        self.offer_title.setText(tr("Working out…"))
        request = jobs.ProductRequest(product, 20, int(self.offer_n.value()), models=self.bundle.models)
        self.runner.start("product", jobs.run_product, request,
                          on_result=lambda r: self._product_done(data, product, name, r),
                          on_error=lambda exc, details: self._failed(data, "product", exc, details),
                          on_cancel=lambda: self._cancelled(data, "product"),
                          label=tr("Finding customers for %1…").replace("%1", name))

    def _product_done(self, data, product: str, name: str, result) -> None:
        if data is not self.data or data is None or product != self.product_id:
            return
        together, offer = result
        language = texts_language()
        together = together.assign(reason=texts.table_texts(together, "reason", language))
        self.together_model.set_frame(together.set_index(together["product_id"].astype(str)), together_columns())
        self.together.sortByColumn(self.together_model.column_of("together"), Qt.SortOrder.DescendingOrder)
        self._fit_later(self.together)
        self.together_title.setText(
            tr("Customers who buy %1 also buy").replace("%1", name) if len(together)
            else tr("%1 is not often bought together with anything else.").replace("%1", name))
        offer = offer.assign(reason=texts.table_texts(offer, "reason", language)).set_index("customer_id")
        wanted = [c for c in ("customer_name", "segment_label") if c in data.customers.columns]
        offer = offer.join(data.customers[wanted], how="left")
        self.offer_model.set_frame(offer, offer_columns())
        self.offer.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._fit_later(self.offer)
        self.offer_title.setText(tr("%n customers to offer %1 to", "", len(offer)).replace("%1", name)
                                 if len(offer) else tr("No customer to offer %1 to with these settings.")
                                 .replace("%1", name))
        self.offer_export.setEnabled(len(offer) > 0)
        self.productShown.emit(product)

    def offer_keys(self) -> list[str]:
        """Return the customers to offer the chosen product to, in the order shown."""
        return self.offer_proxy.visible_keys()

    # -- evaluation ----------------------------------------------------------------------------
    def run_evaluation(self) -> None:
        """Check the suggestions at the chosen date in the background (takes a while)."""
        if self.data is None:
            return
        data = self.data
        if self._cutoff_pending:
            self._set_cutoff()
        cutoff = pd.Timestamp(self.cutoff.date().toPython())
        self.evaluation_status.setText(tr("Checking the suggestions… this takes a while."))
        self.evaluate_button.setEnabled(False)
        self.runner.start("evaluation", jobs.run_evaluation, jobs.EvaluationRequest(cutoff, self.request()),
                          process=len(data.lines) >= jobs.PROCESS_MIN_LINES,
                          on_result=lambda r: self._evaluation_done(data, r),
                          on_error=lambda exc, details: self._failed(data, "evaluation", exc, details),
                          on_cancel=lambda: self._cancelled(data, "evaluation"),
                          label=tr("Checking the suggestions…"))

    def _evaluation_done(self, data, result: dict) -> None:
        if data is not self.data:
            return
        self.evaluation = result
        self.evaluate_button.setEnabled(True)
        self._show_evaluation()
        self.evaluationShown.emit(result)

    def _show_evaluation(self, *_args) -> None:
        result = self.evaluation
        if result is None:
            return
        mode = str(self.mode.currentData())
        self.evaluation_model.set_frame(evaluation_frame(result, mode), evaluation_columns())
        self._fit_later(self.evaluation_table, 300)
        scored = result.get("customers_evaluated", {}).get(mode)
        text = tr("%1 suggestions per customer, from purchases before %2.").replace("%1", str(result["k"])) \
            .replace("%2", str(result["cutoff"]))
        if scored is not None:
            text += " " + tr("%n customers bought something afterwards and were scored.", "", int(scored))
        language = texts_language()
        cautions = [w.text(language) for w in result.get("warnings", []) if w.params.get("mode") == mode]
        if cautions:
            text += "\n" + "\n".join("⚠ " + c for c in cautions)
        self.evaluation_status.setText(text)

    # -- shared --------------------------------------------------------------------------------
    def _open(self, index) -> None:
        if index.isValid():
            self.customerActivated.emit(self.offer_proxy.key(index.row()))

    def _failed(self, data, which: str, exc: BaseException, details: str) -> None:
        if data is not self.data:
            return
        from desktop.ui.crash import task_failure_message

        message = task_failure_message(exc, details)
        if which == "evaluation":
            self.evaluation_status.setText(message)
            self.evaluate_button.setEnabled(True)
        else:
            self.together_title.setText(message)
            self.offer_title.setText("")
        self.failed.emit(message)

    def _cancelled(self, data, which: str) -> None:
        if data is not self.data:
            return
        text = tr("Stopped. Press the button to try again.")
        if which == "product":
            self.together_title.setText(text)
            self.offer_title.setText(text)
        else:
            self.evaluation_status.setText(text)
            self.evaluate_button.setEnabled(self.bundle is not None)
