"""The flow shared by the Vimmerse job pages (Sound, Generate Video): a key, the cost, one submit,
visible steps and the results from the queue.

A page says what a submit would send now (:meth:`VimmersePage.plan`: a :class:`Plan`, or an
:class:`InputError` saying why nothing can be sent, checked by
:mod:`verging_desktop.services.vimmerse_inputs` before anything is uploaded or charged). This base:

* shows "Add a Vimmerse key" (and sends nothing) while the session has no Vimmerse key;
* asks for the cost as the inputs change, debounced (:data:`ESTIMATE_DELAY_MS`; the same request is
  asked once): :func:`verging_desktop.services.vimmerse_cost.estimate_request`, Vimmerse's
  estimate-credits where the route knows the app, else the local price table, and it says which;
  the submit button stays off until the cost of exactly what will be sent is known;
* submits once (:class:`~verging_desktop.ui.widgets.submit_guard.SubmitGuard`: a double click is one
  order, the same inputs again ask first), with a card of steps per submit (cut -> upload -> create ->
  in the queue), cancellable until the charging request goes out;
* sends through the one queue (``ctx.jobs.vimmerse_ready()`` then ``VimmerseQueue.submit``), which
  records the job before the request that charges and never sends it twice;
* follows the job (:class:`~verging_desktop.ui.jobs.watcher.JobWatcher`) and hands the finished,
  downloaded record to :meth:`VimmersePage.show_result`; the card says estimated against charged.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import CreditEstimate, VimmerseRequest, request_params
from ...core.errors import InputError, InsufficientCredits, VergingError
from ...core.tools import ToolSpec
from ...jobs.store import DownloadState, JobRecord, LocalStatus
from ...jobs.words import ended_text, error_text, result_status
from ..colors import error_color, ok_color
from ..jobs.watcher import JobWatcher
from ..plural import plural
from ..plural import vimmerse_credits as credits
from ..widgets.header import tool_page_header
from ..widgets.steps import StepRow, StepsList
from ..widgets.submit_guard import QueuedRecord, SubmitGuard

if TYPE_CHECKING:  # pragma: no cover
    from ..context import ToolContext
    from .vimmerse_slots import VideoSlot

log = logging.getLogger("verging_desktop.ui.tools.vimmerse")
translate = QCoreApplication.translate
#: the translation context of this base (subclassed: ``self.tr`` would look under the subclass)
CTX = "VimmersePage"

#: how long the inputs must rest before the cost is asked again
ESTIMATE_DELAY_MS = 350
PROVIDER = "vimmerse"


@dataclass
class Plan:
    """What a submit sends now. ``request``'s media fields hold local paths (the video field the
    source video until it is cut: ``video`` then cuts it and :meth:`final` puts the cut in)."""

    request: VimmerseRequest
    seconds: float | None          # the length the cost is asked for
    title: str                     # the card's title
    input_name: str                # the job's name in the queue (results are named after it)
    key: str                       # the "same job" fingerprint (content digests and settings)
    video: VideoSlot | None = None
    video_field: str = "video_url"
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: the cut's length is what is billed (False: ``seconds`` stays, e.g. a lip sync billed by its speech)
    bill_cut: bool = True

    @property
    def cost_key(self) -> str:
        params = request_params(self.request)
        return json.dumps([self.request.app.value, params, self.seconds], sort_keys=True, default=str)

    def final(self, video_path: str | None, seconds: float | None) -> tuple[VimmerseRequest, float | None]:
        """The request with the cut in place of the source video (and the cut's real length)."""
        req = self.request
        if video_path is not None:
            req = req.with_urls({self.video_field: (video_path,)})
            if hasattr(req, "video_duration") and getattr(req, "video_duration", None) is not None and seconds:
                from dataclasses import replace

                req = replace(req, video_duration=round(seconds, 3))  # type: ignore[call-arg]
        return req, seconds if seconds is not None else self.seconds


def send_targets(ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(tool id, title) of the tools in ``ids`` that this build has (a result's "Send to" menu)."""
    from ...core.tools import TOOLS

    have = {t.id: t.title for t in TOOLS}
    return [(i, have[i]) for i in ids if i in have]


def billed_blocks(seconds: float | None) -> int:
    """Vimmerse bills durations in 5-second blocks."""
    import math

    return 0 if not seconds else math.ceil(seconds / 5.0 - 1e-9)


class VimmersePage(QWidget):
    """The base of a Vimmerse job page; see the module docstring. A subclass builds its inputs,
    lays them out with :meth:`submit_row` and the other parts, and implements :meth:`plan` and
    :meth:`show_result`; it calls :meth:`refresh` whenever an input changes."""

    submit_word: ClassVar[str] = "Send"
    #: below this page width the step cards go above the result (and a trimmer stacks its rows)
    COMPACT_WIDTH: ClassVar[int] = 900
    #: the share of the page's height the inputs keep when the results row opens
    inputs_share: ClassVar[float] = 0.55

    def __init__(self, ctx: ToolContext, spec: ToolSpec) -> None:
        super().__init__()
        self.ctx = ctx
        self.spec = spec
        self.setObjectName(f"{spec.service}Tab")
        self.watcher = JobWatcher(ctx, self)
        self.tasks: set[asyncio.Task[Any]] = set()
        self.rows: dict[int, StepRow] = {}
        self.ended: set[int] = set()  # the jobs whose end the status bar was told
        self.shown_results: set[int] = set()
        #: estimates by :attr:`Plan.cost_key` (asking the same request again is not needed)
        self._estimates: dict[str, CreditEstimate] = {}
        self._estimate_errors: dict[str, str] = {}
        self._plan: Plan | None = None
        #: the Vimmerse line (text, tooltip); None: read it again
        self._balance: tuple[str, str] | None = None
        self._why = ""
        self._est_task: asyncio.Task[Any] | None = None
        self._est_timer = QTimer(self)
        self._est_timer.setSingleShot(True)
        self._est_timer.setInterval(ESTIMATE_DELAY_MS)
        self._est_timer.timeout.connect(self._estimate_now)
        #: estimate requests made (for tests: the debounce asks once per resting input)
        self.estimates_asked = 0

        self.header = tool_page_header(spec.id)
        self.key_banner = QFrame()
        self.key_banner.setObjectName("vimmerseKeyBanner")
        self.key_banner.setFrameShape(QFrame.Shape.StyledPanel)
        kb = QHBoxLayout(self.key_banner)
        kb.setContentsMargins(8, 4, 8, 4)
        from ...core.i18n import _

        self.key_text = QLabel(translate("VimmersePage", "%1 runs on Vimmerse: add a Vimmerse API key to use it. "
                                         "Nothing is sent until you do.").replace("%1", _(spec.title)))
        self.key_text.setObjectName("vimmerseKeyText")
        self.key_text.setWordWrap(True)
        self.key_button = QPushButton(translate("VimmersePage", "Add a Vimmerse key…"))
        self.key_button.setObjectName("addVimmerseKey")
        self.key_button.clicked.connect(self.add_key)
        kb.addWidget(self.key_text, 1)
        kb.addWidget(self.key_button)
        self.key_banner.hide()

        self.cost_label = QLabel()
        self.cost_label.setObjectName("costLabel")
        self.cost_label.setWordWrap(True)
        self.cost_label.setTextFormat(Qt.TextFormat.RichText)
        #: how long the upload should take and results usually take (issue 16)
        self.time_label = QLabel()
        self.time_label.setObjectName("timeToResult")
        self.time_label.setWordWrap(True)
        self.time_label.hide()
        #: the median seconds to a result by job kind (None: no history), read again when one completes
        self._typical: dict[str, float | None] = {}
        self.why_label = QLabel()
        self.why_label.setObjectName("whyDisabled")
        self.why_label.setWordWrap(True)
        self.why_label.setEnabled(False)
        self.submit_button = QPushButton(self.submit_label())
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(translate("VimmersePage", "Upload and send to Vimmerse (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        self.guard = SubmitGuard(ctx, self.submit_button, unit=credits, parent=self)
        self.steps = StepsList()
        self.steps.setMinimumWidth(170)
        self.watcher.recordChanged.connect(self._on_record)
        for seq in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(seq), self, activated=self.submit,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.session.settingsChanged.connect(lambda _s: self.refresh())
        for sig in (ctx.session.vimmerseChanged, ctx.session.connectionChanged, ctx.session.modeChanged):
            sig.connect(lambda *_a: self._connection_changed())

    def submit_label(self) -> str:
        """The submit button's word as shown (a subclass that translates its word overrides this)."""
        return self.submit_word

    # ==== the parts a subclass lays out ===========================================================
    def submit_row(self) -> QWidget:
        """The cost line, the reason the button is off, and the button."""
        w = QWidget()
        w.setObjectName("submitRow")
        lay = QVBoxLayout(w)  # the reason on its own full-width line: never clipped beside a wide button
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.time_label)
        lay.addWidget(self.why_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.submit_button)
        lay.addLayout(row)
        w.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return w

    @staticmethod
    def side_by_side(inputs: QWidget, controls: QWidget, sizes: tuple[int, int]) -> QSplitter:
        """The inputs column (kept at its width) beside the controls (which take the rest)."""
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setObjectName("inputsSplitter")
        top.setChildrenCollapsible(False)
        top.addWidget(inputs)
        top.addWidget(controls)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setSizes(list(sizes))
        return top

    def lay_out(self, top: QWidget, result: QWidget, *, head: QWidget | None = None) -> None:
        """The page: ``top`` (the inputs, the cost, the button) over the results row (the step
        cards beside ``result``, hidden until the first job), in one vertical scroll (never a
        sideways one); ``head`` stays above the scroll."""
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("resultsSplitter")
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.steps)
        bottom.addWidget(result)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 3)
        bottom.setSizes([280, 900])
        bottom.hide()  # shown with the first job of this page
        self.results_row = bottom
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("pageSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.page_split = split
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(split)
        self.page_scroll = scroll
        lay = QVBoxLayout(self)
        if head is not None:
            lay.addWidget(head)
        lay.addWidget(scroll, 1)

    def show_results_row(self) -> None:
        if self.results_row.isVisible():
            return
        self.results_row.show()
        h = max(self.page_split.height(), 600)
        self.page_split.setSizes([int(h * self.inputs_share), h - int(h * self.inputs_share)])

    def set_compact(self, on: bool) -> None:
        """The page is narrower than :attr:`COMPACT_WIDTH` (a page stacks its trimmer's rows)."""

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        narrow = self.width() < self.COMPACT_WIDTH
        self.set_compact(narrow)
        row = getattr(self, "results_row", None)
        want = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if row is not None and row.orientation() != want:
            row.setOrientation(want)
            self.steps.setMaximumHeight(170 if narrow else 16777215)
            self.steps.setMinimumHeight(110 if narrow else 70)  # a whole card above the result

    # ==== what a subclass implements ==============================================================
    def plan(self) -> Plan:
        """What a submit would send now; :class:`InputError` says why nothing can be sent."""
        raise NotImplementedError

    def show_result(self, rec: JobRecord) -> None:
        """A job of this page finished and its results are downloaded."""
        raise NotImplementedError

    def blocker(self, plan: Plan) -> str:
        """Why ``plan`` (whose cost is shown) cannot be sent yet, e.g. consent not given ("": it can)."""
        return ""

    def _source_params(self) -> dict[str, Any]:
        """What the job record keeps of the inputs fetched from the web: their addresses
        (``source_url`` the first, ``source_urls`` all when there are several)."""
        from .vimmerse_slots import MediaSlot

        urls = []
        for slot in self.findChildren(MediaSlot):
            usable = slot.ready and slot.path is not None and slot.isVisibleTo(self)  # (not another mode's slot)
            media = slot.drop.origin(slot.path) if usable and slot.path is not None else None
            if media is not None and media.url not in urls:
                urls.append(media.url)
        if not urls:
            return {}
        return {"source_url": urls[0], **({"source_urls": urls} if len(urls) > 1 else {})}

    @staticmethod
    def probes(*slots: Any) -> dict[str, Any]:
        """The slots' probes by path (so the checks never probe a dropped file again)."""
        return {str(sl.path): sl.info for sl in slots if sl.ready and sl.info is not None}

    def cuts_dir(self) -> Path:
        d = Path(self.ctx.dirs.data) / "cuts"
        d.mkdir(parents=True, exist_ok=True)
        return d

    # ==== the key ===================================================================================
    def has_key(self) -> bool:
        return self.ctx.has_key(PROVIDER)

    def add_key(self) -> None:
        """Open the keys dialog on Vimmerse (the window's, through the context)."""
        if self.ctx.open_keys is not None:
            self.ctx.open_keys(PROVIDER)
        else:
            self.ctx.session.message.emit(translate("VimmersePage", "Add a Vimmerse key in File > Manage API keys (Ctrl+Shift+K)."))

    def _connection_changed(self) -> None:
        self._balance = None
        self._estimates.clear()
        self._estimate_errors.clear()
        self.refresh()

    # ==== the cost ==================================================================================
    def refresh(self) -> None:
        """Recompute the plan; ask for its cost once the inputs rest; update the button."""
        has_key = self.has_key()
        self.key_banner.setVisible(not has_key)
        try:
            plan = self.plan()
            why = ""
        except InputError as e:
            plan, why = None, str(e)
        self._plan = plan
        est = self._estimates.get(plan.cost_key) if plan is not None else None
        if plan is not None and est is None and plan.cost_key not in self._estimate_errors:
            self._est_timer.start()  # (re)started: asked once the inputs rest
        self._render_cost(plan, est)
        self._render_time(plan)
        if not why and not has_key:
            why = translate("VimmersePage", "Add a Vimmerse key first: nothing is sent without one.")
        if not why and plan is not None:
            why = self.blocker(plan)
        if not why and plan is not None:
            err = self._estimate_errors.get(plan.cost_key)
            if err:
                why = err
            elif est is None:
                why = translate("VimmersePage", "Working out the cost…")
        self._why = why
        self.why_label.setText(why)
        self.why_label.setToolTip(why)
        self.submit_button.setText(self._submit_text(plan, est))
        self.guard.set_enabled(plan is not None and est is not None and not why)

    def _submit_text(self, plan: Plan | None, est: CreditEstimate | None) -> str:
        if plan is None or est is None:
            return self.submit_label()
        return translate("VimmersePage", "%1 (%2)", "the submit button: its word and the cost").replace(
            "%1", self.submit_label()).replace("%2", credits(est.total))

    def balance_text(self) -> str:
        """The status bar's Vimmerse line: Vimmerse publishes no balance, so what it charged for this
        app's jobs this month (read again when a Vimmerse job changes); its tooltip says so."""
        if self._balance is None:
            self._balance = self._read_balance()
        return self._balance[0]

    def _read_balance(self) -> tuple[str, str]:
        from ...services.usage import month_spend

        if not self.has_key():
            return (translate("VimmersePage", "Vimmerse: no key"),
                    translate("VimmersePage", "Add a Vimmerse API key to send jobs."))
        jobs = self.ctx.jobs
        store = jobs.store if jobs is not None else None
        account = self.ctx.session.vimmerse_account
        recs: list[JobRecord] = []
        if store is not None and account:
            with contextlib.suppress(Exception):  # the store is closing during a switch
                recs = [r for r in store.list(include_hidden=True, account=account) if r.provider == PROVIDER]
        spend = month_spend(recs, PROVIDER)
        return spend.text(), spend.tooltip()

    def _render_cost(self, plan: Plan | None, est: CreditEstimate | None) -> None:
        from ...services.vimmerse_cost import describe

        bal = self.balance_text()
        if plan is None:
            self.cost_label.setText(translate("VimmersePage", "Cost: – (once the inputs are ready) · %1").replace("%1", bal))
        elif est is None:
            err = self._estimate_errors.get(plan.cost_key)
            if err:
                unknown = translate("VimmersePage", "Cost unknown")
                self.cost_label.setText(f"<span style='color:{error_color()}'>{unknown}</span> · {bal}")
            else:
                self.cost_label.setText(translate("VimmersePage", "Cost: working it out… · %1").replace("%1", bal))
        else:
            clips = getattr(plan.request, "quantity", 1) or 1
            each = (translate("VimmersePage", ", %1 a clip").replace("%1", credits(est.total / clips))
                    if clips > 1 else "")
            cost = translate("VimmersePage", "Cost: %1").replace("%1", describe(est, amount=credits(est.total)))
            self.cost_label.setText(f"<b>{cost}</b>{each} · {bal}")
        if self._balance is not None:
            self.cost_label.setToolTip(translate("VimmersePage", "Vimmerse bills in its own credits (not Verging "
                                                 "credits); what it charged is shown with each job.")
                                       + f"\n{self._balance[1]}")

    # ==== time to result ===========================================================================
    def uplink_rate(self) -> float | None:
        """The measured upload rate to Vimmerse in bytes/s (None: not measured yet)."""
        from ...core.uplink import client_rate

        return client_rate(PROVIDER, getattr(self.ctx, "vimmerse", None))

    def upload_link(self) -> str:
        """The link Vimmerse uploads share (one at a time: ``jobs.pipeline``)."""
        from ...core.uplink import host_of

        client = getattr(self.ctx, "vimmerse", None)
        return f"{PROVIDER}|{host_of(str(getattr(client, 'base_url', '')))}"

    def typical_seconds(self, kind: str) -> float | None:
        """The median seconds from submit to result of the last completed ``kind`` jobs."""
        if kind not in self._typical:
            from ...jobs.durations import typical_seconds

            jobs = self.ctx.jobs
            store = jobs.store if jobs is not None else None
            try:
                self._typical[kind] = (typical_seconds(store, kind, provider=PROVIDER)
                                       if store is not None else None)
            except Exception:  # the store is closing during a switch
                log.exception("reading the time to result of %s failed", kind)
                return None
        return self._typical[kind]

    @staticmethod
    def _local_bytes(plan: Plan, *, skip_video: bool) -> int:
        """The bytes of the plan's local files that go up (URLs are passed on, not uploaded)."""
        total = 0
        for name, vals in plan.request.media().items():
            if skip_video and name == plan.video_field:
                continue
            for v in vals:
                if "://" in v:
                    continue
                with contextlib.suppress(OSError):
                    total += os.stat(v).st_size
        return total

    def time_line_text(self, plan: Plan | None = None) -> str:
        """"Re-encoding to 19 MB: about 31 s to upload at your 5 Mbit/s instead of 81 s. Results
        usually take about 1 min 20 s." for the plan ("" when there is nothing to say)."""
        from ...jobs.time_line import also_sentence, join, results_sentence, upload_sentence

        plan = self._plan if plan is None else plan
        if plan is None:
            return ""
        rate = self.uplink_rate()
        parts: list[str] = []
        choice = plan.video.choice(rate) if plan.video is not None else None
        if choice is not None:
            parts.append(choice.sentence)
            parts.append(also_sentence(self._local_bytes(plan, skip_video=True), rate))
        else:
            parts.append(upload_sentence(self._local_bytes(plan, skip_video=False), rate))
        parts.append(results_sentence(self.typical_seconds(plan.request.app.value)))
        return join(parts)

    def _render_time(self, plan: Plan | None) -> None:
        text = self.time_line_text(plan)
        self.time_label.setText(text)
        self.time_label.setVisible(bool(text))

    def cost_text(self) -> str:
        """The cost line as plain text (for tests and accessibility)."""
        from PySide6.QtGui import QTextDocument

        d = QTextDocument()
        d.setHtml(self.cost_label.text())
        return d.toPlainText()

    @property
    def estimate(self) -> CreditEstimate | None:
        """The cost of what a submit would send now (None until known)."""
        plan = self._plan
        return self._estimates.get(plan.cost_key) if plan is not None else None

    def _estimate_now(self) -> None:
        plan = self._plan
        if plan is None or plan.cost_key in self._estimates:
            return
        key = plan.cost_key
        if self._est_task is not None and not self._est_task.done():
            self._est_task.cancel()
        coro = self._ask_estimate(plan.request, plan.seconds, key)
        try:
            self._est_task = self._spawn(coro, f"{self.spec.id}-estimate")
        except RuntimeError:  # the app is shutting down
            coro.close()

    async def _ask_estimate(self, req: VimmerseRequest, seconds: float | None, key: str) -> CreditEstimate | None:
        from ...services.vimmerse_cost import estimate_request

        self.estimates_asked += 1
        try:
            if self.has_key():
                est = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, req, duration=seconds)
            else:  # no key: what the local table says (nothing can be sent anyway)
                total = self.ctx.vimmerse_pricing.for_request(req, duration=seconds)
                est = CreditEstimate(total=total, source="table")
        except VergingError as e:
            self._estimate_errors[key] = translate("VimmersePage", "Could not get the cost from Vimmerse: %1").replace(
                "%1", str(e))
            self.refresh()
            return None
        self._estimates[key] = est
        self.refresh()
        return est

    async def wait_estimate(self) -> CreditEstimate | None:
        """Ask for the current plan's cost now (no waiting for the inputs to rest)."""
        self._est_timer.stop()
        plan = self._plan
        if plan is None:
            return None
        if plan.cost_key in self._estimates:
            return self._estimates[plan.cost_key]
        return await self._ask_estimate(plan.request, plan.seconds, plan.cost_key)

    # ==== tasks =====================================================================================
    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        t = self.ctx.spawn(coro, name=name)
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)
        return t

    # ==== submitting ================================================================================
    def submit(self) -> asyncio.Task[Any] | None:
        """Send what :meth:`plan` says, once; returns the submit's task when it started at once."""
        if self.guard.busy:
            return None
        self.refresh()
        plan, est = self._plan, self.estimate
        if plan is None or est is None or not self.submit_button.isEnabled():
            return None
        out: list[asyncio.Task[Any]] = []

        def send() -> Any:
            row = self.steps.add(plan.title, detail=plan.detail)
            row.set_step(translate("VimmersePage", "Waiting to start…"), 0.0)
            queued: asyncio.Future[JobRecord | None] = asyncio.get_event_loop().create_future()
            task = self._spawn(self._run(plan, est, row, queued), f"{self.spec.id}-submit")
            row.on_cancel = task.cancel
            row.set_cancellable(True)
            task.add_done_callback(lambda t: self._task_done(t, row, queued))
            out.append(task)
            self.ctx.session.message.emit(translate("VimmersePage", "Sending to Vimmerse: %1…").replace("%1", plan.title))

            async def in_queue() -> bool | None:
                rec = await queued
                return True if rec is not None else None

            return in_queue()

        self.guard.submit([plan.key], est.total, send)
        return out[0] if out else None

    @staticmethod
    def _task_done(task: asyncio.Task[Any], row: StepRow, queued: asyncio.Future[Any]) -> None:
        if not queued.done():
            queued.set_result(None)
        if task.cancelled():
            with contextlib.suppress(RuntimeError):
                if not row.done:
                    row.finish(translate("VimmersePage", "Cancelled before sending; nothing was charged."), ok=False)

    async def _run(self, plan: Plan, est: CreditEstimate, row: StepRow,
                   queued: asyncio.Future[JobRecord | None]) -> JobRecord | None:
        if hasattr(self, "results_row"):
            self.show_results_row()  # the submit's card is shown from its first step
        video_path: str | None = None
        seconds = plan.seconds
        from ...jobs.pipeline import for_loop
        from ...jobs.prep_choice import DEFAULT_UPLINK

        pipe = for_loop()
        link = self.upload_link()
        if plan.video is not None:
            try:
                if pipe.preparing_now:
                    row.set_step(translate("VimmersePage", "Waiting while the video before it is prepared…"), None)
                async with pipe.preparing():  # one cut at a time; the next while this one uploads
                    rate = await pipe.learn_rate(link, self.uplink_rate)
                    prepared = await plan.video.prepare(lambda text, frac: row.set_step(text, frac), uplink=rate,
                                                        wait=pipe.link_busy_seconds(link, rate or DEFAULT_UPLINK))
                if prepared.sentence:
                    log.info("%s: %s", plan.input_name, prepared.sentence)
            except asyncio.CancelledError:
                row.finish(translate("VimmersePage", "Cancelled before sending; nothing was charged."), ok=False)
                raise
            except (VergingError, OSError) as e:
                row.finish(translate("VimmersePage", "Not sent: the cut failed (%1). Nothing was charged.").replace(
                    "%1", str(e)), ok=False)
                return None
            video_path, seconds = str(prepared.path), (prepared.duration if plan.bill_cut else plan.seconds)
        req, seconds = plan.final(video_path, seconds)
        try:  # what goes up, checked whole once more (the cut's container, size and length)
            from ...services.vimmerse_inputs import acheck_request

            req = await acheck_request(req)
        except InputError as e:
            row.finish(translate("VimmersePage", "Not sent: %1 Nothing was charged.").replace("%1", str(e)), ok=False)
            return None
        if plan.video is not None and billed_blocks(seconds) != billed_blocks(plan.seconds):
            # the cut's real length bills differently: ask again, and never charge more than was shown
            from ...services.vimmerse_cost import estimate_request

            try:
                again = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, req, duration=seconds)
            except VergingError as e:
                row.finish(translate("VimmersePage", "Not sent: the cost could not be checked (%1). Nothing was charged."
                                     ).replace("%1", str(e)), ok=False)
                return None
            if again.total > est.total + 1e-9:
                row.finish(translate("VimmersePage", "Not sent: the cut is %1 s, which costs %2 instead of the %3 "
                                     "shown. Check the selection and send again.").replace(
                    "%1", f"{seconds or 0:.2f}").replace("%2", credits(again.total)).replace("%3", credits(est.total)),
                    ok=False)
                return None
            est = again
        jobs = self.ctx.jobs
        if jobs is None:
            row.finish(translate("VimmersePage", "Not sent: the job queue is not available."), ok=False)
            return None
        n_files = sum(1 for vals in req.media().values() for v in vals if "://" not in v)
        upload = (translate("VimmersePage", "Uploading the file to Vimmerse…") if n_files == 1 else
                  plural(translate("VimmersePage", "Uploading %n file(s) to Vimmerse…", None, n_files), n_files))

        def progress(p: Any) -> None:
            frac = getattr(p, "fraction", None)
            if not row.cancellable:
                return  # creating: the upload is over
            row.set_step(upload + (f" {frac * 100:.0f}%" if frac is not None else ""), frac)

        def submitting() -> None:
            row.set_cancellable(False)  # the charging request goes out: no cancelling from here
            row.set_step(translate("VimmersePage", "Creating the job on Vimmerse…"), None)

        sent: NewRecord | None = None
        nbytes = sum(os.stat(v).st_size for vals in req.media().values() for v in vals
                     if "://" not in v and os.path.isfile(v))
        try:
            if not pipe.link_free(link):
                row.set_step(translate("VimmersePage", "Ready; waiting for the upload before it…"), None)
            async with pipe.uploading(link, nbytes) as slot:
                def sending(p: Any) -> None:
                    slot.progress(int(getattr(p, "done", 0) or 0))
                    progress(p)

                def created() -> None:
                    slot.release()  # every file is up: the next job's upload may start
                    submitting()

                row.set_step(translate("VimmersePage", "Uploading…"), 0.0)
                queue = await jobs.vimmerse_ready()
                with NewRecord(queue, req.app.value, on_submitting=created) as sent:
                    rec: JobRecord = await queue.submit(req, input_name=plan.input_name, estimated=est.total,
                                                        duration=seconds, progress=sending,
                                                        extra={**plan.extra, **self._source_params()} or None)
        except asyncio.CancelledError:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
            else:
                row.finish(translate("VimmersePage", "Cancelled before sending; nothing was charged."), ok=False)
            raise
        except InsufficientCredits as e:
            row.finish(translate("VimmersePage", "Not enough Vimmerse credits: %1").replace("%1", str(e)), ok=False)
            return None
        except VergingError as e:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
                return maybe
            row.finish(translate("VimmersePage", "Not sent: %1").replace("%1", str(e)), ok=False)
            return None
        self._render_time(self._plan)  # the upload measured the link again
        if rec.status is LocalStatus.UNKNOWN:
            self._may_have_been_sent(rec, row, queued)
            return rec
        if not queued.done():
            queued.set_result(rec)
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        self._render_row(self.watcher.record(rec.local_id) or rec)
        return rec

    def _may_have_been_sent(self, rec: JobRecord, row: StepRow, queued: asyncio.Future[Any]) -> None:
        if not queued.done():
            queued.set_result(rec)
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        row.finish(error_text(rec) or translate("VimmersePage", "May have been sent: the connection failed while the job "
                                          "was being created. It is not sent again by itself; see the Job Queue."),
                   ok=False)

    # ==== following the jobs ========================================================================
    def _on_record(self, rec: JobRecord) -> None:
        if rec.provider == PROVIDER and rec.status is LocalStatus.COMPLETED and rec.kind in self._typical:
            self._typical.pop(rec.kind, None)  # one more result: the usual time again
            self._render_time(self._plan)
        if rec.provider == PROVIDER and rec.charged_credits is not None and self._balance is not None:
            self._balance = None  # a charge arrived: the month's line changes
            self.refresh()
        if rec.local_id in self.rows and rec.kind in self.spec.job_kinds:
            self._render_row(rec)

    def _render_row(self, rec: JobRecord) -> None:
        row = self.rows.get(rec.local_id)
        if row is None:
            return
        self._announce_end(rec)
        with contextlib.suppress(RuntimeError):  # the card was dismissed
            if rec.status is LocalStatus.COMPLETED:
                charged = (translate("VimmersePage", "charged %1").replace("%1", credits(rec.charged_credits))
                           if rec.charged_credits is not None else translate("VimmersePage", "charge not reported"))
                row.finish(translate("VimmersePage", "%1 · estimated %2, %3").replace("%1", result_status(rec)).replace(
                    "%2", credits(rec.estimated_credits or 0)).replace("%3", charged))
                row.step.setStyleSheet(f"color: {ok_color()};")
                if rec.download_state is DownloadState.DONE and rec.local_id not in self.shown_results:
                    self.shown_results.add(rec.local_id)
                    self.show_result(rec)
            elif rec.status is LocalStatus.FAILED:
                row.finish(translate("VimmersePage", "Failed: %1").replace(
                    "%1", error_text(rec) or translate("VimmersePage", "the job failed on Vimmerse")), ok=False)
            elif rec.status is LocalStatus.CANCELLED:
                row.finish(error_text(rec) or translate("VimmersePage", "Cancelled"), ok=False)
            elif rec.status is LocalStatus.UNKNOWN:
                row.finish(error_text(rec) or translate("VimmersePage", "May have been sent: see the Job Queue."), ok=False)
            else:
                row.set_step(translate("VimmersePage", "In the queue: %1").replace("%1", result_status(rec)),
                             (rec.progress or 0) / 100.0)

    def _announce_end(self, rec: JobRecord) -> None:
        """Once a job of this page is over (saved, failed, cancelled), its end replaces "Sending to
        Vimmerse: …" in the status bar, once."""
        text = ended_text(rec)
        if text is not None and rec.local_id not in self.ended:
            self.ended.add(rec.local_id)
            with contextlib.suppress(RuntimeError):  # the app is closing
                self.ctx.session.message.emit(text)

    def result_paths(self, rec: JobRecord) -> list[Path]:
        """Every downloaded result file of ``rec`` (several for a quantity above 1)."""
        paths = rec.params.get("result_paths") or ([rec.result_path] if rec.result_path else [])
        return [Path(p) for p in paths if p and Path(p).is_file()]

    def show_job(self, local_id: int) -> None:
        """The queue's double click on a job of this tool: show its result here."""
        rec = self.watcher.record(local_id)
        if rec is not None and rec.status is LocalStatus.COMPLETED and rec.download_state is DownloadState.DONE:
            self.show_result(rec)

    def reset_session_results(self) -> None:
        """The connection changed: the cards belong to the other connection's queue."""
        self.rows.clear()
        self.ended.clear()
        self.shown_results.clear()
        self.steps.clear()
        self._connection_changed()

    def send_to(self, tool_id: str, path: str | Path) -> str:
        """Hand a result to another tool (Reframe & Crop, Sound, Video Enhance)."""
        from ..widgets.ai_handoff import hand_off

        text = hand_off(self.ctx, tool_id, path)
        self.ctx.session.message.emit(text)
        return text

    # ==== closing ===================================================================================
    def closeEvent(self, e: Any) -> None:
        self.shutdown()
        super().closeEvent(e)

    def shutdown(self) -> None:
        self._est_timer.stop()
        for t in list(self.tasks):
            t.cancel()
        self.watcher.close()


class NewRecord(QueuedRecord):
    """The record a submit writes (the first record of ``kind`` created from now on: an older job's
    record written meanwhile, a poll of the last submit, is not taken for it)."""

    def __init__(self, queue: Any, kind: str, *, on_submitting: Callable[[], None] | None = None) -> None:
        super().__init__(queue, kind, [])
        self.since = time.time() - 0.001
        self._on_submitting = on_submitting

    def _seen(self, rec: Any) -> None:
        if self.local_id is None and rec.kind == self.kind and float(rec.created_at or 0) >= self.since:
            self.local_id = rec.local_id
        if rec.local_id == self.local_id and rec.status is LocalStatus.SUBMITTING and self._on_submitting is not None:
            call, self._on_submitting = self._on_submitting, None
            call()  # the store writes on this (the GUI) thread: the card can be told at once
