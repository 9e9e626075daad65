"""A tool tab's view of the current job queue: every record change as a Qt signal."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...core.errors import InputError
from ...jobs.store import JobRecord

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext
    from .service import JobsService


class JobWatcher(QObject):
    """Follows ``ctx.jobs`` and re-emits every record change on the GUI thread.

    Signals:
        recordChanged(object): a :class:`JobRecord` was written.
        queueChanged(object): the queue was replaced (live <-> sandbox) or is gone (None).
    """

    recordChanged = Signal(object)
    queueChanged = Signal(object)
    _relay = Signal(object)

    def __init__(self, ctx: ToolContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service: JobsService | None = ctx.jobs
        self._unsubscribe: Callable[[], None] | None = None
        # a queued hop when the store was written by another thread; direct otherwise
        self._relay.connect(self.recordChanged)
        if self.service is not None:
            self.service.queueChanged.connect(self._bind)
            if self.service.queue is not None:
                self._bind(self.service.queue)

    @property
    def queue(self) -> Any:
        return self.service.queue if self.service is not None else None

    async def ready(self) -> Any:
        if self.service is None:
            raise InputError(self.tr("The job queue is not available."))
        return await self.service.ready()

    def record(self, local_id: int) -> JobRecord | None:
        q = self.queue
        return q.store.get(local_id) if q is not None else None

    def _bind(self, queue: Any) -> None:
        if self._unsubscribe is not None:
            with contextlib.suppress(Exception):
                self._unsubscribe()
            self._unsubscribe = None
        if queue is not None:
            self._unsubscribe = queue.store.subscribe(self._relay.emit)
        self.queueChanged.emit(queue)

    def close(self) -> None:
        self._bind(None)
