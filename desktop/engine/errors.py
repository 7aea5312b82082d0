"""Errors the engine raises for the user to read."""

from __future__ import annotations

from typing import Any

from desktop import texts


class InputError(Exception):
    """A problem with the user's input, explained in one sentence that names the file (and row or
    column where it applies) and says what to do. The CLI prints it and exits with code 2; the app
    shows it in the window's language.

    The engine raises it with a catalogue code and its parameters, like a warning:
    `InputError("reading_sheets_data", file=path.name)`; `exc.message` is that `texts.Message`.
    `str(exc)` is the English sentence, `exc.text(language)` the sentence in any catalogue language
    and `exc.zh` the Simplified Chinese one. (Code outside the engine may still pass a ready English
    sentence and its Chinese twin as the keyword `zh`; `exc.message` is None then.)"""

    def __init__(self, code_or_sentence: str | texts.Message, zh: str | None = None, **params: Any) -> None:
        if isinstance(code_or_sentence, texts.Message):
            msg: texts.Message | None = code_or_sentence
        elif code_or_sentence in texts.LANGUAGES["en"]:
            msg = texts.Message(code_or_sentence, params)
        elif params:
            raise KeyError(f"no catalogue entry for error code {code_or_sentence!r}")
        else:
            msg = None
        super().__init__(msg.text("en") if msg is not None else code_or_sentence)
        self.message = msg
        self._zh = zh

    @property
    def zh(self) -> str | None:
        """The sentence in Simplified Chinese (None for an untranslated ready sentence)."""
        return self.message.text("zh") if self.message is not None else self._zh

    def text(self, language: str = "en") -> str:
        """The sentence in `language` (English when it has no translation)."""
        if self.message is not None:
            return self.message.text(language)
        if language == "zh" and self._zh:
            return self._zh
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):
        # The analysis runs in a child process and its errors are pickled back; the default
        # reduction would rebuild from args only and lose the code, its parameters and the Chinese.
        if self.message is not None:
            return (type(self), (self.message,))
        return (type(self), (self.args[0] if self.args else "", self._zh))


def message_for(exc: BaseException, chinese: bool) -> str:
    """Return the sentence to show for `exc`: its Chinese text when `chinese` and it has one, else str(exc)."""
    return text_for(exc, "zh" if chinese else "en")


def text_for(exc: BaseException, language: str) -> str:
    """Return the sentence to show for `exc` in `language`: an InputError's own translation, else str(exc)."""
    if isinstance(exc, InputError):
        return exc.text(language)
    if language == "zh":
        zh = getattr(exc, "zh", None)
        if zh:
            return str(zh)
    return str(exc)


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel."""

