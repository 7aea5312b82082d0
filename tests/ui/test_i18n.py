"""Every visible string has a Simplified Chinese translation, and the compiled .qm matches."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.paths import resources_dir

TS = resources_dir() / "translations" / "clientele_zh_CN.ts"
ROOT = Path(__file__).resolve().parents[2]


def _sources(ts: Path) -> set[str]:
    return {m.findtext("source") for m in ET.parse(ts).getroot().iter("message")}


def test_every_string_in_the_ts_is_translated():
    untranslated = []
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        forms = [f.text for f in translation.findall("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            untranslated.append(message.findtext("source"))
    assert untranslated == []


def test_the_ts_holds_every_tr_string_of_the_code(tmp_path):
    sys.path.insert(0, str(ROOT / "resources" / "translations"))
    try:
        import update
    finally:
        sys.path.pop(0)
    fresh = tmp_path / "fresh.ts"
    update.lupdate(fresh)
    missing = _sources(fresh) - _sources(TS)
    assert missing == set(), "run resources/translations/update.py and translate: " + repr(sorted(missing))


def test_chinese_translation_loads_and_translates(qapp):
    from desktop.ui.i18n import current_language, install_language, tr

    try:
        assert install_language("zh_CN")
        assert current_language() == "zh_CN"
        assert tr("Customers") == "客户"
        assert tr("%n customers", "", 3) == "3 位客户"
        assert tr("This is a sample shop — open your own file") != "This is a sample shop — open your own file"
    finally:
        install_language("en")
    assert tr("Customers") == "Customers"


def test_qm_is_up_to_date_with_the_ts():
    qm = TS.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_size > 1000
    assert qm.stat().st_mtime >= TS.stat().st_mtime - 1


def test_qt_own_words_are_chinese_in_the_chinese_interface(qapp):
    """File dialogs, standard buttons and message boxes use Qt's own words: its qtbase_zh_CN.qm is
    loaded with the app's translation."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from desktop.ui.i18n import install_language, qt_translation_folders, tr

    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in qt_translation_folders())
    try:
        install_language("zh_CN")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert "是" in box.button(QDialogButtonBox.StandardButton.Yes).text()
        question = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.No)
        assert "否" in question.button(QMessageBox.StandardButton.No).text()
        assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"
        # words Qt's own Chinese lacks are filled in, and the rest still comes from Qt and the app
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "文件夹"
        assert tr("Customers") == "客户"
    finally:
        install_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def _tr_texts_in_code() -> dict[str, str]:
    """Return every literal first argument of a tr(...) call in desktop/ui (as Python parses it, so
    also inside f-strings, where pyside6-lupdate does not look), with the file it is in."""
    import ast

    found = {}
    for path in sorted((ROOT / "desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, str(path.relative_to(ROOT)))
    return found


def test_no_tr_string_escapes_the_translation_file():
    """A tr("...") inside an f-string is invisible to lupdate, so the Chinese window showed its English
    ("What to do:", "Method:"): every tr text the code holds must be in the .ts."""
    code = _tr_texts_in_code()
    assert len(code) > 300
    missing = {text: where for text, where in code.items() if text not in _sources(TS)}
    assert missing == {}
