"""`clientele predict`: per-customer predictions (still active?, churn risk, expected purchases and
spend, lifetime value), with an optional check against a holdout period and purchase chances."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.common import add_input_arguments, emit_json, load_analysis, parse_date_arg
from desktop.engine.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "predict", help="who is likely to come back, how often, and what they are worth",
        description="Fit the BG/NBD purchase model and the Gamma-Gamma spend model to the order lines and "
        "predict, per customer: the chance they are still active, the churn risk (no purchase in 90 days), "
        "expected purchases, the likely next purchase date, expected spend and lifetime value. With "
        "--calibration-end the models are fitted up to that date and checked against what happened after.",
    )
    add_input_arguments(parser)
    parser.add_argument("--calibration-end", default=None, metavar="DATE",
                        help="fit on purchases up to this date (inclusive) and compare predictions with the "
                        "purchases after it, up to --as-of or the end of the data")
    parser.add_argument("--time-unit", choices=["day", "week"], default="week",
                        help="time unit the models are fitted in (default: week)")
    parser.add_argument("--discount-rate", type=float, default=0.10, metavar="RATE",
                        help="yearly discount rate for the lifetime value, e.g. 0.1 for 10%% (default 0.1)")
    parser.add_argument("--clv-months", type=int, default=36, metavar="MONTHS",
                        help="lifetime value horizon in months (default 36)")
    parser.add_argument("--propensity", type=int, default=None, metavar="DAYS",
                        help="also learn each customer's chance of buying in the next DAYS days from past "
                        "windows, and report the model's holdout AUC and calibration")
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="customers listed in the summary, by lifetime value (default 10)")
    parser.add_argument("--all", action="store_true",
                        help="with --json: include every customer's predictions")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.jobs import predictions as jobs

    if not 0.0 <= args.discount_rate < 1.0:
        raise InputError("cli_discount_rate_range", rate=args.discount_rate)
    if args.clv_months < 1 or args.clv_months > 600:
        raise InputError("cli_clv_months_range", months=args.clv_months)
    if args.propensity is not None and not 7 <= args.propensity <= 730:
        raise InputError("cli_propensity_range", days=args.propensity)
    calibration_end = parse_date_arg(args.calibration_end, "--calibration-end")
    analysis = load_analysis(args)
    fit_until = calibration_end if calibration_end is not None else analysis.as_of
    request = jobs.PredictionRequest(as_of=fit_until, time_unit=args.time_unit, discount_rate=args.discount_rate,
                                     clv_months=args.clv_months, lines=analysis.lines,
                                     customers=jobs.customer_context(analysis.customers))
    result = jobs.run(request).result
    if not analysis.has_prices:
        from desktop.engine.predictions.no_prices import without_spend

        result.table = without_spend(result.table)
    out = _result_json(result, args.top)
    warnings = list(result.warnings)
    if calibration_end is not None:
        def holdout_of(params):
            return jobs.run_holdout(jobs.HoldoutRequest(calibration_end=calibration_end, holdout_end=analysis.as_of,
                                                        time_unit=args.time_unit, lines=analysis.lines, params=params))

        holdout = holdout_of(result.bgnbd)
        out["holdout"] = holdout.to_dict()
        if result.method != "bgnbd":  # the BG/NBD check is the published one; say what was used instead
            out["holdout"]["note"] = f"BG/NBD, shown for comparison; the predictions use {result.method}"
            if result.purchase_params is not None:
                chosen = holdout_of(result.purchase_params)
                out["holdout"]["chosen_model"] = {"name": result.method,
                                                  "predicted_repeat_purchases": chosen.predicted_repeat_purchases,
                                                  "mean_absolute_error": chosen.mean_absolute_error}
        warnings += holdout.warnings
    if args.propensity is not None:
        prop = jobs.run_propensity(jobs.PropensityRequest(as_of=fit_until, horizon_days=args.propensity,
                                                          lines=analysis.lines))
        out["propensity"] = prop.to_dict()
        warnings += prop.warnings
        if args.all:
            result.table["purchase_probability"] = prop.scores.reindex(result.table.index)
    out["warnings"] = [w.to_dict("en") for w in _unique(warnings)]
    if not analysis.has_prices:
        # NaN prints as null in JSON and as "n/a" in the summary
        out["totals"] = {k: (float("nan") if k in MONEY_TOTALS else v) for k, v in out["totals"].items()}
        out["totals_range"] = {k: v for k, v in (out.get("totals_range") or {}).items() if k not in MONEY_TOTALS}
        out["warnings"] = [w for w in out["warnings"] if w["code"] not in SPEND_MODEL_WARNINGS]
        out["warnings"].append(no_prices_spend(analysis).to_dict())
    if args.all:
        out["predictions"] = _records(result.table)
    if args.json:
        emit_json(out)
    else:
        print_summary(out)
    return 0


MONEY_TOTALS = ("predicted_spend_12m", "clv")
SPEND_MODEL_WARNINGS = ("few_spend_buyers", "spend_correlated", "spend_unstable")  # moot without prices


def no_prices_spend(analysis):
    """The sentence saying why spend and lifetime value are empty (a file without prices)."""
    from desktop.texts import message

    first = analysis.options.paths[0]
    return message("no_prices_spend", file=first.name)


def _unique(warnings: list) -> list:
    seen: set[str] = set()
    kept = []
    for w in warnings:
        text = w.text("en")
        if text not in seen:
            seen.add(text)
            kept.append(w)
    return kept


def _records(table) -> list[dict[str, Any]]:
    """Rows of a prediction table as JSON records: a figure left out (NaN, NaT) is None, never the
    text "NaN" or "NaT"."""
    import pandas as pd

    frame = table.reset_index().astype(object)
    return frame.where(pd.notna(frame), None).to_dict(orient="records")


def _result_json(result, top: int) -> dict[str, Any]:
    """The JSON fields of a PredictionResult (field names are a contract: keep them)."""
    from desktop.engine.predictions.forecast import CHURN_BANDS
    from desktop.texts import label

    table = result.table
    numeric = table[["expected_purchases_90", "expected_purchases_365", "predicted_spend_12m", "clv"]]
    bands = table["churn_band"].value_counts()
    best = table.sort_values(["clv", "historic_spend"], ascending=False, kind="stable",
                             na_position="last").head(max(0, top))
    totals = {k: (float(numeric[k].sum()) if numeric[k].notna().any() else None) for k in numeric.columns}
    return {
        "as_of": result.as_of,
        "time_unit": result.settings.time_unit,
        "method": result.method,
        "spend_method": result.spend_method,
        "bgnbd": result.bgnbd.to_dict() if result.bgnbd else None,
        "model": result.model or None,
        "gamma_gamma": result.gamma_gamma.to_dict() if result.gamma_gamma else None,
        "customers": int(len(table)),
        "spend_customers": result.gamma_gamma.customers if result.gamma_gamma else 0,
        "checks": result.checks,
        "churn_bands": {key: {"name": label("churn_band", key, "en"), "name_zh": label("churn_band", key, "zh"),
                              "customers": int(bands.get(key, 0))} for key in CHURN_BANDS},
        "totals": totals,
        "totals_range": result.totals,
        "discount_rate": result.settings.discount_rate,
        "clv_months": result.settings.clv_months,
        "top_customers": _records(best),
    }


def _money(value) -> str:
    return "–" if value is None or value != value else f"{value:,.2f}"


def _count(value, fmt: str = ",.0f") -> str:
    return "–" if value is None or value != value else format(value, fmt)


def print_summary(r: dict) -> None:
    """The text summary: warnings first (they say which figures are left out and why), then figures."""
    out = sys.stdout
    for w in r.get("warnings", []):
        out.write(f"warning: {w['message']}\n")
    if r.get("warnings"):
        out.write("\n")
    as_of = r["as_of"].date() if hasattr(r["as_of"], "date") else r["as_of"]
    method = {"bgnbd": "BG/NBD purchase model", "mbgnbd": "MBG/NBD purchase model",
              "simple": "each customer's pace between purchases", "none": "no prediction possible"}[r["method"]]
    out.write(f"Predictions as of {as_of} for {r['customers']:,} customers ({method}; time unit: {r['time_unit']})\n")
    model = r.get("model") or {}
    candidates = (model.get("holdout") or {}).get("candidates") or {}
    if candidates:
        h = model["holdout"]
        parts = "   ".join(f"{name}: predicted {c['predicted']:,.0f}, error per customer {c['rmse']:.2f}"
                           for name, c in candidates.items())
        actual = next(iter(candidates.values()))["actual"]
        out.write(f"  Models checked on the last {h['holdout_days']} days (actual {actual:,.0f} "
                  f"purchases): {parts}; chosen: {model['label']}\n")
    if r["bgnbd"]:
        b = r["bgnbd"]
        out.write(f"  BG/NBD: r = {b['r']:.3f}  alpha = {b['alpha']:.3f}  a = {b['a']:.3f}  b = {b['b']:.3f}  "
                  f"log-likelihood = {b['log_likelihood']:.1f}\n")
    if r["gamma_gamma"]:
        g = r["gamma_gamma"]
        out.write(f"  Gamma-Gamma ({r['spend_customers']:,} repeat customers): p = {g['p']:.2f}  "
                  f"q = {g['q']:.2f}  v = {g['v']:.2f}\n")
    if r["method"] == "none":
        return
    bands = "   ".join(f"{b['name']}: {b['customers']:,}" for b in r["churn_bands"].values())
    out.write(f"Chance of no purchase in the next 90 days   {bands}\n")
    t = r["totals"]
    ranges = r.get("totals_range") or {}

    def between(key: str) -> str:
        rng = ranges.get(key) or {}
        if rng.get("low") is None or rng.get("high") is None:
            return ""
        return f" (80% range {rng['low']:,.0f} to {rng['high']:,.0f})"

    out.write(f"Expected purchases: next 90 days {_count(t['expected_purchases_90'])}, next 365 days "
              f"{_count(t['expected_purchases_365'])}{between('expected_purchases_365')}; "
              "expected spend next 12 months "
              f"{_money(t['predicted_spend_12m'])}{between('predicted_spend_12m')}; "
              f"lifetime value ({r['clv_months']} months, {r['discount_rate']:.0%} a year) {_money(t['clv'])}\n")
    if r["top_customers"]:
        out.write(f"\n{'Customer':<16}{'Active':>8}{'No buy 90d':>11}{'Buys/yr':>9}{'Next purchase':>15}"
                  f"{'Spend 12m':>12}{'CLV':>12}\n")
        for c in r["top_customers"]:
            nxt = c["expected_next_purchase"]
            nxt = nxt.date().isoformat() if hasattr(nxt, "date") and nxt == nxt else "-"
            out.write(f"{str(c['customer_id'])[:15]:<16}{_count(c['p_alive'], '.0%'):>8}"
                      f"{_count(c['churn_risk'], '.0%'):>11}{_count(c['expected_purchases_365'], '.1f'):>9}{nxt:>15}"
                      f"{_money(c['predicted_spend_12m']):>12}{_money(c['clv']):>12}\n")
    if "holdout" in r:
        h = r["holdout"]
        out.write(f"\nHoldout check: fitted up to {h['calibration_end']}, predicted {h['holdout_days']} days "
                  f"to {h['holdout_end']}\n")
        out.write(f"  repeat purchases predicted {h['predicted_repeat_purchases']:,.1f}   "
                  f"actual {h['actual_repeat_purchases']:,}\n")
        out.write(f"  {'past repeat purchases':<24}{'customers':>10}{'predicted':>11}{'actual':>9}\n")
        for row in h["by_frequency"]:
            out.write(f"  {row['label']:<24}{row['customers']:>10,}{row['predicted']:>11.2f}{row['actual']:>9.2f}\n")
    if "propensity" in r:
        p = r["propensity"]
        auc = p["holdout_auc"].get(p["model"])
        auc_text = f", holdout AUC {auc:.3f}" if auc is not None else ""
        out.write(f"\nChance of buying in the next {p['horizon_days']} days: {p['model']} model{auc_text}\n")
