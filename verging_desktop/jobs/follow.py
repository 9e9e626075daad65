"""What the Vimmerse and varg job queues share around following their jobs: the poll loop that
wakes the scheduler, the limit of reads in flight (and their counts), the offline state, the
handles on the tasks sending a job, and the downloads under way.

:class:`Follower` is a mixin of :class:`~.vimmerse_queue.VimmerseQueue` and
:class:`~.varg_queue.VargQueue`: each makes the attributes named here in its ``__init__`` and has
its own ``_schedule``, ``download`` and ``resume_downloads``. Nothing here creates, cancels or
charges a job.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from ..core.errors import AuthError, InputError
from ..core.i18n import _
from ..core.outputs import Destination
from .results import set_destination, wait_event
from .store import JobRecord, JobStore
from .vimmerse_rules import AssetPollPolicy

T = TypeVar("T")


class _Client(Protocol):
    @property
    def base_url(self) -> str: ...


class Follower:
    """The shared part of a provider's job queue (see the module docstring). ``PROVIDER`` is the
    provider's id (the jobs' ``provider``; log lines), ``LABEL`` its name in sentences."""

    PROVIDER: ClassVar[str]
    LABEL: ClassVar[str]
    log: ClassVar[logging.Logger]

    store: JobStore
    client: _Client
    account: str | None
    policy: AssetPollPolicy
    clock: Callable[[], float]

    def _init_follow(self) -> None:
        """The state every queue starts with (its ``__init__`` calls this)."""
        self._running = False
        #: stop() was called: nothing more is sent (the app is switching keys or closing)
        self._stopped = False
        self._poller: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._wake_at = 0.0
        self._sem: asyncio.Semaphore | None = None
        #: the next read of each open job (local id -> clock time)
        self._due: dict[int, float] = {}
        self._errors: dict[int, int] = {}
        #: since when each job has been answered "not found" (every read since then)
        self._missing: dict[int, float] = {}
        self._polls: dict[int, asyncio.Task[None]] = {}
        self._downloads: dict[int, asyncio.Task[Path | None]] = {}
        self._submits: dict[int, asyncio.Task[Any]] = {}
        #: every read waits until then: Retry-After of a 429 (the server's), a network back-off (ours)
        self._rate_until = 0.0
        self._net_until = 0.0
        self._net_errors = 0
        self._auth_paused = False
        self._auth_until = 0.0
        self._active = 0
        #: True while the provider cannot be reached (the poller keeps trying by itself)
        self.offline = False
        #: called when the connection state changes (offline True/False)
        self.on_offline: Callable[[bool], None] | None = None
        #: called when a read hits an AuthError (polling pauses until refresh)
        self.on_auth_error: Callable[[AuthError], None] | None = None
        #: reads sent per job kind, and the most that were in flight at once (tests, benchmarks)
        self.poll_requests: dict[str, int] = {}
        self.max_in_flight = 0
        self._task_jobs: weakref.WeakKeyDictionary[asyncio.Task[Any], list[int]] = weakref.WeakKeyDictionary()

    def _schedule(self) -> float:
        raise NotImplementedError  # pragma: no cover - every queue has its own

    def resume_downloads(self) -> None:
        raise NotImplementedError  # pragma: no cover - every queue has its own

    async def download(self, local_id: int, dest_dir: Path | None = None, *,
                       dest: Path | None = None) -> Path | None:
        raise NotImplementedError  # pragma: no cover - every queue has its own

    # -- the account -----------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return self.client.base_url

    @property
    def current_account(self) -> str | None:
        return self.account

    def _set_offline(self, value: bool) -> None:
        if self.offline != value:
            self.offline = value
            self.log.info("%s queue %s", self.PROVIDER, "offline" if value else "back online")
            if self.on_offline is not None:
                self.on_offline(value)
            if not value:
                self.resume_downloads()

    # -- submitting ------------------------------------------------------------------------------
    def _require_account(self) -> str:
        if self._stopped:
            raise InputError(_("The {provider} queue has stopped (the app is switching keys or closing); nothing "
                               "was sent.").format(provider=self.LABEL))
        if not self.account or not getattr(self.client, "has_key", True):
            raise InputError(_("Add your {provider} API key first (Account › Manage API keys); nothing was sent.").format(
                provider=self.LABEL))
        return self.account

    def jobs_of(self, task: asyncio.Task[Any]) -> list[int]:
        """The local ids of the jobs ``task`` recorded in this queue (empty: none yet)."""
        return list(self._task_jobs.get(task, ()))

    def track(self, local_id: int, task: asyncio.Task[Any]) -> None:
        """Keep a handle on the task preparing and sending job ``local_id``, so Stop waiting (Cancel)
        can cancel it while its files upload and ``stop`` cancels it. ``submit`` and ``resend`` track
        their own task (until the job is sent); this is for work the queue does not start itself."""
        self._submits[local_id] = task
        task.add_done_callback(lambda t: self._untrack(local_id, t))

    def _untrack(self, local_id: int, task: asyncio.Task[Any]) -> None:
        if self._submits.get(local_id) is task:
            del self._submits[local_id]

    def set_destination(self, local_ids: list[int], dest: Destination) -> None:
        """The user chose a new destination for these jobs (see :func:`results.set_destination`)."""
        set_destination(self.store, local_ids, dest)

    def remove(self, local_id: int) -> None:
        """Hide a job from the list (a job still running keeps being followed until it ends)."""
        self.store.update(local_id, hidden=True)

    # -- following -------------------------------------------------------------------------------
    def open_jobs(self) -> list[JobRecord]:
        """This account's jobs still open on the provider, with their remote id."""
        if not self.account:
            return []
        return [j for j in self.store.open_jobs(account=self.account) if j.provider == self.PROVIDER]

    def _age(self, rec: JobRecord) -> float:
        return self.clock() - (rec.submitted_at or rec.created_at)

    def _paused_until(self) -> float:
        return max(self._rate_until, self._net_until)

    async def _poll_loop(self) -> None:
        while self._running:
            try:
                delay = self._schedule()
            except Exception:
                self.log.exception("scheduling the %s reads failed; trying again", self.LABEL)
                delay = self.policy.error_backoff_max
            self._wake.clear()
            delay = max(0.05, min(delay, 60.0))
            self._wake_at = self.clock() + delay
            await wait_event(self._wake, delay)

    def _wake_by(self, due: float) -> None:
        """Wake the poll loop when ``due`` comes before its next wake-up."""
        if due < self._wake_at:
            self._wake.set()

    def _limit(self) -> asyncio.Semaphore:
        """The provider's limit of reads in flight (every read takes a turn)."""
        if self._sem is None:
            self._sem = asyncio.Semaphore(max(1, self.policy.concurrency))
        return self._sem

    async def _counted(self, rec: JobRecord, read: Callable[[], Awaitable[T]]) -> T:
        """``read()`` of ``rec``'s remote job, counted; the caller holds a turn of :meth:`_limit`."""
        self._active += 1
        self.max_in_flight = max(self.max_in_flight, self._active)
        self.poll_requests[rec.kind] = self.poll_requests.get(rec.kind, 0) + 1
        try:
            return await read()
        finally:
            self._active -= 1

    # -- downloads ---------------------------------------------------------------------------------
    def schedule_download(self, local_id: int, dest_dir: Path | None = None) -> asyncio.Task[Path | None]:
        t = self._downloads.get(local_id)
        if t is not None and not t.done():
            return t
        t = asyncio.ensure_future(self.download(local_id, dest_dir))
        self._downloads[local_id] = t
        t.add_done_callback(lambda _t: self._downloads.pop(local_id, None) if self._downloads.get(local_id) is _t
                            else None)
        return t

    def downloading(self, local_id: int) -> bool:
        t = self._downloads.get(local_id)
        return t is not None and not t.done()
