"""Everything fits a 1366×768 laptop (and the same screen at 125% scaling): the window's minimum size,
every view beside the navigation and the customer panel, and a first window sized to the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from desktop.ui.screen_fit import LAPTOP, TITLE_BAR, fit_problems


@pytest.fixture(autouse=True)
def app_style(qapp):
    """The app's own style sheet, as `desktop.ui.app.application` sets it: its fonts and paddings
    are what a laptop has to hold."""
    from desktop.paths import resources_dir

    before = qapp.styleSheet()
    qapp.setStyleSheet((resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8"))
    yield
    qapp.setStyleSheet(before)


def test_every_view_and_the_customer_panel_fit_a_laptop_screen(demo_window, qtbot):
    assert fit_problems(demo_window, LAPTOP) == []
    # Views grow once their results are in (the map's "colour by" offers the groups found): again.
    groups = demo_window.views["groups"]
    demo_window.nav.setCurrentRow(list(demo_window.views).index("groups"))
    qtbot.waitUntil(lambda: groups.result is not None, timeout=120000)
    demo_window.views["map"].set_data(demo_window.data)
    assert demo_window.views["map"].colour_by.count() > 1
    assert fit_problems(demo_window, LAPTOP) == []


def test_the_window_fits_the_same_laptop_at_125_percent(demo_window):
    scaled = QSize(int(LAPTOP.width() / 1.25), int(LAPTOP.height() / 1.25))  # 1092×614 logical pixels
    demo_window.open_customer(str(demo_window.data.customers.index[0]))
    minimum = demo_window.minimumSizeHint()
    assert minimum.width() <= scaled.width() and minimum.height() <= scaled.height() - TITLE_BAR


def test_a_new_window_is_sized_to_the_screen(window):
    room = window.screen().availableGeometry()
    assert window.width() <= max(room.width() * 0.94, window.minimumSizeHint().width()) + 1
    assert window.height() <= max(room.height() * 0.94, window.minimumSizeHint().height()) + 1
    assert room.intersects(window.frameGeometry())
