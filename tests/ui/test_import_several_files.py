"""The import dialog with several files: it says how they were combined, shows the warnings, and a
role in doubt says why beside the role; File › Open of several files loads them as one."""

from __future__ import annotations

from pathlib import Path

import pytest


def _write(path: Path, rows: list[list]) -> Path:
    path.write_text("\n".join(",".join(str(v) for v in r) for r in rows) + "\n", encoding="utf-8")
    return path


def relational_shop(folder: Path) -> list[Path]:
    lines = _write(folder / "lines.csv", [["order_ref", "sku", "price"]]
                   + [[f"R{n}", f"S{n % 4}", 10 + n] for n in range(1, 13)])
    orders = _write(folder / "orders.csv", [["order_ref", "client_no", "placed", "status"]]
                    + [[f"R{n}", f"K{n % 3}", f"2024-06-{n:02d}", "paid"] for n in range(1, 13)])
    clients = _write(folder / "clients.csv", [["client_no", "name", "email"], ["K0", "Ann", "ann@x.org"],
                                              ["K1", "Bo", "bo@x.org"], ["K2", "Cy", "cy@x.org"]])
    return [lines, orders, clients]


def monthly(folder: Path) -> list[Path]:
    header = ["Invoice", "Customer", "Date", "Product", "Qty", "Price"]
    return [_write(folder / "may.csv", [header] + [[f"{n}", f"C{n % 4}", f"2024-05-{n:02d}", "Tea", 1, 5.0]
                                                   for n in range(1, 31)]),
            _write(folder / "june.csv", [header] + [[f"{n}", f"C{n % 4}", f"2024-05-{n:02d}", "Tea", 1, 5.0]
                                                    for n in range(28, 31)]
                   + [[f"J{n}", f"C{n % 5}", f"2024-06-{n:02d}", "Cake", 2, 8.0] for n in range(1, 20)])]


def test_import_dialog_says_how_several_files_were_joined(window, qtbot, tmp_path):
    dialog = window.open_file([str(p) for p in relational_shop(tmp_path)])
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.windowTitle() == "Open 3 files"
    assert dialog.combined.isVisible()
    text = dialog.combined.text()
    assert "joined on the ids they share" in text
    assert "lines.csv: the lines were joined to their orders in orders.csv" in text
    assert "joined to the customer list clients.csv" in text
    assert dialog.role_boxes["customer_id"].currentData() == "client_no"
    assert dialog.role_boxes["date"].currentData() == "placed"
    assert dialog.role_boxes["customer_name"].currentData() == "name"
    choice = dialog.choice()
    assert [choice.path, *choice.extra_paths] == [str(p) for p in relational_shop(tmp_path)]
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        dialog.accept()
    assert len(window.data.customers) == 3
    remembered = window.settings.recent_for(choice.path)
    assert remembered is not None and len(remembered.extra_paths) == 2
    window.dialog.reject()  # the import report


def test_import_dialog_shows_the_overlap_warning_and_a_role_in_doubt(window, qtbot, tmp_path):
    from desktop.texts import message

    folder = tmp_path / "exports"
    folder.mkdir()
    monthly(folder)
    dialog = window.open_file(str(folder))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    text = dialog.combined.text()
    assert "2 files with the same columns" in text
    assert "⚠ may.csv: 3 lines were also in june.csv" in text
    # a role the engine doubts (a Message on the match) says why beside the role, before loading
    preview = dialog.preview
    preview.roles["date"].doubt = message("date_order_guessed_dmy", file="june.csv", column="Date")
    dialog.show_preview(preview)
    info = dialog.role_info["date"].text()
    assert info.startswith("⚠ ") and "june.csv, column 'Date'" in info and "day-first" in info
    assert "⚠" not in dialog.role_info["customer_id"].text()
    dialog.reject()


@pytest.fixture
def chinese(qapp):
    from desktop.ui.i18n import install_language

    assert install_language("zh_CN")
    yield
    install_language("en")


def test_import_dialog_words_the_combination_in_chinese(window, qtbot, tmp_path, chinese):
    from desktop.ui.dialogs.import_dialog import ImportDialog

    dialog = ImportDialog([str(p) for p in relational_shop(tmp_path)], window.runner, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    text = dialog.combined.text()
    assert "订单明细已与 orders.csv 中的订单关联" in text
    assert "客户已与客户名单 clients.csv 关联" in text
    assert "按共同的编号关联" in text
    dialog.reject()
