"""The Job Queue panel: a row per job with thumbnail, tool, input, status, progress, times,
estimated vs charged credits, and actions; filters by status, tool and file name; credits spent today.

The rows are :class:`~.queue_model.JobTableModel`'s (paged from SQLite) painted by
:mod:`.queue_cells`. At the dock's default width (340 px) a row is a thumbnail, the name elided
in the middle over the tool and time, and the status over a progress bar (or the credits); from
:data:`WIDE_AT` on every column has its own place. Open, Show in folder and Retry are buttons,
the rarer actions under "More"; all are on the context menu, and a double-click shows the job
in its tab.

Vimmerse jobs are in the same store (one history): the panel is given the Vimmerse queue too
(:meth:`QueuePanel.bind_vimmerse`) and every action goes to the queue of the job's provider; the
Tool column says the provider beside the tool ("Reframe & Crop · Vimmerse"), and a job with
several results opens the first and shows the folder of all. varg jobs likewise
(:meth:`QueuePanel.bind_varg`); More › Cancel on varg sends ``DELETE /jobs/{id}`` for a varg job
on varg (:meth:`VargQueue.cancel`), and cancels one waiting here for a free slot.

Signals:
    open_in_tool(str kind, int local_id): a row was double-clicked; the tool's tab shows its result.
    message(str): a readable line for the status bar (errors from actions).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, QObject, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.i18n import _
from ...core.tools import kind_needs_face, kind_retries
from ...jobs.history import HistoryFilter, tool_choices
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ...jobs.vimmerse_queue import resent_text
from ...jobs.words import cents_amount
from ..dialogs.common import confirm
from ..plural import credits, plural
from .launch import open_path
from .queue_cells import ProgressDelegate, TwoLineDelegate
from .queue_model import (
    COL_CREDITS,
    COL_INPUT,
    COL_PROGRESS,
    COL_STATUS,
    COL_THUMB,
    COL_TIME,
    COL_TOOL,
    JobTableModel,
    RecordRole,
)
from .queue_parts import THUMB, FilterCombo, _load_thumb

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.queue import JobQueue
    from ...jobs.varg_queue import VargQueue
    from ...jobs.vimmerse_queue import VimmerseQueue

VIMMERSE = "vimmerse"
VARG = "varg"
#: a Vimmerse job that can be sent again by hand (as a new job: it charges again)
RESENDABLE = (LocalStatus.FAILED, LocalStatus.CANCELLED, LocalStatus.UNKNOWN)

THUMB_WANTED = 48   # thumbnails waiting to load (older requests are for rows scrolled past)
THUMB_LOADERS = 2   # thumbnails loading at once
WIDE_AT = 1000      # from this view width on, every column has its own place (and a header)
WIDE_WIDTHS = {COL_TOOL: 150, COL_STATUS: 160, COL_PROGRESS: 110, COL_TIME: 130, COL_CREDITS: 150}
STATUS_FILTERS = ((QT_TRANSLATE_NOOP("QueuePanel", "All jobs"), ""), (QT_TRANSLATE_NOOP("QueuePanel", "Active"), "active"),
                  (QT_TRANSLATE_NOOP("QueuePanel", "Completed"), "completed"),
                  (QT_TRANSLATE_NOOP("QueuePanel", "Failed or unknown"), "failed"), (QT_TRANSLATE_NOOP("QueuePanel", "Cancelled"), "other"))
TOOLBAR_ACTIONS = ("open", "folder", "retry")
MORE_ACTIONS = ("download", "copy", "stop", "cancel", "remove")


_PICTURED = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".mp4", ".mov", ".webm", ".mkv", ".m4v")


def _pictured(path: str) -> bool:
    """A result a thumbnail can show (an image, or a video's first frame; not a sound or a text)."""
    return path.split("?", 1)[0].lower().endswith(_PICTURED)


def _sound_kind(kind: str) -> bool:
    """A job of ``kind`` ends in a sound or a text, never a picture (varg speech, music, transcripts)."""
    from ...core.varg_models import Capability, kind_capability

    try:
        return kind_capability(kind) in (Capability.SPEECH, Capability.MUSIC, Capability.TRANSCRIPTION)
    except KeyError:
        return False


def _glyph_thumb(kind: str) -> QPixmap:
    """The tool's icon (the navigation's glyph) as the thumbnail of a job with no picture: speech,
    music, a transcript."""
    from ...core.tools import tool_for_kind
    from ..icons import glyph_color, paint_glyph

    spec = tool_for_kind(kind)
    dpr = max(1.0, float(QGuiApplication.primaryScreen().devicePixelRatio()) if QGuiApplication.primaryScreen() else 1.0)  # crisp at 200 %: drawn in device pixels
    pix = QPixmap(round(THUMB.width() * dpr), round(THUMB.height() * dpr))
    pix.setDevicePixelRatio(dpr)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    try:
        side = min(THUMB.width(), THUMB.height()) - 8
        paint_glyph(painter, QRect((THUMB.width() - side) // 2, (THUMB.height() - side) // 2, side, side),
                    spec.icon if spec else "", glyph_color(QIcon.Mode.Normal))
    finally:
        painter.end()
    return pix


class QueuePanel(QWidget):
    """The dockable Job Queue panel."""

    open_in_tool = Signal(str, int)
    message = Signal(str)

    def __init__(self, queue: JobQueue, parent: QWidget | None = None,
                 spawn: Any = None, vimmerse: VimmerseQueue | None = None, varg: VargQueue | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobQueuePanel")
        self.queue = queue
        #: the Vimmerse queue on the same store (None: Vimmerse jobs are shown, their actions wait for it)
        self.vimmerse: VimmerseQueue | None = None
        #: the varg queue on the same store (None: varg jobs are shown, their actions wait for it)
        self.varg: VargQueue | None = None
        self._offline: dict[str, bool] = {}
        self._spawn = spawn or (lambda coro, name="": asyncio.ensure_future(coro))
        self._detached = False
        # thumbnails: asked for by painted rows, loaded two at a time, the latest asked first
        self._thumb_wanted: OrderedDict[int, str] = OrderedDict()
        self._thumb_loading: set[int] = set()

        self.model = JobTableModel(queue.store, self)
        self.model.want_thumb = self._want_thumb
        self.model.on_rows_changed = self._later_counts
        #: the model the view shows (filters run in SQL, so there is no proxy any more)
        self.proxy = self.model

        self.view = QTableView()
        self.view.setObjectName("jobTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.view.setIconSize(THUMB)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._progress_delegate = ProgressDelegate(self.view)
        self._two_lines = TwoLineDelegate(self.view)
        self.view.setItemDelegateForColumn(COL_PROGRESS, self._progress_delegate)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_THUMB, QHeaderView.ResizeMode.Fixed)
        hh.setSectionResizeMode(COL_INPUT, QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(24)
        self.view.setColumnWidth(COL_THUMB, THUMB.width() + 8)
        for col, width in WIDE_WIDTHS.items():
            self.view.setColumnWidth(col, width)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)  # the empty-state text follows the viewport's size
        self._compact: bool | None = None

        self.search = QLineEdit()
        self.search.setObjectName("jobSearch")
        self.search.setPlaceholderText(self.tr("Search by file name"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter = FilterCombo()
        self.status_filter.setObjectName("statusFilter")
        for label, key in STATUS_FILTERS:
            self.status_filter.add(self.tr(label), key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.tool_filter = FilterCombo()
        self.tool_filter.setObjectName("toolFilter")
        self.tool_filter.add(self.tr("All tools"), "")
        #: each choice's job kinds (a tool per provider: "Reframe & Crop · Vimmerse" is crop and reframe)
        self._tool_choices = tool_choices()
        for label, kinds in self._tool_choices:
            self.tool_filter.add(label, ",".join(kinds))
        self.tool_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Ask the server for the status of every open job now (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.spent = QLabel()
        self.spent.setObjectName("spentToday")
        self.spent.setWordWrap(True)  # "… · Vimmerse 10 credits" must not widen the dock (1024 px windows)
        # AI calls (chat, image generation, speech, vision) are not jobs in this queue: their
        # spending is in Account > Account and usage (the server history, both merged)
        self.spent.setToolTip(self.tr("What the jobs in this queue sent today cost (charged, or estimated while "
                                      "running). AI calls such as Image Generation or Chat are not included: "
                                      "Account › Account and usage shows all of it."))
        self.offline_label = QLabel(self.tr("Offline: jobs keep running on the server; checking again by itself."))
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet("color: #b26a00;")
        self.offline_label.hide()

        self.actions: dict[str, QAction] = {}
        for key, text, short, slot in (
            ("open", self.tr("Open result"), self.tr("Open"), self.open_result),
            ("folder", self.tr("Show in folder"), self.tr("Folder"), self.show_in_folder),
            ("retry", self.tr("Retry…"), self.tr("Retry"), self.retry),
            ("download", self.tr("Download"), self.tr("Download"), self.download),
            ("copy", self.tr("Copy result URL"), self.tr("Copy result URL"), self.copy_url),
            ("stop", self.tr("Stop waiting"), self.tr("Stop waiting"), self.stop_waiting),
            ("cancel", self.tr("Cancel on varg"), self.tr("Cancel on varg"), self.cancel_varg),
            ("remove", self.tr("Remove from list"), self.tr("Remove from list"), self.remove),
            ("tab", self.tr("Show in its tab"), self.tr("Show in its tab"), self.show_in_tab),
        ):
            act = QAction(text, self)
            act.setObjectName(f"action_{key}")
            act.setIconText(short)
            act.triggered.connect(slot)
            self.actions[key] = act
        self.actions["open"].setToolTip(self.tr("Open the result (double-click a row to see it in its tab)"))
        self.actions["retry"].setToolTip(self.tr("Send a failed face swap, or a Vimmerse job that failed or was not "
                                                 "sent, again (asks first: it charges again)"))
        # the actions used most are buttons; the rare ones are under "More" (and all on the context menu)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("jobActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in TOOLBAR_ACTIONS:
            self.toolbar.addAction(self.actions[key])
        self.more_menu = QMenu(self)
        for key in MORE_ACTIONS:
            self.more_menu.addAction(self.actions[key])
        self.more_button = QToolButton()
        self.more_button.setObjectName("moreActions")
        self.more_button.setText(self.tr("More"))
        self.more_button.setToolTip(self.tr("Download, copy the result URL, stop waiting, remove from the list"))
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.more_button)
        self.actions["folder"].setToolTip(self.tr("Show the result in its folder"))

        # short rows, so the dock can be narrow on a small screen
        for combo in (self.status_filter, self.tool_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.offline_label.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.tool_filter, 1)
        top = QHBoxLayout()
        top.addWidget(self.spent, 1)  # the line takes the room there is (it wraps only when there is none)
        # Refresh keeps its place at the top when the line beside it wraps
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.search)
        lay.addLayout(filters)
        lay.addLayout(top)
        lay.addWidget(self.offline_label)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.toolbar)
        self.empty_label = QLabel(self.view.viewport())
        self.empty_label.setObjectName("queueEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        self.model.reload()
        self._unsubscribe = self.queue.store.subscribe(self._on_record)
        self._watch_offline("verging", self.queue)
        self.bind_vimmerse(vimmerse)
        self.bind_varg(varg)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(150)
        self._counts_timer.timeout.connect(self._update_counts)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._update_counts()
        self._update_buttons()
        self._fit()

    # -- the queues -----------------------------------------------------------------------------------
    def _watch_offline(self, provider: str, queue: Any) -> None:
        prev = queue.on_offline

        def on_offline(value: bool) -> None:
            self._offline[provider] = value
            self.offline_label.setVisible(any(self._offline.values()))
            if prev is not None:
                prev(value)

        queue.on_offline = on_offline

    def bind_vimmerse(self, queue: VimmerseQueue | None) -> None:
        """The Vimmerse queue on this panel's store (replaced with the Vimmerse connection; None: gone)."""
        if queue is not None and queue.store is not self.queue.store:
            queue = None  # another store's queue (a switch under way): its jobs are not the ones shown
        self.vimmerse = queue
        self._offline.pop(VIMMERSE, None)
        if queue is not None:
            self._watch_offline(VIMMERSE, queue)
        self.offline_label.setVisible(any(self._offline.values()))
        self._update_buttons()

    def bind_varg(self, queue: VargQueue | None) -> None:
        """The varg queue on this panel's store (replaced with the varg connection; None: gone)."""
        if queue is not None and queue.store is not self.queue.store:
            queue = None
        self.varg = queue
        self._offline.pop(VARG, None)
        if queue is not None:
            self._watch_offline(VARG, queue)
        self.offline_label.setVisible(any(self._offline.values()))
        self._update_buttons()

    def queue_of(self, rec: JobRecord) -> Any:
        """The queue that runs ``rec`` (None: its provider's queue is not ready)."""
        if rec.provider == VARG:
            return self.varg
        return self.vimmerse if rec.provider == VIMMERSE else self.queue

    def refresh(self) -> None:
        """Ask every provider for the status of its open jobs now."""
        self.queue.refresh()
        if self.vimmerse is not None:
            self.vimmerse.refresh()
        if self.varg is not None:
            self.varg.refresh()

    # -- events -------------------------------------------------------------------------------------
    def _on_record(self, rec: JobRecord) -> None:
        self.model.push(rec)
        self._thumb_wanted.pop(rec.local_id, None) if rec.hidden else None

    def _later_counts(self) -> None:
        if not self._counts_timer.isActive():
            self._counts_timer.start()

    def _tick(self) -> None:
        self.model.tick()
        self._update_spent()
        if len(self.view.selectionModel().selectedRows()) <= 200:  # a huge selection is judged when it changes
            self._update_buttons()

    def _update_spent(self) -> None:
        if self._detached:
            return
        midnight = _dt.datetime.combine(_dt.date.today(), _dt.time()).timestamp()
        store = self.queue.store
        parts = []
        verging = store.spent_since(midnight, 'verging')
        other = store.spent_since(midnight, VIMMERSE)  # Vimmerse counts its own credits
        cents = store.spent_since(midnight, VARG)  # varg's are cents
        if verging or not (other or cents):
            parts.append(credits(verging))  # "0 credits" only when nothing was spent at all
        if other:
            parts.append(self.tr("Vimmerse %1").replace("%1", credits(other)))
        if cents:
            parts.append(f"varg\u00a0{cents_amount(cents)}")  # no-break spaces: a wrapped line keeps "varg 33 ¢" whole
        self.spent.setText(self.tr("Spent on jobs today: %1").replace("%1", " · ".join(parts)))

    def _update_counts(self) -> None:
        """The filters' item texts say how many jobs each would show (one SQL aggregate)."""
        if self._detached:
            return
        self._update_spent()
        counts = self.queue.store.history_counts(self.model.filter)
        for i, (_label, key) in enumerate(STATUS_FILTERS):
            self.status_filter.set_count(i, counts.by_group.get(key, 0))
        self.tool_filter.set_count(0, counts.by_kind.get("", 0))
        for i, (_label, kinds) in enumerate(self._tool_choices, start=1):
            self.tool_filter.set_count(i, sum(counts.by_kind.get(k, 0) for k in kinds))
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            f = self.model.filter
            self.empty_label.setText(self.tr("No jobs match these filters.") if (f.group or f.kind or f.text.strip())
                                     else self.tr("No jobs yet. Jobs you send from the tool tabs appear here."))
            self.empty_label.setGeometry(self.view.viewport().rect().adjusted(12, 12, -12, -12))
        self.empty_label.setVisible(empty)

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        kinds = tuple(k for k in str(self.tool_filter.currentData() or "").split(",") if k)
        self.model.set_filter(HistoryFilter(group=self.status_filter.currentData() or "",
                                            kind=kinds[0] if len(kinds) == 1 else "",
                                            kinds=kinds if len(kinds) > 1 else (),
                                            text=self.search.text()))
        self._update_counts()
        self._update_buttons()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.Resize:
            self._fit()
        elif obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update_empty()  # the view's own Resize comes before the viewport has its new size
        return super().eventFilter(obj, event)

    def _fit(self) -> None:
        """Narrow (the dock's default): thumbnail, two-line name and status, no header, nothing to
        scroll sideways. Wide: every column, headed."""
        width = self.view.width()
        compact = width < WIDE_AT
        if compact != self._compact:
            self._compact = compact
            self.model.compact = compact
            for col in (COL_TOOL, COL_PROGRESS, COL_TIME, COL_CREDITS):
                self.view.setColumnHidden(col, compact)
            self.view.horizontalHeader().setVisible(not compact)
            for col in (COL_INPUT, COL_STATUS):
                self.view.setItemDelegateForColumn(col, self._two_lines if compact else None)  # type: ignore[arg-type]
            if not compact:
                self.view.setColumnWidth(COL_STATUS, WIDE_WIDTHS[COL_STATUS])
        if compact:  # room for "Completed, saved"; longer states wrap or elide (the tooltip has them)
            fit = self.view.fontMetrics().horizontalAdvance(_("Completed, saved")) + 14  # as the cell says it
            self.view.setColumnWidth(COL_STATUS, max(90, min(fit, int(width * 0.4))))
        self._update_empty()

    def closeEvent(self, event: Any) -> None:
        self.detach()
        super().closeEvent(event)

    def detach(self) -> None:
        self._detached = True
        self._ticker.stop()
        self._counts_timer.stop()
        self._search_timer.stop()
        self._thumb_wanted.clear()
        with contextlib.suppress(Exception):
            self._unsubscribe()
        self.model.release()

    # -- thumbnails -----------------------------------------------------------------------------------
    def _want_thumb(self, rec: JobRecord) -> None:
        """A painted row has no thumbnail yet: load it soon (the rows painted last come first). A job
        made from a prompt alone (a varg image, video, speech or music) shows its result once it is
        downloaded, or its tool's icon: never an empty square."""
        if self._detached or rec.local_id in self._thumb_loading:
            return
        if rec.inputs:
            # a face swap shows its face, the others their input
            src = rec.inputs[1] if kind_needs_face(rec.kind) and len(rec.inputs) > 1 else rec.inputs[0]
            if _sound_kind(rec.kind) and not _pictured(src):
                # a transcription's input is a sound: no picture in it, the tool's icon instead
                self.model.set_thumb(rec.local_id, _glyph_thumb(rec.kind))
                return
        elif rec.download_state is DownloadState.DONE and rec.result_path:
            if not _pictured(rec.result_path):
                self.model.set_thumb(rec.local_id, _glyph_thumb(rec.kind))
                return
            src = rec.result_path
        elif _sound_kind(rec.kind) or not (rec.status.open or rec.status is LocalStatus.COMPLETED):
            # no picture will come: a sound, a transcript, or a job that ended without a result
            self.model.set_thumb(rec.local_id, _glyph_thumb(rec.kind))
            return
        else:
            return  # its picture comes with the result (the row is painted again then)
        self._thumb_wanted[rec.local_id] = src
        self._thumb_wanted.move_to_end(rec.local_id)
        while len(self._thumb_wanted) > THUMB_WANTED:
            self._thumb_wanted.popitem(last=False)  # scrolled past long ago
        self._load_thumbs()

    def _load_thumbs(self) -> None:
        while self._thumb_wanted and len(self._thumb_loading) < THUMB_LOADERS and not self._detached:
            local_id, src = self._thumb_wanted.popitem(last=True)
            self._thumb_loading.add(local_id)
            coro = self._thumb(local_id, src)
            try:
                self._spawn(coro, name=f"thumb-{local_id}")
            except RuntimeError:  # no event loop (yet): no thumbnail, the row stays usable
                coro.close()
                self._thumb_loading.discard(local_id)
                return

    async def _thumb(self, local_id: int, src: str) -> None:
        pix: QPixmap | None = None
        try:
            img = await asyncio.to_thread(_load_thumb, src)
            if img is not None:
                pix = QPixmap.fromImage(img).scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation)
        finally:
            self._thumb_loading.discard(local_id)
        if not self._detached:
            self.model.set_thumb(local_id, pix)  # None: remembered as "no picture", not asked again
            self._load_thumbs()

    # -- selection and actions ----------------------------------------------------------------------
    def selected(self) -> list[JobRecord]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return self.model.records_at(rows)

    def _update_buttons(self) -> None:
        sel = self.selected()
        one = sel[0] if len(sel) == 1 else None
        has_file = bool(one and one.result_path and Path(one.result_path).exists())
        self.actions["open"].setEnabled(has_file or bool(one and one.result_url))
        self.actions["folder"].setEnabled(has_file)
        self.actions["copy"].setEnabled(bool(one and one.result_url))
        self.actions["download"].setEnabled(bool(sel) and all(r.status is LocalStatus.COMPLETED and r.result_url
                                                              and r.download_state is not DownloadState.DONE
                                                              for r in sel))
        self.actions["retry"].setEnabled(bool(sel) and (
            all(kind_retries(r.kind) and r.status is LocalStatus.FAILED and r.remote_id for r in sel)
            or (self.vimmerse is not None and all(r.provider == VIMMERSE and r.status in RESENDABLE
                                                  and r.params.get("request") for r in sel))
            or (self.varg is not None and all(r.provider == VARG and r.status in RESENDABLE
                                              and r.params.get("model") for r in sel))))
        # an unknown Vimmerse job is not looked for (nothing lists assets): there is nothing to stop
        self.actions["stop"].setEnabled(bool(sel) and all(not r.status.final and not (
            r.provider == VIMMERSE and r.status is LocalStatus.UNKNOWN) and r.provider != VARG for r in sel))
        # a varg job is cancelled on varg (or here, while it waits); an unknown one without an id cannot be
        self.actions["cancel"].setEnabled(bool(sel) and all(r.provider == VARG and not r.status.final and not (
            r.status is LocalStatus.UNKNOWN and not r.remote_id) for r in sel))
        self.actions["remove"].setEnabled(bool(sel) and all(r.status.final or r.status is LocalStatus.UNKNOWN
                                                            for r in sel))
        self.actions["tab"].setEnabled(one is not None)

    def _menu(self, pos: Any) -> None:
        self._update_buttons()
        m = QMenu(self)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for key in ("tab", "open", "folder", "retry", None, "download", "copy", "stop", "cancel", None, "remove"):
            if key is None:
                m.addSeparator()
            else:
                m.addAction(self.actions[key])
                if key == "open":
                    self._add_results_menu(m)
        m.popup(self.view.viewport().mapToGlobal(pos))

    def _add_results_menu(self, menu: QMenu) -> None:
        """A job with several saved results: each one under "Open a result"."""
        sel = self.selected()
        files = saved_results(sel[0]) if len(sel) == 1 else []
        if len(files) < 2:
            return
        sub = menu.addMenu(self.tr("Open a result (%1)").replace("%1", f"{len(files):,}"))
        sub.setObjectName("resultsMenu")
        for f in files:
            act = sub.addAction(f.name)
            act.triggered.connect(lambda _c=False, f=f: open_path(f, self, self.message.emit))

    def _double_clicked(self, index: QModelIndex) -> None:
        rec: JobRecord = index.data(RecordRole)
        self.open_in_tool.emit(rec.kind, rec.local_id)

    def show_in_tab(self) -> None:
        for rec in self.selected()[:1]:
            self.open_in_tool.emit(rec.kind, rec.local_id)

    def open_result(self) -> None:
        for rec in self.selected()[:1]:
            if rec.result_path and Path(rec.result_path).exists():
                open_path(Path(rec.result_path), self, self.message.emit)
            elif rec.result_url and not QDesktopServices.openUrl(QUrl(rec.result_url)):
                self.message.emit(self.tr("No web browser could be started to open the result; More › Copy result "
                                          "URL copies its address."))

    def show_in_folder(self) -> None:
        for rec in self.selected()[:1]:
            if rec.result_path:
                open_path(Path(rec.result_path).parent, self, self.message.emit, folder=True)

    def copy_url(self) -> None:
        urls = [u for r in self.selected() for u in (r.params.get("result_urls") or [r.result_url]) if u]
        if urls:
            QGuiApplication.clipboard().setText("\n".join(u for u in urls if u))
            self.message.emit(self.tr("Result URL copied."))

    def download(self) -> None:
        for rec in self.selected():
            q = self.queue_of(rec)
            if q is None:
                self.message.emit(self.tr(NOT_READY))
                return
            if q.download_dir is None and not rec.dest:
                self.message.emit(self.tr("Choose a download folder in Settings first."))
                return
            q.schedule_download(rec.local_id)

    def confirm(self, text: str, on_yes: Any) -> None:
        """Ask before spending credits (non-blocking: the answer calls ``on_yes``)."""
        confirm(self, self.tr("Retry on the server"), text, on_yes)

    def retry(self) -> None:
        recs = self.selected()
        if not recs:
            return
        if all(r.provider == VIMMERSE for r in recs):
            self.resend(recs)
            return
        if all(r.provider == VARG for r in recs):
            self.resend_varg(recs)
            return
        total = sum(r.estimated_credits or 0 for r in recs)
        names = ", ".join(r.input_name for r in recs[:3]) + ("…" if len(recs) > 3 else "")

        async def go() -> None:
            for rec in recs:
                try:
                    await self.queue.retry(rec.local_id)
                except Exception as e:  # a readable line; the queue keeps the job as it was
                    self.message.emit(self.tr("Retry of %1 failed: %2").replace("%1", rec.input_name).replace("%2", str(e)))
                    return
            self.message.emit(plural(self.tr("Sent %n job(s) again (about %1).", "", len(recs)), len(recs)).replace(
                "%1", credits(total)))

        what = plural(self.tr("Retry %n failed face swap(s)", "", len(recs)), len(recs))
        self.confirm(self.tr("%1 (%2)? The server charges again: about %3.").replace("%1", what).replace(
            "%2", names).replace("%3", credits(total)), lambda: self._spawn(go(), name="retry-jobs"))

    def resend(self, recs: list[JobRecord]) -> None:
        """Send Vimmerse jobs again as new jobs (asks first: Vimmerse charges again)."""
        q = self.vimmerse
        if q is None:
            self.message.emit(self.tr(NOT_READY))
            return
        again = [r for r in recs if r.params.get("resent_as")]
        if again:  # one failed job is sent again once: the new job is the one to send again
            self.message.emit(resent_text(again[0]))
            return
        self._resend(q, recs, label="Vimmerse", amount=credits, task="resend-vimmerse-jobs",
                     what=plural(self.tr("Send %n Vimmerse job(s) again", "", len(recs)), len(recs)),
                     may_exist=lambda n: self.tr("%n of them may have been created on Vimmerse already: check "
                                                 "your assets at vimmerse.net first.", "", n))

    def resend_varg(self, recs: list[JobRecord]) -> None:
        """Send varg jobs again as new jobs (asks first: varg charges again unless its cache has them)."""
        q = self.varg
        if q is None:
            self.message.emit(self.tr(NOT_READY_VARG))
            return
        self._resend(q, recs, label="varg", amount=cents_amount, task="resend-varg-jobs",
                     what=plural(self.tr("Send %n varg job(s) again", "", len(recs)), len(recs)),
                     may_exist=lambda n: self.tr("%n of them may have been created on varg already: check "
                                                 "your usage at varg.ai first.", "", n))

    def _resend(self, q: VimmerseQueue | VargQueue, recs: list[JobRecord], *, label: str,
                amount: Callable[[float], str], task: str, what: str, may_exist: Callable[[int], str]) -> None:
        """Ask, then send ``recs`` to ``q`` again as new jobs, one after the other (the first failure
        stops there). ``what`` starts the question, ``may_exist(n)`` warns of ``n`` jobs the provider
        may have made already, ``amount`` writes the estimate."""
        total = sum(r.estimated_credits or 0 for r in recs)
        names = ", ".join(r.input_name for r in recs[:3]) + ("…" if len(recs) > 3 else "")
        unknown = sum(1 for r in recs if r.status is LocalStatus.UNKNOWN)

        async def go() -> None:
            for rec in recs:
                try:
                    await q.resend(rec.local_id)
                except Exception as e:  # a readable line; the old job stays as it was
                    self.message.emit(self.tr("Sending %1 again failed: %2").replace("%1", rec.input_name).replace("%2", str(e)))
                    return
            self.message.emit(plural(self.tr("Sent %n job(s) to %1 again (about %2).", "", len(recs)), len(recs)).replace(
                "%1", label).replace("%2", amount(total)))

        text = self.tr("%1 (%2)? Each is sent as a new job and %3 charges again: about %4.").replace(
            "%1", what).replace("%2", names).replace("%3", label).replace("%4", amount(total))
        if unknown:
            text += " " + plural(may_exist(unknown), unknown)
        self.confirm(text, lambda: self._spawn(go(), name=task))

    def stop_waiting(self) -> None:
        for rec in self.selected():
            q = self.queue_of(rec)
            if q is None:
                self.message.emit(self.tr(NOT_READY))
                return
            q.stop_waiting(rec.local_id)

    def cancel_varg(self) -> None:
        """Cancel the selected varg jobs: ``DELETE /jobs/{id}`` for those on varg, here for those waiting."""
        recs = [r for r in self.selected() if r.provider == VARG]
        q = self.varg
        if not recs:
            return
        if q is None:
            self.message.emit(self.tr(NOT_READY_VARG))
            return

        async def go() -> None:
            for rec in recs:
                try:
                    await q.cancel(rec.local_id)
                except Exception as e:  # a readable line; the job stays as it was
                    self.message.emit(self.tr("Cancelling %1 failed: %2").replace("%1", rec.input_name).replace("%2", str(e)))
                    return
            self.message.emit(plural(self.tr("Cancelled %n varg job(s).", "", len(recs)), len(recs)))

        self._spawn(go(), name="cancel-varg-jobs")

    def remove(self) -> None:
        for rec in self.selected():
            self.queue.store.update(rec.local_id, hidden=True)  # one store for every provider's jobs


NOT_READY = QT_TRANSLATE_NOOP("QueuePanel", "Vimmerse is not connected yet; try again in a moment.")
NOT_READY_VARG = QT_TRANSLATE_NOOP("QueuePanel", "varg is not connected yet; try again in a moment.")


def saved_results(rec: JobRecord) -> list[Path]:
    """The result files of a job that exist now (several for a Vimmerse job with a quantity)."""
    paths = [Path(p) for p in rec.params.get("result_paths") or []] or (
        [Path(rec.result_path)] if rec.result_path else [])
    return [p for p in paths if p.is_file()]
