"""The connection to the varg gateway, Qt-free: which key, which server, whose jobs, the balance
and the user's own provider keys.

:class:`VargLink` is the varg part of :class:`~verging_desktop.app_core.session.SessionCore`, shaped
like :class:`~verging_desktop.app_core.vimmerse_link.VimmerseLink`: it owns the one long-lived
:class:`VargClient` (its ``api_key`` and ``base_url`` change on a switch, the object stays), the varg
:class:`KeyStore` (``verging-desktop:varg`` in the OS keyring, profile names in
``profiles-varg.json``, ``VARG_API_KEY`` as a read-only profile) and one :class:`KeyStore` per
provider key varg accepts (BYOK: ``verging-desktop:varg-byok:fal``..., ``VARG_PROVIDER_KEY_FAL``...).

varg has an account route: at every switch (a new :attr:`VargLink.connection`) the link reads
``GET /me`` (the account the jobs belong to: ``varg|<server>|<userId>``; in sandbox mode the
sandbox's instance, known at once), ``GET /balance`` (cents; :attr:`VargLink.balance`) and, once per
connection, ``GET /pricing`` (overlaid on the local price table when it answers). Until ``/me``
answered, :attr:`VargLink.account` is "" although there is a key: ``on_change(connection)`` is told
at the switch and told again, with the same number, once the account is known.

A varg key is checked with ``GET /me`` before it is saved. varg has no route to check a provider
key: one is refused when it is obviously another provider's (its shape), stored, and checked by
the provider when first used. A provider key goes to the client (``set_byok_key``), which sends it
only to the varg base URL and only for a model of that provider.

A key varg refuses (a 401/403 on the session's client, or on a connection client of the current
connection) becomes :attr:`VargLink.problem`, told once to ``on_problem``.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import ApiError, AuthError, KeyringUnavailable, VergingError
from ..core.i18n import N_, _
from ..core.identity import account_identity
from ..core.keystore import ENV_PROFILE, KeyStore, Profile, check_key_format
from ..core.providers import BYOK_KEYS, VARG, byok_key, foreign_key_problem
from ..core.redact import mask, redact
from . import provider_link as shared
from .provider_link import LIVE, NONE, SANDBOX, LiveKey, ProviderLink

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.client import VargClient
    from ..api.varg.models import Balance, Me
    from ..core.settings import Settings
    from ..core.varg_pricing import VargPricing
    from ..services.varg_cache import SeenRequests
    from ..services.varg_cost import VargCost
    from .session import SessionListener
    from .tasks import TaskTracker

log = logging.getLogger("verging_desktop.app_core.varg")

#: builds a varg client: ``factory(api_key, base_url)``
VargFactory = Callable[[str | None, str], "VargClient"]
#: starts a coroutine whose handle the session keeps (``TaskTracker.spawn``)
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]

__all__ = ["BYOK_NAME", "LIVE", "NONE", "REFUSED", "SANDBOX", "VargFactory", "VargLink", "VargSessionMixin",
           "default_factory"]

REFUSED = N_("varg refused this key, so it was not saved. Copy the whole key again from your varg dashboard "
              "(varg.ai, API keys) and check that it is still active.")
#: the profile name a provider key is stored under when the app stores it
BYOK_NAME = "default"


def default_factory(key: str | None, base_url: str) -> VargClient:
    from ..api.varg.client import VargClient

    return VargClient(key, base_url)


class VargLink(ProviderLink["VargClient"]):
    """The varg key, server, account, balance and provider keys of the session (see the module
    docstring). ``spawn`` starts the account reads (the session's task tracker; without one they
    run only when awaited: :meth:`refresh`)."""

    provider = VARG
    REFUSED = REFUSED
    log = log

    def __init__(self, client: VargClient, keystore: KeyStore, *,
                 on_change: Callable[[int], None] | None = None,
                 on_problem: Callable[[str], None] | None = None,
                 on_balance: Callable[[Balance | None], None] | None = None,
                 on_message: Callable[[str], None] | None = None,
                 spawn: Spawn | None = None,
                 factory: VargFactory | None = None,
                 byok_stores: dict[str, KeyStore] | None = None) -> None:
        super().__init__(client, keystore, on_change=on_change, on_problem=on_problem,
                         factory=factory or default_factory)
        self._on_balance = on_balance
        self._on_message = on_message
        self._spawn = spawn
        self.byok_stores: dict[str, KeyStore] = dict(byok_stores or {})
        for k in BYOK_KEYS:
            if k.id not in self.byok_stores:
                self.byok_stores[k.id] = KeyStore(keystore.config_dir, provider=k.as_provider(),
                                                  environ=keystore.environ)
        # account: "" also before /me answered
        #: the user id /me answered for the current connection ("" not known)
        self.user_id = ""
        #: the balance of the current connection (None: not read yet, or no key)
        self.balance: Balance | None = None
        #: why the balance could not be read ("" when it was, or not asked)
        self.balance_error = ""
        #: the pricing route's answer for the current connection (None: not asked, or it has none)
        self.route_answer: Any = None
        self._route_conn = -1
        self._refresh_task: asyncio.Task[Balance | None] | None = None
        self._refresh_again = False
        self._byok_loaded = False
        #: why a stored provider key is not used (kid -> sentence)
        self.byok_problems: dict[str, str] = {}
        self._byok_values: dict[str, str] = {}
        #: the connection clients made (the queue's), by the connection they are for: a provider key
        #: set later reaches those of the current connection too
        self._conn_clients: weakref.WeakKeyDictionary[VargClient, int] = weakref.WeakKeyDictionary()
        client.on_error = self._error_of(None)

    # -- state ---------------------------------------------------------------------------------
    def refused(self) -> None:
        """varg refused the key in use: say so once (until the key changes)."""
        if self.problem or not self.client.has_key:
            return
        self.balance = None
        super().refused()
        if self._on_balance is not None:
            self._on_balance(None)

    def _changed(self) -> None:
        self.balance = None
        self.balance_error = ""
        self.user_id = ""
        self.route_answer = None
        super()._changed()
        if self._on_balance is not None:
            self._on_balance(None)
        if self.client.has_key and self._spawn is not None:
            self.refresh()

    def _same_account(self, account: str) -> bool:
        # "" (not known yet) is the account /me answered for this connection
        return account == self.account or (not account and self.user_id != "")

    def _keyed(self) -> None:
        self.client.upload_scope = self.account or self.client.base_url
        self._apply_byok()

    def _byok_goes(self) -> bool:
        """Provider keys are sent to varg's own servers only: never to the local sandbox (a
        fal.ai key is a secret of its own; the sandbox has no use for a real one)."""
        return self.mode == LIVE

    def _apply_byok(self) -> None:
        """Give the client the provider keys (live) or take them off it (sandbox, no connection)."""
        goes = self._byok_goes()
        for k in BYOK_KEYS:
            self.client.set_byok_key(k.id, self._byok_values.get(k.id) if goes else None)

    # -- live ------------------------------------------------------------------------------------
    def _live_account(self, base_url: str, profile: str) -> str:
        return ""  # known once /me answered (refresh, started at the switch)

    # -- the account ------------------------------------------------------------------------------
    def refresh(self) -> asyncio.Task[Balance | None] | None:
        """Read the account (when not known), the balance and (once per connection) the pricing
        route again; calls made while one runs are merged. None without a task starter."""
        if self._spawn is None:
            return None
        if self._refresh_task is not None and not self._refresh_task.done():
            self._refresh_again = True
            return self._refresh_task
        self._refresh_task = self._spawn(self._refresh_loop())
        return self._refresh_task

    async def wait_refreshed(self) -> Balance | None:
        t = self.refresh()
        if t is None:
            return await self.refresh_once()
        return await t

    async def _refresh_loop(self) -> Balance | None:
        bal = await self.refresh_once()
        while self._refresh_again:
            self._refresh_again = False
            bal = await self.refresh_once()
        return bal

    async def refresh_once(self) -> Balance | None:
        """One read of /me (when the account is not known), /balance and /pricing (once)."""
        if not self.client.has_key:
            return None
        conn = self.connection
        client = self.client
        try:
            if self.mode == LIVE and not self.user_id:
                me = await client.me()
                if conn != self.connection:
                    return None
                self._identified(me)
            bal = await client.balance()
            if conn != self.connection:
                return None
            self.balance, self.balance_error = bal, ""
            if self._on_balance is not None:
                self._on_balance(bal)
            if self._route_conn != conn:
                self._route_conn = conn
                answer = await client.pricing()
                if conn == self.connection and answer is not None:
                    self.route_answer = answer
            return bal
        except AuthError:
            if conn == self.connection:
                self.refused()
            return None
        except ApiError as e:
            if conn == self.connection:
                self.balance_error = redact(str(e))
                log.info("varg account not read: %s", self.balance_error)
                if self._on_balance is not None:
                    self._on_balance(self.balance)
            return None

    def _identified(self, me: Me) -> None:
        self.user_id = str(me.user_id or me.email or "?")
        self.account = account_identity(VARG.id, self.client.base_url, self.user_id)
        self.client.upload_scope = self.account
        log.info("varg account known (connection %d)", self.connection)
        if self._on_change is not None:
            self._on_change(self.connection)

    # -- keys ----------------------------------------------------------------------------------------
    def _own_client(self, c: VargClient) -> None:
        """The same upload scope and provider keys as the session's client."""
        c.upload_scope = self.client.upload_scope
        # the app's one memory of uploaded files (varg_uploads.json): bytes sent once stay sent
        c.uploads = self.client.uploads
        if self._byok_goes():
            for kid, value in self._byok_values.items():
                c.set_byok_key(kid, value)
        self._conn_clients[c] = self.connection

    async def validate(self, key: str, base_url: str) -> Me:
        """Ask varg whether ``key`` works (``GET /me``) with a temporary client (see
        :meth:`ProviderLink.validate`)."""
        me: Me = await super().validate(key, base_url)
        return me

    # -- provider keys (BYOK) -----------------------------------------------------------------------
    def byok_keystore(self, kid: str) -> KeyStore:
        byok_key(kid)  # KeyError for an unknown provider
        return self.byok_stores[kid]

    def _give_byok(self, kid: str, key: str | None) -> None:
        """Set provider ``kid``'s key on the client and on the open connection clients of the current
        connection (and remember it for the next ones)."""
        sent = (key or None) if self._byok_goes() else None
        self.client.set_byok_key(kid, sent)
        for c, conn in list(self._conn_clients.items()):
            if conn == self.connection and not c.closed:
                c.set_byok_key(kid, sent)
        if key:
            self._byok_values[kid] = key
        else:
            self._byok_values.pop(kid, None)

    def byok_keys(self) -> frozenset[str]:
        """The providers whose own key the client sends (for their models only)."""
        return frozenset(self.client.byok_keys())

    def byok_masked(self, kid: str) -> str:
        """The key of provider ``kid`` in use, masked (``…abcd``), "" without one."""
        key = self._byok_values.get(kid, "")
        return mask(key) if key else ""

    def byok_source(self, kid: str) -> Profile | None:
        """Where provider ``kid``'s key in use comes from (the keyring, this session, the
        environment), None without one."""
        ks = self.byok_stores[kid]
        act = ks.active
        for p in ks.profiles():
            if p.name == act:
                return p
        return None

    async def load_byok(self) -> None:
        """Read every stored provider key (keyring, or ``VARG_PROVIDER_KEY_*``) in a worker
        thread and give it to the client; a key of another provider's shape is not used (said
        in :attr:`byok_problems`). Done once; :meth:`set_byok` keeps it true afterwards."""
        if self._byok_loaded:
            return
        self._byok_loaded = True

        def read() -> dict[str, tuple[str | None, str, str]]:
            out: dict[str, tuple[str | None, str, str]] = {}
            for k in BYOK_KEYS:
                ks = self.byok_stores[k.id]
                try:
                    out[k.id] = (ks.get(), ks.active or "", "")
                except KeyringUnavailable as e:
                    out[k.id] = (None, ks.active or "", str(e))
            return out

        for kid, (key, name, error) in (await asyncio.to_thread(read)).items():
            bk = byok_key(kid)
            problem = error
            if key:
                what = (_("The key in {variable}").format(variable=bk.env_key) if name == ENV_PROFILE
                        else _("The stored {provider} key").format(provider=bk.name))
                foreign = foreign_key_problem(key, bk.as_provider(), what)
                if foreign:
                    problem, key = _("{problem} It is not sent to varg.").format(problem=foreign), None
            if problem:
                self.byok_problems[kid] = problem
                if self._on_message is not None:
                    self._on_message(problem)
            self._give_byok(kid, key)

    async def set_byok(self, kid: str, key: str | None, *, session_only: bool = False) -> Profile | None:
        """Store provider ``kid``'s own key (replacing the stored one) and give it to the client;
        ``key`` None removes the stored key (the environment's, if any, is used then).

        varg has no route to check a provider key: it is refused here only when it is empty,
        malformed or another provider's (``vrg_sk_``, ``varg_``...); the provider checks it when it
        is first used. Raises InputError, KeyringUnavailable (nothing changed then)."""
        bk = byok_key(kid)
        ks = self.byok_stores[kid]
        if key is None:
            names = [n for n in ks.names() if n != ENV_PROFILE]
            for n in names:
                await asyncio.to_thread(ks.remove, n)
            self.byok_problems.pop(kid, None)
            env = await asyncio.to_thread(ks.get) if ks.active == ENV_PROFILE else None
            if env and foreign_key_problem(env, bk.as_provider()):
                env = None
            self._give_byok(kid, env)
            log.info("%s key removed", bk.name)
            return None
        key = check_key_format(key, bk.as_provider())
        old = [n for n in ks.names() if n != ENV_PROFILE]
        # the new key first (under a free name), then the old one goes: a failure keeps the old key
        name, i = BYOK_NAME, 2
        while name in old:
            name, i = f"{BYOK_NAME} {i}", i + 1
        prof = await asyncio.to_thread(ks.add, name, key, session_only=session_only, make_active=True)
        for n in old:
            await asyncio.to_thread(ks.remove, n)
        self.byok_problems.pop(kid, None)
        self._give_byok(kid, key)
        log.info("%s key stored (%s)", bk.name, prof.source)
        return prof


