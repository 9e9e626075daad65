"""The Vimmerse page of Manage API keys: profiles of Vimmerse keys, adding one (checked with
Vimmerse first: an estimate of 0 credits), removing one, and ``VIMMERSE_API_KEY`` shown read-only
(:class:`~.provider_keys.ProviderKeysPage`). Vimmerse has no account route, so there is no list of
the account's keys here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.providers import VIMMERSE
from .provider_keys import KeysAccess, ProviderKeysPage

if TYPE_CHECKING:  # pragma: no cover
    from ..session import Session

VIMMERSE_KEYS = KeysAccess(
    provider=VIMMERSE,
    prefix="vimmerse",
    intro=QT_TRANSLATE_NOOP("KeysAccess",
                            "Vimmerse runs Reframe & Crop, Lip Sync, Replace Background, Sound, Generate Video and "
                            "the Vimmerse modes of Video Enhance. It bills in its own Vimmerse credits, separately "
                            "from your Verging credits."),
    check_how=QT_TRANSLATE_NOOP("KeysAccess", "a free price estimate"),
    account_place=QT_TRANSLATE_NOOP("KeysAccess", "vimmerse.net, API keys"),
    keystore=lambda s: s.vimmerse_keystore,
    in_use=lambda s: s.vimmerse_profile,
    problem=lambda s: s.vimmerse_problem,
    live_url=lambda s: s.live_vimmerse_url,
    use=lambda s, name: s.use_vimmerse_profile(name),
    add=lambda s, name, key, session_only: s.add_vimmerse_key(name, key, session_only=session_only),
    remove=lambda s, name: s.remove_vimmerse_profile(name),
    changed=lambda s: s.vimmerseChanged,
    refused=lambda s: s.vimmerseProblem,
)


class VimmerseKeysPage(ProviderKeysPage):
    """Vimmerse's keys (see the module docstring)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, VIMMERSE_KEYS, parent)
