"""Every workbook and CSV Clientele writes, fed hostile text: no formula, no injected XML, the text
reads back as written (issue 14, items 2 and 18)."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from desktop.engine.campaigns import (
    CampaignRecord,
    campaign_results,
    write_campaign_results,
)
from desktop.engine.export import ExportOptions, csv_cell, new_workbook, write_table, write_text_cell
from desktop.engine.marketing import export_marketing_list

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hostile_cells import BAIT, HOSTILE, assert_safe_workbook, column, texts, written

REPO = Path(__file__).resolve().parents[2]

def hostile_customers() -> tuple[pd.DataFrame, pd.DataFrame]:
    n = len(HOSTILE)
    ids = [f"{i:04d}" for i in range(n)]
    customers = pd.DataFrame({
        "customer_name": HOSTILE,
        "phone": HOSTILE[::-1],
        "city": HOSTILE,
        "segment": ["hostile"] * n,
        "segment_name": [BAIT] * n,
        "monetary": [10.0 + i for i in range(n)],
        "frequency": [1] * n,
        "favourite_product": HOSTILE[::-1],
        "suggested_products": [[h, BAIT] for h in HOSTILE],
    }, index=pd.Index(ids, name="customer_id"))
    summary = pd.DataFrame([{"key": "hostile", "name": BAIT, "name_zh": BAIT, "customers": n,
                             "action": '=HYPERLINK("http://x","y")', "action_zh": BAIT}])
    return customers, summary


def test_marketing_list_workbook_and_its_summary_take_hostile_text_as_text(tmp_path):
    customers, summary = hostile_customers()
    options = ExportOptions(offer=BAIT, source_note="@SUM(1)", campaign_name=BAIT,
                            sheet_per_segment=True)
    result = export_marketing_list(customers, summary, tmp_path / "list.xlsx", options,
                                   [tmp_path / "=1+1 <r>x.csv"])
    assert_safe_workbook(result.path)
    found = texts(result.path)
    for value in HOSTILE:
        assert written(value) in found
    assert BAIT in found and "=1+1 <r>x.csv" in found  # segment name, offer and source file name
    # biggest spenders first: the last customer first
    assert column(result.path, "Customers", "Name") == [written(v) for v in HOSTILE[::-1]]
    # openpyxl, the other common reader, sees text cells, with the quote prefix where Excel
    # would otherwise take the text for a formula.
    sheet = openpyxl.load_workbook(result.path)["Customers"]
    for cell in sheet["B"][1:]:
        assert cell.data_type == "s"
        assert cell.quotePrefix == (cell.value[:1] in ("=", "+", "-", "@", "\t", "\n"))


def test_csv_list_escapes_every_formula_start_and_keeps_the_rest(tmp_path):
    customers, summary = hostile_customers()
    result = export_marketing_list(customers, summary, tmp_path / "list.csv", ExportOptions())
    with open(result.path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    names = [r[rows[0].index("Name")] for r in rows[1:]]
    assert names == [csv_cell(v) for v in HOSTILE[::-1]]
    for cell in names:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_table_writer_for_suggestions_and_other_tables(tmp_path):
    table = pd.DataFrame({"customer_id": ["C1"] * len(HOSTILE), "rank": range(1, len(HOSTILE) + 1),
                          "product_id": HOSTILE, "product_name": HOSTILE[::-1],
                          "score": [0.5] * len(HOSTILE), "big_id": [12345678901234567] * len(HOSTILE)})
    path = write_table(table, tmp_path / "top.xlsx", sheet=BAIT)
    assert_safe_workbook(path)
    assert column(path, 0, "product_id") == [written(v) for v in HOSTILE]
    assert column(path, 0, "product_name") == [written(v) for v in HOSTILE[::-1]]
    assert column(path, 0, "rank") == list(range(1, len(HOSTILE) + 1))
    assert set(column(path, 0, "big_id")) == {"12345678901234567"}  # every digit, as text

    path = write_table(table, tmp_path / "top.csv")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(table.columns)
    assert [r[2] for r in rows[1:]] == [csv_cell(v) for v in HOSTILE]


def test_campaign_results_workbook(tmp_path):
    record = CampaignRecord.new(["a", "b"], ["c", "d"], offer=BAIT, name="@SUM(1)",
                                created=pd.Timestamp("2024-07-01").to_pydatetime())
    record.campaign_id = '=HYPERLINK("http://x","y")'
    lines = pd.DataFrame({"customer_id": ["a", "c"], "date": pd.to_datetime(["2024-07-02"] * 2),
                          "amount": [5.0, 3.0]})
    result = campaign_results(record, lines)
    path = write_campaign_results(result, tmp_path / "results.xlsx", record=record)
    assert_safe_workbook(path)
    assert {BAIT, record.campaign_id} <= texts(path)


def test_the_workbook_refuses_formulas_and_routes_every_string_as_text(tmp_path):
    workbook = new_workbook(tmp_path / "direct.xlsx")
    ws = workbook.add_worksheet()
    ws.write(0, 0, BAIT)
    ws.write_string(1, 0, "<r>y</r>")
    write_text_cell(ws, 2, 0, "=1+1")
    for call in (lambda: ws.write_formula(3, 0, "=1+1"), lambda: ws.write_url(3, 0, "http://x"),
                 lambda: ws.write_rich_string(3, 0, "a", "b", "c")):
        with pytest.raises(TypeError):
            call()
    workbook.close()
    assert_safe_workbook(tmp_path / "direct.xlsx")
    assert texts(tmp_path / "direct.xlsx") == {BAIT, "<r>y</r>", "=1+1"}


def test_no_other_spreadsheet_writer_in_the_app():
    """One writer: every workbook comes from export.new_workbook, every CSV cell from csv_cell."""
    pattern = re.compile(r"xlsxwriter\.Workbook\(|Workbook\(\)|\.to_excel\(|\.to_csv\(|"
                         r"write_string\(|write_rich_string\(|openpyxl\.Workbook|"
                         r"csv\.writer\(")
    offenders = []
    for path in (REPO / "desktop").rglob("*.py"):
        if path.parent == REPO / "desktop" / "engine" / "export":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_big_lists_streamed_to_disk_take_hostile_text_as_text_too(tmp_path, monkeypatch):
    # Above CONSTANT_MEMORY_ROWS the workbook streams its rows (XlsxWriter's constant_memory
    # mode, which has its own inline-string writer): the same cells must come out.
    from desktop.engine import export

    monkeypatch.setattr(export.labels, "CONSTANT_MEMORY_ROWS", 2)
    customers, summary = hostile_customers()
    result = export_marketing_list(customers, summary, tmp_path / "big.xlsx", ExportOptions(offer=BAIT))
    assert_safe_workbook(result.path)
    assert column(result.path, "Customers", "Name") == [written(v) for v in HOSTILE[::-1]]
    table = pd.DataFrame({"product_id": HOSTILE, "n": range(len(HOSTILE))})
    path = write_table(table, tmp_path / "big_table.xlsx")
    assert_safe_workbook(path)
    assert column(path, 0, "product_id") == [written(v) for v in HOSTILE]
