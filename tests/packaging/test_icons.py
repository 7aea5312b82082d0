"""packaging/make_icons.py: the .png, .ico and .icns drawn from the one SVG."""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtGui import QImage

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"


def _ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        w, h, _c, _r, _planes, _bpp, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert w == h
        entries.append((w or 256, data[offset:offset + size]))
    return entries


def _icns_entries(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    out, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack_from(">I", data, pos + 4)[0]
        out[kind] = data[pos + 8:pos + length]
        pos += length
    assert pos == len(data)
    return out


def _png_size(png: bytes) -> tuple[int, int]:
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return image.width(), image.height()


def test_make_icons_writes_every_size(make_icons, qapp, tmp_path: Path) -> None:
    written = make_icons.make_icons(tmp_path)
    assert [p.name for p in written] == ["clientele.png", "clientele.ico", "clientele.icns"]

    assert _png_size((tmp_path / "clientele.png").read_bytes()) == (256, 256)
    ico = _ico_entries((tmp_path / "clientele.ico").read_bytes())
    assert [size for size, _ in ico] == list(make_icons.ICO_SIZES)
    for size, png in ico:
        assert _png_size(png) == (size, size)
    icns = _icns_entries((tmp_path / "clientele.icns").read_bytes())
    assert set(icns) == set(make_icons.ICNS_TYPES.values())
    for size, kind in make_icons.ICNS_TYPES.items():
        assert _png_size(icns[kind]) == (size, size)


def test_icon_is_drawn_not_blank(make_icons, qapp) -> None:
    image = QImage.fromData(make_icons.render_png(64), "PNG")
    corner = image.pixelColor(0, 0)
    centre = image.pixelColor(32, 32)
    ring = image.pixelColor(32, 12)
    assert corner.alpha() == 0  # rounded corners stay transparent
    assert centre.alpha() == 255 and ring.alpha() == 255
    assert len({image.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}) > 5


def test_committed_icons_are_complete(make_icons) -> None:
    assert (ICONS / "clientele.svg").is_file()
    ico = _ico_entries((ICONS / "clientele.ico").read_bytes())
    assert [size for size, _ in ico] == list(make_icons.ICO_SIZES)
    assert set(_icns_entries((ICONS / "clientele.icns").read_bytes())) == set(make_icons.ICNS_TYPES.values())
