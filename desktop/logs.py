"""What goes into Clientele's log files: tracebacks without the data they might quote. An exception's
message can hold a cell of the user's file (a name, a phone number, an e-mail address), so the
message is left out and any e-mail address or long digit run that remains is masked."""

from __future__ import annotations

import re
import traceback

_EMAIL = re.compile(r"[^\s@'\"<>(),;:]+@[^\s@'\"<>(),;:]+\.[A-Za-z]{2,}")
_DIGITS = re.compile(r"\+?\d[\d \-]{5,}\d")  # phone numbers, card and member numbers
_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Warning|Interrupt|Exit|Failure|Cancelled)):.*$",
                             re.MULTILINE)


def private_text(text: str) -> str:
    """`text` (a traceback, a details block) with exception messages left out and e-mail addresses
    and phone-like digit runs masked: what a log file may hold."""
    text = _EXCEPTION_LINE.sub(r"\1: (message left out: it may quote your data)", text)
    text = _EMAIL.sub("<e-mail>", text)
    return _DIGITS.sub("<number>", text)


def private_traceback(exc: BaseException) -> str:
    """The traceback of `exc` for a log file (see private_text)."""
    return private_text("".join(traceback.format_exception(exc)))
