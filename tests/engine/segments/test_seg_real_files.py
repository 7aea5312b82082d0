"""Data-driven groups on real exports (issue 21, done-when): no group above 60% of customers unless a
warning says the data has no clear groups; HDBSCAN sets aside a small, explained set."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.segments import outliers
from desktop.engine.segments.clustering import SegmentSettings, segment

NO_CLEAR_GROUPS = {"segments_one_big_group", "segments_no_clear_groups"}


_READ: dict[Path, tuple] = {}


@pytest.fixture
def superstore(shared_data: Path) -> tuple:
    path = shared_data / "real" / "superstore" / "Sample - Superstore.xls"
    if not path.exists():
        pytest.skip("Superstore export absent")
    if path not in _READ:  # read once for the four methods
        analysis = analyze(AnalysisOptions(paths=[path]))
        _READ[path] = (analysis.customers, analysis.lines)
    return _READ[path]


@pytest.mark.parametrize("method", ["kmeans", "hierarchical", "gmm", "hdbscan"])
def test_no_group_holds_most_customers_without_saying_so(superstore, method):
    customers, lines = superstore
    seg = segment(customers, lines, method=method, settings=SegmentSettings(stability_runs=1))
    shares = seg.summary.set_index("key")["share"].drop("unusual", errors="ignore")
    codes = {w.code for w in seg.warnings}
    if shares.max() > 0.6:
        assert codes & NO_CLEAR_GROUPS, (method, shares.to_dict())
    if method == "hdbscan":
        assert (seg.labels == "unusual").mean() <= outliers.MAX_UNUSUAL_SHARE  # was 100%
        for reason in seg.unusual["per_customer"].values():
            assert reason["code"].startswith("unusual_") and reason["message"]
