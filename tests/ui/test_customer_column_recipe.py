"""docs/ARCHITECTURE.md's recipe "Add a column to the customer table", step by step, for the column it
names as its example ("Chance they still buy from you", p_alive)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RECIPE = Path(__file__).resolve().parents[2] / "docs" / "ARCHITECTURE.md"


def test_the_recipe_names_this_test_and_its_example():
    text = RECIPE.read_text("utf-8")
    section = text[text.index("### Add a column to the customer table"):]
    assert "`p_alive`" in section and Path(__file__).name in section


def test_each_step_of_the_recipe_brings_p_alive_into_the_customers_table(demo_session, demo_view, qtbot):
    from desktop.jobs.predictions import CUSTOMER_COLUMNS
    from desktop.session import Status
    from desktop.ui.views.customer_panel import prediction_fields
    from desktop.ui.views.customers import CustomersView

    adapter = demo_session
    session = adapter.session
    view = demo_view(CustomersView)
    if not session.predictions.ready:
        with qtbot.waitSignal(adapter.predictionsChanged, timeout=90000,
                              check_params_cb=lambda slot: slot.status is Status.READY):
            pass
    # 1. the value, per customer, in the job's per-customer frame
    assert "p_alive" in CUSTOMER_COLUMNS
    prepared = session.predictions.value
    assert "p_alive" in prepared.columns.columns
    # 2. onto the customers' rows, in the session (the analysis itself is not changed)
    rows = session.customers()
    assert "p_alive" in rows.columns and "p_alive" not in session.data.customers.columns
    # 3. into the table: a field with its heading and kind, shown once predictions are ready
    assert ("p_alive", "Chance they still buy from you", "percent") in prediction_fields()
    qtbot.waitUntil(lambda: "p_alive" in [c.key for c in view.model.columns], timeout=10000)
    column = view.model.column_of("p_alive")
    table = session.prediction_table()
    customer = str((table["p_alive"].astype(float) - 0.5).abs().idxmin())  # a middling chance
    row = view.model.row_of_key(customer)
    shown = view.model.index(row, column).data()
    assert re.fullmatch(r"\d+(\.\d)?%", shown)
    assert float(shown.rstrip("%")) == pytest.approx(float(table.at[customer, "p_alive"]) * 100, abs=0.051)
