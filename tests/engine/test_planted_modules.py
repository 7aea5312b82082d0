"""Modules lying in the current folder (a zipfile.py, pickle.py or numpy/ next to the user's file)
are never imported by the children Clientele starts: the workbook-parsing child and multiprocessing's
spawned children run isolated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop.engine import guard

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad_inputs_corpus import HEADER, ROWS, orders_xlsx, plant_modules  # noqa: E402


def _echo_path(conn) -> None:
    """A spawned child's body: send back where it imports pickle from."""
    import pickle

    conn.send(pickle.__file__)
    conn.close()


def test_the_workbook_child_never_imports_modules_from_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = plant_modules(tmp_path)
    orders_xlsx(tmp_path / "orders.xlsx")
    monkeypatch.chdir(tmp_path)
    book = guard._parse_in_child(Path("orders.xlsx"), None, False)
    assert not marker.exists(), marker.read_text()
    rows = next(iter(book.sheets.values())).rows
    assert rows[0] == HEADER and len(rows) == len(ROWS) + 1


def test_spawned_children_and_their_tracker_start_isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = plant_modules(tmp_path)
    monkeypatch.chdir(tmp_path)
    ctx = guard.spawn_context()
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
