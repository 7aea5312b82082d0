"""The `clientele` command itself: an unknown command or a missing file is said, never opened as the app."""

from __future__ import annotations

import subprocess
import sys


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen",
                                            "PYTHONPATH": str(__import__("pathlib").Path(__file__).parents[2])})


def test_a_mistyped_command_is_named_with_the_right_one(tmp_path):
    r = _run("analyse", "orders.csv", cwd=tmp_path)
    assert r.returncode == 2
    assert "no command or file 'analyse'" in r.stderr and "clientele analyze" in r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_a_missing_file_is_said_and_control_characters_are_not_printed_raw(tmp_path):
    r = _run("no-such-file.xlsx", cwd=tmp_path)
    assert r.returncode == 2 and "no-such-file.xlsx" in r.stderr and "Did you mean" not in r.stderr
    r = _run("bad\x1b]0;title\x07name", cwd=tmp_path)
    assert r.returncode == 2 and "\x1b" not in r.stderr and "\\x1b" in r.stderr
