"""Private APIs the app relies on, pinned: each library's upper bound in pyproject.toml is the range
these tests ran on. A newer version fails here, loudly, before anything subtle breaks: check the
workaround named in the message, then raise the bound in pyproject.toml."""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

PYPROJECT = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))
PINNED = {
    "pandas": "pandas.arrays.StringArray._simple_new in desktop/engine/packing.py (Unpacker)",
    "XlsxWriter": "xlsxwriter.worksheet.Worksheet._write_rows, subclassed in desktop/engine/export",
}


def _requirement(name: str) -> Requirement:
    for line in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(line)
        if requirement.name.lower() == name.lower():
            return requirement
    raise AssertionError(f"{name} is not a dependency in pyproject.toml")


@pytest.mark.parametrize("name", sorted(PINNED))
def test_each_library_with_a_private_api_is_pinned_and_installed_within_its_range(name):
    requirement = _requirement(name)
    assert any(spec.operator in ("<", "<=") for spec in requirement.specifier), \
        f"{name} needs an upper bound in pyproject.toml: the app uses {PINNED[name]}"
    installed = version(name)
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{name} {installed} is outside the tested range {requirement.specifier}: check {PINNED[name]}, "
        f"then widen the range in pyproject.toml")


def test_python_is_within_the_range_whose_reference_counts_release_py_reads():
    allowed = SpecifierSet(PYPROJECT["project"]["requires-python"])
    assert any(spec.operator in ("<", "<=") for spec in allowed), "requires-python needs an upper bound"
    running = ".".join(map(str, sys.version_info[:3]))
    assert allowed.contains(running), (
        f"Python {running} is outside {allowed}: desktop/ui/background/release.py reads sys.getrefcount "
        "(2 = nobody else holds the object); check that it still means that, then widen the range")
    # the meaning release.py relies on: a list slot plus getrefcount's own argument
    holder = [object()]
    alone = sys.getrefcount(holder[0])  # counted outside the assert (pytest's rewriting holds values)
    extra = holder[0]
    shared = sys.getrefcount(holder[0])
    del extra
    assert (alone, shared) == (2, 3)


def test_pandas_private_string_array_constructor_still_builds_the_same_array():
    import numpy as np
    import pandas as pd
    from pandas.arrays import StringArray

    values = np.array(["tea", "cup", None, "pot"], dtype=object)
    values[2] = pd.NA
    dtype = pd.StringDtype("python")
    built = StringArray._simple_new(values.copy(), dtype)
    assert isinstance(built, StringArray) and built.dtype == dtype
    assert built.equals(pd.array(values, dtype=dtype))


def test_xlsxwriter_still_has_the_row_writer_the_export_subclasses():
    from xlsxwriter.worksheet import Worksheet

    assert callable(getattr(Worksheet, "_write_rows", None)), PINNED["XlsxWriter"]


def test_multiprocessing_still_has_the_hooks_the_isolated_children_replace():
    # desktop/engine/processes.py spawn_context: children started with `python -I`, without the cwd
    from multiprocessing import spawn, util

    assert callable(getattr(util, "_args_from_interpreter_flags", None))
    assert callable(getattr(spawn, "get_preparation_data", None))
