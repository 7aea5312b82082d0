"""`clientele campaign`: did the campaign work? Contacted vs control group on newer sales data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.common import (
    add_input_arguments,
    emit_json,
    load_analysis,
    parse_date_arg,
)
from desktop.cli.exporting import input_files
from desktop.engine.errors import InputError
from desktop.paths import display_name


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "campaign", help="results of a campaign exported with a control group",
        description="Compare the customers a campaign contacted with its control group on newer sales "
        "data: response rate, spend per customer, the difference with a 95%% interval, and the return "
        "after the offer's cost.",
    )
    parser.add_argument("record", metavar="RECORD.campaign.json", help="the campaign record written by the export")
    add_input_arguments(parser)
    parser.add_argument("--start", default=None, help="first day of the period (default: the campaign's day)")
    parser.add_argument("--end", default=None, help="last day of the period (default: the last sale in the files)")
    parser.add_argument("--cost-per-contact", type=float, default=None,
                        help="cost of contacting one customer (default: the one recorded at export)")
    parser.add_argument("--margin", type=float, default=1.0,
                        help="share of revenue that is profit, e.g. 0.4 (default 1: judge on revenue)")
    parser.add_argument("--out", default=None, metavar="RESULTS.xlsx", help="also write the results (.xlsx or .csv)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.engine.campaigns import check_cost_per_contact
    from desktop.jobs import campaigns as jobs

    if args.cost_per_contact is not None:
        check_cost_per_contact(args.cost_per_contact, "--cost-per-contact")
    if not 0.0 < args.margin <= 1.0:  # also refuses nan
        raise InputError("cli_margin_range")
    path = Path(args.record)
    if not path.is_file():
        raise InputError("cli_campaign_record_missing", name=display_name(path))
    record = jobs.load_record(str(path))  # every field checked: one sentence when anything is wrong
    inputs = (*input_files(args), str(path))
    if args.out:
        from desktop.engine.export import check_target

        check_target(args.out, inputs)  # a wrong name is said before the files are read
    analysis = load_analysis(args)
    result = jobs.run(jobs.CampaignRequest(record, parse_date_arg(args.start, "--start"),
                                           parse_date_arg(args.end, "--end"), args.cost_per_contact, args.margin,
                                           lines=analysis.lines))
    written = None
    if args.out:
        read = (*inputs, *(str(p) for p in analysis.options.paths))
        written = jobs.save_results(jobs.SaveResultsRequest(result, args.out, record, "en", read))
    table = result.to_frame("en")
    if args.json:
        emit_json({
            "campaign_id": result.campaign_id, "start": result.start, "end": result.end,
            "contacted": result.contacted.__dict__, "control": result.control.__dict__,
            "response_lift": result.response_lift, "response_lift_ci": list(result.response_lift_ci),
            "spend_lift": result.spend_lift, "spend_lift_ci": list(result.spend_lift_ci),
            "incremental_revenue": result.incremental_revenue, "cost": result.cost,
            "net_return": result.net_return, "net_return_ci": list(result.net_return_ci), "roi": result.roi,
            "notes": result.notes, "results_file": str(written) if written else None,
        })
        return 0
    out = sys.stdout
    out.write(f"Campaign {result.campaign_id}: {result.start.date()} to {result.end.date()}\n")
    out.write(table.to_string(index=False, float_format=lambda v: f"{v:,.3f}") + "\n")
    for note in result.notes:
        out.write(f"note: {display_name(note)}\n")
    if written:
        out.write(f"Results written to {display_name(written)}\n")
    return 0
