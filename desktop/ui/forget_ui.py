""""Forget this customer…" in the customer panel: after a confirmation, the customer is removed from
the shown analysis, from the open project file and from every autosave (engine/forget.py); the
window then shows the analysis without them. The source spreadsheets are the owner's to edit."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.jobs.privacy import ForgetRequest, forget
from desktop.ui.i18n import is_chinese, tr


def confirm_text(customer_id: str, name: str | None) -> str:
    who = f"{name} ({customer_id})" if name else customer_id
    return (tr("Forget %1? Their purchases and contact details are removed from this analysis, the saved "
               "project and every autosave, and they are left out of lists from now on. This cannot be "
               "undone.").replace("%1", who) + "\n\n"
            + tr("Your own spreadsheets are yours to edit: remove the customer there too, or they come back "
                 "the next time you open those files."))


def forget_in_window(window: Any, customer_id: str, name: str | None = None, ask: bool = True) -> bool:
    """Ask, then forget the customer on the window's worker; return True when it started."""
    data = getattr(window, "data", None)
    if data is None:
        return False
    if ask:
        answer = QMessageBox.warning(window, tr("Forget this customer"), confirm_text(customer_id, name),
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    project = getattr(window, "project", None)
    path = getattr(project, "path", None)
    request = window.request

    def done(result: Any) -> None:
        show = getattr(project, "_show_reanalysis", None)  # keeps a project's analysis a project's
        if show is not None:
            show(request, result)
        else:
            window._analysis_done(request, result)
        window.set_status(tr("Customer %1 was forgotten.").replace("%1", customer_id))

    request_ = ForgetRequest(data.analysis, customer_id, str(path) if path else None, is_chinese())
    window.runner.start("analysis", forget, request_, on_result=done, on_error=window._analysis_failed,
                        label=tr("Forgetting %1…").replace("%1", customer_id))
    return True
