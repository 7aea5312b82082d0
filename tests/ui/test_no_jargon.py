"""The main views speak the shop owner's words (issue 18, item 7): method names, measures and model
settings stay behind each view's "How was this computed?" link. Every view of the demo shop is shown,
in English and in Chinese, and the texts a user sees without opening that link are read: labels,
buttons, tab titles, combo box items, table headings."""

import re

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QTabWidget, QWidget)

from desktop.ui.screenshots import render
from desktop.ui.widgets import HowComputed

# Words of an analyst, in both languages (matched case-insensitively; a pattern is a regular expression)
JARGON = [r"k-means", r"k-均值", r"HDBSCAN", r"BG/NBD", r"Gamma-Gamma", r"silhouette", r"轮廓系数",
          r"Rand index", r"兰德指数", r"log-transform", r"取了对数", r"standardi[sz]ed", r"标准化", r"\bAUC\b",
          r"\bR[1-5]\b", r"\bF[1-5]\b", r"Count time in", r"discount rate", r"折现率", r"Gaussian", r"高斯",
          r"varimax", r"factor analysis", r"因子分析", r"\bRFM\b", r"\bALS\b", r"kNN", r"NDCG", r"\bSVD\b"]


def _hidden_behind_link(widget: QWidget) -> bool:
    """True when `widget` is inside the folded part of a "How was this computed?" widget."""
    parent = widget
    while parent is not None:
        if isinstance(parent, HowComputed):
            return widget is not parent.toggle and not parent.toggle.isChecked()
        parent = parent.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[str]:
    """Return the texts of `root` a user sees: labels (tags removed), buttons, tabs, combo items,
    group titles, placeholders and table headings of visible widgets outside "How was this computed?"."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or _hidden_behind_link(widget):
            continue
        if isinstance(widget, QLabel):
            texts.append(re.sub(r"<[^>]+>", " ", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            # a list (the filter builder's saved lists) has no column headings to read
            columns = 0 if isinstance(model, QAbstractListModel) else model.columnCount()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    return [t for t in texts if t]


def jargon_in(texts: list[str]) -> list[tuple[str, str]]:
    return [(pattern, text) for text in texts for pattern in JARGON if re.search(pattern, text, re.IGNORECASE)]


def test_the_scan_finds_jargon_and_skips_what_is_behind_the_link(qapp):
    page = QWidget()
    QLabel("Method: BG/NBD", page)
    how = HowComputed(page)
    how.set_text("Separation is the mean silhouette score")
    page.show()
    assert [p for p, _ in jargon_in(visible_texts(page))] == [r"BG/NBD"]
    how.toggle.setChecked(True)  # opened: the analyst's words are there
    assert r"silhouette" in [p for p, _ in jargon_in(visible_texts(page))]
    page.close()


@pytest.mark.slow
def test_no_view_shows_jargon_in_english_or_chinese(qapp, tmp_path):
    found: dict[tuple[str, str], list] = {}
    links: dict[tuple[str, str], bool] = {}

    def inspect(language, key, window):
        view = window.views[key]
        texts = visible_texts(view)
        for tabs in view.findChildren(QTabWidget):  # every page of the view's tabs, not only the first
            shown = tabs.currentIndex()
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                qapp.processEvents()
                texts += visible_texts(tabs.widget(i))
            tabs.setCurrentIndex(shown)
        found[(language, key)] = jargon_in(texts)
        links[(language, key)] = bool(view.findChildren(HowComputed))

    render(tmp_path, size=(1366, 740), inspect=inspect)
    assert {lang for lang, _ in found} == {"en", "zh_CN"}
    assert {k: v for k, v in found.items() if v} == {}
    # the views that compute something say how, behind the link
    for language in ("en", "zh_CN"):
        assert links[(language, "groups")] and links[(language, "predictions")]
