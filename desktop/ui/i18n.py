"""Translation of every visible string: one `tr()` for the whole app, English source text,
Simplified Chinese from resources/translations/clientele_zh_CN.qm.

All strings live in one (empty) translation context so that `pyside6-lupdate` finds every bare
`tr("...")` call; see resources/translations/update.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

LANGUAGES = ("en", "zh_CN")

_translators: list[QTranslator] = []  # kept referenced: Qt does not own installed translators
_current = "en"


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Return `text` translated to the current language; `%n` in the text becomes `n`."""
    return QCoreApplication.translate("", text, disambiguation, n)


def system_language() -> str:
    """Return 'zh_CN' when the system language is Chinese, otherwise 'en'."""
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def resolve_language(setting: str | None) -> str:
    """Turn a language setting ('system', 'en', 'zh_CN' or None) into a language code."""
    return setting if setting in LANGUAGES else system_language()


def install_language(language: str) -> bool:
    """Install the translator for `language` on the running application; return True when the
    translation file was found (English needs none)."""
    global _current
    for old in _translators:
        QCoreApplication.removeTranslator(old)
    _translators.clear()
    _current = language if language in LANGUAGES else "en"
    if _current == "en":
        return True
    translator = QTranslator()
    if not translator.load(str(resources_dir() / "translations" / f"clientele_{_current}.qm")):
        _current = "en"
        return False
    QCoreApplication.installTranslator(translator)
    _translators.append(translator)
    qt = QTranslator()  # Qt's own words: file dialogs, Yes/No, OK/Cancel, Show Details…
    if any(qt.load(f"qtbase_{_current}", str(folder)) for folder in qt_translation_folders()):
        QCoreApplication.installTranslator(qt)
        _translators.append(qt)
    gaps = QtGaps()  # installed last: asked first
    QCoreApplication.installTranslator(gaps)
    _translators.append(gaps)
    return True


# Words of Qt's file dialog that its own qtbase_zh_CN.qm lacks (Qt changed the source text since)
QT_GAPS_ZH = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
}


class QtGaps(QTranslator):
    """Chinese for the few Qt words in QT_GAPS_ZH; nothing else (Qt then asks the other translators)."""

    def isEmpty(self) -> bool:  # Qt API
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt API
        return QT_GAPS_ZH.get((context, source))  # None: not this translator's word


def qt_translation_folders() -> list[Path]:
    """Return where Qt's own translations (qtbase_zh_CN.qm) may be: Qt's translations folder, and
    PySide6/Qt/translations beside the PySide6 package (where the frozen build keeps them)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    return [f for i, f in enumerate(folders) if str(f) and f not in folders[:i]]


def current_language() -> str:
    """Return the language code in use: 'en' or 'zh_CN'."""
    return _current


def is_chinese() -> bool:
    """Return True when the interface is in Chinese (engine texts then use their *_zh columns)."""
    return _current == "zh_CN"


def texts_language() -> str:
    """Return the interface's language as the message catalogue (desktop.texts) names it."""
    return "zh" if is_chinese() else "en"
