"""The connection to Vimmerse, Qt-free: which key, which server, whose jobs.

:class:`VimmerseLink` is the Vimmerse half of :class:`~verging_desktop.app_core.session.SessionCore`.
It owns the one long-lived :class:`VimmerseClient` (its ``api_key`` and ``base_url`` change on a
switch, the object stays), the Vimmerse :class:`KeyStore` (``verging-desktop:vimmerse`` in the OS
keyring, profile names in ``profiles-vimmerse.json``, ``VIMMERSE_API_KEY`` as a read-only profile)
and the account identity the job store files Vimmerse jobs under.

Vimmerse has no account route (no ``/auth/me``, no balance), so nothing is read at a switch: the
account is the profile (``vimmerse|<server>|<profile>``), or the sandbox's instance in sandbox mode
(so a restarted sandbox on another port keeps its jobs). A key is checked with
:meth:`VimmerseClient.validate_key` (an estimate of 0 credits) before it is saved.

Every change of server or key gets a new :attr:`VimmerseLink.connection` number and is told to
``on_change`` (the session's listener: the Vimmerse queue rebinds on it). A key Vimmerse refuses
(a 401/403 on the session's client or on a connection client of the current connection) becomes
:attr:`VimmerseLink.problem`, told once to ``on_problem`` (the status line turns red).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ApiError, AuthError, InputError, KeyringUnavailable, VergingError
from ..core.identity import account_identity
from ..core.keystore import ENV_PROFILE, KeyStore, Profile, check_key_format
from ..core.providers import VIMMERSE, foreign_key_problem
from ..core.redact import redact

if TYPE_CHECKING:  # pragma: no cover
    from ..api.verging.client import VergingClient
    from ..api.vimmerse.client import VimmerseClient
    from ..core.settings import Settings
    from ..core.vimmerse_pricing import VimmersePricing
    from .session import SessionListener
    from .tasks import TaskTracker

log = logging.getLogger("verging_desktop.app_core.vimmerse")

#: builds a Vimmerse client: ``factory(api_key, base_url)``
VimmerseFactory = Callable[[str | None, str], "VimmerseClient"]

NONE = "none"
LIVE = "live"
SANDBOX = "sandbox"

REFUSED = ("Vimmerse refused this key, so it was not saved. Copy the whole key again from your Vimmerse "
           "account (vimmerse.net, API keys) and check that it is still active.")


def default_factory(key: str | None, base_url: str) -> VimmerseClient:
    from ..api.vimmerse.client import VimmerseClient

    return VimmerseClient(key, base_url)


@dataclass(frozen=True)
class LiveKey:
    """A live Vimmerse profile's key as read from the key store (``key`` None: none)."""

    key: str | None
    name: str | None
    problem: str = ""


def sandbox_instance(sandbox: Any) -> str:
    """The sandbox's instance id (its data folder's, kept across restarts), or ""."""
    v = getattr(sandbox, "instance_id", None)
    if not v:
        v = getattr(getattr(sandbox, "store", None), "instance_id", None)
    return str(v or "")


