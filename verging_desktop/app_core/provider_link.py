"""What the links to Vimmerse and to the varg gateway share, Qt-free: the key store's profiles
(read, add, remove), the check of a key, the connection number and the refusal of a key.

:class:`ProviderLink` is the base of :class:`~verging_desktop.app_core.vimmerse_link.VimmerseLink`
and :class:`~verging_desktop.app_core.varg_link.VargLink`; the words it says name its
:attr:`ProviderLink.provider` (``label`` in sentences, ``id`` in log lines). The functions below it
are the session halves both mixins share (use, add or remove a profile; check a key later).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from ..core.errors import ApiError, AuthError, InputError, KeyringUnavailable
from ..core.i18n import _
from ..core.identity import account_identity
from ..core.keystore import ENV_PROFILE, KeyStore, Profile, check_key_format
from ..core.providers import Provider, foreign_key_problem
from ..core.redact import redact
from ..core.uplink import UplinkSink

if TYPE_CHECKING:  # pragma: no cover
    from .tasks import TaskTracker

NONE = "none"
LIVE = "live"
SANDBOX = "sandbox"


@dataclass(frozen=True)
class LiveKey:
    """A live profile's key as read from the key store (``key`` None: none)."""

    key: str | None
    name: str | None
    problem: str = ""


def sandbox_instance(sandbox: Any) -> str:
    """The sandbox's instance id (its data folder's, kept across restarts), or ""."""
    v = getattr(sandbox, "instance_id", None)
    if not v:
        v = getattr(getattr(sandbox, "store", None), "instance_id", None)
    return str(v or "")


class LinkClient(Protocol):
    """What a link asks of its provider's client."""

    api_key: str | None
    base_url: str
    on_error: Callable[[ApiError], None] | None
    #: where its uploads' rates are reported (``core.uplink``)
    uplink: UplinkSink | None

    @property
    def has_key(self) -> bool: ...

    @property
    def closed(self) -> bool: ...

    async def aclose(self) -> None: ...

    async def validate_key(self) -> Any: ...


C = TypeVar("C", bound=LinkClient)


