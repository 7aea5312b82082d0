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


@pytest.fixture
def pseudo_language(monkeypatch) -> str:
    """Register a third catalogue language "xx" built here as one module (every English sentence,
    term and label marked «…», lists joined by " · "), removed after the test; returns its code."""
    import types

    from desktop import texts

    fake = types.ModuleType("xx")
    fake.MESSAGES = {code: "«xx» " + template for code, template in texts.LANGUAGES["en"].items()}
    fake.MESSAGES["list_separator"] = " · "
    fake.TERMS = {code: f"«{words}»" for code, words in texts.TERMS["en"].items()}
    fake.LABELS = {group: {key: f"«{words}»" for key, words in keys.items()}
                   for group, keys in texts.LABELS["en"].items()}
    for registry in (texts.LANGUAGES, texts.TERMS, texts.LABELS):
        monkeypatch.setitem(registry, "xx", registry["en"])  # restored after the test
    texts.register("xx", fake)
    return "xx"
