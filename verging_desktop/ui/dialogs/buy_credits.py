"""Buy credits: every "Buy credits" button and link goes through :func:`buy_credits`.

Credits are bought on the website. The browser is asked to open the page; a small window then
always shows the address, selectable and with a Copy button, because a desktop without a browser
(or whose opener starts nothing) would otherwise show no sign that anything happened.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.settings import BUY_CREDITS_URL

OpenUrl = Callable[[QUrl], Any]


class BuyCreditsDialog(QDialog):
    """The address of the page where credits are bought, to copy (non-modal)."""

    def __init__(self, opened: bool, url: str = BUY_CREDITS_URL, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buyCreditsDialog")
        self.setWindowTitle(self.tr("Buy credits"))
        self.url = url
        if opened:
            text = self.tr("Credits are bought on verging.ai. The page is opening in your web browser; if no "
                           "browser window appeared, copy this address into one:")
        else:
            text = self.tr("No web browser could be opened from here. Credits are bought on verging.ai: copy this "
                           "address into a browser:")
        self.message = QLabel(text)
        self.message.setObjectName("buyCreditsMessage")
        self.message.setWordWrap(True)
        self.address = QLineEdit(url)
        self.address.setObjectName("buyCreditsUrl")
        self.address.setReadOnly(True)
        self.address.setMinimumWidth(self.address.fontMetrics().horizontalAdvance(url) + 24)
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.setObjectName("copyBuyCreditsUrl")
        self.copy.setToolTip(self.tr("Copy the address to the clipboard"))
        self.copy.clicked.connect(self.copy_url)
        self.copied = QLabel("")
        self.copied.setObjectName("buyCreditsCopied")
        row = QHBoxLayout()
        row.addWidget(self.address, 1)
        row.addWidget(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addLayout(row)
        lay.addWidget(self.copied)
        lay.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(460)

    def copy_url(self) -> None:
        QGuiApplication.clipboard().setText(self.url)
        self.copied.setText(self.tr("Copied. Paste it into your browser's address bar."))
        self.address.selectAll()


def buy_credits(parent: QWidget | None = None, open_url: OpenUrl | None = None) -> BuyCreditsDialog:
    """Ask the browser to open the page to buy credits, and show its address to copy.

    ``open_url`` (default :meth:`QDesktopServices.openUrl`) answers whether a browser was started.
    Returns the (non-modal) window showing the address.
    """
    opener = open_url or QDesktopServices.openUrl
    try:
        opened = opener(QUrl(BUY_CREDITS_URL)) is not False
    except Exception:  # a broken opener must not hide the address
        opened = False
    # one window per parent: a second click brings it back instead of stacking copies
    old = parent.findChild(BuyCreditsDialog, "buyCreditsDialog") if parent is not None else None
    if old is not None:
        old.close()
    dlg = BuyCreditsDialog(opened, BUY_CREDITS_URL, parent)
    dlg.show()
    dlg.raise_()
    dlg.address.setFocus()
    dlg.address.selectAll()
    return dlg
