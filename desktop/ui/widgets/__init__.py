"""Small widgets shared by the views: figure cards, banners, list tables and the members table,
charts that only show, a lazily imported pyqtgraph."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QDateEdit, QFrame, QHBoxLayout, QLabel, QLayout, QPushButton,
                               QScrollArea, QTableView, QToolButton, QVBoxLayout, QWidget)

if TYPE_CHECKING:
    from desktop.ui.models.tables import FilterProxy, FrameModel


def pg():
    """Return pyqtgraph, imported on first use (it costs ~0.7 s, too much for start-up)."""
    import pyqtgraph

    if not getattr(pyqtgraph, "_clientele_configured", False):
        pyqtgraph.setConfigOptions(antialias=False, background="w", foreground="#333333")
        pyqtgraph._clientele_configured = True
    return pyqtgraph


def list_table(model, sorting: bool = True) -> QTableView:
    """Return a table view of `model`: whole rows selected, one line per row of fixed height, no
    row numbers, the last column filling the width."""
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(sorting)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def filtered_list(columns, on_open=None, sorting: bool = True) -> tuple[FrameModel, FilterProxy, QTableView]:
    """Return (model, proxy, view): a list_table of a FrameModel with `columns` seen through a
    FilterProxy; double-click or Enter calls `on_open(index)` with the proxy index when given."""
    model, proxy = _filtered_model(columns)
    view = list_table(proxy, sorting)
    if on_open is not None:
        view.doubleClicked.connect(on_open)
        view.activated.connect(on_open)
    return model, proxy, view


def members_table(columns, on_open) -> tuple[FrameModel, FilterProxy, QTableView]:
    """Return (model, proxy, view) of a sortable list of customers; double-click or Enter calls
    `on_open(index)` with the proxy index."""
    model, proxy = _filtered_model(columns)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.doubleClicked.connect(on_open)
    view.activated.connect(on_open)
    return model, proxy, view


def _filtered_model(columns) -> tuple[FrameModel, FilterProxy]:
    from desktop.ui.models.tables import FilterProxy, FrameModel

    model = FrameModel(columns)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def tick_text(value: float, spacing: float) -> str:
    """Return an axis number as the shop owner writes it: thousands separated ('12,000'), as many
    decimals as the tick spacing needs (none for whole steps), never an SI factor such as (x0.001)."""
    whole = spacing >= 1 or spacing <= 0
    decimals = 0 if whole else min(6, max(0, -int(math.floor(math.log10(spacing) + 1e-9))))
    text = f"{value:,.{decimals}f}"
    return "0" if text.lstrip("-").strip("0.,") == "" else text


_number_axis_class = None


def clear_layout(layout: QLayout) -> None:
    """Take every item out of `layout`, deleting its widgets (later, as Qt wants)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()


def number_axis(orientation: str):
    """Return a pyqtgraph AxisItem whose numbers are written by tick_text (no SI prefix)."""
    global _number_axis_class
    if _number_axis_class is None:
        axis_base: Any = pg().AxisItem

        class NumberAxis(axis_base):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, **kwargs)
                self.enableAutoSIPrefix(False)

            def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph API
                return [tick_text(v * scale, spacing * scale) for v in values]

        _number_axis_class = NumberAxis
    return _number_axis_class(orientation)


def label_axis(axis, ticks: list[tuple[float, str]]) -> None:
    """Put text labels at `ticks` on a left or right axis, as wide as its longest label from the first
    paint (pyqtgraph otherwise widens the axis only on a later paint, and drops the labels that do
    not fit until then)."""
    from PySide6.QtGui import QFontMetrics

    axis.setTicks([ticks])
    font = axis.style.get("tickFont") or axis.font()
    widest = max((QFontMetrics(font).horizontalAdvance(text) for _, text in ticks), default=0)
    axis.setWidth(widest + max(0, axis.style.get("tickLength", 5)) + axis.style.get("tickTextOffset", [5, 2])[0] + 8)


