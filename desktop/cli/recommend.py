"""`clientele recommend`: product suggestions per customer, or how well they would have worked."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from desktop.cli.common import add_input_arguments, emit_json, load_analysis, parse_date_arg
from desktop.engine.errors import InputError
from desktop.paths import display_name

COLUMNS = ["customer_id", "rank", "product_id", "product_name", "score", "model", "reason_en", "reason_zh"]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "recommend", help="suggest products for each customer, or test the suggestions on past data",
        description="Suggest the products each customer is most likely to buy next, each with a reason. "
        "With --evaluate, pretend it is --cutoff DATE, suggest from the purchases before it, and "
        "measure how many of the products bought afterwards were suggested.",
    )
    add_input_arguments(parser)
    parser.add_argument("--k", type=int, default=10, metavar="N", help="suggestions per customer (default: 10)")
    parser.add_argument("--evaluate", action="store_true",
                        help="measure precision, recall, hit rate, NDCG and coverage at --cutoff")
    parser.add_argument("--cutoff", default=None, metavar="DATE",
                        help="with --evaluate: learn from purchases before DATE, test on those from DATE on")
    parser.add_argument("--out", default=None, metavar="FILE",
                        help="also save the suggestions to FILE (.csv or .xlsx)")
    parser.add_argument("--new-only", action="store_true",
                        help="suggest only products the customer has never bought")
    parser.add_argument("--exclude-recent", type=int, default=0, metavar="DAYS",
                        help="never suggest a product the customer bought in the last DAYS days")
    parser.add_argument("--exclude-product", action="append", default=[], metavar="PRODUCT",
                        help="never suggest this product (code or name; repeatable)")
    parser.add_argument("--exclude-category", action="append", default=[], metavar="CATEGORY",
                        help="never suggest products of this category (repeatable)")
    parser.add_argument("--customer", action="append", default=[], metavar="ID",
                        help="suggest only for this customer (repeatable)")
    parser.add_argument("--together", default=None, metavar="PRODUCT",
                        help="instead: list what is bought together with PRODUCT (code or name)")
    parser.add_argument("--offer", default=None, metavar="PRODUCT",
                        help="instead: rank the customers to offer PRODUCT to (code or name)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.set_defaults(run=run)


def _request(args: argparse.Namespace):
    """The suggestion job's request (desktop.jobs.suggestions.SuggestionRequest) from the options."""
    from desktop.jobs.suggestions import SuggestionRequest

    if args.k < 1 or args.k > 1000:
        raise InputError("cli_k_range")
    if args.exclude_recent < 0:
        raise InputError("cli_exclude_recent_range")
    return SuggestionRequest(k=args.k, allow_repeats=not args.new_only, exclude_recent_days=args.exclude_recent,
                             exclude_products=tuple(args.exclude_product),
                             exclude_categories=tuple(args.exclude_category), seed=args.seed)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from desktop.jobs import suggestions as jobs

    request = _request(args)
    if args.evaluate:
        return _run_evaluate(args, request)
    if args.cutoff:
        raise InputError("cli_cutoff_without_evaluate")
    out_path = None
    inputs = args.files + ([args.customers] if args.customers else [])
    if args.out:
        from desktop.engine.export import check_target

        out_path = check_target(args.out, inputs)
    analysis = load_analysis(args)
    # Suggest as of the end of the analysis day: everything bought up to and including it counts.
    as_of = analysis.as_of.normalize() + pd.Timedelta(days=1) if args.as_of else None
    request = replace(request, as_of=as_of, lines=analysis.lines, customers=analysis.customers,
                      customer_ids=tuple(args.customer) or None)
    bundle = jobs.run(request)
    if args.together is not None or args.offer is not None:
        product = args.together if args.together is not None else args.offer
        together, offer = jobs.run_product(jobs.ProductRequest(product, n_together=args.k, n_offer=args.k,
                                                               models=bundle.models))
    if args.together is not None:
        table = together
    elif args.offer is not None:
        from desktop.engine.consent import drop_refusers

        # a list of whom to offer a product is a marketing list: never those who refused
        table, refusers = drop_refusers(offer, analysis.customers)
        if refusers and not args.json:
            print(f"note: {refusers:,} customer(s) who refused marketing were left out.")
    else:
        table = bundle.suggestions
    if out_path is not None:
        write_table(table, out_path, inputs)
    if args.json:
        emit_json(table.to_dict(orient="records"))
    else:
        print_table(table, args)
        if out_path is not None:
            print(f"Saved {len(table):,} rows to {display_name(out_path)}")
    return 0


