"""Password-protected project files: the whole SQLite file encrypted at rest with AES-256-GCM under a
key derived from the password by scrypt (the `cryptography` library). Nothing else is stored: without
the password the file cannot be read, and nothing can recover a forgotten password.

File layout: MAGIC (16 bytes) | salt (16) | scrypt log2(n) (1) | r (1) | p (1) | nonce (12) |
ciphertext+tag. The header is authenticated with the ciphertext, so changing any byte is refused as a
wrong password or a damaged file. The plaintext is the SQLite database, only ever in memory.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

MAGIC = b"ClienteleLocked1"  # never "SQLite format 3": sqlite3 cannot open an encrypted project
_SALT, _NONCE, _KEY = 16, 12, 32
_LOG_N, _R, _P = 15, 8, 1  # scrypt: 32 MiB and about a tenth of a second per open
_HEADER = len(MAGIC) + _SALT + 3 + _NONCE


def is_encrypted(path: Path | str) -> bool:
    """True for a file that starts as a password-protected project."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(password: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=_KEY, n=1 << log_n, r=r, p=p).derive(password.encode("utf-8"))


def encrypt(data: bytes, password: str) -> bytes:
    """The encrypted form of `data` (a project database) under `password`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not password:
        raise ValueError("an empty password protects nothing")
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    header = MAGIC + salt + bytes([_LOG_N, _R, _P]) + nonce
    return header + AESGCM(_key(password, salt, _LOG_N, _R, _P)).encrypt(nonce, data, header)


def decrypt(blob: bytes, password: str | None, name: str) -> bytes:
    """The database inside an encrypted project (`name` is the file's name, for the sentences).
    InputError: no password given, or a wrong one (or a damaged file: the two cannot be told apart)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not password:
        raise InputError("project_needs_password", file=name)
    wrong = InputError("project_wrong_password", file=name)
    if len(blob) < _HEADER + 16 or blob[:len(MAGIC)] != MAGIC:
        raise wrong
    salt = blob[len(MAGIC):len(MAGIC) + _SALT]
    log_n, r, p = blob[len(MAGIC) + _SALT:len(MAGIC) + _SALT + 3]
    if not (10 <= log_n <= 20 and 1 <= r <= 32 and 1 <= p <= 4):  # a hostile header must not cost memory
        raise wrong
    header = blob[:_HEADER]
    try:
        return AESGCM(_key(password, salt, log_n, r, p)).decrypt(header[-_NONCE:], blob[_HEADER:], header)
    except InvalidTag:
        raise wrong from None


def read_password_file(path: Path | str) -> str:
    """The password in a file (its first line, without the line break); InputError when unreadable or empty."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError):
        raise InputError("password_file_unreadable", file=p.name) from None
    password = text.splitlines()[0] if text.splitlines() else ""
    if not password:
        raise InputError("password_file_unreadable", file=p.name)
    return password
