"""`clientele trends`: revenue, orders, new and returning customers per month, this month against last
month and last year, the cohort retention grid and the customers lost and won this month."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import add_input_arguments, emit_json, load_analysis


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "trends", help="month by month: revenue, orders, new and returning customers, cohorts",
        description="Per month: revenue (net of returns, identified customers; walk-in sales beside it), "
        "orders, customers, new customers (first purchase that month), returning customers (bought before) "
        "and the repeat rate; this month against last month and the same month last year; the cohort "
        "retention grid (customers by month of first purchase x months since, share still buying); the "
        "customers lost (no purchase for 90 days) and won this month.",
    )
    add_input_arguments(parser)
    parser.add_argument("--cohorts", type=int, default=12, metavar="N",
                        help="cohorts shown in the summary (the latest N; --json has them all; default 12)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.jobs.trends import TrendsRequest
    from desktop.jobs.trends import run as trends

    out = trends(TrendsRequest(load_analysis(args), language="en")).to_dict("en")
    if args.json:
        emit_json(out)
    else:
        print_summary(out, max(0, args.cohorts))
    return 0


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def print_summary(r: dict, n_cohorts: int = 12) -> None:
    out = sys.stdout
    out.write(f"Trends up to {r['as_of']} (identified customers; revenue net of returns)\n")
    out.write(f"{'Month':<9}{'Revenue':>13}{'Orders':>8}{'Customers':>10}{'New':>7}{'Returning':>10}"
              f"{'Repeat':>8}{'Lost':>6}{'Won back':>9}\n")
    for m in r["months"]:
        mark = "*" if m["partial"] else ""
        out.write(f"{m['month'] + mark:<9}{_money(m['revenue']):>13}{m['orders']:>8,}{m['customers']:>10,}"
                  f"{m['new_customers']:>7,}{m['returning_customers']:>10,}{_pct(m['repeat_rate']):>8}"
                  f"{m['lost']:>6,}{m['won_back']:>9,}\n")
    c = r["compare"]
    if c:
        this = c["this_month"]
        out.write(f"\nThis month ({this['from']} to {this['to']}): revenue {_money(this['revenue'])}, "
                  f"{this['orders']:,} orders, {this['customers']:,} customers ({this['new_customers']:,} new)\n")
        for key, label in (("last_month", "last month"), ("last_year", "last year")):
            before, change = c[key], c[f"change_vs_{key}"]
            if before is None:
                out.write(f"  against {label}: not in the data\n")
                continue
            out.write(f"  against {label} ({before['from']} to {before['to']}): revenue {_money(before['revenue'])} "
                      f"({_signed(change['revenue'])}), orders {before['orders']:,} ({_signed(change['orders'])}), "
                      f"customers {before['customers']:,} ({_signed(change['customers'])})\n")
    lw = r["lost_won"]
    if lw:
        out.write(f"Lost and won in {lw['month']}: lost {lw['lost']['count']:,} (spend in the past 12 months "
                  f"{_money(lw['lost']['spend_12m'])}), new {lw['won_new']['count']:,}, "
                  f"won back {lw['won_back']['count']:,}\n")
    cohorts = r["cohorts"][-n_cohorts:] if n_cohorts else []
    if cohorts:
        width = min(13, max(len(x["retention"]) for x in cohorts))
        out.write("\nCohorts: share of each month's new customers still buying, months since (0 = first month)\n")
        out.write(f"{'Cohort':<9}{'Customers':>10}" + "".join(f"{k:>6}" for k in range(width)) + "\n")
        for x in cohorts:
            out.write(f"{x['cohort']:<9}{x['customers']:>10,}"
                      + "".join(f"{_pct(v):>6}" for v in x["retention"][:width]) + "\n")
    for w in r.get("warnings", []):
        out.write(f"note: {w['message']}\n")


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.0%}"
