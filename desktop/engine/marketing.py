"""A marketing list as one unit: the list file, its control group and the campaign record.

export_marketing_list(customers, segments, path, options, ...) -> ExportResult

It lives beside desktop.engine.export (the writers) and desktop.engine.campaigns (the record),
so that neither of those imports the other's caller.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterable

import pandas as pd

from .campaigns import (
    CampaignRecord,
    campaign_record_path,
    check_cost_per_contact,
    split_control_group,
)
from .errors import InputError
from .export.csvfile import csv_job
from .export.files import atomic_write_all, check_target
from .export.listing import ExportOptions, build_marketing_list
from .export.xlsx import workbook_job
from .progress import Progress, no_progress


@dataclass
class ExportResult:
    """What export_marketing_list wrote."""

    path: Path
    rows: int  # customers in the list (contacted)
    control: int  # customers held out
    campaign_path: Path | None = None
    record: Any = None  # campaigns.CampaignRecord | None
    salt: str = ""  # salt used for pseudonymised ids ("" when ids are real)
    list_frame: pd.DataFrame | None = field(default=None, repr=False)


# One call for the CLI and the app


def export_marketing_list(customers: pd.DataFrame, segments: pd.DataFrame | None,
                          path: Path | str, options: ExportOptions,
                          input_paths: Iterable[Path | str] = (), *,
                          as_of: pd.Timestamp | None = None,
                          progress: Progress | None = None) -> ExportResult:
    """Build the list, hold out the control group, write .xlsx or .csv (by the file's extension)
    and the campaign record `<name>.campaign.json` next to it; return what was written."""
    input_paths = list(input_paths)
    target = check_target(path, input_paths)
    cost_per_contact = check_cost_per_contact(options.cost_per_contact or 0.0)
    if not 0.0 <= options.control_share < 1.0:
        raise InputError("The control group share must be between 0% and 90% of the chosen customers.",
                         zh="对照组比例必须在所选客户的 0% 到 90% 之间。")
    report = progress or no_progress
    report(0.0, "Preparing the list")
    full = build_marketing_list(customers, segments, options)
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    real_ids = list(full.index)
    keys = full["segment"].astype(str).tolist()
    contacted, control = split_control_group(real_ids, options.control_share, seed, strata=keys)
    control_set = set(control)
    mask = [i not in control_set for i in real_ids]
    listed = full.loc[mask]
    listed.attrs = dict(full.attrs)
    if listed.empty:
        raise InputError("Every chosen customer would be in the control group; choose more customers "
                         "or a smaller control group.",
                         zh="所有选中的客户都会被分到对照组；请选择更多客户，或缩小对照组。")
    control_counts: dict[str, int] = {}
    for i, key in zip(real_ids, keys):
        if i in control_set:
            control_counts[key] = control_counts.get(key, 0) + 1

    campaign_path = campaign_record_path(target) if options.write_campaign_record else None
    if campaign_path is not None:
        check_target(campaign_path, input_paths, (".json",))
    writing = lambda f, m="": report(0.05 + 0.9 * f, m)  # noqa: E731
    if target.suffix.lower() == ".csv":
        job = csv_job(listed, target, options, input_paths, writing)
    else:
        job = workbook_job(listed, segments, target, options, input_paths, as_of, control_counts,
                            writing)

    record = CampaignRecord.new(
        contacted=contacted, control=control, segments=list(dict.fromkeys(keys)),
        offer=options.offer, cost_per_contact=cost_per_contact,
        control_share=options.control_share, seed=seed, name=options.campaign_name,
        as_of=as_of, export_file=target.name, source_files=[Path(p).name for p in input_paths],
        pseudonymised=options.pseudonymise_ids)
    # The list and its record are one unit: both are written, or neither is.
    atomic_write_all([job] + ([(campaign_path, record.writer())] if campaign_path is not None else []))
    report(1.0, "")
    return ExportResult(path=target, rows=len(listed), control=len(control),
                        campaign_path=campaign_path, record=record,
                        salt=str(full.attrs.get("salt", "")), list_frame=listed)
