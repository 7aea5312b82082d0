"""Project files in the app: save and reopen (also after the sales file moved), campaign records kept
in the project, a damaged project refused, autosave after an analysis and the restore offer after
an unclean exit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from waiting import wait_signal


def _sales_file(folder: Path) -> Path:
    path = folder / "till.csv"
    path.write_text("Receipt,Day,Member,Total\n"
                    + "".join(f"R{i},2024-0{1 + i % 9}-1{i % 9},M{i % 7},{10 + i}.50\n" for i in range(60)),
                    encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def shop_window(window, tmp_path):
    """The window with a small sales file analysed (the file lives in tmp_path/src)."""
    src = tmp_path / "src"
    src.mkdir()
    sales = _sales_file(src)
    window.load(window._request(str(sales), None, {"customer_id": "Member"}, None))
    wait_signal(window.analysisReady)
    return window


def test_save_then_open_after_the_sales_file_moved(shop_window, tmp_path):
    w = shop_window
    before = w.data.customers[["monetary", "frequency", "segment"]].copy()
    w.project.add_campaign({"kind": "clientele.campaign", "version": 1, "campaign_id": "c-1",
                            "created": "2024-09-01T10:00:00", "contacted": ["M1", "M2"], "control": ["M3"]})
    target = tmp_path / "my shop.clientele"
    assert w.project.save(str(target))
    index, args = wait_signal(w.project.projectSaved, w.project.projectFailed)
    assert index == 0 and Path(args[0]) == target and target.is_file()
    assert w.windowTitle().startswith("my shop")

    (tmp_path / "src" / "till.csv").rename(tmp_path / "till-moved.csv")
    w.project.campaigns.clear()
    w.open_file(str(target))  # a .clientele file opens as a project, not in the import dialog
    index, _ = wait_signal(w.project.projectOpened, w.project.projectFailed)
    assert index == 0
    after = w.data.customers[["monetary", "frequency", "segment"]]
    assert after.sort_index().equals(before.sort_index())
    assert w.project.banner.isVisible() and "till.csv" in w.project.banner.text()
    assert "no longer" in w.project.banner.text()
    assert [r.campaign_id for r in w.project.all_campaigns()] == ["c-1"]


def test_a_damaged_project_is_refused_and_the_analysis_stays(shop_window, tmp_path):
    w = shop_window
    shown = w.data
    bad = tmp_path / "broken.clientele"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    w.project.open_project(str(bad))
    index, args = wait_signal(w.project.projectOpened, w.project.projectFailed)
    assert index == 1 and "broken.clientele" in args[0]
    assert w.error_banner.isVisible() and w.data is shown
    other = tmp_path / "notes.clientele"
    other.write_text("hello", encoding="utf-8")
    w.project.open_project(str(other))
    index, args = wait_signal(w.project.projectOpened, w.project.projectFailed)
    assert index == 1 and "notes.clientele" in args[0] and w.data is shown


def test_exports_add_campaign_records_found_again_next_to_the_list(shop_window, tmp_path):
    w = shop_window
    dialog = w.open_export(None)
    dialog.control.setChecked(True)
    dialog.control_share.setValue(30)
    dialog.open_folder.setChecked(False)
    dialog.path.setText(str(tmp_path / "list.xlsx"))
    dialog.accept()
    index, args = wait_signal(w.exportFinished, w.exportFailed)
    assert index == 0, args
    record = args[0].record
    assert [c["campaign_id"] for c in w.project.campaigns] == [record.campaign_id]
    assert w.settings.export_folders()[0] == str(tmp_path)
    w.project.campaigns.clear()  # still found as the JSON next to the list
    assert [r.campaign_id for r in w.project.all_campaigns()] == [record.campaign_id]


def test_autosave_after_analysis_and_restore_after_an_unclean_exit(shop_window, data_dir, settings, qtbot):
    from desktop.engine import project
    from desktop.ui.main_window import MainWindow

    w = shop_window
    w.project.autosave_enabled = True
    w.load(w.request)
    wait_signal(w.analysisReady)
    _, args = wait_signal(w.project.autosaved)
    saved = Path(args[0])
    assert saved == project.autosave_path() and saved.is_file()
    n = len(w.data.customers)

    # a session that died: its marker names a process that no longer runs
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    crashed = saved.with_name(f"session-{dead.pid}.clientele")
    saved.rename(crashed)
    (data_dir / "sessions").mkdir(parents=True, exist_ok=True)
    (data_dir / "sessions" / f"{dead.pid}.json").write_text(
        json.dumps({"pid": dead.pid, "autosave": str(crashed)}), encoding="utf-8")

    other = MainWindow(settings)
    qtbot.addWidget(other)
    other.show()
    try:
        assert other.project.start_session() == crashed
        assert other.project.banner.isVisible() and other.project.dismiss_button.isVisible()
        other.project.banner.button.click()  # Restore
        index, _ = wait_signal(other.project.projectOpened, other.project.projectFailed)
        assert index == 0 and len(other.data.customers) == n
        assert "restored" in other.project.banner.text()
        assert project.previous_session_crashed() is None  # the offer is not made twice
        assert not (data_dir / "sessions" / f"{dead.pid}.json").exists()
        assert other.project.path is None  # Save asks for a name: the autosave is not the project
        # the title names the file the analysis was read from, not "Restored analysis"
        assert other.windowTitle() == f"{Path(w.request.paths[0]).name} – Clientele"
        # and the safety copy does not go into the recent files
        assert all(not r.path.endswith(".clientele") for r in settings.recent_files())
    finally:
        other.runner.cancel()
        other.runner.wait(10000)
        other.close()
        project.mark_session_clean_exit()
    assert not (data_dir / "sessions" / f"{__import__('os').getpid()}.json").exists()


def _dead_session(data_dir: Path, autosave: bytes, named: Path | None = None) -> Path:
    """What a session that died leaves: its autosave (these bytes) and its marker (naming `named`,
    else the autosave); return the autosave."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    save = data_dir / "autosave" / f"session-{dead.pid}.clientele"
    save.parent.mkdir(parents=True)
    save.write_bytes(autosave)
    (data_dir / "sessions").mkdir()
    (data_dir / "sessions" / f"{dead.pid}.json").write_text(
        json.dumps({"pid": dead.pid, "autosave": str(named or save)}), encoding="utf-8")
    return save


