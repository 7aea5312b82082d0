"""The one QObject between the Qt-free session (desktop.session) and the widgets: it emits a typed
signal when the analysis or a slot changes, on the GUI thread (the runner calls back there)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.session import Session, Slot


class SessionAdapter(QObject):
    """Signals of one Session. Each slot signal carries the Slot (status, value, error, request)."""

    analysisChanged = Signal(object)       # AnalysisData or None
    predictionsChanged = Signal(object)    # Slot[PreparedPredictions]
    propensityChanged = Signal(object)     # Slot[PropensityResult]
    holdoutChanged = Signal(object)        # Slot[HoldoutResult]
    suggestionsChanged = Signal(object)    # Slot[SuggestionBundle]
    segmentationChanged = Signal(object)   # Slot[GroupingResult]

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._signals = {"predictions": self.predictionsChanged, "propensity": self.propensityChanged,
                         "holdout": self.holdoutChanged, "suggestions": self.suggestionsChanged,
                         "segmentation": self.segmentationChanged}
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
