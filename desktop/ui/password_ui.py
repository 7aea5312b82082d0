"""Asking for a project's password (a protected project is encrypted: engine/vault.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desktop.ui.i18n import tr


def ask_password(parent: QWidget | None, name: str, new: bool = False) -> str | None:
    """The password typed for the project `name` (with `new`: typed twice, the same both times);
    None when the user cancelled (or the two differ)."""
    label = (tr("A new password for %1 (nothing can recover it if you forget it):") if new
             else tr("%1 is protected by a password. Password:")).replace("%1", name)
    text, ok = QInputDialog.getText(parent, tr("Password"), label, QLineEdit.EchoMode.Password)
    if not ok or not text:
        return None
    if new:
        again, ok = QInputDialog.getText(parent, tr("Password"), tr("The same password again:"),
                                         QLineEdit.EchoMode.Password)
        if not ok or again != text:
            return None
    return text
