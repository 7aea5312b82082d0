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