def test_declining_the_restore_forgets_the_autosave(window, data_dir):
    from desktop.engine import project

    save = _dead_session(data_dir, b"x")
    window.project.offer_restore(project.previous_session_crashed())
    window.project.dismiss_button.click()
    assert not window.project.banner.isVisible()
    assert not save.exists() and project.previous_session_crashed() is None


def test_a_new_date_or_model_reanalyses_the_saved_lines_not_the_files_named(shop_window, tmp_path):
    # issue 14 item 4: the project names till.csv; another shop's file now stands there. Changing the
    # analysis date and the RFM model must use the project's own lines.
    from desktop.engine.project import local_file

    w = shop_window
    ids = set(w.data.customers.index)
    target = tmp_path / "shop.clientele"
    assert w.project.save(str(target))
    wait_signal(w.project.projectSaved, w.project.projectFailed)
    sales = tmp_path / "src" / "till.csv"
    sales.write_text("Receipt,Day,Member,Total\n" + "".join(f"X{i},2024-01-0{1 + i % 9},Other{i},999\n"
                                                           for i in range(30)), encoding="utf-8")
    w.open_file(str(target))
    index, _ = wait_signal(w.project.projectOpened, w.project.projectFailed)
    assert index == 0 and "till.csv" in w.project.banner.text()  # changed since saved
    assert w.request.paths == [str(target)] and w.request.customers_file is None
    as_of = (w.data.analysis.as_of + __import__("pandas").Timedelta(days=20)).date()
    w.settings.as_of = as_of.isoformat()
    w.settings.set_rfm_model(8)
    w._settings_changed({"as_of", "rfm_model"})
    wait_signal(w.analysisReady)
    assert set(w.data.customers.index) == ids and w.data.analysis.rfm.model == 8
    assert w.data.analysis.as_of.date() == as_of and w.windowTitle().startswith("shop –")
    assert local_file(sales) is not None  # the other shop's file is still there, unread
    # and once a spreadsheet is opened, a new date reads that spreadsheet again, as before
    w.load(w._request(str(sales), None, {"customer_id": "Member"}, None))
    wait_signal(w.analysisReady)
    assert w.project.project_names is None and set(w.data.customers.index) != ids
    w._settings_changed({"as_of"})
    wait_signal(w.analysisReady)
    assert any(str(i).startswith("Other") for i in w.data.customers.index)


def test_declining_never_deletes_a_file_a_marker_names_outside_the_autosave_folder(window, data_dir, tmp_path):
    # issue 14 item 5: a marker naming any path made "No, start afresh" delete it
    from desktop.engine import project

    precious = tmp_path / "orders.xlsx"
    precious.write_bytes(b"the shop's own file")
    own = _dead_session(data_dir, b"x", named=precious)
    offered = project.previous_session_crashed()
    assert offered == own.resolve()  # the app's own autosave, whatever the marker says
    window.project.offer_restore(offered)
    window.project.dismiss_button.click()
    assert precious.read_bytes() == b"the shop's own file" and not own.exists()
    assert not window.project.banner.isVisible()


def test_restoring_a_crafted_autosave_is_one_sentence(window, data_dir, tmp_path):
    import sqlite3

    from desktop.engine import project

    crafted = tmp_path / "crafted.clientele"
    con = sqlite3.connect(crafted)
    con.executescript("CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('format', "
                      "'\"clientele-project\"'); CREATE VIEW lines AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                      "SELECT i + 1 FROM n) SELECT i FROM n;")
    con.close()
    save = _dead_session(data_dir, crafted.read_bytes())
    window.project.offer_restore(project.previous_session_crashed())
    window.project.banner.button.click()  # Restore
    index, args = wait_signal(window.project.projectOpened, window.project.projectFailed)
    assert index == 1 and save.name in args[0] and "damaged" in args[0]
    assert window.error_banner.isVisible() and window.data is None


def test_saved_lists_and_contacted_ticks_come_back_with_the_project(shop_window, tmp_path):
    # issue 19: a list saved in the filter builder and This week's ticks are kept in the project
    w = shop_window
    actions = w.action_views
    actions.save_list("Big spenders", "spend >= 40")
    actions.toggle("M1", True)
    assert [entry["name"] for entry in actions.saved_lists] == ["Big spenders"]
    assert [t["customer_id"] for t in actions.ticks] == ["M1"]
    target = tmp_path / "lists.clientele"
    assert w.project.save(str(target))
    index, _ = wait_signal(w.project.projectSaved, w.project.projectFailed)
    assert index == 0

    actions.saved_lists, actions.ticks = [], []
    w.open_file(str(target))
    index, _ = wait_signal(w.project.projectOpened, w.project.projectFailed)
    assert index == 0
    assert [entry["name"] for entry in w.action_views.saved_lists] == ["Big spenders"]
    assert [entry["expression"] for entry in w.action_views.saved_lists] == ["spend >= 40"]
    assert [t["customer_id"] for t in w.action_views.ticks] == ["M1"]
