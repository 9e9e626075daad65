"""An icon for a photo or a result image that keeps its colours when its row is selected.

A plain ``QIcon(pixmap)`` lets the style make the Selected look itself: Qt's styles wash the
picture with the highlight colour (a red fox turns blue-grey in the gallery), so the image just
made looks different from the file saved. The selection is shown by the row's frame instead.
"""

from __future__ import annotations

from PySide6.QtGui import QIcon, QImage, QPixmap


def photo_icon(picture: QPixmap | QImage) -> QIcon:
    """``picture`` for every mode the views draw (normal, selected, active); an empty icon for a
    null picture."""
    pix = QPixmap.fromImage(picture) if isinstance(picture, QImage) else picture
    icon = QIcon()
    if pix.isNull():
        return icon
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        icon.addPixmap(pix, mode)
    return icon
