import json

import numpy as np
import pandas as pd
import pytest

from desktop.cli import run_cli

TEAS = ["Longjing 龙井", "Keemun 祁门红茶", "Tieguanyin 铁观音", "Pu-erh 普洱"]
EXTRAS = ["Tea cup set 茶杯套装", "Gift box A 礼盒A", "Gift bag 礼品袋", "Melon seeds 瓜子"]


@pytest.fixture(scope="module")
def orders_csv(tmp_path_factory):
    """A year and a half of a small tea shop, written as a till export with English headers."""
    rng = np.random.default_rng(3)
    rows = []
    n = 0
    for c in range(120):
        tea = TEAS[c % 4]
        day = int(rng.integers(0, 200))
        every = int(rng.integers(20, 50))
        while day < 540:
            n += 1
            basket = [tea] + ([EXTRAS[1], EXTRAS[2]] if rng.random() < 0.3 else []) + \
                     ([EXTRAS[0]] if rng.random() < 0.1 else []) + ([TEAS[(c + 1) % 4]] if rng.random() < 0.2 else [])
            for item in basket:
                rows.append({"Order ID": f"S{n:05d}",
                             "Date": (pd.Timestamp("2024-01-01") + pd.Timedelta(days=day)).strftime("%Y-%m-%d"),
                             "Customer ID": f"C{c:04d}", "Product": item, "Quantity": 1, "Amount": 50.0})
            day += every
    path = tmp_path_factory.mktemp("shop") / "orders.csv"
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8")
    return path


def test_evaluate_json_has_exactly_the_documented_shape(orders_csv, capsys):
    code = run_cli(["recommend", str(orders_csv), "--evaluate", "--cutoff", "2025-03-01", "--k", "5", "--json"])
    out = capsys.readouterr().out
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"cutoff", "k", "customers_evaluated", "models", "warnings"}
    assert set(result["customers_evaluated"]) == {"repeats_allowed", "new_items_only"}
    assert result["customers_evaluated"]["repeats_allowed"] > 0
    assert all(set(w) >= {"code", "message", "mode"} for w in result["warnings"])
    assert result["cutoff"] == "2025-03-01" and result["k"] == 5
    assert {"popularity", "blend"} <= set(result["models"])
    for figures in result["models"].values():
        assert set(figures) == {"repeats_allowed", "new_items_only"}
        for mode in figures.values():
            assert set(mode) == {"precision", "recall", "hit_rate", "ndcg", "coverage", "recall_interval"}
            assert mode["recall_interval"][0] <= mode["recall"] <= mode["recall_interval"][1]


def test_evaluate_summary_for_people(orders_csv, capsys):
    assert run_cli(["recommend", str(orders_csv), "--evaluate", "--cutoff", "2025-03-01"]) == 0
    out = capsys.readouterr().out
    assert "Repeats allowed" in out and "blend" in out and "popularity" in out


def test_top_k_json_and_saved_files(orders_csv, tmp_path, capsys):
    out_csv = tmp_path / "suggestions.csv"
    assert run_cli(["recommend", str(orders_csv), "--k", "3", "--json", "--out", str(out_csv)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and set(rows[0]) == {"customer_id", "rank", "product_id", "product_name", "score", "model",
                                     "reason_en", "reason_zh"}
    assert max(r["rank"] for r in rows) == 3
    saved = pd.read_csv(out_csv, encoding="utf-8-sig", dtype=str)
    assert len(saved) == len(rows)
    out_xlsx = tmp_path / "suggestions.xlsx"
    assert run_cli(["recommend", str(orders_csv), "--k", "2", "--customer", "C0001", "--out", str(out_xlsx)]) == 0
    book = pd.read_excel(out_xlsx, dtype=str, engine="openpyxl")
    assert list(book["customer_id"].unique()) == ["C0001"] and len(book) == 2
    assert "C0001" in capsys.readouterr().out


def test_together_and_offer(orders_csv, capsys):
    assert run_cli(["recommend", str(orders_csv), "--together", EXTRAS[1], "--json"]) == 0
    together = json.loads(capsys.readouterr().out)
    assert together[0]["product_name"] == EXTRAS[2]
    assert run_cli(["recommend", str(orders_csv), "--offer", TEAS[0], "--k", "5", "--json"]) == 0
    offer = json.loads(capsys.readouterr().out)
    assert 0 < len(offer) <= 5


@pytest.mark.parametrize("args", [
    ["--evaluate"],
    ["--evaluate", "--cutoff", "2031-01-01"],
    ["--cutoff", "2025-03-01"],
    ["--k", "0"],
    ["--together", "no such thing"],
])
def test_mistakes_are_one_sentence_and_exit_2(orders_csv, capsys, args):
    assert run_cli(["recommend", str(orders_csv), *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("clientele: ") and "\n" not in err