class ProviderLink(Generic[C]):
    """The key, server and account of one provider in the session (see the module docstring).

    A subclass sets :attr:`provider`, :attr:`REFUSED` (said when the provider refuses a key being
    added) and :attr:`log`, and may extend the hooks ``_same_account``, ``_keyed``,
    ``_live_account`` and ``_own_client``."""

    provider: ClassVar[Provider]
    REFUSED: ClassVar[str]
    log: ClassVar[logging.Logger]

    def __init__(self, client: C, keystore: KeyStore, *,
                 on_change: Callable[[int], None] | None = None,
                 on_problem: Callable[[str], None] | None = None,
                 factory: Callable[[str | None, str], C]) -> None:
        self.client = client
        self.keystore = keystore
        self._on_change = on_change
        self._on_problem = on_problem
        self._factory = factory
        #: NONE until the first switch, then LIVE or SANDBOX
        self.mode = NONE
        #: the profile in use in live mode (None: no key, or the sandbox)
        self.profile: str | None = None
        #: who the provider's jobs belong to (core/identity.py); "" without a key
        self.account = ""
        #: why the provider cannot be used although a key was expected (missing from the keyring,
        #: or refused by the provider); "" when fine. Shown to the user, never holds a key
        self.problem = ""
        #: the number of the current connection (server and key)
        self.connection = 0

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
        """The provider refused the key in use: say so once (until the key changes)."""
        if self.problem or not self.client.has_key:
            return
        label = self.provider.label
        if self.profile:
            self.problem = _("The {provider} key of profile '{name}' was refused by {provider}. Add another one in "
                             "Manage API keys.").format(provider=label, name=self.profile)
        else:
            self.problem = _("The {provider} key was refused by {provider}. Add another one in Manage API "
                             "keys.").format(provider=label)
        self.log.info("%s key refused (connection %d)", self.provider.id, self.connection)
        if self._on_problem is not None:
            self._on_problem(self.problem)

    def _changed(self) -> None:
        self.connection += 1
        self.log.info("%s connection %d: %s, %s", self.provider.id, self.connection, self.mode,
                      "a key" if self.client.has_key else "no key")
        if self._on_change is not None:
            self._on_change(self.connection)

    def _same_account(self, account: str) -> bool:
        """Whether ``account`` (given to :meth:`_set`) is the account in use."""
        return account == self.account

    def _keyed(self) -> None:
        """The client's server and key were just set (before :meth:`_changed`)."""

    def _set(self, mode: str, key: str | None, base_url: str, profile: str | None, account: str) -> None:
        base_url = base_url.rstrip("/")
        same = (mode == self.mode and key == self.client.api_key and base_url == self.client.base_url
                and profile == self.profile and self._same_account(account))
        self.mode, self.profile = mode, profile
        if same:
            return
        self.account = account
        try:
            self.client.base_url = base_url
        except InputError as e:  # not a web address (the env variable, the setting): no key goes anywhere
            self.problem = str(e)
            self.profile, self.account, key = None, "", None
        self.client.api_key = key
        self._keyed()
        self._changed()

    # -- live ------------------------------------------------------------------------------------
    async def read_live(self, name: str | None = None) -> LiveKey:
        """Read the key of a stored profile (the active one by default) in a worker thread;
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
            return LiveKey(None, name, _("The {provider} key of profile '{name}' is missing from the OS keyring. "
                                         "Add it again in Manage API keys.").format(provider=self.provider.label,
                                                                                    name=name))
        return LiveKey(key, name)

    def _live_account(self, base_url: str, profile: str) -> str:
        """The account of live profile ``profile`` at ``base_url`` ("": known later)."""
        return account_identity(self.provider.id, base_url, profile, "")

    def apply_live(self, base_url: str, live: LiveKey) -> bool:
        """Use what :meth:`read_live` read against ``base_url``; True when a key is in use."""
        self.problem = live.problem
        p = self.provider
        if live.key and live.name is not None:
            # another provider's key (a Verging key in VIMMERSE_API_KEY...) is never sent
            # the key named as the subject of a sentence, already in the interface's language
            what = (_("The key in {variable}").format(variable=p.env_key) if live.name == ENV_PROFILE
                    else _("The {provider} key of profile '{name}'").format(provider=p.label, name=live.name))
            foreign = foreign_key_problem(live.key, p, what)
            if not foreign and p.key_starts_with and not live.key.startswith(p.key_starts_with):
                foreign = _("{what} does not look like a {provider} key ({provider} keys start with "
                            "{prefix}).").format(what=what, provider=p.label, prefix=p.key_starts_with)
            if foreign:
                self.problem = _("{problem} It is not used; add a {provider} key in Manage API keys.").format(
                    problem=foreign, provider=p.label)
                live = LiveKey(None, live.name, self.problem)
        if not live.key or live.name is None:
            self._set(LIVE, None, base_url, None, "")
            return False
        self._set(LIVE, live.key, base_url, live.name, self._live_account(base_url, live.name))
        return True

    async def use_live(self, base_url: str, name: str | None = None) -> bool:
        """:meth:`read_live` then :meth:`apply_live`."""
        return self.apply_live(base_url, await self.read_live(name))

    def set_live_base_url(self, base_url: str) -> None:
        """The setting (or the ``..._BASE_URL`` variable) changed: the same key, to the new server."""
        if self.mode != LIVE or self.client.base_url == base_url.rstrip("/"):
            return
        account = self._live_account(base_url, self.profile) if self.profile else ""
        self.problem = ""  # another server: whether it takes the key is not known yet
        self._set(LIVE, self.client.api_key, base_url, self.profile, account)

    # -- sandbox -----------------------------------------------------------------------------------
    def use_sandbox(self, sandbox: Any) -> None:
        """The sandbox's paths of the provider with its demo key (``<id>_url``, ``<id>_demo_key``)."""
        pid = self.provider.id
        url = str(getattr(sandbox, f"{pid}_url", "") or "").rstrip("/")
        if not url:  # a sandbox without the provider's paths: no key of it in it
            self.problem = _("This sandbox does not serve {provider}.").format(provider=self.provider.label)
            self._set(SANDBOX, None, self.client.base_url, None, "")
            return
        self.problem = ""
        self._set(SANDBOX, str(getattr(sandbox, f"{pid}_demo_key")), url, None,
                  account_identity(pid, url, "sandbox", sandbox_instance(sandbox)))

    # -- keys ----------------------------------------------------------------------------------------
    def _own_client(self, c: C) -> None:
        """Connection client ``c`` was just made for the current connection."""

    def new_client(self, key: str | None = None, base_url: str | None = None) -> C:
        """A client of its own: for one connection (the caller closes it with ``aclose``)."""
        own = key is None and base_url is None
        if own:
            key = self.client.api_key
        c = self._factory(key, base_url or self.client.base_url)
        # its uploads feed the app's upload-rate estimate, as the session's client's do
        c.uplink = self.client.uplink
        if own:
            c.on_error = self._error_of(self.connection)
            self._own_client(c)
        return c

    async def validate(self, key: str, base_url: str) -> Any:
        """Ask the provider whether ``key`` works with a temporary client; what it answered.

        Raises :class:`InputError` (:attr:`REFUSED`) when the key is refused (401/403), the
        client's :class:`ApiError` when the provider cannot be asked (offline, 5xx)."""
        tmp = self._factory(key, base_url.rstrip("/"))
        try:
            return await tmp.validate_key()
        except AuthError:
            raise InputError(_(self.REFUSED)) from None
        finally:
            await tmp.aclose()

    async def add_key(self, name: str, key: str, *, base_url: str, validate: bool = True,
                      session_only: bool = False, activate: bool = True) -> Profile:
        """Check ``key`` with the provider at ``base_url`` (unless ``validate`` is False), then
        store it. Another provider's key (``vrg_sk_...``, ``varg_...``) is refused by
        :func:`~verging_desktop.core.keystore.check_key_format` before any request.

        Raises InputError (malformed, refused, a name in use), KeyringUnavailable (the caller
        offers ``session_only=True``), or the client's ApiError when the provider cannot be
        reached; in every case nothing was stored."""
        label = self.provider.label
        key = check_key_format(key, self.provider)
        name = (name or "").strip()
        if not name:
            raise InputError(_("Give the {provider} key a name, for example 'personal' or 'studio'.").format(
                provider=label))
        if name in self.keystore.names():
            raise InputError(_("A {provider} profile named '{name}' exists already. Remove it first or choose "
                               "another name.").format(provider=label, name=name))
        if validate:
            await self.validate(key, base_url)
        profile = await asyncio.to_thread(self.keystore.add, name, key, session_only=session_only,
                                          make_active=activate)
        self.log.info("%s profile %s added (%s)", self.provider.id, name, profile.source)
        return profile

    async def remove_profile(self, name: str) -> None:
        if name == ENV_PROFILE:
            raise InputError(_("The environment profile comes from {variable}; unset the variable to remove it.")
                             .format(variable=self.provider.env_key))
        await asyncio.to_thread(self.keystore.remove, name)

    async def check(self) -> str:
        """Check the key in use with the provider: "" when it works, else a sentence (never the key)."""
        if not self.client.has_key:
            return ""
        try:
            await self.validate(str(self.client.api_key), self.client.base_url)
        except InputError:
            self.refused()
            return self.problem
        except ApiError as e:
            return _("Could not check the {provider} key: {reason}").format(provider=self.provider.label,
                                                                            reason=redact(str(e)))
        return ""

    async def aclose(self) -> None:
        self.client.on_error = None
        if not self.client.closed:
            await self.client.aclose()


