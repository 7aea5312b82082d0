"""The self-test: its step runner, a real run of the engine steps, and (slow) the window steps."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui import selftest
from desktop.ui.selftest import Context, Step, run_self_test, run_steps

ROOT = Path(__file__).resolve().parent.parent


def _ok(ctx: Context) -> str:
    ctx.results["ok"] = True
    return "all good"


def _check_fails(ctx: Context) -> str:
    selftest.check(1 + 1 == 3, "arithmetic is off")
    return "unreachable"


def _raises(ctx: Context) -> str:
    return str({}["missing key"])


def _needs_earlier(ctx: Context) -> str:
    return str(ctx.need("never produced"))


def test_run_steps_reports_each_step_with_status_and_time(tmp_path: Path) -> None:
    lines: list[str] = []
    steps = [Step("first", _ok), Step("checked", _check_fails), Step("broken", _raises),
             Step("dependent", _needs_earlier), Step("later", _ok, ("desktop.no_such_module_here",))]
    outcomes = run_steps(steps, Context(folder=tmp_path), lines.append, strict=False)

    assert [o.status for o in outcomes] == ["ok", "FAIL", "FAIL", "FAIL", "skip"]
    assert outcomes[1].detail == "arithmetic is off"
    assert "KeyError" in outcomes[2].detail and "test_selftest.py" in outcomes[2].detail
    assert "never produced" in outcomes[3].detail
    assert "desktop.no_such_module_here" in outcomes[4].detail
    assert len(lines) == len(steps)
    # every line names its step; steps that ran show their time in seconds
    for line, step in zip(lines, steps):
        assert step.name in line
    assert all(" s  " in line for line in lines[:4])


def test_a_missing_module_fails_in_strict_mode(tmp_path: Path) -> None:
    lines: list[str] = []
    outcomes = run_steps([Step("later", _ok, ("desktop.no_such_module_here",))], Context(folder=tmp_path),
                         lines.append, strict=True)
    assert outcomes[0].status == "FAIL"
    assert "not in this version" in lines[0]


def test_every_step_is_part_of_this_version() -> None:
    # from the source tree no step may be skipped: each module a step needs exists
    missing = {step.name: m for step in selftest.STEPS for m in step.needs if not selftest.module_exists(m)}
    assert missing == {}
    names = [step.name for step in selftest.STEPS]
    assert len(names) == len(set(names))
    for analysis in ("predictions", "product suggestions", "segments by clustering", "marketing list export",
                     "views rendered"):
        assert analysis in names


def test_self_test_exit_code_and_report_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = str(tmp_path / "the-users-own-settings.ini")
    monkeypatch.setenv("CLIENTELE_SETTINGS", before)
    report = tmp_path / "report.txt"
    out = io.StringIO()
    code = run_self_test(["--self-test", "--report", str(report), "--keep", str(tmp_path / "kept")],
                         steps=[Step("first", _ok), Step("checked", _check_fails)], stream=out)
    assert code == 1
    text = report.read_text(encoding="utf-8")
    assert text == out.getvalue()
    assert "Self-test FAILED" in text and "checked" in text.splitlines()[-1]

    code = run_self_test(["--self-test", "--report", str(report)], steps=[Step("first", _ok)], stream=out)
    assert code == 0
    assert report.read_text(encoding="utf-8").splitlines()[-1].startswith("Self-test passed")
    # the user's own settings are never touched: the variable is as it was before the run
    assert os.environ.get("CLIENTELE_SETTINGS") == before


def test_engine_steps_pass_on_the_demo_shop(tmp_path: Path) -> None:
    names = {"demo shop, RFM segments", "RFM, 8-class model", "marketing list export",
             "project file saved and reopened", "password-protected workbook", "licences",
             "modules in the current folder never run"}
    steps = [step for step in selftest.STEPS if step.name in names]
    ctx = Context(folder=tmp_path)
    lines: list[str] = []
    outcomes = run_steps(steps, ctx, lines.append, strict=True)
    assert [o.status for o in outcomes] == ["ok"] * len(steps), "\n".join(lines)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "marketing list.xlsx" in written and "marketing list.csv" in written
    assert "demo shop.clientele" in written


@pytest.mark.slow
def test_window_steps_pass_offscreen(tmp_path: Path) -> None:
    # in a child process: the steps create the app's QApplication with its style sheet
    script = (
        "import sys\n"
        "from desktop.ui import selftest\n"
        "names = {'demo shop, RFM segments', 'Qt and the app icon', 'fonts', 'translations',\n"
        "         'main window on the demo shop', 'views rendered', 'window closed'}\n"
        "steps = [s for s in selftest.STEPS if s.name in names]\n"
        "sys.exit(selftest.run_self_test(['--self-test', '--keep', sys.argv[1]], steps=steps))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 steps" in result.stdout
    views = sorted(p.name for p in tmp_path.glob("view_*.png"))
    assert any("overview" in v for v in views) and "view_customer.png" in views


def test_an_unexpected_failure_of_a_windows_result_fails_the_step() -> None:
    from types import SimpleNamespace

    from desktop.engine.errors import InputError
    from desktop.session import Session

    def broken(request, progress=None):
        raise ZeroDivisionError("division by zero")

    def refused(request, progress=None):
        raise InputError("There are no purchases on or before 2000-01-01.")

    session = Session()
    session.set_analysis(object())
    ctx = Context(folder=Path("."))
    ctx.window = SimpleNamespace(session=session)
    session.request(session.migration, refused, 1)
    selftest._check_slot_errors(ctx)  # the owner's input, said in the view: not a failure of the app
    session.request(session.segmentation, broken, 1)
    with pytest.raises(selftest.StepFailed, match="ZeroDivisionError"):
        selftest._check_slot_errors(ctx)
