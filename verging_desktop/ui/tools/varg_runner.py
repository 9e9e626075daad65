"""One varg order from a tab: checked, estimated, sent once, followed to its downloaded result.

:class:`VargRunner` is what a tab's varg choice runs (Image Generation, Background Removal, Speech
to Text, Text to Speech, Generate Video, Sound):

* :meth:`VargRunner.run` checks the request first
  (:func:`verging_desktop.services.varg_inputs.check_request`: nothing is uploaded or charged when
  an input is wrong; ``failed`` says why in one sentence) and shows the estimate (``progress``);
* it sends once (:class:`~verging_desktop.ui.widgets.submit_guard.SubmitGuard`: a double click is
  one order; a repeat that would be charged asks first, a repeat that is free does not), through
  the one queue (``await ctx.jobs.varg_ready()`` then ``VargQueue.submit``), which writes the
  record before anything is sent and never sends the create twice;
* it follows the queue's store (its listener, relayed to the GUI thread) until the job is final
  and its result downloaded, then emits ``finished(rec)`` (``failed(sentence)`` otherwise) and asks
  the session for the varg balance again.

No modal dialog is ever run inside a coroutine: the guard's question is a non-blocking box.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import os
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ...core.errors import InputError, InsufficientCredits, VergingError
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ...jobs.words import error_text
from ..widgets.submit_guard import SubmitGuard

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QAbstractButton

    from ...api.varg.models import VargRequest
    from ...services.varg_cost import VargEstimate
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.tools.varg_runner")

PROVIDER = "varg"

translate = QCoreApplication.translate


def cents_unit(v: float | None) -> str:
    """An amount in cents as the repeat question writes it ("35 ¢ ($0.35)")."""
    from ...services.varg_cost import cents_text

    return translate("VargRunner", "an unknown amount") if v is None else cents_text(v)


def varg_cost_of(ctx: Any) -> Any:
    """The session's :class:`~verging_desktop.services.varg_cost.VargCost` (``ctx.varg_cost``), or None."""
    try:
        cost = getattr(ctx, "varg_cost", None)
    except Exception:  # the session has no varg link (an old build, a test context)
        return None
    return cost() if callable(cost) else cost


def order_key(req: VargRequest) -> str:
    """The "same order" fingerprint the repeat question uses: the request's settings and its input
    files as they are now (path, size, modification time: the same file changed since is another
    order). Nothing is read, so a click on a large file never waits for a hash."""
    files = []
    for f in req.local_files():
        try:
            st = os.stat(f)
            files.append([os.path.realpath(f), st.st_size, st.st_mtime_ns])
        except OSError:  # an unreadable input: its path stands for it (check_request refuses it anyway)
            files.append([f, -1, -1])
    return "varg:" + json.dumps([req.kind, req.to_params(), sorted(files)], sort_keys=True, default=str)


