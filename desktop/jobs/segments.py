"""Segmentation: grouping customers by a clustering method, and comparing the groups between two
dates (movement between groups). The chosen segmentation lives in the session
(desktop.session.Session.segmentation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from desktop.engine.progress import Progress, scaled


@dataclass
class GroupingRequest:
    """What the user asked for in the groups view."""

    method: str = "kmeans"                       # rfm kmeans hierarchical gmm hdbscan
    k: int | None = None                         # None: chosen automatically
    groups: tuple[str, ...] = ("behaviour",)
    rfm_model: int = 11
    currency: str = ""
    seed: int = 0
    factors: bool = False                        # explain by factor analysis instead of PCA
    customers: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    lines: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    only_available: bool = True                  # False: every group asked for (one the data lacks adds a note)


@dataclass
class GroupingResult:
    """A finished segmentation and what the data could have offered."""

    request: GroupingRequest
    segmentation: Any                            # Segmentation
    available: dict[str, list[str]] = field(default_factory=dict)


def run(request: GroupingRequest, progress: Progress | None = None) -> GroupingResult:
    """Segment the request's customers as it says; return a GroupingResult."""
    from desktop.engine.segments.clustering import SegmentSettings, segment
    from desktop.engine.segments.features import available_groups

    customers, lines = request.customers, request.lines
    if progress:
        progress(0.0, "")
    available = available_groups(customers, lines)
    # A group the data cannot fill would only add a note; keep the ones that exist (the CLI keeps
    # them all: the note tells the owner who typed the group why it is not used).
    groups = tuple(g for g in request.groups if g in available or not request.only_available) or ("behaviour",)
    settings = SegmentSettings(groups=groups, seed=request.seed, currency=request.currency,
                               rfm_model=int(request.rfm_model),
                               factor_method="factor" if request.factors else "pca")
    seg = segment(customers, lines, method=request.method, k=request.k, settings=settings,
                  progress=scaled(progress, 0.02, 1.0))
    return GroupingResult(request=request, segmentation=seg, available=available)


# HDBSCAN's neighbour searches hold Python's GIL for about a second at a time on 100,000
# customers (benchmarks/bench_segments_gui.py), which would freeze the window if run in a thread;
# the other methods release it and stay in a thread (a child process costs ~1 s to start).
PROCESS_MIN_CUSTOMERS = 20_000


def needs_process(request: GroupingRequest, customers: int) -> bool:
    """Return True when `request` on `customers` customers should run in a child process."""
    return request.method == "hdbscan" and customers >= PROCESS_MIN_CUSTOMERS


# The period the movement between groups compares before the owner picks one: the last 90 days.
MIGRATION_DAYS = 90


def migration_period(as_of: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the two dates compared before the owner picks others: MIGRATION_DAYS before the
    analysis date `as_of`, and that date (both at midnight)."""
    now = pd.Timestamp(as_of).normalize()
    return now - pd.Timedelta(days=MIGRATION_DAYS), now


@dataclass
class MigrationRequest:
    """Which segmentation to compare between which two dates."""

    then: pd.Timestamp
    now: pd.Timestamp
    method: str = "rfm"
    rfm_model: int = 11
    currency: str = ""
    grouping: GroupingRequest | None = None      # the settings of `segmentation` (another one: other work)
    analysis: Any = field(default=None, compare=False, repr=False)
    segmentation: Any = field(default=None, compare=False, repr=False)  # the chosen one, reused when it fits


def run_migration(request: MigrationRequest, progress: Progress | None = None) -> Any:
    """Return desktop.engine.segments.migration.Migration of the analysis between the two dates.

    A clustering `segmentation` fitted on the analysis date is reused when "now" is that date;
    for another date the method is fitted again on the customers as they were then."""
    from desktop.engine.schema import PROFILE_COLUMNS
    from desktop.engine.segments.clustering import SegmentSettings
    from desktop.engine.segments.migration import migration

    analysis, segmentation = request.analysis, request.segmentation
    customers = analysis.customers
    profiles = customers[[c for c in PROFILE_COLUMNS if c in customers.columns]]
    if segmentation is not None:
        settings = segmentation.settings
    else:
        settings = SegmentSettings(rfm_model=int(request.rfm_model), currency=request.currency)
    now = pd.Timestamp(request.now).normalize()
    reuse = (request.method != "rfm" and segmentation is not None
             and now == pd.Timestamp(analysis.as_of).normalize())
    return migration(analysis.lines, method=request.method, then=pd.Timestamp(request.then), now=now,
                     profiles=profiles, settings=settings,
                     segmentation=segmentation if reuse else None, progress=progress)


def closest_rfm(labels: pd.Series, rfm_segments: pd.Series) -> pd.DataFrame:
    """Return, per group key of `labels`, the RFM segment most of its members are in and their
    share (columns rfm, share): a clustered group borrows that segment's suggested action."""
    both = pd.DataFrame({"group": labels.astype(str),
                         "rfm": rfm_segments.reindex(labels.index).astype("string")}).dropna()
    if both.empty:
        return pd.DataFrame(columns=["rfm", "share"])
    counts = both.groupby(["group", "rfm"]).size()
    top = counts.sort_values(ascending=False, kind="stable").groupby(level=0).head(1)
    sizes = both.groupby("group").size()
    out = pd.DataFrame({"rfm": [r for _, r in top.index],
                        "share": [c / sizes[g] for (g, _), c in top.items()]},
                       index=pd.Index([g for g, _ in top.index], name="group"))
    return out


def membership(segmentation: Any, customer_id: str, chinese: bool) -> str | None:
    """Return the customer's group in words ("70% Gift buyers, 30% Regulars" for soft
    membership), or None when the customer is not in `segmentation`."""
    if segmentation is None or customer_id not in segmentation.labels.index:
        return None
    en, zh = segmentation.membership(customer_id)
    return zh if chinese else en


def k_at_height(*args: Any, **kwargs: Any) -> Any:
    """desktop.engine.segments.clustering.k_at_height (the dendrogram's cut)."""
    from desktop.engine.segments.clustering import k_at_height as cut

    return cut(*args, **kwargs)


def not_yet_key() -> str:
    """The key of the 'not yet a customer' row of a migration table."""
    from desktop.engine.segments.migration import NOT_YET

    return NOT_YET


def rfm_segment_table(*args: Any, **kwargs: Any) -> Any:
    """desktop.engine.segments.rfm.segment_table: the RFM models' groups (the help page lists them)."""
    from desktop.engine.segments.rfm import segment_table

    return segment_table(*args, **kwargs)
