"""varg's side of a Vimmerse page (Generate Video, Sound): a panel that makes one varg request, and
the provider choice that puts it beside the page's Vimmerse side.

:class:`VargPanel` is the shared flow: the key line ("Add a varg key"), the estimate as the inputs
change (``ctx.varg_cost``: varg's price list or the local table, "probably from cache: free" for a
request the app sent before, "your own ... key" with BYOK), one submit through
:class:`.varg_runner.VargRunner` (checks first, a double click is one order, the varg queue), the
busy bar with Cancel, the error line, and the outcome line after ("From cache: free", "Your own
... key: billed by the provider", "Charged 35 ¢ ($0.35), estimate 35 ¢"). A subclass builds its
inputs and results and implements :meth:`VargPanel.request` and :meth:`VargPanel.show_record`.

:class:`VargChoice` is mixed into a :class:`.vimmerse_page.VimmersePage`: a
:class:`~..widgets.provider_choice.ProviderChoice` under the header with both costs, the page's
Vimmerse parts shown for Vimmerse and the panel for varg; Ctrl+Enter and the queue's "show job"
go to the side chosen.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...core.errors import InputError
from ..widgets.ai_common import BusyBar, ErrorLine
from ..widgets.provider_choice import ProviderChoice
from .varg_hashes import InputHashes
from .varg_outcome import VargOutcome
from .varg_runner import VargRunner

if TYPE_CHECKING:  # pragma: no cover
    from ...api.varg.models import VargRequest
    from ...jobs.store import JobRecord
    from ...services.varg_cost import VargEstimate
    from ..context import ToolContext

log = logging.getLogger("verging_desktop.ui.tools.varg_panel")

translate = QCoreApplication.translate

VARG = "varg"
NO_KEY_COST = QT_TRANSLATE_NOOP("VargPanel", 'needs a varg key · <a href="keys">Add a varg key</a>')


def class_word(obj: object, text: str, base: str) -> str:
    """``text`` (a class attribute marked with ``QT_TRANSLATE_NOOP`` under its class's name) in the
    interface's language: looked up under ``obj``'s runtime class, then under each base class, then ``base``."""
    for cls in type(obj).__mro__:
        done = translate(cls.__name__, text)
        if done != text:
            return done
    return translate(base, text)


def remembered_provider(ctx: Any, tool_id: str, default: str) -> str:
    """The provider last chosen on ``tool_id``'s page (``default`` the first time)."""
    try:
        v = ctx.store.value(f"providers/{tool_id}", default)
    except Exception:  # no settings store (a test context)
        return default
    return str(v) if v else default


def remember_provider(ctx: Any, tool_id: str, pid: str) -> None:
    with contextlib.suppress(Exception):
        ctx.store.set_value(f"providers/{tool_id}", pid)


def short_name(text: str, limit: int = 28) -> str:
    """The first words of ``text`` (whole words, at most ``limit`` characters) for a file name."""
    import re

    head = ""
    for w in re.sub(r"[^\w\s'-]+", " ", text).split():
        if len(head) + len(w) + 1 > limit:
            break
        head = f"{head} {w}".strip()
    return head or text.strip()[:limit].strip()


def cents_short(c: float | None) -> str:
    """"35 ¢" for a button (the line beside it says the dollars too)."""
    if c is None:
        return translate("VargPanel", "price unknown")
    return f"{round(max(0.0, c), 2):g}\u00a0¢"


def button_text(word: str, est: VargEstimate | None) -> str:
    """A varg submit button's words with what the click costs: "Generate (35 ¢)", "Generate
    (probably free)" for a request the app has sent before (varg's cache may have dropped it: then
    it is charged, so the button never promises "free"), "Generate (free)" with your own provider
    key (varg bills nothing; the line beside it says the provider does)."""
    if est is None:
        return word
    if est.byok:
        return translate("VargPanel", "%1 (free)").replace("%1", word)
    if est.probably_cached:
        return translate("VargPanel", "%1 (probably free)").replace("%1", word)
    billed = est.billed_cents
    return translate("VargPanel", "%1 (%2)").replace("%1", word).replace(
        "%2", translate("VargPanel", "free") if billed == 0 else cents_short(billed))


def choice_cost(est: VargEstimate) -> tuple[str, str]:
    """The words beside the provider's radio for ``est`` and their tooltip: a repeat's reason goes
    to the tooltip (the line under the choice says it whole), so the text fits its two lines."""
    if est.probably_cached:
        from ...services.varg_cost import cents_text

        if est.cents is None:
            return translate("VargPanel", "probably from cache: free"), est.text()
        return (translate("VargPanel", "probably from cache: free; otherwise %1").replace("%1", cents_text(est.cents)),
                est.text())
    return est.text(), ""


def varg_uplink_rate(ctx: Any) -> float | None:
    """The measured upload rate to varg in bytes/s (None: not measured yet)."""
    from ...core.providers import VARG
    from ...core.uplink import client_rate

    try:
        client = ctx.varg
    except Exception:  # no varg client in this context
        return None
    return client_rate(VARG.id, client)


def varg_upload_bytes(ctx: Any, req: VargRequest, hashes: dict[str, str]) -> int:
    """The bytes of ``req``'s local files that will go up: a file varg already holds (its content
    hash remembered with its URL) is not sent again."""
    import os

    try:
        client = ctx.varg
        memory, scope = client.uploads, client.upload_scope
    except Exception:
        memory, scope = None, ""
    total = 0
    for f in req.local_files():
        digest = hashes.get(f)
        if digest and memory is not None and memory.get(scope, digest):
            continue
        with contextlib.suppress(OSError):
            total += os.stat(f).st_size
    return total


def varg_typical_seconds(ctx: Any, kind: str, cache: dict[str, float | None]) -> float | None:
    """The median seconds from submit to result of the last completed varg ``kind`` jobs (kept
    in ``cache``; drop the kind from it when one of its jobs completes)."""
    if kind not in cache:
        from ...core.providers import VARG
        from ...jobs.durations import typical_seconds

        jobs = getattr(ctx, "jobs", None)
        store = getattr(jobs, "store", None) if jobs is not None else None
        try:
            cache[kind] = typical_seconds(store, kind, provider=VARG.id) if store is not None else None
        except Exception:  # the store is closing during a switch
            log.exception("reading the time to result of %s failed", kind)
            return None
    return cache[kind]


def varg_time_line(ctx: Any, req: VargRequest | None, hashes: dict[str, str], cache: dict[str, float | None]) -> str:
    """"About 12 s to upload 8.3 MB at your 5.0 Mbit/s. Results usually take about 1 min." for a
    varg request ("" when there is nothing to say)."""
    from ...jobs.time_line import time_line

    if req is None:
        return ""
    return time_line(varg_upload_bytes(ctx, req, hashes), varg_uplink_rate(ctx), varg_typical_seconds(ctx, req.kind, cache))


class VargPanel(QWidget):
    """One varg request from a page; see the module docstring.

    Signals:
        costChanged(str, str): the text (rich: a link to add a key) and tooltip for the provider choice.
        resultShown(object): a finished record was shown (its result downloaded).
    """

    costChanged = Signal(str, str)
    resultShown = Signal(object)
    submit_word: ClassVar[str] = QT_TRANSLATE_NOOP("VargPanel", "Generate")
    #: what the key line says varg does here
    what: ClassVar[str] = QT_TRANSLATE_NOOP("VargPanel", "this")

    def __init__(self, ctx: ToolContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("vargPanel")
        #: the inputs' content hashes (a large file is hashed in a thread, never on a click)
        self.input_hashes = InputHashes(self)
        self.input_hashes.ready.connect(self.refresh)
        self.estimate: VargEstimate | None = None
        self.last_record: JobRecord | None = None
        self._order: dict[str, Any] | None = None

        self.key_line = QFrame()
        self.key_line.setObjectName("vargKeyLine")
        self.key_line.setFrameShape(QFrame.Shape.StyledPanel)
        kl = QHBoxLayout(self.key_line)
        kl.setContentsMargins(8, 4, 8, 4)
        self.key_text = QLabel(translate("VargPanel", "%1 runs on varg: add a varg API key to use it. Nothing is sent until you do.")
                              .replace("%1", class_word(self, self.what, "VargPanel")))
        self.key_text.setWordWrap(True)
        self.key_button = QPushButton(translate("VargPanel", "Add a varg key…"))
        self.key_button.setObjectName("addVargKey")
        self.key_button.clicked.connect(self.add_key)
        kl.addWidget(self.key_text, 1)
        kl.addWidget(self.key_button)

        self.outcome = VargOutcome()
        #: how long the upload should take and results usually take (issue 16)
        self.time_label = QLabel()
        self.time_label.setObjectName("timeToResult")
        self.time_label.setWordWrap(True)
        self.time_label.hide()
        #: the median seconds to a result by job kind (None: no history), read again when one completes
        self._typical: dict[str, float | None] = {}
        self.why = QLabel()
        self.why.setObjectName("vargWhy")
        self.why.setWordWrap(True)
        self.why.setEnabled(False)
        self.submit_button = QPushButton(class_word(self, self.submit_word, "VargPanel"))
        self.submit_button.setObjectName("vargSubmit")
        self.submit_button.setToolTip(translate("VargPanel", "Send to varg (Ctrl+Enter)"))
        self.submit_button.clicked.connect(self.submit)
        self.busy = BusyBar()
        self.busy.cancelRequested.connect(self.cancel)
        self.error = ErrorLine()
        self.runner = VargRunner(ctx, None, parent=self)
        self.runner.busyChanged.connect(self._busy_changed)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.charged.connect(self._charged)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)

    def submit_area(self) -> QWidget:
        """The outcome line, the reason the button is off, the button, the busy bar, the error line."""
        w = QWidget()
        w.setObjectName("vargSubmitArea")
        lay = QVBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        # the estimate beside the button, and what comes and goes (why it is off, the busy bar, the
        # error) under it: ticking a box or typing never moves the button
        row = QHBoxLayout()
        row.addWidget(self.outcome, 1, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignTop)
        self.outcome.setMinimumHeight(self.submit_button.sizeHint().height())
        keep = self.outcome.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.outcome.setSizePolicy(keep)
        lay.addLayout(row)
        lay.addWidget(self.time_label)
        lay.addWidget(self.why)
        lay.addWidget(self.busy)
        lay.addWidget(self.error)
        return w

    # ==== what a subclass implements ================================================================
    def request(self) -> VargRequest:
        """What a submit sends now; :class:`InputError` says why nothing can be sent."""
        raise NotImplementedError

    def input_name(self, req: VargRequest) -> str:
        return f"{req.kind}.bin"

    def blocker(self) -> str:
        """Why a request whose cost is shown cannot be sent yet (consent not given); "" it can."""
        return ""

    def show_record(self, rec: JobRecord) -> None:
        """A finished, downloaded job of this panel: show its result."""
        raise NotImplementedError

    # ==== the key ===================================================================================
    def has_key(self) -> bool:
        return self.ctx.has_key(VARG)

    def add_key(self) -> None:
        if self.ctx.open_keys is not None:
            self.ctx.open_keys(VARG)
        else:
            self.ctx.session.message.emit(translate("VargPanel", "Add a varg key in File > Manage API keys (Ctrl+Shift+K)."))

    # ==== the cost ==================================================================================
    def hashes(self, req: VargRequest) -> dict[str, str]:
        """The input files' content hashes known now (a large file is hashed in a thread, and the
        panel estimates again when it is done)."""
        return self.input_hashes.of(req)

    def estimate_of(self, req: VargRequest) -> VargEstimate:
        return self.ctx.varg_cost.estimate(req, byok=self.ctx.byok_keys(), hashes=self.hashes(req))

    def refresh(self) -> None:
        """The inputs (or the key) changed: the estimate, the button, the choice's cost text."""
        has = self.has_key()
        self.key_line.setVisible(not has)
        try:
            req: VargRequest | None = self.request()
            why = ""
        except InputError as e:
            req, why = None, str(e)
        est: VargEstimate | None = None
        if not has:
            self.costChanged.emit(translate("VargPanel", NO_KEY_COST), translate("VargPanel", "varg needs its API key"))
            why = why or translate("VargPanel", "Add a varg key first: nothing is sent without one.")
        elif req is None:
            self.costChanged.emit("–", why)
        else:
            try:
                est = self.estimate_of(req)
            except Exception as e:  # an estimate never breaks the page; the submit checks again
                log.warning("varg estimate failed: %s", e)
                self.costChanged.emit(translate("VargPanel", "unknown"), str(e))
            else:
                self.costChanged.emit(*choice_cost(est))
        self.estimate = est
        if not why and req is not None:
            why = self.blocker()
        # the outcome of the last order stays until the inputs change
        keep = self.outcome.showing == "outcome" and req is not None and req.to_params() == self._order
        if not self.runner.busy and not keep:
            if est is not None:
                self.outcome.show_estimate(est)
            else:
                self.outcome.clear_line()
        self.outcome.setVisible(bool(self.outcome.text()))
        self._render_time(req)
        self.why.setText(why)
        self.why.setVisible(bool(why))
        self.submit_button.setText(button_text(class_word(self, self.submit_word, "VargPanel"), est))
        self.submit_button.setEnabled(req is not None and has and not why and not self.runner.busy)

    # ==== time to result ===========================================================================
    def time_line_text(self, req: VargRequest | None) -> str:
        """"About 12 s to upload 8.3 MB at your 5.0 Mbit/s. Results usually take about 1 min." ("" when
        there is nothing to say)."""
        return varg_time_line(self.ctx, req, self.hashes(req) if req is not None else {}, self._typical)

    def _render_time(self, req: VargRequest | None) -> None:
        text = self.time_line_text(req) if self.has_key() else ""
        self.time_label.setText(text)
        self.time_label.setVisible(bool(text))

    # ==== submitting ================================================================================
    def submit(self) -> bool:
        """Send the request once (a second click while it runs does nothing)."""
        if self.runner.busy:
            return False
        if not self.has_key():
            self.error.show_error(translate("VargPanel", "Add a varg key first: nothing is sent without one."))
            return False
        try:
            req = self.request()
        except InputError as e:
            self.error.show_error(str(e))
            return False
        why = self.blocker()
        if why:
            self.error.show_error(why)
            return False
        est = self.estimate_of(req)
        self.error.clear()
        self._order = req.to_params()
        return bool(self.runner.run(req, est, input_name=self.input_name(req)))

    def cancel(self) -> None:
        self.runner.cancel()

    def _busy_changed(self, on: bool) -> None:
        if on:
            self.busy.start(translate("VargPanel", "Sending to varg…"))
        else:
            self.busy.stop()
        self.refresh()

    def _progress(self, text: str) -> None:
        if self.runner.busy:
            self.busy.label.setText(text)

    def _failed(self, text: str) -> None:
        self.error.show_error(text)
        self.refresh()

    def _cancelled(self, text: str) -> None:
        self.error.show_info(text)
        self.refresh()

    def _finished(self, rec: JobRecord) -> None:
        self._typical.pop(rec.kind, None)  # one more result: the usual time again
        self.last_record = rec
        self.outcome.show_record(rec)
        self.outcome.show()
        self.show_record(rec)
        self.resultShown.emit(rec)
        try:  # the upload measured the link again, and the history has one more result
            self._render_time(self.request())
        except InputError:
            self._render_time(None)

    def _charged(self, rec: JobRecord) -> None:
        """The usage record's charge arrived after the result."""
        self.last_record = rec
        self.outcome.show_record(rec)
        self.outcome.show()
        self.update_charge(rec)

    def update_charge(self, rec: JobRecord) -> None:
        """A subclass updates what its results say about the charge."""

    def reset_results(self) -> None:
        """The connection changed (live <-> sandbox): this session's results start empty (files stay)."""
        self.last_record = None
        self._order = None
        self.outcome.clear_line()
        self.error.clear()
        self.refresh()

    def record_of(self, local_id: int) -> JobRecord | None:
        """A varg job of the store (the queue's double click)."""
        jobs = self.ctx.jobs
        store = getattr(getattr(jobs, "varg_queue", None), "store", None) or getattr(jobs, "store", None)
        with contextlib.suppress(Exception):
            rec = store.get(local_id) if store is not None else None
            return rec if rec is not None and rec.provider == VARG else None
        return None

    def shutdown(self) -> None:
        self.runner.close()


class VargChoice:
    """Mixed into a VimmersePage subclass (before it): the provider choice and the varg panel."""

    provider: ProviderChoice
    varg_panel: VargPanel
    #: the page's widgets that belong to Vimmerse's side (hidden while varg is chosen)
    vimmerse_parts: list[QWidget]
    vimmerse_label: ClassVar[str] = QT_TRANSLATE_NOOP("VargChoice", "Vimmerse")
    varg_label: ClassVar[str] = QT_TRANSLATE_NOOP("VargChoice", "varg")

    def add_varg_choice(self, panel: VargPanel, parts: list[QWidget], *, layout: Any, index: int) -> None:
        """Put the choice at ``index`` of ``layout`` (under the header) and ``panel`` at the end of
        the page's own layout; ``parts`` are the Vimmerse side's widgets."""
        page: Any = self
        self.varg_panel = panel
        self.vimmerse_parts = parts
        self.provider = ProviderChoice()
        self.provider.set_providers([("vimmerse", class_word(self, self.vimmerse_label, "VargChoice")),
                                     (VARG, class_word(self, self.varg_label, "VargChoice"))])
        tool_id = page.spec.id
        self.provider.set_current(remembered_provider(page.ctx, tool_id, "vimmerse"))
        self.provider.changed.connect(lambda _p: self.apply_provider())
        self.provider.changed.connect(lambda pid: remember_provider(page.ctx, tool_id, pid))
        self.provider.linkActivated.connect(lambda pid, _l: panel.add_key() if pid == VARG else page.add_key())
        # each cost has room for two lines: "probably from cache: free (...)" coming and going,
        # or a longer reason, never moves the page under the choice
        self.provider.reserve_lines(2)
        layout.insertWidget(index, self.provider)
        # in its own vertical scroll (never a sideways one), as the Vimmerse side is
        scroll = QScrollArea()
        scroll.setObjectName("vargScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        self.varg_scroll = scroll
        page.layout().addWidget(scroll, 1)
        panel.costChanged.connect(lambda text, tip: self.provider.set_cost(VARG, text, tip))
        sess = page.ctx.session
        for sig in ("vargChanged", "vargBalanceChanged"):
            if hasattr(sess, sig):
                getattr(sess, sig).connect(lambda *_a: panel.refresh())
        sess.connectionChanged.connect(lambda *_a: panel.refresh())
        self.apply_provider()
        panel.refresh()

    def is_varg(self) -> bool:
        return hasattr(self, "provider") and self.provider.current() == VARG

    def apply_provider(self) -> None:
        varg = self.is_varg()
        for w in self.vimmerse_parts:
            w.setVisible(not varg)
        self.varg_scroll.setVisible(varg)
        page: Any = self
        # the Vimmerse side's own visibility rules (its key banner), and its cost's words beside varg's
        page.refresh()

    def vimmerse_cost_text(self, est: Any, plan: Any) -> str:
        page: Any = self
        if not page.has_key():
            return translate("VargChoice", 'needs a Vimmerse key · <a href="keys">Add a Vimmerse key</a>')
        if plan is None:
            return self.vimmerse_needs() or self.vimmerse_why()
        if est is None:
            return translate("VargChoice", "working it out…")
        from ..plural import vimmerse_credits

        return str(vimmerse_credits(est.total))

    def vimmerse_needs(self) -> str:
        """Why Vimmerse has no cost yet, in a few words beside its radio ("Vimmerse: needs a video");
        "" to say the page's own reason (:meth:`vimmerse_why`)."""
        return ""

    def vimmerse_cost_tip(self) -> str:
        """The tooltip of Vimmerse's words while it has no cost."""
        return ""

    def vimmerse_why(self) -> str:
        """The Vimmerse side's reason it cannot be costed yet, as its form says it."""
        page: Any = self
        try:
            page.plan()
        except InputError as e:
            return translate("VargChoice", "Vimmerse: %1").replace("%1", str(e).rstrip("."))
        except Exception:  # the cost line never breaks the page
            return "–"
        return "–"

    # the page's hooks, sent to the side chosen
    def _render_cost(self, plan: Any, est: Any) -> None:
        super()._render_cost(plan, est)  # type: ignore[misc]
        if hasattr(self, "provider"):
            self.provider.set_cost("vimmerse", self.vimmerse_cost_text(est, plan),
                                   self.vimmerse_cost_tip() if plan is None else "")

    def refresh(self) -> None:
        super().refresh()  # type: ignore[misc]
        if self.is_varg():
            for w in self.vimmerse_parts:
                w.setVisible(False)

    def submit(self) -> Any:
        if self.is_varg():
            return self.varg_panel.submit()
        return super().submit()  # type: ignore[misc]

    def show_varg_job(self, local_id: int) -> bool:
        """The queue's "show job" on a varg job of this page: varg chosen, its result shown."""
        rec = self.varg_panel.record_of(local_id) if hasattr(self, "varg_panel") else None
        if rec is None:
            return False
        self.provider.set_current(VARG)
        self.varg_panel.show_record(rec)
        self.varg_panel.outcome.show_record(rec)
        return True

    def show_job(self, local_id: int) -> None:
        if not self.show_varg_job(local_id):
            super().show_job(local_id)  # type: ignore[misc]

    def reset_session_results(self) -> None:
        super().reset_session_results()  # type: ignore[misc]
        if hasattr(self, "varg_panel"):
            self.varg_panel.reset_results()

    def shutdown(self) -> None:
        if hasattr(self, "varg_panel"):
            self.varg_panel.shutdown()
        super().shutdown()  # type: ignore[misc]
