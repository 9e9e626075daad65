"""What a tool tab (or any later panel) gets when it is built: constructor injection, no globals.

``app.py`` builds one :class:`ToolContext` and every object in it; a tab reads typed fields
(``ctx.jobs``, ``ctx.consent``, ``ctx.handoff``, ``ctx.submissions``, ``ctx.client``) and never
looks anything up by name. Every field is read by some page or panel; the sandbox factory goes to
the :class:`~verging_desktop.ui.session.Session` (which alone starts the sandbox), not here.
Vimmerse's client is ``ctx.vimmerse`` beside ``ctx.client``; ``ctx.has_key("vimmerse")`` says
whether it has a key, ``ctx.vimmerse_pricing`` is its local price table. varg's client is
``ctx.varg`` (``ctx.has_key("varg")``), its prices ``ctx.varg_pricing`` (the local table with the
pricing route overlaid), its estimator ``ctx.varg_cost`` and the user's own provider keys in use
``ctx.byok_keys()``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..core.consent import ConsentStore
from ..core.submissions import SubmissionRegistry

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.client import VargClient
    from ..api.verging.client import VergingClient
    from ..api.vimmerse.client import VimmerseClient
    from ..app_core.shutdown import ShutdownSequence
    from ..core.pricing import Pricing
    from ..core.settings import AppDirs, Settings
    from ..core.varg_pricing import VargPricing
    from ..core.vimmerse_pricing import VimmersePricing
    from ..services.varg_cost import VargCost
    from .jobs.service import JobsService
    from .session import Session
    from .settings_store import SettingsStore

T = TypeVar("T")

#: takes over a hand-off: ``hook(tool_id, path)``; ``False`` means "not handled"
HandoffHook = Callable[[str, str], "bool | None"]


class HandoffTarget(Protocol):
    """Who shows the tools (the main window)."""

    def open_tool(self, tool_id: str) -> object | None:
        """Show the page of ``tool_id``; return its built content (None: no such page here)."""
        ...  # pragma: no cover


class HandoffBus:
    """Hands a file from one tool to another ("use as face", "remove background", "ask Vision").

    The main window registers itself as the target (:meth:`register`); a tab asks for a tool with
    :meth:`open_tool` (:func:`verging_desktop.ui.widgets.ai_handoff.hand_off` sends a file: the
    hook, then the page's ``accept_handoff(path) -> bool``). A hook (:meth:`set_hook`) may take
    hand-offs over (a later panel, a test); it is tried first.
    """

    def __init__(self) -> None:
        self._target: HandoffTarget | None = None
        self._hook: HandoffHook | None = None

    def register(self, target: HandoffTarget | None) -> None:
        self._target = target

    def set_hook(self, hook: HandoffHook | None) -> None:
        self._hook = hook

    @property
    def hook(self) -> HandoffHook | None:
        return self._hook

    def open_tool(self, tool_id: str) -> object | None:
        """Show ``tool_id``'s page; its content widget, or None when there is no target or page."""
        return self._target.open_tool(tool_id) if self._target is not None else None


@dataclass
class ToolContext:
    """Services shared by the tabs, built and injected by ``app.py``.

    ``session`` has the client (``session.client``), key store, pricing, settings and balance
    signals; ``spawn`` starts a coroutine whose handle is kept and cancelled on quit;
    ``shutdown`` takes ordered steps. ``jobs``: the job queue service (None until ``app.py``
    made it). ``consent``: the faces the user confirmed. ``handoff``: the hand-off bus the window
    registers with. ``submissions``: what was sent since the app started (the repeat question).
    ``open_job(kind, local_id)``: shows a job in its tool (the queue's double click).
    ``open_keys(provider_id)``: the keys dialog on that provider's tab (a page's "Add a key").
    """

    session: Session
    store: SettingsStore
    shutdown: ShutdownSequence
    dirs: AppDirs
    jobs: JobsService | None = None
    consent: ConsentStore = field(default_factory=ConsentStore)
    handoff: HandoffBus = field(default_factory=HandoffBus)
    submissions: SubmissionRegistry = field(default_factory=SubmissionRegistry)
    open_job: Callable[[str, int], None] | None = None
    #: opens the keys dialog on a provider's tab (``open_keys("vimmerse")``: a page's "Add a key")
    open_keys: Callable[[str], None] | None = None

    @property
    def client(self) -> VergingClient:
        """The session's Verging client (its key and base URL follow the session's connection)."""
        client: VergingClient = self.session.client
        return client

    @property
    def vimmerse(self) -> VimmerseClient:
        """The session's Vimmerse client: its key and base URL follow the session (in sandbox mode
        the sandbox's Vimmerse paths and demo key; live, the Vimmerse profile or ``VIMMERSE_API_KEY``)."""
        client: VimmerseClient = self.session.vimmerse
        return client

    @property
    def varg(self) -> VargClient:
        """The session's varg client: its key, base URL and provider keys follow the session (in
        sandbox mode the sandbox's varg paths and demo key; live, the varg profile or ``VARG_API_KEY``)."""
        client: VargClient = self.session.varg
        return client

    @property
    def varg_pricing(self) -> VargPricing:
        """varg's prices in cents: the local table, with the pricing route's figures when it answered."""
        return self.session.varg_pricing

    @property
    def varg_cost(self) -> VargCost:
        """varg's estimator (the prices, and the requests seen before: ``varg_seen.json`` in the data folder)."""
        return self.session.varg_cost

    def byok_keys(self) -> frozenset[str]:
        """The providers ("fal", "elevenlabs", ...) whose own key is sent to varg for their models."""
        return frozenset(self.session.byok_keys())

    def has_key(self, provider_id: str) -> bool:
        """Whether ``provider_id`` ("verging", "vimmerse", "varg") has a key in this session."""
        return bool(self.session.key_of(provider_id))

    @property
    def vimmerse_pricing(self) -> VimmersePricing:
        """Vimmerse's local price table (``vimmerse_pricing.json`` in the config dir overrides it)."""
        return self.session.vimmerse_pricing

    @property
    def pricing(self) -> Pricing:
        return self.session.pricing

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        return self.session.spawn(coro, name=name)
