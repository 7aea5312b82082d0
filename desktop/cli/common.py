"""Options and helpers shared by every subcommand."""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.engine.errors import InputError
from desktop.paths import display_name


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the file options every subcommand shares: FILE_OR_FOLDER... --sheet --customers --map --as-of --json."""
    parser.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER",
                        help="order lines exported by your till or web shop (.xlsx .xls .ods .csv .txt .tsv), or a "
                             "folder of them; several files are read as one: monthly exports with the same header "
                             "(overlapping lines counted once), different channels stacked, or an export of orders, "
                             "order lines and customers joined on the ids they share")
    parser.add_argument("--sheet", default=None,
                        help="sheet to read from a workbook, or 'all' to combine every sheet with the same header "
                             "(the default when two or more sheets share one; otherwise the largest sheet)")
    parser.add_argument("--customers", default=None, metavar="FILE",
                        help="an optional customer list (one row per customer), joined on the customer id")
    parser.add_argument("--map", action="append", default=[], metavar="ROLE=COLUMN",
                        help="say which column holds a role, e.g. --map customer_id=会员号, or --map quantity= when "
                        "the file has no such column (repeatable)")
    parser.add_argument("--as-of", default=None, metavar="DATE",
                        help="analysis date (default: the last date in the data)")
    parser.add_argument("--date-order", choices=["auto", "dmy", "mdy"], default="auto",
                        help="how to read dates like 05/01/2024 when the file does not make it clear")
    parser.add_argument("--rfm-model", choices=["11", "8"], default="11",
                        help="11 named RFM segments, or the 8-class model of Chinese CRM software")
    parser.add_argument("--keep-zero-price", action="store_true",
                        help="keep lines with a zero price or amount (set aside by default)")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="keep lines that repeat an earlier line exactly (set aside by default when the "
                             "file has an order number; without one they are always kept)")
    parser.add_argument("--keep-walk-in", action="store_true",
                        help="keep walk-in and placeholder customer ids (0, guest, 散客 …) as customers "
                             "(set aside as walk-in sales by default)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")


def parse_map(items: list[str]) -> dict[str, str]:
    """Turn ['role=column', ...] into {role: column}, checking the role names."""
    from desktop.engine.roles import ROLES

    mapping: dict[str, str] = {}
    for item in items:
        role, sep, column = item.partition("=")
        role = role.strip()
        if not sep or not role:
            raise InputError("cli_map_form", item=repr(item))
        if role not in ROLES:
            raise InputError("cli_map_unknown_role", item=repr(item), role_given=repr(role), roles=", ".join(ROLES))
        mapping[role] = column.strip()
    return mapping


def parse_date_arg(text: str | None, option: str) -> date | None:
    """Parse a date given on the command line (YYYY-MM-DD or anything unambiguous)."""
    if text is None:
        return None
    import pandas as pd

    try:
        return pd.Timestamp(text).date()
    except (ValueError, TypeError):
        raise InputError("cli_not_a_date", option=option, text=repr(text)) from None


def load_request(args: argparse.Namespace):
    """The analysis job's request (desktop.jobs.analysis.LoadRequest) from the shared command-line options."""
    from desktop.jobs.analysis import LoadRequest

    return LoadRequest(
        paths=[str(f) for f in args.files],
        sheet=args.sheet,
        customers_file=args.customers or None,
        overrides=parse_map(args.map),
        as_of=parse_date_arg(args.as_of, "--as-of"),
        rfm_model=int(args.rfm_model),
        date_order=args.date_order,
        keep_zero_price=args.keep_zero_price,
        keep_duplicates=args.keep_duplicates,
        keep_walk_in=getattr(args, "keep_walk_in", False),
    )


def load_analysis(args: argparse.Namespace, progress=None):
    """Read the files named on the command line through the analysis job (the app's) and return the
    engine's Analysis."""
    from desktop.jobs.analysis import analyse

    return analyse(load_request(args), progress=progress)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_text(text: str) -> str:
    """Text for the JSON output: undecodable bytes of a file name (surrogate escapes, which no
    encoder can write) become \\xNN as display_name shows them; JSON escapes the rest itself."""
    return display_name(text) if _SURROGATE.search(text) else text


def _jsonable(value: Any) -> Any:
    import numpy as np
    import pandas as pd

    if isinstance(value, str):
        return _json_text(value)
    if isinstance(value, dict):
        return {_json_text(str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return None if math.isnan(v) or math.isinf(v) else v
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if value is pd.NaT:  # a missing date is a datetime to isinstance: null, never the text "NaT"
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return _json_text(str(value))
    if value is pd.NaT or value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def emit_json(obj: Any) -> None:
    """Print `obj` as one JSON object on stdout (NaN -> null, dates -> ISO text)."""
    json.dump(_jsonable(obj), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


class SafeOutput:
    """A text stream that passes lines through display_name(keep_layout=True): whatever a name in
    the output holds (escape codes, undecodable bytes, direction marks), the terminal gets plain
    text. run_cli puts one in front of stdout and stderr."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(display_name(text, keep_layout=True))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
