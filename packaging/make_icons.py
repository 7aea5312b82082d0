"""Render the app icon from its one source, resources/icons/clientele.svg, into the files each
platform wants: clientele.png (256 px, window icon and Linux menu), clientele.ico (Windows, 16-256 px)
and clientele.icns (macOS, 16-1024 px). Run after editing the SVG and commit the results:

    python packaging/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "clientele.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """Return the SVG drawn at `size` × `size` pixels as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a Windows .ico holding the PNG images (Vista and later read PNG entries)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a macOS .icns holding the PNG images under their size's element type."""
    body = b""
    for size in sorted(pngs):
        body += ICNS_TYPES[size] + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out_dir: Path = ICONS, source: Path = SOURCE) -> list[Path]:
    """Write clientele.png, clientele.ico and clientele.icns into `out_dir`; return their paths."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    pngs = {size: render_png(size, source) for size in sorted(set(ICO_SIZES) | set(ICNS_TYPES))}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "clientele.png", out_dir / "clientele.ico", out_dir / "clientele.icns"]
    written[0].write_bytes(pngs[256])
    written[1].write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    written[2].write_bytes(icns_bytes({s: pngs[s] for s in ICNS_TYPES}))
    return written


def main() -> int:
    for path in make_icons():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
