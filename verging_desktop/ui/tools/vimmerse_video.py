"""The Vimmerse side of a video page: the same flow as Face Swap and Video Enhance (drop, trim, cost,
submit once, visible steps, the compare view of the result) for a Vimmerse v2 route.

:class:`VimmerseVideoPage` is a :class:`~verging_desktop.ui.tools.video_base.VideoToolPage` whose
provider hooks go to Vimmerse:

* a dropped video is checked by ``services.vimmerse_inputs.check_video`` (content and the limits
  the app knows) before it is probed;
* the cost of each job is ``services.vimmerse_cost.estimate_request`` (estimate-credits where the
  route has an ``app_name`` it knows, asked once per distinct request and duration a moment after
  the options stop changing; else the local price table, at once): the cost line says which;
* a submit cuts the selection with ``jobs.prepare`` (the trimmer's cut when it has one), checks
  the whole request (``check_request``) and hands it to the Vimmerse queue
  (``ctx.jobs.vimmerse_ready()``), which records it, hosts the cut and creates the asset once;
* without a Vimmerse key the page says so and offers to add one; nothing is estimated or sent.

A subclass says which request a job makes (:meth:`VimmerseVideoPage.build_request`) from the
options it shows (:meth:`VimmerseVideoPage.options`); :attr:`provider` may switch per submit
(Video Enhance offers Verging too: the base class's hooks are used then).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...api.vimmerse.models import (
    REQUEST_TYPES,
    App,
    CreditEstimate,
    VimmerseRequest,
    request_from_params,
    request_params,
)
from ...core.errors import InputError, VergingError
from ...core.providers import VIMMERSE
from ...core.tools import kind_provider
from ...jobs.vimmerse_queue import resent_text
from ...jobs.words import ended_text
from ..plural import credits, plural
from ..widgets.cost_bar import CostBar
from ..widgets.submit_guard import QueuedRecord
from .varg_panel import class_word
from .video_base import PlannedJob, VideoItem, VideoToolPage

if TYPE_CHECKING:  # pragma: no cover
    from ...core.tools import ToolSpec
    from ...jobs.prepare import PreparedVideo
    from ...jobs.store import JobRecord
    from ...media.probe import MediaInfo
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.tools.vimmerse_video")

#: the options stop changing this long before the estimate is asked for (ms)
ESTIMATE_DELAY_MS = 300

#: VimmerseVideoPage is subclassed (Reframe & Crop, Video Enhance): its strings use this context
translate = QCoreApplication.translate
#: translated where shown (:func:`source_words`)
SOURCE_WORDS = {"estimate-credits": QT_TRANSLATE_NOOP("VimmerseVideoPage", "Vimmerse's estimate"),
                "table": QT_TRANSLATE_NOOP("VimmerseVideoPage", "local price table, editable in Settings")}


def source_words(est: CreditEstimate) -> str:
    """Where an estimate came from, in the cost line's words."""
    words = SOURCE_WORDS.get(est.source)
    text = translate("VimmerseVideoPage", words) if words else est.source
    if est.source == "table" and est.breakdown.get("reason"):
        text = translate("VimmerseVideoPage", "Vimmerse's estimate was not available: local price table")
    return text


def request_key(req: VimmerseRequest, duration: float) -> str:
    """What makes two estimates the same: what the price table and estimate-credits are given
    (the route, its option or mode, quantity, the length...), not where the crop sits."""
    from ...core.vimmerse_pricing import estimate_body, request_pricing_args

    return json.dumps([req.app.value, request_pricing_args(req, round(duration, 3)),
                       estimate_body(req, round(duration, 3)) if req.app.estimate_name else None],
                      sort_keys=True, default=str)


