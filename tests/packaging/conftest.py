"""Load the packaging scripts (packaging/ is a folder of scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def load_script(name: str) -> ModuleType:
    """Import packaging/<name>.py as a module."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build() -> ModuleType:
    return load_script("build")


@pytest.fixture(scope="session")
def make_icons() -> ModuleType:
    return load_script("make_icons")


@pytest.fixture
def dummy_bundle(tmp_path: Path) -> Path:
    """A stand-in for dist/Clientele: an executable, a library folder, a link."""
    bundle = tmp_path / "Clientele"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    exe = bundle / "clientele"
    exe.write_text("#!/bin/sh\necho clientele \"$@\"\n", encoding="utf-8")
    exe.chmod(0o755)
    (bundle / "_internal" / "resources" / "note.txt").write_text("x" * 5000, encoding="utf-8")
    (bundle / "_internal" / "link.txt").symlink_to("resources/note.txt")
    return bundle
