"""Clientele: customer segments, predictions and marketing lists from a shop's own spreadsheets."""

from __future__ import annotations


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("clientele")
    except Exception:  # running from a source tree that is not installed, or frozen
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
            return match.group(1) if match else "0"
        except OSError:
            return "0"


__version__ = _version()
