"""The app's process runner (desktop.engine.processes), a worker started from a folder holding a
planted zipfile.py, pickle.py and numpy/: the task (reading a workbook, which itself parses in a
worker of its own) succeeds and none of the planted modules runs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from bad_inputs_corpus import HEADER, orders_xlsx, plant_modules  # noqa: E402


def test_the_process_runner_ignores_modules_in_the_current_folder(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.engine.processes import ProcessRunner
    from desktop.jobs.analysis import PreviewRequest, preview

    marker = plant_modules(tmp_path)
    orders_xlsx(tmp_path / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CLIENTELE_PARSE_IN_CHILD", "1")
    preview = ProcessRunner(max_idle=0).run(preview, (PreviewRequest(("orders.xlsx",)),))
    assert not marker.exists(), marker.read_text()
    assert preview.columns == HEADER
