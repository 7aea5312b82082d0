"""The app end to end, offscreen: demo shop, segments, customer panel, export, import dialog,
errors. Tests that leave the window as they found it share one analysed window (`shared_demo`);
tests that change filters, settings or selections get their own (`demo_window`)."""

import os
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt


@pytest.fixture(scope="module")
def shared_demo(qapp, tmp_path_factory):
    """One main window with the demo shop analysed, for the tests of this module that only look."""
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    folder = tmp_path_factory.mktemp("shared_demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLIENTELE_SETTINGS", str(folder / "settings.ini"))
        patch.setenv("CLIENTELE_LOG_DIR", os.environ.get("CLIENTELE_TEST_LOG_DIR") or str(folder / "logs"))
        install_language("en")
        settings = Settings(folder / "settings.ini")
        settings.currency = "$"
        w = MainWindow(settings)
        w.show()
        ready = []
        w.analysisReady.connect(ready.append)
        w.open_demo()
        deadline = time.monotonic() + 120
        while not ready and time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.005)
        assert ready, "the demo shop was not analysed within two minutes"
        yield w
        w.runner.cancel()
        assert w.runner.wait(10000)
        w.close()


def test_demo_shop_opens_with_its_banner_and_fills_every_view(shared_demo):
    w = shared_demo
    assert all(view.data is w.data for view in w.views.values())  # every slice ran before Ready
    assert w.demo_banner.isVisible()
    assert "sample shop" in w.demo_banner.text()
    n = len(w.data.customers)
    assert n > 0
    assert w.views["overview"].cards["customers"].value.text() == f"{n:,}"
    assert len(w.views["overview"].segment_cards) == len(w.data.segments)
    assert w.views["customers"].proxy.rowCount() == n
    assert int(w.data.rf_grid.sum()) == n
    assert w.views["map"].xy.shape == (n, 2)


def test_selecting_a_segment_lists_exactly_its_members(shared_demo, qtbot):
    w = shared_demo
    view = w.views["segments"]
    key = "at_risk" if "at_risk" in set(w.data.segments["key"]) else str(w.data.segments["key"].iloc[0])
    w.show_segment(key)
    expected = set(w.data.customers.index[w.data.customers["segment"] == key])
    assert set(view.member_keys()) == expected
    assert view.export_button.isEnabled()
    assert w.stack.currentWidget().widget() is view


def test_opening_a_customer_shows_profile_reason_and_history(shared_demo):
    w = shared_demo
    c = w.data.customers
    cid = str(c["frequency"].idxmax())
    w.open_customer(cid)
    panel = w.customer_panel
    assert w.customer_dock.isVisible()
    assert panel.customer_id == cid
    assert f"bought {int(c.loc[cid, 'frequency'])} times" in panel.reason.text()
    assert panel.history_model.rowCount() == len(w.data.line_rows[cid])
    assert not panel.predictions_box.isVisible()  # no predictions in this analysis: nothing faked


def test_double_click_in_customers_table_opens_that_customer(demo_window, qtbot):
    w = demo_window
    view = w.views["customers"]
    view.search.setText(str(w.data.customers.index[5]))
    view.apply_filter()
    assert view.proxy.rowCount() >= 1
    index = view.proxy.index(0, 0)
    view.table.doubleClicked.emit(index)
    assert w.customer_panel.customer_id == view.proxy.key(0)


def test_customer_filters_combine(demo_window):
    view = demo_window.views["customers"]
    c = demo_window.data.customers
    view.min_spend.setValue(1000)
    view.max_recency.setValue(90)
    view.apply_filter()
    expected = int(((c["monetary"] >= 1000) & (c["recency_days"] <= 90)).sum())
    assert view.proxy.rowCount() == expected
    assert f"Showing {expected:,} of" in view.count.text()


