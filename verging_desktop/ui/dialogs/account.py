"""Account and usage: who you are, your balance (credits and dollars), buying credits, and the
usage history as a paged, filterable table and a chart of credits per day and per tool.

The history is every AI call (``/ai/usage``) and every job charge (the server's job list, joined
with this app's queue), merged by :mod:`verging_desktop.services.usage`; its total is what the
balance lost.

"Credits of" picks the provider: Verging (as above) or Vimmerse, whose charges are the credits
each of this app's Vimmerse jobs reported (Vimmerse publishes no usage list and no balance). A
chart, a table and a total hold one provider's credits only: they are different units. For
Vimmerse the header shows what it charged this month (from the jobs) instead of a balance, and its
button opens vimmerse.net rather than Verging's Buy credits.

varg publishes a balance (cents) and a usage list: its history is varg's ``/usage`` (each job's
cost in cents, cache hits free) joined with this app's varg jobs; its rows say the model, the
capability and "cache hit"; the header shows the balance in cents and dollars and opens varg.ai.

"All providers (US dollars)", the default when more than one provider has a key, lists every
provider's rows (a Provider column, each in its own unit and in dollars where the dollar value is
known) and stacks each provider's dollars per day in the chart: Verging's credits at its price list's
rate, varg's cents / 100. Vimmerse's credits have no published dollar price: its rows say its credits,
and the chart and the total leave them out with a note saying why. The header is Verging's."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import tools as _tools
from ...core.errors import VergingError
from ...core.i18n import _
from ...core.providers import VARG, VERGING, VIMMERSE
from ...core.providers import provider as _provider
from ...core.redact import redact
from ...core.settings import BUY_CREDITS_URL
from ...services.usage import (
    ALL_PROVIDERS,
    ALL_SERVICES,
    MERGED_PROVIDERS,
    NO_DOLLAR_PRICE,
    History,
    HistoryPage,
    ProviderSpend,
    SpendEntry,
    aggregate,
    aggregate_dollars,
    credit_rate_text,
    load_all_history,
    load_history,
    load_varg_history,
    money,
    month_spend,
    provider_credits,
    provider_history,
    service_label,
    status_words,
)
from ...services.varg_cost import CENT
from ..plural import credits
from ..widgets.usage_chart import UsageChart
from .buy_credits import buy_credits
from .keys import set_status

if TYPE_CHECKING:  # pragma: no cover
    from ...api.verging.models import Account
    from ...jobs.queue import JobQueue
    from ...jobs.store import JobRecord
    from ..session import Session

log = logging.getLogger("verging_desktop.ui.account")

CHART_DAYS = 14
#: the dialog's size when the screen has room (else the screen's free area)
DIALOG_SIZE = (900, 720)
#: the usage table's columns: Verging's (AI calls have tokens and latency) and varg's (each job's
#: model, capability and whether it came from the cache); Vimmerse uses Verging's
COLUMNS = [QT_TRANSLATE_NOOP("AccountDialog", "Time"), QT_TRANSLATE_NOOP("AccountDialog", "Tool"),
           QT_TRANSLATE_NOOP("AccountDialog", "Credits"), QT_TRANSLATE_NOOP("AccountDialog", "Input tokens"),
           QT_TRANSLATE_NOOP("AccountDialog", "Output tokens"), QT_TRANSLATE_NOOP("AccountDialog", "Latency"),
           QT_TRANSLATE_NOOP("AccountDialog", "Status"), QT_TRANSLATE_NOOP("AccountDialog", "Details")]
VARG_COLUMNS = ["Time", "Tool", QT_TRANSLATE_NOOP("AccountDialog", "Cost"), QT_TRANSLATE_NOOP("AccountDialog", "Model"),
                QT_TRANSLATE_NOOP("AccountDialog", "Capability"), QT_TRANSLATE_NOOP("AccountDialog", "Cache"),
                "Status", "Details"]
#: the merged view's: every provider's rows, each in its own unit and in US dollars where known
MERGED_COLUMNS = ["Time", QT_TRANSLATE_NOOP("AccountDialog", "Provider"), "Tool", QT_TRANSLATE_NOOP("AccountDialog", "Amount"),
                  QT_TRANSLATE_NOOP("AccountDialog", "US dollars"), "Status", "Cache", "Details"]
#: the merged choice's words
ALL_LABEL = QT_TRANSLATE_NOOP("AccountDialog", "All providers (US dollars)")
#: after a balance change, the history is read again this much later (ms); the changes of a burst
#: are read once, and never while a read is still running
RELOAD_DELAY_MS = 800
#: the name of the sandbox's demo account (sandbox/server.py DEMO_NAME), translated where shown
SANDBOX_DEMO_NAME = "Sandbox Demo"


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.2f}"


def _with_model(detail: str, model: str) -> str:
    """``a storm · fal:kling-v2.5 · job job_2a8f``: the model after the file or prompt (what a person
    looks for first, kept when a narrow column cuts the line) and before the job's id."""
    if not model:
        return detail
    parts = [x for x in detail.split(" · ") if x]
    at = len(parts) - 1 if parts and parts[-1].startswith(("job ", "asset ")) else len(parts)
    return " · ".join([*parts[:at], model, *parts[at:]])


class AccountDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None,
                 open_url: Any = None, jobs: Callable[[], JobQueue | None] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._open_url = open_url or QDesktopServices.openUrl
        self._jobs = jobs or (lambda: None)
        self.history: History | None = None
        #: what a provider without a balance (Vimmerse) charged this month, once read
        self._spend: ProviderSpend | None = None
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("Account and usage"))
        self.resize(*DIALOG_SIZE)
        self.page = 1
        self.page_info: HistoryPage | None = None
        #: the provider choice was made (by open()'s default, or by the user / show_provider)
        self._provider_chosen = False
        self._history_task: asyncio.Task[Any] | None = None
        #: a reload was asked for while one was running: read again once it ends
        self._reload_pending = False
        #: how many times the history was read (for tests)
        self.loads = 0
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DELAY_MS)
        self._reload.timeout.connect(self._reload_due)

        # -- account header ------------------------------------------------------------------
        self.email = QLabel("–")
        self.email.setObjectName("accountEmail")
        f = self.email.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.email.setFont(f)
        self.name = QLabel("")
        self.name.setObjectName("accountName")
        self.mode_note = QLabel("")
        self.mode_note.setObjectName("accountMode")
        self.mode_note.setStyleSheet("color: #8a6100;")
        self.balance = QLabel("–")
        self.balance.setObjectName("accountBalance")
        bf = self.balance.font()
        bf.setPointSizeF(bf.pointSizeF() * 1.6)
        bf.setBold(True)
        self.balance.setFont(bf)
        self.balance.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.dollars = QLabel("")
        self.dollars.setObjectName("accountDollars")
        self.dollars.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.buy = QPushButton(self.tr("Buy credits…"))
        self.buy.setObjectName("buyCredits")
        self.buy.setToolTip(BUY_CREDITS_URL)
        self.buy.clicked.connect(self.buy_credits)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshAccount")
        self.refresh_button.clicked.connect(self.refresh)

        who = QVBoxLayout()
        who.addWidget(self.email)
        who.addWidget(self.name)
        who.addWidget(self.mode_note)
        money = QVBoxLayout()
        money.addWidget(self.balance)
        money.addWidget(self.dollars)
        actions = QVBoxLayout()
        actions.addWidget(self.buy)
        actions.addWidget(self.refresh_button)
        head = QHBoxLayout()
        head.addLayout(who, 1)
        head.addLayout(money)
        head.addSpacing(12)
        head.addLayout(actions)

        # -- chart -------------------------------------------------------------------------------
        self.chart = UsageChart()
        self.chart.title = self.tr("Credits per day and tool, last %1 days").replace("%1", str(CHART_DAYS))

        # -- table ---------------------------------------------------------------------------
        box = QGroupBox(self.tr("Usage history"))
        #: whose credits: one provider at a time (their credits are different units), or all of them
        #: in US dollars (where the dollar value is known)
        self.provider_filter = QComboBox()
        self.provider_filter.setObjectName("providerFilter")
        self.provider_filter.addItem(QCoreApplication.translate("AccountDialog", ALL_LABEL), ALL_PROVIDERS)
        for p in (VERGING, VIMMERSE, VARG):
            self.provider_filter.addItem(self._provider_label(p.id), p.id)
        self.provider_filter.setCurrentIndex(self.provider_filter.findData(VERGING.id))
        self.provider_filter.setToolTip(self.tr("Verging and Vimmerse bill in their own credits and varg in cents: each "
                                                "is shown on its own, or all together in US dollars where the dollar "
                                                "value is known (Vimmerse publishes no dollar price for its credits)."))
        self.provider_filter.activated.connect(lambda _i: self._mark_chosen())
        self.provider_filter.currentIndexChanged.connect(lambda _i: self._provider_changed())
        self.service_filter = QComboBox()
        self.service_filter.setObjectName("serviceFilter")
        self._fill_services()
        self.service_filter.currentIndexChanged.connect(lambda _i: self.load_page(1))
        self.page_size = QComboBox()
        self.page_size.setObjectName("pageSize")
        for n in (10, 20, 50, 100):
            self.page_size.addItem(str(n), n)
        self.page_size.setCurrentIndex(1)
        self.page_size.currentIndexChanged.connect(lambda _i: self.load_page(1))
        filt = QHBoxLayout()
        filt.addWidget(QLabel(self.tr("Provider")))
        filt.addWidget(self.provider_filter)
        filt.addSpacing(12)
        filt.addWidget(QLabel(self.tr("Tool")))
        filt.addWidget(self.service_filter)
        filt.addSpacing(12)
        filt.addWidget(QLabel(self.tr("Rows per page")))
        filt.addWidget(self.page_size)
        filt.addStretch(1)

        self.table = QTableWidget(0, 8)
        self.table.setObjectName("usageTable")
        self.table.setHorizontalHeaderLabels(self._headers(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)

        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setObjectName("prevPage")
        self.prev_button.clicked.connect(lambda: self.load_page(self.page - 1))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setObjectName("nextPage")
        self.next_button.clicked.connect(lambda: self.load_page(self.page + 1))
        self.page_label = QLabel("")
        self.page_label.setObjectName("pageLabel")
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel("")
        self.status.setObjectName("usageStatus")
        self.status.setWordWrap(True)
        self.status.setVisible(False)  # until it has something to say (_say)
        self.total_label = QLabel("")
        self.total_label.setObjectName("usageTotal")
        self.total_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.total_label.setWordWrap(True)
        tf = self.total_label.font()
        tf.setBold(True)
        self.total_label.setFont(tf)
        self.source_note = QLabel("")
        self.source_note.setObjectName("usageSource")
        self.source_note.setWordWrap(True)
        self.source_note.setEnabled(False)
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label, 1)
        nav.addWidget(self.next_button)

        bl = QVBoxLayout(box)
        bl.addLayout(filt)
        bl.addWidget(self.total_label)
        bl.addWidget(self.table, 1)
        bl.addLayout(nav)
        bl.addWidget(self.status)
        bl.addWidget(self.source_note)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.chart)
        lay.addWidget(box, 1)
        lay.addWidget(buttons)

        session.accountChanged.connect(self.show_account)
        session.accountChanged.connect(lambda _a: self.schedule_reload())
        session.modeChanged.connect(lambda _m: self._mode_changed())
        session.vimmerseChanged.connect(lambda _n: self._vimmerse_changed())
        session.vargChanged.connect(lambda _n: self._varg_changed())
        session.vargBalanceChanged.connect(lambda _b: self._varg_balance_changed())
        self.show_account(session.account)
        self._update_nav()

    @staticmethod
    def _headers(columns: list[str]) -> list[str]:
        """The table's column headers in the interface's language."""
        return [QCoreApplication.translate("AccountDialog", c) for c in columns]

    def _provider_label(self, pid: str) -> str:
        """A provider's name as the choice and the merged view's column show it."""
        names = {VERGING.id: self.tr("Verging", "a provider"), VIMMERSE.id: self.tr("Vimmerse", "a provider"),
                 VARG.id: self.tr("varg", "a provider")}
        return names.get(pid) or _provider(pid).label

    def _provider_name(self, pid: str) -> str:
        """A provider's full name, as the header shows it."""
        names = {VERGING.id: self.tr("Verging AI", "a provider's name"),
                 VIMMERSE.id: self.tr("Vimmerse", "a provider's name"),
                 VARG.id: self.tr("varg gateway", "a provider's name")}
        return names.get(pid) or _provider(pid).name

    # -- account ------------------------------------------------------------------------------
    def open(self) -> None:
        if not self._provider_chosen:
            self._choose_default()
        self.show_account(self.session.account)
        self.refresh()
        self._fit_screen()
        super().open()

    def _fit_screen(self) -> None:
        """Never larger than the screen's free area (a title bar's height kept for the frame): at
        1024x700 the Close button and the table's right edge stay on the screen (Qt places the
        dialog over the window, within the screen)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        frame = max(self.frameGeometry().height() - self.height(), 32)
        w, h = min(self.width(), avail.width() - 16), min(self.height(), avail.height() - frame)
        if (w, h) != (self.width(), self.height()):  # the size it has (or the user gave it) when it fits
            self.resize(w, h)

    def _say(self, text: str, kind: str = "info") -> None:
        """The status line under the table: it takes no room when it has nothing to say."""
        set_status(self.status, text, kind)
        self.status.setVisible(bool(text))

    def _reads_varg_balance(self) -> bool:
        """varg's balance is read with the history: in varg's view, and in the merged one with a varg key."""
        if self._closing():
            return False
        return self.provider == VARG.id or (self.provider == ALL_PROVIDERS and self.session.key_of(VARG.id))

    def _mark_chosen(self) -> None:
        self._provider_chosen = True

    def active_providers(self) -> list[str]:
        """The providers with a key: the ones whose usage the views can read (a provider's jobs
        are read with its key's account, so jobs left from a removed key do not count)."""
        return [pid for pid in MERGED_PROVIDERS
                if (self.session.has_key if pid == VERGING.id else self.session.key_of(pid))]

    def _choose_default(self) -> None:
        """All providers in dollars when more than one provider has a key; else the one that has
        (Verging when none has)."""
        self._provider_chosen = True
        active = self.active_providers()
        pid = ALL_PROVIDERS if len(active) > 1 else active[0] if active else VERGING.id
        i = self.provider_filter.findData(pid)
        if i != self.provider_filter.currentIndex():
            self.provider_filter.setCurrentIndex(i)

    def _vimmerse_changed(self) -> None:
        if self.isVisible() and self.provider in (VIMMERSE.id, ALL_PROVIDERS):
            self.load_history(force=True)

    def _closing(self) -> bool:
        """The session is shutting down: nothing more is read."""
        return bool(getattr(getattr(self.session, "core", None), "closed", False))

    def _varg_changed(self) -> None:
        if self.isVisible() and self.provider in (VARG.id, ALL_PROVIDERS) and not self._closing():
            if self.provider == VARG.id:
                self.show_varg_header()
            self.load_history(force=True)

    def _varg_balance_changed(self) -> None:
        if self.provider == VARG.id:
            self.show_varg_header()
        elif self.provider == ALL_PROVIDERS:
            self.show_account(self.session.account)
        if self.provider in (VARG.id, ALL_PROVIDERS):
            self.schedule_reload()

    def _mode_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def show_account(self, acct: Account | None) -> None:
        sandbox = self.session.in_sandbox
        self.mode_note.setText(self.tr("Sandbox account: simulated, nothing is charged.") if sandbox else "")
        self.mode_note.setVisible(sandbox)
        if self.provider == VARG.id:
            self.show_varg_header()
            return
        if self.provider not in (VERGING.id, ALL_PROVIDERS):  # another provider's: its own figures, never Verging's
            self.show_provider_header(self._spend)
            return
        self.buy.setText(self.tr("Buy credits…"))
        self.buy.setToolTip(BUY_CREDITS_URL)
        if acct is None:
            self.email.setText(self.tr("Not signed in") if not self.session.has_key else "–")
            self.name.setText("")
            self.balance.setText("–")
            self.dollars.setText("")
            return
        self.email.setText(acct.email or self.tr("(no e-mail)"))
        # the sandbox's demo account has a fixed name (sandbox/server.py DEMO_NAME): shown in the interface's language
        self.name.setText(self.tr("Sandbox Demo", "the sandbox's demo account")
                          if sandbox and acct.name == SANDBOX_DEMO_NAME else acct.name)
        self.balance.setText(credits(acct.credits))
        worth = self.tr("worth about %1").replace("%1", f"${self.session.pricing.dollars(acct.credits):,.2f}")
        bal = self.session.varg_balance if self.provider == ALL_PROVIDERS and self.session.varg_account else None
        # every provider's view: varg's balance (in dollars) under Verging's; Vimmerse publishes none
        self.dollars.setText(worth + "\n" + self.tr("varg balance: %1").replace("%1", f"${bal.cents / 100:,.2f}")
                             if bal is not None else worth)

    def show_provider_header(self, spend: ProviderSpend | None) -> None:
        """The header for a provider that publishes no balance (Vimmerse): what it charged this
        month for this app's jobs (as it reported on each), and a link to its own website."""
        p = _provider(self.provider)
        self._spend = spend
        self.email.setText(self._provider_name(p.id))
        self.name.setText(self.tr("%1 does not publish a balance: your balance is on %2.")
                          .replace("%1", p.label).replace("%2", p.website_host))
        self.balance.setText(provider_credits(p.id, spend.charged) if spend is not None else "–")
        self.dollars.setText(self.tr("charged this month, from this app's jobs") if spend is not None else "")
        self.buy.setText(self.tr("Open %1…").replace("%1", p.website_host))
        self.buy.setToolTip(p.website)

    def show_varg_header(self) -> None:
        """varg's header: its balance in cents and dollars (``GET /balance``), and a link to varg.ai."""
        from ...services.varg_cost import cents_text

        bal = self.session.varg_balance
        self.email.setText(self._provider_name(VARG.id))
        self.name.setText(self.tr("Balance in cents; a result from varg's cache is free.") if self.session.varg_account
                          else self.tr("Add a varg key (Manage API keys) to see its balance."))
        self.balance.setText(cents_text(bal.cents).split(" (")[0] if bal is not None else "–")
        self.dollars.setText(f"${bal.cents / 100:,.2f}" if bal is not None else "")
        self.buy.setText(self.tr("Open %1…").replace("%1", VARG.website_host))
        self.buy.setToolTip(VARG.website)

    def buy_credits(self) -> None:
        if self.provider not in (VERGING.id, ALL_PROVIDERS):  # Vimmerse's credits are bought on its own website
            self._open_url(QUrl(_provider(self.provider).website))
            return
        self.buy_window = buy_credits(self, self._open_url)

    def refresh(self) -> None:
        self.session.refresh_account()
        if self._reads_varg_balance():
            self.session.refresh_varg_balance()
        self.load_history(force=True)

    # -- whose credits ------------------------------------------------------------------------------
    @property
    def provider(self) -> str:
        return str(self.provider_filter.currentData() or VERGING.id)

    def show_provider(self, provider_id: str) -> None:
        """Show ``provider_id``'s credits (the status bar's Vimmerse line opens it so), or
        :data:`ALL_PROVIDERS`: every provider's in dollars."""
        i = self.provider_filter.findData(provider_id)
        if i >= 0:
            self._provider_chosen = True
            self.provider_filter.setCurrentIndex(i)

    def _fill_services(self) -> None:
        pid = self.provider
        services = ALL_SERVICES if pid in (VERGING.id, ALL_PROVIDERS) else tuple(
            t.service for t in _tools.provider_tools(pid) if t.job_kinds)
        current = self.service_filter.currentData()
        self.service_filter.blockSignals(True)
        self.service_filter.clear()
        self.service_filter.addItem(self.tr("All tools"), None)
        for svc in services:
            self.service_filter.addItem(_(service_label(svc)), svc)
        self.service_filter.setCurrentIndex(max(0, self.service_filter.findData(current)))
        self.service_filter.blockSignals(False)

    def _provider_changed(self) -> None:
        self.table.setHorizontalHeaderLabels(self._headers(
            VARG_COLUMNS if self.provider == VARG.id else MERGED_COLUMNS if self.provider == ALL_PROVIDERS else COLUMNS))
        if self._reads_varg_balance():
            self.session.refresh_varg_balance()
        self._fill_services()
        self._spend = None
        self.show_account(self.session.account)
        self.history = None
        self.page_info = None
        self.table.setRowCount(0)
        self.total_label.setText("")
        self.load_history(force=True)

    # -- the history ----------------------------------------------------------------------------
    @property
    def service(self) -> str | None:
        v = self.service_filter.currentData()
        return str(v) if v else None

    def _local_jobs(self) -> JobQueue | None:
        try:
            return self._jobs()
        except Exception:  # the queue is being switched
            return None

    def schedule_reload(self) -> None:
        """The balance changed: read the history again soon (a burst of changes is read once)."""
        if self.isVisible() and not self._reload.isActive() and not self._closing():
            self._reload.start()

    def _reload_due(self) -> None:
        if self._history_task is not None and not self._history_task.done():
            self._reload_pending = True  # at most one read in flight: the next follows it
            return
        self.load_history()

    def _history_done(self, _task: asyncio.Task[Any]) -> None:
        if self._reload_pending:
            self._reload_pending = False
            self.schedule_reload()

    def load_history(self, force: bool = False) -> None:
        """Read the AI usage and the job charges again; the table, the total and the chart follow.

        A read already running is let finish (and followed by one more read) unless ``force``
        (the user pressed Refresh, the connection changed): then it is cancelled. Nothing is
        read once the session is shutting down (a reload due as the app quits is dropped)."""
        self._reload.stop()
        if self._closing():
            self._reload_pending = False
            return
        if self._history_task is not None and not self._history_task.done():
            if not force:
                self._reload_pending = True
                return
            self._history_task.cancel()
        self._reload_pending = False
        if self.provider == ALL_PROVIDERS:
            self._load_all_history()
            return
        if self.provider == VARG.id:
            self._load_varg_history()
            return
        if self.provider != VERGING.id:
            self._load_local_history(self.provider)
            return
        if not self.session.has_key:
            self._say(self.tr("Add an API key (or try the sandbox) to see your usage."))
            self.chart.set_data(None, message=self.tr("No account yet."))
            return
        if self.history is None:
            self._say(self.tr("Loading…"))
            self.chart.set_message(self.tr("Loading usage…"))
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)
        client, queue = self.session.client, self._local_jobs()
        # only this account's jobs that reached the server (other profiles' never enter the total)
        account = queue.current_account if queue is not None else None

        def local_jobs() -> list[JobRecord]:
            if queue is None or account is None:
                return []
            return [j for j in queue.store.list(include_hidden=True, account=account) if j.remote_id]

        async def go() -> None:
            self.loads += 1
            try:
                local = await asyncio.to_thread(local_jobs)
                history = await load_history(client, local)
            except VergingError as e:
                msg = self.tr("Could not load the usage: %1").replace("%1", redact(str(e)))
                self._say(msg, "error")
                self.chart.set_data(None, message=msg)
                self._update_nav()
                return
            self.show_history(history)

        self._history_task = self.session.spawn(go(), name="usage-history")
        self._history_task.add_done_callback(self._history_done)

    def _load_local_history(self, pid: str) -> None:
        """A provider without a usage list (Vimmerse): the charges its jobs reported, from the store."""
        p = _provider(pid)
        account = self.session.vimmerse_account if pid == VIMMERSE.id else ""
        if not account:
            self._say(self.tr("Add a %1 key (Manage API keys) to see its charges.").replace("%1", p.label))
            self.chart.set_data(None, message=self.tr("No %1 key yet.").replace("%1", p.label))
            self.total_label.setText("")
            self.table.setRowCount(0)
            self._update_nav()
            return
        queue = self._local_jobs()
        store = queue.store if queue is not None else None
        if self.history is None:
            self._say(self.tr("Loading…"))
            self.chart.set_message(self.tr("Loading usage…"))

        def local_jobs() -> list[JobRecord]:
            return store.list(include_hidden=True, account=account) if store is not None else []

        async def go() -> None:
            self.loads += 1
            records = await asyncio.to_thread(local_jobs)
            if self.provider != pid:
                return
            self.show_provider_header(month_spend(records, pid))
            self.show_history(provider_history(records, pid))

        self._history_task = self.session.spawn(go(), name="usage-history")
        self._history_task.add_done_callback(self._history_done)

    def _load_varg_history(self) -> None:
        """varg's ``/usage`` (cost in cents, cache hits) joined with this app's varg jobs."""
        account = self.session.varg_account
        if not account:
            self._say(self.tr("Add a varg key (Manage API keys) to see its charges."))
            self.chart.set_data(None, message=self.tr("No varg key yet."))
            self.total_label.setText("")
            self.table.setRowCount(0)
            self._update_nav()
            return
        client, queue = self.session.varg, self._local_jobs()
        store = queue.store if queue is not None else None
        if self._closing():
            return
        if self.history is None:
            self._say(self.tr("Loading…"))
            self.chart.set_message(self.tr("Loading usage…"))

        def local_jobs() -> list[JobRecord]:
            if store is None:
                return []
            return [j for j in store.list(include_hidden=True, account=account) if j.provider == VARG.id]

        async def go() -> None:
            self.loads += 1
            records = await asyncio.to_thread(local_jobs)
            history = await load_varg_history(client, records)
            if self.provider != VARG.id:
                return
            self.show_history(history)

        self._history_task = self.session.spawn(go(), name="usage-history")
        self._history_task.add_done_callback(self._history_done)

    def _load_all_history(self) -> None:
        """Every provider's history at once (:func:`load_all_history`): Verging's usage and job list,
        varg's ``/usage``, Vimmerse's job records; each with this app's jobs of its account."""
        if self._closing():
            return
        verging = self.session.has_key
        varg_account, vim_account = self.session.varg_account, self.session.vimmerse_account
        if not (verging or varg_account or vim_account):
            self._say(self.tr("Add an API key (or try the sandbox) to see your usage."))
            self.chart.set_data(None, message=self.tr("No account yet."))
            self.total_label.setText("")
            self.table.setRowCount(0)
            self._update_nav()
            return
        if self.history is None:
            self._say(self.tr("Loading…"))
            self.chart.set_message(self.tr("Loading usage…"))
        self.prev_button.setEnabled(False)
        self.next_button.setEnabled(False)
        client, varg, queue = self.session.client, self.session.varg, self._local_jobs()
        store = queue.store if queue is not None else None
        account = queue.current_account if queue is not None else None
        rate = self.session.pricing.usd_per_credit

        def local_jobs() -> tuple[list[JobRecord], list[JobRecord], list[JobRecord]]:
            if store is None:
                return [], [], []
            mine = [j for j in store.list(include_hidden=True, account=account) if j.remote_id] if account else []
            vg = [j for j in store.list(include_hidden=True, account=varg_account)
                  if j.provider == VARG.id] if varg_account else []
            vm = store.list(include_hidden=True, account=vim_account) if vim_account else []
            return mine, vg, vm

        async def go() -> None:
            self.loads += 1
            mine, vg, vm = await asyncio.to_thread(local_jobs)
            history = await load_all_history(usd_per_credit=rate, verging=(client, mine) if verging else None,
                                             varg=(varg, vg) if varg_account else None,
                                             vimmerse=vm if vim_account else None)
            if self.provider != ALL_PROVIDERS:
                return
            self.show_history(history)

        self._history_task = self.session.spawn(go(), name="usage-history")
        self._history_task.add_done_callback(self._history_done)

    def show_history(self, history: History) -> None:
        self.history = history
        if history.merged:
            self._show_merged_history(history)
            return
        if history.provider != VERGING.id:
            self._show_local_history(history)
            return
        self.chart.title = self.tr("Credits per day and tool, last %1 days").replace("%1", str(CHART_DAYS))
        notes = []
        if not history.jobs_from_server:
            notes.append(self.tr("Job charges are this app's records: the server's job list could not be read."))
        if any(not e.counted_by_server for e in history.entries):
            notes.append(self.tr("~ marks an estimate: the server has not reported that charge yet."))
        if not history.ai_complete:
            shown = len([e for e in history.entries if e.kind == 'ai'])
            notes.append(self.tr("Only the %1 most recent AI calls of %2 are included; the rest are on verging.ai.")
                         .replace("%1", f"{shown:,}").replace("%2", f"{history.ai_total:,}"))
        self.source_note.setText(" ".join(notes))
        self.source_note.setVisible(bool(notes))
        self.chart.set_data(aggregate(history.entries, CHART_DAYS),
                            message=self.tr("No credits used in the last %1 days.").replace("%1", str(CHART_DAYS)))
        self.load_page(self.page)

    def _show_local_history(self, history: History) -> None:
        p = _provider(history.provider)
        if p.id == VARG.id:
            self._show_varg_history(history)
            return
        notes = [self.tr("%1 publishes no usage list and no balance: these are the %1 credits it reported on each job "
                         "sent from this app (your balance is on %2). They are %1 credits, counted apart from your "
                         "Verging credits.").replace("%1", p.label).replace("%2", p.website_host)]
        if any(not e.counted_by_server for e in history.entries):
            notes.append(self.tr("~ marks an estimate: %1 has not reported that charge yet.").replace("%1", p.label))
        self.source_note.setText(" ".join(notes))
        self.source_note.setVisible(True)
        self.chart.set_data(aggregate(history.entries, CHART_DAYS, provider=history.provider),
                            title=self.tr("%1 credits per day and tool, last %2 days")
                            .replace("%1", p.label).replace("%2", str(CHART_DAYS)),
                            message=self.tr("No %1 credits used in the last %2 days.")
                            .replace("%1", p.label).replace("%2", str(CHART_DAYS)))
        self.load_page(self.page)

    def _show_varg_history(self, history: History) -> None:
        notes = [self.tr("varg's usage list: each job's cost in cents (1\u00a0¢ = $0.01), counted apart from your "
                         "Verging and Vimmerse credits. A result from varg's cache is free.")]
        if not history.jobs_from_server:
            notes.append(self.tr("varg's usage list could not be read: these are this app's records."))
        if any(not e.counted_by_server for e in history.entries):
            notes.append(self.tr("~ marks an estimate: varg has not listed that job yet."))
        self.source_note.setText(" ".join(notes))
        self.source_note.setVisible(True)
        self.chart.set_data(aggregate(history.entries, CHART_DAYS, provider=VARG.id),
                            title=self.tr("varg cents per day and tool, last %1 days").replace("%1", str(CHART_DAYS)),
                            message=self.tr("Nothing charged by varg in the last %1 days.").replace("%1", str(CHART_DAYS)))
        self.load_page(self.page)

    def _show_merged_history(self, history: History) -> None:
        rate = history.rates.get(VERGING.id)
        notes = [self.tr("Every provider's spend in US dollars: Verging credits at the price list's rate, %1; "
                         "varg cents at $0.01.").replace("%1", credit_rate_text(rate))
                 if rate else self.tr("Every provider's spend in US dollars.")]
        for pid in history.providers():
            if history.rates.get(pid) is None:
                label = _provider(pid).label
                notes.append(self.tr("%1: its rows show %2 credits, kept out of the dollar total and the chart.")
                             .replace("%1", _(NO_DOLLAR_PRICE).format(label=label)).replace("%2", label))
        for pid, why in history.problems.items():
            notes.append(self.tr("%1's usage could not be read: %2").replace("%1", _provider(pid).label)
                         .replace("%2", redact(why)))
        for part in history.parts:
            if part.provider != VIMMERSE.id and not part.jobs_from_server:
                notes.append(self.tr("%1's job charges are this app's records: its list could not be read.")
                             .replace("%1", _provider(part.provider).label))
        missing = [_provider(p).label for p in MERGED_PROVIDERS
                   if p not in history.providers() and p not in history.problems]
        if missing:
            notes.append(self.tr("Not included (no key): %1.").replace("%1", ", ".join(missing)))
        if any(not e.counted_by_server for e in history.entries):
            notes.append(self.tr("~ marks an estimate: the provider has not reported that charge yet."))
        self.source_note.setText(" ".join(notes))
        self.source_note.setVisible(True)
        data = aggregate_dollars(history, CHART_DAYS)
        nothing = [self.tr("Nothing spent in US dollars in the last %1 days.").replace("%1", str(CHART_DAYS))]
        for pid, v in data.apart.items():  # no bars at all: what the providers without a price charged
            if v:
                label = _provider(pid).label
                nothing.append(self.tr("%1 charged %2 (%3).").replace("%1", label).replace("%2", provider_credits(pid, v))
                               .replace("%3", _(NO_DOLLAR_PRICE).format(label=label)))
        self.chart.set_data(data, title=self.tr("US dollars per day and provider, last %1 days").replace("%1", str(CHART_DAYS)),
                            message=" ".join(nothing))
        self.load_page(self.page)

    def load_page(self, page: int) -> None:
        """Show a page of the history (filtered by tool), read once by :meth:`load_history`."""
        if self.history is None:
            self.load_history()
            return
        info = self.history.page(self.service, page, int(self.page_size.currentData()))
        self.show_page(info)

    def show_page(self, info: HistoryPage) -> None:
        self.page_info = info
        self.page = info.page
        self.table.setRowCount(len(info.records))
        for r, rec in enumerate(info.records):
            self._fill_row(r, rec)
        if info.total == 0:
            self._say(self.tr("No usage recorded for %1 yet.").replace("%1", _(service_label(self.service)))
                      if self.service else self.tr("No usage recorded yet."))
        else:
            self._say("")
        if self.history is not None:
            self.total_label.setText(self.history.summary(self.service))
        self._update_nav()

    def _fill_row(self, r: int, rec: SpendEntry) -> None:
        if self.history is not None and self.history.merged:
            self._fill_merged_row(r, rec, self.history)
            return
        if rec.provider == VARG.id:
            self._fill_varg_row(r, rec)
            return
        when = rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if rec.created_at else ""
        credits = _num(rec.credits_consumed)
        if not rec.counted_by_server:
            credits = "~" + credits
        if rec.charged is not None and rec.charged != rec.credits_consumed:
            credits += " " + self.tr("(%1 refunded)").replace("%1", _num(rec.charged))
        cells = [
            (when, False),
            (_(service_label(rec.service_type)), False),
            (credits, True),
            (_num(rec.input_tokens) if rec.input_tokens is not None else "", True),
            (_num(rec.output_tokens) if rec.output_tokens is not None else "", True),
            (f"{rec.latency_ms:,.0f} ms" if rec.latency_ms is not None else "", True),
            (_(status_words(rec.status)), False),
            (rec.detail, False),
        ]
        for c, (text, right) in enumerate(cells):
            it = QTableWidgetItem(text)
            if right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            it.setData(Qt.ItemDataRole.UserRole, rec.id)
            if c == 2 and not rec.counted_by_server:
                it.setToolTip(self.tr("An estimate: the server has not reported this charge yet."))
            if c == len(cells) - 1 and text:  # the details, cut to one line: all of it here
                it.setToolTip(text)
            self.table.setItem(r, c, it)

    def _fill_varg_row(self, r: int, rec: SpendEntry) -> None:
        when = rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if rec.created_at else ""
        cost = f"{_num(rec.credits_consumed)}{CENT}"
        if not rec.counted_by_server:
            cost = "~" + cost
        cells = [(when, False), (_(service_label(rec.service_type)), False), (cost, True), (rec.model, False),
                 (rec.capability, False), (self.tr("cache hit") if rec.cache_hit else "", False),
                 (_(status_words(rec.status)), False), (rec.detail, False)]
        for c, (text, right) in enumerate(cells):
            it = QTableWidgetItem(text)
            if right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            it.setData(Qt.ItemDataRole.UserRole, rec.id)
            if c == 2:
                it.setToolTip(self.tr("From varg's cache: free.") if rec.cache_hit else
                              self.tr("An estimate: varg has not listed this job yet.") if not rec.counted_by_server else
                              f"${rec.credits_consumed / 100:,.2f}")
            if c == len(cells) - 1 and text:  # the details, cut to one line: all of it here
                it.setToolTip(text)
            self.table.setItem(r, c, it)

    def _fill_merged_row(self, r: int, rec: SpendEntry, history: History) -> None:
        """A row of the merged view: its provider, its amount in that provider's unit, and in dollars
        where the dollar value is known ("—" for Vimmerse, with why)."""
        p = _provider(rec.provider)
        when = rec.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if rec.created_at else ""
        amount = (f"{_num(rec.credits_consumed)}{CENT}" if p.id == VARG.id
                  else provider_credits(p.id, rec.credits_consumed))
        if not rec.counted_by_server:
            amount = "~" + amount
        if rec.charged is not None and rec.charged != rec.credits_consumed:
            amount += " " + self.tr("(%1 refunded)").replace("%1", _num(rec.charged))
        usd = history.dollars(rec)
        detail = _with_model(rec.detail, rec.model)
        cells = [(when, False), (self._provider_label(p.id), False), (_(service_label(rec.service_type)), False), (amount, True),
                 (money(usd) if usd is not None else "—", True), (_(status_words(rec.status)), False),
                 (self.tr("cache hit") if rec.cache_hit else "", False), (detail, False)]
        for c, (text, right) in enumerate(cells):
            it = QTableWidgetItem(text)
            if right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            it.setData(Qt.ItemDataRole.UserRole, rec.id)
            if c == 3 and not rec.counted_by_server:
                it.setToolTip(self.tr("An estimate: %1 has not reported this charge yet.").replace("%1", p.label))
            elif c == 4 and usd is None:
                it.setToolTip(_(NO_DOLLAR_PRICE).format(label=p.label) + ".")
            if c == len(cells) - 1 and text:  # the details, cut to one line: all of it here
                it.setToolTip(text)
            self.table.setItem(r, c, it)

    def _update_nav(self) -> None:
        info = self.page_info
        if info is None:
            self.page_label.setText("")
            self.prev_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        from ..plural import plural

        records = plural(self.tr("%n record(s)", "", info.total), info.total)
        self.page_label.setText(self.tr("Page %1 of %2 · %3").replace("%1", str(info.page))
                                .replace("%2", str(info.pages)).replace("%3", records))
        self.prev_button.setEnabled(info.page > 1)
        self.next_button.setEnabled(info.page < info.pages)
