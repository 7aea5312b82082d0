"""Qt tests run offscreen, with settings and logs in a temporary folder, in English."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Keep every test's settings and log files out of the user's real folders."""
    monkeypatch.setenv("CLIENTELE_SETTINGS", str(tmp_path / "settings.ini"))
    monkeypatch.setenv("CLIENTELE_LOG_DIR", os.environ.get("CLIENTELE_TEST_LOG_DIR") or str(tmp_path / "logs"))
    yield


@pytest.fixture
def english(qapp):
    """Install the English interface (and restore it after the test)."""
    from desktop.ui.i18n import install_language

    install_language("en")
    yield
    install_language("en")


@pytest.fixture
def settings(tmp_path):
    from desktop.ui.settings import Settings

    s = Settings(tmp_path / "settings.ini")
    s.currency = "$"
    return s


@pytest.fixture
def window(qtbot, settings, english):
    """A main window (strongly referenced for the whole test), closed at the end."""
    from desktop.ui.main_window import MainWindow

    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.runner.cancel()
    assert w.runner.wait(10000)
    w.close()


@pytest.fixture
def demo_window(window, qtbot):
    """The main window with the demo shop analysed."""
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    return window


@pytest.fixture(scope="module")
def demo_shop(qapp, tmp_path_factory):
    """One main window with the demo shop analysed, shared by the tests of a module (English, $)."""
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from waiting import wait_signal

    install_language("en")
    settings = Settings(tmp_path_factory.mktemp("demo-shop") / "settings.ini")
    settings.currency = "$"
    window = MainWindow(settings)
    window.show()
    window.open_demo()
    wait_signal(window.analysisReady, timeout_ms=90000)
    yield window
    window.runner.cancel()
    assert window.runner.wait(10000)
    window.close()


@pytest.fixture(scope="module")
def demo_data():
    """The demo shop analysed once for a module, without a window."""
    from pathlib import Path

    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.paths import demo_files
    from desktop.jobs.prepare import prepare

    orders, customers = demo_files()
    analysis = analyze(AnalysisOptions(paths=[Path(orders)], customers_file=Path(customers)))
    return prepare(analysis)


@pytest.fixture(scope="module")
def runner(qapp):
    """A task runner for a module's views; its tasks are stopped at the end."""
    from desktop.ui.background.runner import TaskRunner

    r = TaskRunner()
    yield r
    r.cancel()
    assert r.wait(20000)


@pytest.fixture(scope="module")
def demo_session(qapp, runner, demo_data):
    """The session of the demo shop for a module's views (as the window owns one): its adapter, the
    analysis set and the predictions and suggestions asked for, as the window asks."""
    from desktop.session import Session
    from desktop.ui.i18n import install_language
    from desktop.ui.models.session import SessionAdapter
    from desktop.ui.views.panel_sections import band_names

    install_language("en")
    session = Session(runner)
    adapter = SessionAdapter(session)
    session.set_analysis(demo_data)
    session.ask_predictions(band_names=band_names())
    session.ask_suggestions()
    return adapter


@pytest.fixture(scope="module")
def demo_view(qapp, runner, demo_data, demo_session):
    """Return a function making a view of the given class (1200×800, English) that observes the demo
    shop's session and shows it; the views are closed at the end of the module."""
    from desktop.ui.i18n import install_language

    views = []

    def show(view_class):
        install_language("en")
        v = view_class(runner)
        v.observe(demo_session)
        v.resize(1200, 800)
        v.set_data(demo_data)
        views.append(v)
        return v

    yield show
    runner.cancel()
    runner.wait(20000)
    for v in views:
        v.close()
        v.deleteLater()
