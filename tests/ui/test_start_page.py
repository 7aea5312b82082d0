"""The start page (issue 18, item 5): Clientele reopens the last file or project when it is still
there, otherwise it shows a welcome page with Open…, Recent and the sample shop; files opened any way
(the command line too) go into the recent list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def write_sales(path, customers: int = 30):
    """A small till export: an order per customer and month, some customers coming back."""
    rows = ["Order,Date,Customer,Amount"]
    order = 1000
    for c in range(customers):
        for month in range(1 + c % 4):
            order += 1
            rows.append(f"{order},2024-{month + 1:02d}-{c % 27 + 1:02d},M{c:03d},{10 + c * 3 + month}.50")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def started(qtbot, monkeypatch, tmp_path, settings, english):
    """Start the app as `clientele` does (not the first run); return a function taking the files."""
    from desktop.ui import app

    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(app, "sweep_in_background", lambda folders, autosave_days=None: None)
    settings.mark_first_run_done()
    windows = []

    def start(files=()):
        window = app.start(list(files), demo=False, settings=settings)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.runner.cancel()
        window.runner.wait(10000)
        window.close()


def test_the_last_file_is_reopened_without_the_import_report(started, qtbot, tmp_path, settings):
    from desktop.ui.settings import RecentFile

    sales = write_sales(tmp_path / "till export.csv")
    settings.add_recent(RecentFile(str(tmp_path / "older.csv")))
    settings.add_recent(RecentFile(str(sales)))
    window = started()
    assert window.start_page.is_showing()  # until the analysis is shown: not an Overview of dashes
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        pass
    assert window.request.paths == [str(sales)]
    assert "till export.csv" in window.windowTitle()
    assert not window.start_page.is_showing()
    assert window.nav.isVisible()
    assert window.stack.currentIndex() == 0  # the Overview
    assert window.dialog is None  # no import report popping up at every start
    assert window.views["overview"].cards["customers"].value.text() == "30"


def test_a_missing_last_file_leaves_the_welcome_page_with_it_greyed(started, qtbot, tmp_path, settings):
    from desktop.ui.settings import RecentFile

    sales = write_sales(tmp_path / "kept.csv")
    settings.add_recent(RecentFile(str(sales)))
    settings.add_recent(RecentFile(str(tmp_path / "moved away.xlsx")))  # the last one: gone
    window = started()
    qtbot.wait(200)
    assert window.start_page.is_showing()
    assert not window.runner.is_busy("analysis")
    assert not window.nav.isVisible()
    page = window.start_page.page
    assert page.open_button.isVisible() and page.demo_button.isVisible()
    entries = [page.recent.item(i) for i in range(page.recent.count())]
    assert [e.text().split("  —  ")[0] for e in entries] == ["moved away.xlsx", "kept.csv"]
    assert not entries[0].flags() & Qt.ItemFlag.ItemIsEnabled
    assert entries[1].flags() & Qt.ItemFlag.ItemIsEnabled
    # choosing the one still there opens it, with the columns chosen last time
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        page.recent.itemClicked.emit(entries[1])
        qtbot.waitUntil(lambda: window.dialog is not None or window.runner.is_busy("analysis"))
    assert window.request.paths == [str(sales)]


def test_with_nothing_recent_the_welcome_page_opens_the_sample_shop(started, qtbot, settings):
    window = started()
    qtbot.wait(200)
    page = window.start_page.page
    assert window.start_page.is_showing()
    assert page.recent.isHidden() and not page.no_recent.isHidden()
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    assert window.request.demo
    assert not window.start_page.is_showing()
    assert window.demo_banner.isVisible()
    assert settings.recent_files() == []  # the sample shop is not a file of the owner's


def test_a_file_named_on_the_command_line_goes_into_recent(started, qtbot, tmp_path, settings):
    sales = write_sales(tmp_path / "from the command line.csv")
    window = started([str(sales)])
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        pass
    recent = settings.recent_files()
    assert [r.path for r in recent] == [str(sales)]
    window.start_page.show()  # the welcome page lists it too
    assert window.start_page.page.recent.item(0).text().startswith("from the command line.csv")


def test_a_restore_on_offer_is_not_raced_by_reopening_the_last_file(started, qtbot, tmp_path, settings,
                                                                    monkeypatch):
    from desktop.ui.project_ui import ProjectController
    from desktop.ui.settings import RecentFile

    settings.add_recent(RecentFile(str(write_sales(tmp_path / "sales.csv"))))
    offered = tmp_path / "autosave.clientele"
    monkeypatch.setattr(ProjectController, "start_session",
                        lambda self: (self.offer_restore(offered), offered)[1])
    window = started()
    qtbot.wait(200)
    assert window.project.banner.isVisible()
    assert not window.runner.is_busy("analysis")
    assert window.start_page.is_showing()


def test_a_project_goes_into_recent_and_reopens_as_a_project(window, qtbot, tmp_path, settings):
    sales = write_sales(tmp_path / "shop.csv")
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(window._request(str(sales), None, {}, None))
    target = tmp_path / "my shop.clientele"
    with qtbot.waitSignal(window.project.projectSaved, timeout=60000):
        window.project.save(str(target))
    with qtbot.waitSignal(window.project.projectOpened, timeout=60000):
        window.open_file(str(target))
    assert [r.path for r in settings.recent_files()] == [str(target), str(sales)]
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(window._request(str(sales), None, {}, None))
    assert settings.recent_files()[0].path == str(sales)
    # File > Open recent on the project opens it as a project (not as a sales file)
    window._fill_recent()
    action = next(a for a in window.recent_menu.actions() if a.text() == "my shop.clientele")
    with qtbot.waitSignal(window.project.projectOpened, timeout=60000):
        action.trigger()
    assert window.windowTitle().startswith("my shop")
    assert window.error_banner.isHidden()
