"""`clientele segment`: segment customers by RFM or by clustering, with names, rules and quality."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import add_input_arguments, emit_json, load_analysis
from desktop.engine.errors import InputError

METHODS = ("rfm", "kmeans", "hierarchical", "gmm", "hdbscan")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "segment", help="group customers into named segments (RFM or clustering)",
        description="Group customers into segments by RFM scores or by clustering their buying "
        "behaviour, product mix and profile; print each segment's name, size, rules that explain it "
        "and how reliable the segmentation is.",
    )
    add_input_arguments(parser)
    parser.add_argument("--method", choices=METHODS, default="kmeans",
                        help="how to segment (default: kmeans)")
    parser.add_argument("--k", type=int, default=None, metavar="N",
                        help="number of segments (default: chosen automatically)")
    parser.add_argument("--features", default="behaviour", metavar="GROUPS",
                        help="feature groups to cluster on, comma-separated: behaviour, products, "
                        "profile (default: behaviour)")
    parser.add_argument("--factors", action="store_true",
                        help="explain what customers differ in by factor analysis (varimax): each "
                        "factor's features in words, the number of factors by parallel analysis, and "
                        "each customer's factor scores with --list-customers")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("--currency", default="", metavar="SYMBOL",
                        help="currency symbol for amounts in rules, e.g. ¥ or £")
    parser.add_argument("--rename", action="append", default=[], metavar="KEY=NAME",
                        help="rename a segment, e.g. --rename s1=\"Weekend regulars\" (repeatable)")
    parser.add_argument("--compare-days", type=int, default=None, metavar="DAYS",
                        help="also show how customers moved between segments since DAYS days "
                        "before the analysis date")
    parser.add_argument("--list-customers", action="store_true",
                        help="with --json: include every customer's segment and map position")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from desktop.jobs.segments import GroupingRequest
    from desktop.jobs.segments import run as grouping

    groups = tuple(g.strip() for g in args.features.split(",") if g.strip())
    renames = _parse_renames(args.rename)
    analysis = load_analysis(args)
    request = GroupingRequest(method=args.method, k=args.k, groups=groups or ("behaviour",),
                              rfm_model=int(args.rfm_model), currency=args.currency, seed=args.seed,
                              factors=args.factors, customers=analysis.customers, lines=analysis.lines,
                              only_available=False)
    seg = grouping(request).segmentation
    if renames:
        unknown = [k for k in renames if k not in seg.names]
        if unknown:
            raise InputError("cli_rename_unknown_key", key=unknown[0], keys=", ".join(seg.names))
        try:
            seg.rename(renames)
        except ValueError as exc:
            raise InputError("cli_rename_invalid", problem=str(exc)) from None
    result = seg.to_dict(customers=args.list_customers)
    if not analysis.has_prices:
        _without_money(result, analysis)
    if getattr(analysis, "prospects", None) is not None and len(analysis.prospects):
        from desktop.engine.segments.prospects import PROSPECTS_KEY, summary_row

        # Sign-ups who never bought: a group of their own, beside the segments of buyers.
        n = len(analysis.prospects)
        result["prospects"] = summary_row(n, n + result["customers"])
        if args.list_customers:
            result["customer_segments"].extend({"customer_id": str(cid), "segment": PROSPECTS_KEY}
                                               for cid in analysis.prospects.index)
    result["as_of"] = analysis.as_of.date().isoformat()
    result["files"] = [str(f) for f in args.files]
    if args.compare_days is not None:
        import pandas as pd

        from desktop.jobs.segments import MigrationRequest, run_migration

        if args.compare_days < 1:
            raise InputError("cli_compare_days_range")
        now = pd.Timestamp(analysis.as_of).normalize()
        # the segmentation above is reused for "now" (its settings for "then"), as in the app
        mig = run_migration(MigrationRequest(then=now - pd.Timedelta(days=args.compare_days), now=now,
                                             method=args.method, rfm_model=int(args.rfm_model),
                                             currency=args.currency, analysis=analysis, segmentation=seg))
        result["migration"] = mig.to_dict(movers=args.list_customers)
    if args.json:
        emit_json(result)
    else:
        print_summary(result)
    return 0


def _without_money(result: dict, analysis) -> None:
    """A file without prices: the segments' money figures are null and a warning says why."""
    for s in result.get("segments", []):
        for key in ("revenue", "revenue_share", "avg_spend", "median_order_value"):
            if key in s:
                s[key] = None
    result.setdefault("warnings", []).extend(w.to_dict() for w in analysis.report.warnings if w.code == "no_prices")


def _parse_renames(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, name = item.partition("=")
        if not sep or not key.strip() or not name.strip():
            raise InputError("cli_rename_form", item=repr(item))
        out[key.strip()] = name.strip()
    return out


def print_summary(r: dict) -> None:
    """Print the segmentation for a person to read."""
    out = sys.stdout
    q = r["quality"]
    out.write(f"{r['method_name']}: {r['k']} segments of {r['customers']:,} customers, as of {r['as_of']}\n")
    out.write(r["features"]["text"] + "\n\n")
    out.write(f"{'Key':<9}{'Segment':<46}{'Customers':>10}{'Share':>8}{'Revenue':>9}\n")
    for s in r["segments"]:
        out.write(f"{s['key']:<9}{s['name'][:45]:<46}{s['customers']:>10,}{s['share']:>8.1%}"
                  + (f"{s['revenue_share']:>9.1%}\n" if s.get("revenue_share") is not None else f"{'n/a':>9}\n"))
        if s.get("profile"):
            out.write(f"{'':9}{s['profile']}\n")
        for rule in s.get("rules", [])[:2]:
            out.write(f"{'':9}rule: {rule['rule']} ({rule['precision']:.0%} of {rule['customers']:,})\n")
    p = r.get("prospects")
    if p:
        out.write(f"{p['key']} {p['name'][:45]:<45}{p['customers']:>10,}{p['share']:>8.1%}{'':>9}\n")
    sil = "n/a" if q.get("silhouette") is None else f"{q['silhouette']:.2f}"
    ari = "n/a" if q.get("stability_ari") is None else f"{q['stability_ari']:.2f}"
    out.write(f"\nQuality: {q['verdict']} silhouette {sil}, stability {ari}, "
              f"rules agree with {r['rules_agreement']:.0%} of customers\n")
    f = r["factors"]
    if f.get("n_factors") is not None:
        out.write(f"Factor analysis: {f['rule']}\n")
        for c in f["factors"]:
            out.write(f"  {c['sentence']}\n")
    else:
        out.write(f["sentence"] + "\n")
    if r.get("k_curve"):
        score = "silhouette" if "silhouette" in r["k_curve"][0] else "bic"
        curve = "  ".join(f"{p['k']}:{p[score]:.2f}" if p[score] is not None else f"{p['k']}:-"
                          for p in r["k_curve"])
        out.write(f"Segments tried ({score}): {curve}\n")
    for n in r.get("notes", []):
        out.write(f"note: {n['message']}\n")
    for w in r.get("warnings", []):
        out.write(f"warning: {w['message']}\n")
    mig = r.get("migration")
    if mig:
        out.write(f"\nSince {mig['then']} ({mig['stayed_share']:.0%} of earlier customers kept their segment):\n")
        for m in mig["moves"][:10]:
            out.write(f"  {m['sentence']}\n")
