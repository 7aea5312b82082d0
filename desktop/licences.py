"""Licences of the libraries Clientele ships with, read from the installed distributions' metadata
(for the About box and the self-test). The frozen build bundles the metadata, so this works there too.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from desktop.paths import resources_dir

# Used when neither the installed metadata nor pyproject.toml names the dependencies
FALLBACK_ROOTS = ("PySide6-Essentials", "pandas", "numpy", "scikit-learn", "scipy", "pyqtgraph",
                  "openpyxl", "python-calamine", "defusedxml", "XlsxWriter", "platformdirs",
                  "msoffcrypto-tool")

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Licence:
    """One shipped component and its licence."""

    name: str
    version: str
    licence: str  # an SPDX expression where the metadata gives one, else the declared name
    url: str = ""
    file: str = ""  # path of the licence text, when the distribution ships one


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _root_requirements() -> list[str]:
    """Return the names of Clientele's own runtime dependencies."""
    try:
        requires = metadata.distribution("clientele").requires or []
    except metadata.PackageNotFoundError:
        requires = _pyproject_dependencies()
    names = [m.group(1) for r in requires if "extra" not in r.partition(";")[2]
             for m in [_NAME.match(r)] if m]
    return names or list(FALLBACK_ROOTS)


def _pyproject_dependencies() -> list[str]:
    """Return `project.dependencies` from pyproject.toml (source tree, or bundled when frozen)."""
    import tomllib

    root = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    try:
        with open(root / "pyproject.toml", "rb") as f:
            return list(tomllib.load(f).get("project", {}).get("dependencies", []))
    except (OSError, ValueError):
        return []


def _marker_holds(marker: str) -> bool:
    """Return False when an environment marker (e.g. `python_version < "3.11"`) rules a requirement
    out here; True when it holds or cannot be evaluated (then the installed set decides)."""
    if not marker.strip():
        return True
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    try:
        return bool(Marker(marker).evaluate())
    except Exception:  # an odd marker in someone's metadata must not break the About box
        return True


def _licence_name(meta) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    declared = (meta.get("License") or "").strip()
    # some projects put the whole licence text in this field: keep only a short name
    if declared and "\n" not in declared and len(declared) <= 60 and declared.upper() != "UNKNOWN":
        return declared
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    return " / ".join(classifiers) or "see the project's licence"


def _licence_file(dist: metadata.Distribution) -> str:
    for f in dist.files or []:
        part = str(f).replace("\\", "/")
        if ".dist-info/" in part and re.search(r"(LICEN[CS]E|COPYING)", part.rsplit("/", 1)[-1], re.I):
            try:
                path = Path(str(dist.locate_file(f)))
            except Exception:  # a distribution without a location on disk
                continue
            if path.is_file():
                return str(path)
    return ""


def _url(meta) -> str:
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "source code", "repository"):
            return url.strip()
    return (meta.get("Home-page") or "").strip()


def bundled_licences() -> list[Licence]:
    """Return Clientele's runtime dependencies (and theirs), Python and the bundled font, each with
    its licence, sorted by name. Dependencies that are not installed are left out."""
    seen: dict[str, Licence] = {}
    todo = list(_root_requirements())
    while todo:
        name = todo.pop()
        key = _normalise(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a platform-only dependency (e.g. tzdata off Windows) or not bundled
        meta = dist.metadata
        seen[key] = Licence(meta["Name"] or name, dist.version, _licence_name(meta), _url(meta),
                            _licence_file(dist))
        for requirement in dist.requires or []:
            marker = requirement.partition(";")[2]
            if "extra" in marker or not _marker_holds(marker):
                continue
            match = _NAME.match(requirement)
            if match:
                todo.append(match.group(1))
    items = list(seen.values())
    items.append(Licence("Python", sys.version.split()[0], "PSF-2.0", "https://www.python.org"))
    font_dir = resources_dir() / "fonts"
    items.append(Licence("WenQuanYi Micro Hei (font)", "0.2.0-beta", "Apache-2.0",
                         "http://wenq.org", str(font_dir / "LICENSE-Apache-2.0.txt")))
    return sorted(items, key=lambda item: item.name.lower())


def licences_text() -> str:
    """Return one line per component, "name version — licence", for the About box."""
    return "\n".join(f"{item.name} {item.version} — {item.licence}" for item in bundled_licences())
