"""Parts of the Job Queue panel: the filter boxes that say their counts, and the thumbnail loader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStylePainter

THUMB = QSize(64, 36)


class FilterCombo(QComboBox):
    """A filter whose items say how many jobs they show ("Completed (8,004)"); when the closed box
    is too narrow for the count, it shows the name alone (elided if need be), the count in its tooltip."""

    LabelRole = Qt.ItemDataRole.UserRole + 1

    def add(self, label: str, key: str) -> None:
        self.addItem(label, key)
        self.setItemData(self.count() - 1, label, self.LabelRole)

    def set_count(self, index: int, n: int) -> None:
        text = f"{self.itemData(index, self.LabelRole)} ({n:,})"
        self.setItemText(index, text)
        if index == self.currentIndex():
            self.setToolTip(text)

    def paintEvent(self, event: Any) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width() - 4
        fm = self.fontMetrics()
        text = opt.currentText  # type: ignore[attr-defined]
        if fm.horizontalAdvance(text) > room:
            text = str(self.currentData(self.LabelRole) or text)
        opt.currentText = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)  # type: ignore[attr-defined]
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


def _load_thumb(path: str) -> QImage | None:
    """A small picture of an input file (image or the first frame of a video); runs in a thread.

    A video's frame comes from an ffmpeg process, so showing thumbnails does not load the
    decoders into the app (the history may be long; the app idles in a few dozen MB).
    """
    p = Path(path)
    if not p.is_file():
        return None
    reader = QImageReader(str(p))
    if reader.canRead():
        size = reader.size()
        if size.isValid():
            size.scale(THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio)
            reader.setScaledSize(size)
        img = reader.read()
        return None if img.isNull() else img
    from ...media.poster import poster_png

    data = poster_png(p, THUMB.width() * 2, THUMB.height() * 2)
    if data is None:
        return None
    img = QImage.fromData(data, "PNG")
    return None if img.isNull() else img