class VimmerseLink:
    """The Vimmerse key, server and account of the session (see the module docstring)."""

    def __init__(self, client: VimmerseClient, keystore: KeyStore, *,
                 on_change: Callable[[int], None] | None = None,
                 on_problem: Callable[[str], None] | None = None,
                 factory: VimmerseFactory | None = None) -> None:
        self.client = client
        self.keystore = keystore
        self._on_change = on_change
        self._on_problem = on_problem
        self._factory = factory or default_factory
        #: NONE until the first switch, then LIVE or SANDBOX
        self.mode = NONE
        #: the profile in use in live mode (None: no key, or the sandbox)
        self.profile: str | None = None
        #: who the Vimmerse jobs belong to (core/identity.py); "" without a key
        self.account = ""
        #: why Vimmerse cannot be used although a key was expected (missing from the keyring, or
        #: refused by Vimmerse); "" when fine. Shown to the user, never holds a key
        self.problem = ""
        #: the number of the current Vimmerse connection (server and key)
        self.connection = 0
        client.on_error = self._error_of(None)

    # -- state ---------------------------------------------------------------------------------
    @property
    def has_key(self) -> bool:
        return bool(self.client.has_key)

    def _error_of(self, conn: int | None) -> Callable[[ApiError], None]:
        """The ``on_error`` of a client: of the current connection whatever it is (None, the
        session's client), or of connection ``conn`` only (a connection client)."""
        def on_error(err: ApiError) -> None:
            if isinstance(err, AuthError) and (conn is None or conn == self.connection):
                self.refused()

        return on_error

    def refused(self) -> None:
        """Vimmerse refused the key in use: say so once (until the key changes)."""
        if self.problem or not self.client.has_key:
            return
        who = f"The Vimmerse key of profile '{self.profile}'" if self.profile else "The Vimmerse key"
        self.problem = f"{who} was refused by Vimmerse. Add another one in Manage API keys."
        log.info("vimmerse key refused (connection %d)", self.connection)
        if self._on_problem is not None:
            self._on_problem(self.problem)

    def _changed(self) -> None:
        self.connection += 1
        log.info("vimmerse connection %d: %s, %s", self.connection, self.mode,
                 "a key" if self.client.has_key else "no key")
        if self._on_change is not None:
            self._on_change(self.connection)

    def _set(self, mode: str, key: str | None, base_url: str, profile: str | None, account: str) -> None:
        base_url = base_url.rstrip("/")
        same = (mode == self.mode and key == self.client.api_key and base_url == self.client.base_url
                and profile == self.profile and account == self.account)
        self.mode, self.profile, self.account = mode, profile, account
        if same:
            return
        try:
            self.client.base_url = base_url
        except InputError as e:  # not a web address (VIMMERSE_BASE_URL, the setting): no key goes anywhere
            self.problem = str(e)
            self.profile, self.account, key = None, "", None
        self.client.api_key = key
        self._changed()

    # -- live ------------------------------------------------------------------------------------
    async def read_live(self, name: str | None = None) -> LiveKey:
        """Read the key of a stored Vimmerse profile (the active one by default) in a worker thread;
        nothing changes until :meth:`apply_live`. A keyring that cannot give it is said in ``problem``."""
        if name is not None:
            await asyncio.to_thread(self.keystore.set_active, name)
        name = self.keystore.active
        if name is None:
            return LiveKey(None, None)
        try:
            key = await asyncio.to_thread(self.keystore.get, name)
        except KeyringUnavailable as e:
            return LiveKey(None, name, str(e))
        if not key:
            return LiveKey(None, name, f"The Vimmerse key of profile '{name}' is missing from the OS keyring. "
                                       "Add it again in Manage API keys.")
        return LiveKey(key, name)

    def apply_live(self, base_url: str, live: LiveKey) -> bool:
        """Use what :meth:`read_live` read against ``base_url``; True when a key is in use."""
        self.problem = live.problem
        if live.key and live.name is not None:
            # another provider's key (a Verging key in VIMMERSE_API_KEY...) is never sent to Vimmerse
            what = (f"The key in {VIMMERSE.env_key}" if live.name == ENV_PROFILE
                    else f"The Vimmerse key of profile '{live.name}'")
            foreign = foreign_key_problem(live.key, VIMMERSE, what)
            if foreign:
                self.problem = f"{foreign} It is not used; add a Vimmerse key in Manage API keys."
                live = LiveKey(None, live.name, self.problem)
        if not live.key or live.name is None:
            self._set(LIVE, None, base_url, None, "")
            return False
        self._set(LIVE, live.key, base_url, live.name, account_identity(VIMMERSE.id, base_url, live.name, ""))
        return True

    async def use_live(self, base_url: str, name: str | None = None) -> bool:
        """:meth:`read_live` then :meth:`apply_live`."""
        return self.apply_live(base_url, await self.read_live(name))

    def set_live_base_url(self, base_url: str) -> None:
        """The setting (or ``VIMMERSE_BASE_URL``) changed: the same key, to the new server."""
        if self.mode != LIVE or self.client.base_url == base_url.rstrip("/"):
            return
        account = account_identity(VIMMERSE.id, base_url, self.profile, "") if self.profile else ""
        self.problem = ""  # another server: whether it takes the key is not known yet
        self._set(LIVE, self.client.api_key, base_url, self.profile, account)

    # -- sandbox -----------------------------------------------------------------------------------
    def use_sandbox(self, sandbox: Any) -> None:
        """The sandbox's Vimmerse paths with its demo key (``vimmerse_url``, ``vimmerse_demo_key``)."""
        url = str(getattr(sandbox, "vimmerse_url", "") or "").rstrip("/")
        if not url:  # a sandbox without the Vimmerse paths: no Vimmerse key in it
            self.problem = "This sandbox does not serve Vimmerse."
            self._set(SANDBOX, None, self.client.base_url, None, "")
            return
        self.problem = ""
        self._set(SANDBOX, str(sandbox.vimmerse_demo_key), url, None,
                  account_identity(VIMMERSE.id, url, "sandbox", sandbox_instance(sandbox)))

    # -- keys ----------------------------------------------------------------------------------------
    def new_client(self, key: str | None = None, base_url: str | None = None) -> VimmerseClient:
        """A client of its own: for one connection (the caller closes it with ``aclose``)."""
        own = key is None and base_url is None
        if own:
            key = self.client.api_key
        c = self._factory(key, base_url or self.client.base_url)
        if own:
            c.on_error = self._error_of(self.connection)
        return c

    async def validate(self, key: str, base_url: str) -> None:
        """Ask Vimmerse whether ``key`` works (a 0-credit estimate) with a temporary client.

        Raises :class:`InputError` when the key is refused (401/403), the client's
        :class:`ApiError` when Vimmerse cannot be asked (offline, 5xx)."""
        tmp = self._factory(key, base_url.rstrip("/"))
        try:
            await tmp.validate_key()
        except AuthError:
            raise InputError(REFUSED) from None
        finally:
            await tmp.aclose()

    async def add_key(self, name: str, key: str, *, base_url: str, validate: bool = True,
                      session_only: bool = False, activate: bool = True) -> Profile:
        """Check ``key`` with Vimmerse at ``base_url`` (unless ``validate`` is False), then store it.
        Another provider's key (``vrg_sk_...``, ``varg_...``) is refused by
        :func:`~verging_desktop.core.keystore.check_key_format` before any request.

        Raises InputError (malformed, refused, a name in use), KeyringUnavailable (the caller
        offers ``session_only=True``), or the client's ApiError when Vimmerse cannot be reached;
        in every case nothing was stored."""
        key = check_key_format(key, VIMMERSE)
        name = (name or "").strip()
        if not name:
            raise InputError("Give the Vimmerse key a name, for example 'personal' or 'studio'.")
        if name in self.keystore.names():
            raise InputError(f"A Vimmerse profile named '{name}' exists already. Remove it first or choose "
                             "another name.")
        if validate:
            await self.validate(key, base_url)
        profile = await asyncio.to_thread(self.keystore.add, name, key, session_only=session_only,
                                          make_active=activate)
        log.info("vimmerse profile %s added (%s)", name, profile.source)
        return profile

    async def remove_profile(self, name: str) -> None:
        if name == ENV_PROFILE:
            raise InputError(f"The environment profile comes from {VIMMERSE.env_key}; unset the variable "
                             "to remove it.")
        await asyncio.to_thread(self.keystore.remove, name)

    async def check(self) -> str:
        """Check the key in use with Vimmerse: "" when it works, else a sentence (never the key)."""
        if not self.client.has_key:
            return ""
        try:
            await self.validate(str(self.client.api_key), self.client.base_url)
        except InputError:
            self.refused()
            return self.problem
        except ApiError as e:
            return f"Could not check the Vimmerse key: {redact(str(e))}"
        return ""

    async def aclose(self) -> None:
        self.client.on_error = None
        if not self.client.closed:
            await self.client.aclose()


