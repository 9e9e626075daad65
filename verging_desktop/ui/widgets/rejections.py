"""One compact, dismissible notice for the files a drop zone refused.

However many files were refused, the notice takes one line ("3 files not added  Details ▸  ×");
"Details" opens a short scrolling list with each file's reason (the file name elided in the
middle, the full name and reason on hover). Nothing in it is uploaded or charged. "×" dismisses
the notice (and emits :attr:`RejectionList.dismissed`, so the tab forgets those files: dropping
one again checks it again); a new refusal shows it again.

Signals:
    dismissed(): the user closed the notice.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..colors import error_color

#: the details list shows at most this many rows before it scrolls
MAX_ROWS = 5


def _wrap(text: str, fm: QFontMetrics, width: int) -> str:
    """``text`` broken into lines of at most ``width`` pixels, at spaces (a reason is read whole,
    never cut at the row's end)."""
    lines: list[str] = []
    cur = ""
    for word in text.split(" "):
        cand = f"{cur} {word}" if cur else word
        if cur and fm.horizontalAdvance(cand) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    lines.append(cur)
    return "\n".join(lines)


def _files(n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    from ..plural import plural

    return plural(QCoreApplication.translate("RejectionList", "%n file(s)", None, n), n)


#: the verbs the tools pass (translated where shown; another verb is shown as it is)
VERBS = (QT_TRANSLATE_NOOP("RejectionList", "not added"), QT_TRANSLATE_NOOP("RejectionList", "not sent"))


class RejectionList(QFrame):
    """``set_items([(name, reason), ...])``; see the module docstring."""

    dismissed = Signal()

    def __init__(self, verb: str = "not added", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejections")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.verb = verb
        self._items: list[tuple[str, str]] = []
        self._seen: list[tuple[str, str]] = []
        self.summary = QLabel()
        self.summary.setObjectName("rejectionSummary")
        self.summary.setStyleSheet(f"color: {error_color()};")
        self.summary.setToolTip(self.tr("Nothing is uploaded or charged for these files."))
        self.toggle = QToolButton()
        self.toggle.setObjectName("rejectionDetails")
        self.toggle.setAutoRaise(True)
        self.toggle.setCheckable(True)
        self.toggle.setText(self.tr("Details ▸"))
        self.toggle.setToolTip(self.tr("Show why each file was not added"))
        self.toggle.toggled.connect(self._toggled)
        self.close_button = QToolButton()
        self.close_button.setObjectName("rejectionDismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Dismiss (drop a file again to check it again)"))
        self.close_button.clicked.connect(self.dismiss)
        self.details = QListWidget()
        self.details.setObjectName("rejectionList")
        self.details.setWordWrap(False)
        # the name is shortened in the middle by _render so the reason stays readable; what is
        # still too long is cut at the end (the tooltip has all of it)
        self.details.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.details.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.details.hide()
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(4)
        head.addWidget(self.summary, 1)
        head.addWidget(self.toggle)
        head.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 2, 2, 2)
        lay.setSpacing(2)
        lay.addLayout(head)
        lay.addWidget(self.details)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()

    # -- content ---------------------------------------------------------------------------------
    def set_items(self, items: list[tuple[str, str]]) -> None:
        """The refused files now (name, reason); shows the notice when there is a new one."""
        new = [i for i in items if i not in self._seen]
        self._items = list(items)
        self._seen = [i for i in self._seen if i in items] + new
        self.summary.setText(self.tr("%1 %2", "a count of files, then what happened to them (not added)").replace(
            "%1", _files(len(items))).replace("%2", self.tr(self.verb)))
        self._render()
        if not items:
            self.hide()
        elif new:
            self.show()

    @staticmethod
    def _parts(name: str, reason: str) -> tuple[str, str]:
        """(file name, the rest of the line): reasons usually start with the name already."""
        return (name, reason[len(name):]) if reason.startswith(name) else (name, f": {reason}")

    def _render(self) -> None:
        """One row a file: the name shortened in the middle to at most 40 % of the row, so the
        reason after it can be read without hovering; the tooltip has the whole line."""
        self.details.clear()
        fm = self.details.fontMetrics()
        budget = max(fm.horizontalAdvance("x" * 12), int(self.details.viewport().width() * 0.4))
        for name, reason in self._items:
            name, rest = self._parts(name, reason)
            line = fm.elidedText(name, Qt.TextElideMode.ElideMiddle, budget) + rest
            it = QListWidgetItem(_wrap(line, fm, max(budget, self.details.viewport().width() - 12)))
            it.setToolTip(name + rest)
            it.setForeground(QBrush(QColor(error_color())))
            self.details.addItem(it)
        self._fit()

    def _fit(self) -> None:
        """As tall as its first :data:`MAX_ROWS` rows (each wrapped to the list's width)."""
        n = self.details.count()
        h = sum(self.details.sizeHintForRow(i) for i in range(min(MAX_ROWS, n)))
        self.details.setFixedHeight(h + 2 * self.details.frameWidth() if n else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._items and self.details.isVisible():
            self._render()

    def count(self) -> int:
        return len(self._items)

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def text(self) -> str:
        """The summary and every reason, as plain text (names in full)."""
        lines = [self.summary.text()] if self._items else []
        lines += ["".join(self._parts(name, reason)) for name, reason in self._items]
        return "\n".join(lines)

    # -- actions ---------------------------------------------------------------------------------
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def _toggled(self, on: bool) -> None:
        self.toggle.setText(self.tr("Details ▾") if on else self.tr("Details ▸"))
        self.details.setVisible(on)
        if on:
            self._render()  # the list has its real width now

    def dismiss(self) -> None:
        self.hide()
        self.toggle.setChecked(False)
        self.dismissed.emit()