def static_plot(min_height: int = 0, min_width: int = 0):
    """Return a pyqtgraph PlotWidget that only shows: no menu, no buttons, no panning or zooming
    with the mouse; numbers on its axes written by tick_text; optionally a minimum size."""
    plot = pg().PlotWidget(axisItems={"left": number_axis("left"), "bottom": number_axis("bottom")})
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    if min_height:
        plot.setMinimumHeight(min_height)
    if min_width:
        plot.setMinimumWidth(min_width)
    return plot


def wrapped_label(text: str = "", style: str = "subtle") -> QLabel:
    """Return a word-wrapped QLabel of `text` styled by its object name `style` ("subtle", "heading",
    "smallPrint", "warningBox" in the app's style sheet)."""
    label = QLabel(text)
    label.setObjectName(style)
    label.setWordWrap(True)
    return label


def cutoff_row(label: str, button_text: str, on_click) -> tuple[QHBoxLayout, QDateEdit, QPushButton]:
    """Return (row, date box, button) of a "Pretend it is <date> [Check …]" line for the holdout
    checks; the button calls `on_click()`."""
    row = QHBoxLayout()
    row.addWidget(QLabel(label))
    date = QDateEdit()
    date.setCalendarPopup(True)
    date.setDisplayFormat("yyyy-MM-dd")
    row.addWidget(date)
    button = QPushButton(button_text)
    button.clicked.connect(lambda: on_click())
    row.addWidget(button)
    return row, date, button


class FigureCard(QFrame):
    """A key figure: a big value over a caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("figureCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_value(self, text: str, tooltip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tooltip)


class SegmentCard(QFrame):
    """A segment: colour bar, name, size, revenue share and the one-line action. Clickable."""

    clicked = Signal(str)

    def __init__(self, key: str, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("segmentCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(f"#segmentCard {{ border-left: 6px solid {colour.name()}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.name = QLabel()
        self.name.setObjectName("segmentName")
        self.size_label = QLabel()
        self.size_label.setObjectName("segmentSize")
        self.action = QLabel()
        self.action.setWordWrap(True)
        self.action.setObjectName("segmentAction")
        for w in (self.name, self.size_label, self.action):
            layout.addWidget(w)
        layout.addStretch(1)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt name
        self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)


class Banner(QFrame):
    """A coloured strip across the top of the window with a message, an optional button and a
    close cross. kind: 'info' (demo shop) or 'error'."""

    actionClicked = Signal()

    def __init__(self, kind: str = "info", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner" if kind == "error" else "infoBanner")
        layout = self.row = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.clicked.connect(self.actionClicked)
        self.button.hide()
        layout.addWidget(self.button)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.hide()

    def show_message(self, text: str, button: str = "") -> None:
        self.label.setText(text)
        self.button.setText(button)
        self.button.setVisible(bool(button))
        self.show()

    def text(self) -> str:
        return self.label.text()


class HowComputed(QWidget):
    """A "How was this computed?" link that shows or hides the technical account of a view (method
    names, measures, settings an analyst would change); the view itself speaks the owner's words.
    Widgets added with add_widget() appear in the hidden part too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from desktop.ui.i18n import tr

        super().__init__(parent)
        self.setObjectName("howComputed")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(tr("How was this computed?"))
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.toggled.connect(self._toggled)
        layout.addWidget(self.toggle)
        self.details = QWidget()
        self.details_layout = QVBoxLayout(self.details)
        self.details_layout.setContentsMargins(18, 0, 0, 4)
        self.label = wrapped_label()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_layout.addWidget(self.label)
        layout.addWidget(self.details)
        self.details.hide()

    def _toggled(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details.setVisible(shown)

    def set_text(self, text: str) -> None:
        """Show `text` (rich text allowed) in the hidden part."""
        self.label.setText(text)
        self.label.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()

    def add_layout(self, layout) -> None:
        """Put a row of settings into the hidden part, under the text."""
        self.details_layout.addLayout(layout)


def scrolled(view: QWidget) -> QScrollArea:
    """A view in a frameless scroll area: on a screen narrower than the view needs (a 1366-pixel laptop
    at 125% scaling with the customer panel open) the page scrolls instead of pushing the window past
    the screen's edge."""
    area = QScrollArea()
    area.setObjectName("viewArea")
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(view)
    area.setMinimumSize(320, 240)
    return area
