"""Where bundled resources live, from a source tree, an installed package or a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """Return the folder holding icons, translations, styles and the demo shop."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def demo_dir() -> Path:
    """Return the folder of the bundled demo shop."""
    return resources_dir() / "demo"


def demo_files() -> tuple[Path, Path]:
    """Return (order lines file, customer list file) of the demo shop."""
    d = demo_dir()
    return d / "demo_orders.csv", d / "demo_customers.csv"
