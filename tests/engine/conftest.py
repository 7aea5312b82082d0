"""Fixtures for engine tests: `no_network` makes any attempt to open a network connection fail."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest


class NetworkUsed(AssertionError):
    """Raised when code under test tries to reach the network."""


def install_network_block() -> list[str]:
    """Make socket connections and name look-ups raise NetworkUsed; return the list that records each
    attempt. Local Unix sockets and socketpair (used by multiprocessing and asyncio) stay allowed."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def refuse(what: str) -> None:
        attempts.append(what)
        raise NetworkUsed(f"network access attempted: {what}")

    def connect(self: socket.socket, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address, *args, **kwargs)
        refuse(f"connect {address!r}")

    def connect_ex(self: socket.socket, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect_ex(self, address, *args, **kwargs)
        refuse(f"connect_ex {address!r}")

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.create_connection = lambda address, *a, **k: refuse(f"create_connection {address!r}")  # type: ignore[assignment]
    socket.getaddrinfo = lambda host, *a, **k: refuse(f"getaddrinfo {host!r}")  # type: ignore[assignment]
    socket.gethostbyname = lambda host: refuse(f"gethostbyname {host!r}")  # type: ignore[assignment]
    return attempts


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    """Fail any network connection made during the test; yields the list of attempts."""
    saved = {name: getattr(socket, name) for name in ("create_connection", "getaddrinfo", "gethostbyname")}
    saved_methods = (socket.socket.connect, socket.socket.connect_ex)
    attempts = install_network_block()
    try:
        yield attempts
    finally:
        for name, value in saved.items():
            setattr(socket, name, value)
        socket.socket.connect, socket.socket.connect_ex = saved_methods  # type: ignore[method-assign]