def test_export_a_segment_writes_the_marketing_list(shared_demo, qtbot, tmp_path):
    from openpyxl import load_workbook

    w = shared_demo
    key = str(w.data.segments["key"].iloc[0])
    dialog = w.open_export(None)
    for i in range(dialog.groups.count()):
        item = dialog.groups.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == key
                           else Qt.CheckState.Unchecked)
    target = tmp_path / "list.xlsx"
    dialog.path.setText(str(target))
    dialog.open_folder.setChecked(False)
    with qtbot.waitSignal(w.exportFinished, timeout=60000) as blocker:
        dialog.accept()
    result = blocker.args[0]
    assert target.exists()
    expected = int((w.data.customers["segment"] == key).sum())
    assert result.rows == expected
    ws = load_workbook(target, read_only=True)["Customers"]
    ids = [str(row[0]) for row in ws.iter_rows(min_row=2, values_only=True) if row[0] is not None]
    assert set(ids) == set(w.data.customers.index[w.data.customers["segment"] == key])


def test_export_the_map_selection(demo_window, qtbot, tmp_path):
    from PySide6.QtCore import QRectF

    w = demo_window
    view = w.views["map"]
    xy = view.xy
    x0, x1 = np.percentile(xy[:, 0], [60, 100])
    y0, y1 = np.percentile(xy[:, 1], [0, 100])
    n = view.select_rect(QRectF(x0, y0, x1 - x0, y1 - y0))
    assert n > 0 and len(view.selected_keys()) == n
    with qtbot.waitSignal(view.exportRequested) as blocker:
        view.export_button.click()
    dialog = w.dialog
    assert dialog.by_selection.isChecked()
    dialog.path.setText(str(tmp_path / "selected.csv"))
    dialog.open_folder.setChecked(False)
    with qtbot.waitSignal(w.exportFinished, timeout=60000) as blocker:
        dialog.accept()
    assert blocker.args[0].rows == n
    assert (tmp_path / "selected.csv").exists()


def test_map_hover_finds_the_nearest_customer(shared_demo):
    from PySide6.QtCore import QPointF

    demo_window = shared_demo
    view = demo_window.views["map"]
    view.plot.resize(800, 600)
    i = 7
    assert view.nearest(QPointF(*view.xy[i])) in (i, *np.flatnonzero(np.all(view.xy == view.xy[i], axis=1)))
    text = view.describe(i)
    assert str(demo_window.data.customers.iloc[i]["segment_label"]) in text


def test_bad_file_shows_a_message_and_the_window_stays_usable(window, qtbot, tmp_path):
    bad = tmp_path / "notes.csv"
    bad.write_text("hello\nthis is not a sales file\n", encoding="utf-8")
    with qtbot.waitSignal(window.analysisFailed, timeout=30000) as blocker:
        window.load(window._request(str(bad), None, {}, None))
    assert window.error_banner.isVisible()
    assert blocker.args[0] == window.error_banner.text() and len(blocker.args[0]) > 10
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_demo()
    assert not window.error_banner.isVisible()


def test_import_dialog_previews_roles_and_remembers_the_choice(window, qtbot, tmp_path):
    sales = tmp_path / "till.csv"
    sales.write_text(
        "Receipt,Day,Member,Total,Note\n"
        + "".join(f"R{i},2024-0{1 + i % 9}-1{i % 9},M{i % 7},{10 + i}.50,x\n" for i in range(60)),
        encoding="utf-8")
    dialog = window.open_file(str(sales))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.rows_model.rowCount() > 0
    assert dialog.role_boxes["amount"].currentData() == "Total"
    # the user says the customer is in "Member" (whatever was guessed)
    dialog.set_role("customer_id", "Member")
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        dialog.accept()
    assert len(window.data.customers) == 7
    remembered = window.settings.recent_for(str(sales))
    assert remembered is not None
    report = window.dialog  # the import report opens after loading
    assert "Read 60 rows" in report.summary.text()
    report.reject()
    # Open Recent loads again with the same choices and no dialog
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.open_recent(remembered)
    assert len(window.data.customers) == 7


