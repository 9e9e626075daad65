"""The session's varg side, without Qt, against a real sandbox over loopback HTTP: one long-lived
VargClient whose key and base URL follow the mode and the varg profile, keys checked with GET /me
before they are stored, the account read from /me, the balance in cents, a refused key, and the
user's own provider keys kept in their keyring services and on the client only."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from verging_desktop.api.varg.client import VargClient
from verging_desktop.api.verging.client import VergingClient
from verging_desktop.app_core.session import SessionCore, SessionEvents
from verging_desktop.core.errors import InputError
from verging_desktop.core.keystore import KeyStore
from verging_desktop.core.pricing import Pricing
from verging_desktop.core.providers import VARG, byok_key
from verging_desktop.core.settings import Settings
from verging_desktop.sandbox import Sandbox

# made-up keys, built at run time for these tests only
VERGING_KEY = "vrg_sk_" + "vargsess" + "1" * 8
GOOD = "varg_" + "g" * 20
OTHER = "varg_" + "o" * 20
UNKNOWN = "varg_" + "u" * 20
FAL = "fal-" + "f" * 24
ELEVEN = "el-" + "e" * 24


class Events(SessionEvents):
    def __init__(self) -> None:
        self.varg: list[int] = []
        self.balances: list[Any] = []
        self.messages: list[str] = []
        self.problems: list[str] = []

    def varg_changed(self, connection: int) -> None:
        self.varg.append(connection)

    def varg_problem(self, text: str) -> None:
        self.problems.append(text)

    def varg_balance_changed(self, balance: Any) -> None:
        self.balances.append(balance)

    def message(self, text: str) -> None:
        self.messages.append(text)


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    s = Sandbox(data_dir=tmp_path / "sandbox", job_seconds=0.5)
    s.start()
    s.add_key(VERGING_KEY, email="varg@example.test", name="Varg", credits=100)
    s.add_varg_key(GOOD, cents=1234)
    s.add_varg_key(OTHER, cents=50, plan="pro")
    try:
        yield s
    finally:
        s.stop()


def make(tmp_path: Path, sb: Sandbox, environ: dict[str, str] | None = None) -> tuple[SessionCore, Events]:
    events = Events()
    settings = Settings(base_url=sb.base_url, vimmerse_base_url=sb.vimmerse_url, varg_base_url=sb.varg_url)
    config = tmp_path / "config"
    core = SessionCore(VergingClient(None, sb.base_url), KeyStore(config, environ=environ or {}), Pricing.default(),
                       settings, listener=events, data_dir=tmp_path / "data",
                       sandbox_factory=lambda **kw: Sandbox(**{**kw, "data_dir": tmp_path / "own-sandbox"}))
    core.keystore.add("me", VERGING_KEY)
    return core, events


def run(core: SessionCore, coro: Any) -> Any:
    async def go() -> Any:
        try:
            return await coro
        finally:
            await core.cancel_tasks()
            await core.stop_sandbox()
            await core.aclose()

    return asyncio.run(go())


def varg_requests(sb: Sandbox) -> dict[str, int]:
    return {k: n for k, n in sb.varg_stats()["requests"].items() if n}


def files_holding(root: Path, *secrets: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and any(s.encode() in p.read_bytes() for s in secrets)]


def test_a_varg_key_is_checked_with_me_and_the_account_and_balance_follow(tmp_path: Path, sb: Sandbox,
                                                                         memory_keyring: Any,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    core, events = make(tmp_path, sb)
    client = core.varg
    assert isinstance(client, VargClient)

    async def go() -> None:
        await core.use_profile()
        assert not core.key_of("varg") and core.varg_account == "" and core.varg_balance is None
        # refused by varg (401 on /me): not stored, the message says what to do, never the key
        with pytest.raises(InputError, match="refused") as refused:
            await core.add_varg_key("typo", UNKNOWN)
        assert UNKNOWN not in str(refused.value) and "not saved" in str(refused.value)
        assert core.varg_keystore.names() == [] and not core.key_of("varg")
        # another provider's key: refused before anything is sent
        before = dict(varg_requests(sb))
        with pytest.raises(InputError, match="Verging key"):
            await core.add_varg_key("wrong", VERGING_KEY)
        assert varg_requests(sb) == before
        # a good key: stored in the keyring, used by the same client at once
        prof = await core.add_varg_key("studio", GOOD)
        assert prof.source == "keyring" and core.varg is client and client.api_key == GOOD
        assert client.base_url == sb.varg_url.rstrip("/") and core.key_of("varg")
        # the account and the balance are read from varg (GET /me, GET /balance)
        await core.varg_link.wait_refreshed()
        assert core.varg_account.startswith(f"varg|127.0.0.1:{sb.port}|") and core.varg_link.user_id
        assert client.upload_scope == core.varg_account
        assert core.varg_balance is not None and core.varg_balance.cents == 1234
        assert events.balances[-1] is core.varg_balance
        # varg_changed at the switch and again, same number, when the account became known
        conn = core.varg_connection
        assert events.varg.count(conn) == 2
        first_account = core.varg_account
        # a second profile: another account, another balance, a new connection
        await core.add_varg_key("client", OTHER)
        await core.varg_link.wait_refreshed()
        assert client.api_key == OTHER and core.varg_connection > conn
        assert core.varg_balance is not None and core.varg_balance.cents == 50
        assert core.varg_account != first_account
        # a job's charge is seen at the next read
        sb.set_varg_balance(OTHER, 20)
        core.refresh_varg_balance()
        await core.varg_link.wait_refreshed()
        assert core.varg_balance is not None and core.varg_balance.cents == 20
        await core.use_varg_profile("studio")
        assert client.api_key == GOOD
        await core.remove_varg_profile("studio")
        assert client.api_key == OTHER and core.varg_keystore.names() == ["client"]
        # a connection client: same server, key and account, its own object
        own = core.varg_connection_client()
        try:
            assert own is not client and own.api_key == OTHER and own.base_url == client.base_url
            assert own.upload_scope == client.upload_scope
            assert (await own.balance()).cents == 20
        finally:
            await own.aclose()

    run(core, go())
    assert memory_keyring.store.get((VARG.keyring_service, "client")) == OTHER
    assert (VARG.keyring_service, "typo") not in memory_keyring.store
    assert client.closed  # closed with the session (close-http)
    assert files_holding(tmp_path / "config", GOOD, OTHER) == []
    assert files_holding(tmp_path / "data", GOOD, OTHER) == []
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert GOOD not in text and OTHER not in text and UNKNOWN not in text


def test_a_key_varg_refuses_later_is_said_once(tmp_path: Path, sb: Sandbox, memory_keyring: Any) -> None:
    core, events = make(tmp_path, sb)
    # stored by an earlier run; varg no longer knows it
    core.varg_keystore.add("old", UNKNOWN)

    async def go() -> None:
        await core.use_profile()
        assert core.varg.api_key == UNKNOWN  # nothing is known until varg answers
        await core.varg_link.wait_refreshed()
        assert core.varg_link.problem and "'old'" in core.varg_link.problem and "refused" in core.varg_link.problem
        assert events.problems == [core.varg_link.problem] and UNKNOWN not in core.varg_link.problem
        assert core.varg_balance is None and core.varg_account == ""
        # asking again does not say it twice
        core.refresh_varg_balance()
        await core.varg_link.wait_refreshed()
        assert len(events.problems) == 1
        # a good key clears it
        await core.add_varg_key("new", GOOD)
        assert core.varg_link.problem == ""
        await core.varg_link.wait_refreshed()
        assert core.varg_balance is not None and core.varg_balance.cents == 1234

    run(core, go())


def test_the_environment_key_and_provider_keys_are_the_fallback(tmp_path: Path, sb: Sandbox,
                                                                memory_keyring: Any) -> None:
    env = {"VARG_API_KEY": GOOD, byok_key("fal").env_key: FAL, byok_key("replicate").env_key: VERGING_KEY}
    core, events = make(tmp_path, sb, environ=env)

    async def go() -> None:
        await core.use_profile()
        assert core.varg.api_key == GOOD and core.key_of("varg")
        assert core.varg_link.profile == "environment"
        with pytest.raises(InputError, match="VARG_API_KEY"):
            await core.remove_varg_profile("environment")
        # fal's key from the environment is sent for fal models; a Verging key set as Replicate's is not
        assert core.byok_keys() == frozenset({"fal"})
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        problem = core.varg_link.byok_problems["replicate"]
        assert "Verging key" in problem and VERGING_KEY not in problem and problem in events.messages

    run(core, go())


def test_provider_keys_live_in_their_keyring_services_and_on_the_client_only(tmp_path: Path, sb: Sandbox,
                                                                            memory_keyring: Any) -> None:
    core, events = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        await core.add_varg_key("studio", GOOD)
        assert core.byok_keys() == frozenset()
        # a key of another provider is refused, nothing is stored or set
        for wrong, whose in ((GOOD, "varg key"), (VERGING_KEY, "Verging key")):
            with pytest.raises(InputError, match=whose) as refused:
                await core.set_byok_key("fal", wrong)
            assert wrong not in str(refused.value)
        with pytest.raises(InputError):
            await core.set_byok_key("fal", "two words")
        assert core.byok_keys() == frozenset() and core.byok_keystore("fal").names() == []
        # stored, and on the client: sent for fal's models only; also by a connection client made
        # before (the queue's), but never by one of an earlier connection
        old = core.varg_connection_client()
        await core.use_profile()  # a Verging switch: varg stays on its connection
        await core.add_varg_key("client", OTHER)  # a new varg connection
        queue_client = core.varg_connection_client()
        conn = core.varg_connection
        await core.set_byok_key("fal", FAL)
        assert queue_client.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        assert old.byok_keys() == frozenset()
        await old.aclose()
        await queue_client.aclose()
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        assert core.varg.byok_headers("eleven_v3") == {}  # only for fal's models
        await core.set_byok_key("elevenlabs", ELEVEN)
        assert core.byok_keys() == frozenset({"fal", "elevenlabs"}) and events.varg[-1] == conn
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        assert core.varg.byok_headers("eleven_v3") == {"X-Provider-Key-ElevenLabs": ELEVEN}
        assert core.varg_link.byok_masked("fal") == "…" + FAL[-4:]
        # a connection client carries them too
        own = core.varg_connection_client()
        try:
            # the same memory of uploaded files as the session's client (the app's varg_uploads.json)
            assert own.uploads is core.varg.uploads
            assert own.byok_keys() == frozenset({"fal", "elevenlabs"})
            assert own.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        finally:
            await own.aclose()
        # replaced: the new key only
        await core.set_byok_key("fal", FAL + "x")
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL + "x"}
        assert len(core.byok_keystore("fal").names()) == 1
        # removed: gone from the keyring and the client
        await core.set_byok_key("elevenlabs", None)
        assert core.byok_keys() == frozenset({"fal"}) and core.byok_keystore("elevenlabs").names() == []

    run(core, go())
    fal_service = byok_key("fal").keyring_service
    assert [v for (svc, _), v in memory_keyring.store.items() if svc == fal_service] == [FAL + "x"]
    assert not [k for k in memory_keyring.store if k[0] == byok_key("elevenlabs").keyring_service]
    assert files_holding(tmp_path / "config", FAL, ELEVEN, GOOD) == []
    assert files_holding(tmp_path / "data", FAL, ELEVEN, GOOD) == []


def test_sandbox_mode_uses_the_sandbox_s_varg_and_leaving_restores_the_profile(tmp_path: Path, sb: Sandbox,
                                                                              memory_keyring: Any) -> None:
    core, events = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        await core.add_varg_key("studio", GOOD)
        client = core.varg
        live_conn = core.varg_connection
        await core.start_sandbox()
        own = core.sandbox
        assert core.varg is client
        assert client.base_url == own.varg_url.rstrip("/") and client.api_key == own.varg_demo_key
        assert core.varg_connection > live_conn and core.key_of("varg")
        # the sandbox's account is its instance, known at once
        assert core.varg_account.startswith("varg|instance:") and core.varg_account.endswith("|sandbox")
        await core.varg_link.wait_refreshed()
        assert core.varg_balance is not None and core.varg_balance.cents == 5000
        # a varg key added in the sandbox is stored unchecked, and used after it
        await core.add_varg_key("later", OTHER)
        assert client.api_key == own.varg_demo_key
        await core.leave_sandbox()
        assert client.api_key == OTHER and client.base_url == sb.varg_url.rstrip("/")
        await core.varg_link.wait_refreshed()
        assert core.varg_account.startswith(f"varg|127.0.0.1:{sb.port}|")

    run(core, go())


def test_pricing_and_cost_follow_the_connection(tmp_path: Path, sb: Sandbox, memory_keyring: Any) -> None:
    from verging_desktop.services.varg_cost import VargCost

    core, _ = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        table = core.varg_pricing
        await core.add_varg_key("studio", GOOD)
        await core.varg_link.wait_refreshed()
        # the pricing route answered once for this connection: its figures overlay the table
        assert varg_requests(sb).get("GET /pricing") == 1
        assert core.varg_link.route_answer is not None and core.varg_pricing is not table
        assert core.varg_pricing is core.varg_pricing  # built once per connection
        cost = core.varg_cost
        assert isinstance(cost, VargCost) and core.varg_cost is cost
        core.refresh_varg_balance()
        await core.varg_link.wait_refreshed()
        assert varg_requests(sb).get("GET /pricing") == 1  # not asked again on the same connection

    run(core, go())


def test_provider_keys_never_go_to_the_sandbox_and_come_back_live(tmp_path: Path, sb: Sandbox,
                                                                  memory_keyring: Any) -> None:
    """A stored fal.ai key is a secret of fal's: in sandbox mode the client (and every connection
    client) carries none, and nothing of it reaches the sandbox's requests; back live, it is sent again."""
    core, _ = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        await core.add_varg_key("studio", GOOD)
        await core.set_byok_key("fal", FAL)
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        await core.start_sandbox()
        assert core.varg.byok_keys() == frozenset() and core.byok_keys() == frozenset()
        own = core.varg_connection_client()
        try:
            assert own.byok_headers("kling-v2.5") == {}
        finally:
            await own.aclose()
        # a key saved while in the sandbox is stored, not sent there
        await core.set_byok_key("elevenlabs", ELEVEN)
        assert core.varg.byok_headers("eleven_v3") == {}
        assert len(core.byok_keystore("elevenlabs").names()) == 1
        await core.leave_sandbox()
        assert core.varg.byok_headers("kling-v2.5") == {"X-Provider-Key-Fal": FAL}
        assert core.varg.byok_headers("eleven_v3") == {"X-Provider-Key-ElevenLabs": ELEVEN}

    run(core, go())
