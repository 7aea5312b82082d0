"""Pseudonymised ids and masked contacts for lists that leave the shop."""

from __future__ import annotations

import hashlib
import hmac
import re


def pseudonymise_id(customer_id: str, salt: str) -> str:
    """Return a stable pseudonym for `customer_id`: the same id and salt always give the same
    pseudonym, and without the salt it cannot be traced back."""
    digest = hmac.new(salt.encode("utf-8"), str(customer_id).encode("utf-8"), hashlib.sha256)
    return "C-" + digest.hexdigest()[:12].upper()


def mask_phone(phone: str) -> str:
    """Return `phone` with the middle digits hidden: `13800138000` -> `138****8000`,
    `+86 138 0013 8000` -> `+86 138 **** 8000` (a leading +country group is kept)."""
    if not phone:
        return phone
    text = str(phone)
    start = 0
    country = re.match(r"\s*(\+|00)\d{1,3}[\s\-]+", text)
    if country:
        start = country.end()
    positions = [i for i in range(start, len(text)) if text[i].isdigit()]
    if not positions:
        return text
    keep_head, keep_tail = (3, 4) if len(positions) >= 8 else (0, min(2, len(positions) - 1))
    hidden = set(positions[keep_head:len(positions) - keep_tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_email(email: str) -> str:
    """Return `email` with the name part hidden: `zhang@example.com` -> `z***@example.com`."""
    if not email:
        return email
    text = str(email)
    local, at, domain = text.rpartition("@")
    if not at:
        return text[:1] + "***"
    return local[:1] + "***@" + domain


def mask_name(name: str) -> str:
    """Return `name` with all but the first character of each word hidden: `Jane Smith` -> `J*** S****`;
    a Chinese name, written as one word, keeps its family name (its first character) only."""
    if not name:
        return name
    return " ".join(w[:1] + "*" * (len(w) - 1) for w in str(name).split(" "))
