import json

from PySide6.QtCore import QSettings

from desktop.ui.settings import SETTINGS_VERSION, RecentFile, Settings


def test_defaults_and_round_trip(tmp_path):
    s = Settings(tmp_path / "s.ini")
    assert s.first_run and s.as_of is None and s.language == "system"
    assert s.rfm_model("en") == 11 and s.rfm_model("zh_CN") == 8  # the 8-class model first in Chinese
    s.as_of = "2024-12-31"
    s.currency = "¥"
    s.language = "zh_CN"
    s.set_rfm_model(11)
    s.mark_first_run_done()
    s.sync()
    again = Settings(tmp_path / "s.ini")
    assert (again.as_of, again.currency, again.language) == ("2024-12-31", "¥", "zh_CN")
    assert again.rfm_model("zh_CN") == 11 and not again.first_run


def test_recent_files_remember_sheet_and_mapping_newest_first(tmp_path):
    s = Settings(tmp_path / "s.ini")
    a, b = tmp_path / "a.xlsx", tmp_path / "b.csv"
    s.add_recent(RecentFile(str(a), "Sheet2", {"customer_id": "会员号"}, None))
    s.add_recent(RecentFile(str(b)))
    s.add_recent(RecentFile(str(a), "all", {"customer_id": "会员号", "amount": "实收"}, str(b)))
    items = s.recent_files()
    assert [i.path for i in items] == [str(a), str(b)]
    assert items[0].sheet == "all" and items[0].overrides == {"customer_id": "会员号", "amount": "实收"}
    assert s.recent_for(str(a)).customers_file == str(b)
    for i in range(15):
        s.add_recent(RecentFile(str(tmp_path / f"f{i}.csv")))
    assert len(s.recent_files()) == 10


def test_version_1_recent_files_are_migrated(tmp_path):
    path = tmp_path / "old.ini"
    q = QSettings(str(path), QSettings.Format.IniFormat)
    q.setValue("settings_version", 1)
    q.setValue("recent_files", ["/shop/sales.xlsx", "/shop/old.csv"])
    q.sync()
    del q
    s = Settings(path)
    assert [r.path for r in s.recent_files()] == ["/shop/sales.xlsx", "/shop/old.csv"]
    s.sync()
    q = QSettings(str(path), QSettings.Format.IniFormat)
    assert int(q.value("settings_version")) == SETTINGS_VERSION
    assert json.loads(q.value("recent_files"))[0]["path"] == "/shop/sales.xlsx"


def test_settings_show_the_datas_last_date_as_the_analysis_date(qapp, tmp_path):
    """With "Use the last date in the data" ticked, the date box shows that date, not today."""
    import pandas as pd

    from desktop.ui.dialogs.settings_dialog import SettingsDialog

    s = Settings(tmp_path / "s.ini")
    dialog = SettingsDialog(s, last_date=pd.Timestamp("2011-12-09 12:50"))
    assert dialog.auto_date.isChecked()
    assert dialog.date.date().toString("yyyy-MM-dd") == "2011-12-09"
    assert "as_of" not in dialog.apply() and s.as_of is None  # still "the last date in the data"
    s.as_of = "2011-06-30"
    chosen = SettingsDialog(s, last_date=pd.Timestamp("2011-12-09"))
    assert chosen.date.date().toString("yyyy-MM-dd") == "2011-06-30" and not chosen.auto_date.isChecked()


def test_a_hand_edited_settings_file_falls_back_to_the_defaults(tmp_path):
    """Words where numbers belong (the file is the user's, editable by hand) never stop the app."""
    from desktop.engine.retention import DEFAULT_AUTOSAVE_DAYS

    path = tmp_path / "edited.ini"
    path.write_text("[General]\nsettings_version=two\nrfm_model=eight\n\n[privacy]\nautosave_days=soon\n",
                    encoding="utf-8")
    s = Settings(path)
    assert s.rfm_model("en") == 11
    assert s.autosave_days == DEFAULT_AUTOSAVE_DAYS
    path.write_text("[General]\nrfm_model= 8\n\n[privacy]\nautosave_days=3\n", encoding="utf-8")
    s = Settings(path)
    assert s.rfm_model("en") == 8 and s.autosave_days == 3
