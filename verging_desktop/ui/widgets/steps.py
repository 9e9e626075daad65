"""The steps of each submission in a tool tab: a card per submission (name, what was sent and when,
step, progress, Cancel and Hide), newest first."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..colors import error_color
from .elide import ElidedLabel


class StepRow(QFrame):
    """One submission: its name, the step it is on, a progress bar, Cancel and Hide.

    *Cancel* shows only while cancelling is possible: before create-job is sent (while the
    selection is cut and uploaded); it really stops the submission and nothing is charged.
    *Hide* only takes the card away: the job goes on (it is in the Job Queue once sent).

    The title has a line of its own (the buttons sit on the progress bar's line), so
    a name is elided only when it really does not fit the column; the detail line ("0.0–3.0 s ·
    sent 14:02:07") tells cards of the same inputs apart.
    """

    def __init__(self, title: str, parent: QWidget | None = None, *, detail: str = "",
                 sent_at: float | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # a long input name is elided in the middle (whole on hover): the card shrinks with its column
        self.title = ElidedLabel()
        self.title.setObjectName("stepTitle")
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.title.set_full_text(title)
        self.sent_at = time.time() if sent_at is None else sent_at
        self.detail = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.detail.setObjectName("stepDetail")
        self.detail.setEnabled(False)  # the secondary (greyed) text colour
        self._detail = detail
        self._show_detail()
        self.step = QLabel(self.tr("Waiting…"))
        self.step.setObjectName("stepText")
        self.step.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(30)  # it shares its line with the buttons in a narrow column
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("cancelStep")
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this submission now: it has not been sent to the server yet, "
                                              "so nothing is charged"))
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.cancel_button.hide()
        self.close_button = QToolButton()
        self.close_button.setObjectName("hideStep")
        self.close_button.setText(self.tr("Hide"))
        self.close_button.setToolTip(self.tr("Hide this card. The job keeps running; follow it in the Job Queue."))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._close_clicked)
        #: cancels the submission while it is still being prepared (set by the tab)
        self.on_cancel: Callable[[], None] | None = None
        self.local_id: int | None = None
        self.done = False
        self.failed = False
        self._cancellable = True
        # the buttons share the progress bar's line: the title and the detail get the card's width
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.bar, 100)
        top.addStretch(1)  # the buttons stay on the right when a failed job's bar is hidden
        top.addWidget(self.cancel_button)
        top.addWidget(self.close_button)
        self._top = top
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.setSpacing(2)
        lay.addWidget(self.title)
        lay.addWidget(self.detail)
        lay.addWidget(self.step)
        lay.addLayout(top)
        self._lay = lay
        #: the width the card may take (its list's viewport), set by the list; None: no limit known
        self._room: int | None = None
        self.bar_stacked = False  # the bar has a line of its own (a column too narrow for bar + buttons)

    def _show_detail(self) -> None:
        sent = time.strftime("%H:%M:%S", time.localtime(self.sent_at))
        parts = [p for p in (self._detail, self.tr("sent %1").replace("%1", sent)) if p]
        if self.local_id is not None:
            parts.append(self.tr("job %1").replace("%1", str(self.local_id)))
        self.detail.set_full_text(" · ".join(parts))

    @property
    def local_id(self) -> int | None:
        """The job's local id once it is in the queue (the detail line then names it)."""
        return getattr(self, "_local_id", None)

    @local_id.setter
    def local_id(self, value: int | None) -> None:
        self._local_id = value
        if hasattr(self, "detail"):
            self._show_detail()

    def add_action(self, w: QWidget) -> None:
        """A button on the progress bar's line (before Cancel and Hide). A push button may shrink to
        its text (not the style's 80 px) so that the line fits a narrow column."""
        if isinstance(w, QAbstractButton) and w.text():
            w.setMinimumWidth(min(w.sizeHint().width(), w.fontMetrics().horizontalAdvance(w.text()) + 16))
            w.setSizePolicy(QSizePolicy.Policy.Preferred, w.sizePolicy().verticalPolicy())
        self._top.insertWidget(self._top.count() - 2, w)
        self._refit()

    def fit(self, room: int) -> None:
        """Keep the card within ``room`` pixels (its list's viewport): the title and the detail are
        elided and the step wraps anyway; when the progress bar and the buttons do not fit on one
        line, the bar takes a line of its own above them."""
        self._room = room
        self._refit()

    def _one_line_width(self) -> int:
        """The width the bar and the shown buttons need on one line, with the card's margins."""
        buttons = [self._top.itemAt(i).widget() for i in range(self._top.count())]
        shown = [b for b in buttons if b is not None and b is not self.bar and not b.isHidden()]
        m = self._lay.contentsMargins()
        return (sum(b.sizeHint().width() for b in shown) + self.bar.minimumWidth()
                + self._top.spacing() * len(shown) + m.left() + m.right() + 2 * self.frameWidth())

    def _refit(self) -> None:
        stack = self._room is not None and self._one_line_width() > self._room
        if stack == self.bar_stacked:
            return
        self.bar_stacked = stack
        if stack:
            self._top.removeWidget(self.bar)
            self._lay.insertWidget(self._lay.indexOf(self.step) + 1, self.bar)
        else:
            self._lay.removeWidget(self.bar)
            self._top.insertWidget(0, self.bar, 100)

    @property
    def cancellable(self) -> bool:
        return not self.done and self.local_id is None and self.on_cancel is not None and self._cancellable

    def set_cancellable(self, on: bool) -> None:
        """Offer Cancel (only while the submission has not been sent to the server)."""
        self._cancellable = on
        self.cancel_button.setVisible(self.cancellable)
        self._refit()

    def set_step(self, text: str, fraction: float | None = None) -> None:
        self.step.setText(text)
        self.step.setStyleSheet("")
        if fraction is None:
            self.bar.setRange(0, 0)  # busy
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def _cancel_clicked(self) -> None:
        if self.cancellable and self.on_cancel is not None:
            self.cancel_button.setEnabled(False)
            self.on_cancel()

    def _close_clicked(self) -> None:
        """Hide the card; the submission goes on (a finished one is removed for good)."""
        if self.done:
            self.deleteLater()
        else:
            self.hide()  # kept (hidden) so the running submission can still report to it

    def finish(self, text: str, ok: bool = True) -> None:
        self.done = True
        self.failed = not ok
        self.cancel_button.hide()
        self.step.setText(text)
        self.step.setStyleSheet("" if ok else f"color: {error_color()};")
        self.bar.setRange(0, 100)
        self.bar.setValue(100 if ok else 0)
        self.bar.setVisible(ok)
        self._refit()


class StepsList(QScrollArea):
    """The submissions of a tab, newest first.

    A page that keeps the list out of sight until its first submission shows it on
    :attr:`rowAdded`, never from a ``ChildAdded`` event of the list's widget: that event comes in
    the middle of the card's reparenting, and showing the card's ancestors then leaves the card
    half shown (visible and hidden at once), so the layout never gives it a size (it keeps a
    top-level widget's default 640x480) and it is never painted.
    """

    #: a card was added (the StepRow): it is in the list and shown; its layout sizes it next pass
    rowAdded = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepsList")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._lay = QVBoxLayout(inner)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.setSpacing(4)
        self._lay.addStretch(1)
        self.setWidget(inner)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(70)

    def add(self, title: str, detail: str = "") -> StepRow:
        """A card for a new submission (``detail``: what of the input, e.g. the trimmed range)."""
        # a child of the list from the start: never a top-level window, not even for a moment
        row = StepRow(title, self.widget(), detail=detail)
        row.fit(self.viewport().width())
        self._lay.insertWidget(0, row)
        row.show()  # now, not from the layout's queued show: painted with the submit that made it
        self.rowAdded.emit(row)
        return row

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Resize:  # the column (or its scroll bar) changed: keep every card inside
            for row in self.rows():
                row.fit(self.viewport().width())
        return super().viewportEvent(e)

    def clear(self) -> None:
        """Remove every row (the connection changed: they were jobs of another queue)."""
        for row in self.rows():
            self._lay.removeWidget(row)
            row.setParent(None)
            row.deleteLater()

    def rows(self) -> list[StepRow]:
        out = []
        for i in range(self._lay.count()):
            w = self._lay.itemAt(i).widget()
            if isinstance(w, StepRow):
                out.append(w)
        return out
