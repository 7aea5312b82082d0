"""`clientele analyze ... --export OUT.xlsx`: the marketing list, written through the engine."""

from __future__ import annotations

import argparse

from desktop.engine.errors import InputError


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `analyze --export`."""
    parser.add_argument("--export", metavar="OUT.xlsx", default=None,
                        help="also write a marketing list: .xlsx (a finished workbook) or .csv (UTF-8 for Excel)")
    parser.add_argument("--segments", nargs="+", default=None, metavar="SEGMENT",
                        help="with --export: only these segments (keys or names, e.g. at_risk \"Can't Lose Them\")")
    parser.add_argument("--language", choices=["en", "zh"], default="en",
                        help="with --export: language of headers, segment names and messages")
    parser.add_argument("--control-share", type=float, default=0.0, metavar="SHARE",
                        help="with --export: hold out this share of the chosen customers as a control group "
                        "(e.g. 0.1); they are recorded in OUT.campaign.json but not listed")
    parser.add_argument("--offer", default="", help="with --export: the offer, recorded with the campaign")
    parser.add_argument("--cost-per-contact", type=float, default=0.0,
                        help="with --export: what contacting one customer costs, for the campaign's return")
    parser.add_argument("--with-predictions", action="store_true",
                        help="with --export: add churn risk, expected spend and lifetime value columns")
    parser.add_argument("--with-suggestions", action="store_true",
                        help="with --export: add each customer's suggested products")
    parser.add_argument("--sheet-per-segment", action="store_true", help="with --export: one sheet per segment")
    parser.add_argument("--private", action="store_true",
                        help="with --export: pseudonymised ids and masked phones/emails, for sharing")
    parser.add_argument("--where", default=None, metavar="EXPR",
                        help="only the customers matching a filter, e.g. \"spend > 500 and city = Hangzhou\" or "
                        "'bought product \"mooncake\" between 2025-08-15 and 2025-10-06' (grammar in the README); "
                        "with --export only they are written")
    parser.add_argument("--project", default=None, metavar="FILE.clientele",
                        help="a project (made from the files when it does not exist yet) that keeps saved lists "
                        "and, with --export, the campaign, so `todo --project` leaves its control group out")
    parser.add_argument("--save-list", default=None, metavar="NAME",
                        help="with --where and --project: save the filter in the project under this name")
    parser.add_argument("--list", default=None, metavar="NAME",
                        help="with --project: use the filter saved under this name (refreshed on these files)")
    parser.add_argument("--tiers", nargs="?", const="auto", default=None, metavar="SILVER,GOLD,PLATINUM",
                        help="add each customer's VIP tier by spend in the last 12 months; thresholds from the "
                        "shop's own figures, or give them, e.g. --tiers 500,2000,5000")


def check_export_arguments(args: argparse.Namespace) -> None:
    """Refuse wrong export options at once, before any file is read: the control share, the cost
    per contact (a finite number of 0 or more) and the export file's name and folder."""
    if getattr(args, "where", None) is not None:
        from desktop.engine.filters import parse

        parse(args.where)  # a mistake in the filter is named before any file is read
    if getattr(args, "tiers", None) not in (None, "auto"):
        from desktop.engine.tiers import TierThresholds

        TierThresholds.parse(args.tiers)
    if not args.export:
        return
    from desktop.engine.campaigns import campaign_record_path, check_cost_per_contact
    from desktop.engine.export import check_target

    if not 0.0 <= args.control_share < 0.9:
        raise InputError("export_control_share_range")
    check_cost_per_contact(args.cost_per_contact, "--cost-per-contact")
    target = check_target(args.export, input_files(args))
    check_target(campaign_record_path(target), input_files(args), (".json",))


def input_files(args: argparse.Namespace) -> list:
    """The files named on the command line: the order files and the customer list."""
    return list(args.files) + ([args.customers] if getattr(args, "customers", None) else [])


def export_from_cli(analysis, args: argparse.Namespace) -> dict:
    """Write the marketing list the options describe through the export job (the app's); return what
    was written, for the JSON."""
    from desktop.jobs.export import ExportJob, ExportRequest
    from desktop.jobs.export import run as export

    check_export_arguments(args)
    predictions = prediction_table(analysis) if args.with_predictions else None
    suggestions = suggestion_table(analysis) if args.with_suggestions else None
    chosen = where_result(analysis, args, predictions)
    if chosen is not None and not chosen.count:  # no empty list is written
        raise InputError("export_no_customer_matches", where_filter=repr(args.where))
    request = ExportRequest(
        path=args.export, segments=args.segments, customer_ids=chosen.customer_ids if chosen is not None else None,
        mask_contacts=args.private, control_share=args.control_share, open_folder=False,
        sheet_per_segment=args.sheet_per_segment, pseudonymise_ids=args.private, offer=args.offer,
        cost_per_contact=args.cost_per_contact,
        source_note=f"{analysis.report.rows_used:,} of {analysis.report.rows_read:,} rows used",
        tiers=args.tiers, prospects=True)
    result = export(ExportJob(request, analysis, predictions=predictions, suggestions=suggestions,
                              language=args.language))
    return {"path": str(result.path), "rows": result.rows, "control": result.control,
            "campaign_record": str(result.campaign_path) if result.campaign_path else None,
            **result.consent_to_dict()}


def prediction_table(analysis):
    """The prediction job's per-customer table (index customer id) with the app's default settings."""
    from desktop.jobs import predictions as jobs

    request = jobs.PredictionRequest(as_of=analysis.as_of, lines=analysis.lines,
                                     customers=jobs.customer_context(analysis.customers))
    return jobs.run(request).table


def suggestion_table(analysis):
    """The suggestion job's top suggestions of every customer of the analysis (default settings)."""
    import pandas as pd

    from desktop.jobs import suggestions as jobs

    # the models learn from purchases before `as_of`: the day after the analysis date includes that day
    request = jobs.SuggestionRequest(as_of=analysis.as_of + pd.Timedelta(days=1), lines=analysis.lines,
                                     customers=analysis.customers,
                                     customer_ids=tuple(str(c) for c in analysis.customers.index))
    return jobs.run(request).suggestions


def tier_thresholds(args: argparse.Namespace):
    """The owner's tier thresholds of --tiers (None: from the shop's own figures)."""
    from desktop.engine.tiers import TierThresholds

    return None if args.tiers in (None, "auto") else TierThresholds.parse(args.tiers)


def where_result(analysis, args: argparse.Namespace, predictions=None):
    """The filter job's result for the customers matching --where (None without one)."""
    if getattr(args, "where", None) is None:
        return None
    from desktop.jobs.filters import FilterRequest
    from desktop.jobs.filters import run as customers_matching

    return customers_matching(FilterRequest(analysis, args.where, "en", predictions, raise_errors=True))
