"""A project file is untrusted input (issue 14, items 3, 4, 5, 9): crafted .clientele files written by
each test (views, triggers, runaway SQL, huge values, missing or extra tables, wrong types, non-finite
numbers, deep JSON, bad dates, unknown keys) are refused with the one "damaged" sentence and no
statement of theirs runs; the source paths a project names are never opened; declining a restore
deletes only the app's own autosaves; file names that are not UTF-8 save and reopen."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop.engine import project
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.project import load_project, local_file, reanalyse, save_project

DAMAGED = "is damaged or was not written by Clientele"


def _sales(folder: Path, name: str = "till.csv") -> Path:
    path = folder / name
    path.write_text("Receipt,Day,Member,Item,Total\n"
                    + "".join(f"R{i},2024-0{1 + i % 9}-1{i % 9},M{i % 7},P{i % 4},{10 + i}.50\n" for i in range(60)),
                    encoding="utf-8")
    return path


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A project of a small shop, saved by Clientele (the tests then tamper with a copy)."""
    sales = _sales(tmp_path)
    analysis = analyze(AnalysisOptions([sales], overrides={"customer_id": "Member"}))
    return save_project(tmp_path / "shop.clientele", analysis, campaigns=[{"campaign_id": "c-1", "sent": 3}])


def _tamper(path: Path, *statements: str, params: tuple = ()) -> Path:
    con = sqlite3.connect(path)
    try:
        for sql in statements:
            con.execute(sql, params) if params else con.executescript(sql)
        con.commit()
    finally:
        con.close()
    return path


