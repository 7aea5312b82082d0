"""Help shipped with the app (no network): "Getting started" and "What do the groups mean?" in
English and Simplified Chinese, from resources/help/<topic>_<language>.html; the group tables are
built from the engine's own definitions of the 11- and 8-group models, so they always agree."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget)

from desktop.paths import resources_dir
from desktop.ui.i18n import current_language, tr

TOPICS = ("start", "groups")


def group_table(model: int, chinese: bool) -> str:
    """Return an HTML table of the groups of the 11- or 8-group model: name, who they are, what to do."""
    from desktop import texts
    from desktop.jobs.segments import rfm_segment_table as segment_table

    language = "zh" if chinese else "en"
    rows = []
    for key, colour in segment_table(model).items():
        name, profile, action = (texts.label(group, key, language)
                                 for group in ("segment_name", "segment_profile", "segment_action"))
        rows.append(f'<tr><td><span style="color:{colour}">■</span> <b>{escape(name)}</b></td>'
                    f"<td>{escape(profile)}</td>"
                    f"<td>{escape(action)}</td></tr>")
    titles = (tr("Group"), tr("Who they are"), tr("What to do"))
    head = "<tr>" + "".join(f"<th align='left'>{escape(t)}</th>" for t in titles) + "</tr>"
    return f'<table cellspacing="0" cellpadding="4" width="100%">{head}{"".join(rows)}</table>'


def help_html(topic: str, language: str | None = None) -> str:
    """Return the rich text of a help topic ('start' or 'groups') in `language` ('en' or 'zh_CN';
    default: the interface's)."""
    language = language or current_language()
    suffix = "zh_CN" if language == "zh_CN" else "en"
    text = (resources_dir() / "help" / f"{topic}_{suffix}.html").read_text(encoding="utf-8")
    if topic == "groups":
        chinese = suffix == "zh_CN"
        text = text.replace("{groups_11}", group_table(11, chinese)).replace("{groups_8}", group_table(8, chinese))
    return text


class HelpDialog(QDialog):
    """A help page in a text browser; links "help:<topic>" go to the other page."""

    def __init__(self, topic: str = "start", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(720, 600)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_topic(topic)

    def show_topic(self, topic: str) -> None:
        """Show `topic` ('start' or 'groups')."""
        self.topic = topic if topic in TOPICS else "start"
        self.setWindowTitle(tr("Getting started") if self.topic == "start" else tr("What do the groups mean?"))
        self.browser.setHtml(help_html(self.topic))

    def _link(self, url: QUrl) -> None:
        if url.scheme() == "help":
            self.show_topic(url.path())


class AboutDialog(QDialog):
    """What Clientele is, and the list of bundled software with its licences, visible at once (a
    QMessageBox hid it behind "Show Details…", so the list looked empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QLabel, QPlainTextEdit

        from desktop import __version__
        from desktop.licences import licences_text

        super().__init__(parent)
        self.setWindowTitle(tr("About Clientele"))
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        title = QLabel(f"Clientele {__version__}")
        title.setObjectName("startTitle")
        layout.addWidget(title)
        intro = QLabel(tr("Clientele %1: know your customers from your shop's own sales files, "
                          "offline.").replace("%1", __version__))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        heading = QLabel(tr("Bundled software and licences:"))
        heading.setObjectName("heading")
        layout.addWidget(heading)
        self.licences = QPlainTextEdit(licences_text())
        self.licences.setReadOnly(True)
        layout.addWidget(self.licences, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("OK"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
