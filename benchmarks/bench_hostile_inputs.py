"""Time and peak memory of Clientele on hostile inputs (issue 14), each in its own child process, as a
user meets them: `clientele analyze FILE --json` (or opening a project), with the current folder the
file's folder.

    python benchmarks/bench_hostile_inputs.py [--only NAME ...] [--keep DIR]

For each case it prints the exit code, the wall time and the peak resident memory of the child
(ru_maxrss, which includes the children it started and waited for), beside the target: exit 0 or 2,
under 10 s and 2 GB. A case still running after TIMEOUT_S is killed and shown as such. Every child
runs under an address-space cap (CAP_GB) so that a runaway case cannot take the shared machine down.
The files are written to a temporary folder (a few hundred MB) and deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 10.0
TARGET_MB = 2048
TIMEOUT_S = 30.0
CAP_GB = 6

HEADER = "Customer ID,Order ID,Date,Product,Quantity,Price\n"
ROWS = "".join(f"C{i % 3},S{i},2024-01-{i % 28 + 1:02d},Tea,1,{10 + i}\n" for i in range(12))
# What pip writes as the `clientele` command, pointed at this source tree.
LAUNCHER = "import sys\nsys.path.insert(1, {repo!r})\nfrom desktop.__main__ import main\nsys.exit(main())\n"
OPEN_PROJECT = ("import sys\nsys.path.insert(1, {repo!r})\nfrom desktop.engine.errors import InputError\n"
                "from desktop.engine.project import load_project\n"
                "try:\n    load_project(sys.argv[1]).analysis()\nexcept InputError as exc:\n"
                "    print(exc, file=sys.stderr); sys.exit(2)\n")


@dataclass
class Case:
    name: str
    filename: str
    make: Callable[[Path], None]
    how: str = "analyze"  # or "project"


# ---------------------------------------------------------------- the files


def _long_line(p: Path) -> None:
    # one line of 25 million fields (50 MB) after a few good rows
    p.write_bytes((HEADER + ROWS).encode() + b"1," * 25_000_000 + b"1\n")


def _long_text_line(p: Path) -> None:
    # one 50 MB line without a separator
    p.write_bytes((HEADER + ROWS).encode() + b"x" * 50_000_000 + b"\n")


def _empty_rows(p: Path) -> None:
    # what Excel writes for ten million formatted but empty rows
    p.write_bytes((HEADER + ROWS).encode() + b",,,,,\n" * 10_000_000)


def _blank_tail(p: Path) -> None:
    p.write_bytes((HEADER + ROWS).encode() + b"\n" * 2_000_000)


def _sparse_xlsx(p: Path) -> None:
    # the table in A1:F13 and one stray cell at AK1048576: a rectangle of 38.8 million cells
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for line in (HEADER + ROWS).splitlines():
        ws.append(line.split(","))
    ws.cell(row=1_048_576, column=37, value="x")
    wb.save(p)


def _empty_strings_xlsx(p: Path) -> None:
    # 200,000 rows of empty-string cells after the data, as some exporters write them
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Orders")
    for line in (HEADER + ROWS).splitlines():
        ws.append(line.split(","))
    for _ in range(200_000):
        ws.append([""] * 6)
    wb.save(p)


def _shifted_comma(p: Path) -> None:
    # an unquoted comma in the product name of the second row, and again further down
    rows = ROWS.splitlines()
    rows[1] = rows[1].replace("Tea", "Tea, green")
    rows[10] = rows[10].replace("Tea", "Tea, black")
    p.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")


def _mixed_encoding(p: Path) -> None:
    head = "会员号,订单号,下单时间,商品名称,数量,单价\n"
    utf8 = "".join(f"C{i % 3},S{i},2024-01-{i % 28 + 1:02d},龙井,1,{10 + i}\n" for i in range(200))
    gbk = "".join(f"C{i % 3},S{i + 200},2024-02-{i % 28 + 1:02d},普洱,1,{10 + i}\n" for i in range(50))
    p.write_bytes((head + utf8).encode("utf-8") + gbk.encode("gbk") + b"C1,S999,2024-03-01,\xff,1,5\n")


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _planted(p: Path) -> None:
    import openpyxl

    for rel in ("zipfile.py", "pickle.py", "numpy/__init__.py"):
        target = p.parent / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"open({str(p.parent / 'PLANTED-CODE-RAN')!r}, 'a').write(__name__)\n")
    wb = openpyxl.Workbook()
    for line in (HEADER + ROWS).splitlines():
        wb.active.append(line.split(","))
    wb.save(p)


def _recursive_view(p: Path) -> None:
    sys.path.insert(1, str(REPO))
    from desktop.engine.pipeline import AnalysisOptions, analyze
    from desktop.engine.project import save_project

    orders = p.parent / "orders.csv"
    orders.write_text(HEADER + ROWS, encoding="utf-8")
    save_project(p, analyze(AnalysisOptions([orders])))
    con = sqlite3.connect(p)
    with con:  # a table the project reads replaced by a view that never ends
        table = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'meta' "
                            "ORDER BY name LIMIT 1").fetchone()[0]
        con.execute(f'DROP TABLE "{table}"')
        con.execute(f'CREATE VIEW "{table}" AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) '
                    "SELECT x AS customer_id FROM r")
    con.close()


CASES = [
    Case("one 50 MB line of 25M fields", "long_line.csv", _long_line),
    Case("one 50 MB line, no separator", "long_text.csv", _long_text_line),
    Case("10M lines of ,,,,,", "empty_rows.csv", _empty_rows),
    Case("2M blank lines after the data", "blank_tail.csv", _blank_tail),
    Case("sparse xlsx, 38.8M-cell rectangle", "sparse.xlsx", _sparse_xlsx),
    Case("200k empty-string rows in xlsx", "empty_strings.xlsx", _empty_strings_xlsx),
    Case("unquoted commas in two rows", "shifted.csv", _shifted_comma),
    Case("UTF-8 with GBK rows and a bad byte", "mixed.csv", _mixed_encoding),
    Case("FIFO as the orders file", "fifo.csv", _fifo),
    Case("planted zipfile/pickle/numpy in cwd", "orders.xlsx", _planted),
    Case("project with a recursive view", "shop.clientele", _recursive_view, how="project"),
]


# ---------------------------------------------------------------- running


def _cap() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CAP_GB * 2**30, CAP_GB * 2**30))


def run(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int | str, float, float, str]:
    """Run `args`; return (exit code or 'killed', seconds, peak MB, last stderr line)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                                preexec_fn=_cap, start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT_S:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    code: int | str = "killed" if killed else proc.returncode
    return code, seconds, usage.ru_maxrss / 1024, (lines[-1] if lines else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only the cases whose file name starts with one of these")
    parser.add_argument("--keep", help="write the files to this folder and keep them")
    opts = parser.parse_args()
    cases = [c for c in CASES if not opts.only or c.filename.startswith(tuple(opts.only))]
    root = Path(opts.keep) if opts.keep else Path(tempfile.mkdtemp(prefix="clientele-hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    bin_dir = root / "bin"
    bin_dir.mkdir(exist_ok=True)
    launcher, opener = bin_dir / "clientele", bin_dir / "open_project"
    launcher.write_text(LAUNCHER.format(repo=str(REPO)), encoding="utf-8")
    opener.write_text(OPEN_PROJECT.format(repo=str(REPO)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["CLIENTELE_DATA_DIR"] = str(root / "data")
    print(f"{'case':<38} {'exit':>6} {'seconds':>8} {'peak MB':>8}   target: exit 0/2, < {TARGET_S:.0f} s, "
          f"< {TARGET_MB / 1024:.0f} GB")
    failures = 0
    try:
        for i, case in enumerate(cases):
            folder = root / f"case{i:02d}"
            folder.mkdir(exist_ok=True)
            path = folder / case.filename
            if not path.exists():
                case.make(path)
            script = launcher if case.how == "analyze" else opener
            args = [sys.executable, str(script)] + (["analyze", path.name, "--json"] if case.how == "analyze"
                                                   else [path.name])
            code, seconds, peak, said = run(args, folder, env)
            ok = code in (0, 2) and seconds < TARGET_S and peak < TARGET_MB
            if (folder / "PLANTED-CODE-RAN").exists():
                ok, said = False, "planted code ran: " + said
            failures += not ok
            print(f"{case.name:<38} {code!s:>6} {seconds:8.2f} {peak:8.0f}   {'ok' if ok else 'MISSED'}"
                  f"{'  ' + said[:110] if said and code != 0 else ''}", flush=True)
    finally:
        if not opts.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{len(cases) - failures} of {len(cases)} cases within the targets")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
