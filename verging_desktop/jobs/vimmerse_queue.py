"""The Vimmerse side of the one persistent job queue: the same :class:`JobStore` as the Verging
queue (``provider="vimmerse"``, the job kind is ``req.app.value``) and the same rules
(:mod:`verging_desktop.jobs.queue`), where Vimmerse's API differs said here:

* A job is written to the store before anything is uploaded (``preparing``). Every local file of
  the request is hosted on Vimmerse (``client.host``) and its URL stored as soon as it is known,
  so a job sent again by hand after a crash (:meth:`VimmerseQueue.resend`) does not upload it again.
* The task that submits (or sends again) is tracked until its job is sent: Stop waiting while
  the files upload cancels it (``cancelled``, nothing charged), and :meth:`VimmerseQueue.stop`
  cancels every submit under way (being prepared: cancelled; being sent: ``unknown`` at once).
  ``create()`` is sent only while the record still says ``preparing`` (read again just before),
  so a job stopped meanwhile, here or by another process, is never sent.
* ``submitting`` is written durably before ``create()``, which is sent once. Refused (4xx): failed,
  nothing created. Not sent at all (:class:`NotSent`, a closed connection, a local check): failed,
  nothing charged. Anything else (an answer lost after the request went out, a 5xx, a 2xx answer
  that cannot be read or names no asset, the task cancelled while sending, the app stopped):
  ``unknown``, never sent again. Vimmerse has no route that lists assets, so the app cannot find
  such an asset: its error says so in words (check vimmerse.net before sending it again) and it is
  never polled. A job stopped while it was being sent stays stopped (its asset id is kept).
* Sent again by hand (:meth:`VimmerseQueue.resend`) once: the old job names the new one
  (``params["resent_as"]``) and is not sent again.
* Polling: there is no batch read, so each open asset is read with its own ``GET`` on its own
  schedule (:meth:`AssetPollPolicy.interval` grows with the asset's age), with at most
  :attr:`AssetPollPolicy.concurrency` requests in flight for the provider. A 429's
  ``Retry-After`` pauses every poll until the reset; a network failure pauses them too (backing
  off, ``offline`` until a read works again) and :meth:`refresh` ends that pause; an API error
  backs that asset off; an :class:`AuthError` pauses polling until :meth:`refresh` (a new key).
  An asset still working a day after it was sent becomes ``unknown``, one answered "not found" for
  ten minutes in a row ``failed`` (:class:`AssetPollPolicy`), each with a sentence; neither is read
  again. A download's look-up of fresh result addresses takes its turn like every read.
* Whose: Vimmerse has no "me" route, so the app gives the account
  (:func:`verging_desktop.core.identity.account_identity` of the profile); jobs of another
  account are not polled.
* Results: the asset's credits are what was charged; every result is downloaded (atomic, never
  overwriting, where the user asked: the job's destination); ``result_url`` is the first,
  ``params["result_urls"]`` all of them, ``params["result_paths"]`` the files saved.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..api.vimmerse.models import App, Asset, VimmerseRequest, request_from_params, request_params
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
from .vimmerse_rules import (
    CANCELLED_BEFORE_SENDING,
    STOPPED_BEFORE_SENDING,
    UNKNOWN_CANCELLED,
    UNKNOWN_NO_ID,
    UNKNOWN_STOPPED,
    AssetPollPolicy,
    failure_text,
    is_url,
    local_status,
    missing_text,
    resent_text,
    stuck_text,
    unknown_text,
)

__all__ = ["PROVIDER", "AssetPollPolicy", "VimmerseApi", "VimmerseQueue", "resent_text"]

log = logging.getLogger("verging_desktop.jobs.vimmerse")

PROVIDER = "vimmerse"
#: stored job texts (core.stored_text: stored in English, shown in the interface's language)
STOPPED_NOT_CREATED = template(N_("Stopped; Vimmerse did not create it: {reason} Nothing was charged."))
CREATED_NOT_WATCHED = template(N_("No longer watched. Vimmerse created it (asset {asset}) and may finish it; see your "
                                  "assets at vimmerse.net."))
NOT_WATCHED = N_("No longer watched. It may still finish on Vimmerse; see your assets at vimmerse.net.")

class VimmerseApi(Protocol):
    """What the queue needs of :class:`verging_desktop.api.vimmerse.VimmerseClient`."""

    @property
    def base_url(self) -> str: ...

    @property
    def has_key(self) -> bool: ...

    async def host(self, path: Path, kind: str, *, progress: Callable[[Progress], None] | None = None) -> str: ...

    async def create(self, req: VimmerseRequest) -> Asset: ...

    async def asset(self, asset_id: str) -> Asset: ...

    async def download(self, url: str, dest: Path, *, progress: Callable[[Progress], None] | None = None) -> Path: ...


class VimmerseQueue(Follower):
    """Submits, follows and saves the Vimmerse jobs of one account (one server, one key)."""

    PROVIDER = PROVIDER
    LABEL = "Vimmerse"
    log = log
    client: VimmerseApi

    def __init__(self, store: JobStore, client: VimmerseApi, *, download_dir: str | Path | None = None,
                 auto_download: bool = True, policy: AssetPollPolicy | None = None,
                 clock: Callable[[], float] = time.time, record_download_dir: bool = False,
                 account: str | None = None) -> None:
        self.store = store
        self.client = client
        self.download_dir = Path(download_dir) if download_dir else None
        self.auto_download = auto_download
        self.policy = policy or AssetPollPolicy()
        self.clock = clock
        #: store the download folder as a new job's destination when its submit names none (the app)
        self.record_download_dir = record_download_dir
        #: who the jobs belong to (``vimmerse|server|profile``); None or "": no key, nothing is sent
        self.account = account or None
        self._init_follow()  # the poller's state, offline, reads in flight (jobs/follow.py)

    def identify(self, account: str | None) -> None:
        """The account changed (the app's Vimmerse profile): its jobs are the ones polled now."""
        account = account or None
        if account != self.account:
            self.account = account
            self._due.clear()
            self.refresh()
            if self._running:
                self.resume_downloads()

    # -- lifecycle -------------------------------------------------------------------------------
    async def start(self) -> None:
        """Mark what a stopped app left half-sent, resume downloads, then poll. Safe to call once."""
        if self._running:
            return
        self._running = True
        self._stopped = False
        self._sem = asyncio.Semaphore(max(1, self.policy.concurrency))
        self.store.mark_interrupted(PROVIDER, unknown_error=UNKNOWN_STOPPED)
        self._poller = asyncio.get_running_loop().create_task(self._poll_loop(), name="vimmerse-poller")
        self.resume_downloads()

    async def stop(self) -> None:
        """Cancel and await every task the queue started (poller, reads, downloads), and the submits
        under way: a job still being prepared is cancelled (nothing was charged), one being sent is
        unknown at once (it may have been created). Nothing is sent after this."""
        self._running = False
        self._stopped = True
        me = asyncio.current_task()
        submits = [t for t in self._submits.values() if t is not me and not t.done()]
        tasks = [*([self._poller] if self._poller else []), *self._polls.values(), *self._downloads.values()]
        for t in [*tasks, *submits]:
            t.cancel()
        for t in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        if submits:  # the callers' tasks: their jobs are marked as they end (bounded: not ours to wait on)
            await asyncio.wait(submits, timeout=10.0)
        self._poller = None
        self._polls.clear()
        self._downloads.clear()
        self._submits.clear()

    def refresh(self) -> None:
        """Read every open asset now (Refresh, a new key, the network back). A 429's pause stays."""
        now = self.clock()
        for lid in self._due:
            self._due[lid] = min(self._due[lid], now)
        self._auth_paused = False
        self._net_until = 0.0
        self._wake.set()

    # -- submitting ------------------------------------------------------------------------------
    async def _sending(self, rec: JobRecord, req: VimmerseRequest,
                       progress: Callable[[Progress], None] | None) -> JobRecord:
        """Host and send a job just recorded, its task tracked meanwhile (and only meanwhile: the
        caller's task may go on with other work once the job is sent)."""
        task = asyncio.current_task()
        if task is not None:
            self._task_jobs.setdefault(task, []).append(rec.local_id)
            self._submits[rec.local_id] = task
        try:
            ready = await self._prepare(rec, functools.partial(self._host_all, rec, req, progress))
            return await self._send(rec, functools.partial(self.client.create, ready))
        finally:
            if task is not None:
                self._untrack(rec.local_id, task)

    async def submit(self, req: VimmerseRequest, *, input_name: str, estimated: float | None,
                     duration: float | None = None, dest: Destination | None = None,
                     progress: Callable[[Progress], None] | None = None,
                     extra: dict[str, Any] | None = None) -> JobRecord:
        """Record the job, host every local media file, then send ``create()`` once."""
        account = self._require_account()
        if dest is None and self.record_download_dir and self.download_dir is not None:
            dest = Destination(Path(self.download_dir).absolute(), True)
        inputs = [v for vals in req.media().values() for v in vals]
        params: dict[str, Any] = {"request": request_params(req), "duration": duration, "file_name": input_name,
                                  "hosted": {}, **(extra or {})}
        rec = self.store.add(provider=PROVIDER, kind=req.app.value, params=params, inputs=inputs,
                             input_name=input_name, base_url=self.base_url, estimated_credits=estimated,
                             account=account, dest=dest.encode() if dest is not None else None)
        return await self._sending(rec, req, progress)

    async def resend(self, local_id: int, *, progress: Callable[[Progress], None] | None = None) -> JobRecord:
        """Send a job again, by hand, as a new job (it charges again): one that failed, was cancelled
        or whose sending was interrupted, and only once (the old job names the new one in
        ``params["resent_as"]``). Files hosted for it before are not uploaded again."""
        old = self.store.get(local_id)
        if old is None or old.provider != PROVIDER:
            raise InputError(_("That Vimmerse job is no longer in the queue."))
        if old.status not in (LocalStatus.FAILED, LocalStatus.CANCELLED, LocalStatus.UNKNOWN):
            raise InputError(_("Only a Vimmerse job that failed, was stopped or whose sending was interrupted can "
                               "be sent again."))
        if old.params.get("resent_as"):
            raise InputError(resent_text(old))
        account = self._require_account()
        if old.account != account:
            raise InputError(_("That job belongs to another Vimmerse account; switch to it to send the job again."))
        app = App.parse(old.kind)
        if app is None:
            raise InputError(f"Unknown Vimmerse job kind {old.kind!r}.")
        req = request_from_params(app, dict(old.params.get("request") or {}))
        params = {k: v for k, v in old.params.items()
                  if k not in ("result_urls", "result_paths", "results_saved", "resent_as")}
        params["resent_from"] = local_id
        rec = self.store.add(provider=PROVIDER, kind=old.kind, params=params, inputs=old.inputs,
                             input_name=old.input_name, base_url=self.base_url,
                             estimated_credits=old.estimated_credits, account=account, dest=old.dest)
        cur = self.store.get(local_id) or old
        self.store.update(local_id, params={**cur.params, "resent_as": rec.local_id})  # sent again once
        return await self._sending(rec, req, progress)

    async def _host_all(self, rec: JobRecord, req: VimmerseRequest,
                        progress: Callable[[Progress], None] | None) -> VimmerseRequest:
        """Host every local file of ``req`` (each URL stored as soon as it is known); the request as sent."""
        hosted: dict[str, str] = dict(rec.params.get("hosted") or {})
        urls: dict[str, tuple[str, ...]] = {}
        for name, values in req.media().items():
            kind = req.MEDIA[name]
            out: list[str] = []
            for v in values:
                if is_url(v):
                    out.append(v)
                    continue
                url = hosted.get(v)
                if url is None:
                    url = str(await self.client.host(Path(v), kind, progress=progress))
                    hosted[v] = url
                    cur = self.store.get(rec.local_id) or rec
                    # durably, before anything else: a resend after a crash does not upload it again
                    self.store.update(rec.local_id, params={**cur.params, "hosted": dict(hosted)},
                                      target_url=cur.target_url or url)
                out.append(url)
            urls[name] = tuple(out)
        return req.with_urls(urls)

    def _unsent(self, local_id: int, status: LocalStatus, error: str) -> None:
        """Record that the job was not sent; one the user stopped meanwhile stays stopped."""
        cur = self.store.get(local_id)
        if cur is not None and cur.status is not LocalStatus.CANCELLED:
            self.store.update(local_id, status=status, error=error, finished_at=self.clock())

    async def _prepare(self, rec: JobRecord, work: Callable[[], Any]) -> Any:
        """Local work before the charging request (hosting the files): whatever stops it, nothing was sent."""
        try:
            return await work()
        except asyncio.CancelledError:
            self._unsent(rec.local_id, LocalStatus.CANCELLED, STOPPED_BEFORE_SENDING if self._stopped
                         else CANCELLED_BEFORE_SENDING)
            raise
        except VergingError as e:
            self._unsent(rec.local_id, LocalStatus.FAILED, f"{e} Nothing was charged.")
            raise
        except Exception as e:  # a closed connection, a bug: the job never left this computer
            log.exception("preparing Vimmerse job %d failed", rec.local_id)
            text = f"The job could not be sent ({type(e).__name__}: {e}). Nothing was charged."
            self._unsent(rec.local_id, LocalStatus.FAILED, text)
            raise NotSent(text) from e

    async def _send(self, rec: JobRecord, create: Callable[[], Any]) -> JobRecord:
        """Mark submitting (durably), send create() once, record the answer. A job that is no longer
        being prepared (stopped meanwhile, here or by another process) is not sent."""
        cur = self.store.get(rec.local_id)
        if cur is None or cur.status is not LocalStatus.PREPARING:
            raise Cancelled(_("This job was stopped before it was sent; nothing was charged."))
        rec = self.store.update(rec.local_id, status=LocalStatus.SUBMITTING, submitted_at=self.clock())
        try:
            asset: Asset = await create()
        except asyncio.CancelledError:
            self._maybe_sent(rec.local_id, UNKNOWN_STOPPED if self._stopped else UNKNOWN_CANCELLED)
            raise
        except Exception as e:
            if nothing_created(e):
                cur = self.store.get(rec.local_id)
                local = not isinstance(e, ApiError) or e.status is None  # never left, or refused here
                text = stored(NOTHING_CHARGED, reason=e) if local else str(e)
                if cur is not None and cur.status is LocalStatus.CANCELLED:
                    self.store.update(rec.local_id, error=stored(STOPPED_NOT_CREATED, reason=e))
                else:
                    self.store.update(rec.local_id, status=LocalStatus.FAILED, error=text, finished_at=self.clock())
            else:
                # an answer lost or unreadable after the request went out: the asset may exist behind it
                if not isinstance(e, VergingError):
                    log.exception("sending Vimmerse job %d failed", rec.local_id)
                self._maybe_sent(rec.local_id, unknown_text(e))
            raise
        return self._created(rec, asset)

    def _maybe_sent(self, local_id: int, error: str) -> None:
        """The create request may have reached Vimmerse: unknown (a job stopped meanwhile stays stopped;
        its words already say it may finish on Vimmerse)."""
        cur = self.store.get(local_id)
        if cur is not None and cur.status is not LocalStatus.CANCELLED:
            self.store.update(local_id, status=LocalStatus.UNKNOWN, error=error)

    def _created(self, rec: JobRecord, asset: Asset) -> JobRecord:
        cur = self.store.get(rec.local_id) or rec
        stopped = cur.status is LocalStatus.CANCELLED  # Stop waiting while it was being sent
        if not asset.id:
            return cur if stopped else self.store.update(rec.local_id, status=LocalStatus.UNKNOWN, error=UNKNOWN_NO_ID)
        if stopped:  # created all the same: its id (and charge, when said) is kept; it is not watched
            charged = {"charged_credits": asset.credits} if asset.credits is not None else {}
            return self.store.update(rec.local_id, remote_id=asset.id, **charged, error=stored(CREATED_NOT_WATCHED, asset=asset.id))
        rec = self.store.update(rec.local_id, remote_id=asset.id, status=LocalStatus.PENDING, error=None)
        self._apply(rec, asset)
        self._due[rec.local_id] = self.clock() + self.policy.interval(0)
        self._wake.set()
        return self.store.get(rec.local_id) or rec

    def stop_waiting(self, local_id: int) -> JobRecord:
        """Stop a job: one still being prepared (its files uploading) is cancelled and never sent;
        one on Vimmerse is no longer watched (Vimmerse may still finish it, and charge for it)."""
        rec = self.store.get(local_id)
        if rec is None:
            raise InputError(_("That job is no longer in the queue."))
        if rec.status is LocalStatus.PREPARING:
            task = self._submits.pop(local_id, None)
            # written first: whatever the task is doing, _send reads it and sends nothing
            new = self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                    error=CANCELLED_BEFORE_SENDING)
            if task is not None and not task.done():
                task.cancel()
            return new
        if rec.status.final:
            return rec
        self._due.pop(local_id, None)
        return self.store.update(local_id, status=LocalStatus.CANCELLED, finished_at=self.clock(),
                                 error=NOT_WATCHED)

    # -- polling ---------------------------------------------------------------------------------
    def _schedule(self) -> float:
        """Start a read of every asset that is due (and not being read); seconds until the next is due."""
        now = self.clock()
        if not self.account or not getattr(self.client, "has_key", True):
            return 60.0
        if self._auth_paused:
            if now < self._auth_until:
                return self._auth_until - now
            self._auth_paused = False  # a while passed: try the key again
        pause = self._paused_until()
        if now < pause:
            return pause - now
        jobs = self.open_jobs()
        ids = {j.local_id for j in jobs}
        for gone in [i for i in self._due if i not in ids]:
            self._due.pop(gone, None)
            self._errors.pop(gone, None)
            self._missing.pop(gone, None)
        waiting: list[float] = []
        for j in jobs:
            if j.local_id in self._polls:
                continue
            due = self._due.setdefault(j.local_id, now)
            if due <= now:
                self._polls[j.local_id] = asyncio.get_running_loop().create_task(
                    self._poll_one(j), name=f"vimmerse-read-{j.local_id}")
            else:
                waiting.append(due)
        return (min(waiting) - now) if waiting else 60.0

    async def poll_due(self) -> float:
        """Read every asset due now and wait for the answers; seconds until the next is due."""
        self._schedule()
        if self._polls:
            await asyncio.gather(*list(self._polls.values()), return_exceptions=True)
        return self._schedule_wait()

    def _schedule_wait(self) -> float:
        now = self.clock()
        dues = [d for i, d in self._due.items() if i not in self._polls]
        return max(0.0, min(dues) - now) if dues else 60.0

    async def _read(self, rec: JobRecord) -> Asset:
        """Read ``rec``'s asset, counted; the caller holds a turn of :meth:`_limit`."""
        return await self._counted(rec, lambda: self.client.asset(str(rec.remote_id)))

    async def _poll_one(self, rec: JobRecord) -> None:
        lid = rec.local_id
        due: float | None = None
        try:
            async with self._limit():
                now = self.clock()
                if now < self._paused_until() or self._auth_paused:  # paused while waiting for a turn
                    due = max(now, self._paused_until())
                    return
                asset = await self._read(rec)
        except RateLimited as e:
            self._rate_until = max(self._rate_until, self.clock() + max(0.5, e.wait_seconds()))
            log.info("vimmerse asked to wait %.1f s", self._rate_until - self.clock())
            due = self._rate_until
        except AuthError as e:
            if not self._auth_paused:
                self._auth_paused = True
                self._auth_until = self.clock() + 300.0  # until the key changes (refresh) or a while passes
                if self.on_auth_error is not None:
                    self.on_auth_error(e)
            due = self.clock()
        except TransportError:
            now = self.clock()
            if now >= self._net_until:  # the first read to fail this round backs off the provider
                self._net_errors += 1
                self._net_until = now + self.policy.backoff(self._net_errors)
            self._set_offline(True)
            due = self._net_until
        except NotFound as e:
            now = self.clock()
            since = self._missing.setdefault(lid, now)
            if now - since >= self.policy.missing_for:  # not found every time for a long while: gone
                self._give_up(rec, LocalStatus.FAILED, missing_text(rec, self.policy.missing_for))
            else:
                n = self._errors[lid] = self._errors.get(lid, 0) + 1
                log.info("Vimmerse asset %s not found: %s", rec.remote_id, e)
                due = now + self.policy.backoff(n)
        except ApiError as e:
            n = self._errors[lid] = self._errors.get(lid, 0) + 1
            log.warning("reading Vimmerse asset %s failed: %s", rec.remote_id, e)
            due = self.clock() + self.policy.backoff(n)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("reading Vimmerse asset %s crashed; trying again", rec.remote_id)
            due = self.clock() + self.policy.error_backoff_max
        else:
            self._errors.pop(lid, None)
            self._missing.pop(lid, None)
            self._net_errors = 0
            self._set_offline(False)
            self._apply(rec, asset)
            cur = self.store.get(lid)
            if cur is not None and cur.status.open:
                if self._age(cur) >= self.policy.give_up_after:  # still working after a day: not read forever
                    self._give_up(cur, LocalStatus.UNKNOWN, stuck_text(cur, self.policy.give_up_after))
                else:
                    due = self.clock() + self.policy.interval(self._age(cur))
        finally:
            self._polls.pop(lid, None)
            if due is None:
                self._due.pop(lid, None)
            else:
                self._due[lid] = due
                if due < self._wake_at:
                    self._wake.set()

    def _give_up(self, rec: JobRecord, status: LocalStatus, error: str) -> None:
        """No longer read an asset that is not coming to an end (the words say what to do)."""
        self._errors.pop(rec.local_id, None)
        self._missing.pop(rec.local_id, None)
        cur = self.store.get(rec.local_id)
        if cur is None or not cur.status.open:
            return
        log.info("no longer reading Vimmerse asset %s: %s", rec.remote_id, status.value)
        self.store.update(rec.local_id, status=status, error=error,
                          **({"finished_at": self.clock()} if status.final else {}))

    def _apply(self, rec: JobRecord, a: Asset) -> None:
        cur = self.store.get(rec.local_id)
        if cur is None or not (cur.status.open or cur.status is LocalStatus.SUBMITTING):
            return  # stopped watching (cancelled) or final meanwhile
        ch = self._changes(cur, a)
        if not ch:
            return
        new = self.store.update(cur.local_id, **ch)
        if new.status is LocalStatus.COMPLETED and self.auto_download and (self.download_dir or new.dest) \
                and new.result_url and new.download_state is DownloadState.NONE:
            self.schedule_download(new.local_id)

    def _changes(self, cur: JobRecord, a: Asset) -> dict[str, Any]:
        status = local_status(a)
        ch: dict[str, Any] = {}
        if status is not cur.status:
            ch["status"] = status
            if status is LocalStatus.PROCESSING and cur.started_at is None:
                ch["started_at"] = self.clock()
            if status.final:
                ch["finished_at"] = self.clock()
        progress = 100.0 if status is LocalStatus.COMPLETED else a.progress
        if progress is not None and progress != cur.progress:
            ch["progress"] = progress
        results = list(a.results)
        if results and results != list(cur.params.get("result_urls") or []):
            ch["params"] = {**cur.params, "result_urls": results}
        if a.url and a.url != cur.result_url:
            ch["result_url"] = a.url
        if a.credits is not None and a.credits != cur.charged_credits:
            ch["charged_credits"] = a.credits
        if status is LocalStatus.FAILED and cur.error != failure_text(a):
            ch["error"] = failure_text(a)
        if status is LocalStatus.COMPLETED and not results:
            ch["error"] = N_("Vimmerse finished this job without a result file.")
        return ch

    # -- downloads ---------------------------------------------------------------------------------
    def resume_downloads(self) -> None:
        """Download completed results of this account that are not saved yet (a partial file resumes)."""
        if not self.auto_download or not self.account:
            return
        for rec in self.store.list(statuses=[LocalStatus.COMPLETED], include_hidden=True, account=self.account,
                                   download_states=[DownloadState.NONE, DownloadState.FAILED]):
            if rec.provider == PROVIDER and rec.result_url and (self.download_dir or rec.dest):
                self.schedule_download(rec.local_id)

    @staticmethod
    def result_urls(rec: JobRecord) -> list[str]:
        """Every result of the job (the first is ``result_url``)."""
        urls = [str(u) for u in rec.params.get("result_urls") or [] if u]
        return urls or ([rec.result_url] if rec.result_url else [])

    def planned_target(self, rec: JobRecord, index: int | None = None, dest_dir: Path | None = None) -> Path | None:
        """Where result ``index`` (1-based; None for a single result) goes before a free name is picked."""
        urls = self.result_urls(rec)
        url = urls[(index or 1) - 1] if urls else None
        return planned_target(rec, result_name(rec, url, index), dest_dir, self.download_dir, index)

    async def download(self, local_id: int, dest_dir: Path | None = None, *, dest: Path | None = None) -> Path | None:
        """Download every result of a completed job where the user asked (the destination stored with
        the job), else into ``dest_dir`` or the download folder; never overwriting. Returns the first."""
        rec = self.store.get(local_id)
        if rec is None or not rec.result_url:
            return None
        return await save_results(
            self.store, local_id, self.result_urls(rec),
            fetch=lambda url, path, progress: self.client.download(url, path, progress=progress),
            target=lambda r, i: self.planned_target(r, i, dest_dir), dest=dest,
            fresh_urls=functools.partial(self._fresh_urls, rec), record_paths=True)

    async def _fresh_urls(self, rec: JobRecord) -> list[str] | None:
        """The asset's results as Vimmerse gives them now (an address may have expired)."""
        if not rec.remote_id:
            return None
        try:
            async with self._limit():  # a read like every poll: within the provider's limit
                a = await self._read(rec)
        except VergingError as e:
            log.info("could not refresh the result addresses of job %d: %s", rec.local_id, e)
            return None
        urls = list(a.results)
        if urls and urls != self.result_urls(rec):
            cur = self.store.get(rec.local_id) or rec
            self.store.update(rec.local_id, result_url=urls[0], params={**cur.params, "result_urls": urls})
            return urls
        return None

    def unfinished(self) -> list[JobRecord]:
        """This account's jobs still to wait for: working on Vimmerse, or completed and not saved yet."""
        if not self.account:
            return []
        waiting = self.store.list(account=self.account, statuses=[LocalStatus.PENDING, LocalStatus.PROCESSING])
        saving = [r for r in self.store.list(account=self.account, statuses=[LocalStatus.COMPLETED],
                                             downloaded=False) if r.result_url]
        return sorted((r for r in waiting + saving if r.provider == PROVIDER), key=lambda r: r.local_id)

    async def wait(self, local_ids: list[int], timeout: float | None = None, *, download: bool = True) -> list[JobRecord]:
        """Wait until the jobs are final (and downloaded when asked); an unknown job is as final as it
        gets (nothing can find it). Used by the command line."""
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
                elif download and r.status is LocalStatus.COMPLETED and r.result_url \
                        and r.download_state is not DownloadState.DONE:
                    if r.download_state is DownloadState.FAILED:
                        continue
                    done = False
                    if (self.download_dir or r.dest) and not self.downloading(r.local_id):
                        self.schedule_download(r.local_id)
            if done:
                return [r for r in recs if r is not None]
            if timeout is not None and time.monotonic() - started > timeout:
                raise RequestTimeout("Timed out waiting for jobs; they keep running on Vimmerse.")
            await asyncio.sleep(0.2)
