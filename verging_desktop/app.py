"""The composition root of Verging Desktop (the ``verging-desktop`` command).

Order of events, chosen so the window appears at once:

1. parse arguments, create the QApplication, read the settings (QSettings) and the names of
   the key profiles (a small JSON file; the keyring is not touched yet);
2. build the main window (tabs are empty shells, built when first shown) and show it;
3. pump Qt events until the first frame is painted;
4. only then import asyncio/qasync/httpx, start the qasync loop and build the services:
   logging, crash handler, pricing, :class:`VergingClient`, :class:`VimmerseClient`, :class:`VargClient`,
   :class:`KeyStore` (one per provider), :class:`Session`, an embedded sandbox with ``--sandbox``
   (it serves the Vimmerse paths too); connect them to the window;
5. on quit, run the ordered :class:`~verging_desktop.app_core.shutdown.ShutdownSequence`.

Shutdown order (names in ``app_core/shutdown.py``; later issues insert theirs with ``before=``):
``save-ui-state`` → ``cancel-tasks`` → [``stop-job-queue``, ``stop-ffmpeg``: later issues,
``before="close-http"``] → ``close-http`` (the Verging, Vimmerse and varg clients) → ``stop-sandbox``
→ ``flush-logs``.

``VERGING_STARTUP_PROBE=1`` prints ``VERGING_FIRST_PAINT`` at the first painted frame and exits
(``benchmarks/startup.py`` times it); ``VERGING_STARTUP_PROBE=ready`` also starts the services and
prints ``VERGING_READY`` when the balance is shown, then quits through the normal shutdown;
``VERGING_STARTUP_PROBE=stay`` prints both markers and keeps running (``benchmarks/queue_memory.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import asyncio

    from PySide6.QtWidgets import QApplication

    from .app_core.session import SandboxServer
    from .ui.context import ToolContext
    from .ui.crash import CrashHandler
    from .ui.session import Session
    from .ui.settings_store import SettingsStore

PROBE_ENV = "VERGING_STARTUP_PROBE"
FIRST_PAINT_MARKER = "VERGING_FIRST_PAINT"
READY_MARKER = "VERGING_READY"
#: the desktop's light/dark preference seen last (the next start's first frame uses it)
SYSTEM_SCHEME_KEY = "theme/system_scheme"

_T0 = time.perf_counter()

#: Qt's command-line options that take a value (QGuiApplication / QApplication)
_QT_VALUE_OPTIONS = frozenset({"-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger",
                               "-style", "-stylesheet", "-session", "-display", "-geometry", "-title", "-name",
                               "-qwindowgeometry", "-qwindowicon", "-qwindowtitle", "-screen"})


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    from . import __version__

    p = argparse.ArgumentParser(
        prog="verging-desktop",
        description="Verging Desktop: face swap, video enhancement, background removal, image generation, "
                    "chat and speech with the Verging AI API.",
    )
    p.add_argument("--sandbox", action="store_true",
                   help="start in sandbox mode against a local simulator (no account, nothing is charged)")
    p.add_argument("--sandbox-data", metavar="DIR",
                   help="keep the sandbox's data in DIR (default: a temporary folder removed on quit)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print every message on the terminal too: debug messages, FFmpeg's stream information "
                        "and Qt multimedia's own lines (without it the terminal shows only warnings and errors)")
    p.add_argument("--debug", action="store_true", help="the same as --verbose")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # the launcher entry, AppStream metainfo and icons for the current user (XDG_DATA_HOME), then exit
    desktop = p.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop-entry", action="store_true",
                         help="add Verging Desktop to this user's application menu (desktop entry, icons, "
                              "file associations for videos, images and audio), then exit")
    desktop.add_argument("--uninstall-desktop-entry", action="store_true",
                         help="remove what --install-desktop-entry added, then exit")
    p.add_argument("--new-instance", action="store_true",
                   help="open a second, independent window (by default files given while the app runs "
                        "are opened in its window)")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="videos, images or audio files to open, each in the tool for it")
    argv = list(sys.argv[1:] if argv is None else argv)
    # Qt's own options that take a value (-platform offscreen) are Qt's, not files to open
    own, qt_first = [], []
    i = 0
    while i < len(argv):
        if argv[i] in _QT_VALUE_OPTIONS and i + 1 < len(argv):
            qt_first += argv[i:i + 2]
            i += 2
            continue
        own.append(argv[i])
        i += 1
    args, qt_args = p.parse_known_intermixed_args(own)
    qt_args = qt_first + qt_args
    if args.sandbox_data:
        args.sandbox = True
    args.qt_args = qt_args
    return args


def _kinds_of_tab(title: str) -> tuple[str, ...]:
    """The job kinds the tab titled ``title`` makes (the registry, core.tools); () for none."""
    from .core.tools import tool_by_title

    try:
        return tool_by_title(title).job_kinds
    except KeyError:
        return ()


def _seen(jobs: Any, title: str) -> None:
    """The tab ``title`` was shown: its jobs' badges go."""
    for kind in _kinds_of_tab(title):
        jobs.seen(kind)


