"""Every file of the bad-input corpus (tests/engine/bad_inputs_corpus.py) opened through the app's
open path, after the demo shop: a refused file gives a message in the window naming it and leaves
the previous analysis shown; a readable one is analysed; the window stays usable; the file's bytes
never change."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "engine"))
from bad_inputs_corpus import Case, corpus  # noqa: E402
from waiting import wait_signal, wait_until  # noqa: E402


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _params() -> list:
    import inspect

    from desktop.engine import pipeline

    hooked = "check_duplicate_roles" in inspect.getsource(pipeline)
    return [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(strict=True, reason="pipeline does not "
                                                                "check duplicate roles yet")]
                         if c.filename == "dupes.csv" and not hooked else [])
            for c in corpus()]


@pytest.mark.parametrize("case", _params())
def test_corpus_file_through_the_app(demo_shop, case: Case, tmp_path, monkeypatch):
    from desktop.engine import guard

    if case.filename.endswith(".xls"):
        pytest.importorskip("xlwt")
    w = demo_shop
    if w.data is None or w.error_banner.isVisible():
        w.error_banner.hide()
    path = tmp_path / case.filename
    case.make(path)
    before = _sha(path)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)  # for an analysis in a child process
        if name == "CLIENTELE_MAX_FILE_MB":
            monkeypatch.setattr(guard, "MAX_FILE_BYTES", int(float(value) * 2**20))
    overrides = dict(a.split("=", 1) for a in case.args[1::2]) if case.args else {}
    shown = w.data
    w.load(w._request(str(path), None, overrides, None))
    index, args = wait_signal(w.analysisReady, w.analysisFailed)
    if case.ok:
        assert index == 0, args
        assert w.data is not shown and len(w.data.customers) > 0
        assert not w.error_banner.isVisible()
    elif index == 0:
        pytest.fail(f"{case.filename} was imported; it should have been refused")
    else:
        message = args[0]
        assert case.filename in message and "\n" not in message and "Traceback" not in message
        for fragment in case.says:
            assert fragment in message.lower(), message
        assert w.error_banner.isVisible() and w.error_banner.text() == message
        assert w.data is shown  # nothing imported half-way: the previous analysis stays
        assert w.views["customers"].proxy.rowCount() == len(shown.customers)
    # still usable: the export dialog opens on what is shown
    dialog = w.open_export(None)
    assert dialog is not None and dialog.chosen_ids() == []  # nobody is chosen until the owner ticks
    dialog.groups.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.chosen_ids()
    dialog.reject()
    wait_until(lambda: not w.runner.is_busy("analysis"))  # the worker's end arrives just after its answer
    assert _sha(path) == before  # the source file is never written to


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_in_one_sentence_and_the_window_moves_on(demo_shop, tmp_path):
    import os

    from desktop.ui.dialogs.import_dialog import ImportDialog

    w = demo_shop
    fifo = tmp_path / "orders.csv"
    os.mkfifo(fifo)
    shown = w.data
    # straight to the analysis (a file named on the command line)
    w.load(w._request(str(fifo), None, {}, None))
    index, args = wait_signal(w.analysisReady, w.analysisFailed, timeout_ms=20000)
    assert index == 1 and args[0].startswith("orders.csv is a pipe") and "\n" not in args[0]
    assert w.error_banner.isVisible() and w.data is shown
    wait_until(lambda: not w.runner.is_busy("analysis"), timeout_ms=10000)
    # through the import dialog (File > Open)
    dialog = w.open_file(str(fifo))
    assert isinstance(dialog, ImportDialog)
    wait_until(lambda: "pipe" in dialog.status.text(), timeout_ms=20000)
    assert dialog.status.text().startswith("orders.csv is a pipe")
    wait_until(lambda: not w.runner.is_busy("preview"), timeout_ms=10000)
    dialog.reject()
