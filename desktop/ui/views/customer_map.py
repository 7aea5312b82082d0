"""Customer map: every customer as a dot, placed so that similar customers sit together
(recency, frequency and spend, projected to 2-D), coloured by group."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import segment_colours
from desktop.ui.views import View
from desktop.ui.widgets import pg

HOVER_PIXELS = 8  # how close (in screen pixels) the pointer must be to a dot
_viewbox_class = None


def _select_viewbox():
    """Return a ViewBox class that draws a selection rectangle while area selection is on
    (defined on first use: pyqtgraph is imported lazily)."""
    global _viewbox_class
    if _viewbox_class is not None:
        return _viewbox_class
    g = pg()

    class SelectViewBox(g.ViewBox):
        sigAreaSelected = Signal(QRectF)

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.selecting = False

        def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802
            if not self.selecting or ev.button() != Qt.MouseButton.LeftButton:
                super().mouseDragEvent(ev, axis)
                return
            ev.accept()
            start, now = ev.buttonDownPos(), ev.pos()
            if ev.isFinish():
                self.rbScaleBox.hide()
                rect = QRectF(self.mapToView(start), self.mapToView(now)).normalized()
                self.sigAreaSelected.emit(rect)
            else:
                self.updateScaleBox(start, now)

    _viewbox_class = SelectViewBox
    return SelectViewBox


_dots_class = None


def _dots_item():
    """Return a graphics item class drawing many same-coloured dots with one QPainter.drawPoints
    call: pyqtgraph's ScatterPlotItem spends ~1.5 s of Python per 100,000 points on set-up."""
    global _dots_class
    if _dots_class is not None:
        return _dots_class
    g = pg()
    from PySide6.QtGui import QPen

    class Dots(g.GraphicsObject):
        def __init__(self, x: np.ndarray, y: np.ndarray, colour, size: float, name: str = "") -> None:
            super().__init__()
            self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)
            self._name = name
            self.opts = {"name": name, "pen": None, "brush": g.mkBrush(colour), "symbol": "o", "size": size}
            self.set_points(x, y)
            # one cosmetic pen with round caps: each point becomes a dot `size` pixels wide
            self.pen = QPen(colour)
            self.pen.setWidthF(size)
            self.pen.setCosmetic(True)
            # round dots cost twice the paint time of square ones: square for big shops
            self.pen.setCapStyle(Qt.PenCapStyle.RoundCap if len(x) < 20000 else Qt.PenCapStyle.SquareCap)

        def set_points(self, x: np.ndarray, y: np.ndarray) -> None:
            self.prepareGeometryChange()
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
            self.polygon = g.functions.create_qpolygonf(len(x))
            if len(x):
                buf = g.functions.ndarray_from_qpolygonf(self.polygon)
                buf[:, 0] = x
                buf[:, 1] = y
                self._bounds = QRectF(x.min(), y.min(), max(x.max() - x.min(), 1e-9), max(y.max() - y.min(), 1e-9))
            else:
                self._bounds = QRectF()
            self.update()

        def name(self) -> str:
            return self._name

        def boundingRect(self) -> QRectF:  # noqa: N802
            return self._bounds

        def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802,N803 - pyqtgraph API
            r = self._bounds
            return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

        def pixelPadding(self) -> float:  # noqa: N802
            return self.pen.widthF()

        def paint(self, painter, option, widget=None) -> None:
            painter.setPen(self.pen)
            painter.drawPoints(self.polygon)

    _dots_class = Dots
    return Dots


