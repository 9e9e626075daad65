"""The sandbox banner: nothing is charged, results are simulated."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

BANNER_BG = "#fff4d6"
BANNER_FG = "#5a4300"


class SandboxBanner(QFrame):
    """Signals:
        leaveRequested(): the user clicked "Leave sandbox".
    """

    leaveRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sandboxBanner")
        # a palette, not a style sheet: cheaper, and this is on screen in the first frame
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(BANNER_BG))
        pal.setColor(QPalette.ColorRole.WindowText, QColor(BANNER_FG))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel(self.tr(
            "<b>Sandbox mode</b> — nothing is charged and every result is simulated by a local server. "
            "Balances and usage here are not your real account."
        ))
        self.label.setObjectName("sandboxBannerText")
        self.label.setWordWrap(True)
        self.leave = QPushButton(self.tr("Leave sandbox"))
        self.leave.setObjectName("leaveSandbox")
        self.leave.clicked.connect(self.leaveRequested)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.leave)