def _refused(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_project(path)
    text = str(info.value)
    assert DAMAGED in text and path.name in text and text.count(". ") == 0  # one sentence
    assert info.value.zh and path.name in info.value.zh
    return info.value


def test_a_saved_project_opens(saved: Path) -> None:
    opened = load_project(saved)
    assert len(opened.state.lines) == 60 and opened.state.campaigns == [{"campaign_id": "c-1", "sent": 3}]
    assert opened.missing_sources == [] and opened.changed_sources == []


@pytest.mark.parametrize("sql", [
    "CREATE VIEW extra AS SELECT 1",
    "CREATE TRIGGER t AFTER INSERT ON campaigns BEGIN DELETE FROM sources; END",
    # a runaway view: counting to 10**12 would hang the app and take gigabytes
    ("CREATE VIEW lines AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
     "SELECT printf('%.*c', 1000000, 'x') AS customer_id FROM n"),
    "CREATE TABLE extra (x)",
    "CREATE INDEX by_name ON column_chunks (name)",
    "DROP TABLE campaigns",
    ("DROP TABLE sources; CREATE TABLE sources (position INTEGER, kind TEXT, path TEXT, name TEXT, "
     "size INTEGER AS (length(printf('%.*c', 900000000, 'x'))), sha256 TEXT, modified TEXT)"),
    ("DROP TABLE meta; CREATE VIEW meta AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
     "SELECT 'format' AS key, '\"clientele-project\"' AS value FROM n"),
    "ALTER TABLE sources ADD COLUMN extra TEXT",
])
def test_schema_other_than_clientele_s_is_refused_before_any_query(saved: Path, sql: str) -> None:
    _refused(_tamper(saved, sql))


def test_a_meta_view_without_meta_table_is_damaged_not_run(tmp_path: Path) -> None:
    path = tmp_path / "v.clientele"
    _tamper(path, "CREATE TABLE meta (key TEXT, value TEXT); "
                  "CREATE VIEW big AS SELECT printf('%.*c', 900000000, 'x') AS v")
    _refused(path)


def test_a_value_over_the_length_limit_is_refused(saved: Path) -> None:
    # 70 MB in one meta value (the limit is 64 MB): SQLite refuses to hand it over
    _tamper(saved, "UPDATE meta SET value = '\"' || printf('%.*c', 70000000, 'x') || '\"' WHERE key = 'app_version'")
    _refused(saved)


def test_opening_creates_no_file_beside_the_project(saved: Path) -> None:
    # a project switched to WAL mode made even a read-only open create -wal and -shm files beside it
    _tamper(saved, "PRAGMA journal_mode = WAL")
    before = sorted(p.name for p in saved.parent.iterdir())
    assert len(load_project(saved).state.lines) == 60
    assert sorted(p.name for p in saved.parent.iterdir()) == before


def test_a_runaway_statement_is_stopped_by_the_progress_handler(saved: Path, monkeypatch) -> None:
    monkeypatch.setattr(project, "_MAX_STEPS", 50)  # 500,000 SQLite instructions
    con = project._open_untrusted(saved)
    try:
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            con.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n")
    finally:
        con.close()


_META = [
    ("settings", '{"a": Infinity}'),
    ("settings", '{"a": NaN}'),
    ("roles", '{"amount": {"column": "Total", "confidence": 1e999, "reason": "x"}}'),
    ("settings", "[" * 100_000 + "]" * 100_000),  # deeper than Python's parser goes
    ("settings", '{"a": ' + "[" * 40 + "]" * 40 + "}"),  # deeper than a project holds
    ("options", None),  # options with an unknown key, below
    ("options", "[]"),
    ("report", '{"rows_read": "sixty"}'),
    ("report", '{"rows_read": 60, "surprise": 1}'),
    ("report", '{"warnings": [{"code": "no_such_code"}]}'),
    ("report", '{"warnings": [{"code": "rows_set_aside", "file": {"nested": 1}}]}'),
    ("saved_at", '"2024-13-01T00:00:00"'),
    ("format_version", '"2"'),
    ("segment_names", '{"champions": {"name": 5}}'),
    ("customer_roles", '{"phone": {"column": "Tel"}}'),
]


@pytest.mark.parametrize("key, value", _META)
def test_meta_values_are_checked(saved: Path, key: str, value: str | None) -> None:
    if value is None:
        stored = sqlite3.connect(saved).execute("SELECT value FROM meta WHERE key = 'options'").fetchone()[0]
        options = json.loads(stored)
        value = json.dumps({**options, "run_this": "DROP TABLE lines"})
    _tamper(saved, "UPDATE meta SET value = ? WHERE key = ?", params=(value, key))
    _refused(saved)


@pytest.mark.parametrize("change", [
    {"as_of": "2024-02-30"},
    {"as_of": "0001-01-01"},
    {"rfm_model": 7},
    {"paths": "/etc/passwd"},
    {"keep_duplicates": "yes"},
    {"eight_class": {"recency_days_max": 30, "frequency_min": 2}},
])
def test_options_are_checked(saved: Path, change: dict) -> None:
    con = sqlite3.connect(saved)
    options = json.loads(con.execute("SELECT value FROM meta WHERE key = 'options'").fetchone()[0])
    con.close()
    _tamper(saved, "UPDATE meta SET value = ? WHERE key = 'options'", params=(json.dumps({**options, **change}),))
    _refused(saved)


def test_unknown_and_missing_meta_keys(saved: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.clientele"
    other.write_bytes(saved.read_bytes())
    _refused(_tamper(saved, "INSERT INTO meta VALUES ('plugin', '\"x\"')"))
    _refused(_tamper(other, "DELETE FROM meta WHERE key = 'report'"))


@pytest.mark.parametrize("sql", [
    "UPDATE sources SET size = 'big'",
    "UPDATE sources SET modified = 'yesterday'",
    "UPDATE sources SET kind = 'passwords'",
    "UPDATE sources SET sha256 = 'not a hash'",
    ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
     "INSERT INTO sources SELECT i, 'orders', '/x', 'x', 1, NULL, NULL FROM n"),  # more sources than a project has
    "UPDATE campaigns SET record = '{\"sent\": Infinity}'",
    "UPDATE campaigns SET record = '[1, 2]'",
    "UPDATE column_chunks SET data = 'text' WHERE name = 'amount'",
    "UPDATE column_chunks SET data = zeroblob(length(data) - 8) WHERE name = 'amount'",
    "UPDATE column_chunks SET kind = 'pickle' WHERE name = 'amount'",
    "UPDATE column_chunks SET kind = 'text' WHERE name = 'amount'",
    "UPDATE column_chunks SET labels = '[1, 2, 3]' WHERE name = 'customer_id'",
    "UPDATE column_chunks SET labels = '[]' WHERE name = 'customer_id'",  # codes point past the labels
    ("UPDATE column_chunks SET labels = '[' || substr(replace(printf('%.*c', 300000, 'x'), 'x', ',\"ab\"'), 2) || ']' "
     "WHERE name = 'customer_id'"),  # 300,000 labels for 60 rows
    "UPDATE column_chunks SET chunk = 5 WHERE name = 'date'",
    "UPDATE column_chunks SET name = 'password' WHERE name = 'category'",
    "DELETE FROM column_chunks WHERE name = 'amount'",
    "UPDATE column_chunks SET rows = rows - 1, data = substr(data, 1, length(data) - 8) WHERE name = 'amount'",
])
def test_stored_values_are_checked(saved: Path, sql: str) -> None:
    _refused(_tamper(saved, sql))


@pytest.mark.parametrize("column, value", [
    ("amount", np.inf), ("amount", -np.inf), ("date", np.iinfo(np.int64).min),  # NaT: a line without a date
    ("date", np.datetime64("2250-01-01", "ns").astype(np.int64)),  # past what parsing reads (and near overflow)
])
def test_non_finite_numbers_and_missing_dates_in_lines(saved: Path, column: str, value) -> None:
    con = sqlite3.connect(saved)
    (data,) = con.execute("SELECT data FROM column_chunks WHERE frame = 'lines' AND name = ?", (column,)).fetchone()
    con.close()
    values = np.frombuffer(data, "<f8" if column == "amount" else "<i8").copy()
    values[3] = value
    _tamper(saved, "UPDATE column_chunks SET data = ? WHERE frame = 'lines' AND name = ?",
            params=(values.tobytes(), column))
    _refused(saved)


def test_a_customer_twice_in_the_profiles_is_refused(saved: Path) -> None:
    _tamper(saved, "UPDATE column_chunks SET data = zeroblob(length(data)) "
                   "WHERE frame = 'profiles' AND name = 'customer_id'")
    _refused(saved)


def _format_1(path: Path, amount="12.5", day="2024-03-01T10:00:00", extra: str = "") -> Path:
    """A project as format 1 wrote it (lines and profiles as plain tables)."""
    meta = {"format": "clientele-project", "format_version": 1, "app_version": "0.9", "saved_at": "2024-05-01T00:00:00",
            "options": {"paths": ["/nowhere/till.csv"], "overrides": {}, "as_of": None, "rfm_model": 11},
            "report": {"rows_read": 2, "rows_used": 2}, "roles": {}, "customer_roles": {}, "settings": {},
            "segment_names": {}}
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
        "CREATE TABLE sources (position INTEGER, kind TEXT, path TEXT, name TEXT, size INTEGER, sha256 TEXT, "
        "modified TEXT);"
        "CREATE TABLE campaigns (id INTEGER PRIMARY KEY, created TEXT, record TEXT);"
        'CREATE TABLE "lines" ("customer_id" TEXT, "order_id" TEXT, "date" TEXT, "amount" REAL, "is_return" INTEGER);'
        'CREATE TABLE "profiles" ("customer_id" TEXT, "phone" TEXT);' + extra)
    con.executemany("INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
    con.execute("INSERT INTO lines VALUES ('A', 'o1', ?, ?, 0)", (day, amount))
    con.execute("INSERT INTO lines VALUES ('B', 'o2', '2024-03-02T11:00:00', 30, 0)")
    con.execute("INSERT INTO profiles VALUES ('A', '555')")
    con.execute("INSERT INTO sources VALUES (0, 'orders', '/nowhere/till.csv', 'till.csv', 10, ?, NULL)", ("ab" * 32,))
    con.commit()
    con.close()
    return path


def test_format_1_projects_still_open(tmp_path: Path) -> None:
    opened = load_project(_format_1(tmp_path / "old.clientele"))
    assert list(opened.state.lines["amount"]) == [12.5, 30.0]
    assert opened.state.profiles.loc["A", "phone"] == "555"
    assert opened.analysis().customers.shape[0] == 2
    assert opened.missing_sources == [Path("/nowhere/till.csv")]


@pytest.mark.parametrize("kw", [
    {"amount": "twelve"}, {"amount": 1e309}, {"day": "2024-02-30T10:00:00"}, {"day": "yesterday"},
    {"day": 45000}, {"amount": b"\x00" * 10},
])
def test_format_1_wrong_types_and_bad_dates(tmp_path: Path, kw: dict) -> None:
    _refused(_format_1(tmp_path / "old.clientele", **kw))


def test_not_a_regular_file_is_refused_without_waiting(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.clientele"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a file Clientele can open"):
        load_project(fifo)


# ---------------------------------------------------------------- the sources a project names


@pytest.mark.parametrize("path", [
    r"\\evil-host\share\orders.csv", "//evil-host/share/orders.csv", r"\\?\C:\orders.csv", "orders.csv",
    "../orders.csv", "", "/dev/null",
])
def test_network_relative_and_device_paths_are_not_looked_at(path: str) -> None:
    assert local_file(path) is None


def test_sources_are_compared_by_size_and_time_never_opened(saved: Path, tmp_path: Path) -> None:
    # a FIFO named as a source would hang any attempt to open it; a wrong hash is never computed
    sales = tmp_path / "till.csv"
    fifo = tmp_path / "fifo.csv"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
    _tamper(saved, "UPDATE sources SET sha256 = ? WHERE kind = 'orders'", params=("0" * 64,))
    _tamper(saved, "INSERT INTO sources VALUES (1, 'orders', ?, 'fifo.csv', 1, NULL, NULL), "
                   "(2, 'orders', '\\\\evil-host\\share\\x.csv', 'x.csv', 1, NULL, NULL), "
                   "(3, 'orders', 'relative.csv', 'relative.csv', 1, NULL, NULL)", params=(str(fifo),))
    opened = load_project(saved)
    assert opened.changed_sources == []
    assert [p.name for p in opened.missing_sources] == ["fifo.csv", r"\\evil-host\share\x.csv", "relative.csv"]
    assert opened.state.sources[0].status(verify=True) == "changed"  # hashing only on request
    sales.write_text("Receipt,Day,Member,Item,Total\n", encoding="utf-8")
    assert load_project(saved).changed_sources == [sales]


def test_reanalysis_uses_the_saved_lines_not_the_sources(saved: Path, tmp_path: Path) -> None:
    # the project names till.csv; now another shop's file stands there: the project ignores it
    opened = load_project(saved)
    a = opened.analysis()
    _sales(tmp_path).write_text("Receipt,Day,Member,Total\nX1,2024-01-01,Other,999\n", encoding="utf-8")
    b = reanalyse(a, as_of=a.as_of.date() + __import__("datetime").timedelta(days=30), rfm_model=8)
    assert b.rfm.model == 8 and b.as_of > a.as_of
    assert set(b.customers.index) == set(a.customers.index) and "Other" not in b.customers.index


# ---------------------------------------------------------------- autosaves and session markers


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(folder))
    (folder / "sessions").mkdir(parents=True)
    (folder / "autosave").mkdir()
    return folder


