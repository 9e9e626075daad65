"""The job queues' lifecycle, Qt-free: one :class:`JobQueue` for the current connection, and a
:class:`VimmerseQueue` on the same store for the current Vimmerse connection.

Live jobs are kept in the platform data dir (``jobs.db``); sandbox jobs in the sandbox's own
data dir, so simulated jobs never mix with real ones. Each queue has a client of its own, made
for one connection (server and key, :meth:`SessionCore.connection_client`) and closed with the
queue: a switch (live/sandbox, another key profile, another base URL) stops the queue and starts
a new one, so no request of the old queue can go to the new server or carry the new key.

:class:`JobsCore` is told of the session's changes (:meth:`JobsCore.rebind`,
:meth:`JobsCore.account_changed`, :meth:`JobsCore.apply_settings`) and tells a
:class:`JobsListener` what it did: the queue was replaced, a store was opened (the listener may
return a :class:`QueueWatcher` that counts finished jobs for notifications and badges) or closed.
:class:`verging_desktop.ui.jobs.service.JobsService` is the QObject adapter.

The Vimmerse queue lives on the store the Verging queue opened (one history, one panel). It gets a
client of its own for the session's Vimmerse connection (``vimmerse_connection_client``) and the
session's Vimmerse account; it is replaced when the store changes (live/sandbox) and when the Vimmerse
connection changes (:meth:`JobsCore.vimmerse_changed`: another key, profile or server), and stopped
before the Verging queue and the store on shutdown.

The varg queue (:class:`VargQueue`) is the same again for the session's varg connection
(``varg_connection_client``, ``varg_account``, :meth:`JobsCore.varg_changed`); its limit of running
jobs is the setting ``varg_max_running`` (2 on Free, 10 on Pro).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..core.errors import InputError
from ..core.i18n import _
from ..jobs.queue import JobQueue, PollPolicy
from ..jobs.store import JobStore, LocalStatus
from ..jobs.varg_queue import VargPollPolicy, VargQueue
from ..jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue

if TYPE_CHECKING:  # pragma: no cover
    from ..api.verging.client import VergingClient
    from ..api.vimmerse.client import VimmerseClient
    from ..core.settings import Settings
    from .session import SessionCore

log = logging.getLogger("verging_desktop.app_core.jobs")

#: the database a sandbox keeps the app's jobs in, inside its own data dir
SANDBOX_DB = "desktop-jobs.db"
LIVE_DB = "jobs.db"


class Dirs(Protocol):
    """The folders the service needs (:class:`verging_desktop.core.settings.AppDirs`)."""

    @property
    def data(self) -> Path: ...

    @property
    def downloads(self) -> Path: ...


class QueueWatcher(Protocol):
    """Watches one store's jobs (the app's notifier: notifications and unseen-job badges)."""

    def seen(self, kind: str) -> None: ...

    def close(self) -> None: ...


class JobsListener(Protocol):
    def queue_changed(self, queue: JobQueue | None) -> None:
        """The current queue was replaced (None: the old one is about to close)."""

    def open_watcher(self, store: JobStore) -> QueueWatcher | None:
        """A new store is in use: a watcher for its jobs, or None."""

    def watcher_closed(self, watcher: QueueWatcher) -> None:
        """The watcher of the store being closed was closed (its badge counts are gone)."""

    def vimmerse_queue_changed(self, queue: VimmerseQueue | None) -> None:
        """The Vimmerse queue was replaced (None: the old one is about to close)."""

    def varg_queue_changed(self, queue: VargQueue | None) -> None:
        """The varg queue was replaced (None: the old one is about to close)."""


class JobsEvents:
    """A :class:`JobsListener` that watches nothing."""

    def queue_changed(self, queue: JobQueue | None) -> None:
        pass

    def open_watcher(self, store: JobStore) -> QueueWatcher | None:
        return None

    def watcher_closed(self, watcher: QueueWatcher) -> None:
        pass

    def vimmerse_queue_changed(self, queue: VimmerseQueue | None) -> None:
        pass

    def varg_queue_changed(self, queue: VargQueue | None) -> None:
        pass


def varg_max_running(settings: Any) -> int:
    """The client-side limit of running varg jobs: the setting, else the plan's (2 Free, 10 Pro)."""
    n = getattr(settings, "varg_max_running", None)
    if isinstance(n, int) and n > 0:
        return n
    return 10 if getattr(settings, "varg_plan", "free") == "pro" else 2


