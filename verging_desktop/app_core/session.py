"""The connection to Verging, Qt-free: which key, which server, the account and balance.

:class:`SessionCore` is the state machine behind :class:`verging_desktop.ui.session.Session`
(the QObject adapter that owns the signals and the timer). It owns the long-lived
:class:`VergingClient` (its ``base_url`` and ``api_key`` change when switching profile or
entering sandbox mode), the :class:`KeyStore`, the pricing table, the settings, an optional
embedded sandbox (reached only through the injected ``sandbox_factory``), and the handles of
every task the app starts. Keyring calls run in a worker thread; network calls are async.

The Vimmerse side (:attr:`SessionCore.vimmerse`, one long-lived :class:`VimmerseClient`, its
key store and account identity) is :class:`~verging_desktop.app_core.vimmerse_link.VimmerseLink`:
it follows the mode (the sandbox's Vimmerse paths and demo key in sandbox mode, the active
Vimmerse profile or ``VIMMERSE_API_KEY`` against the settings' Vimmerse URL in live mode) and a
change is told as :meth:`SessionListener.vimmerse_changed`. The varg side (:attr:`SessionCore.varg`,
its key stores, the account read from ``/me``, the balance, the user's own provider keys) is
:class:`~verging_desktop.app_core.varg_link.VargLink` in the same way (``varg_changed``,
``varg_problem``, ``varg_balance_changed``).

What happens is told to a :class:`SessionListener` (plain method calls); the periodic balance
read is asked of a :class:`Ticker` (the adapter's QTimer; :class:`NoTicker` without one), which
calls :meth:`SessionCore.tick`.

States: CONNECTING -> LIVE or SANDBOX after a balance read; OFFLINE when the server cannot be
reached (retried every :data:`OFFLINE_RETRY` seconds); KEY_PROBLEM when the server refuses the
key (401) or the keyring cannot give it; NO_KEY when there is no key at all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..core.errors import (
    ApiError,
    AuthError,
    InputError,
    KeyringUnavailable,
    TransportError,
    VergingError,
)
from ..core.i18n import N_, _
from ..core.keystore import KeyStore, Profile
from ..core.pricing import Pricing
from ..core.providers import VARG, VERGING, VIMMERSE
from ..core.redact import redact
from ..core.settings import Settings
from ..core.uplink import UplinkSink
from .tasks import TaskTracker
from .varg_link import VargFactory, VargLink, VargSessionMixin
from .varg_link import default_factory as default_varg_factory
from .vimmerse_link import LiveKey, VimmerseFactory, VimmerseLink, VimmerseSessionMixin, default_factory

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.client import VargClient
    from ..api.varg.models import Balance
    from ..api.verging.client import VergingClient
    from ..api.verging.models import Account, ApiKeyInfo, KeyValidation, UsagePage
    from ..api.vimmerse.client import VimmerseClient

log = logging.getLogger("verging_desktop.app_core.session")
T = TypeVar("T")

# connection states shown in the status bar
CONNECTING = "connecting"
LIVE = "live"
SANDBOX = "sandbox"
OFFLINE = "offline"
KEY_PROBLEM = "key_problem"
NO_KEY = "no_key"

STATE_LABELS = {
    CONNECTING: N_("Connecting…"),
    LIVE: N_("Live"),
    SANDBOX: N_("Sandbox"),
    OFFLINE: N_("Offline"),
    KEY_PROBLEM: N_("Key problem"),
    NO_KEY: N_("No API key"),
}


def state_label(state: str) -> str:
    """The status bar's word for a connection state, in the interface's language."""
    return _(STATE_LABELS.get(state, state))

#: how often the balance is re-read when nothing else asked for it (seconds)
REFRESH_INTERVAL = 180.0
#: how often an offline session tries again
OFFLINE_RETRY = 30.0


class SandboxServer(Protocol):
    """What the session needs of an embedded sandbox (:class:`verging_desktop.sandbox.Sandbox`)."""

    #: the key the sandbox accepts for its demo account
    demo_key: str
    # a sandbox that serves Vimmerse too has ``vimmerse_url`` (``root_url + "/vimmerse"``) and
    # ``vimmerse_demo_key``: sandbox mode uses them (VimmerseLink.use_sandbox)

    def start(self) -> str: ...

    def stop(self) -> None: ...


#: builds a sandbox: ``factory(data_dir=..., port=0, credits=..., speed=...)`` (``app.py`` passes
#: one that imports :mod:`verging_desktop.sandbox` when first called)
SandboxFactory = Callable[..., SandboxServer]


class SessionListener(Protocol):
    """Told what the session did (the Qt adapter turns each call into a signal)."""

    def state_changed(self, state: str) -> None: ...

    def account_changed(self, account: Account | None) -> None: ...

    def mode_changed(self, mode: str) -> None: ...

    def profiles_changed(self) -> None: ...

    def key_problem(self, text: str) -> None: ...

    def message(self, text: str) -> None: ...

    def settings_changed(self, settings: Settings) -> None: ...

    def sandbox_changed(self, sandbox: Any) -> None: ...

    def connection_changed(self, connection: int) -> None: ...

    def vimmerse_changed(self, connection: int) -> None: ...

    def vimmerse_problem(self, text: str) -> None: ...

    def varg_changed(self, connection: int) -> None: ...

    def varg_problem(self, text: str) -> None: ...

    def varg_balance_changed(self, balance: Balance | None) -> None: ...


class SessionEvents:
    """A :class:`SessionListener` that ignores everything (subclass what you need)."""

    def state_changed(self, state: str) -> None:
        pass

    def account_changed(self, account: Account | None) -> None:
        pass

    def mode_changed(self, mode: str) -> None:
        pass

    def profiles_changed(self) -> None:
        pass

    def key_problem(self, text: str) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def settings_changed(self, settings: Settings) -> None:
        pass

    def sandbox_changed(self, sandbox: Any) -> None:
        pass

    def connection_changed(self, connection: int) -> None:
        pass

    def vimmerse_changed(self, connection: int) -> None:
        pass

    def vimmerse_problem(self, text: str) -> None:
        pass

    def varg_changed(self, connection: int) -> None:
        pass

    def varg_problem(self, text: str) -> None:
        pass

    def varg_balance_changed(self, balance: Balance | None) -> None:
        pass


class Ticker(Protocol):
    """A repeating timer that calls :meth:`SessionCore.tick` (the adapter's QTimer)."""

    def set_interval(self, seconds: float) -> None: ...

    def start(self) -> None: ...

    def stop(self) -> None: ...


class NoTicker:
    """No periodic reads: the balance is read when asked for and after each paid request."""

    interval = 0.0
    running = False

    def set_interval(self, seconds: float) -> None:
        self.interval = seconds

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


class SessionCore(VimmerseSessionMixin, VargSessionMixin):
    """The account connection's state machine (see the module docstring).

    Each connection (a server and a key) has a number, :attr:`connection`. A balance read started
    on an earlier connection that ends after a switch is dropped, so the account of one server is
    never taken for another's; :meth:`connection_client` gives a client of its own to work that
    must stay on one connection (the job queue).
    """

    def __init__(
        self,
        client: VergingClient,
        keystore: KeyStore,
        pricing: Pricing,
        settings: Settings,
        *,
        listener: SessionListener | None = None,
        ticker: Ticker | None = None,
        on_crash: Callable[[BaseException], None] | None = None,
        refresh_interval: float = REFRESH_INTERVAL,
        client_factory: Callable[[str | None, str], VergingClient] | None = None,
        sandbox_factory: SandboxFactory | None = None,
        vimmerse: VimmerseClient | None = None,
        vimmerse_keystore: KeyStore | None = None,
        vimmerse_factory: VimmerseFactory | None = None,
        varg: VargClient | None = None,
        varg_keystore: KeyStore | None = None,
        varg_factory: VargFactory | None = None,
        data_dir: str | Path | None = None,
    ) -> None:
        self.client = client
        self.keystore = keystore
        self.pricing = pricing
        self.settings = settings
        self.events: SessionListener = listener if listener is not None else SessionEvents()
        self.ticker: Ticker = ticker if ticker is not None else NoTicker()
        self.tasks = TaskTracker(on_message=self._message, on_crash=on_crash)
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
        #: the upload-rate estimate every client of this session reports to (set by the app)
        self.uplink: UplinkSink | None = None
        self._sandbox_factory = sandbox_factory
        #: a Vimmerse key was added in sandbox mode (not checked then): check it on leaving
        self._check_vimmerse_later = False
        self._refresh_task: asyncio.Task[Account | None] | None = None
        self._refresh_again = False
        self.closed = False
        #: the number of the current connection (server and key); see :meth:`_new_connection`
        self.connection = 0
        self.refresh_interval = refresh_interval
        client.on_error = self.on_error
        client.on_charge = self.on_charge
        self.ticker.set_interval(refresh_interval)
        vfactory = vimmerse_factory or default_factory
        vks = vimmerse_keystore or KeyStore(keystore.config_dir, provider=VIMMERSE, environ=keystore.environ)
        self.vim = VimmerseLink(vimmerse if vimmerse is not None else vfactory(None, settings.effective_vimmerse_url()),
                                vks, on_change=lambda n: self.events.vimmerse_changed(n),
                                on_problem=self._vimmerse_problem, factory=vfactory)
        self._vimmerse_pricing = None
        gfactory = varg_factory or default_varg_factory
        gks = varg_keystore or KeyStore(keystore.config_dir, provider=VARG, environ=keystore.environ)
        self.varg_link = VargLink(varg if varg is not None else gfactory(None, settings.effective_varg_url()), gks,
                                  on_change=lambda n: self.events.varg_changed(n), on_problem=self._varg_problem,
                                  on_balance=lambda b: self.events.varg_balance_changed(b),
                                  on_message=self._message,
                                  spawn=lambda c: self.tasks.spawn(c, name="refresh-varg"), factory=gfactory)
        self.varg_data_dir: Path | None = Path(data_dir) if data_dir is not None else None
        self._varg_base_pricing = None
        self._varg_pricing = None
        self._varg_cost = None
        self._varg_seen = None
        self._check_varg_later = False

    def _message(self, text: str) -> None:
        self.events.message(text)

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

    def set_state(self, state: str) -> None:
        if state != self.state:
            log.info("connection state: %s -> %s", self.state, state)
            self.state = state
            self.events.state_changed(state)
        self.ticker.set_interval(OFFLINE_RETRY if state == OFFLINE else self.refresh_interval)

    def ok_state(self) -> str:
        return SANDBOX if self.in_sandbox else LIVE

    def key_refused_text(self, err: ApiError) -> str:
        if self.profile and not self.in_sandbox:
            return _("The key of profile '{name}' was refused: {reason}").format(name=self.profile,
                                                                                 reason=redact(err.message))
        return _("The API key was refused: {reason}").format(reason=redact(err.message))

    def on_error(self, err: ApiError) -> None:
        """Called by the client for every error the API answers (synchronously, in the task)."""
        if isinstance(err, AuthError):
            first = self.state != KEY_PROBLEM
            self.set_state(KEY_PROBLEM)
            if first:
                self.events.key_problem(self.key_refused_text(err))
        elif isinstance(err, TransportError):
            self.set_state(OFFLINE)

    def on_charge(self, _balance: float | None) -> None:
        """A paid request ended: read the balance again (coalesced)."""
        if self.closed:
            return
        try:
            asyncio.get_running_loop().call_soon(self.refresh_account)
        except RuntimeError:  # called outside the loop (not by the client): refresh at once
            self.refresh_account()

    def tick(self) -> None:
        """The ticker fired: read the balance again (when there is a key), varg's too."""
        if self.closed:
            return
        if self.client.has_key:
            self.refresh_account()
        self.refresh_varg_balance()

    def key_of(self, provider_id: str) -> bool:
        """Whether the session has a key for ``provider_id`` (in sandbox mode: the sandbox's)."""
        if provider_id == VERGING.id:
            return bool(self.client.has_key)
        if provider_id == VIMMERSE.id:
            return self.vim.has_key
        if provider_id == VARG.id:
            return self.varg_link.has_key
        return False

    # -- account ---------------------------------------------------------------------------
    def refresh_account(self) -> asyncio.Task[Account | None] | None:
        """Read the account and balance again. Calls made while one is running are merged."""
        if self.closed:
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
            self.events.account_changed(None)
            self.set_state(NO_KEY)
            return None
        conn = self.connection
        try:
            acct = await self.client.me()
        except AuthError:
            return None  # on_error marked the key problem
        except TransportError as e:
            if conn != self.connection:
                return None  # an earlier connection's read: it says nothing about this one
            self.set_state(OFFLINE)
            self.events.message(str(e))
            return None
        except ApiError as e:
            if conn == self.connection:
                self.events.message(_("Could not read the balance: {reason}").format(reason=e))
            return None
        if conn != self.connection:
            log.info("a balance read of an earlier connection was dropped")
            return None
        self.account = acct
        self.set_state(self.ok_state())
        self.events.account_changed(acct)
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
        vimmerse = await self._read_vimmerse_live()
        varg = await self._read_varg_live()
        if name is not None:
            try:
                key = await asyncio.to_thread(self.keystore.get, name)
            except KeyringUnavailable as e:
                self._switch_live(None, name, vimmerse, varg)
                self.set_state(KEY_PROBLEM)
                self.events.key_problem(str(e))
                self.events.profiles_changed()
                return None
        self._switch_live(key, name, vimmerse, varg)
        self.events.profiles_changed()
        if not key:
            if name is not None:
                self.set_state(KEY_PROBLEM)
                self.events.key_problem(_("The key of profile '{name}' is missing from the OS keyring. Add it again.").format(
                    name=name))
            else:
                self.set_state(NO_KEY)
            self.account = None
            self.events.account_changed(None)
            return None
        return await self.wait_refreshed()

    def _switch_live(self, key: str | None, name: str | None, vimmerse: LiveKey | None = None,
                     varg: LiveKey | None = None) -> None:
        was_sandbox = self.in_sandbox
        self.mode = "live"
        self.profile = name
        self.client.base_url = self.live_base_url.rstrip("/")
        self.client.api_key = key
        self.account = None
        self._new_connection()
        self._apply_vimmerse_live(vimmerse)
        self._apply_varg_live(varg)
        self.set_state(CONNECTING if key else NO_KEY)
        if was_sandbox:
            self.events.mode_changed("live")
            self._stop_sandbox_soon()
        self.events.connection_changed(self.connection)
        self.ticker.start()

    def _new_connection(self) -> None:
        """The server or the key changed: a new connection number (earlier reads are dropped)."""
        self.connection += 1

    def _new_client(self, key: str | None, base_url: str) -> VergingClient:
        if self._client_factory is not None:
            c = self._client_factory(key, base_url)
        else:
            from ..api.verging.client import VergingClient

            c = VergingClient(key, base_url)
        if self.uplink is not None:
            c.uplink = self.uplink
        return c

    def connection_client(self) -> VergingClient:
        """A new client for the current connection, whose server and key never change.

        Its errors and charges reach the session only while that connection is current. The
        caller closes it (``aclose``) when done."""
        conn = self.connection
        c = self._new_client(self.client.api_key, self.client.base_url)
        c.retry = self.client.retry

        def on_error(e: ApiError) -> None:
            if conn == self.connection:
                self.on_error(e)

        def on_charge(b: float | None) -> None:
            if conn == self.connection:
                self.on_charge(b)

        c.on_error = on_error
        c.on_charge = on_charge
        return c

    async def validate(self, key: str, base_url: str | None = None) -> KeyValidation:
        """Ask the server whether ``key`` is valid, with a temporary client (the session's key is untouched)."""
        tmp = self._new_client(key, base_url or self.live_base_url)
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
            raise InputError(_("Give the profile a name, for example 'personal' or 'studio'."))
        if name in self.keystore.names():
            raise InputError(_("A profile named '{name}' exists already. Remove it first or choose another name.").format(
                name=name))
        if validate and not self.in_sandbox:
            result = await self.validate(key)
            if not result.valid:
                if result.message:
                    raise InputError(_("The server refused this key ({reason}). It was not saved. Check that you "
                                       "copied the whole key and that it is not revoked.").format(
                                           reason=redact(result.message)))
                raise InputError(_("The server refused this key. It was not saved. Check that you copied the whole "
                                   "key and that it is not revoked."))
        profile = await asyncio.to_thread(self.keystore.add, name, key, session_only=session_only, make_active=activate)
        log.info("profile %s added (%s)", name, profile.source)
        self.events.profiles_changed()
        if activate and not self.in_sandbox:
            await self.use_profile(name)
        return profile

    async def remove_profile(self, name: str) -> None:
        was_active = name == self.profile and not self.in_sandbox
        await asyncio.to_thread(self.keystore.remove, name)
        self.events.profiles_changed()
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

        The sandbox is built by the injected ``sandbox_factory`` and started in a worker thread:
        its server stack is large, and the window must stay responsive meanwhile. A data folder
        given once (by ``--sandbox-data``) is used again every time the sandbox is entered after
        leaving it; a sandbox still stopping is waited for first (never two servers on one folder).
        """
        if data_dir:
            self.sandbox_data_dir = str(data_dir)
        folder = self.sandbox_data_dir
        stopping = self._sandbox_stopping
        if stopping is not None and not stopping.done():
            await asyncio.wait([stopping])
        if self.sandbox is None:
            factory = self._sandbox_factory
            if factory is None:
                raise InputError(_("The sandbox is not available in this session."))
            speed = self.settings.sandbox_speed

            def make() -> tuple[SandboxServer, str]:
                sb = factory(data_dir=folder or None, port=0, credits=credits, speed=speed)
                try:
                    url = sb.start()
                except BaseException:
                    sb.stop()
                    raise
                return sb, str(url).rstrip("/")

            sb, url = await asyncio.to_thread(make)
            if self.closed:  # quit while it was starting
                await asyncio.to_thread(sb.stop)
                return None
            self.sandbox = sb
            self.sandbox_url = url
            log.info("embedded sandbox at %s (data in %s)", url, getattr(sb, "data_dir", folder))
            self.events.sandbox_changed(sb)
        return await self.use_sandbox()

    async def use_sandbox(self) -> Account | None:
        if self.sandbox is None:
            raise InputError(_("The sandbox is not running."))
        self.mode = "sandbox"
        self.profile = None
        self.client.base_url = self.sandbox_url
        self.client.api_key = str(self.sandbox.demo_key)
        self.account = None
        self._new_connection()
        self.set_state(CONNECTING)
        self.vim.use_sandbox(self.sandbox)
        await self.varg_link.load_byok()
        self.varg_link.use_sandbox(self.sandbox)
        self.events.mode_changed("sandbox")
        self.events.connection_changed(self.connection)
        self.ticker.start()
        return await self.wait_refreshed()

    async def leave_sandbox(self) -> Account | None:
        return await self.use_profile()

    def _stop_sandbox_soon(self) -> None:
        if self.sandbox is not None and not self.closed:
            self._sandbox_stopping = self.spawn(self.stop_sandbox(), name="stop-sandbox")

    async def stop_sandbox(self) -> None:
        sb, self.sandbox = self.sandbox, None
        if sb is not None:
            await asyncio.to_thread(sb.stop)
            log.info("embedded sandbox stopped")
            self.events.sandbox_changed(None)

    # -- settings ----------------------------------------------------------------------------
    def apply_settings(self, s: Settings) -> None:
        old = self.settings
        self.settings = replace(s)
        if s.pricing_table != old.pricing_table:
            try:
                from ..core.settings import app_dirs

                self.pricing = Pricing.load(app_dirs().config, s.pricing_table)
            except VergingError as e:
                self.events.message(str(e))
        if not self.in_sandbox and self.client.base_url != self.live_base_url.rstrip("/"):
            self.client.base_url = self.live_base_url.rstrip("/")
            self._new_connection()
            self.events.connection_changed(self.connection)
            if self.client.has_key:
                self.refresh_account()
        if not self.in_sandbox:
            self.vim.set_live_base_url(self.live_vimmerse_url)
            self.varg_link.set_live_base_url(self.live_varg_url)
        self.events.settings_changed(self.settings)

    # -- shutdown ----------------------------------------------------------------------------
    async def cancel_tasks(self) -> None:
        self.closed = True
        self.ticker.stop()
        await self.tasks.cancel_all()

    async def aclose(self) -> None:
        # break the session <-> client cycle so the session (and its QObject adapter) is freed
        # now, on the GUI thread, and never later by a garbage collection in a worker thread
        self.client.on_error = None
        self.client.on_charge = None
        if not self.client.closed:
            await self.client.aclose()
        await self.vim.aclose()
        await self.varg_link.aclose()
