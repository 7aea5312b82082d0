"""`clientele report` as a user runs it: a PDF of one to three pages whose first page renders
(pdftoppm) and whose Chinese edition holds Chinese text (pdftotext), on a shop the test writes; the
figures come from the engine (tests/engine/test_report.py checks them)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftoppm, pdftotext) is not installed")


def clientele(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=300,
                          cwd=REPO)


def _shop(folder: Path) -> Path:
    rows = []
    days = pd.date_range("2025-09-01", "2026-10-28", freq="7D")
    for c in range(40):  # forty customers buying every week or every other week, some stopping early
        for i, day in enumerate(days):
            if (i + c) % (1 + c % 2) == 0 and not (c >= 30 and day > pd.Timestamp("2026-06-01")):
                rows.append((f"o{c}-{i}", f"C{c:02d}", day.date().isoformat(), f"Tea {c % 5}", 20.0 + c))
    path = folder / "orders.csv"
    pd.DataFrame(rows, columns=["Order", "Customer", "Date", "Product", "Amount"]).to_csv(path, index=False)
    return path


@needs_poppler
def test_report_pdf_renders_in_english_and_chinese(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    for lang, words in (("en", ["Monthly report", "This week's list", "Groups"]),
                        ("zh", ["月度报告", "本周联系名单", "客户分组"])):
        out = tmp_path / f"report-{lang}.pdf"
        r = clientele("report", str(orders), "--out", str(out), "--lang", lang, "--json")
        assert r.returncode == 0, r.stderr
        result = json.loads(r.stdout)
        assert 1 <= result["pages"] <= 3 and result["month"] == "2026-10"
        assert out.read_bytes()[:5] == b"%PDF-"
        png = subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / lang)],
                             capture_output=True, timeout=60)
        assert png.returncode == 0, png.stderr
        first = next(tmp_path.glob(f"{lang}-*1.png"))
        assert first.stat().st_size > 5_000  # a drawn page, not an empty one
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout
        for w in words:
            assert w in text, (lang, w)
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, timeout=60).stdout
        assert re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1) == str(result["pages"])
    zh_text = subprocess.run(["pdftotext", str(tmp_path / "report-zh.pdf"), "-"], capture_output=True, text=True).stdout
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in zh_text) > 50


def test_report_options_are_checked(tmp_path: Path) -> None:
    orders = _shop(tmp_path)
    r = clientele("report", str(orders), "--out", str(tmp_path / "report.docx"))
    assert r.returncode == 2 and ".pdf" in r.stderr
    r = clientele("report", str(orders), "--out", str(orders.with_suffix(".pdf")),
                  "--project", str(tmp_path / "none.clientele"))
    assert r.returncode == 2 and "does not exist" in r.stderr
