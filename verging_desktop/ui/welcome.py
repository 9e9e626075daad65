"""First run, no key anywhere: add a key, or try the sandbox."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class _Choice(QFrame):
    def __init__(self, title: str, text: str, button: QPushButton) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(300)
        self.setMaximumWidth(380)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 16, 18, 16)
        t = QLabel(title)
        f = t.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.25)
        t.setFont(f)
        body = QLabel(text)
        body.setWordWrap(True)
        lay.addWidget(t)
        lay.addWidget(body, 1)
        lay.addSpacing(8)
        lay.addWidget(button)


class WelcomePage(QWidget):
    """Signals:
        addKeyRequested(): the user chose "Add API key".
        sandboxRequested(): the user chose "Try the sandbox".
    """

    addKeyRequested = Signal()
    sandboxRequested = Signal()

    def __init__(self, keyring_problem: str | None = None) -> None:
        """``keyring_problem``: why no OS keyring can be used here (None: it can); the key card
        then says the key is kept for this session only, as the keys dialog does."""
        super().__init__()
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("Welcome to Verging Desktop"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 2.0)
        f.setBold(True)
        title.setFont(f)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub = QLabel(self.tr("Swap faces in videos, enhance clips, remove backgrounds, generate images, chat, and "
                             "turn speech into text and back, with the Verging AI cloud. You see what each job costs "
                             "before you run it."))
        sub.setWordWrap(True)
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setMinimumWidth(620)
        sub.setMaximumWidth(700)

        self.add_key = QPushButton(self.tr("Add API key"))
        self.add_key.setObjectName("welcomeAddKey")
        self.add_key.setDefault(True)
        self.add_key.setMinimumHeight(34)
        self.add_key.clicked.connect(self.addKeyRequested)
        self.sandbox = QPushButton(self.tr("Try the sandbox"))
        self.sandbox.setObjectName("welcomeSandbox")
        self.sandbox.setMinimumHeight(34)
        self.sandbox.clicked.connect(self.sandboxRequested)

        key_card = _Choice(
            self.tr("I have an API key"),
            self.tr("Create a key on verging.ai (your avatar → API Keys) and paste it here. It is checked with the "
                    "server and kept in your system's keyring, never in a file.") if not keyring_problem else
            self.tr("Create a key on verging.ai (your avatar → API Keys) and paste it here. It is checked with the "
                    "server and, as no system keyring is available here, kept in memory for this session only, "
                    "never in a file."),
            self.add_key,
        )
        sb_card = _Choice(
            self.tr("Just looking"),
            self.tr("Try every tool against a local simulator: no account, no credits, nothing is charged. Results "
                    "are simulated, so they only show how the app works."),
            self.sandbox,
        )
        cards = QHBoxLayout()
        cards.addStretch(1)
        cards.addWidget(key_card)
        cards.addSpacing(16)
        cards.addWidget(sb_card)
        cards.addStretch(1)

        self.status = QLabel("")
        self.status.setObjectName("welcomeStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.addStretch(2)
        lay.addWidget(title)
        lay.addSpacing(6)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(sub)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addSpacing(24)
        lay.addLayout(cards)
        lay.addSpacing(12)
        lay.addWidget(self.status)
        lay.addStretch(3)

    def set_busy(self, text: str) -> None:
        self.status.setText(text)
        self.add_key.setEnabled(not text)
        self.sandbox.setEnabled(not text)
