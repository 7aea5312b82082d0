"""Warnings about the predictions: desktop.texts.Message (a catalogue code and its parameters, the
sentences in desktop/texts, section "predictions"). The CLI renders them in English, the app in the
window's language; JSON gets {code, message, **params}."""

from __future__ import annotations

from desktop.texts import Message, message

PredictionWarning = Message
"""The type of a prediction warning (kept as a name for the modules that annotate with it)."""


def make_warning(code: str, **values: object) -> Message:
    """Return the warning `code` of the catalogue with its parameters."""
    return message(code, **values)