def _dead_pid() -> int:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(dead.stdout)


def test_a_marker_never_makes_the_app_delete_or_open_another_file(data_dir: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    pid = _dead_pid()
    (data_dir / "sessions" / f"{pid}.json").write_text(json.dumps({"pid": pid, "autosave": str(precious)}))
    assert project.previous_session_crashed() is None
    project.forget_crashed_sessions()
    assert precious.read_text() == "keep me"
    assert not (data_dir / "sessions" / f"{pid}.json").exists()


def test_an_autosave_that_is_a_link_is_neither_offered_nor_deleted(data_dir: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious.clientele"
    precious.write_text("keep me")
    pid = _dead_pid()
    link = data_dir / "autosave" / f"session-{pid}.clientele"
    try:
        link.symlink_to(precious)
    except OSError:
        pytest.skip("no symbolic links here")
    (data_dir / "sessions" / f"{pid}.json").write_text(json.dumps({"pid": pid, "autosave": str(link)}))
    assert project.previous_session_crashed() is None
    project.forget_crashed_sessions()
    assert precious.read_text() == "keep me" and link.is_symlink()


def test_markers_of_other_names_and_contents_are_left_alone(data_dir: Path) -> None:
    odd = data_dir / "sessions" / "notes.json"
    odd.write_text("{}")
    huge_pid = data_dir / "sessions" / "99999999999999999999.json"
    huge_pid.write_text(json.dumps({"pid": 99999999999999999999}))
    assert project.previous_session_crashed() is None
    project.forget_crashed_sessions()
    assert odd.exists() and huge_pid.exists()


def test_declining_deletes_the_app_s_own_autosave(data_dir: Path, saved: Path) -> None:
    pid = _dead_pid()
    own = data_dir / "autosave" / f"session-{pid}.clientele"
    own.write_bytes(saved.read_bytes())
    (data_dir / "sessions" / f"{pid}.json").write_text(json.dumps({"pid": pid, "autosave": "/somewhere/else"}))
    assert project.previous_session_crashed() == own.resolve()
    project.forget_crashed_sessions()
    assert not own.exists() and project.previous_session_crashed() is None


# ---------------------------------------------------------------- names that are not UTF-8


@pytest.mark.skipif(os.name == "nt" or sys.getfilesystemencoding() != "utf-8", reason="POSIX byte names")
def test_file_names_that_are_not_utf8_save_autosave_and_reopen(tmp_path: Path, data_dir: Path) -> None:
    sales = _sales(tmp_path, os.fsdecode(b"caf\xe9 till.csv"))
    analysis = analyze(AnalysisOptions([sales], overrides={"customer_id": "Member"}))
    target = tmp_path / os.fsdecode(b"shop \xff.clientele")
    path = save_project(target, analysis)
    assert path == target and target.is_file()
    opened = load_project(path)
    assert opened.missing_sources == [] and opened.changed_sources == []
    assert opened.state.options["paths"] == [str(sales)]
    assert set(opened.state.lines["source_file"]) == {sales.name}
    saved = project.autosave(analysis)
    assert load_project(saved).state.sources[0].path == str(sales)


def test_a_long_chinese_name_saves(tmp_path: Path, saved: Path) -> None:
    # 80 Chinese characters are 240 bytes: the hidden temporary name must not pass 255 bytes
    analysis = load_project(saved).analysis()
    target = tmp_path / ("春茶会员" * 20 + ".clientele")
    assert save_project(target, analysis) == target and load_project(target).state.lines.shape[0] == 60
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
