"""The Job Queue panel: a row per job with thumbnail, tool, input, status, progress, times,
estimated vs charged credits, and actions; filters by status, tool and file name; credits spent today.

The rows are :class:`~.queue_model.JobTableModel`'s (paged from SQLite) painted by
:mod:`.queue_cells`. At the dock's default width (340 px) a row is a thumbnail, the name elided
in the middle over the tool and time, and the status over a progress bar (or the credits); from
:data:`WIDE_AT` on every column has its own place. Open, Show in folder and Retry are buttons,
the rarer actions under "More"; all are on the context menu, and a double-click shows the job
in its tab.

Signals:
    open_in_tool(str kind, int local_id): a row was double-clicked; the tool's tab shows its result.
    message(str): a readable line for the status bar (errors from actions).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.tools import job_kinds, kind_needs_face, kind_retries, kind_title
from ...jobs.history import HistoryFilter
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ..dialogs.common import confirm
from ..plural import count as n_of
from ..plural import credits, plural
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

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.queue import JobQueue

THUMB = QSize(64, 36)
THUMB_WANTED = 48   # thumbnails waiting to load (older requests are for rows scrolled past)
THUMB_LOADERS = 2   # thumbnails loading at once
WIDE_AT = 1000      # from this view width on, every column has its own place (and a header)
WIDE_WIDTHS = {COL_TOOL: 150, COL_STATUS: 160, COL_PROGRESS: 110, COL_TIME: 130, COL_CREDITS: 150}
STATUS_FILTERS = (("All jobs", ""), ("Active", "active"), ("Completed", "completed"),
                  ("Failed or unknown", "failed"), ("Cancelled", "other"))
TOOLBAR_ACTIONS = ("open", "folder", "retry")
MORE_ACTIONS = ("download", "copy", "stop", "remove")


class FilterCombo(QComboBox):
    """A filter whose items say how many jobs they show ("Completed (8,004)"); when the closed box
    is too narrow for the count, it shows the name alone (elided if need be), the count in its tooltip."""

    LabelRole = Qt.ItemDataRole.UserRole + 1

    def add(self, label: str, key: str) -> None:
        self.addItem(label, key)
        self.setItemData(self.count() - 1, label, self.LabelRole)

    def set_count(self, index: int, n: int) -> None:
        text = f"{self.itemData(index, self.LabelRole)} ({n:,})"
        self.setItemText(index, text)
        if index == self.currentIndex():
            self.setToolTip(text)

    def paintEvent(self, event: Any) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        room = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self).width() - 4
        fm = self.fontMetrics()
        text = opt.currentText  # type: ignore[attr-defined]
        if fm.horizontalAdvance(text) > room:
            text = str(self.currentData(self.LabelRole) or text)
        opt.currentText = fm.elidedText(text, Qt.TextElideMode.ElideRight, room)  # type: ignore[attr-defined]
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


def _load_thumb(path: str) -> QImage | None:
    """A small picture of an input file (image or the first frame of a video); runs in a thread.

    A video's frame comes from an ffmpeg process, so showing thumbnails does not load the
    decoders into the app (the history may be long; the app idles in a few dozen MB).
    """
    p = Path(path)
    if not p.is_file():
        return None
    reader = QImageReader(str(p))
    if reader.canRead():
        size = reader.size()
        if size.isValid():
            size.scale(THUMB * 2, Qt.AspectRatioMode.KeepAspectRatio)
            reader.setScaledSize(size)
        img = reader.read()
        return None if img.isNull() else img
    from ...media.poster import poster_png

    data = poster_png(p, THUMB.width() * 2, THUMB.height() * 2)
    if data is None:
        return None
    img = QImage.fromData(data, "PNG")
    return None if img.isNull() else img


class QueuePanel(QWidget):
    """The dockable Job Queue panel."""

    open_in_tool = Signal(str, int)
    message = Signal(str)

    def __init__(self, queue: JobQueue, parent: QWidget | None = None,
                 spawn: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("jobQueuePanel")
        self.queue = queue
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
        self.search.setPlaceholderText("Search by file name")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter = FilterCombo()
        self.status_filter.setObjectName("statusFilter")
        for label, key in STATUS_FILTERS:
            self.status_filter.add(label, key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.tool_filter = FilterCombo()
        self.tool_filter.setObjectName("toolFilter")
        self.tool_filter.add("All tools", "")
        for kind in job_kinds():
            self.tool_filter.add(kind_title(kind), kind)
        self.tool_filter.currentIndexChanged.connect(lambda _i: self._apply_filter())
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Ask the server for the status of every open job now (F5)")
        self.refresh_button.clicked.connect(self.queue.refresh)
        self.spent = QLabel()
        self.spent.setObjectName("spentToday")
        # AI calls (chat, image generation, speech, vision) are not jobs in this queue: their
        # spending is in Account > Account and usage (the server history, both merged)
        self.spent.setToolTip("What the jobs in this queue sent today cost (charged, or estimated while "
                              "running). AI calls such as Image Generation or Chat are not included: "
                              "Account › Account and usage shows all of it.")
        self.offline_label = QLabel("Offline: jobs keep running on the server; checking again by itself.")
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet("color: #b26a00;")
        self.offline_label.hide()

        self.actions: dict[str, QAction] = {}
        for key, text, short, slot in (
            ("open", "Open result", "Open", self.open_result),
            ("folder", "Show in folder", "Folder", self.show_in_folder),
            ("retry", "Retry…", "Retry", self.retry),
            ("download", "Download", "Download", self.download),
            ("copy", "Copy result URL", "Copy result URL", self.copy_url),
            ("stop", "Stop waiting", "Stop waiting", self.stop_waiting),
            ("remove", "Remove from list", "Remove from list", self.remove),
            ("tab", "Show in its tab", "Show in its tab", self.show_in_tab),
        ):
            act = QAction(text, self)
            act.setObjectName(f"action_{key}")
            act.setIconText(short)
            act.triggered.connect(slot)
            self.actions[key] = act
        self.actions["open"].setToolTip("Open the result (double-click a row to see it in its tab)")
        self.actions["retry"].setToolTip("Send a failed face swap again (asks first: the server charges again)")
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
        self.more_button.setText("More")
        self.more_button.setToolTip("Download, copy the result URL, stop waiting, remove from the list")
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toolbar.addWidget(self.more_button)
        self.actions["folder"].setToolTip("Show the result in its folder")

        # short rows, so the dock can be narrow on a small screen
        for combo in (self.status_filter, self.tool_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.offline_label.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.tool_filter, 1)
        top = QHBoxLayout()
        top.addWidget(self.spent)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
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
        prev = self.queue.on_offline

        def on_offline(value: bool) -> None:
            self.offline_label.setVisible(value)
            if prev is not None:
                prev(value)

        self.queue.on_offline = on_offline
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
        spent = self.queue.store.spent_since(midnight)
        self.spent.setText(f"Spent on jobs today: {credits(spent)}")

    def _update_counts(self) -> None:
        """The filters' item texts say how many jobs each would show (one SQL aggregate)."""
        if self._detached:
            return
        self._update_spent()
        counts = self.queue.store.history_counts(self.model.filter)
        for i, (_label, key) in enumerate(STATUS_FILTERS):
            self.status_filter.set_count(i, counts.by_group.get(key, 0))
        for i, kind in enumerate(("", *job_kinds())):
            self.tool_filter.set_count(i, counts.by_kind.get(kind, 0))
        self._update_empty()

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            f = self.model.filter
            self.empty_label.setText("No jobs match these filters." if (f.group or f.kind or f.text.strip())
                                     else "No jobs yet. Jobs you send from the tool tabs appear here.")
            self.empty_label.setGeometry(self.view.viewport().rect().adjusted(12, 12, -12, -12))
        self.empty_label.setVisible(empty)

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(HistoryFilter(group=self.status_filter.currentData() or "",
                                            kind=self.tool_filter.currentData() or "",
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
            fit = self.view.fontMetrics().horizontalAdvance("Completed, saved") + 14
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
        """A painted row has no thumbnail yet: load it soon (the rows painted last come first)."""
        if self._detached or rec.local_id in self._thumb_loading or not rec.inputs:
            return
        # a face swap shows its face, the others their input
        src = rec.inputs[1] if kind_needs_face(rec.kind) and len(rec.inputs) > 1 else rec.inputs[0]
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
        self.actions["retry"].setEnabled(bool(sel) and all(kind_retries(r.kind) and r.status is LocalStatus.FAILED
                                                           and r.remote_id for r in sel))
        self.actions["stop"].setEnabled(bool(sel) and all(not r.status.final for r in sel))
        self.actions["remove"].setEnabled(bool(sel) and all(r.status.final or r.status is LocalStatus.UNKNOWN
                                                            for r in sel))
        self.actions["tab"].setEnabled(one is not None)

    def _menu(self, pos: Any) -> None:
        self._update_buttons()
        m = QMenu(self)
        m.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for key in ("tab", "open", "folder", "retry", None, "download", "copy", "stop", None, "remove"):
            if key is None:
                m.addSeparator()
            else:
                m.addAction(self.actions[key])
        m.popup(self.view.viewport().mapToGlobal(pos))

    def _double_clicked(self, index: QModelIndex) -> None:
        rec: JobRecord = index.data(RecordRole)
        self.open_in_tool.emit(rec.kind, rec.local_id)

    def show_in_tab(self) -> None:
        for rec in self.selected()[:1]:
            self.open_in_tool.emit(rec.kind, rec.local_id)

    def open_result(self) -> None:
        for rec in self.selected()[:1]:
            if rec.result_path and Path(rec.result_path).exists():
                QDesktopServices.openUrl(QUrl.fromLocalFile(rec.result_path))
            elif rec.result_url:
                QDesktopServices.openUrl(QUrl(rec.result_url))

    def show_in_folder(self) -> None:
        for rec in self.selected()[:1]:
            if rec.result_path:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(rec.result_path).parent)))

    def copy_url(self) -> None:
        urls = [r.result_url for r in self.selected() if r.result_url]
        if urls:
            QGuiApplication.clipboard().setText("\n".join(u for u in urls if u))
            self.message.emit("Result URL copied.")

    def download(self) -> None:
        for rec in self.selected():
            if self.queue.download_dir is None:
                self.message.emit("Choose a download folder in Settings first.")
                return
            self.queue.schedule_download(rec.local_id)

    def confirm(self, text: str, on_yes: Any) -> None:
        """Ask before spending credits (non-blocking: the answer calls ``on_yes``)."""
        confirm(self, "Retry on the server", text, on_yes)

    def retry(self) -> None:
        recs = self.selected()
        if not recs:
            return
        total = sum(r.estimated_credits or 0 for r in recs)
        names = ", ".join(r.input_name for r in recs[:3]) + ("…" if len(recs) > 3 else "")

        async def go() -> None:
            for rec in recs:
                try:
                    await self.queue.retry(rec.local_id)
                except Exception as e:  # a readable line; the queue keeps the job as it was
                    self.message.emit(f"Retry of {rec.input_name} failed: {e}")
                    return
            self.message.emit(f"Sent {n_of(len(recs), 'job')} again (about {credits(total)}).")

        what = plural(self.tr("Retry %n failed face swap(s)", "", len(recs)), len(recs))
        self.confirm(f"{what} ({names})? The server charges again: about "
                     f"{credits(total)}.", lambda: self._spawn(go(), name="retry-jobs"))

    def stop_waiting(self) -> None:
        for rec in self.selected():
            self.queue.stop_waiting(rec.local_id)

    def remove(self) -> None:
        for rec in self.selected():
            self.queue.remove(rec.local_id)
