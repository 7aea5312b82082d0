"""Waiting in Qt tests outside pytest-qt's function-scoped `qtbot` (module-scoped fixtures share
one analysed window): run the event loop until a signal arrives or a condition holds."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer


def wait_signal(*signals, timeout_ms: int = 60000) -> tuple[int, tuple]:
    """Wait for the first of `signals`; return (index of the signal, its arguments)."""
    loop = QEventLoop()
    got: list[tuple] = []
    slots = []
    for i, signal in enumerate(signals):
        def slot(*a, i=i):
            got.append((i, a))
            loop.quit()

        signal.connect(slot)
        slots.append((signal, slot))
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    for signal, slot in slots:
        signal.disconnect(slot)
    assert got, "timed out"
    return got[0]


def wait_until(condition: Callable[[], object], timeout_ms: int = 30000, every_ms: int = 10) -> None:
    """Run the event loop until `condition()` holds (looked at every `every_ms`)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: condition() and loop.quit())
    timer.start(every_ms)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    timer.stop()
    assert condition(), "timed out"
