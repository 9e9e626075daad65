"""The Job Queue table's painted cells: a progress bar, and the narrow layout's two-line cells."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from .queue_model import COL_INPUT, COL_STATUS, ProgressRole, SecondLineRole


class ProgressDelegate(QStyledItemDelegate):
    """Paints a progress bar in the Progress column."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        value = index.data(ProgressRole)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(4, 6, -4, -6))  # type: ignore[attr-defined]
        bar.minimum, bar.maximum = 0, 100
        bar.progress = int(value)
        bar.text = f"{value:.0f}%"
        bar.textVisible = True
        bar.state = option.state | QStyle.StateFlag.State_Horizontal  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QGuiApplication.instance().style()  # type: ignore[attr-defined,union-attr]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class TwoLineDelegate(QStyledItemDelegate):
    """The narrow layout: a cell of two lines, the first the cell's text, the second quieter.

    In the Input column the name is elided in the middle (its start and its extension stay; the
    row's tooltip has it whole) and the second line says the tool and the time. In the Status
    column the second line is a progress bar while something moves, else the credits.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget else QGuiApplication.instance().style()  # type: ignore[attr-defined,union-attr]
        text = opt.text  # type: ignore[attr-defined]
        opt.text = ""  # type: ignore[attr-defined]
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(4, 3, -4, -3)  # type: ignore[attr-defined]
        fm = opt.fontMetrics  # type: ignore[attr-defined]
        line = fm.height()
        top = rect.top() + max(0, (rect.height() - 2 * line - 2) // 2)
        first = QRect(rect.left(), top, rect.width(), line)
        second = QRect(rect.left(), top + line + 2, rect.width(), line)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        pal = opt.palette  # type: ignore[attr-defined]
        main = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.save()
        painter.setFont(opt.font)  # type: ignore[attr-defined]
        painter.setPen(fg if isinstance(fg, QColor) and not selected else main)
        mode = Qt.TextElideMode.ElideMiddle if index.column() == COL_INPUT else Qt.TextElideMode.ElideRight
        sub = index.data(SecondLineRole)
        value = index.data(ProgressRole) if index.column() == COL_STATUS and not sub else None
        if value is not None and not text.endswith("%"):
            text = f"{text} {value:.0f}%"
        painter.drawText(first, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         fm.elidedText(text, mode, first.width()))
        if sub:
            quiet = QColor(main)
            quiet.setAlphaF(0.65)
            painter.setPen(quiet)
            painter.drawText(second, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(str(sub), Qt.TextElideMode.ElideRight, second.width()))
        elif value is not None:
            bar = QStyleOptionProgressBar()
            thin = min(second.height(), 10)
            bar.rect = QRect(second.left(), second.center().y() - thin // 2, second.width(), thin)  # type: ignore[attr-defined]
            bar.minimum, bar.maximum = 0, 100
            bar.progress = int(value)
            bar.textVisible = False
            bar.state = opt.state | QStyle.StateFlag.State_Horizontal  # type: ignore[attr-defined]
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        fm = option.fontMetrics  # type: ignore[attr-defined]
        return QSize(60, 2 * fm.height() + 8)
