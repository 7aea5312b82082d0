"""The whole path from files to segments in one call, for the CLI, the app and tests.

files -> raw tables (reading) -> column roles (roles) -> order lines (cleaning)
      -> customers (customers) -> RFM segments (segments.rfm)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .cleaning import CleaningReport, clean_customer_list, clean_lines
from .customers import build_customers, default_as_of
from .errors import InputError
from .progress import Progress, no_progress, scaled
from .reading import RawTable, check_duplicate_roles, combine_same_header, header_key, read_file
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

    @property
    def thresholds(self) -> RFMThresholds:
        return self.rfm.thresholds

    def key_figures(self) -> dict[str, float]:
        """Customers, orders, products, net revenue, active in the last 90 days, repeat rate, AOV."""
        c = self.customers
        buys = self.lines[~self.lines["is_return"]]
        orders = int(buys["order_id"].nunique())
        revenue = float(self.lines.loc[self.lines["date"] < self.as_of + pd.Timedelta(days=1), "amount"].sum())
        return {
            "customers": int(len(c)),
            "orders": orders,
            "products": int(buys["product_id"].nunique()),
            "net_revenue": round(revenue, 2),
            "active_90_days": int((c["recency_days"] <= 90).sum()),
            "repeat_customer_rate": float((c["frequency"] > 1).mean()) if len(c) else 0.0,
            "average_order_value": float(c["monetary"].sum() / max(1, c["frequency"].sum())),
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
            "active_90_days": figures["active_90_days"],
            "repeat_customer_rate": round(figures["repeat_customer_rate"], 4),
            "average_order_value": round(figures["average_order_value"], 2),
            "as_of": self.as_of.date().isoformat(),
            "rfm_model": self.rfm.model,
            "segments": [
                {
                    "key": r.key, "name": r.name, "name_zh": r.name_zh, "customers": int(r.customers),
                    "share": round(float(r.share), 4), "revenue": round(float(r.revenue), 2),
                    "revenue_share": round(float(r.revenue_share), 4), "action": r.action, "action_zh": r.action_zh,
                }
                for r in self.segments.itertuples()
            ],
            "thresholds": self.rfm.thresholds.to_dict()
            | ({"eight_class": self.rfm.eight_class.to_dict()} if self.rfm.eight_class else {}),
            "examples_set_aside": {k: [e.to_dict() for e in v] for k, v in self.report.examples.items()},
            "notes": list(self.report.notes),
            "warnings": [w.to_dict() for w in self.report.warnings],
        }


def read_tables(paths: list[Path], sheet: str | None) -> list[RawTable]:
    """Read every file; several files (or sheets) must share one header to be combined."""
    tables: list[RawTable] = []
    for p in paths:
        tables.extend(read_file(p, sheet))
    if len({header_key(t.columns) for t in tables}) > 1:
        if len(paths) > 1:
            first = tables[0]
            other = next(t for t in tables if header_key(t.columns) != header_key(first.columns))
            raise InputError(
                f"{other.label} has different columns from {first.label}; order files can be combined only "
                "when they share the same header.",
                zh=f"{other.label_zh}的列与{first.label_zh}不同；只有表头相同的订单文件才能合并。"
            )
        tables = combine_same_header(tables)
    return tables


def load(options: AnalysisOptions, progress: Progress | None = None) -> LoadedData:
    """Read, map and clean the order files (and the customer list, when given)."""
    progress = progress or no_progress
    if not options.paths:
        raise InputError("No file was given; choose the order lines your till or web shop exported.",
                         zh="没有选择文件；请选择收银系统或网店导出的订单明细。")
    progress(0.0, "Reading files")
    tables = read_tables(options.paths, options.sheet)
    progress(0.45, "Finding columns")
    sample = tables[0].data.head(2000)
    roles = detect_roles(sample, options.overrides, label=tables[0].label, label_zh=tables[0].label_zh,
                         file=tables[0].file.name, sheet=tables[0].sheet)
    check_duplicate_roles(tables[0], roles)
    progress(0.5, "Cleaning rows")
    result = clean_lines(tables, roles, date_order=options.date_order, keep_zero_price=options.keep_zero_price,
                         keep_duplicates=options.keep_duplicates)
    # Roles chosen with too little evidence, or whose check failed, are warnings (RoleMatch.doubt).
    result.report.warnings.extend(role_doubts(roles))
    profiles = result.profiles
    customer_roles: dict[str, RoleMatch] = {}
    if options.customers_file is not None:
        progress(0.7, "Reading the customer list")
        if options.customers_file in options.paths:
            raise InputError(f"{options.customers_file.name} is given both as orders and as the customer list.",
                             zh=f"文件“{options.customers_file.name}”同时被选作订单文件和客户名单。")
        ctables = read_file(options.customers_file, None)
        customer_roles = detect_roles(ctables[0].data.head(2000), options.customer_overrides,
                                      roles=["customer_id"] + PROFILE_ROLES, label=ctables[0].label,
                                      label_zh=ctables[0].label_zh, file=ctables[0].file.name,
                                      sheet=ctables[0].sheet)
        check_duplicate_roles(ctables[0], customer_roles)
        listed, notes = clean_customer_list(ctables, customer_roles)
        result.report.notes.extend(notes)
        result.report.warnings.extend(role_doubts(customer_roles))
        # The customer list wins over profile fields found in the order file.
        profiles = listed.combine_first(profiles) if len(profiles) else listed
        matched = int(listed.index.isin(result.lines["customer_id"].unique()).sum())
        result.report.notes.append(
            f"{options.customers_file.name}: {len(listed):,} customers listed, {matched:,} of them have orders"
        )
    progress(0.8, "Done reading")
    return LoadedData(result.lines, result.report, roles, profiles, customer_roles, tables)


def analyze_loaded(data: LoadedData, options: AnalysisOptions, progress: Progress | None = None) -> Analysis:
    """Build the customer table and RFM segments from already loaded data."""
    progress = progress or no_progress
    as_of = pd.Timestamp(options.as_of) if options.as_of else default_as_of(data.lines)
    first = data.lines["date"].min().normalize()
    if as_of < first:
        raise InputError(
            f"The analysis date {as_of.date()} is before the first purchase in the data ({first.date()}); "
            "choose a later date.",
            zh=f"分析日期 {as_of.date()} 早于数据中的第一笔购买（{first.date()}）；请选择更晚的日期。"
        )
    progress(0.2, "Building the customer table")
    customers = build_customers(data.lines, as_of, data.profiles)
    if customers.empty:
        raise InputError("No customer has a purchase up to the analysis date; choose a later date.",
                         zh="到分析日期为止没有任何客户有购买记录；请选择更晚的日期。")
    progress(0.7, "Finding segments")
    rfm = apply_rfm(customers, options.rfm_model, options.eight_class)
    progress(1.0, "Analysis ready")
    return Analysis(options, data.lines, rfm.customers, rfm.summary, data.report, data.roles,
                    data.customer_roles, as_of, rfm)


def analyze(options: AnalysisOptions, progress: Progress | None = None) -> Analysis:
    """Read the files and return the full analysis. Raises InputError for anything the user must fix."""
    data = load(options, scaled(progress, 0.0, 0.8))
    return analyze_loaded(data, options, scaled(progress, 0.8, 1.0))


@dataclass
class FilePreview:
    """What the import dialog shows before loading a file."""

    path: Path
    sheets: list[str]
    sheet: str | None  # the sheet shown; "all" when sheets with the same columns were combined
    columns: list[str]
    rows: pd.DataFrame  # the first rows, as text
    roles: dict[str, RoleMatch]
    header_row: int
    notes: list[str]


def preview_file(path: Path | str, sheet: str | None = None, overrides: dict[str, str] | None = None,
                 n_rows: int = 50) -> FilePreview:
    """Read a file far enough to show its first rows and the detected column roles."""
    from .parsing import to_text
    from .reading import list_sheets

    path = Path(path)
    tables = read_file(path, sheet)
    sheets = [s for s in list_sheets(path) if s] if tables[0].sheet else []
    head = tables[0].data.head(n_rows)
    as_text = pd.DataFrame({c: to_text(head[c]) for c in head.columns})
    roles = detect_roles(tables[0].data.head(2000), overrides, label=tables[0].label,
                         label_zh=tables[0].label_zh, file=tables[0].file.name, sheet=tables[0].sheet)
    notes = [n for t in tables for n in t.notes]
    # Several tables: sheets combined (by default or as asked); the dialog then offers "all sheets".
    shown = "all" if len(tables) > 1 else (tables[0].sheet or None)
    return FilePreview(path, sheets, shown, list(tables[0].columns), as_text, roles,
                       tables[0].header_row, notes)
