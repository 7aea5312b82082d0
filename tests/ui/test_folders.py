""""Open the folder afterwards" (issue 18, item 10): without a file manager (here: the offscreen
platform) the box is off and disabled with a tooltip, and an export asked to open the folder says
it could not; with one, the folder is shown."""

from __future__ import annotations

from pathlib import Path


def test_no_file_manager_disables_the_box_and_the_export_says_so(demo_window, tmp_path):
    from desktop.engine.marketing import ExportResult
    from desktop.ui.folders import can_open_folders
    from desktop.jobs.export import ExportRequest

    assert not can_open_folders()  # offscreen: nothing can show a folder
    dialog = demo_window.open_export(None)
    assert not dialog.open_folder.isChecked() and not dialog.open_folder.isEnabled()
    assert "file manager" in dialog.open_folder.toolTip()
    assert dialog.request().open_folder is False
    dialog.reject()
    target = tmp_path / "list.xlsx"
    demo_window._export_done(ExportRequest(path=str(target), open_folder=True),
                             ExportResult(path=target, rows=3, control=0))
    text = demo_window.status.text()
    assert "Saved 3 customers" in text and "could not be shown" in text


def test_a_file_manager_shows_the_folder(monkeypatch, qapp, tmp_path):
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    from desktop.ui import folders

    opened = []
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(folders.sys, "platform", "linux")
    monkeypatch.setattr(folders.shutil, "which", lambda name: "/usr/bin/xdg-open" if name == "xdg-open" else None)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    assert folders.can_open_folders()
    assert folders.open_folder(tmp_path)
    assert [Path(u.toLocalFile()) for u in opened] == [tmp_path]
    monkeypatch.setattr(folders.shutil, "which", lambda name: None)  # a bare Linux: no opener at all
    assert not folders.can_open_folders() and not folders.open_folder(tmp_path)
