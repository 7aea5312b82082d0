"""Groups in your data: segment customers by a method the user picks (k-means, a customer tree,
overlapping groups, dense groups, or the RFM scores), on the feature groups they tick, and show
each group with a name they can change, its size, revenue, typical customer and a suggested
action; the rules that explain the groups, how reliable they are, and how many groups to use
(curves to pick another number, or a tree to cut)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from desktop.ui.views.dendrogram import Dendrogram
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from desktop.jobs import segments as grouping
from desktop import texts
from desktop.texts import Message
from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, texts_language, tr
from desktop.ui.models.session import SlotFollower
from desktop.ui.palette import segment_colours
from desktop.ui.views import View
from desktop.ui.views.customer_panel import PANEL_SECTIONS
from desktop.ui.views.segments import member_columns
from desktop.ui.widgets import HowComputed, members_table, pg, static_plot, wrapped_label

METHOD_ORDER = ("kmeans", "hierarchical", "gmm", "hdbscan", "rfm")
FEATURE_ORDER = ("behaviour", "products", "profile")
MAX_K = 12
_UNUSUAL = QColor("#8c8c9a")


def method_titles() -> dict[str, str]:
    """Return the methods' names for the shop owner (the precise terms are under "How was this
    computed?", from the catalogue's segment_method labels)."""
    return {
        "kmeans": tr("Similar customers"),
        "hierarchical": tr("Customer family tree"),
        "gmm": tr("Overlapping groups"),
        "hdbscan": tr("Dense groups and unusual customers"),
        "rfm": tr("Recency, frequency and spend scores"),
    }


def method_explanations() -> dict[str, str]:
    """Return one sentence per method on what it does."""
    return {
        "kmeans": tr("Puts each customer with the most similar ones; the number of groups is chosen "
                     "where the groups are best separated."),
        "hierarchical": tr("Joins similar customers step by step into a family tree; cut the tree "
                           "to choose the groups."),
        "gmm": tr("Groups may overlap: each customer belongs partly to several groups (see the "
                  "customer panel)."),
        "hdbscan": tr("Finds dense groups of look-alike customers; customers who fit no group are "
                      "set aside as unusual."),
        "rfm": tr("The fixed recency, frequency and spend groups, checked and explained the same way."),
    }


def feature_titles() -> dict[str, str]:
    """Return the feature groups' names."""
    return {
        "behaviour": tr("Buying behaviour"),
        "products": tr("Product mix"),
        "profile": tr("Customer profile"),
    }


def _method_name(method: str) -> str:
    """Return the precise name of a grouping method (k-means, HDBSCAN…) in the interface's language."""
    return texts.label("segment_method", method, texts_language())


def _verdict(quality: dict) -> str:
    """How clear the groups are, in the interface's language (the catalogue's segment_verdict)."""
    strength = quality.get("strength")
    return texts.label("segment_verdict", strength, texts_language()) if strength else ""


def how_text(seg) -> str:
    """Return, as HTML, how a grouping was computed in an analyst's terms: the method's name, the
    features and their scaling, and the names of the quality measures shown in words."""
    desc = seg.features.description
    q = seg.quality
    lines = [tr("Method: %1 on %2 features.").replace("%1", _method_name(seg.method))
             .replace("%2", str(len(seg.features.features))),
             desc["text_zh"] if is_chinese() else desc["text"],
             tr("Separation is the mean silhouette score, measured on %1 customers; stability is the "
                "adjusted Rand index between the groups and groups recomputed on resampled customers.")
             .replace("%1", fmt.integer(q.get("silhouette_sample", len(seg.labels))))]
    return "<br>".join(escape(line) for line in lines if line)


def group_colours(keys: list[str]) -> dict[str, QColor]:
    """Return a colour per group key; unusual customers are grey."""
    colours = segment_colours([k for k in keys if k != "unusual"])
    if "unusual" in keys:
        colours["unusual"] = _UNUSUAL
    return colours


def _lang(pair: tuple[str, str]) -> str:
    return pair[1] if is_chinese() else pair[0]


