"""The monthly report as a PDF: one to three A4 pages drawn by Qt (QTextDocument laid out on a
QPdfWriter, the trend chart painted with QPainter), in English or Simplified Chinese.

The figures come from desktop.engine.report (Qt-free); this module only lays them out. Text is set in
the bundled WenQuanYi Micro Hei (desktop/ui/fonts.py) so a Chinese report shows Chinese on any machine;
the PDF embeds the glyphs it uses. `clientele report` imports this module lazily; the app's File ›
Print report… calls `write_report_pdf` with the analysis it shows.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path
from typing import Any

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Monthly report", "as_of": "Up to {as_of} · files: {files}", "key": "This month against last month",
        "figure": "Figure", "now": "This month", "before": "Same days last month", "change": "Change",
        "revenue": "Revenue", "orders": "Orders", "customers": "Customers", "new_customers": "New customers",
        "returning_customers": "Returning customers", "repeat_rate": "Repeat rate",
        "trend": "Month by month", "chart_revenue": "Revenue per month (bars) and customers (line)",
        "chart_orders": "Orders per month (bars) and customers (line); no prices in this file",
        "groups": "Groups", "group": "Group", "share": "Share of revenue",
        "movers": "Who moved this month", "from": "From", "to": "To", "at_stake": "Spend, last 12 months",
        "better": "up", "worse": "down", "no_moves": "Nobody changed group since the end of last month.",
        "lost": "Lost this month (90 days without a purchase): {count} customers who spent {spend} in the last 12 "
                "months. "
                "New: {new}. Won back: {back}.",
        "campaigns": "Campaign results", "campaign": "Campaign", "sent": "Sent", "contacted": "Contacted",
        "control": "Control", "bought": "Bought (contacted / control)",
        "spend_each": "Spend each (contacted / control)",
        "no_campaigns": "No campaign recorded yet: export a list with a control group to see what it brought.",
        "week": "This week's list", "customer": "Customer", "reason": "Why", "due": "When", "value": "Value",
        "value_expected_12m": "Value: expected spend in the next 12 months.",
        "value_last_12m": "Value: spend in the last 12 months.", "value_none": "",
        "nobody": "Nobody to contact this week.", "na": "–", "page": "Clientele · {month}",
    },
    "zh": {
        "title": "月度报告", "as_of": "截至 {as_of} · 文件：{files}", "key": "本月与上月对比",
        "figure": "指标", "now": "本月", "before": "上月同期", "change": "变化",
        "revenue": "销售额", "orders": "订单数", "customers": "客户数", "new_customers": "新客户",
        "returning_customers": "回头客", "repeat_rate": "复购率",
        "trend": "逐月趋势", "chart_revenue": "每月销售额（柱）与客户数（线）",
        "chart_orders": "每月订单数（柱）与客户数（线）；此文件没有价格",
        "groups": "客户分组", "group": "分组", "share": "销售额占比",
        "movers": "本月分组变化", "from": "原分组", "to": "新分组", "at_stake": "近 12 个月消费",
        "better": "上升", "worse": "下降", "no_moves": "自上月底以来没有客户变换分组。",
        "lost": "本月流失（90 天未购买）：{count} 位客户，近 12 个月共消费 {spend}。新客户：{new}。挽回：{back}。",
        "campaigns": "营销活动效果", "campaign": "活动", "sent": "发出日期", "contacted": "联系人数",
        "control": "对照组", "bought": "购买率（联系 / 对照）", "spend_each": "人均消费（联系 / 对照）",
        "no_campaigns": "还没有营销活动记录：导出名单时留出对照组，即可看到活动带来的效果。",
        "week": "本周联系名单", "customer": "客户", "reason": "原因", "due": "日期", "value": "价值",
        "value_expected_12m": "价值：未来 12 个月预计消费额。", "value_last_12m": "价值：近 12 个月消费额。",
        "value_none": "", "nobody": "本周没有需要联系的客户。", "na": "–", "page": "Clientele · {month}",
    },
}


def _ensure_app() -> Any:
    """A QGuiApplication for drawing (offscreen on a Linux machine without a display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    return app


def _family() -> str:
    """The bundled Latin + Chinese font's family (registered once)."""
    from PySide6.QtGui import QFontDatabase

    from desktop.ui.fonts import bundled_font_path

    font_id = QFontDatabase.addApplicationFont(str(bundled_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return next((f for f in families if "mono" not in f.lower()), families[0] if families else "Sans Serif")


def _money(value: Any, na: str) -> str:
    return na if value is None else f"{value:,.0f}"


def _pct(value: Any, na: str, signed: bool = False) -> str:
    return na if value is None else (f"{value:+.0%}" if signed else f"{value:.0%}")


def _figure(key: str, value: Any, na: str) -> str:
    if key == "revenue":
        return _money(value, na)
    if key == "repeat_rate":
        return _pct(value, na)
    return na if value is None else f"{value:,}"


def chart_image(months: list[dict[str, Any]], has_prices: bool, family: str, width: int = 1800, height: int = 560):
    """Bars of revenue (orders without prices) per month and a line of customers, as a QImage."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont(family)
    font.setPixelSize(22)
    p.setFont(font)
    left, right, top, bottom = 40, 20, 44, 60
    plot = QRectF(left, top, width - left - right, height - top - bottom)
    key = "revenue" if has_prices else "orders"
    bars = [float(m.get(key) or 0.0) for m in months]
    line = [float(m.get("customers") or 0) for m in months]
    top_bar, top_line = max(bars + [1.0]), max(line + [1.0])
    n = max(1, len(months))
    step = plot.width() / max(n, 6)  # a short history keeps bars of a usual width, from the left
    p.setPen(QPen(QColor("#cccccc"), 1))
    p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    points = []
    for i, m in enumerate(months):
        h = plot.height() * max(bars[i], 0.0) / top_bar
        x = plot.left() + i * step
        p.fillRect(QRectF(x + step * 0.15, plot.bottom() - h, step * 0.7, h),
                   QColor("#9bbbd9" if not m.get("partial") else "#c9dcec"))
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(x, plot.bottom() + 6, step, 26), Qt.AlignmentFlag.AlignCenter, str(m["month"])[2:])
        p.drawText(QRectF(x, plot.bottom() - h - 28, step, 26), Qt.AlignmentFlag.AlignCenter,
                   _short(bars[i]))
        points.append(QPointF(x + step / 2, plot.bottom() - plot.height() * 0.9 * line[i] / top_line))
    p.setPen(QPen(QColor("#d2691e"), 4))
    for a, b in zip(points, points[1:]):
        p.drawLine(a, b)
    for pt in points:
        p.setBrush(QColor("#d2691e"))
        p.drawEllipse(pt, 6, 6)
    p.end()
    return image


def _short(value: float) -> str:
    if abs(value) >= 1e6:
        return f"{value / 1e6:.1f}M"
    if abs(value) >= 1e4:
        return f"{value / 1e3:.0f}k"
    return f"{value:,.0f}"


def report_html(data: dict[str, Any], language: str = "en", chart_width: int = 500) -> str:
    """The report's pages as HTML for QTextDocument (the chart is the image resource 'chart')."""
    t = LABELS["zh" if language.startswith("zh") else "en"]
    zh = language.startswith("zh")
    na = t["na"]
    e = html.escape

    def table(head: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
        align = align or ["left"] * len(head)
        out = ['<table width="100%" cellspacing="0" cellpadding="4" style="border-collapse:collapse">', "<tr>"]
        out += [f'<th align="{a}" style="background:#eef3f8">{e(h)}</th>' for h, a in zip(head, align)]
        out.append("</tr>")
        for i, r in enumerate(rows):
            bg = ' style="background:#f8f8f8"' if i % 2 else ""
            out.append(f"<tr{bg}>" + "".join(f'<td align="{a}">{c}</td>' for c, a in zip(r, align)) + "</tr>")
        return "".join(out) + "</table>"

    parts = [f'<h1 style="color:#1f4e79">{e(t["title"])} · {e(data["month"])}</h1>',
             f'<p style="color:#555">{e(t["as_of"].format(as_of=data["as_of"], files=", ".join(data["files"])))}</p>',
             f"<h2>{e(t['key'])}</h2>"]
    rows = []
    for f in data["figures"]:
        if f["key"] == "revenue" and not data["has_prices"]:
            continue
        change = _pct(f["change"], na, signed=True) if f["key"] != "repeat_rate" else (
            na if f["change"] is None else f"{f['change'] * 100:+.0f} pt")
        colour = "#2e7d32" if (f["change"] or 0) > 0 else "#c62828" if (f["change"] or 0) < 0 else "#333"
        rows.append([e(t[f["key"]]), _figure(f["key"], f["now"], na), _figure(f["key"], f["before"], na),
                     f'<span style="color:{colour}">{e(change)}</span>'])
    parts.append(table([t["figure"], t["now"], t["before"], t["change"]], rows, ["left", "right", "right", "right"]))
    parts.append(f"<h2>{e(t['trend'])}</h2>")
    parts.append(f'<p style="color:#555">{e(t["chart_revenue" if data["has_prices"] else "chart_orders"])}</p>')
    parts.append(f'<p><img src="chart" width="{chart_width}"></p>')
    for w in data.get("warnings", []):  # a short history, a first month counting everyone as new …
        parts.append(f'<p style="color:#777">{e(w["message"])}</p>')
    lost = data.get("lost") or {}
    if lost:
        parts.append("<p>" + e(t["lost"].format(
            count=lost["lost"]["count"], spend=_money(lost["lost"]["spend_12m"], na),
            new=lost["won_new"]["count"], back=lost["won_back"]["count"])) + "</p>")

    parts.append(f"<h2>{e(t['groups'])}</h2>")
    parts.append(table([t["group"], t["customers"], t["revenue"], t["share"]],
                       [[e(g["name_zh"] if zh else g["name"]), f"{g['customers']:,}", _money(g["revenue"], na),
                         _pct(g["revenue_share"], na)] for g in data["groups"]],
                       ["left", "right", "right", "right"]))
    parts.append(f"<h2>{e(t['movers'])}</h2>")
    if data["moves"]:
        parts.append(table([t["from"], t["to"], t["customers"], t["at_stake"]],
                           [[e(m["from_name_zh"] if zh else m["from_name"]),
                             e(m["to_name_zh"] if zh else m["to_name"]) + (" ▲" if m["better"] else " ▼"),
                             f"{m['customers']:,}", _money(m["spend_12m"], na)] for m in data["moves"]],
                           ["left", "left", "right", "right"]))
    else:
        parts.append(f"<p>{e(t['no_moves'])}</p>")

    parts.append(f"<h2>{e(t['campaigns'])}</h2>")
    if data["campaigns"]:
        parts.append(table([t["campaign"], t["sent"], t["contacted"], t["control"], t["bought"], t["spend_each"]],
                           [[e(c["name"]), e(c["created"]), f"{c['contacted']:,}", f"{c['control']:,}",
                             f"{_pct(c['response_contacted'], na)} / {_pct(c['response_control'], na)}",
                             f"{_money(c['spend_contacted'], na)} / {_money(c['spend_control'], na)}"]
                            for c in data["campaigns"]],
                           ["left", "left", "right", "right", "right", "right"]))
    else:
        parts.append(f"<p>{e(t['no_campaigns'])}</p>")

    parts.append(f"<h2>{e(t['week'])}</h2>")
    if data["contacts"]:
        parts.append(table([t["customer"], t["reason"], t["due"], t["value"]],
                           [[e(c["customer_id"] + (f" {c['name']}" if c.get("name") else "")), e(c["reason"]),
                             e(c["due"]), _money(c["value"], na)] for c in data["contacts"]],
                           ["left", "left", "left", "right"]))
        note = t.get(f"value_{data['value_kind']}", "")
        if note:
            parts.append(f'<p style="color:#555">{e(note)}</p>')
    else:
        parts.append(f"<p>{e(t['nobody'])}</p>")
    return "".join(parts)


def write_report_pdf(data: dict[str, Any], path: Path | str, language: str = "en") -> tuple[Path, int]:
    """Write the report (ReportData.to_dict) as a PDF at `path` atomically; return (path, pages)."""
    _ensure_app()
    from PySide6.QtCore import QMarginsF, QSizeF, QUrl
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from desktop.engine.export import atomic_write

    family = _family()
    target = Path(path)
    pages = [0]

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(LABELS["zh" if language.startswith("zh") else "en"]["title"] + " " + data["month"])
        writer.setCreator("Clientele")
        writer.setResolution(300)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
        doc = QTextDocument()
        font = QFont(family)
        font.setPointSizeF(9.5)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet("h1 { font-size: 18pt; } h2 { font-size: 12pt; color: #1f4e79; } "
                                 "th, td { font-size: 9pt; }")
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart"),
                        chart_image(data["months"], data["has_prices"], family))
        # Lay out at the page's width in points, as print_ does for a paged device.
        rect = writer.pageLayout().paintRectPoints()
        doc.setHtml(report_html(data, language, chart_width=int(rect.width()) - 8))
        doc.setPageSize(QSizeF(rect.width(), rect.height()))
        doc.print_(writer)
        del writer  # the PDF is complete once its writer is gone
        pages[0] = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", Path(tmp).read_bytes()))

    atomic_write(target, write)
    return target, pages[0]
