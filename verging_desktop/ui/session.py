"""The connection to Verging as seen by the UI: which key, which server, the account and balance.

One :class:`Session` owns the long-lived :class:`VergingClient` (its ``base_url`` and
``api_key`` change when switching profile or entering sandbox mode), the :class:`KeyStore`, the
pricing table, the settings, an optional embedded sandbox, and the handles of every task the
UI starts. Keyring calls run in a worker thread; network calls are async, so nothing freezes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.errors import (
    ApiError,
    AuthError,
    ConnectionFailed,
    InputError,
    KeyringUnavailable,
    RequestTimeout,
    VergingError,
)
from ..core.keystore import KeyStore, Profile
from ..core.pricing import Pricing
from ..core.redact import redact
from ..core.settings import Settings
from .plural import credits as _credits
from .tasks import TaskTracker

if TYPE_CHECKING:  # pragma: no cover
    from ..api.verging.client import VergingClient
    from ..api.verging.models import Account, ApiKeyInfo, KeyValidation, UsagePage

log = logging.getLogger("verging_desktop.ui.session")
T = TypeVar("T")

# connection states shown in the status bar
CONNECTING = "connecting"
LIVE = "live"
SANDBOX = "sandbox"
OFFLINE = "offline"
KEY_PROBLEM = "key_problem"
NO_KEY = "no_key"

STATE_LABELS = {
    CONNECTING: "Connecting…",
    LIVE: "Live",
    SANDBOX: "Sandbox",
    OFFLINE: "Offline",
    KEY_PROBLEM: "Key problem",
    NO_KEY: "No API key",
}

#: how often the balance is re-read when nothing else asked for it (seconds)
REFRESH_INTERVAL = 180.0
#: how often an offline session tries again
OFFLINE_RETRY = 30.0


#: ``1 credit``, ``15 credits``, ``0.5 credits`` (Qt's %n plural forms: :func:`ui.plural.credits`)
format_credits = _credits


class Session(QObject):
    """The account connection.

    Signals:
        stateChanged(str): one of CONNECTING, LIVE, SANDBOX, OFFLINE, KEY_PROBLEM, NO_KEY.
        accountChanged(object): the :class:`Account` after each successful read (or None).
        modeChanged(str): "live" or "sandbox".
        profilesChanged(): a profile was added, removed or made active.
        keyProblem(str): the server refused the key (401); the text says why.
        message(str): a readable line for the status bar (errors a person can act on).
        settingsChanged(object): new :class:`Settings` were applied.
        sandboxChanged(object): the embedded sandbox started (the object) or stopped (None).
        connectionChanged(int): the server or the key changed; the number of the new connection.

    Each connection (a server and a key) has a number, :attr:`connection`. A balance read started
    on an earlier connection that ends after a switch is dropped, so the account of one server is
    never taken for another's; :meth:`connection_client` gives a client of its own to work that
    must stay on one connection (the job queue).
    """

    stateChanged = Signal(str)
    accountChanged = Signal(object)
    modeChanged = Signal(str)
    profilesChanged = Signal()
    keyProblem = Signal(str)
    message = Signal(str)
    settingsChanged = Signal(object)
    sandboxChanged = Signal(object)
    connectionChanged = Signal(int)

    def __init__(
        self,
        client: VergingClient,
        keystore: KeyStore,
        pricing: Pricing,
        settings: Settings,
        *,
        on_crash: Callable[[BaseException], None] | None = None,
        refresh_interval: float = REFRESH_INTERVAL,
        client_factory: Callable[[str | None, str], VergingClient] | None = None,
        sandbox_factory: Callable[..., Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.keystore = keystore
        self.pricing = pricing
        self.settings = settings
        self.tasks = TaskTracker(on_message=self.message.emit, on_crash=on_crash)
        self.mode = "live"
        self.state = CONNECTING
        self.account: Account | None = None
        self.profile: str | None = None
        self.sandbox: Any = None
        self.sandbox_url = ""
        #: the folder the sandbox keeps its data in (``--sandbox-data``), once given: entering the
        #: sandbox again uses it again (same jobs, balance and results); None: a new temporary one
        self.sandbox_data_dir: str | None = None
        self._sandbox_stopping: asyncio.Task[None] | None = None
        self._client_factory = client_factory
        self._sandbox_factory = sandbox_factory
        self._refresh_task: asyncio.Task[Account | None] | None = None
        self._refresh_again = False
        self._closed = False
        #: the number of the current connection (server and key); see :meth:`_new_connection`
        self.connection = 0
        client.on_error = self._on_error
        client.on_charge = self._on_charge
        self._timer = QTimer(self)
        self._timer.setInterval(int(refresh_interval * 1000))
        self._timer.timeout.connect(self._periodic)
        self._refresh_interval = refresh_interval

    # -- tasks ---------------------------------------------------------------------------
    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        """Start a coroutine whose handle is kept (and cancelled on quit)."""
        return self.tasks.spawn(coro, name=name)

    # -- state ---------------------------------------------------------------------------
    @property
    def live_base_url(self) -> str:
        return self.settings.effective_base_url()

    @property
    def in_sandbox(self) -> bool:
        return self.mode == "sandbox"

    @property
    def has_key(self) -> bool:
        return self.client.has_key

    def _set_state(self, state: str) -> None:
        if state != self.state:
            log.info("connection state: %s -> %s", self.state, state)
            self.state = state
            self.stateChanged.emit(state)
        self._timer.setInterval(int((OFFLINE_RETRY if state == OFFLINE else self._refresh_interval) * 1000))

    def _ok_state(self) -> str:
        return SANDBOX if self.in_sandbox else LIVE

    def _on_error(self, err: ApiError) -> None:
        """Called by the client for every error the API answers (synchronously, in the task)."""
        if isinstance(err, AuthError):
            first = self.state != KEY_PROBLEM
            self._set_state(KEY_PROBLEM)
            if first:
                who = f"The key of profile '{self.profile}'" if self.profile and not self.in_sandbox else "The API key"
                self.keyProblem.emit(f"{who} was refused: {redact(err.message)}")
        elif isinstance(err, (ConnectionFailed, RequestTimeout)):
            self._set_state(OFFLINE)

    def _on_charge(self, _balance: float | None) -> None:
        """A paid request ended: read the balance again (coalesced)."""
        if self._closed:
            return
        try:
            asyncio.get_running_loop().call_soon(self.refresh_account)
        except RuntimeError:  # called outside the loop (not by the client): refresh at once
            self.refresh_account()

    def _periodic(self) -> None:
        if self.client.has_key and not self._closed:
            self.refresh_account()

    # -- account ---------------------------------------------------------------------------
    def refresh_account(self) -> asyncio.Task[Account | None] | None:
        """Read the account and balance again. Calls made while one is running are merged."""
        if self._closed:
            return None
        if self._refresh_task is not None and not self._refresh_task.done():
            self._refresh_again = True
            return self._refresh_task
        self._refresh_task = self.spawn(self._refresh_loop(), name="refresh-account")
        return self._refresh_task

    async def _refresh_loop(self) -> Account | None:
        acct = await self._refresh_once()
        while self._refresh_again:
            self._refresh_again = False
            acct = await self._refresh_once()
        return acct

    async def _refresh_once(self) -> Account | None:
        if not self.client.has_key:
            self.account = None
            self.accountChanged.emit(None)
            self._set_state(NO_KEY)
            return None
        conn = self.connection
        try:
            acct = await self.client.me()
        except AuthError:
            return None  # _on_error marked the key problem
        except (ConnectionFailed, RequestTimeout) as e:
            if conn != self.connection:
                return None  # an earlier connection's read: it says nothing about this one
            self._set_state(OFFLINE)
            self.message.emit(str(e))
            return None
        except ApiError as e:
            if conn == self.connection:
                self.message.emit(f"Could not read the balance: {e}")
            return None
        if conn != self.connection:
            log.info("a balance read of an earlier connection was dropped")
            return None
        self.account = acct
        self._set_state(self._ok_state())
        self.accountChanged.emit(acct)
        return acct

    async def wait_refreshed(self) -> Account | None:
        t = self.refresh_account()
        return await t if t is not None else None

    # -- profiles (live mode) ----------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        return self.keystore.profiles()

    async def use_profile(self, name: str | None = None) -> Account | None:
        """Use a stored profile (the active one by default) against the live server."""
        if name is not None:
            await asyncio.to_thread(self.keystore.set_active, name)
        name = self.keystore.active
        key: str | None = None
        if name is not None:
            try:
                key = await asyncio.to_thread(self.keystore.get, name)
            except KeyringUnavailable as e:
                self._switch_live(None, name)
                self._set_state(KEY_PROBLEM)
                self.keyProblem.emit(str(e))
                self.profilesChanged.emit()
                return None
        self._switch_live(key, name)
        self.profilesChanged.emit()
        if not key:
            if name is not None:
                self._set_state(KEY_PROBLEM)
                self.keyProblem.emit(f"The key of profile '{name}' is missing from the OS keyring. Add it again.")
            else:
                self._set_state(NO_KEY)
            self.account = None
            self.accountChanged.emit(None)
            return None
        return await self.wait_refreshed()

    def _switch_live(self, key: str | None, name: str | None) -> None:
        was_sandbox = self.in_sandbox
        self.mode = "live"
        self.profile = name
        self.client.base_url = self.live_base_url.rstrip("/")
        self.client.api_key = key
        self.account = None
        self._new_connection()
        self._set_state(CONNECTING if key else NO_KEY)
        if was_sandbox:
            self.modeChanged.emit("live")
            self._stop_sandbox_soon()
        self.connectionChanged.emit(self.connection)
        self._timer.start()

    def _new_connection(self) -> None:
        """The server or the key changed: a new connection number (earlier reads are dropped)."""
        self.connection += 1

    def connection_client(self) -> VergingClient:
        """A new client for the current connection, whose server and key never change.

        Its errors and charges reach the session only while that connection is current. The
        caller closes it (``aclose``) when done."""
        from ..api.verging.client import VergingClient

        conn = self.connection
        if self._client_factory is not None:
            c = self._client_factory(self.client.api_key, self.client.base_url)
        else:
            c = VergingClient(self.client.api_key, self.client.base_url)
        c.retry = self.client.retry
        c.on_error = lambda e: self._on_error(e) if conn == self.connection else None
        c.on_charge = lambda b: self._on_charge(b) if conn == self.connection else None
        return c

    def _temp_client(self, key: str, base_url: str | None = None) -> VergingClient:
        if self._client_factory is not None:
            return self._client_factory(key, base_url or self.live_base_url)
        from ..api.verging.client import VergingClient

        return VergingClient(key, base_url or self.live_base_url)

    async def validate(self, key: str, base_url: str | None = None) -> KeyValidation:
        """Ask the server whether ``key`` is valid, with a temporary client (the session's key is untouched)."""
        tmp = self._temp_client(key, base_url)
        try:
            return await tmp.validate_key()
        finally:
            await tmp.aclose()

    async def add_key(self, name: str, key: str, *, session_only: bool = False, validate: bool = True,
                      activate: bool = True) -> Profile:
        """Validate ``key`` against the live server, then store it (keyring, or memory for the session).

        In sandbox mode adding a key never leaves the sandbox and never asks the live server:
        the key is stored (and made the active profile) without the server's check, and it is
        checked when the sandbox is left (:meth:`leave_sandbox` uses the active profile; a
        refused key shows as a key problem then).

        Raises InputError when the key is malformed or refused, KeyringUnavailable when the
        keyring cannot store it (the caller offers ``session_only=True``).
        """
        from ..core.keystore import check_key_format

        key = check_key_format(key)
        name = (name or "").strip()
        if not name:
            raise InputError("Give the profile a name, for example 'personal' or 'studio'.")
        if name in self.keystore.names():
            raise InputError(f"A profile named '{name}' exists already. Remove it first or choose another name.")
        if validate and not self.in_sandbox:
            result = await self.validate(key)
            if not result.valid:
                why = f" ({redact(result.message)})" if result.message else ""
                raise InputError(f"The server refused this key{why}. It was not saved. "
                                 "Check that you copied the whole key and that it is not revoked.")
        profile = await asyncio.to_thread(self.keystore.add, name, key, session_only=session_only, make_active=activate)
        log.info("profile %s added (%s)", name, profile.source)
        self.profilesChanged.emit()
        if activate and not self.in_sandbox:
            await self.use_profile(name)
        return profile

    async def remove_profile(self, name: str) -> None:
        was_active = name == self.profile and not self.in_sandbox
        await asyncio.to_thread(self.keystore.remove, name)
        self.profilesChanged.emit()
        if was_active:
            await self.use_profile()

    # -- remote keys ------------------------------------------------------------------------
    async def list_remote_keys(self) -> list[ApiKeyInfo]:
        return await self.client.list_api_keys()

    async def revoke_remote_key(self, key_id: str) -> None:
        await self.client.delete_api_key(key_id)

    async def usage(self, service_type: str | None = None, page: int = 1, page_size: int = 20) -> UsagePage:
        return await self.client.usage(service_type, page, page_size)

    # -- sandbox mode ------------------------------------------------------------------------
    async def start_sandbox(self, data_dir: str | Path | None = None, *, credits: float = 1000) -> Account | None:
        """Start an embedded sandbox (a temporary data dir unless ``data_dir``) and use it.

        The sandbox is imported, built and started in a worker thread: its server stack is
        large, and the window must stay responsive meanwhile. A data folder given once (by
        ``--sandbox-data``) is used again every time the sandbox is entered after leaving it; a
        sandbox still stopping is waited for first (never two servers on one folder).
        """
        if data_dir:
            self.sandbox_data_dir = str(data_dir)
        data_dir = self.sandbox_data_dir
        stopping = self._sandbox_stopping
        if stopping is not None and not stopping.done():
            await asyncio.wait([stopping])
        if self.sandbox is None:
            factory = self._sandbox_factory
            speed = self.settings.sandbox_speed

            def make() -> tuple[Any, str]:
                f = factory
                if f is None:
                    from ..sandbox import Sandbox as f
                sb = f(data_dir=str(data_dir) if data_dir else None, port=0, credits=credits, speed=speed)
                try:
                    url = sb.start()
                except BaseException:
                    sb.stop()
                    raise
                return sb, str(url).rstrip("/")

            sb, url = await asyncio.to_thread(make)
            if self._closed:  # quit while it was starting
                await asyncio.to_thread(sb.stop)
                return None
            self.sandbox = sb
            self.sandbox_url = url
            log.info("embedded sandbox at %s (data in %s)", url, getattr(sb, "data_dir", data_dir))
            self.sandboxChanged.emit(sb)
        return await self.use_sandbox()

    async def use_sandbox(self) -> Account | None:
        from ..sandbox import DEMO_KEY

        if self.sandbox is None:
            raise InputError("The sandbox is not running.")
        self.mode = "sandbox"
        self.profile = None
        self.client.base_url = self.sandbox_url
        self.client.api_key = DEMO_KEY
        self.account = None
        self._new_connection()
        self._set_state(CONNECTING)
        self.modeChanged.emit("sandbox")
        self.connectionChanged.emit(self.connection)
        self._timer.start()
        return await self.wait_refreshed()

    async def leave_sandbox(self) -> Account | None:
        return await self.use_profile()

    def _stop_sandbox_soon(self) -> None:
        if self.sandbox is not None and not self._closed:
            self._sandbox_stopping = self.spawn(self.stop_sandbox(), name="stop-sandbox")

    async def stop_sandbox(self) -> None:
        sb, self.sandbox = self.sandbox, None
        if sb is not None:
            await asyncio.to_thread(sb.stop)
            log.info("embedded sandbox stopped")
            self.sandboxChanged.emit(None)

    # -- settings ----------------------------------------------------------------------------
    def apply_settings(self, s: Settings) -> None:
        old = self.settings
        self.settings = replace(s)
        if s.pricing_table != old.pricing_table:
            try:
                from ..core.settings import app_dirs

                self.pricing = Pricing.load(app_dirs().config, s.pricing_table)
            except VergingError as e:
                self.message.emit(str(e))
        if not self.in_sandbox and self.client.base_url != self.live_base_url.rstrip("/"):
            self.client.base_url = self.live_base_url.rstrip("/")
            self._new_connection()
            self.connectionChanged.emit(self.connection)
            if self.client.has_key:
                self.refresh_account()
        self.settingsChanged.emit(self.settings)

    # -- shutdown ----------------------------------------------------------------------------
    async def cancel_tasks(self) -> None:
        self._closed = True
        self._timer.stop()
        await self.tasks.cancel_all()

    async def aclose(self) -> None:
        # break the session <-> client cycle so this QObject is freed now, on the GUI thread,
        # and never later by a garbage collection that happens to run in a worker thread
        self.client.on_error = None
        self.client.on_charge = None
        if not self.client.closed:
            await self.client.aclose()
