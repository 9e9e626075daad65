"""A one-line label that elides its text in the middle to fit, with the full text as tooltip.

Long file names ("Lisbon tram 28 at golden hour and the long way round … take 2.mp4") keep
their start and their extension, never widen the layout they sit in, and show in full on hover.
The dynamic property ``fullText`` carries the whole text (the layout check reads it).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """``set_full_text(text)``; shows as much as fits, elided in the middle (``mode``)."""

    def __init__(self, parent: QWidget | None = None, *, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
                 tooltip_extra: str = "") -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self._extra = tooltip_extra
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setProperty("fullText", "")

    def set_full_text(self, text: str, tooltip_extra: str | None = None) -> None:
        hints = (self.sizeHint(), self.minimumSizeHint())
        self._full = text
        if tooltip_extra is not None:
            self._extra = tooltip_extra
        self.setProperty("fullText", text)
        tip = text if not self._extra else f"{text}\n{self._extra}"
        self.setToolTip(tip)
        self._elide()
        if (self.sizeHint(), self.minimumSizeHint()) != hints:
            # the size hint follows the whole text: the layout asks again (a label that was empty,
            # and so 0 px wide, would otherwise keep showing nothing: its elided text never changes)
            self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        m = self.contentsMargins()
        # (+2: the advance is rounded, and a text given exactly its advance comes out elided)
        return QSize(min(fm.horizontalAdvance(self._full) + 2, 320) + m.left() + m.right() + 2 * self.margin(),
                     fm.height() + m.top() + m.bottom() + 2 * self.margin())

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        # room for a shortened text; nothing when there is no text (an empty label takes no width)
        room = min(fm.horizontalAdvance("…") * 4, fm.horizontalAdvance(self._full)) if self._full else 0
        return QSize(room, self.sizeHint().height())

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(0, room)) if room > 0 else self._full
        super().setText(shown)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._elide()


class AspectPixmapLabel(QLabel):
    """A picture that fills the label's room with its aspect ratio kept (never stretched or cut),
    rescaled from the original whenever the label is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source: QPixmap | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_source_pixmap(self, pixmap: QPixmap | None) -> None:
        """Show ``pixmap`` (None clears the picture; set a text afterwards if wanted)."""
        self._source = pixmap if pixmap is not None and not pixmap.isNull() else None
        if self._source is None:
            super().setPixmap(QPixmap())
        self._rescale()

    def source_pixmap(self) -> QPixmap | None:
        return self._source

    def _rescale(self) -> None:
        if self._source is None:
            return  # a text may be shown instead
        room = self.contentsRect().size()
        if room.width() < 8 or room.height() < 8:
            room = self._source.size()
        super().setPixmap(self._source.scaled(room.boundedTo(self._source.size() * 2),
                                              Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._rescale()
