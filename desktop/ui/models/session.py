"""The one QObject between the Qt-free session (desktop.session) and the widgets: it emits a typed
signal when the analysis or a slot changes, on the GUI thread (the runner calls back there), and
`SlotFollower`, the one way a view shows a slot's status (working, result, failure, stopped)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.session import Session, Slot, Status


class SessionAdapter(QObject):
    """Signals of one Session. Each slot signal carries the Slot (status, value, error, request)."""

    analysisChanged = Signal(object)       # AnalysisData or None
    predictionsChanged = Signal(object)    # Slot[PreparedPredictions]
    propensityChanged = Signal(object)     # Slot[PropensityResult]
    holdoutChanged = Signal(object)        # Slot[HoldoutResult]
    suggestionsChanged = Signal(object)    # Slot[SuggestionBundle]
    segmentationChanged = Signal(object)   # Slot[GroupingResult]
    migrationChanged = Signal(object)      # Slot[Migration]

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._signals = {"predictions": self.predictionsChanged, "propensity": self.propensityChanged,
                         "holdout": self.holdoutChanged, "suggestions": self.suggestionsChanged,
                         "segmentation": self.segmentationChanged, "migration": self.migrationChanged}
        missing = {slot.name for slot in session.slots()} - set(self._signals)
        if missing:  # a slot added to the session needs its signal here
            raise TypeError(f"no signal for the session's slots {sorted(missing)}")
        session.listen(self._slot_changed)
        session.analysis_listeners.append(self.analysisChanged.emit)

    def _slot_changed(self, slot: Slot) -> None:
        self._signals[slot.name].emit(slot)

    def signal(self, slot: Slot) -> Any:
        """The signal emitted when `slot` changes."""
        return self._signals[slot.name]


class SlotFollower(QObject):
    """Shows one session slot in a view: calls `running()` while it is computed, `ready(value)` when
    a value the view does not show yet (`shown(value)` is False) is ready, `failed(message)` with the
    sentence to show (an input error's own, else a plain one; details go to the log) and `stopped()`
    when it went back to idle (cancelled). Changes for another analysis than the view's are ignored.
A child of the view: deleting the view disconnects it.

        self.follow = SlotFollower(self, "holdout", running=..., ready=self._show, failed=...)
        # in set_data: show what the session already holds for this analysis
        self.follow.replay()
    """

    def __init__(self, view: Any, name: str, *, running: Callable[[], None], ready: Callable[[Any], None],
                 failed: Callable[[str], None], stopped: Callable[[], None] | None = None,
                 shown: Callable[[Any], bool] | None = None) -> None:
        super().__init__(view)
        self.view, self.name = view, name
        self.running, self.ready, self.failed, self.stopped = running, ready, failed, stopped
        self.shown = shown
        view.adapter.signal(self.slot).connect(self.changed)

    @property
    def slot(self) -> Slot:
        return getattr(self.view.session, self.name)

    def changed(self, slot: Slot) -> None:
        """Show the slot's new status (connected to the adapter's signal of the slot)."""
        view = self.view
        if view.data is None or view.session.data is not view.data:
            return
        if slot.status is Status.RUNNING:
            self.running()
        elif slot.status is Status.READY:
            if slot.value is not None and not (self.shown is not None and self.shown(slot.value)):
                self.ready(slot.value)
        elif slot.status is Status.FAILED:
            from desktop.ui.crash import task_failure_message

            self.failed(task_failure_message(slot.error or RuntimeError(), slot.details))
        elif self.stopped is not None:
            self.stopped()

    def replay(self) -> None:
        """Show what the slot holds for the view's analysis (nothing while it was never asked for)."""
        if self.slot.status is not Status.IDLE:
            self.changed(self.slot)
