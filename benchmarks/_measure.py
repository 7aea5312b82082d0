"""Run a command as a child process and measure its wall time and peak memory (max RSS)."""

from __future__ import annotations

import os
import subprocess
import sys
import time


LAST_CPU = [0.0]  # CPU seconds of the last measured child (user + system)


def measure(args: list[str], show_output: bool = False, **kwargs) -> tuple[float, float, int]:
    """Run `args`; return (seconds, peak resident memory in MB, exit code). Output is discarded
    (shown with `show_output`). The child's CPU time is printed too: on a busy machine it says more
    than the wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=None if show_output else subprocess.DEVNULL, stderr=subprocess.PIPE,
                            **kwargs)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        print(f"command failed ({proc.returncode}): {' '.join(args)}\n{err}", file=sys.stderr)
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    print(f"  ({os.path.basename(args[-1])}: cpu {usage.ru_utime + usage.ru_stime:.1f} s, wall {seconds:.1f} s)",
          flush=True)
    return seconds, peak_mb, proc.returncode


def python_snippet(code: str) -> list[str]:
    """A command that runs `code` in a fresh interpreter."""
    return [sys.executable, "-c", code]
