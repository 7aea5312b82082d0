"""At start the app sweeps the temporary files killed sessions left (issue 14, item 8): hidden
export files in the folders lists were saved to, autosave temporary files; nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a dead process id is made with fork")


def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_start_sweeps_stale_temporary_files(qtbot, tmp_path, monkeypatch, settings, english):
    from desktop.ui import app

    data = tmp_path / "data"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(data))
    exports = tmp_path / "exports"
    exports.mkdir()
    (data / "autosave").mkdir(parents=True)
    pid = dead_pid()
    stale = [exports / f".~clientele-{pid}-0123abcd.xlsx",
             data / "autosave" / f".session-{pid}.clientele.89abcdef.tmp"]
    kept = [exports / f".~clientele-{os.getpid()}-0123abcd.xlsx",  # this (running) process
            exports / "list.xlsx", exports / ".~clientele-by-hand.xlsx",
            data / "autosave" / f"session-{pid}.clientele"]  # the autosave itself: offered to restore
    for path in stale + kept:
        path.write_bytes(b"x")
    # an autosave older than the chosen period (issue 22: retention) goes too
    expired = data / "autosave" / f"session-{pid + 1}.clientele"
    expired.write_bytes(b"x")
    long_ago = time.time() - 8 * 86_400
    os.utime(expired, (long_ago, long_ago))
    stale.append(expired)
    settings.autosave_days = 7
    settings.add_export_folder(str(exports))
    threads = []
    real = app.sweep_in_background
    monkeypatch.setattr(app, "sweep_in_background", lambda folders, *days: threads.append(real(folders, *days)))

    window = app.start([], demo=False, settings=settings)
    qtbot.addWidget(window)
    assert len(threads) == 1
    threads[0].join(30)
    assert [p for p in stale if p.exists()] == []
    assert all(p.exists() for p in kept)
