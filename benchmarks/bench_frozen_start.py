"""How long the frozen app takes to show its window: from process start until the X server has a
mapped top-level window titled "… Clientele" (target: under 3 s). Runs on a private Xvfb display.

    python benchmarks/bench_frozen_start.py                      dist/Clientele/clientele, 5 runs
    python benchmarks/bench_frozen_start.py --source             the same from source, for comparison
    python benchmarks/bench_frozen_start.py --exe PATH --runs 3

Needs Xvfb and xwininfo (Debian: xvfb x11-utils). Prints one line per run and the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 3.0


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """Start Xvfb on a free display number; return the process and the DISPLAY value."""
    for number in range(91, 140):
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        display = f":{number}"
        for _ in range(100):
            if proc.poll() is not None:
                break
            if subprocess.run(["xwininfo", "-root", "-display", display], capture_output=True).returncode == 0:
                return proc, display
            time.sleep(0.05)
        proc.kill()
        proc.wait()
    raise SystemExit("could not start Xvfb")


def window_shown(display: str) -> bool:
    """Return True when a window titled "... Clientele" of at least 300x200 is mapped (viewable)."""
    out = subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        # e.g.: 0x400007 "Sample shop – Clientele": ("clientele" "Clientele")  1280x820+0+0  +0+0
        if "Clientele\": (" not in line:
            continue
        size = line.rsplit(")", 1)[-1].split()[0]
        width, _, rest = size.partition("x")
        if not (width.isdigit() and int(width) >= 300 and int(rest.split("+")[0]) >= 200):
            continue
        window_id = line.split()[0]
        state = subprocess.run(["xwininfo", "-id", window_id, "-display", display], capture_output=True,
                               text=True).stdout
        if "IsViewable" in state:
            return True
    return False


def time_start(command: list[str], display: str, timeout: float = 60.0) -> float:
    """Start `command`; return the seconds until its window is shown, then close it."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "settings.ini"
        # a returning user: the window opens empty, as it does on every start but the first
        settings.write_text("[General]\nsettings_version=2\nfirst_run_done=true\n", encoding="utf-8")
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", CLIENTELE_SETTINGS=str(settings),
                   CLIENTELE_LOG_DIR=tmp)
        started = time.perf_counter()
        proc = subprocess.Popen(command, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while time.perf_counter() - started < timeout:
                if window_shown(display):
                    return time.perf_counter() - started
                if proc.poll() is not None:
                    raise SystemExit(f"the app exited with {proc.returncode}: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.02)
            raise SystemExit(f"no window within {timeout:.0f} s")
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exe", default=str(ROOT / "dist" / "Clientele" / "clientele"))
    parser.add_argument("--source", action="store_true", help="time `python -m desktop` instead")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for tool in ("Xvfb", "xwininfo"):
        if not shutil.which(tool):
            print(f"needs {tool} (Debian: apt install xvfb x11-utils)")
            return 2
    if args.source:
        command, label = [sys.executable, "-m", "desktop"], f"from source ({sys.executable})"
        os.environ["PYTHONPATH"] = str(ROOT)
    else:
        if not Path(args.exe).is_file():
            print(f"no frozen app at {args.exe}: run python packaging/build.py first")
            return 2
        command, label = [args.exe], f"frozen ({args.exe})"
    xvfb, display = start_xvfb()
    try:
        times = []
        for run in range(1, args.runs + 1):
            seconds = time_start(command, display)
            times.append(seconds)
            print(f"run {run}: window shown after {seconds:.2f} s", flush=True)
    finally:
        xvfb.terminate()
        xvfb.wait()
    median = statistics.median(times)
    verdict = "within" if median < TARGET_S else "OVER"
    print(f"{label}: median {median:.2f} s, first {times[0]:.2f} s, best {min(times):.2f} s "
          f"over {len(times)} runs ({verdict} the {TARGET_S:.0f} s target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
