"""The frozen build keeps what the Chinese interface needs (issue 18, item 6 and 9): Qt's own
qtbase_zh_CN.qm (file dialogs, standard buttons) and the help pages in resources/help."""

from __future__ import annotations

import ast
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "packaging" / "clientele.spec"


def spec_filter():
    """Return the spec's `wanted` function (with the constants it reads), without running PyInstaller."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    keep = [node for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name == "wanted"
            or isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("KEEP_QT_LANGUAGES", "SOURCE_SUFFIXES")
                                                    for t in node.targets)]
    namespace: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(SPEC), "exec"), namespace)  # noqa: S102
    return namespace["wanted"]


def test_the_bundle_keeps_qt_chinese_and_the_help_pages():
    wanted = spec_filter()
    assert wanted("PySide6/Qt/translations/qtbase_zh_CN.qm")
    assert not wanted("PySide6/Qt/translations/qtbase_de.qm")  # only the languages offered
    for page in sorted((Path(__file__).resolve().parents[2] / "resources" / "help").glob("*.html")):
        assert wanted(f"resources/help/{page.name}")
