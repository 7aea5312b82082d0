import json

import numpy as np
import pandas as pd
import pytest

from desktop.cli import run_cli


@pytest.fixture
def shop_csv(tmp_path):
    """A till export: regulars, one-time buyers and a few big gift buyers over a year."""
    rng = np.random.default_rng(0)
    rows = []
    order = 0
    for kind, n, visits, price, cat in (("R", 40, 12, 40, "Green tea"), ("O", 60, 1, 30, "Snacks"),
                                        ("G", 20, 2, 800, "Gift boxes")):
        for c in range(n):
            for _ in range(visits):
                order += 1
                day = pd.Timestamp("2025-01-01") + pd.Timedelta(days=int(rng.integers(0, 365)))
                rows.append({"Order ID": f"A{order:05d}", "Date": day.strftime("%Y-%m-%d"),
                             "Customer ID": f"{kind}{c:03d}", "Product": cat, "Category": cat,
                             "Quantity": 1, "Amount": round(price * rng.uniform(0.8, 1.2), 2)})
    path = tmp_path / "orders.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("method", ["kmeans", "rfm", "hdbscan"])
def test_segment_json_has_segments_that_add_up_and_quality(shop_csv, capsys, method):
    code = run_cli(["segment", str(shop_csv), "--method", method, "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == method
    assert sum(s["customers"] for s in out["segments"]) == 120
    for s in out["segments"]:
        assert s["name"] and s["name_zh"] and s["customers"] > 0
    assert {"silhouette", "stability_ari"} <= set(out["quality"])
    assert out["features"]["text"] and out["factors"]["sentence"]


def test_segment_options_k_features_rename_and_compare(shop_csv, capsys):
    code = run_cli(["segment", str(shop_csv), "--method", "gmm", "--k", "3", "--features",
                    "behaviour,products", "--rename", "s1=Tea regulars", "--compare-days", "90",
                    "--currency", "¥", "--json", "--list-customers"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["k"] == 3
    assert out["segments"][0]["name"] == "Tea regulars"
    assert "products" in out["features"]["groups"]
    assert len(out["customer_segments"]) == 120
    assert all(abs(sum(c["probabilities"].values()) - 1) < 1e-3 for c in out["customer_segments"])
    assert out["migration"]["now"] == out["as_of"]


def test_segment_text_summary_and_input_errors(shop_csv, capsys):
    assert run_cli(["segment", str(shop_csv), "--method", "hierarchical"]) == 0
    text = capsys.readouterr().out
    assert "Hierarchical clustering" in text and "Quality:" in text and "rule:" in text
    assert run_cli(["segment", str(shop_csv), "--rename", "nokey=Whatever"]) == 2
    assert "no segment with that key" in capsys.readouterr().err
    assert run_cli(["segment", str(shop_csv), "--k", "500"]) == 2
    assert run_cli(["segment", str(shop_csv), "--features", "colour"]) == 2


def test_segment_factors_prints_loadings_in_words(shop_csv, capsys):
    assert run_cli(["segment", str(shop_csv), "--factors"]) == 0
    text = capsys.readouterr().out
    assert "parallel analysis" in text and "Factor 1 — " in text
    assert run_cli(["segment", str(shop_csv), "--factors", "--json", "--list-customers"]) == 0
    out = json.loads(capsys.readouterr().out)
    n = out["factors"]["n_factors"]
    assert n >= 1 and len(out["factors"]["factors"]) == n
    assert all(f"factor_{i + 1}" in out["customer_segments"][0] for i in range(n))


def test_segment_and_export_show_prospects_from_the_customer_list(shop_csv, tmp_path, capsys):
    listed = tmp_path / "list.csv"
    pd.DataFrame({"Customer ID": ["R000", "X001", "X002"], "Name": ["Ann", "Bo", "Cy"]}).to_csv(listed, index=False)
    assert run_cli(["segment", str(shop_csv), "--customers", str(listed), "--json", "--list-customers"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["prospects"]["customers"] == 2 and out["prospects"]["key"] == "prospects"
    assert {r["customer_id"] for r in out["customer_segments"] if r["segment"] == "prospects"} == {"X001", "X002"}
    assert run_cli(["segment", str(shop_csv), "--customers", str(listed)]) == 0
    assert "Prospects: signed up, never bought" in capsys.readouterr().out
    target = tmp_path / "list_out.csv"
    assert run_cli(["analyze", str(shop_csv), "--customers", str(listed), "--export", str(target), "--json"]) == 0
    exported = pd.read_csv(target, encoding="utf-8-sig", dtype=str)
    prospects = exported[exported["Segment"] == "Prospects: signed up, never bought"]
    assert sorted(prospects["Customer ID"]) == ["X001", "X002"]
    assert prospects["Message"].str.contains("signing up").all()
