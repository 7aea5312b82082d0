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
