"""Switching the language (issue 18, item 6): the currency is offered as the shop's setting (a
question, never switched silently), and "Restart now" shows the same analysis in the new language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def offered(dialog) -> list[str]:
    return [b.text() for b in dialog.offer_buttons] if dialog.currency_offer.isVisibleTo(dialog) else []


def test_choosing_chinese_offers_yuan_and_english_offers_dollar_euro_pound(qtbot, settings, english):
    from desktop.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert offered(dialog) == []  # nothing asked before the language changes
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert offered(dialog) == ["Use ¥", "Keep $"]
    assert dialog.currency.text() == "$"  # a question, not switched silently
    assert dialog.note.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.offer_buttons[0], Qt.MouseButton.LeftButton)
    assert dialog.currency.text() == "¥" and offered(dialog) == []
    assert dialog.apply() >= {"language", "currency"}
    assert settings.currency == "¥" and settings.language == "zh_CN"

    again = SettingsDialog(settings)  # still in English: choosing English back offers the others
    qtbot.addWidget(again)
    again.language.setCurrentIndex(again.language.findData("zh_CN"))
    assert offered(again) == []  # ¥ already
    again.language.setCurrentIndex(again.language.findData("en"))
    assert offered(again) == []  # English is the language in use: nothing to ask
    from desktop.ui.i18n import install_language

    install_language("zh_CN")
    try:
        chinese = SettingsDialog(settings)
        qtbot.addWidget(chinese)
        chinese.language.setCurrentIndex(chinese.language.findData("en"))
        texts = offered(chinese)
        assert [t[-1] for t in texts] == ["$", "€", "£", "¥"]  # three offers and "keep ¥"
        chinese.offer_buttons[-1].click()  # keep ¥
        assert chinese.currency.text() == "¥" and offered(chinese) == []
    finally:
        install_language("en")


def test_restart_now_shows_the_same_analysis_in_chinese(qtbot, settings, english, monkeypatch):
    import shiboken6

    from desktop.ui import app
    from desktop.ui.i18n import current_language, install_language
    from desktop.ui.main_window import MainWindow

    old = MainWindow(settings)  # not handed to qtbot: the restart deletes it
    old.show()
    with qtbot.waitSignal(old.analysisReady, timeout=60000):
        old.open_demo()
    customers = len(old.data.customers)
    try:
        dialog = old.open_settings()
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.accept()
        question = old.dialog
        assert isinstance(question, QMessageBox)
        assert old.restart_button.text() == "Restart now"
        built = []
        # as desktop.ui.app.start connects it (the window does not import the app module)
        old.restartRequested.connect(lambda: built.append(app.rebuild_window(old)))
        qtbot.mouseClick(old.restart_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(built), timeout=10000)
        new = built[0]
        qtbot.addWidget(new)
        with qtbot.waitSignal(new.analysisReady, timeout=60000):
            pass
        assert current_language() == "zh_CN"
        assert new.menuBar().actions()[0].text() == "文件(&F)"
        assert len(new.data.customers) == customers
        assert new.request.demo and new.demo_banner.isVisible()
        assert not new.start_page.is_showing()
        assert list(new.data.segments["label"]) == list(new.data.segments["name_zh"])  # prepared in Chinese
        qtbot.waitUntil(lambda: not shiboken6.isValid(old))  # the old window is gone, with its data
        new.runner.cancel()
        new.runner.wait(10000)
        new.close()
    finally:
        install_language("en")


def test_later_keeps_the_window_and_says_when(qtbot, window):
    box = window.offer_restart()
    later = next(b for b in box.buttons() if b is not window.restart_button)
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert "next time" in window.status.text()
    assert window.isVisible()
