"""A list of the audio files made in this session, the selected one playable (QtMultimedia, when
the system has it: :mod:`.multimedia`) and saved with a Save dialog.

``add(path, text, tooltip, detail=...)`` puts a file at the top and selects it. Without
QtMultimedia the Play button is off and says why; saving works the same.

A row is its name over its details (:class:`ResultRowDelegate`): the name is elided in the middle
when the list is narrow, the details (the length, what it cost) are never cut (they wrap), so an
amount is always read whole. ``set_row(item, title, detail)`` sets both (the item's plain text is
"title · detail", for accessibility and tests).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Q_ARG, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from . import multimedia

PATH_ROLE = Qt.ItemDataRole.UserRole
DURATION_ROLE = Qt.ItemDataRole.UserRole + 1
#: a row's name (elided when narrow) and its details (never cut)
TITLE_ROLE = Qt.ItemDataRole.UserRole + 2
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 3
#: the padding around a row's text
PAD = 4

Index = QModelIndex | QPersistentModelIndex


def set_row(item: QListWidgetItem, title: str, detail: str = "") -> None:
    """``item`` shows ``title`` over ``detail`` (see :class:`ResultRowDelegate`)."""
    item.setData(TITLE_ROLE, title)
    item.setData(DETAIL_ROLE, detail)
    item.setText(f"{title} · {detail}" if detail else title)


def row_detail(item: QListWidgetItem) -> str:
    return str(item.data(DETAIL_ROLE) or "")


def set_row_detail(item: QListWidgetItem, detail: str) -> None:
    """Only the details change (the charge came after the result)."""
    set_row(item, str(item.data(TITLE_ROLE) or item.text()), detail)


class ResultRowDelegate(QStyledItemDelegate):
    """Paints a row of a list of results as its name on the first line, elided in the middle when
    it does not fit, and its details under it, wrapped at spaces and never elided: "0:03 · Charged
    30 ¢ ($0.30), estimate 30 ¢" is read whole however narrow the list is. A row without details
    is one line. :meth:`lines` is what is painted (tests read it)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if hasattr(view, "setResizeMode"):  # the rows' heights follow the width (details wrap)
            from PySide6.QtWidgets import QListView

            view.setResizeMode(QListView.ResizeMode.Adjust)

    def _width(self, option: QStyleOptionViewItem) -> int:
        w = option.rect.width() if option.rect.width() > 0 else self.view.viewport().width()
        return max(40, w - 2 * PAD)

    def lines(self, index: Index, width: int, fm: QFontMetrics | None = None) -> tuple[str, list[str]]:
        """(the name as shown, the detail lines) for a row ``width`` px wide (its text area)."""
        fm = fm or self.view.fontMetrics()
        title = str(index.data(TITLE_ROLE) or index.data(Qt.ItemDataRole.DisplayRole) or "")
        detail = str(index.data(DETAIL_ROLE) or "") if index.data(TITLE_ROLE) is not None else ""
        shown = fm.elidedText(title, Qt.TextElideMode.ElideMiddle, width)
        out: list[str] = []
        line = ""
        for word in detail.split(" "):
            cand = f"{line} {word}" if line else word
            if line and fm.horizontalAdvance(cand) > width:
                out.append(line)
                line = word
            else:
                line = cand
        if line:
            out.append(line)
        return shown, out

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = option.fontMetrics
        _title, detail = self.lines(index, self._width(option), fm)
        return QSize(self._width(option), fm.height() * (1 + len(detail)) + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else self.view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        fm = opt.fontMetrics
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        title, detail = self.lines(index, rect.width(), fm)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Disabled)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        y = rect.top()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), flags, title)
        if detail and not selected:  # the details a little quieter than the name
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
        for text in detail:
            y += fm.height()
            painter.drawText(QRect(rect.left(), y, rect.width(), fm.height()), flags, text)
        painter.restore()


