"""An ordered row of images (reference images): thumbnails in the order they are sent, reordered by
dragging a thumbnail or with the buttons (and Ctrl+Left / Ctrl+Right), removed with Remove or Delete.

The widget only holds and orders what the tab gives it (:meth:`ImageList.add_image` with a
picture); what a file *is* was decided before (by content). Long file names are elided in the
middle; the tooltip has the whole name, the size and the position.

Signals:
    changed(): an image was added, removed or moved.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .photo_icon import photo_icon

THUMB = 72
PATH_ROLE = Qt.ItemDataRole.UserRole
INFO_ROLE = Qt.ItemDataRole.UserRole + 1


class _Grid(QListWidget):
    """The thumbnails; an internal drag moves one (the order is what is sent)."""

    moved = Signal()
    #: Delete or Backspace on a thumbnail
    removeRequested = Signal()
    #: Ctrl+Left (-1) or Ctrl+Right (+1) on a thumbnail
    moveRequested = Signal(int)

    def dropEvent(self, e: QDropEvent) -> None:  # a drag inside the list reorders it
        super().dropEvent(e)
        self.moved.emit()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        ctrl = bool(e.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removeRequested.emit()
        elif ctrl and e.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.moveRequested.emit(-1 if e.key() == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(e)
            return
        e.accept()


class ImageList(QWidget):
    """Images in order; see the module docstring."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageList")
        self.grid = _Grid()
        self.grid.setObjectName("imageGrid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setFlow(QListView.Flow.LeftToRight)
        self.grid.setWrapping(True)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setGridSize(QSize(THUMB + 18, THUMB + 30))
        self.grid.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.grid.setMovement(QListView.Movement.Snap)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.grid.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setMinimumHeight(THUMB + 36)
        self.grid.setMaximumHeight(2 * (THUMB + 30) + 8)
        self.grid.moved.connect(self._moved)
        self.grid.currentRowChanged.connect(lambda _r: self._update())
        self.earlier = QToolButton()
        self.earlier.setObjectName("imageEarlier")
        self.earlier.setText("◀")
        self.earlier.setToolTip(self.tr("Move the selected image earlier (Ctrl+Left)"))
        self.earlier.clicked.connect(lambda: self.move_selected(-1))
        self.later = QToolButton()
        self.later.setObjectName("imageLater")
        self.later.setText("▶")
        self.later.setToolTip(self.tr("Move the selected image later (Ctrl+Right)"))
        self.later.clicked.connect(lambda: self.move_selected(1))
        self.remove = QToolButton()
        self.remove.setObjectName("imageRemove")
        self.remove.setText(self.tr("Remove"))
        self.remove.setToolTip(self.tr("Take the selected image out (Delete)"))
        self.remove.clicked.connect(self.remove_selected)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.earlier)
        buttons.addWidget(self.later)
        buttons.addStretch(1)
        buttons.addWidget(self.remove)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.grid)
        lay.addWidget(self.buttons)
        self.grid.removeRequested.connect(self.remove_selected)
        self.grid.moveRequested.connect(self.move_selected)
        self._update()

    # -- content -----------------------------------------------------------------------------------
    def paths(self) -> list[str]:
        return [str(self.grid.item(i).data(PATH_ROLE)) for i in range(self.grid.count())]

    def count(self) -> int:
        return self.grid.count()

    def add_image(self, path: str | os.PathLike[str], picture: QPixmap | None, info: str = "") -> bool:
        """Add ``path`` at the end (False when it is in the list already)."""
        p = str(Path(path))
        if p in self.paths():
            return False
        it = QListWidgetItem(Path(p).name)
        if picture is not None and not picture.isNull():
            it.setIcon(photo_icon(picture))
        it.setData(PATH_ROLE, p)
        it.setData(INFO_ROLE, info)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        self.grid.addItem(it)
        self._renumber()
        self.grid.setCurrentItem(it)
        self._update()
        self.changed.emit()
        return True

    def clear(self) -> None:
        if self.grid.count():
            self.grid.clear()
            self._update()
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.grid.currentRow()
        if row < 0:
            return
        self.grid.takeItem(row)
        self._renumber()
        if self.grid.count():
            self.grid.setCurrentRow(min(row, self.grid.count() - 1))
        self._update()
        self.changed.emit()

    def move_selected(self, delta: int) -> None:
        row = self.grid.currentRow()
        to = row + delta
        if row < 0 or not 0 <= to < self.grid.count():
            return
        it = self.grid.takeItem(row)
        self.grid.insertItem(to, it)
        self.grid.setCurrentRow(to)
        self._moved()

    def _moved(self) -> None:
        self._renumber()
        self._update()
        self.changed.emit()

    def _renumber(self) -> None:
        n = self.grid.count()
        for i in range(n):
            it = self.grid.item(i)
            name = Path(str(it.data(PATH_ROLE))).name
            info = str(it.data(INFO_ROLE) or "")
            it.setText(f"{i + 1}. {name}")
            it.setToolTip(self.tr("%1 of %2: %3").replace("%1", str(i + 1)).replace("%2", str(n)).replace("%3", name)
                          + (f" · {info}" if info else "")
                          + "\n" + self.tr("Drag to reorder; Delete removes it."))

    def _update(self) -> None:
        row, n = self.grid.currentRow(), self.grid.count()
        self.earlier.setEnabled(row > 0)
        self.later.setEnabled(0 <= row < n - 1)
        self.remove.setEnabled(row >= 0)
        self.grid.setVisible(n > 0)  # nothing to show, no empty box
        self.buttons.setVisible(n > 0)