@dataclass(frozen=True)
class Unfinished:
    """One provider's jobs of the current account that quitting now would leave unfinished."""

    #: being cut or uploaded on this computer (lost on quit; nothing was sent or charged)
    preparing: int = 0
    #: in the middle of the create request (it may have reached the server)
    sending: int = 0
    #: pending or processing on the server (they go on; followed again at the next start)
    waiting: int = 0
    #: finished, their results being downloaded right now (the download starts over at the next start)
    saving: int = 0

    def __bool__(self) -> bool:
        return bool(self.preparing or self.sending or self.waiting or self.saving)


class JobsCore:
    def __init__(self, session: SessionCore, dirs: Dirs, *, listener: JobsListener | None = None) -> None:
        self.session = session
        self.dirs = dirs
        self.events: JobsListener = listener if listener is not None else JobsEvents()
        self.queue: JobQueue | None = None
        self.store: JobStore | None = None
        self.watcher: QueueWatcher | None = None
        self._db_path: Path | None = None
        self._switching: asyncio.Task[None] | None = None
        #: the session connection the queue (or the switch under way) is for
        self._conn: int | None = None
        self._client: VergingClient | None = None
        #: the Vimmerse queue (on the same store), its client and the Vimmerse connection it is for
        self.vimmerse_queue: VimmerseQueue | None = None
        self._vclient: VimmerseClient | None = None
        self._vconn: tuple[int, str] | None = None
        self._vswitching: asyncio.Task[None] | None = None
        #: the varg queue (on the same store), its client and the varg connection it is for
        self.varg_queue: VargQueue | None = None
        self._gclient: Any = None
        self._gconn: tuple[int, str] | None = None
        self._gswitching: asyncio.Task[None] | None = None

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def account_changed(self, acct: Any) -> None:
        """The session read the account: the queue works for it (jobs belong to an account, not a URL)."""
        if self.queue is None or self._conn != self.session.connection:
            return  # the account of another connection than the queue's (a switch is under way)
        if acct is not None:
            self.queue.identify(acct)
        self.queue.refresh()

    # -- which database ---------------------------------------------------------------------------
    def wanted_db(self) -> Path:
        s = self.session
        sb = s.sandbox
        if s.in_sandbox and sb is not None and getattr(sb, "data_dir", None):
            return Path(sb.data_dir) / SANDBOX_DB
        return Path(self.dirs.data) / LIVE_DB

    def download_dir(self) -> Path:
        d = self.settings.download_dir
        return Path(d).expanduser() if d else Path(self.dirs.downloads)

    def rebind(self) -> None:
        """The mode or the connection changed: keep the queue, or switch to a new one."""
        conn = self.session.connection
        if self._conn == conn and (self._switching is not None and not self._switching.done()):
            return  # the switch to this connection is under way
        if self.wanted_db() == self._db_path and self.queue is not None and self._conn == conn:
            self.queue.refresh()
            return
        self._conn = conn
        prev = self._switching
        self._switching = self.session.spawn(self._switch(prev), name="switch-job-queue")

    async def _switch(self, prev: asyncio.Task[None] | None) -> None:
        if prev is not None and not prev.done():
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await prev
        await self.stop()
        conn = self.session.connection
        if conn != self._conn:
            return  # another switch follows this one
        path = self.wanted_db()
        store = await asyncio.to_thread(JobStore, path)
        if conn != self.session.connection:
            store.close()
            return
        s = self.settings
        # a sandbox's own store holds only that sandbox's jobs (whatever port it had then)
        private = self.session.in_sandbox and path.name == SANDBOX_DB
        client = self.session.connection_client()  # this connection's, for this queue only
        queue = JobQueue(store, client, download_dir=self.download_dir(), auto_download=s.auto_download,
                         policy=PollPolicy(base=max(0.5, float(s.poll_interval))), record_download_dir=True,
                         private_store=private)
        acct = self.session.account
        if acct is not None:
            queue.identify(acct)
        self._client = client
        queue.on_auth_error = lambda e: self.session.events.message(str(e))
        self.store, self.queue, self._db_path = store, queue, path
        self.watcher = self.events.open_watcher(store)
        self.events.queue_changed(queue)
        log.info("job queue on %s", path)
        await queue.start()
        await self._start_vimmerse(store)
        await self._start_varg(store)
        if not self.session.in_sandbox:
            # old cuts and downscaled copies (never those of unfinished jobs), off the event loop
            from ..jobs.housekeeping import prune_job_files

            await asyncio.to_thread(prune_job_files, Path(self.dirs.data), store)

    def start(self) -> None:
        self.rebind()

    async def ready(self) -> JobQueue:
        """The current queue, once it has started (waits for a switch in progress)."""
        while self._switching is not None and not self._switching.done():
            await asyncio.shield(self._switching)
        if self.queue is None:
            self.rebind()
            assert self._switching is not None
            await asyncio.shield(self._switching)
        assert self.queue is not None
        return self.queue

    def apply_settings(self, s: Settings) -> None:
        if self.queue is not None:
            self.queue.download_dir = self.download_dir()
            self.queue.auto_download = bool(s.auto_download)
            self.queue.policy = PollPolicy(base=max(0.5, float(s.poll_interval)))
            self.queue.refresh()
        v = self.vimmerse_queue
        if v is not None:
            v.download_dir = self.download_dir()
            v.auto_download = bool(s.auto_download)
            v.policy = AssetPollPolicy(base=max(0.5, float(s.poll_interval)), concurrency=v.policy.concurrency)
            v.refresh()
        g = self.varg_queue
        if g is not None:
            g.download_dir = self.download_dir()
            g.auto_download = bool(s.auto_download)
            g.max_running = varg_max_running(s)  # waiting jobs start when it grows
            g.refresh()

    # -- the Vimmerse queue -------------------------------------------------------------------------
    def _vimmerse_connection(self) -> tuple[int, str]:
        """The session's Vimmerse connection (it changes with the key, profile, server or mode)."""
        return (self.session.vimmerse_connection, self.session.vimmerse_account)

    async def _start_vimmerse(self, store: JobStore) -> None:
        """A Vimmerse queue on ``store`` for the session's Vimmerse connection, with a client of its own
        (a request of an old queue never goes to a new server or carries a new key)."""
        s = self.session
        client = s.vimmerse_connection_client()
        settings = self.settings
        queue = VimmerseQueue(store, client, download_dir=self.download_dir(), auto_download=settings.auto_download,
                              policy=AssetPollPolicy(base=max(0.5, float(settings.poll_interval))),
                              record_download_dir=True, account=s.vimmerse_account or None)
        queue.on_auth_error = lambda e: self.session.events.message(f"Vimmerse: {e}")
        self.vimmerse_queue, self._vclient, self._vconn = queue, client, self._vimmerse_connection()
        self.events.vimmerse_queue_changed(queue)
        log.info("vimmerse queue for %s", queue.account or "no account")
        await queue.start()

    async def _stop_vimmerse(self) -> None:
        q, c = self.vimmerse_queue, self._vclient
        self.vimmerse_queue = self._vclient = self._vconn = None
        if q is None:
            return
        self.events.vimmerse_queue_changed(None)
        await q.stop()
        if c is not None and c is not self.session.vimmerse:
            with contextlib.suppress(Exception):
                await c.aclose()

    def vimmerse_changed(self, *_: Any) -> None:
        """The session's Vimmerse connection changed (key, profile, server, sandbox): a new Vimmerse queue."""
        prev = self._vswitching
        self._vswitching = self.session.spawn(self._switch_vimmerse(prev), name="switch-vimmerse-queue")

    async def _switch_vimmerse(self, prev: asyncio.Task[None] | None) -> None:
        if prev is not None and not prev.done():
            await asyncio.wait([prev])  # however it ends (this task's own cancellation still stops it)
        while self._switching is not None and not self._switching.done():
            # the store is being replaced: that switch starts a Vimmerse queue of its own
            await asyncio.wait([self._switching])
        store = self.store
        if store is None or (self.vimmerse_queue is not None and self._vconn == self._vimmerse_connection()):
            return
        await self._stop_vimmerse()
        if self.store is store:
            await self._start_vimmerse(store)

    async def vimmerse_ready(self) -> VimmerseQueue:
        """The Vimmerse queue, once it has started (waits for a switch in progress)."""
        await self.ready()
        while self._vswitching is not None and not self._vswitching.done():
            await asyncio.wait([self._vswitching])
        if self.vimmerse_queue is None:
            raise InputError(_("The Vimmerse queue is not running (the app is switching or closing); nothing was sent."))
        return self.vimmerse_queue

    # -- the varg queue -------------------------------------------------------------------------------
    def _varg_connection(self) -> tuple[int, str]:
        s = self.session
        return (int(getattr(s, "varg_connection", 0)), str(getattr(s, "varg_account", "") or ""))

    async def _start_varg(self, store: JobStore) -> None:
        """A varg queue on ``store`` for the session's varg connection, with a client of its own."""
        s = self.session
        make = getattr(s, "varg_connection_client", None)
        if make is None:  # a session without varg (nothing to follow)
            return
        client = make()
        settings = self.settings
        queue = VargQueue(store, client, download_dir=self.download_dir(), auto_download=settings.auto_download,
                          policy=VargPollPolicy(), record_download_dir=True,
                          account=getattr(s, "varg_account", "") or None, max_running=varg_max_running(settings),
                          seen=getattr(getattr(s, "varg_cost", None), "seen", None))
        queue.on_auth_error = lambda e: self.session.events.message(f"varg: {e}")
        self.varg_queue, self._gclient, self._gconn = queue, client, self._varg_connection()
        changed = getattr(self.events, "varg_queue_changed", None)
        if changed is not None:
            changed(queue)
        log.info("varg queue for %s", queue.account or "no account")
        await queue.start()

    async def _stop_varg(self) -> None:
        q, c = self.varg_queue, self._gclient
        self.varg_queue = self._gclient = self._gconn = None
        if q is None:
            return
        changed = getattr(self.events, "varg_queue_changed", None)
        if changed is not None:
            changed(None)
        await q.stop()
        if c is not None and c is not getattr(self.session, "varg", None):
            with contextlib.suppress(Exception):
                await c.aclose()

    def varg_changed(self, *_: Any) -> None:
        """The session's varg connection changed (key, profile, server, sandbox): a new varg queue."""
        prev = self._gswitching
        self._gswitching = self.session.spawn(self._switch_varg(prev), name="switch-varg-queue")

    async def _switch_varg(self, prev: asyncio.Task[None] | None) -> None:
        if prev is not None and not prev.done():
            await asyncio.wait([prev])
        while self._switching is not None and not self._switching.done():
            await asyncio.wait([self._switching])  # that switch starts a varg queue of its own
        store = self.store
        if store is None or (self.varg_queue is not None and self._gconn == self._varg_connection()):
            return
        await self._stop_varg()
        if self.store is store:
            await self._start_varg(store)

    async def varg_ready(self) -> VargQueue:
        """The varg queue, once it has started (waits for a switch in progress)."""
        await self.ready()
        while self._gswitching is not None and not self._gswitching.done():
            await asyncio.wait([self._gswitching])
        if self.varg_queue is None:
            raise InputError(_("The varg queue is not running (the app is switching or closing); nothing was sent."))
        return self.varg_queue

    def unfinished(self) -> dict[str, Unfinished]:
        """Per provider ("verging", "vimmerse", "varg"), the jobs of its current account that are not finished
        (what the quit question tells). Verging jobs of the store when its account is not known yet;
        Vimmerse jobs only with a Vimmerse account (without a key nothing of Vimmerse runs here)."""
        store = self.store
        if store is None:
            return {}
        out: dict[str, Unfinished] = {}
        queues: tuple[tuple[str, JobQueue | VimmerseQueue | VargQueue | None], ...] = (
            ("verging", self.queue), ("vimmerse", self.vimmerse_queue), ("varg", self.varg_queue))
        for provider, queue in queues:
            account = queue.current_account if queue is not None else None
            if account is None and provider != "verging":
                continue
            counts = store.count_by_status(account=account, provider=provider)
            # varg jobs waiting here for a free slot are kept (sent after the next start): counted as waiting
            here = len(queue.waiting_jobs()) if isinstance(queue, VargQueue) else 0
            out[provider] = Unfinished(
                preparing=counts.get(LocalStatus.PREPARING, 0) - here, sending=counts.get(LocalStatus.SUBMITTING, 0),
                waiting=counts.get(LocalStatus.PENDING, 0) + counts.get(LocalStatus.PROCESSING, 0) + here,
                saving=store.count_downloading(account=account, provider=provider))
        return out

    def seen(self, kind: str) -> None:
        """The tool of job kind ``kind`` was shown: its finished jobs are no longer unseen."""
        if self.watcher is not None:
            self.watcher.seen(kind)

    async def stop(self) -> None:
        if self._vswitching is not None and not self._vswitching.done():
            self._vswitching.cancel()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._vswitching
        if self._gswitching is not None and not self._gswitching.done():
            self._gswitching.cancel()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._gswitching
        await self._stop_varg()  # it works on the store below: it goes first
        await self._stop_vimmerse()
        q, st, w, c = self.queue, self.store, self.watcher, self._client
        self.queue = self.store = self.watcher = self._client = None
        self._db_path = None
        if q is not None:
            self.events.queue_changed(None)  # views let go of the old queue before it closes
        if w is not None:
            w.close()
            self.events.watcher_closed(w)
        if q is not None:
            await q.stop()
        if st is not None:
            st.close()
        if c is not None and c is not self.session.client:
            with contextlib.suppress(Exception):
                await c.aclose()
