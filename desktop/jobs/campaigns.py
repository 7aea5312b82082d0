"""Campaign results: how the contacted customers of a campaign did against the control group kept
aside, and writing those results to a workbook or CSV file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.engine.progress import Progress


@dataclass(frozen=True)
class CampaignRequest:
    """One campaign's groups compared over `start`..`end` in the session's lines."""

    record: Any                 # desktop.engine.campaigns.CampaignRecord
    start: Any
    end: Any
    cost_per_contact: float | None = 0.0  # None: the cost recorded with the campaign at export
    margin: float = 0.0
    lines: Any = field(default=None, compare=False, repr=False)


def run(request: CampaignRequest, progress: Progress | None = None) -> Any:
    """Return desktop.engine.campaigns.campaign_results for the period."""
    from desktop.engine.campaigns import campaign_results

    return campaign_results(request.record, request.lines, start=request.start, end=request.end,
                            cost_per_contact=request.cost_per_contact, margin=request.margin)


@dataclass(frozen=True)
class SaveResultsRequest:
    """Where to write a CampaignResult (.xlsx or .csv; another suffix gets .xlsx) and in which language."""

    result: Any
    path: str
    record: Any = None
    language: str = "en"
    inputs: tuple[str, ...] = ()  # the files read: never overwritten by the results


def save_results(request: SaveResultsRequest, progress: Progress | None = None) -> str:
    """Write the results (desktop.engine.campaigns.write_campaign_results); return the path."""
    from desktop.engine.campaigns import write_campaign_results

    path = request.path
    if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
        path += ".xlsx"
    return str(write_campaign_results(request.result, path, request.inputs, language=request.language,
                                      record=request.record))


def load_record(path: str) -> Any:
    """Read a campaign record file (.campaign.json); raises InputError when it is not one."""
    from desktop.engine.campaigns import CampaignRecord

    return CampaignRecord.load(path)


def record_from_dict(data: dict) -> Any:
    """A CampaignRecord from its saved dict (in a project)."""
    from desktop.engine.campaigns import CampaignRecord

    return CampaignRecord.from_dict(data)
