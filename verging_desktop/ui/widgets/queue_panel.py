"""The Job Queue panel: a row per job with thumbnail, tool, input, status, progress, times,
estimated vs charged credits, and actions; filters by status and tool; credits spent today.

Signals:
    open_in_tool(str kind, int local_id): a row was double-clicked; the tool's tab shows its result.
    message(str): a readable line for the status bar (errors from actions).

Store events arrive on the Qt thread (the queue runs on the qasync loop); they are coalesced
and flushed every 100 ms, so a hundred jobs updating together cost one repaint, not a hundred.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QGuiApplication,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ..plural import count as n_of
from ..plural import credits as n_credits
from ..plural import plural

if TYPE_CHECKING:  # pragma: no cover
    from ...jobs.queue import JobQueue

TOOL_NAMES = {"face-swap": "Face Swap", "video-enhance": "Video Enhance", "background-removal": "Background Removal"}
STATUS_TEXT = {
    LocalStatus.PREPARING: "Preparing",
    LocalStatus.SUBMITTING: "Sending",
    LocalStatus.PENDING: "Waiting",
    LocalStatus.PROCESSING: "Processing",
    LocalStatus.COMPLETED: "Completed",
    LocalStatus.FAILED: "Failed",
    LocalStatus.UNKNOWN: "Unknown: check verging.ai",
    LocalStatus.CANCELLED: "Cancelled",
}
COLUMNS = ["", "Tool", "Input", "Status", "Progress", "Time", "Credits"]
COL_THUMB, COL_TOOL, COL_INPUT, COL_STATUS, COL_PROGRESS, COL_TIME, COL_CREDITS = range(7)
THUMB = QSize(64, 36)
RecordRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2


def fmt_duration(seconds: float) -> str:
    s = int(max(0, seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s % 3600 // 60:02d}m"


def eta(rec: JobRecord, now: float) -> float | None:
    if rec.status is not LocalStatus.PROCESSING or not rec.progress or rec.progress <= 0:
        return None
    start = rec.started_at or rec.submitted_at or rec.created_at
    spent = now - start
    return spent * (100.0 - rec.progress) / rec.progress


def status_text(rec: JobRecord) -> str:
    text = STATUS_TEXT.get(rec.status, rec.status.value)
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DOWNLOADING:
            text = f"Downloading {rec.download_progress or 0:.0f}%"
        elif rec.download_state is DownloadState.DONE:
            text = "Completed, saved"
        elif rec.download_state is DownloadState.FAILED:
            text = "Completed, download failed"
    return text


def credits_text(rec: JobRecord) -> str:
    est = f"{rec.estimated_credits:g}" if rec.estimated_credits is not None else "?"
    if rec.charged_credits is not None:
        return f"{est} est. / {rec.charged_credits:g} charged"
    return f"{est} est."


class JobTableModel(QAbstractTableModel):
    """Rows are :class:`JobRecord` snapshots keyed by local id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[JobRecord] = []
        self._index: dict[int, int] = {}
        self._thumbs: dict[int, QPixmap] = {}
        self._pending: dict[int, JobRecord] = {}
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(100)
        self._flush.timeout.connect(self.flush)

    # -- data in --------------------------------------------------------------------------------
    def reset(self, records: list[JobRecord]) -> None:
        self.beginResetModel()
        self._rows = [r for r in records if not r.hidden]
        self._index = {r.local_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def push(self, rec: JobRecord) -> None:
        """Queue a change; rows are updated together on the next flush."""
        self._pending[rec.local_id] = rec
        if not self._flush.isActive():
            self._flush.start()

    def flush(self) -> None:
        pending, self._pending = self._pending, {}
        changed: list[int] = []
        for rec in pending.values():
            row = self._index.get(rec.local_id)
            if rec.hidden:
                if row is not None:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._rows[row]
                    self._index = {r.local_id: i for i, r in enumerate(self._rows)}
                    self.endRemoveRows()
                continue
            if row is None:
                n = len(self._rows)
                self.beginInsertRows(QModelIndex(), n, n)
                self._rows.append(rec)
                self._index[rec.local_id] = n
                self.endInsertRows()
            else:
                self._rows[row] = rec
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))

    def tick(self) -> None:
        """Refresh the time column of running jobs (once a second)."""
        rows = [i for i, r in enumerate(self._rows) if not r.status.final]
        if rows:
            self.dataChanged.emit(self.index(min(rows), COL_TIME), self.index(max(rows), COL_TIME))

    def set_thumb(self, local_id: int, pix: QPixmap) -> None:
        self._thumbs[local_id] = pix
        row = self._index.get(local_id)
        if row is not None:
            idx = self.index(row, COL_THUMB)
            self.dataChanged.emit(idx, idx)

    def record(self, row: int) -> JobRecord:
        return self._rows[row]

    def records(self) -> list[JobRecord]:
        return list(self._rows)

    def row_of(self, local_id: int) -> int | None:
        return self._index.get(local_id)

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rec = self._rows[index.row()]
        col = index.column()
        if role == RecordRole:
            return rec
        if role == ProgressRole:
            if rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DOWNLOADING:
                return rec.download_progress or 0.0
            if rec.status is LocalStatus.COMPLETED:
                return 100.0
            return rec.progress if rec.progress is not None else (0.0 if rec.status.open else None)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_THUMB:
            return self._thumbs.get(rec.local_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return rec.error or rec.result_path or rec.result_url or rec.input_name
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            if rec.status is LocalStatus.FAILED or rec.download_state is DownloadState.FAILED:
                return QColor("#c62828")
            if rec.status is LocalStatus.UNKNOWN:
                return QColor("#b26a00")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == COL_TOOL:
            return TOOL_NAMES.get(rec.kind, rec.kind)
        if col == COL_INPUT:
            return rec.input_name
        if col == COL_STATUS:
            return status_text(rec)
        if col == COL_PROGRESS:
            p = self.data(index, ProgressRole)
            return "" if p is None else f"{p:.0f}%"
        if col == COL_TIME:
            now = time.time()
            text = fmt_duration(rec.elapsed)
            left = eta(rec, now)
            return f"{text}, ~{fmt_duration(left)} left" if left is not None else text
        if col == COL_CREDITS:
            return credits_text(rec)
        return None


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
        bar.state = option.state  # type: ignore[attr-defined]
        style = option.widget.style() if option.widget else QGuiApplication.instance().style()  # type: ignore[attr-defined,union-attr]
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class JobFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status: str = ""  # "", "active", "completed", "failed", "other"
        self.kind: str = ""

    def set(self, status: str | None = None, kind: str | None = None) -> None:
        self.beginFilterChange()
        if status is not None:
            self.status = status
        if kind is not None:
            self.kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        rec: JobRecord = self.sourceModel().index(row, 0, parent).data(RecordRole)
        if self.kind and rec.kind != self.kind:
            return False
        if self.status == "active":
            return not rec.status.final and rec.status is not LocalStatus.UNKNOWN
        if self.status == "completed":
            return rec.status is LocalStatus.COMPLETED
        if self.status == "failed":
            return rec.status in (LocalStatus.FAILED, LocalStatus.UNKNOWN)
        if self.status == "other":
            return rec.status is LocalStatus.CANCELLED
        return True


def _load_thumb(path: str) -> QImage | None:
    """A small picture of an input file (image or the first frame of a video); runs in a thread."""
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
    try:
        import av

        with av.open(str(p)) as c:
            if not c.streams.video:
                return None
            frame = next(c.decode(video=0))
            w = THUMB.width() * 2
            h = max(2, int(frame.height * w / max(1, frame.width)) // 2 * 2)
            rgb = frame.reformat(width=w, height=h, format="rgb24")
            data = bytes(rgb.planes[0])
            stride = rgb.planes[0].line_size
            return QImage(data, w, h, stride, QImage.Format.Format_RGB888).copy()
    except Exception:
        return None


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
        self._thumb_tasks: set[int] = set()

        self.model = JobTableModel(self)
        self.proxy = JobFilter(self)
        self.proxy.setSourceModel(self.model)

        self.view = QTableView()
        self.view.setObjectName("jobTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(THUMB.height() + 8)
        self.view.setIconSize(THUMB)
        self.view.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.view))
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(COL_INPUT, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(COL_THUMB, THUMB.width() + 8)
        self.view.setColumnWidth(COL_PROGRESS, 110)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for label, key in (("All jobs", ""), ("Active", "active"), ("Completed", "completed"),
                           ("Failed or unknown", "failed"), ("Cancelled", "other")):
            self.status_filter.addItem(label, key)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.proxy.set(status=self.status_filter.currentData()))
        self.tool_filter = QComboBox()
        self.tool_filter.setObjectName("toolFilter")
        self.tool_filter.addItem("All tools", "")
        for kind, name in TOOL_NAMES.items():
            self.tool_filter.addItem(name, kind)
        self.tool_filter.currentIndexChanged.connect(lambda _i: self.proxy.set(kind=self.tool_filter.currentData()))
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setToolTip("Ask the server for the status of every open job now (F5)")
        self.refresh_button.clicked.connect(self.queue.refresh)
        self.spent = QLabel()
        self.spent.setObjectName("spentToday")
        self.offline_label = QLabel("Offline: jobs keep running on the server; checking again by itself.")
        self.offline_label.setObjectName("offlineLabel")
        self.offline_label.setStyleSheet("color: #b26a00;")
        self.offline_label.hide()

        self.actions: dict[str, QAction] = {}
        # a tool bar shrinks with the dock (its overflow button shows what does not fit)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("jobActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key, text, slot in (
            ("open", "Open result", self.open_result),
            ("folder", "Show in folder", self.show_in_folder),
            ("copy", "Copy result URL", self.copy_url),
            ("download", "Download", self.download),
            ("retry", "Retry", self.retry),
            ("stop", "Stop waiting", self.stop_waiting),
            ("remove", "Remove from list", self.remove),
        ):
            act = QAction(text, self)
            act.setObjectName(f"action_{key}")
            act.triggered.connect(slot)
            self.actions[key] = act
            self.toolbar.addAction(act)

        # two short rows, so the dock can be narrow on a small screen
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
        lay.addLayout(filters)
        lay.addLayout(top)
        lay.addWidget(self.offline_label)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.toolbar)

        self.model.reset(self.queue.store.list())
        for rec in self.model.records():
            self._want_thumb(rec)
        self._unsubscribe = self.queue.store.subscribe(self._on_record)
        prev = self.queue.on_offline

        def on_offline(value: bool) -> None:
            self.offline_label.setVisible(value)
            if prev is not None:
                prev(value)

        self.queue.on_offline = on_offline
        self._spent_timer = QTimer(self)
        self._spent_timer.setSingleShot(True)
        self._spent_timer.setInterval(150)
        self._spent_timer.timeout.connect(self._update_spent)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self._update_spent()
        self._update_buttons()

    # -- events -------------------------------------------------------------------------------------
    def _on_record(self, rec: JobRecord) -> None:
        self.model.push(rec)
        self._want_thumb(rec)
        if not self._spent_timer.isActive():
            self._spent_timer.start()

    def _tick(self) -> None:
        self.model.tick()
        self._update_spent()
        self._update_buttons()

    def _update_spent(self) -> None:
        midnight = _dt.datetime.combine(_dt.date.today(), _dt.time()).timestamp()
        spent = self.queue.store.spent_since(midnight)
        self.spent.setText(f"Spent today: {n_credits(spent)}")

    def closeEvent(self, event: Any) -> None:
        self.detach()
        super().closeEvent(event)

    def detach(self) -> None:
        self._ticker.stop()
        self._spent_timer.stop()
        with contextlib.suppress(Exception):
            self._unsubscribe()

    def _want_thumb(self, rec: JobRecord) -> None:
        if rec.local_id in self._thumb_tasks or not rec.inputs:
            return
        self._thumb_tasks.add(rec.local_id)
        # a face swap shows its face, the others their input
        src = rec.inputs[1] if rec.kind == "face-swap" and len(rec.inputs) > 1 else rec.inputs[0]

        async def load() -> None:
            img = await asyncio.to_thread(_load_thumb, src)
            if img is not None:
                pix = QPixmap.fromImage(img).scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation)
                self.model.set_thumb(rec.local_id, pix)

        with contextlib.suppress(RuntimeError):
            self._spawn(load(), name=f"thumb-{rec.local_id}")

    # -- selection and actions ----------------------------------------------------------------------
    def selected(self) -> list[JobRecord]:
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        return [self.model.record(r) for r in sorted(rows)]

    def select_job(self, local_id: int) -> None:
        row = self.model.row_of(local_id)
        if row is None:
            return
        idx = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectRow(idx.row())

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
        self.actions["retry"].setEnabled(bool(sel) and all(r.kind == "face-swap" and r.status is LocalStatus.FAILED
                                                           and r.remote_id for r in sel))
        self.actions["stop"].setEnabled(bool(sel) and all(not r.status.final for r in sel))
        self.actions["remove"].setEnabled(bool(sel) and all(r.status.final or r.status is LocalStatus.UNKNOWN
                                                            for r in sel))

    def _menu(self, pos: Any) -> None:
        self._update_buttons()
        m = QMenu(self)
        for key in ("open", "folder", "copy", "download", "retry", "stop", "remove"):
            m.addAction(self.actions[key])
        m.popup(self.view.viewport().mapToGlobal(pos))

    def _double_clicked(self, index: QModelIndex) -> None:
        rec: JobRecord = self.proxy.mapToSource(index).data(RecordRole)
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
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, "Retry on the server", text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda b: on_yes() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole else None)
        box.open()

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
            self.message.emit(f"Sent {n_of(len(recs), 'job')} again (about {n_credits(total)}).")

        what = plural(self.tr("Retry %n failed face swap(s)", "", len(recs)), len(recs))
        self.confirm(f"{what} ({names})? The server charges again: about "
                     f"{n_credits(total)}.", lambda: self._spawn(go(), name="retry-jobs"))

    def stop_waiting(self) -> None:
        for rec in self.selected():
            self.queue.stop_waiting(rec.local_id)

    def remove(self) -> None:
        for rec in self.selected():
            self.queue.remove(rec.local_id)