class VimmerseSessionMixin:
    """The Vimmerse part of :class:`~verging_desktop.app_core.session.SessionCore` (kept here so
    the session module stays readable); it uses the session's mode, settings, events and tasks."""

    vim: VimmerseLink
    mode: str
    settings: Settings
    keystore: KeyStore
    client: VergingClient
    events: SessionListener
    tasks: TaskTracker
    _vimmerse_pricing: VimmersePricing | None
    _check_vimmerse_later: bool

    @property
    def vimmerse(self) -> VimmerseClient:
        """The one Vimmerse client; its key and base URL follow the mode and the Vimmerse profile."""
        return self.vim.client

    @property
    def vimmerse_keystore(self) -> KeyStore:
        return self.vim.keystore

    @property
    def vimmerse_account(self) -> str:
        """Who the Vimmerse jobs belong to (``vimmerse|server|profile``; "" without a key)."""
        return self.vim.account

    @property
    def vimmerse_connection(self) -> int:
        """The number of the current Vimmerse connection (it changes with the server or the key)."""
        return self.vim.connection

    @property
    def live_vimmerse_url(self) -> str:
        return self.settings.effective_vimmerse_url()

    @property
    def vimmerse_pricing(self) -> VimmersePricing:
        """Vimmerse's local price table (``vimmerse_pricing.json`` in the config dir, or
        ``VIMMERSE_PRICING_FILE``), read once; a broken file is said and the built-in table used."""
        if self._vimmerse_pricing is None:
            from ..core.vimmerse_pricing import ENV_FILE, FILE_NAME, VimmersePricing

            try:
                # VIMMERSE_PRICING_FILE first (named by the user: a missing one is said), else the config
                # folder's vimmerse_pricing.json when there is one (none, or no config folder yet: built in)
                env = os.environ.get(ENV_FILE, "").strip()
                own = Path(self.keystore.config_dir) / FILE_NAME
                if env:
                    self._vimmerse_pricing = VimmersePricing.from_file(env)
                elif own.is_file():  # named by its name: the whole path would not fit the status bar
                    self._vimmerse_pricing = VimmersePricing.from_file(own, name=FILE_NAME)
                else:
                    self._vimmerse_pricing = VimmersePricing.default()
            except VergingError as e:
                log.warning("Vimmerse prices from %s: %s", env or own, e)
                self.events.message(f"{e} The built-in prices are used.")
                self._vimmerse_pricing = VimmersePricing.default()
        return self._vimmerse_pricing

    def _vimmerse_problem(self, text: str) -> None:
        """Vimmerse refused the key in use (told once per key)."""
        self.events.vimmerse_problem(text)
        self.events.message(text)

    def vimmerse_connection_client(self) -> VimmerseClient:
        """A new Vimmerse client for the current Vimmerse connection (server and key never change);
        the caller closes it (``aclose``)."""
        return self.vim.new_client()

    async def use_vimmerse_profile(self, name: str | None = None) -> bool:
        """Use a stored Vimmerse profile (the active one by default); in sandbox mode the choice is
        remembered and used when the sandbox is left. True when a key is in use."""
        if self.mode == "sandbox":
            if name is not None:
                await asyncio.to_thread(self.vim.keystore.set_active, name)
            self.events.profiles_changed()
            return self.vim.has_key
        ok = await self.vim.use_live(self.live_vimmerse_url, name)
        self.events.profiles_changed()
        if self.vim.problem:
            self.events.message(self.vim.problem)
        return ok

    async def add_vimmerse_key(self, name: str, key: str, *, session_only: bool = False,
                               activate: bool = True) -> Profile:
        """Check ``key`` with Vimmerse (a 0-credit estimate), then store it and use it.

        In sandbox mode the key is stored without asking the live Vimmerse server (the sandbox
        never reaches it), and checked when the sandbox is left. Raises InputError when the key is
        malformed or refused, KeyringUnavailable when the keyring cannot store it, the client's
        ApiError when Vimmerse cannot be reached: nothing is stored then."""
        sandbox = self.mode == "sandbox"
        profile = await self.vim.add_key(name, key, base_url=self.live_vimmerse_url, validate=not sandbox,
                                         session_only=session_only, activate=activate)
        if sandbox:
            self._check_vimmerse_later = True
        self.events.profiles_changed()
        if activate and not sandbox:
            await self.vim.use_live(self.live_vimmerse_url, profile.name)
        return profile

    async def remove_vimmerse_profile(self, name: str) -> None:
        was_active = name == self.vim.profile and self.mode != "sandbox"
        await self.vim.remove_profile(name)
        self.events.profiles_changed()
        if was_active:
            await self.vim.use_live(self.live_vimmerse_url)

    async def _read_vimmerse_live(self) -> LiveKey | None:
        """Entering live mode (the first time, or leaving the sandbox): the active Vimmerse
        profile's key, read before the switch so both providers change together; None when
        Vimmerse is live already (a Verging profile switch leaves Vimmerse alone)."""
        if self.vim.mode == LIVE:
            return None
        return await self.vim.read_live()

    def _apply_vimmerse_live(self, live: LiveKey | None) -> None:
        if live is None:
            return
        self.vim.apply_live(self.live_vimmerse_url, live)
        if self.vim.problem:
            self.events.message(self.vim.problem)
        if self._check_vimmerse_later and self.vim.has_key:
            self._check_vimmerse_later = False
            self.tasks.spawn(self._check_vimmerse(), name="check-vimmerse-key")

    async def _check_vimmerse(self) -> None:
        conn = self.vim.connection
        text = await self.vim.check()
        if text and conn == self.vim.connection and not self.vim.problem:
            self.events.message(text)  # Vimmerse could not be asked (a refusal is told by on_problem)