class Events(Protocol):
    """The session listener's calls these functions make."""

    def profiles_changed(self) -> None: ...

    def message(self, text: str) -> None: ...


# -- the session halves (VimmerseSessionMixin, VargSessionMixin) -------------------------------------
async def use_profile(link: ProviderLink[Any], session_mode: str, events: Events, live_url: str,
                      name: str | None) -> bool:
    """Use a stored profile of ``link`` (the active one by default); in sandbox mode the choice is
    remembered and used when the sandbox is left. True when a key is in use."""
    if session_mode == "sandbox":
        if name is not None:
            await asyncio.to_thread(link.keystore.set_active, name)
        events.profiles_changed()
        return link.has_key
    ok = await link.use_live(live_url, name)
    events.profiles_changed()
    if link.problem:
        events.message(link.problem)
    return ok


async def add_profile(link: ProviderLink[Any], session_mode: str, events: Events, live_url: str,
                      name: str, key: str, *, session_only: bool, activate: bool,
                      check_later: Callable[[], None]) -> Profile:
    """Check ``key`` with the provider, then store it and use it; in sandbox mode it is stored
    unchecked and ``check_later`` is called (check it when the sandbox is left)."""
    sandbox = session_mode == "sandbox"
    profile = await link.add_key(name, key, base_url=live_url, validate=not sandbox,
                                 session_only=session_only, activate=activate)
    if sandbox:
        check_later()
    events.profiles_changed()
    if activate and not sandbox:
        await link.use_live(live_url, profile.name)
    return profile


async def remove_profile(link: ProviderLink[Any], session_mode: str, events: Events, live_url: str,
                         name: str) -> None:
    was_active = name == link.profile and session_mode != "sandbox"
    await link.remove_profile(name)
    events.profiles_changed()
    if was_active:
        await link.use_live(live_url)


def apply_live(link: ProviderLink[Any], events: Events, live_url: str, live: LiveKey | None, *,
               check_later: bool, tasks: TaskTracker, check: Callable[[], Coroutine[Any, Any, None]],
               task_name: str) -> bool:
    """Apply what was read entering live mode (None: nothing to do); returns whether the key check
    asked for in sandbox mode is still to come (``check_later`` once it is started)."""
    if live is None:
        return check_later
    link.apply_live(live_url, live)
    if link.problem:
        events.message(link.problem)
    if check_later and link.has_key:
        tasks.spawn(check(), name=task_name)
        return False
    return check_later


async def check_key(link: ProviderLink[Any], events: Events) -> None:
    """Check the key in use; a provider that could not be asked is said (a refusal is told by
    ``on_problem``)."""
    conn = link.connection
    text = await link.check()
    if text and conn == link.connection and not link.problem:
        events.message(text)
