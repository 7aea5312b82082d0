"""Modules lying in the current folder (a zipfile.py, pickle.py or numpy/ next to the user's file)
are never imported by the worker processes Clientele starts (desktop.engine.processes): they run
isolated, whether started from that folder or already warm when a task comes from there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.engine import guard, processes

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad_inputs_corpus import HEADER, ROWS, orders_xlsx, plant_modules  # noqa: E402


def _echo_path(conn) -> None:
    """A spawned child's body: send back where it imports pickle from."""
    import pickle

    conn.send(pickle.__file__)
    conn.close()


@pytest.mark.parametrize("warm", [False, True])
def test_the_workbook_child_never_imports_modules_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: bool) -> None:
    runner = processes.ProcessRunner(max_idle=1 if warm else 0)
    if warm:  # a worker started elsewhere, then asked from the planted folder (it moves there)
        runner.run(processes.warm_up, (("desktop.engine.guard",),))
    marker = plant_modules(tmp_path)
    orders_xlsx(tmp_path / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    try:
        book = guard._parse_in_child(Path("orders.xlsx"), None, False, runner=runner)
        imported = runner.run(_imports, (("zipfile", "pickle", "numpy", "calendar"),))
    finally:
        runner.shutdown()
    assert runner.started == 1 if warm else runner.started == 2
    assert not marker.exists(), marker.read_text()
    assert not any(Path(where).parent == tmp_path or Path(where).parent.parent == tmp_path for where in imported)
    rows = next(iter(book.sheets.values())).rows
    assert rows[0] == HEADER and len(rows) == len(ROWS) + 1


def _imports(names: tuple[str, ...], progress=None) -> list[str]:
    """A worker's task: import `names` and say where each came from."""
    import importlib

    return [importlib.import_module(name).__file__ for name in names]


def test_spawned_children_and_their_tracker_start_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = plant_modules(tmp_path)
    monkeypatch.chdir(tmp_path)
    ctx = processes.spawn_context()
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_echo_path, args=(sender,))
    proc.start()
    sender.close()
    assert receiver.poll(60)
    where = receiver.recv()
    proc.join(10)
    assert proc.exitcode == 0
    assert not marker.exists(), marker.read_text()
    assert Path(where).parent != tmp_path
    from multiprocessing import spawn

    assert "-I" in spawn.get_command_line(pipe_handle=0)
