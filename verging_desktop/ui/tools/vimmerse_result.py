"""A Vimmerse job's result in its tab: its state, the estimate next to what was charged, the result
played with its own sound, the before/after compare view when the input was a video, and Save as,
Open folder, Send to another tool and Send again.

The result plays in a :class:`~verging_desktop.ui.video.player.PreviewPlayer` (its own sound: a lip
sync's new speech is heard). When the job started from a local video (the trimmed cut that was
uploaded, kept with the job as ``compare_with``) the *Compare* view shows it beside the result
(:class:`~verging_desktop.ui.video.compare.CompareView`: wipe, side by side, toggle, zoom). Players
are made the first time a result is shown (making them loads the multimedia back end).

Signals:
    message(str): a line for the status bar.
    resendRequested(int): Send again was pressed on a failed or interrupted job.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core import i18n
from ...core.errors import InputError
from ...jobs.store import JobRecord, LocalStatus
from ...jobs.words import error_text, result_charge_text, result_status
from ...services.files import copy_result
from ..colors import error_color
from ..dialogs.common import ask_save_path
from ..jobs.result_panel import result_file
from ..widgets.elide import ElidedLabel

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext
    from ..jobs.watcher import JobWatcher
    from ..video.compare import CompareView

#: the tools a finished video can be sent to (ids of the registry), in menu order
SEND_TO = ("reframe", "sound", "video-enhance", "replace-background", "lip-sync", "generate-video")


class VimmerseResult(QWidget):
    """One job's result (see the module docstring)."""

    message = Signal(str)
    resendRequested = Signal(int)

    def __init__(self, ctx: ToolContext, watcher: JobWatcher, *, compare_first: bool = False, own_tool: str = "",
                 sound_from: str = "original", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: whose sound the compare view plays ("result" for a tool that changes the sound: a lip sync)
        self.sound_from = sound_from
        #: the tab's own tool (not offered in Send to)
        self.own_tool = own_tool
        self.setObjectName("vimmerseResult")
        self.ctx = ctx
        self.watcher = watcher
        self.compare_first = compare_first
        self.local_id: int | None = None
        self.record: JobRecord | None = None
        self.last_saved: Path | None = None
        self._shown: tuple[str, str] | None = None
        self.player: Any = None
        self.compare: CompareView | None = None

        self.title = ElidedLabel()
        self.title.setObjectName("resultTitle")
        self.title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.title.set_full_text(self.tr("Result"))
        self.status = QLabel()
        self.status.setObjectName("resultStatus")
        self.status.setWordWrap(True)
        self.charge = QLabel()
        self.charge.setObjectName("resultCharge")

        self.play_view = QPushButton(self.tr("Result", "the view that plays the result"))
        self.play_view.setObjectName("viewResult")
        self.play_view.setToolTip(self.tr("Play the result with its sound"))
        self.compare_view = QPushButton(self.tr("Compare with the source"))
        self.compare_view.setObjectName("viewCompare")
        self.compare_view.setToolTip(self.tr("The uploaded video and the result side by side, in sync"))
        self.views = QButtonGroup(self)
        for b in (self.play_view, self.compare_view):
            b.setCheckable(True)
            self.views.addButton(b)
        self.play_view.setChecked(True)
        self.play_view.toggled.connect(lambda on: on and self._show_view("play"))
        self.compare_view.toggled.connect(lambda on: on and self._show_view("compare"))
        self.placeholder = QLabel(self.tr("Submit a job: its result plays here when it is done."))
        self.placeholder.setObjectName("resultPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.setMinimumHeight(160)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setObjectName("playResult")
        self.play_button.clicked.connect(self.toggle_play)

        self.send_button = QToolButton()
        self.send_button.setObjectName("sendTo")
        self.send_button.setText(self.tr("Send to"))
        self.send_button.setToolTip(self.tr("Open the result in another tool"))
        self.send_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.send_menu = QMenu(self.send_button)
        self.send_button.setMenu(self.send_menu)
        self._fill_send_menu()
        self.save_button = QPushButton(self.tr("Save as…"))
        self.save_button.setObjectName("saveResult")
        self.save_button.clicked.connect(self.save_as)
        self.folder_button = QPushButton(self.tr("Open folder"))
        self.folder_button.setObjectName("openFolder")
        self.folder_button.clicked.connect(self.open_folder)
        self.resend_button = QPushButton(self.tr("Send again…"))
        self.resend_button.setObjectName("resendJob")
        self.resend_button.clicked.connect(lambda: self.local_id is not None and self.resendRequested.emit(self.local_id))

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.charge)
        views = QHBoxLayout()
        views.addWidget(self.play_view)
        views.addWidget(self.compare_view)
        views.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.play_button)
        actions.addStretch(1)
        actions.addWidget(self.resend_button)
        actions.addWidget(self.send_button)
        actions.addWidget(self.folder_button)
        actions.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.status)
        lay.addLayout(views)
        lay.addWidget(self.stack, 1)
        lay.addLayout(actions)
        watcher.recordChanged.connect(self._on_record)
        self._update_actions()

    def _fill_send_menu(self) -> None:
        from ...core.tools import TOOLS

        ids = {t.id: t for t in TOOLS}
        for tid in SEND_TO:
            spec = ids.get(tid)
            if spec is None or tid == self.own_tool:
                continue
            act = self.send_menu.addAction(i18n._(spec.title))
            act.setObjectName(f"sendTo-{tid}")
            act.triggered.connect(lambda _c=False, t=tid: self.send_to(t))

    # -- showing -------------------------------------------------------------------------------------
    def show_job(self, local_id: int) -> None:
        self.local_id = local_id
        self._shown = None
        rec = self.watcher.record(local_id)
        if rec is None:
            self.record = None
            self.title.set_full_text(self.tr("Result"))
            self.status.setText(self.tr("That job is no longer in the queue."))
            self.charge.clear()
            self._update_actions()
            return
        self._apply(rec)

    def reset(self) -> None:
        self.local_id = None
        self.record = None
        self._shown = None
        self.title.set_full_text(self.tr("Result"))
        self.status.clear()
        self.charge.clear()
        self._release()
        self.stack.setCurrentWidget(self.placeholder)
        self._update_actions()

    def _on_record(self, rec: JobRecord) -> None:
        if rec.local_id == self.local_id:
            self._apply(rec)

    def original_path(self, rec: JobRecord) -> Path | None:
        p = rec.params.get("compare_with")
        return Path(p) if isinstance(p, str) and p and Path(p).is_file() else None

    @property
    def result_path(self) -> Path | None:
        return result_file(self.record)

    def _apply(self, rec: JobRecord) -> None:
        self.record = rec
        self.title.set_full_text(self.tr("Result: %1").replace("%1", rec.input_name))
        text = result_status(rec)
        if rec.status in (LocalStatus.FAILED, LocalStatus.UNKNOWN, LocalStatus.CANCELLED) and rec.error:
            text = self.tr("%1: %2", "a job's status and its error").replace("%1", text).replace("%2", error_text(rec))
        self.status.setText(text)
        bad = rec.status in (LocalStatus.FAILED, LocalStatus.UNKNOWN)
        self.status.setStyleSheet(f"color: {error_color()};" if bad else "")
        self.charge.setText(result_charge_text(rec))
        res, orig = result_file(rec), self.original_path(rec)
        key = (str(orig or ""), str(res or ""))
        if key != self._shown:
            self._shown = key
            if res is None:
                self._release()
                self.placeholder.setText(self.tr("Waiting for the result…") if not bad else self.tr("No result."))
                self.stack.setCurrentWidget(self.placeholder)
            else:
                self._load(res, orig)
        self._update_actions()

    def _ensure_player(self) -> Any:
        if self.player is None:
            from ..widgets import multimedia

            if multimedia.ready():
                from ..video.player import PreviewPlayer

                self.player = PreviewPlayer()
                self.player.playingChanged.connect(lambda on: self.play_button.setText(self.tr("Pause") if on else self.tr("Play")))
            else:
                self.player = multimedia.NoPlayback()
            self.stack.addWidget(self.player)
        return self.player

    def _ensure_compare(self) -> CompareView:
        if self.compare is None:
            from ..video.compare import CompareView

            self.compare = CompareView(sound_from=self.sound_from)
            self.stack.addWidget(self.compare)
        return self.compare

    def _load(self, res: Path, orig: Path | None) -> None:
        player = self._ensure_player()
        player.set_source(res)
        if orig is not None:
            self._ensure_compare().set_media(orig, res)
        elif self.compare is not None:
            self.compare.clear()
        self.compare_view.setVisible(orig is not None)
        self.play_view.setVisible(orig is not None)
        want = "compare" if orig is not None and (self.compare_first or self.compare_view.isChecked()) else "play"
        (self.compare_view if want == "compare" else self.play_view).setChecked(True)
        self._show_view(want)

    def _show_view(self, which: str) -> None:
        if self.result_path is None:
            return
        if which == "compare" and self.compare is not None:
            if self.player is not None:
                self.player.pause()
            self.stack.setCurrentWidget(self.compare)
        elif self.player is not None:
            if self.compare is not None:
                self.compare.pause()
            self.stack.setCurrentWidget(self.player)
        self._update_actions()

    @property
    def view(self) -> str:
        """"play", "compare" or "" (nothing shown yet)."""
        w = self.stack.currentWidget()
        if self.compare is not None and w is self.compare:
            return "compare"
        if self.player is not None and w is self.player:
            return "play"
        return ""

    def toggle_play(self) -> None:
        p = self.player
        if p is None or self.result_path is None:
            return
        if self.view != "play":
            self.play_view.setChecked(True)
        if p.is_playing():
            p.pause()
        else:
            p.play()

    def _release(self) -> None:
        if self.player is not None:
            self.player.set_source(None)
        if self.compare is not None:
            self.compare.clear()
        self.compare_view.hide()
        self.play_view.hide()

    def _update_actions(self) -> None:
        rec = self.record
        has = self.result_path is not None
        for b in (self.save_button, self.folder_button, self.send_button):
            b.setEnabled(has)
        self.play_button.setVisible(has and self.view == "play")
        self.resend_button.setVisible(bool(rec and rec.status in (LocalStatus.FAILED, LocalStatus.UNKNOWN,
                                                                  LocalStatus.CANCELLED)))

    # -- actions ---------------------------------------------------------------------------------------
    def save_as(self) -> None:
        res = self.result_path
        if res is None:
            return
        ask_save_path(self, self.tr("Save the result as"), res, self.tr("MP4 video (*.mp4)"),
                      lambda p: self.save_to(p, overwrite=True))

    def save_to(self, dest: str | Path, *, overwrite: bool = False) -> Path | None:
        """Copy the result to ``dest`` (``overwrite`` only when the user confirmed replacing)."""
        res = self.result_path
        if res is None:
            return None
        d = Path(dest)
        if res.suffix and d.suffix.lower() != res.suffix.lower():
            d = d.with_name(d.name + res.suffix)
        try:
            out = copy_result(res, d, overwrite=overwrite)
        except (OSError, InputError) as e:
            self.message.emit(self.tr("Could not save the result: %1").replace("%1", str(e)))
            return None
        self.last_saved = out
        self.message.emit(self.tr("Saved %1").replace("%1", str(out)))
        return out

    def open_folder(self) -> None:
        res = self.result_path
        if res is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(res.parent)))

    def send_to(self, tool_id: str) -> str:
        res = self.result_path
        if res is None:
            return ""
        from ..widgets.ai_handoff import hand_off

        line = hand_off(self.ctx, tool_id, res)
        self.message.emit(line)
        return line

    def shutdown(self) -> None:
        if self.compare is not None:
            self.compare.shutdown()
        if self.player is not None:
            self.player.stop()
            self.player.set_source(None)
