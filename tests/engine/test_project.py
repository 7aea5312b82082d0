"""The SQLite project file: save and reopen an analysis (also when its spreadsheets have moved),
atomic saves, refusal of non-projects, autosave location and crash detection by session markers."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine import project
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.project import (
    OpenedProject,
    autosave,
    autosave_path,
    forget_crashed_sessions,
    load_project,
    mark_session_clean_exit,
    mark_session_started,
    previous_session_crashed,
    save_project,
)

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


@pytest.fixture
def shop(tmp_path: Path) -> tuple[Path, Path]:
    """The demo shop's two files, copied where the test may move them."""
    orders, customers = tmp_path / "orders.csv", tmp_path / "customers.csv"
    shutil.copy(DEMO / "demo_orders.csv", orders)
    shutil.copy(DEMO / "demo_customers.csv", customers)
    return orders, customers


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(folder))
    return folder


def _analysis(orders: Path, customers: Path, **kw):
    return analyze(AnalysisOptions([orders], customers_file=customers,
                                   overrides={"customer_id": "Customer ID"}, rfm_model=8, **kw))


def test_project_reopens_after_the_spreadsheets_moved(shop, tmp_path: Path) -> None:
    orders, customers = shop
    a = _analysis(orders, customers)
    names = {"important_value": {"name": "Our VIPs", "name_zh": "贵宾"}}
    campaign = {"name": "Spring tea", "created": "2024-04-01T10:00:00", "segments": ["important_value"], "sent": 41}
    path = save_project(tmp_path / "shop", a, settings={"language": "zh"}, segment_names=names, campaigns=[campaign])
    assert path.suffix == ".clientele"
    orders.rename(tmp_path / "moved.csv")

    opened = load_project(path)
    assert opened.missing_sources == [orders.resolve()] and opened.changed_sources == []
    assert any("orders.csv is no longer" in str(n) for n in opened.notes)
    assert opened.state.settings == {"language": "zh"} and opened.state.campaigns == [campaign]
    assert opened.state.options["overrides"] == {"customer_id": "Customer ID"}
    pd.testing.assert_frame_equal(opened.state.lines.reset_index(drop=True), a.lines.reset_index(drop=True))

    b = opened.analysis()
    assert b.to_json()["net_revenue"] == a.to_json()["net_revenue"]
    assert b.as_of == a.as_of and b.rfm.model == 8
    assert b.customers["segment"].equals(a.customers["segment"])
    assert b.customers.loc[a.customers.index, "phone"].equals(a.customers["phone"])
    assert b.report.set_aside == a.report.set_aside
    own = b.segments.set_index("key").loc["important_value"]
    assert (own["name"], own["name_zh"]) == ("Our VIPs", "贵宾")
    assert set(b.customers.loc[b.customers["segment"] == "important_value", "segment_name"]) == {"Our VIPs"}


def test_changed_source_is_reported(shop, tmp_path: Path) -> None:
    orders, customers = shop
    path = save_project(tmp_path / "p.clientele", _analysis(orders, customers))
    with orders.open("ab") as fh:
        fh.write(b"\n")
    opened = load_project(path)
    assert opened.changed_sources == [orders.resolve()] and not opened.missing_sources


def test_other_tools_can_read_the_project(shop, tmp_path: Path) -> None:
    # Format 2 stores the lines column by column (a 2M-line project opens in seconds): another tool
    # reads a column's chunks as plain little-endian arrays. The sources are described by size and
    # time (hashing them is left to a request: a 20 GB source took 69 s on every open).
    import numpy as np

    orders, customers = shop
    a = _analysis(orders, customers)
    path = save_project(tmp_path / "p.clientele", a)
    con = sqlite3.connect(path)
    try:
        chunks = con.execute("SELECT rows, kind, data FROM column_chunks WHERE frame = 'lines' AND name = 'amount' "
                             "ORDER BY chunk").fetchall()
        kind, size, sha, modified = con.execute(
            "SELECT kind, size, sha256, modified FROM sources WHERE name = 'orders.csv'").fetchone()
        fmt = json.loads(con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()[0])
    finally:
        con.close()
    amounts = np.concatenate([np.frombuffer(data, "<f8") for _rows, _kind, data in chunks])
    assert {k for _r, k, _d in chunks} == {"f8"} and sum(r for r, _k, _d in chunks) == len(a.lines)
    assert amounts.sum() == pytest.approx(a.lines["amount"].sum())
    assert kind == "orders" and size == orders.stat().st_size and sha is None and modified
    assert fmt == "clientele-project"


def test_a_failed_save_leaves_the_old_project_whole(shop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    orders, customers = shop
    a = _analysis(orders, customers)
    path = save_project(tmp_path / "p.clientele", a, settings={"version": "old"})
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project, "_write_frame", broken)
    with pytest.raises(InputError, match="p.clientele could not be saved"):
        save_project(path, a, settings={"version": "new"})
    assert path.read_bytes() == before
    assert load_project(path).state.settings == {"version": "old"}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_never_overwrites_a_source_or_a_foreign_file(shop, tmp_path: Path) -> None:
    orders, customers = shop
    a = _analysis(orders, customers)
    before = orders.read_bytes()
    with pytest.raises(InputError, match="one of the files the analysis was read from"):
        save_project(orders, a)
    assert orders.read_bytes() == before
    notes = tmp_path / "notes.clientele"
    notes.write_text("my notes")
    with pytest.raises(InputError, match="not a Clientele project"):
        save_project(notes, a)
    assert notes.read_text() == "my notes"


@pytest.mark.parametrize("content, message", [
    (b"Customer,Amount\nA,1\n", "not a Clientele project"),
    (b"SQLite format 3\x00" + b"\x00" * 200, "damaged"),
])
def test_not_a_project_is_one_sentence(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.clientele"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_project(path)


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('format', '\"something-else\"')")
    con.commit()
    con.close()
    with pytest.raises(InputError, match="not a Clientele project"):
        load_project(path)


def _leave_session(data_dir: Path, pid: int, analysis) -> Path:
    """What session `pid` leaves behind while it runs: its marker and its autosave."""
    target = autosave_path(pid)
    target.parent.mkdir(parents=True, exist_ok=True)
    save = save_project(target, analysis)
    (data_dir / "sessions").mkdir(parents=True, exist_ok=True)
    (data_dir / "sessions" / f"{pid}.json").write_text(json.dumps({"pid": pid, "autosave": str(save)}))
    return save


def test_autosave_and_crash_detection(shop, data_dir: Path) -> None:
    orders, customers = shop
    a = _analysis(orders, customers)
    assert previous_session_crashed() is None
    # An earlier session that never said goodbye: its process is gone, its autosave is there.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    crashed_save = _leave_session(data_dir, dead_pid, a)

    assert previous_session_crashed() == crashed_save
    restored: OpenedProject = load_project(crashed_save)
    assert len(restored.state.lines) == len(a.lines)

    mark_session_started()
    assert previous_session_crashed() == crashed_save  # our own running session is not a crash
    mine = autosave(a)
    assert mine == autosave_path() and mine.is_file()
    forget_crashed_sessions()
    assert previous_session_crashed() is None and not crashed_save.exists()
    mark_session_clean_exit()
    assert not mine.exists() and not (data_dir / "sessions" / f"{os.getpid()}.json").exists()


def test_a_live_session_is_not_a_crash(data_dir: Path, shop) -> None:
    orders, customers = shop
    a = _analysis(orders, customers)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        save = _leave_session(data_dir, live.pid, a)
        assert previous_session_crashed() is None
    finally:
        live.kill()
        live.wait()
    assert previous_session_crashed() == save
