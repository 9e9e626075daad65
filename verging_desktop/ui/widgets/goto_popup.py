""" "Go to tool" (Ctrl+K): a line edit over a filtered list of the navigation's entries.

Enter goes, Escape closes, Up/Down move; when nothing matches it says so ("No tool matches
'xyz'"). Built the first time Ctrl+K is pressed, not at start: its widgets are not needed for
the window's first paint.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .nav_pages import NavEntry
from .tool_nav import ENTRY_HEIGHT, PAGE_ROLE, SHORTCUT_ROLE, SUMMARY_ROLE, NavDelegate, entry_icon


class GoToPopup(QFrame):
    """ "Go to tool": type a few letters, Enter shows the first match.

    Signals:
        chosen(str): the key of the entry chosen.
    """

    chosen = Signal(str)

    def __init__(self, entries: list[NavEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("goToTool")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.entries = list(entries)
        self.edit = QLineEdit()
        self.edit.setObjectName("goToEdit")
        self.edit.setPlaceholderText(self.tr("Go to tool…"))
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName(self.tr("Go to tool"))
        self.list = QListWidget()
        self.list.setObjectName("goToList")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setItemDelegate(NavDelegate(self.list, summaries=True))
        self.list.setMouseTracking(True)
        for e in self.entries:
            item = QListWidgetItem(e.title)
            icon = entry_icon(e)
            if icon is not None:
                item.setIcon(icon)
            item.setData(PAGE_ROLE, e.key)
            item.setData(SUMMARY_ROLE, e.summary)
            item.setData(SHORTCUT_ROLE, e.shortcut)
            self.list.addItem(item)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        #: said instead of an empty list when nothing matches what was typed
        self.empty = QLabel()
        self.empty.setObjectName("goToEmpty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setEnabled(False)
        self.empty.setContentsMargins(4, 2, 4, 2)
        self.empty.hide()
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.empty)
        self.edit.textChanged.connect(self.filter)
        self.edit.installEventFilter(self)
        self.edit.returnPressed.connect(self.accept)
        self.list.itemClicked.connect(lambda it: self._go(str(it.data(PAGE_ROLE))))
        self.filter("")

    # -- filtering ---------------------------------------------------------------------------------
    @staticmethod
    def score(entry: NavEntry, text: str) -> int | None:
        """How well ``text`` matches (lower is better), None when it does not."""
        t = text.strip().lower()
        if not t:
            return 0
        title = entry.title.lower()
        if title.startswith(t):
            return 0
        if any(w.startswith(t) for w in title.split()):
            return 1
        if t in title:
            return 2
        if t in entry.group.lower() or t in entry.summary.lower():
            return 3
        return None

    def filter(self, text: str) -> None:
        scored = []
        for i, e in enumerate(self.entries):
            s = self.score(e, text)
            item = self.list.item(i)
            assert item is not None
            item.setHidden(s is None)
            if s is not None:
                scored.append((s, i))
        best = min(scored)[1] if scored else -1
        self.list.setCurrentRow(best)
        self.empty.setText(self.tr("No tool matches '%1'").replace("%1", text.strip()) if not scored else "")
        self.empty.setVisible(not scored)
        self._fit()

    def visible_titles(self) -> list[str]:
        return [it.text() for it in (self.list.item(r) for r in range(self.list.count()))
                if it is not None and not it.isHidden()]

    def current_key(self) -> str:
        item = self.list.currentItem()
        return str(item.data(PAGE_ROLE)) if item is not None and not item.isHidden() else ""

    def _fit(self) -> None:
        shown = [r for r in range(self.list.count()) if not self.list.isRowHidden(r)]
        row_h = self.list.sizeHintForRow(0) if self.list.count() else ENTRY_HEIGHT
        self.list.setFixedHeight(max(row_h, min(len(shown), 9) * row_h) + 4)
        self.list.setVisible(bool(shown))
        self.adjustSize()

    # -- keys -------------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.edit and e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent):
            key = e.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close()
                return True
        return super().eventFilter(obj, e)

    def _move(self, delta: int) -> None:
        shown = [r for r in range(self.list.count()) if not self.list.isRowHidden(r)]
        if not shown:
            return
        cur = self.list.currentRow()
        pos = shown.index(cur) if cur in shown else -1
        self.list.setCurrentRow(shown[(pos + delta) % len(shown)])

    def accept(self) -> None:
        key = self.current_key()
        if key:
            self._go(key)

    def _go(self, key: str) -> None:
        self.close()
        self.chosen.emit(key)

    def popup_over(self, window: QWidget, top: int = 40) -> None:
        """Open centred near the top of ``window``, with an empty search."""
        self.edit.clear()
        self.filter("")
        width = min(460, max(300, window.width() - 80))
        self.setFixedWidth(width)
        self.adjustSize()
        origin = window.mapToGlobal(window.rect().topLeft())
        self.move(origin.x() + (window.width() - width) // 2, origin.y() + top)
        self.show()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def hideEvent(self, e: QHideEvent) -> None:
        super().hideEvent(e)
        # the window under it is the active one again (its shortcuts work only there)
        owner = self.parentWidget()
        if owner is not None and owner.window().isVisible():
            owner.window().activateWindow()
