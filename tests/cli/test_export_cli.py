"""`analyze --export` and `campaign` from the command line: the round trip a shop owner makes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


def clientele(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def test_export_then_campaign_results_show_the_known_effect(tmp_path: Path) -> None:
    orders = DEMO / "demo_orders.csv"
    before = orders.read_bytes()
    out = tmp_path / "list.xlsx"
    r = clientele("analyze", str(orders), "--customers", str(DEMO / "demo_customers.csv"), "--export", str(out),
                  "--control-share", "0.3", "--cost-per-contact", "2", "--json")
    assert r.returncode == 0, r.stderr
    export = json.loads(r.stdout)["export"]
    assert orders.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    assert len(wb.worksheets) >= 2  # summary and list
    record = json.loads(Path(export["campaign_record"]).read_text("utf-8"))
    contacted = [str(c) for c in record["contacted"]]
    control = [str(c) for c in record["control"]]
    assert export["rows"] == len(contacted) and export["control"] == len(control) > 0

    # Later sales generated with a known effect: 60% of contacted customers buy, 20% of the control group.
    rng = np.random.default_rng(7)
    rows = []
    for ids, rate in ((contacted, 0.6), (control, 0.2)):
        for cid in ids:
            if rng.random() < rate:
                rows.append({"Order ID": f"N{len(rows)}", "Date": "2026-11-15", "Customer ID": cid, "Amount": 100.0})
    later = tmp_path / "november.csv"
    pd.DataFrame(rows).to_csv(later, index=False)
    r = clientele("campaign", export["campaign_record"], str(later), "--start", "2026-11-01", "--json",
                  "--out", str(tmp_path / "results.xlsx"))
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    low, high = res["response_lift_ci"]
    assert low <= 0.4 <= high and low > 0
    assert res["cost"] == 2 * len(contacted)
    assert (tmp_path / "results.xlsx").exists()


def test_export_refuses_to_overwrite_an_input_file(tmp_path: Path) -> None:
    src = tmp_path / "orders.csv"
    src.write_text("Customer,Date,Amount\na,2024-01-01,5\nb,2024-01-02,6\n", encoding="utf-8")
    before = src.read_bytes()
    r = clientele("analyze", str(src), "--export", str(src))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert src.read_bytes() == before


def test_campaign_with_a_wrong_record_file_says_so(tmp_path: Path) -> None:
    bogus = tmp_path / "x.campaign.json"
    bogus.write_text("{not json", encoding="utf-8")
    r = clientele("campaign", str(bogus), str(DEMO / "demo_orders.csv"))
    assert r.returncode == 2 and "campaign record" in r.stderr
