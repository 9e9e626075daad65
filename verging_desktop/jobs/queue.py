"""The job queue: submit (record first, then send), batched polling, re-attach, downloads.

Rules that keep money and work safe:

* A job is written to the store before create-job is sent (``submitting``) and updated with the
  remote id after. A job found in ``submitting`` at start-up is never sent again: it becomes
  ``unknown`` and is looked for in the server's job list (same file name, close in time).
* One polling task per job kind asks for every open job of that kind in one request
  (``job_ids=a,b,c``, split only past :attr:`PollPolicy.batch`), never one request per job.
* The interval adapts: quick for young jobs, slower as they age, immediate on :meth:`refresh`;
  429 waits for the reset; errors back off; going offline pauses and resumes by itself.
* A job belongs to an account on a server (:mod:`verging_desktop.core.identity`), not to a base
  URL: a sandbox restarted on another port, or a base URL written differently, keeps its jobs.
  The queue learns its account from ``/auth/me`` (or from :meth:`JobQueue.identify`).
* A job's destination (``-o`` on the command line, the download folder in the app) is stored
  before create-job and used by every later download, in whichever process downloads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api.verging import Job, JobKind, JobStatus, VergingClient
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
from ..core.identity import account_identity, server_key
from ..core.outputs import Destination
from ..core.stored_text import stored, template
from .results import NOTHING_CHARGED, grown_interval, planned_target, result_name, save_results, wait_event
from .store import DownloadState, JobRecord, JobStore, LocalStatus

__all__ = ["PROVIDER", "JobQueue", "PollPolicy", "result_name"]

log = logging.getLogger("verging_desktop.jobs.queue")

PROVIDER = "verging"

#: the job texts stored when create-job may have reached Verging (shown through jobs.words.error_text)
INTERRUPTED = N_("Sending was interrupted; the job may exist. Check your jobs on verging.ai.")
CONNECTION_FAILED = N_("The connection failed while sending; the job may exist. Looking for it in your job list.")
MAY_EXIST = template(N_("{reason} The job may exist all the same; looking for it in your job list."))
NOT_SENT = template(N_("The job could not be sent ({reason}). Nothing was charged."))

REMOTE_TO_LOCAL = {JobStatus.PENDING: LocalStatus.PENDING, JobStatus.PROCESSING: LocalStatus.PROCESSING,
                   JobStatus.COMPLETED: LocalStatus.COMPLETED, JobStatus.FAILED: LocalStatus.FAILED}


@dataclass(frozen=True)
class PollPolicy:
    base: float = 2.0          # seconds between polls for a young job
    max: float = 30.0          # the slowest interval, for old jobs
    ramp: float = 20.0         # every `ramp` seconds of age adds one second
    batch: int = 50            # ids per request before splitting
    error_backoff_max: float = 30.0

    def interval(self, youngest_age: float) -> float:
        return grown_interval(self.base, self.max, self.ramp, youngest_age)


class JobQueue:
    """Owns the polling and download tasks for one client (one server, one key)."""

    def __init__(self, store: JobStore, client: VergingClient, *, download_dir: str | Path | None = None,
                 auto_download: bool = True, policy: PollPolicy | None = None,
                 clock: Callable[[], float] = time.time, record_download_dir: bool = False,
                 private_store: bool = False) -> None:
        self.store = store
        self.client = client
        self.download_dir = Path(download_dir) if download_dir else None
        self.auto_download = auto_download
        self.policy = policy or PollPolicy()
        self.clock = clock
        self._pollers: dict[str, asyncio.Task[None]] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self._downloads: dict[int, asyncio.Task[Path | None]] = {}
        self._submits: dict[int, asyncio.Task[Any]] = {}
        #: every other task the queue starts (a look-up after a lost answer): cancelled on stop
        self._background: set[asyncio.Task[Any]] = set()
        self._running = False
        #: stop() was called: nothing more is sent (the app is switching accounts or closing)
        self._stopped = False
        #: True while the server cannot be reached (the pollers keep trying by themselves)
        self.offline = False
        #: called when the connection state changes (offline True/False)
        self.on_offline: Callable[[bool], None] | None = None
        #: called when a paused poller hits an AuthError
        self.on_auth_error: Callable[[AuthError], None] | None = None
        #: number of status requests sent per kind (for tests and benchmarks)
        self.poll_requests: dict[str, int] = {}
        #: store the download folder as a new job's destination when its submit names none (the app)
        self.record_download_dir = record_download_dir
        #: every job in this store made before accounts existed belongs to this server (a sandbox's own store)
        self.private_store = private_store
        #: the account this queue works for (see core/identity.py); None until known
        self.account: str | None = None
        self._account_for: tuple[str, str | None] | None = None
        #: the jobs each task recorded (a submit task is local work only until its job is recorded)
        self._task_jobs: weakref.WeakKeyDictionary[asyncio.Task[Any], list[int]] = weakref.WeakKeyDictionary()

    @property
    def base_url(self) -> str:
        return self.client.base_url

    # -- whose jobs ----------------------------------------------------------------------------
    def _connection(self) -> tuple[str, str | None]:
        return (self.client.base_url, getattr(self.client, "api_key", None))

    @property
    def current_account(self) -> str | None:
        """The account, if it is known for the client's current server and key."""
        return self.account if self._account_for == self._connection() else None

    def identify(self, acct: Any) -> str:
        """Use the account the server reported (an :class:`Account` from ``/auth/me``)."""
        ident = account_identity(PROVIDER, self.client.base_url, str(getattr(acct, "email", "") or ""),
                                 str(getattr(acct, "instance", "") or ""))
        changed = ident != self.account
        self.account = ident
        self._account_for = self._connection()
        here = server_key(self.client.base_url)
        claimed = self.store.claim(ident, (lambda _url: True) if self.private_store
                                   else (lambda url: server_key(url) == here))
        if claimed:
            log.info("%d earlier jobs belong to this account", claimed)
        if changed or claimed:
            self.refresh()
            if self._running:
                self.resume_downloads()
        return ident

    async def ensure_account(self) -> str:
        """The account of the current connection, asked from ``/auth/me`` when not known yet."""
        known = self.current_account
        if known is not None:
            return known
        return self.identify(await self.client.me())

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Re-attach to everything not final, then poll. Safe to call once."""
        if self._running:
            return
        self._running = True
        self._stopped = False
        self.store.mark_interrupted(PROVIDER)
        for kind in JobKind:
            self._ensure_poller(kind.value)
        await self.reattach_unknown()
        if self.current_account is None and self.store.list(statuses=[LocalStatus.COMPLETED], include_hidden=True,
                                                            downloaded=False):
            # results to save, and whose they are is not known yet: ask in the background
            self._pollers["_resume"] = asyncio.ensure_future(self._identify_and_resume())
        self.resume_downloads()

    async def _identify_and_resume(self) -> None:
        try:
            await self.ensure_account()  # identify() resumes the downloads
        except VergingError as e:
            log.info("could not read the account to resume downloads: %s", e)

    def resume_downloads(self) -> None:
        """Download completed results that are not saved yet (a partial file is resumed)."""
        account = self.current_account
        if not self.auto_download or account is None:
            return
        for rec in self.store.list(statuses=[LocalStatus.COMPLETED], include_hidden=True, account=account,
                                   download_states=[DownloadState.NONE, DownloadState.FAILED]):
            if rec.result_url and (self.download_dir or rec.dest):
                self.schedule_download(rec.local_id)

    async def stop(self) -> None:
        """Cancel and await every task the queue started (pollers, downloads, look-ups), and the
        submits under way: a job still being prepared is cancelled (nothing was charged), one being
        sent is unknown (looked for at the next start). Nothing is sent after this."""
        self._running = False
        self._stopped = True
        me = asyncio.current_task()
        submits = [t for t in self._submits.values() if t is not me and not t.done()]
        tasks = [*self._pollers.values(), *self._downloads.values(), *self._background]
        for t in [*tasks, *submits]:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        if submits:  # the callers' tasks: their jobs are marked as they end (bounded: not ours to wait on)
            await asyncio.wait(submits, timeout=10.0)
        self._pollers.clear()
        self._downloads.clear()
        self._submits.clear()
        self._background.clear()

    def _spawn(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        """Start ``coro`` as a task the queue keeps a handle on until it ends (and cancels on stop)."""
        t = asyncio.get_running_loop().create_task(coro, name=f"job-queue-{name}")
        self._background.add(t)
        t.add_done_callback(self._background_done)
        return t

    def _background_done(self, t: asyncio.Task[Any]) -> None:
        self._background.discard(t)
        if not t.cancelled() and t.exception() is not None:
            log.warning("%s failed: %s", t.get_name(), t.exception())

    def refresh(self) -> None:
        """Poll every kind now (the user pressed Refresh, or the network came back)."""
        for ev in self._wake.values():
            ev.set()

    def _ensure_poller(self, kind: str) -> None:
        if not self._running:
            return
        t = self._pollers.get(kind)
        if t is None or t.done():
            self._wake.setdefault(kind, asyncio.Event())
            self._pollers[kind] = asyncio.ensure_future(self._poll_loop(kind))
        else:
            self._wake[kind].set()

    def _set_offline(self, value: bool) -> None:
        if self.offline != value:
            self.offline = value
            log.info("job queue %s", "offline" if value else "back online")
            if self.on_offline is not None:
                self.on_offline(value)
            if not value:
                self.refresh()
                self.resume_downloads()

    # -- submitting ------------------------------------------------------------------------------
    async def _new(self, kind: JobKind, *, inputs: list[str], input_name: str, params: dict[str, Any],
                   estimated: float | None, dest: Destination | None = None) -> JobRecord:
        if self._stopped:
            raise InputError(_("The job queue has stopped (the app is switching accounts or closing); nothing was sent."))
        account = await self.ensure_account()  # nothing is recorded (or sent) without knowing whose it is
        if dest is None and self.record_download_dir and self.download_dir is not None:
            dest = Destination(Path(self.download_dir).absolute(), True)
        rec = self.store.add(provider=PROVIDER, kind=kind.value, params=params, inputs=inputs, input_name=input_name,
                             base_url=self.base_url, estimated_credits=estimated, account=account,
                             dest=dest.encode() if dest is not None else None)
        task = asyncio.current_task()
        if task is not None:
            self._task_jobs.setdefault(task, []).append(rec.local_id)
            self.track(rec.local_id, task)  # until it is sent: Stop waiting and stop() cancel its upload
        return rec

    def jobs_of(self, task: asyncio.Task[Any]) -> list[int]:
        """The local ids of the jobs ``task`` recorded in this queue (empty: none yet)."""
        return list(self._task_jobs.get(task, ()))

    async def _send(self, rec: JobRecord, create: Callable[[], Any]) -> JobRecord:
        """Mark submitting (durably), send create-job once, record the answer. A job that is no longer
        being prepared (stopped meanwhile, here or by another process) is not sent."""
        task = asyncio.current_task()
        try:
            cur = self.store.get(rec.local_id)
            if cur is None or cur.status is not LocalStatus.PREPARING:
                raise Cancelled(_("This job was stopped before it was sent; nothing was charged."))
            rec = self.store.update(rec.local_id, status=LocalStatus.SUBMITTING, submitted_at=self.clock())
            return await self._create(rec, create)
        finally:
            if task is not None:
                self._untrack(rec.local_id, task)

    async def _create(self, rec: JobRecord, create: Callable[[], Any]) -> JobRecord:
        try:
            ref = await create()
        except asyncio.CancelledError:
            self._maybe_sent(rec.local_id, INTERRUPTED, look=False)
            raise
        except NotSent as e:  # no byte reached the server: nothing was created
            self._unsent(rec.local_id, LocalStatus.FAILED, stored(NOTHING_CHARGED, reason=e))
            raise
        except TransportError:
            # the request may have reached the server: never send again, look for it instead
            self._maybe_sent(rec.local_id, CONNECTION_FAILED)
            raise
        except Exception as e:
            if nothing_created(e):  # the server refused the request (4xx), or it never left: nothing was created
                self._unsent(rec.local_id, LocalStatus.FAILED, str(e))
            else:
                # a 5xx after the whole request went out (a gateway or timeout answer), an answer that cannot
                # be read: the job may have been created, so it is never sent again; look for it instead
                if not isinstance(e, VergingError):
                    log.exception("sending job %d failed", rec.local_id)
                self._maybe_sent(rec.local_id, stored(MAY_EXIST, reason=e))
            raise
        cur = self.store.get(rec.local_id)
        if cur is not None and cur.status is LocalStatus.CANCELLED:  # Stop waiting while it was being sent
            return self.store.update(rec.local_id, remote_id=ref.job_id)  # created all the same; not watched
        rec = self.store.update(rec.local_id, remote_id=ref.job_id, status=LocalStatus.PENDING, error=None)
        self._ensure_poller(rec.kind)
        return rec

    def _unsent(self, local_id: int, status: LocalStatus, error: str) -> None:
        """Record that the job was not sent; one the user stopped meanwhile stays stopped."""
        cur = self.store.get(local_id)
        if cur is not None and cur.status is not LocalStatus.CANCELLED:
            self.store.update(local_id, status=status, error=error, finished_at=self.clock())

    def _maybe_sent(self, local_id: int, error: str, *, look: bool = True) -> None:
        """create-job may have reached the server: unknown, looked for (a job stopped meanwhile stays stopped)."""
        cur = self.store.get(local_id)
        if cur is None or cur.status is LocalStatus.CANCELLED:
            return
        self.store.update(local_id, status=LocalStatus.UNKNOWN, error=error)
        if look and not self._stopped:
            self._spawn(self.reattach_unknown(), "reattach")

    async def _prepare(self, rec: JobRecord, work: Callable[[], Any]) -> Any:
        """Local work before create-job (the upload): whatever stops it, nothing was sent."""
        try:
            return await work()
        except asyncio.CancelledError:
            self._unsent(rec.local_id, LocalStatus.CANCELLED,
                         N_("The app stopped before this job was sent; nothing was charged.") if self._stopped
                         else N_("Cancelled before sending; nothing was charged."))
            self._untrack_current(rec.local_id)
            raise
        except VergingError as e:
            self._unsent(rec.local_id, LocalStatus.FAILED, stored(NOTHING_CHARGED, reason=e))
            self._untrack_current(rec.local_id)
            raise
        except Exception as e:  # a closed connection, a bug: the job never left this computer
            log.exception("preparing job %d failed", rec.local_id)
            text = stored(NOT_SENT, reason=f"{type(e).__name__}: {e}")
            self._unsent(rec.local_id, LocalStatus.FAILED, text)
            self._untrack_current(rec.local_id)
            raise NotSent(text) from e

    async def submit_faceswap(self, video: str | Path, face: str | Path, *, duration: float, hd: bool = False,
                              input_name: str | None = None, estimated: float | None = None,
                              progress: Callable[[Progress], None] | None = None,
                              extra: dict[str, Any] | None = None, dest: Destination | None = None) -> JobRecord:
        video, face = Path(video), Path(face)
        name = input_name or video.name
        rec = await self._new(JobKind.FACESWAP, inputs=[str(video), str(face)], input_name=name,
                              params={"hd": hd, "duration": duration, "file_name": name, **(extra or {})},
                              estimated=estimated, dest=dest)
        target = await self._prepare(rec, lambda: self.client.upload_video(video, JobKind.FACESWAP, file_name=name,
                                                                             progress=progress))
        rec = self.store.update(rec.local_id, target_url=target.public_url)
        return await self._send(rec, lambda: self.client.create_faceswap_job(
            face, file_name=name, target_video_url=target.public_url, duration=duration, hd=hd))

    async def submit_enhance(self, video: str | Path, *, duration: float, hd: bool = False,
                             input_name: str | None = None, estimated: float | None = None,
                             progress: Callable[[Progress], None] | None = None,
                             extra: dict[str, Any] | None = None, dest: Destination | None = None) -> JobRecord:
        video = Path(video)
        name = input_name or video.name
        rec = await self._new(JobKind.VIDEO_ENHANCE, inputs=[str(video)], input_name=name,
                              params={"hd": hd, "duration": duration, "file_name": name, **(extra or {})},
                              estimated=estimated, dest=dest)
        target = await self._prepare(rec, lambda: self.client.upload_video(video, JobKind.VIDEO_ENHANCE,
                                                                             file_name=name, progress=progress))
        rec = self.store.update(rec.local_id, target_url=target.public_url)
        return await self._send(rec, lambda: self.client.create_enhance_job(
            file_name=name, target_video_url=target.public_url, duration=duration, hd=hd))

    async def submit_background_removal(self, image: str | Path, *, input_name: str | None = None,
                                        estimated: float | None = None,
                                        extra: dict[str, Any] | None = None,
                                        dest: Destination | None = None) -> JobRecord:
        image = Path(image)
        name = input_name or image.name
        rec = await self._new(JobKind.BACKGROUND_REMOVAL, inputs=[str(image)], input_name=name,
                              params={"file_name": name, **(extra or {})}, estimated=estimated, dest=dest)
        return await self._send(rec, lambda: self.client.create_background_removal_job(image, file_name=name))

    async def retry(self, local_id: int) -> JobRecord:
        """Retry a failed face swap on the server (charges again; never done automatically)."""
        rec = self.store.get(local_id)
        if rec is None:
            raise InputError(_("That job is no longer in the queue."))
        if rec.kind != JobKind.FACESWAP.value or rec.status is not LocalStatus.FAILED or not rec.remote_id:
            raise InputError(_("Only a face swap that failed on the server can be retried."))
        ref = await self.client.retry_faceswap_job(rec.remote_id)
        rec = self.store.update(local_id, status=LocalStatus.PENDING, remote_id=ref.job_id, error=None, progress=0.0,
                                result_url=None, finished_at=None, submitted_at=self.clock(),
                                attempts=rec.attempts + 1, download_state=DownloadState.NONE)
        self._ensure_poller(rec.kind)
        return rec

    def remove(self, local_id: int) -> None:
        """Hide a job from the list (a job still running keeps being watched until it ends)."""
        self.store.update(local_id, hidden=True)

    def stop_waiting(self, local_id: int) -> JobRecord:
        """Stop a job: one still being prepared (its video uploading) is cancelled and never sent;
        one on the server is no longer watched (the server may still finish it, and charge for it)."""
        rec = self.store.get(local_id)
        if rec is None:
            raise InputError(_("That job is no longer in the queue."))
        if rec.status is LocalStatus.PREPARING:
            task = self._submits.pop(local_id, None)
            # written first: whatever the task is doing, _send reads it and sends nothing
            new = self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                    error=N_("Cancelled before sending; nothing was charged."))
            if task is not None and not task.done():
                task.cancel()
            return new
        if rec.status.final:
            return rec
        return self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                 error=N_("No longer watched. It may still finish on the server; see verging.ai."))

    def set_destination(self, local_ids: list[int], dest: Destination) -> None:
        """The user chose a new destination for these jobs: it replaces the one stored at submit.

        A download planned for the old place (an interrupted one leaves its path and a ``.part``
        file) is forgotten, so the next download goes to the new destination and no partial file
        is left behind at the old one. A result already saved stays where it is."""
        changes: dict[int, dict[str, Any]] = {}
        for rec in self.store.get_many(local_ids).values():
            ch: dict[str, Any] = {"dest": dest.encode()}
            if rec.download_state is not DownloadState.DONE and rec.result_path and rec.dest != dest.encode():
                old = Path(rec.result_path)
                with contextlib.suppress(OSError):
                    old.with_name(old.name + ".part").unlink(missing_ok=True)
                ch["result_path"] = None
                ch["download_progress"] = None
            changes[rec.local_id] = ch
        if changes:
            self.store.update_many(changes)

    def track(self, local_id: int, task: asyncio.Task[Any]) -> None:
        """Keep a handle on the task preparing and sending job ``local_id`` (the submit_* methods do it
        for their own task until the job is sent): Stop waiting cancels it during the upload, and
        :meth:`stop` cancels it."""
        self._submits[local_id] = task
        task.add_done_callback(lambda t: self._untrack(local_id, t))

    def _untrack(self, local_id: int, task: asyncio.Task[Any]) -> None:
        if self._submits.get(local_id) is task:
            del self._submits[local_id]

    def _untrack_current(self, local_id: int) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._untrack(local_id, task)

    # -- polling ---------------------------------------------------------------------------------
    async def _poll_once(self, kind: str, jobs: list[JobRecord]) -> None:
        by_id = {j.remote_id: j for j in jobs if j.remote_id}
        ids = list(by_id)
        for i in range(0, len(ids), self.policy.batch):
            chunk = ids[i:i + self.policy.batch]
            self.poll_requests[kind] = self.poll_requests.get(kind, 0) + 1
            remote = await self.client.jobs(JobKind(kind), chunk)
            self._apply_many([(by_id[r.id], r) for r in remote if r.id in by_id])

    def _apply(self, rec: JobRecord, r: Job) -> None:
        self._apply_many([(rec, r)])

    def _apply_many(self, pairs: list[tuple[JobRecord, Job]]) -> None:
        """Apply a poll round's answers in one store transaction."""
        if not pairs:
            return
        current = self.store.get_many(rec.local_id for rec, _ in pairs)
        changes: dict[int, dict[str, Any]] = {}
        for rec, r in pairs:
            cur = current.get(rec.local_id)
            if cur is None or cur.status is LocalStatus.CANCELLED:
                continue
            ch = self._changes(cur, r)
            if ch:
                changes[cur.local_id] = ch
        if not changes:
            return
        for new in self.store.update_many(changes):
            if new.status is LocalStatus.COMPLETED and self.auto_download and (self.download_dir or new.dest) \
                    and new.download_state is DownloadState.NONE:
                self.schedule_download(new.local_id)

    def _changes(self, cur: JobRecord, r: Job) -> dict[str, Any]:
        status = REMOTE_TO_LOCAL.get(r.status, cur.status)
        changes: dict[str, Any] = {}
        if status is not cur.status:
            changes["status"] = status
            if status is LocalStatus.PROCESSING and cur.started_at is None:
                changes["started_at"] = self.clock()
            if status.final:
                changes["finished_at"] = self.clock()
        progress = 100.0 if status is LocalStatus.COMPLETED else r.progress
        if progress is not None and progress != cur.progress:
            changes["progress"] = progress
        if r.result_url and r.result_url != cur.result_url:
            changes["result_url"] = r.result_url
        if r.credits is not None and r.credits != cur.charged_credits:
            changes["charged_credits"] = r.credits
        if status is LocalStatus.FAILED and cur.error != (r.error or N_("The job failed on the server.")):
            changes["error"] = r.error or N_("The job failed on the server.")
        return changes

    async def _poll_loop(self, kind: str) -> None:
        wake = self._wake[kind]
        errors = 0
        while self._running:
            # no question to the server while there is nothing to ask about (or no key to ask with)
            if not self.store.open_jobs(kind) or not getattr(self.client, "has_key", True):
                wake.clear()
                await self._wait(wake, 60.0)
                continue
            delay: float
            try:
                jobs = self.store.open_jobs(kind, account=await self.ensure_account())
                if not jobs:  # open jobs of other accounts or servers: polled when they are in use again
                    wake.clear()
                    await self._wait(wake, 60.0)
                    continue
                await self._poll_once(kind, jobs)
                errors = 0
                self._set_offline(False)
                youngest = min(j.age for j in jobs)
                delay = self.policy.interval(youngest)
            except RateLimited as e:
                delay = max(0.5, e.wait_seconds())
            except AuthError as e:
                if self.on_auth_error is not None:
                    self.on_auth_error(e)
                wake.clear()
                await self._wait(wake, 300.0)  # until the key changes (refresh) or a while passes
                continue
            except TransportError:
                errors += 1
                self._set_offline(True)
                delay = min(self.policy.error_backoff_max, self.policy.base * (2 ** min(errors, 5)))
            except ApiError as e:
                errors += 1
                log.warning("polling %s failed: %s", kind, e)
                delay = min(self.policy.error_backoff_max, self.policy.base * (2 ** min(errors, 5)))
            except asyncio.CancelledError:
                raise
            except Exception:
                errors += 1
                log.exception("polling %s crashed; trying again", kind)
                delay = self.policy.error_backoff_max
            wake.clear()
            await self._wait(wake, delay)

    @staticmethod
    async def _wait(ev: asyncio.Event, timeout: float) -> None:
        await wait_event(ev, timeout)

    # -- re-attach -------------------------------------------------------------------------------
    async def reattach_unknown(self) -> list[JobRecord]:
        """Look for jobs whose create-job answer was lost, by file name and time, and attach them."""
        if not any(j.provider == PROVIDER for j in self.store.list(statuses=[LocalStatus.UNKNOWN], include_hidden=True)):
            return []
        try:
            account = await self.ensure_account()
        except (ApiError, NotFound) as e:
            log.info("could not read the account to re-attach jobs: %s", e)
            return []
        unknown = [j for j in self.store.list(statuses=[LocalStatus.UNKNOWN], include_hidden=True,
                                              account=account) if not j.remote_id and j.provider == PROVIDER]
        found: list[JobRecord] = []
        for kind in {j.kind for j in unknown}:
            try:
                if kind == JobKind.VIDEO_ENHANCE.value:
                    remote = await self.client.list_jobs()
                    remote = [r for r in remote if r.kind in (None, JobKind.VIDEO_ENHANCE)]
                else:
                    remote = await self.client.jobs(JobKind(kind))
            except (ApiError, NotFound) as e:
                log.info("could not list %s jobs to re-attach: %s", kind, e)
                continue
            known = {j.remote_id for j in self.store.list(kind=kind, include_hidden=True, account=account)
                     if j.remote_id}
            for rec in [j for j in unknown if j.kind == kind]:
                sent = rec.submitted_at or rec.created_at
                name = rec.params.get("file_name") or rec.input_name
                best = None
                for r in remote:
                    if r.id in known or (r.file_name and r.file_name != name):
                        continue
                    if r.created_at is None or not (sent - 120 <= r.created_at.timestamp() <= sent + 600):
                        continue
                    if best is None or abs(r.created_at.timestamp() - sent) < abs(best.created_at.timestamp() - sent):  # type: ignore[union-attr]
                        best = r
                if best is not None:
                    known.add(best.id)
                    status = REMOTE_TO_LOCAL.get(best.status, LocalStatus.PENDING)
                    new = self.store.update(rec.local_id, remote_id=best.id, status=LocalStatus.PENDING, error=None)
                    self._apply(new, best)
                    found.append(self.store.get(rec.local_id) or new)
                    log.info("re-attached job %d to remote %s (%s)", rec.local_id, best.id, status.value)
            self._ensure_poller(kind)
        return found

    # -- downloads ---------------------------------------------------------------------------------
    def schedule_download(self, local_id: int, dest_dir: Path | None = None) -> asyncio.Task[Path | None]:
        t = self._downloads.get(local_id)
        if t is not None and not t.done():
            return t
        t = asyncio.ensure_future(self.download(local_id, dest_dir))
        self._downloads[local_id] = t
        t.add_done_callback(lambda _t: self._downloads.pop(local_id, None) if self._downloads.get(local_id) is _t else None)
        return t

    def planned_target(self, rec: JobRecord, dest_dir: Path | None = None) -> Path | None:
        """Where ``rec``'s result goes before a free name is picked: ``dest_dir`` when given, else the
        destination stored at submit, else the download folder (None when there is none)."""
        return planned_target(rec, result_name(rec, rec.result_url), dest_dir, self.download_dir)

    async def download(self, local_id: int, dest_dir: Path | None = None, *, dest: Path | None = None) -> Path | None:
        """Download a completed job's result where the user asked at submit (the destination stored
        with the job), else into ``dest_dir`` or the download folder; never overwriting."""
        rec = self.store.get(local_id)
        if rec is None or not rec.result_url:
            return None

        async def fresh() -> list[str] | None:
            url = await self._fresh_result_url(rec)
            return [url] if url else None

        return await save_results(self.store, local_id, [rec.result_url],
                                  fetch=lambda url, path, progress: self.client.download(url, path, progress=progress),
                                  target=lambda r, _i: self.planned_target(r, dest_dir), dest=dest, fresh_urls=fresh)

    async def _fresh_result_url(self, rec: JobRecord) -> str | None:
        """The job's result address as the server gives it now, when it differs from the stored one."""
        if not rec.remote_id:
            return None
        try:
            remote = await self.client.jobs(JobKind(rec.kind), [rec.remote_id])
        except (VergingError, ValueError) as e:
            log.info("could not refresh the result address of job %d: %s", rec.local_id, e)
            return None
        for r in remote:
            if r.id == rec.remote_id and r.result_url and r.result_url != rec.result_url:
                self.store.update(rec.local_id, result_url=r.result_url)
                return r.result_url
        return None

    def unfinished(self) -> list[JobRecord]:
        """This account's jobs still to wait for: open on the server, or completed and not saved yet."""
        account = self.current_account
        if account is None:
            return []
        waiting = self.store.list(account=account, statuses=[LocalStatus.PENDING, LocalStatus.PROCESSING])
        saving = [r for r in self.store.list(account=account, statuses=[LocalStatus.COMPLETED], downloaded=False)
                  if r.result_url]
        return sorted(waiting + saving, key=lambda r: r.local_id)

    async def wait(self, local_ids: list[int], timeout: float | None = None, *, download: bool = True) -> list[JobRecord]:
        """Wait until the jobs are final (and downloaded when asked); used by the command line."""
        started = time.monotonic()
        while True:
            recs = [self.store.get(i) for i in local_ids]
            if any(r is None for r in recs):
                raise InputError(_("A job id is not in the local queue (see 'verging jobs')."))
            done = True
            for r in recs:
                assert r is not None
                if r.status is LocalStatus.UNKNOWN or not r.status.final:
                    done = False
                elif download and r.status is LocalStatus.COMPLETED and r.download_state is not DownloadState.DONE:
                    if r.download_state is DownloadState.FAILED:
                        continue
                    done = False
                    if (self.download_dir or r.dest) and local_id_not_downloading(self, r.local_id):
                        self.schedule_download(r.local_id)
            if done:
                return [r for r in recs if r is not None]
            if timeout is not None and time.monotonic() - started > timeout:
                raise RequestTimeout(_("Timed out waiting for jobs; they keep running on the server."))
            await asyncio.sleep(0.2)


def local_id_not_downloading(q: JobQueue, local_id: int) -> bool:
    t = q._downloads.get(local_id)
    return t is None or t.done()
