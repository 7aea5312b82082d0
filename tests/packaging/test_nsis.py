"""The Windows installer script compiles with makensis (Debian's `nsis`) around a dummy payload."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not shutil.which("makensis"), reason="needs makensis (apt install nsis)")


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    folder = tmp_path / "Clientele"
    (folder / "_internal" / "resources").mkdir(parents=True)
    (folder / "clientele.exe").write_bytes(b"MZ" + b"\0" * 1000)
    (folder / "_internal" / "resources" / "demo.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return folder


def test_installer_compiles(build, payload: Path, tmp_path: Path) -> None:
    out = build.make_nsis(payload, "1.2.3", tmp_path / "out" / "Clientele-1.2.3-setup.exe")
    data = out.read_bytes()
    assert data[:2] == b"MZ"  # a Windows executable
    assert b"NullsoftInst" in data  # the installer's data header follows the stub


def test_installer_needs_a_version(payload: Path, tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[2] / "packaging" / "windows" / "clientele.nsi"
    result = subprocess.run(["makensis", "-V1", f"-DSOURCE_DIR={payload}", f"-DOUTFILE={tmp_path / 'x.exe'}",
                             str(script)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "VERSION" in result.stdout + result.stderr
    assert not (tmp_path / "x.exe").exists()


def test_installer_is_per_user_and_associates_project_files() -> None:
    script = (Path(__file__).resolve().parents[2] / "packaging" / "windows" / "clientele.nsi").read_text("utf-8")
    assert "RequestExecutionLevel user" in script
    assert "$LOCALAPPDATA\\Programs" in script
    assert '"Software\\Classes\\${PROJECT_EXT}"' in script and '!define PROJECT_EXT ".clientele"' in script
    assert "HKLM" not in script  # nothing that needs administrator rights
    for needed in ("$SMPROGRAMS", "$DESKTOP", "WriteUninstaller"):
        assert needed in script