def _said(message: Message) -> str:
    return message.text("zh" if is_chinese() else "en")


class GroupTableModel(QAbstractTableModel):
    """One row per group: name (editable), customers, shares, typical customer, suggested action."""

    renameFailed = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []
        self.colours: dict[str, QColor] = {}
        self.rename: Callable[[str, str], None] | None = None

    def headings(self) -> list[str]:
        return [tr("Group"), tr("Customers"), tr("Share of customers"), tr("Share of revenue"),
                tr("Typical customer"), tr("Suggested action")]

    def set_rows(self, rows: list[dict[str, Any]], colours: dict[str, QColor]) -> None:
        """Show `rows` (dicts with key name customers share revenue_share profile action)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.colours = dict(colours)
        self.endResetModel()

    def key(self, row: int) -> str:
        return str(self.rows[row]["key"])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return str(row["name"])
            if col == 1:
                return fmt.integer(row["customers"]) if role == Qt.ItemDataRole.DisplayRole else int(row["customers"])
            if col == 2:
                return fmt.percent(row["share"])
            if col == 3:
                return fmt.percent(row["revenue_share"])
            if col == 4:
                return str(row["profile"])
            if col == 5:
                return str(row["action"])
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return tr("Double-click to rename this group")
            if col in (4, 5):
                return str(row["profile"] if col == 4 else row["action"])
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return self.colours.get(str(row["key"]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (1, 2, 3):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "").strip()
        key = self.key(index.row())
        if not text or text == self.rows[index.row()]["name"] or self.rename is None:
            return False
        try:
            self.rename(key, text)
        except ValueError as exc:
            self.renameFailed.emit(str(exc))
            return False
        self.rows[index.row()]["name"] = text
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            heads = self.headings()
            return heads[section] if 0 <= section < len(heads) else None
        return section + 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


def link_colours(segmentation, colours: dict[str, QColor]) -> dict[int, QColor]:
    """Return the colour of each linkage row whose branch lies inside one group (for the tree)."""
    Z = segmentation.linkage
    leaves = segmentation.linkage_leaves
    if Z is None or leaves is None:
        return {}
    m = len(Z) + 1
    leaf_key = pd.Series(segmentation.labels.to_numpy(), index=leaves.to_numpy()).groupby(level=0).first()
    key_of_node: list[str | None] = [leaf_key.get(i) for i in range(m)] + [None] * len(Z)
    out: dict[int, QColor] = {}
    for i, (a, b, _h, _n) in enumerate(Z):
        ka, kb = key_of_node[int(a)], key_of_node[int(b)]
        key = ka if ka is not None and ka == kb else None
        key_of_node[m + i] = key
        if key is not None and key in colours:
            out[i] = colours[key]
    return out


def _panel_section(session, customer_id: str):
    """Customer panel: the customer's group in the segmentation chosen last (with shares for
    overlapping groups)."""
    seg = session.chosen_segmentation()
    text = grouping.membership(seg, customer_id, is_chinese())
    if text is None:
        return None
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    key = str(seg.labels.loc[customer_id])
    colour = group_colours(list(seg.names)).get(key, _UNUSUAL)
    how = escape(tr("Found by: %1").replace("%1", method_titles().get(seg.method, seg.method)))
    body = f'<span style="color:{colour.name()}">●</span> <b>{escape(text)}</b>'
    if seg.probabilities is not None:
        body += "<br>" + escape(tr("Shares of belonging: customers can sit between groups."))
    body += f'<br><span style="color:#5b6675">{how}</span>'
    label.setText(body)
    return tr("Group in your data"), label


if _panel_section not in PANEL_SECTIONS:
    PANEL_SECTIONS.append(_panel_section)


class GroupsView(View):
    """Find, name and explain groups of similar customers. The groups shown are the session's
    `segmentation` slot: the window asks for the default grouping when the view is opened, "Find
    groups" asks for the one the controls describe; the view starts no work itself."""

    key = "groups"
    shows = ("segmentation",)
    resultShown = Signal(object)  # the Segmentation now shown (and chosen)
    failed = Signal(str)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.result: grouping.GroupingResult | None = None  # the session's segmentation shown
        self.plots: list = []
        self.dendrogram: Dendrogram | None = None
        self.follow: SlotFollower | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("Method:")))
        self.method = QComboBox()
        for key, title in method_titles().items():
            self.method.addItem(title, key)
        self.method.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.method.currentIndexChanged.connect(self._method_changed)
        bar.addWidget(self.method)
        bar.addSpacing(12)
        # What to group on gets a row of its own: one row of every control asked for 1,100 px, more
        # than a 1366-pixel laptop has left beside the navigation and the customer panel.
        on = QHBoxLayout()
        on.addWidget(QLabel(tr("Group on:")))
        self.feature_boxes: dict[str, QCheckBox] = {}
        for key, title in feature_titles().items():
            box = QCheckBox(title)
            box.setChecked(key == "behaviour")
            self.feature_boxes[key] = box
            on.addWidget(box)
        on.addSpacing(12)
        self.factor_box = QCheckBox(tr("Explain with a few themes"))
        self.factor_box.setToolTip(tr("Describe what customers differ in as a few factors (varimax "
                                      "factor analysis), each named after its features; the map shows "
                                      "the first two factors."))
        on.addWidget(self.factor_box)
        on.addStretch(1)
        bar.addWidget(QLabel(tr("Groups:")))
        self.k_spin = QSpinBox()
        self.k_spin.setRange(1, MAX_K)
        self.k_spin.setSpecialValueText(tr("Automatic"))
        self.k_spin.setValue(1)
        bar.addWidget(self.k_spin)
        self.run_button = QPushButton(tr("Find groups"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(lambda: self.run())
        bar.addWidget(self.run_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addLayout(on)

        self.explanation = wrapped_label()
        layout.addWidget(self.explanation)
        self.how = HowComputed()  # the method's precise name, feature scaling and quality measures
        layout.addWidget(self.how)
        self.summary = wrapped_label(tr("Open a sales file to find groups in your customers."), "heading")
        layout.addWidget(self.summary)
        self.warnings = wrapped_label("", "warningBox")
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setStyleSheet("QLabel#warningBox { background: #fff4cc; border: 1px solid #e8d68a;"
                                    " border-radius: 4px; padding: 6px; color: #5a4500; }")
        self.warnings.hide()
        layout.addWidget(self.warnings)

        split = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(split, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        self.model = GroupTableModel(self)
        self.model.rename = self._rename
        self.model.renameFailed.connect(self._rename_failed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setWordWrap(True)
        self.table.selectionModel().selectionChanged.connect(self._group_selected)
        left.addWidget(self.table)

        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.members_label = QLabel(tr("Select a group to see its customers."))
        self.members_label.setObjectName("heading")
        head.addWidget(self.members_label, 1)
        self.rename_button = QPushButton(tr("Rename…"))
        self.rename_button.setEnabled(False)
        self.rename_button.clicked.connect(self._start_rename)
        head.addWidget(self.rename_button)
        self.export_button = QPushButton(tr("Export this group…"))
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.member_keys()))
        head.addWidget(self.export_button)
        members_layout.addLayout(head)
        self.members_model, self.members_proxy, self.members = members_table(member_columns(), self._open_member)
        members_layout.addWidget(self.members)
        left.addWidget(members)
        left.setSizes([300, 260])
        split.addWidget(left)

        self.tabs = QTabWidget()
        scroll, self.why = self._scroll_label()
        self.tabs.addTab(scroll, tr("Why these groups"))
        scroll, self.quality = self._scroll_label()
        self.tabs.addTab(scroll, tr("How reliable"))
        self.k_page = QWidget()
        self.k_layout = QVBoxLayout(self.k_page)
        self.k_caption = wrapped_label()
        self.k_layout.addWidget(self.k_caption)
        self.tabs.addTab(self.k_page, tr("How many groups"))
        split.addWidget(self.tabs)
        split.setSizes([720, 420])
        self._method_changed()

    # -- building helpers ----------------------------------------------------------------------
    def _scroll_label(self) -> tuple[QScrollArea, QLabel]:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        box = QVBoxLayout(body)
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        box.addWidget(label)
        box.addStretch(1)
        scroll.setWidget(body)
        return scroll, label

    def title(self) -> str:
        return tr("Groups in your data")

    # -- choices -------------------------------------------------------------------------------
    def method_key(self) -> str:
        """Return the method chosen in the combo box."""
        return str(self.method.currentData())

    def set_method(self, method: str) -> None:
        """Choose `method` in the combo box (does not run it)."""
        index = self.method.findData(method)
        if index >= 0:
            self.method.setCurrentIndex(index)

    def feature_groups(self) -> tuple[str, ...]:
        """Return the ticked feature groups."""
        return tuple(k for k in FEATURE_ORDER if self.feature_boxes[k].isChecked()
                     and self.feature_boxes[k].isEnabled()) or ("behaviour",)

    def request(self, k: int | None = None) -> grouping.GroupingRequest:
        """Return the request the controls describe (`k` overrides the spin box)."""
        method = self.method_key()
        if k is None and self.k_spin.value() >= 2:
            k = self.k_spin.value()
        if method in ("rfm", "hdbscan"):
            k = None
        return grouping.GroupingRequest(method=method, k=k, groups=self.feature_groups(),
                                        rfm_model=self.session.rfm_model(), currency=fmt.currency(),
                                        factors=self.factor_box.isChecked())

    def _method_changed(self, *_args) -> None:
        method = self.method_key()
        self.explanation.setText(method_explanations().get(method, ""))
        if self.isVisible():  # the precise name needs the clustering module: not while the window starts
            self._name_method()
        fixed = method in ("rfm", "hdbscan")
        self.k_spin.setEnabled(not fixed)
        self.k_spin.setToolTip(tr("This method decides the number of groups itself.") if fixed else "")

    # -- running -------------------------------------------------------------------------------
    def set_data(self, data) -> None:
        super().set_data(data)
        self.result = None
        self.model.set_rows([], {})
        self.members_model.clear()
        self._clear_pages()
        self.warnings.hide()
        self.export_button.setEnabled(False)
        self.rename_button.setEnabled(False)
        self.members_label.setText(tr("Select a group to see its customers."))
        for box in self.feature_boxes.values():
            box.setEnabled(True)
            box.setToolTip("")
        if data is None:
            self.summary.setText(tr("Open a sales file to find groups in your customers."))
            return
        self.members_model.set_frame(data.customers, member_columns())
        self.members_proxy.set_mask(np.zeros(len(data.customers), dtype=bool))
        self.summary.setText(tr("Choose a method and press “Find groups”."))
        if self.follow is not None:
            self.follow.replay()  # what the session already holds (or computes) for this analysis

    def observe(self, adapter) -> None:
        super().observe(adapter)
        self.follow = SlotFollower(self, "segmentation", running=lambda: self.summary.setText(tr("Finding groups…")),
                                   ready=self._show, failed=self._failed, shown=lambda value: value is self.result,
                                   stopped=lambda: self.summary.setText(
                                       tr("Stopped. Press “Find groups” to try again.")))

    def _name_method(self) -> None:
        self.how.set_text(escape(tr("Method: %1.").replace("%1", _method_name(self.method_key()))))

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.result is None:  # the window asks the session for the default grouping (ask_for_view)
            self._name_method()

    def run(self, k: int | None = None) -> None:
        """Ask the session to segment the customers as the controls say (k: a fixed number of groups)."""
        if self.data is None:
            return
        slot = self.session.segmentation
        if not self.session.ask_segmentation(self.request(k), label=tr("Finding groups in your customers…")) \
                and slot.ready and slot.value is not None:
            self._show(slot.value)  # computed before with these settings: shown again, not recomputed

    def _failed(self, message: str) -> None:
        self.summary.setText(message)
        self.failed.emit(message)

    # -- showing -------------------------------------------------------------------------------
    def _rows(self, seg) -> list[dict[str, Any]]:
        zh = is_chinese()
        actions = self._actions(seg)
        rows = []
        for r in seg.summary.to_dict("records"):
            rows.append({"key": r["key"], "name": r["name_zh"] if zh else r["name"],
                         "customers": r["customers"], "share": r["share"],
                         "revenue_share": r["revenue_share"],
                         "profile": (r.get("profile_zh") if zh else r.get("profile")) or "",
                         "action": actions.get(str(r["key"]), "")})
        return rows

    def _actions(self, seg) -> dict[str, str]:
        """Return a suggested action per group: RFM's own, or, for a data-driven group, the action
        of the RFM segment most of its members are in."""
        if self.data is None:
            return {}
        segments = self.data.analysis.segments
        column = "action_zh" if is_chinese() and "action_zh" in segments else "action"
        if column not in segments:
            return {}
        action = dict(zip(segments["key"].astype(str), segments[column].astype(str)))
        if seg.method == "rfm":
            return {k: action.get(k, "") for k in seg.names}
        customers = self.data.analysis.customers
        if "segment" not in customers:
            return {}
        near = grouping.closest_rfm(seg.labels, customers["segment"].astype(str))
        name_col = "name_zh" if is_chinese() and "name_zh" in segments else "name"
        names = dict(zip(segments["key"].astype(str), segments[name_col].astype(str)))
        out = {}
        for key, row in near.iterrows():
            if row["rfm"] in action:
                out[str(key)] = tr("Mostly “%1” (%2): %3").replace("%1", names.get(row["rfm"], row["rfm"])).replace(
                    "%2", fmt.percent(row["share"])).replace("%3", action[row["rfm"]])
        return out

    def _show(self, result: grouping.GroupingResult) -> None:
        self.result = result
        seg = result.segmentation
        request = result.request
        # the controls say what is shown (the window may have asked for it, or another view)
        self.set_method(request.method)
        self.factor_box.setChecked(bool(request.factors))
        self.k_spin.blockSignals(True)
        self.k_spin.setValue(request.k if request.k is not None and seg.method not in ("rfm", "hdbscan") else 1)
        self.k_spin.blockSignals(False)
        # the data decides which feature groups exist; say why a box cannot be ticked
        if result.available:
            for key, box in self.feature_boxes.items():
                ok = key in result.available
                box.setEnabled(ok)
                box.setToolTip(tr("Not available: the file has no such information.") if not ok else "")
            for key in FEATURE_ORDER:
                self.feature_boxes[key].setChecked(key in seg.settings.groups)
        keys = list(seg.names)
        colours = group_colours(keys)
        self.model.set_rows(self._rows(seg), colours)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), 230))
        for col in (4, 5):  # long sentences wrap instead of pushing the table sideways
            self.table.setColumnWidth(col, 240)
        self.table.resizeRowsToContents()
        q = seg.quality
        groups = seg.k + (1 if "unusual" in seg.names else 0)
        summary = tr("%n groups of %1 customers", "", groups).replace("%1", fmt.integer(len(seg.labels)))
        summary += " · " + _verdict(q)
        prospects = getattr(getattr(self.data, "analysis", None), "prospects", None)
        if prospects is not None and len(prospects):
            summary += " · " + tr("plus %n prospects (signed up, never bought)", "", len(prospects))
        self.summary.setText(summary)
        warnings = [_said(w) for w in seg.warnings]
        if warnings:
            self.warnings.setText("<b>" + escape(tr("Read with care:")) + "</b><br>"
                                  + "<br>".join("• " + escape(w) for w in warnings))
            self.warnings.show()
        else:
            self.warnings.hide()
        self._fill_why(seg, colours)
        self._fill_quality(seg)
        self.how.set_text(how_text(seg))
        self._fill_k_page(seg, colours)
        self.members_label.setText(tr("Select a group to see its customers."))
        self.members_proxy.set_mask(np.zeros(len(self.data.customers) if self.data is not None else 0, dtype=bool))
        self.export_button.setEnabled(False)
        self.rename_button.setEnabled(False)
        self.resultShown.emit(seg)

    def _fill_why(self, seg, colours) -> None:
        zh = is_chinese()
        f = seg.factors
        if f.n_factors is not None:
            # Factor analysis: each factor in words, and how many were kept and why.
            lines = [escape(_lang((c["sentence"], c["sentence_zh"]))) for c in f.components if c.get("retained")]
            axes = tr("The map shows the first two factors.")
            parts = [f"<p><b>{'<br>'.join(lines)}</b><br>"
                     f"<span style='color:#5b6675'>{escape(_lang((f.rule, f.rule_zh)))} "
                     f"{escape(axes)}</span></p>"]
        else:
            parts = [f"<p><b>{escape(_lang((f.sentence, f.sentence_zh)))}</b></p>"]
        parts.append("<p>" + escape(tr("Simple rules that describe the groups; they put %1 of customers in "
                                       "their own group.").replace("%1", fmt.percent(seg.rule_model.agreement)))
                     + "</p>")
        by_group: dict[str, list] = {}
        for rule in seg.rules:
            by_group.setdefault(rule.segment, []).append(rule)
        for key in seg.names:
            colour = colours.get(key, _UNUSUAL).name()
            name = escape(seg.name(key, "zh" if zh else "en"))
            parts.append(f'<p><span style="color:{colour}; font-size:13pt">●</span> <b>{name}</b><br>')
            rules = by_group.get(key, [])
            if not rules:
                parts.append(escape(tr("No simple rule singles out this group; its members are mixed "
                                       "with others in the rules.")) + "</p>")
                continue
            lines = []
            for rule in rules[:3]:
                text = rule.text_in(texts_language())
                lines.append("• " + escape(tr("Customers who %1 (%2 of %n customers matching this are "
                                              "in the group)", "", rule.customers)
                                           .replace("%1", text).replace("%2", fmt.percent(rule.precision))))
            parts.append("<br>".join(lines) + "</p>")
        self.why.setText("".join(parts))

    def _fill_quality(self, seg) -> None:
        q = seg.quality

        def figure(value, digits=2) -> str:
            return "–" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.{digits}f}"

        rows = [
            (tr("Separation"), figure(q.get("silhouette")),
             tr("How clearly customers fall into their own group rather than a neighbouring one: "
                "1 is perfectly separate, 0 means the groups overlap.")),
            (tr("Stability"), figure(q.get("stability_ari")),
             tr("How alike the groups come out when recomputed on slightly different customers: "
                "1 is identical."
                ) if seg.method != "rfm" else tr("These groups come from fixed scores, not from a fit: "
                                                   "nothing to recompute.")),
            (tr("Balance of sizes"), figure(q.get("balance")),
             tr("1 means all groups are the same size; smallest %1, largest %2.").replace(
                 "%1", fmt.percent(q.get("smallest_share"))).replace("%2", fmt.percent(q.get("largest_share")))),
            (tr("Rules agree"), fmt.percent(q.get("rules_agreement")),
             tr("Share of customers the simple rules put in their own group.")),
        ]
        if seg.method == "hdbscan":
            rows.append((tr("Unusual customers"), fmt.percent(q.get("unusual_share")),
                         tr("Customers who fit no dense group.")))
        verdict = escape(_verdict(q))
        parts = [f"<p><b>{verdict}</b></p><table cellspacing='6'>"]
        for title, value, help_text in rows:
            parts.append(f"<tr><td><b>{escape(title)}</b></td><td align='right'>{escape(value)}</td>"
                         f"<td style='color:#5b6675'>{escape(help_text)}</td></tr>")
        parts.append("</table>")
        parts.append(self._group_quality_table(seg))
        if seg.warnings:
            parts.append("<p><b>" + escape(tr("Read with care:")) + "</b><br>"
                         + "<br>".join("• " + escape(_said(w)) for w in seg.warnings) + "</p>")
        if seg.notes:
            parts.append("<p>" + "<br>".join("• " + escape(_said(n)) for n in seg.notes) + "</p>")
        self.quality.setText("".join(parts))

    def _group_quality_table(self, seg) -> str:
        """Return each group's size, separation, stability and whether it is reliable, as HTML."""
        groups = seg.quality.get("groups") or []
        if not groups:
            return ""
        zh = is_chinese()

        def figure(value) -> str:
            return "–" if value is None else f"{value:.2f}"

        reasons = {"overlap": tr("overlaps another group"), "unstable": tr("changes when recomputed")}
        head = "".join(f"<th align='left'>{escape(t)}</th>" for t in
                       (tr("Group"), tr("Customers"), tr("Separation"), tr("Stability"), tr("Verdict")))
        rows = []
        for g in groups:
            # RFM groups are defined by scores: their overlap is by design, nothing to judge.
            weak = (g.get("weak_reasons") or []) if seg.method != "rfm" else []
            verdict = (tr("Weak: %1").replace("%1", ", ".join(reasons[r] for r in weak)) if weak
                       else "–" if seg.method == "rfm" else tr("Reliable"))
            style = " style='color:#a04000'" if weak else ""
            rows.append(f"<tr{style}><td>{escape(g['name_zh'] if zh else g['name'])}</td>"
                        f"<td align='right'>{escape(fmt.integer(g['customers']))} "
                        f"({escape(fmt.percent(g['share']))})</td>"
                        f"<td align='right'>{figure(g.get('silhouette'))}</td>"
                        f"<td align='right'>{figure(g.get('stability'))}</td><td>{escape(verdict)}</td></tr>")
        title = tr("Each group")
        return (f"<p><b>{escape(title)}</b></p><table cellspacing='6'><tr>{head}</tr>"
                + "".join(rows) + "</table>")

    def _clear_pages(self) -> None:
        self.why.clear()
        self.quality.clear()
        self.k_caption.clear()
        self._drop_k_charts()

    def _drop_k_charts(self) -> None:
        """Remove the "how many groups" curves and hide the tree."""
        for plot in self.plots:
            plot.setParent(None)
            plot.deleteLater()
        self.plots = []
        if self.dendrogram is not None:
            self.dendrogram.hide()

    def _fill_k_page(self, seg, colours) -> None:
        self._drop_k_charts()
        method = seg.method
        if method in ("rfm", "hdbscan"):
            self.k_caption.setText(tr("This method decides the number of groups itself."))
            return
        curve = seg.k_curve
        if curve is None:  # a number of groups chosen: the automatic run's curve to compare
            curve = self.session.k_curves.get((method, tuple(seg.settings.groups)))
        if method == "hierarchical" and seg.linkage is not None:
            from desktop.ui.views.dendrogram import Dendrogram

            if self.dendrogram is None:
                self.dendrogram = Dendrogram()
                self.dendrogram.kChosen.connect(self.choose_k)
                self.k_layout.addWidget(self.dendrogram, 2)
            self.dendrogram.set_tree(seg.linkage, seg.k, link_colours(seg, colours))
            self.dendrogram.show()
        if curve is None:
            self.k_caption.setText(tr("You chose %n groups. Set “Groups” to Automatic to see how other "
                                      "numbers compare.", "", seg.k))
            return
        self.k_caption.setText(tr("Click a point to use that number of groups. The chosen number is "
                                  "marked; you are using %n.", "", seg.k))
        if "silhouette" in curve:
            self._add_curve(curve, "silhouette", tr("Separation (higher is better)"), seg.k,
                            chosen_column="chosen")
        if "inertia" in curve:
            self._add_curve(curve, "inertia", tr("Spread inside the groups (look for the bend)"), seg.k,
                            chosen_column="elbow")
        if "bic" in curve:
            self._add_curve(curve, "bic", tr("Fit penalty (lower is better)"), seg.k, chosen_column="chosen")

    def _add_curve(self, curve: pd.DataFrame, column: str, title: str, current: int, chosen_column: str) -> None:
        g = pg()
        plot = static_plot(min_height=150)
        plot.setTitle(title, size="9pt")
        plot.getAxis("bottom").setLabel(tr("Number of groups"))
        ks = curve["k"].to_numpy(dtype=float)
        values = pd.to_numeric(curve[column], errors="coerce").to_numpy(dtype=float)
        ok = ~np.isnan(values)
        plot.plot(ks[ok], values[ok], pen=g.mkPen("#3a86c8", width=2))
        points = g.ScatterPlotItem(ks[ok], values[ok], size=9, brush=g.mkBrush("#3a86c8"), pen=None,
                                   hoverable=True, hoverSize=13, data=ks[ok].astype(int))
        points.sigClicked.connect(lambda _item, pts, *_: self.choose_k(int(pts[0].data())) if len(pts) else None)
        plot.addItem(points)
        marked = curve[curve[chosen_column].astype(bool)] if chosen_column in curve else curve.iloc[0:0]
        for _, row in marked.iterrows():
            value = float(row[column])
            if not np.isnan(value):
                plot.addItem(g.ScatterPlotItem([float(row["k"])], [value], size=15, pen=g.mkPen("#d0542b", width=2),
                                               brush=None))
        current_rows = curve[curve["k"] == current]
        if len(current_rows) and not np.isnan(float(current_rows[column].iloc[0])):
            plot.addItem(g.ScatterPlotItem([float(current)], [float(current_rows[column].iloc[0])], size=9,
                                           brush=g.mkBrush("#d0542b"), pen=None))
        plot.getAxis("bottom").setTicks([[(float(k), str(int(k))) for k in ks]])
        self.k_layout.insertWidget(self.k_layout.count() - (1 if self.dendrogram is not None else 0), plot, 1)
        self.plots.append(plot)

    def choose_k(self, k: int) -> None:
        """Use `k` groups with the current method (runs on the worker)."""
        if self.data is None or self.method_key() in ("rfm", "hdbscan"):
            return
        self.k_spin.blockSignals(True)
        self.k_spin.setValue(max(2, min(MAX_K, int(k))))
        self.k_spin.blockSignals(False)
        self.run(int(k))

    # -- groups, members, renaming --------------------------------------------------------------
    def _group_selected(self, *_args) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self.result is None or self.data is None:
            return
        key = self.model.key(rows[0].row())
        labels = self.result.segmentation.labels
        members = set(labels.index[labels.astype(str) == key].astype(str))
        mask = self.data.customers.index.isin(members)
        self.members_proxy.set_mask(np.asarray(mask))
        name = self.model.rows[rows[0].row()]["name"]
        self.members_label.setText(tr("%1: %n customers", "", int(mask.sum())).replace("%1", str(name)))
        self.export_button.setEnabled(bool(mask.any()))
        self.rename_button.setEnabled(True)

    def select_group(self, key: str) -> None:
        """Select group `key` in the table (and list its customers)."""
        for row in range(self.model.rowCount()):
            if self.model.key(row) == key:
                self.table.selectRow(row)
                return

    def member_keys(self) -> list[str]:
        """Return the ids of the customers listed for the selected group."""
        return self.members_proxy.visible_keys()

    def _open_member(self, index) -> None:
        if index.isValid():
            self.customerActivated.emit(self.members_proxy.key(index.row()))

    def _start_rename(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.edit(rows[0].siblingAtColumn(0))

    def rename_group(self, key: str, name: str) -> bool:
        """Rename group `key` to `name` (both languages); return False when refused (empty or taken)."""
        for row in range(self.model.rowCount()):
            if self.model.key(row) == key:
                return self.model.setData(self.model.index(row, 0), name)
        return False

    def _rename(self, key: str, name: str) -> None:
        if self.result is None:
            return
        seg = self.result.segmentation
        seg.rename({key: name})  # ValueError when taken: the model shows the message
        self._fill_why(seg, group_colours(list(seg.names)))
        self.summary.setText(self.summary.text())
        self.resultShown.emit(seg)

    def _rename_failed(self, message: str) -> None:
        text = tr("Two groups cannot have the same name.") if "same name" in message else \
            tr("A group needs a name.")
        self.warnings.setText(escape(text))
        self.warnings.show()
