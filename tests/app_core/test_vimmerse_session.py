"""The session's Vimmerse side, without Qt, against a real sandbox over loopback HTTP: one
long-lived VimmerseClient whose key and base URL follow the mode and the Vimmerse profile, keys
checked with Vimmerse before they are stored, the account identity jobs are filed under."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from verging_desktop.api.verging.client import VergingClient
from verging_desktop.app_core.session import SessionCore, SessionEvents
from verging_desktop.core.errors import AuthError, InputError
from verging_desktop.core.keystore import KeyStore
from verging_desktop.core.pricing import Pricing
from verging_desktop.core.providers import VIMMERSE
from verging_desktop.core.redact import mask, redact
from verging_desktop.core.settings import Settings
from verging_desktop.sandbox import Sandbox

# made-up keys, created for these tests only
VERGING_KEY = "vrg_sk_vims_test_0001"
GOOD = "vim-test-good-4b1f93c2e8"
OTHER = "vim-test-other-7d2a51e0f6"
UNKNOWN = "vim-test-unknown-0a9c3e11"
VARG_KEY = "varg_vims_test_5c0e2b7d19"


class Events(SessionEvents):
    def __init__(self) -> None:
        self.vimmerse: list[int] = []
        self.messages: list[str] = []
        self.problems: list[str] = []

    def vimmerse_problem(self, text: str) -> None:
        self.problems.append(text)

    def vimmerse_changed(self, connection: int) -> None:
        self.vimmerse.append(connection)

    def message(self, text: str) -> None:
        self.messages.append(text)


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    s = Sandbox(data_dir=tmp_path / "sandbox", job_seconds=0.5)
    s.start()
    s.add_key(VERGING_KEY, email="vim@example.test", name="Vim", credits=100)
    s.add_vimmerse_key(GOOD, credits=300)
    s.add_vimmerse_key(OTHER, credits=50)
    try:
        yield s
    finally:
        s.stop()


def make(tmp_path: Path, sb: Sandbox, environ: dict[str, str] | None = None) -> tuple[SessionCore, Events]:
    events = Events()
    settings = Settings(base_url=sb.base_url, vimmerse_base_url=sb.vimmerse_url)
    config = tmp_path / "config"
    core = SessionCore(VergingClient(None, sb.base_url), KeyStore(config, environ=environ or {}), Pricing.default(),
                       settings, listener=events,
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


def test_a_vimmerse_key_is_checked_with_vimmerse_before_it_is_stored(tmp_path: Path, sb: Sandbox,
                                                                     memory_keyring: Any,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    core, events = make(tmp_path, sb)
    client = core.vimmerse

    async def go() -> None:
        await core.use_profile()
        assert not core.key_of("vimmerse") and core.vimmerse_account == ""
        # refused by Vimmerse: not stored, the message says what to do, never the key
        with pytest.raises(InputError, match="refused") as refused:
            await core.add_vimmerse_key("typo", UNKNOWN)
        assert UNKNOWN not in str(refused.value) and "not saved" in str(refused.value)
        assert core.vimmerse_keystore.names() == [] and not core.key_of("vimmerse")
        # malformed: refused before asking anyone
        with pytest.raises(InputError, match="one line"):
            await core.add_vimmerse_key("junk", "two words here")
        # a good key: stored in the keyring and used at once, by the same client
        before = core.vimmerse_connection
        prof = await core.add_vimmerse_key("studio", GOOD)
        assert prof.source == "keyring" and core.vimmerse is client
        assert client.api_key == GOOD and client.base_url == sb.vimmerse_url.rstrip("/")
        assert core.vimmerse_connection > before and events.vimmerse[-1] == core.vimmerse_connection
        assert core.vimmerse_account == f"vimmerse|127.0.0.1:{sb.port}|studio"
        await client.validate_key()  # the client works against the sandbox with it
        # a second profile, then back: the account follows the profile
        await core.add_vimmerse_key("client", OTHER)
        assert client.api_key == OTHER and core.vimmerse_account.endswith("|client")
        await core.use_vimmerse_profile("studio")
        assert client.api_key == GOOD
        await core.remove_vimmerse_profile("studio")
        assert client.api_key == OTHER and core.vimmerse_keystore.names() == ["client"]

    run(core, go())
    assert memory_keyring.store.get((VIMMERSE.keyring_service, "client")) == OTHER
    assert (VIMMERSE.keyring_service, "typo") not in memory_keyring.store
    assert client.closed  # closed with the session (close-http)
    # never in a file, never in a log line
    for p in (tmp_path / "config").rglob("*"):
        if p.is_file():
            assert GOOD.encode() not in p.read_bytes() and OTHER.encode() not in p.read_bytes(), p
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert GOOD not in text and OTHER not in text and UNKNOWN not in text
    assert GOOD[:7] not in mask(GOOD) and redact(f"key {GOOD}") == "key [redacted]"


def vimmerse_requests(sb: Sandbox) -> list[str]:
    return [k for k, n in sb.stats()["requests"].items() if n and k.split(" ", 1)[1].startswith("/vimmerse")]


def test_another_provider_s_key_is_refused_before_anything_is_sent(tmp_path: Path, sb: Sandbox,
                                                                  memory_keyring: Any) -> None:
    """A Verging or varg key pasted as a Vimmerse key (or set as VIMMERSE_API_KEY) never goes to
    Vimmerse: refused at once with whose key it looks like, never stored, never used."""
    core, events = make(tmp_path, sb, environ={"VIMMERSE_API_KEY": VERGING_KEY})

    async def go() -> None:
        sb.reset_stats()
        await core.use_profile()
        # the environment's key is a Verging key: not used, and said (never the key itself)
        assert core.vimmerse.api_key is None and not core.key_of("vimmerse") and core.vimmerse_account == ""
        problem = core.vim.problem
        assert "Verging key" in problem and "VIMMERSE_API_KEY" in problem and VERGING_KEY not in problem
        assert problem in events.messages
        for key, whose in ((VERGING_KEY, "Verging key"), (f"ApiKey {VERGING_KEY}", "Verging key"),
                           (VARG_KEY, "varg key")):
            with pytest.raises(InputError, match=whose) as refused:
                await core.add_vimmerse_key("wrong", key)
            assert key not in str(refused.value) and "vimmerse.net" in str(refused.value)
            with pytest.raises(InputError, match=whose):  # the sandbox's unchecked path refuses it too
                await core.vim.add_key("wrong", key, base_url=sb.vimmerse_url, validate=False)
        assert "wrong" not in core.vimmerse_keystore.names() and core.vimmerse.api_key is None
        assert vimmerse_requests(sb) == []
        # a Vimmerse key is still taken
        await core.add_vimmerse_key("studio", GOOD)
        assert core.vimmerse.api_key == GOOD and core.vim.problem == ""

    run(core, go())
    assert (VIMMERSE.keyring_service, "wrong") not in memory_keyring.store


def test_the_environment_key_is_the_fallback_and_read_only(tmp_path: Path, sb: Sandbox) -> None:
    core, _ = make(tmp_path, sb, environ={"VIMMERSE_API_KEY": GOOD})

    async def go() -> None:
        await core.use_profile()
        assert core.vimmerse.api_key == GOOD and core.key_of("vimmerse")
        assert core.vimmerse_account.endswith("|environment")
        with pytest.raises(InputError, match="VIMMERSE_API_KEY"):
            await core.remove_vimmerse_profile("environment")
        # a stored profile made active wins over the variable
        await core.add_vimmerse_key("studio", OTHER)
        assert core.vimmerse.api_key == OTHER

    run(core, go())


def test_sandbox_mode_uses_the_sandbox_s_vimmerse_and_leaving_it_restores_the_profile(tmp_path: Path,
                                                                                      sb: Sandbox) -> None:
    core, events = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        await core.add_vimmerse_key("studio", GOOD)
        client = core.vimmerse
        live_conn = core.vimmerse_connection
        await core.start_sandbox()
        own = core.sandbox
        assert core.vimmerse is client  # one long-lived client
        assert client.base_url == own.vimmerse_url.rstrip("/") and client.api_key == own.vimmerse_demo_key
        assert core.vimmerse_connection > live_conn and core.key_of("vimmerse")
        assert core.vimmerse_account.startswith("vimmerse|instance:") and core.vimmerse_account.endswith("|sandbox")
        await client.validate_key()
        est = await client.estimate("upload-video", "UploadVideo")
        assert est.total == 0
        # a key added in sandbox mode is stored unchecked (the sandbox never reaches Vimmerse) and
        # checked when the sandbox is left: this one is refused there
        await core.add_vimmerse_key("later", UNKNOWN)
        assert client.api_key == own.vimmerse_demo_key  # still the sandbox's
        await core.leave_sandbox()
        assert client.api_key == UNKNOWN and client.base_url == sb.vimmerse_url.rstrip("/")
        for _ in range(200):
            if core.vim.problem:
                break
            await asyncio.sleep(0.02)
        assert "refused" in core.vim.problem and UNKNOWN not in core.vim.problem
        assert any("refused" in m for m in events.messages)
        # the settings' Vimmerse URL follows too
        core.apply_settings(Settings(base_url=sb.base_url, vimmerse_base_url="https://vimmerse.example"))
        assert client.base_url == "https://vimmerse.example"
        assert core.vimmerse_account == "vimmerse|vimmerse.example|later"

    run(core, go())
    assert events.vimmerse == sorted(events.vimmerse)


def test_a_key_vimmerse_refuses_later_is_a_problem_told_once(tmp_path: Path, sb: Sandbox) -> None:
    core, events = make(tmp_path, sb)

    async def go() -> None:
        await core.use_profile()
        await core.add_vimmerse_key("studio", GOOD)
        # a key revoked since it was saved: stored as it was, Vimmerse no longer knows it
        core.vimmerse_keystore.add("old", UNKNOWN)
        await core.use_vimmerse_profile("old")
        assert core.vimmerse.api_key == UNKNOWN and core.vim.problem == ""
        for _ in range(2):  # a page's estimate, then the queue's connection client
            with pytest.raises(AuthError):
                await core.vimmerse.estimate("upload-video", "UploadVideo")
        own = core.vimmerse_connection_client()
        try:
            with pytest.raises(AuthError):
                await own.validate_key()
        finally:
            await own.aclose()
        assert len(events.problems) == 1 and "'old'" in events.problems[0] and UNKNOWN not in events.problems[0]
        assert "refused" in core.vim.problem
        # another key: the problem goes with the old one
        await core.use_vimmerse_profile("studio")
        assert core.vim.problem == "" and core.vimmerse.api_key == GOOD
        # a connection client of an earlier connection never marks the current key
        stale = core.vimmerse_connection_client()
        stale.api_key = UNKNOWN
        await core.use_vimmerse_profile("old")
        await core.use_vimmerse_profile("studio")
        try:
            with pytest.raises(AuthError):
                await stale.validate_key()
        finally:
            await stale.aclose()
        assert core.vim.problem == "" and len(events.problems) == 1

    run(core, go())


def test_a_vimmerse_url_that_is_no_web_address_sends_the_key_nowhere(tmp_path: Path, sb: Sandbox,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    core, _ = make(tmp_path, sb, environ={"VIMMERSE_API_KEY": GOOD})
    monkeypatch.setenv("VIMMERSE_BASE_URL", "api.vimmerse.example")  # no scheme

    async def go() -> None:
        await core.use_profile()
        assert core.state == "live"  # Verging's side is not disturbed
        assert not core.key_of("vimmerse") and core.vimmerse.api_key is None and core.vimmerse_account == ""
        assert "web address" in core.vim.problem

    run(core, go())


def test_vimmerse_base_url_overrides_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(vimmerse_base_url="https://from-settings.example/")
    assert s.effective_vimmerse_url() == "https://from-settings.example"
    monkeypatch.setenv("VIMMERSE_BASE_URL", "http://127.0.0.1:9/vimmerse/")
    assert s.effective_vimmerse_url() == "http://127.0.0.1:9/vimmerse"
    monkeypatch.delenv("VIMMERSE_BASE_URL")
    assert Settings().effective_vimmerse_url() == "https://api.vimmerse.net"


def _pricing_session(config: Path) -> tuple[SessionCore, Events]:
    events = Events()
    core = SessionCore(VergingClient(None, "http://127.0.0.1:9"), KeyStore(config, environ={}), Pricing.default(),
                       Settings(), listener=events)
    return core, events


def test_no_config_folder_is_the_built_in_price_table_without_a_word(tmp_path: Path) -> None:
    """A first start: the config folder does not exist yet. That is no error (the folder is no file)."""
    config = tmp_path / "no-such-config"
    core, events = _pricing_session(config)
    try:
        assert core.vimmerse_pricing.source == "built-in" and not core.vimmerse_pricing.custom_file
        assert events.messages == []
        config.mkdir()  # a config folder without the file: the same
        core2, events2 = _pricing_session(config)
        assert core2.vimmerse_pricing.source == "built-in" and events2.messages == []
        asyncio.run(core2.aclose())
    finally:
        asyncio.run(core.aclose())


def test_the_config_folders_price_file_is_used_and_a_broken_one_said_in_one_line(tmp_path: Path) -> None:
    import json

    from verging_desktop.core.resources import resource_text

    config = tmp_path / "config"
    config.mkdir()
    data = json.loads(resource_text("vimmerse_pricing.json"))
    data["apps"]["crop-to-aspect-ratio"]["credits"] = 4
    own = config / "vimmerse_pricing.json"
    own.write_text(json.dumps(data))
    core, events = _pricing_session(config)
    try:
        assert core.vimmerse_pricing.custom_file and core.vimmerse_pricing.source == str(own)
        assert core.vimmerse_pricing.credits("crop-to-aspect-ratio") == 4 and events.messages == []
    finally:
        asyncio.run(core.aclose())

    own.write_text('{"apps": {"crop-to-aspect-ratio": {"credits": 4,}}}')  # a trailing comma
    core, events = _pricing_session(config)
    try:
        assert core.vimmerse_pricing.source == "built-in"
        # one line, short enough for the status bar (the file named by its name), no quote or errno
        assert events.messages == ["The Vimmerse pricing file vimmerse_pricing.json is not valid JSON (line 1, "
                                   "column 49). The built-in prices are used."]
    finally:
        asyncio.run(core.aclose())
