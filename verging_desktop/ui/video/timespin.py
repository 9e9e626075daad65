"""A spin box for a time with millisecond precision, shown as ``m:ss.mmm`` (the trimmer's in/out)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QWidget

from ...media.framegrid import parse_time
from .filmstrip import fmt_time

__all__ = ["TimeSpinBox"]


class TimeSpinBox(QDoubleSpinBox):
    """A QDoubleSpinBox for a time with millisecond precision, shown as ``m:ss.mmm``.

    Typing accepts plain seconds (``12.5``) or ``m:ss.mmm``. With ``step_by_signal`` set, the
    arrows (and the Up/Down keys) do not change the value themselves: they emit
    ``stepRequested(int steps)`` so the owner can step by real frames (variable frame rate clips
    have no fixed step) and set the value back.

    Signals:
        stepRequested(int steps)
    """

    stepRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(3)
        self.setRange(0.0, 0.0)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        #: emit stepRequested instead of stepping by singleStep
        self.step_by_signal = False

    def textFromValue(self, value: float) -> str:
        return fmt_time(value)

    def valueFromText(self, text: str) -> float:
        try:
            return parse_time(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        try:
            v = parse_time(text)
        except ValueError:
            ok_chars = re.fullmatch(r"[0-9:.,\s s]*", text) is not None
            state = QValidator.State.Intermediate if ok_chars else QValidator.State.Invalid
            return state, text, pos
        if self.minimum() - 0.0005 <= v <= self.maximum() + 0.0005:
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        try:
            v = parse_time(text)
        except ValueError:
            return self.textFromValue(self.value())
        return self.textFromValue(min(max(v, self.minimum()), self.maximum()))

    def stepBy(self, steps: int) -> None:
        if self.step_by_signal:
            self.stepRequested.emit(steps)
            self.selectAll()
        else:
            super().stepBy(steps)

    def set_quietly(self, value: float) -> None:
        """Show ``value`` without emitting ``valueChanged``."""
        was = self.blockSignals(True)
        try:
            self.setValue(value)
        finally:
            self.blockSignals(was)
