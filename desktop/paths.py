"""Where bundled resources live (source tree, installed package or frozen build); how names the
user gave are shown (display_name); the app's own temporary files and the sweep of stale ones."""

from __future__ import annotations

import os
import re
import secrets
import sys
from collections.abc import Iterable
from pathlib import Path


def resources_dir() -> Path:
    """Return the folder holding icons, translations, styles and the demo shop."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def demo_dir() -> Path:
    """Return the folder of the bundled demo shop."""
    return resources_dir() / "demo"


def demo_files() -> tuple[Path, Path]:
    """Return (order lines file, customer list file) of the demo shop."""
    d = demo_dir()
    return d / "demo_orders.csv", d / "demo_customers.csv"


# ---------------------------------------------------------------------------------------------
# Names a user gave, shown safely


_SHOWN_AS_IS = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls (newlines, escape codes), DEL, lone surrogates (undecodable bytes) and the
# characters that reorder text or separate lines invisibly.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028-\u202e"
                     "\u2066-\u2069\ufeff]")
_UNSAFE_IN_LAYOUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e"
                               "\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def display_name(name: object, keep_layout: bool = False) -> str:
    """Return a name the user gave (a file, folder or sheet; str, bytes or path) safe to print or
    show in a sentence: bytes that are not UTF-8 (which the system hands over as surrogate
    escapes) as \\xNN, newlines as \\n, and terminal escape codes, other control characters and
    text-direction marks as \\xNN or \\uNNNN, so the name cannot break a line, re-title the
    terminal or fail to encode. With `keep_layout`, line feeds and tabs stay (for whole lines of
    output)."""
    if isinstance(name, bytes):
        text = name.decode("utf-8", "surrogateescape")
    elif isinstance(name, str):
        text = name
    else:
        try:
            raw = os.fspath(name) if isinstance(name, os.PathLike) else str(name)
        except TypeError:  # __fspath__ returned neither str nor bytes
            raw = str(name)
        text = raw.decode("utf-8", "surrogateescape") if isinstance(raw, bytes) else raw
    pattern = _UNSAFE_IN_LAYOUT if keep_layout else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped, text)


def _escaped(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _SHOWN_AS_IS:
        return _SHOWN_AS_IS[ch]
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x20:
        return f"\\x{code:02x}"
    # \uNNNN from DEL on: inside a JSON string (run_cli's output) that is a valid escape of the
    # same character, where \xNN would not be.
    return f"\\u{code:04x}"


# ---------------------------------------------------------------------------------------------
# The app's own temporary files, and sweeping those a killed process left behind


EXPORT_TEMP_PREFIX = ".~clientele-"
"""Hidden temporary export files in the target's folder: .~clientele-<pid>-<8 hex><suffix>."""
SCRATCH_PREFIX = "clientele-parts-"
"""XlsxWriter's scratch folders in the system temp folder: clientele-parts-<pid>-<random>."""

_EXPORT_TEMP = re.compile(re.escape(EXPORT_TEMP_PREFIX) + r"(\d+)-[0-9a-f]{8}\.(xlsx|csv|json)")
_SCRATCH = re.compile(re.escape(SCRATCH_PREFIX) + r"(\d+)-[A-Za-z0-9_]{1,16}")
# Project saves and autosaves (engine/project.py): .<name>.clientele.<8 hex>.tmp, the autosave's
# name holding its session's pid (session-<pid>.clientele); session markers: <pid>.tmp.
_AUTOSAVE_TEMP = re.compile(r"\.session-(\d+)\.clientele\.[0-9a-f]{8}\.tmp")
_MARKER_TEMP = re.compile(r"(\d+)\.tmp")


def export_temp_name(suffix: str) -> str:
    """Return a fresh name for a temporary export file of this process."""
    return f"{EXPORT_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{suffix}"


def pid_alive(pid: int) -> bool:
    """True when a process with this id is running (the check crash recovery uses)."""
    return pid == os.getpid() or process_running(pid)


def process_running(pid: int) -> bool:
    """True when a process with this id is running."""
    if pid <= 0 or pid >= 2**31:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]  # ctypes.windll exists on Windows only
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def sweep_stale_temp_files(folders: Iterable[Path | str] = (), data_folder: Path | str | None = None
                           ) -> list[Path]:
    """Remove the temporary files a Clientele process killed while exporting or autosaving left
    behind; return what was removed. Only names the app itself makes are touched, and only when
    the process named in them is no longer running: .~clientele-<pid>-… in `folders` (the
    folders exports went to), clientele-parts-<pid>-… scratch folders in the system temp folder,
    and in `data_folder` (the autosave/session folder) the autosave temp files and session-marker
    temp files of dead sessions. Symbolic links are never followed; errors are ignored."""
    import shutil
    import stat
    import tempfile

    removed: list[Path] = []

    def sweep(folder: Path, pattern: re.Pattern, directories: bool = False) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match is None or pid_alive(int(match.group(1))):
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
                if directories and stat.S_ISDIR(mode):
                    shutil.rmtree(entry.path)
                elif stat.S_ISREG(mode):
                    os.unlink(entry.path)
                else:
                    continue
            except OSError:
                continue
            removed.append(Path(entry.path))

    for folder in dict.fromkeys(Path(f) for f in folders):
        sweep(folder, _EXPORT_TEMP)
    sweep(Path(tempfile.gettempdir()), _SCRATCH, directories=True)
    if data_folder is not None:
        sweep(Path(data_folder) / "autosave", _AUTOSAVE_TEMP)
        sweep(Path(data_folder) / "sessions", _MARKER_TEMP)
    return removed
