"""The Job Queue's table model: the job history, newest first, paged from SQLite.

The history can hold tens of thousands of jobs: the model keeps only the ordered ids of the rows
the filter shows and a few pages of records around the rows on screen; the filters and the
counts are SQL, and a store event changes only its own row. Store events arrive on the Qt thread
(the queue runs on the qasync loop); they are coalesced and flushed every 100 ms, so a hundred
jobs updating together cost one repaint, not a hundred.
"""

from __future__ import annotations

import array
import bisect
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPixmap

from ...core.tools import kind_needs_face
from ...jobs.durations import remaining_seconds, typical_seconds
from ...jobs.history import HistoryFilter
from ...jobs.store import DownloadState, JobRecord, JobStore, LocalStatus
from ...jobs.words import (
    error_text,
    estimate_charge_text,
    queue_status,
    short_charge_text,
    time_text,
    tool_text,
)
from ..plural import plural
from . import uploads as upload_board

COLUMNS = [QT_TRANSLATE_NOOP("JobTableModel", "Preview"), QT_TRANSLATE_NOOP("JobTableModel", "Tool"),
           QT_TRANSLATE_NOOP("JobTableModel", "Input"), QT_TRANSLATE_NOOP("JobTableModel", "Status"),
           QT_TRANSLATE_NOOP("JobTableModel", "Progress"), QT_TRANSLATE_NOOP("JobTableModel", "Time"),
           QT_TRANSLATE_NOOP("JobTableModel", "Credits")]
COL_THUMB, COL_TOOL, COL_INPUT, COL_STATUS, COL_PROGRESS, COL_TIME, COL_CREDITS = range(7)
RecordRole = Qt.ItemDataRole.UserRole + 1
ProgressRole = Qt.ItemDataRole.UserRole + 2
SecondLineRole = Qt.ItemDataRole.UserRole + 3  # the quieter second line of a cell in the narrow layout
PAGE = 100          # rows read from SQLite at once
CACHE_PAGES = 3     # records kept: the pages used last
THUMB_CACHE = 300   # thumbnails kept (64x36 each)


def details_text(rec: JobRecord) -> str:
    """Everything about one job, for the tooltip of its row (the cells may be elided)."""
    translate = QCoreApplication.translate
    lines = [rec.input_name or translate("JobTableModel", "(no name)"), f"{tool_text(rec.kind)} · {queue_status(rec)}"]
    if rec.inputs:
        lines.append(translate("JobTableModel", "Input: %1").replace("%1", rec.inputs[0]))
        if kind_needs_face(rec.kind) and len(rec.inputs) > 1:
            lines.append(translate("JobTableModel", "Face: %1").replace("%1", rec.inputs[1]))
    lines.append(translate("JobTableModel", "Time: %1").replace("%1", time_text(rec)))
    lines.append(translate("JobTableModel", "Credits: %1").replace("%1", estimate_charge_text(rec)))
    paths = [str(p) for p in rec.params.get("result_paths") or []]
    if len(paths) > 1 and rec.download_state is DownloadState.DONE:
        n = len(paths)
        saved = plural(translate("JobTableModel", "Saved %n result(s): %1", None, n), n)
        lines.append(saved.replace("%1", ", ".join(Path(p).name for p in paths)))
        lines.append(translate("JobTableModel", "In: %1").replace("%1", str(Path(paths[0]).parent)))
    elif rec.result_path:
        lines.append(translate("JobTableModel", "Saved as: %1").replace("%1", rec.result_path))
    if rec.error:
        lines.append(error_text(rec))
    return "\n".join(lines)


def shows_bar(rec: JobRecord) -> bool:
    """A progress bar is worth its space while something moves (the job, or its download)."""
    if rec.status is LocalStatus.COMPLETED:
        return rec.download_state is DownloadState.DOWNLOADING
    return not rec.status.final and rec.status is not LocalStatus.UNKNOWN


