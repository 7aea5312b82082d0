"""The engine never imports Qt: every module under desktop/engine is checked, in a fresh process."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "desktop" / "engine"
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "PySide2", "pyqtgraph", "shiboken6", "desktop.ui")


def test_no_engine_module_imports_qt_in_its_source() -> None:
    offenders = []
    for path in ENGINE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith(QT_MODULES):
                    offenders.append(f"{path.relative_to(ENGINE.parent.parent)}: {name}")
    assert not offenders, offenders


def test_importing_every_engine_module_loads_no_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(ENGINE.parent.parent).with_suffix("").parts)
        for p in ENGINE.rglob("*.py")
        if p.name != "__init__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.startswith({QT_MODULES!r})]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=ENGINE.parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"Qt loaded by the engine: {out.stdout}"


DESKTOP = ENGINE.parent


def _imports(path: Path) -> list[str]:
    """Every module `path` imports, at the top or inside functions."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_jobs_and_session_import_no_qt() -> None:
    offenders = [f"{path.relative_to(DESKTOP.parent)}: {name}"
                 for package in ("jobs", "session") for path in (DESKTOP / package).rglob("*.py")
                 for name in _imports(path) if name.startswith(QT_MODULES)]
    assert not offenders, offenders
    modules = sorted(".".join(p.relative_to(DESKTOP.parent).with_suffix("").parts).removesuffix(".__init__")
                     for package in ("jobs", "session") for p in (DESKTOP / package).rglob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"print(','.join(m for m in sys.modules if m.startswith({QT_MODULES!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=DESKTOP.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"Qt loaded by jobs/session: {out.stdout}"


def test_views_and_dialogs_reach_the_engine_only_through_jobs_and_session() -> None:
    offenders = [f"{path.relative_to(DESKTOP.parent)}: {name}"
                 for package in ("views", "dialogs") for path in (DESKTOP / "ui" / package).rglob("*.py")
                 for name in _imports(path) if name == "desktop.engine" or name.startswith("desktop.engine.")]
    assert not offenders, offenders


def test_qt_is_imported_only_under_desktop_ui() -> None:
    outside = [p for p in DESKTOP.rglob("*.py") if (DESKTOP / "ui") not in p.parents]
    offenders = [f"{path.relative_to(DESKTOP.parent)}: {name}" for path in outside
                 for name in _imports(path) if name.startswith(QT_MODULES[:-1])]
    assert not offenders, offenders


def test_the_cli_contract_names_every_command_but_report() -> None:
    import tomllib

    config = tomllib.loads((DESKTOP.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["name"].startswith("The CLI "))
    modules = {f"desktop.cli.{p.stem}" for p in (DESKTOP / "cli").glob("*.py") if p.stem != "__init__"}
    assert set(contract["source_modules"]) == modules - {"desktop.cli.report"}


def test_no_result_bag_on_the_analysis_data() -> None:
    from dataclasses import fields

    from desktop.jobs.prepare import AnalysisData

    names = {f.name for f in fields(AnalysisData)}
    assert not names & {"extra", "predictions", "suggestions", "results"}, names


def test_the_main_window_does_not_import_the_app_module() -> None:
    # desktop.ui.app starts and rebuilds the window; the window asks for a restart by a signal
    names = _imports(DESKTOP / "ui" / "main_window.py")
    assert not [n for n in names if n == "desktop.ui.app" or n.startswith("desktop.ui.app.")], names
