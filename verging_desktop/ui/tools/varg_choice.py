"""The varg half of a tab that more than one provider can run (Image Generation, Background
Removal, Speech to Text): the provider choice's varg line, its estimate, its runner and its
outcome line.

:class:`VargSide` keeps the varg radio's cost text current ("0.3 ¢ ($0.003) (local price
table)", "probably from cache: free", "your own fal.ai key: billed by the provider", or, without a
varg key, "No varg key: Add a varg key" with a link to the keys dialog on its varg tab) and owns the
:class:`~verging_desktop.ui.tools.varg_runner.VargRunner` and the
:class:`~verging_desktop.ui.tools.varg_outcome.VargOutcome` the tab lays out. In sandbox mode the
session's varg client is the sandbox's, with its demo key: the choice works there too.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from ...core.i18n import _
from ..widgets.ai_common import BusyBar
from .varg_hashes import InputHashes
from .varg_outcome import VargOutcome
from .varg_panel import varg_time_line
from .varg_runner import PROVIDER, VargRunner, order_key, varg_cost_of

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QAbstractButton

    from ...api.varg.models import VargRequest
    from ...services.varg_cost import VargEstimate
    from ..context import ToolContext
    from ..widgets.provider_choice import ProviderChoice

log = logging.getLogger("verging_desktop.ui.tools.varg_choice")

ADD_KEY_LINK = "keys:varg"

translate = QCoreApplication.translate


def byok_keys_of(ctx: Any) -> frozenset[str]:
    """The BYOK key ids the session has (``ctx.byok_keys()``; none when the session has no varg link)."""
    fn = getattr(ctx, "byok_keys", None)
    if fn is None:
        return frozenset()
    try:
        return frozenset(fn())
    except Exception:  # no varg session yet
        return frozenset()


def has_varg_key(ctx: Any) -> bool:
    try:
        return bool(ctx.has_key(PROVIDER))
    except Exception:  # the session knows no varg provider (an old build)
        return False


def varg_record(ctx: Any, local_id: int) -> Any:
    """The varg job ``local_id`` from the queue's store (None when there is none)."""
    jobs = getattr(ctx, "jobs", None)
    queue = jobs.queue_of(PROVIDER) if jobs is not None else None
    return queue.store.get(local_id) if queue is not None else None


def short_text(est: VargEstimate) -> str:
    """The estimate in a few words for beside the radio ("probably from cache: free"); the whole
    sentence goes in its tooltip and the outcome line."""
    if est.probably_cached:
        return translate("VargSide", "probably from cache: free")
    if est.byok or est.cents is None:
        return est.text()
    from ...services.varg_cost import cents_text

    if est.per == "minute of audio":
        return translate("VargSide", "%1 a minute").replace("%1", cents_text(est.cents))
    if est.per:
        return translate("VargSide", "%1 per %2").replace("%1", cents_text(est.cents)).replace("%2", _(est.per))
    return cents_text(est.cents)


