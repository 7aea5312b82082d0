"""Help › Privacy lists every place the app writes, opens and clears them; "Forget this customer…" in
the customer panel removes the customer from the shown analysis and every autosave; the app's logs
of a load hold no name, phone or e-mail from the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NAMES = ["Ottoline Fairweather", "Barnaby Quenell", "李春花"]
PHONES = ["13922223333", "13744445555", "15066667777"]
MAILS = ["otto.fw@example.org", "bq@example.net", "lch@example.cn"]


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "appdata"
    monkeypatch.setenv("CLIENTELE_DATA_DIR", str(folder))
    return folder


def _load_people(window, qtbot, folder: Path) -> None:
    from desktop.jobs.analysis import LoadRequest

    rows = ["Member,Name,Phone,Email,Date,Item,Total"]
    for i in range(90):
        n = i % 15
        name, phone, mail = ((NAMES[n], PHONES[n], MAILS[n]) if n < 3 else
                             (f"Person {n}", f"1300000{n:04d}", f"p{n}@shop.example"))
        rows.append(f"M{n:02d},{name},{phone},{mail},2025-{1 + i % 12:02d}-{1 + i % 27:02d},Tea {i % 4},{20 + n}.50")
    path = folder / "till.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(LoadRequest([str(path)]))


def _settle(window) -> None:
    """Let the background work the analysis started (predictions, suggestions) stop before teardown,
    however busy the machine is."""
    window.runner.cancel()
    assert window.runner.wait(120000)


def test_help_privacy_lists_every_place_and_clears_the_logs(window, qtbot, tmp_path, data_dir):
    from desktop.ui.crash import log_dir
    from desktop.ui.dialogs.privacy_dialog import places

    help_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"][0]
    assert "&Privacy" in [a.text() for a in help_menu.actions()]
    dialog = window.open_privacy()
    qtbot.addWidget(dialog)
    assert set(dialog.open_buttons) == {"settings", "logs", "autosaves", "sessions", "projects", "exports",
                                        "temporary"}
    assert set(dialog.clear_buttons) == {"logs", "autosaves"}  # projects and exports are the owner's
    assert not dialog.open_buttons["projects"].isEnabled()  # no project saved yet

    log_dir().mkdir(parents=True, exist_ok=True)
    (log_dir() / "clientele-errors.log").write_text("x", encoding="utf-8")
    logs = next(p for p in places(window.settings) if p.key == "logs")
    assert dialog._clear(logs, confirm=False) == 1 and not list(log_dir().glob("*.log"))

    dialog.days.setValue(12)
    assert window.settings.autosave_days == 12


def test_forget_this_customer_removes_them_from_the_app_and_autosaves(window, qtbot, tmp_path, data_dir):
    from desktop.engine.project import autosave, load_project, state_from_analysis
    from desktop.ui.forget_ui import forget_in_window

    _load_people(window, qtbot, tmp_path)
    assert "M01" in window.data.customers.index
    saved = autosave(state_from_analysis(window.data.analysis))  # an earlier safety copy holds them
    window.customer_panel.show_customer("M01")
    assert window.customer_panel.forget_button.isVisibleTo(window.customer_panel)
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        assert forget_in_window(window, "M01", ask=False)
    assert "M01" not in window.data.customers.index
    assert len(window.data.customers) == 14
    assert "M01" not in set(window.data.analysis.lines["customer_id"])
    assert len(window.data.analysis.deletions) == 1
    assert "M01" not in set(load_project(saved).state.lines["customer_id"])
    assert NAMES[1].encode() not in saved.read_bytes()

    # the app's logs of this load (and of an error it logged) hold no name, phone or e-mail
    window._unexpected_error(ValueError(f"cannot read {NAMES[0]} {PHONES[0]} {MAILS[0]}"),
                             f"Traceback\nValueError: cannot read {NAMES[0]} {PHONES[0]} {MAILS[0]}\n", "test")
    folder = Path(os.environ["CLIENTELE_LOG_DIR"])
    written = [p for p in folder.rglob("*") if p.is_file()]
    assert written
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in written)
    assert "ValueError" in text
    for secret in (*NAMES, *PHONES, *MAILS):
        assert secret not in text, secret
    _settle(window)


def test_a_protected_project_opens_with_its_password_and_stays_protected(window, qtbot, tmp_path, data_dir,
                                                                           monkeypatch):
    from desktop.engine.project import load_project, save_project
    from desktop.engine.vault import is_encrypted
    from desktop.ui import password_ui

    _load_people(window, qtbot, tmp_path)
    plain = save_project(tmp_path / "shop.clientele", window.data.analysis)
    answers = iter(["open sesame", "open sesame"])
    monkeypatch.setattr(password_ui.QInputDialog, "getText", lambda *a, **k: (next(answers), True))
    dialog = window.open_privacy()
    qtbot.addWidget(dialog)
    assert dialog.protect(str(plain)) and is_encrypted(plain)
    assert "protected" in dialog.status.text()

    asked = []
    monkeypatch.setattr(password_ui.QInputDialog, "getText",
                        lambda *a, **k: (asked.append(a[2]) or "open sesame", True))
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.project.open_project(str(plain))
    assert asked and "protected by a password" in asked[0]
    assert window.project.password == "open sesame"
    with qtbot.waitSignal(window.project.projectSaved, timeout=60000):
        window.project.save(str(plain))
    assert is_encrypted(plain)  # saving again keeps it protected
    assert len(load_project(plain, "open sesame").state.profiles) == 15
    _settle(window)


def test_a_wrong_password_gets_one_sentence(window, qtbot, tmp_path, data_dir, monkeypatch):
    from desktop.engine.project import save_project
    from desktop.ui import password_ui

    _load_people(window, qtbot, tmp_path)
    locked = save_project(tmp_path / "locked.clientele", window.data.analysis, password="right")
    monkeypatch.setattr(password_ui.QInputDialog, "getText", lambda *a, **k: ("wrong", True))
    with qtbot.waitSignal(window.project.projectFailed, timeout=60000) as failed:
        window.project.open_project(str(locked))
    assert "wrong" in failed.args[0] and failed.args[0].count(".") <= 2
    _settle(window)