def _sandbox_factory(**kwargs: Any) -> SandboxServer:
    """The embedded sandbox for ``--sandbox`` (imported on first use: its server stack is large)."""
    from .sandbox import Sandbox

    return Sandbox(**kwargs)


class AppController:
    """Builds every object, wires them, owns the shutdown order."""

    def __init__(self, args: argparse.Namespace, app: QApplication, *, store: SettingsStore | None = None,
                 factories: dict[str, Any] | None = None, setup_logs: bool = True,
                 install_crash_handler: bool = True, manage_gc: bool = True) -> None:
        from .app_core.shutdown import ShutdownSequence
        from .ui.main_window import MainWindow
        from .ui.settings_store import SettingsStore

        self.args = args
        self.app = app
        self.setup_logs = setup_logs
        self.install_crash_handler = install_crash_handler
        self.manage_gc = manage_gc
        self.gc: Any = None
        self.store = store if store is not None else SettingsStore()
        self.settings = self.store.load()
        # the interface language (the setting, or the system's), before any window is built
        from .ui.i18n import install as install_translations

        self.language = install_translations(self.settings.language)
        if self.settings.theme != "system":
            from .ui.theme import apply_theme

            apply_theme(app, self.settings.theme)
        elif self.store.value(SYSTEM_SCHEME_KEY) == "dark":
            # the desktop was dark last time: the first frame is dark too (the desktop's preference
            # itself is read after the first frame, see start(): reading it costs ~40 ms)
            from .ui.theme import apply_theme

            apply_theme(app, "system", "dark")
        self._dirs: Any = None
        self._keystore: Any = None
        # in sandbox mode nothing about keys is needed for the first frame
        welcome = (not args.sandbox and not self.keystore.names() and not self._vimmerse_profiles()
                   and not self._varg_profiles())
        if factories is None:
            from .ui.tools import default_factories

            factories = default_factories()
        self.window = MainWindow(factories, self.store, sandbox=bool(args.sandbox), welcome=welcome)
        self.window.quitRequested.connect(self.request_quit)
        # the file opener and the tools' options are made after the first frame (wait_first_paint;
        # their modules cost ~15 ms before it), or at their first use, whichever comes first
        self._opener: Any = None
        self._options: Any = None
        #: the single-instance server (set by main(); None with --new-instance or in tests)
        self.instance: Any = None
        self.window.settingsApplied.connect(self.apply_settings)
        self.shutdown = ShutdownSequence()
        self.session: Session | None = None
        self.provider_status: Any = None
        self.ctx: ToolContext | None = None
        self.crash: CrashHandler | None = None
        self.log_file: Any = None
        self._quit_event: asyncio.Event | None = None
        self._quit_requested = False
        self.started = False
        #: called with this controller once the session exists (before it connects)
        self.on_session: list[Any] = []

    @property
    def dirs(self) -> Any:
        if self._dirs is None:
            from .core.settings import app_dirs

            self._dirs = app_dirs()
        return self._dirs

    @property
    def keystore(self) -> Any:
        """The KeyStore (reads only the profile names file; the keyring is touched on demand)."""
        if self._keystore is None:
            from .core.keystore import KeyStore

            self._keystore = KeyStore(self.dirs.config)
        return self._keystore

    def _vimmerse_profiles(self) -> list[str]:
        """The Vimmerse profile names (a small JSON file and ``VIMMERSE_API_KEY``; no keyring)."""
        from .core.keystore import KeyStore
        from .core.providers import VIMMERSE

        return KeyStore(self.dirs.config, provider=VIMMERSE).names()

    def _varg_profiles(self) -> list[str]:
        """The varg profile names (``profiles-varg.json`` and ``VARG_API_KEY``; no keyring)."""
        from .core.keystore import KeyStore
        from .core.providers import VARG

        return KeyStore(self.dirs.config, provider=VARG).names()

    # -- showing -------------------------------------------------------------------------------
    def show(self) -> None:
        self.window.restore_window_state()
        self.window.show()

    def wait_first_paint(self, timeout: float = 3.0) -> bool:
        """Pump Qt events until the first frame is painted (before any slow import); then the file
        opener and the tools' options exist."""
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while not self.window.first_frame_done and time.monotonic() < deadline:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        # the icon every window gets (the task bar, the about box): just after the first frame, whose
        # time its module and files cost (~4 ms); the window shows it at once
        from .ui.icon import app_icon

        self.app.setWindowIcon(app_icon())
        _ = self.opener, self.options
        return self.window.first_frame_done

    @property
    def opener(self) -> Any:
        """Opens files given on the command line or by another launch (ui/single_instance.py)."""
        if self._opener is None:
            from .ui.open_files import FileOpener

            self._opener = FileOpener(self.window)
        return self._opener

    @property
    def options(self) -> Any:
        """Each tool's options, put back when its tab is built (or now, for a tab built already)
        and kept at quit."""
        if self._options is None:
            from .ui.tool_options import ToolOptions

            self._options = ToolOptions(self.window)
        return self._options

    # -- services ------------------------------------------------------------------------------
    async def start(self) -> None:
        """Build the services and connect. Runs on the qasync loop, after the first paint."""
        import asyncio
        import logging

        from PySide6.QtCore import QCoreApplication

        from .api.varg.client import VargClient
        from .api.varg.uploads import UploadMemory
        from .api.verging.client import VergingClient
        from .api.vimmerse.client import VimmerseClient
        from .app_core import shutdown as sd
        from .app_core.logsetup import flush_logging, setup_logging
        from .core.consent import ConsentStore
        from .core.errors import VergingError
        from .core.pricing import Pricing
        from .core.providers import VARG, VIMMERSE
        from .core.submissions import SubmissionRegistry
        from .ui.context import HandoffBus, ToolContext
        from .ui.crash import CrashHandler
        from .ui.session import Session

        if self.setup_logs:
            verbose = bool(getattr(self.args, "verbose", False) or getattr(self.args, "debug", False))
            self.log_file = setup_logging(self.dirs.log, debug=verbose, verbose=verbose)
        log = logging.getLogger("verging_desktop.app")
        log.info("starting (sandbox=%s)", bool(self.args.sandbox))

        # macOS: files opened with the app arrive as QFileOpenEvents (a Python event filter on the
        # application before the first frame would wrap each of its events: not before)
        self.app.installEventFilter(self.opener)
        # the desktop's light/dark preference, followed from now on while the theme is "system"
        from .ui.theme import follow_system_scheme

        follow_system_scheme(self.app, lambda scheme: self.store.set_value(SYSTEM_SCHEME_KEY, scheme))

        self.crash = CrashHandler(lambda: self.window)
        if self.install_crash_handler:
            self.crash.install(asyncio.get_running_loop())
        if self.manage_gc:
            from .ui.gc_guard import GuiThreadGarbageCollector

            self.gc = GuiThreadGarbageCollector()
            self.gc.install()

        translate = QCoreApplication.translate
        messages: list[str] = []
        try:
            pricing = Pricing.load(self.dirs.config, self.settings.pricing_table)
        except VergingError as e:
            messages.append(translate("AppController", "%1 Using the built-in prices.").replace("%1", str(e)))
            pricing = Pricing.default()
        client = VergingClient(None, self.settings.effective_base_url())
        # one long-lived Vimmerse client: the session sets its key and base URL (VimmerseLink)
        try:
            vimmerse = VimmerseClient(None, self.settings.effective_vimmerse_url())
        except VergingError as e:  # VIMMERSE_BASE_URL (or the setting) is not a web address
            messages.append(translate("AppController", "%1 Using %2.", "an error, then the web address used instead")
                            .replace("%1", str(e)).replace("%2", VIMMERSE.base_url))
            vimmerse = VimmerseClient(None, VIMMERSE.base_url)
        # one long-lived varg client (VargLink sets its key, base URL, upload scope and provider keys);
        # the hashes of files it uploaded and their URLs (no secret) are remembered in the data folder
        uploads = UploadMemory(self.dirs.data / "varg_uploads.json")
        try:
            varg = VargClient(None, self.settings.effective_varg_url(), uploads=uploads)
        except VergingError as e:  # VARG_BASE_URL (or the setting) is not a web address
            messages.append(translate("AppController", "%1 Using %2.", "an error, then the web address used instead")
                            .replace("%1", str(e)).replace("%2", VARG.base_url))
            varg = VargClient(None, VARG.base_url, uploads=uploads)
        self.session = session = Session(client, self.keystore, pricing, self.settings, on_crash=self.crash.report,
                                         sandbox_factory=_sandbox_factory, vimmerse=vimmerse, varg=varg,
                                         data_dir=self.dirs.data)
        # every provider's uploads feed one upload-rate estimate (uplink.json in the data folder)
        from .core.uplink import UplinkEstimator

        self.uplink = UplinkEstimator.in_dir(self.dirs.data)
        session.core.uplink = client.uplink = vimmerse.uplink = varg.uplink = self.uplink
        # the typed context every tab gets: the session (its client), the consent store, the hand-off
        # bus (the window registers in attach()), the submissions registry; the job queue is added
        # below (the sandbox factory went to the session, the only one that starts the sandbox)
        self.ctx = ToolContext(session=session, store=self.store, shutdown=self.shutdown,
                               dirs=self.dirs, consent=ConsentStore(), handoff=HandoffBus(),
                               submissions=SubmissionRegistry(), open_job=self.window.open_job,
                               open_keys=self._open_keys_for)

        # the ordered shutdown; later issues insert "stop-job-queue" and "stop-ffmpeg" before CLOSE_HTTP
        self.shutdown.add(sd.SAVE_UI_STATE, self._save_ui_state)
        self.shutdown.add(sd.CANCEL_TASKS, session.cancel_tasks)
        self.shutdown.add(sd.CLOSE_HTTP, session.aclose)  # every client: Verging's, Vimmerse's and varg's
        self.shutdown.add(sd.STOP_SANDBOX, session.stop_sandbox, timeout=10.0)
        self.shutdown.add(sd.FLUSH_LOGS, self._final_step)

        # the job queue: its own database per connection (live or sandbox), stopped before HTTP closes
        from .ui.jobs.service import JobsService

        jobs = JobsService(self.ctx, icon=self.app.windowIcon(), looking=self.window.looking_at)
        self.ctx.jobs = jobs
        jobs.badgesChanged.connect(self.window.set_badges)
        jobs.notified.connect(lambda title, text: self.window.show_message(
            translate("AppController", "%1: %2", "a notification's title and text, in the status bar")
            .replace("%1", title).replace("%2", text)))
        self.window.tabShown.connect(lambda title: _seen(jobs, title))
        self.shutdown.add("stop-job-queue", jobs.stop, before=sd.CLOSE_HTTP, timeout=10.0)

        # the status bar's Vimmerse line: what it charged this month (it publishes no balance)
        from .ui.provider_status import ProviderStatus

        self.provider_status = ProviderStatus(session, jobs, self.window.status, open_keys=self._open_keys_for,
                                              open_usage=self._open_usage_for)
        self.provider_status.changed.connect(self._provider_figures_changed)

        self.window.attach(self.ctx)
        self.opener.attach()  # the files given on the command line, now that the tabs can take them
        for cb in self.on_session:
            cb(self)
        for m in messages:
            self.window.show_message(m)
        self.started = True
        try:
            if self.args.sandbox:
                await session.start_sandbox(getattr(self.args, "sandbox_data", None))
            else:
                await session.use_profile()
        except VergingError as e:
            self.window.show_message(str(e))
        except Exception as e:  # the sandbox failed to start, for example
            self.crash.report(e, "while starting")
        jobs.start()
        flush_logging()

    def _save_ui_state(self) -> None:
        """The window's geometry, docks and tool, and each tool's options."""
        self.window.save_window_state()
        self.options.save_all()

    def _open_keys_for(self, provider_id: str) -> None:
        dlg = self.window.open_keys_dialog()
        if dlg is not None:
            dlg.show_provider(provider_id)

    def _open_usage_for(self, provider_id: str) -> None:
        dlg = self.window.open_account_dialog()
        if dlg is not None:
            dlg.show_provider(provider_id)

    def _provider_figures_changed(self) -> None:
        dlg = self.window.account_dialog
        if dlg is not None and dlg.provider != "verging":
            dlg.schedule_reload()

    def _final_step(self) -> None:
        from .app_core.logsetup import flush_logging

        if self.crash is not None:
            self.crash.uninstall()
        if self.gc is not None:
            self.gc.uninstall()
        flush_logging()

    def apply_settings(self, s: Any) -> None:
        try:
            self.store.save(s)
        except ValueError as e:
            self.window.show_message(str(e))
            return
        self.settings = s
        self.window.apply_settings(s)
        if self.session is not None:
            self.session.apply_settings(s)

    # -- running -------------------------------------------------------------------------------
    def request_quit(self) -> None:
        self._quit_requested = True
        if self._quit_event is not None:
            self._quit_event.set()

    async def run(self) -> None:
        """Start, wait until quit is requested, shut down in order."""
        import asyncio

        self._quit_event = asyncio.Event()
        if self._quit_requested:
            self._quit_event.set()
        try:
            await self.start()
        except Exception as e:
            if self.crash is not None:
                self.crash.report(e, "while starting")
            else:
                raise
        await self._quit_event.wait()
        await self.close()

    async def close(self) -> None:
        if self.instance is not None:  # a launch from now on starts its own window
            self.instance.close()
        self.app.removeEventFilter(self.opener)
        if self.window.isVisible():
            self.window.save_window_state()
            self.window.hide()
        await self.shutdown.run()


