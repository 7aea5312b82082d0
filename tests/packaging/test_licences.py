"""desktop/licences.py: licences of the shipped libraries, from their metadata."""

from __future__ import annotations

from email.message import Message
from importlib import metadata
from pathlib import Path

from desktop import licences


def test_every_runtime_dependency_is_listed_with_its_licence() -> None:
    items = licences.bundled_licences()
    by_name = {licences._normalise(item.name): item for item in items}
    for requirement in licences._root_requirements():
        name = licences._normalise(requirement)
        assert name in by_name, f"{requirement} is not listed"
        dist = metadata.distribution(requirement)
        assert by_name[name].version == dist.version
        assert by_name[name].licence
    pandas = by_name["pandas"]
    expected = metadata.distribution("pandas").metadata.get("License-Expression")
    if expected:
        assert pandas.licence == expected
    # dependencies of dependencies too (numpy comes with pandas), each once, sorted by name
    assert "numpy" in by_name
    assert len(by_name) == len(items)
    assert [i.name.lower() for i in items] == sorted(i.name.lower() for i in items)


def test_the_font_and_python_are_listed() -> None:
    items = {item.name: item for item in licences.bundled_licences()}
    font = next(item for name, item in items.items() if "WenQuanYi" in name)
    assert font.licence == "Apache-2.0"
    assert Path(font.file).is_file()
    assert "Python" in items


def test_licence_files_exist_where_given() -> None:
    for item in licences.bundled_licences():
        if item.file:
            assert Path(item.file).is_file(), item


def test_licence_name_prefers_short_declarations() -> None:
    meta = Message()
    meta["License"] = "Copyright (c) 2001 Someone\nAll rights reserved.\nRedistribution ..."
    meta["Classifier"] = "License :: OSI Approved :: BSD License"
    assert licences._licence_name(meta) == "BSD License"
    meta = Message()
    meta["License-Expression"] = "MIT OR Apache-2.0"
    meta["License"] = "MIT"
    assert licences._licence_name(meta) == "MIT OR Apache-2.0"
    assert licences._licence_name(Message()) == "see the project's licence"


def test_markers_rule_out_other_pythons() -> None:
    assert licences._marker_holds("") is True
    try:
        import packaging.markers  # noqa: F401
    except ImportError:
        return
    assert licences._marker_holds('python_version < "3.0"') is False
    assert licences._marker_holds('python_version >= "3.0"') is True


def test_text_has_one_line_per_component() -> None:
    text = licences.licences_text()
    assert len(text.splitlines()) == len(licences.bundled_licences())
    assert any(line.startswith("pandas ") for line in text.splitlines())