def test_import_dialog_combines_sheets_with_the_same_columns(window, qtbot, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for year, n in (("Year 2023", 30), ("Year 2024", 40)):
        ws = wb.create_sheet(year)
        ws.append(["Invoice", "InvoiceDate", "Customer ID", "Description", "Quantity", "Price"])
        for i in range(n):
            ws.append([f"{year[-2:]}{i}", f"{year[-4:]}-0{1 + i % 9}-1{i % 9} 10:00", f"C{i % 9}", "MUG", 2, 3.5])
    path = tmp_path / "two_years.xlsx"
    wb.save(path)
    dialog = window.open_file(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.sheet.currentData() == "all"  # both years, as one table
    dialog.preview = None
    dialog.sheet.setCurrentIndex(dialog.sheet.findData("Year 2023"))
    dialog.sheet.activated.emit(dialog.sheet.currentIndex())
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=30000)
    assert dialog.preview.sheet == "Year 2023" and dialog.choice().sheet == "Year 2023"
    dialog.sheet.setCurrentIndex(dialog.sheet.findData("all"))
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        dialog.sheet.activated.emit(dialog.sheet.currentIndex())
        qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.sheet == "all", timeout=30000)
        dialog.accept()
    assert window.data.analysis.report.rows_used == 70
    window.dialog.reject()


def test_cancel_button_cancels_the_analysis(window, qtbot):
    with qtbot.waitSignal(window.runner.busyChanged, check_params_cb=lambda b: not b, timeout=60000):
        window.open_demo()
        assert window.cancel_button.isVisible()
        window.cancel_button.click()  # at once: reading and analysing the demo takes far longer than this
    assert window.data is None
    assert window.status.text() == "Cancelled."
    assert not window.cancel_button.isVisible()


def test_settings_dialog_changes_the_model_and_reanalyses(demo_window, qtbot):
    w = demo_window
    dialog = w.open_settings()
    dialog.model.setCurrentIndex(dialog.model.findData(8))
    with qtbot.waitSignal(w.analysisReady, timeout=60000):
        dialog.accept()
    assert set(w.data.segments["key"]) <= {"important_value", "important_develop", "important_keep",
                                           "important_retain", "general_value", "general_develop",
                                           "general_keep", "general_retain"}
    assert w.settings.rfm_model("en") == 8


