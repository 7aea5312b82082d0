"""`clientele analyze`: read the files, build the customer table and RFM segments, print a summary."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import add_input_arguments, emit_json, load_analysis
from desktop.cli.exporting import add_export_arguments, check_export_arguments
from desktop.paths import display_name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze", help="customers, revenue and RFM segments of a shop's files",
        description="Read order lines (and optionally a customer list) and print customers, revenue and "
        "RFM segments. Rows that cannot be used are set aside and counted by reason.",
    )
    add_input_arguments(parser)
    add_export_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_export_arguments(args)
    analysis = load_analysis(args)
    result = analysis.to_json()
    if args.export:
        from desktop.cli.exporting import export_from_cli

        result["export"] = export_from_cli(analysis, args)
    if args.json:
        emit_json(result)
    else:
        print_summary(result)
    return 0


def print_summary(r: dict) -> None:
    out = sys.stdout
    out.write(f"Rows read: {r['rows_read']:,}   used: {r['rows_used']:,}\n")
    for reason, n in r["rows_set_aside"].items():
        out.write(f"  set aside, {reason.replace('_', ' ')}: {n:,}\n")
    if r.get("return_lines"):
        out.write(f"  return / cancellation lines netted out of spend: {r['return_lines']:,}\n")
    out.write("Columns: " + ", ".join(f"{k} = {v!r}" for k, v in r["column_roles"].items()) + "\n")
    out.write(
        f"Customers: {r['customers']:,}   orders: {r['orders']:,}   products: {r['products']:,}   "
        f"net revenue: {r['net_revenue']:,.2f}   as of {r['as_of']}\n"
    )
    out.write(f"\n{'Segment':<22}{'Customers':>10}{'Revenue share':>15}  Suggested action\n")
    for s in r["segments"]:
        out.write(f"{s['name']:<22}{s['customers']:>10,}{s['revenue_share']:>14.1%}  {s['action']}\n")
    for note in r.get("notes", []):
        out.write(f"note: {display_name(note)}\n")
    for w in r.get("warnings", []):
        out.write(f"warning: {display_name(w['message'])}\n")
    if "export" in r:
        e = r["export"]
        out.write(f"Marketing list written to {display_name(e['path'])} ({e['rows']:,} customers"
                  + (f", {e['control']:,} held out as a control group" if e["control"] else "") + ")\n")
        if e.get("campaign_record"):
            out.write(f"Campaign record: {display_name(e['campaign_record'])} (for `clientele campaign` later)\n")
