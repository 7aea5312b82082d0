"""Settings: analysis date, currency symbol (offered when the language changes), language, segment
model, reopening the last file."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout,
                               QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from desktop.ui.i18n import current_language, resolve_language, tr
from desktop.ui.settings import Settings
from desktop.ui.widgets import wrapped_label


def rfm_model_names() -> dict[int, str]:
    """Return the segment models by number, named for the shop owner."""
    return {11: tr("11 named groups (Champions, At risk, …)"),
            8: tr("8 classic groups of Chinese CRM software (重要价值客户 …)")}


class SettingsDialog(QDialog):
    """Edits a Settings object; `apply()` writes the choices and says what changed."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, last_date=None) -> None:
        """`last_date`: the last date of the data open (default: that of `parent.data`, when any),
        shown as the analysis date while "Use the last date in the data" is ticked."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()

        date_row = QHBoxLayout()
        self.auto_date = QCheckBox(tr("Use the last date in the data"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        as_of = settings.as_of
        self.auto_date.setChecked(as_of is None)
        if last_date is None:
            last_date = getattr(getattr(getattr(parent, "data", None), "figures", None), "last_date", None)
        if as_of:
            shown = QDate.fromString(as_of, "yyyy-MM-dd")
        elif last_date is not None and last_date == last_date:  # not NaT
            shown = QDate(last_date.year, last_date.month, last_date.day)
        else:
            shown = QDate.currentDate()
        self.date.setDate(shown)
        self.date.setEnabled(as_of is not None)
        self.auto_date.toggled.connect(lambda on: self.date.setEnabled(not on))
        date_row.addWidget(self.auto_date)
        date_row.addWidget(self.date)
        form.addRow(tr("Analysis date"), date_row)

        self.currency = QLineEdit(settings.currency)
        self.currency.setMaxLength(4)
        self.currency.setMaximumWidth(80)
        form.addRow(tr("Currency symbol"), self.currency)

        self.language = QComboBox()
        self.language.addItem(tr("Same as the computer"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(tr("Language"), self.language)
        # the currency is the shop's: offered (never switched silently) when the language changes
        self.currency_offer = QWidget()
        offer_row = self.offer_row = QHBoxLayout(self.currency_offer)
        offer_row.setContentsMargins(0, 0, 0, 0)
        self.offer_text = wrapped_label()
        offer_row.addWidget(self.offer_text, 1)
        self.offer_buttons: list[QPushButton] = []
        self.currency_offer.hide()
        form.addRow("", self.currency_offer)
        self.language.currentIndexChanged.connect(self._language_changed)

        self.model = QComboBox()
        names = rfm_model_names()
        # Chinese shop owners know the 8-class model from their CRM software: offer it first
        order = [8, 11] if current_language() == "zh_CN" else [11, 8]
        for number in order:
            self.model.addItem(names[number], number)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.rfm_model(current_language()))))
        form.addRow(tr("Customer groups"), self.model)
        layout.addLayout(form)
        self.reopen = QCheckBox(tr("Open the last file again when Clientele starts"))
        self.reopen.setChecked(settings.reopen_last)
        layout.addWidget(self.reopen)
        self.note = wrapped_label(tr("After OK, Clientele offers to show itself in the new language at once."))
        self.note.hide()
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _language_changed(self) -> None:
        language = resolve_language(self.language.currentData())
        self.note.setVisible(language != current_language())
        for button in self.offer_buttons:
            button.deleteLater()
        self.offer_buttons = []
        current = self.currency.text().strip()
        if language == current_language():
            self.currency_offer.hide()
            return
        if language == "zh_CN":
            choices = [] if current in ("¥", "￥", "CN¥", "元", "RMB") else ["¥"]
            text = tr("Chinese shops usually count in yuan. Use ¥ as your shop's currency?")
        else:
            choices = [c for c in ("$", "€", "£") if c != current]
            text = tr("Which currency does your shop use?")
        if not choices:
            self.currency_offer.hide()
            return
        self.offer_text.setText(text)
        row = self.offer_row
        for symbol in choices:
            button = QPushButton(tr("Use %1").replace("%1", symbol))
            button.clicked.connect(lambda _c=False, s=symbol: self._use_currency(s))
            row.addWidget(button)
            self.offer_buttons.append(button)
        keep = QPushButton(tr("Keep %1").replace("%1", current) if current else tr("Keep it"))
        keep.clicked.connect(self.currency_offer.hide)
        row.addWidget(keep)
        self.offer_buttons.append(keep)
        self.currency_offer.show()

    def _use_currency(self, symbol: str) -> None:
        self.currency.setText(symbol)
        self.currency_offer.hide()

    def apply(self) -> set[str]:
        """Store the choices; return the names of what changed ('as_of', 'currency', 'language',
        'rfm_model')."""
        s = self.settings
        changed = set()
        as_of = None if self.auto_date.isChecked() else self.date.date().toString("yyyy-MM-dd")
        if as_of != s.as_of:
            s.as_of = as_of
            changed.add("as_of")
        currency = self.currency.text().strip()
        if currency != s.currency:
            s.currency = currency
            changed.add("currency")
        if self.language.currentData() != s.language:
            s.language = self.language.currentData()
            changed.add("language")
        model = int(self.model.currentData())
        if model != s.rfm_model(current_language()):
            s.set_rfm_model(model)
            changed.add("rfm_model")
        if self.reopen.isChecked() != s.reopen_last:
            s.reopen_last = self.reopen.isChecked()
            changed.add("reopen_last")
        s.sync()
        return changed
