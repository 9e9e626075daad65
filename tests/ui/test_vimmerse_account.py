"""Vimmerse in the account parts of the app: its key in Manage API keys (checked with Vimmerse
before it is saved, refused keys never stored), its status bar line (what it charged this month,
never an invented balance), its charges in the usage chart in Vimmerse credits, and
ToolContext.vimmerse following key changes and sandbox mode."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from verging_desktop.core.providers import VIMMERSE
from verging_desktop.core.redact import redact
from verging_desktop.jobs.store import LocalStatus

from .conftest import run, until, vimmerse_sandbox

# made-up keys, created for these tests only
GOOD = "vim-ui-good-5e0c2b7a91"
UNKNOWN = "vim-ui-unknown-3f8d6c20"
ENV_KEY = "vim-ui-env-9a1b7c3d55"


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def vlive(sandbox, monkeypatch):
    """The app in live mode against a local sandbox that knows one Vimmerse key."""
    sandbox.add_vimmerse_key(GOOD, credits=300)
    monkeypatch.setenv("VERGING_BASE_URL", sandbox.base_url)
    monkeypatch.setenv("VIMMERSE_BASE_URL", sandbox.vimmerse_url)
    return sandbox


def add_vimmerse_key(qtbot, loop, page, name, key):
    page.name_edit.clear()
    qtbot.keyClicks(page.name_edit, name)
    page.key_edit.clear()
    qtbot.keyClicks(page.key_edit, key)
    click(qtbot, page.save_button)
    loop.run_until_complete(until(lambda: page.add_status.property("kind") in ("ok", "error") and page._busy == 0,
                                  15, "the Vimmerse key to be checked"))


def files_containing(roots, secret: str) -> list[Path]:
    hits = []
    for root in roots:
        for p in Path(root).rglob("*"):
            if p.is_file():
                try:
                    if secret.encode() in p.read_bytes():
                        hits.append(p)
                except OSError:
                    pass
    return hits


def test_a_vimmerse_key_is_checked_before_it_is_saved_and_the_status_line_follows(
        harness, loop, qtbot, vlive, memory_keyring, isolated, caplog):
    caplog.set_level(logging.DEBUG)
    ctl = harness.start()
    w, s, ctx = ctl.window, ctl.session, ctl.ctx
    status = w.status
    # no Vimmerse key: a quiet invitation, no figure
    assert status.provider_text("vimmerse") == "Vimmerse: add a key"
    assert not ctx.has_key("vimmerse") and ctx.vimmerse.base_url == vlive.vimmerse_url.rstrip("/")
    changes = []
    s.vimmerseChanged.connect(changes.append)

    # the link opens Manage API keys on its Vimmerse tab
    click(qtbot, status.providers["vimmerse"])
    dlg = w.keys_dialog
    assert dlg is not None and dlg.isVisible() and dlg.tabs.currentWidget() is dlg.vimmerse
    page = dlg.vimmerse

    # a key Vimmerse refuses: not saved, and the message says what to do
    vlive.reset_stats()
    add_vimmerse_key(qtbot, loop, page, "typo", UNKNOWN)
    assert page.add_status.property("kind") == "error"
    text = page.add_status.text()
    assert "refused" in text and "not saved" in text and "Copy the whole key" in text and UNKNOWN not in text
    assert not [k for k in memory_keyring.store if k[0] == VIMMERSE.keyring_service]
    assert s.vimmerse_keystore.names() == [] and not ctx.has_key("vimmerse") and changes == []
    assert any("estimate-credits" in p for p in vlive.stats().get("requests", {})), vlive.stats()

    # a good key: checked, saved in the keyring, in use by the same long-lived client
    client = ctx.vimmerse
    add_vimmerse_key(qtbot, loop, page, "studio", GOOD)
    assert page.add_status.property("kind") == "ok", page.add_status.text()
    assert "saved as 'studio'" in page.add_status.text() and GOOD not in page.add_status.text()
    assert memory_keyring.store[(VIMMERSE.keyring_service, "studio")] == GOOD
    assert ctx.vimmerse is client and client.api_key == GOOD and ctx.has_key("vimmerse")
    assert changes and changes[-1] == s.vimmerse_connection
    assert s.vimmerse_account == f"vimmerse|127.0.0.1:{vlive.port}|studio"
    page.select_profile("studio")
    assert "✓ in use" in page.profile_list.currentItem().text()
    # the Verging side did not change: still no Verging key
    assert not ctx.has_key("verging") and s.keystore.names() == []

    # the status line: what Vimmerse charged this month (nothing yet), and why there is no balance
    loop.run_until_complete(until(lambda: status.provider_text("vimmerse") == "Vimmerse: 0 credits charged this month",
                                  5, "the Vimmerse line"))
    tip = status.providers["vimmerse"].toolTip()
    assert "does not publish your balance" in tip and "vimmerse.net" in tip

    # never in a file (config, data, logs, the job database) or a log line
    assert files_containing(isolated.values(), GOOD) == []
    assert files_containing(isolated.values(), UNKNOWN) == []
    # the app's own lines never hold it; a library's debug line (qasync names a worker's arguments)
    # never reaches a log file whole: the app's log handlers redact every key it knows of (and the
    # app keeps other libraries at WARNING)
    own = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("verging_desktop"))
    assert own and GOOD not in own and UNKNOWN not in own
    every = "\n".join(redact(r.getMessage()) for r in caplog.records)
    assert GOOD not in every and UNKNOWN not in every


def test_the_environment_key_is_shown_read_only(harness, loop, qtbot, vlive, monkeypatch):
    monkeypatch.setenv("VIMMERSE_API_KEY", ENV_KEY)
    ctl = harness.start()
    ctx = ctl.ctx
    assert ctx.vimmerse.api_key == ENV_KEY and ctx.has_key("vimmerse")
    dlg = ctl.window.open_keys_dialog()
    dlg.show_provider("vimmerse")
    page = dlg.vimmerse
    page.select_profile("environment")
    item = page.profile_list.currentItem()
    assert "VIMMERSE_API_KEY" in item.text() and "read-only" in item.text() and "in use" in item.text()
    assert not page.remove_button.isEnabled()
    assert ENV_KEY not in item.text()


def test_sandbox_mode_wires_vimmerse_and_leaving_restores_the_profile(harness, loop, qtbot, vlive, memory_keyring,
                                                                      isolated):
    # a profile saved by an earlier run: its name in the config dir, its key in the keyring
    memory_keyring.store[(VIMMERSE.keyring_service, "studio")] = GOOD
    (isolated["config"] / "profiles-vimmerse.json").write_text('{"profiles": ["studio"], "active": "studio"}', "utf-8")
    ctl = harness.start()
    s, ctx = ctl.session, ctl.ctx
    client = ctx.vimmerse
    assert client.api_key == GOOD
    run(loop, s.start_sandbox())
    sb = vimmerse_sandbox(ctl)
    assert ctx.vimmerse is client and client.api_key == sb.vimmerse_demo_key
    assert client.base_url == sb.vimmerse_url.rstrip("/")
    assert s.vimmerse_account.endswith("|sandbox")
    run(loop, client.validate_key())
    run(loop, s.leave_sandbox())
    assert ctx.vimmerse is client and client.api_key == GOOD
    assert client.base_url == vlive.vimmerse_url.rstrip("/")


def _charge(store, account, kind, credits, estimated=None, status=LocalStatus.COMPLETED, remote="asset-1"):
    """A Vimmerse job as the queue records it: sent (a server id), then the asset's credits."""
    r = store.add(provider="vimmerse", kind=kind, estimated_credits=estimated if estimated is not None else credits,
                  input_name="clip.mp4", account=account)
    store.update(r.local_id, remote_id=remote, status=status, charged_credits=credits, submitted_at=time.time())


