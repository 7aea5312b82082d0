"""The whole path from files to segments in one call, for the CLI, the app and tests.

files -> raw tables (reading) -> column roles (roles) -> order lines (cleaning)
      -> customers (customers) -> RFM segments (segments.rfm)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..texts import Message, message
from .checks import run_checks
from .cleaning import CleaningReport, clean_customer_list, clean_lines
from .combining import Combination, combine, files_combined, stack_results
from .customers import build_customers, default_as_of
from .errors import InputError
from .progress import Progress, no_progress, scaled
from .reading import RawTable, check_duplicate_roles, read_file
from .roles import PROFILE_ROLES, RoleMatch, describe_roles, detect_roles, role_doubts
from .segments.rfm import EightClassThresholds, RFMResult, RFMThresholds, apply_rfm


@dataclass
class AnalysisOptions:
    """What to read and how to analyse it."""

    paths: list[Path]
    sheet: str | None = None  # a sheet name, 'all' (combine same-header sheets) or None (the largest)
    customers_file: Path | None = None
    overrides: dict[str, str] = field(default_factory=dict)  # role -> column name
    customer_overrides: dict[str, str] = field(default_factory=dict)  # for the customer list file
    as_of: date | None = None
    rfm_model: int = 11
    date_order: str = "auto"  # 'auto', 'dmy' or 'mdy'
    eight_class: EightClassThresholds | None = None  # owner-set thresholds of the 8-class model
    keep_zero_price: bool = False  # keep zero-price lines instead of setting them aside
    keep_duplicates: bool = False  # keep exact duplicate lines instead of setting them aside
    keep_walk_in: bool = False  # keep walk-in / placeholder customer ids ('0', 'guest', '散客') as customers

    def __post_init__(self) -> None:
        self.paths = [Path(p) for p in self.paths]
        if self.customers_file is not None:
            self.customers_file = Path(self.customers_file)


@dataclass
class LoadedData:
    """Clean order lines and what was learnt while reading them."""

    lines: pd.DataFrame
    report: CleaningReport
    roles: dict[str, RoleMatch]
    profiles: pd.DataFrame
    customer_roles: dict[str, RoleMatch] = field(default_factory=dict)
    tables: list[RawTable] = field(default_factory=list)
    combination: Combination | None = None  # how several files were read as one


@dataclass
class Analysis:
    """Everything the views and exports need about one shop."""

    options: AnalysisOptions
    lines: pd.DataFrame
    customers: pd.DataFrame
    segments: pd.DataFrame
    report: CleaningReport
    roles: dict[str, RoleMatch]
    customer_roles: dict[str, RoleMatch]
    as_of: pd.Timestamp
    rfm: RFMResult
    checks: list[Message] = field(default_factory=list)  # implausible figures found after the analysis
    combination: Combination | None = None  # how several files were read as one
    # The customer list's people with no purchase (segments/prospects.py); None without a list.
    prospects: pd.DataFrame | None = None
    # customers forgotten on request (forget.py), kept when the analysis was rebuilt from a project
    deletions: list[dict[str, str]] = field(default_factory=list)
    # orders, products and net revenue of the lines, when they were computed where the lines are
    # (csvsql.py: the lines stay in DuckDB until something asks for `lines`)
    line_figures: dict[str, Any] | None = None

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if name == "lines" and not isinstance(value, pd.DataFrame) and hasattr(value, "frame"):
            value = value.frame()  # csvsql.EngineLines: the lines as pandas, made once on first use
            object.__setattr__(self, "lines", value)
        return value

    @property
    def thresholds(self) -> RFMThresholds:
        return self.rfm.thresholds

    @property
    def warnings(self) -> list[Message]:
        """Every warning: those of reading and cleaning, then those of the checks (checks.py), then the
        RFM groups' (provisional on a short history)."""
        return list(self.report.warnings) + list(getattr(self, "checks", [])) + list(self.rfm.warnings)

    @property
    def has_prices(self) -> bool:
        """False for a file without amounts or prices: money figures are unknown (None)."""
        return self.report.has_prices

    def walk_in(self) -> dict:
        """Walk-in sales up to the analysis date: {ids, lines, revenue, orders} (zero when none)."""
        if self.report.walk_in is None:
            return {"ids": [], "lines": 0, "revenue": 0.0 if self.has_prices else None, "orders": 0}
        return self.report.walk_in.totals(self.as_of)

    def key_figures(self) -> dict[str, Any]:
        """Customers, orders, products, net revenue (identified customers), walk-in sales and the shop's
        revenue and orders (identified + walk-in), active in the last 90 days, repeat rate, AOV. Money
        figures are None when the file has no prices."""
        c = self.customers
        if self.line_figures is not None:
            orders, products, revenue = (self.line_figures[k] for k in ("orders", "products", "net_revenue"))
        else:
            buys = self.lines[~self.lines["is_return"]]
            orders, products = int(buys["order_id"].nunique()), int(buys["product_id"].nunique())
            revenue = float(self.lines.loc[self.lines["date"] < self.as_of + pd.Timedelta(days=1), "amount"].sum())
        walk_in = self.walk_in()
        money = self.has_prices
        return {
            "customers": int(len(c)),
            "orders": orders,
            "products": products,
            "net_revenue": round(revenue, 2) if money else None,
            "shop_revenue": round(revenue + (walk_in["revenue"] or 0.0), 2) if money else None,
            "shop_orders": orders + walk_in["orders"],
            "walk_in": walk_in,
            "active_90_days": int((c["recency_days"] <= 90).sum()),
            "repeat_customer_rate": float((c["frequency"] > 1).mean()) if len(c) else 0.0,
            "average_order_value": float(c["monetary"].sum() / max(1, c["frequency"].sum())) if money else None,
        }

    def to_json(self) -> dict:
        """The JSON object `clientele analyze --json` prints."""
        figures = self.key_figures()
        return {
            "files": [str(p) for p in self.options.paths],
            "rows_read": self.report.rows_read,
            "rows_used": self.report.rows_used,
            "rows_set_aside": dict(self.report.set_aside),
            "return_lines": self.report.returns,
            "column_roles": describe_roles(self.roles),
            "column_confidence": {r: round(m.confidence, 2) for r, m in self.roles.items()},
            "customers": figures["customers"],
            "orders": figures["orders"],
            "products": figures["products"],
            "net_revenue": figures["net_revenue"],
            "shop_revenue": figures["shop_revenue"],
            "shop_orders": figures["shop_orders"],
            "walk_in": {k: figures["walk_in"][k] for k in ("ids", "lines", "revenue", "orders")},
            "has_prices": self.has_prices,
            "active_90_days": figures["active_90_days"],
            "repeat_customer_rate": round(figures["repeat_customer_rate"], 4),
            "average_order_value": _money(figures["average_order_value"]),
            "as_of": self.as_of.date().isoformat(),
            "rfm_model": self.rfm.model,
            "segments": [
                {
                    "key": r.key, "name": r.name, "name_zh": r.name_zh, "customers": int(r.customers),
                    "share": round(float(r.share), 4), "revenue": _money(r.revenue) if self.has_prices else None,
                    "revenue_share": round(float(r.revenue_share), 4) if self.has_prices else None,
                    "action": r.action, "action_zh": r.action_zh,
                }
                for r in self.segments.itertuples()
            ],
            "thresholds": self.rfm.thresholds.to_dict()
            | ({"eight_class": self.rfm.eight_class.to_dict()} if self.rfm.eight_class else {}),
            "examples_set_aside": {k: [e.to_dict() for e in v] for k, v in self.report.examples.items()},
            "notes": self.report.note_texts(),
            "warnings": [w.to_dict() for w in self.warnings],
            "files_combined": files_combined(self.combination, self.options.paths),
        }