def test_map_draws_each_customer_in_the_colour_of_their_group(shared_demo):
    from PySide6.QtCore import QPointF

    from desktop.ui.palette import segment_colours

    w = shared_demo
    w.nav.setCurrentRow(list(w.views).index("map"))
    view = w.views["map"]
    image = view.plot.grab().toImage()
    colours = segment_colours([str(k) for k in w.data.segments["key"]])
    segment = w.data.customers["segment"].astype(str).to_numpy()
    # customers standing alone (no other dot within 12 px) must show their own group's colour
    px = view.viewbox.viewPixelSize()
    scaled = view.xy / np.array([px[0], px[1]])
    checked = 0
    for i in range(0, len(scaled), max(1, len(scaled) // 400)):
        d2 = ((scaled - scaled[i]) ** 2).sum(axis=1)
        d2[i] = np.inf
        if d2.min() < 12 ** 2:
            continue
        at = view.plot.mapFromScene(view.viewbox.mapViewToScene(QPointF(*view.xy[i])))
        if not view.plot.rect().contains(at):
            continue
        assert image.pixelColor(at.x(), at.y()).name() == colours[segment[i]].name()
        checked += 1
    assert checked >= 10


def test_a_big_input_goes_to_a_child_process_and_gives_the_same_analysis(window, qtbot, tmp_path):
    import pandas as pd

    sales = tmp_path / "till.csv"
    sales.write_text("Receipt,Day,Member,Total\n" + "".join(
        f"R{i},2024-{1 + i % 12:02d}-{1 + i % 27:02d},M{i % 37},{5 + i % 50}.25\n" for i in range(3000)),
        encoding="utf-8")
    request = window._request(str(sales), None, {}, None)
    window.process_min_bytes = sales.stat().st_size + 1
    assert not window.analyse_in_process(request)
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(request)
    in_thread = window.data
    thread_customers = in_thread.customers.copy()  # views add predictions to it in the background
    window.process_min_bytes = sales.stat().st_size
    assert window.analyse_in_process(request)
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(request)
    in_child = window.data
    child_customers = in_child.customers.copy()
    assert in_child is not in_thread
    common = [c for c in thread_customers.columns if c in child_customers.columns]
    assert "segment" in common and "monetary" in common
    pd.testing.assert_frame_equal(child_customers[common], thread_customers[common])
    pd.testing.assert_frame_equal(in_child.lines, in_thread.lines)
    assert all(np.array_equal(in_child.line_rows[k], in_thread.line_rows[k]) for k in in_thread.line_rows)
    assert all(view.data is in_child for view in window.views.values())


def _load_rows(window, qtbot, path, header: str, rows) -> None:
    """Write a small till export (`header` and one line per row) and analyse it in `window`."""
    from desktop.jobs.analysis import LoadRequest

    path.write_text(header + "\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    with qtbot.waitSignal(window.analysisReady, timeout=60000):
        window.load(LoadRequest([str(path)]))


def test_a_file_without_products_says_so_in_the_products_view(window, qtbot, tmp_path):
    _load_rows(window, qtbot, tmp_path / "receipts.csv", "Member,Date,Total",
               (f"M{i % 11},2024-{1 + i % 12:02d}-{1 + i % 27:02d},{20 + i % 13}.00" for i in range(120)))
    products = window.views["products"]
    qtbot.waitUntil(lambda: "no product column" in products.status.text(), timeout=60000)
    assert len(window.data.customers) == 11  # the rest of the app works as usual


def test_without_a_name_column_every_customer_table_shows_the_customer_id(window, qtbot, tmp_path):
    _load_rows(window, qtbot, tmp_path / "members.csv", "Member,Date,Item,Total",
               (f"M{i % 13:03d},2024-{1 + i % 12:02d}-{1 + i % 27:02d},Tea {i % 5},{20 + i % 13}.00"
                for i in range(200)))

    def ids_shown(model) -> list[str]:
        heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert "Customer ID" in heads, heads
        col = heads.index("Customer ID")
        return [model.index(r, col).data() for r in range(model.rowCount())]

    customers = window.views["customers"]
    assert sorted(ids_shown(customers.model)) == sorted(window.data.customers.index.astype(str))
    segments = window.views["segments"]
    key = str(window.data.customers["segment"].value_counts().index[0])  # the biggest group
    qtbot.waitUntil(lambda: segments.model.row_of_key(key) >= 0, timeout=10000)  # the view is filled in turns
    window.show_segment(key)
    qtbot.waitUntil(lambda: segments.members_proxy.rowCount() > 0, timeout=10000)
    members = window.data.customers.index[window.data.customers["segment"] == key].astype(str)
    assert sorted(ids_shown(segments.members_proxy)) == sorted(members)
    predictions = window.views["predictions"]
    window.nav.setCurrentRow(list(window.views).index("predictions"))
    qtbot.waitUntil(lambda: predictions.result is not None, timeout=120000)
    assert set(ids_shown(predictions.churn_model)) <= set(window.data.customers.index.astype(str))


def test_opening_another_file_resets_what_belonged_to_the_last_one(demo_window, qtbot, tmp_path):
    from desktop.engine.campaigns import CampaignRecord

    w = demo_window
    # A campaign of the demo shop, known to the window.
    demo_ids = [str(i) for i in w.data.customers.index[:40]]
    w.project.add_campaign(CampaignRecord.new(demo_ids[:30], demo_ids[30:], name="Demo spring letters"))
    campaigns = w.views["campaigns"]
    assert any(r.name == "Demo spring letters" for r in campaigns.records)
    # Background work over: the status says what lasts, not the last step of that work.
    qtbot.waitUntil(lambda: not w.runner.is_busy(), timeout=120000)
    assert w.status.text() == "800 customers analysed"
    w.nav.setCurrentRow(list(w.views).index("campaigns"))

    _load_rows(w, qtbot, tmp_path / "another shop.csv", "Member,Date,Item,Total",
               (f"Z{i % 17:03d},2011-{1 + i % 12:02d}-{1 + i % 27:02d},Soap {i % 4},{5 + i % 9}.50"
                for i in range(300)))
    assert w.nav.currentRow() == 0  # the new file opens on its overview
    assert not any(r.name == "Demo spring letters" for r in campaigns.records)
    assert "other files are not shown" in campaigns.empty.text()
    start, end = campaigns.start.date().toPython(), campaigns.end.date().toPython()
    assert start <= end and end.year == 2011
    movement = w.views["migration"]
    then, now = movement.then_edit.date().toPython(), movement.now_edit.date().toPython()
    assert then < now and now.year == 2011 and then.year >= 2011
