"""Customer map: every customer as a dot, placed so that similar customers sit together
(recency, frequency and spend, projected to 2-D), coloured by group."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.ui import formatting as fmt
from desktop.ui.i18n import tr
from desktop.ui.palette import segment_colours
from desktop.ui.views import View
from desktop.ui.widgets import HowComputed, pg, wrapped_label
from desktop.ui.background.runner import NEXT_TURN_MS

HOVER_PIXELS = 8  # how close (in screen pixels) the pointer must be to a dot
_HIGHLIGHT = QColor("#111111")  # ring around selected customers
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


def stamp_offsets(size: float, shape: str) -> np.ndarray:
    """Return the (dx, dy) pixel offsets covered by one dot `size` pixels wide: a filled square,
    a filled disc ('round') or a ring about 1.5 pixels thick ('ring', for highlighting)."""
    radius = max(size / 2.0, 0.5)
    reach = int(np.ceil(radius)) + 1
    dy, dx = np.mgrid[-reach:reach + 1, -reach:reach + 1]
    # an even-sized dot is centred on a pixel corner, an odd-sized one on a pixel centre
    shift = 0.0 if int(round(size)) % 2 else 0.5
    cx, cy = dx + shift, dy + shift
    if shape == "square":
        keep = (np.abs(cx) < radius) & (np.abs(cy) < radius)
    else:
        distance = np.hypot(cx, cy)
        keep = distance <= radius
        if shape == "ring":
            keep &= distance >= radius - 1.5
    if not keep.any():
        keep = (dx == 0) & (dy == 0)
    return np.column_stack([dx[keep], dy[keep]]).astype(np.int64)


def _dots_item():
    """Return a graphics item class that draws many dots by stamping them into one image the size
    of the view with NumPy and painting that image: ~10-20 ms for 100,000 dots, where QPainter
    needs ~150 ms (drawPoints) and pyqtgraph's ScatterPlotItem ~90 ms plus 1.5 s of set-up."""
    global _dots_class
    if _dots_class is not None:
        return _dots_class
    g = pg()
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    class Dots(g.GraphicsObject):
        def __init__(self, size: float, shape: str = "square", name: str = "") -> None:
            super().__init__()
            self._name = name
            self.size = float(size)
            self.shape = shape
            self.opts = {"name": name, "pen": None, "symbol": "o", "size": size}
            self._cache: tuple | None = None
            self.set_points(np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64), [])

        def set_points(self, x: np.ndarray, y: np.ndarray, groups: np.ndarray, colours: list) -> None:
            """Show dots at (x, y) coloured colours[groups[i]] (QColors); later groups on top."""
            self.prepareGeometryChange()
            x = np.asarray(x, dtype=float)
            y = np.asarray(y, dtype=float)
            groups = np.asarray(groups, dtype=np.int64)
            order = np.argsort(groups, kind="stable")  # drawing order = z-order
            self.x, self.y = x[order], y[order]
            palette = np.array([0xFF000000 | (c.red() << 16) | (c.green() << 8) | c.blue() for c in colours],
                               dtype=np.uint32)
            self.argb = palette[groups[order]] if len(palette) else np.zeros(len(x), dtype=np.uint32)
            if len(x):
                self._bounds = QRectF(x.min(), y.min(), max(x.max() - x.min(), 1e-9), max(y.max() - y.min(), 1e-9))
            else:
                self._bounds = QRectF()
            self._cache = None
            self.update()

        def name(self) -> str:
            return self._name

        def getData(self) -> tuple[np.ndarray, np.ndarray]:  # noqa: N802 - pyqtgraph's data-item API
            """The dots' x and y, as pyqtgraph's data items give theirs."""
            return self.x, self.y

        def boundingRect(self) -> QRectF:  # noqa: N802
            return self._bounds

        def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802,N803 - pyqtgraph API
            if self._bounds.isNull():
                return (None, None)
            r = self._bounds
            return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

        def pixelPadding(self) -> float:  # noqa: N802
            return self.size

        def paint(self, painter, option, widget=None) -> None:
            if len(self.x) == 0:
                return
            view = self.getViewBox()
            area = self.mapRectFromItem(view, view.rect()) if view is not None else self._bounds
            transform = painter.transform()
            target = transform.mapRect(area).toAlignedRect()
            if target.isEmpty():
                return
            ratio = painter.device().devicePixelRatioF() or 1.0
            key = (transform.m11(), transform.m12(), transform.m21(), transform.m22(), transform.dx(),
                   transform.dy(), target.x(), target.y(), target.width(), target.height(), ratio)
            if self._cache is None or self._cache[0] != key:
                self._cache = (key, self._render(transform, target, ratio))
            image, pad = self._cache[1]
            painter.save()
            painter.resetTransform()
            painter.drawImage(target, image, QRect(pad, pad, image.width() - 2 * pad, image.height() - 2 * pad))
            painter.restore()

        def _render(self, transform, target, ratio: float):
            """Return (image of the dots over `target` plus a margin, margin width in pixels)."""
            offsets = stamp_offsets(self.size * ratio, self.shape)
            pad = int(np.abs(offsets).max()) + 1 if len(offsets) else 1
            width = int(round(target.width() * ratio)) + 2 * pad
            height = int(round(target.height() * ratio)) + 2 * pad
            px = (self.x * transform.m11() + self.y * transform.m21() + transform.dx() - target.x()) * ratio
            py = (self.x * transform.m12() + self.y * transform.m22() + transform.dy() - target.y()) * ratio
            ix = np.floor(px).astype(np.int64) + pad
            iy = np.floor(py).astype(np.int64) + pad
            inside = (ix >= pad // 2) & (ix < width - pad // 2) & (iy >= pad // 2) & (iy < height - pad // 2)
            ix, iy, argb = ix[inside], iy[inside], self.argb[inside]
            buffer = np.zeros((height, width), dtype=np.uint32)
            flat = buffer.reshape(-1)
            base = iy * width + ix
            size = flat.size
            for dx, dy in offsets:
                where = base + (dy * width + dx)
                ok = (where >= 0) & (where < size)
                flat[where[ok]] = argb[ok]
            image = g.functions.ndarray_to_qimage(buffer, QImage.Format.Format_ARGB32_Premultiplied)
            image.setDevicePixelRatio(1.0)
            return image, pad

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
        self.hover.setWordWrap(True)
        bar.addWidget(self.hover, 1)
        # colour by the RFM groups or by the groups found last in "Groups in your data"
        self.colour_label = QLabel(tr("Colour by:"))
        bar.addWidget(self.colour_label)
        self.colour_by = QComboBox()
        # "Groups in your data: Hierarchical clustering (Ward)" would widen the page past a laptop screen.
        self.colour_by.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.colour_by.setMinimumContentsLength(18)
        self.colour_by.currentIndexChanged.connect(self._recolour)
        bar.addWidget(self.colour_by)
        self.colour_label.hide()
        self.colour_by.hide()
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
        self.explain = wrapped_label(tr("Customers close together buy in a similar way: right = spends more, "
                                        "dots of one colour are one group."))
        layout.addWidget(self.explain)
        self.how = HowComputed()
        self.how.set_text(tr("The two directions of the map are the first two principal components (PCA) of the "
                             "customers' recency, frequency and spend, log-transformed and standardised. Coloured "
                             "by groups found in your data, the map uses those groups' own projection."))
        layout.addWidget(self.how)
        self.plot: Any = None  # pyqtgraph's, made on first use
        self.items: list = []
        self.highlight: Any = None
        self._holder = layout
        self.xy = np.zeros((0, 2))
        self.selected = np.zeros(0, dtype=bool)
        self._update_buttons()

    def title(self) -> str:
        return tr("Customer map")

    def prepare_widgets(self) -> None:
        made_now = self.plot is None
        self._ensure_plot()
        if made_now:
            self.plot.setVisible(self.data is not None)

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

    def _recolour(self, _index: int) -> None:
        if self.data is not None:
            self.set_data(self.data)

    def set_data(self, data) -> None:
        super().set_data(data)
        if data is None:
            self._legend_token = None
            if self.plot is not None:
                self.plot.clear()
            self.xy = np.zeros((0, 2))
            self.selected = np.zeros(0, dtype=bool)
            self._update_buttons()
            return
        self._ensure_plot()
        self.plot.show()
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
        found = self._found_groups(data)
        if found is not None:
            seg_keys, keys, colours, labels, self.xy = found
        big = len(self.xy) >= 20000
        size = 3 if big else 6
        # one item for every dot, one colour per group: no per-point pens, brushes or items
        group = pd.Categorical(seg_keys, categories=keys).codes.astype(np.int64)
        shown = group >= 0
        dots = _dots_item()(size, "square" if big else "round")
        dots.set_points(self.xy[shown, 0], self.xy[shown, 1], group[shown], [colours[k] for k in keys])
        self.plot.addItem(dots)
        self.items = [dots]
        present = set(np.unique(group[shown]).tolist())
        entries = [(colours[key], labels[key]) for i, key in enumerate(keys) if i in present]
        # the legend's items cost ~15 ms with eleven groups: added in the next event-loop turn,
        # so that filling the map never holds the window much over that
        token = self._legend_token = object()
        QTimer.singleShot(NEXT_TURN_MS, self, lambda: self._fill_legend(token, entries))
        self.highlight = _dots_item()(size + 6, "ring")  # same parity: centred on the dot
        self.plot.addItem(self.highlight)
        self.plot.autoRange()
        self._update_buttons()

    _legend_token: object = None

    def _fill_legend(self, token, entries: list) -> None:
        """Add the legend's (colour, name) `entries`, unless the map was redrawn since (`token`)."""
        legend = self.plot.getPlotItem().legend if self.plot is not None else None
        if token is not self._legend_token or legend is None:
            return
        g = pg()
        for colour, label in entries:
            legend.addItem(g.ScatterPlotItem(size=8, pen=None, brush=g.mkBrush(colour)), label)

    def _found_groups(self, data):
        """Return (key per customer, keys, colours, names, engine map positions) of the groups
        found in "Groups in your data" when the user colours by them, else None."""
        from desktop.ui.i18n import is_chinese
        from desktop.ui.views.groups import group_colours, method_titles

        seg = self.session.chosen_segmentation() if self.session.data is data else None
        self.colour_by.blockSignals(True)
        wanted = self.colour_by.currentData()
        self.colour_by.clear()
        self.colour_by.addItem(tr("Your customer groups"), "rfm")
        if seg is not None and seg.method != "rfm":
            self.colour_by.addItem(tr("Groups in your data: %1").replace("%1", method_titles()[seg.method]), seg.method)
        self.colour_by.setCurrentIndex(max(0, self.colour_by.findData(wanted)))
        self.colour_by.blockSignals(False)
        self.colour_label.setVisible(self.colour_by.count() > 1)
        self.colour_by.setVisible(self.colour_by.count() > 1)
        if seg is None or seg.method == "rfm" or self.colour_by.currentData() != seg.method:
            return None
        index = data.customers.index
        keys = list(seg.names)
        labels = {k: seg.name(k, "zh" if is_chinese() else "en") for k in keys}
        xy = seg.embedding.reindex(index)[["x", "y"]].to_numpy(dtype=float)
        return seg.labels.reindex(index).astype(str).to_numpy(), keys, group_colours(keys), labels, xy

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        seg = self.session.chosen_segmentation()
        # new groups were found since the map was drawn: offer them
        if (self.data is not None and seg is not None and self.colour_by.findData(seg.method) < 0
                and seg.method != "rfm"):
            self.set_data(self.data)

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
        if self.data is None:
            return ""
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
            self.highlight.set_points(x[rows], y[rows], np.zeros(len(rows), dtype=np.int64), [_HIGHLIGHT])
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
            self.highlight.set_points(np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64), [_HIGHLIGHT])
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
