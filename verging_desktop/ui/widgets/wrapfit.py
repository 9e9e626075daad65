"""Widgets whose minimum height counts their word-wrapped lines.

Qt's minimum size of a layout counts a word-wrapped label as one line; at the width it really
gets, the label may need two or three. A splitter or a scroll area trusts that minimum and may
give the widget less height than its rows need, and then the layout lays the rows over each other
(the Face Swap page once a job was sent: its cost line wrapped, the column got one line too
little, and the trimmer's time readout and Loop box slid under the video).

:func:`wrap_fit_minimum` is the minimum for the widget's current width (the layout's minimum
height for that width); :func:`refit` asks the parents again when it changed (call it from
``resizeEvent`` and on a layout request). :class:`WrapFitColumn` is a plain column doing both.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

__all__ = ["WrapFitColumn", "refit", "wrap_fit_minimum"]

_ATTR = "_wrap_fit_height"


def wrap_fit_minimum(widget: QWidget, base: QSize) -> QSize:
    """``base`` (the widget's own minimum size hint), as tall as its layout needs at its width."""
    lay = widget.layout()
    w = widget.width()
    if lay is None or w <= 0 or not lay.hasHeightForWidth():
        return base
    return QSize(base.width(), max(base.height(), lay.totalMinimumHeightForWidth(w)))


def refit(widget: QWidget) -> None:
    """Tell the parents when the minimum height for the current width changed."""
    h = widget.minimumSizeHint().height()
    if getattr(widget, _ATTR, None) != h:
        setattr(widget, _ATTR, h)
        widget.updateGeometry()


class WrapFitColumn(QWidget):
    """A container whose minimum height is what its layout needs at its width (see the module)."""

    def minimumSizeHint(self) -> QSize:
        return wrap_fit_minimum(self, super().minimumSizeHint())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        refit(self)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        if e.type() == QEvent.Type.LayoutRequest:
            refit(self)  # a label's text changed: it may wrap to more lines now
        return handled
