"""`clientele todo`: whom to contact in the coming days, why, with which words and what is at stake."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desktop.cli.common import add_input_arguments, emit_json, load_analysis
from desktop.engine.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    from desktop.engine.festivals import COUNTRIES

    parser = subparsers.add_parser(
        "todo", help="this week's customers to contact, with the reason and a message",
        description="The customers to contact in the coming days, ranked by the money at stake: due to buy "
        "again on their own usual gap, the best moment to win back, birthdays and first-purchase "
        "anniversaries, new customers due for a second purchase, and who bought before last year's same "
        "festival (lunar festivals computed). The week starts on the analysis date (--as-of, default the "
        "last date in the data).",
    )
    add_input_arguments(parser)
    parser.add_argument("--days", type=int, default=7, metavar="N", help="length of the window in days (default 7)")
    parser.add_argument("--country", default="CN", type=str.upper, metavar="CODE",
                        help=f"the shop's country, for Mother's and Father's Day ({', '.join(COUNTRIES)}; default CN)")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="customers per list (default 20)")
    parser.add_argument("--project", default=None, metavar="FILE.clientele",
                        help="keep the contacted ticks in this project (made from the files when it does not exist "
                        "yet): ticked customers leave the lists for 30 days, and the control groups of campaigns in "
                        "the project are left out")
    parser.add_argument("--contacted", nargs="+", default=[], metavar="CUSTOMER_ID",
                        help="with --project: tick these customers as contacted")
    parser.add_argument("--uncontacted", nargs="+", default=[], metavar="CUSTOMER_ID",
                        help="with --project: take the tick off these customers")
    parser.add_argument("--campaign", action="append", default=[], metavar="RECORD.campaign.json",
                        help="leave out the control group of this exported campaign (repeatable)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.days <= 92:
        raise InputError("cli_days_range", days=args.days)
    if not 1 <= args.limit <= 100_000:
        raise InputError("cli_limit_range", limit=args.limit)
    if not (len(args.country) == 2 and args.country.isalpha()):
        raise InputError("cli_country_code", country=repr(args.country))
    if (args.contacted or args.uncontacted) and not args.project:
        raise InputError("cli_ticks_need_project")
    from desktop.jobs.campaigns import load_record

    records = [load_record(p) for p in args.campaign]
    analysis = load_analysis(args)
    out, state = _lists(args, analysis, records)
    if state is not None:
        out["project"] = {"path": args.project, "ticks": len(state.ticks)}
    if args.json:
        emit_json(out)
    else:
        print_summary(out)
    return 0


def _lists(args: argparse.Namespace, analysis, records: list) -> tuple[dict, Any]:
    """The lists without the ticked customers and the control groups; the project saved when ticks changed."""
    from desktop.cli.projects import project_state, save_state
    from desktop.engine.ticks import tick, untick
    from desktop.jobs.todo import TodoRequest
    from desktop.jobs.todo import run as todo

    state, exists = project_state(args.project, analysis)
    if state is not None and (args.contacted or args.uncontacted):
        known = set(analysis.customers.index.astype(str))
        unknown = [c for c in args.contacted if c not in known]
        if unknown:
            raise InputError("cli_contacted_unknown", customer=unknown[0])
        state.ticks = untick(tick(state.ticks, args.contacted, analysis.as_of), args.uncontacted)
        save_state(args.project, state)
    ticks = state.ticks if state is not None else []
    campaigns = [*(state.campaigns if state is not None else []), *records]
    request = TodoRequest(analysis, days=args.days, country=args.country, language="en", limit=args.limit,
                          ticks=list(ticks), campaigns=campaigns)
    return todo(request).to_dict("en"), state


def print_summary(r: dict) -> None:
    out = sys.stdout
    kind = {"expected_12m": "expected spend next 12 months", "last_12m": "spend in the last 12 months",
            "none": "no prices in this file"}[r["value_kind"]]
    out.write(f"This week: {r['as_of']} and the {r['window_days'] - 1} days after (value = {kind})\n")
    for t in r["lists"]:
        shown = len(t["customers"])
        more = f", {t['total']:,} in all" if t["total"] > shown else ""
        out.write(f"\n{t['title']} ({shown:,}{more})\n")
        for c in t["customers"]:
            value = "" if c["value"] is None else f"{c['value']:>10,.0f}  "
            who = c["customer_id"] + (f" {c['name']}" if c["name"] else "")
            out.write(f"  {c['due']}  {value}{who[:28]:<28}  {c['reason']}\n")
    left = r.get("left_out") or {}
    if left.get("contacted") or left.get("control"):
        out.write(f"\nLeft out: {left.get('contacted', 0):,} already contacted, "
                  f"{left.get('control', 0):,} in a campaign's control group\n")
    for w in r.get("warnings", []):
        out.write(f"note: {w['message']}\n")
