"""Settings as a plain dataclass. The UI stores them with QSettings; the key never is."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import N_
from .providers import VARG, VIMMERSE

DEFAULT_BASE_URL = "https://verging.ai/api/v1"
WEBSITE_URL = "https://verging.ai"
BUY_CREDITS_URL = "https://verging.ai/pricing"
KEYRING_SERVICE = "verging-desktop:verging"
#: Vimmerse's API (``VIMMERSE_BASE_URL`` overrides the setting)
DEFAULT_VIMMERSE_URL = VIMMERSE.base_url
#: the varg gateway's API (``VARG_BASE_URL`` overrides the setting)
DEFAULT_VARG_URL = VARG.base_url
#: varg's plans and how many jobs each may run at once (specs/varg-gateway.md: Free 2, Pro 10
#: concurrent jobs); "custom" is the number the user sets (``Settings.varg_custom_running``)
VARG_PLANS: dict[str, int] = {"free": 2, "pro": 10}
VARG_PLAN_LABELS = {"free": N_("Free (2 jobs at once)"), "pro": N_("Pro (10 jobs at once)"), "custom": N_("Custom")}
#: the interface languages besides following the system
LANGUAGES = ("system", "en", "zh_CN")
#: the bounds of a custom limit of running varg jobs
VARG_RUNNING_RANGE = (1, 50)


def app_dirs() -> AppDirs:
    import platformdirs

    return AppDirs(
        data=Path(os.environ.get("VERGING_DATA_DIR") or platformdirs.user_data_dir("verging-desktop", "Verging")),
        config=Path(os.environ.get("VERGING_CONFIG_DIR") or platformdirs.user_config_dir("verging-desktop", "Verging")),
        log=Path(os.environ.get("VERGING_LOG_DIR") or platformdirs.user_log_dir("verging-desktop", "Verging")),
        downloads=Path(os.environ.get("VERGING_DOWNLOAD_DIR") or Path(platformdirs.user_downloads_dir()) / "Verging"),
    )


@dataclass(frozen=True)
class AppDirs:
    data: Path
    config: Path
    log: Path
    downloads: Path


def env_base_url() -> str | None:
    v = os.environ.get("VERGING_BASE_URL", "").strip()
    return v.rstrip("/") or None


def env_vimmerse_url() -> str | None:
    v = os.environ.get("VIMMERSE_BASE_URL", "").strip()
    return v.rstrip("/") or None


def env_varg_url() -> str | None:
    v = os.environ.get("VARG_BASE_URL", "").strip()
    return v.rstrip("/") or None


@dataclass
class Settings:
    base_url: str = DEFAULT_BASE_URL
    download_dir: str = ""
    poll_interval: float = 2.0
    theme: str = "system"  # system, light, dark
    sandbox_speed: float = 1.0  # multiplier: 2.0 finishes sandbox jobs twice as fast
    auto_download: bool = True
    pricing_table: str = "docs"
    vimmerse_base_url: str = DEFAULT_VIMMERSE_URL
    varg_base_url: str = DEFAULT_VARG_URL
    #: the varg plan ("free", "pro" or "custom"): how many varg jobs run at once (varg_max_running)
    varg_plan: str = "free"
    #: the limit of running varg jobs with the "custom" plan
    varg_custom_running: int = 4
    #: the interface language: "system" (follow the system), "en" or "zh_CN"; read at start-up
    language: str = "system"
    extra: dict[str, str] = field(default_factory=dict)

    def effective_base_url(self) -> str:
        return env_base_url() or (self.base_url.rstrip("/") if self.base_url else DEFAULT_BASE_URL)

    def effective_vimmerse_url(self) -> str:
        """Vimmerse's base URL: ``VIMMERSE_BASE_URL``, else the setting, else api.vimmerse.net."""
        v = self.vimmerse_base_url.strip().rstrip("/") if self.vimmerse_base_url else ""
        return env_vimmerse_url() or v or DEFAULT_VIMMERSE_URL

    def effective_varg_url(self) -> str:
        """varg's base URL: ``VARG_BASE_URL``, else the setting, else api.varg.ai/v1."""
        v = self.varg_base_url.strip().rstrip("/") if self.varg_base_url else ""
        return env_varg_url() or v or DEFAULT_VARG_URL

    @property
    def varg_max_running(self) -> int:
        """How many varg jobs may run at once: 2 on Free, 10 on Pro, the custom number (1..50);
        further jobs wait in the local queue instead of collecting 429s."""
        if self.varg_plan in VARG_PLANS:
            return VARG_PLANS[self.varg_plan]
        lo, hi = VARG_RUNNING_RANGE
        try:
            n = int(self.varg_custom_running)
        except (TypeError, ValueError):
            n = VARG_PLANS["free"]
        return max(lo, min(hi, n))