def _install_qt_message_handler() -> None:
    from .ui.logsetup import install_qt_message_handler

    install_qt_message_handler()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        from .app_core import desktop_entry

        return desktop_entry.main_install() if args.install_desktop_entry else desktop_entry.main_uninstall()
    probe = os.environ.get(PROBE_ENV, "").strip().lower()

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from .ui.settings_store import APPLICATION, ORGANIZATION

    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *args.qt_args])
    app.setQuitOnLastWindowClosed(False)
    # the desktop entry's id (Wayland's app_id, the task bar's grouping) and the icon every window gets
    # (the icon itself is set at the first frame: AppController.wait_first_paint)
    from . import APP_ID

    app.setDesktopFileName(APP_ID)

    # one window per user: files given while the app runs go to its window (--new-instance: not);
    # (the start-up probes claim too: the benchmark times what a user's start does)
    instance = None
    if not args.new_instance:
        from .ui.single_instance import claim, configuration_root, instance_name

        files = []
        if args.files:
            from .core.open_files import local_path

            files = [local_path(f) for f in args.files]
        instance = claim(instance_name(configuration_root()), files)
        if instance is None:
            return 0  # the running window took the files and raised itself

    ctl = AppController(args, app)
    if instance is not None:
        ctl.instance = instance
        instance.filesReceived.connect(lambda *sent: ctl.opener.open_paths(*sent))
    if probe:
        ctl.window.firstPainted.connect(
            lambda: print(f"{FIRST_PAINT_MARKER} {time.perf_counter() - _T0:.4f}", flush=True))
    ctl.show()
    ctl.wait_first_paint()
    if args.files:
        ctl.opener.open_paths(args.files)  # opened once the services exist
    if probe and probe not in ("ready", "full", "stay"):
        ctl.window.hide()
        return 0

    _install_qt_message_handler()
    import asyncio

    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    if probe in ("ready", "full", "stay"):
        def ready(state: str) -> None:
            if state != "connecting":
                print(f"{READY_MARKER} {time.perf_counter() - _T0:.4f} state={state}", flush=True)
                if probe != "stay":
                    ctl.request_quit()

        ctl.on_session.append(lambda c: c.session.stateChanged.connect(ready))
    try:
        with loop:
            loop.run_until_complete(ctl.run())
    except KeyboardInterrupt:
        return 130
    finally:
        from .app_core.logsetup import close_logging

        close_logging()
    return 0


if __name__ == "__main__":
    sys.exit(main())
