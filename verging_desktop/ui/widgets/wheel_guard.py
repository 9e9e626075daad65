"""A scroll wheel that scrolls the page, not the value under the cursor.

Qt gives a wheel turned over a combo box, a spin box or a slider to that control even when it does
not have the focus: scrolling down a long tool page then changes the cut mode, an in point or the
compression on the way. :func:`guard_wheel` makes such controls take the wheel only once they have
the focus (clicked or tabbed to); before that the turn scrolls the page they are on.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

__all__ = ["WHEELED", "guard_wheel"]

#: the controls whose value a wheel changes
WHEELED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class _WheelGuard(QObject):
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or obj.hasFocus():
            return False
        page = obj.parentWidget()
        while page is not None and not isinstance(page, QAbstractScrollArea):
            page = page.parentWidget()
        if page is not None:
            bar = page.verticalScrollBar()
            if bar is not None and bar is not obj:
                QApplication.sendEvent(bar, e)
        return True  # never the control's value


_GUARD: _WheelGuard | None = None


def guard_wheel(root: QWidget) -> None:
    """Let the wheel change the combo boxes, spin boxes and sliders under ``root`` only when they
    have the focus (they take it by a click or Tab, not by the wheel); call again for controls
    added later (a control is guarded once)."""
    global _GUARD
    if _GUARD is None:
        _GUARD = _WheelGuard(QApplication.instance())
    for w in root.findChildren(QWidget):
        if not isinstance(w, WHEELED) or isinstance(w, QScrollBar) or w.property("wheelGuarded"):
            continue
        w.setProperty("wheelGuarded", True)
        if w.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        w.installEventFilter(_GUARD)
