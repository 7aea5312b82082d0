"""The import report: rows read and used, rows set aside by reason with the first examples."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from desktop.ui import formatting as fmt
from desktop.ui.i18n import is_chinese, tr


def reason_label(reason: str) -> str:
    """Return a set-aside reason in the UI language."""
    from desktop.texts import label

    return label("set_aside", reason, "zh" if is_chinese() else "en")


def summary_text(report) -> str:
    """Return 'Read 12,000 rows; used 11,950; set aside 50.'"""
    aside = sum(report.set_aside.values())
    return (tr("Read %1 rows; used %2; set aside %3.").replace("%1", fmt.integer(report.rows_read))
            .replace("%2", fmt.integer(report.rows_used)).replace("%3", fmt.integer(aside)))


class ReportDialog(QDialog):
    """Shows a desktop.engine.cleaning.CleaningReport."""

    def __init__(self, report, parent: QWidget | None = None, warnings: list | None = None) -> None:
        """`warnings`: every warning of the analysis (reading, cleaning and the checks of implausible
        figures); the report's own when not given."""
        super().__init__(parent)
        self.setWindowTitle(tr("Import report"))
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary_text(report))
        self.summary.setObjectName("heading")
        layout.addWidget(self.summary)
        if getattr(report, "returns", 0):
            layout.addWidget(QLabel(tr("%n return or cancellation lines were subtracted from spend.", "",
                                       int(report.returns))))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([tr("Set aside because"), tr("Rows"), tr("Where")])
        for reason, count in report.set_aside.items():
            item = QTreeWidgetItem([reason_label(reason), fmt.integer(count), ""])
            for ex in report.examples.get(reason, []):
                where = (f"{ex.file}" + (f" / {ex.sheet}" if ex.sheet else "") + " · "
                         + tr("row %1").replace("%1", str(ex.row)))
                QTreeWidgetItem(item, [ex.text, "", where])
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 360)
        if report.set_aside:
            layout.addWidget(self.tree, 1)
        else:
            layout.addWidget(QLabel(tr("Every row was used.")))
        language = "zh" if is_chinese() else "en"
        warnings = [w.text(language) for w in (report.warnings if warnings is None else warnings)]
        notes = [n.text(language) if hasattr(n, "text") else str(n) for n in report.notes]
        for heading, texts in ((tr("Warnings"), warnings), (tr("Notes"), notes)):
            if texts:
                label = QLabel(f"<b>{heading}</b><br>" + "<br>".join(_esc(t) for t in texts))
                label.setWordWrap(True)
                layout.addWidget(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Close"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _esc(text: object) -> str:
    from html import escape

    return escape(str(text))
