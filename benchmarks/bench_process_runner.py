"""A worker process per task against a warm worker kept between tasks (desktop.engine.processes).

    python benchmarks/bench_process_runner.py [--runs N]

Two tasks, each run N times through a ProcessRunner that spawns a worker per task (max_idle=0) and
through one that keeps a warm worker (max_idle=1, its first task not counted: that one pays the
start, as after a crash): a small task (desktop.engine.processes.warm_up, nothing to import) and the
file guard's parse of a 200-line xlsx in a worker (guard._parse_in_child). For each it prints the
median time to the result and the median CPU time of the parent and its workers together (the
machine may be shared: CPU time is the fair figure), plus the cold first call of the warm runner.
Linux only (a live worker's CPU time is read from /proc).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.engine import guard  # noqa: E402
from desktop.engine.processes import ProcessRunner, warm_up  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(runner: ProcessRunner) -> float:
    """CPU seconds of this process, its reaped children and the runner's live workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    for pid in runner.pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICKS
    return total


def _measure(runner: ProcessRunner, task: Callable[[ProcessRunner], object], runs: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        cpu, start = _cpu(runner), time.perf_counter()
        task(runner)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu(runner) - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _small_xlsx(folder: Path) -> Path:
    import pandas as pd

    from desktop.engine.export import write_table

    rows = [[f"C{i % 30:03d}", f"S{i}", f"2024-01-{i % 28 + 1:02d}", "Tea", 1, 10.0 + i] for i in range(200)]
    path = folder / "orders.xlsx"
    write_table(pd.DataFrame(rows, columns=["Customer ID", "Order ID", "Date", "Product", "Quantity", "Price"]),
                path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path = _small_xlsx(Path(folder))
        data = path.read_bytes()
        tasks: dict[str, Callable[[ProcessRunner], object]] = {
            "small task": lambda r: r.run(warm_up),
            "guard: parse a 200-line xlsx": lambda r: guard._parse_in_child(path, None, False, data, runner=r),
        }
        print(f"{'task':<30} {'runner':<22} {'to result':>10} {'CPU':>8}")
        for name, task in tasks.items():
            spawning = ProcessRunner(max_idle=0)
            wall, cpu = _measure(spawning, task, runs)
            print(f"{name:<30} {'worker per task':<22} {wall * 1000:8.0f} ms {cpu * 1000:5.0f} ms")
            warm = ProcessRunner(max_idle=1)
            wall, cpu = _measure(warm, task, 1)
            print(f"{name:<30} {'warm: first call':<22} {wall * 1000:8.0f} ms {cpu * 1000:5.0f} ms")
            wall, cpu = _measure(warm, task, runs)
            print(f"{name:<30} {'warm: later calls':<22} {wall * 1000:8.0f} ms {cpu * 1000:5.0f} ms")
            warm.shutdown()


if __name__ == "__main__":
    main()
