"""The connection to Verging as seen by the UI: a QObject around :class:`SessionCore`.

The state machine (states, profile and mode switching, balance reads, error -> state mapping,
the embedded sandbox) is :mod:`verging_desktop.app_core.session`, Qt-free; this adapter owns the
signals and the QTimer of the periodic balance read, and forwards everything else to the core.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from ..app_core.session import (  # noqa: F401  (the states are part of this module's API)
    CONNECTING,
    KEY_PROBLEM,
    LIVE,
    NO_KEY,
    OFFLINE,
    OFFLINE_RETRY,
    REFRESH_INTERVAL,
    SANDBOX,
    STATE_LABELS,
    SandboxFactory,
    SessionCore,
)
from ..core.keystore import KeyStore, Profile
from ..core.pricing import Pricing
from ..core.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.client import VargClient
    from ..api.varg.models import Balance
    from ..api.verging.client import VergingClient
    from ..api.verging.models import Account, ApiKeyInfo, KeyValidation, UsagePage
    from ..api.vimmerse.client import VimmerseClient
    from ..core.varg_pricing import VargPricing
    from ..core.vimmerse_pricing import VimmersePricing
    from ..services.varg_cost import VargCost

T = TypeVar("T")


class _Signals:
    """The core's listener: each call becomes the adapter's signal (a weak reference, no cycle)."""

    def __init__(self, session: Session) -> None:
        self._session = weakref.ref(session)

    def _emit(self, name: str, *args: Any) -> None:
        s = self._session()
        if s is not None:
            getattr(s, name).emit(*args)

    def state_changed(self, state: str) -> None:
        self._emit("stateChanged", state)

    def account_changed(self, account: Any) -> None:
        self._emit("accountChanged", account)

    def mode_changed(self, mode: str) -> None:
        self._emit("modeChanged", mode)

    def profiles_changed(self) -> None:
        self._emit("profilesChanged")

    def key_problem(self, text: str) -> None:
        self._emit("keyProblem", text)

    def message(self, text: str) -> None:
        self._emit("message", text)

    def settings_changed(self, settings: Settings) -> None:
        self._emit("settingsChanged", settings)

    def sandbox_changed(self, sandbox: Any) -> None:
        self._emit("sandboxChanged", sandbox)

    def connection_changed(self, connection: int) -> None:
        self._emit("connectionChanged", connection)

    def vimmerse_changed(self, connection: int) -> None:
        self._emit("vimmerseChanged", connection)

    def vimmerse_problem(self, text: str) -> None:
        self._emit("vimmerseProblem", text)

    def varg_changed(self, connection: int) -> None:
        self._emit("vargChanged", connection)

    def varg_problem(self, text: str) -> None:
        self._emit("vargProblem", text)

    def varg_balance_changed(self, balance: Any) -> None:
        self._emit("vargBalanceChanged", balance)


class _QtTicker:
    """The core's ticker: a QTimer (milliseconds)."""

    def __init__(self, timer: QTimer) -> None:
        self.timer = timer

    def set_interval(self, seconds: float) -> None:
        self.timer.setInterval(int(seconds * 1000))

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()


