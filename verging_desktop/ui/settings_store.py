"""Settings stored with QSettings (organization "Verging", application "Verging Desktop").

The API key is never stored here: keys live in the OS keyring (core.keystore). As a guard,
any value that looks like a key is refused.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from ..core.settings import LANGUAGES, Settings

ORGANIZATION = "Verging"
APPLICATION = "Verging Desktop"

_KEYISH = re.compile(r"vrg_sk_", re.IGNORECASE)


def _to_float(v: Any, default: float) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return default


def _to_bool(v: Any, default: bool) -> bool:
    if isinstance(v, bool):
        return v
    if v is None:
        return default
    return str(v).strip().lower() in ("1", "true", "yes", "on")


class SettingsStore:
    """Reads and writes :class:`Settings` and a few pieces of window state."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    @property
    def location(self) -> str:
        return self.q.fileName()

    def load(self) -> Settings:
        d = Settings()
        q = self.q
        q.beginGroup("settings")
        try:
            s = Settings(
                base_url=str(q.value("base_url", d.base_url) or d.base_url),
                download_dir=str(q.value("download_dir", d.download_dir) or ""),
                poll_interval=max(0.5, _to_float(q.value("poll_interval", d.poll_interval), d.poll_interval)),
                theme=str(q.value("theme", d.theme) or d.theme),
                sandbox_speed=max(0.1, _to_float(q.value("sandbox_speed", d.sandbox_speed), d.sandbox_speed)),
                auto_download=_to_bool(q.value("auto_download", d.auto_download), d.auto_download),
                pricing_table=str(q.value("pricing_table", d.pricing_table) or d.pricing_table),
                vimmerse_base_url=str(q.value("vimmerse_base_url", d.vimmerse_base_url) or d.vimmerse_base_url),
                varg_base_url=str(q.value("varg_base_url", d.varg_base_url) or d.varg_base_url),
                varg_plan=str(q.value("varg_plan", d.varg_plan) or d.varg_plan),
                varg_custom_running=int(_to_float(q.value("varg_custom_running", d.varg_custom_running),
                                                  d.varg_custom_running)),
                language=str(q.value("language", d.language) or d.language),
            )
        finally:
            q.endGroup()
        if s.theme not in ("system", "light", "dark"):
            s.theme = "system"
        if s.language not in LANGUAGES:
            s.language = "system"
        if s.varg_plan not in ("free", "pro", "custom"):
            s.varg_plan = "free"
        return s

    def save(self, s: Settings) -> None:
        q = self.q
        q.beginGroup("settings")
        try:
            for f in fields(Settings):
                if f.name == "extra":
                    continue
                v = getattr(s, f.name)
                if isinstance(v, str) and _KEYISH.search(v):
                    raise ValueError(f"Refusing to store something that looks like an API key in '{f.name}'.")
                q.setValue(f.name, v)
        finally:
            q.endGroup()
        q.sync()

    # -- window state ---------------------------------------------------------------------
    def value(self, key: str, default: Any = None) -> Any:
        return self.q.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        if isinstance(value, str) and _KEYISH.search(value):
            raise ValueError("Refusing to store something that looks like an API key.")
        self.q.setValue(key, value)

    def bytes_value(self, key: str) -> QByteArray | None:
        v = self.q.value(key)
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def sync(self) -> None:
        self.q.sync()
