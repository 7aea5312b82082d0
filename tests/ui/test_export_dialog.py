"""The export dialog on the demo shop: groups, filters and selections choose the customers; the
message template (edited, remembered, warned about); control group, offer, cost, privacy, sheets
per group, CSV; predictions and suggestions as columns; locked and read-only targets."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from waiting import wait_signal


@pytest.fixture(scope="module")
def shop(qapp, demo_shop):
    """The demo shop's window, once the predictions and suggestions that arrive in the background
    after the analysis have landed, so that a test that puts its own predictions on the data is not
    overwritten halfway."""
    import time

    deadline = time.monotonic() + 120
    while demo_shop.runner.is_busy() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.02)
    for _ in range(50):  # results are shown in short steps after the tasks end
        qapp.processEvents()
        time.sleep(0.01)
    return demo_shop


def _only_group(dialog, key: str) -> None:
    for i in range(dialog.groups.count()):
        item = dialog.groups.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == key
                           else Qt.CheckState.Unchecked)


def _export(window, dialog) -> object:
    dialog.open_folder.setChecked(False)
    dialog.accept()
    _, args = wait_signal(window.exportFinished, window.exportFailed)
    return args[0]


def test_groups_and_filters_choose_the_customers(shop):
    c = shop.data.customers
    key = str(c["segment"].value_counts().index[0])
    dialog = shop.open_export(None)
    _only_group(dialog, key)
    assert not dialog.filter_active()
    assert dialog.request().segments == [key] and dialog.request().customer_ids is None
    dialog.min_spend.setValue(200)
    dialog.away_for.setValue(30)
    expected = c.index[(c["segment"] == key) & (c["monetary"] >= 200) & (c["recency_days"] >= 30)]
    assert set(dialog.chosen_ids()) == set(expected)
    request = dialog.request()
    assert request.segments is None and set(request.customer_ids) == set(expected)
    assert len(expected) > 1  # the demo's group with these filters: the plural sentence applies
    assert f"{len(expected):,} customers" in dialog.count.text()
    dialog.control.setChecked(True)
    held = round(len(expected) * 0.10)
    assert dialog.request().control_share == pytest.approx(0.10)
    if held:
        assert "control group" in dialog.count.text()
    dialog.reject()


def test_selection_with_a_filter_keeps_only_matching_selected_customers(shop):
    c = shop.data.customers
    chosen = list(c.index[:40])
    dialog = shop.open_export(chosen)
    assert dialog.by_selection.isChecked()
    assert set(dialog.chosen_ids()) == set(chosen)
    dialog.min_orders.setValue(2)
    assert set(dialog.chosen_ids()) == {i for i in chosen if c.loc[i, "frequency"] >= 2}
    dialog.reject()


def test_unknown_placeholder_is_warned_about_and_the_preview_fills_known_ones(shop):
    dialog = shop.open_export(None)
    key = dialog.template_group.itemData(0)
    first = shop.data.customers[shop.data.customers["segment"] == key].iloc[0]
    dialog.template.setPlainText("Dear {name}, see {prodcut}")
    assert not dialog.template_warning.isHidden()
    assert "{prodcut}" in dialog.template_warning.text()
    assert dialog.preview.text() == f"Dear {first['customer_name']}, see {{prodcut}}"
    dialog.template.setPlainText("Dear {name}, {days_since} days")
    assert dialog.template_warning.isHidden()
    assert dialog.preview.text() == f"Dear {first['customer_name']}, {int(first['recency_days'])} days"
    dialog.reset_template.click()
    from desktop.engine import messages

    assert dialog.template.toPlainText() == messages.template_for(key, "en")
    assert dialog.changed_templates() == {}
    dialog.reject()


def test_export_with_template_control_group_offer_privacy_and_sheets(shop, tmp_path):
    c = shop.data.customers
    counts = c["segment"].value_counts()
    keys = [str(k) for k in counts.index[:2]]
    dialog = shop.open_export(None)
    for i in range(dialog.groups.count()):
        item = dialog.groups.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                           else Qt.CheckState.Unchecked)
    dialog.template_group.setCurrentIndex(dialog.template_group.findData(keys[0]))
    dialog.template.setPlainText("Hello {name}! Come back for {product}.")
    dialog.control.setChecked(True)
    dialog.control_share.setValue(20)
    dialog.offer.setText("=10% off")  # formula-like text must stay text
    dialog.cost.setValue(1.5)
    dialog.campaign_name.setText("Spring week")
    dialog.pseudonymise.setChecked(True)
    dialog.mask_contacts.setChecked(True)
    dialog.sheet_per_segment.setChecked(True)
    target = tmp_path / "spring.xlsx"
    dialog.path.setText(str(target))
    result = _export(shop, dialog)
    assert not isinstance(result, str), result
    chosen = set(c.index[c["segment"].isin(keys)])
    assert result.rows + result.control == len(chosen)
    assert set(result.record.control) | set(result.record.contacted) == chosen
    assert result.record.offer == "=10% off" and result.record.cost_per_contact == 1.5
    assert result.record.name == "Spring week" and result.record.pseudonymised

    book = openpyxl.load_workbook(target, read_only=True)
    assert len(book.sheetnames) == 2 + len(keys)  # summary, the list, one sheet per group
    rows = list(book["Customers"].iter_rows(values_only=True))
    head, body = rows[0], rows[1:]
    assert len(body) == result.rows
    ids = [r[head.index("Customer ID")] for r in body]
    assert all(i.startswith("C-") for i in ids) and not set(ids) & chosen
    phones = [r[head.index("Phone")] for r in body if r[head.index("Phone")]]
    assert phones and all("*" in p for p in phones)
    first_name = shop.data.segments.set_index("key").loc[keys[0], "name"]
    first_group = [r for r in body if r[head.index("Segment")] == first_name]
    assert first_group and all(r[head.index("Message")].startswith("Hello ") and "{" not in r[head.index("Message")]
                               for r in first_group)
    record = json.loads(target.with_name("spring.campaign.json").read_text(encoding="utf-8"))
    assert record["offer"] == "=10% off" and len(record["control"]) == result.control
    # the edited template is remembered for the next export
    assert shop.settings.message_templates("en") == {keys[0]: "Hello {name}! Come back for {product}."}
    again = shop.open_export(None)
    again.template_group.setCurrentIndex(again.template_group.findData(keys[0]))
    assert again.template.toPlainText() == "Hello {name}! Come back for {product}."
    again.reject()
    shop.settings.set_message_templates("en", {})


def test_csv_of_a_selection_with_predictions_and_suggested_products(shop, tmp_path):
    import copy
    from dataclasses import replace

    from desktop.jobs.predictions import customer_context, prepare_predictions
    from desktop.ui.views.panel_sections import band_names

    # known figures in the session's slots (where the export reads them), in place of the real ones
    data, session = shop.data, shop.session
    ids = list(data.customers.index)
    rng = np.random.default_rng(1)
    saved = (session.predictions.value, session.suggestions.value)
    table = saved[0].table.reindex(pd.Index(ids, name="customer_id"))
    table["p_alive"] = rng.random(len(ids)).round(3)
    table["churn_band"] = rng.choice(["low", "medium", "high"], len(ids))
    table["predicted_spend_12m"] = rng.gamma(2, 50, len(ids)).round(2)
    result = copy.copy(saved[0].result)
    result.table = table
    session.put(session.predictions, prepare_predictions(result, customer_context(data.customers), band_names()))
    suggestions = pd.DataFrame({"customer_id": np.repeat(ids, 2), "rank": np.tile([1, 2], len(ids)),
                                "product_name": np.tile(["Longjing", "Teapot"], len(ids))})
    session.put(session.suggestions, replace(saved[1], suggestions=suggestions, by_customer=None))
    try:
        chosen = ids[:25]
        dialog = shop.open_export(chosen)
        offered = [dialog.columns.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.columns.count())]
        assert {"p_alive", "churn_band", "predicted_spend_12m", "suggested_products"} <= set(offered)
        for i in range(dialog.columns.count()):
            item = dialog.columns.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ("churn_band", "predicted_spend_12m"):
                item.setCheckState(Qt.CheckState.Checked)
        dialog.file_format.setCurrentIndex(dialog.file_format.findData(".csv"))
        assert dialog.path.text().endswith(".csv") and not dialog.sheet_per_segment.isEnabled()
        dialog.path.setText(str(tmp_path / "picked.csv"))
        result = _export(shop, dialog)
        assert not isinstance(result, str), result
        back = pd.read_csv(tmp_path / "picked.csv", dtype=str, encoding="utf-8-sig")
        assert set(back["Customer ID"]) == set(chosen)
        assert set(back["Suggested products"]) == {"Longjing, Teapot"}
        assert set(back["No purchase in 90 days: how likely"]) <= {"Low", "Medium", "High"}
        expected = table.loc[back["Customer ID"], "predicted_spend_12m"].to_numpy()
        assert np.allclose(back["Expected spend next year"].astype(float).to_numpy(), expected)
        assert all("Longjing" in m or "{" not in m for m in back["Message"])
    finally:
        session.put(session.predictions, saved[0])
        session.put(session.suggestions, saved[1])


@pytest.mark.parametrize("how", ["lock file", "read-only"])
def test_a_locked_or_read_only_target_gives_the_engine_message_and_keeps_the_old_file(shop, tmp_path, how):
    target = tmp_path / "list.xlsx"
    target.write_bytes(b"the old list")
    if how == "lock file":
        (tmp_path / "~$list.xlsx").write_bytes(b"lock")
    else:
        os.chmod(target, stat.S_IREAD)
    dialog = shop.open_export(None)
    dialog.path.setText(str(target))
    message = _export(shop, dialog)
    assert isinstance(message, str)
    assert "list.xlsx" in message and "\n" not in message
    assert shop.error_banner.isVisible() and shop.error_banner.text() == message
    assert target.read_bytes() == b"the old list"
    assert not list(tmp_path.glob(".~clientele-*"))  # no temporary file left behind
    os.chmod(target, stat.S_IREAD | stat.S_IWRITE)


def test_the_error_log_holds_no_names_phones_or_emails(shop, tmp_path):
    from desktop.ui.crash import log_dir

    c = shop.data.customers
    # an export that fails in the engine and one that works: neither writes customers to the log
    dialog = shop.open_export(list(c.index[:10]))
    dialog.path.setText(str(tmp_path / "no-such-folder" / "x.xlsx"))
    assert isinstance(_export(shop, dialog), str)
    dialog = shop.open_export(list(c.index[:10]))
    dialog.path.setText(str(tmp_path / "ok.xlsx"))
    assert not isinstance(_export(shop, dialog), str)
    logs = Path(os.environ["CLIENTELE_LOG_DIR"])
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in logs.rglob("*") if p.is_file()) \
        if logs.exists() else ""
    assert log_dir() == logs
    for column in ("customer_name", "phone", "email"):
        for value in c[column].dropna().astype(str).head(10):
            assert value not in text


def test_safe_defaults_nobody_chosen_unique_name_and_replacing_said(shop, tmp_path):
    from desktop.ui.dialogs.export_dialog import default_export_path

    # A second list on one day gets its own name: the first and its campaign record are never replaced.
    first = default_export_path(tmp_path)
    first.write_bytes(b"list")
    second = default_export_path(tmp_path)
    assert second != first and second.name.endswith("-2.xlsx")
    (tmp_path / (second.stem + ".campaign.json")).write_text("{}", encoding="utf-8")
    assert default_export_path(tmp_path).name.endswith("-3.xlsx")

    dialog = shop.open_export(None)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.chosen_segments() == [] and not ok.isEnabled()  # nobody is contacted by default
    dialog.groups.item(0).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    # The preview is the exact message of the first customer of the list, from their own group's template.
    from desktop.engine import messages

    chosen = dialog.chosen_ids()
    row = shop.data.customers.loc[chosen[0]]
    expected = messages.render(messages.template_for(str(row["segment"]), dialog.language, dialog.templates),
                               {"name": row["customer_name"], "segment": row["segment_label"],
                                "product": row["favourite_product"], "days_since": row["recency_days"]},
                               dialog.language)
    assert dialog.preview.text() == expected
    assert str(row["customer_name"]) in dialog.preview_caption.text()
    # Naming a file that exists asks before replacing it.
    dialog.path.setText(str(first))
    assert dialog.replace.isVisible() and first.name in dialog.replace.text()
    assert not ok.isEnabled()
    dialog.replace.setChecked(True)
    assert ok.isEnabled()
    dialog.path.setText(str(tmp_path / "new name.xlsx"))
    assert not dialog.replace.isVisible() and ok.isEnabled()
    dialog.reject()


def test_have_not_bought_for_at_least_n_days_is_not_within_n_days_in_chinese(shop):
    """Issue 18, item 6: the filter "have not bought for at least 60 days" read "…60 天内" (within)."""
    from desktop.ui.i18n import install_language

    try:
        install_language("zh_CN")
        dialog = shop.open_export(None)
        assert dialog.away_for.suffix() == " 天" and dialog.bought_within.suffix() == " 天内"
        dialog.reject()
    finally:
        install_language("en")
