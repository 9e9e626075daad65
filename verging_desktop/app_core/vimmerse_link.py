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

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core.errors import VergingError
from ..core.i18n import N_, _
from ..core.keystore import KeyStore, Profile
from ..core.providers import VIMMERSE
from . import provider_link as shared
from .provider_link import LIVE, NONE, SANDBOX, LiveKey, ProviderLink, sandbox_instance

if TYPE_CHECKING:  # pragma: no cover
    from ..api.verging.client import VergingClient
    from ..api.vimmerse.client import VimmerseClient
    from ..core.settings import Settings
    from ..core.vimmerse_pricing import VimmersePricing
    from .session import SessionListener
    from .tasks import TaskTracker

__all__ = ["LIVE", "NONE", "REFUSED", "SANDBOX", "LiveKey", "VimmerseFactory", "VimmerseLink",
           "VimmerseSessionMixin", "default_factory", "sandbox_instance"]

log = logging.getLogger("verging_desktop.app_core.vimmerse")

#: builds a Vimmerse client: ``factory(api_key, base_url)``
VimmerseFactory = Callable[[str | None, str], "VimmerseClient"]

REFUSED = N_("Vimmerse refused this key, so it was not saved. Copy the whole key again from your Vimmerse "
              "account (vimmerse.net, API keys) and check that it is still active.")


def default_factory(key: str | None, base_url: str) -> VimmerseClient:
    from ..api.vimmerse.client import VimmerseClient

    return VimmerseClient(key, base_url)


class VimmerseLink(ProviderLink["VimmerseClient"]):
    """The Vimmerse key, server and account of the session (see the module docstring; the key
    is checked with :meth:`VimmerseClient.validate_key`, a 0-credit estimate)."""

    provider = VIMMERSE
    REFUSED = REFUSED
    log = log

    def __init__(self, client: VimmerseClient, keystore: KeyStore, *,
                 on_change: Callable[[int], None] | None = None,
                 on_problem: Callable[[str], None] | None = None,
                 factory: VimmerseFactory | None = None) -> None:
        super().__init__(client, keystore, on_change=on_change, on_problem=on_problem,
                         factory=factory or default_factory)
        client.on_error = self._error_of(None)


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
            from ..core.vimmerse_pricing import VimmersePricing

            config = self.keystore.config_dir
            try:
                self._vimmerse_pricing = VimmersePricing.from_config(config)
            except VergingError as e:
                log.warning("Vimmerse prices from %s: %s", VimmersePricing.configured_file(config), e)
                self.events.message(_("{reason} The built-in prices are used.").format(reason=e))
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
        return await shared.use_profile(self.vim, self.mode, self.events, self.live_vimmerse_url, name)

    async def add_vimmerse_key(self, name: str, key: str, *, session_only: bool = False,
                               activate: bool = True) -> Profile:
        """Check ``key`` with Vimmerse (a 0-credit estimate), then store it and use it.

        In sandbox mode the key is stored without asking the live Vimmerse server (the sandbox
        never reaches it), and checked when the sandbox is left. Raises InputError when the key is
        malformed or refused, KeyringUnavailable when the keyring cannot store it, the client's
        ApiError when Vimmerse cannot be reached: nothing is stored then."""
        def later() -> None:
            self._check_vimmerse_later = True

        return await shared.add_profile(self.vim, self.mode, self.events, self.live_vimmerse_url, name, key,
                                        session_only=session_only, activate=activate, check_later=later)

    async def remove_vimmerse_profile(self, name: str) -> None:
        await shared.remove_profile(self.vim, self.mode, self.events, self.live_vimmerse_url, name)

    async def _read_vimmerse_live(self) -> LiveKey | None:
        """Entering live mode (the first time, or leaving the sandbox): the active Vimmerse
        profile's key, read before the switch so both providers change together; None when
        Vimmerse is live already (a Verging profile switch leaves Vimmerse alone)."""
        if self.vim.mode == LIVE:
            return None
        return await self.vim.read_live()

    def _apply_vimmerse_live(self, live: LiveKey | None) -> None:
        self._check_vimmerse_later = shared.apply_live(
            self.vim, self.events, self.live_vimmerse_url, live, check_later=self._check_vimmerse_later,
            tasks=self.tasks, check=self._check_vimmerse, task_name="check-vimmerse-key")

    async def _check_vimmerse(self) -> None:
        await shared.check_key(self.vim, self.events)  # a refusal is told by on_problem
