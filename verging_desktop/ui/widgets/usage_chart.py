"""Credits per day and per tool as stacked bars, drawn with QPainter (no plotting library); in the
merged view, US dollars per day and per provider, with a note on the providers not in dollars."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...core.i18n import _
from ...core.providers import VERGING
from ...services.usage import DailyUsage, nice_ceiling, provider_credits
from ..plural import credits


class UsageChart(QWidget):
    """Stacked bars (one per day), one color per tool (AI calls and jobs), a legend with totals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usageChart")
        self.data: DailyUsage | None = None
        self.title = self.tr("Credits per day")
        self.message = self.tr("Loading usage…")
        self.setMinimumHeight(180)  # its hint (250) when the dialog has room; less on a 700 px screen
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)
        self._bars: list[QRectF] = []

    def sizeHint(self) -> QSize:
        return QSize(640, 250)

    def set_data(self, data: DailyUsage | None, title: str | None = None, message: str = "") -> None:
        self.data = data
        if title:
            self.title = title
        self.message = message
        self.update()

    def set_message(self, message: str) -> None:
        self.message = message
        self.update()

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, e: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fg = pal.color(QPalette.ColorRole.WindowText)
        grid = QColor(fg)
        grid.setAlpha(40)
        muted = QColor(fg)
        muted.setAlpha(150)
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))

        font = QFont(self.font())
        fm = QFontMetrics(font)
        bold = QFont(font)
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(fg)
        p.drawText(QPointF(12, 8 + fm.ascent()), self.title)
        p.setFont(font)

        data = self.data
        self._bars = []
        if data is None or data.empty:
            p.setPen(muted)
            # wrapped within the chart below its title: a long message is never cut at both ends
            p.drawText(QRectF(self.rect()).adjusted(16, 30, -16, -8),
                       int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                       self.message or self.tr("No credits used in this period."))
            return

        # legend (right column)
        legend_w = max(fm.horizontalAdvance(f"{_(data.label(s))}  {data.text(data.service_total(s))}")
                       for s in data.services) + 30
        if data.note:  # the providers not in dollars, said under the legend
            legend_w = max(legend_w, 200)
        legend_x = self.width() - legend_w - 8
        y = 34.0
        for s in data.services:
            p.fillRect(QRectF(legend_x, y + 2, 12, 12), QColor(data.color(s)))
            p.setPen(fg)
            p.drawText(QPointF(legend_x + 18, y + fm.ascent()), _(data.label(s)))
            p.setPen(muted)
            tot = data.text(data.service_total(s))
            p.drawText(QPointF(legend_x + legend_w - 8 - fm.horizontalAdvance(tot), y + fm.ascent()), tot)
            y += fm.height() + 6
        if data.note:
            p.setPen(muted)
            p.drawText(QRectF(legend_x, y + 4, legend_w, self.height() - y - 8),
                       int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignTop), data.note)

        top, step = nice_ceiling(data.max_total, whole=not data.money)
        left = 12 + fm.horizontalAdvance(data.text(top)) + 8
        plot = QRectF(left, 34, legend_x - left - 16, self.height() - 34 - fm.height() - 14)
        if plot.width() < 40 or plot.height() < 30:
            return
        # grid and y labels
        ticks = int(round(top / step))
        for i in range(ticks + 1):
            v = step * i
            yy = plot.bottom() - plot.height() * v / top
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy))
            p.setPen(muted)
            lab = data.text(v)
            p.drawText(QPointF(plot.left() - 6 - fm.horizontalAdvance(lab), yy + fm.ascent() / 2 - 1), lab)
        # bars
        n = len(data.days)
        slot = plot.width() / max(1, n)
        bw = max(2.0, slot * 0.68)
        day_format = self.tr("MMM d", "a chart's day label (a Qt date format)")
        locale = QLocale()
        label_every = max(1, int((fm.horizontalAdvance(locale.toString(QDate(2026, 3, 30), day_format)) + 8) // slot) + 1)
        for i, d in enumerate(data.days):
            x = plot.left() + slot * i + (slot - bw) / 2
            base = plot.bottom()
            for s in reversed(data.services):  # the biggest service at the bottom
                v = data.values[s][i]
                if v <= 0:
                    continue
                h = plot.height() * v / top
                p.fillRect(QRectF(x, base - h, bw, h), QColor(data.color(s)))
                base -= h
            self._bars.append(QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()))
            if (n - 1 - i) % label_every == 0:
                lab = locale.toString(QDate(d.year, d.month, d.day), day_format)
                p.setPen(muted)
                p.drawText(QPointF(x + bw / 2 - fm.horizontalAdvance(lab) / 2, plot.bottom() + 4 + fm.ascent()), lab)
        p.setPen(QPen(muted, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))

    def bar_at(self, x: float, y: float) -> int | None:
        for i, r in enumerate(self._bars):
            if r.contains(QPointF(x, y)):
                return i
        return None

    def tooltip_text(self, i: int) -> str:
        assert self.data is not None
        d = self.data
        amount = credits(d.total(i)) if d.provider == VERGING.id else provider_credits(d.provider, d.total(i))
        day = d.days[i]
        when = QLocale().toString(QDate(day.year, day.month, day.day),
                                  self.tr("ddd dd MMM yyyy", "a bar's date in its tooltip (a Qt date format)"))
        lines = [f"<b>{when}</b>: {amount}"]
        for s in d.services:
            v = d.values[s][i]
            if v > 0:
                lines.append(f"<span style='color:{d.color(s)}'>■</span> {_(d.label(s))}: {d.text(v)}")
        return "<br>".join(lines)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        i = self.bar_at(e.position().x(), e.position().y())
        if i is None or self.data is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(e.globalPosition().toPoint(), self.tooltip_text(i), self)
        super().mouseMoveEvent(e)
