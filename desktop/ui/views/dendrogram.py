"""The customer tree of hierarchical (Ward) clustering, drawn with pyqtgraph, with a cut line the
user drags to choose the number of groups."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.i18n import tr
from desktop.ui.widgets import pg, static_plot, wrapped_label

SHOWN_LEAVES = 40  # branches drawn at the bottom; deeper merges are folded into them
_GREY = QColor("#9aa3ad")
_CUT = QColor("#d0542b")


def height_for(linkage: np.ndarray, k: int) -> float:
    """Return a merge height where the tree splits into `k` groups (midway between two merges)."""
    n = len(linkage)
    k = max(1, min(int(k), n + 1))
    upper = float(linkage[-(k - 1), 2]) if k >= 2 else float(linkage[-1, 2]) * 1.05
    lower = float(linkage[-k, 2]) if k <= n else 0.0
    return (upper + lower) / 2


def tree_segments(linkage: np.ndarray, shown: int = SHOWN_LEAVES) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Return the x and y of the tree's U-shaped links (4 points each, in order) and the linkage
    row of each link, for the last `shown` branches of the tree."""
    from scipy.cluster.hierarchy import dendrogram

    p = max(2, min(shown, len(linkage) + 1))
    tree = dendrogram(linkage, truncate_mode="lastp", p=p, no_plot=True, count_sort="descending")
    xs = np.asarray(tree["icoord"], dtype=float).reshape(-1)
    ys = np.asarray(tree["dcoord"], dtype=float).reshape(-1)
    # dendrogram() lists links without their ids; a link's height identifies its merge
    heights = np.asarray(tree["dcoord"], dtype=float)[:, 1] if tree["dcoord"] else np.zeros(0)
    rows = [int(np.argmin(np.abs(linkage[:, 2] - h))) for h in heights]
    return xs, ys, rows


class Dendrogram(QWidget):
    """The tree, the draggable cut line and a caption saying how many groups the cut gives."""

    cutMoved = Signal(int)    # number of groups while dragging
    kChosen = Signal(int)     # number of groups when the line is let go

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = wrapped_label(tr("Drag the red line up for fewer, bigger groups, down for more, smaller ones."))
        layout.addWidget(self.caption)
        self.plot = static_plot(min_height=220)
        self.plot.hideAxis("bottom")
        self.plot.getAxis("left").setLabel(tr("How different the merged groups are"))
        layout.addWidget(self.plot, 1)
        self.linkage: np.ndarray | None = None
        self.k = 0
        self.line: Any = None  # a pyqtgraph InfiniteLine once drawn
        self.count = QLabel()
        self.count.setObjectName("heading")
        layout.addWidget(self.count)

    def set_tree(self, linkage: np.ndarray | None, k: int, link_colours: dict[int, QColor] | None = None) -> None:
        """Draw `linkage` cut into `k` groups; `link_colours` colours links by linkage row (the
        groups below the cut)."""
        g = pg()
        self.plot.clear()
        self.line = None
        self.linkage = linkage
        self.k = int(k)
        if linkage is None or len(linkage) == 0:
            self.count.clear()
            return
        xs, ys, rows = tree_segments(linkage)
        cut = height_for(linkage, k)
        colours = link_colours or {}
        # one curve per colour; connect="pairs" would need duplicated points, so break the line
        # after each link's fourth point instead
        by_colour: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            colour = colours.get(row) if float(linkage[row, 2]) < cut else None
            by_colour.setdefault((colour or _GREY).name(), []).append(i)
        for name, links in by_colour.items():
            idx = (np.asarray(links)[:, None] * 4 + np.arange(4)[None, :]).reshape(-1)
            connect = np.ones(len(idx), dtype=bool)
            connect[3::4] = False
            self.plot.addItem(g.PlotCurveItem(xs[idx], ys[idx], connect=connect, pen=g.mkPen(name, width=1.5)))
        top = float(linkage[-1, 2])
        lowest = float(linkage[max(0, len(linkage) - SHOWN_LEAVES), 2])
        self.line = g.InfiniteLine(pos=cut, angle=0, movable=True, pen=g.mkPen(_CUT, width=2),
                                   hoverPen=g.mkPen(_CUT, width=4), bounds=(min(lowest, cut) * 0.98, top * 1.02))
        self.line.sigPositionChanged.connect(self._moved)
        self.line.sigPositionChangeFinished.connect(self._finished)
        self.plot.addItem(self.line)
        self.plot.setYRange(0, top * 1.08, padding=0)
        self._show_count(self.k)

    def k_at(self, height: float) -> int:
        """Return the number of groups a cut at `height` gives."""
        if self.linkage is None:
            return 0
        from desktop.jobs.segments import k_at_height

        return k_at_height(self.linkage, height)

    def set_cut_height(self, height: float, finished: bool = True) -> int:
        """Move the cut line to `height` (as a drag would); return the number of groups."""
        if self.line is None:
            return 0
        self.line.setValue(height)
        if finished:
            self._finished()
        return self.k_at(float(self.line.value()))

    def _show_count(self, k: int) -> None:
        self.count.setText(tr("Cut here: %n groups", "", k))

    def _moved(self) -> None:
        k = self.k_at(float(self.line.value()))
        self._show_count(k)
        self.cutMoved.emit(k)

    def _finished(self) -> None:
        k = self.k_at(float(self.line.value()))
        if k != self.k and k >= 2:
            self.k = k
            self.kChosen.emit(k)
        elif k < 2 and self.linkage is not None:  # one group says nothing: go back to the current cut
            self.line.setValue(height_for(self.linkage, self.k))
            self._show_count(self.k)