class VargRunner(QObject):
    """Runs one varg order at a time for a tab.

    Signals:
        started(int): the job's local id (its record is in the queue).
        progress(str): a step ("Estimate: 4 ¢ ($0.04)", "Uploading… 40%", "Processing on varg…").
        finished(object): the final :class:`~verging_desktop.jobs.store.JobRecord`, completed and downloaded.
        failed(str): one sentence: why nothing was sent, or how the job failed.
        cancelled(str): one sentence: the order was cancelled (by the user, or on varg) or not sent
            again when asked: news, not an error (the tab says it in its plain colour).
        busyChanged(bool): an order started (True) or is over (False).
        charged(object): the record again once its charge arrived after ``finished`` (the usage
            record is read after the job ended): the outcome line shows the charge.
    """

    started = Signal(int)
    progress = Signal(str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)
    busyChanged = Signal(bool)
    charged = Signal(object)
    _relay = Signal(object)

    def __init__(self, ctx: ToolContext, button: QAbstractButton | None = None, *,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.guard = SubmitGuard(ctx, button, unit=cents_unit, parent=self)
        self._busy = False
        self._want = True if button is None else button.isEnabled()
        self.local_id: int | None = None
        self.record: JobRecord | None = None
        self.request: VargRequest | None = None
        self.queue: Any = None
        self.task: asyncio.Task[Any] | None = None
        self._unsubscribe: Any = None
        #: orders started (for tests: a double click is one)
        self.orders = 0
        self._relay.connect(self._on_record)

    # -- state -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """An order is being checked, sent or followed (a further :meth:`run` is refused)."""
        return self._busy or self.guard.busy

    def _set_busy(self, on: bool) -> None:
        if on != self._busy:
            self._busy = on
            self.guard.set_enabled(self._want and not on)
            self.busyChanged.emit(on)

    def set_enabled(self, on: bool) -> None:
        """The tab's own rule for the button; it is on only when no order is being sent or followed
        (from the click until the result is downloaded: one order at a time)."""
        self._want = bool(on)
        self.guard.set_enabled(self._want and not self._busy)

    # -- running ---------------------------------------------------------------------------------
    def run(self, req: VargRequest, est: VargEstimate, *, input_name: str, dest: Any = None,
            extra: dict[str, Any] | None = None) -> bool:
        """Check, then send ``req`` once; False when nothing was started (busy, or an input is wrong:
        ``failed`` said why). ``extra`` goes into the job's params (what the tab shows of it later,
        e.g. the voice's name)."""
        if self.busy:
            log.info("varg order ignored: the previous one is still running")
            return False
        from ...services.varg_inputs import check_request

        try:
            check_request(req)
        except InputError as e:
            self.failed.emit(self.tr("%1 Nothing was sent.").replace("%1", _sentence(str(e))))
            return False
        from ..widgets.remote_input import fetched_from

        extra = {**fetched_from(req.local_files()), **(extra or {})} or None  # the web addresses of fetched inputs
        self.progress.emit(self.estimate_text(est.text()))
        billed = est.billed_cents
        # a free repeat (a cache hit, your own key) is not asked about; a charged one is
        ask = bool(billed) or billed is None

        def send() -> Any:
            self._set_busy(True)
            self.orders += 1
            self.local_id, self.record, self.request = None, None, req
            queued: asyncio.Future[bool | None] = asyncio.get_event_loop().create_future()
            self.task = self.ctx.spawn(self._send(req, est, input_name, dest, queued, extra), name="varg-order")
            self.task.add_done_callback(lambda t: self._task_done(t, queued))

            async def in_queue() -> bool | None:
                return await queued

            return in_queue()

        return self.guard.submit([order_key(req)], billed, send, ask=ask,
                                 declined=lambda: self.cancelled.emit(self.tr("Not sent again; nothing was charged.")))

    def _task_done(self, task: asyncio.Task[Any], queued: asyncio.Future[Any]) -> None:
        if not queued.done():
            queued.set_result(None)
        if task.cancelled() and self.local_id is None:
            self._end()
            self.cancelled.emit(self.tr("Cancelled before sending; nothing was charged."))
        elif not task.cancelled() and task.exception() is not None:
            log.error("varg order failed", exc_info=task.exception())
            self._end()
            self.failed.emit(self.tr("Not sent: %1").replace("%1", str(task.exception())))

    async def _send(self, req: VargRequest, est: VargEstimate, input_name: str, dest: Any,
                    queued: asyncio.Future[bool | None], extra: dict[str, Any] | None = None) -> None:
        from .vimmerse_page import NewRecord

        jobs = self.ctx.jobs
        if jobs is None:
            self._end()
            self.failed.emit(self.tr("Not sent: the job queue is not available."))
            return
        sent: NewRecord | None = None
        try:
            queue = await jobs.varg_ready()
            self._follow(queue)
            self.progress.emit(self.tr("Sending to varg…"))
            with NewRecord(queue, req.kind, on_submitting=lambda: self.progress.emit(self.tr("Creating the job on varg…"))) as sent:
                rec: JobRecord = await queue.submit(req, input_name=input_name, estimated=est.billed_cents,
                                                    dest=dest, progress=self._upload_progress,
                                                    **({"extra": extra} if extra else {}))
        except asyncio.CancelledError:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._adopt(maybe, queued)
            raise
        except InsufficientCredits as e:
            self._end()
            self.failed.emit(str(e))  # it says "Not enough varg balance" and where to add some
            return
        except VergingError as e:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._adopt(maybe, queued)
                self._on_record(maybe)
                return
            self._end()
            self.failed.emit(self.tr("Not sent: %1").replace("%1", str(e)))
            return
        self._adopt(rec, queued)
        self._on_record(queue.store.get(rec.local_id) or rec)

    def _adopt(self, rec: JobRecord, queued: asyncio.Future[bool | None]) -> None:
        self.local_id = rec.local_id
        if not queued.done():
            queued.set_result(True)
        self.started.emit(rec.local_id)

    def _upload_progress(self, p: Any) -> None:
        frac = getattr(p, "fraction", None)
        self.progress.emit(self.tr("Uploading to varg…") + (f" {frac * 100:.0f}%" if frac is not None else ""))

    # -- following the job -----------------------------------------------------------------------
    def _follow(self, queue: Any) -> None:
        self._unfollow()
        self.queue = queue
        self._unsubscribe = queue.store.subscribe(self._relay.emit)  # a queued hop from another thread

    def _unfollow(self) -> None:
        if self._unsubscribe is not None:
            with contextlib.suppress(Exception):
                self._unsubscribe()
            self._unsubscribe = None

    def _on_record(self, rec: JobRecord) -> None:
        if self.local_id is None or rec.local_id != self.local_id:
            return
        if not self._busy:  # finished: only the charge is still to come
            if _charge_known(rec):
                self.record = rec
                self._unfollow()
                self.charged.emit(rec)
            return
        self.record = rec
        if rec.status is LocalStatus.COMPLETED:
            if rec.download_state is DownloadState.DONE:
                # the queue remembered the request for the estimates (jobs/varg_queue.py)
                self._end(keep_following=not _charge_known(rec))
                self.finished.emit(rec)
            elif rec.download_state is DownloadState.FAILED:
                self._end()
                self.failed.emit(self.tr("The job finished on varg but its result could not be downloaded: %1")
                                 .replace("%1", error_text(rec) or self.tr("see the Job Queue")))
            else:
                self.progress.emit(self.tr("Downloading the result…"))
        elif rec.status is LocalStatus.FAILED:
            self._end()
            self.failed.emit(self.tr("Failed: %1").replace("%1", error_text(rec) or self.tr("the job failed on varg")))
        elif rec.status is LocalStatus.CANCELLED:
            self._end()
            self.cancelled.emit(error_text(rec) or self.tr("Cancelled."))
        elif rec.status is LocalStatus.UNKNOWN:
            self._end()
            self.failed.emit(error_text(rec) or self.tr("May have been sent: the connection failed while the job was being "
                                                  "created. It is not sent again by itself; see the Job Queue."))
        elif rec.params.get("waiting"):
            self.progress.emit(self.tr("Waiting for a free slot on your varg plan…"))
        elif rec.status is LocalStatus.PENDING:
            self.progress.emit(self.tr("Queued on varg…"))
        elif rec.status is LocalStatus.PROCESSING:
            pct = f" {rec.progress:.0f}%" if rec.progress else ""
            self.progress.emit(self.tr("Processing on varg…") + pct)

    def estimate_text(self, text: str) -> str:
        """The progress step that says the estimate ("Estimate: 4 ¢ ($0.04)")."""
        return self.tr("Estimate: %1").replace("%1", text)

    def is_estimate(self, text: str) -> bool:
        """``text`` is the estimate step (:meth:`estimate_text`), not a step of the order."""
        return text.startswith(self.estimate_text("\0").split("\0", 1)[0])

    def _end(self, *, keep_following: bool = False) -> None:
        if not keep_following:
            self._unfollow()
        self._set_busy(False)
        self.refresh_balance()

    def refresh_balance(self) -> None:
        """Ask the session for the varg balance again (after a charge, or a refusal)."""
        fn = getattr(self.ctx.session, "refresh_varg_balance", None)
        if fn is None:
            return
        try:
            out = fn()
        except Exception:  # the balance line is a nicety; never fail the order for it
            log.exception("could not refresh the varg balance")
            return
        if inspect.isawaitable(out):
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.ctx.spawn(_quiet(out), name="varg-balance")

    # -- cancelling ------------------------------------------------------------------------------
    def cancel(self) -> None:
        """Cancel the order: before it is sent, nothing goes out; once it is a job, the queue cancels
        it on varg (``DELETE /jobs/{id}``)."""
        if self.local_id is not None and self.queue is not None and self._busy:
            lid = self.local_id
            self.ctx.spawn(_quiet(self.queue.cancel(lid)), name="varg-cancel")
        elif self.task is not None and not self.task.done():
            self.task.cancel()

    def close(self) -> None:
        self._unfollow()
        if self.task is not None and not self.task.done() and self.local_id is None:
            self.task.cancel()


async def _quiet(aw: Any) -> None:
    try:
        await aw
    except VergingError as e:
        log.warning("varg: %s", e)


def _charge_known(rec: JobRecord) -> bool:
    """The record says what it cost: a cache hit, your own key, or the usage record's charge."""
    p = rec.params or {}
    return p.get("cache") == "hit" or bool(p.get("byok")) or rec.charged_credits is not None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
