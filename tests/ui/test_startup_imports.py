"""What the window needs to show: a new process builds and shows the main window without pandas,
scikit-learn, SciPy, pyqtgraph or the engine's models (they come when a file is opened), and
desktop.lazy imports a module on first use only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Modules that cost start-up time and that nothing needs before a file is opened.
NOT_AT_START = ("pandas", "sklearn", "scipy", "pyqtgraph", "desktop.engine.segments.clustering",
                "desktop.engine.campaigns", "desktop.engine.export", "desktop.engine.pipeline")

_SHOW_WINDOW = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from desktop.ui.app import application
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings

app = application()
window = MainWindow(Settings(Path(sys.argv[1])))
window.show()

def shown():
    print(json.dumps({"views": len(window.views), "nav": window.nav.count(), "modules": sorted(sys.modules)}))
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def test_the_window_shows_without_pandas_or_the_engines_models(tmp_path) -> None:
    from desktop.ui.views import VIEWS

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _SHOW_WINDOW, str(tmp_path / "settings.ini")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    shown = json.loads(out.stdout.strip().splitlines()[-1])
    assert shown["views"] == shown["nav"] == len(VIEWS)  # every view was built
    assert "desktop.ui.views.groups" in shown["modules"] and "PySide6.QtWidgets" in shown["modules"]
    assert [m for m in NOT_AT_START if m in shown["modules"]] == []


def _module(folder: Path, name: str) -> None:
    """Write a module that counts how often it is executed (in `imports` of the module `counter`)."""
    (folder / "counter.py").write_text("imports = []\n", encoding="utf-8")
    (folder / f"{name}.py").write_text(
        "import time\nimport counter\ncounter.imports.append(__name__)\ntime.sleep(0.2)\nVALUE = 42\n"
        "def double(x):\n    return 2 * x\n", encoding="utf-8")


def test_a_lazy_module_is_imported_on_first_use_once_and_whole(tmp_path, monkeypatch) -> None:
    from desktop.lazy import LazyModule

    _module(tmp_path, "slow_to_import")
    monkeypatch.syspath_prepend(str(tmp_path))
    lazy = LazyModule("slow_to_import")
    import counter

    assert counter.imports == [] and "slow_to_import" not in sys.modules
    assert "not imported yet" in repr(lazy)
    seen: list = []
    # two threads read it at once: both wait for the one import and see the finished module
    threads = [threading.Thread(target=lambda: seen.append((lazy.VALUE, lazy.double(4)))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [(42, 8), (42, 8)]
    assert counter.imports == ["slow_to_import"]
    assert lazy.VALUE == 42 and "imported" in repr(lazy) and "not" not in repr(lazy)
    monkeypatch.delitem(sys.modules, "slow_to_import")
    monkeypatch.delitem(sys.modules, "counter")
