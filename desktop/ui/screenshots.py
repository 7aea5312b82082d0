"""Render the main views of the app to PNG files, in English and Simplified Chinese, from the
demo shop. Works offscreen:

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python -m desktop.ui.screenshots --out screenshots
    xvfb-run -s "-screen 0 1366x768x24" python -m desktop.ui.screenshots --size 1366x740  # a laptop
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer

LANGUAGES = ("en", "zh_CN")


def _wait(signal, timeout_ms: int) -> bool:
    loop = QEventLoop()
    got = []

    def arrived(*args) -> None:
        got.append(args)
        loop.quit()

    signal.connect(arrived)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    return bool(got)


def _wait_for(done, timeout_ms: int) -> bool:
    """Let the event loop run until `done()` (background results shown) or the timeout."""
    import time

    end = time.monotonic() + timeout_ms / 1000
    while not done() and time.monotonic() < end:
        _settle(50)
    return bool(done())


def _settle(ms: int = 300) -> None:
    """Let layouts and plots finish resizing (pyqtgraph widens an axis on a later paint)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def render(out_dir: Path, languages: tuple[str, ...] = LANGUAGES, size: tuple[int, int] = (1280, 820),
           inspect=None) -> list[Path]:
    """Write one PNG per view, plus the customer panel and the export dialog, for each language;
    return the files written. `inspect(language, key, window)`, when given, is called just before each
    view is grabbed (a test checks there what the view shows)."""
    from desktop.ui.app import application
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    app = application()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in languages:
            install_language(language)
            settings = Settings(Path(tmp) / f"settings-{language}.ini")
            settings.currency = "¥" if language == "zh_CN" else "$"
            window = MainWindow(settings)
            window.resize(*size)
            window.show()
            window.open_demo()
            if not _wait(window.analysisReady, 60000):
                raise RuntimeError("the demo shop was not analysed within a minute")
            data = window.data
            app.processEvents()
            for row, key in enumerate(window.views):
                window.nav.setCurrentRow(row)
                view: Any = window.views[key]  # each view has its own methods
                if key == "segments" and data is not None:
                    view.select_segment(str(data.segments["key"].iloc[0]))
                if hasattr(view, "resultShown") and getattr(view, "result", None) is None:
                    _wait(view.resultShown, 60000)  # these views compute on their first visit
                    if key == "groups":
                        view.select_group(view.model.key(0))
                if key == "predictions":  # predictions, purchase chances and the holdout check
                    _wait_for(lambda v=view: None not in (v.result, v.propensity, v.holdout), 60000)
                if key == "products":  # suggestions, then the first product's tables
                    _wait_for(lambda v=view: v.offer_model.rowCount() > 0, 60000)
                _settle()
                if inspect is not None:
                    inspect(language, key, window)
                path = out_dir / f"{language}_{row + 1}_{key}.png"
                window.grab().save(str(path))
                written.append(path)
            window.nav.setCurrentRow(0)
            if data is not None:
                window.open_customer(str(data.customers["monetary"].idxmax()))
            _settle()
            path = out_dir / f"{language}_5_customer.png"
            window.grab().save(str(path))
            written.append(path)
            dialog = window.open_export(None)
            app.processEvents()
            path = out_dir / f"{language}_6_export.png"
            dialog.grab().save(str(path))
            written.append(path)
            dialog.reject()
            report = window.show_report()
            app.processEvents()
            path = out_dir / f"{language}_7_report.png"
            report.grab().save(str(path))
            written.append(path)
            report.reject()
            window.close()
            window.deleteLater()
            app.processEvents()
    install_language("en")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render Clientele's views to PNG files.")
    parser.add_argument("--out", default="screenshots", help="folder for the PNG files")
    parser.add_argument("--language", choices=LANGUAGES, action="append", help="default: both")
    parser.add_argument("--size", default="1280x820", help="window size WIDTHxHEIGHT (default 1280x820)")
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size: {args.size!r} is not WIDTHxHEIGHT, e.g. 1366x740")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    files = render(Path(args.out), tuple(args.language or LANGUAGES), size=(width, height))
    for f in files:
        print(f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
