"""`clientele predict` as a user runs it: a real process on the CDNOW sample and on small shop files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import run_cli

REPO = Path(__file__).resolve().parents[2]
CDNOW_MAP = ["--map", "customer_id=Column 1", "--map", "date=Column 3", "--map", "amount=Column 5"]


def clientele(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


@pytest.fixture(scope="module")
def cdnow_sample() -> Path:
    path = REPO.parent / "shared" / "data" / "cdnow" / "CDNOW_sample.txt"
    if not path.exists():
        pytest.skip("the CDNOW sample is not in ../shared/data")
    return path


@pytest.fixture(scope="module")
def cdnow_holdout_json(cdnow_sample: Path) -> dict:
    out = clientele("predict", str(cdnow_sample), *CDNOW_MAP, "--calibration-end", "1997-09-30",
                    "--time-unit", "week", "--json", "--all")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_cdnow_calibration_fit_matches_the_paper(cdnow_holdout_json: dict) -> None:
    r = cdnow_holdout_json
    assert set(r["bgnbd"]) == {"r", "alpha", "a", "b", "log_likelihood"}
    paper = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log_likelihood": -9582.4}
    for name, value in paper.items():
        assert r["bgnbd"][name] == pytest.approx(value, rel=0.005), name
    assert set(r["gamma_gamma"]) == {"p", "q", "v"}
    assert r["gamma_gamma"]["p"] == pytest.approx(6.25, rel=0.01)
    assert r["gamma_gamma"]["q"] == pytest.approx(3.74, rel=0.01)
    assert r["gamma_gamma"]["v"] == pytest.approx(15.44, rel=0.01)
    # 2,357 customers; the reader sets aside 8 lines of $0.00, which removes a few one-line customers
    assert 2340 <= r["customers"] <= 2357
    assert r["warnings"] == []


def test_cdnow_holdout_reports_predicted_beside_actual(cdnow_holdout_json: dict) -> None:
    h = cdnow_holdout_json["holdout"]
    assert h["actual_repeat_purchases"] == 1882
    assert h["predicted_repeat_purchases"] == pytest.approx(1653, rel=0.005)
    assert h["holdout_days"] == 273
    assert [row["label"] for row in h["by_frequency"]][-1] == "7+"
    assert sum(row["customers"] for row in h["by_frequency"]) == cdnow_holdout_json["customers"]


def test_all_adds_every_customers_predictions(cdnow_holdout_json: dict) -> None:
    rows = cdnow_holdout_json["predictions"]
    assert len(rows) == cdnow_holdout_json["customers"]
    first = rows[0]
    for key in ("customer_id", "p_alive", "churn_risk", "churn_band", "expected_purchases_90",
                "expected_purchases_365", "expected_next_purchase", "historic_spend", "predicted_spend_12m", "clv"):
        assert key in first
    assert {row["churn_band"] for row in rows} <= {"low", "medium", "high"}


def test_summary_text_without_calibration(cdnow_sample: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_cli(["predict", str(cdnow_sample), *CDNOW_MAP, "--time-unit", "day", "--top", "3"]) == 0
    text = capsys.readouterr().out
    assert "Predictions as of 1998-06-30" in text
    assert "BG/NBD: r = " in text
    assert "Chance of no purchase in the next 90 days" in text  # issue 17: words that say what it is
    assert "Holdout check" not in text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Customer"))
    listed = [line for line in lines[header + 1:] if line.strip()]
    assert len(listed) == 3  # --top 3


def _write_small_shop(path: Path) -> Path:
    rows = ["会员号,日期,金额"]
    for c in range(8):
        for k in range(1 + c % 3):
            rows.append(f"M{c:03d},2024-0{1 + k * 2}-{10 + c:02d},{20 + 5 * c + k:.2f}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_small_shop_gets_no_figures_and_a_sentence_saying_why(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # issue 17: 8 customers are below the gate: figures are null and the warnings (code + English
    # message + parameters) say why; a BG/NBD fit at a bound comes with a warning and is not used
    shop = _write_small_shop(tmp_path / "shop.csv")
    code = run_cli(["predict", str(shop), "--map", "customer_id=会员号", "--map", "date=日期",
                    "--map", "amount=金额", "--json", "--all", "--propensity", "30"])
    assert code == 0
    r = json.loads(capsys.readouterr().out)
    assert r["method"] == "none"
    codes = [w["code"] for w in r["warnings"]]
    assert "few_customers" in codes and "propensity_small" in codes
    assert all(set(w) >= {"code", "message"} and w["message"] for w in r["warnings"])
    few = next(w for w in r["warnings"] if w["code"] == "few_customers")
    assert few["n"] == 8 and "8 customers" in few["message"]
    if r["bgnbd"] is not None and r["checks"]["purchase_model_at_bound"]:
        assert "fit_at_bound" in codes
    assert r["customers"] == 8
    assert all(row["expected_purchases_365"] is None and row["expected_next_purchase"] is None
               for row in r["predictions"])
    assert r["totals"]["predicted_spend_12m"] is None


def test_calibration_end_after_the_data_is_a_clear_input_error(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture) -> None:
    shop = _write_small_shop(tmp_path / "shop.csv")
    code = run_cli(["predict", str(shop), "--map", "customer_id=会员号", "--map", "date=日期",
                    "--map", "amount=金额", "--calibration-end", "2030-01-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "calibration end 2030-01-01" in err
    assert err.count("\n") == 1
    assert run_cli(["predict", str(shop), "--discount-rate", "5"]) == 2
    assert "--discount-rate" in capsys.readouterr().err


def test_cdnow_json_names_the_chosen_model_and_its_holdout_error(cdnow_holdout_json: dict) -> None:
    # issue 17: bgnbd stays the BG/NBD fit; `model` adds the model used, chosen on a holdout
    m = cdnow_holdout_json["model"]
    assert m["name"] in ("bgnbd", "mbgnbd", "simple")
    cands = m["holdout"]["candidates"]
    assert m["name"] == min(cands, key=lambda n: cands[n]["rmse"])
    assert 0 <= m["holdout_error"] < 0.2
    spend = cdnow_holdout_json["totals_range"]["predicted_spend_12m"]
    assert spend["low"] < spend["value"] < spend["high"]
    rows = cdnow_holdout_json["predictions"]
    assert all(r["predicted_spend_12m_low"] <= r["predicted_spend_12m"] <= r["predicted_spend_12m_high"] + 1e-9
               for r in rows)
    # one-time buyers are never certainly active
    assert all(r["p_alive"] < 1.0 for r in rows if r["frequency"] == 0)


def test_short_history_text_puts_the_sentence_before_any_figure(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = ["customer,date,amount"]
    for c in range(60):
        for k in range(1 + c % 3):
            rows.append(f"K{c:03d},2024-03-{1 + (c + 3 * k) % 9:02d},{10 + c}.00")
    shop = tmp_path / "nine_days.csv"
    shop.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert run_cli(["predict", str(shop)]) == 0
    text = capsys.readouterr().out
    first = text.splitlines()[0]
    assert first.startswith("warning: Predictions need") and "your file covers 9 days" in first
    assert "Expected purchases" not in text and "NaN" not in text
    assert run_cli(["predict", str(shop), "--json", "--all"]) == 0
    raw = capsys.readouterr().out
    assert "NaN" not in raw and "NaT" not in raw
    r = json.loads(raw)
    assert r["warnings"][0]["code"].startswith("short_history") and r["warnings"][0]["days"] == 9
    assert all(row["expected_next_purchase"] is None and row["clv"] is None for row in r["predictions"])
