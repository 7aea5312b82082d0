"""Shared fixtures: paths to the shared real data and a helper to write small shop files."""

from __future__ import annotations

import os
from pathlib import Path

# Qt tests need no display: they run offscreen wherever the suite starts (CI has no screen).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The folder of public real data next to the repository (skips when it is absent)."""
    if not SHARED.exists():
        pytest.skip("../shared/data is not present")
    return SHARED


@pytest.fixture
def online_retail(shared_data: Path) -> Path:
    path = shared_data / "online_retail" / "Online_Retail_first20000.xlsx"
    if not path.exists():
        pytest.skip("Online Retail sample is not present")
    return path
