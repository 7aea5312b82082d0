"""Errors the engine raises for the user to read."""

from __future__ import annotations


class InputError(Exception):
    """A problem with the user's input, explained in one sentence that names the file (and row or
    column where it applies) and says what to do. The CLI prints it and exits with code 2; the app
    shows it in a message, in Chinese (`zh`) when the app speaks Chinese.

    `str(exc)` is the English sentence; `exc.zh` the same sentence in Simplified Chinese (None when
    it has not been translated)."""

    def __init__(self, message: str, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    def __reduce__(self):
        # The analysis runs in a child process and its errors are pickled back; the default
        # reduction would rebuild from args only and lose the Chinese sentence.
        return (type(self), (self.args[0] if self.args else "", self.zh))


def message_for(exc: BaseException, chinese: bool) -> str:
    """Return the sentence to show for `exc`: its Chinese text when `chinese` and it has one, else str(exc)."""
    if chinese:
        zh = getattr(exc, "zh", None)
        if zh:
            return str(zh)
    return str(exc)


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel."""


def catalogue_error(code: str, **params) -> InputError:
    """The InputError of a catalogue sentence (desktop/texts): its English and Chinese text."""
    from desktop.texts import message

    note = message(code, **params)
    note_zh = note.text("zh")
    return InputError(note.text("en"), zh=note_zh)
