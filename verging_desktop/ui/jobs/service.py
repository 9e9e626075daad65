"""The job queue as the app sees it: a QObject around :class:`JobsCore`.

The lifecycle (which database, one queue and one client per connection, switches, settings) is
:mod:`verging_desktop.app_core.jobs_service`, Qt-free; this adapter connects the session's
signals to it, gives it a :class:`Notifier` for each store (notifications and tab badges) and
turns what it does into signals.

Signals:
    queueChanged(object): the current :class:`JobQueue` was replaced (the panel re-binds).
    vimmerseQueueChanged(object): the :class:`VimmerseQueue` (on the same store) was replaced.
    vargQueueChanged(object): the :class:`VargQueue` (on the same store) was replaced.
    notified(str, str): a (grouped) desktop notification was shown.
    badgesChanged(dict): unseen finished jobs per job kind.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ...app_core.jobs_service import JobsCore, QueueWatcher, Unfinished
from ...jobs.queue import JobQueue
from ...jobs.store import JobStore
from ...jobs.varg_queue import VargQueue
from ...jobs.vimmerse_queue import VimmerseQueue
from .notify import Notifier

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext

class _Listener:
    """The core's listener (a weak reference to the adapter, no cycle)."""

    def __init__(self, service: JobsService) -> None:
        self._service = weakref.ref(service)

    def queue_changed(self, queue: JobQueue | None) -> None:
        s = self._service()
        if s is not None:
            s.queueChanged.emit(queue)

    def open_watcher(self, store: JobStore) -> QueueWatcher | None:
        s = self._service()
        if s is None:
            return None
        n = Notifier(store, s.icon, s, looking=s.looking)
        n.notified.connect(s.notified)
        n.badges_changed.connect(s.badgesChanged)
        return n

    def watcher_closed(self, watcher: QueueWatcher) -> None:
        if isinstance(watcher, QObject):
            watcher.deleteLater()
        s = self._service()
        if s is not None:
            s.badgesChanged.emit({})  # the badges counted that queue's jobs

    def vimmerse_queue_changed(self, queue: VimmerseQueue | None) -> None:
        s = self._service()
        if s is not None:
            s.vimmerseQueueChanged.emit(queue)

    def varg_queue_changed(self, queue: VargQueue | None) -> None:
        s = self._service()
        if s is not None:
            s.vargQueueChanged.emit(queue)


class JobsService(QObject):
    queueChanged = Signal(object)
    vimmerseQueueChanged = Signal(object)
    vargQueueChanged = Signal(object)
    notified = Signal(str, str)
    badgesChanged = Signal(dict)

    def __init__(self, ctx: ToolContext, icon: Any = None, looking: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.icon = icon
        #: is the user looking at the tool of a job kind (the window's ``looking_at``)? No badge then
        self.looking = looking
        s = ctx.session
        self.core = JobsCore(s.core, ctx.dirs, listener=_Listener(self))
        s.modeChanged.connect(lambda _m: self.core.rebind())
        s.connectionChanged.connect(lambda _n: self.core.rebind())
        s.accountChanged.connect(self.core.account_changed)
        s.settingsChanged.connect(self.core.apply_settings)
        s.vimmerseChanged.connect(lambda _n: self.core.vimmerse_changed())
        varg_changed = getattr(s, "vargChanged", None)  # the session's varg connection (helper link)
        if varg_changed is not None:
            varg_changed.connect(lambda *_a: self.core.varg_changed())

    @property
    def queue(self) -> JobQueue | None:
        return self.core.queue

    @property
    def vimmerse_queue(self) -> VimmerseQueue | None:
        """The Vimmerse queue on the same store (None until it started, or without Vimmerse)."""
        return self.core.vimmerse_queue

    @property
    def varg_queue(self) -> VargQueue | None:
        """The varg queue on the same store (None until it started, or without varg)."""
        return self.core.varg_queue

    def queue_of(self, provider: str) -> JobQueue | VimmerseQueue | VargQueue | None:
        """The queue that runs ``provider``'s jobs ("verging", "vimmerse", "varg")."""
        if provider == "varg":
            return self.core.varg_queue
        return self.core.vimmerse_queue if provider == "vimmerse" else self.core.queue

    def jobs_of(self, task: Any) -> list[int]:
        """The jobs ``task`` recorded, in any queue."""
        return [i for q in (self.core.queue, self.core.vimmerse_queue, self.core.varg_queue) if q is not None
                for i in q.jobs_of(task)]

    def unfinished(self) -> dict[str, Unfinished]:
        """Per provider, the current account's jobs that quitting now would leave unfinished."""
        return self.core.unfinished()

    @property
    def store(self) -> JobStore | None:
        return self.core.store

    @property
    def notifier(self) -> Notifier | None:
        w = self.core.watcher
        return w if isinstance(w, Notifier) else None

    def download_dir(self) -> Path:
        return self.core.download_dir()

    def start(self) -> None:
        self.core.start()

    async def ready(self) -> JobQueue:
        """The current queue, once it has started (waits for a switch in progress)."""
        return await self.core.ready()

    async def vimmerse_ready(self) -> VimmerseQueue:
        """The Vimmerse queue, once it has started; InputError when the session has no Vimmerse."""
        return await self.core.vimmerse_ready()

    async def varg_ready(self) -> VargQueue:
        """The varg queue, once it has started; InputError when the session has no varg."""
        return await self.core.varg_ready()

    def apply_settings(self, s: Any) -> None:
        self.core.apply_settings(s)

    def seen(self, kind: str) -> None:
        self.core.seen(kind)

    async def stop(self) -> None:
        await self.core.stop()
