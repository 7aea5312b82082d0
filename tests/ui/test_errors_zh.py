"""A bad file's sentence appears in the interface's language: Chinese in the Chinese window,
English in the English one (the analysis runs in a child process, so the Chinese text must
survive the trip back)."""

from __future__ import annotations

import re

import pytest

CJK = re.compile(r"[\u4e00-\u9fff]")


def _no_date_csv(tmp_path):
    path = tmp_path / "till_no_dates.csv"
    path.write_text("Member,Total\n" + "".join(f"M{i},{10 + i}.50\n" for i in range(20)), encoding="utf-8")
    return path


def _engine_error(path):
    """The InputError the engine raises for `path`, read here directly."""
    from desktop.engine.errors import InputError
    from desktop.engine.pipeline import AnalysisOptions, analyze

    with pytest.raises(InputError) as info:
        analyze(AnalysisOptions(paths=[path]))
    return info.value


@pytest.fixture
def chinese_window(qtbot, settings, qapp):
    """A main window in Chinese (English restored at the end)."""
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow

    assert install_language("zh_CN")
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    try:
        yield w
    finally:
        w.runner.cancel()
        assert w.runner.wait(10000)
        w.close()
        install_language("en")


def test_chinese_window_shows_the_chinese_sentence(chinese_window, qtbot, tmp_path):
    bad = _no_date_csv(tmp_path)
    expected = _engine_error(bad)
    assert expected.zh and CJK.search(expected.zh) and bad.name in expected.zh
    with qtbot.waitSignal(chinese_window.analysisFailed, timeout=30000) as blocker:
        chinese_window.load(chinese_window._request(str(bad), None, {}, None))
    assert blocker.args[0] == expected.zh
    assert chinese_window.error_banner.isVisible() and chinese_window.error_banner.text() == expected.zh


def test_english_window_shows_the_english_sentence(window, qtbot, tmp_path):
    bad = _no_date_csv(tmp_path)
    expected = _engine_error(bad)
    with qtbot.waitSignal(window.analysisFailed, timeout=30000) as blocker:
        window.load(window._request(str(bad), None, {}, None))
    assert blocker.args[0] == str(expected) and not CJK.search(blocker.args[0])
    assert window.error_banner.text() == str(expected)


def test_import_dialog_reports_an_empty_file_in_chinese(chinese_window, qtbot, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    expected = _engine_error(empty).zh
    assert expected and empty.name in expected
    dialog = chinese_window.open_file(str(empty))
    qtbot.waitUntil(lambda: dialog.status.text() == expected, timeout=30000)
    dialog.reject()


def test_task_failure_message_speaks_the_interface_language(qapp):
    from desktop.engine.errors import InputError
    from desktop.ui.crash import task_failure_message
    from desktop.ui.i18n import install_language

    exc = InputError("There are no customers to segment.", zh="没有可分组的客户。")
    install_language("en")
    assert task_failure_message(exc, "") == "There are no customers to segment."
    assert install_language("zh_CN")
    try:
        assert task_failure_message(exc, "") == "没有可分组的客户。"
    finally:
        install_language("en")
