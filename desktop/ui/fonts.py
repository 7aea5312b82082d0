"""A font for machines that have none: without one, Qt draws every letter as an empty box.

Clientele ships WenQuanYi Micro Hei (resources/fonts, Apache-2.0), which covers Latin and Simplified
Chinese. `ensure_ui_font()` registers it only when the installed fonts cannot draw both scripts, so a
normal desktop keeps its own fonts. Call it once, right after the QApplication exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.paths import resources_dir

BUNDLED_FONT = "wqy-microhei.ttc"
LATIN_SAMPLE = "Customers 123"
CHINESE_SAMPLE = "客户细分"


@dataclass
class FontStatus:
    """What `ensure_ui_font` found and did."""

    latin: bool  # an installed font covers Latin
    chinese: bool  # an installed font covers Simplified Chinese
    registered: str | None = None  # family of the bundled font, when it had to be registered
    default_family: str = ""  # the application's font family afterwards


def bundled_font_path() -> Path:
    """Return the path of the bundled Latin + Simplified Chinese font file."""
    return resources_dir() / "fonts" / BUNDLED_FONT


def ensure_ui_font(force: bool = False) -> FontStatus:
    """Register the bundled font when no installed font covers Latin and Simplified Chinese
    (or always, with `force`); return what was found and done. Needs a QGuiApplication."""
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    if QGuiApplication.instance() is None:
        raise RuntimeError("ensure_ui_font needs a QGuiApplication")
    # ask the text layout, as a label would: with no font at all fontconfig still lists the
    # generic names "Sans Serif" and "Serif", so the font database alone cannot tell
    latin = can_draw(LATIN_SAMPLE)
    chinese = can_draw(CHINESE_SAMPLE)
    status = FontStatus(latin=latin, chinese=chinese)
    if latin and chinese and not force:
        status.default_family = QGuiApplication.font().family()
        return status

    font_id = QFontDatabase.addApplicationFont(str(bundled_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        # the .ttc holds a proportional and a monospaced face; the UI wants the proportional one
        family = next((f for f in families if "mono" not in f.lower()), families[0])
        status.registered = family
        if not latin or force:
            # nothing else can draw Latin text: make it the default, keeping the platform's size
            font = QFont(QGuiApplication.font())
            font.setFamilies([family])
            QGuiApplication.setFont(font)
        else:
            # the system's Latin font stays first; Chinese falls back to the bundled font
            QFont.insertSubstitution(QGuiApplication.font().family(), family)
    status.default_family = QGuiApplication.font().family()
    return status


def can_draw(text: str, family: str | None = None) -> bool:
    """Return True when `family` (default: the application font, with its fallbacks) has a glyph for
    every non-space character of `text`."""
    from PySide6.QtGui import QFont, QFontInfo, QGuiApplication, QRawFont, QTextLayout

    font = QFont(family) if family else QFont(QGuiApplication.font())
    if not QFontInfo(font).family():
        # no real font at all: Qt draws boxes (and asking its box engine for a family name crashes
        # some PySide6 versions)
        return not text.strip()
    # the text layout applies Qt's font fallback, as a label would; a glyph index 0 is a box
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    for run in layout.glyphRuns():
        raw: QRawFont = run.rawFont()
        # no usable font: Qt's box engine has no family name; a missing glyph has index 0
        if not raw.isValid() or not raw.familyName() or any(i == 0 for i in run.glyphIndexes()):
            return False
    return bool(layout.glyphRuns()) or not text.strip()
