"""Progress reporting and cancellation for long engine work, without any GUI dependency."""

from __future__ import annotations

from typing import Protocol
from collections.abc import Callable

from .errors import Cancelled


class Progress(Protocol):
    def __call__(self, fraction: float, message: str = "") -> None:
        """Report that `fraction` (0..1) of the work is done. May raise Cancelled."""


def no_progress(fraction: float, message: str = "") -> None:
    """A progress callback that does nothing."""


def scaled(progress: Progress | None, start: float, end: float) -> Progress:
    """Return a callback that maps 0..1 onto start..end of `progress`."""
    parent = progress or no_progress

    def report(fraction: float, message: str = "") -> None:
        parent(start + (end - start) * max(0.0, min(1.0, fraction)), message)

    return report


def cancel_check(flag: Callable[[], bool]) -> Progress:
    """A progress callback that raises Cancelled once `flag()` is true."""

    def report(fraction: float, message: str = "") -> None:
        if flag():
            raise Cancelled()

    return report
