"""Exports on a full disk, killed half-way, or blocked between the list and its record (issue 14,
item 8). A full disk is real: a child process whose files cannot grow past RLIMIT_FSIZE (SIGXFSZ
ignored, so write() fails with EFBIG as it would with ENOSPC); a kill is a real SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from desktop.engine.errors import InputError
from desktop.engine.export import ExportOptions
from desktop.engine.marketing import export_marketing_list
from desktop.paths import (
    EXPORT_TEMP_PREFIX,
    SCRATCH_PREFIX,
    pid_alive,
    sweep_stale_temp_files,
)

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE and SIGKILL are POSIX")

# Builds `customers` in the child: n customers with long random ids and names (text that hardly
# compresses), in three segments.
CUSTOMERS = textwrap.dedent("""
    import secrets, pandas as pd
    def customers(n, id_len=12):
        ids = [f"{i:06d}" + secrets.token_hex(id_len) for i in range(n)]
        keys = ["at_risk", "lost", "loyal"]
        return pd.DataFrame({
            "customer_name": [secrets.token_urlsafe(24) for _ in range(n)],
            "phone": [f"138{i:08d}" for i in range(n)],
            "segment": [keys[i % 3] for i in range(n)],
            "monetary": [float(i % 97) for i in range(n)],
        }, index=pd.Index(ids, name="customer_id"))
