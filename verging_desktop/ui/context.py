"""What a tool tab (or any later panel) gets when it is built: constructor injection, no globals."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtWidgets import QWidget

    from ..core.pricing import Pricing
    from ..core.settings import AppDirs, Settings
    from .session import Session
    from .settings_store import SettingsStore
    from ..app_core.shutdown import ShutdownSequence

T = TypeVar("T")


@dataclass
class ToolContext:
    """Services shared by the tabs.

    ``session`` has the client (``session.client``), key store, pricing, settings and balance
    signals; ``spawn`` starts a coroutine whose handle is kept and cancelled on quit;
    ``shutdown`` takes ordered steps; ``services`` is where later parts add theirs (the job
    queue as ``services["jobs"]``, ffmpeg as ``services["media"]``...).
    """

    session: Session
    window: QWidget
    store: SettingsStore
    shutdown: ShutdownSequence
    dirs: AppDirs
    services: dict[str, Any] = field(default_factory=dict)

    @property
    def client(self) -> Any:
        return self.session.client

    @property
    def pricing(self) -> Pricing:
        return self.session.pricing

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str = "") -> asyncio.Task[T]:
        return self.session.spawn(coro, name=name)
