"""GUI responsiveness with a big shop: 1,000,000 order lines of 100,000 customers.

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python benchmarks/bench_gui.py [--lines 1000000]

Prints: time from process start to the window showing (with the CPU time and the number of modules
imported until then); the longest stall of a 10 ms heartbeat
timer on the GUI thread while the file is read and analysed (target: under 100 ms, aim 50 ms) and
while the results are put into the views (same target); and the time to scroll the customer table
and to redraw and pan the customer map. Then, as the background predictions and product
suggestions arrive: the time their result handlers take on the GUI thread and the longest stall
until both are shown (same target). `--reload` loads the file a second time (the old results
are freed meanwhile), `--thread` forces the analysis into a thread of the GUI process (the old way,
for comparison). The machine is shared: CPU time of this process is printed alongside.

`--handlers [MS]` lists every gap of the heartbeat longer than MS milliseconds (default 30) with the
GUI thread's CPU time in it, where the GUI thread was meanwhile (the app's functions seen most often
by a thread that samples its stack every 2 ms, grouped by the handler Qt called), what other
threads of the app were doing and the garbage collector's full collections. The CPU times depend
much less on what else the machine runs than the stalls do.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def make_file(path: Path, lines: int, customers: int) -> None:
    """Write a CSV of `lines` order lines from `customers` customers over two years."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(7)
    # skewed activity: a few customers buy very often, most only a few times
    weights = rng.pareto(1.5, customers) + 0.1
    cust = rng.choice(customers, size=lines, p=weights / weights.sum())
    start = np.datetime64("2023-01-01")
    days = rng.integers(0, 730, lines)
    order = (cust.astype(np.int64) * 1000 + days // 3)
    frame = pd.DataFrame({
        "Order": [f"O{o}" for o in order],
        "Date": (start + days.astype("timedelta64[D]")).astype(str),
        "Customer": [f"C{c:06d}" for c in cust],
        "Product": rng.integers(1, 500, lines).astype(str),
        "Amount": np.round(rng.gamma(2.0, 15.0, lines), 2),
    })
    frame.to_csv(path, index=False)


def startup_time() -> tuple[float, float, int]:
    """Seconds from launching a new Python process to the main window's first event-loop tick, the
    CPU seconds the process used until then (much less dependent on what else the machine runs)
    and the number of modules it had imported."""
    code = (
        "import time, sys; t0 = time.perf_counter()\n"
        "from desktop.ui.app import application\n"
        "from desktop.ui.main_window import MainWindow\n"
        "from desktop.ui.settings import Settings\n"
        "from PySide6.QtCore import QTimer\n"
        "app = application(); w = MainWindow(Settings(__import__('pathlib').Path(sys.argv[1]))); w.show()\n"
        "QTimer.singleShot(0, lambda: (print('shown', time.process_time(), len(sys.modules)), sys.stdout.flush(),"
        " app.quit()))\n"
        "app.exec()\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "s.ini")], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        elapsed = time.perf_counter() - t0
    shown = [line.split() for line in out.stdout.splitlines() if line.startswith("shown ")]
    if not shown:
        raise RuntimeError(out.stderr)
    return elapsed, float(shown[0][1]), int(shown[0][2])


class Heartbeat:
    """A 10 ms timer on the GUI thread; records the longest gap between ticks."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.longest = 0.0
        self.gaps: list[tuple[float, float, float]] = []  # over 30 ms: start, end, GUI-thread CPU seconds

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self.last > self.longest:
            self.longest = now - self.last
        if now - self.last >= 0.03:
            self.gaps.append((self.last, now, cpu - self.last_cpu))
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.longest = 0.0
        self.gaps = []
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.longest


class HandlerLog:
    """Samples the GUI thread's Python stack every 2 ms, and the garbage collector's full
    collections, to say where the heartbeat's long gaps went: the app's functions seen most often
    in each gap, and how much CPU the GUI thread used in it (the wall time includes waiting for
    the CPU and for Python's lock; the CPU time does not)."""

    def __init__(self, threshold: float) -> None:
        import gc
        import threading

        self.threshold = threshold
        self.main = threading.main_thread().ident
        self.samples: list[tuple[float, tuple[str, ...]]] = []  # GUI thread, in the app's code
        self.others: list[tuple[float, tuple[str, ...]]] = []  # other threads, in the app's code
        self.collections: list[tuple[float, float, int]] = []  # start, seconds, objects collected
        self._gc_start = 0.0
        gc.callbacks.append(self._gc)
        threading.Thread(target=self._sample, daemon=True).start()

    def _gc(self, phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.collections.append((self._gc_start, time.perf_counter() - self._gc_start,
                                     int(info.get("collected", 0))))

    def _sample(self) -> None:
        import threading

        me = threading.get_ident()
        root = str(ROOT) + os.sep
        while True:
            time.sleep(0.002)
            now = time.perf_counter()
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                stack = []
                while frame is not None and len(stack) < 80:
                    code = frame.f_code
                    stack.append(f"{code.co_filename.replace(root, '')}:{frame.f_lineno}:{code.co_name}")
                    frame = frame.f_back
                # idle: only the benchmark's own frames (waiting in the event loop) or none
                if not any(f.startswith("desktop") or "site-packages" in f for f in stack):
                    continue
                (self.samples if ident == self.main else self.others).append((now, tuple(stack)))

    @staticmethod
    def _where(stacks: list[tuple[str, ...]], top: int = 4) -> list[tuple[int, str]]:
        """Return the most frequent (count, 'innermost app frames [library frame]') of `stacks`."""
        seen: dict[str, int] = {}
        for stack in stacks:
            ours = [f for f in stack if f.startswith("desktop")]
            key = " < ".join(ours[:3])
            if stack and not stack[0].startswith("desktop"):
                key += f"  [in {stack[0].split('site-packages/')[-1]}]"
            seen[key] = seen.get(key, 0) + 1
        return sorted(((c, k) for k, c in seen.items()), reverse=True)[:top]

    def report(self, gaps: list[tuple[float, float, float]], since: float, title: str) -> None:
        """Print the heartbeat `gaps` (start, end, GUI-thread CPU seconds) longer than the
        threshold, with where the GUI thread was meanwhile."""
        print(f"  GUI-thread gaps over {self.threshold * 1000:.0f} ms {title}:")
        long = [g for g in gaps if g[1] - g[0] >= self.threshold]
        if not long:
            print("    none")
        for begin, end, cpu in long:
            print(f"    {(end - begin) * 1000:5.0f} ms (GUI thread CPU {cpu * 1000:3.0f} ms) "
                  f"at +{begin - since:6.2f} s")
            inside = [stack for t, stack in self.samples if begin <= t <= end]
            entries: dict[str, list[tuple[str, ...]]] = {}
            for stack in inside:  # grouped by the outermost app function: the handler Qt called
                ours = [f for f in stack if f.startswith("desktop")]
                entries.setdefault(ours[-1] if ours else "(library code)", []).append(stack)
            for entry, stacks in sorted(entries.items(), key=lambda kv: -len(kv[1])):
                print(f"      {len(stacks) * 2:4d} ms sampled in {entry}")
                for count, where in self._where(stacks, 3):
                    print(f"           {count * 2:4d} ms  {where}")
            other = [stack for t, stack in self.others if begin <= t <= end]
            for count, where in self._where(other, 2):
                print(f"      other threads {count * 2:4d} ms  {where}")
            for start, elapsed, collected in self.collections:
                if begin <= start <= end:
                    print(f"      full garbage collection: {elapsed * 1000:.0f} ms ({collected} objects freed)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--reload", action="store_true", help="analyse the file a second time")
    parser.add_argument("--thread", action="store_true", help="analyse in a thread, not a child process")
    parser.add_argument("--file", help="an existing CSV to use instead of writing one")
    parser.add_argument("--handlers", nargs="?", type=float, const=30.0, metavar="MS",
                        help="log GUI-thread events longer than MS ms (30) and where their time went")
    args = parser.parse_args()

    wall, cpu, modules = startup_time()
    print(f"start-up to window shown: {wall:.2f} s (target < 2 s); CPU {cpu:.2f} s, {modules} modules imported")

    import numpy as np
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import application
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings
    from desktop.jobs.analysis import LoadRequest

    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(args.file) if args.file else Path(tmp) / "big.csv"
        if not args.file:
            t = time.perf_counter()
            make_file(data_file, args.lines, args.customers)
            print(f"wrote {args.lines:,} lines in {time.perf_counter() - t:.1f} s")

        log = HandlerLog(args.handlers / 1000) if args.handlers else None
        app = application()
        window = MainWindow(Settings(Path(tmp) / "s.ini"))
        if args.thread:
            window.process_min_bytes = 1 << 62
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        from desktop.ui.background.memory import settle_heap

        settle_heap(collect=True)  # as desktop.ui.app.start does once the window shows
        beat = Heartbeat()

        def analyse() -> dict | None:
            done: dict = {}
            loop = QEventLoop()
            original = window._analysis_done

            def timed_done(request, data):  # the result reached the GUI thread
                done["worker"] = time.perf_counter()
                done["stall_worker"] = beat.longest
                beat.longest = 0.0
                original(request, data)

            def ready(_data) -> None:  # every view is filled
                done["views"] = time.perf_counter()
                # the gap still open now counts too (e.g. work done just before this signal)
                done["stall_views"] = max(beat.longest, time.perf_counter() - beat.last)
                QTimer.singleShot(200, loop.quit)

            window._analysis_done = timed_done
            window.analysisReady.connect(ready)
            window.analysisFailed.connect(lambda m: (print("FAILED:", m), loop.quit()))
            request = LoadRequest(paths=[str(data_file)])
            mode = "child process" if window.analyse_in_process(request) else "thread"
            cpu = time.process_time()
            beat.start()
            t0 = time.perf_counter()
            window.load(request)
            loop.exec()
            beat.stop()
            window.analysisReady.disconnect(ready)
            window._analysis_done = original
            if "views" not in done:
                return None
            n = len(window.data.customers)
            print(f"read + analysed {args.lines:,} lines ({n:,} customers) in {done['worker'] - t0:.1f} s "
                  f"({mode}; GUI process CPU {time.process_time() - cpu:.1f} s)")
            print(f"longest GUI stall while reading and analysing: {done['stall_worker'] * 1000:.0f} ms "
                  f"(target < 100 ms)")
            print(f"filling the views: {(done['views'] - done['worker']) * 1000:.0f} ms in slices; "
                  f"longest GUI stall then: {done['stall_views'] * 1000:.0f} ms (target < 100 ms)")
            if log is not None:
                log.report(beat.gaps, t0, "while reading, analysing and filling the views")
            return done

        if analyse() is None:
            return 1
        if args.reload and analyse() is None:
            return 1

        def background_results() -> None:
            """Wait for the predictions and suggestions of the last load; print the stalls."""
            predictions, products = window.views["predictions"], window.views["products"]
            handled: dict[str, float] = {}
            originals = {}
            for name, view, method in (("predictions", predictions, "_show_predictions"),
                                       ("suggestions", products, "_suggestions_done")):
                original = getattr(view, method)
                originals[(view, method)] = original

                def timed(*a, _original=original, _name=name, **kw):
                    t = time.perf_counter()
                    try:
                        return _original(*a, **kw)
                    finally:
                        handled[_name] = time.perf_counter() - t
                setattr(view, method, timed)
            loop = QEventLoop()
            shown: dict[str, float] = {}

            def arrived(name: str) -> None:
                shown[name] = time.perf_counter()
                if {"predictions", "suggestions"} <= set(shown):
                    QTimer.singleShot(300, loop.quit)

            t0 = time.perf_counter()
            if predictions.result is not None:
                shown["predictions"] = t0
            if products.bundle is not None:
                shown["suggestions"] = t0
            predictions.predictionsShown.connect(lambda _r: arrived("predictions"))
            products.suggestionsShown.connect(lambda _b: arrived("suggestions"))
            beat.start()
            if len(shown) < 2:
                QTimer.singleShot(600_000, loop.quit)
                loop.exec()
            longest = beat.stop()
            for (view, method), original in originals.items():
                setattr(view, method, original)
            for name in ("predictions", "suggestions"):
                if name in handled:
                    print(f"{name} arrived after {shown[name] - t0:.1f} s more; its handler took "
                          f"{handled[name] * 1000:.0f} ms on the GUI thread")
            print(f"longest GUI stall while predictions and suggestions arrive: {longest * 1000:.0f} ms "
                  f"(target < 100 ms)")
            if log is not None:
                log.report(beat.gaps, t0, "while predictions and suggestions arrive")

        background_results()
        n = len(window.data.customers)

        # scrolling the 100,000-customer table
        window.nav.setCurrentRow(list(window.views).index("customers"))
        table = window.views["customers"].table
        app.processEvents()
        bar = table.verticalScrollBar()
        t = time.perf_counter()
        pages = 200
        for i in range(pages):
            bar.setValue(int(bar.maximum() * i / pages))
            table.viewport().repaint()
        per_page = (time.perf_counter() - t) / pages
        print(f"customer table: {per_page * 1000:.1f} ms per page jump and repaint over {n:,} rows")
        t = time.perf_counter()
        table.sortByColumn(0, table.horizontalHeader().sortIndicatorOrder())
        app.processEvents()
        print(f"customer table: sort by name {1000 * (time.perf_counter() - t):.0f} ms")
        view = window.views["customers"]
        view.search.setText("C00012")
        t = time.perf_counter()
        view.apply_filter()
        print(f"customer table: search {1000 * (time.perf_counter() - t):.0f} ms ({view.proxy.rowCount()} found)")

        # the 100,000-point map
        window.nav.setCurrentRow(list(window.views).index("map"))
        app.processEvents()
        plot = window.views["map"].plot
        t = time.perf_counter()
        frames = 10
        for _ in range(frames):
            plot.getViewBox().translateBy(x=0.05)
            plot.viewport().repaint()
        print(f"customer map: {(time.perf_counter() - t) / frames * 1000:.0f} ms per pan and redraw of {n:,} dots")
        view = window.views["map"]
        xy = view.xy
        from PySide6.QtCore import QRectF

        t = time.perf_counter()
        selected = view.select_rect(QRectF(float(xy[:, 0].min()), float(xy[:, 1].min()),
                                           float(np.ptp(xy[:, 0])) / 2, float(np.ptp(xy[:, 1]))))
        plot.viewport().repaint()
        print(f"customer map: select {selected:,} dots and redraw: {(time.perf_counter() - t) * 1000:.0f} ms")
        t = time.perf_counter()
        for _ in range(frames):
            plot.getViewBox().translateBy(x=-0.05)
            plot.viewport().repaint()
        print(f"customer map: {(time.perf_counter() - t) / frames * 1000:.0f} ms per pan and redraw with them ringed")
        from PySide6.QtCore import QPointF

        t = time.perf_counter()
        for i in range(20):
            window.views["map"].nearest(QPointF(0.1 * i, 0.0))
        print(f"customer map: {(time.perf_counter() - t) / 20 * 1000:.1f} ms per hover look-up")
        window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
