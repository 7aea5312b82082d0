"""Letting go of a big analysis a piece at a time.

When a new file replaces the one shown, the previous analysis (a million order lines, 100,000
customers, predictions, suggestion models) is freed the moment its last reference goes. Freeing
it all at once held the GUI thread for 60-80 ms. `release_in_turns` takes it apart instead, one
attribute, dictionary entry or DataFrame column per event-loop turn, so that each turn frees one
piece. Only objects nobody else holds are taken apart (their reference count says so): an object a
running task or another view still uses is merely let go of, and freed whenever that one lets go.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.ui.background.runner import NEXT_TURN_MS, run_in_turns


def _dismantlable(obj: Any) -> bool:
    """Return True for the containers worth taking apart: DataFrames, dicts, and the app's own
    objects (AnalysisData, Analysis, results...)."""
    if isinstance(obj, dict):
        return True
    pd = sys.modules.get("pandas")
    if pd is not None and type(obj) is pd.DataFrame:
        return True
    module = getattr(type(obj), "__module__", "") or ""
    return module.startswith("desktop.") and isinstance(getattr(obj, "__dict__", None), dict)


_EMPTY = object()
_FREED = object()


def _next_child(container: Any) -> Any:
    """Remove one reference from `container` and return what it referred to (_FREED when that
    was freed in place, _EMPTY when nothing was left)."""
    pd = sys.modules.get("pandas")
    if pd is not None and type(container) is pd.DataFrame:
        if container.shape[1] == 0:
            return _EMPTY
        # nobody else sees this frame: dropping its last column frees that column's values
        del container[container.columns[-1]]
        return _FREED
    items = container if isinstance(container, dict) else container.__dict__
    if not items:
        return _EMPTY
    return items.popitem()[1]


class _Release:
    """The stack of containers being taken apart, deepest last; the newest entry is examined
    first. The stack's slot is then the only reference the release holds, so a reference count
    of 2 (that slot and getrefcount's argument) means nobody else holds the object."""

    def __init__(self) -> None:
        self.stack: list[Any] = []
        self.examined: list[bool] = []  # per entry: already found to be ours and worth taking apart
        self.running = False  # steps taking it apart are under way (_pieces)

    def push(self, obj: Any) -> None:
        self.stack.append(obj)
        self.examined.append(False)

    def pop(self) -> None:
        self.stack.pop()  # freed now if nobody else holds it, else whenever they let go
        self.examined.pop()

    def step(self) -> bool:
        """Let go of one piece; return True while pieces remain."""
        if not self.stack:
            return False
        if not self.examined[-1]:
            if sys.getrefcount(self.stack[-1]) > 2 or not _dismantlable(self.stack[-1]):
                self.pop()
                return bool(self.stack)
            self.examined[-1] = True
        child = _next_child(self.stack[-1])
        if child is _EMPTY:
            self.pop()  # nothing left in it: freeing it now costs little
        elif child is not _FREED:
            self.push(child)
        del child
        return bool(self.stack)


WAIT_MS = 500  # how often to look whether the others have let go of an object
WAIT_TRIES = 40  # then it is let go of as it is


def release_in_turns(context: QObject, holder: list) -> None:
    """Let go of the objects in `holder` a piece per event-loop turn, each once nobody else
    holds it (tasks of the previous analysis that were just cancelled finish within a second or
    so); after WAIT_TRIES looks it is just let go of. The caller must keep no other reference to
    them. `context`: the steps stop if it is deleted."""
    release = _Release()
    QTimer.singleShot(NEXT_TURN_MS, context, lambda: _look(context, holder, release, 0))


def _look(context: QObject, holder: list, release: _Release, tries: int) -> None:
    """Hand what nobody else holds any more (everything after WAIT_TRIES looks) to `release`,
    start taking it apart if that is not under way, and look again in WAIT_MS while some remains.
    A module-level function, not a closure calling itself: such a closure is a reference cycle
    that would keep what it holds if the timer were dropped."""
    for i in range(len(holder) - 1, -1, -1):
        # the list's slot and getrefcount's argument: nobody else holds it
        if sys.getrefcount(holder[i]) <= 2 or tries >= WAIT_TRIES:
            release.push(holder.pop(i))
    if holder:
        QTimer.singleShot(WAIT_MS, context, lambda: _look(context, holder, release, tries + 1))
    if not release.running:
        run_in_turns(context, _pieces(release), first_now=True)


def _pieces(release: _Release):
    """Yield one step per piece to let go of, for run_in_turns, while the release has any."""
    release.running = True
    try:
        while release.stack:
            yield release.step
    finally:
        release.running = False  # also when the steps were dropped (context deleted)