class JobTableModel(QAbstractTableModel):
    """The job history, newest first, paged from the store.

    The model keeps the ordered local ids of the jobs the filter shows (8 bytes each, from one
    SQL query) and a small cache of records: the page of :data:`PAGE` rows around every row the
    view asks for is read at once, and only the :data:`CACHE_PAGES` pages used last are kept.
    Store events update exactly the affected row: its cells change, it appears at its place when
    it starts to match the filter, it goes when it stops (or is hidden). Thumbnails are asked
    for (``want_thumb``) when a row is painted and kept for the last :data:`THUMB_CACHE` rows.
    """

    def __init__(self, store: JobStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = HistoryFilter()
        self.compact = False
        self.want_thumb: Callable[[JobRecord], None] | None = None
        self._ids: array.array[int] = array.array("q")
        self._cache: OrderedDict[int, JobRecord] = OrderedDict()
        self._thumbs: OrderedDict[int, QPixmap | None] = OrderedDict()
        self._pending: dict[int, JobRecord] = {}
        self.page_reads = 0  # pages read from SQLite since the last reload (tests, benchmarks)
        self._released = False
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(100)
        self._flush.timeout.connect(self.flush)
        #: called after a flush changed which rows the filter shows (counts are then out of date)
        self.on_rows_changed: Callable[[], None] | None = None
        #: the median time to result per job kind (the history's), read when first needed
        self._typical: dict[str, float | None] = {}

    # -- data in --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the ids of the filter's rows again (one query); records are read when shown."""
        if self._released:
            return
        self.beginResetModel()
        self._ids = self.store.history_ids(self.filter)
        self._cache.clear()
        self.page_reads = 0
        self.endResetModel()

    def release(self) -> None:
        """Let go of the store (it is about to close): the model is empty from now on."""
        self.beginResetModel()
        self._released = True
        self._ids = array.array("q")
        self._cache.clear()
        self._pending.clear()
        self._flush.stop()
        self.endResetModel()

    def set_filter(self, flt: HistoryFilter) -> None:
        if flt != self.filter:
            self.filter = flt
            self.flush()  # changes waiting for the old filter would be judged by the new one wrongly
            self.reload()

    def push(self, rec: JobRecord) -> None:
        """Queue a change; rows are updated together on the next flush."""
        if rec.status is LocalStatus.COMPLETED:
            self._typical.pop(rec.kind, None)  # one more run in the history
        self._pending[rec.local_id] = rec
        if not self._flush.isActive():
            self._flush.start()

    def flush(self) -> None:
        pending, self._pending = self._pending, {}
        if self._released:
            return
        changed: list[int] = []
        moved = False
        # newest first, so a row's place is found among the rows already placed
        for rec in sorted(pending.values(), key=lambda r: -r.local_id):
            row = self.row_of(rec.local_id)
            member = self.filter.matches(rec)
            if row is not None and member:
                if rec.local_id in self._cache:
                    self._cache[rec.local_id] = rec
                changed.append(row)
            elif row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._ids[row]
                self._cache.pop(rec.local_id, None)
                self.endRemoveRows()
                changed = [r - 1 if r > row else r for r in changed if r != row]
                moved = True
            elif member:
                at = self._place(rec.local_id)
                self.beginInsertRows(QModelIndex(), at, at)
                self._ids.insert(at, rec.local_id)
                self._remember(rec)
                self.endInsertRows()
                changed = [r + 1 if r >= at else r for r in changed]
                moved = True
        for row in sorted(set(changed)):
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if (moved or pending) and self.on_rows_changed is not None:
            self.on_rows_changed()

    def tick(self) -> None:
        """Refresh the time of running jobs (once a second); only those on screen are cached."""
        rows = sorted(r for r in (self.row_of(i) for i, rec in self._cache.items() if not rec.status.final)
                      if r is not None)
        first = COL_INPUT if self.compact else COL_STATUS  # (the status says the time left)
        for row in rows:
            self.dataChanged.emit(self.index(row, first), self.index(row, COL_TIME))

    def set_thumb(self, local_id: int, pix: QPixmap | None) -> None:
        self._thumbs[local_id] = pix
        self._thumbs.move_to_end(local_id)
        while len(self._thumbs) > THUMB_CACHE:
            self._thumbs.popitem(last=False)
        row = self.row_of(local_id)
        if row is not None:
            idx = self.index(row, COL_THUMB)
            self.dataChanged.emit(idx, idx)

    # -- rows -----------------------------------------------------------------------------------
    def _place(self, local_id: int) -> int:
        return bisect.bisect_left(self._ids, -local_id, key=lambda x: -x)

    def row_of(self, local_id: int) -> int | None:
        at = self._place(local_id)
        return at if at < len(self._ids) and self._ids[at] == local_id else None

    def local_id(self, row: int) -> int:
        return self._ids[row]

    def _remember(self, rec: JobRecord) -> None:
        self._cache[rec.local_id] = rec
        self._cache.move_to_end(rec.local_id)
        while len(self._cache) > PAGE * CACHE_PAGES:
            self._cache.popitem(last=False)

    def record(self, row: int) -> JobRecord:
        local_id = self._ids[row]
        rec = self._cache.get(local_id)
        if rec is not None:
            self._cache.move_to_end(local_id)
            return rec
        start = row - row % PAGE
        page = [i for i in self._ids[start:start + PAGE] if i not in self._cache]
        found = self.store.get_many(page)
        self.page_reads += 1
        for i in page:
            if i in found:
                self._remember(found[i])
        rec = self._cache.get(local_id)
        if rec is None:  # gone from the database behind our back: read the list again soon
            QTimer.singleShot(0, self.reload)
            rec = JobRecord(local_id=local_id, provider="", kind="", status=LocalStatus.CANCELLED,
                            input_name=self.tr("(removed)"), hidden=True)
        return rec

    def records_at(self, rows: Iterable[int]) -> list[JobRecord]:
        """Records of many rows (a selection), read in chunks without flooding the cache."""
        ids = [self._ids[r] for r in rows]
        out: dict[int, JobRecord] = {i: self._cache[i] for i in ids if i in self._cache}
        missing = [i for i in ids if i not in out]
        for k in range(0, len(missing), 500):
            out.update(self.store.get_many(missing[k:k + 500]))
        return [out[i] for i in ids if i in out]

    def cached_count(self) -> int:
        """How many records the model holds (a few pages, whatever the history's size)."""
        return len(self._cache)

    # -- time left ----------------------------------------------------------------------------------
    def typical_seconds(self, kind: str) -> float | None:
        """The median seconds to a result of the last completed ``kind`` jobs (None: no history)."""
        if kind not in self._typical:
            try:
                self._typical[kind] = typical_seconds(self.store, kind)
            except Exception:  # a closed store: no figure
                self._typical[kind] = None
        return self._typical[kind]

    def time_left_text(self, rec: JobRecord) -> str:
        """"Uploading… 40 % · about 25 s left" while the job's file uploads (from the upload's
        real progress), " · about 25 s left" while it runs on the server (the history's median minus
        the time so far); "" when nothing is known."""
        if rec.status is LocalStatus.PREPARING:
            up = upload_board.state(rec.local_id)
            if up is None:
                return ""
            text = (self.tr("Uploading… %1 %").replace("%1", f"{up.fraction * 100:.0f}") if up.fraction is not None
                    else self.tr("Uploading…"))
            if up.seconds_left is not None:
                text += " · " + self.tr("about %1 s left").replace("%1", str(max(1, round(up.seconds_left))))
            return text
        if rec.status in (LocalStatus.PENDING, LocalStatus.PROCESSING) and rec.submitted_at:
            left = remaining_seconds(self.typical_seconds(rec.kind), rec.age)
            if left is not None:
                return " · " + self.tr("about %1 s left").replace("%1", str(max(1, round(left))))
        return ""

    def status_text(self, rec: JobRecord, *, with_left: bool = True) -> str:
        """The status cell: ``queue_status`` and the time left (``with_left``), or "Uploading… 40 %"."""
        left = self.time_left_text(rec)
        if rec.status is LocalStatus.PREPARING and left:
            if with_left:
                return left  # "Uploading… 40 % · about 25 s left"
            return left.split(" · ")[0]
        return queue_status(rec) + (left if with_left else "")

    def _left_only(self, rec: JobRecord) -> str:
        """" · about 25 s left" alone (the narrow layout's second line), or ""."""
        left = self.time_left_text(rec)
        if rec.status is LocalStatus.PREPARING:
            parts = left.split(" · ")[1:]
            return "".join(" · " + p for p in parts)
        return left

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("JobTableModel", COLUMNS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == COL_THUMB:
            return self.tr("A picture of the input (the face, for a face swap)")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        col = index.column()
        if role not in _ROLES:
            return None
        rec = self.record(index.row())
        if role == RecordRole:
            return rec
        if role == ProgressRole:
            if rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DOWNLOADING:
                return rec.download_progress or 0.0
            if rec.status is LocalStatus.COMPLETED:
                return 100.0
            if rec.progress is None and rec.provider == "varg":
                return None  # varg says no percentage: "Processing", never a "0%" that looks stuck
            return rec.progress if rec.progress is not None else (0.0 if rec.status.open else None)
        if role == Qt.ItemDataRole.DecorationRole:
            if col != COL_THUMB:
                return None
            if rec.local_id in self._thumbs:
                self._thumbs.move_to_end(rec.local_id)
                return self._thumbs[rec.local_id]
            if self.want_thumb is not None:
                self.want_thumb(rec)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (COL_THUMB, COL_INPUT, COL_TOOL):
                return details_text(rec)  # the full name, whatever the cell could show
            if col == COL_STATUS:
                return "\n".join(t for t in (self.status_text(rec), error_text(rec)) if t)
            return error_text(rec) or rec.result_path or rec.result_url or rec.input_name
        if role == Qt.ItemDataRole.ForegroundRole:
            if col != COL_STATUS:
                return None
            if rec.status is LocalStatus.FAILED or rec.download_state is DownloadState.FAILED:
                return QColor("#c62828")
            if rec.status is LocalStatus.UNKNOWN:
                return QColor("#b26a00")
            return None
        if role == SecondLineRole:
            if col == COL_INPUT:  # the tool, and the time while it runs (a finished one's is in the tooltip)
                tool = tool_text(rec.kind)
                # the narrow layout's status cell has no room for the time left: it goes here
                return tool if rec.status.final else f"{tool} · {time_text(rec)}{self._left_only(rec)}"
            if col == COL_STATUS:  # a bar while something moves (the delegate draws it), else the credits
                moving = shows_bar(rec) and self.data(index, ProgressRole) is not None
                return None if moving else short_charge_text(rec)
            return None
        # DisplayRole
        if col == COL_TOOL:
            return tool_text(rec.kind)
        if col == COL_INPUT:
            return rec.input_name
        if col == COL_STATUS:
            return self.status_text(rec, with_left=not self.compact)
        if col == COL_PROGRESS:
            p = self.data(index, ProgressRole)
            return "" if p is None else f"{p:.0f}%"
        if col == COL_TIME:
            return time_text(rec)
        if col == COL_CREDITS:
            return estimate_charge_text(rec)
        return None


_ROLES = {RecordRole, ProgressRole, SecondLineRole, Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole,
          Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole}
