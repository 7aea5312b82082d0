"""Help shipped with the app (issue 18, item 9): Getting started and What do the groups mean? in
English and Chinese from the Help menu, no network; About lists the bundled software visibly."""

from __future__ import annotations

import pytest


def help_actions(window):
    menu = window.menuBar().actions()[-1].menu()
    return {a.text(): a for a in menu.actions() if a.text()}


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_both_help_pages_open_from_the_help_menu_in_the_language(qtbot, settings, language):
    from desktop import texts
    from desktop.engine.segments.rfm import SEGMENTS_8, SEGMENTS_11
    from desktop.ui.i18n import install_language, tr
    from desktop.ui.main_window import MainWindow

    install_language(language)
    try:
        window = MainWindow(settings)
        qtbot.addWidget(window)
        actions = help_actions(window)
        actions[tr("&Getting started")].trigger()
        start = window.dialog
        assert start.isVisible() and start.topic == "start"
        text = start.browser.toPlainText()
        assert ("快速入门" in text) == (language == "zh_CN")
        assert ("Getting started" in text) == (language == "en")
        # the link at its end goes to the other page, inside the dialog (no browser, no network)
        from PySide6.QtCore import QUrl

        start.browser.anchorClicked.emit(QUrl("help:groups"))
        assert start.topic == "groups"
        actions[tr("What do the &groups mean?")].trigger()
        groups = window.dialog.browser.toPlainText()
        for key in [*SEGMENTS_11, *SEGMENTS_8]:
            assert texts.label("segment_name", key, "zh" if language == "zh_CN" else "en") in groups
        assert ("冠军客户" in groups) == (language == "zh_CN")
        for english_only in ("Bought recently, buy often and spend the most.", "Who they are"):
            assert (english_only in groups) == (language == "en")
        assert "{groups_" not in groups
        window.dialog.close()
        start.close()
    finally:
        install_language("en")


def test_about_shows_the_licences_without_a_hidden_details_button(window):
    from desktop.licences import bundled_licences

    dialog = window._about()
    assert dialog.isVisible()
    text = dialog.licences.toPlainText()
    lines = text.splitlines()
    assert len(lines) == len(bundled_licences()) >= 5
    assert any(line.startswith("pandas ") for line in lines)
    assert dialog.licences.isVisible()
    dialog.close()