""")


def run_child(code: str, limit_bytes: int | None = None, env: dict | None = None
              ) -> subprocess.CompletedProcess:
    def limit() -> None:
        if limit_bytes is not None:
            import resource

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-c", CUSTOMERS + textwrap.dedent(code)], cwd=REPO,
                          capture_output=True, text=True, timeout=300, preexec_fn=limit, check=False,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def own_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(EXPORT_TEMP_PREFIX))


def scratch_folders_of(pid: int) -> list[Path]:
    return list(Path(tempfile.gettempdir()).glob(f"{SCRATCH_PREFIX}{pid}-*"))


def test_full_disk_while_the_zip_is_written_gives_one_sentence_and_no_zip_traceback(tmp_path):
    # Two sheets of text that hardly compresses: each part fits under the limit, the zip of both
    # does not, so the disk "fills" while XlsxWriter writes the zip file itself.
    code = """
        import os, sys
        from desktop.engine.errors import InputError
        from desktop.engine.export import atomic_write, new_workbook, write_text_cell
        def write(tmp):
            wb = new_workbook(tmp)
            for name in ("A", "B", "C"):
                ws = wb.add_worksheet(name)
                for r in range(3000):
                    write_text_cell(ws, r, 0, secrets.token_urlsafe(60))
            wb.close()
        try:
            atomic_write(__import__("pathlib").Path(sys.argv[-1]), write)
        except InputError as exc:
            print(exc, file=sys.stderr)
            sys.exit(2)
        print(os.getpid())
    """
    code = code.replace("sys.argv[-1]", repr(str(tmp_path / "list.xlsx")))
    # Without a limit: the size of the biggest part and of the whole file.
    unlimited = run_child(code)
    assert unlimited.returncode == 0, unlimited.stderr
    with zipfile.ZipFile(tmp_path / "list.xlsx") as archive:
        biggest = max(i.file_size for i in archive.infolist())
    whole = (tmp_path / "list.xlsx").stat().st_size
    assert whole > 1.2 * biggest  # so a limit between them fails on the zip, not on a part
    (tmp_path / "list.xlsx").unlink()

    result = run_child(code, limit_bytes=(biggest + whole) // 2)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        ("Cannot save “list.xlsx”: the file is larger than this disk or folder allows; free some "
         "space or save under another name.")]
    assert sorted(tmp_path.iterdir()) == []
    assert scratch_folders_of(int(unlimited.stdout)) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_full_disk_leaves_the_old_list_and_record_and_no_temporary_file(tmp_path, suffix):
    target = tmp_path / f"list{suffix}"
    record = tmp_path / "list.campaign.json"
    target.write_bytes(b"old list")
    record.write_bytes(b"old record")
    result = run_child(f"""
        import sys
        from desktop.engine.errors import InputError
        from desktop.engine.export import ExportOptions
        from desktop.engine.marketing import export_marketing_list
        try:
            export_marketing_list(customers(3000), None, {str(target)!r},
                                  ExportOptions(control_share=0.1, seed=1))
        except InputError as exc:
            print(exc, file=sys.stderr)
            sys.exit(2)
    """, limit_bytes=100_000)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == b"old list" and record.read_bytes() == b"old record"
    assert own_temp_files(tmp_path) == []


def test_when_only_the_record_does_not_fit_neither_file_is_written(tmp_path):
    # Long ids and a big control group: the record (every id) is larger than the list (the
    # contacted few), so the disk fills on the record after the list was written in full.
    target = tmp_path / "list.csv"
    code = f"""
        import sys
        from desktop.engine.errors import InputError
        from desktop.engine.export import ExportOptions
        from desktop.engine.marketing import export_marketing_list
        try:
            export_marketing_list(customers(2000, id_len=60), None, {str(target)!r},
                                  ExportOptions(control_share=0.85, seed=1))
        except InputError as exc:
            print(exc, file=sys.stderr)
            sys.exit(2)
    """
    result = run_child(code, limit_bytes=200_000)
    assert result.returncode == 2, result.stderr
    assert "list.campaign.json" in result.stderr  # the record is what did not fit
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # Without the limit both are written, the list well under the limit and the record over it.
    assert run_child(code).returncode == 0
    assert target.stat().st_size < 200_000 < target.with_name("list.campaign.json").stat().st_size


def test_a_record_that_cannot_be_moved_into_place_takes_the_list_with_it(tmp_path):
    customers = pd.DataFrame({"segment": ["a", "b"] * 10, "monetary": range(20)},
                             index=pd.Index([f"C{i}" for i in range(20)], name="customer_id"))
    (tmp_path / "list.campaign.json").mkdir()  # something in the record's place
    with pytest.raises(InputError, match="list.campaign.json"):
        export_marketing_list(customers, None, tmp_path / "list.csv", ExportOptions())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.campaign.json"]


def test_a_list_that_cannot_be_moved_into_place_puts_the_old_record_back(tmp_path):
    customers = pd.DataFrame({"segment": ["a", "b"] * 10, "monetary": range(20)},
                             index=pd.Index([f"C{i}" for i in range(20)], name="customer_id"))
    (tmp_path / "list.csv").mkdir()  # the record goes in first, then the list cannot
    record = tmp_path / "list.campaign.json"
    record.write_text('{"old": true}', encoding="utf-8")
    with pytest.raises(InputError, match="list.csv"):
        export_marketing_list(customers, None, tmp_path / "list.csv", ExportOptions())
    assert json.loads(record.read_text(encoding="utf-8")) == {"old": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.campaign.json", "list.csv"]


def test_files_left_by_a_killed_export_are_swept_by_the_next_export(tmp_path):
    # The child kills itself (SIGKILL) while the workbook is being saved: its hidden temporary
    # list and XlsxWriter's scratch folder stay behind, as after kill -9 or a power cut.
    result = run_child(f"""
        import os, signal
        from desktop.engine.export import ExportOptions
        from desktop.engine.marketing import export_marketing_list
        print(os.getpid(), flush=True)
        def progress(fraction, message):
            if message == "Saving the workbook":
                os.kill(os.getpid(), signal.SIGKILL)
        export_marketing_list(customers(3000), None, {str(tmp_path / "list.xlsx")!r},
                              ExportOptions(), progress=progress)
    """)
    assert result.returncode == -signal.SIGKILL
    pid = int(result.stdout.split()[0])
    assert not pid_alive(pid)
    left = own_temp_files(tmp_path)
    assert len(left) == 1 and left[0].startswith(f"{EXPORT_TEMP_PREFIX}{pid}-")
    assert len(scratch_folders_of(pid)) == 1
    # Files that are not the app's own, or belong to a running process, are never touched.
    keep = [tmp_path / ".~clientele-notes.xlsx", tmp_path / "list.xlsx.bak",
            tmp_path / f"{EXPORT_TEMP_PREFIX}{os.getpid()}-0123abcd.xlsx"]
    for path in keep:
        path.write_bytes(b"keep")
    link = tmp_path / f"{EXPORT_TEMP_PREFIX}{pid}-feedf00d.csv"
    link.symlink_to(tmp_path / "list.xlsx.bak")

    customers = pd.DataFrame({"segment": ["a", "b"] * 5, "monetary": range(10)},
                             index=pd.Index([f"C{i}" for i in range(10)], name="customer_id"))
    export_marketing_list(customers, None, tmp_path / "other.csv", ExportOptions())
    assert own_temp_files(tmp_path) == sorted([keep[2].name, link.name, keep[0].name])
    assert scratch_folders_of(pid) == []
    assert all(p.read_bytes() == b"keep" for p in keep)


def test_autosave_temporary_files_of_a_killed_session_are_swept(tmp_path):
    # A session killed while autosaving leaves project.py's hidden temporary database in the
    # autosave folder; the sweep at the next start removes it (and nothing of a live session).
    data = tmp_path / "data"
    orders = tmp_path / "orders.csv"
    pd.DataFrame({"Customer ID": ["C1", "C2", "C1"], "Date": ["2024-01-01", "2024-02-01", "2024-03-01"],
                  "Amount": [10.0, 20.0, 5.0]}).to_csv(orders, index=False)
    result = run_child(f"""
        import os, signal
        from pathlib import Path
        from desktop.engine.pipeline import AnalysisOptions, analyze
        from desktop.engine.project import autosave
        analysis = analyze(AnalysisOptions(paths=[Path({str(orders)!r})]))
        print(os.getpid(), flush=True)
        def progress(fraction, message=""):
            if fraction > 0:
                os.kill(os.getpid(), signal.SIGKILL)
        autosave(analysis, progress=progress)
    """, env={"CLIENTELE_DATA_DIR": str(data)})
    assert result.returncode == -signal.SIGKILL, result.stderr
    pid = int(result.stdout.split()[0])
    left = [p.name for p in (data / "autosave").iterdir()]
    assert left and all(name.startswith(f".session-{pid}.clientele.") for name in left), left
    live = data / "autosave" / f".session-{os.getpid()}.clientele.0123abcd.tmp"
    live.write_bytes(b"a running session's autosave")

    removed = sweep_stale_temp_files([], data)
    assert sorted(p.name for p in removed) == sorted(left)
    assert [p.name for p in (data / "autosave").iterdir()] == [live.name]
