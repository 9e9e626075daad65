"""MINIMAL STUB (branch ``costs`` only, to run the services' tests): the api helper owns this file
and its version replaces this one. Only the contract's fields the services use are here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ...core.varg_models import Capability, VargModel, find_model, kind_capability


class CacheMode(str, Enum):
    USE = "use"
    REFRESH = "no-cache"
    NO_STORE = "no-store"


def _is_url(v: str) -> bool:
    return v.strip().lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class VargRequest:
    kind: str
    model: str
    prompt: str = ""
    text: str = ""
    voice: str = ""
    duration: float | None = None
    aspect_ratio: str = ""
    language: str = ""
    files: tuple[str, ...] = ()
    audio: str = ""
    cache: CacheMode = CacheMode.USE
    provider_options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def capability(self) -> Capability:
        return kind_capability(self.kind)

    @property
    def model_info(self) -> VargModel | None:
        return find_model(self.model)

    def local_files(self) -> list[str]:
        return [f for f in (*self.files, self.audio) if f and not _is_url(f)]
