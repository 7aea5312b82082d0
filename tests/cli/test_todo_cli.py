"""`clientele todo` as a user runs it: a real process on the demo shop, real exports and bad options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KINDS = {"due", "win_back", "birthday", "anniversary", "second_purchase", "festival"}


def clientele(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def _check_shape(r: dict) -> None:
    assert set(r) >= {"as_of", "window_days", "lists", "value_kind", "warnings"}
    for t in r["lists"]:
        assert t["kind"] in KINDS and t["title"]
        for c in t["customers"]:
            assert {"customer_id", "name", "reason", "due", "value", "message"} <= set(c)
            assert c["reason"] and c["message"]


def test_demo_shop_before_mid_autumn_has_every_list() -> None:
    from desktop.paths import demo_files

    orders, customers = demo_files()
    out = clientele("todo", str(orders), "--customers", str(customers), "--as-of", "2026-09-02", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    _check_shape(r)
    assert r["as_of"] == "2026-09-02" and r["window_days"] == 7
    kinds = {t["kind"] for t in r["lists"] if t["customers"]}
    assert kinds == KINDS, kinds
    mid = next(t for t in r["lists"] if t.get("festival") == "mid_autumn")
    assert mid["festival_date"] == "2026-09-25" and "2026-09-02" <= mid["write_on"] <= "2026-09-08"
    for t in r["lists"]:  # ranked by the money at stake
        values = [c["value"] for c in t["customers"]]
        assert values == sorted(values, reverse=True)


def test_summary_and_days_option(tmp_path: Path) -> None:
    from desktop.paths import demo_files

    orders, _ = demo_files()
    out = clientele("todo", str(orders), "--days", "14", "--limit", "3")
    assert out.returncode == 0, out.stderr
    assert "Due to buy again" in out.stdout and "and the 13 days after" in out.stdout
    assert "No birthdays are known" in out.stdout  # no customer list given: said plainly


@pytest.mark.parametrize("option", [["--days", "0"], ["--country", "USA1"], ["--limit", "0"]])
def test_bad_options_are_one_sentence(tmp_path: Path, option: list[str]) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("customer,date,amount\nA,2024-01-01,5\n", encoding="utf-8")
    out = clientele("todo", str(path), *option)
    assert out.returncode == 2 and out.stderr.startswith("clientele: ") and "Traceback" not in out.stderr


def test_coffee_shop_short_history_and_birthdays(shared_data: Path) -> None:
    folder = shared_data / "real" / "coffee_shop"
    if not folder.exists():
        pytest.skip("coffee shop export absent")
    out = clientele("todo", str(folder / "201904 sales reciepts.csv"), "--customers", str(folder / "customer.csv"),
                    "--as-of", "2019-04-20", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    _check_shape(r)
    codes = [w["code"] for w in r["warnings"]]
    assert "todo_short_history" in codes and "todo_predictions_held_back" in codes
    assert r["value_kind"] == "last_12m"
    assert next(t for t in r["lists"] if t["kind"] == "birthday")["customers"]
    # the till names products by number only: no sentence says "buys 1"
    assert all(c["reason_code"] != "todo_reason_due_product" for t in r["lists"] for c in t["customers"])
    assert all(c["product"] is None for t in r["lists"] for c in t["customers"])  # nor "offer on 1"


def test_online_retail_works(online_retail: Path) -> None:
    out = clientele("todo", str(online_retail), "--country", "GB", "--json")
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout)
    _check_shape(r)
    assert r["country"] == "GB"
    assert "todo_short_history" in [w["code"] for w in r["warnings"]]