class CustomerMapView(View):
    key = "map"
    selectionChanged = Signal(int)

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.hover = QLabel(tr("Point at a dot to see the customer; click it to open them."))
        self.hover.setObjectName("subtle")
        bar.addWidget(self.hover, 1)
        self.select_button = QPushButton(tr("Select an area"))
        self.select_button.setCheckable(True)
        self.select_button.toggled.connect(self._toggle_select)
        bar.addWidget(self.select_button)
        self.clear_button = QPushButton(tr("Clear selection"))
        self.clear_button.clicked.connect(self.clear_selection)
        bar.addWidget(self.clear_button)
        self.export_button = QPushButton(tr("Export selected…"))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit(self.selected_keys()))
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.explain = QLabel(tr("Customers close together buy in a similar way: right = spends more, "
                                 "dots of one colour are one group."))
        self.explain.setObjectName("subtle")
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        self.plot = None
        self.items: list = []
        self.highlight = None
        self._holder = layout
        self.xy = np.zeros((0, 2))
        self.selected = np.zeros(0, dtype=bool)
        self._update_buttons()

    def title(self) -> str:
        return tr("Customer map")

    def _ensure_plot(self) -> None:
        if self.plot is not None:
            return
        g = pg()
        self.viewbox = _select_viewbox()()
        self.viewbox.sigAreaSelected.connect(self._area_selected)
        self.plot = g.PlotWidget(viewBox=self.viewbox)
        self.plot.setMenuEnabled(False)
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.getPlotItem().addLegend(offset=(10, 10))
        self._holder.addWidget(self.plot, 1)
        # mouse moves arrive at most 30 times a second; each finds the nearest of all dots
        self._move_proxy = g.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)

    def set_data(self, data) -> None:
        super().set_data(data)
        if data is None:
            if self.plot is not None:
                self.plot.clear()
            self.xy = np.zeros((0, 2))
            self.selected = np.zeros(0, dtype=bool)
            self._update_buttons()
            return
        self._ensure_plot()
        g = pg()
        self.plot.clear()
        legend = self.plot.getPlotItem().legend
        if legend is not None:
            legend.clear()
        self.items = []
        self.xy = np.asarray(data.projection, dtype=float)
        self.selected = np.zeros(len(self.xy), dtype=bool)
        seg_keys = data.customers["segment"].astype(str).to_numpy()
        keys = [str(k) for k in data.segments["key"]]
        colours = segment_colours(keys)
        labels = dict(zip(keys, data.segments["label"].astype(str)))
        size = 6 if len(self.xy) < 20000 else 3
        for key in keys:
            rows = np.flatnonzero(seg_keys == key)
            if len(rows) == 0:
                continue
            colour = colours[key]
            # one item, one colour and one pen per group: no per-point pens or brushes
            item = _dots_item()(self.xy[rows, 0], self.xy[rows, 1], colour, size, labels[key])
            self.plot.addItem(item)
            legend = self.plot.getPlotItem().legend
            if legend is not None:
                legend.addItem(g.ScatterPlotItem(size=8, pen=None, brush=g.mkBrush(colour)), labels[key])
            self.items.append(item)
        self.highlight = g.ScatterPlotItem(size=size + 5, pen=g.mkPen("#111111", width=1.2),
                                           brush=None, pxMode=True)
        self.plot.addItem(self.highlight)
        self.plot.autoRange()
        self._update_buttons()

    # -- hover and click -----------------------------------------------------------------------
    def nearest(self, view_point: QPointF) -> int:
        """Return the position of the customer nearest to `view_point` (view coordinates) if
        within a few pixels, else -1."""
        if self.plot is None or len(self.xy) == 0:
            return -1
        px = self.viewbox.viewPixelSize()
        dx = (self.xy[:, 0] - view_point.x()) / (px[0] or 1.0)
        dy = (self.xy[:, 1] - view_point.y()) / (px[1] or 1.0)
        d2 = dx * dx + dy * dy
        best = int(np.argmin(d2))
        return best if d2[best] <= HOVER_PIXELS ** 2 else -1

    def describe(self, position: int) -> str:
        """Return 'name · group · spend' for the customer at `position`."""
        c = self.data.customers
        row = c.iloc[position]
        name = row.get("customer_name")
        who = str(name) if not fmt.is_missing(name) else str(c.index[position])
        return " · ".join([who, str(row.get("segment_label", "")),
                           tr("spent %1").replace("%1", fmt.money(row.get("monetary")))])

    def _mouse_moved(self, args) -> None:
        pos = args[0]
        if self.plot is None or self.data is None or not self.plot.sceneBoundingRect().contains(pos):
            return
        hit = self.nearest(self.viewbox.mapSceneToView(pos))
        if hit >= 0:
            self.hover.setText(self.describe(hit))
            self.plot.setToolTip(self.describe(hit))
        else:
            self.plot.setToolTip("")

    def _mouse_clicked(self, ev) -> None:
        if self.data is None or ev.button() != Qt.MouseButton.LeftButton or self.viewbox.selecting:
            return
        hit = self.nearest(self.viewbox.mapSceneToView(ev.scenePos()))
        if hit >= 0:
            self.customerActivated.emit(str(self.data.customers.index[hit]))

    # -- area selection ------------------------------------------------------------------------
    def _toggle_select(self, on: bool) -> None:
        if self.plot is not None:
            self.viewbox.selecting = on

    def select_rect(self, rect: QRectF) -> int:
        """Select the customers inside `rect` (view coordinates); return how many."""
        x, y = self.xy[:, 0], self.xy[:, 1]
        self.selected = (x >= rect.left()) & (x <= rect.right()) & (y >= rect.top()) & (y <= rect.bottom())
        rows = np.flatnonzero(self.selected)
        if self.highlight is not None:
            self.highlight.setData(x=x[rows], y=y[rows])
        self._update_buttons()
        self.selectionChanged.emit(len(rows))
        return len(rows)

    def _area_selected(self, rect: QRectF) -> None:
        self.select_rect(rect)
        self.select_button.setChecked(False)

    def clear_selection(self) -> None:
        """Forget the selected customers."""
        self.selected = np.zeros(len(self.xy), dtype=bool)
        if self.highlight is not None:
            self.highlight.setData(x=[], y=[])
        self._update_buttons()
        self.selectionChanged.emit(0)

    def selected_keys(self) -> list[str]:
        """Return the ids of the selected customers."""
        if self.data is None:
            return []
        return [str(k) for k in self.data.customers.index[self.selected]]

    def _update_buttons(self) -> None:
        n = int(self.selected.sum()) if len(self.selected) else 0
        self.export_button.setText(tr("Export selected (%n)…", "", n))
        self.export_button.setEnabled(n > 0)
        self.clear_button.setEnabled(n > 0)
        self.select_button.setEnabled(self.data is not None)
