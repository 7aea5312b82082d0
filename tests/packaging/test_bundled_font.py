"""desktop/ui/fonts.py: with no font installed the bundled one makes Latin and Chinese readable.

Each case runs in a child process: fontconfig reads its configuration once per process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
from desktop.ui.fonts import CHINESE_SAMPLE, LATIN_SAMPLE, can_draw, ensure_ui_font
before = [can_draw(LATIN_SAMPLE), can_draw(CHINESE_SAMPLE)]
status = ensure_ui_font()
after = [can_draw(LATIN_SAMPLE), can_draw(CHINESE_SAMPLE)]
label = QLabel("Customers 客户分群 123")
label.resize(260, 40)
image = label.grab().toImage()
# count dark pixels: real letters have strokes of varying length, boxes are thin outlines
dark = sum(1 for x in range(image.width()) for y in range(image.height()) if image.pixelColor(x, y).lightness() < 100)
print(json.dumps({"before": before, "after": after, "registered": status.registered,
                  "family": status.default_family, "dark": dark}))
"""


def _probe(tmp_path: Path, fonts_conf: str | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    if fonts_conf is not None:
        conf = tmp_path / "fonts.conf"
        conf.write_text(fonts_conf.replace("@CACHE@", str(tmp_path / "cache")), encoding="utf-8")
        env["FONTCONFIG_FILE"] = str(conf)
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


EMPTY = ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
         "<fontconfig><cachedir>@CACHE@</cachedir></fontconfig>")


def test_no_fonts_at_all_registers_the_bundled_font(tmp_path: Path) -> None:
    found = _probe(tmp_path, EMPTY)
    assert found["before"] == [False, False]  # every letter would be a box
    assert found["registered"] == "WenQuanYi Micro Hei"
    assert found["family"] == "WenQuanYi Micro Hei"
    assert found["after"] == [True, True]
    assert found["dark"] > 150


def test_latin_only_system_gets_chinese_from_the_bundled_font(tmp_path: Path) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs DejaVu fonts (fonts-dejavu-core)")
    conf = EMPTY.replace("<cachedir>", f"<dir>{dejavu}</dir><cachedir>")
    found = _probe(tmp_path, conf)
    assert found["before"] == [True, False]
    assert found["registered"] == "WenQuanYi Micro Hei"
    assert found["family"] != "WenQuanYi Micro Hei"  # the system's Latin font stays the default
    assert found["after"] == [True, True]


def test_a_full_system_keeps_its_fonts(tmp_path: Path) -> None:
    found = _probe(tmp_path, None)
    if found["before"] != [True, True]:
        pytest.skip("this machine has no Chinese font installed")
    assert found["registered"] is None
    assert found["after"] == [True, True]