class VargSide(QObject):
    """The varg line of ``choice``, with a runner on ``button``.

    Signals:
        keyChanged(bool): the session's varg key came or went, or a large input's hash is known now
            (:class:`~verging_desktop.ui.tools.varg_hashes.InputHashes`): the tab estimates again.
    """

    keyChanged = Signal(bool)

    def __init__(self, ctx: ToolContext, choice: ProviderChoice, button: QAbstractButton | None, *,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choice = choice
        self.runner = VargRunner(ctx, button, parent=self)
        #: the inputs' content hashes (a large file is hashed in a thread, never on a click)
        self.hashes = InputHashes(self)
        self.hashes.ready.connect(lambda: self.keyChanged.emit(self.has_key()))
        self.outcome = VargOutcome()
        #: how long the upload should take and results usually take (issue 16); the tab places it
        self.time_label = QLabel()
        self.time_label.setObjectName("timeToResult")
        self.time_label.setWordWrap(True)
        self.time_label.hide()
        self._typical: dict[str, float | None] = {}
        self.choice.changed.connect(lambda _p: self._show_time())
        self.busy = BusyBar()
        self.busy.setObjectName("vargBusyBar")
        self.busy.cancel.setToolTip(self.tr("Cancel this varg job"))
        self.busy.cancelRequested.connect(self.runner.cancel)
        # a narrow request column: the step's words wrap, the bar is short (never a sideways scroll)
        self.busy.label.setWordWrap(True)
        self.busy.bar.setMinimumWidth(48)
        self.runner.progress.connect(self._progress)
        self.runner.charged.connect(self.outcome.show_record)
        self.runner.finished.connect(self._finished)
        #: the order key of the last finished order (its outcome is shown until the request changes)
        self._done_key = ""
        self.runner.busyChanged.connect(lambda on: None if on else self.busy.stop())
        #: the estimate of what a submit would send now (None: nothing can be sent)
        self.estimate: VargEstimate | None = None
        self.why = ""
        choice.linkActivated.connect(self._link)
        session = ctx.session
        # vargBalanceChanged too: the pricing route's figures arrive with the account's first read
        for name in ("vargChanged", "vargBalanceChanged", "modeChanged", "connectionChanged", "keysChanged"):
            sig = getattr(session, name, None)
            if sig is not None:
                sig.connect(lambda *_a: self.keyChanged.emit(self.has_key()))

    def remember(self, tool_id: str) -> None:
        """Keep the tab's provider choice across runs (``providers/<tool id>`` in the settings), and
        choose the one kept last time now."""
        key = f"providers/{tool_id}"
        store = getattr(self.ctx, "store", None)
        if store is None:
            return
        try:
            kept = str(store.value(key, "") or "")
        except Exception:  # an unreadable settings file: the default choice
            kept = ""
        if kept in self.choice.providers():
            self.choice.set_current(kept)
        self.choice.changed.connect(lambda pid: store.set_value(key, pid))

    # -- the key ---------------------------------------------------------------------------------
    def has_key(self) -> bool:
        return has_varg_key(self.ctx)

    def add_key(self) -> None:
        """Open the keys dialog on its varg tab."""
        if self.ctx.open_keys is not None:
            self.ctx.open_keys(PROVIDER)
        else:
            self.ctx.session.message.emit(self.tr("Add a varg key in File > Manage API keys (Ctrl+Shift+K)."))

    def _link(self, pid: str, link: str) -> None:
        if pid == PROVIDER and link == ADD_KEY_LINK:
            self.add_key()

    # -- the cost ------------------------------------------------------------------------------
    def price(self, req: VargRequest | None, *, why: str = "", media_seconds: float | None = None,
              keep_outcome: bool = False) -> VargEstimate | None:
        """The varg line's text for ``req`` (None: ``why`` says what is missing); returns the estimate.
        The outcome line shows the estimate too, unless it shows the outcome of this same request (or
        ``keep_outcome``: ``req`` is only an example, nothing new is ready to send)."""
        self.estimate, self.why = None, why
        self._time_text = varg_time_line(self.ctx, req, self.hashes.of(req), self._typical) \
            if req is not None and self.has_key() else ""
        self._show_time()
        if not self.has_key():
            self.choice.set_cost(PROVIDER, self.tr("No varg key: <a href='%1'>Add a varg key</a>").replace("%1", ADD_KEY_LINK),
                                 self.tr("varg needs its own API key (File > Manage API keys, varg tab)"))
            self.why = self.tr("Add a varg key to use varg.")
            return None
        if req is None:
            self.choice.set_cost(PROVIDER, html.escape(why) if why else "")
            return None
        try:
            from ...services.varg_cost import VargCost

            cost = varg_cost_of(self.ctx) or VargCost()
            est: VargEstimate = cost.estimate(req, byok=byok_keys_of(self.ctx), media_seconds=media_seconds,
                                              hashes=self.hashes.of(req))
        except Exception as e:  # an input that cannot be read: the check says why on submit
            log.info("no varg estimate: %s", e)
            self.choice.set_cost(PROVIDER, self.tr("cost unknown"))
            return None
        self.estimate = est
        self.choice.set_cost(PROVIDER, html.escape(short_text(est)),
                             est.text() + "\n" + self.tr("After the job, the charge from varg's usage record is shown."))
        # the outcome of the last order stays until the request changes
        keep = keep_outcome or self._done_key == order_key(req)
        if not (self.outcome.showing == "outcome" and keep):
            self.outcome.show_estimate(est)
        return est

    # -- running ---------------------------------------------------------------------------------
    def run(self, req: VargRequest, *, input_name: str, dest: Any = None,
            media_seconds: float | None = None) -> bool:
        """Send ``req`` once (the estimate asked again now: exactly what is sent is what was priced)."""
        est = self.price(req, media_seconds=media_seconds)
        if est is None:
            if not self.has_key():
                self.runner.failed.emit(self.tr("Add a varg key first (File > Manage API keys, varg tab); nothing was sent."))
            else:
                self.runner.failed.emit(self.tr("The cost of this varg request is not known; nothing was sent."))
            return False
        started = self.runner.run(req, est, input_name=input_name, dest=dest)
        if started and self.runner.busy:
            self.busy.start(self.tr("Sending to varg…"))
        return started

    def _show_time(self) -> None:
        """The time line, when varg is the chosen provider."""
        text = getattr(self, "_time_text", "") if self.choice.current() == PROVIDER else ""
        self.time_label.setText(text)
        self.time_label.setVisible(bool(text))

    def _finished(self, rec: Any) -> None:
        req = self.runner.request
        self._done_key = order_key(req) if req is not None else ""
        self.outcome.show_record(rec)
        self._typical.pop(getattr(rec, "kind", ""), None)  # one more result: the usual time again
        if req is not None:  # the upload measured the link; varg holds the files now
            self._time_text = varg_time_line(self.ctx, req, self.hashes.of(req), self._typical)
            self._show_time()

    def _progress(self, text: str) -> None:
        if self.runner.busy and not self.runner.is_estimate(text):
            self.busy.start(text)
