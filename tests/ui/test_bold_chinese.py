"""Chinese titles and figures are bold like the English ones (issue 18, item 6): the style sheet asks
for weight 700, at which Qt draws a synthetic bold for Chinese fonts without a bold face."""

from __future__ import annotations

import re

from desktop.paths import resources_dir


def ink(text: str, style: str) -> int:
    """Return the number of dark pixels of `text` drawn by a label with `style`."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setStyleSheet(style)
    label.adjustSize()
    image = label.grab().toImage()
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y).lightness() < 128)


def test_the_style_sheet_asks_for_a_weight_chinese_fonts_can_draw_bold():
    qss = (resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8")
    weights = re.findall(r"font-weight:\s*([^;]+);", qss)
    assert weights and set(weights) == {"bold"}


def test_bold_chinese_is_drawn_heavier_than_regular(qapp):
    from desktop.ui.fonts import ensure_ui_font

    ensure_ui_font()
    for text in ("客户分组", "重要价值客户"):
        assert ink(text, "font-size: 20pt; font-weight: bold;") > 1.2 * ink(text, "font-size: 20pt;")
