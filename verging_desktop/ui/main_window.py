"""The main window: one page per tool (built when first shown) behind a sidebar that groups the
tools by kind (``core/tools.py``: Video, Image, Audio, Text; Ctrl+1..8, Ctrl+9 the last one,
Ctrl+Tab, Ctrl+K "Go to tool"), the Job Queue dock, the status bar (account, live balance,
connection state), the sandbox banner and the welcome view.

The window is built and shown before the services exist (start-up must feel instant);
:meth:`MainWindow.attach` connects it to the :class:`Session` once they do. This module imports
only Qt and small UI modules; dialogs are imported when first opened.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QRect, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .widgets.banner import SandboxBanner
from .widgets.lazy import LazyPage
from .widgets.nav_pages import NavEntry, NavPages
from .widgets.status import StatusPanel

if TYPE_CHECKING:  # pragma: no cover
    from ..api.verging.models import Account
    from ..core.settings import Settings
    from ..jobs.queue import JobQueue
    from .context import ToolContext
    from .dialogs.account import AccountDialog
    from .dialogs.keys import KeysDialog
    from .dialogs.settings import SettingsDialog
    from .settings_store import SettingsStore
    from .welcome import WelcomePage
    from .widgets.goto_popup import GoToPopup

DEFAULT_SIZE = QSize(1280, 800)


def first_size(default: QSize, available: QRect | None) -> QSize:
    """The window's size on a first start: ``default``, but never larger than the screen's free
    area (a 1024x700 laptop screen gets a window that fits, not one running off its edges)."""
    if available is None or available.isEmpty():
        return QSize(default)
    return default.boundedTo(available.size())


def first_dock_width(window_width: int) -> int:
    """The Job Queue dock's width on a first start: 340 px, or 300 px when the window starts
    narrower than 1200 px (a 1024 px screen: the tool pages and the sidebar need the room)."""
    return 340 if window_width >= 1200 else 300


Factory = Callable[[Any], QWidget]


def _alive(obj: Any) -> bool:
    from shiboken6 import isValid

    return bool(isValid(obj))


def _nav_order(titles: list[str]) -> list[tuple[str, Any]]:
    """``(title, ToolSpec or None)`` in the registry's navigation order (grouped: Video, Image,
    Audio, Text); titles the registry does not know (a test's own page) come last, in an "Other"
    group."""
    from ..core.tools import navigation_order

    specs = {t.title: t for t in navigation_order()}
    known = [t.title for t in navigation_order() if t.title in titles]
    return [(t, specs[t]) for t in known] + [(t, None) for t in titles if t not in specs]


def _entry(title: str, spec: Any, index: int) -> NavEntry:
    """The tool's sidebar entry (its key the registry's English title, its words translated); its
    icon is a name, made when the sidebar is built (after the first paint)."""
    from ..core.i18n import _

    shortcut = f"Ctrl+{index + 1}" if index < 8 else ""  # Ctrl+9 is the last tool (as in a browser)
    if spec is None:
        return NavEntry(title, title, _("Other"), "", title, shortcut)
    return NavEntry(title, _(spec.title), _(spec.group.value), spec.icon, _(spec.summary), shortcut)


#: the names of the tasks that are AI calls (ui/widgets/ai_common.CallRunner.run): quitting stops them
AI_CALLS = frozenset({"ai-call", "chat", "imagegen", "tts", "stt", "vision"})


def _default_job_queue(ctx: Any) -> QWidget:
    from .jobs.dock import create

    return create(ctx)


class MainWindow(QMainWindow):
    """Signals:
        firstPainted(): emitted once, just after the first frame was painted.
        quitRequested(): the user closed the window or chose Quit.
        settingsApplied(object): new Settings were accepted in the settings dialog.
    """

    firstPainted = Signal()
    #: a tool page became visible (its title)
    tabShown = Signal(str)
    quitRequested = Signal()
    settingsApplied = Signal(object)

    def __init__(self, factories: dict[str, Factory], store: SettingsStore, *, sandbox: bool = False,
                 welcome: bool = False, job_queue_factory: Factory | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Verging Desktop"))
        self.store = store
        self.ctx: ToolContext | None = None
        self._painted = False
        self.first_frame_done = False
        self._key_box: QMessageBox | None = None
        self.keys_dialog: KeysDialog | None = None
        self.account_dialog: AccountDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.about_box: QMessageBox | None = None
        #: the "Quit while work is running?" question, while it is open
        self.quit_box: QMessageBox | None = None
        #: the question asked before a switch stops work in progress (None when none is open)
        self.switch_box: QMessageBox | None = None
        self._quit_confirmed = False
        self._welcome: WelcomePage | None = None
        self._dock_hidden_for_welcome = False

        # -- central area: banner + (welcome | tabs) -----------------------------------------
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.banner = SandboxBanner()
        self.banner.setVisible(sandbox)
        self.banner.leaveRequested.connect(self.leave_sandbox)
        self.stack = QStackedWidget()
        #: the tools: a sidebar grouped by kind beside the pages (QTabWidget's API: see NavPages)
        self.tabs = NavPages()
        self.tabs.setObjectName("toolTabs")
        self.pages: dict[str, LazyPage] = {}
        for i, (title, spec) in enumerate(_nav_order(list(factories))):
            page = LazyPage(title, factories[title])
            self.pages[title] = page
            self.tabs.add_page(page, _entry(title, spec, i))
        self.goto_popup: GoToPopup | None = None
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack.addWidget(self.tabs)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # -- job queue dock ---------------------------------------------------------------------
        self.queue_dock = QDockWidget(self.tr("Job Queue"))  # parentless until docked in finish_layout()
        self.queue_dock.setObjectName("jobQueueDock")
        if job_queue_factory is None:
            job_queue_factory = _default_job_queue
        self.queue_page = LazyPage("Job Queue", job_queue_factory)
        self.queue_dock.setWidget(self.queue_page)
        self.queue_dock.setMinimumWidth(260)
        self._layout_finished = False  # the dock is placed just after the first frame: see finish_layout()

        # -- status bar -------------------------------------------------------------------------
        self.status = StatusPanel()
        self.status.accountClicked.connect(self.open_account_dialog)
        self.status.fixKeyClicked.connect(self.open_keys_dialog)
        self.statusBar().addPermanentWidget(self.status)
        # a long message's whole text is the bar's tooltip while it is shown, and goes with it
        self.statusBar().messageChanged.connect(self._message_changed)
        if sandbox:
            self.status.set_state("connecting", self.tr("Starting sandbox…"))

        self._build_menus()
        if welcome:
            self.show_welcome()

    # -- menus and shortcuts ---------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], Any], shortcut: Any = None, name: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if name:
            a.setObjectName(name)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _build_menus(self) -> None:
        """The menu titles now; their actions and shortcuts in finish_layout() (see there)."""
        mb = self.menuBar()
        self.menu_file = mb.addMenu(self.tr("&File"))
        self.menu_view = mb.addMenu(self.tr("&View"))
        self.menu_account = mb.addMenu(self.tr("&Account"))
        self.menu_help = mb.addMenu(self.tr("&Help"))

    def _fill_menus(self) -> None:
        from .widgets.tool_nav import entry_icon

        file, view, acct, helpm = self.menu_file, self.menu_view, self.menu_account, self.menu_help
        self.act_settings = self._action(self.tr("&Settings…"), self.open_settings_dialog, QKeySequence.StandardKey.Preferences,
                                         "actSettings")
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        file.addAction(self.act_settings)
        file.addSeparator()
        self.act_quit = self._action(self.tr("&Quit"), self.close, QKeySequence("Ctrl+Q"), "actQuit")
        file.addAction(self.act_quit)

        self.act_goto = self._action(self.tr("&Go to tool…"), self.open_goto, "Ctrl+K", "actGoTo")
        self.act_next_tool = self._action(self.tr("&Next tool"), lambda: self._step_tool(1), None, "actNextTool")
        self.act_next_tool.setShortcuts([QKeySequence("Ctrl+Tab"), QKeySequence("Ctrl+PgDown")])
        self.act_prev_tool = self._action(self.tr("&Previous tool"), lambda: self._step_tool(-1), None, "actPrevTool")
        self.act_prev_tool.setShortcuts([QKeySequence("Ctrl+Shift+Tab"), QKeySequence("Ctrl+Shift+Backtab"),
                                         QKeySequence("Ctrl+PgUp")])
        for a in (self.act_goto, self.act_next_tool, self.act_prev_tool):
            view.addAction(a)
        #: one action per tool (Ctrl+1..8), grouped like the sidebar
        self.tool_actions: list[QAction] = []
        group = None
        for i, entry in enumerate(self.tabs.entries()):
            if entry.group != group:
                view.addSeparator()
                group = entry.group
            act = self._action(entry.title, partial(self._go_to_index, i), entry.shortcut or None)
            icon = entry_icon(entry)
            if icon is not None:
                act.setIcon(icon)
            self.tool_actions.append(act)
            view.addAction(act)
        # Ctrl+9 is the last tool whatever their number (the browsers' convention for tabs)
        self.act_last_tool = self._action(self.tr("&Last tool"), self._go_to_last, "Ctrl+9", "actLastTool")
        self.act_last_tool.setStatusTip(self.tr("Ctrl+1..8 go to the first eight tools, Ctrl+9 to the last one"))
        view.addAction(self.act_last_tool)
        view.addSeparator()
        toggle = self.queue_dock.toggleViewAction()
        toggle.setText(self.tr("&Job Queue"))
        toggle.setShortcut(QKeySequence("Ctrl+J"))
        view.addAction(toggle)

        self.act_account = self._action(self.tr("&Account and usage…"), self.open_account_dialog, "Ctrl+Shift+A", "actAccount")
        self.act_keys = self._action(self.tr("Manage API &keys…"), self.open_keys_dialog, "Ctrl+Shift+K", "actKeys")
        self.act_refresh = self._action(self.tr("&Refresh balance"), self.refresh_balance, QKeySequence.StandardKey.Refresh,
                                        "actRefresh")
        self.act_buy = self._action(self.tr("&Buy credits…"), self.buy_credits, None, "actBuy")
        self.act_sandbox = self._action(self.tr("Leave the &sandbox") if self.banner.isVisibleTo(self)
                                        else self.tr("Try the &sandbox"),
                                        self.toggle_sandbox, None, "actSandbox")
        for a in (self.act_account, self.act_keys, self.act_refresh, self.act_buy):
            acct.addAction(a)
        acct.addSeparator()
        acct.addAction(self.act_sandbox)

        self.act_logs = self._action(self.tr("Open &log folder"), self.open_log_folder, None, "actLogs")
        self.act_about = self._action(self.tr("&About Verging Desktop"), self.show_about, QKeySequence.StandardKey.HelpContents,
                                      "actAbout")
        helpm.addAction(self.act_logs)
        helpm.addSeparator()
        helpm.addAction(self.act_about)

    # -- navigation ----------------------------------------------------------------------------
    def _go_to_index(self, index: int) -> None:
        """Ctrl+1..8 and the View menu: the tool at ``index`` (not from the welcome view)."""
        if self.stack.currentWidget() is self.tabs and 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def _go_to_last(self) -> None:
        """Ctrl+9: the last tool."""
        self._go_to_index(self.tabs.count() - 1)

    def _step_tool(self, delta: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tool, wrapping around."""
        if self.stack.currentWidget() is self.tabs:
            self.tabs.step(delta)

    def tool_index(self, tool: int | str) -> int:
        """The page index of ``tool``: an index, a title ("Face Swap") or a tool id ("face-swap");
        -1 when there is no such page."""
        if isinstance(tool, int):
            return tool if 0 <= tool < self.tabs.count() else -1
        page = self.pages.get(tool)
        if page is None:
            from ..core.tools import tool as tool_by_id

            try:
                page = self.pages.get(tool_by_id(tool).title)
            except KeyError:
                page = None
        return self.tabs.indexOf(page) if page is not None else -1

    def show_tool(self, tool: int | str) -> QWidget | None:
        """Show the tool ``tool`` (index, title or id; from the welcome view too) and return its
        page's content, built now if it was not yet (None when there is no such tool, or before
        the services exist)."""
        i = self.tool_index(tool)
        if i < 0:
            return None
        self.show_tools()
        self.tabs.setCurrentIndex(i)
        page = self.tabs.widget(i)
        return page.build() if isinstance(page, LazyPage) else page

    @property
    def current_tool(self) -> str:
        """The title of the tool shown ("" on the welcome view)."""
        if self.stack.currentWidget() is not self.tabs:
            return ""
        page = self.tabs.currentWidget()
        return page.title if isinstance(page, LazyPage) else ""

    def open_goto(self) -> GoToPopup | None:
        """Ctrl+K: the "Go to tool" quick search."""
        if self.stack.currentWidget() is not self.tabs:
            return None
        if self.goto_popup is None:
            from .widgets.goto_popup import GoToPopup  # built on the first Ctrl+K, not at start

            self.goto_popup = GoToPopup(self.tabs.entries(), self)
            self.goto_popup.chosen.connect(self.show_tool)
        self.goto_popup.popup_over(self.centralWidget() or self)
        return self.goto_popup

    # -- first paint ---------------------------------------------------------------------------
    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.first_frame_done = True
        self.firstPainted.emit()
        self.finish_layout()

    def finish_layout(self) -> None:
        """Build the sidebar, dock the Job Queue and restore the dock layout.

        Done right after the first frame: the first use of any ``Qt.*`` enum in a process (a dock
        area, a shortcut) costs ~15-25 ms because PySide6 builds all of them at once, and the
        first frame does not need to wait for it. Menu actions and shortcuts are added here too.
        """
        if self._layout_finished:
            return
        self._layout_finished = True
        from PySide6.QtCore import Qt

        from .icon import app_icon

        self.setWindowIcon(app_icon())
        self.tabs.build_nav()  # the sidebar (the first frame had a slot of its width)
        self._fill_menus()
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.queue_dock)
        state = self.store.bytes_value("window/state")
        if state is not None:
            self.restoreState(state)
        else:  # first run: the tools get most of the width (on a narrow screen, the sidebar's too)
            self.resizeDocks([self.queue_dock], [first_dock_width(self.width())], Qt.Orientation.Horizontal)
        if self.showing_welcome:
            self._dock_hidden_for_welcome = self.queue_dock.isVisible() or state is None
            self.queue_dock.setVisible(False)

    @property
    def painted(self) -> bool:
        return self._painted

    # -- wiring ----------------------------------------------------------------------------------
    def attach(self, ctx: ToolContext) -> None:
        """Connect to the services once they exist; pending tabs are built now."""
        self.ctx = ctx
        self.finish_layout()
        s = ctx.session
        s.stateChanged.connect(self._on_state)
        s.accountChanged.connect(self._on_account)
        s.modeChanged.connect(self._on_mode)
        s.keyProblem.connect(self._on_key_problem)
        s.message.connect(self.show_message)
        s.vimmerseChanged.connect(lambda _n: self._on_state(s.state))
        s.vargChanged.connect(lambda _n: self._on_state(s.state))
        for page in self.pages.values():
            page.set_context(ctx)
        self.queue_page.set_context(ctx)
        ctx.handoff.register(self)
        self._on_mode(s.mode)
        self._on_state(s.state)
        self._on_account(s.account)

    @property
    def session(self) -> Any:
        return self.ctx.session if self.ctx is not None else None

    # -- job queue hooks -------------------------------------------------------------------------
    def set_badges(self, badges: dict[str, int]) -> None:
        """Show the number of unseen finished jobs on each tool's sidebar entry (``{job kind: n}``)."""
        from ..core.tools import tool_for_kind

        counts: dict[str, int] = {}
        for kind, n in badges.items():
            spec = tool_for_kind(kind)
            if spec is not None:
                counts[spec.title] = counts.get(spec.title, 0) + n
        for i, entry in enumerate(self.tabs.entries()):
            self.tabs.set_badge(i, counts.get(entry.key, 0))

    def looking_at(self, kind: str) -> bool:
        """Is the user looking at the tool that makes jobs of ``kind`` right now: its page shown
        in the active, not minimised window? (A job that finishes then gets no badge.)"""
        from ..core.tools import tool_for_kind

        spec = tool_for_kind(kind)
        return (spec is not None and spec.title == self.current_tool and self.isVisible()
                and not self.isMinimized() and self.isActiveWindow())

    def changeEvent(self, e: Any) -> None:
        super().changeEvent(e)
        from PySide6.QtCore import QEvent

        if e.type() in (QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange) \
                and self.isActiveWindow() and not self.isMinimized() and self.current_tool:
            self.tabShown.emit(self.current_tool)  # back at the window: the shown tool's jobs are seen

    def reset_session_results(self) -> None:
        """Live <-> sandbox: what was shown belongs to the other connection. The tab badges go
        (the new queue sends its own), and every tab that was built forgets its results
        (``reset_session_results()``: result areas, gallery, transcripts; inputs stay). The Job
        Queue dock gets a new panel for the new queue (JobsService.queueChanged)."""
        self.set_badges({})
        for page in self.pages.values():
            reset = getattr(page.content, "reset_session_results", None) if page.content is not None else None
            if callable(reset):
                reset()

    def _tab_changed(self, index: int) -> None:
        w = self.tabs.widget(index)
        if w is not None:
            self.tabShown.emit(getattr(w, "title", ""))

    def open_job(self, kind: str, local_id: int) -> None:
        """Show a job in its tool's tab (double-click in the queue)."""
        from ..core.tools import tool_for_kind

        spec = tool_for_kind(kind)
        if spec is None or spec.title not in self.pages:
            return
        content = self.show_tool(spec.title)
        show = getattr(content, "show_job", None)
        if callable(show):
            show(local_id)

    def open_tool(self, tool_id: str) -> object | None:
        """Show the tool ``tool_id``'s tab (the hand-off bus's target); its built content, or None
        when the window has no such tab."""
        from ..core.tools import tool

        try:
            page = self.pages.get(tool(tool_id).title)
        except KeyError:
            return None
        if page is None:
            return None
        self.show_tools()
        self.tabs.setCurrentWidget(page)
        content = page.build()
        return content if content is not None else True

    def show_message(self, text: str, ms: int = 10000) -> None:
        """A line in the status bar for ``ms``; one too long for the room left of the account
        and balance is elided in the middle (file names keep their start and extension) and is
        whole in the bar's tooltip."""
        from PySide6.QtCore import Qt

        bar = self.statusBar()
        room = bar.width() - (self.status.width() if self.status.isVisible() else 0) - 32
        shown = text
        if room > 40 and bar.fontMetrics().horizontalAdvance(text) > room:
            shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room)
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, ms)

    def _message_changed(self, text: str) -> None:
        if not text:  # the message went (its time ran out, or it was cleared): so does its tooltip
            self.statusBar().setToolTip("")

    def _on_state(self, state: str) -> None:
        from ..app_core.session import state_label
        from .session import LIVE, NO_KEY, SANDBOX

        tip = ""
        if self.session is not None and state == SANDBOX and self.session.sandbox_url:
            tip = self.tr("The sandbox runs on this computer at %1: no credits are spent").replace(
                "%1", self.session.sandbox_url)
        elif self.session is not None and state == LIVE:
            tip = self.tr("Connected to %1").replace("%1", self.session.live_base_url)
        self.status.set_state(state, state_label(state), tip)
        # the welcome page is for a first run with no key at all: a Vimmerse or varg key alone opens the tools
        other_key = bool(self.session and (self.session.key_of("vimmerse") or self.session.key_of("varg")))
        if state == NO_KEY and not (self.session and self.session.in_sandbox) and not other_key:
            self.show_welcome()
        elif state != NO_KEY or other_key:
            self.show_tools()
            if self._welcome is not None:
                self._welcome.set_busy("")

    def _on_mode(self, mode: str) -> None:
        sandbox = mode == "sandbox"
        previous, self._mode = getattr(self, "_mode", None), mode
        if previous is not None and previous != mode:
            self.reset_session_results()
        self.banner.setVisible(sandbox)
        if self._layout_finished:
            self.act_sandbox.setText(self.tr("Leave the &sandbox") if sandbox else self.tr("Try the &sandbox"))
        self.setWindowTitle(self.tr("Verging Desktop — Sandbox") if sandbox else self.tr("Verging Desktop"))
        if self.session is not None:
            self._on_account(self.session.account)

    def _on_account(self, acct: Account | None) -> None:
        from .plural import credits

        if acct is None:
            self.status.set_account(None if not (self.session and self.session.has_key) else "…")
            self.status.set_balance("–")
            return
        self.status.set_account(acct.email or acct.name or self.tr("(account)"))
        tip = None
        if self.session is not None:
            dollars = QLocale().toCurrencyString(self.session.pricing.dollars(acct.credits), "$", 2)
            tip = self.tr("About %1. Refreshed after every paid action.").replace("%1", dollars)
        self.status.set_balance(credits(acct.credits), tip)

    def _on_key_problem(self, message: str) -> None:
        self.show_message(message, 15000)
        if self._key_box is not None and _alive(self._key_box) and self._key_box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("API key problem"), message, parent=self)
        box.setObjectName("keyProblemBox")
        box.setInformativeText(self.tr("The key may have been revoked or mistyped. Open Manage API keys to add or "
                                       "choose another one."))
        open_btn = box.addButton(self.tr("Manage API keys…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.open_keys_dialog() if b is open_btn else None)
        box.finished.connect(box.deleteLater)
        self._key_box = box
        box.open()

    # -- welcome / tools -----------------------------------------------------------------------
    @property
    def welcome(self) -> WelcomePage:
        if self._welcome is None:
            from ..core.keystore import keyring_problem
            from .welcome import WelcomePage

            self._welcome = WelcomePage(keyring_problem())
            self._welcome.addKeyRequested.connect(self.open_keys_dialog)
            self._welcome.sandboxRequested.connect(self.start_sandbox)
            self.stack.addWidget(self._welcome)
        return self._welcome

    def show_welcome(self) -> None:
        self.stack.setCurrentWidget(self.welcome)
        if not self._layout_finished:
            return  # finish_layout() hides the dock
        if self.queue_dock.isVisible():
            self._dock_hidden_for_welcome = True
        self.queue_dock.setVisible(False)

    def show_tools(self) -> None:
        if self.stack.currentWidget() is not self.tabs:
            self.stack.setCurrentWidget(self.tabs)
            if self._dock_hidden_for_welcome and self._layout_finished:
                self.queue_dock.setVisible(True)
                self._dock_hidden_for_welcome = False

    @property
    def showing_welcome(self) -> bool:
        return self._welcome is not None and self.stack.currentWidget() is self._welcome

    # -- switching the connection ----------------------------------------------------------------
    def _work_to_stop(self) -> tuple[list[Any], int]:
        """The running tasks a switch would stop (cuts, uploads, submits) and how many uploads or
        jobs being sent that is (the jobs preparing or in create-job, else the tasks)."""
        if self.ctx is None:
            return [], 0
        from ..app_core.tasks import is_local_work
        from ..jobs.store import LocalStatus

        tasks = [t for t in self.ctx.session.tasks.tasks if not t.done() and is_local_work(t.get_name())]
        jobs = self.ctx.jobs
        store = jobs.store if jobs is not None else None
        counts = store.count_by_status() if store is not None else {}
        busy = counts.get(LocalStatus.PREPARING, 0) + counts.get(LocalStatus.SUBMITTING, 0)
        unsent = (LocalStatus.PREPARING, LocalStatus.SUBMITTING)

        def still_working(t: Any) -> bool:
            ids = jobs.jobs_of(t) if jobs is not None else []  # in either queue (Verging, Vimmerse)
            if not ids:  # a cut, or an upload before its job is recorded
                return True
            # a submit task whose jobs are all in the queue has nothing left to lose
            recs = store.get_many(ids).values() if store is not None else []
            return any(r.status in unsent for r in recs)

        tasks = [t for t in tasks if still_working(t)]
        return tasks, max(busy, len(tasks))

    def _calls_to_stop(self) -> list[Any]:
        """The AI calls under way: a switch stops them too (their next request, say the next part
        of a long text to speech, must never go to the other connection)."""
        if self.ctx is None:
            return []
        return [t for t in self.ctx.session.tasks.tasks if not t.done() and t.get_name() in AI_CALLS]

    def confirm_switch(self, switch: Callable[[], None]) -> bool:
        """Run ``switch`` (live <-> sandbox, another key) now, or, while uploads, cuts or submits are
        running, ask first; if confirmed, that work is cancelled before the switch (it is never
        finished on the other connection). Returns whether ``switch`` ran at once."""
        tasks, n = self._work_to_stop()
        calls = self._calls_to_stop()
        if not tasks and not n and not calls:
            switch()
            return True
        from .plural import plural

        parts = []
        if tasks or n:
            parts.append(plural(self.tr("%n upload(s) or job(s) being sent (stops and is|stop and are) lost if you "
                                        "switch now; nothing more is sent for (it|them).", "", n), n))
        if calls:
            parts.append(plural(self.tr("%n AI request(s) under way (stops|stop) without a result; what was already "
                                        "sent may still be charged.", "", len(calls)), len(calls)))
        text = "\n\n".join(parts)
        focus = self.focusWidget()
        box, go = self._go_or_keep_working("switchConfirm", self.tr("Switch anyway?"), text, self.tr("Switch"),
                                           "switchAnyway")

        def answered(_result: int) -> None:
            self.switch_box = None
            box.deleteLater()
            if box.clickedButton() is not go or self.session is None:
                self._back_from_question(focus)
                return

            async def stop_then_switch() -> None:
                import asyncio

                running, _n = self._work_to_stop()
                running += self._calls_to_stop()
                for t in running:
                    t.cancel()
                if running:
                    await asyncio.wait(running, timeout=10)
                switch()

            self.session.spawn(stop_then_switch(), name="switch-after-stopping")

        box.finished.connect(answered)
        self.switch_box = box
        box.open()
        return False

    # -- actions --------------------------------------------------------------------------------
    def start_sandbox(self) -> None:
        if self.session is None:
            return
        self.confirm_switch(self._start_sandbox_now)

    def _start_sandbox_now(self) -> None:
        if self.session is None:
            return
        if self._welcome is not None:
            self._welcome.set_busy(self.tr("Starting the local sandbox…"))
        self.status.set_state("connecting", self.tr("Starting sandbox…"))

        async def go() -> None:
            try:
                await self.session.start_sandbox()
            finally:
                if self._welcome is not None:
                    self._welcome.set_busy("")

        self.session.spawn(go(), name="start-sandbox")

    def leave_sandbox(self) -> None:
        if self.session is not None and self.session.in_sandbox:
            s = self.session
            self.confirm_switch(lambda: s.spawn(s.leave_sandbox(), name="leave-sandbox") if s.in_sandbox else None)

    def toggle_sandbox(self) -> None:
        if self.session is None:
            return
        if self.session.in_sandbox:
            self.leave_sandbox()
        else:
            self.start_sandbox()

    def refresh_balance(self) -> None:
        if self.session is not None:
            self.session.refresh_account()
            self.session.refresh_varg_balance()  # varg's balance too (its status bar line)

    def buy_credits(self) -> None:
        from .dialogs.buy_credits import buy_credits

        buy_credits(self)

    def open_keys_dialog(self) -> KeysDialog | None:
        if self.session is None:
            return None
        if self.keys_dialog is None:
            from .dialogs.keys import KeysDialog

            self.keys_dialog = KeysDialog(self.session, self, confirm_switch=self.confirm_switch)
        if not self.keys_dialog.isVisible():
            self.keys_dialog.open()
        self.keys_dialog.raise_()
        self.keys_dialog.activateWindow()
        return self.keys_dialog

    def _job_queue(self) -> JobQueue | None:
        """The current connection's job queue (None before the queue started)."""
        jobs = self.ctx.jobs if self.ctx is not None else None
        return jobs.queue if jobs is not None else None

    def open_account_dialog(self) -> AccountDialog | None:
        if self.session is None:
            return None
        if self.account_dialog is None:
            from .dialogs.account import AccountDialog

            self.account_dialog = AccountDialog(self.session, self, jobs=self._job_queue)
        if not self.account_dialog.isVisible():
            self.account_dialog.open()
        self.account_dialog.raise_()
        return self.account_dialog

    def open_settings_dialog(self) -> SettingsDialog | None:
        if self.session is None:
            return None
        if self.settings_dialog is None:
            from .dialogs.settings import SettingsDialog

            self.settings_dialog = SettingsDialog(self.session.settings, self.session.pricing, self)
            self.settings_dialog.applied.connect(self.settingsApplied)
        if not self.settings_dialog.isVisible():
            self.settings_dialog.open_with(self.session.settings)
        return self.settings_dialog

    def open_log_folder(self) -> None:
        from ..core.settings import app_dirs

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(app_dirs().log)))

    def show_about(self) -> QMessageBox:
        import platform

        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import Qt, qVersion

        from ..core.settings import WEBSITE_URL

        if self.about_box is None:
            box = QMessageBox(self)
            box.setObjectName("aboutBox")
            box.setWindowTitle(self.tr("About Verging Desktop"))
            box.setIconPixmap(self.windowIcon().pixmap(64, 64)) if not self.windowIcon().isNull() else None
            box.setTextFormat(Qt.TextFormat.RichText)
            about = self.tr("A desktop client for the Verging AI media API: face swap, video enhancement, "
                            "background removal, image generation, chat, speech and vision, with the cost of "
                            "every job shown before and after.")
            name = self.tr("Verging Desktop %1").replace("%1", __version__)
            box.setText(f"<h3>{name}</h3><p>{about}</p>"
                        f"<p><a href='{WEBSITE_URL}'>{WEBSITE_URL}</a></p>")
            box.setInformativeText(self.tr("Python %1 · Qt %2 · PySide6 %3").replace("%1", platform.python_version())
                                   .replace("%2", qVersion()).replace("%3", pyside_version))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            self.about_box = box
        self.about_box.open()
        return self.about_box

    # -- window state ------------------------------------------------------------------------
    def restore_window_state(self) -> None:
        geo = self.store.bytes_value("window/geometry")
        if geo is None or not self.restoreGeometry(geo):
            avail = self._available()
            self.resize(first_size(DEFAULT_SIZE, avail))
            if avail is not None:  # centred on the screen it opens on
                self.move(avail.center() - self.rect().center())
        # the tool shown last, by its id (an index would point elsewhere once tools are added)
        tab = self.tool_index(str(self.store.value("window/tool", "") or "")) if self.store.value("window/tool") else -1
        if tab < 0:
            try:
                tab = int(self.store.value("window/tab", 0) or 0)
            except (TypeError, ValueError):
                tab = 0
        if 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    def _current_tool_id(self) -> str:
        """The id of the tool whose page is current (its title for a page the registry does not know)."""
        page = self.tabs.currentWidget()
        title = page.title if isinstance(page, LazyPage) else ""
        from ..core.tools import tool_by_title

        try:
            return tool_by_title(title).id
        except KeyError:
            return title

    def _available(self) -> QRect | None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def save_window_state(self) -> None:
        try:
            self.store.set_value("window/geometry", self.saveGeometry())
            if not self.showing_welcome and self._layout_finished:
                self.store.set_value("window/state", self.saveState())
            self.store.set_value("window/tab", self.tabs.currentIndex())
            self.store.set_value("window/tool", self._current_tool_id())
            self.store.sync()
        except Exception:  # never block quitting on this
            import logging

            logging.getLogger("verging_desktop.ui.window").exception("could not save the window state")

    def apply_settings(self, s: Settings) -> None:
        from PySide6.QtWidgets import QApplication

        from .theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, s.theme)

    # -- quitting ----------------------------------------------------------------------------
    def quit_warning(self) -> str:
        """What quitting now would do to work in progress, in words ("" when nothing is running).

        Built from the jobs' states (being prepared: lost, nothing charged; being sent: may exist,
        and what happens then is the provider's: Verging's are looked for at the next start, while
        Vimmerse lists no jobs to look in, so the user is told to check vimmerse.net; on the server: go on, picked up at the next start), the local work no job records yet (a
        cut, an upload before its job is written: the running tasks the registry marks as local
        work, :func:`verging_desktop.app_core.tasks.is_local_work`, that have not recorded a job in
        either queue) and the AI calls under way."""
        if self.ctx is None:
            return ""
        from ..app_core.jobs_service import Unfinished
        from ..app_core.tasks import is_local_work
        from .plural import plural

        jobs = self.ctx.jobs
        running = [t for t in self.ctx.session.tasks.tasks if not t.done()]
        # a submit task whose job is recorded (in either queue) is told by that job's state (queued: not an upload)
        local = sum(1 for t in running if is_local_work(t.get_name())
                    and not (jobs is not None and jobs.jobs_of(t)))
        # each provider's jobs of its own current account (the Vimmerse account is not the Verging one)
        unfinished = jobs.unfinished() if jobs is not None else {}
        mine, vim = unfinished.get("verging", Unfinished()), unfinished.get("vimmerse", Unfinished())
        varg = unfinished.get("varg", Unfinished())
        uploads = local + mine.preparing + vim.preparing + varg.preparing
        sending = mine.sending
        waiting = mine.waiting
        saving = mine.saving + vim.saving + varg.saving
        vsending = vim.sending
        calls = sum(1 for t in running if t.get_name() in AI_CALLS)
        parts = []
        if uploads:
            parts.append(plural(self.tr("%n upload(s) or cut(s) in progress (stops and is|stop and are) lost; "
                                        "(it is|they are) not sent and nothing is charged for (it|them).",
                                        "", uploads), uploads))
        if sending:
            parts.append(plural(self.tr("%n job(s) being sent may have reached the server; Verging Desktop looks "
                                        "for (it|them) at the next start and never sends (it|them) twice.",
                                        "", sending), sending))
        if vsending:  # Vimmerse lists no jobs: nothing can look for these later
            parts.append(plural(self.tr("%n Vimmerse job(s) being sent may have been created on Vimmerse; the app "
                                        "cannot find (it|them) later and never sends (it|them) twice: check your "
                                        "assets at vimmerse.net before sending (it|them) again.",
                                        "", vsending), vsending))
        if varg.sending:  # no job id came back yet: nothing can follow these later
            parts.append(plural(self.tr("%n varg job(s) being sent may have been created on varg; the app never "
                                        "sends (it|them) twice: check your usage at varg.ai before sending (it|them) "
                                        "again.", "", varg.sending), varg.sending))
        if waiting:
            parts.append(plural(self.tr("%n job(s) on the server (goes|go) on; Verging Desktop picks (it|them) up "
                                        "at the next start and saves the result(s).", "", waiting), waiting))
        if vim.waiting:
            parts.append(plural(self.tr("%n Vimmerse job(s) on the server (goes|go) on; Verging Desktop picks "
                                        "(it|them) up at the next start and saves the result(s).", "", vim.waiting),
                                vim.waiting))
        if varg.waiting:  # on varg, or waiting here for a free slot (sent after the next start)
            parts.append(plural(self.tr("%n varg job(s) (goes|go) on, on varg or waiting here for a free slot; "
                                        "Verging Desktop follows (it|them) at the next start and saves the "
                                        "result(s).", "", varg.waiting), varg.waiting))
        if saving:
            if self.ctx.settings.auto_download:
                text = self.tr("%n result(s) being downloaded (stops|stop) and (is|are) downloaded again at the "
                               "next start.", "", saving)
            else:
                text = self.tr("%n result(s) being downloaded (stops|stop); save (it|them) again from the Job Queue "
                               "after the next start.", "", saving)
            parts.append(plural(text, saving))
        if calls:
            parts.append(plural(self.tr("%n AI request(s) under way (a chat reply, speech, images…) (stops|stop) "
                                        "without a result; (it|they) may still be charged.", "", calls), calls))
        return "\n\n".join(parts)

    def _ask_to_quit(self, warning: str) -> QMessageBox:
        box = self.quit_box
        if box is not None and box.isVisible():
            box.setText(warning)
            box.raise_()
            box.activateWindow()
            return box
        focus = self.focusWidget()
        box, quit_button = self._go_or_keep_working("quitConfirm", self.tr("Quit Verging Desktop?"), warning,
                                                    self.tr("Quit"), "quitAnyway", informative=self.tr("Quit anyway?"))

        def answered(_result: int) -> None:
            self.quit_box = None
            if box.clickedButton() is quit_button:
                self._quit_confirmed = True
                self.close()
            else:
                self._back_from_question(focus)
            box.deleteLater()

        box.finished.connect(answered)
        self.quit_box = box
        box.open()  # never a blocking exec(): the work goes on while the question is shown
        return box

    def _go_or_keep_working(self, name: str, title: str, text: str, go_text: str, go_name: str, *,
                            informative: str | None = None) -> tuple[QMessageBox, QAbstractButton]:
        """The question before stopping work (quit, switch): ``go_text`` or "Keep working", which
        is the default and what Escape means. Returns the box (not opened yet) and its go button."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setObjectName(name)
        box.setInformativeText(informative or title)
        go = box.addButton(go_text, QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName(go_name)
        keep = box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("keepWorking")
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box, go

    def _back_from_question(self, focus: QWidget | None) -> None:
        """A question was answered "Keep working": the window is the active one again (a window
        shortcut such as Ctrl+Q works only in the active window, and Qt leaves none active when a
        window-modal box closes) and the keyboard focus goes back where it was."""
        if not self.isVisible():
            return
        self.activateWindow()
        if focus is not None and _alive(focus) and focus.window() is self and focus.isVisible():
            focus.setFocus()

    def closeEvent(self, e: QCloseEvent) -> None:
        warning = "" if self._quit_confirmed else self.quit_warning()
        if warning:
            e.ignore()
            self._ask_to_quit(warning)
            return
        self.save_window_state()
        e.accept()
        self.quitRequested.emit()
