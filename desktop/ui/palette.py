"""Colours for segments: fixed per known segment so a segment looks the same in every view."""

from __future__ import annotations

from PySide6.QtGui import QColor

_KNOWN = {
    # 11-class RFM: greens for good customers, ambers for slipping ones, reds/greys for lost ones; every
    # pair distinguishable on the map (CIE76 distance >= 18) and every colour visible on white
    "champions": "#1b7f3b", "loyal": "#7ab317", "potential_loyalist": "#14a3a0", "new": "#3a86c8",
    "promising": "#7fb3e0", "need_attention": "#e3b23c", "about_to_sleep": "#e08a2e",
    "at_risk": "#d0542b", "cant_lose": "#a61e4d", "hibernating": "#8c8c9a", "lost": "#5b5b66",
    # 8-class model of Chinese CRM software
    "important_value": "#1b7f3b", "important_develop": "#3a86c8", "important_keep": "#e08a2e",
    "important_retain": "#d0542b", "general_value": "#14a3a0", "general_develop": "#7fb3e0",
    "general_keep": "#e3b23c", "general_retain": "#8c8c9a",
}
# For segments added later (clusterings): distinct, colour-blind friendly (Okabe-Ito and friends)
_EXTRA = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999",
          "#7b3294", "#008837", "#a6611a", "#4dac26"]


def revenue_brush(colour: QColor):
    """Return the brush of a second bar beside a bar of `colour` (share of revenue beside share of
    customers): the same colour hatched, drawn with an outline in the colour, so that it is told
    apart without being a pale, near-white version of it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush

    return QBrush(colour, Qt.BrushStyle.BDiagPattern)


def segment_colour(key: str, position: int = 0) -> QColor:
    """Return the colour of segment `key` (`position` picks a colour for unknown keys)."""
    if key in _KNOWN:
        return QColor(_KNOWN[key])
    return QColor(_EXTRA[position % len(_EXTRA)])


def segment_colours(keys: list[str]) -> dict[str, QColor]:
    """Return a colour for each key, unknown keys getting distinct colours in order."""
    out: dict[str, QColor] = {}
    extra = 0
    for key in keys:
        if key in _KNOWN:
            out[key] = QColor(_KNOWN[key])
        else:
            out[key] = QColor(_EXTRA[extra % len(_EXTRA)])
            extra += 1
    return out
