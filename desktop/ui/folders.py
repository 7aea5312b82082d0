"""Showing a folder in the system's file manager (after an export, the log folder), and knowing
beforehand whether this computer can: a bare Linux machine, a server session or the offscreen
platform has no file manager, and QDesktopServices.openUrl then quietly does nothing."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# what Qt's desktop services run on Linux and other Unix desktops to open a folder
UNIX_OPENERS = ("xdg-open", "gio", "kde-open", "kde-open5", "gnome-open", "exo-open", "gvfs-open")


def can_open_folders() -> bool:
    """Return True when this computer has a file manager Qt can show a folder in."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.platformName() in ("offscreen", "minimal", "vnc", "linuxfb", "eglfs"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return any(shutil.which(name) for name in UNIX_OPENERS)


def open_folder(folder: Path | str) -> bool:
    """Show `folder` in the file manager; return False when it could not be shown."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return can_open_folders() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
