"""Issue 21 item 9: the customer list's sign-ups who never bought are a group of their own."""

import pandas as pd

from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.segments.prospects import PROSPECTS_KEY, find_prospects, with_prospects


def _shop(tmp_path):
    orders = tmp_path / "orders.csv"
    rows = [{"Order ID": f"A{i}", "Date": f"2025-0{1 + i % 9}-1{i % 9}", "Customer ID": f"C{i % 5}",
             "Product": "Tea", "Quantity": 1, "Amount": 10 + i} for i in range(20)]
    pd.DataFrame(rows).to_csv(orders, index=False)
    listed = tmp_path / "customers.csv"
    pd.DataFrame({"Customer ID": [f"C{i}" for i in range(8)],
                  "Name": [f"Person {i}" for i in range(8)],
                  "City": ["Leeds"] * 8}).to_csv(listed, index=False)
    return orders, listed


def test_analysis_keeps_the_list_sign_ups_without_purchases(tmp_path):
    orders, listed = _shop(tmp_path)
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=listed))
    assert sorted(analysis.prospects.index) == ["C5", "C6", "C7"]
    assert len(analysis.customers) == 5
    without = analyze(AnalysisOptions(paths=[orders]))
    assert without.prospects is None


def test_prospects_join_the_customer_table_and_summary(tmp_path):
    orders, listed = _shop(tmp_path)
    analysis = analyze(AnalysisOptions(paths=[orders], customers_file=listed))
    customers, summary = with_prospects(analysis.customers, analysis.segments, analysis.prospects)
    rows = customers[customers["segment"] == PROSPECTS_KEY]
    assert sorted(rows.index) == ["C5", "C6", "C7"]
    assert (rows["frequency"] == 0).all() and (rows["monetary"] == 0).all()
    assert rows["customer_name"].tolist() == ["Person 5", "Person 6", "Person 7"]
    row = summary[summary["key"] == PROSPECTS_KEY].iloc[0]
    assert row["customers"] == 3 and row["name"].startswith("Prospects")


def test_no_list_means_no_prospects():
    lines = pd.DataFrame({"customer_id": ["A"]})
    assert find_prospects(None, lines).empty
