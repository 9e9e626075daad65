"""What the Lip Sync and Replace Background tabs add to the shared Vimmerse page
(:class:`~.vimmerse_page.VimmersePage`: the key, the debounced cost said which, one submit, the
steps, the queue):

* the page's layout: the inputs above (their minimum height counts wrapped lines, so no row is laid
  over another when the results row opens), the step cards beside the result (above it when the
  page is narrow: the compare view needs the width; no sideways scrolling);
* one video cut by the page's own :class:`~verging_desktop.ui.video.trimmer.Trimmer`
  (:class:`VideoCut`: the smart cut of :mod:`verging_desktop.jobs.prepare`, or the trimmer's preview
  cut when it matches), whose uploaded cut the result is compared with;
* the result (:class:`~.vimmerse_result.VimmerseResult`: played with its own sound, compared with
  the uploaded video, saved, sent to another tool), shown as soon as the job is in the queue;
* Send again for a failed or interrupted job (the queue's ``resend``, after saying what it costs);
* the mouse wheel scrolls the page past a slider, spin box or picker without the focus
  (:class:`WheelGuard`): a paid job's setting is never changed by scrolling past it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import InputError, VergingError
from ...core.tools import ToolSpec
from ...jobs.store import JobRecord
from ..plural import plural
from ..plural import vimmerse_credits as credits
from ..widgets.steps import StepRow
from ..widgets.wrapfit import WrapFitColumn
from .vimmerse_page import Plan, VimmersePage
from .vimmerse_result import VimmerseResult
from .vimmerse_slots import forced_mode, prepare_selection, selection_choice

if TYPE_CHECKING:  # pragma: no cover
    from ...api.vimmerse.models import CreditEstimate
    from ...jobs.prep_choice import PrepChoice
    from ...jobs.prepare import PreparedVideo
    from ...media.probe import MediaInfo
    from ..context import ToolContext
    from ..video.trimmer import Trimmer

PROVIDER = "vimmerse"
#: this module's strings are in the context "VimmerseTab" (its classes are subclassed, or no QObject)
translate = QCoreApplication.translate


def max_video_seconds() -> float:
    """The longest video these tabs cut and send (the app's Vimmerse limit)."""
    from ...services.vimmerse_inputs import LIMITS

    return float(LIMITS.video_seconds)


@dataclass
class VideoCut:
    """A video of the request to cut to the trimmer's selection before it is uploaded (what
    :attr:`Plan.video` prepares); the cut's path goes into ``extra["compare_with"]``."""

    path: Path
    info: MediaInfo
    start: float
    end: float
    work_dir: Callable[[], Path]
    trimmer: Trimmer | None = None
    #: the plan's ``extra`` (the uploaded cut is recorded there for the compare view)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> float:
        return max(0.0, self.end - self.start)

    def choice(self, uplink: float | None, wait: float = 0.0) -> PrepChoice | None:
        """How the selection would go up at ``uplink`` bytes/s (``jobs.prep_choice``)."""
        return selection_choice(self.info, self.start, self.end, max_video_seconds(),
                                forced_mode(self.trimmer, self.path), uplink, wait)

    async def prepare(self, step: Callable[[str, float | None], None], *, uplink: float | None = None,
                      wait: float = 0.0) -> PreparedVideo:
        res = await prepare_selection(self.path, self.info, self.start, self.end, max_video_seconds(), self.trimmer,
                                      self.work_dir(), step, uplink=uplink, wait=wait)
        self.extra["compare_with"] = str(res.path)  # the uploaded file: the result's own timing
        return res


class WheelGuard(QObject):
    """Lets the mouse wheel scroll the page over a slider, spin box or picker that does not have
    the keyboard focus, instead of changing its value. A click or Tab gives it the focus; then the
    wheel changes it."""

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


class VimmerseTab(VimmersePage):
    """A Vimmerse page with a trimmed video and a result view (see the module docstring). A
    subclass builds its inputs (:meth:`build_inputs`), says what would be sent (:meth:`plan`,
    checked whole by :func:`verging_desktop.services.vimmerse_inputs.check_request`) and names
    its button; it calls :meth:`refresh` when an input changes."""

    #: the result is compared with the source video by default (else played)
    compare_first: ClassVar[bool] = False
    #: whose sound the compare view plays ("result": the tool changes the sound)
    compare_sound: ClassVar[str] = "original"

    def __init__(self, ctx: ToolContext, spec: ToolSpec) -> None:
        super().__init__(ctx, spec)
        self.trimmer: Trimmer | None = None
        self._build()
        self.refresh()

    # ==== construction ============================================================================
    def build_inputs(self) -> QWidget:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def _build(self) -> None:
        self.result = VimmerseResult(self.ctx, self.watcher, compare_first=self.compare_first, own_tool=self.spec.id,
                                     sound_from=self.compare_sound)
        self.result.message.connect(self.ctx.session.message.emit)
        self.result.resendRequested.connect(self.resend)
        top = WrapFitColumn()
        top.setObjectName("inputsArea")
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.header)
        tl.addWidget(self.key_banner)
        tl.addWidget(self.build_inputs())
        tl.addWidget(self.cost_label)
        tl.addWidget(self.submit_row())
        tl.addStretch(1)  # room to spare goes under the button, not into empty drop zones
        self.lay_out(top, self.result)
        self._wheel_guard = guard_wheel(top)

    def job_key(self, req: Any, digests: list[str], seconds: float | None, cut: VideoCut | None) -> str:
        """The "same job" fingerprint: the inputs' content, the request, the length and the cut."""
        from ...api.vimmerse.models import request_params
        from ...core.submissions import fingerprint

        return fingerprint(self.spec.service, digests=digests, request=request_params(req), seconds=seconds,
                           cut=None if cut is None else [cut.start, cut.end], server=self.ctx.vimmerse.base_url)

    @staticmethod
    def checked(req: Any, *files: Any) -> Any:
        """``req`` checked whole (:func:`~verging_desktop.services.vimmerse_inputs.check_request`)
        with the probes the slots made (nothing is probed again)."""
        from ...services.vimmerse_inputs import check_request

        probes = {str(f.path): f.info for f in files if f is not None and f.info is not None}
        return check_request(req, probes=probes)

    # ==== the cost line ============================================================================
    def cost_detail(self, plan: Plan) -> str:
        """What the cost is for, after it (a page adds its length)."""
        return ""

    def blocks_text(self) -> str:
        """The ", billed as 2 blocks of 5 s" part, from the estimate's breakdown (empty when it does not say)."""
        bd = self.estimate.breakdown if self.estimate is not None else {}
        n, secs = bd.get("blocks"), bd.get("block_seconds", 5)
        if not isinstance(n, (int, float)) or isinstance(n, bool) or n <= 0:
            return ""
        count = int(n)  # a plain name: lupdate drops a translate() whose count is a call
        text = translate("VimmerseTab", ", billed as %n block(s) of %1 s", None, count)
        return plural(text, count).replace("%1", f"{float(secs):g}")

    def _render_cost(self, plan: Plan | None, est: CreditEstimate | None) -> None:
        super()._render_cost(plan, est)
        if plan is not None and est is not None:
            detail = self.cost_detail(plan)
            if detail:
                self.cost_label.setText(self.cost_label.text().replace("</b>", f"</b>{detail}", 1))

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

            self.trimmer = Trimmer(self, max_seconds=max_video_seconds(), spawn=self.ctx.spawn,
                                   temp_dir=self.cuts_dir(), provider="Vimmerse")
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
            # the box keeps the trimmer's whole height: its rows are never laid over the video
            self.trimmer_box.setMinimumHeight(tr.minimumSizeHint().height())
            self.refresh()

        self._spawn(load(), f"{self.spec.id}-trimmer")

    def video_cut(self, path: Path, info: MediaInfo, extra: dict[str, Any]) -> VideoCut:
        """The trimmer's selection of ``path`` (the whole video until the trimmer shows it).

        :raises InputError: the selection cannot be used (the trimmer says why).
        """
        tr = self.trimmer
        limit = max_video_seconds()
        if tr is not None and tr.path is not None and Path(tr.path).absolute() == path and tr.info is not None:
            if not tr.is_valid():
                raise InputError(tr.reason())
            s, e = tr.selection()
            return VideoCut(path, info, s, e, self.cuts_dir, tr, extra)
        if info.duration > limit + 0.05:
            raise InputError(translate("VimmerseTab", "%1 is %2 s long; trim it to at most %3 s.").replace(
                "%1", path.name).replace("%2", f"{info.duration:.0f}").replace("%3", f"{limit:g}"))
        return VideoCut(path, info, 0.0, info.duration, self.cuts_dir, tr, extra)

    # ==== results ==================================================================================
    def show_result(self, rec: JobRecord) -> None:
        self.show_results_row()
        if self.result.local_id != rec.local_id:
            self.result.show_job(rec.local_id)

    def show_job(self, local_id: int) -> None:
        """The queue's double click: show that job here (done or not)."""
        self.show_results_row()
        self.result.show_job(local_id)

    async def _run(self, plan: Plan, est: CreditEstimate, row: StepRow,
                   queued: asyncio.Future[JobRecord | None]) -> JobRecord | None:
        rec = await super()._run(plan, est, row, queued)
        if rec is not None and rec.local_id in self.rows:
            self._add_show_button(row, rec.local_id)
            self.result.show_job(rec.local_id)  # its state until the result is in
        return rec

    def _add_show_button(self, row: StepRow, local_id: int) -> None:
        btn = QPushButton(translate("VimmerseTab", "Show", "show a job's result"))
        btn.setObjectName("showJob")
        btn.setToolTip(translate("VimmerseTab", "Show this job's result below"))
        btn.clicked.connect(lambda: self.show_job(local_id))
        row.add_action(btn)

    def resend(self, local_id: int) -> None:
        """Send a failed or interrupted job again, as a new job, after saying what it costs."""
        rec = self.watcher.record(local_id)
        if rec is None:
            return
        est = (credits(rec.estimated_credits) if rec.estimated_credits is not None
               else translate("VimmerseTab", "its cost again"))
        text = translate("VimmerseTab", "Send %1 to Vimmerse again as a new job? It is charged again: about %2."
                         ).replace("%1", rec.input_name).replace("%2", est)
        self.confirm(translate("VimmerseTab", "Send again"), text,
                     lambda: self._spawn(self._resend(local_id), "vimmerse-resend"))

    def confirm(self, title: str, text: str, on_yes: Any) -> None:
        from ..dialogs.common import confirm

        confirm(self, title, text, on_yes)

    async def _resend(self, local_id: int) -> None:
        rec = self.watcher.record(local_id)
        row = self.steps.add(translate("VimmerseTab", "%1 (again)").replace(
            "%1", rec.input_name if rec else translate("VimmerseTab", "job")))
        row.set_step(translate("VimmerseTab", "Uploading…"), None)
        jobs = self.ctx.jobs
        try:
            if jobs is None:
                raise InputError(translate("VimmerseTab", "The job queue is not available."))
            queue = await jobs.vimmerse_ready()
            new = await queue.resend(local_id)
        except VergingError as e:
            row.finish(translate("VimmerseTab", "Not sent: %1").replace("%1", str(e)), ok=False)
            return
        row.local_id = new.local_id
        self.rows[new.local_id] = row
        self._add_show_button(row, new.local_id)
        self._render_row(new)
        self.result.show_job(new.local_id)

    def reset_session_results(self) -> None:
        super().reset_session_results()
        self.result.reset()

    # ==== closing ===================================================================================
    def shutdown(self) -> None:
        super().shutdown()
        self.result.shutdown()
        if self.trimmer is not None:
            self.trimmer.shutdown()


__all__ = ["OneOf", "Plan", "VideoCut", "VimmerseTab", "WheelGuard", "guard_wheel", "max_video_seconds"]
