"""The flow the Lip Sync and Replace Background tabs share: a Vimmerse key, the cost, one submit,
visible steps, and the result from the queue.

A page says what a submit would send now (:meth:`VimmerseTab.plan`, a :class:`Plan`, or an
:class:`InputError` whose sentence says why nothing can be sent; every file was checked by its
content when it was dropped, and the whole request by
:func:`verging_desktop.services.vimmerse_inputs.check_request`). This base:

* shows "Add a Vimmerse key" (and sends nothing) while the session has no Vimmerse key;
* asks for the cost as the inputs change, debounced (:data:`ESTIMATE_DELAY_MS`; the same request is
  asked once and remembered): :func:`verging_desktop.services.vimmerse_cost.estimate_request`,
  Vimmerse's estimate-credits where that route knows the app, else the local price table, and says
  which, next to what the session knows of the Vimmerse account (it publishes no balance). The
  submit button is off until the cost of exactly what will be sent is known;
* submits once (:class:`~verging_desktop.ui.widgets.submit_guard.SubmitGuard`: a double click is one
  order, the same inputs again ask first), with a card of steps per submit (cut -> upload -> create
  -> in the queue), cancellable until the charging request goes out;
* cuts a trimmed video with the smart cut (:mod:`verging_desktop.jobs.prepare`), and sends through
  the one queue (``ctx.jobs.vimmerse_ready()`` then ``VimmerseQueue.submit``), which records the job
  before the request that charges and never sends it twice;
* follows the job and shows it in its :class:`~.vimmerse_result.VimmerseResult` when it is done.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...api.vimmerse.models import CreditEstimate, VimmerseRequest, request_params
from ...core.errors import AuthError, InputError, InsufficientCredits, Progress, VergingError
from ...core.submissions import fingerprint
from ...core.tools import ToolSpec
from ...jobs.store import JobRecord, LocalStatus
from ...jobs.words import result_status
from ..colors import error_color, ok_color
from ..jobs.watcher import JobWatcher
from ..plural import credits
from ..widgets.header import tool_page_header
from ..widgets.steps import StepRow, StepsList
from ..widgets.submit_guard import QueuedRecord, SubmitGuard
from ..widgets.wrapfit import WrapFitColumn
from .vimmerse_result import VimmerseResult

if TYPE_CHECKING:  # pragma: no cover
    from ...media.probe import MediaInfo
    from ..context import ToolContext
    from ..video.trimmer import Trimmer

log = logging.getLogger("verging_desktop.ui.tools.vimmerse_tab")

PROVIDER = "vimmerse"
#: how long the inputs rest before the cost is asked again (ms)
ESTIMATE_DELAY_MS = 400
#: the longest video a Vimmerse tab cuts and sends (Vimmerse documents no limit)
MAX_VIDEO_SECONDS = 600.0


@dataclass
class VideoCut:
    """A video of the request to cut to the trimmer's selection before it is uploaded."""

    field: str
    path: Path
    info: MediaInfo
    start: float
    end: float

    @property
    def length(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass
class Plan:
    """What a submit would send now."""

    req: VimmerseRequest
    #: the seconds the cost is asked for (None: the route is not priced by length)
    duration: float | None
    #: the name the job goes by in the queue ("portrait.png")
    input_name: str
    #: the step card's title and detail line
    title: str
    detail: str = ""
    cut: VideoCut | None = None
    #: content digests of the inputs and other settings that make "the same job"
    digests: list[str] = field(default_factory=list)
    #: the length is the cut's (a replaced background is as long as the video sent)
    duration_is_cut: bool = False
    #: the media field whose local video (after the cut) the result is compared with (None: none)
    compare_field: str | None = None
    #: stored with the job (the result view reads them)
    extra: dict[str, Any] = field(default_factory=dict)

    def estimate_key(self) -> str:
        return json.dumps([self.req.app.value, request_params(self.req), self.duration], sort_keys=True, default=str)


class WheelGuard(QObject):
    """Lets the mouse wheel scroll the page over a slider, spin box or picker that does not have
    the keyboard focus, instead of changing its value (a setting of a paid job is never changed by
    scrolling past it). A click or Tab gives it the focus; then the wheel changes it."""

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            e.ignore()
            return True
        return False


def guard_wheel(root: QWidget) -> WheelGuard:
    """Install a :class:`WheelGuard` on every slider, spin box and combo box under ``root``."""
    guard = WheelGuard(root)
    for cls in (QAbstractSlider, QAbstractSpinBox, QComboBox):
        for w in root.findChildren(cls):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            w.installEventFilter(guard)
    return guard


class OneOf(QWidget):
    """Shows one of its widgets (like a QStackedWidget), but the hidden ones take no room: the
    page's minimum height is the shown one's (a stacked widget keeps the tallest page's)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._widgets: list[QWidget] = []
        self._index = -1

    def addWidget(self, w: QWidget) -> int:  # Qt's name
        self._widgets.append(w)
        self._lay.addWidget(w, 1)
        if self._index < 0:
            self._index = 0
        w.setVisible(len(self._widgets) - 1 == self._index)
        return len(self._widgets) - 1

    def setCurrentIndex(self, i: int) -> None:  # Qt's name
        if 0 <= i < len(self._widgets):
            self._index = i
            for j, w in enumerate(self._widgets):
                w.setVisible(j == i)

    def currentIndex(self) -> int:  # Qt's name
        return self._index

    def currentWidget(self) -> QWidget | None:  # Qt's name
        return self._widgets[self._index] if self._index >= 0 else None


class VimmerseTab(QWidget):
    """The base of a Vimmerse job page (see the module docstring). A subclass builds its inputs
    (:meth:`build_inputs`), says what would be sent (:meth:`plan`) and names its button."""

    #: the submit button's word
    submit_word: ClassVar[str] = "Send"
    #: the result is compared with the source video by default (else played)
    compare_first: ClassVar[bool] = False

    def __init__(self, ctx: ToolContext, spec: ToolSpec) -> None:
        super().__init__()
        self.ctx = ctx
        self.spec = spec
        self.setObjectName(f"{spec.service}Tab")
        self.watcher = JobWatcher(ctx, self)
        self.tasks: set[asyncio.Task[Any]] = set()
        self.rows: dict[int, StepRow] = {}
        self.trimmer: Trimmer | None = None
        self.estimate: CreditEstimate | None = None
        self._estimates: dict[str, CreditEstimate] = {}
        self._estimating: str | None = None
        self._estimate_error = ""
        self._planned: Plan | None = None
        self._why = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ESTIMATE_DELAY_MS)
        self._timer.timeout.connect(self._ask_estimate)
        self._build()
        self.watcher.recordChanged.connect(self._on_record)
        s = ctx.session
        for sig in ("vimmerseChanged", "modeChanged"):
            signal = getattr(s, sig, None)
            if signal is not None:
                signal.connect(lambda *_a: self._connection_changed())
        s.settingsChanged.connect(lambda _s: self.refresh())
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.submit)
        self._render_key_state()
        self.refresh()

    # ==== construction ============================================================================
    def build_inputs(self) -> QWidget:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def _build(self) -> None:
        self.header = tool_page_header(self.spec.id)
        # no key: what to do about it (nothing is sent meanwhile)
        self.key_banner = QFrame()
        self.key_banner.setObjectName("vimmerseKeyBanner")
        self.key_banner.setFrameShape(QFrame.Shape.StyledPanel)
        kb = QHBoxLayout(self.key_banner)
        self.key_text = QLabel("This tool runs on Vimmerse: add your Vimmerse API key to use it (or try it in "
                               "sandbox mode, which needs none).")
        self.key_text.setWordWrap(True)
        self.key_button = QPushButton("Add a Vimmerse key…")
        self.key_button.setObjectName("addVimmerseKey")
        self.key_button.clicked.connect(self.open_keys)
        kb.addWidget(self.key_text, 1)
        kb.addWidget(self.key_button)

        self.cost_label = QLabel()
        self.cost_label.setObjectName("costLabel")
        self.cost_label.setWordWrap(True)
        self.account_label = QLabel()
        self.account_label.setObjectName("vimmerseAccountLine")
        self.account_label.setWordWrap(True)
        self.account_label.setEnabled(False)
        self.why_label = QLabel()
        self.why_label.setObjectName("whyDisabled")
        self.why_label.setWordWrap(True)
        self.why_label.setEnabled(False)
        self.submit_button = QPushButton(self.submit_word)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip("Upload the inputs and create the job on Vimmerse (Ctrl+Enter)")
        self.submit_button.clicked.connect(self.submit)
        self.guard = SubmitGuard(self.ctx, self.submit_button, parent=self)

        self.steps = StepsList()
        self.steps.setMinimumWidth(170)
        self.result = VimmerseResult(self.ctx, self.watcher, compare_first=self.compare_first, own_tool=self.spec.id)
        self.result.message.connect(self.ctx.session.message.emit)
        self.result.resendRequested.connect(self.resend)

        # its minimum counts wrapped lines (help texts, the cost line): no row is laid over another
        top = WrapFitColumn()
        top.setObjectName("inputsArea")
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.header)
        tl.addWidget(self.key_banner)
        tl.addWidget(self.build_inputs(), 1)
        tl.addWidget(self.cost_label)
        tl.addWidget(self.account_label)
        sub = QHBoxLayout()
        sub.addWidget(self.why_label, 1)
        sub.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        tl.addLayout(sub)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("resultsSplitter")
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.steps)
        bottom.addWidget(self.result)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 3)
        bottom.setSizes([280, 900])
        bottom.hide()  # shown with the first job of this tab
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
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(split)
        lay = QVBoxLayout(self)
        lay.addWidget(scroll)
        self._wheel_guard = guard_wheel(top)

    #: below this page width the step cards go above the result (the compare view needs the width)
    COMPACT_WIDTH = 900

    def resizeEvent(self, e: Any) -> None:
        super().resizeEvent(e)
        want = Qt.Orientation.Vertical if self.width() < self.COMPACT_WIDTH else Qt.Orientation.Horizontal
        if self.results_row.orientation() != want:
            self.results_row.setOrientation(want)
            vertical = want == Qt.Orientation.Vertical
            self.steps.setMaximumHeight(170 if vertical else 16777215)
            self.steps.setMinimumHeight(110 if vertical else 70)  # a whole card above the result
        if self.trimmer is not None:
            self.trimmer.set_compact(True)

    def show_results_row(self) -> None:
        if self.results_row.isVisible():
            return
        self.results_row.show()
        h = max(self.page_split.height(), 600)
        self.page_split.setSizes([int(h * 0.55), h - int(h * 0.55)])

    # ==== the trimmer ==============================================================================
    def make_trimmer_box(self, hint: str) -> QWidget:
        """Where the trimmer appears when a video to cut arrives (a placeholder until then)."""
        self.trimmer_box = QFrame()
        self.trimmer_box.setObjectName("trimmerBox")
        self._trim_lay = QVBoxLayout(self.trimmer_box)
        self._trim_lay.setContentsMargins(0, 0, 0, 0)
        self.trimmer_placeholder = QLabel(hint)
        self.trimmer_placeholder.setObjectName("trimmerPlaceholder")
        self.trimmer_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trimmer_placeholder.setWordWrap(True)
        self.trimmer_placeholder.setEnabled(False)
        self.trimmer_placeholder.setMinimumHeight(60)
        self._trim_lay.addWidget(self.trimmer_placeholder)
        return self.trimmer_box

    def _ensure_trimmer(self) -> Trimmer:
        if self.trimmer is None:
            from ..video.trimmer import Trimmer

            self.trimmer = Trimmer(self, max_seconds=MAX_VIDEO_SECONDS, spawn=self.ctx.spawn, temp_dir=self.cuts_dir())
            self.trimmer.selectionChanged.connect(lambda _s, _e: self.refresh())
            self.trimmer.validityChanged.connect(lambda _ok, _why: self.refresh())
            self.trimmer.set_compact(True)
            self._trim_lay.addWidget(self.trimmer, 1)
        return self.trimmer

    def show_in_trimmer(self, path: Path | None, info: MediaInfo | None) -> None:
        """Load the video to cut (None: the placeholder again)."""
        if path is None or info is None:
            if self.trimmer is not None:
                self.trimmer.clear()
                self.trimmer.hide()
            self.trimmer_placeholder.show()
            return
        tr = self._ensure_trimmer()
        self.trimmer_placeholder.hide()
        tr.show()
        if tr.path is not None and Path(tr.path).absolute() == path and tr.info is not None:
            return

        async def load() -> None:
            from ...core.errors import Cancelled

            with contextlib.suppress(InputError, Cancelled):
                await tr.load(path, info=info)
            self.refresh()

        self._spawn(load(), f"{self.spec.service}-trimmer")

    def video_cut(self, field: str, path: Path, info: MediaInfo) -> VideoCut:
        """The trimmer's selection of ``path`` (the whole video until the trimmer shows it).

        :raises InputError: the selection cannot be used (the trimmer says why).
        """
        tr = self.trimmer
        if tr is not None and tr.path is not None and Path(tr.path).absolute() == path and tr.info is not None:
            if not tr.is_valid():
                raise InputError(tr.reason())
            s, e = tr.selection()
            return VideoCut(field, path, info, s, e)
        if info.duration > MAX_VIDEO_SECONDS + 0.05:
            raise InputError(f"{path.name} is {info.duration:.0f} s long; trim it to at most {MAX_VIDEO_SECONDS:g} s.")
        return VideoCut(field, path, info, 0.0, info.duration)

    # ==== the key ==================================================================================
    def has_key(self) -> bool:
        return bool(self.ctx.has_key(PROVIDER))

    def open_keys(self) -> None:
        win = self.window()
        opener = getattr(win, "open_keys_dialog", None)
        if opener is None:
            return
        dlg = opener()
        show = getattr(dlg, "show_provider", None)
        if callable(show):
            show(PROVIDER)

    def _render_key_state(self) -> None:
        self.key_banner.setVisible(not self.has_key())

    def _connection_changed(self) -> None:
        """Another key, profile, server or the sandbox: costs are asked again (another account)."""
        self._estimates.clear()
        self.estimate = None
        self._render_key_state()
        self.refresh()

    # ==== planning and cost ========================================================================
    def plan(self) -> Plan:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def _make_plan(self) -> tuple[Plan | None, str]:
        try:
            p = self.plan()
            from ...services.vimmerse_inputs import check_request

            check_request(p.req)
        except InputError as e:
            return None, str(e)
        return p, ""

    def refresh(self) -> None:
        """The inputs or options changed: plan again; the cost is asked once the inputs rest."""
        plan, why = self._make_plan()
        self._planned, self._why = plan, why
        est = self._estimates.get(plan.estimate_key()) if plan is not None else None
        self.estimate = est
        if plan is not None and est is None and self.has_key():
            self._timer.start()  # debounced: typing a prompt asks once it rests
        self._render_cost()
        self._update_submit()

    def _ask_estimate(self) -> None:
        plan = self._planned
        if plan is None or not self.has_key():
            return
        key = plan.estimate_key()
        if key in self._estimates or self._estimating == key:
            return
        self._estimating = key
        self._estimate_error = ""
        self._render_cost()
        self._spawn(self._estimate(plan, key), f"{self.spec.service}-estimate")

    async def _estimate(self, plan: Plan, key: str) -> None:
        from ...services.vimmerse_cost import estimate_request

        try:
            est = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, plan.req, duration=plan.duration)
        except AuthError as e:
            self._estimate_error = f"Vimmerse refused the key: {e}"
        except VergingError as e:
            self._estimate_error = f"The cost is not known: {e}"
        else:
            self._estimates[key] = est
        finally:
            if self._estimating == key:
                self._estimating = None
        if self._planned is not None and self._planned.estimate_key() == key:
            self.estimate = self._estimates.get(key)
        self._render_cost()
        self._update_submit()

    def estimate_text(self, est: CreditEstimate) -> str:
        from ...services.vimmerse_cost import describe

        return describe(est)

    def _render_cost(self) -> None:
        plan = self._planned
        if plan is None:
            self.cost_label.setText("<b>Cost:</b> –")
        elif self.estimate is not None:
            self.cost_label.setText(f"<b>Cost: {self.estimate_text(self.estimate)}</b>{self.cost_detail(plan)}")
        elif self._estimate_error:
            self.cost_label.setText(f"<span style='color:{error_color()}'>{self._estimate_error}</span>")
        elif not self.has_key():
            self.cost_label.setText("<b>Cost:</b> known once a Vimmerse key is added")
        else:
            self.cost_label.setText("<b>Cost:</b> asking Vimmerse…")
        self.account_label.setText(self.account_text())

    def cost_detail(self, plan: Plan) -> str:
        """What the cost is for, after it (a page adds its length)."""
        return ""

    def blocks_text(self) -> str:
        """", billed as 2 blocks of 5 s" from the estimate's breakdown ("" when it does not say)."""
        bd = self.estimate.breakdown if self.estimate is not None else {}
        n, secs = bd.get("blocks"), bd.get("block_seconds", 5)
        if not isinstance(n, (int, float)) or isinstance(n, bool) or n <= 0:
            return ""
        return f", billed as {int(n)} block{'s' if int(n) != 1 else ''} of {float(secs):g} s"

    def account_text(self) -> str:
        """What is known of the Vimmerse account: it publishes no balance, so the credits this app's
        jobs were charged this month (from the assets), as the status bar says."""
        if not self.has_key():
            return ""
        sandbox = "Sandbox: simulated credits, nothing is charged. " if self.ctx.session.in_sandbox else ""
        try:
            from ...services.usage import month_spend

            queue = self.watcher.queue
            account = getattr(self.ctx.session, "vimmerse_account", "")
            recs = [r for r in queue.store.list(include_hidden=True, account=account) if r.provider == PROVIDER] \
                if queue is not None and account else []
            return sandbox + month_spend(recs, PROVIDER).text() + " (Vimmerse publishes no balance)"
        except (ImportError, AttributeError, TypeError):
            return sandbox + "Vimmerse publishes no balance: see your credits on vimmerse.net."

    def _update_submit(self) -> None:
        plan, why = self._planned, self._why
        if not why and plan is not None:
            if not self.has_key():
                why = "Add a Vimmerse key to send this job."
            elif self._estimate_error:
                why = self._estimate_error
            elif self.estimate is None:
                why = "Waiting for the cost…"
            else:
                why = self.consent_missing()
        self.why_label.setText(why)
        ok = plan is not None and not why and self.estimate is not None
        word = self.submit_word
        self.submit_button.setText(f"{word} ({credits(self.estimate.total)})" if ok and self.estimate else word)
        self.guard.set_enabled(ok)

    def consent_missing(self) -> str:
        """Why the consent is missing ("" when given or not needed)."""
        return ""

    # ==== tasks =====================================================================================
    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        t = self.ctx.spawn(coro, name=name)
        self.tasks.add(t)
        t.add_done_callback(self.tasks.discard)
        return t

    def cuts_dir(self) -> Path:
        d = Path(self.ctx.dirs.data) / "cuts"
        d.mkdir(parents=True, exist_ok=True)
        return d

    # ==== submitting ================================================================================
    def submit(self) -> asyncio.Task[Any] | None:
        """Send what :meth:`plan` says, once, for the cost shown."""
        if self.guard.busy:
            return None
        self.refresh()
        plan, est = self._planned, self.estimate
        if plan is None or est is None or not self.submit_button.isEnabled():
            return None
        key = fingerprint(self.spec.service, digests=plan.digests, request=request_params(plan.req),
                          duration=plan.duration, cut=None if plan.cut is None else [plan.cut.start, plan.cut.end],
                          server=self.ctx.vimmerse.base_url)
        started: list[asyncio.Task[Any]] = []

        def send() -> Any:
            row = self.steps.add(plan.title, detail=plan.detail)
            self.show_results_row()
            row.set_step("Waiting to start…", 0.0)
            queued: asyncio.Future[JobRecord | None] = asyncio.get_event_loop().create_future()
            task = self._spawn(self._run(plan, est, row, queued), f"{self.spec.service}-submit")
            row.on_cancel = task.cancel
            row.set_cancellable(True)
            task.add_done_callback(lambda t: self._task_done(t, row, queued))
            started.append(task)
            self.ctx.session.message.emit(f"Sending the {self.spec.sentence_name.lower()} job…")

            async def in_queue() -> bool:
                rec = await queued
                return rec is not None

            return in_queue()

        self.guard.submit([key], est.total, send)
        return started[0] if started else None

    @staticmethod
    def _task_done(task: asyncio.Task[Any], row: StepRow, queued: asyncio.Future[Any]) -> None:
        if not queued.done():
            queued.set_result(None)
        if task.cancelled():
            with contextlib.suppress(RuntimeError):
                if not row.done:
                    row.finish("Cancelled before sending; nothing was charged.", ok=False)

    async def _cut(self, plan: Plan, row: StepRow) -> tuple[VimmerseRequest, float | None]:
        """The request with its trimmed video replaced by the cut (the smart cut), and the length."""
        from ...jobs.prepare import plan_video, prepare

        c = plan.cut
        if c is None:
            return plan.req, plan.duration
        vp = plan_video(c.info, c.start, c.end, max_seconds=MAX_VIDEO_SECONDS)
        tr = self.trimmer
        cutter = None
        if (not vp.uncut and tr is not None and tr.path is not None and Path(tr.path).absolute() == c.path
                and tr.is_valid() and tr.selection() == (c.start, c.end)):
            cutter = tr.cut_selection  # the trimmer's preview cut when it made one
        row.set_step("Cutting the selection (smart cut)…" if not vp.uncut else "Checking the video…", None)

        def progress(p: Progress) -> None:
            row.set_step("Cutting the selection (smart cut)…", p.fraction)

        res = await prepare(vp, work_dir=self.cuts_dir(), progress=progress, cutter=cutter)
        req = plan.req.with_urls({c.field: (str(res.path),)})
        return req, (res.duration if plan.duration_is_cut else plan.duration)

    async def _run(self, plan: Plan, est: CreditEstimate, row: StepRow,
                   queued: asyncio.Future[JobRecord | None]) -> JobRecord | None:
        try:
            req, duration = await self._cut(plan, row)
        except asyncio.CancelledError:
            row.finish("Cancelled before sending; nothing was charged.", ok=False)
            raise
        except (VergingError, OSError) as e:
            row.finish(f"Not sent: the cut failed ({e}). Nothing was charged.", ok=False)
            return None
        if duration != plan.duration:
            # the cut is a little longer or shorter than the selection: its own cost, asked again
            from ...services.vimmerse_cost import estimate_request

            try:
                real = await estimate_request(self.ctx.vimmerse, self.ctx.vimmerse_pricing, req, duration=duration)
            except VergingError as e:
                row.finish(f"Not sent: the cost of the cut is not known ({e}). Nothing was charged.", ok=False)
                return None
            if abs(real.total - est.total) > 1e-9:
                row.finish(f"Not sent: the cut is {duration or 0:.2f} s, which costs {credits(real.total)} instead of "
                           f"the {credits(est.total)} shown. Submit again to send it for that.", ok=False)
                self.refresh()
                return None
        inputs = [v for vals in req.media().values() for v in vals]
        row.set_step("Uploading…", 0.0)

        def progress(p: Progress) -> None:
            frac = p.fraction
            row.set_step(f"Uploading: {0 if frac is None else frac * 100:.0f}%", frac)

        sent: QueuedRecord | None = None
        extra = dict(plan.extra)
        if plan.compare_field is not None:
            local = str(getattr(req, plan.compare_field, "") or "")
            if local and Path(local).is_file():
                extra["compare_with"] = local  # the cut that was uploaded: the result's own timing
        extra["estimate_source"] = est.source
        try:
            queue = await self.ctx.jobs.vimmerse_ready()  # type: ignore[union-attr]
            with QueuedRecord(queue, req.app.value, inputs) as sent:
                rec = await queue.submit(req, input_name=plan.input_name, estimated=est.total, duration=duration,
                                         progress=progress, extra=extra)
        except asyncio.CancelledError:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
            else:
                row.finish("Cancelled before sending; nothing was charged.", ok=False)
            raise
        except InsufficientCredits as e:
            row.finish(f"Not enough Vimmerse credits: {e}", ok=False)
            return None
        except VergingError as e:
            maybe = sent.may_exist() if sent is not None else None
            if maybe is not None:
                self._may_have_been_sent(maybe, row, queued)
                return maybe
            row.finish(f"Not sent: {e}", ok=False)
            return None
        if not queued.done():
            queued.set_result(rec)
        self._attach(row, rec)
        self.result.show_job(rec.local_id)
        self.ctx.session.message.emit(f"{self.spec.sentence_name} job queued.")
        return rec

    def _attach(self, row: StepRow, rec: JobRecord) -> None:
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        btn = QPushButton("Show")
        btn.setObjectName("showJob")
        btn.setToolTip("Show this job's result below")
        btn.clicked.connect(lambda: self.result.show_job(rec.local_id))
        row.add_action(btn)
        self._render_row(rec)

    def _may_have_been_sent(self, rec: JobRecord, row: StepRow, queued: asyncio.Future[Any]) -> None:
        if not queued.done():
            queued.set_result(rec)
        row.set_cancellable(False)
        row.local_id = rec.local_id
        self.rows[rec.local_id] = row
        row.finish(rec.error or "May have been sent: the connection failed while the job was being created. "
                   "It is not sent again by itself.", ok=False)

    def _on_record(self, rec: JobRecord) -> None:
        if rec.provider != PROVIDER:
            return
        if rec.local_id in self.rows:
            self._render_row(rec)
        if rec.kind in self.spec.job_kinds and rec.status is LocalStatus.COMPLETED:
            self._render_cost()  # the month's charges changed

    def _render_row(self, rec: JobRecord) -> None:
        row = self.rows.get(rec.local_id)
        if row is None:
            return
        with contextlib.suppress(RuntimeError):  # the card was dismissed
            if rec.status is LocalStatus.COMPLETED:
                charged = ("charged " + credits(rec.charged_credits)) if rec.charged_credits is not None \
                    else "charge not reported"
                row.finish(f"{result_status(rec)} · estimated {credits(rec.estimated_credits)}, {charged}")
                row.step.setStyleSheet(f"color: {ok_color()};")
            elif rec.status is LocalStatus.FAILED:
                row.finish(f"Failed: {rec.error or 'the job failed on Vimmerse'}", ok=False)
            elif rec.status is LocalStatus.CANCELLED:
                row.finish(rec.error or "Cancelled", ok=False)
            elif rec.status is LocalStatus.UNKNOWN:
                row.finish(rec.error or "Unknown: check your assets on vimmerse.net", ok=False)
            elif rec.status is LocalStatus.SUBMITTING:
                row.set_cancellable(False)
                row.set_step("Creating the job on Vimmerse…", None)
            else:
                row.set_step(f"In the queue: {result_status(rec)}", (rec.progress or 0) / 100.0)

    # ==== results ===================================================================================
    def show_job(self, local_id: int) -> None:
        """The queue's double click: show that job here."""
        self.show_results_row()
        self.result.show_job(local_id)

    def resend(self, local_id: int) -> None:
        """Send a failed or interrupted job again, as a new job, after saying what it costs."""
        rec = self.watcher.record(local_id)
        if rec is None:
            return
        est = credits(rec.estimated_credits) if rec.estimated_credits is not None else "its cost again"
        self.confirm("Send again", f"Send {rec.input_name} to Vimmerse again as a new job? It is charged again: "
                                    f"about {est}.", lambda: self._spawn(self._resend(local_id), "vimmerse-resend"))

    def confirm(self, title: str, text: str, on_yes: Any) -> None:
        from ..dialogs.common import confirm

        confirm(self, title, text, on_yes)

    async def _resend(self, local_id: int) -> None:
        rec = self.watcher.record(local_id)
        row = self.steps.add(f"{rec.input_name if rec else 'job'} (again)")
        row.set_step("Uploading…", None)
        try:
            queue = await self.ctx.jobs.vimmerse_ready()  # type: ignore[union-attr]
            new = await queue.resend(local_id)
        except VergingError as e:
            row.finish(f"Not sent: {e}", ok=False)
            return
        self._attach(row, new)
        self.result.show_job(new.local_id)

    def reset_session_results(self) -> None:
        """The connection changed (live <-> sandbox): the jobs shown belong to the other queue."""
        self.rows.clear()
        self.steps.clear()
        self.result.reset()

    # ==== closing ===================================================================================
    def closeEvent(self, e: Any) -> None:
        self.shutdown()
        super().closeEvent(e)

    def shutdown(self) -> None:
        for t in list(self.tasks):
            t.cancel()
        self.result.shutdown()
        if self.trimmer is not None:
            self.trimmer.shutdown()
        self.watcher.close()


__all__ = ["MAX_VIDEO_SECONDS", "OneOf", "Plan", "VideoCut", "VimmerseTab"]
