"""The Qt binding must not corrupt reference counts: PySide6 6.12.0 dropped one reference to True
on every Signal.emit from Python, so a long session (progress signals) aborted the interpreter."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    text = Signal(str, float)


def test_emitting_signals_keeps_reference_counts(qapp) -> None:
    emitter = _Emitter()
    received = []
    emitter.number.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(500):
        emitter.number.emit(i)
        emitter.text.emit("x", 0.5)
    after = sys.getrefcount(True)
    assert len(received) == 500
    assert abs(after - before) < 50, f"True lost {before - after} references over 1,000 emits"
