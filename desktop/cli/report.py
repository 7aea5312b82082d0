"""`clientele report`: the monthly report as a PDF of one to three pages, in English or Chinese."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import add_input_arguments, emit_json, load_analysis
from desktop.engine.errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="the monthly report as a PDF (key figures, trend, groups, campaigns, this week)",
        description="Write the monthly report: this month's key figures against the same days of last month, "
        "the month-by-month chart, the groups and who moved between them with the money at stake, campaign "
        "results and this week's list. One to three A4 pages; fonts that show Chinese are built in.",
    )
    add_input_arguments(parser)
    parser.add_argument("--out", required=True, metavar="REPORT.pdf", help="the PDF to write")
    parser.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the report (default en)")
    parser.add_argument("--project", default=None, metavar="FILE.clientele",
                        help="a project whose campaigns are reported and whose contacted ticks leave this week's list")
    parser.add_argument("--campaign", action="append", default=[], metavar="RECORD.campaign.json",
                        help="also report this exported campaign (repeatable)")
    parser.add_argument("--country", default="CN", type=str.upper, metavar="CODE",
                        help="the shop's country, for festival dates (default CN)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.jobs.campaigns import load_record
    from desktop.engine.export import check_target
    from desktop.cli.exporting import input_files

    target = check_target(args.out, input_files(args), (".pdf",))
    records = [load_record(p) for p in args.campaign]
    state = None
    if args.project:
        from desktop.engine.project import load_project

        state = load_project(args.project).state
    analysis = load_analysis(args)
    from desktop.engine.report import build_report
    from desktop.engine.ticks import contacted, held_out

    campaigns = [*(state.campaigns if state else []), *records]
    data = build_report(analysis, campaigns=campaigns, language=args.lang, country=args.country,
                        contacted=contacted(state.ticks if state else [], analysis.as_of),
                        control=held_out(campaigns, analysis.as_of))
    try:
        from desktop.ui.report_pdf import write_report_pdf
    except ImportError as exc:  # a build without Qt
        raise InputError("report_no_pdf", missing=str(exc.name)) from None
    path, pages = write_report_pdf(data.to_dict(args.lang), target, args.lang)
    out = {"path": str(path), "pages": pages, "language": args.lang, "month": data.month, "as_of": data.as_of,
           "warnings": [w.to_dict(args.lang) for w in data.warnings]}
    if args.json:
        emit_json(out)
    else:
        sys.stdout.write(f"Monthly report for {data.month} written to {path} ({pages} page(s), {args.lang})\n")
    return 0
