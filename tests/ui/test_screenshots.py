import pytest
from PySide6.QtGui import QImage

from desktop.ui.screenshots import render


def _distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.mark.slow
def test_views_render_in_both_languages_and_are_not_blank(qapp, tmp_path):
    files = render(tmp_path, size=(1100, 720))
    names = {f.name for f in files}
    for language in ("en", "zh_CN"):
        assert f"{language}_1_overview.png" in names and f"{language}_4_map.png" in names
    for f in files:
        image = QImage(str(f))
        assert not image.isNull() and image.width() > 300
        assert _distinct_colours(image) > 20, f"{f.name} looks blank"
