"""Refresh the translation files: extract every tr("...") of desktop/ui into clientele_zh_CN.ts
(existing translations are kept) and compile it to clientele_zh_CN.qm.

    /work/venv/bin/python resources/translations/update.py          # lupdate + lrelease
    /work/venv/bin/python resources/translations/update.py --release  # lrelease only

Translate new strings in the .ts with Qt Linguist (pyside6-linguist) or any text editor, then run
this again. tests/ui/test_i18n.py fails while a string has no translation.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "clientele_zh_CN.ts"
QM = HERE / "clientele_zh_CN.qm"


def tool(name: str) -> str:
    """Return the path of a PySide6 tool (pyside6-lupdate, pyside6-lrelease)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} was not found; install PySide6 in this Python environment.")
    return found


def sources() -> list[str]:
    """Return every Python file of the UI, relative to the repository root."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))


def lupdate(ts: Path = TS, extra: tuple[str, ...] = ()) -> None:
    subprocess.run([tool("pyside6-lupdate"), *extra, *sources(), "-ts", str(ts)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def lrelease() -> None:
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--release", action="store_true", help="only compile the .ts to .qm")
    args = parser.parse_args()
    if not args.release:
        lupdate(extra=("-no-obsolete", "-locations", "none"))
    lrelease()
    return 0


if __name__ == "__main__":
    sys.exit(main())
