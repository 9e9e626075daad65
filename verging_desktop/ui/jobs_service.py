"""The job queue as the app sees it: one :class:`JobQueue` for the current connection.

Live jobs are kept in the platform data dir (``jobs.db``); sandbox jobs in the sandbox's own
data dir, so simulated jobs never mix with real ones. Each queue has a client of its own, made
for one connection (server and key, :meth:`Session.connection_client`) and closed with the queue:
a switch (live/sandbox, another key profile, another base URL) stops the queue and starts a new
one, so no request of the old queue can go to the new server or carry the new key.

Signals:
    queueChanged(object): the current :class:`JobQueue` was replaced (the panel re-binds).
    notified(str, str): a (grouped) desktop notification was shown.
    badgesChanged(dict): unseen finished jobs per job kind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from ..core.tools import job_kinds, kind_title
from ..jobs.queue import JobQueue, PollPolicy
from ..jobs.store import JobStore
from .notify import Notifier

if TYPE_CHECKING:  # pragma: no cover
    from .context import ToolContext

log = logging.getLogger("verging_desktop.ui.jobs")

#: the job kind of each tool tab (for badges and hand-offs)
#: the tab (title) that shows each job kind: the registry's tool (core.tools)
KIND_TABS = {kind: kind_title(kind) for kind in job_kinds()}


class JobsService(QObject):
    queueChanged = Signal(object)
    notified = Signal(str, str)
    badgesChanged = Signal(dict)

    def __init__(self, ctx: "ToolContext", icon: Any = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.icon = icon
        self.queue: JobQueue | None = None
        self.store: JobStore | None = None
        self.notifier: Notifier | None = None
        self._db_path: Path | None = None
        self._switching: asyncio.Task[None] | None = None
        #: the session connection the queue (or the switch under way) is for
        self._conn: int | None = None
        self._client: Any = None
        s = ctx.session
        s.modeChanged.connect(lambda _m: self._rebind())
        s.connectionChanged.connect(lambda _n: self._rebind())
        s.accountChanged.connect(self._account_changed)
        s.settingsChanged.connect(self.apply_settings)

    def _account_changed(self, acct: Any) -> None:
        """The session read the account: the queue works for it (jobs belong to an account, not a URL)."""
        if self.queue is None or self._conn != self.ctx.session.connection:
            return  # the account of another connection than the queue's (a switch is under way)
        if acct is not None:
            self.queue.identify(acct)
        self.queue.refresh()

    # -- which database ---------------------------------------------------------------------------
    def _wanted_db(self) -> Path:
        s = self.ctx.session
        sb = getattr(s, "sandbox", None)
        if s.in_sandbox and sb is not None and getattr(sb, "data_dir", None):
            return Path(sb.data_dir) / "desktop-jobs.db"
        return Path(self.ctx.dirs.data) / "jobs.db"

    def download_dir(self) -> Path:
        d = self.ctx.settings.download_dir
        return Path(d).expanduser() if d else Path(self.ctx.dirs.downloads)

    def _rebind(self) -> None:
        conn = self.ctx.session.connection
        if self._conn == conn and (self._switching is not None and not self._switching.done()):
            return  # the switch to this connection is under way
        if self._wanted_db() == self._db_path and self.queue is not None and self._conn == conn:
            self.queue.refresh()
            return
        self._conn = conn
        prev = self._switching
        self._switching = self.ctx.spawn(self._switch(prev), name="switch-job-queue")

    async def _switch(self, prev: "asyncio.Task[None] | None") -> None:
        if prev is not None and not prev.done():
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await prev
        await self.stop()
        conn = self.ctx.session.connection
        if conn != self._conn:
            return  # another switch follows this one
        path = self._wanted_db()
        store = await asyncio.to_thread(JobStore, path)
        if conn != self.ctx.session.connection:
            store.close()
            return
        s = self.ctx.settings
        # a sandbox's own store holds only that sandbox's jobs (whatever port it had then)
        private = self.ctx.session.in_sandbox and path.name == "desktop-jobs.db"
        client = self.ctx.session.connection_client()  # this connection's, for this queue only
        queue = JobQueue(store, client, download_dir=self.download_dir(), auto_download=s.auto_download,
                         policy=PollPolicy(base=max(0.5, float(s.poll_interval))), record_download_dir=True,
                         private_store=private)
        acct = self.ctx.session.account
        if acct is not None:
            queue.identify(acct)
        self._client = client
        queue.on_auth_error = lambda e: self.ctx.session.message.emit(str(e))
        self.store, self.queue, self._db_path = store, queue, path
        self.notifier = Notifier(store, self.icon, self)
        self.notifier.notified.connect(self.notified)
        self.notifier.badges_changed.connect(self.badgesChanged)
        self.queueChanged.emit(queue)
        log.info("job queue on %s", path)
        await queue.start()
        if not self.ctx.session.in_sandbox:
            # old cuts and downscaled copies (never those of unfinished jobs), off the Qt thread
            from ..jobs.housekeeping import prune_job_files

            await asyncio.to_thread(prune_job_files, Path(self.ctx.dirs.data), store)

    def start(self) -> None:
        self._rebind()

    async def ready(self) -> JobQueue:
        """The current queue, once it has started (waits for a switch in progress)."""
        while self._switching is not None and not self._switching.done():
            await asyncio.shield(self._switching)
        if self.queue is None:
            self._rebind()
            assert self._switching is not None
            await asyncio.shield(self._switching)
        assert self.queue is not None
        return self.queue

    def apply_settings(self, s: Any) -> None:
        if self.queue is not None:
            self.queue.download_dir = self.download_dir()
            self.queue.auto_download = bool(s.auto_download)
            self.queue.policy = PollPolicy(base=max(0.5, float(s.poll_interval)))
            self.queue.refresh()

    def seen(self, kind: str) -> None:
        if self.notifier is not None:
            self.notifier.seen(kind)

    async def stop(self) -> None:
        q, st, n, c = self.queue, self.store, self.notifier, self._client
        self.queue = self.store = self.notifier = self._client = None
        self._db_path = None
        if q is not None:
            self.queueChanged.emit(None)  # views let go of the old queue before it closes
        if n is not None:
            n.close()
            n.deleteLater()
            self.badgesChanged.emit({})  # the badges counted that queue's jobs
        if q is not None:
            await q.stop()
        if st is not None:
            st.close()
        if c is not None and c is not self.ctx.session.client:
            with contextlib.suppress(Exception):
                await c.aclose()