def test_vimmerse_charges_in_the_status_line_and_the_usage_chart_in_vimmerse_credits(harness, loop, qtbot):
    ctl = harness.start("--sandbox")
    w, s, ctx = ctl.window, ctl.session, ctl.ctx
    sb = vimmerse_sandbox(ctl)
    assert ctx.has_key("vimmerse") and ctx.vimmerse.api_key == sb.vimmerse_demo_key
    assert type(ctx.vimmerse_pricing).__name__ == "VimmersePricing"
    status = w.status
    loop.run_until_complete(until(lambda: status.provider_text("vimmerse") == "Vimmerse: 0 credits charged this month",
                                  5, "the Vimmerse line"))
    assert "Sandbox" in status.providers["vimmerse"].toolTip()

    # the Verging side spends too: its credits stay apart
    run(loop, s.client.chat([{"role": "user", "content": "hello"}]))
    queue = run(loop, ctx.jobs.core.ready())
    store = queue.store
    _charge(store, s.vimmerse_account, "vimmerse-crop", 12, remote="asset-1")
    _charge(store, s.vimmerse_account, "vimmerse-reframe", 22, remote="asset-2")
    _charge(store, s.vimmerse_account, "vimmerse-enhance", None, estimated=9, status=LocalStatus.PROCESSING,
            remote="asset-3")
    _charge(store, "vimmerse|elsewhere|other", "vimmerse-crop", 500, remote="asset-4")  # another account's
    # the line follows the store (a charge arrives when an asset is read)
    loop.run_until_complete(until(lambda: status.provider_text("vimmerse") == "Vimmerse: 34 credits charged this month",
                                  5, "the charges in the Vimmerse line"))
    assert "estimated at 9 Vimmerse credits" in status.providers["vimmerse"].toolTip()

    # clicking it shows the Vimmerse charges in the account view
    click(qtbot, status.providers["vimmerse"])
    dlg = w.account_dialog
    assert dlg is not None and dlg.isVisible() and dlg.provider == "vimmerse"
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "vimmerse"
                                  and dlg.chart.data is not None, 10, "the Vimmerse history"))
    data = dlg.chart.data
    assert data.provider == "vimmerse" and abs(data.grand_total - (12 + 22 + 9)) < 1e-9
    assert "Vimmerse credits" in dlg.chart.title
    assert "Vimmerse credits" in dlg.chart.tooltip_text(len(data.days) - 1)
    assert dlg.total_label.text() == "Total: 43 Vimmerse credits in 3 records"
    assert dlg.table.rowCount() == 3
    assert {dlg.table.item(r, 2).text() for r in range(3)} == {"12", "22", "~9"}
    assert "publishes no usage list" in dlg.source_note.text()
    # the header shows Vimmerse's figures, not Verging's balance, and buys nothing on verging.ai
    assert dlg.balance.text() == "34 Vimmerse credits"
    assert dlg.dollars.text() == "charged this month, from this app's jobs" and "$" not in dlg.dollars.text()
    assert "Vimmerse does not publish a balance" in dlg.name.text() and dlg.email.text() == "Vimmerse"
    assert "verging.ai" not in dlg.buy.toolTip() and dlg.buy.text() == "Open vimmerse.net…"
    opened: list[str] = []
    dlg._open_url = lambda url: opened.append(url.toString()) or True
    click(qtbot, dlg.buy)
    assert opened == ["https://vimmerse.net"] and getattr(dlg, "buy_window", None) is None

    # Verging's chart holds Verging credits only
    dlg.show_provider("verging")
    loop.run_until_complete(until(lambda: dlg.history is not None and dlg.history.provider == "verging"
                                  and dlg.chart.data is not None and not dlg.chart.data.empty, 10, "Verging's"))
    assert dlg.dollars.text().startswith("worth about $") and dlg.buy.text() == "Buy credits…"
    assert dlg.balance.text() == f"{sb.credits(sb.demo_key):,g} credits" and "verging.ai" in dlg.buy.toolTip()
    spent = 1000 - sb.credits(sb.demo_key)
    assert abs(dlg.chart.data.grand_total - spent) < 1e-6 and spent < 12
    assert all(e.provider == "verging" for e in dlg.history.entries)


