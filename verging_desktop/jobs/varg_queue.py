"""The varg side of the one persistent job queue: the same :class:`JobStore` as the Verging and
Vimmerse queues (``provider="varg"``, the job kind is ``req.kind``) and the same rules as
:mod:`verging_desktop.jobs.vimmerse_queue`; where varg differs it is said here.

* A job is written to the store before anything is uploaded (``preparing``). Every local input
  file is uploaded (``client.upload``: the same bytes are never sent twice) and its URL stored in
  ``params["file_urls"]`` as soon as it is known.
* A client-side limit on running jobs (:attr:`VargQueue.max_running`: 2 on Free, 10 on Pro): a job
  that would be one too many waits on this computer (``preparing``, ``params["waiting"]`` True, in
  words "Waiting for a free varg slot (2 running)") and is sent as soon as a slot is free, oldest
  first, instead of collecting 429s. Running means sent and not ended (sending, queued or
  processing on varg) for this account, counted in the store (so the command line's jobs count too).
  A waiting job keeps waiting across a restart: its request and its files' URLs are stored and
  nothing of it was sent.
* ``submitting`` is written durably before the one create POST, and only while the job is still
  ``preparing`` (one UPDATE that checks it: a job another process or task stopped or sent is never
  sent). Refused (4xx): failed, nothing charged. Not sent at all (:class:`NotSent`): failed,
  nothing charged. **A 429 is not a failure**: varg refused to create the job (its limit of running
  jobs or of requests), so the job goes back to waiting and is sent again after ``Retry-After``;
  that is no double charge, because nothing was created the first time (the one case where a
  generation POST is sent again; a 429 can still happen when jobs of the same key run elsewhere).
  Anything else (an answer lost after the request went out, a 5xx, an answer that cannot be read,
  the task cancelled while sending, the app stopped): ``unknown``, never sent again. varg can be
  asked about a job by its id, so a job that has one is followed again (re-attached) whenever the
  app starts; one that has none says so in words (check the usage at varg.ai before sending it again).
* A cache hit comes back from the POST already ``completed``: final at once, charged 0.
* Open jobs follow their SSE stream (``client.stream(id)``), at most :attr:`max_streams` streams at
  once, oldest jobs first; the rest are read with ``GET /jobs/{id}`` on an adaptive interval
  (:class:`VargPollPolicy`: 2 s for a young job, growing with its age, at most
  ``policy.concurrency`` reads in flight). A stream that drops (:class:`StreamDropped`) or cannot be
  opened falls back to polling (read at once) and is opened again later (``policy.stream_backoff``).
  A streamed job is never polled, and its end is in the store as soon as varg sends it.
* Charges: once a job completed, the usage records of its days (``client.usage``) give
  ``charged_credits`` in cents (``cost_cents``; one request for every job that ended meanwhile);
  0 for a cache hit; a BYOK job whose record cannot be found is 0 too (the provider bills it).
* Results: downloaded atomically to the job's destination (:mod:`verging_desktop.jobs.results`);
  a transcription's text (``client.transcript``) is kept in ``params["transcript"]`` and saved as
  a ``.txt`` file.
* Cancel (:meth:`VargQueue.cancel`): ``DELETE /jobs/{id}`` for a job on varg; a waiting or
  preparing one is cancelled here (nothing was sent); one being sent is cancelled on varg as soon
  as its id is known.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import functools
import logging
import mimetypes
import os
import re
import time
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..core.errors import (
    ApiError,
    AuthError,
    Cancelled,
    InputError,
    NotFound,
    NotSent,
    Progress,
    RateLimited,
    RequestTimeout,
    TransportError,
    VergingError,
    nothing_created,
)
from ..core.i18n import N_, _
from ..core.outputs import Destination
from ..core.stored_text import stored, template
from .follow import Follower
from .results import NOTHING_CHARGED, planned_target, result_name, save_results
from .store import DownloadState, JobRecord, JobStore, LocalStatus
from .varg_rules import (
    CANCELLED_BEFORE_SENDING,
    CANCELLED_ON_VARG,
    CANCELLED_REFUSED,
    STOPPED_BEFORE_SENDING,
    UNKNOWN_CANCELLED,
    UNKNOWN_NO_ID,
    UNKNOWN_STOPPED,
    VargPollPolicy,
    failure_text,
    local_status,
    missing_text,
    stuck_text,
    unknown_text,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.models import Transcript, Usage, VargFile, VargJob, VargRequest
    from ..services.varg_cache import SeenRequests

__all__ = ["PROVIDER", "VargApi", "VargPollPolicy", "VargQueue"]

log = logging.getLogger("verging_desktop.jobs.varg")

PROVIDER = "varg"
#: stored job texts (core.stored_text: stored in English, shown in the interface's language)
NOT_SENT = template(N_("The job could not be sent ({reason}). Nothing was charged."))
NOT_CREATED = template(N_("{reason} varg did not create it; nothing was charged."))
CANCELLED_NOT_CREATED = template(N_("Cancelled; varg did not create it: {reason} Nothing was charged."))
TRANSCRIPT_UNREADABLE = template(N_("The transcript could not be read: {reason}"))
TRANSCRIPTION = "varg-transcription"
#: jobs sent and not ended: each takes one of the account's running slots on varg
RUNNING = (LocalStatus.SUBMITTING, LocalStatus.PENDING, LocalStatus.PROCESSING)


class VargApi(Protocol):
    """What the queue needs of :class:`verging_desktop.api.varg.client.VargClient`."""

    @property
    def base_url(self) -> str: ...

    @property
    def has_key(self) -> bool: ...

    def byok_keys(self) -> frozenset[str]: ...

    async def upload(self, path: Any, *, progress: Callable[[Progress], None] | None = None) -> VargFile: ...

    async def create(self, req: VargRequest, urls: Mapping[str, str] | None = None) -> VargJob: ...

    async def job(self, job_id: str) -> VargJob: ...

    async def cancel(self, job_id: str) -> None: ...

    def stream(self, job_id: str) -> AsyncIterator[VargJob]: ...

    async def usage(self, start: Any = None, end: Any = None) -> Usage: ...

    async def transcript(self, job: VargJob) -> Transcript: ...

    async def download(self, url: str, dest: Any, *, progress: Callable[[Progress], None] | None = None,
                       overwrite: bool = False) -> Path: ...


def _request_from(kind: str, params: Mapping[str, Any]) -> VargRequest:
    """The request a job was recorded with (its cache mode is ``params["cache_mode"]``: ``"cache"``
    says whether it was a hit)."""
    from ..api.varg.models import VargRequest

    return VargRequest.from_params(kind, params)


def _utc_day(t: float) -> _dt.date:
    return _dt.datetime.fromtimestamp(t, _dt.UTC).date()


class VargQueue(Follower):
    """Submits, follows (streams, else polls) and saves the varg jobs of one account."""

    PROVIDER = PROVIDER
    LABEL = "varg"
    log = log
    client: VargApi
    policy: VargPollPolicy

    def __init__(self, store: JobStore, client: VargApi, *, download_dir: str | Path | None = None,
                 auto_download: bool = True, record_download_dir: bool = False, account: str | None = None,
                 max_running: int = 2, max_streams: int = 8, policy: VargPollPolicy | None = None,
                 clock: Callable[[], float] = time.time, seen: SeenRequests | None = None) -> None:
        self.store = store
        #: the requests sent with the cache in use (the "probably from cache: free" estimate); None: not kept
        self.seen = seen
        self.client = client
        self.download_dir = Path(download_dir) if download_dir else None
        self.auto_download = auto_download
        self.record_download_dir = record_download_dir
        self.account = account or None
        self.policy = policy or VargPollPolicy()
        self.clock = clock
        self._max_running = max(1, int(max_running))
        #: at most this many SSE streams open at once (the other open jobs are polled)
        self.max_streams = max(0, int(max_streams))
        self._init_follow()  # the poller's state, offline, reads in flight (jobs/follow.py)
        self._streams: dict[int, asyncio.Task[None]] = {}
        #: a job whose stream dropped gets one again from then on (clock time), and how many dropped in a row
        self._stream_after: dict[int, float] = {}
        self._drops: dict[int, int] = {}
        self._senders: dict[int, asyncio.Task[Any]] = {}
        self._helpers: set[asyncio.Task[Any]] = set()
        #: jobs the user cancelled while they were being sent: cancelled on varg once their id is known
        self._cancel_when_sent: set[int] = set()
        #: jobs being sent again by hand right now (a second Retry meanwhile is refused)
        self._resending: set[int] = set()
        #: completed jobs whose charge is still to be read from the usage records (local id -> looks so far)
        self._charges: dict[int, int] = {}
        self._charge_task: asyncio.Task[None] | None = None
        #: no create is sent before then (a 429's Retry-After)
        self._create_until = 0.0
        self.streams_opened = 0
        self.stream_drops = 0
        self.rate_limited_creates = 0

    # -- properties ------------------------------------------------------------------------------
    @property
    def max_running(self) -> int:
        """How many of the account's jobs may run on varg at once (the plan's limit)."""
        return self._max_running

    @max_running.setter
    def max_running(self, value: int) -> None:
        self._max_running = max(1, int(value))
        self._dispatch()  # waiting jobs start when it grows
        self._wake.set()

    @property
    def stats(self) -> dict[str, int]:
        return {"streams_open": sum(1 for t in self._streams.values() if not t.done()),
                "polls": sum(self.poll_requests.values()), "streams_opened": self.streams_opened,
                "stream_drops": self.stream_drops, "max_in_flight": self.max_in_flight,
                "rate_limited_creates": self.rate_limited_creates, "waiting": len(self.waiting_jobs())}

    def identify(self, account: str | None) -> None:
        """The account changed: its jobs are the ones followed (and sent) now."""
        account = account or None
        if account != self.account:
            self.account = account
            self._due.clear()
            self.refresh()
            if self._running:
                self.resume_downloads()
                self._dispatch()

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Mark what a stopped app left half-sent, re-attach jobs with an id, resume downloads and
        waiting jobs, then follow the open jobs. Safe to call once."""
        if self._running:
            return
        self._running = True
        self._stopped = False
        self._sem = asyncio.Semaphore(max(1, self.policy.concurrency))
        self._mark_interrupted()
        self._poller = asyncio.get_running_loop().create_task(self._poll_loop(), name="varg-poller")
        self.resume_downloads()
        self._resume_charges()

    def _mark_interrupted(self) -> None:
        """A job left ``submitting`` may exist on varg: unknown, never sent again. A waiting job keeps
        waiting (nothing of it was sent); one left preparing is cancelled (nothing was charged). An
        unknown job that has a job id is followed again."""
        for j in self.store.list(statuses=[LocalStatus.SUBMITTING, LocalStatus.PREPARING, LocalStatus.UNKNOWN],
                                 include_hidden=True):
            if j.provider != PROVIDER:
                continue
            if j.status is LocalStatus.SUBMITTING:
                self.store.transition(j.local_id, LocalStatus.SUBMITTING, status=LocalStatus.UNKNOWN,
                                      error=UNKNOWN_STOPPED)
            elif j.status is LocalStatus.PREPARING and not (j.params.get("waiting") and self._files_known(j)):
                self.store.transition(j.local_id, LocalStatus.PREPARING, status=LocalStatus.CANCELLED,
                                      error=STOPPED_BEFORE_SENDING, finished_at=self.clock())
            elif j.status is LocalStatus.UNKNOWN and j.remote_id:
                log.info("re-attaching varg job %s (local %d)", j.remote_id, j.local_id)
                self.store.transition(j.local_id, LocalStatus.UNKNOWN, status=LocalStatus.PENDING, error=None)
        for j in self.store.list(include_hidden=True, download_states=[DownloadState.DOWNLOADING]):
            if j.provider == PROVIDER:
                self.store.update(j.local_id, download_state=DownloadState.NONE)

    @staticmethod
    def _files_known(rec: JobRecord) -> bool:
        urls = rec.params.get("file_urls") or {}
        try:
            req = _request_from(rec.kind, rec.params)
        except (VergingError, ValueError, TypeError, KeyError):
            return False
        return all(f in urls for f in req.local_files())

    async def stop(self) -> None:
        """Cancel and await every task the queue started (poller, streams, reads, downloads, sends of
        waiting jobs), and the submits under way: a job still being prepared is cancelled (nothing was
        charged), one being sent is unknown at once. Waiting jobs stay waiting. Nothing is sent after this."""
        self._running = False
        self._stopped = True
        me = asyncio.current_task()
        submits = [t for t in self._submits.values() if t is not me and not t.done()]
        tasks = [*([self._poller] if self._poller else []), *self._polls.values(), *self._streams.values(),
                 *self._downloads.values(), *self._senders.values(), *self._helpers,
                 *([self._charge_task] if self._charge_task else [])]
        for t in [*tasks, *submits]:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        if submits:
            await asyncio.wait(submits, timeout=10.0)
        self._poller = self._charge_task = None
        for d in (self._polls, self._streams, self._downloads, self._submits, self._senders):
            d.clear()
        self._helpers.clear()

    def refresh(self) -> None:
        """Read every open job now and open the streams that dropped (a new key, the network back)."""
        now = self.clock()
        for lid in self._due:
            self._due[lid] = min(self._due[lid], now)
        self._stream_after.clear()
        self._auth_paused = False
        self._net_until = 0.0
        self._wake.set()

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        t = asyncio.get_running_loop().create_task(coro, name=name)
        self._helpers.add(t)
        t.add_done_callback(self._helpers.discard)
        return t

    # -- submitting ------------------------------------------------------------------------------
    async def submit(self, req: VargRequest, *, input_name: str, estimated: float | None,
                     dest: Destination | None = None, progress: Callable[[Progress], None] | None = None,
                     extra: dict[str, Any] | None = None) -> JobRecord:
        """Record the job, upload its local files (each URL stored as soon as known), then send it
        once; or, when the account's running jobs fill the limit, return it at once waiting
        (``preparing``, ``params["waiting"]`` True): the queue sends it when a slot is free."""
        account = self._require_account()
        if dest is None and self.record_download_dir and self.download_dir is not None:
            dest = Destination(Path(self.download_dir).absolute(), True)
        byok = sorted(self._byok_for(req))
        params: dict[str, Any] = {**req.to_params(), "cache_mode": req.cache.value, "cache": "", "cache_key": "",
                                  "byok": byok[0] if byok else "", "media_type": "", "file_urls": {},
                                  "waiting": False, **(extra or {})}
        rec = self.store.add(provider=PROVIDER, kind=req.kind, params=params, inputs=req.local_files(),
                             input_name=input_name, base_url=self.base_url, estimated_credits=estimated,
                             account=account, dest=dest.encode() if dest is not None else None)
        task = asyncio.current_task()
        if task is not None:
            self._task_jobs.setdefault(task, []).append(rec.local_id)
            self._submits[rec.local_id] = task
        try:
            urls = await self._prepare(rec, functools.partial(self._upload_all, rec, req, progress))
            cur = self.store.get(rec.local_id) or rec
            if cur.status is not LocalStatus.PREPARING:
                raise Cancelled(_("This job was stopped before it was sent; nothing was charged."))
            if not self._may_send_now(cur):
                self._dispatch()  # an older waiting job may take a slot that is free
                return self._to_waiting(cur)
            sending = self._claim(cur)
            if sending is None:
                raise Cancelled(_("This job was stopped before it was sent; nothing was charged."))
            return await self._post(sending, req, urls, raise_errors=True)
        finally:
            if task is not None:
                self._untrack(rec.local_id, task)

    async def resend(self, local_id: int, *, progress: Callable[[Progress], None] | None = None) -> JobRecord:
        """Send a job again, by hand, as a new job (it charges again, unless varg's cache has its
        result): one that failed, was cancelled or whose sending was interrupted, and only once (the
        old job names the new one in ``params["resent_as"]``). Its uploaded files are not sent again."""
        old = self.store.get(local_id)
        if old is None or old.provider != PROVIDER:
            raise InputError(_("That varg job is no longer in the queue."))
        if old.status not in (LocalStatus.FAILED, LocalStatus.CANCELLED, LocalStatus.UNKNOWN):
            raise InputError(_("Only a varg job that failed, was cancelled or whose sending was interrupted can be "
                               "sent again."))
        if local_id in self._resending:
            raise InputError(_("Job {id} ({name}) is being sent again right now.").format(
                id=old.local_id, name=old.input_name))
        if old.params.get("resent_as"):
            again = old.params["resent_as"]
            raise InputError(_("Job {id} ({name}) was already sent again as job {again}; send "
                               "job {again} again if it did not work (each sending may charge again).").format(
                id=old.local_id, name=old.input_name, again=again))
        account = self._require_account()
        if old.account != account:
            raise InputError(_("That job belongs to another varg account; switch to it to send the job again."))
        req = _request_from(old.kind, old.params)
        self._resending.add(local_id)
        urls = dict(old.params.get("file_urls") or {})
        extra = {"resent_from": local_id, "file_urls": urls,
                 "file_hashes": {p: h for p, h in (old.params.get("file_hashes") or {}).items() if p in urls}}
        dest = Destination.decode(old.dest) if old.dest else None
        try:
            rec = await self.submit(req, input_name=old.input_name, estimated=old.estimated_credits, dest=dest,
                                    progress=progress, extra=extra)
        finally:
            self._resending.discard(local_id)
            new = max((r.local_id for r in self.store.list(include_hidden=True)
                       if r.params.get("resent_from") == local_id), default=None)
            if new is not None:  # the new job was recorded: this one is not sent again
                now = self.store.get(local_id) or old
                self.store.update(local_id, params={**now.params, "resent_as": new})
        return rec

    def _byok_for(self, req: VargRequest) -> set[str]:
        info = req.model_info
        kid = info.byok if info is not None else None
        try:
            keys = self.client.byok_keys()
        except Exception:
            keys = frozenset()
        return {kid} if kid and kid in keys else set()

    async def _upload_all(self, rec: JobRecord, req: VargRequest,
                          progress: Callable[[Progress], None] | None) -> dict[str, str]:
        """Upload every local file of ``req`` once (each URL stored as soon as it is known)."""
        urls: dict[str, str] = dict(rec.params.get("file_urls") or {})
        for path in req.local_files():
            if path in urls:
                continue
            f = await self.client.upload(Path(path), progress=progress)
            urls[path] = f.url
            cur = self.store.get(rec.local_id) or rec
            hashes = dict(cur.params.get("file_hashes") or {})
            if f.hash:
                hashes[path] = f.hash
            self.store.update(rec.local_id, params={**cur.params, "file_urls": dict(urls), "file_hashes": hashes},
                              target_url=cur.target_url or f.url)
        return urls

    def _unsent(self, local_id: int, status: LocalStatus, error: str) -> None:
        self.store.transition(local_id, LocalStatus.PREPARING, status=status, error=error, finished_at=self.clock())

    async def _prepare(self, rec: JobRecord, work: Callable[[], Any]) -> Any:
        """Local work before the charging request (the uploads): whatever stops it, nothing was sent."""
        try:
            return await work()
        except asyncio.CancelledError:
            self._unsent(rec.local_id, LocalStatus.CANCELLED,
                         STOPPED_BEFORE_SENDING if self._stopped else CANCELLED_BEFORE_SENDING)
            raise
        except VergingError as e:
            self._unsent(rec.local_id, LocalStatus.FAILED, f"{e} Nothing was charged.")
            raise
        except Exception as e:
            log.exception("preparing varg job %d failed", rec.local_id)
            text = f"The job could not be sent ({type(e).__name__}: {e}). Nothing was charged."
            self._unsent(rec.local_id, LocalStatus.FAILED, text)
            raise NotSent(text) from e

    # -- the running limit -----------------------------------------------------------------------
    def running_count(self) -> int:
        """The account's jobs taking a slot on varg (sending, queued or processing)."""
        if not self.account:
            return 0
        counts = self.store.count_by_status(account=self.account, provider=PROVIDER)
        return sum(counts.get(s, 0) for s in RUNNING)

    def waiting_jobs(self) -> list[JobRecord]:
        """The account's jobs waiting here for a free slot, oldest first."""
        if not self.account:
            return []
        return [r for r in self.store.list(statuses=[LocalStatus.PREPARING], account=self.account,
                                           include_hidden=True)
                if r.provider == PROVIDER and r.params.get("waiting")]

    def _may_send_now(self, rec: JobRecord) -> bool:
        if self.clock() < self._create_until:
            return False
        older = sum(1 for r in self.waiting_jobs() if r.local_id < rec.local_id and r.local_id not in self._senders)
        return self.running_count() + older < self.max_running

    def _to_waiting(self, rec: JobRecord) -> JobRecord:
        running = self.running_count()
        new = self.store.transition(rec.local_id, LocalStatus.PREPARING,
                                    params={**rec.params, "waiting": True, "running": running}, error=None)
        self._wake.set()
        return new or self.store.get(rec.local_id) or rec

    def _claim(self, rec: JobRecord) -> JobRecord | None:
        """``submitting``, durably, only while the job is still ``preparing`` (None: it is not)."""
        cur = self.store.get(rec.local_id) or rec
        params = {k: v for k, v in cur.params.items() if k != "running"}
        params["waiting"] = False
        return self.store.transition(rec.local_id, LocalStatus.PREPARING, status=LocalStatus.SUBMITTING,
                                     submitted_at=self.clock(), params=params, error=None)

    def _dispatch(self) -> None:
        """Send the oldest waiting jobs while the account has free slots (each claimed at once, so
        the count is right for the next one)."""
        if not self._running or self._stopped or not self.account or self.clock() < self._create_until:
            return
        free = self.max_running - self.running_count()
        if free <= 0:
            return
        for rec in self.waiting_jobs():
            if free <= 0:
                break
            if rec.local_id in self._senders or rec.local_id in self._submits:
                continue
            sending = self._claim(rec)
            if sending is None:
                continue
            free -= 1
            t = asyncio.get_running_loop().create_task(self._send_waiting(sending), name=f"varg-send-{rec.local_id}")
            self._senders[rec.local_id] = t
            t.add_done_callback(functools.partial(self._sent, rec.local_id))

    def _sent(self, local_id: int, task: asyncio.Task[Any]) -> None:
        if self._senders.get(local_id) is task:
            del self._senders[local_id]

    async def _send_waiting(self, rec: JobRecord) -> None:
        try:
            req = _request_from(rec.kind, rec.params)
            urls = dict(rec.params.get("file_urls") or {})
        except Exception as e:  # a record this version cannot read back: never sent
            self.store.transition(rec.local_id, LocalStatus.SUBMITTING, status=LocalStatus.FAILED,
                                  error=stored(NOT_SENT, reason=e),
                                  finished_at=self.clock())
            return
        with contextlib.suppress(VergingError):
            await self._post(rec, req, urls, raise_errors=False)

    # -- sending ---------------------------------------------------------------------------------
    async def _post(self, rec: JobRecord, req: VargRequest, urls: Mapping[str, str], *,
                    raise_errors: bool) -> JobRecord:
        """Send create() once for a job marked submitting, and record the answer."""
        try:
            job = await self.client.create(req, urls)
        except asyncio.CancelledError:
            self._maybe_sent(rec.local_id, UNKNOWN_STOPPED if self._stopped else UNKNOWN_CANCELLED)
            raise
        except RateLimited as e:
            # refused, not created: it waits and is sent again after Retry-After (no double charge)
            self.rate_limited_creates += 1
            wait = min(self.policy.create_retry_max, max(1.0, e.wait_seconds()))
            self._create_until = max(self._create_until, self.clock() + wait)
            cur = self.store.get(rec.local_id) or rec
            if rec.local_id in self._cancel_when_sent or cur.status is LocalStatus.CANCELLED:
                # cancelled while it was being sent: never sent again (varg created nothing)
                self._cancel_when_sent.discard(rec.local_id)
                log.info("varg refused job %d with a 429; it was cancelled meanwhile", rec.local_id)
                self.store.update(rec.local_id, status=LocalStatus.CANCELLED, error=CANCELLED_REFUSED,
                                  finished_at=cur.finished_at or self.clock())
                self._wake.set()
                return self.store.get(rec.local_id) or rec
            log.info("varg refused job %d with a 429; it waits %.1f s", rec.local_id, self._create_until - self.clock())
            back = self.store.transition(rec.local_id, LocalStatus.SUBMITTING, status=LocalStatus.PREPARING,
                                         submitted_at=None, params={**cur.params, "waiting": True,
                                                                    "running": self.running_count()})
            self._wake.set()
            return back or self.store.get(rec.local_id) or rec
        except Exception as e:
            if nothing_created(e):
                if _names_files(e):  # a URL of ours varg no longer serves: uploaded again next time
                    await self._forget_uploads(rec)
                local = not isinstance(e, ApiError) or e.status is None
                text = stored(NOTHING_CHARGED, reason=e) if local else stored(NOT_CREATED, reason=e)
                was = self.store.get(rec.local_id)
                if was is not None and was.status is LocalStatus.CANCELLED:
                    self.store.update(rec.local_id, error=stored(CANCELLED_NOT_CREATED, reason=e))
                else:
                    self.store.update(rec.local_id, status=LocalStatus.FAILED, error=text, finished_at=self.clock())
            else:
                if not isinstance(e, VergingError):
                    log.exception("sending varg job %d failed", rec.local_id)
                self._maybe_sent(rec.local_id, unknown_text(e))
            self._cancel_when_sent.discard(rec.local_id)
            self._wake.set()  # its slot is free again
            if raise_errors:
                raise
            return self.store.get(rec.local_id) or rec
        return self._created(rec, job)

    async def _forget_uploads(self, rec: JobRecord) -> None:
        """varg refused the job's input files (400/404 naming ``files``/``audio_url``): the upload
        memory forgets their hashes and the job its URLs, so sending it again uploads them again."""
        cur = self.store.get(rec.local_id) or rec
        try:
            req = _request_from(cur.kind, cur.params)
        except (VergingError, ValueError, TypeError, KeyError):
            return
        paths = req.local_files()
        if not paths:
            return
        known: dict[str, str] = dict(cur.params.get("file_hashes") or {})
        hashes = [known[p] for p in paths if p in known]
        if len(hashes) < len(paths):
            from ..services.varg_cache import hashes_of

            with contextlib.suppress(OSError):
                found = await asyncio.to_thread(hashes_of, req)
                hashes = list({*hashes, *found.values()})
        memory = getattr(self.client, "uploads", None)
        forget = getattr(memory, "forget", None)
        if forget is not None:
            scope = str(getattr(self.client, "upload_scope", "") or self.base_url)
            for h in hashes:
                forget(scope, h)
        cur = self.store.get(rec.local_id) or cur
        urls = {p: u for p, u in (cur.params.get("file_urls") or {}).items() if p not in paths}
        self.store.update(rec.local_id, params={**cur.params, "file_urls": urls})
        log.info("varg refused the files of job %d; they are uploaded again next time", rec.local_id)

    def _maybe_sent(self, local_id: int, error: str) -> None:
        cur = self.store.get(local_id)
        if cur is not None and cur.status is not LocalStatus.CANCELLED:
            self.store.update(local_id, status=LocalStatus.UNKNOWN, error=error)

    def _created(self, rec: JobRecord, job: VargJob) -> JobRecord:
        cur = self.store.get(rec.local_id) or rec
        cancelled = cur.status is LocalStatus.CANCELLED or rec.local_id in self._cancel_when_sent
        self._cancel_when_sent.discard(rec.local_id)
        final_hit = local_status(job) is LocalStatus.COMPLETED and bool(job.output_url or job.output_text)
        if not job.id and not final_hit:
            return self.store.update(rec.local_id, status=LocalStatus.UNKNOWN, error=UNKNOWN_NO_ID)
        params = {**cur.params, "byok": job.byok or cur.params.get("byok") or "",
                  "cache": "hit" if job.cache_hit else ("miss" if job.cache_hit is False else ""),
                  "cache_key": job.cache_key or cur.params.get("cache_key") or ""}
        new = self.store.update(rec.local_id, remote_id=job.id or None, params=params)
        if cancelled and job.id and not local_status(job).final:
            # cancelled while it was being sent: cancelled on varg now that it has an id
            if new.status is LocalStatus.CANCELLED:
                self._spawn(self._delete(new.local_id, job.id), name=f"varg-cancel-{new.local_id}")
            else:
                self._apply(new, job)
                self._spawn(self._cancel_sent(new.local_id), name=f"varg-cancel-{new.local_id}")
            return self.store.get(new.local_id) or new
        self._apply(new, job)  # its status: queued, processing, or completed at once (a cache hit)
        self._due[new.local_id] = self.clock() + self.policy.interval(0)
        self._wake.set()  # a stream for it at once
        return self.store.get(new.local_id) or new

    async def _cancel_sent(self, local_id: int) -> None:
        with contextlib.suppress(VergingError):
            await self.cancel(local_id)

    async def _delete(self, local_id: int, job_id: str) -> None:
        try:
            await self.client.cancel(job_id)
        except VergingError as e:
            log.info("cancelling varg job %s failed: %s", job_id, e)
            return
        self.store.update(local_id, error=CANCELLED_ON_VARG)

    # -- cancelling ------------------------------------------------------------------------------
    async def cancel(self, local_id: int) -> JobRecord:
        """Cancel a job: on varg (``DELETE /jobs/{id}``) when it was sent; here when it waits or is
        being prepared (nothing was sent, nothing charged); one being sent is cancelled on varg as
        soon as its id comes back."""
        rec = self.store.get(local_id)
        if rec is None or rec.provider != PROVIDER:
            raise InputError(_("That varg job is no longer in the queue."))
        if rec.status is LocalStatus.PREPARING:
            return self.stop_waiting(local_id)
        if rec.status is LocalStatus.SUBMITTING:
            self._cancel_when_sent.add(local_id)
            return rec
        if rec.status.final:
            return rec
        if not rec.remote_id:
            raise InputError(_("varg gave this job no id, so it cannot be cancelled from here; see your usage at "
                               "varg.ai."))
        try:
            await self.client.cancel(rec.remote_id)
        except NotFound:
            pass  # gone or ended meanwhile: what varg says now is read below
        except ApiError as e:
            if e.status is None or e.status >= 500 or e.status in (401, 403, 429):
                raise
            # refused (it ended meanwhile): read it below
        self._stop_following(local_id)
        try:
            job = await self.client.job(rec.remote_id)
        except VergingError:
            job = None
        if job is not None and local_status(job).final and local_status(job) is not LocalStatus.CANCELLED:
            self._apply(rec, job)  # it ended before the cancel arrived
            return self.store.get(local_id) or rec
        cur = self.store.get(local_id) or rec
        if cur.status.final:
            return cur
        new = self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                error=CANCELLED_ON_VARG)
        self._wake.set()
        return new

    def _stop_following(self, local_id: int) -> None:
        self._due.pop(local_id, None)
        for d in (self._streams, self._polls):
            t = d.pop(local_id, None)
            if t is not None and not t.done():
                t.cancel()

    def stop_waiting(self, local_id: int) -> JobRecord:
        """Stop a job here: one waiting or being prepared is cancelled and never sent; one on varg is no
        longer followed (varg may still finish it; :meth:`cancel` cancels it there)."""
        rec = self.store.get(local_id)
        if rec is None:
            raise InputError(_("That job is no longer in the queue."))
        if rec.status is LocalStatus.PREPARING:
            task = self._submits.pop(local_id, None)
            new = self.store.transition(local_id, LocalStatus.PREPARING, status=LocalStatus.CANCELLED,
                                        finished_at=self.clock(), error=CANCELLED_BEFORE_SENDING)
            if task is not None and not task.done():
                task.cancel()
            return new or self.store.get(local_id) or rec
        if rec.status.final:
            return rec
        self._stop_following(local_id)
        return self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                 error=N_("No longer followed. It may still finish on varg (and be charged)."))

    # -- following -------------------------------------------------------------------------------
    def _schedule(self) -> float:
        """Open a stream for open jobs while there is room, read the others that are due, send waiting
        jobs that have a slot; seconds until something is due."""
        now = self.clock()
        if not self.account or not getattr(self.client, "has_key", True):
            return 60.0
        self._dispatch()
        later: list[float] = []
        if self._create_until > now and self.waiting_jobs():
            later.append(self._create_until)
        if self._auth_paused:
            if now < self._auth_until:
                return self._auth_until - now
            self._auth_paused = False
        jobs = self.open_jobs()
        ids = {j.local_id for j in jobs}
        for gone in [i for i in {*self._due, *self._streams, *self._stream_after} if i not in ids]:
            self._due.pop(gone, None)
            self._errors.pop(gone, None)
            self._missing.pop(gone, None)
            self._stream_after.pop(gone, None)
            self._drops.pop(gone, None)
            cur = self.store.get(gone)
            if cur is not None and cur.status.open:  # another account's now: no longer followed
                t = self._streams.pop(gone, None)
                if t is not None and not t.done():
                    t.cancel()
            # a job that ended: its stream ends by itself (varg closes it after the final status); cancelled
            # while it closes, its pooled connection would not be given back
        pause = self._paused_until()
        loop = asyncio.get_running_loop()
        for j in jobs:
            lid = j.local_id
            if lid in self._streams:
                continue
            after = self._stream_after.get(lid, 0.0)
            if len(self._streams) < self.max_streams and after <= now and now >= pause and lid not in self._polls:
                self._due.pop(lid, None)
                self._stream_after.pop(lid, None)
                self.streams_opened += 1
                self._streams[lid] = loop.create_task(self._follow(j), name=f"varg-stream-{lid}")
                continue
            if after > now and len(self._streams) < self.max_streams:
                later.append(after)
            if lid in self._polls:
                continue
            if now < pause:
                later.append(pause)
                continue
            due = self._due.setdefault(lid, now)
            if due <= now:
                self._polls[lid] = loop.create_task(self._poll_one(j), name=f"varg-read-{lid}")
            else:
                later.append(due)
        if self.waiting_jobs():
            later.append(now + 5.0)  # a slot may free up in another process (the command line)
        return (min(later) - now) if later else 60.0

    async def _read(self, rec: JobRecord) -> VargJob:
        return await self._counted(rec, lambda: self.client.job(str(rec.remote_id)))

    async def _follow(self, rec: JobRecord) -> None:
        """Follow one job's SSE stream until it ends; a stream that drops falls back to polling."""
        lid = rec.local_id
        ended = cancelled = False
        events = self.client.stream(str(rec.remote_id))
        try:
            # read to its end (the stream closes after a final status): leaving it early would leave the
            # response's generators to be closed by the garbage collector, holding a pooled connection
            async for job in events:
                self._drops.pop(lid, None)
                self._apply(rec, job)
                ended = ended or local_status(job).final
            cur = self.store.get(lid)
            ended = ended or cur is None or not cur.status.open
        except asyncio.CancelledError:
            cancelled = True
            raise
        except RateLimited as e:
            self._rate_until = max(self._rate_until, self.clock() + max(0.5, e.wait_seconds()))
        except AuthError as e:
            self._auth_error(e)
        except (TransportError, ApiError) as e:
            log.info("varg stream of job %s ended early: %s", rec.remote_id, e)
        except Exception:
            log.exception("following the varg stream of job %s crashed", rec.remote_id)
        finally:
            if self._streams.get(lid) is asyncio.current_task():
                del self._streams[lid]
            aclose = getattr(events, "aclose", None)
            if aclose is not None:  # the HTTP stream closes now, not when the generator is collected
                with contextlib.suppress(Exception, asyncio.CancelledError):
                    await aclose()
            if not ended and not cancelled:
                cur = self.store.get(lid)
                if cur is not None and cur.status.open:  # dropped: polled at once, a stream again later
                    self.stream_drops += 1
                    n = self._drops[lid] = self._drops.get(lid, 0) + 1
                    now = self.clock()
                    self._stream_after[lid] = now + self.policy.stream_backoff(n)
                    self._due[lid] = now
            if self._running:
                self._wake.set()

    def _auth_error(self, e: AuthError) -> None:
        if not self._auth_paused:
            self._auth_paused = True
            self._auth_until = self.clock() + 300.0
            if self.on_auth_error is not None:
                self.on_auth_error(e)

    async def _poll_one(self, rec: JobRecord) -> None:
        lid = rec.local_id
        due: float | None = None
        try:
            async with self._limit():
                now = self.clock()
                if now < self._paused_until() or self._auth_paused:
                    due = max(now, self._paused_until())
                    return
                job = await self._read(rec)
        except RateLimited as e:
            self._rate_until = max(self._rate_until, self.clock() + max(0.5, e.wait_seconds()))
            due = self._rate_until
        except AuthError as e:
            self._auth_error(e)
            due = self.clock()
        except TransportError:
            now = self.clock()
            if now >= self._net_until:
                self._net_errors += 1
                self._net_until = now + self.policy.backoff(self._net_errors)
            self._set_offline(True)
            due = self._net_until
        except NotFound:
            now = self.clock()
            since = self._missing.setdefault(lid, now)
            if now - since >= self.policy.missing_for:
                self._give_up(rec, LocalStatus.FAILED, missing_text(rec, self.policy.missing_for))
            else:
                n = self._errors[lid] = self._errors.get(lid, 0) + 1
                due = now + self.policy.backoff(n)
        except ApiError as e:
            n = self._errors[lid] = self._errors.get(lid, 0) + 1
            log.warning("reading varg job %s failed: %s", rec.remote_id, e)
            due = self.clock() + self.policy.backoff(n)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("reading varg job %s crashed; trying again", rec.remote_id)
            due = self.clock() + self.policy.error_backoff_max
        else:
            self._errors.pop(lid, None)
            self._missing.pop(lid, None)
            self._net_errors = 0
            self._set_offline(False)
            self._apply(rec, job)
            cur = self.store.get(lid)
            if cur is not None and cur.status.open:
                if self._age(cur) >= self.policy.give_up_after:
                    self._give_up(cur, LocalStatus.UNKNOWN, stuck_text(cur, self.policy.give_up_after))
                else:
                    due = self.clock() + self.policy.interval(self._age(cur))
        finally:
            if self._polls.get(lid) is asyncio.current_task():
                del self._polls[lid]
            if due is None:
                self._due.pop(lid, None)
            elif lid not in self._streams:
                self._due[lid] = due
                self._wake_by(due)

    def _give_up(self, rec: JobRecord, status: LocalStatus, error: str) -> None:
        self._errors.pop(rec.local_id, None)
        self._missing.pop(rec.local_id, None)
        cur = self.store.get(rec.local_id)
        if cur is None or not cur.status.open:
            return
        self.store.update(rec.local_id, status=status, error=error,
                          **({"finished_at": self.clock()} if status.final else {}))

    def _apply(self, rec: JobRecord, job: VargJob) -> None:
        cur = self.store.get(rec.local_id)
        if cur is None or not (cur.status.open or cur.status is LocalStatus.SUBMITTING):
            return
        ch = self._changes(cur, job)
        if not ch:
            return
        new = self.store.update(cur.local_id, **ch)
        if new.status.final:
            self._ended(new, job)

    def _changes(self, cur: JobRecord, job: VargJob) -> dict[str, Any]:
        status = local_status(job)
        ch: dict[str, Any] = {}
        if status is not cur.status:
            ch["status"] = status
            if status is LocalStatus.PROCESSING and cur.started_at is None:
                ch["started_at"] = self.clock()
            if status.final:
                ch["finished_at"] = self.clock()
                ch["progress"] = 100.0 if status is LocalStatus.COMPLETED else cur.progress
        params = dict(cur.params)
        if job.media_type and job.media_type != params.get("media_type"):
            params["media_type"] = job.media_type
        if job.cache_hit is not None and not params.get("cache"):
            params["cache"] = "hit" if job.cache_hit else "miss"
        if job.cache_key and not params.get("cache_key"):
            params["cache_key"] = job.cache_key
        if job.output_text and params.get("transcript") != job.output_text:
            params["transcript"] = job.output_text
        if params != cur.params:
            ch["params"] = params
        if job.output_url and job.output_url != cur.result_url:
            ch["result_url"] = job.output_url
        if job.cost_cents is not None and job.cost_cents != cur.charged_credits:
            ch["charged_credits"] = float(job.cost_cents)
        elif status is LocalStatus.COMPLETED and params.get("cache") == "hit" and cur.charged_credits is None:
            ch["charged_credits"] = 0.0  # a cache hit is free
        if status is LocalStatus.FAILED or (status is LocalStatus.CANCELLED and cur.status is not status):
            text = failure_text(job)
            if cur.error != text:
                ch["error"] = text
        if status is LocalStatus.COMPLETED and not (job.output_url or job.output_text or cur.result_url):
            ch["error"] = "varg finished this job without a result."
        return ch

    def _ended(self, rec: JobRecord, job: VargJob) -> None:
        """A job ended: its slot is free, its stream and reads stop; a completed one gets its charge,
        its transcript and its download."""
        self._create_until = 0.0  # one of the account's slots is free for sure: a refused job may go now
        self._wake.set()
        if rec.status is LocalStatus.COMPLETED and self._has_result(rec):  # varg's cache has it now
            self._remember(rec)
        if not self._running:
            return
        if rec.status is not LocalStatus.COMPLETED:
            return
        if rec.charged_credits is None:
            self._charges.setdefault(rec.local_id, 0)
            if self._charge_task is None or self._charge_task.done():
                self._charge_task = asyncio.get_running_loop().create_task(self._charge_loop(), name="varg-charges")
        if rec.kind == TRANSCRIPTION and "segments" not in rec.params:  # the text with its timed segments
            self._spawn(self._fetch_transcript(rec.local_id, job), name=f"varg-transcript-{rec.local_id}")
        elif self.auto_download and (self.download_dir or rec.dest) and self._has_result(rec) \
                and rec.download_state is DownloadState.NONE:
            self.schedule_download(rec.local_id)

    def _remember(self, rec: JobRecord) -> None:
        """A completed request is in varg's cache now (unless sent ``no-store``): the next identical one
        is estimated as probably free (:class:`SeenRequests`, shared by the app and the command line).
        The file hashes are the job's own (its uploads); else they are read in a thread."""
        seen = self.seen
        if seen is None:
            return
        try:
            req = _request_from(rec.kind, rec.params)
        except (VergingError, ValueError, TypeError, KeyError):
            return
        from ..api.varg.models import CacheMode

        if req.cache is CacheMode.NO_STORE:
            return
        known: dict[str, str] = dict(rec.params.get("file_hashes") or {})
        job_id = str(rec.remote_id or "")
        if all(p in known for p in req.local_files()):
            self._record_seen(seen, req, known, job_id)
            return

        def work() -> None:
            from ..services.varg_cache import hashes_of

            self._record_seen(seen, req, {**hashes_of(req), **known}, job_id)

        async def in_thread() -> None:
            await asyncio.to_thread(work)

        self._spawn(in_thread(), name=f"varg-seen-{rec.local_id}")

    @staticmethod
    def _record_seen(seen: SeenRequests, req: VargRequest, hashes: Mapping[str, str], job_id: str) -> None:
        try:
            seen.remember(req, hashes, job_id)
        except (OSError, KeyError, VergingError) as e:
            log.warning("could not remember the varg request: %s", e)

    @staticmethod
    def _has_result(rec: JobRecord) -> bool:
        return has_result(rec)

    async def _fetch_transcript(self, local_id: int, job: VargJob) -> None:
        try:
            t = await self.client.transcript(job)
        except VergingError as e:
            log.warning("reading the transcript of varg job %s failed: %s", job.id, e)
            cur = self.store.get(local_id)
            if cur is not None and cur.params.get("transcript"):  # output.text: saved without its segments
                if self.auto_download and (self.download_dir or cur.dest) and \
                        cur.download_state is DownloadState.NONE:
                    self.schedule_download(local_id)
                return
            self.store.update(local_id, error=stored(TRANSCRIPT_UNREADABLE, reason=e),
                              download_state=DownloadState.FAILED)
            return
        cur = self.store.get(local_id)
        if cur is None:
            return
        params = {**cur.params, "transcript": t.text, "segments": [list(s) for s in t.segments],
                  "language": t.language or cur.params.get("language") or ""}
        if t.duration is not None:
            params["media_seconds"] = t.duration
        new = self.store.update(local_id, params=params)
        if self.auto_download and (self.download_dir or new.dest) and new.download_state is DownloadState.NONE:
            self.schedule_download(local_id)

    # -- charges ---------------------------------------------------------------------------------
    def _resume_charges(self) -> None:
        """Completed jobs of the last two days whose charge was not read yet (the app stopped first)."""
        if not self.account:
            return
        since = self.clock() - 2 * 86400
        for r in self.store.list(statuses=[LocalStatus.COMPLETED], account=self.account, include_hidden=True):
            if r.provider == PROVIDER and r.charged_credits is None and r.remote_id and \
                    (r.finished_at or r.created_at) >= since:
                self._charges.setdefault(r.local_id, 0)
        if self._charges:
            self._charge_task = asyncio.get_running_loop().create_task(self._charge_loop(), name="varg-charges")

    async def _charge_loop(self) -> None:
        """Read the usage records once for every job that ended meanwhile, until each has its charge."""
        first = True
        while self._charges and self._running:
            await asyncio.sleep(0.3 if first else self.policy.charge_retry)  # jobs ending together: one request
            first = False
            recs = self.store.get_many(list(self._charges))
            for gone in [i for i in self._charges if i not in recs]:
                self._charges.pop(gone, None)
            if not recs:
                return
            days = [_utc_day(r.submitted_at or r.created_at) for r in recs.values()]
            start = min(days) - _dt.timedelta(days=1)
            end = max(_utc_day(self.clock()), max(days))
            try:
                usage = await self.client.usage(start, end)
                records = {u.job_id: u for u in usage.records}
            except VergingError as e:
                log.info("reading varg usage failed: %s", e)
                records = {}
            changes: dict[int, dict[str, Any]] = {}
            for lid, r in recs.items():
                u = records.get(str(r.remote_id)) if r.remote_id else None
                if u is not None:
                    params = dict(r.params)
                    if u.cache_hit and params.get("cache") != "hit":
                        params["cache"] = "hit"
                    changes[lid] = {"charged_credits": float(u.cost_cents), "params": params}
                    self._charges.pop(lid, None)
                    continue
                self._charges[lid] += 1
                if params_free(r):
                    changes[lid] = {"charged_credits": 0.0}
                if self._charges[lid] >= self.policy.charge_attempts or params_free(r):
                    self._charges.pop(lid, None)
            if changes:
                self.store.update_many(changes)

    # -- results ---------------------------------------------------------------------------------
    def resume_downloads(self) -> None:
        if not self.auto_download or not self.account:
            return
        for rec in self.store.list(statuses=[LocalStatus.COMPLETED], include_hidden=True, account=self.account,
                                   download_states=[DownloadState.NONE, DownloadState.FAILED]):
            if rec.provider == PROVIDER and self._has_result(rec) and (self.download_dir or rec.dest):
                self.schedule_download(rec.local_id)

    @staticmethod
    def result_urls(rec: JobRecord) -> list[str]:
        return [rec.result_url] if rec.result_url else []

    def _result_name(self, rec: JobRecord) -> str:
        if rec.kind == TRANSCRIPTION:
            return str(Path(result_name(rec, None)).with_suffix(".txt"))
        name = result_name(rec, rec.result_url)
        mt = str(rec.params.get("media_type") or "").split(";")[0].strip()
        ext = {"audio/mpeg": ".mp3", "image/jpeg": ".jpg"}.get(mt) or (mimetypes.guess_extension(mt) or "" if mt else "")
        if ext and Path(name).suffix in ("", ".bin"):
            name = str(Path(name).with_suffix(ext))
        return name

    def planned_target(self, rec: JobRecord, index: int | None = None, dest_dir: Path | None = None) -> Path | None:
        return planned_target(rec, self._result_name(rec), dest_dir, self.download_dir, index)

    async def download(self, local_id: int, dest_dir: Path | None = None, *, dest: Path | None = None) -> Path | None:
        """Save a completed job's result where the user asked (never overwriting); a transcription's
        text as a ``.txt`` file. Returns the file."""
        rec = self.store.get(local_id)
        if rec is None:
            return None
        if rec.kind == TRANSCRIPTION:
            text = rec.params.get("transcript")
            if text is None:
                return None
            return await save_results(self.store, local_id, [f"transcript:{local_id}.txt"],
                                      fetch=functools.partial(self._write_text, str(text)),
                                      target=lambda r, _i: self.planned_target(r, None, dest_dir), dest=dest)
        if not rec.result_url:
            return None
        return await save_results(
            self.store, local_id, self.result_urls(rec),
            fetch=lambda url, path, progress: self.client.download(url, path, progress=progress),
            target=lambda r, _i: self.planned_target(r, None, dest_dir), dest=dest,
            fresh_urls=functools.partial(self._fresh_urls, rec))

    @staticmethod
    async def _write_text(text: str, _url: str, path: Path, _progress: Callable[[Progress], None]) -> Path:
        """Write a transcript atomically (through ``path.part``)."""
        part = path.with_name(path.name + ".part")

        def write() -> None:
            with open(part, "w", encoding="utf-8") as f:
                f.write(text if text.endswith("\n") or not text else text + "\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(part, path)

        await asyncio.to_thread(write)
        return path

    async def _fresh_urls(self, rec: JobRecord) -> list[str] | None:
        if not rec.remote_id:
            return None
        try:
            async with self._limit():
                job = await self._read(rec)
        except VergingError as e:
            log.info("could not refresh the result address of job %d: %s", rec.local_id, e)
            return None
        if job.output_url and job.output_url != rec.result_url:
            self.store.update(rec.local_id, result_url=job.output_url)
            return [job.output_url]
        return None

    def unfinished(self) -> list[JobRecord]:
        """This account's jobs still to wait for: waiting here, on varg, or completed and not saved yet."""
        if not self.account:
            return []
        waiting = self.store.list(account=self.account, statuses=[LocalStatus.PENDING, LocalStatus.PROCESSING])
        saving = [r for r in self.store.list(account=self.account, statuses=[LocalStatus.COMPLETED],
                                             downloaded=False) if self._has_result(r)]
        return sorted((r for r in [*self.waiting_jobs(), *waiting, *saving] if r.provider == PROVIDER),
                      key=lambda r: r.local_id)

    async def wait(self, local_ids: list[int], timeout: float | None = None, *, download: bool = True) -> list[JobRecord]:
        """Wait until the jobs are final (and saved when asked); a job waiting for a slot is waited
        for too; an unknown job without an id is as final as it gets. Used by the command line."""
        started = time.monotonic()
        while True:
            recs = [self.store.get(i) for i in local_ids]
            if any(r is None for r in recs):
                raise InputError("A job id is not in the local queue (see 'verging jobs').")
            done = True
            for r in recs:
                assert r is not None
                if r.status is LocalStatus.UNKNOWN:
                    continue
                if not r.status.final:
                    done = False
                elif download and r.status is LocalStatus.COMPLETED and r.download_state is not DownloadState.DONE:
                    # nothing to save (a failed download; a job without a result, unless its transcript is coming)
                    if r.download_state is DownloadState.FAILED or (not self._has_result(r)
                                                                    and r.kind != TRANSCRIPTION):
                        continue
                    done = False
                    if (self.download_dir or r.dest) and self._has_result(r) and not self.downloading(r.local_id):
                        self.schedule_download(r.local_id)
            if done:
                return [r for r in recs if r is not None]
            if timeout is not None and time.monotonic() - started > timeout:
                raise RequestTimeout("Timed out waiting for jobs; they keep running on varg.")
            await asyncio.sleep(0.1)


_FIELD_RE = re.compile(r"(files|audio_url)\b")
_FILES_400 = re.compile(r"\b(files|audio_url)\b", re.IGNORECASE)
_FILES_404 = re.compile(r"\b(files?|audio_url)\b", re.IGNORECASE)


def _names_files(e: BaseException) -> bool:
    """A create refused because of its input files' URLs: a 400 or 404 whose field is ``files``
    (``files[0].url``...) or ``audio_url``, or, without a field, whose message names them (a 404
    may just say "file")."""
    if not isinstance(e, ApiError) or e.status not in (400, 404):
        return False
    field = str(getattr(e, "field", "") or "")
    if field:
        return bool(_FIELD_RE.match(field))
    return bool((_FILES_400 if e.status == 400 else _FILES_404).search(str(e)))


def has_result(rec: JobRecord) -> bool:
    """A completed varg job has its result: a URL, or (a transcription) its transcript's text, which
    may come inline without any URL (``output.text`` only, e.g. a cache hit of the live gateway)."""
    return bool(rec.result_url or (rec.kind == TRANSCRIPTION and rec.params.get("transcript") is not None))


def params_free(rec: JobRecord) -> bool:
    """A job varg does not bill: a cache hit, or one sent with the user's own provider key."""
    return rec.params.get("cache") == "hit" or bool(rec.params.get("byok"))
