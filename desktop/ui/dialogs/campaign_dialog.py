"""Campaign results in plain words and as a small table (desktop.jobs.campaigns works them out and
saves them)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
else:  # imported on first use: the window shows without it (desktop/lazy.py)
    from desktop.lazy import pandas as pd

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, tr


def _ok(value: float) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _points(value: float) -> str:
    """A difference of two rates, in percentage points."""
    return f"{value * 100:+.1f}"


def _signed_money(value: float) -> str:
    return ("+" if value >= 0 else "−") + fmt.money(abs(value))


def describe_result(result: Any, record: Any = None) -> list[str]:
    """Return the campaign result as short sentences for the shop owner."""
    c, k = result.contacted, result.control
    lines = [tr("From %1 to %2.").replace("%1", fmt.day(result.start)).replace("%2", fmt.day(result.end))]
    lines.append(tr("Of the %1 customers you contacted, %2 bought something (%3).")
                 .replace("%1", fmt.integer(c.customers)).replace("%2", fmt.integer(c.responders))
                 .replace("%3", fmt.percent(c.response_rate)))
    if k.customers:
        lines.append(tr("Of the %1 you kept aside, %2 did (%3).")
                     .replace("%1", fmt.integer(k.customers)).replace("%2", fmt.integer(k.responders))
                     .replace("%3", fmt.percent(k.response_rate)))
    if _ok(result.response_lift) and _ok(result.response_lift_ci[0]):
        low, high = result.response_lift_ci
        lines.append(tr("Contacting them changed the share who bought by %1 percentage points "
                        "(95% range %2 to %3).").replace("%1", _points(result.response_lift))
                     .replace("%2", _points(low)).replace("%3", _points(high)))
        if low > 0:
            lines.append(tr("More of the contacted customers bought, and this is unlikely to be chance."))
        elif high < 0:
            lines.append(tr("Fewer of the contacted customers bought, and this is unlikely to be chance."))
        else:
            lines.append(tr("The difference could be chance: the range includes no difference at all."))
    if _ok(result.spend_lift) and _ok(result.spend_lift_ci[0]):
        lines.append(tr("Per customer, the contacted group spent %1 compared with the control group "
                        "(95% range %2 to %3).").replace("%1", _signed_money(result.spend_lift))
                     .replace("%2", _signed_money(result.spend_lift_ci[0]))
                     .replace("%3", _signed_money(result.spend_lift_ci[1])))
        lines.append(tr("Sales the campaign brought: about %1. After its cost of %2, the return is %3 "
                        "(95% range %4 to %5).")
                     .replace("%1", _signed_money(result.incremental_revenue)).replace("%2", fmt.money(result.cost))
                     .replace("%3", _signed_money(result.net_return))
                     .replace("%4", _signed_money(result.net_return_ci[0]))
                     .replace("%5", _signed_money(result.net_return_ci[1])))
    if record is not None and record.offer:
        lines.append(tr("Offer: %1").replace("%1", record.offer))
    lines.extend(result.notes_zh if is_chinese() else result.notes)
    return lines


def result_table(result: Any) -> pd.DataFrame:
    """Return the result as text for a table: figure, contacted, control, difference, 95% range."""
    c, k = result.contacted, result.control

    def rng(pair: tuple, show) -> str:
        return f"{show(pair[0])} – {show(pair[1])}" if _ok(pair[0]) and _ok(pair[1]) else ""

    def val(value, show) -> str:
        return show(value) if _ok(value) else ""

    rows = [
        (tr("Customers"), fmt.integer(c.customers), fmt.integer(k.customers), "", ""),
        (tr("Customers who bought"), fmt.integer(c.responders), fmt.integer(k.responders), "", ""),
        (tr("Share who bought"), val(c.response_rate, fmt.percent), val(k.response_rate, fmt.percent),
         val(result.response_lift, _points), rng(result.response_lift_ci, _points)),
        (tr("Sales"), fmt.money(c.revenue), fmt.money(k.revenue), "", ""),
        (tr("Spend per customer"), val(c.spend_per_customer, fmt.money), val(k.spend_per_customer, fmt.money),
         val(result.spend_lift, _signed_money), rng(result.spend_lift_ci, _signed_money)),
        (tr("Sales the campaign brought"), "", "", val(result.incremental_revenue, _signed_money),
         rng(result.incremental_revenue_ci, _signed_money)),
        (tr("Cost of the campaign"), fmt.money(result.cost), "", "", ""),
        (tr("Return after the cost"), "", "", val(result.net_return, _signed_money),
         rng(result.net_return_ci, _signed_money)),
    ]
    frame = pd.DataFrame(rows, columns=["figure", "contacted", "control", "difference", "range"])
    frame.index = [str(i) for i in range(len(frame))]
    return frame


def ask_results_path(parent: QWidget, record: Any) -> str:
    """Ask where to save the results; return the path ('' when cancelled)."""
    name = (record.name or record.campaign_id or "campaign").replace("/", "-")
    docs = Path.home() / "Documents"
    start = (docs if docs.is_dir() else Path.home()) / f"{name} results.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save the campaign results"), str(start),
                                          tr("Excel workbook") + " (*.xlsx);;" + tr("CSV file") + " (*.csv)")
    return path
