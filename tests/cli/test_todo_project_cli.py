"""`todo --project` and `analyze --project` as a user runs them: ticks made on the command line leave
the lists, a filter saved by name is used again on the files, and an exported campaign's control group
is left out of This week."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[2]


def clientele(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def _shop(folder: Path) -> Path:
    rows = []
    for c in range(30):  # thirty regulars every 10 days, last 2026-08-28: all due in the week of 2026-09-05
        for k in range(5):
            day = (pd.Timestamp("2026-07-19") + pd.Timedelta(days=10 * k)).date().isoformat()
            rows.append((f"o{c}-{k}", f"C{c:02d}", day, f"Tea {c}", 50.0 + 10 * c))
    path = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(path, index=False)
    return path


def _due(out: subprocess.CompletedProcess) -> tuple[set[str], dict]:
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    due = next(t for t in r["lists"] if t["kind"] == "due")
    return {c["customer_id"] for c in due["customers"]}, r


def test_ticks_and_campaign_control_leave_the_list(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    project = tmp_path / "shop.clientele"
    base = ("todo", str(orders), "--as-of", "2026-09-05", "--limit", "100", "--json")
    before, _ = _due(clientele(*base))
    assert len(before) == 30
    ticked, r = _due(clientele(*base, "--project", str(project), "--contacted", "C00", "C01"))
    assert project.exists() and r["project"]["ticks"] == 2
    assert ticked == before - {"C00", "C01"} and r["left_out"]["contacted"] == 2
    again, r = _due(clientele(*base, "--project", str(project), "--uncontacted", "C01"))
    assert again == before - {"C00"}

    # A list saved in the project and exported with a control group: that group is left out of This week.
    out = clientele("analyze", str(orders), "--as-of", "2026-09-05", "--project", str(project),
                    "--where", "spend >= 1250", "--save-list", "Best", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["project"]["saved_lists"] == ["Best"]
    export = tmp_path / "best.xlsx"
    out = clientele("analyze", str(orders), "--as-of", "2026-09-05", "--project", str(project), "--list", "Best",
                    "--export", str(export), "--control-share", "0.3", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    assert r["where"]["customers"] == 10  # C20..C29 spend 5 x (250..340)
    record = json.loads(Path(r["export"]["campaign_record"]).read_text("utf-8"))
    control = set(record["control"])
    assert control and control <= {f"C{c}" for c in range(20, 30)}
    after, r = _due(clientele(*base, "--project", str(project)))
    assert after == before - {"C00"} - control
    assert r["left_out"] == {"contacted": 1, "control": len(control)}


def test_project_options_are_checked(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    out = clientele("todo", str(orders), "--contacted", "C00")
    assert out.returncode == 2 and "--project" in out.stderr
    out = clientele("todo", str(orders), "--project", str(tmp_path / "p.clientele"), "--contacted", "nobody")
    assert out.returncode == 2 and "nobody" in out.stderr and not (tmp_path / "p.clientele").exists()
    out = clientele("analyze", str(orders), "--save-list", "X", "--where", "spend > 1")
    assert out.returncode == 2 and "--project" in out.stderr
    not_a_project = tmp_path / "notes.clientele"
    not_a_project.write_text("hello", encoding="utf-8")
    out = clientele("analyze", str(orders), "--project", str(not_a_project), "--list", "X")
    assert out.returncode == 2 and "not a Clientele project" in out.stderr
    assert not_a_project.read_text(encoding="utf-8") == "hello"
