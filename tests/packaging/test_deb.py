"""The .deb: what it installs where, and its control fields."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="needs dpkg-deb (Debian/Ubuntu)")


@pytest.fixture
def deb(build, dummy_bundle: Path, tmp_path: Path) -> Path:
    return build.make_deb(dummy_bundle, "1.2.3", tmp_path / "out", depends_glibc="2.31",
                          staging=tmp_path / "staging")


def test_deb_installs_the_bundle_launcher_menu_entry_and_icons(deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    rows = {line.split()[5].removeprefix("."): line for line in listing.splitlines()}
    for path in ("/opt/clientele/clientele", "/opt/clientele/_internal/resources/note.txt",
                 "/usr/bin/clientele", "/usr/share/applications/clientele.desktop",
                 "/usr/share/icons/hicolor/256x256/apps/clientele.png",
                 "/usr/share/icons/hicolor/scalable/apps/clientele.svg",
                 "/usr/share/mime/packages/clientele.xml", "/usr/share/doc/clientele/copyright"):
        assert path in rows, f"{path} missing from the package"
    # owned by root, executables executable, nothing group- or world-writable
    assert all(" root/root " in row for row in rows.values())
    assert rows["/usr/bin/clientele"].startswith("-rwxr-xr-x")
    assert rows["/opt/clientele/clientele"].startswith("-rwxr-xr-x")
    assert rows["/opt/clientele/_internal/link.txt"].startswith("l")


def test_deb_control_fields(deb: Path) -> None:
    def field(name: str) -> str:
        return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert deb.name.startswith("clientele_1.2.3_")
    assert field("Package") == "clientele"
    assert field("Version") == "1.2.3"
    assert field("Depends").startswith("libc6 (>= 2.31), libgl1, libegl1")
    assert int(field("Installed-Size")) >= 5  # KiB: the dummy bundle holds a 5,000-byte file


def test_deb_launcher_and_menu_entry_content(deb: Path, tmp_path: Path) -> None:
    root = tmp_path / "x"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    launcher = (root / "usr" / "bin" / "clientele").read_text(encoding="utf-8")
    assert 'exec /opt/clientele/clientele "$@"' in launcher
    entry = (root / "usr" / "share" / "applications" / "clientele.desktop").read_text(encoding="utf-8")
    assert "Exec=clientele %F" in entry and "Icon=clientele" in entry
    assert "MimeType=application/x-clientele-project;" in entry
    mime = (root / "usr" / "share" / "mime" / "packages" / "clientele.xml").read_text(encoding="utf-8")
    assert 'type="application/x-clientele-project"' in mime and 'pattern="*.clientele"' in mime
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(root / "usr/share/applications/clientele.desktop")],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
