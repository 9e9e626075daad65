"""The status bar's line for each provider beside Verging: Vimmerse and varg.

Vimmerse publishes no balance route, so its line never shows one: with a key it says what
Vimmerse charged for this app's jobs this month (the credits each asset reported, read from the
job store; :func:`verging_desktop.services.usage.month_spend`), with a tooltip that says the
balance is not published and where it is; without a key, a quiet "add a key" link; a key found
refused, a red "key problem" that opens the keys dialog. Nothing is estimated into the figure.

The line follows the Vimmerse connection (``Session.vimmerseChanged``, ``vimmerseProblem``), the
mode, the job queue (``JobsService.queueChanged``) and every change of a Vimmerse job in the store
(a job's charge arrives when its asset is read), read again at most every :data:`REFRESH_DELAY_MS`.

varg publishes its balance (``GET /balance``, cents): its line shows it in dollars
(:func:`varg_balance_text`), read at every switch of the varg connection and again after each varg
job ends (a job in the store reaching a final state); a key varg refused is a red "key problem".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.providers import VARG, VIMMERSE
from ..services.usage import ProviderSpend, month_spend

if TYPE_CHECKING:  # pragma: no cover
    from ..jobs.store import JobRecord, JobStore
    from .jobs.service import JobsService
    from .session import Session
    from .widgets.status import StatusPanel

log = logging.getLogger("verging_desktop.ui.provider_status")

#: a burst of job changes is read once, this much later (ms)
REFRESH_DELAY_MS = 300
#: the job states after which varg's balance is read again
_FINAL = ("completed", "failed", "cancelled")


def varg_balance_text(cents: float) -> str:
    """``$50.00`` for 5000 cents (varg's balance, in dollars)."""
    return f"${cents / 100.0:,.2f}"


class ProviderStatus(QObject):
    """Keeps :class:`StatusPanel`'s Vimmerse line true (see the module docstring).

    ``open_keys(provider_id)`` and ``open_usage(provider_id)`` are what a click does: the keys
    dialog on that provider's tab when there is no key (or a problem), else its usage.

    Signals:
        changed(): the figures changed (the account view, showing Vimmerse, reads them again)."""

    _jobs_changed = Signal()
    _varg_job_ended = Signal()
    #: the Vimmerse figures changed (a charge arrived, another key): the usage view reads them again
    changed = Signal()

    def __init__(self, session: Session, jobs: JobsService | None, panel: StatusPanel, *,
                 open_keys: Callable[[str], Any] | None = None,
                 open_usage: Callable[[str], Any] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else panel)
        self.session = session
        self.jobs = jobs
        self.panel = panel
        self._open_keys = open_keys
        self._open_usage = open_usage
        self._store: JobStore | None = None
        self._unsubscribe: Callable[[], Any] | None = None
        #: the last figures shown (None: no key)
        self.spend: ProviderSpend | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # a job listener runs on the thread that wrote the job: a queued signal brings it here
        self._jobs_changed.connect(self.schedule)
        self._varg_job_ended.connect(self._varg_timer_start)
        #: a burst of varg jobs ending is one balance read
        self._varg_timer = QTimer(self)
        self._varg_timer.setSingleShot(True)
        self._varg_timer.setInterval(REFRESH_DELAY_MS)
        self._varg_timer.timeout.connect(session.refresh_varg_balance)
        self._varg_states: dict[int, str] = {}
        session.vargChanged.connect(lambda _n: self.refresh_varg())
        session.vargProblem.connect(lambda _t: self.refresh_varg())
        session.vargBalanceChanged.connect(lambda _b: self.refresh_varg())
        session.modeChanged.connect(lambda _m: self.refresh_varg())
        session.vimmerseChanged.connect(lambda _n: self.refresh())
        session.vimmerseProblem.connect(lambda _t: self.refresh())
        session.modeChanged.connect(lambda _m: self.refresh())
        if jobs is not None:
            jobs.queueChanged.connect(lambda _q: self._watch_store())
        panel.providerClicked.connect(self.clicked)
        self._watch_store()
        self.refresh()
        self.refresh_varg()

    # -- the store ---------------------------------------------------------------------------
    def _current_store(self) -> JobStore | None:
        core = getattr(self.jobs, "core", None)
        store = getattr(core, "store", None)
        return store  # type: ignore[no-any-return]

    def _watch_store(self) -> None:
        store = self._current_store()
        if store is not self._store:
            if self._unsubscribe is not None:
                self._unsubscribe()
                self._unsubscribe = None
            self._store = store
            if store is not None:
                self._unsubscribe = store.subscribe(self._on_job)
        self.schedule()

    def _on_job(self, rec: JobRecord) -> None:
        if rec.provider == VIMMERSE.id:
            self._jobs_changed.emit()
        elif rec.provider == VARG.id:
            status = str(getattr(rec.status, "value", rec.status))
            before = self._varg_states.get(rec.local_id)
            self._varg_states[rec.local_id] = status
            if status in _FINAL and before != status:
                self._varg_job_ended.emit()

    def _varg_timer_start(self) -> None:
        if not self._varg_timer.isActive():
            self._varg_timer.start()

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def records(self) -> list[JobRecord]:
        """This Vimmerse account's jobs in the current store."""
        account = self.session.vimmerse_account
        store = self._store
        if store is None or not account:
            return []
        try:
            return [r for r in store.list(include_hidden=True, account=account) if r.provider == VIMMERSE.id]
        except Exception as e:  # the store is closing during a switch: the next switch refreshes
            log.info("vimmerse jobs not read (%s)", type(e).__name__)
            return []

    # -- the line -----------------------------------------------------------------------------
    def refresh(self) -> None:
        s = self.session
        pid = VIMMERSE.id
        problem = s.vimmerse_problem
        if problem:
            self.spend = None
            self.panel.set_provider(pid, self.tr("Vimmerse: key problem"),
                                    problem + "\n" + self.tr("Click to manage your keys."), "error")
            return
        if not s.key_of(pid):
            self.spend = None
            self.panel.set_provider(pid, self.tr("Vimmerse: add a key"),
                                    self.tr("Add a Vimmerse API key to use its tools (Reframe & Crop, Lip Sync, "
                                            "Replace Background, Sound, Generate Video). Click to add one."), "link")
            return
        spend = month_spend(self.records(), pid)
        if spend != self.spend:
            self.spend = spend
            self.changed.emit()
        tip = spend.tooltip()
        if s.in_sandbox:
            tip = self.tr("Sandbox: simulated Vimmerse credits, nothing is charged.") + "\n" + tip
        self.panel.set_provider(pid, spend.text(), tip + "\n" + self.tr("Click to see the Vimmerse charges."), "info")

    def refresh_varg(self) -> None:
        """varg's line: its balance in dollars, a quiet "add a key", or a red key problem."""
        s = self.session
        pid = VARG.id
        problem = s.varg_problem
        if problem:
            self.panel.set_provider(pid, self.tr("varg: key problem"),
                                    problem + "\n" + self.tr("Click to manage your keys."), "error")
            return
        if not s.key_of(pid):
            self.panel.set_provider(pid, self.tr("varg: add a key"),
                                    self.tr("Add a varg API key to use its models (video, images, speech, music, "
                                            "background removal, transcription). Click to add one."), "link")
            return
        bal = s.varg_balance
        sandbox = self.tr("Sandbox: simulated varg balance, nothing is charged.") + "\n" if s.in_sandbox else ""
        own = sorted(s.byok_keys())
        byok = ("\n" + self.tr("Your own provider keys (%1): varg does not bill their models.").replace(
            "%1", ", ".join(own)) if own else "")
        if bal is None:
            why = s.varg_balance_error
            text = self.tr("varg: balance unavailable") if why else self.tr("varg: reading the balance…")
            tip = (self.tr("Could not read the varg balance: %1").replace("%1", why) if why
                   else self.tr("Reading the varg balance."))
            self.panel.set_provider(pid, text, sandbox + tip + byok, "info")
            return
        cents = bal.cents
        empty = ("\n" + self.tr("The balance is empty: add credits at varg.ai to run varg jobs.")
                 if cents <= 0 else "")
        line = self.tr("varg balance: %1 cents (%2), read from varg after each job.").replace(
            "%1", f"{cents:,.0f}").replace("%2", varg_balance_text(cents))
        tip = f"{sandbox}{line}{empty}{byok}\n" + self.tr("Click to see the varg charges.")
        self.panel.set_provider(pid, self.tr("varg: %1").replace("%1", varg_balance_text(cents)), tip,
                                "error" if cents <= 0 else "info")

    def clicked(self, provider_id: str) -> None:
        if provider_id == VARG.id:
            fine = self.session.key_of(provider_id) and not self.session.varg_problem
            if fine and self._open_usage is not None:
                self._open_usage(provider_id)
            elif self._open_keys is not None:
                self._open_keys(provider_id)
            return
        fine = self.session.key_of(provider_id) and not self.session.vimmerse_problem
        if fine and self._open_usage is not None:
            self._open_usage(provider_id)
        elif self._open_keys is not None:
            self._open_keys(provider_id)

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._store = None
