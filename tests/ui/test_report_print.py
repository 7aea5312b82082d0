"""File › Print report… in the app: after the demo shop is analysed the entry is enabled, and it
writes a PDF of one to three pages (figures on a worker, pages drawn on the GUI thread)."""

import time
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def demo(qapp, tmp_path_factory):
    import os

    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    folder = tmp_path_factory.mktemp("report_demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLIENTELE_SETTINGS", str(folder / "settings.ini"))
        patch.setenv("CLIENTELE_LOG_DIR", os.environ.get("CLIENTELE_TEST_LOG_DIR") or str(folder / "logs"))
        install_language("en")
        w = MainWindow(Settings(folder / "settings.ini"))
        assert not w.report_printer.action.isEnabled()  # nothing to report before a file is open
        ready = []
        w.analysisReady.connect(ready.append)
        w.open_demo()
        deadline = time.monotonic() + 120
        while not ready and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.005)
        assert ready, "the demo shop was not analysed within two minutes"
        yield w
        w.runner.cancel()
        assert w.runner.wait(10000)
        w.close()


def test_print_report_writes_the_pdf(demo, qtbot, tmp_path: Path) -> None:
    w = demo
    action = w.report_printer.action
    file_menu = w.menuBar().actions()[0].menu()
    entries = file_menu.actions()
    assert action in entries and entries.index(action) == entries.index(w.export_action) + 1
    assert action.isEnabled() and action.text().replace("&", "") == "Print report…"
    target = tmp_path / "october"
    with qtbot.waitSignal(w.report_printer.finished, timeout=120_000) as signal:
        w.report_printer.write(str(target))
    written = Path(signal.args[0])
    assert written == tmp_path / "october.pdf" and written.read_bytes()[:5] == b"%PDF-"
    assert "monthly report" in w.status.text() and str(written) in w.status.text()
