"""The engine's error types and their sentence for the user, for the app's views and dialogs (which
import jobs and session, not the engine)."""

from __future__ import annotations

from desktop.engine.errors import Cancelled, InputError, message_for

__all__ = ["Cancelled", "InputError", "message_for"]