def _money(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def read_tables(paths: list[Path], sheet: str | None) -> list[RawTable]:
    """Read the files (or folders) and return the tables of the main set of order lines (see
    combining.combine for how several files are combined)."""
    return combine(paths, sheet).parts[0].tables


def load(options: AnalysisOptions, progress: Progress | None = None) -> LoadedData:
    """Read, map and clean the order files (and the customer list, when given). A folder among
    `options.paths` stands for its spreadsheet files: `options.paths` becomes the files read."""
    progress = progress or no_progress
    if not options.paths:
        raise InputError("pipeline_file_given_choose_order")
    if options.customers_file is not None and options.customers_file in options.paths:
        raise InputError("pipeline_given_both_orders_customer", name=options.customers_file.name)
    progress(0.0, "Reading files")
    combination = combine(options.paths, options.sheet, options.overrides, options.customers_file)
    options.paths = combination.used_paths()
    progress(0.45, "Finding columns")
    results = []
    for part in combination.parts:
        check_duplicate_roles(part.tables[0], part.roles)
    progress(0.5, "Cleaning rows")
    for part in combination.parts:
        results.append(clean_lines(part.tables, part.roles, date_order=options.date_order,
                                   keep_zero_price=options.keep_zero_price, keep_duplicates=options.keep_duplicates,
                                   keep_walk_in=options.keep_walk_in))
    result = stack_results(results, combination)
    # Roles chosen with too little evidence, or whose check failed, are warnings (RoleMatch.doubt).
    for part in combination.parts:
        result.report.warnings.extend(role_doubts(part.roles))
    roles = combination.parts[0].roles
    tables = combination.parts[0].tables
    combination.release()  # the analysis keeps how the files were combined, not their cells
    profiles = result.profiles
    customer_roles: dict[str, RoleMatch] = {}
    if options.customers_file is not None:
        progress(0.7, "Reading the customer list")
        ctables = read_file(options.customers_file, None)
        customer_roles = detect_roles(ctables[0].data.head(2000), options.customer_overrides,
                                      roles=["customer_id"] + PROFILE_ROLES, label=ctables[0].label,
                                      file=ctables[0].file.name,
                                      sheet=ctables[0].sheet)
        check_duplicate_roles(ctables[0], customer_roles)
        listed, notes = clean_customer_list(ctables, customer_roles)
        result.report.notes.extend(notes)
        result.report.warnings.extend(role_doubts(customer_roles))
        # The customer list wins over profile fields found in the order file.
        profiles = listed.combine_first(profiles) if len(profiles) else listed
        matched = int(listed.index.isin(result.lines["customer_id"].unique()).sum())
        result.report.notes.append(message("customer_list_matched", file=options.customers_file.name, n=len(listed),
                                           matched=matched))
    progress(0.8, "Done reading")
    return LoadedData(result.lines, result.report, roles, profiles, customer_roles, tables, combination)


def analyze_loaded(data: LoadedData, options: AnalysisOptions, progress: Progress | None = None) -> Analysis:
    """Build the customer table and RFM segments from already loaded data."""
    progress = progress or no_progress
    as_of = pd.Timestamp(options.as_of) if options.as_of else default_as_of(data.lines)
    walk_in = data.report.walk_in
    if not options.as_of and walk_in is not None and walk_in.days:  # the shop's last sale may be a walk-in
        as_of = max(as_of, pd.Timestamp(walk_in.days[-1]))
    first = data.lines["date"].min().normalize()
    if as_of < first:
        raise InputError("pipeline_analysis_date_before_first", as_of=as_of.date(), first=first.date())
    progress(0.2, "Building the customer table")
    customers = build_customers(data.lines, as_of, data.profiles)
    if customers.empty:
        raise InputError("pipeline_customer_purchase_up_analysis")
    progress(0.7, "Finding segments")
    rfm = apply_rfm(customers, options.rfm_model, options.eight_class)
    period = data.lines[data.lines["date"] < as_of + pd.Timedelta(days=1)]
    checks = run_checks(period, rfm.customers, data.report.walk_in)
    progress(1.0, "Analysis ready")
    prospects = None
    if options.customers_file is not None:
        from .segments.prospects import find_prospects

        prospects = find_prospects(data.profiles, data.lines)
    return Analysis(options, data.lines, rfm.customers, rfm.summary, data.report, data.roles,
                    data.customer_roles, as_of, rfm, checks, data.combination, prospects)


def analyze(options: AnalysisOptions, progress: Progress | None = None) -> Analysis:
    """Read the files and return the full analysis. Raises InputError for anything the user must fix.
    One large CSV file is read, cleaned and aggregated in DuckDB (csvsql.py) when it can be; anything
    that path does not handle the same way is read by the pandas path."""
    from . import csvsql

    if csvsql.wanted(options):
        try:
            return analyze_engine(options, progress)
        except csvsql.NotPorted:
            pass
    data = load(options, scaled(progress, 0.0, 0.8))
    return analyze_loaded(data, options, scaled(progress, 0.8, 1.0))


@dataclass
class FilePreview:
    """What the import dialog shows before loading a file (or several, read as one)."""

    path: Path
    sheets: list[str]
    sheet: str | None  # the sheet shown; "all" when sheets with the same columns were combined
    columns: list[str]
    rows: pd.DataFrame  # the first rows, as text
    roles: dict[str, RoleMatch]
    header_row: int
    notes: list[Message]
    combination: Combination | None = None  # how several files were combined (None for one file)
    messages: list[Message] = field(default_factory=list)  # the combination's notes and warnings


def preview_file(path: Path | str | list, sheet: str | None = None, overrides: dict[str, str] | None = None,
                 n_rows: int = 50) -> FilePreview:
    """Read a file (or several files or folders, as the analysis combines them) far enough to show
    the first rows and the detected column roles of the order lines."""
    from .parsing import to_text
    from .reading import list_sheets

    paths = [Path(p) for p in path] if isinstance(path, (list, tuple)) else [Path(path)]
    combination = combine(paths, sheet, overrides)
    part = combination.parts[0]
    tables = part.tables
    first = tables[0]
    several = len(combination.paths) > 1
    sheets = [s for s in list_sheets(first.file) if s] if first.sheet and not several else []
    head = first.data.head(n_rows)
    as_text = pd.DataFrame({c: to_text(head[c]) for c in head.columns})
    notes = [n for t in tables for n in t.notes]
    # Several tables: sheets combined (by default or as asked); the dialog then offers "all sheets".
    shown = "all" if len(tables) > 1 and not several else (first.sheet or None)
    return FilePreview(paths[0], sheets, shown, list(first.columns), as_text, part.roles, first.header_row,
                       notes, combination if several else None,
                       [*combination.notes, *combination.warnings] if several else [])


def analyze_engine(options: AnalysisOptions, progress: Progress | None = None, **load_args: Any) -> Analysis:
    """analyze() for one CSV file whose lines stay in DuckDB from reading to the customer table
    (csvsql.py). Raises csvsql.NotPorted when the file needs the pandas path. `load_args` go to
    csvsql.load_engine (tests: a smaller sample)."""
    from . import csvsql
    from .columnar import customers_from_query, customer_query
    from .combining import Part

    progress = progress or no_progress
    progress(0.0, "Reading files")
    path = Path(options.paths[0])
    loaded = csvsql.load_engine(path, options.overrides, date_order=options.date_order,
                                keep_zero_price=options.keep_zero_price, keep_duplicates=options.keep_duplicates,
                                keep_walk_in=options.keep_walk_in, **load_args)
    lines, report, roles = loaded.lines, loaded.report, loaded.roles
    report.warnings.extend(role_doubts(roles))
    combination = Combination("one_file", [path.name], [Part([], roles, ([path.name], report.rows_read
                                                                      - report.set_aside.get("totals_row", 0)))],
                              paths=[path])
    progress(0.7, "Building the customer table")
    last, first = lines.con.execute('SELECT MAX("date"), MIN("date") FROM lines').fetchone()
    as_of = pd.Timestamp(options.as_of) if options.as_of else pd.Timestamp(last).normalize()
    walk_in = report.walk_in
    if not options.as_of and walk_in is not None and walk_in.days:
        as_of = max(as_of, pd.Timestamp(walk_in.days[-1]))
    first = pd.Timestamp(first).normalize()
    if as_of < first:
        raise InputError("pipeline_analysis_date_before_first", as_of=as_of.date(), first=first.date())
    profiles = pd.DataFrame(index=pd.Index([], name="customer_id", dtype=object))
    customers = customers_from_query(lines.con.execute(customer_query(as_of)).df(), as_of, profiles)
    if customers.empty:
        raise InputError("pipeline_customer_purchase_up_analysis")
    progress(0.9, "Finding segments")
    rfm = apply_rfm(customers, options.rfm_model, options.eight_class)
    checks = csvsql.run_checks_sql(lines, as_of, rfm.customers, walk_in)
    figures = csvsql.line_figures(lines, as_of)
    progress(1.0, "Analysis ready")
    # `lines` stays in DuckDB: Analysis.__getattribute__ makes the DataFrame when something asks for it
    return Analysis(options, lines, rfm.customers, rfm.summary, report, roles, {}, as_of, rfm, checks,
                    combination, None, line_figures=figures)
