"""Files that are not regular files (a FIFO, a device, a socket) are refused before they are opened,
in one sentence; a workbook that changes on disk while it is read is pre-scanned and parsed from the
same bytes, so the swap cannot reach the parser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from desktop.engine import guard
from desktop.engine.errors import InputError
from desktop.engine.pipeline import AnalysisOptions, analyze
from desktop.engine.reading import read_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad_inputs_corpus import HEADER, ROWS, _csv, orders_xlsx  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def _refused_quickly(call) -> InputError:
    """Run `call` on a thread; it must raise InputError within 10 s (a pipe would block forever)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert outcome, "reading did not return within 10 s"
    assert isinstance(outcome[0], InputError), outcome[0]
    return outcome[0]


@needs_fifo
def test_a_fifo_as_the_orders_file_is_refused_in_one_sentence(tmp_path: Path) -> None:
    fifo = tmp_path / "orders.csv"
    os.mkfifo(fifo)
    err = _refused_quickly(lambda: read_file(fifo))
    assert str(err).startswith("orders.csv is a pipe") and "\n" not in str(err)
    assert "管道" in err.zh


@needs_fifo
def test_a_fifo_as_the_customers_file_is_refused(tmp_path: Path) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_bytes(_csv(ROWS))
    fifo = tmp_path / "customers.csv"
    os.mkfifo(fifo)
    err = _refused_quickly(lambda: analyze(AnalysisOptions([orders], customers_file=fifo)))
    assert "customers.csv is a pipe" in str(err)


def test_a_socket_and_a_device_are_refused(tmp_path: Path) -> None:
    sock_path = tmp_path / "orders.xlsx"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock_path))
        err = _refused_quickly(lambda: read_file(sock_path))
        assert "orders.xlsx is a socket" in str(err)
    finally:
        server.close()
    if Path("/dev/zero").exists():  # endless: reading it would fill the memory
        err = _refused_quickly(lambda: read_file(Path("/dev/zero")))
        assert "zero is a device" in str(err)


def test_a_workbook_swapped_after_the_pre_scan_is_parsed_as_scanned(tmp_path: Path) -> None:
    """The file is replaced (by a workbook that aborts calamine) right after the pre-scan passed;
    in-process parsing must still see the scanned bytes. In a child interpreter: an abort would
    otherwise end the test run."""
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = [{str(REPO)!r}, {str(Path(__file__).resolve().parent)!r}]
        from pathlib import Path
        from bad_inputs_corpus import orders_xlsx, raw_xlsx, table_rows_xml, inline
        from desktop.engine import guard
        from desktop.engine.reading import read_file
        good, bad = Path(sys.argv[1]) / "orders.xlsx", Path(sys.argv[1]) / "far.xlsx"
        orders_xlsx(good)
        raw_xlsx(bad, table_rows_xml() + '<row r="1048576">' + inline("XFD1048576", "x") + "</row>")
        scan = guard.check_workbook

        def scan_then_swap(path, fmt, *data):
            scan(path, fmt, *data)          # the real pre-scan, on the good file
            bad.replace(path)              # a sync client puts another version in place

        guard.check_workbook = scan_then_swap
        table = read_file(good)[0]
        print("rows", len(table.data), list(table.columns))
    """)
    env = dict(os.environ, CLIENTELE_PARSE_IN_CHILD="0")
    done = subprocess.run([sys.executable, "-I", "-c", script, str(tmp_path)], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"rows {len(ROWS)} {HEADER!r}" in done.stdout
    assert not (tmp_path / "far.xlsx").exists()  # the swap did happen


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "orders.xlsx"
    orders_xlsx(path)
    data = guard.read_source(path)
    with pytest.raises(InputError, match="more than the"):
        guard.read_source(path, limit=len(data) - 1)
