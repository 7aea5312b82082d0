"""Is the window responsive while customers are segmented on the worker? (prints figures)

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python benchmarks/bench_segments_gui.py [--customers 100000]

Runs desktop.jobs.segments.run through the app's TaskRunner (a pool thread) while a
10 ms timer ticks on the GUI thread, and prints each method's time and the longest gap between
ticks: the longest the window could not repaint or react. Target (issue 4): responsive throughout.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--methods", default="kmeans,hierarchical,gmm,hdbscan")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from bench_segments import synthetic_customers
    from desktop.jobs import segments as grouping
    from desktop.ui.background.runner import TaskRunner

    app = QApplication.instance() or QApplication([])
    customers = synthetic_customers(args.customers)
    runner = TaskRunner()
    print(f"{len(customers):,} customers, behaviour features")
    for method in args.methods.split(","):
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda ticks=ticks: ticks.append(time.perf_counter()))
        loop = QEventLoop()
        done: list = []
        request = grouping.GroupingRequest(method=method, customers=customers)
        t0 = time.perf_counter()
        timer.start()
        runner.start("grouping", grouping.run, request,
                     on_result=lambda r, done=done, loop=loop: (done.append(r), loop.quit()),
                     on_error=lambda e, d, done=done, loop=loop: (done.append(e), loop.quit()),
                     process=grouping.needs_process(request, len(customers)))
        loop.exec()
        timer.stop()
        elapsed = time.perf_counter() - t0
        gaps = [b - a for a, b in zip(ticks, ticks[1:])] or [elapsed]
        gaps.sort()
        result = done[0]
        k = getattr(getattr(result, "segmentation", None), "k", result)
        print(f"{method:<13}{elapsed:7.2f} s  k={k}  longest GUI gap {gaps[-1] * 1000:6.0f} ms  "
              f"95th percentile {gaps[int(0.95 * (len(gaps) - 1))] * 1000:5.0f} ms")
    runner.wait(10000)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
