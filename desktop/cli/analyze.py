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
        "RFM segments. Rows that cannot be used are set aside and counted by reason. A folder or several "
        "files are read as one; the JSON field files_combined says how.",
    )
    add_input_arguments(parser)
    add_export_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _saved_list_arguments(args)
    check_export_arguments(args)
    analysis = load_analysis(args)
    result = analysis.to_json()
    if args.where is not None:
        from desktop.cli.exporting import where_result

        result["where"] = where_result(analysis, args).to_dict()
    if args.tiers is not None:
        from desktop.cli.exporting import tier_thresholds
        from desktop.engine.tiers import tiers_of

        result["tiers"] = tiers_of(analysis, tier_thresholds(args)).to_dict()
    if args.export:
        from desktop.cli.exporting import export_from_cli

        result["export"] = export_from_cli(analysis, args)
        result.setdefault("warnings", []).extend(result["export"]["warnings"])  # the consent note
    if args.project and (args.save_list or (args.export and result["export"].get("campaign_record"))):
        result["project"] = _keep_in_project(args, analysis, result)
    if args.json:
        emit_json(result)
    else:
        print_summary(result)
    return 0


def _saved_list_arguments(args: argparse.Namespace) -> None:
    """--list NAME: the filter saved in the project becomes --where; --save-list needs --where."""
    from desktop.engine.errors import InputError

    if (args.list or args.save_list) and not args.project:
        raise InputError("cli_lists_need_project")
    if args.save_list and args.where is None and args.list is None:
        raise InputError("cli_save_list_needs_where")
    if args.list:
        if args.where is not None:
            raise InputError("cli_where_or_list")
        from desktop.engine.project import load_project
        from desktop.engine.ticks import find_list

        args.where = find_list(load_project(args.project).state.saved_lists, args.list)["expression"]


def _keep_in_project(args: argparse.Namespace, analysis, result: dict) -> dict:
    """Save the list (--save-list) and the exported campaign in the project; return what it holds."""
    import json
    from pathlib import Path

    from desktop.cli.projects import project_state, save_state
    from desktop.engine.ticks import save_list

    state, _exists = project_state(args.project, analysis)
    if args.save_list:
        state.saved_lists = save_list(state.saved_lists, args.save_list, args.where)
    record = (result.get("export") or {}).get("campaign_record")
    if record:
        state.campaigns = [*state.campaigns, json.loads(Path(record).read_text("utf-8"))]
    path = save_state(args.project, state)
    return {"path": path, "saved_lists": [x["name"] for x in state.saved_lists], "campaigns": len(state.campaigns)}


def print_summary(r: dict) -> None:
    out = sys.stdout
    out.write(f"Rows read: {r['rows_read']:,}   used: {r['rows_used']:,}\n")
    for reason, n in r["rows_set_aside"].items():
        out.write(f"  set aside, {reason.replace('_', ' ')}: {n:,}\n")
    if r.get("return_lines"):
        out.write(f"  return / cancellation lines netted out of spend: {r['return_lines']:,}\n")
    combined = r.get("files_combined") or {}
    if combined.get("how") not in (None, "one_file"):
        out.write(f"Files ({combined['how'].replace('_', ' ')}): {', '.join(combined['files'])}\n")
        for j in combined.get("joins", []):
            out.write(f"  joined {j['lines']} [{j['column']}] -> {j['to']} [{j['key']}] ({j['kind']}, "
                      f"{j['matched']:.0%} found)\n")
        if combined.get("overlap_lines"):
            out.write(f"  lines also in an earlier file, counted once: {combined['overlap_lines']:,}\n")
        for part in combined.get("parts", [])[1:]:
            out.write(f"  columns of {', '.join(part['files'])}: "
                      + ", ".join(f"{k} = {v!r}" for k, v in part["column_roles"].items()) + "\n")
    out.write("Columns: " + ", ".join(f"{k} = {v!r}" for k, v in r["column_roles"].items()) + "\n")
    out.write(
        f"Customers: {r['customers']:,}   orders: {r['orders']:,}   products: {r['products']:,}   "
        f"net revenue: {_money(r['net_revenue'])}   as of {r['as_of']}\n"
    )
    walk_in = r.get("walk_in") or {}
    if walk_in.get("lines"):
        out.write(f"Walk-in sales (no customer; ids {', '.join(repr(i) for i in walk_in['ids'])}): "
                  f"{walk_in['lines']:,} lines, {walk_in['orders']:,} orders, revenue {_money(walk_in['revenue'])}\n"
                  f"Shop totals (customers + walk-in): {r['shop_orders']:,} orders, "
                  f"revenue {_money(r['shop_revenue'])}\n")
    out.write(f"\n{'Segment':<22}{'Customers':>10}{'Revenue share':>15}  Suggested action\n")
    for s in r["segments"]:
        share = f"{s['revenue_share']:>14.1%}" if s["revenue_share"] is not None else f"{'n/a':>14}"
        out.write(f"{s['name']:<22}{s['customers']:>10,}{share}  {s['action']}\n")
    for note in r.get("notes", []):
        out.write(f"note: {display_name(note)}\n")
    for w in r.get("warnings", []):
        out.write(f"warning: {display_name(w['message'])}\n")
    if "where" in r:
        out.write(f"Customers matching {r['where']['expression']!r}: {r['where']['customers']:,}\n")
    if "tiers" in r and r["tiers"]["thresholds"]:
        t = r["tiers"]
        cuts = ", ".join(f"{k} from {v:,.0f}" for k, v in t["thresholds"].items())
        out.write(f"VIP tiers (spend in the last 12 months; {cuts}): "
                  + ", ".join(f"{x['name']} {x['customers']:,}" for x in t["tiers"])
                  + f"; moved up since {t['since']}: {t['moved_up_count']:,}, down: {t['moved_down_count']:,}\n")
    if "export" in r:
        e = r["export"]
        out.write(f"Marketing list written to {display_name(e['path'])} ({e['rows']:,} customers"
                  + (f", {e['control']:,} held out as a control group" if e["control"] else "") + ")\n")
        if e.get("campaign_record"):
            out.write(f"Campaign record: {display_name(e['campaign_record'])} (for `clientele campaign` later)\n")


def _money(value: float | None) -> str:
    return "no prices in this file" if value is None else f"{value:,.2f}"
