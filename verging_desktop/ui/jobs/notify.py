"""Desktop notifications when jobs finish, grouped, and badges on the tools' tabs.

Signals:
    notified(str title, str text): one notification was shown (one per batch, not one per job).
    badges_changed(dict kind -> count): unseen finished jobs per tool, for the tab badges: a job
        that finishes while the user is looking at its tool (``looking(kind)``) is seen already.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from ...core.i18n import _
from ...core.tools import tool_for_kind
from ...jobs.store import JobRecord, LocalStatus
from ...jobs.words import error_text
from ..plural import plural

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtGui import QIcon

    from ...jobs.store import JobStore

def _noun(kind: str) -> str:
    """The sentence name of ``kind`` ("Face swap") in the interface's language, or the kind itself."""
    t = tool_for_kind(kind)
    if t is None:
        return kind
    if t.noun:
        return _(t.noun)
    title = _(t.title)
    return t.title.capitalize() if title == t.title else title


class Notifier(QObject):
    notified = Signal(str, str)
    badges_changed = Signal(dict)

    def __init__(self, store: JobStore, icon: QIcon | None = None, parent: QObject | None = None,
                 window_ms: int = 1500, looking: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: is the user looking at the tool of this job kind now? (its finished jobs are then seen)
        self.looking = looking
        self._last: dict[int, LocalStatus] = store.statuses()  # no records built: the history may be long
        self._batch: list[JobRecord] = []
        self.badges: dict[str, int] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(window_ms)
        self._timer.timeout.connect(self._flush)
        self.tray: QSystemTrayIcon | None = None
        if icon is not None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("Verging Desktop")  # the app's name
            self.tray.show()
        self._unsubscribe = store.subscribe(self._on_record)

    def _on_record(self, rec: JobRecord) -> None:
        before = self._last.get(rec.local_id)
        self._last[rec.local_id] = rec.status
        if rec.status in (LocalStatus.COMPLETED, LocalStatus.FAILED) and before not in (None, rec.status) \
                and before is not LocalStatus.CANCELLED:
            self._batch.append(rec)
            if self.looking is None or not self.looking(rec.kind):  # a badge counts what was not seen
                self.badges[rec.kind] = self.badges.get(rec.kind, 0) + 1
                self.badges_changed.emit(dict(self.badges))
            if not self._timer.isActive():
                self._timer.start()

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        ok = [r for r in batch if r.status is LocalStatus.COMPLETED]
        bad = [r for r in batch if r.status is LocalStatus.FAILED]
        if len(batch) == 1:
            r = batch[0]
            noun = _noun(r.kind)
            title = (self.tr("%1 finished") if ok else self.tr("%1 failed")).replace("%1", noun)
            text = r.input_name if ok else self.tr("%1: %2").replace("%1", r.input_name).replace(
                "%2", error_text(r) or self.tr("the job failed on the server"))
        else:
            title = plural(self.tr("%n jobs finished", "", len(batch)), len(batch))
            parts = []
            if ok:
                parts.append(plural(self.tr("%n completed", "", len(ok)), len(ok)))
            if bad:
                parts.append(plural(self.tr("%n failed", "", len(bad)), len(bad)))
            text = self.tr("%1: %2").replace("%1", ", ".join(parts)).replace(
                "%2", ", ".join(r.input_name for r in batch[:4]) + ("…" if len(batch) > 4 else ""))
        if self.tray is not None:
            icon = QSystemTrayIcon.MessageIcon.Warning if bad else QSystemTrayIcon.MessageIcon.Information
            self.tray.showMessage(title, text, icon, 8000)
        self.notified.emit(title, text)

    def seen(self, kind: str) -> None:
        """The user looked at a tool's tab: clear its badge."""
        if self.badges.pop(kind, 0):
            self.badges_changed.emit(dict(self.badges))

    def close(self) -> None:
        self._timer.stop()
        self._unsubscribe()
        if self.tray is not None:
            self.tray.hide()