def clock(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    return f"{s // 60}:{s % 60:02d}"


class AudioResults(QWidget):
    """See the module docstring. Signals: ``saved(str)`` (the written path), ``message(str)``."""

    saved = Signal(str)
    message = Signal(str)

    def __init__(self, *, empty_text: str, save_dir: str | os.PathLike[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audioResults")
        self.save_dir = Path(save_dir) if save_dir else Path.home()
        self.player: Any = None
        self.audio_out: Any = None
        self.file_dialog: Any = None
        self._seeking = False

        self.empty = QLabel(empty_text)
        self.empty.setObjectName("audioEmpty")
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.play_btn = QPushButton(self.tr("Play"))
        self.play_btn.setObjectName("audioPlay")
        self.play_btn.clicked.connect(self.toggle_play)
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setObjectName("audioPosition")
        self.position.sliderPressed.connect(lambda: setattr(self, "_seeking", True))
        self.position.sliderReleased.connect(self._seek)
        self.time = QLabel("0:00 / 0:00")
        self.save_btn = QPushButton(self.tr("Save…"))
        self.save_btn.setObjectName("audioSave")
        self.save_btn.clicked.connect(self.save_selected)
        self.no_playback = QLabel(multimedia.shown_reason())
        self.no_playback.setObjectName("audioNoPlayback")
        self.no_playback.setWordWrap(True)
        self.no_playback.setVisible(not multimedia.available)
        self.list = QListWidget()
        self.list.setObjectName("audioList")
        self.list.currentItemChanged.connect(lambda *_: self._select())
        self.list.setMinimumHeight(70)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setItemDelegate(ResultRowDelegate(self.list))

        row = QHBoxLayout()
        row.addWidget(self.play_btn)
        row.addWidget(self.position, 1)
        row.addWidget(self.time)
        row.addWidget(self.save_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.empty)
        lay.addLayout(row)
        lay.addWidget(self.no_playback)
        lay.addWidget(self.list, 1)
        self._select()

    # -- the list --------------------------------------------------------------------------------
    def add(self, path: str | os.PathLike[str], text: str, tooltip: str = "", duration: float = 0.0, *,
            detail: str = "") -> QListWidgetItem:
        """``text`` is the row's name; ``detail`` (the length, the cost) goes under it, never cut."""
        it = QListWidgetItem()
        set_row(it, text, detail)
        it.setData(PATH_ROLE, str(path))
        it.setData(DURATION_ROLE, float(duration))
        it.setToolTip(tooltip or str(path))
        self.list.insertItem(0, it)
        self.list.setCurrentRow(0)
        return it

    def count(self) -> int:
        return self.list.count()

    def paths(self) -> list[str]:
        return [str(self.list.item(i).data(PATH_ROLE)) for i in range(self.list.count())]

    def selected_path(self) -> str | None:
        it = self.list.currentItem()
        return str(it.data(PATH_ROLE)) if it is not None else None

    def clear(self) -> None:
        if self.player is not None:
            from ..video.player import queue_call

            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl()))
        self.list.clear()
        self._select()

    def _select(self) -> None:
        path = self.selected_path()
        has = path is not None
        self.empty.setVisible(not has)
        self.save_btn.setEnabled(has)
        can_play = has and multimedia.available
        self.play_btn.setEnabled(can_play)
        self.position.setEnabled(can_play)
        if not multimedia.available:
            self.play_btn.setToolTip(multimedia.reason)
        it = self.list.currentItem()
        dur = float(it.data(DURATION_ROLE) or 0) if it is not None else 0.0
        self.position.setRange(0, int(dur * 1000))
        self.position.setValue(0)
        self.time.setText(f"0:00 / {clock(dur)}")
        if self.player is not None and has:
            from ..video.player import queue_call

            queue_call(self.player, "stop")
            queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(path)))

    # -- playing ---------------------------------------------------------------------------------
    def _ensure_player(self) -> Any:
        if self.player is None and multimedia.ready():
            from ..video.player import attach_audio_if_present, queue_call

            self.player = multimedia.QMediaPlayer(self)
            self.audio_out = multimedia.QAudioOutput(self)
            attach_audio_if_present(self.player, self.audio_out)
            self.player.positionChanged.connect(self._position)
            self.player.durationChanged.connect(self._duration)
            self.player.playbackStateChanged.connect(self._state)
            self.player.errorOccurred.connect(lambda _e, msg: self.message.emit(self.tr("Cannot play the audio: %1").replace("%1", msg)))
            path = self.selected_path()
            if path:
                queue_call(self.player, "setSource", Q_ARG(QUrl, QUrl.fromLocalFile(path)))
        return self.player

    def toggle_play(self) -> None:
        if self.selected_path() is None:
            return
        p = self._ensure_player()
        if p is None:
            return
        from ..video.player import queue_call

        if p.playbackState() == multimedia.QMediaPlayer.PlaybackState.PlayingState:
            queue_call(p, "pause")
        else:
            queue_call(p, "play")

    def is_playing(self) -> bool:
        p = self.player
        return bool(p is not None and p.playbackState() == multimedia.QMediaPlayer.PlaybackState.PlayingState)

    def _state(self, state: Any) -> None:
        self.play_btn.setText(self.tr("Pause") if state == multimedia.QMediaPlayer.PlaybackState.PlayingState else self.tr("Play"))

    def _position(self, ms: int) -> None:
        if not self._seeking:
            self.position.setValue(ms)
        dur = self.player.duration() if self.player is not None else 0
        self.time.setText(f"{clock(ms / 1000)} / {clock(dur / 1000)}")

    def _duration(self, ms: int) -> None:
        if ms > 0:
            self.position.setRange(0, ms)

    def _seek(self) -> None:
        self._seeking = False
        if self.player is not None:
            from ..video.player import queue_call

            queue_call(self.player, "setPosition", Q_ARG("qint64", self.position.value()))

    # -- saving ----------------------------------------------------------------------------------
    def save_selected(self) -> None:
        src = self.selected_path()
        if src is None:
            return
        from .ai_common import choose_save_path

        suggested = str(self.save_dir / Path(src).name)
        self.file_dialog = choose_save_path(self, self.tr("Save the audio"), suggested, lambda dst: self.save_to(src, dst))

    def save_to(self, src: str, dst: str) -> Path | None:
        from ...core.errors import VergingError
        from ...services.files import copy_result

        d = Path(dst)
        if not d.suffix:
            d = d.with_suffix(Path(src).suffix)
        try:
            d = copy_result(src, d, overwrite=True)  # the save dialog already asked before replacing
        except (OSError, VergingError) as e:
            self.message.emit(f"Could not save the audio: {getattr(e, 'strerror', None) or e}")
            return None
        self.message.emit(self.tr("Saved %1").replace("%1", str(d)))
        self.saved.emit(str(d))
        return d

    def shutdown(self) -> None:
        if self.player is not None:
            from ..video.player import queue_call

            queue_call(self.player, "stop")
