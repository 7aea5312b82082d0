"""`clientele todo`: whom to contact in the coming days, why, with which words and what is at stake."""

from __future__ import annotations

import argparse
import sys

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
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.engine.todo import todo_of

    if not 1 <= args.days <= 92:
        raise InputError(f"--days {args.days} should be between 1 and 92.",
                         zh=f"--days {args.days} 应在 1 到 92 之间。")
    if not 1 <= args.limit <= 100_000:
        raise InputError(f"--limit {args.limit} should be at least 1.", zh=f"--limit {args.limit} 应至少为 1。")
    if not (len(args.country) == 2 and args.country.isalpha()):
        raise InputError(f"--country {args.country!r} should be a two-letter country code such as CN, US or GB.",
                         zh=f"--country {args.country!r} 应为两个字母的国家代码，例如 CN、US 或 GB。")
    analysis = load_analysis(args)
    out = todo_of(analysis, days=args.days, country=args.country, limit=args.limit).to_dict("en")
    if args.json:
        emit_json(out)
    else:
        print_summary(out)
    return 0


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
    for w in r.get("warnings", []):
        out.write(f"note: {w['message']}\n")
