"""Forgetting a customer (project, autosaves, exports written afterwards) and password-protected
projects (unreadable by sqlite3, not openable without the password, round-trip with it)."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.export import ExportOptions
from desktop.engine.forget import forget_customer, forget_in_analysis, was_forgotten
from desktop.engine.marketing import export_marketing_list
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.project import autosave, autosave_path, load_project, save_project, state_from_analysis
from desktop.engine.retention import remove_old_autosaves
from desktop.engine.vault import is_encrypted

GONE = "ZQX-4711"
GONE_NAME, GONE_PHONE, GONE_MAIL = "Wilhelmina Quaxley", "13912345678", "wq.private@example.org"


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(folder))
    return folder


def _analysis(folder: Path):
    rows = []
    ids = [GONE] + [f"K{i:03d}" for i in range(24)]
    for n, cid in enumerate(ids):
        for k in range(3):
            rows.append((f"R{n}-{k}", cid, f"2026-0{k + 3}-1{n % 9}", "Tea", 20.0 + n))
    orders = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Member", "Date", "Product", "Amount"]).to_csv(orders, index=False)
    people = folder / "people.csv"
    pd.DataFrame({"Member": ids, "Name": [GONE_NAME] + [f"Name {i}" for i in range(24)],
                  "Phone": [GONE_PHONE] + [f"1370000{i:04d}" for i in range(24)],
                  "Email": [GONE_MAIL] + [f"k{i}@shop.example" for i in range(24)]}).to_csv(people, index=False)
    return analyze(AnalysisOptions(paths=[orders], customers_file=people))


def _traces(path: Path) -> list[str]:
    raw = path.read_bytes()
    return [t for t in (GONE, GONE_NAME, GONE_PHONE, GONE_MAIL) if t.encode("utf-8") in raw]


def test_forgetting_removes_the_customer_from_the_project_and_every_autosave(tmp_path, data_dir):
    analysis = _analysis(tmp_path)
    campaign = export_marketing_list(analysis.customers, analysis.segments, tmp_path / "before.csv",
                                     ExportOptions(control_share=0.3, seed=3))
    project = save_project(tmp_path / "shop.clientele", analysis, campaigns=[campaign.record.to_dict()])
    saved = autosave(state_from_analysis(analysis))
    other_session = autosave_path(999_999_1)
    other_session.write_bytes(saved.read_bytes())
    assert _traces(project) and _traces(other_session)

    result = forget_customer(project, GONE)
    assert result.lines == 3
    assert set(result.autosaves) == {saved.resolve(), other_session.resolve()}
    for path in (project, saved, other_session):
        assert _traces(path) == [], path  # not a byte of the id, name, phone or e-mail left
    state = load_project(project).state
    assert GONE not in set(state.lines["customer_id"]) and GONE not in state.profiles.index
    assert len(state.deletions) == 1 and set(state.deletions[0]) == {"date", "pseudonym", "salt"}
    assert was_forgotten(state, GONE) and not was_forgotten(state, "K001")
    assert "spreadsheets" in result.to_dict()["warnings"][0]["message"]

    # an export written afterwards, from the project, never names them
    again = load_project(project).analysis()
    export_marketing_list(again.customers, again.segments, tmp_path / "after.csv", ExportOptions())
    assert _traces(tmp_path / "after.csv") == []
    with pytest.raises(InputError, match="no customer"):
        forget_customer(project, GONE)


def test_forgetting_in_the_app_analysis_keeps_the_record_through_a_save(tmp_path, data_dir):
    analysis = _analysis(tmp_path)
    without = forget_in_analysis(analysis, GONE)
    assert GONE not in without.customers.index and len(without.customers) == len(analysis.customers) - 1
    project = save_project(tmp_path / "p.clientele", without)
    assert _traces(project) == []
    assert was_forgotten(load_project(project).state, GONE)
    assert len(load_project(project).analysis().deletions) == 1


def test_a_password_protected_project_round_trips_and_is_closed_without_it(tmp_path, data_dir):
    analysis = _analysis(tmp_path)
    path = save_project(tmp_path / "locked.clientele", analysis, password="correct horse 电池")
    assert is_encrypted(path) and _traces(path) == []
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError):
        con.execute("SELECT * FROM sqlite_master").fetchall()
    con.close()
    with pytest.raises(InputError, match="protected by a password") as err:
        load_project(path)
    assert "密码" in err.value.zh
    with pytest.raises(InputError, match="wrong"):
        load_project(path, "correct horse")
    opened = load_project(path, "correct horse 电池")
    pd.testing.assert_frame_equal(opened.state.lines, load_project(save_project(
        tmp_path / "plain.clientele", analysis)).state.lines)
    assert list(os.listdir(tmp_path)).count("locked.clientele") == 1
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]  # no plaintext left beside it

    # forgetting in a protected project keeps it protected; autosaves too
    saved = autosave(state_from_analysis(analysis), password="correct horse 电池")
    assert is_encrypted(saved)
    forget_customer(path, GONE, password="correct horse 电池")
    assert is_encrypted(path) and is_encrypted(saved)
    assert GONE not in set(load_project(saved, "correct horse 电池").state.lines["customer_id"])


def test_a_tampered_protected_project_is_refused_with_one_sentence(tmp_path, data_dir):
    path = save_project(tmp_path / "t.clientele", _analysis(tmp_path), password="pw")
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="wrong"):
        load_project(path, "pw")


def test_old_autosaves_are_removed_and_recent_ones_kept(tmp_path, data_dir):
    folder = data_dir / "autosave"
    folder.mkdir(parents=True)
    old, recent, mine = (autosave_path(1_000_001), autosave_path(1_000_002), autosave_path())
    for p in (old, recent, mine):
        p.write_bytes(b"SQLite format 3\x00")
    stranger = folder / "notes.clientele"
    stranger.write_bytes(b"x")
    long_ago = time.time() - 40 * 86_400
    for p in (old, mine, stranger):
        os.utime(p, (long_ago, long_ago))
    assert remove_old_autosaves(30) == [old.resolve()]
    assert not old.exists() and recent.exists() and mine.exists() and stranger.exists()


def test_a_password_can_be_given_changed_and_removed(tmp_path, data_dir):
    from desktop.engine.project import set_project_password

    path = save_project(tmp_path / "p.clientele", _analysis(tmp_path))
    set_project_password(path, "first")
    assert is_encrypted(path)
    with pytest.raises(InputError, match="wrong"):
        set_project_password(path, "second", "not it")
    set_project_password(path, "second", "first")
    with pytest.raises(InputError, match="wrong"):
        load_project(path, "first")
    set_project_password(path, None, "second")
    assert not is_encrypted(path) and len(load_project(path).state.lines) == 75