def _run_evaluate(args: argparse.Namespace, request) -> int:
    from dataclasses import replace

    from desktop.jobs.suggestions import EvaluationRequest, run_evaluation

    if not args.cutoff:
        raise InputError("cli_evaluate_needs_cutoff")
    if args.out:
        raise InputError("cli_out_with_evaluate")
    cutoff = parse_date_arg(args.cutoff, "--cutoff")
    analysis = load_analysis(args)
    # Segments from the whole history would leak the test period, so the evaluation makes its own
    # (no customers in the request).
    result = run_evaluation(EvaluationRequest(pd.Timestamp(cutoff), replace(request, lines=analysis.lines),
                                              details=not args.json))
    warnings = result.pop("warnings", [])
    if args.json:
        emit_json({**result, "warnings": [w.to_dict() for w in warnings]})
    else:
        for w in warnings:
            sys.stdout.write(f"warning: {w.text()}\n")
        print_evaluation(result)
    return 0


def write_table(table: pd.DataFrame, path: Path, input_paths: list | tuple = ()) -> None:
    """Save a suggestion table to .csv (UTF-8 with BOM, for Excel) or .xlsx through the export's
    safe cell writer, atomically."""
    from desktop.engine.export import write_table as write_safe_table

    write_safe_table(table, path, input_paths, sheet="Suggestions")


def print_table(table: pd.DataFrame, args: argparse.Namespace) -> None:
    """Print suggestions for a person to read."""
    out = sys.stdout
    if table.empty:
        out.write("No suggestions.\n")
        return
    if args.together is not None:
        out.write(f"Bought together with {args.together}:\n")
        for r in table.itertuples(index=False):
            out.write(f"  {r.product_name}  (confidence {r.confidence:.0%}, lift {r.lift:.1f}, "
                      f"{r.together} baskets)\n")
        return
    if args.offer is not None:
        out.write(f"Customers to offer {args.offer} to:\n")
        for r in table.itertuples(index=False):
            out.write(f"  {r.rank:>3}. {r.customer_id}  {r.reason_en}\n")
        return
    current = None
    for r in table.itertuples(index=False):
        if r.customer_id != current:
            current = r.customer_id
            out.write(f"\nCustomer {current}:\n")
        out.write(f"  {r.rank:>2}. {r.product_name} — {r.reason_en}\n")


def print_evaluation(r: dict) -> None:
    """Print the evaluation table for a person to read."""
    from desktop.engine.suggestions import MODEL_NAMES

    out = sys.stdout
    k = r["k"]
    d = r.get("details", {})
    scored = r.get("customers_evaluated") or d.get("customers_scored", {})
    out.write(f"Suggestions learnt from purchases before {r['cutoff']}, tested on purchases from then on (k = {k}).\n")
    for mode, title in (("repeats_allowed", "Repeats allowed"), ("new_items_only", "New products only")):
        n = scored.get(mode)
        out.write(f"\n{title}" + (f" ({n:,} customers)" if n is not None else "") + ":\n")
        out.write(f"  {'model':<20}{'precision':>10}{'recall':>8}{'hit rate':>10}{'NDCG':>7}{'coverage':>10}\n")
        for name, figures in r["models"].items():
            f = figures[mode]
            out.write(f"  {name:<20}{f['precision']:>10.3f}{f['recall']:>8.3f}{f['hit_rate']:>10.3f}"
                      f"{f['ndcg']:>7.3f}{f['coverage']:>10.3f}\n")
        w = d.get("weights", {}).get(mode)
        if w:
            parts = ", ".join(f"{MODEL_NAMES.get(m, (m,))[0].lower()} {v:g}" for m, v in w.items())
            out.write(f"  blend weights: {parts}\n")
