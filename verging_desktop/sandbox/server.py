"""The :class:`Sandbox` object: state on disk plus a uvicorn server in a background thread."""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

from ..core.pricing import Pricing
from ..core.redact import mask
from ..core.vimmerse_pricing import VimmersePricing
from .app import build_app
from .common import SandboxState
from .faults import FaultConfig
from .jobs import resume_unfinished
from .store import Store
from .varg import VARG_DEMO_KEY, VargState
from .varg import ensure_key as ensure_varg_key
from .varg import resume_unfinished as resume_varg
from .vimmerse import VIMMERSE_DEMO_KEY, VimmerseState
from .vimmerse import resume_unfinished as resume_vimmerse

log = logging.getLogger("verging_desktop.sandbox")

DEMO_KEY = "vrg_sk_sandbox_demo_key"
DEMO_EMAIL = "demo@sandbox.verging.local"
DEMO_NAME = "Sandbox Demo"

START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


T = TypeVar("T")


class _VargSetting(Generic[T]):
    """A Sandbox attribute that reads and sets a :class:`~.varg.VargState` switch (converted by ``kind``)."""

    def __init__(self, name: str, kind: Callable[[Any], T], doc: str) -> None:
        self.name = name
        self.kind = kind
        self.__doc__ = doc

    def __get__(self, obj: Sandbox | None, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        value: T = getattr(obj.varg, self.name)
        return value

    def __set__(self, obj: Sandbox, value: T) -> None:
        setattr(obj.varg, self.name, self.kind(value))


class Sandbox:
    """A local server that speaks the Verging API wire format.

    Args:
        data_dir: where ``sandbox.db`` and ``files/`` live; None makes a temporary directory
            that :meth:`stop` removes.
        port: TCP port (0 picks a free one).
        host: interface to listen on.
        keys: ``{key: {"email", "name", "credits"}}``; None accepts :data:`DEMO_KEY`. Keys with
            the same e-mail share one account. Keys and balances already stored in ``data_dir``
            are kept.
        credits: balance of a new account whose entry gives no credits.
        job_seconds: how long a job takes at speed 1.
        speed: multiplier; 2.0 finishes jobs (and chat streams) twice as fast.
        faults: a :class:`FaultConfig` (mutable while running).
        pricing: the price table used to charge (``Pricing.default()`` when None).
        vimmerse_pricing: the Vimmerse price table (``VimmersePricing.default()`` when None).

    The Vimmerse wire format is served under ``/vimmerse`` (:attr:`vimmerse_url`); it accepts
    :data:`VIMMERSE_DEMO_KEY` (with ``credits``) and keys added with :meth:`add_vimmerse_key`.

    The varg gateway's v1 wire format is served under ``/varg/v1`` (:attr:`varg_url`, files under
    ``/varg/files``); it accepts :data:`VARG_DEMO_KEY` (5000 cents, plan "free") and keys added
    with :meth:`add_varg_key`; the ``varg_*`` attributes and methods switch its behaviour
    (``sandbox/varg.py`` says what each does).
    """

    #: the key a sandbox built without ``keys`` accepts (the app's sandbox mode uses it)
    demo_key = DEMO_KEY
    #: the Vimmerse key every sandbox accepts
    vimmerse_demo_key = VIMMERSE_DEMO_KEY
    #: the varg key every sandbox accepts (5000 cents, plan "free")
    varg_demo_key = VARG_DEMO_KEY
    # the varg switches (see sandbox/varg.py); settable while running, they apply to new requests
    varg_job_seconds = _VargSetting("job_seconds", float, "How long a new varg job runs, in seconds (default 3).")
    varg_keepalive_seconds = _VargSetting("keepalive_seconds", float,
                                          "Seconds between keep-alive comments on a job stream (default 15).")
    varg_stream_max_seconds = _VargSetting("stream_max_seconds", float,
                                           "A job stream is closed after this many seconds (default 600).")
    varg_id_field = _VargSetting("id_field", str, 'The name of the job id: "job_id" (v1, default) or "id" (v2).')
    varg_error_shape = _VargSetting("error_shape", str,
                                    '"openapi" (default) or "object" ({"error":{"message","_tag"}}).')
    varg_pricing_route = _VargSetting("pricing_route", bool, "False makes GET /pricing answer 404.")
    varg_max_upload_bytes = _VargSetting("max_upload_bytes", int,
                                         "The largest body POST /files takes (default 50 MB); over it: 413.")

    def __init__(
        self,
        data_dir: str | Path | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        keys: dict[str, dict[str, Any]] | None = None,
        credits: float = 1000,
        job_seconds: float = 6.0,
        speed: float = 1.0,
        faults: FaultConfig | None = None,
        pricing: Pricing | None = None,
        vimmerse_pricing: VimmersePricing | None = None,
    ) -> None:
        self._temp = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="verging-sandbox-")) if data_dir is None else Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._temp:
            self._cleanup = weakref.finalize(self, shutil.rmtree, str(self.data_dir), True)
        self.host = host
        self._requested_port = int(port)
        self.port = 0
        self.default_credits = float(credits)
        self.store = Store(self.data_dir)
        self.state = SandboxState(self.store, pricing or Pricing.default(), faults or FaultConfig(), job_seconds, speed)
        if keys is None:
            keys = {DEMO_KEY: {"email": DEMO_EMAIL, "name": DEMO_NAME, "credits": credits}}
        for key, info in keys.items():
            info = info or {}
            self.store.ensure_key(key, email=info.get("email"), name=info.get("name"), credits=info.get("credits"),
                                  default_credits=self.default_credits)
        self.vimmerse = VimmerseState(self.state, vimmerse_pricing)
        self.vimmerse.default_credits = self.default_credits
        self.vimmerse.store.ensure_key(VIMMERSE_DEMO_KEY, None, self.default_credits)
        self.varg = VargState(self.state)
        ensure_varg_key(self.varg, VARG_DEMO_KEY, None, None)
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._closed = False

    # -- properties ------------------------------------------------------------------------
    @property
    def faults(self) -> FaultConfig:
        return self.state.injector.config

    @faults.setter
    def faults(self, value: FaultConfig) -> None:
        self.state.injector.config = value

    @property
    def root_url(self) -> str:
        host = self.host
        if host in ("0.0.0.0", ""):
            host = "127.0.0.1"
        elif host == "::":
            host = "::1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.root_url + "/api/v1"

    @property
    def vimmerse_url(self) -> str:
        """The base URL of the Vimmerse wire format (``http://127.0.0.1:PORT/vimmerse``)."""
        return self.root_url + "/vimmerse"

    @property
    def varg_url(self) -> str:
        """The base URL of the varg gateway's wire format (``http://127.0.0.1:PORT/varg/v1``)."""
        return self.root_url + "/varg/v1"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> str:
        """Start serving in a daemon thread; returns :attr:`base_url` once connections are accepted."""
        import uvicorn

        if self._closed:
            raise RuntimeError("This Sandbox was stopped; create a new one (same data_dir keeps the state).")
        if self.running:
            return self.base_url
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # proto=IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections (no 40 ms Nagle stalls)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self._requested_port))
        except OSError as e:
            sock.close()
            raise RuntimeError(f"The sandbox cannot listen on {self.host}:{self._requested_port}: {e}") from e
        self._sock = sock
        self.port = int(sock.getsockname()[1])
        self.state.root_url = self.root_url
        config = uvicorn.Config(
            build_app(self.state, self, self.vimmerse, self.varg),
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            loop="asyncio",
            http="h11",
            ws="none",
            timeout_graceful_shutdown=3,
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name=f"verging-sandbox-{self.port}", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive():
                self._release_socket()
                raise RuntimeError("The sandbox server thread exited during startup (see the log).")
            if time.monotonic() > deadline:
                self._server.should_exit = True
                self._thread.join(STOP_TIMEOUT)
                self._release_socket()
                raise RuntimeError(f"The sandbox did not start within {START_TIMEOUT:.0f} s.")
            time.sleep(0.01)
        self._wait_accepting(deadline)
        resumed = resume_unfinished(self.state) + resume_vimmerse(self.vimmerse) + resume_varg(self.varg)
        log.info("sandbox listening on %s (data in %s%s)", self.base_url, self.data_dir,
                 f", resuming {resumed} job(s)" if resumed else "")
        return self.base_url

    def _wait_accepting(self, deadline: float) -> None:
        host = self.root_url.split("//", 1)[1].rsplit(":", 1)[0].strip("[]")
        while True:
            try:
                with socket.create_connection((host, self.port), timeout=1.0):
                    return
            except OSError as e:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"The sandbox does not accept connections: {e}") from e
                time.sleep(0.02)

    def _release_socket(self) -> None:
        if self._sock is not None:
            with contextlib.suppress(OSError):  # pragma: no cover
                self._sock.close()
            self._sock = None

    def stop(self) -> None:
        """Stop the server (bounded wait), end running ffmpeg processes and close the database."""
        if self._closed:
            return
        self._closed = True
        server, thread = self._server, self._thread
        self.varg.close()  # open varg job streams end now, not at uvicorn's graceful-shutdown timeout
        if server is not None:
            server.should_exit = True
        self.state.registry.kill_all()
        if thread is not None:
            thread.join(STOP_TIMEOUT)
            if thread.is_alive() and server is not None:
                server.force_exit = True
                thread.join(STOP_TIMEOUT / 2)
            if thread.is_alive():
                log.warning("the sandbox server thread did not stop in time")
        self.state.executor.shutdown(wait=True, cancel_futures=True)
        self._release_socket()
        self.store.close()
        if self._temp:
            self._cleanup()
        log.info("sandbox on port %s stopped", self.port)

    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    # -- test helpers ----------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Request counters (``"GET /api/v1/faceswap/jobs": n``), created jobs, uploads and credits."""
        if not self._closed:
            self.state.settle()
        return self.state.stats.snapshot()

    def reset_stats(self) -> None:
        self.state.stats.reset()

    def _account_id(self, key: str) -> int:
        acc = self.store.account_for_key(key)
        if acc is None:
            raise KeyError(f"Unknown key {mask(key)}")
        return acc.id

    def set_credits(self, key: str, credits: float) -> None:
        """Set the balance of the account of ``key`` (the key is created when unknown)."""
        if self.store.account_for_key(key) is None:
            self.add_key(key, credits=credits)
            return
        self.store.set_credits(self._account_id(key), float(credits))

    def credits(self, key: str) -> float:
        """The balance of the account of ``key`` (after refunds of failed jobs)."""
        self.state.settle()
        acc = self.store.account_for_key(key)
        if acc is None:
            raise KeyError(f"Unknown key {mask(key)}")
        return acc.credits

    def fail_next(self, n: int = 1) -> None:
        """Make the next ``n`` created jobs end FAILED."""
        self.state.add_fail_next(n)

    def add_key(self, key: str, email: str | None = None, name: str | None = None, credits: float | None = None) -> None:
        """Accept ``key``; keys with the same e-mail share an account. Sets credits when given."""
        self.store.ensure_key(key, email=email, name=name, credits=credits, default_credits=self.default_credits,
                              overwrite_credits=credits is not None)

    # -- the Vimmerse wire format -----------------------------------------------------------------
    def add_vimmerse_key(self, key: str, credits: float | None = None) -> None:
        """Accept ``key`` as a Vimmerse key (its own balance: ``credits``, or the default for a new key)."""
        self.vimmerse.store.ensure_key(key, None if credits is None else float(credits), self.default_credits)

    def vimmerse_credits(self, key: str) -> float:
        """The Vimmerse balance of ``key`` (after refunds of failed assets)."""
        if not self._closed:
            self.vimmerse.settle()
        bal = self.vimmerse.store.balance(key)
        if bal is None:
            raise KeyError(f"Unknown Vimmerse key {mask(key)}")
        return bal

    def set_vimmerse_credits(self, key: str, credits: float) -> None:
        """Set the Vimmerse balance of ``key`` (the key is accepted from now on when unknown)."""
        self.vimmerse.store.ensure_key(key, float(credits), self.default_credits)

    def vimmerse_fail_next(self, n: int = 1) -> None:
        """Make the next ``n`` created Vimmerse assets end in ``fail`` (and be refunded)."""
        self.vimmerse.add_fail_next(n)

    def vimmerse_stats(self) -> dict[str, Any]:
        """Assets created by app_name, uploads, credits charged and refunded, and how many requests
        carried an ``Authorization`` header (a Vimmerse client sends only ``X-Api-Key``)."""
        if not self._closed:
            self.vimmerse.settle()
        return self.vimmerse.snapshot()

    @property
    def vimmerse_v2_asset_route(self) -> bool:
        """False makes ``GET /vimmerse/v2/asset/{id}`` answer 404 (a server with only ``/asset/{id}``)."""
        return self.vimmerse.v2_asset_route

    @vimmerse_v2_asset_route.setter
    def vimmerse_v2_asset_route(self, on: bool) -> None:
        self.vimmerse.v2_asset_route = bool(on)

    @property
    def vimmerse_string_credits(self) -> bool:
        """True sends every ``credits`` (and ``total_credits``) as a string, as some answers do."""
        return self.vimmerse.string_credits

    @vimmerse_string_credits.setter
    def vimmerse_string_credits(self, on: bool) -> None:
        self.vimmerse.string_credits = bool(on)

    # -- the varg wire format ---------------------------------------------------------------------
    def add_varg_key(self, key: str, cents: float | None = None, plan: str = "free") -> None:
        """Accept ``key`` as a varg key on ``plan`` ("free": 2 running jobs, "pro": 10); a new key
        starts with ``cents`` (default 5000), a known key's balance is set only when given."""
        ensure_varg_key(self.varg, key, None if cents is None else float(cents), plan)

    def varg_balance(self, key: str) -> float:
        """The varg balance of ``key`` in cents (after refunds of cancelled and failed jobs)."""
        if not self._closed:
            self.varg.store.settle(time.time())
        bal = self.varg.store.balance(key)
        if bal is None:
            raise KeyError(f"Unknown varg key {mask(key)}")
        return bal

    def set_varg_balance(self, key: str, cents: float) -> None:
        """Set the varg balance of ``key`` (the key is accepted from now on when unknown)."""
        ensure_varg_key(self.varg, key, float(cents), None)

    def varg_fail_next(self, n: int = 1, status: int = 500) -> None:
        """Make the next ``n`` varg API requests (any route under /varg/v1) answer ``status``."""
        self.varg.fail_next(n, status)

    def varg_drop_stream_next(self, n: int = 1) -> None:
        """Reset the connection of the next ``n`` job streams after their first event."""
        self.varg.drop_stream_next(n)

    def varg_finish_now(self, job_id: str) -> None:
        """End the run time of a varg job now (it completes as soon as its result is made)."""
        self.varg.store.finish_now(job_id)
        self.varg.notify(job_id)

    def varg_stats(self) -> dict[str, Any]:
        """``requests`` (a Counter by "METHOD /route": "POST /video", "GET /jobs/{id}" ...),
        ``upload_bytes`` (body bytes /files received), ``max_running`` (the most jobs one key had
        running), ``streams_open``, ``streams_total``, ``keepalives``, ``created`` by capability,
        ``cache_hits``, ``uploads``, ``deduplicated``, ``charged_cents``, ``provider_keys`` (a
        count of BYOK headers received, by "METHOD /route provider"), ``file_requests`` and
        ``file_requests_with_keys`` (downloads of /varg/files that carried a key: a client should
        send none there)."""
        return self.varg.snapshot()

    def reset_varg_stats(self) -> None:
        self.varg.reset_stats()

