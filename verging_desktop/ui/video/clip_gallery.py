"""A gallery of generated clips: a grid of poster frames, the selected clip played in place above
it, Save one, Save all, Open folder, and "Send to" another tool.

Each tile is one result file with its first frame as the picture (made by ffmpeg in a worker
thread, :func:`verging_desktop.media.poster.poster_png`) and a short caption; the tooltip has the
whole caption and the path. Selecting a tile shows its first frame in the player; Play (Space,
Enter or a double click) plays it there, looping when Loop is on. Nothing is ever overwritten:
Save as asks before replacing the file the user chose; Save all puts every clip in a folder under
its own name, a free name ("clip (2).mp4") when one is taken.

Signals:
    sendRequested(str tool_id, str path): "Send to" was chosen for a clip (the tab hands it over).
    message(str): a line for the status bar ("Saved 3 clips to ...").
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError
from ...services.files import copy_result
from ..dialogs.common import ask_save_path
from ..plural import plural
from ..widgets import multimedia
from ..widgets.elide import ElidedLabel

THUMB_W, THUMB_H = 160, 90
PATH_ROLE = Qt.ItemDataRole.UserRole
CAPTION_ROLE = Qt.ItemDataRole.UserRole + 1


def _poster(path: str) -> QImage:
    """The clip's first frame fitted into the tile (a worker thread: QImage is thread safe)."""
    from ...media.poster import poster_png

    data = poster_png(path, THUMB_W, THUMB_H)
    img = QImage()
    if data:
        img.loadFromData(data, "PNG")
    return img


