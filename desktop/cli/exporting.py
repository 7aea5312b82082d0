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


def check_export_arguments(args: argparse.Namespace) -> None:
    """Refuse wrong export options at once, before any file is read: the control share, the cost
    per contact (a finite number of 0 or more) and the export file's name and folder."""
    if not args.export:
        return
    from desktop.engine.campaigns import campaign_record_path, check_cost_per_contact
    from desktop.engine.export import check_target

    if not 0.0 <= args.control_share < 0.9:
        raise InputError("--control-share must be between 0 and 0.9, e.g. 0.1 for 10%.",
                         zh="--control-share 必须在 0 到 0.9 之间，例如 0.1 表示 10%。")
    check_cost_per_contact(args.cost_per_contact, "--cost-per-contact", "--cost-per-contact ")
    target = check_target(args.export, input_files(args))
    check_target(campaign_record_path(target), input_files(args), (".json",))


def input_files(args: argparse.Namespace) -> list:
    """The files named on the command line: the order files and the customer list."""
    return list(args.files) + ([args.customers] if getattr(args, "customers", None) else [])


def export_from_cli(analysis, args: argparse.Namespace) -> dict:
    """Write the marketing list the options describe; return what was written, for the JSON."""
    from desktop.engine.export import ExportOptions, with_extras
    from desktop.engine.marketing import export_marketing_list

    check_export_arguments(args)
    customers = analysis.customers
    predictions = suggestions = None
    if args.with_predictions:
        from desktop.engine.predictions import predict_customers

        predictions = predict_customers(analysis.lines, analysis.as_of).table
    if args.with_suggestions:
        import pandas as pd

        from desktop.engine.suggestions import fit_models, recommend

        # fit_models uses purchases before `as_of`; the analysis date itself is included.
        models = fit_models(analysis.lines, customers=customers, as_of=analysis.as_of + pd.Timedelta(days=1))
        suggestions = recommend(models, list(customers.index))
    if predictions is not None or suggestions is not None:
        customers = with_extras(customers, predictions, suggestions)
    options = ExportOptions(
        segments=args.segments, language=args.language, control_share=args.control_share,
        offer=args.offer, cost_per_contact=args.cost_per_contact, sheet_per_segment=args.sheet_per_segment,
        pseudonymise_ids=args.private, mask_contacts=args.private,
        source_note=f"{analysis.report.rows_used:,} of {analysis.report.rows_read:,} rows used",
    )
    segments = analysis.segments
    if getattr(analysis, "prospects", None) is not None:
        from desktop.engine.segments.prospects import with_prospects

        # The customer list's sign-ups who never bought: a segment of their own (issue 21).
        customers, segments = with_prospects(customers, segments, analysis.prospects)
    inputs = list(analysis.options.paths)
    if analysis.options.customers_file is not None:
        inputs.append(analysis.options.customers_file)
    result = export_marketing_list(customers, segments, args.export, options, inputs, as_of=analysis.as_of)
    return {"path": str(result.path), "rows": result.rows, "control": result.control,
            "campaign_record": str(result.campaign_path) if result.campaign_path else None}
