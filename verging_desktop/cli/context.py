"""What every command shares: exit codes, the context (key, base URL, sandbox, client, queue) and output."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api.verging import VergingClient
from ..core import filetypes as ft
from ..core.errors import AuthError, InputError, InsufficientCredits, Progress, VergingError
from ..core.identity import account_identity
from ..core.keystore import ENV_PROFILE, ENV_VAR, KeyStore
from ..core.outputs import Destination, destination
from ..core.plural import credits
from ..core.pricing import Estimate, Pricing
from ..core.providers import BYOK_KEYS, VARG, VIMMERSE, Provider, foreign_key_problem
from ..core.providers import VERGING as _VERGING
from ..core.settings import (
    DEFAULT_BASE_URL,
    DEFAULT_VIMMERSE_URL,
    VARG_PLAN_LABELS,
    Settings,
    app_dirs,
    env_base_url,
    env_vimmerse_url,
)
from ..core.uplink import UplinkEstimator
from ..jobs.queue import JobQueue, PollPolicy
from ..jobs.store import JobStore

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.client import VargClient
    from ..api.vimmerse import VimmerseClient
    from ..core.vimmerse_pricing import VimmersePricing
    from ..jobs.varg_queue import VargQueue
    from ..jobs.vimmerse_queue import VimmerseQueue
    from ..services.varg_cost import VargCost

VERGING_ID = _VERGING.id

#: the exit codes the command sets itself; 3 (credits) and 4 (authentication) come from the errors' ``exit_code``
EXIT_OK, EXIT_INPUT, EXIT_API = 0, 2, 5


class UsageError(InputError):
    pass


# -- output helpers --------------------------------------------------------------------------
def _jsonable(o: Any) -> Any:
    if is_dataclass(o) and not isinstance(o, type):
        return {k: _jsonable(v) for k, v in asdict(o).items() if k != "raw"}
    if isinstance(o, dict):
        return {k: _jsonable(v) for k, v in o.items() if k != "raw"}
    if isinstance(o, (list, tuple)):
        return [_jsonable(v) for v in o]
    if isinstance(o, datetime):
        return o.isoformat()
    if isinstance(o, Path):
        return str(o)
    if hasattr(o, "value") and not isinstance(o, (int, float, str)):
        return o.value
    return o


class Out:
    def __init__(self, as_json: bool, quiet: bool = False) -> None:
        self.as_json = as_json
        self.quiet = quiet
        self._last_progress = 0.0

    def info(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=sys.stderr, flush=True)

    def result(self, text: str, data: Any) -> None:
        if self.as_json:
            print(json.dumps(_jsonable(data), ensure_ascii=False, indent=2))
        else:
            print(text, flush=True)

    def wrote(self, path: Path) -> None:
        if not self.as_json:
            print(str(path), flush=True)

    def progress(self, label: str) -> Callable[[Progress], None]:
        def cb(p: Progress) -> None:
            now = time.monotonic()
            if self.quiet or (now - self._last_progress < 0.5 and (p.fraction or 0) < 1):
                return
            self._last_progress = now
            frac = p.fraction
            if frac is not None:
                print(f"\r{label}: {frac * 100:5.1f}% ({p.done / 1e6:.1f}/{(p.total or 0) / 1e6:.1f} MB)",
                      end="\n" if frac >= 1 else "", file=sys.stderr, flush=True)
            else:
                print(f"\r{label}: {p.done / 1e6:.1f} MB", end="", file=sys.stderr, flush=True)
        return cb


# -- the app's saved settings ----------------------------------------------------------------
#: where the app's QSettings live (ui/settings_store.py: organization "Verging", application "Verging Desktop")
_ORGANIZATION, _APPLICATION = "Verging", "Verging Desktop"


def _saved_values() -> dict[str, str]:
    """The ``settings`` group the app saves with QSettings, read without Qt: the native INI file on
    Linux and the BSDs, the plist on macOS, the registry on Windows. Empty when there is none."""
    if sys.platform == "win32":
        import winreg

        out: dict[str, str] = {}
        with contextlib.suppress(OSError), winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, rf"Software\{_ORGANIZATION}\{_APPLICATION}\settings") as k:
            i = 0
            while True:
                try:
                    name, value, _ = winreg.EnumValue(k, i)
                except OSError:
                    break
                out[str(name)] = str(value)
                i += 1
        return out
    if sys.platform == "darwin":
        import plistlib

        path = Path.home() / "Library" / "Preferences" / f"com.{_ORGANIZATION.lower()}.{_APPLICATION}.plist"
        try:
            data = plistlib.loads(path.read_bytes())
        except (OSError, ValueError, plistlib.InvalidFileException):
            return {}
        return {k.split(".", 1)[1]: str(v) for k, v in data.items() if str(k).startswith("settings.")}
    import configparser

    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    parser = configparser.RawConfigParser(strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read(base / _ORGANIZATION / f"{_APPLICATION}.conf", encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return {}
    if not parser.has_section("settings"):
        return {}
    return {k: v.strip().strip('"') for k, v in parser.items("settings")}


def saved_settings() -> Settings:
    """The app's saved settings the command line shares (varg's base URL and plan); the defaults for
    anything missing or unreadable. (The environment variables still come first: ``effective_*``.)"""
    values = _saved_values()
    s = Settings()
    if values.get("varg_base_url", "").startswith(("http://", "https://")):
        s.varg_base_url = values["varg_base_url"]
    if values.get("varg_plan") in VARG_PLAN_LABELS:
        s.varg_plan = values["varg_plan"]
    with contextlib.suppress(ValueError):
        s.varg_custom_running = int(float(values.get("varg_custom_running", s.varg_custom_running)))
    return s


# -- context: key, base URL, sandbox ---------------------------------------------------------
class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.out = Out(getattr(args, "json", False), getattr(args, "quiet", False))
        self.dirs = app_dirs()
        self.pricing = Pricing.load(self.dirs.config)
        self.sandbox: Any = None
        self._client: VergingClient | None = None
        self._queue: JobQueue | None = None
        self._store: JobStore | None = None
        self._account: Any = None  # what /auth/me said (the queue's account)
        self._vclient: VimmerseClient | None = None
        self._vqueue: VimmerseQueue | None = None
        self._vpricing: VimmersePricing | None = None
        #: whose Vimmerse jobs these are (core/identity.py; the app files them the same way)
        self.vimmerse_account = ""
        self._gclient: VargClient | None = None
        self._gqueue: VargQueue | None = None
        self._gcost: VargCost | None = None
        #: whose varg jobs these are ("varg|server|userId", known once /me answered: :meth:`varg_identify`)
        self.varg_account = ""
        self._uplink: UplinkEstimator | None = None

    def uplink(self) -> UplinkEstimator:
        """The upload-rate estimate (``uplink.json`` in the data dir), shared with the app."""
        if self._uplink is None:
            self._uplink = UplinkEstimator.in_dir(self.dirs.data)
        return self._uplink

    def store(self) -> JobStore:
        if self._store is None:
            self._store = JobStore(self.dirs.data / "jobs.db")
        return self._store

    async def queue(self) -> JobQueue:
        if self._queue is None:
            interval = float(os.environ.get("VERGING_POLL_INTERVAL", "2"))
            self._queue = JobQueue(self.store(), self.client(), download_dir=Path.cwd(), auto_download=False,
                                   policy=PollPolicy(base=interval))
            if self._account is not None:
                self._queue.identify(self._account)
            await self._queue.start()
        return self._queue

    def keystore(self, provider: Provider | None = None) -> KeyStore:
        return KeyStore(self.dirs.config) if provider is None else KeyStore(self.dirs.config, provider=provider)

    @property
    def vimmerse_command(self) -> bool:
        """True for ``verging vimmerse ...`` and ``verging keys ... --provider vimmerse``, whose
        ``--api-key`` and ``--base-url`` are Vimmerse's."""
        cmd = getattr(self.args, "command", None)
        return cmd == "vimmerse" or (cmd == "keys" and getattr(self.args, "provider", None) == VIMMERSE.id)

    @property
    def varg_command(self) -> bool:
        """True for ``verging varg ...`` and ``verging keys ... --provider varg`` (or a key varg passes
        on: fal, elevenlabs...), whose ``--api-key`` and ``--base-url`` are varg's."""
        cmd = getattr(self.args, "command", None)
        pid = getattr(self.args, "provider", None)
        return cmd == "varg" or (cmd == "keys" and pid not in (None, VERGING_ID, VIMMERSE.id))

    def start_sandbox(self) -> Any:
        """The embedded sandbox (``--sandbox``), started once; it serves every provider."""
        if self.sandbox is None:
            from ..sandbox import Sandbox

            self.sandbox = Sandbox(data_dir=self.args.sandbox_data,
                                   job_seconds=float(os.environ.get("VERGING_SANDBOX_JOB_SECONDS", "4")))
            self.sandbox.start()
            where = (self.sandbox.vimmerse_url if self.vimmerse_command else
                     self.sandbox.varg_url if self.varg_command else self.sandbox.base_url)
            self.out.info(f"Sandbox mode: nothing is charged and results are simulated ({where}).")
        return self.sandbox

    def resolve(self) -> tuple[str, str | None]:
        a = self.args
        own = not (self.vimmerse_command or self.varg_command)
        base = (a.base_url if own else None) or env_base_url()
        key = a.api_key if own else None
        if a.sandbox:
            from ..sandbox import DEMO_KEY

            base = self.start_sandbox().base_url
            key = key or DEMO_KEY
        if key is None:
            with contextlib.suppress(VergingError):
                key = self.keystore().get()
        if key is None:
            key = (os.environ.get(ENV_VAR) or "").strip() or None
        return base or DEFAULT_BASE_URL, key

    def client(self) -> VergingClient:
        if self._client is None:
            base, key = self.resolve()
            if not key:
                raise AuthError("No API key: pass --api-key, run 'verging keys add', set VERGING_API_KEY, "
                                "or try --sandbox.")
            self._client = VergingClient(key, base)
            self._client.uplink = self.uplink()
        return self._client

    # -- Vimmerse ------------------------------------------------------------------------------
    def resolve_vimmerse(self) -> tuple[str, str | None, str]:
        """Vimmerse's base URL, key and account identity.

        Key: ``--api-key`` of ``verging vimmerse``, else the active Vimmerse profile of the OS
        keyring, else ``$VIMMERSE_API_KEY``; base URL: ``--base-url`` of ``verging vimmerse``, else
        ``$VIMMERSE_BASE_URL``, else https://api.vimmerse.net; ``--sandbox``: the sandbox's Vimmerse
        paths and demo key. The account is filed as the app files it (``vimmerse|server|profile``;
        the sandbox by its instance), so the app and ``verging jobs`` follow the same jobs."""
        a = self.args
        own = self.vimmerse_command
        key: str | None = a.api_key if own else None
        if a.sandbox:
            sb = self.start_sandbox()
            from ..app_core.vimmerse_link import sandbox_instance

            url = str(sb.vimmerse_url)  # filed as the app files its sandbox's jobs (by the sandbox's instance)
            return url, key or str(sb.vimmerse_demo_key), account_identity(VIMMERSE.id, url, "sandbox",
                                                                          sandbox_instance(sb))
        base = ((a.base_url if own else None) or env_vimmerse_url() or DEFAULT_VIMMERSE_URL).rstrip("/")
        ks = self.keystore(VIMMERSE)
        name: str | None = None
        env = ks.env_key()
        if key:
            key = key.strip()
            name = ENV_PROFILE if key == env else "command line"
            with contextlib.suppress(VergingError):
                if ks.active and ks.active != ENV_PROFILE and ks.get() == key:
                    name = ks.active
        else:
            with contextlib.suppress(VergingError):
                name = ks.active
                key = ks.get()
            if not key and env:
                name, key = ENV_PROFILE, env
        if not key:
            return base, None, ""
        return base, key, account_identity(VIMMERSE.id, base, name or ENV_PROFILE, "")

    def vimmerse_client(self) -> VimmerseClient:
        """The one Vimmerse client of this run (AuthError without a key; another provider's key is
        refused before anything is sent)."""
        if self._vclient is None:
            from ..api.vimmerse import VimmerseClient

            base, key, account = self.resolve_vimmerse()
            if not key:
                raise AuthError("No Vimmerse API key: pass --api-key, run 'verging keys add --provider vimmerse', "
                                "set VIMMERSE_API_KEY, or try --sandbox.")
            foreign = foreign_key_problem(key, VIMMERSE)
            if foreign:
                raise AuthError(f"{foreign} Nothing was sent.")
            self._vclient = VimmerseClient(key, base)
            self.vimmerse_account = account
        return self._vclient

    def vimmerse_pricing(self) -> VimmersePricing:
        if self._vpricing is None:
            from ..core.vimmerse_pricing import VimmersePricing

            self._vpricing = VimmersePricing.load()
        return self._vpricing

    async def vimmerse_queue(self) -> VimmerseQueue:
        """The Vimmerse side of the persistent queue (the same job store as the app's)."""
        if self._vqueue is None:
            from ..jobs.vimmerse_queue import AssetPollPolicy, VimmerseQueue

            client = self.vimmerse_client()
            interval = float(os.environ.get("VERGING_POLL_INTERVAL", "2"))
            self._vqueue = VimmerseQueue(self.store(), client, download_dir=Path.cwd(), auto_download=False,
                                         policy=AssetPollPolicy(base=interval, max=max(interval, 30.0)),
                                         account=self.vimmerse_account)
            await self._vqueue.start()
        return self._vqueue

    # -- varg ----------------------------------------------------------------------------------
    def resolve_varg(self) -> tuple[str, str | None, str]:
        """varg's base URL, key and the key's profile name (as :meth:`resolve_vimmerse`): ``--api-key``
        of ``verging varg``, else the active varg profile of the OS keyring, else ``$VARG_API_KEY``;
        ``--base-url``, else ``$VARG_BASE_URL``, else the app's saved setting, else
        https://api.varg.ai/v1; ``--sandbox``: the
        sandbox's varg paths and demo key (profile "sandbox")."""
        a = self.args
        own = self.varg_command
        key: str | None = a.api_key if own else None
        if a.sandbox:
            sb = self.start_sandbox()
            return str(sb.varg_url).rstrip("/"), (key or str(sb.varg_demo_key)), "sandbox"
        base = ((a.base_url if own else None) or saved_settings().effective_varg_url()).rstrip("/")
        ks = self.keystore(VARG)
        name: str | None = None
        if key:
            key = key.strip()
            name = ENV_PROFILE if key == ks.env_key() else "command line"
        else:
            with contextlib.suppress(VergingError):
                name = ks.active
                key = ks.get()
            if not key and ks.env_key():
                name, key = ENV_PROFILE, ks.env_key()
        return base, key or None, name or ENV_PROFILE

    def byok_keys(self) -> dict[str, str]:
        """The provider keys varg passes on (BYOK), by id: the active keyring profile of each, else
        its ``VARG_PROVIDER_KEY_*`` variable (``KeyStore`` reads both). None with ``--sandbox``: as
        in the app, a provider key is never sent to the simulated gateway."""
        out: dict[str, str] = {}
        if self.args.sandbox:
            return out
        for k in BYOK_KEYS:
            value: str | None = None
            with contextlib.suppress(VergingError):
                value = self.keystore(k.as_provider()).get()
            value = value or (os.environ.get(k.env_key) or "").strip() or None
            if value:
                out[k.id] = value
        return out

    def varg_client(self) -> VargClient:
        """The one varg client of this run, with the BYOK keys applied (AuthError without a key;
        another provider's key is refused before anything is sent)."""
        if self._gclient is None:
            from ..api.varg.client import VargClient
            from ..api.varg.uploads import UploadMemory

            base, key, _ = self.resolve_varg()
            if not key:
                raise AuthError("No varg API key: pass --api-key, run 'verging keys add --provider varg', "
                                "set VARG_API_KEY, or try --sandbox.")
            foreign = foreign_key_problem(key, VARG)
            if foreign:
                raise AuthError(f"{foreign} Nothing was sent.")
            client = VargClient(key, base, uploads=UploadMemory(self.dirs.data / "varg_uploads.json"))
            for kid, value in self.byok_keys().items():
                client.set_byok_key(kid, value)
            self._gclient = client
        return self._gclient

    async def varg_identify(self) -> str:
        """Whose varg jobs these are, as the app files them: ``varg|server|userId`` from ``/me``
        (the sandbox: by its instance, so a restart on another port keeps its jobs)."""
        if not self.varg_account:
            client = self.varg_client()
            if self.args.sandbox and self.sandbox is not None:  # as app_core/varg_link.py files it
                from ..app_core.vimmerse_link import sandbox_instance

                self.varg_account = account_identity(VARG.id, client.base_url, "sandbox",
                                                     sandbox_instance(self.sandbox))
            else:
                me = await client.me()
                self.varg_account = account_identity(VARG.id, client.base_url, str(me.user_id or me.email or "?"))
            client.upload_scope = self.varg_account
        return self.varg_account

    def varg_cost(self) -> VargCost:
        if self._gcost is None:
            from ..core.varg_pricing import VargPricing
            from ..services.varg_cache import SeenRequests
            from ..services.varg_cost import VargCost

            # the same file as the app's (app_core/varg_link.py): a request sent from either is known to both
            self._gcost = VargCost(VargPricing.load(), SeenRequests.in_dir(self.dirs.data))
        return self._gcost

    async def varg_queue(self) -> VargQueue:
        """The varg side of the persistent queue (the same job store as the app's); as many running
        jobs as the app's saved varg plan allows (``$VARG_MAX_RUNNING`` first)."""
        if self._gqueue is None:
            from ..jobs.varg_queue import VargQueue

            account = await self.varg_identify()
            self._gqueue = VargQueue(self.store(), self.varg_client(), download_dir=Path.cwd(), auto_download=False,
                                     account=account,
                                     max_running=int(os.environ.get("VARG_MAX_RUNNING", "0") or 0)
                                     or saved_settings().varg_max_running, seen=self.varg_cost().seen)
            await self._gqueue.start()
        return self._gqueue

    async def close(self) -> None:
        if self._queue is not None:
            await self._queue.stop()
        if self._vqueue is not None:
            await self._vqueue.stop()
        if self._gqueue is not None:
            await self._gqueue.stop()
        if self._gclient is not None:
            await self._gclient.aclose()
        if self._store is not None:
            self._store.close()
        if self._client is not None:
            await self._client.aclose()
        if self._vclient is not None:
            await self._vclient.aclose()
        if self.sandbox is not None:
            await asyncio.to_thread(self.sandbox.stop)

    async def preflight(self, est: Estimate, minimum_balance: int = 0) -> float:
        """Show the estimate and refuse before sending when the balance is short. Returns the balance."""
        me = await self.client().me()
        self._account = me
        need = max(est.credits, minimum_balance)
        self.out.info(f"Estimated cost: {credits(est.credits)} ({est.detail}); balance {credits(me.credits)}.")
        if me.credits < need:
            raise InsufficientCredits(
                f"Not enough credits: this needs {need} and your balance is {me.credits:g}. Buy credits on verging.ai.",
                required=need, available=me.credits)
        return me.credits

    async def report_charge(self, before: float, est: Estimate, charged: float | None = None) -> float | None:
        if charged is None:
            with contextlib.suppress(VergingError):
                after = (await self.client().me()).credits
                charged = before - after
        if charged is not None:
            self.out.info(f"Charged: {credits(charged)} (estimated {credits(est.credits)}).")
        return charged


# -- result destinations ------------------------------------------------------------------------
def output_choice(a: argparse.Namespace, count: int = 1, what: str = "result") -> Destination | None:
    """``-o`` read by the one rule (core/outputs.py); ``-d`` alone means the current folder."""
    dest = destination(getattr(a, "output", None), count=count, what=what)
    if dest is None and getattr(a, "download", False):
        dest = Destination(Path.cwd(), True)
    return dest


def ext_from_url(url: str, default: str) -> str:
    ext = Path(ft.filename_from_url(url, "")).suffix.lower()
    return ext if 1 < len(ext) <= 6 else default


async def download_to(ctx: Context, url: str, dest: Path) -> Path:
    dest = ft.reserve_path(dest)
    path = await ctx.client().download(url, dest, progress=ctx.out.progress("Download"))
    ctx.out.wrote(path)
    return path
