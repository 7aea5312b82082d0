"""packaging/build.py helpers: version, sizes, glibc needs, the .tar.gz."""

from __future__ import annotations

import shutil
import sys
import tarfile
from pathlib import Path

import pytest

import desktop


def test_version_comes_from_pyproject(build) -> None:
    assert build.read_version() == desktop.__version__
    assert build.read_version().count(".") >= 1


def test_folder_size_counts_files_and_links_once(build, dummy_bundle: Path) -> None:
    size = build.folder_size(dummy_bundle)
    files = [p for p in dummy_bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    link = dummy_bundle / "_internal" / "link.txt"
    assert size == sum(p.stat().st_size for p in files) + link.lstat().st_size
    assert size < 2 * 5000 + 1000  # the linked 5,000-byte file is not counted twice


def test_check_size_fails_over_the_limit(build, dummy_bundle: Path) -> None:
    assert build.check_size(dummy_bundle, limit_mib=1) == 0
    assert build.check_size(dummy_bundle, limit_mib=0.001) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("objdump"),
                    reason="needs Linux and objdump")
def test_glibc_needed_reads_symbol_versions(build, tmp_path: Path) -> None:
    bundle = tmp_path / "b"
    bundle.mkdir()
    real = Path(sys.executable).resolve()
    shutil.copy2(real, bundle / "clientele")
    version = build.glibc_needed(bundle)
    assert version is not None
    major, minor = (int(x) for x in version.split(".")[:2])
    assert major == 2 and minor >= 2
    (bundle / "clientele").unlink()
    assert build.glibc_needed(bundle) is None


def test_tarball_holds_the_bundle_under_one_folder(build, dummy_bundle: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = build.make_tarball(dummy_bundle, "9.8.7", out)
    assert target.name.startswith("clientele-9.8.7-linux-") and target.name.endswith(".tar.gz")
    with tarfile.open(target) as tar:
        names = tar.getnames()
        link = tar.getmember("Clientele/_internal/link.txt")
        exe = tar.getmember("Clientele/clientele")
    assert all(n == "Clientele" or n.startswith("Clientele/") for n in names)
    assert link.issym() and link.linkname == "resources/note.txt"
    assert exe.mode & 0o111
