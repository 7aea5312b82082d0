import pytest
from PySide6.QtGui import QImage

from desktop.ui.screenshots import render

# Views whose page holds a chart that must show data on the demo shop.
CHARTS = {"overview", "segments", "map", "predictions"}


def _plotted_points(view) -> int:
    """Points drawn by the visible pyqtgraph charts of a view (scatter, curves and bars)."""
    import pyqtgraph as pg

    total = 0
    for plot in view.findChildren(pg.PlotWidget):
        if not plot.isVisibleTo(view):
            continue
        for item in plot.getPlotItem().items:
            if isinstance(item, pg.BarGraphItem):  # vertical or horizontal bars: the longest array counts
                arrays = [v for v in item.opts.values() if hasattr(v, "__len__") and not isinstance(v, str)]
                total += max((len(v) for v in arrays), default=0)
            elif hasattr(item, "getData"):
                x, _y = item.getData()
                total += 0 if x is None else len(x)
    return total


@pytest.mark.slow
def test_views_render_in_both_languages_and_show_what_they_must(qapp, tmp_path):
    seen: dict[tuple[str, str], dict] = {}

    def inspect(language, key, window):
        view = window.views[key]
        row = list(window.views).index(key)
        seen[(language, key)] = {
            "title": view.title(),
            "nav": window.nav.item(row).text(),
            "points": _plotted_points(view),
            "error": window.error_banner.isVisible(),
        }

    files = render(tmp_path, size=(1100, 720), inspect=inspect)
    for language in ("en", "zh_CN"):
        keys = [key for lang, key in seen if lang == language]
        assert {"overview", "segments", "customers", "map", "predictions", "products"} <= set(keys)
        for key in keys:
            facts = seen[(language, key)]
            assert facts["title"] and facts["nav"] == facts["title"], (language, key)
            assert not facts["error"], f"{language} {key}: the error banner is showing"
            if key in CHARTS:
                assert facts["points"] > 0, f"{language} {key}: its chart is empty"
        # The Chinese window says its titles in Chinese.
        if language == "zh_CN":
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in seen[(language, k)]["title"]) for k in keys)
    for f in files:
        image = QImage(str(f))
        assert not image.isNull() and image.width() > 300
