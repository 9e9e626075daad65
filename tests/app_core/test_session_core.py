"""The Qt-free session state machine: states on 401, offline and sandbox, without any Qt."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from verging_desktop.api.verging.models import Account
from verging_desktop.app_core.session import (
    CONNECTING,
    KEY_PROBLEM,
    LIVE,
    NO_KEY,
    OFFLINE,
    OFFLINE_RETRY,
    REFRESH_INTERVAL,
    SANDBOX,
    NoTicker,
    SessionCore,
    SessionEvents,
)
from verging_desktop.core.errors import ApiError, AuthError, ConnectionFailed, InputError
from verging_desktop.core.keystore import KeyStore
from verging_desktop.core.pricing import Pricing
from verging_desktop.core.settings import Settings

LIVE_URL = "https://live.example/api/v1"
ALICE = "vrg_sk_alice_core_0001"
ALICE_ACCOUNT = Account(email="alice@example.com", name="Alice", credits=42.0)
DEMO = "vrg_sk_core_demo_key"


class FakeClient:
    """The few parts of VergingClient the session uses; ``answers`` are what ``me()`` gives in turn."""

    def __init__(self, key: str | None = None, base_url: str = LIVE_URL) -> None:
        self.api_key = key
        self.base_url = base_url
        self.on_error: Any = None
        self.on_charge: Any = None
        self.retry: Any = None
        self.closed = False
        self.answers: list[Any] = []
        self.seen: list[tuple[str | None, str]] = []

    @property
    def has_key(self) -> bool:
        return bool(self.api_key)

    async def me(self) -> Account:
        self.seen.append((self.api_key, self.base_url))
        a = self.answers.pop(0) if self.answers else ALICE_ACCOUNT
        if isinstance(a, BaseException):
            if isinstance(a, ApiError) and self.on_error is not None:
                self.on_error(a)  # the real client tells the session first
            raise a
        return a

    async def aclose(self) -> None:
        self.closed = True


class FakeSandbox:
    demo_key = DEMO

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        self.data_dir = kwargs.get("data_dir")
        self.stopped = False

    def start(self) -> str:
        return "http://127.0.0.1:9/api/v1/"

    def stop(self) -> None:
        self.stopped = True


class Recorder(SessionEvents):
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def of(self, name: str) -> list[Any]:
        return [a for n, a in self.calls if n == name]

    def state_changed(self, state: str) -> None:
        self.calls.append(("state", state))

    def key_problem(self, text: str) -> None:
        self.calls.append(("key_problem", text))

    def message(self, text: str) -> None:
        self.calls.append(("message", text))

    def mode_changed(self, mode: str) -> None:
        self.calls.append(("mode", mode))

    def account_changed(self, account: Account | None) -> None:
        self.calls.append(("account", account))

    def sandbox_changed(self, sandbox: Any) -> None:
        self.calls.append(("sandbox", sandbox))

    def connection_changed(self, connection: int) -> None:
        self.calls.append(("connection", connection))


def make(tmp_path: Path, *, key: str | None = None, sandbox: bool = False) -> tuple[SessionCore, FakeClient, Recorder,
                                                                                     NoTicker]:
    client = FakeClient(key)
    events, ticker = Recorder(), NoTicker()
    core = SessionCore(client, KeyStore(tmp_path, environ={}), Pricing.default(), Settings(base_url=LIVE_URL),  # type: ignore[arg-type]
                       listener=events, ticker=ticker, sandbox_factory=FakeSandbox if sandbox else None)
    return core, client, events, ticker


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_a_key_read_becomes_live(tmp_path: Path) -> None:
    core, client, events, _ = make(tmp_path)
    core.keystore.add("alice", ALICE)

    async def go() -> Any:
        try:
            return await core.use_profile()
        finally:
            await core.cancel_tasks()

    assert run(go()) == ALICE_ACCOUNT
    assert core.state == LIVE and core.profile == "alice" and core.account == ALICE_ACCOUNT
    assert client.seen == [(ALICE, LIVE_URL)]
    assert events.of("state") == [LIVE] and events.of("account")[-1] == ALICE_ACCOUNT


def test_a_refused_key_is_a_key_problem_told_once(tmp_path: Path) -> None:
    core, client, events, _ = make(tmp_path)
    core.keystore.add("alice", ALICE)
    client.answers = [AuthError("Invalid API key vrg_sk_alice_core_0001", status=401),
                      AuthError("Invalid API key", status=401)]

    async def go() -> None:
        try:
            assert await core.use_profile() is None
            assert await core.wait_refreshed() is None
        finally:
            await core.cancel_tasks()

    run(go())
    assert core.state == KEY_PROBLEM and core.account is None
    problems = events.of("key_problem")
    assert len(problems) == 1, problems
    assert "profile 'alice'" in problems[0] and "refused" in problems[0]
    assert ALICE not in problems[0]  # redacted


def test_offline_retries_sooner_then_goes_live_again(tmp_path: Path) -> None:
    core, client, events, ticker = make(tmp_path)
    core.keystore.add("alice", ALICE)
    client.answers = [ConnectionFailed("Could not connect to live.example")]

    async def go() -> None:
        try:
            assert await core.use_profile() is None
            assert core.state == OFFLINE and ticker.interval == OFFLINE_RETRY and ticker.running
            core.tick()  # the retry timer fired
            await core.wait_refreshed()
        finally:
            await core.cancel_tasks()

    run(go())
    assert events.of("state") == [OFFLINE, LIVE]
    assert any("Could not connect" in m for m in events.of("message"))
    assert core.state == LIVE and ticker.interval == REFRESH_INTERVAL
    assert not ticker.running  # stopped on cancel_tasks


def test_no_key_at_all(tmp_path: Path) -> None:
    core, client, events, _ = make(tmp_path)

    async def go() -> None:
        try:
            assert await core.use_profile() is None
        finally:
            await core.cancel_tasks()

    run(go())
    assert core.state == NO_KEY and not client.seen and events.of("account") == [None]


def test_sandbox_and_back_to_live(tmp_path: Path) -> None:
    core, client, events, _ = make(tmp_path, sandbox=True)
    core.keystore.add("alice", ALICE)
    data = tmp_path / "sb"

    async def go() -> FakeSandbox:
        try:
            assert await core.start_sandbox(data) == ALICE_ACCOUNT
            sb = core.sandbox
            assert core.state == SANDBOX and core.in_sandbox and core.profile is None
            assert client.api_key == DEMO and client.base_url == "http://127.0.0.1:9/api/v1"
            assert sb.kwargs["data_dir"] == str(data) and sb.kwargs["port"] == 0
            first = core.connection
            await core.leave_sandbox()
            assert core.connection > first
            assert core.state == LIVE and client.api_key == ALICE and client.base_url == LIVE_URL
            await asyncio.sleep(0.05)  # the sandbox stops in a task of its own
            return sb  # type: ignore[no-any-return]
        finally:
            await core.cancel_tasks()

    sb = run(go())
    assert sb.stopped and core.sandbox is None
    assert events.of("mode") == ["sandbox", "live"]
    assert events.of("sandbox") == [sb, None]
    assert events.of("state") == [SANDBOX, CONNECTING, LIVE]


def test_without_a_sandbox_factory_the_sandbox_is_not_available(tmp_path: Path) -> None:
    core, _client, _events, _ = make(tmp_path)

    async def go() -> None:
        try:
            with pytest.raises(InputError, match="not available"):
                await core.start_sandbox()
        finally:
            await core.cancel_tasks()

    run(go())
    assert core.sandbox is None and not core.in_sandbox


def test_a_read_of_an_earlier_connection_is_dropped(tmp_path: Path) -> None:
    core, client, events, _ = make(tmp_path, key=ALICE)
    gate = asyncio.Event

    async def go() -> None:
        started, release = gate(), gate()

        async def slow_me() -> Account:
            started.set()
            await release.wait()
            return ALICE_ACCOUNT

        client.me = slow_me  # type: ignore[method-assign]
        try:
            t = core.refresh_account()
            await started.wait()
            core.connection += 1  # a switch happened meanwhile
            release.set()
            assert t is not None and await t is None
        finally:
            await core.cancel_tasks()

    run(go())
    assert core.account is None and events.of("account") == []


def test_the_application_layer_imports_no_qt() -> None:
    code = ("import sys\n"
            "import verging_desktop.app_core.session, verging_desktop.app_core.jobs_service\n"
            "import verging_desktop.app_core.tasks, verging_desktop.app_core.shutdown\n"
            "import verging_desktop.app_core.logsetup, verging_desktop.app_core.pricing_text\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync')\n"
            "             or m.startswith(('verging_desktop.ui', 'verging_desktop.sandbox')))\n"
            "print(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False,
                         cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