class VimmerseVideoPage(VideoToolPage):
    """A video page for a Vimmerse route (see the module docstring)."""

    def __init__(self, ctx: ToolContext, spec: ToolSpec) -> None:
        #: request key -> its estimate (or the error that stopped it)
        self._estimates: dict[str, CreditEstimate | VergingError] = {}
        self._wanted: dict[str, tuple[VimmerseRequest, float]] = {}
        self._estimating: asyncio.Task[Any] | None = None
        self._why_no_cost = ""
        #: the cost could not be worked out (the reason is shown in the cost bar)
        self._cost_failed = False
        self._closing = False
        self.ended: set[int] = set()  # the Vimmerse jobs whose end the status bar was told
        self._est_timer = QTimer()
        self._est_timer.setSingleShot(True)
        self._est_timer.setInterval(ESTIMATE_DELAY_MS)
        self._est_timer.timeout.connect(self._estimate_now)
        super().__init__(ctx, spec)
        self._est_timer.setParent(self)
        self.hd_box.hide()
        ctx.session.vimmerseChanged.connect(self._connection_changed)
        ctx.session.modeChanged.connect(lambda _m: self._connection_changed())

    # ==== what a subclass says ====================================================================
    @property
    def provider(self) -> str:
        """Who sends the next submit ("vimmerse"; a page with a choice overrides)."""
        return VIMMERSE.id

    def options(self) -> dict[str, Any]:
        """The page's options now (taken when Submit is clicked): ``app`` (the job kind, e.g.
        "vimmerse-crop") and the request fields they set, the media fields left out."""
        raise NotImplementedError

    def build_request(self, video: VideoItem | None, path: str, options: dict[str, Any]) -> VimmerseRequest:
        """The request of one job: ``path`` (a local file or URL) in the route's video field, with
        ``options``; ``video`` is the item it came from (None: a retry, the options say all).
        Raises InputError when the options cannot be sent."""
        opts = dict(options)
        app = App(opts.pop("app"))
        media = next(iter(REQUEST_TYPES[app].MEDIA))
        return request_from_params(app, {**opts, media: path})

    # ==== building ================================================================================
    def _build(self) -> None:
        super()._build()
        self.vimmerse_cost = CostBar(self.ctx, provider=VIMMERSE.id, balance_text=self.balance_line)
        self.vimmerse_cost.setObjectName("vimmerseCost")
        self.vimmerse_cost.setToolTip(translate("VimmerseVideoPage", "Vimmerse bills in its own credits and publishes "
                                                "no balance: see your account on vimmerse.net. What each job was "
                                                "charged is in the Job Queue, and the status bar adds up this "
                                                "month's."))
        self._key_row = QWidget()
        self._key_row.setObjectName("vimmerseKeyRow")
        kl = QHBoxLayout(self._key_row)
        kl.setContentsMargins(0, 0, 0, 0)
        self.key_label = QLabel(translate("VimmerseVideoPage", "%1 runs on Vimmerse: add your Vimmerse API key to "
                                          "see the cost and send jobs.").replace("%1", self.title_text))
        self.key_label.setObjectName("vimmerseKeyText")
        self.key_label.setWordWrap(True)
        self.key_button = QPushButton(translate("VimmerseVideoPage", "Add a Vimmerse key…"))
        self.key_button.setObjectName("addVimmerseKey")
        self.key_button.clicked.connect(self.open_vimmerse_keys)
        kl.addWidget(self.key_label, 1)
        kl.addWidget(self.key_button)
        cl = self.controls_layout
        cl.insertWidget(cl.indexOf(self.cost) + 1, self.vimmerse_cost)
        cl.insertWidget(cl.indexOf(self.vimmerse_cost) + 1, self._key_row)

    def balance_line(self) -> str:
        """The Vimmerse line beside the cost: Vimmerse publishes no balance (its tooltip says more)."""
        return translate("VimmerseVideoPage", "Balance: not published by Vimmerse")

    def open_vimmerse_keys(self) -> Any:
        """The keys dialog, on Vimmerse's tab (the dialog, or None without a window that has one)."""
        opener = getattr(self.window(), "open_keys_dialog", None)
        dlg = opener() if callable(opener) else None
        show = getattr(dlg, "show_provider", None)
        if callable(show):
            show(VIMMERSE.id)
        return dlg

    @property
    def has_key(self) -> bool:
        return bool(self.ctx.has_key(VIMMERSE.id))

    @property
    def max_seconds(self) -> float:
        if self.provider != VIMMERSE.id:
            return super().max_seconds
        from ...services.vimmerse_inputs import LIMITS

        return float(LIMITS.video_seconds)  # (the app's own limit: Vimmerse publishes none)

    def update_prices(self) -> None:
        if self.provider != VIMMERSE.id:
            super().update_prices()
            return
        self.price_label.setText(self.price_text())
        self._update()

    def price_text(self) -> str:
        """The prices above the drop zone (the local table's, per 5-second block)."""
        return translate("VimmerseVideoPage", "Vimmerse credits, billed per started 5 s of video (local price table, "
                         "editable in Settings).")

    def _connection_changed(self, *_a: Any) -> None:
        """Vimmerse's key or server changed: every estimate is asked again."""
        self._estimates.clear()
        self._update()

    # ==== the provider hooks ======================================================================
    async def _check_video_file(self, path: Path, info: MediaInfo) -> None:
        if self.provider == VIMMERSE.id:
            from ...services.vimmerse_inputs import check_video

            # (cut=True: the selection goes up as an MP4 cut, so any container the probe reads will do)
            await asyncio.to_thread(check_video, path, info=info, cut=True)

    def _job_credits(self, video: VideoItem, start: float, end: float) -> float | None:
        if self.provider != VIMMERSE.id:
            return super()._job_credits(video, start, end)
        return self.vimmerse_credits(video, start, end)

    def vimmerse_credits(self, video: VideoItem, start: float, end: float) -> float | None:
        """Vimmerse's estimate of one job (None: not known yet, or it cannot be sent: see
        :meth:`_no_cost_reason`); asks for it, a moment later, when it is not known."""
        self._why_no_cost = ""
        self._cost_failed = False
        if not self.has_key:
            self._why_no_cost = translate("VimmerseVideoPage", "Add a Vimmerse key first.")
            return None
        try:
            req = self.build_request(video, str(video.path), self.options())
        except InputError as e:
            self._why_no_cost = str(e)
            return None
        duration = max(0.0, end - start)
        key = request_key(req, duration)
        got = self._estimates.get(key)
        if got is None and not req.app.estimate_name:
            # priced by the local table alone (crop, reframe, enhance...): no request, so no waiting
            from ...services.vimmerse_cost import table_estimate

            got = self._estimates[key] = table_estimate(self.ctx.vimmerse_pricing, req, duration=duration)
        if isinstance(got, CreditEstimate):
            return float(got.total)
        if isinstance(got, VergingError):
            self._why_no_cost = translate("VimmerseVideoPage", "The cost could not be worked out: %1").replace(
                "%1", str(got))
            self._cost_failed = True
            return None
        self._wanted[key] = (req, duration)
        self._est_timer.start()  # (again: it fires once the options have stopped changing)
        return None

    def _no_cost_reason(self) -> str:
        return self._why_no_cost or super()._no_cost_reason()

    def _update(self) -> None:
        # only what the page shows now is worth an estimate (not every length a drag passed through)
        self._wanted = {}
        super()._update()

    def _estimate_now(self) -> None:
        if self._estimating is not None and not self._estimating.done():
            self._est_timer.start()  # one round at a time; the next starts when this one ends
            return
        wanted, self._wanted = self._wanted, {}
        if wanted and not self._closing:
            try:
                self._estimating = self._spawn(self._estimate(wanted), f"{self.service}-estimate")
            except RuntimeError:  # the app is shutting down: no estimate is wanted any more
                self._closing = True

    async def _estimate(self, wanted: dict[str, tuple[VimmerseRequest, float]]) -> None:
        from ...services.vimmerse_cost import estimate_request

        for key, (req, duration) in wanted.items():
            if key in self._estimates:
                continue
            try:
                self._estimates[key] = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, req,
                                                              duration=duration)
            except VergingError as e:
                log.info("no estimate for %s: %s", req.app.value, e)
                self._estimates[key] = e
        self._update()

    def estimate_of(self, req: VimmerseRequest, duration: float) -> CreditEstimate | None:
        """The estimate worked out for ``req`` of ``duration`` seconds (None: not yet)."""
        got = self._estimates.get(request_key(req, duration))
        return got if isinstance(got, CreditEstimate) else None

    def _show_cost(self, jobs: list[PlannedJob]) -> None:
        vim = self.provider == VIMMERSE.id
        self.cost.setVisible(not vim)
        self._key_row.setVisible(vim and not self.has_key)
        self.vimmerse_cost.setVisible(vim and self.has_key)
        if not vim:
            super()._show_cost(jobs)
            return
        if not jobs:
            self.vimmerse_cost.set_cost(0, self._why_no_cost if self._cost_failed else "")
            return
        self.vimmerse_detail(jobs)

    def vimmerse_detail(self, jobs: list[PlannedJob]) -> None:
        """Put the Vimmerse cost of ``jobs`` (their credits are Vimmerse's) in its bar, with where
        the estimates came from."""
        sources = set()
        for j in jobs:
            try:
                est = self.estimate_of(self.build_request(j.video, str(j.video.path), self.options()),
                                       max(0.0, j.end - j.start))
            except InputError:
                est = None
            if est is not None:
                sources.add(source_words(est))
        detail = "; ".join(sorted(sources))
        if len(jobs) > 1:
            n = len(jobs)
            detail = plural(translate("VimmerseVideoPage", "%n job(s)", None, n), n) + (f", {detail}" if detail else "")
        self.vimmerse_cost.set_cost(sum(j.credits for j in jobs), detail)

    def _settings(self) -> Any:
        if self.provider != VIMMERSE.id:
            return super()._settings()
        return dict(self.options())

    def _settings_text(self) -> str:
        if self.provider != VIMMERSE.id:
            return super()._settings_text()
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in self.options().items()
                         if k != "app" and v not in (None, ""))

    def _job_key(self, job: PlannedJob, settings: Any) -> str:
        if not isinstance(settings, dict):
            return super()._job_key(job, settings)
        req = self.build_request(job.video, str(job.video.path), settings)
        params = {k: v for k, v in request_params(req).items() if k not in req.MEDIA}
        return job.key(self.service, False, app=req.app.value, **params)

    def _kind_of(self, settings: Any) -> str:
        if not isinstance(settings, dict):
            return super()._kind_of(settings)
        return str(settings["app"])

    def _prep_kind(self) -> str | None:
        """A Vimmerse job's preparation is chosen by the uplink too (the choice's compact file
        keeps at least the quality of the official tools' uploads; the API documents no output
        limit, so nothing is downscaled)."""
        if self.provider != VIMMERSE.id:
            return super()._prep_kind()
        try:
            settings = self._settings()
        except Exception:  # the options are not built yet
            return None
        return self._kind_of(settings) if isinstance(settings, dict) else None

    def _uplink_client(self) -> tuple[str, Any] | None:
        if self.provider != VIMMERSE.id:
            return super()._uplink_client()
        client = getattr(self.ctx, "vimmerse", None)
        return (VIMMERSE.id, client) if client is not None else None

    async def _job_queue(self, settings: Any) -> Any:
        if not isinstance(settings, dict):
            return await super()._job_queue(settings)
        jobs = self.ctx.jobs
        if jobs is None:
            raise InputError(translate("VimmerseVideoPage", "The job queue is not available."))
        return await jobs.vimmerse_ready()

    async def _upload_estimate(self, res: PreparedVideo, settings: Any) -> float:
        if not isinstance(settings, dict):
            return await super()._upload_estimate(res, settings)
        from ...services.vimmerse_cost import estimate_request

        video = next((v for v in self.videos if v.path == res.source), None)
        req = self.build_request(video, str(res.path), settings)
        got = self.estimate_of(req, res.duration)
        if got is None:
            got = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, req, duration=res.duration)
        return float(got.total)

    def _balance(self, settings: Any) -> float | None:
        if not isinstance(settings, dict):
            return super()._balance(settings)
        return None  # Vimmerse publishes no balance: the asset's credits are the charge

    async def _send(self, queue: Any, path: Path, job: PlannedJob, name: str, duration: float,
                    settings: Any, est: float, progress: Any) -> JobRecord:
        if not isinstance(settings, dict):
            return await super()._send(queue, path, job, name, duration, settings, est, progress)
        from ...services.vimmerse_inputs import check_request

        video = job.video if job.video.info is not None else None
        req = check_request(self.build_request(video, str(path), settings))
        rec: JobRecord = await queue.submit(req, input_name=name, estimated=est, duration=duration,
                                            progress=progress, extra=self._source_params(job))
        return rec

    def _render_row(self, rec: JobRecord) -> None:
        """The job's card, and once a Vimmerse job of this page is over its end replaces "1 job
        queued." in the status bar, once (Verging's jobs are told by the queue's notifications)."""
        super()._render_row(rec)
        if kind_provider(rec.kind) != VIMMERSE.id or rec.local_id not in self.rows:
            return
        text = ended_text(self.watcher.record(rec.local_id) or rec)
        if text is None or rec.local_id in self.ended:
            return
        self.ended.add(rec.local_id)

        def post() -> None:
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.ctx.session.message.emit(text)

        # after "1 job queued." (posted by the queued future's callback) when the job ended at once
        asyncio.get_event_loop().call_soon(post)

    def _record_settings(self, rec: JobRecord) -> Any:
        if kind_provider(rec.kind) != VIMMERSE.id:
            return super()._record_settings(rec)
        app = App(rec.kind)
        req = request_from_params(app, dict(rec.params.get("request") or {}))
        return {"app": app.value, **{k: v for k, v in request_params(req).items() if k not in req.MEDIA}}

    def _record_estimate(self, rec: JobRecord, settings: Any) -> float:
        if not isinstance(settings, dict):
            return super()._record_estimate(rec, settings)
        req = self.build_request(None, rec.inputs[0] if rec.inputs else "", settings)
        dur = float(rec.params.get("duration") or 0) or None
        return float(self.ctx.vimmerse_pricing.for_request(req, duration=dur))

    async def _do_retry(self, rec: JobRecord) -> None:
        """A failed Vimmerse job goes again through the queue's ``resend`` (its hosted files are
        not uploaded again; it charges again, as the question said)."""
        if kind_provider(rec.kind) != VIMMERSE.id:
            await super()._do_retry(rec)
            return
        queue = await self._job_queue(self._record_settings(rec))
        row = self.steps.add(translate("VimmerseVideoPage", "%1 (again)").replace("%1", rec.input_name))
        row.set_step(translate("VimmerseVideoPage", "Sending again…"), None)
        try:
            with QueuedRecord(queue, rec.kind, rec.inputs[:1]) as sent:
                uploading = translate("VimmerseVideoPage", "Uploading the cut…")
                new = await queue.resend(rec.local_id, progress=lambda p: row.set_step(uploading, p.fraction))
        except VergingError as e:
            maybe = sent.may_exist()
            if maybe is not None:
                self._may_have_been_sent(maybe, row, None)
            else:
                row.finish(translate("VimmerseVideoPage", "Not sent: %1").replace("%1", str(e)), ok=False)
            return
        row.local_id = new.local_id
        self.rows[new.local_id] = row
        self._attach_show(row, new.local_id)
        self._render_row(new)
        self.result.show_job(new.local_id)

    def _retry_text(self, rec: JobRecord, est: float) -> str | None:
        if kind_provider(rec.kind) != VIMMERSE.id:
            return super()._retry_text(rec, est)
        if rec.params.get("resent_as"):  # sent again once already: that job is the one to send again
            self.ctx.session.message.emit(resent_text(rec))
            return None
        hosted = rec.params.get("hosted") or {}
        if not (rec.inputs and (Path(rec.inputs[0]).is_file() or rec.inputs[0] in hosted)):
            self.ctx.session.message.emit(translate("VimmerseVideoPage",
                                                    "The uploaded cut of this job is no longer on this computer."))
            return None
        return translate("VimmerseVideoPage", "Send %1 to Vimmerse again as a new job? It costs about %2 (Vimmerse "
                         "credits, charged again).").replace("%1", rec.input_name).replace("%2", credits(est))

    def shutdown(self) -> None:
        self._closing = True
        self._est_timer.stop()
        super().shutdown()

    def _submit_text(self, jobs: list[PlannedJob]) -> str:
        text = super()._submit_text(jobs)
        if self.provider == VIMMERSE.id and not self.has_key:
            return class_word(self, self.submit_word, "VideoToolPage")
        return text