def _forward(name: str) -> property:
    """An attribute of the core, read and written through the adapter."""
    return property(lambda self: getattr(self.core, name), lambda self, v: setattr(self.core, name, v),
                    doc=f"The core's ``{name}``.")


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
        vimmerseChanged(int): Vimmerse's server or key changed (a switch of mode or of Vimmerse
            profile, a new Vimmerse URL); the new Vimmerse connection number.
        vimmerseProblem(str): Vimmerse refused the key in use (once per key); the text says what to do.
        vargChanged(int): varg's server, key or provider keys changed, or its account became known
            (``/me`` answered: the same number again); the varg connection number.
        vargProblem(str): varg refused the key in use (once per key).
        vargBalanceChanged(object): varg's :class:`Balance` was read (None: unknown, or no key).

    Each connection (a server and a key) has a number, :attr:`connection`. A balance read started
    on an earlier connection that ends after a switch is dropped, so the account of one server is
    never taken for another's; :meth:`connection_client` gives a client of its own to work that
    must stay on one connection (the job queue). The embedded sandbox is built by
    ``sandbox_factory`` (``app.py`` passes it); without one, :meth:`start_sandbox` says so.
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
    vimmerseChanged = Signal(int)
    vimmerseProblem = Signal(str)
    vargChanged = Signal(int)
    vargProblem = Signal(str)
    vargBalanceChanged = Signal(object)

    client = _forward("client")
    keystore = _forward("keystore")
    pricing = _forward("pricing")
    settings = _forward("settings")
    tasks = _forward("tasks")
    mode = _forward("mode")
    state = _forward("state")
    account = _forward("account")
    profile = _forward("profile")
    sandbox = _forward("sandbox")
    sandbox_url = _forward("sandbox_url")
    sandbox_data_dir = _forward("sandbox_data_dir")
    connection = _forward("connection")
    vim = _forward("vim")
    varg_link = _forward("varg_link")

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
        sandbox_factory: SandboxFactory | None = None,
        vimmerse: VimmerseClient | None = None,
        vimmerse_keystore: KeyStore | None = None,
        vimmerse_factory: Callable[[str | None, str], VimmerseClient] | None = None,
        varg: VargClient | None = None,
        varg_keystore: KeyStore | None = None,
        varg_factory: Callable[[str | None, str], VargClient] | None = None,
        data_dir: str | Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self.core = SessionCore(client, keystore, pricing, settings, listener=_Signals(self),
                                ticker=_QtTicker(self._timer), on_crash=on_crash,
                                refresh_interval=refresh_interval, client_factory=client_factory,
                                sandbox_factory=sandbox_factory, vimmerse=vimmerse,
                                vimmerse_keystore=vimmerse_keystore, vimmerse_factory=vimmerse_factory,
                                varg=varg, varg_keystore=varg_keystore, varg_factory=varg_factory,
                                data_dir=data_dir)
        self._timer.timeout.connect(self.core.tick)

    # -- tasks ---------------------------------------------------------------------------
    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        """Start a coroutine whose handle is kept (and cancelled on quit)."""
        return self.core.spawn(coro, name=name)

    # -- state ---------------------------------------------------------------------------
    @property
    def live_base_url(self) -> str:
        return self.core.live_base_url

    @property
    def in_sandbox(self) -> bool:
        return self.core.in_sandbox

    @property
    def has_key(self) -> bool:
        return self.core.has_key

    # -- vimmerse ----------------------------------------------------------------------------
    @property
    def vimmerse(self) -> VimmerseClient:
        """The one Vimmerse client (its key and base URL follow the session)."""
        return self.core.vimmerse

    @property
    def vimmerse_keystore(self) -> KeyStore:
        return self.core.vimmerse_keystore

    @property
    def vimmerse_account(self) -> str:
        """Who the Vimmerse jobs belong to (``vimmerse|server|profile``; "" without a key)."""
        return self.core.vimmerse_account

    @property
    def vimmerse_connection(self) -> int:
        return self.core.vimmerse_connection

    @property
    def vimmerse_profile(self) -> str | None:
        """The Vimmerse profile in use (None: no key, or the sandbox's)."""
        return self.core.vim.profile

    @property
    def vimmerse_problem(self) -> str:
        """Why there is no Vimmerse key although one was expected ("" when fine)."""
        return self.core.vim.problem

    @property
    def live_vimmerse_url(self) -> str:
        return self.core.live_vimmerse_url

    @property
    def vimmerse_pricing(self) -> VimmersePricing:
        return self.core.vimmerse_pricing

    def key_of(self, provider_id: str) -> bool:
        """Whether there is a key for ``provider_id`` (the sandbox's in sandbox mode)."""
        return self.core.key_of(provider_id)

    def vimmerse_connection_client(self) -> VimmerseClient:
        """A new Vimmerse client for the current Vimmerse connection; the caller closes it."""
        return self.core.vimmerse_connection_client()

    async def use_vimmerse_profile(self, name: str | None = None) -> bool:
        return await self.core.use_vimmerse_profile(name)

    async def add_vimmerse_key(self, name: str, key: str, *, session_only: bool = False,
                               activate: bool = True) -> Profile:
        """Check a Vimmerse key with Vimmerse and store it (see :meth:`SessionCore.add_vimmerse_key`)."""
        return await self.core.add_vimmerse_key(name, key, session_only=session_only, activate=activate)

    async def remove_vimmerse_profile(self, name: str) -> None:
        await self.core.remove_vimmerse_profile(name)

    # -- varg ------------------------------------------------------------------------------------
    @property
    def varg(self) -> VargClient:
        """The one varg client (its key, base URL and provider keys follow the session)."""
        return self.core.varg

    @property
    def varg_keystore(self) -> KeyStore:
        return self.core.varg_keystore

    def byok_keystore(self, kid: str) -> KeyStore:
        return self.core.byok_keystore(kid)

    @property
    def varg_account(self) -> str:
        """Who the varg jobs belong to ("" without a key, or before ``/me`` answered)."""
        return self.core.varg_account

    @property
    def varg_connection(self) -> int:
        return self.core.varg_connection

    @property
    def varg_profile(self) -> str | None:
        """The varg profile in use (None: no key, or the sandbox's)."""
        return self.core.varg_link.profile

    @property
    def varg_problem(self) -> str:
        """Why there is no varg key although one was expected, or varg refused it ("" when fine)."""
        return self.core.varg_link.problem

    @property
    def varg_balance(self) -> Balance | None:
        return self.core.varg_balance

    @property
    def varg_balance_error(self) -> str:
        """Why varg's balance could not be read ("" when it was)."""
        return self.core.varg_link.balance_error

    @property
    def live_varg_url(self) -> str:
        return self.core.live_varg_url

    @property
    def varg_pricing(self) -> VargPricing:
        return self.core.varg_pricing

    @property
    def varg_cost(self) -> VargCost:
        return self.core.varg_cost

    def varg_connection_client(self) -> VargClient:
        """A new varg client for the current varg connection; the caller closes it."""
        return self.core.varg_connection_client()

    def refresh_varg_balance(self) -> asyncio.Task[Balance | None] | None:
        return self.core.refresh_varg_balance()

    def byok_keys(self) -> frozenset[str]:
        return self.core.byok_keys()

    async def set_byok_key(self, kid: str, key: str | None, *, session_only: bool = False) -> Profile | None:
        return await self.core.set_byok_key(kid, key, session_only=session_only)

    async def use_varg_profile(self, name: str | None = None) -> bool:
        return await self.core.use_varg_profile(name)

    async def add_varg_key(self, name: str, key: str, *, session_only: bool = False,
                           activate: bool = True) -> Profile:
        """Check a varg key with ``GET /me`` and store it (see :meth:`SessionCore.add_varg_key`)."""
        return await self.core.add_varg_key(name, key, session_only=session_only, activate=activate)

    async def remove_varg_profile(self, name: str) -> None:
        await self.core.remove_varg_profile(name)

    # -- account ---------------------------------------------------------------------------
    def refresh_account(self) -> asyncio.Task[Account | None] | None:
        """Read the account and balance again. Calls made while one is running are merged."""
        return self.core.refresh_account()

    async def wait_refreshed(self) -> Account | None:
        return await self.core.wait_refreshed()

    # -- profiles (live mode) ----------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        return self.core.profiles()

    async def use_profile(self, name: str | None = None) -> Account | None:
        """Use a stored profile (the active one by default) against the live server."""
        return await self.core.use_profile(name)

    def connection_client(self) -> VergingClient:
        """A new client for the current connection (see :meth:`SessionCore.connection_client`)."""
        return self.core.connection_client()

    async def validate(self, key: str, base_url: str | None = None) -> KeyValidation:
        """Ask the server whether ``key`` is valid, with a temporary client (the session's key is untouched)."""
        return await self.core.validate(key, base_url)

    async def add_key(self, name: str, key: str, *, session_only: bool = False, validate: bool = True,
                      activate: bool = True) -> Profile:
        """Validate and store a key (see :meth:`SessionCore.add_key`)."""
        return await self.core.add_key(name, key, session_only=session_only, validate=validate, activate=activate)

    async def remove_profile(self, name: str) -> None:
        await self.core.remove_profile(name)

    # -- remote keys ------------------------------------------------------------------------
    async def list_remote_keys(self) -> list[ApiKeyInfo]:
        return await self.core.list_remote_keys()

    async def revoke_remote_key(self, key_id: str) -> None:
        await self.core.revoke_remote_key(key_id)

    async def usage(self, service_type: str | None = None, page: int = 1, page_size: int = 20) -> UsagePage:
        return await self.core.usage(service_type, page, page_size)

    # -- sandbox mode ------------------------------------------------------------------------
    async def start_sandbox(self, data_dir: str | Path | None = None, *, credits: float = 1000) -> Account | None:
        """Start an embedded sandbox and use it (see :meth:`SessionCore.start_sandbox`)."""
        return await self.core.start_sandbox(data_dir, credits=credits)

    async def use_sandbox(self) -> Account | None:
        return await self.core.use_sandbox()

    async def leave_sandbox(self) -> Account | None:
        return await self.core.leave_sandbox()

    async def stop_sandbox(self) -> None:
        await self.core.stop_sandbox()

    # -- settings ----------------------------------------------------------------------------
    def apply_settings(self, s: Settings) -> None:
        self.core.apply_settings(s)

    # -- shutdown ----------------------------------------------------------------------------
    async def cancel_tasks(self) -> None:
        await self.core.cancel_tasks()

    async def aclose(self) -> None:
        await self.core.aclose()
