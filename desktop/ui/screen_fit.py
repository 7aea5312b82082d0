"""Does the window fit a laptop screen? The check behind the 1366×768 test and the self-test step."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

LAPTOP = QSize(1366, 768)
TITLE_BAR = 32  # what a window manager adds above the window


def fit_problems(window, screen: QSize = LAPTOP) -> list[str]:
    """Show every view with the customer panel open in a window the size of `screen` (less a title bar)
    and return what does not fit, in sentences; an empty list when everything fits. The window must hold
    an analysis (a customer to open)."""
    problems: list[str] = []
    room = QSize(screen.width(), screen.height() - TITLE_BAR)
    window.resize(room)
    window.open_customer(str(window.data.customers.index[0]))
    current = window.nav.currentRow()
    for row, (key, view) in enumerate(window.views.items()):
        window.nav.setCurrentRow(row)
        QApplication.processEvents()
        minimum = window.minimumSizeHint()
        if minimum.width() > room.width() or minimum.height() > room.height():
            problems.append(f"with {key} shown the window needs {minimum.width()}×{minimum.height()}")
        if window.width() > screen.width():
            problems.append(f"opening {key} beside the customer panel widened the window to {window.width()} px")
        space = window.stack.currentWidget().viewport().width()
        if view.minimumSizeHint().width() > space:
            problems.append(f"{key} needs {view.minimumSizeHint().width()} px but has {space} beside the panel")
    nav = window.nav
    for row in range(nav.count()):  # a name may wrap onto two lines, never be cut
        rect = nav.visualItemRect(nav.item(row))
        if nav.fontMetrics().boundingRect(rect, int(Qt.TextFlag.TextWordWrap), nav.item(row).text()).width() \
                > nav.viewport().width():
            problems.append(f"the view name {nav.item(row).text()!r} is cut in the navigation")
    window.nav.setCurrentRow(current)
    window.customer_dock.hide()
    return problems