class VargSessionMixin:
    """The varg part of :class:`~verging_desktop.app_core.session.SessionCore` (kept here so the
    session module stays readable); it uses the session's mode, settings, events and tasks."""

    varg_link: VargLink
    mode: str
    settings: Settings
    keystore: KeyStore
    events: SessionListener
    tasks: TaskTracker
    #: the folder of ``varg_seen.json`` (the requests seen before); None: kept in memory
    varg_data_dir: Path | None
    _varg_base_pricing: VargPricing | None
    _varg_pricing: tuple[int, VargPricing] | None
    _varg_cost: tuple[int, VargCost] | None
    _varg_seen: SeenRequests | None
    _check_varg_later: bool
    closed: bool

    @property
    def varg(self) -> VargClient:
        """The one varg client; its key, base URL and provider keys follow the session."""
        return self.varg_link.client

    @property
    def varg_keystore(self) -> KeyStore:
        return self.varg_link.keystore

    def byok_keystore(self, kid: str) -> KeyStore:
        """The key store of provider ``kid``'s own key ("fal", "elevenlabs", "higgsfield", "replicate")."""
        return self.varg_link.byok_keystore(kid)

    @property
    def varg_account(self) -> str:
        """Who the varg jobs belong to (``varg|server|userId``; the sandbox's instance in sandbox
        mode); "" without a key, and in live mode until ``/me`` answered (``varg_changed`` is told again then)."""
        return self.varg_link.account

    @property
    def varg_connection(self) -> int:
        """The number of the current varg connection (it changes with the server or the key)."""
        return self.varg_link.connection

    @property
    def varg_balance(self) -> Balance | None:
        """varg's balance for the current connection (None: not read yet, or no key)."""
        return self.varg_link.balance

    @property
    def live_varg_url(self) -> str:
        return self.settings.effective_varg_url()

    def varg_connection_client(self) -> VargClient:
        """A new varg client for the current varg connection (server, key, upload scope and provider
        keys never change); the caller closes it (``aclose``)."""
        return self.varg_link.new_client()

    def refresh_varg_balance(self) -> asyncio.Task[Balance | None] | None:
        """Read varg's balance again (coalesced): after a varg job, at a switch, on the ticker."""
        if self.closed or not self.varg_link.has_key:
            return None
        return self.varg_link.refresh()

    def byok_keys(self) -> frozenset[str]:
        """The providers ("fal", ...) whose own key is sent to varg for their models."""
        return self.varg_link.byok_keys()

    async def set_byok_key(self, kid: str, key: str | None, *, session_only: bool = False) -> Profile | None:
        """Store (``key``) or remove (None) provider ``kid``'s own key: the keyring (or memory with
        ``session_only``) and the varg client, nowhere else (see :meth:`VargLink.set_byok`)."""
        prof = await self.varg_link.set_byok(kid, key, session_only=session_only)
        self.events.profiles_changed()
        self.events.varg_changed(self.varg_link.connection)
        return prof

    # -- prices -----------------------------------------------------------------------------------
    @property
    def varg_pricing(self) -> VargPricing:
        """varg's prices: the local table (``VARG_PRICING_FILE``, or ``varg_pricing.json`` in the
        config folder, else the built-in one) with the pricing route's figures of the current
        connection overlaid when it answered."""
        from ..core.varg_pricing import VargPricing

        if self._varg_base_pricing is None:
            config = self.keystore.config_dir
            try:
                self._varg_base_pricing = VargPricing.from_config(config)
            except VergingError as e:
                log.warning("varg prices from %s: %s", VargPricing.configured_file(config), e)
                self.events.message(_("{reason} The built-in varg prices are used.").format(reason=e))
                self._varg_base_pricing = VargPricing.default()
        answer = self.varg_link.route_answer
        if answer is None:
            return self._varg_base_pricing
        conn = self.varg_link.connection
        if self._varg_pricing is None or self._varg_pricing[0] != conn:
            self._varg_pricing = (conn, self._varg_base_pricing.with_route(answer))
        return self._varg_pricing[1]

    @property
    def varg_cost(self) -> VargCost:
        """The estimator of varg requests: :attr:`varg_pricing` and the requests seen before
        (``varg_seen.json`` in the data folder: a repeat is probably a free cache hit)."""
        from ..services.varg_cache import SeenRequests
        from ..services.varg_cost import VargCost

        if self._varg_seen is None:
            folder = self.varg_data_dir
            self._varg_seen = SeenRequests(Path(folder) / "varg_seen.json" if folder is not None else None)
        pricing = self.varg_pricing
        if self._varg_cost is None or self._varg_cost[0] != id(pricing):
            self._varg_cost = (id(pricing), VargCost(pricing, self._varg_seen))
        return self._varg_cost[1]

    # -- profiles ----------------------------------------------------------------------------------
    def _varg_problem(self, text: str) -> None:
        self.events.varg_problem(text)
        self.events.message(text)

    async def use_varg_profile(self, name: str | None = None) -> bool:
        """Use a stored varg profile (the active one by default); in sandbox mode the choice is
        remembered and used when the sandbox is left. True when a key is in use."""
        return await shared.use_profile(self.varg_link, self.mode, self.events, self.live_varg_url, name)

    async def add_varg_key(self, name: str, key: str, *, session_only: bool = False,
                           activate: bool = True) -> Profile:
        """Check ``key`` with varg (``GET /me``), then store it and use it. In sandbox mode it is
        stored unchecked and checked when the sandbox is left. Raises InputError (malformed,
        refused, a name in use), KeyringUnavailable, or the client's ApiError (varg unreachable):
        nothing is stored then."""
        def later() -> None:
            self._check_varg_later = True

        return await shared.add_profile(self.varg_link, self.mode, self.events, self.live_varg_url, name, key,
                                        session_only=session_only, activate=activate, check_later=later)

    async def remove_varg_profile(self, name: str) -> None:
        await shared.remove_profile(self.varg_link, self.mode, self.events, self.live_varg_url, name)

    async def _read_varg_live(self) -> LiveKey | None:
        """Entering live mode: the active varg profile's key (None when varg is live already)."""
        if self.varg_link.mode == LIVE:
            return None
        await self.varg_link.load_byok()
        return await self.varg_link.read_live()

    def _apply_varg_live(self, live: LiveKey | None) -> None:
        self._check_varg_later = shared.apply_live(
            self.varg_link, self.events, self.live_varg_url, live, check_later=self._check_varg_later,
            tasks=self.tasks, check=self._check_varg, task_name="check-varg-key")

    async def _check_varg(self) -> None:
        await shared.check_key(self.varg_link, self.events)
