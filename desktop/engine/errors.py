"""Errors the engine raises for the user to read."""

from __future__ import annotations


class InputError(Exception):
    """A problem with the user's input, explained in one sentence that names the file (and row or
    column where it applies) and says what to do. The CLI prints it and exits with code 2; the app
    shows it in a message."""


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel."""
