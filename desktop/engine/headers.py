"""Column headers compared as words: one normal form for roles, consent and platform formats."""

from __future__ import annotations

import re


def normalise_header(name: object) -> str:
    """Lower-case a header and drop spaces, punctuation and units in brackets: 'Unit Price (¥)' -> 'unitprice'."""
    s = str(name).replace("\ufeff", "").strip().lower()
    s = re.sub(r"[（(\[【].*?[）)\]】]", "", s)
    s = re.sub(r"[\s_\-./:：#'\"·]+", "", s)
    return s
