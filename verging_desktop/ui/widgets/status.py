"""The permanent part of the status bar: account, live balance, each other provider's line
(Vimmerse: what it charged this month, or a quiet "add a key"), connection state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

STATE_COLORS = {
    "connecting": "#9aa0a6",
    "live": "#1e8e3e",
    "sandbox": "#d08b00",
    "offline": "#80868b",
    "key_problem": "#d93025",
    "no_key": "#80868b",
}


#: the look of a provider's line: its figures, a quiet link to add a key, a key problem
PROVIDER_STYLES = {"info": "", "link": "color: #1a73e8;", "error": "color: #d93025;"}


class StatusPanel(QWidget):
    """Signals:
        accountClicked(): open the account view.
        fixKeyClicked(): open the API keys dialog.
        providerClicked(str): a provider's line was clicked (its id).
    """

    accountClicked = Signal()
    fixKeyClicked = Signal()
    providerClicked = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.setSpacing(14)
        self.account = QToolButton()
        self.account.setObjectName("statusAccount")
        self.account.setAutoRaise(True)
        self.account.setText(self.tr("Not signed in"))
        self.account.setToolTip(self.tr("Account and usage (Ctrl+Shift+A)"))
        self.account.clicked.connect(self.accountClicked)
        self.balance = QLabel("–")
        self.balance.setObjectName("statusBalance")
        self.balance.setToolTip(self.tr("Your balance; refreshed after every paid action and every few minutes"))
        self.state = QLabel()
        self.state.setObjectName("statusState")
        self.fix_key = QPushButton(self.tr("Fix key…"))
        self.fix_key.setObjectName("statusFixKey")
        self.fix_key.setFlat(True)
        self.fix_key.setVisible(False)
        self.fix_key.clicked.connect(self.fixKeyClicked)
        #: the other providers' lines, by provider id (made on first use, before the state)
        self.providers: dict[str, QToolButton] = {}
        self._layout = lay
        lay.addWidget(self.account)
        lay.addWidget(self.balance)
        lay.addWidget(self.state)
        lay.addWidget(self.fix_key)
        self.state_key = ""
        self.set_state("connecting", self.tr("Connecting…"))

    def set_state(self, key: str, label: str, tooltip: str = "") -> None:
        """Show the connection state; ``tooltip`` says more (where the sandbox or the server is)."""
        self.state_key = key
        color = STATE_COLORS.get(key, "#80868b")
        self.state.setText(f"<span style='color:{color}'>●</span> {label}")
        self.state.setProperty("stateKey", key)
        self.state.setToolTip(tooltip)
        self.fix_key.setVisible(key == "key_problem")

    @property
    def state_text(self) -> str:
        t = self.state.text()
        return t.split("</span>", 1)[-1].strip()

    def set_account(self, email: str | None) -> None:
        self.account.setText(email or self.tr("Not signed in"))

    def set_provider(self, provider_id: str, text: str | None, tooltip: str = "", kind: str = "info") -> None:
        """Show ``provider_id``'s line (``text``; None hides it). ``kind``: "info" (figures),
        "link" (a quiet invitation: add a key) or "error" (a key problem)."""
        b = self.providers.get(provider_id)
        if b is None:
            if text is None:
                return
            b = QToolButton()
            b.setObjectName(f"status_{provider_id}")
            b.setAutoRaise(True)
            b.clicked.connect(lambda: self.providerClicked.emit(provider_id))
            self._layout.insertWidget(self._layout.indexOf(self.state), b)
            self.providers[provider_id] = b
        b.setVisible(text is not None)
        b.setText(text or "")
        b.setToolTip(tooltip)
        b.setStyleSheet(PROVIDER_STYLES.get(kind, ""))
        b.setProperty("kind", kind)

    def provider_text(self, provider_id: str) -> str | None:
        """The text of ``provider_id``'s line, None when it is not shown."""
        b = self.providers.get(provider_id)
        return b.text() if b is not None and not b.isHidden() else None

    def set_balance(self, text: str, tooltip: str | None = None) -> None:
        self.balance.setText(text)
        if tooltip:
            self.balance.setToolTip(tooltip)