class _Grid(QListWidget):
    """The tiles; Space plays or pauses the selected clip (Enter and a double click play it)."""

    spacePressed = Signal()

    def fit_rows(self) -> None:
        """As tall as all its rows at its width: every clip is reachable with the page's own scroll
        (never a scroll box nested in the page's)."""
        cell = self.gridSize()
        width = self.viewport().width() if self.isVisible() else self.width() - 2 * self.frameWidth()
        per_row = max(1, width // max(1, cell.width()))
        rows = max(1, math.ceil(self.count() / per_row))
        h = rows * cell.height() + 2 * self.frameWidth() + 8
        if self.height() != h or self.minimumHeight() != h:
            self.setFixedHeight(h)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.fit_rows()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Space and not e.modifiers():
            e.accept()
            self.spacePressed.emit()
            return
        super().keyPressEvent(e)


class ClipGallery(QWidget):
    """Generated clips as tiles; the selected one plays in place. See the module docstring."""

    sendRequested = Signal(str, str)
    message = Signal(str)

    def __init__(self, targets: Sequence[tuple[str, str]] = (), *, spawn: Callable[[Any], Any] | None = None,
                 empty_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipGallery")
        self._spawn = spawn
        self._tasks: set[asyncio.Task[Any]] = set()
        self.targets = list(targets)
        #: the last Save dialog opened (tests choose in it), None when none
        self.dialog: QFileDialog | None = None
        self.last_saved: list[Path] = []

        # the player is made with the first clip (it loads the multimedia back end)
        self.player: Any = None
        self.player_box = QWidget()
        self.player_box.setObjectName("clipPlayerBox")
        self._player_lay = QVBoxLayout(self.player_box)
        self._player_lay.setContentsMargins(0, 0, 0, 0)
        self.player_box.setMinimumHeight(150)
        self.player_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.caption = ElidedLabel()
        self.caption.setObjectName("clipCaption")
        self.empty = QLabel(self.tr("No clips yet.") if empty_text is None else empty_text)
        self.empty.setObjectName("galleryEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setEnabled(False)

        self.grid = _Grid()
        self.grid.setObjectName("clipGrid")
        self.grid.spacePressed.connect(self.toggle_play)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB_W, THUMB_H))
        self.grid.setGridSize(QSize(THUMB_W + 16, THUMB_H + 40))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setWordWrap(True)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.grid.setUniformItemSizes(True)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.currentItemChanged.connect(lambda _c, _p: self._selected())
        self.grid.itemActivated.connect(lambda _it: self.play())
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._menu)

        self.play_button = QToolButton()
        self.play_button.setObjectName("clipPlay")
        self.play_button.setText(self.tr("Play"))
        self.play_button.setToolTip(self.tr("Play or pause the selected clip (Space; Enter or a double click plays)"))
        self.play_button.clicked.connect(self.toggle_play)
        self.loop_button = QToolButton()
        self.loop_button.setObjectName("clipLoop")
        self.loop_button.setText(self.tr("Loop"))
        self.loop_button.setCheckable(True)
        self.loop_button.setToolTip(self.tr("Play the clip again and again"))
        self.loop_button.toggled.connect(lambda on: self.player is not None and self.player.set_loop(on))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("clipSave")
        self.save_button.setToolTip(self.tr("Save a copy of the selected clip where you choose"))
        self.save_button.clicked.connect(self.save_selected)
        self.save_all_button = QPushButton(self.tr("Save all…"))
        self.save_all_button.setObjectName("clipSaveAll")
        self.save_all_button.setToolTip(self.tr("Copy every clip into a folder you choose (nothing there is replaced)"))
        self.save_all_button.clicked.connect(self.save_all)
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.setObjectName("clipFolder")
        self.folder_button.setToolTip(self.tr("Show the selected clip's folder"))
        self.folder_button.clicked.connect(self.open_folder)
        self.send_button = QToolButton()
        self.send_button.setObjectName("clipSendTo")
        self.send_button.setText(self.tr("Send to"))
        self.send_button.setToolTip(self.tr("Open the selected clip in another tool"))
        self.send_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.send_menu = QMenu(self.send_button)
        for tool_id, label in self.targets:
            act = self.send_menu.addAction(label)
            act.setObjectName(f"sendTo_{tool_id}")
            act.triggered.connect(lambda _c=False, t=tool_id: self.send_to(t))
        self.send_button.setMenu(self.send_menu)
        if not self.targets:
            self.send_button.hide()  # (never show() a widget before it has a parent: it would be a window)

        transport = QHBoxLayout()
        transport.setContentsMargins(0, 0, 0, 0)
        transport.addWidget(self.play_button)
        transport.addWidget(self.loop_button)
        transport.addWidget(self.caption, 1)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.send_button)
        actions.addStretch(1)
        actions.addWidget(self.folder_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.save_all_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.player_box, 3)
        lay.addLayout(transport)
        lay.addWidget(self.empty)
        lay.addWidget(self.grid)
        lay.addLayout(actions)
        self._update()

    def _ensure_player(self) -> Any:
        if self.player is None:
            if multimedia.ready():
                from .player import PreviewPlayer

                p: Any = PreviewPlayer(self.player_box)
                p.playingChanged.connect(lambda on: self.play_button.setText(self.tr("Pause") if on else self.tr("Play")))
                p.video.setToolTip(self.tr("The selected clip. Space plays or pauses it."))
            else:
                p = multimedia.NoPlayback(self.player_box)
            p.set_loop(self.loop_button.isChecked())
            self._player_lay.addWidget(p)
            self.player = p
        return self.player

    # -- content -----------------------------------------------------------------------------------
    def add_clips(self, paths: Sequence[str | os.PathLike[str]], caption: str = "", tooltip: str = "") -> list[QListWidgetItem]:
        """Add result files as tiles (newest first; the first of them is selected); a path already
        shown is not added again."""
        known = set(self.paths())
        new = [Path(p) for p in paths if str(Path(p)) not in known and Path(p).is_file()]
        items = []
        for i, p in enumerate(new, 1):
            cap = f"{i}/{len(new)} · {caption}" if len(new) > 1 and caption else (caption or p.name)
            it = QListWidgetItem(cap)
            it.setData(PATH_ROLE, str(p))
            it.setData(CAPTION_ROLE, caption)
            it.setToolTip("\n".join(x for x in (tooltip or caption, str(p)) if x))
            it.setSizeHint(QSize(THUMB_W + 12, THUMB_H + 36))
            items.append(it)
        for it in reversed(items):
            self.grid.insertItem(0, it)
        for it in items:
            self._load_poster(it)
        if items:
            self.grid.setCurrentItem(items[0])
        self._update()
        return items

    def _load_poster(self, item: QListWidgetItem) -> None:
        path = str(item.data(PATH_ROLE))

        async def go() -> None:
            img = await asyncio.to_thread(_poster, path)
            if not img.isNull():
                with contextlib.suppress(RuntimeError):  # the gallery was cleared meanwhile
                    item.setIcon(QIcon(QPixmap.fromImage(img)))

        coro = go()
        task = self._spawn(coro) if self._spawn is not None else asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def posters_ready(self) -> int:
        """How many tiles show their first frame (for tests)."""
        return sum(1 for i in range(self.grid.count()) if not self.grid.item(i).icon().isNull())

    def paths(self) -> list[str]:
        return [str(self.grid.item(i).data(PATH_ROLE)) for i in range(self.grid.count())]

    def count(self) -> int:
        return self.grid.count()

    def clear(self) -> None:
        if self.player is not None:
            self.player.set_source(None)
        self.grid.clear()
        self.caption.set_full_text("")
        self._update()

    def selected_path(self) -> Path | None:
        it = self.grid.currentItem()
        return Path(str(it.data(PATH_ROLE))) if it is not None else None

    def select(self, index: int) -> None:
        if 0 <= index < self.grid.count():
            self.grid.setCurrentRow(index)

    def _selected(self) -> None:
        it = self.grid.currentItem()
        p = self.selected_path()
        if p is not None and p.is_file():
            self._ensure_player().set_source(p)
            # the caption once; the file's name in its tooltip (it repeats the caption, mostly)
            self.caption.set_full_text(it.text() if it is not None and it.text() else p.name, tooltip_extra=str(p))
        self._update()

    def _update(self) -> None:
        has = self.grid.currentItem() is not None
        n = self.grid.count()
        for b in (self.play_button, self.loop_button, self.save_button, self.folder_button, self.send_button):
            b.setEnabled(has)
        self.save_all_button.setEnabled(n > 0)
        self.save_all_button.setText(self.tr("Save all…") if n != 1 else self.tr("Save…"))
        self.empty.setVisible(n == 0)
        self.player_box.setVisible(n > 0)
        self.grid.setVisible(n > 0)
        self.grid.fit_rows()

    # -- playing ---------------------------------------------------------------------------------
    def play(self) -> None:
        if self.selected_path() is not None:
            self._ensure_player().play()

    def toggle_play(self) -> None:
        if self.player is not None and self.player.is_playing():
            self.player.pause()
        else:
            self.play()

    # -- actions ---------------------------------------------------------------------------------
    def _menu(self, pos: Any) -> None:
        if self.grid.itemAt(pos) is None:
            return
        m = QMenu(self)
        m.addAction(self.tr("Play"), self.play)
        m.addAction(self.tr("Save as…"), self.save_selected)
        m.addAction(self.tr("Open folder"), self.open_folder)
        if self.targets:
            m.addSeparator()
            for tool_id, label in self.targets:
                m.addAction(self.tr("Send to %1").replace("%1", label), lambda t=tool_id: self.send_to(t))
        m.popup(self.grid.viewport().mapToGlobal(pos))

    def send_to(self, tool_id: str) -> None:
        p = self.selected_path()
        if p is not None:
            if self.player is not None:
                self.player.pause()
            self.sendRequested.emit(tool_id, str(p))

    def save_selected(self) -> None:
        p = self.selected_path()
        if p is None:
            return
        self.dialog = ask_save_path(self, self.tr("Save the clip as"), p, self.tr("MP4 video (*.mp4)"),
                                    lambda d: self.save_to(p, d, overwrite=True))

    def save_to(self, src: str | os.PathLike[str], dest: str | os.PathLike[str], *,
                overwrite: bool = False) -> Path | None:
        """Copy ``src`` to ``dest`` (replacing ``dest`` only when ``overwrite``: the user confirmed)."""
        d = Path(dest)
        if d.suffix.lower() != Path(src).suffix.lower():
            d = d.with_name(d.name + Path(src).suffix)
        try:
            out = copy_result(src, d, overwrite=overwrite)
        except (OSError, InputError) as e:
            self.message.emit(self.tr("Could not save the clip: %1").replace("%1", str(e)))
            return None
        self.last_saved = [out]
        self.message.emit(self.tr("Saved %1").replace("%1", str(out)))
        return out

    def save_all(self) -> None:
        if not self.grid.count():
            return
        start = str(Path(self.paths()[0]).parent)
        d = QFileDialog(self, self.tr("Save every clip into a folder"), start)
        d.setFileMode(QFileDialog.FileMode.Directory)
        d.setOption(QFileDialog.Option.ShowDirsOnly, True)
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        d.fileSelected.connect(lambda folder: self.save_all_to(folder) if folder else None)
        self.dialog = d
        d.open()

    def save_all_to(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Copy every clip into ``folder`` under its own name (a free name when one is taken)."""
        out: list[Path] = []
        for src in reversed(self.paths()):  # oldest first: their numbers stay in order
            try:
                out.append(copy_result(src, Path(folder) / Path(src).name, overwrite=False))
            except (OSError, InputError) as e:
                self.message.emit(self.tr("Could not save %1: %2").replace("%1", Path(src).name).replace("%2", str(e)))
                return out
        self.last_saved = out
        self.message.emit(plural(self.tr("Saved %n clip(s) to %1", "", len(out)), len(out)).replace("%1", str(folder)))
        return out

    def open_folder(self) -> None:
        p = self.selected_path()
        if p is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(p.parent)))

    def shutdown(self) -> None:
        for t in list(self._tasks):
            t.cancel()
        if self.player is not None:
            self.player.set_source(None)
