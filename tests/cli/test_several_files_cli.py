"""`clientele analyze FILE_OR_FOLDER...`: a folder or several files read as one, and the JSON field
`files_combined` saying how."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def clientele(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=180, cwd=REPO)


def write_csv(path: Path, rows: list[list]) -> Path:
    path.write_text("\n".join(",".join(str(v) for v in r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_a_folder_of_monthly_exports_with_overlap(tmp_path: Path) -> None:
    header = ["Invoice", "Customer", "Date", "Product", "Qty", "Price"]
    write_csv(tmp_path / "march.csv", [header, ["1", "C1", "2024-03-02", "Tea", 1, 5.0],
                                       ["2", "C2", "2024-03-30", "Cake", 2, 8.0],
                                       ["3", "C3", "2024-03-31", "Tea", 1, 5.0]])
    write_csv(tmp_path / "april.csv", [header, ["3", "C3", "2024-03-31", "Tea", 1, 5.0],
                                       ["4", "C1", "2024-04-03", "Cake", 1, 8.0]])
    out = clientele("analyze", str(tmp_path), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["files_combined"] == {
        "how": "same_header", "files": ["april.csv", "march.csv"],
        "parts": [{"files": ["april.csv", "march.csv"], "rows": 4, "column_roles": r["column_roles"]}],
        "joins": [], "overlap_lines": 1, "left_out": [],
        "notes": [{"code": "files_same_header", "message": "2 files with the same columns were read as one: "
                   "april.csv, march.csv.", "n": 2, "files": "april.csv, march.csv"}],
    }
    # april.csv comes first by name: the repeated line is set aside from march.csv
    assert r["rows_read"] == 5 and r["rows_used"] == 4 and r["rows_set_aside"] == {"overlap": 1}
    assert r["examples_set_aside"]["overlap"][0]["file"] == "march.csv"
    overlap = [w for w in r["warnings"] if w["code"] == "files_overlap"]
    assert overlap == [{"code": "files_overlap", "message": overlap[0]["message"], "file": "march.csv", "n": 1,
                        "others": "april.csv"}]
    assert r["customers"] == 3 and r["orders"] == 4 and r["net_revenue"] == 5 + 16 + 5 + 8
    assert sorted(Path(f).name for f in r["files"]) == ["april.csv", "march.csv"]
    text = clientele("analyze", str(tmp_path / "march.csv"), str(tmp_path / "april.csv"))
    assert text.returncode == 0, text.stderr
    assert "Files (same header): march.csv, april.csv" in text.stdout
    assert "lines also in an earlier file, counted once: 1" in text.stdout


def test_orders_lines_and_customers_named_on_the_command_line_are_joined(tmp_path: Path) -> None:
    lines = write_csv(tmp_path / "lines.csv", [["order_ref", "sku", "price"]]
                      + [[f"R{n}", f"S{n % 4}", 10 + n] for n in range(1, 11)]
                      + [[f"R{n}", "S9", 2] for n in range(1, 11, 2)])
    orders = write_csv(tmp_path / "orders.csv", [["order_ref", "client_no", "placed", "status"]]
                       + [[f"R{n}", f"K{n % 3}", f"2024-06-{n:02d}", "paid"] for n in range(1, 11)])
    clients = write_csv(tmp_path / "clients.csv", [["client_no", "name", "email"], ["K0", "Ann", "ann@x.org"],
                                                   ["K1", "Bo", "bo@x.org"], ["K2", "Cy", "cy@x.org"]])
    out = clientele("analyze", str(clients), str(orders), str(lines), "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    combined = r["files_combined"]
    assert combined["how"] == "joined"
    assert combined["joins"] == [
        {"lines": "lines.csv", "column": "order_ref", "to": "orders.csv", "key": "order_ref", "kind": "orders",
         "matched": 1.0},
        {"lines": "orders.csv", "column": "client_no", "to": "clients.csv", "key": "client_no", "kind": "customers",
         "matched": 1.0},
    ]
    assert r["column_roles"]["customer_id"] == "client_no"
    assert r["column_roles"]["date"] == "placed"
    assert r["customers"] == 3 and r["orders"] == 10
    assert r["net_revenue"] == sum(10 + n for n in range(1, 11)) + 2 * 5
    assert [n["code"] for n in combined["notes"]] == ["files_joined_orders", "files_joined_customers"]
    assert combined["notes"][0]["file"] == "lines.csv" and combined["notes"][0]["share"] == 1.0


def test_a_folder_without_spreadsheets_is_exit_2_and_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    out = clientele("analyze", str(tmp_path), "--json")
    assert out.returncode == 2
    assert "no spreadsheet files" in out.stderr and out.stderr.count("\n") == 1