def test_a_key_vimmerse_refuses_turns_the_line_red_and_it_opens_the_keys(harness, loop, qtbot, vlive, monkeypatch):
    from verging_desktop.core.errors import AuthError

    monkeypatch.setenv("VIMMERSE_API_KEY", UNKNOWN)  # a key Vimmerse does not know (revoked, mistyped)
    ctl = harness.start()
    w, ctx = ctl.window, ctl.ctx
    status = w.status
    assert status.provider_text("vimmerse") == "Vimmerse: 0 credits charged this month"
    with pytest.raises(AuthError):
        run(loop, ctx.vimmerse.estimate("upload-video", "UploadVideo"))
    assert status.provider_text("vimmerse") == "Vimmerse: key problem"
    assert status.providers["vimmerse"].property("kind") == "error"
    assert "refused" in status.providers["vimmerse"].toolTip() and UNKNOWN not in status.providers["vimmerse"].toolTip()
    click(qtbot, status.providers["vimmerse"])
    dlg = w.keys_dialog
    assert dlg is not None and dlg.isVisible() and dlg.tabs.currentWidget() is dlg.vimmerse
    assert "refused" in dlg.vimmerse.profile_status.text()


def test_a_vimmerse_key_alone_opens_the_tools_not_the_welcome_page(harness, loop, qtbot, vlive, monkeypatch):
    monkeypatch.setenv("VIMMERSE_API_KEY", GOOD)
    ctl = harness.start()
    w = ctl.window
    assert not ctl.ctx.has_key("verging") and ctl.ctx.has_key("vimmerse")
    assert not w.showing_welcome
    assert w.status.state_text == "No API key"  # Verging's state is still said
    assert w.status.provider_text("vimmerse") == "Vimmerse: 0 credits charged this month"
